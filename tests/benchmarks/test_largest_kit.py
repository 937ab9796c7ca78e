"""The largest kit the format accepts renders in bounded time: every text at its cap
(names and labels 200 characters, table-cell texts 500, other texts 3,000), three interviewers
with long notes on every item — the committee report and the round guide."""

from __future__ import annotations

import copy
import time

import pytest

from scorecard.domain.kit import Kit
from scorecard.kits.yaml_source import text_limit
from scorecard.services import open_services
from scorecard.services.export import ExportFailed
from tests.benchmarks.bench import ms, record
from tests.factories import MINI_KIT

#: Keys whose values are ids, references or fixed words, not free text.
_FIXED = {"id", "round", "competency", "type", "default_scale", "scale", "stage", "outcome", "value", "attitude",
          "kind", "variant", "target_level"}


def _largest(value, loc=(), unbroken=False):
    if isinstance(value, dict):
        return {k: (v if k in _FIXED else _largest(v, loc + (k,), unbroken)) for k, v in value.items()}
    if isinstance(value, list):
        return [_largest(v, loc + (i,), unbroken) for i, v in enumerate(value)]
    if isinstance(value, str):
        n = text_limit(loc)
        return ("W" * n) if unbroken else ("word " * n)[:n]
    return value


def _render(tmp_path, unbroken: bool) -> tuple[float, float]:
    kit = Kit.model_validate(_largest(copy.deepcopy(MINI_KIT), unbroken=unbroken))
    with open_services(tmp_path / f"largest-{unbroken}.sqlite3") as svc:
        svc.kits.import_kit(kit, source_name="largest.yaml", source_text="#")
        cand = svc.candidates.add(name="N" * 400, kit_id="mini", target_level="mid")
        for who in ("A" * 60, "B" * 60, "C" * 60):
            card = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer=who)
            for item in svc.kits.latest("mini")[1].items:
                if item.round == "tech":
                    svc.scoring.set_notes(scorecard_id=card.id, item_id=item.id, notes="note " * 2000)
        started = time.perf_counter()
        svc.export.consolidated_pdf(cand)
        report = time.perf_counter() - started
        started = time.perf_counter()
        svc.export.round_guide_pdf(kit_id="mini", round_id="tech")
        return report, time.perf_counter() - started


def test_the_largest_kit_the_format_accepts_renders_in_bounded_time(tmp_path):
    report, guide = _render(tmp_path, unbroken=False)
    ok = report < 10 and guide < 10
    record("Largest accepted kit (every text at its cap, 3 interviewers' long notes): committee PDF / round guide",
           f"{ms(report)} / {ms(guide)}", target="< 10 s each", met=ok)
    assert ok


def test_the_largest_kit_written_without_spaces_renders_or_says_why(tmp_path):
    try:
        report, guide = _render(tmp_path, unbroken=True)
    except ExportFailed as exc:  # an unbreakable word taller than a page in a narrow column: a sentence
        record("Largest accepted kit, texts without spaces", "refused with a sentence", target="no crash", met=True)
        assert "too long to fit" in str(exc)
        pytest.skip(f"not laid out: {exc}")
    record("Largest accepted kit, texts without spaces", f"{ms(report)} / {ms(guide)}", target="< 10 s", met=True)
    assert report < 10 and guide < 10
