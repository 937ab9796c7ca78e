"""The per-interaction writes of live scoring, through the raw driver.

`ScorecardStore.apply` writes one domain change (see `domain/scorecard.py`) in one
transaction: most are one SQL statement, their own durable transaction (WAL +
synchronous=FULL); a change of several parts (the scorecard's creation with its first
interaction, a draft's removal) runs in one BEGIN IMMEDIATE … COMMIT. When it returns,
the click is on disk. This is the
hot path measured against a raw sqlite3 commit in the benchmarks; SQLModel
sessions cost several times more per click.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TypeVar

from scorecard.domain.scorecard import (
    AddendumAdded,
    CardSet,
    Change,
    Created,
    Discarded,
    MarkSet,
    ResponseSet,
    ScorecardLocked,
    Submitted,
    TimeAdded,
    new_id,
)
from scorecard.storage.database import Database
from scorecard.storage.errors import SaveFailed, describe

T = TypeVar("T")

_ADD_TIME = """
INSERT INTO item_response (id, scorecard_id, item_id, notes, seconds_spent, updated_at)
VALUES (?, ?, ?, '', ?, ?)
ON CONFLICT (scorecard_id, item_id) DO UPDATE
SET seconds_spent = seconds_spent + excluded.seconds_spent, updated_at = excluded.updated_at
"""
_UPSERT_MARK = """
INSERT INTO indicator_mark (id, scorecard_id, item_id, indicator_key, checked, updated_at)
VALUES (?, ?, ?, ?, ?, ?)
ON CONFLICT (scorecard_id, item_id, indicator_key) DO UPDATE
SET checked = excluded.checked, updated_at = excluded.updated_at
"""
_RESPONSE_COLUMNS = ("rating", "skip_reason", "knockout_option", "variant", "notes")
_SCORECARD_COLUMNS = ("recommendation", "summary", "current_item_id")
_INSERT_CARD = """
INSERT INTO scorecard (id, candidate_id, kit_version_id, round_id, interviewer, interviewer_id, status,
                       recommendation, summary, current_item_id, created_at, updated_at, submitted_at, round_seconds)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
ON CONFLICT (id) DO NOTHING
"""
_INSERT_ADDENDUM = (
    "INSERT INTO addendum (id, scorecard_id, author, text, created_at, item_id) VALUES (?, ?, ?, ?, ?, ?)"
)


def guarded(write: Callable[[], T]) -> T:
    """Run one write, turning driver errors into `SaveFailed` / `ScorecardLocked`."""
    try:
        return write()
    except sqlite3.IntegrityError as exc:
        if "locked" in str(exc):
            raise ScorecardLocked(
                "this scorecard was submitted and is locked; add an addendum to correct it"
            ) from exc
        raise SaveFailed(describe(exc)) from exc
    except sqlite3.Error as exc:
        raise SaveFailed(describe(exc)) from exc


@lru_cache(maxsize=64)
def _upsert_response(columns: tuple[str, ...]) -> str:
    """One statement setting these columns of an item's response, creating the row if needed."""
    for c in columns:
        if c not in _RESPONSE_COLUMNS:
            raise ValueError(f"not a response column: {c}")
    names = ", ".join(columns)
    marks = ", ".join("?" for _ in columns)
    notes = "" if "notes" in columns else "notes, "
    notes_value = "" if "notes" in columns else "'', "
    sets = ", ".join(f"{c} = excluded.{c}" for c in columns)
    return (
        f"INSERT INTO item_response (id, scorecard_id, item_id, {notes}seconds_spent, updated_at, {names}) "
        f"VALUES (?, ?, ?, {notes_value}0, ?, {marks}) "
        f"ON CONFLICT (scorecard_id, item_id) DO UPDATE SET {sets}, updated_at = excluded.updated_at"
    )


@lru_cache(maxsize=16)
def _update_card(columns: tuple[str, ...]) -> str:
    for c in columns:
        if c not in _SCORECARD_COLUMNS:
            raise ValueError(f"not a scorecard column: {c}")
    sets = ", ".join(f"{c} = ?" for c in columns)
    return f"UPDATE scorecard SET {sets}, updated_at = ? WHERE id = ?"


