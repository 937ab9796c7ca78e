"""A committee report over scorecards scored on two kit versions (a kit edited mid-process).

Version 7 is the sample kit; version 8 rewords one anchor and adds a question. The
report is laid out by version 8, and each scorecard's evidence is the version its
interviewer saw.
"""

from __future__ import annotations

import pdf_samples as samples
import pytest
from pdf_reading import Pdf

from scorecard.domain.consolidation import consolidate, interviewer_view
from scorecard.pdf import render_consolidated, render_interviewer

V7_ANCHOR = "Anchor for Poor: No relevant example; vague or contradictory."


@pytest.fixture(scope="module")
def kits(kit):
    v8 = samples.kit_v8()
    return {
        "kv-7": (samples.make_version(kit), kit),
        "kv-8": (samples.make_version(v8, version=8, version_id="kv-8", content_hash="8e8e8e8e8e8e8e"), v8),
    }


@pytest.fixture(scope="module")
def mixed(kits):
    (_v7, kit7), (v8, kit8) = kits["kv-7"], kits["kv-8"]
    # Zoë scored the technical round on version 7, before the edit; 王伟 on version 8, after it
    zoe = samples.scorecard(kit7, samples.NAMES[0], "tech",
                            {"tech-1": "1", "tech-2": "3", "tech-3": "3", "tech-4": "3", "coding": "3"}, n=1,
                            notes={"tech-1": "V7-NOTE guessed the endpoint parameters."})
    wang = samples.scorecard(kit8, samples.NAMES[1], "tech",
                             {"tech-1": "4", "tech-new": "5", "tech-2": "3", "tech-3": "3", "tech-4": "3",
                              "coding": "4"}, n=2, version_id="kv-8",
                             notes={"tech-new": "V8-NOTE load-tested with k6 at twice peak."})
    wang.responses["coding"].variant = "ai"
    report = consolidate(candidate=samples.make_candidate(), kit=kit8, kit_version=v8, scorecards=[zoe, wang],
                         exported_at=samples.EXPORTED, kits_by_version=kits)
    return report, Pdf(render_consolidated(report)), (zoe, wang)


def _evidence_of(pdf: Pdf, name: str, until: str | None) -> str:
    flat = pdf.flat
    start = flat.index(f"{name} · Hiring Manager Technical Deep Dive")
    return flat[start: flat.index(until, start + 1) if until else len(flat)]


def test_both_versions_evidence_as_each_interviewer_saw_it(mixed, kits):
    _report, pdf, (zoe, wang) = mixed
    zoe_part = _evidence_of(pdf, samples.NAMES[0], f"{samples.NAMES[1]} · Hiring Manager")
    wang_part = _evidence_of(pdf, samples.NAMES[1], None)
    # Zoë rated Poor on version 7, whose anchor for Poor is the scale's; version 8 rewords it
    assert V7_ANCHOR in zoe_part and samples.V8_ANCHOR not in zoe_part
    assert samples.V8_NEW_ITEM in wang_part and samples.V8_NEW_ITEM not in zoe_part
    assert "V7-NOTE guessed the endpoint parameters." in zoe_part
    assert "V8-NOTE load-tested with k6 at twice peak." in wang_part
    # nothing lost: every item of each scorecard's own version is in its evidence
    for card, part, vid in ((zoe, zoe_part, "kv-7"), (wang, wang_part, "kv-8")):
        own = kits[vid][1]
        for item in own.items_in("tech"):
            assert item.title in part, (card.interviewer, item.title)
        assert part.count("Notes") == len(own.items_in("tech"))


def test_the_reworded_anchor_is_shown_to_whoever_rated_at_it(kits):
    (v7, kit7), (v8, kit8) = kits["kv-7"], kits["kv-8"]
    old = samples.scorecard(kit7, "Ann", "tech", {"tech-1": "1"}, n=1)
    new = samples.scorecard(kit8, "Bea", "tech", {"tech-1": "1"}, n=2, version_id="kv-8")
    report = consolidate(candidate=samples.make_candidate(), kit=kit8, kit_version=v8, scorecards=[old, new],
                         exported_at=samples.EXPORTED, kits_by_version=kits)
    flat = Pdf(render_consolidated(report)).flat
    ann = flat[flat.index("Ann · Hiring Manager"):flat.index("Bea · Hiring Manager")]
    bea = flat[flat.index("Bea · Hiring Manager"):]
    assert V7_ANCHOR in ann and samples.V8_ANCHOR not in ann
    assert f"Anchor for Poor: {samples.V8_ANCHOR}" in bea and V7_ANCHOR not in bea


def test_cover_names_the_versions_and_the_older_scorecards(mixed):
    _report, pdf, _cards = mixed
    cover = pdf.page_flat(1)
    assert "integration-engineer — version 8" in cover
    assert "rounds, competencies and levels below follow version 8" in cover
    assert "Scored on version 8 (content 8e8e8e8e8e8e): 1 scorecard; version 7 (content 9f2c1e0a7b3d): " \
           f"1 scorecard — {samples.NAMES[0]} (Hiring Manager Technical Deep Dive)" in cover
    assert "scored on version 7" in cover  # beside Zoë's recommendation
    assert "Kit versions differ: 1 of 2 scorecards were scored on an older version of the kit (version 7) " \
           "than this report's version 8" in cover


def test_older_scorecards_evidence_header_says_so(mixed):
    _report, pdf, _cards = mixed
    zoe_part = _evidence_of(pdf, samples.NAMES[0], f"{samples.NAMES[1]} · Hiring Manager")
    assert zoe_part.startswith(f"{samples.NAMES[0]} · Hiring Manager Technical Deep Dive — scored on version 7")
    assert "Scored on version 7 of the kit" in zoe_part
    assert "the rest of this report follows version 8" in zoe_part
    # 王伟 scored on the report's own version: the heading goes straight on to the status
    assert f"{samples.NAMES[1]} · Hiring Manager Technical Deep Dive Submitted 2025-03-03" in pdf.flat
    assert f"{samples.NAMES[0]} (v7)" in pdf.outline_titles()


def test_disagreement_is_measured_across_versions(mixed):
    report, pdf, _cards = mixed
    api = report.matrix.row("api")
    # Zoë's Poor (v7) against 王伟's Exceptional on the question version 8 added
    assert api.disagreement and api.spread == 4
    flat = pdf.flat
    matrix = flat[flat.index("Competencies, attitudes and items × interviewers"):flat.index("Level view — held against")]
    assert matrix.count("DISAGREE") == 1
    assert "Poor · v7" in matrix  # the older rating is marked with its version
    assert "Disagreement on 1 dimension: API & Endpoint Development (4 steps)" in flat


def test_interviewer_export_of_an_older_scorecard_shows_its_own_version(mixed, kits):
    _report, _pdf, (zoe, _wang) = mixed
    v8, kit8 = kits["kv-8"]
    view = interviewer_view(candidate=samples.make_candidate(), kit=kit8, kit_version=v8, scorecard=zoe,
                            exported_at=samples.EXPORTED, kits_by_version=kits)
    flat = Pdf(render_interviewer(view)).flat
    assert "integration-engineer — version 7" in flat
    assert V7_ANCHOR in flat and samples.V8_NEW_ITEM not in flat
