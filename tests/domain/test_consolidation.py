"""Rules of the committee report: round status, disagreement, gaps, level view, knock-outs."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.consolidation import (
    RoundState,
    consolidate,
    interviewer_view,
)
from scorecard.domain.kit import Kit, KnockoutOutcome
from scorecard.domain.scorecard import Addendum, ItemResponse, Scorecard, ScorecardStatus

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc)
IND = {"positive": ["good sign", "another good sign"], "negative": ["bad sign"]}


def make_kit() -> Kit:
    return Kit.model_validate(
        {
            "id": "k",
            "title": "Test role",
            "levels": [{"id": "jr", "name": "Junior"}, {"id": "mid", "name": "Mid"}, {"id": "sr", "name": "Senior"}],
            "rounds": [
                {"id": "screen", "name": "Screen", "stage": "application"},
                {"id": "tech", "name": "Technical", "stage": "interview"},
                {"id": "team", "name": "Team", "stage": "interview"},
            ],
            "disciplines": [
                {
                    "id": "eng",
                    "name": "Engineering",
                    "competencies": [
                        {"id": "api", "name": "APIs", "levels": {"jr": "api jr", "mid": "api mid", "sr": "api sr"}},
                        {"id": "data", "name": "Data", "levels": {"jr": "data jr", "mid": "data mid"}},
                        {"id": "ops", "name": "Operations", "levels": {"mid": "ops mid"}},
                    ],
                }
            ],
            "attitudes": [
                {"id": "listen", "name": "Listening", "definition": "Listens."},
                {"id": "own", "name": "Ownership", "definition": "Owns."},
            ],
            "scales": [
                {
                    "id": "five",
                    "name": "Five",
                    "steps": [
                        {"id": "s1", "value": 1, "label": "Poor", "anchor": "poor anchor"},
                        {"id": "s2", "value": 2, "label": "Weak"},
                        {"id": "s3", "value": 3, "label": "Meets", "anchor": "meets anchor"},
                        {"id": "s4", "value": 4, "label": "Strong"},
                        {"id": "s5", "value": 5, "label": "Exceptional"},
                    ],
                }
            ],
            "default_scale": "five",
            "items": [
                {
                    "type": "knockout_question",
                    "id": "ko",
                    "round": "screen",
                    "prompt": "Three years?",
                    "options": [
                        {"id": "yes", "label": "Yes", "outcome": "qualifies"},
                        {"id": "no", "label": "No", "outcome": "auto_decline"},
                        {"id": "maybe", "label": "Sort of", "outcome": "review"},
                    ],
                },
                {"type": "competency_question", "id": "q-api", "round": "tech", "prompt": "API?",
                 "competency": "api", "indicators": IND, "expectations": {"mid": "api expectation"},
                 "anchors": {"s3": "item-specific meets"}},
                {"type": "competency_question", "id": "q-data", "round": "tech", "prompt": "Data?",
                 "competency": "data", "indicators": IND},
                {"type": "attitude_question", "id": "q-listen", "round": "team", "prompt": "Listen?",
                 "attitude": "listen", "indicators": IND},
                {"type": "exercise", "id": "ex", "round": "tech", "prompt": "Code it", "kind": "coding_test",
                 "indicators": IND, "variants": [{"id": "ai", "name": "With AI", "task": "t"}]},
            ],
        }
    )


KIT = make_kit()
VERSION = KitVersion(id="kv1", kit_id="k", version=3, content_hash="abc", imported_at=T0, title="Test role")
CAND = Candidate(id="c1", name="Zoë Ñúñez", kit_id="k", target_level="mid")


def card(interviewer, round_id, ratings=None, *, submitted=True, rec="yes", n=0, **responses):
    sc = Scorecard(
        id=f"{interviewer}-{round_id}",
        candidate_id="c1",
        kit_version_id="kv1",
        round_id=round_id,
        interviewer=interviewer,
        recommendation=rec,
        summary="sum",
        created_at=T0 + timedelta(minutes=n),
    )
    for item_id, step in (ratings or {}).items():
        sc.responses[item_id] = ItemResponse(item_id=item_id, rating=step, notes="n")
    for item_id, resp in responses.items():
        sc.responses[item_id.replace("_", "-")] = resp
    if submitted:
        sc.status = ScorecardStatus.SUBMITTED
        sc.submitted_at = T0 + timedelta(hours=1)
    return sc


def report(*cards, candidate=CAND):
    return consolidate(candidate=candidate, kit=KIT, kit_version=VERSION, scorecards=list(cards), exported_at=T0)


def test_round_status_complete_draft_only_missing():
    r = report(card("Ann", "tech", {"q-api": "s3"}), card("Bob", "team", {"q-listen": "s3"}, submitted=False),
               card("Cy", "screen"))
    states = {s.round_id: s.state for s in r.rounds}
    assert states == {"screen": RoundState.COMPLETE, "tech": RoundState.COMPLETE, "team": RoundState.DRAFT_ONLY}
    assert report(card("Ann", "team")).rounds[0].state is RoundState.MISSING


def test_a_round_with_a_draft_outstanding_is_not_complete():
    r = report(card("Ann", "tech", {"q-api": "s3"}), card("Cy", "tech", {"q-api": "s3"}, submitted=False, n=1))
    tech = next(s for s in r.rounds if s.round_id == "tech")
    assert tech.state is RoundState.SUBMITTED_WITH_DRAFTS
    assert (tech.submitted_count, tech.draft_count) == (1, 1)
    ev = next(e for e in r.evidence if e.round_id == "tech")
    assert ev.state is RoundState.SUBMITTED_WITH_DRAFTS and (ev.submitted_count, ev.draft_count) == (1, 1)


def test_recommendations_carry_label_and_draft_flag():
    r = report(card("Ann", "tech", rec="strong-yes"), card("Bob", "team", rec="no", submitted=False))
    recs = {x.interviewer: x for x in r.recommendations}
    assert recs["Ann"].label == "Strong yes" and not recs["Ann"].draft
    assert recs["Bob"].label == "No" and recs["Bob"].draft
    assert recs["Ann"].index == 3 and recs["Ann"].scale_size == 4


def test_recommendation_not_given_yet_is_none():
    r = report(card("Ann", "tech", rec=None, submitted=False))
    assert r.recommendations[0].label is None and r.recommendations[0].draft


def test_disagreement_needs_two_steps_of_spread():
    r = report(card("Ann", "tech", {"q-api": "s1", "q-data": "s3"}),
               card("Bob", "tech", {"q-api": "s3", "q-data": "s4"}, n=1))
    api, data = r.matrix.row("api"), r.matrix.row("data")
    assert api.disagreement and api.spread == 2
    assert not data.disagreement and data.spread == 1
    assert [row.dimension_id for row in r.disagreements] == ["api"]


def test_disagreement_ignores_drafts():
    r = report(card("Ann", "tech", {"q-api": "s1"}), card("Bob", "tech", {"q-api": "s5"}, submitted=False, n=1))
    row = r.matrix.row("api")
    assert not row.disagreement and row.spread == 0
    # the draft is still shown, marked as a draft
    bob = row.cells[r.interviewers.index("Bob")]
    assert [(x.label, x.draft) for x in bob.ratings] == [("Exceptional", True)]


def test_disagreement_within_one_interviewer_across_items():
    kit = Kit.model_validate(
        KIT.model_dump() | {"items": [*KIT.model_dump()["items"],
                                       {"type": "competency_question", "id": "q-api2", "round": "tech",
                                        "prompt": "API again?", "competency": "api", "indicators": IND}]}
    )
    sc = card("Ann", "tech", {"q-api": "s1", "q-api2": "s4"})
    r = consolidate(candidate=CAND, kit=kit, kit_version=VERSION, scorecards=[sc], exported_at=T0)
    row = r.matrix.row("api")
    assert row.disagreement and len(row.cells[0].ratings) == 2


def test_gaps_are_dimensions_nobody_rated():
    r = report(card("Ann", "tech", {"q-api": "s3"}), card("Bob", "team", {"q-listen": "s2"}, submitted=False))
    gaps = {row.dimension_id for row in r.gaps}
    assert gaps == {"data", "ops", "own", "ex"}  # the exercise nobody rated is a gap too
    assert r.matrix.row("listen").draft_only and not r.matrix.row("listen").gap
    assert r.matrix.row("ops").item_count == 0 and r.matrix.row("data").item_count == 1


def test_matrix_rows_cover_every_competency_and_attitude_grouped():
    r = report(card("Ann", "tech"))
    assert [row.dimension_id for row in r.matrix.rows] == ["api", "data", "ops", "listen", "own", "ex"]
    assert [g for g, _ in r.matrix.groups] == ["Engineering", "Attitudes", "Exercises"]


def test_interviewer_columns_in_round_then_time_order_once_each():
    r = report(card("Bob", "team", n=0), card("Ann", "tech", n=5), card("Ann", "screen", n=9),
               card("Cy", "tech", n=1))
    assert r.interviewers == ("Ann", "Cy", "Bob")


def test_level_view_shows_target_and_neighbours_and_median():
    r = report(card("Ann", "tech", {"q-api": "s2"}), card("Bob", "tech", {"q-api": "s4"}, n=1),
               card("Cy", "tech", {"q-api": "s4"}, n=2))
    lv = r.level_view
    assert (lv.below_level_name, lv.target_level_name, lv.above_level_name) == ("Junior", "Mid", "Senior")
    api = next(x for x in lv.rows if x.competency_id == "api")
    assert (api.below.text, api.target.text, api.above.text) == ("api jr", "api mid", "api sr")
    assert api.median_label == "Strong" and not api.median_from_drafts
    assert api.expectations == (("API?", "api expectation"),)
    data = next(x for x in lv.rows if x.competency_id == "data")
    assert data.above.text == "" and data.median_label is None
    # attitudes have no levels; the exercise takes part (résumé criteria and knock-outs would not)
    assert [x.competency_id for x in lv.rows] == ["api", "data", "ops", "ex"]


def test_level_view_even_split_and_draft_fallback():
    r = report(card("Ann", "tech", {"q-api": "s2", "q-data": "s3"}, submitted=False),
               card("Bob", "tech", {"q-api": "s4"}, n=1))
    api = next(x for x in r.level_view.rows if x.competency_id == "api")
    assert api.median_label == "Strong"  # submitted only; Ann's draft is not counted
    data = next(x for x in r.level_view.rows if x.competency_id == "data")
    assert data.median_label == "Meets" and data.median_from_drafts
    r2 = report(card("Ann", "tech", {"q-api": "s2"}), card("Bob", "tech", {"q-api": "s4"}, n=1))
    api2 = next(x for x in r2.level_view.rows if x.competency_id == "api")
    assert api2.median_label == "between Weak and Strong"


def test_level_view_at_the_edges_of_the_ladder():
    jr = Candidate(id="c1", name="X", kit_id="k", target_level="jr")
    lv = report(card("Ann", "tech"), candidate=jr).level_view
    assert lv.below_level_name is None and lv.above_level_name == "Mid"
    assert lv.rows[0].below is None


def test_knockout_auto_decline_is_worst_and_draft_is_provisional():
    r = report(card("Ann", "screen", ko=ItemResponse(item_id="ko", knockout_option="maybe")),
               card("Bob", "screen", ko=ItemResponse(item_id="ko", knockout_option="no"), submitted=False, n=1))
    assert r.knockout.outcome is KnockoutOutcome.AUTO_DECLINE and r.knockout.provisional
    assert r.knockout.auto_declined
    r2 = report(card("Ann", "screen", ko=ItemResponse(item_id="ko", knockout_option="no")))
    assert r2.knockout.auto_declined and not r2.knockout.provisional
    assert report(card("Ann", "tech")).knockout.outcome is None


def test_candidate_flag_auto_declines():
    flagged = Candidate(id="c1", name="X", kit_id="k", target_level="mid", auto_declined=True)
    k = report(card("Ann", "tech"), candidate=flagged).knockout
    assert k.auto_declined and k.outcome is KnockoutOutcome.AUTO_DECLINE and not k.provisional


def test_item_evidence_details():
    sc = card(
        "Ann", "tech",
        q_api=ItemResponse(item_id="q-api", rating="s3", checked={"p2", "n1"}, notes="said X", seconds_spent=95),
        q_data=ItemResponse(item_id="q-data", rating="s1"),
        ex=ItemResponse(item_id="ex", skip_reason="ran out of time", variant="ai"),
    )
    sc.addenda.append(Addendum(id="a", scorecard_id=sc.id, author="Ann", text="forgot", created_at=T0))
    view = interviewer_view(candidate=CAND, kit=KIT, kit_version=VERSION, scorecard=sc, exported_at=T0)
    items = {i.item_id: i for i in view.scorecard.items}
    api = items["q-api"]
    assert api.rating.label == "Meets" and api.anchor == "item-specific meets"
    assert {i.key for i in api.checked_indicators} == {"p2", "n1"}
    assert [i.key for i in api.indicators] == ["p1", "p2", "n1"]
    assert api.notes == "said X" and api.seconds_spent == 95 and not api.no_evidence
    assert items["q-data"].no_evidence and items["q-data"].anchor == "poor anchor"
    assert items["ex"].skip_reason == "ran out of time" and items["ex"].variant == "With AI"
    assert not items["ex"].no_evidence  # skipped, not rated
    assert view.scorecard.no_evidence_count == 1
    assert [a.text for a in view.scorecard.addenda] == ["forgot"]
    assert view.header.kit_version == 3 and view.header.target_level_name == "Mid"


def test_scorecards_from_elsewhere_are_refused():
    other = card("Ann", "tech")
    other.candidate_id = "c2"
    with pytest.raises(ValueError, match="candidate"):
        report(other)
    old = card("Ann", "tech")
    old.kit_version_id = "kv0"
    with pytest.raises(ValueError, match="kit version"):
        report(old)


# --- scorecards on several kit versions ---------------------------------------------------

V4 = KitVersion(id="kv2", kit_id="k", version=4, content_hash="def", imported_at=T0, title="Test role")


def kit_v4(**changes) -> Kit:
    """Version 4: the API question's 'Poor' anchor reworded and a second API question added."""
    data = KIT.model_dump()
    for it in data["items"]:
        if it["id"] == "q-api":
            it["anchors"] = {**it["anchors"], "s1": "v4 poor anchor"}
    data["items"].append({"type": "competency_question", "id": "q-api2", "round": "tech", "prompt": "API again?",
                          "competency": "api", "indicators": IND})
    data.update(changes)
    return Kit.model_validate(data)