def statements(change: Change) -> list[tuple[str, tuple]]:
    """The SQL that stores one change (each change's parts are written in one transaction)."""
    if isinstance(change, ResponseSet):
        columns = tuple(name for name, _v in change.values)
        values = tuple(v for _n, v in change.values)
        return [(_upsert_response(columns),
                 (new_id(), change.scorecard_id, change.item_id, change.at.isoformat(), *values))]
    if isinstance(change, MarkSet):
        return [(_UPSERT_MARK, (new_id(), change.scorecard_id, change.item_id, change.key, int(change.checked),
                                change.at.isoformat()))]
    if isinstance(change, TimeAdded):
        out = []
        if change.item_id is not None and change.item_seconds > 0:
            out.append((_ADD_TIME, (new_id(), change.scorecard_id, change.item_id, change.item_seconds,
                                    change.at.isoformat())))
        if change.round_seconds > 0:
            out.append(("UPDATE scorecard SET round_seconds = round_seconds + ? WHERE id = ?",
                        (change.round_seconds, change.scorecard_id)))
        return out
    if isinstance(change, CardSet):
        columns = tuple(name for name, _v in change.values)
        return [(_update_card(columns),
                 (*(v for _n, v in change.values), change.at.isoformat(), change.scorecard_id))]
    if isinstance(change, Created):
        c = change.card
        out = [(_INSERT_CARD, (
            c.id, c.candidate_id, c.kit_version_id, c.round_id, c.interviewer, change.author_id, "draft", c.recommendation,
            c.summary, c.current_item_id, c.created_at.isoformat(), change.at.isoformat(), None,
            c.round_seconds))]
        for item_id, seconds in change.times:
            out.append((_ADD_TIME, (new_id(), c.id, item_id, seconds, change.at.isoformat())))
        return out
    if isinstance(change, Submitted):
        return [("UPDATE scorecard SET status = 'submitted', submitted_at = ?, updated_at = ? "
                 "WHERE id = ? AND status = 'draft'",
                 (change.at.isoformat(), change.at.isoformat(), change.scorecard_id))]
    if isinstance(change, AddendumAdded):
        a = change.addendum
        return [(_INSERT_ADDENDUM, (a.id, a.scorecard_id, a.author, a.text, a.created_at.isoformat(), a.item_id))]
    if isinstance(change, Discarded):
        # only a draft: the lock triggers refuse to delete a submitted scorecard's rows anyway
        draft = "AND EXISTS (SELECT 1 FROM scorecard WHERE id = ? AND status = 'draft')"
        return [
            (f"DELETE FROM indicator_mark WHERE scorecard_id = ? {draft}", (change.scorecard_id,) * 2),
            (f"DELETE FROM item_response WHERE scorecard_id = ? {draft}", (change.scorecard_id,) * 2),
            ("DELETE FROM scorecard WHERE id = ? AND status = 'draft'", (change.scorecard_id,)),
        ]
    raise TypeError(f"not a scorecard change: {change!r}")


class ScorecardStore:
    def __init__(self, db: Database):
        self._db = db
        self._conn = db.connection

    @contextmanager
    def together(self) -> Iterator[None]:
        """Writes made inside (this store's and others' on the same database) land all or
        nothing: a submit and its seal, an addendum and its seal."""
        try:
            with self._db.transaction():
                yield
        except sqlite3.Error as exc:  # BEGIN or COMMIT itself failed (busy, full, read-only)
            raise SaveFailed(describe(exc)) from exc

    def apply(self, *changes: Change) -> None:
        """Store changes all or nothing: one statement runs on its own (its own durable
        transaction, the fast path of a click); several run in one BEGIN IMMEDIATE … COMMIT."""
        parts = [part for change in changes for part in statements(change)]
        if not parts:
            return
        self._db.refuse_if_damaged()
        submitted = [c for c in changes if isinstance(c, Submitted)]
        guarded(lambda: self._run(parts, expect_one_change=bool(submitted)))

    def _run(self, parts: list[tuple[str, tuple]], *, expect_one_change: bool) -> None:
        conn = self._conn
        if len(parts) == 1:  # one statement: its own durable transaction, or part of `together()`
            sql, params = parts[0]
            changed = conn.execute(sql, params).rowcount
            if expect_one_change and changed != 1:
                raise ScorecardLocked("this scorecard was already submitted")
            return
        with self._db.transaction():  # several: one BEGIN IMMEDIATE … COMMIT (or the one around them)
            for sql, params in parts:
                conn.execute(sql, params)
