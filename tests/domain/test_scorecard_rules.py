"""The scorecard's interaction rules, in the domain alone: each method checks, applies, returns a change."""

from __future__ import annotations

import pytest

from scorecard.domain.errors import InvalidInput, ScorecardLocked
from scorecard.domain.scorecard import (
    CardSet,
    Created,
    MarkSet,
    ResponseSet,
    Scorecard,
    TimeAdded,
)
from tests.factories import mini_kit


@pytest.fixture
def kit():
    return mini_kit()


def card(**kw) -> Scorecard:
    return Scorecard(id="s1", candidate_id="c1", kit_version_id="v1", round_id="tech", interviewer="Ann", **kw)


def test_rating_clears_the_skip_and_the_change_carries_both(kit):
    c = card()
    c.skip(kit, "q-api", "ran out of time")
    change = c.rate(kit, "q-api", "meets")
    assert dict(change.values) == {"rating": "meets", "skip_reason": None}
    assert c.responses["q-api"].rating == "meets" and not c.responses["q-api"].is_skipped


def test_skipping_clears_the_rating_and_the_change_carries_both(kit):
    c = card()
    c.rate(kit, "q-api", "meets")
    change = c.skip(kit, "q-api", "  candidate left  ")
    assert dict(change.values) == {"skip_reason": "candidate left", "rating": None}
    assert c.responses["q-api"].rating is None


def test_a_change_stored_again_is_the_same_change(kit):
    """A retried save writes the same fields: the change never depends on what memory held before."""
    c = card()
    first = c.rate(kit, "q-api", "meets")
    again = c.rate(kit, "q-api", "meets")
    assert first.values == again.values


def test_input_is_checked_against_the_kit(kit):
    c = card()
    with pytest.raises(InvalidInput, match="not a step"):
        c.rate(kit, "q-api", "amazing")
    with pytest.raises(InvalidInput, match="no indicator"):
        c.mark(kit, "q-api", "p9", True)
    with pytest.raises(InvalidInput, match="not part of round"):
        c.rate(kit, "ko", "meets")
    with pytest.raises(InvalidInput, match="not a variant"):
        c.choose_variant(kit, "ex-code", "quantum")
    with pytest.raises(InvalidInput, match="say why"):
        c.skip(kit, "q-api", " ")
    with pytest.raises(InvalidInput, match="recommendation scale"):
        c.set_recommendation(kit, "maybe-ish")
    assert c.responses.get("q-api") is None or not c.responses["q-api"].is_touched


def test_answer_picks_option_or_rating_by_item(kit):
    screen = Scorecard(id="s2", candidate_id="c1", kit_version_id="v1", round_id="screen", interviewer="Ann")
    assert dict(screen.answer(kit, "ko", "no").values) == {"knockout_option": "no"}
    assert screen.knockout_outcome(kit).value == "auto_decline"
    c = card()
    assert dict(c.answer(kit, "q-api", "exceeds").values) == {"rating": "exceeds", "skip_reason": None}


def test_submitted_card_refuses_every_interaction(kit):
    c = card(recommendation="yes", summary="ok")
    for item in ("q-api", "q-listen"):
        c.rate(kit, item, "meets")
    c.skip(kit, "ex-code", "no time")
    c.submit(kit)
    with pytest.raises(ScorecardLocked):
        c.rate(kit, "q-api", "below")
    with pytest.raises(ScorecardLocked):
        c.set_notes(kit, "q-api", "late")
    with pytest.raises(ScorecardLocked):
        c.discard()
    added = c.add_addendum(kit, author="Ann", text="Meant Exceeds on the API question.", item_id="q-api")
    assert added.addendum.item_id == "q-api" and c.addenda == [added.addendum]
    with pytest.raises(InvalidInput, match="not part of round"):
        c.add_addendum(kit, author="Ann", text="x", item_id="ko")


def test_submit_problems_name_their_item(kit):
    c = card()
    c.rate(kit, "ex-code", "meets")
    problems = c.submit_problems(kit)
    by_item = {p.item_id: str(p) for p in problems}
    assert by_item[None] in ("choose an overall recommendation", "write a short summary")
    assert by_item["q-api"] == "rate or skip 'API contract'"
    assert by_item["ex-code"] == "choose which variant ran for 'Coding test'"


def test_opening_is_not_an_interaction_the_first_real_one_creates_the_card(kit):
    c = card(stored=False)
    assert c.to_store(c.add_time(kit, "q-api", 4.0)) == ()
    assert c.to_store(c.go_to(kit, "q-listen")) == ()
    change = c.mark(kit, "q-api", "p1", True)
    created, same = c.to_store(change)
    assert isinstance(created, Created) and same is change
    assert created.times == (("q-api", 4.0),) and created.card.current_item_id == "q-listen"
    c.stored = True
    assert c.to_store(change) == (change,)
    assert isinstance(change, MarkSet)


def test_time_adds_to_the_item_and_the_round_clock(kit):
    c = card()
    change = c.add_time(kit, "q-api", 3.0, round_seconds=5.0)
    assert isinstance(change, TimeAdded) and (change.item_seconds, change.round_seconds) == (3.0, 5.0)
    c.add_time(kit, "q-api", 2.0)
    assert c.responses["q-api"].seconds_spent == 5.0 and c.round_seconds == 7.0


def test_empty_draft(kit):
    c = card()
    c.add_time(kit, "q-api", 10)
    assert isinstance(c.go_to(kit, "q-api"), CardSet)
    assert c.is_empty
    c.set_notes(kit, "q-api", "said a thing")
    assert not c.is_empty
    assert isinstance(c.set_notes(kit, "q-api", ""), ResponseSet)