def on(version_id, sc):
    sc.kit_version_id = version_id
    return sc


def test_scorecards_on_two_kit_versions_are_consolidated():
    v4 = kit_v4()
    ann = card("Ann", "tech", {"q-api": "s1", "q-data": "s3"})  # on version 3, before the edit
    bob = on("kv2", card("Bob", "tech", {"q-api": "s3", "q-api2": "s4", "q-data": "s3"}, n=1))
    r = consolidate(candidate=CAND, kit=v4, kit_version=V4, scorecards=[ann, bob], exported_at=T0,
                    kits_by_version={"kv1": (VERSION, KIT)})
    assert [(u.version, u.scorecards, u.is_frame) for u in r.header.kit_versions] == [(4, 1, True), (3, 1, False)]
    ann_ev, bob_ev = next(e for e in r.evidence if e.round_id == "tech").scorecards
    # each scorecard's evidence is its own version: Ann never saw q-api2 nor the reworded anchor
    assert [i.item_id for i in ann_ev.items] == ["q-api", "q-data", "ex"]
    assert [i.item_id for i in bob_ev.items] == ["q-api", "q-data", "ex", "q-api2"]
    assert ann_ev.items[0].anchor == "poor anchor"
    assert (ann_ev.older_version, ann_ev.kit_version, bob_ev.older_version, bob_ev.kit_version) == (True, 3, False, 4)
    assert r.older_scorecards == (ann_ev,)
    # ratings are placed by competency and compared across versions
    api = r.matrix.row("api")
    assert api.disagreement and api.spread == 3
    assert [(x.label, x.older_version, x.kit_version) for x in api.cells[0].ratings] == [("Poor", True, 3)]
    assert [x.label for x in api.cells[1].ratings] == ["Meets", "Strong"]
    assert r.recommendations[0].older_version and not r.recommendations[1].older_version
    # each interviewer counts once: Ann's Poor against Bob's own Meets-to-Strong
    assert next(x for x in r.level_view.rows if x.competency_id == "api").median_label == "between Poor and Strong"


