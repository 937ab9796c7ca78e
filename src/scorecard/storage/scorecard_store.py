"""The per-interaction writes of live scoring, through the raw driver.

Each method is one SQL statement, so each is its own durable transaction
(WAL + synchronous=FULL): when it returns, the click is on disk. This is the
hot path measured against a raw sqlite3 commit in the benchmarks; SQLModel
sessions cost several times more per click.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from scorecard.domain.scorecard import ScorecardLocked, new_id
from scorecard.storage.database import Database
from scorecard.storage.errors import SaveFailed, describe

T = TypeVar("T")

_UPSERT_RESPONSE = """
INSERT INTO item_response (id, scorecard_id, item_id, {col}, notes, seconds_spent, updated_at)
VALUES (?, ?, ?, ?, '', 0, ?)
ON CONFLICT (scorecard_id, item_id) DO UPDATE SET {col} = excluded.{col}, updated_at = excluded.updated_at
"""
_UPSERT_NOTES = """
INSERT INTO item_response (id, scorecard_id, item_id, notes, seconds_spent, updated_at)
VALUES (?, ?, ?, ?, 0, ?)
ON CONFLICT (scorecard_id, item_id) DO UPDATE SET notes = excluded.notes, updated_at = excluded.updated_at
"""
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
_RESPONSE_COLUMNS = ("rating", "skip_reason", "knockout_option", "variant")
_SCORECARD_COLUMNS = ("recommendation", "summary", "current_item_id")


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


class ScorecardStore:
    def __init__(self, db: Database):
        self._conn = db.connection

    def _exec(self, sql: str, params: tuple) -> int:
        return guarded(lambda: self._conn.execute(sql, params).rowcount)

    def set_response_field(self, scorecard_id: str, item_id: str, column: str, value, at: datetime) -> None:
        if column not in _RESPONSE_COLUMNS:
            raise ValueError(f"not a response column: {column}")
        self._exec(
            _UPSERT_RESPONSE.format(col=column),
            (new_id(), scorecard_id, item_id, value, at.isoformat()),
        )

    def set_notes(self, scorecard_id: str, item_id: str, notes: str, at: datetime) -> None:
        self._exec(_UPSERT_NOTES, (new_id(), scorecard_id, item_id, notes, at.isoformat()))

    def add_time(self, scorecard_id: str, item_id: str, seconds: float, at: datetime) -> None:
        self._exec(_ADD_TIME, (new_id(), scorecard_id, item_id, seconds, at.isoformat()))

    def set_mark(self, scorecard_id: str, item_id: str, key: str, checked: bool, at: datetime) -> None:
        self._exec(_UPSERT_MARK, (new_id(), scorecard_id, item_id, key, int(checked), at.isoformat()))

    def set_scorecard_field(self, scorecard_id: str, column: str, value, at: datetime) -> None:
        if column not in _SCORECARD_COLUMNS:
            raise ValueError(f"not a scorecard column: {column}")
        self._exec(
            f"UPDATE scorecard SET {column} = ?, updated_at = ? WHERE id = ?",
            (value, at.isoformat(), scorecard_id),
        )

    def mark_submitted(self, scorecard_id: str, at: datetime) -> None:
        changed = self._exec(
            "UPDATE scorecard SET status = 'submitted', submitted_at = ?, updated_at = ? "
            "WHERE id = ? AND status = 'draft'",
            (at.isoformat(), at.isoformat(), scorecard_id),
        )
        if changed != 1:
            raise ScorecardLocked("this scorecard was already submitted")

    def set_auto_declined(self, candidate_id: str, declined: bool) -> None:
        self._exec("UPDATE candidate SET auto_declined = ? WHERE id = ?", (int(declined), candidate_id))
