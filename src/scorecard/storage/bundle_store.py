"""Reading and writing exchange records (see docs/bundle-format.md) through the raw driver.

`records(...)` reads what a bundle carries; `BundleWriter` applies one bundle inside one
transaction (`Database.transaction()`), so a file is stored whole or not at all. Which record
is new, the same, or a conflict is decided by `services.bundles`; this module only reads and
inserts rows.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from scorecard.storage import erase
from scorecard.storage.database import Database
from scorecard.storage.errors import SaveFailed, describe
from scorecard.storage.panel_store import record_removal

KIT_COLUMNS = ("id", "kit_id", "version", "title", "content_hash", "source_name", "source_text", "kit_json", "imported_at")
CANDIDATE_COLUMNS = ("id", "name", "kit_id", "target_level", "created_at", "withdrawn_at", "updated_at")
CARD_COLUMNS = (
    "id", "candidate_id", "kit_version_id", "round_id", "interviewer", "interviewer_id", "status",
    "recommendation", "summary", "current_item_id", "created_at", "updated_at", "submitted_at", "round_seconds",
)
RESPONSE_COLUMNS = (
    "id", "item_id", "rating", "notes", "seconds_spent", "skip_reason", "knockout_option", "variant", "updated_at",
)
MARK_COLUMNS = ("id", "item_id", "indicator_key", "checked", "updated_at")
ADDENDUM_COLUMNS = ("id", "author", "text", "created_at", "item_id")
SEAL_COLUMNS = ("digest", "signature", "public_key", "sealed_at")


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _dicts(conn: sqlite3.Connection, sql: str, params: Iterable, columns: tuple[str, ...]) -> list[dict]:
    return [dict(zip(columns, row)) for row in conn.execute(sql, tuple(params))]


class BundleReader:
    def __init__(self, conn: sqlite3.Connection):
        self._conn = conn

    def tombstones(self) -> list[dict]:
        return erase.tombstones(self._conn)

    def card_ids(self, *, candidate_ids: list[str] | None, interviewer_ids: list[str] | None,
                 include_drafts: bool) -> list[str]:
        sql = "SELECT id FROM scorecard WHERE 1=1"
        params: list = []
        if candidate_ids is not None:
            sql += f" AND candidate_id IN ({_marks(len(candidate_ids))})"
            params += candidate_ids
        if interviewer_ids is not None:
            sql += f" AND interviewer_id IN ({_marks(len(interviewer_ids))})"
            params += interviewer_ids
        if not include_drafts:
            sql += " AND status = 'submitted'"
        return [r[0] for r in self._conn.execute(sql + " ORDER BY id", params)]

    def scorecards(self, ids: list[str]) -> list[dict]:
        out = []
        for card_id in ids:
            rows = _dicts(self._conn, f"SELECT {','.join(CARD_COLUMNS)} FROM scorecard WHERE id = ?", [card_id], CARD_COLUMNS)
            if not rows:
                continue
            card = rows[0]
            card["responses"] = _dicts(
                self._conn,
                f"SELECT {','.join(RESPONSE_COLUMNS)} FROM item_response WHERE scorecard_id = ? ORDER BY item_id",
                [card_id], RESPONSE_COLUMNS,
            )
            card["marks"] = _dicts(
                self._conn,
                f"SELECT {','.join(MARK_COLUMNS)} FROM indicator_mark WHERE scorecard_id = ? ORDER BY item_id, indicator_key",
                [card_id], MARK_COLUMNS,
            )
            for m in card["marks"]:
                m["checked"] = bool(m["checked"])
            card["addenda"] = _dicts(
                self._conn,
                f"SELECT {','.join(ADDENDUM_COLUMNS)} FROM addendum WHERE scorecard_id = ? ORDER BY created_at, id",
                [card_id], ADDENDUM_COLUMNS,
            )
            card["seal"] = self.seal(card_id)
            for a in card["addenda"]:
                a["seal"] = self.seal(a["id"])
            out.append(card)
        return out

    def seal(self, subject_id: str) -> dict | None:
        rows = _dicts(self._conn, f"SELECT {','.join(SEAL_COLUMNS)} FROM seal WHERE subject_id = ?", [subject_id], SEAL_COLUMNS)
        return rows[0] if rows else None

    def kit_versions(self, ids: Iterable[str]) -> list[dict]:
        ids = sorted(set(ids))
        return _dicts(self._conn, f"SELECT {','.join(KIT_COLUMNS)} FROM kit_version WHERE id IN ({_marks(len(ids))}) ORDER BY id",
                      ids, KIT_COLUMNS)

    def kit_version_by_hash(self, kit_id: str, content_hash: str) -> dict | None:
        rows = _dicts(self._conn, f"SELECT {','.join(KIT_COLUMNS)} FROM kit_version WHERE kit_id = ? AND content_hash = ?",
                      [kit_id, content_hash], KIT_COLUMNS)
        return rows[0] if rows else None

    def current_kit_version(self, kit_id: str) -> str | None:
        row = self._conn.execute("SELECT kit_version_id FROM kit_current WHERE kit_id = ?", (kit_id,)).fetchone()
        return row[0] if row else None

    def candidates(self, ids: Iterable[str]) -> list[dict]:
        ids = sorted(set(ids))
        rows = _dicts(self._conn, f"SELECT {','.join(CANDIDATE_COLUMNS)} FROM candidate WHERE id IN ({_marks(len(ids))}) ORDER BY id",
                      ids, CANDIDATE_COLUMNS)
        return rows

    def all_candidate_ids(self) -> list[str]:
        return [r[0] for r in self._conn.execute("SELECT id FROM candidate ORDER BY id")]

    def assignments(self, candidate_ids: Iterable[str]) -> list[dict]:
        ids = sorted(set(candidate_ids))
        return _dicts(self._conn, "SELECT id, candidate_id, round_id, interviewer_id, created_at FROM assignment "
                      f"WHERE candidate_id IN ({_marks(len(ids))}) ORDER BY id", ids,
                      ("id", "candidate_id", "round_id", "interviewer_id", "created_at"))

    def assignment_removals(self, candidate_ids: Iterable[str]) -> list[dict]:
        ids = sorted(set(candidate_ids))
        columns = ("candidate_id", "round_id", "interviewer_id", "removed_at")
        return _dicts(self._conn, f"SELECT {','.join(columns)} FROM assignment_removal "
                      f"WHERE candidate_id IN ({_marks(len(ids))}) ORDER BY candidate_id, round_id, interviewer_id",
                      ids, columns)

    def interviewers(self, ids: Iterable[str]) -> list[dict]:
        ids = sorted({i for i in ids if i})
        return _dicts(self._conn, "SELECT id, name, public_key, created_at FROM interviewer "
                      f"WHERE id IN ({_marks(len(ids))}) ORDER BY id", ids, ("id", "name", "public_key", "created_at"))

    def kit_source_text(self, kit_version_id: str) -> str | None:
        row = self._conn.execute("SELECT source_text FROM kit_version WHERE id = ?", (kit_version_id,)).fetchone()
        return row[0] if row else None

    def addendum_ids(self, scorecard_id: str) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT id FROM addendum WHERE scorecard_id = ?", (scorecard_id,))}

    def card_slot_owner(self, candidate_id: str, round_id: str, interviewer: str) -> str | None:
        row = self._conn.execute(
            "SELECT id FROM scorecard WHERE candidate_id = ? AND round_id = ? AND interviewer = ?",
            (candidate_id, round_id, interviewer),
        ).fetchone()
        return row[0] if row else None


class BundleWriter(BundleReader):
    """Inserts inside an open transaction (the caller holds `Database.transaction()`)."""

    def apply_tombstone(self, t: dict) -> bool:
        """Erase the candidate a tombstone names, if held here, and keep the tombstone. True if
        something about them was erased (the caller then scrubs the file's free pages)."""
        return bool(erase.erase_rows(self._conn, t["candidate_id"], erased_at=t["erased_at"]))

    def insert_kit_version(self, kit: dict, *, make_current: bool) -> None:
        version = self._conn.execute("SELECT coalesce(max(version), 0) + 1 FROM kit_version WHERE kit_id = ?",
                                     (kit["kit_id"],)).fetchone()[0]
        row = {**kit, "version": version}
        self._conn.execute(f"INSERT INTO kit_version ({','.join(KIT_COLUMNS)}) VALUES ({_marks(len(KIT_COLUMNS))})",
                           [row[c] for c in KIT_COLUMNS])
        if make_current:
            self._conn.execute(
                "INSERT INTO kit_current (kit_id, kit_version_id) VALUES (?, ?) "
                "ON CONFLICT (kit_id) DO UPDATE SET kit_version_id = excluded.kit_version_id",
                (kit["kit_id"], kit["id"]),
            )

    def insert_candidate(self, c: dict) -> None:
        self._conn.execute(
            f"INSERT INTO candidate ({','.join(CANDIDATE_COLUMNS)}) VALUES ({_marks(len(CANDIDATE_COLUMNS))})",
            [c.get(k) for k in CANDIDATE_COLUMNS],
        )

    def update_candidate(self, c: dict) -> None:
        """Take another laptop's newer edit of a candidate (name, level, withdrawal)."""
        self._conn.execute(
            "UPDATE candidate SET name = ?, target_level = ?, withdrawn_at = ?, updated_at = ? WHERE id = ?",
            (c["name"], c["target_level"], c.get("withdrawn_at"), c.get("updated_at"), c["id"]),
        )

    def insert_interviewer(self, p: dict, at: str) -> None:
        self._conn.execute("INSERT INTO interviewer (id, name, public_key, created_at) VALUES (?, ?, ?, ?)",
                           (p["id"], p["name"], p.get("public_key"), p.get("created_at") or at))

    def set_public_key(self, interviewer_id: str, key: str) -> None:
        self._conn.execute("UPDATE interviewer SET public_key = ? WHERE id = ? AND public_key IS NULL",
                           (key, interviewer_id))

    def insert_assignment(self, a: dict, at: str) -> int:
        """Store an assignment unless it is held already or was taken back after it was made."""
        created = a.get("created_at") or at
        return self._conn.execute(
            "INSERT OR IGNORE INTO assignment (id, candidate_id, round_id, interviewer_id, created_at) "
            "SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM assignment_removal WHERE candidate_id = ? "
            "AND round_id = ? AND interviewer_id = ? AND removed_at >= ?)",
            (a["id"], a["candidate_id"], a["round_id"], a["interviewer_id"], created,
             a["candidate_id"], a["round_id"], a["interviewer_id"], created),
        ).rowcount

    def apply_assignment_removal(self, r: dict) -> int:
        """Another laptop took an assignment back: keep the removal and drop the assignment if it
        was made before it (one made later stands). 1 if anything changed here."""
        key = (r["candidate_id"], r["round_id"], r["interviewer_id"])
        news = record_removal(self._conn, *key, r["removed_at"])
        dropped = self._conn.execute(
            "DELETE FROM assignment WHERE candidate_id = ? AND round_id = ? AND interviewer_id = ? AND created_at <= ?",
            (*key, r["removed_at"]),
        ).rowcount
        return 1 if news or dropped else 0

    def existing_card(self, card_id: str) -> tuple[str, str] | None:
        """(status, updated_at) of a stored scorecard."""
        row = self._conn.execute("SELECT status, updated_at FROM scorecard WHERE id = ?", (card_id,)).fetchone()
        return (row[0], row[1]) if row else None

    def delete_draft(self, card_id: str) -> None:
        for table in ("indicator_mark", "item_response"):
            self._conn.execute(f"DELETE FROM {table} WHERE scorecard_id = ?", (card_id,))
        self._conn.execute("DELETE FROM scorecard WHERE id = ? AND status = 'draft'", (card_id,))

    def insert_scorecard(self, card: dict) -> None:
        """Insert as a draft with its responses and marks, then lock it if it was submitted (the lock
        triggers refuse responses added to a submitted scorecard)."""
        row = {**card, "status": "draft"}
        self._conn.execute(f"INSERT INTO scorecard ({','.join(CARD_COLUMNS)}) VALUES ({_marks(len(CARD_COLUMNS))})",
                           [(row.get(c) or 0) if c == "round_seconds" else row.get(c) for c in CARD_COLUMNS])
        self._conn.executemany(
            f"INSERT INTO item_response (scorecard_id, {','.join(RESPONSE_COLUMNS)}) VALUES (?, {_marks(len(RESPONSE_COLUMNS))})",
            [[card["id"], *(r.get(c) for c in RESPONSE_COLUMNS)] for r in card.get("responses", [])],
        )
        self._conn.executemany(
            f"INSERT INTO indicator_mark (scorecard_id, {','.join(MARK_COLUMNS)}) VALUES (?, {_marks(len(MARK_COLUMNS))})",
            [[card["id"], *(int(m[c]) if c == "checked" else m.get(c) for c in MARK_COLUMNS)] for m in card.get("marks", [])],
        )
        if card["status"] == "submitted":
            self._conn.execute("UPDATE scorecard SET status = 'submitted' WHERE id = ?", (card["id"],))

    def insert_addendum(self, scorecard_id: str, a: dict) -> None:
        self._conn.execute("INSERT INTO addendum (id, scorecard_id, author, text, created_at, item_id) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           (a["id"], scorecard_id, a["author"], a["text"], a["created_at"], a.get("item_id")))

    def insert_seal(self, subject_id: str, kind: str, seal: dict) -> None:
        self._conn.execute(
            "INSERT OR IGNORE INTO seal (subject_id, kind, digest, signature, public_key, sealed_at) VALUES (?, ?, ?, ?, ?, ?)",
            (subject_id, kind, seal["digest"], seal["signature"], seal["public_key"], seal["sealed_at"]),
        )


def reader(db: Database) -> BundleReader:
    return BundleReader(db.connection)


@contextmanager
def writing(db: Database) -> Iterator[BundleWriter]:
    """One all-or-nothing transaction; a driver error rolls back and becomes `SaveFailed`."""
    try:
        with db.transaction() as conn:
            yield BundleWriter(conn)
    except sqlite3.Error as exc:
        raise SaveFailed(describe(exc)) from exc
