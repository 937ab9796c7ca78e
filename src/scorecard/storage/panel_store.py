"""The panel's rows through the raw driver: interviewers, aliases, assignments, settings, seals.

No rules here — `domain.panel` decides, `services.panel` asks. Each write is one statement
or one `Database.transaction()`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass

from scorecard.domain.panel import Assignment, Interviewer
from scorecard.storage.database import Database
from scorecard.storage.errors import SaveFailed, describe


@dataclass(frozen=True)
class CardBrief:
    id: str
    candidate_id: str
    round_id: str
    interviewer: str
    interviewer_id: str | None
    status: str


@dataclass(frozen=True)
class SealRecord:
    subject_id: str
    kind: str
    digest: str
    signature: str
    public_key: str
    sealed_at: str


class PanelStore:
    def __init__(self, db: Database):
        self._db = db
        self._conn = db.connection

    def _q(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self._conn.execute(sql, params).fetchall()

    def _w(self, sql: str, params: tuple = ()) -> int:
        try:
            return self._conn.execute(sql, params).rowcount
        except sqlite3.Error as exc:
            raise SaveFailed(describe(exc)) from exc

    # --- settings ------------------------------------------------------------------

    def setting(self, key: str) -> str | None:
        row = self._q("SELECT value FROM setting WHERE key = ?", (key,))
        return row[0][0] if row else None

    def set_setting(self, key: str, value: str | None) -> None:
        if value is None:
            self._w("DELETE FROM setting WHERE key = ?", (key,))
        else:
            self._w(
                "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (key, value),
            )

    # --- interviewers ---------------------------------------------------------------

    def add_interviewer(self, person: Interviewer, created_at: str) -> None:
        self._w(
            "INSERT INTO interviewer (id, name, public_key, created_at) VALUES (?, ?, ?, ?)",
            (person.id, person.name, person.public_key, created_at),
        )

    def interviewer(self, interviewer_id: str) -> Interviewer | None:
        rows = self._q("SELECT id, name, public_key FROM interviewer WHERE id = ?", (interviewer_id,))
        return Interviewer(*rows[0]) if rows else None

    def interviewers(self) -> list[Interviewer]:
        return [Interviewer(*r) for r in self._q("SELECT id, name, public_key FROM interviewer ORDER BY name, id")]

    def interviewers_named(self, name: str) -> list[Interviewer]:
        return [
            Interviewer(*r)
            for r in self._q("SELECT id, name, public_key FROM interviewer WHERE name = ? ORDER BY created_at, id", (name,))
        ]

    def set_public_key(self, interviewer_id: str, public_key: str) -> None:
        self._w("UPDATE interviewer SET public_key = ? WHERE id = ?", (public_key, interviewer_id))

    def aliases(self) -> dict[str, str]:
        return dict(self._q("SELECT alias_id, interviewer_id FROM interviewer_alias"))

    def add_aliases(self, pairs: list[tuple[str, str]], at: str) -> None:
        with self._db.transaction() as conn:
            conn.executemany(
                "INSERT OR IGNORE INTO interviewer_alias (alias_id, interviewer_id, merged_at) VALUES (?, ?, ?)",
                [(a, c, at) for a, c in pairs],
            )

    # --- candidates ------------------------------------------------------------------

    def update_candidate(self, candidate_id: str, *, name: str, target_level: str, at: str) -> None:
        self._w("UPDATE candidate SET name = ?, target_level = ?, updated_at = ? WHERE id = ?",
                (name, target_level, at, candidate_id))

    def set_withdrawn(self, candidate_id: str, withdrawn_at: str | None, at: str) -> None:
        self._w("UPDATE candidate SET withdrawn_at = ?, updated_at = ? WHERE id = ?", (withdrawn_at, at, candidate_id))

    def withdrawn_at(self, candidate_id: str) -> str | None:
        rows = self._q("SELECT withdrawn_at FROM candidate WHERE id = ?", (candidate_id,))
        return rows[0][0] if rows else None

    def withdrawn_ids(self) -> set[str]:
        return {r[0] for r in self._q("SELECT id FROM candidate WHERE withdrawn_at IS NOT NULL")}

    # --- assignments -------------------------------------------------------------------

    def add_assignments(self, rows: list[tuple[str, str, str, str]], at: str) -> int:
        """(id, candidate id, round id, interviewer id) rows; an existing assignment is kept. One
        transaction. An assignment is dated after any removal of it known here (one dated ahead by
        another laptop's fast clock included), so that this assignment is the later of the two."""
        try:
            with self._db.transaction() as conn:
                before = conn.total_changes
                for row in rows:
                    removed = conn.execute(
                        "SELECT removed_at FROM assignment_removal WHERE candidate_id = ? AND round_id = ? "
                        "AND interviewer_id = ?", row[1:]).fetchone()
                    conn.execute(
                        "INSERT OR IGNORE INTO assignment (id, candidate_id, round_id, interviewer_id, created_at) "
                        "VALUES (?, ?, ?, ?, ?)", (*row, _after(removed[0], at) if removed else at))
                return conn.total_changes - before
        except sqlite3.Error as exc:
            raise SaveFailed(describe(exc)) from exc

    def remove_assignment(self, candidate_id: str, round_id: str, interviewer_id: str, at: str) -> int:
        """Take an assignment back, remembering when (bundles carry the removal to other laptops).
        One transaction; 0 when there was no such assignment."""
        try:
            with self._db.transaction() as conn:
                removed = conn.execute(
                    "DELETE FROM assignment WHERE candidate_id = ? AND round_id = ? AND interviewer_id = ?",
                    (candidate_id, round_id, interviewer_id),
                ).rowcount
                if removed:
                    record_removal(conn, candidate_id, round_id, interviewer_id, at)
                return removed
        except sqlite3.Error as exc:
            raise SaveFailed(describe(exc)) from exc

    def assignments(self, candidate_id: str | None = None) -> list[Assignment]:
        if candidate_id is None:
            rows = self._q("SELECT candidate_id, round_id, interviewer_id FROM assignment ORDER BY candidate_id, round_id")
        else:
            rows = self._q(
                "SELECT candidate_id, round_id, interviewer_id FROM assignment WHERE candidate_id = ? "
                "ORDER BY round_id, created_at",
                (candidate_id,),
            )
        return [Assignment(*r) for r in rows]

    # --- scorecards, briefly -----------------------------------------------------------

    def cards(self, candidate_id: str) -> list[CardBrief]:
        return [
            CardBrief(*r)
            for r in self._q(
                "SELECT id, candidate_id, round_id, interviewer, interviewer_id, status FROM scorecard "
                "WHERE candidate_id = ? ORDER BY round_id, interviewer",
                (candidate_id,),
            )
        ]

    def scorecards_per_interviewer(self) -> dict[str, int]:
        return dict(self._q("SELECT interviewer_id, count(*) FROM scorecard WHERE interviewer_id IS NOT NULL GROUP BY interviewer_id"))

    # --- seals ---------------------------------------------------------------------------

    def add_seal(self, seal: SealRecord) -> None:
        self._w(
            "INSERT OR IGNORE INTO seal (subject_id, kind, digest, signature, public_key, sealed_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (seal.subject_id, seal.kind, seal.digest, seal.signature, seal.public_key, seal.sealed_at),
        )

    def seal(self, subject_id: str) -> SealRecord | None:
        rows = self._q(
            "SELECT subject_id, kind, digest, signature, public_key, sealed_at FROM seal WHERE subject_id = ?",
            (subject_id,),
        )
        return SealRecord(*rows[0]) if rows else None

    # --- exchange folder ------------------------------------------------------------------

    def seen(self, name: str, digest: str) -> bool:
        return bool(self._q("SELECT 1 FROM bundle_seen WHERE name = ? AND digest = ?", (name, digest)))

    def seen_names(self) -> set[str]:
        return {r[0] for r in self._q("SELECT name FROM bundle_seen")}

    def mark_seen(self, name: str, digest: str, at: str) -> None:
        self._w("INSERT OR IGNORE INTO bundle_seen (name, digest, seen_at) VALUES (?, ?, ?)", (name, digest, at))


def record_removal(conn: sqlite3.Connection, candidate_id: str, round_id: str, interviewer_id: str, removed_at: str) -> int:
    """Keep (the latest) removal of this assignment; 1 if that is news here."""
    return conn.execute(
        "INSERT INTO assignment_removal (candidate_id, round_id, interviewer_id, removed_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (candidate_id, round_id, interviewer_id) DO UPDATE SET removed_at = excluded.removed_at "
        "WHERE excluded.removed_at > assignment_removal.removed_at",
        (candidate_id, round_id, interviewer_id, removed_at),
    ).rowcount


def _after(removed_at: str, at: str) -> str:
    """`at`, or just after `removed_at` when that is not earlier (both UTC ISO 8601 times)."""
    from datetime import datetime, timedelta

    if removed_at < at:
        return at
    return (datetime.fromisoformat(removed_at) + timedelta(microseconds=1)).isoformat()
