"""Every rated item counts, disagreement relative to the scale, each interviewer once, splits with
reasons, addenda on their item, rounds not needed after an auto-decline (issue #11)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from scorecard.domain.candidate import Candidate
from scorecard.domain.consolidation import (
    RoundState,
    consolidate,
    disagreement_threshold,
)
from scorecard.domain.kit import Kit
from scorecard.domain.scorecard import Addendum, ItemResponse
from tests.domain.test_consolidation import CAND, IND, KIT, T0, VERSION, card, report


@pytest.mark.parametrize(("steps", "threshold"), [(2, 2), (3, 2), (4, 2), (5, 2), (6, 3), (7, 3), (9, 4)])
def test_disagreement_threshold_follows_the_scale(steps, threshold):
    assert disagreement_threshold(steps) == threshold


def seven_point_kit() -> Kit:
    data = KIT.model_dump()
    data["scales"] = [{"id": "seven", "name": "Seven", "steps": [
        {"id": f"s{i}", "value": i, "label": f"L{i}"} for i in range(1, 8)]}]
    data["default_scale"] = "seven"
    return Kit.model_validate(data)


def test_two_steps_apart_is_not_a_disagreement_on_a_seven_step_scale():
    kit = seven_point_kit()

    def rep(a, b):
        return consolidate(candidate=CAND, kit=kit, kit_version=VERSION, exported_at=T0,
                           scorecards=[card("Ann", "tech", {"q-api": a}), card("Bob", "tech", {"q-api": b}, n=1)])
    row = rep("s2", "s4").matrix.row("api")
    assert row.threshold == 3 and row.spread == 2 and not row.disagreement
    assert rep("s2", "s5").matrix.row("api").disagreement


def exercise_kit() -> Kit:
    """The test kit with an exercise that gives evidence for Operations (which no question asks about)."""
    data = KIT.model_dump()
    for item in data["items"]:
        if item["id"] == "ex":
            item["evidence_for"] = {"competencies": ["ops"], "attitudes": ["own"]}
    data["items"].append({"type": "video_question", "id": "vid", "round": "screen", "prompt": "Tell us",
                          "evidence_for": {"competencies": ["api"]}})
    data["items"].append({"type": "resume_criterion", "id": "cv", "round": "screen", "prompt": "Experience?"})
    return Kit.model_validate(data)


def test_exercises_video_and_resume_criteria_get_rows_and_feed_what_they_name():
    kit = exercise_kit()
    r = consolidate(candidate=CAND, kit=kit, kit_version=VERSION, exported_at=T0, scorecards=[
        card("Ann", "tech", {"ex": "s5"}), card("Bob", "tech", {"ex": "s1"}, n=1),
        card("Cy", "screen", {"vid": "s4", "cv": "s3"}, n=2)])
    kinds = {row.dimension_id: row.kind for row in r.matrix.rows}
    assert (kinds["ex"], kinds["vid"], kinds["cv"]) == ("exercise", "video", "resume")
    assert [g for g, _ in r.matrix.groups] == ["Engineering", "Attitudes", "Exercises", "Video response",
                                               "Résumé criteria"]
    # the split exercise: on its own row and on the competency it names, which is no longer a gap
    assert r.matrix.row("ex").disagreement and r.matrix.row("ex").spread == 4
    ops = r.matrix.row("ops")
    assert not ops.gap and ops.disagreement and ops.via == ("Code it",)
    assert {s.name for s in r.splits} >= {"Code it", "Operations", "Ownership"}
    # the video answer counts for APIs; résumé criteria take no part in the level view
    assert [x.label for x in r.matrix.row("api").ratings] == ["Strong"]
    level_ids = [x.competency_id for x in r.level_view.rows]
    assert "ex" in level_ids and "vid" in level_ids and "cv" not in level_ids
    ex_level = next(x for x in r.level_view.rows if x.competency_id == "ex")
    assert ex_level.split and ex_level.kind == "exercise"


def test_evidence_for_must_name_known_competencies():
    data = KIT.model_dump()
    for item in data["items"]:
        if item["id"] == "ex":
            item["evidence_for"] = {"competencies": ["incident-command"]}
    with pytest.raises(ValueError, match="unknown competency 'incident-command'"):
        Kit.model_validate(data)


def test_each_interviewer_counts_once_in_the_panel_figure():
    data = KIT.model_dump()
    data["items"] += [{"type": "competency_question", "id": f"q-api{i}", "round": "tech", "prompt": f"API {i}?",
                       "competency": "api", "indicators": IND} for i in (2, 3)]
    kit = Kit.model_validate(data)
    # Ann asked three API questions (Exceptional ×3), Bob and Cy one each (Weak)
    r = consolidate(candidate=CAND, kit=kit, kit_version=VERSION, exported_at=T0, scorecards=[
        card("Ann", "tech", {"q-api": "s5", "q-api2": "s5", "q-api3": "s5"}),
        card("Bob", "tech", {"q-api": "s2"}, n=1), card("Cy", "tech", {"q-api": "s2"}, n=2)])
    api = r.matrix.row("api")
    # by rating the median would be Exceptional (3 of 5); by interviewer it is Weak (2 of 3)
    assert api.panel_label == "Weak"
    lv = next(x for x in r.level_view.rows if x.competency_id == "api")
    assert lv.median_label == "Weak" and lv.split  # a DISAGREE row never reads as a confident figure
    assert dict(lv.per_interviewer) == {"Ann": "Exceptional", "Bob": "Weak", "Cy": "Weak"}
    # a cell keeps the interviewer's own spread visible
    ann = api.cells[0]
    assert ann.own_spread == 0 and not ann.split and ann.position == 1.0


def test_one_interviewers_own_split_marks_the_cell():
    data = KIT.model_dump()
    data["items"].append({"type": "competency_question", "id": "q-api2", "round": "tech", "prompt": "API 2?",
                          "competency": "api", "indicators": IND})
    kit = Kit.model_validate(data)
    r = consolidate(candidate=CAND, kit=kit, kit_version=VERSION, exported_at=T0,
                    scorecards=[card("Ann", "tech", {"q-api": "s1", "q-api2": "s5"})])
    cell = r.matrix.row("api").cells[0]
    assert cell.split and cell.own_spread == 4


def test_splits_carry_both_sides_reasons_and_recommendation_splits():
    ann = card("Ann", "tech", {"q-api": "s5"}, rec="strong-yes")
    ann.responses["q-api"].notes = "Designed the versioning scheme herself. Then more."
    ann.summary = "Strong on APIs. Would hire."
    bob = card("Bob", "tech", {"q-api": "s1"}, rec="no", n=1)
    bob.responses["q-api"].notes = ""
    bob.summary = "Could not explain contract tests. Not ready."
    r = report(ann, bob)
    api = next(s for s in r.splits if s.name == "APIs")
    assert (api.low.interviewer, api.low.label, api.high.interviewer, api.high.label) == ("Bob", "Poor", "Ann",
                                                                                          "Exceptional")
    assert api.high.reason == "Designed the versioning scheme herself." and not api.high.reason_from_summary
    assert api.low.reason == "Could not explain contract tests." and api.low.reason_from_summary
    rec = next(s for s in r.splits if s.kind == "recommendation")
    assert rec.name == "Recommendation · Technical" and (rec.low.label, rec.high.label) == ("No", "Strong yes")


def test_an_addendum_is_marked_on_the_item_it_corrects():
    ann = card("Ann", "tech", {"q-api": "s3", "q-data": "s4"})
    ann.addenda.append(Addendum(id="a1", scorecard_id=ann.id, author="Ann", text="Meant Weak on data.",
                                created_at=T0 + timedelta(days=1), item_id="q-data"))
    r = report(ann)
    items = {i.item_id: i for i in r.evidence[1].scorecards[0].items}
    assert [a.text for a in items["q-data"].addenda] == ["Meant Weak on data."] and not items["q-api"].addenda
    assert r.evidence[1].scorecards[0].addenda[0].item_number == 2
    assert r.matrix.row("data").cells[0].addendum and not r.matrix.row("api").cells[0].addendum


def test_rounds_not_run_after_an_auto_decline_are_not_needed():
    declined = Candidate(id="c1", name="X", kit_id="k", target_level="mid", auto_declined=True)
    r = report(card("Ann", "screen", ko=ItemResponse(item_id="ko", knockout_option="no")), candidate=declined)
    states = {s.round_id: s.state for s in r.rounds}
    assert states == {"screen": RoundState.COMPLETE, "tech": RoundState.NOT_NEEDED, "team": RoundState.NOT_NEEDED}
    assert report(card("Ann", "screen")).rounds[1].state is RoundState.MISSING


def test_level_view_summary_is_one_line_for_page_one():
    r = report(card("Ann", "tech", {"q-api": "s4", "q-data": "s3"}))
    assert r.level_view.summary == ("Evidence against Mid's expectations: 1 at, 1 above (of 2 competencies rated; "
                                    "1 not rated). The committee decides the level.")


def test_agreement_needs_enough_pairable_ratings():
    r = report(card("Ann", "tech", {"q-api": "s4"}), card("Bob", "tech", {"q-api": "s4"}, n=1))
    assert not r.agreement.enough and r.agreement.band == "too few ratings to measure agreement"
    assert r.agreement.pairable == 2
