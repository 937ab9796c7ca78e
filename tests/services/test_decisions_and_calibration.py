"""Recording the committee's decision, showing it on page 1, and the calibration report (issue #11)."""

from __future__ import annotations

import io
from datetime import datetime, timezone

import pytest
from pypdf import PdfReader

from scorecard.cli.main import main
from scorecard.services.errors import InvalidInput


def _pages(data: bytes) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def scored(services):
    cand = services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    s = services.scoring
    for who, step in (("Ann", "meets"), ("Bob", "exceeds")):
        card = s.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer=who)
        s.rate(scorecard_id=card.id, item_id="q-api", step_id=step)
        s.set_notes(scorecard_id=card.id, item_id="q-api", notes=f"{who}'s evidence. More.")
        s.rate(scorecard_id=card.id, item_id="q-listen", step_id="meets")
        s.skip(scorecard_id=card.id, item_id="ex-code", reason="no time")
        s.set_recommendation(scorecard_id=card.id, step_id="yes")
        s.set_summary(scorecard_id=card.id, text="Fine.")
        s.submit(scorecard_id=card.id)
    return services, cand


def test_a_decision_is_stored_and_printed_on_page_one(scored):
    services, cand = scored
    at = datetime(2025, 4, 1, 10, 0, tzinfo=timezone.utc)
    made = services.decisions.record(candidate_id=cand.id, decision="hire", level_id="mid", decided_by="Grace",
                                     rationale="Clear evidence at Mid.", at=at)
    assert (made.label, made.level_name) == ("Hire", "Mid")
    again = services.decisions.record(candidate_id=cand.id, decision="hold", level_id=None, decided_by="Grace",
                                      rationale="Wait for the reference.", at=at.replace(hour=11))
    assert services.decisions.latest(cand.id) == again
    assert [d.decision for d in services.decisions.history(cand.id)] == ["hire", "hold"]  # history is kept
    sheet = _pages(services.export.consolidated_pdf(cand))[0]
    assert "Hold — more evidence needed — recorded by Grace on 2025-04-01 11:00 UTC" in sheet
    assert "Why: Wait for the reference." in sheet


def test_an_incomplete_decision_is_refused_with_every_reason(scored):
    services, cand = scored
    with pytest.raises(InvalidInput) as exc:
        services.decisions.record(candidate_id=cand.id, decision="hire", level_id=None, decided_by=" ",
                                  rationale="")
    text = str(exc.value)
    assert "a hire needs the level" in text and "say who decided" in text and "write why" in text
    with pytest.raises(InvalidInput, match="unknown level 'principal'; use one of junior, mid, senior"):
        services.decisions.record(candidate_id=cand.id, decision="no_hire", level_id="principal",
                                  decided_by="Grace", rationale="r")
    assert services.decisions.latest(cand.id) is None


def test_calibration_report_per_interviewer(scored):
    services, _cand = scored
    pages = _pages(services.export.calibration_pdf())
    text = " ".join(pages)
    assert "INTERVIEWER CALIBRATION" in text and "2 interviewers across 1 candidates" in text
    for words in ("Ann", "Bob", "Lean vs panel", "Ratings given, per scale", "Recommendations", "Splits",
                  "small sample", "more severe by 0.50 steps", "more lenient by 0.50 steps", "2 comparisons",
                  "too few ratings to measure agreement"):
        assert words in text, words


def test_decide_and_calibration_from_the_command_line(tmp_path, capsys):
    db = str(tmp_path / "demo.sqlite3")
    assert main(["--db", db, "demo"]) == 0
    capsys.readouterr()
    assert main(["--db", db, "decide", "王伟", "--decision", "hire", "--by", "Grace", "--why", "Good."]) == 1
    assert "a hire needs the level the committee hires at" in capsys.readouterr().err
    assert main(["--db", db, "decide", "王伟", "--decision", "hire", "--level", "mid", "--by", "Grace",
                 "--why", "Exercises outweigh the API split."]) == 0
    assert "Recorded for 王伟: Hire at Mid — Grace" in capsys.readouterr().out
    out = tmp_path / "r.pdf"
    assert main(["--db", db, "export", "王伟", "--out", str(out)]) == 0
    assert "Hire · level Mid — recorded by Grace" in _pages(out.read_bytes())[0]
    cal = tmp_path / "cal.pdf"
    assert main(["--db", db, "report", "calibration", "--out", str(cal)]) == 0
    text = " ".join(_pages(cal.read_bytes()))
    assert "Łukasz Wróbel" in text and "Agreement between pairs of interviewers" in text
    assert "Panel agreement across all candidates (Krippendorff's alpha, ordinal): α =" in text
