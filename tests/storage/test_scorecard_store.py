"""Each change is all or nothing: a failure injected between its parts leaves none of them stored."""

from __future__ import annotations

import sqlite3

import pytest

from scorecard.services.errors import SaveFailed


class FailOnCall:
    """The raw connection, except that the n-th `execute` raises (a crash between two parts)."""

    def __init__(self, conn: sqlite3.Connection, fail_at: int):
        self._conn, self._fail_at, self.calls = conn, fail_at, 0

    def execute(self, sql, *args):
        self.calls += 1
        if self.calls == self._fail_at:
            raise sqlite3.OperationalError("disk I/O error (injected)")
        return self._conn.execute(sql, *args)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def stored(path, sql, *params):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


@pytest.fixture
def draft(services):
    cand = services.candidates.add(name="Zoë", kit_id="mini", target_level="mid")
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Ann")
    return services, card


def test_a_rating_and_its_cleared_skip_are_all_or_nothing(draft):
    svc, card = draft
    svc.scoring.skip(scorecard_id=card.id, item_id="q-api", reason="Ran out of time")
    path = svc.database_path
    # a failure after the rating is written and before the cleared skip is committed
    svc.db.connection.execute(
        "CREATE TEMP TRIGGER inject AFTER UPDATE OF rating ON item_response "
        "BEGIN SELECT RAISE(ABORT, 'disk I/O error (injected)'); END")
    with pytest.raises(SaveFailed):
        svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    assert stored(path, "SELECT rating, skip_reason FROM item_response WHERE item_id = 'q-api'") == [
        (None, "Ran out of time")]
    svc.db.connection.execute("DROP TRIGGER inject")
    # the card in memory holds the input (the window keeps showing it); the retry lands both parts
    assert svc.scoring.get(card.id).responses["q-api"].rating == "meets"
    svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    assert stored(path, "SELECT rating, skip_reason FROM item_response WHERE item_id = 'q-api'") == [
        ("meets", None)]


def test_creation_and_first_interaction_are_one_transaction(draft):
    svc, card = draft
    path = svc.database_path
    store = svc.scoring._store
    real = store._conn
    store._conn = FailOnCall(real, fail_at=2)  # the scorecard row (inside BEGIN … on the database), then the rating fails
    try:
        with pytest.raises(SaveFailed):
            svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    finally:
        store._conn = real
    assert stored(path, "SELECT count(*) FROM scorecard") == [(0,)]
    assert stored(path, "SELECT count(*) FROM item_response") == [(0,)]
    assert not real.in_transaction
    assert not card.stored
    svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    assert stored(path, "SELECT s.interviewer, r.rating FROM scorecard s JOIN item_response r "
                        "ON r.scorecard_id = s.id") == [("Ann", "meets")]


def test_discarding_a_draft_removes_everything_at_once(draft):
    svc, card = draft
    s = svc.scoring
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p1", checked=True)
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes="Said something")
    path = svc.database_path
    store = s._store
    real = store._conn
    store._conn = FailOnCall(real, fail_at=3)  # marks, responses (inside BEGIN … on the database) — then the scorecard fails
    try:
        with pytest.raises(SaveFailed):
            s.discard(scorecard_id=card.id)
    finally:
        store._conn = real
    assert stored(path, "SELECT count(*) FROM indicator_mark") == [(1,)]
    assert stored(path, "SELECT count(*) FROM item_response") == [(1,)]
    s.discard(scorecard_id=card.id)
    for table in ("scorecard", "item_response", "indicator_mark"):
        assert stored(path, f"SELECT count(*) FROM {table}") == [(0,)]
    again = s.start_or_resume(candidate_id=card.candidate_id, round_id="tech", interviewer="Ann")
    assert again.id != card.id and again.is_empty


def test_opening_a_round_stores_nothing(draft):
    svc, card = draft
    svc.scoring.add_time(scorecard_id=card.id, item_id="q-api", seconds=12, round_seconds=12)
    svc.scoring.go_to(scorecard_id=card.id, item_id="q-listen")
    assert stored(svc.database_path, "SELECT count(*) FROM scorecard") == [(0,)]
    svc.scoring.mark_indicator(scorecard_id=card.id, item_id="q-listen", key="p1", checked=True)
    assert stored(svc.database_path, "SELECT current_item_id, round_seconds FROM scorecard") == [("q-listen", 12.0)]
    assert stored(svc.database_path, "SELECT item_id, seconds_spent FROM item_response") == [("q-api", 12.0)]
    assert stored(svc.database_path, "SELECT item_id, indicator_key, checked FROM indicator_mark") == [
        ("q-listen", "p1", 1)]


def test_addendum_item_is_stored_and_loaded(draft):
    from tests.services.test_scoring import _fill_round

    svc, card = draft
    _fill_round(svc, card)
    svc.scoring.submit(scorecard_id=card.id)
    svc.scoring.add_addendum(scorecard_id=card.id, author="Ann", text="Meant Exceeds.", item_id="q-api")
    svc.scoring.add_addendum(scorecard_id=card.id, author="Ann", text="General note.")
    from scorecard.services import open_services

    with open_services(svc.database_path) as other:
        back = other.scoring.get(card.id)
    assert [(a.item_id, a.text) for a in back.addenda] == [("q-api", "Meant Exceeds."), (None, "General note.")]
