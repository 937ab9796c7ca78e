"""Exporting PDFs through the service: atomic files, clear failures, the blank guide."""

import io

import pytest
from pypdf import PdfReader

from scorecard.services.export import ExportFailed, pdf_filename, write_atomically


def _text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def scored(services):
    cand = services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    s = services.scoring
    card = s.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Łukasz Wróbel")
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p2", checked=True)
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes="Described Pact contract tests in detail.")
    return services, cand, card


def test_consolidated_export_contains_the_evidence(scored, tmp_path):
    services, cand, _card = scored
    out = services.export.export_consolidated(candidate_id=cand.id, out=tmp_path / "r.pdf")
    text = _text(out.read_bytes())
    assert "Zoë Ñúñez" in text
    assert "Łukasz Wróbel" in text
    assert "Described Pact contract tests in detail." in text
    assert "Uses contract tests" in text
    assert "draft" in text.lower()


def test_interviewer_and_round_guide_exports(scored, tmp_path):
    services, _cand, card = scored
    one = services.export.export_interviewer(scorecard_id=card.id, out=tmp_path / "one.pdf")
    assert "Described Pact contract tests" in _text(one.read_bytes())
    guide = services.export.export_round_guide(kit_id="mini", round_id="tech", out=tmp_path / "g.pdf")
    guide_text = _text(guide.read_bytes())
    assert "Tell me about an API you built." in guide_text and "Guesses parameters" in guide_text


def test_failed_export_leaves_the_previous_file_untouched(scored, tmp_path, monkeypatch):
    services, cand, _card = scored
    target = tmp_path / "out" / "r.pdf"
    target.parent.mkdir()
    target.write_bytes(b"previous report")

    def boom(*_a, **_k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("scorecard.services.export.os.fsync", boom)
    with pytest.raises(ExportFailed, match="No space left"):
        services.export.export_consolidated(candidate_id=cand.id, out=target)
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in target.parent.iterdir()] == ["r.pdf"], "no partial file left behind"


def test_write_atomically_refuses_an_unwritable_folder(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(ExportFailed, match="cannot write into"):
        write_atomically(blocker / "sub" / "r.pdf", b"%PDF")


def test_export_all_writes_one_file_per_candidate_with_progress(scored, tmp_path):
    services, _cand, _card = scored
    services.candidates.add(name="王伟", kit_id="mini", target_level="junior")
    seen = []
    written, failed = services.export.export_all(out_dir=tmp_path / "all", progress=lambda d, t, c: seen.append((d, t)))
    assert failed == []
    assert sorted(p.name.split(" (")[0] for p in written) == sorted(["Zoë Ñúñez", "王伟"])
    assert seen[0] == (0, 2) and seen[-1] == (2, 2)


def test_file_names_are_safe_but_keep_the_script():
    from scorecard.domain.candidate import Candidate

    name = pdf_filename(Candidate(id="12345678-aaaa", name='王伟 / "R&D"?', kit_id="k", target_level="j"))
    assert name.startswith("王伟  R&D (12345678)")
    assert "/" not in name and '"' not in name and "?" not in name


def test_unknown_round_for_a_guide_lists_the_rounds(services, tmp_path):
    from scorecard.services.errors import NotFound

    with pytest.raises(NotFound, match="screen, tech"):
        services.export.round_guide_pdf(kit_id="mini", round_id="nope")