def test_a_round_or_dimension_the_newer_version_dropped_is_kept():
    data = KIT.model_dump()
    v4 = Kit.model_validate(data | {
        "rounds": [r for r in data["rounds"] if r["id"] != "team"],
        "attitudes": [a for a in data["attitudes"] if a["id"] != "listen"],
        "items": [it for it in data["items"] if it["id"] != "q-listen"],
    })
    old = card("Ann", "team", {"q-listen": "s2"}, n=3)
    new = on("kv2", card("Bob", "tech", {"q-api": "s3"}))
    r = consolidate(candidate=CAND, kit=v4, kit_version=V4, scorecards=[old, new], exported_at=T0,
                    kits_by_version={"kv1": (VERSION, KIT)})
    team = r.rounds[-1]
    assert (team.round_id, team.name, team.in_current_kit, team.state) == ("team", "Team", False, RoundState.COMPLETE)
    assert [e.round_id for e in r.evidence] == ["screen", "tech", "team"]
    assert r.evidence[-1].scorecards[0].items[0].rating.label == "Weak"
    listen = r.matrix.row("listen")
    assert not listen.in_current_kit and listen.group_id == "retired"
    assert [x.label for x in listen.ratings] == ["Weak"]
    assert r.interviewers == ("Bob", "Ann")


def test_spread_across_scales_of_different_lengths_uses_positions():
    data = KIT.model_dump()
    three = {"id": "five", "name": "Three", "steps": [
        {"id": "s1", "value": 1, "label": "Below"}, {"id": "s3", "value": 3, "label": "Meets"},
        {"id": "s5", "value": 5, "label": "Above"}]}
    items = [{**it, "anchors": {}} for it in data["items"]]
    v4 = Kit.model_validate(data | {"scales": [three], "items": items})
    ann = card("Ann", "tech", {"q-api": "s2"})  # Weak: 1 of 4 steps up a five-step scale
    bob = on("kv2", card("Bob", "tech", {"q-api": "s5"}, n=1))  # Above: the top of a three-step scale
    r = consolidate(candidate=CAND, kit=v4, kit_version=V4, scorecards=[ann, bob], exported_at=T0,
                    kits_by_version={"kv1": (VERSION, KIT)})
    assert r.matrix.row("api").spread == 3  # (1.0 − 0.25) × 4 steps
    legend = {(s.name, s.labels) for s in r.scales}
    assert legend == {("Five", ("Poor", "Weak", "Meets", "Strong", "Exceptional")), ("Three", ("Below", "Meets", "Above"))}


def test_versions_must_be_given_and_the_frame_must_be_the_newest():
    v4 = kit_v4()
    ann = card("Ann", "tech", {"q-api": "s1"})
    with pytest.raises(ValueError, match="kits_by_version"):
        consolidate(candidate=CAND, kit=v4, kit_version=V4, scorecards=[ann], exported_at=T0)
    bob = on("kv2", card("Bob", "tech", {"q-api": "s1"}))
    with pytest.raises(ValueError, match="newer than the report's version 3"):
        consolidate(candidate=CAND, kit=KIT, kit_version=VERSION, scorecards=[bob], exported_at=T0,
                    kits_by_version={"kv2": (V4, v4)})


def test_interviewer_view_uses_the_scorecards_own_version():
    v4 = kit_v4()
    ann = card("Ann", "tech", {"q-api": "s1"})
    view = interviewer_view(candidate=CAND, kit=v4, kit_version=V4, scorecard=ann, exported_at=T0,
                            kits_by_version={"kv1": (VERSION, KIT)})
    assert view.header.kit_version == 3 and [i.item_id for i in view.scorecard.items] == ["q-api", "q-data", "ex"]
    assert view.scorecard.items[0].anchor == "poor anchor"


def test_item_splits_follow_the_matrix_rule_item_by_item():
    from scorecard.domain.consolidation import item_splits

    r = report(card("Ann", "tech", {"q-api": "s1", "q-data": "s3"}),
               card("Bob", "tech", {"q-api": "s3", "q-data": "s4"}, n=1),
               card("Cy", "tech", {"q-data": "s1"}, submitted=False, n=2))  # a draft never makes a split
    assert item_splits(r.evidence) == {("tech", "q-api"): 2}
    # one interviewer alone never splits an item with themself
    assert item_splits(report(card("Ann", "tech", {"q-api": "s1"})).evidence) == {}


def test_recommendation_spread_counts_submitted_recommendations_only():
    from scorecard.domain.consolidation import recommendation_spread

    r = report(card("Ann", "tech", rec="strong-yes"), card("Bob", "tech", rec="no", n=1),
               card("Cy", "tech", rec="strong-no", submitted=False, n=2))
    tech = next(s for s in r.rounds if s.round_id == "tech")
    assert recommendation_spread(tech.recommendations) == 2  # strong-yes (3) vs no (1); the draft's 0 is left out
    near = report(card("Ann", "tech", rec="yes"), card("Bob", "tech", rec="no", n=1))
    assert recommendation_spread(next(s for s in near.rounds if s.round_id == "tech").recommendations) is None
    assert [s.kind for s in r.splits] == ["recommendation"]  # the report's own splits use the same rule
