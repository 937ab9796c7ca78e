"""Everything stored about one candidate: find it, export it, erase it — and the tombstones.

"Everything about a candidate" is found from the schema, not from a list kept by hand: the
candidate's row, every row of a table with a `candidate_id` column or a foreign key to it,
and, recursively, every row pointing at those (scorecards → responses, marks, addenda, and
whatever later tables hang off them). So a table added later is erased too.

Erasing is one transaction — the one sanctioned path past the lock on submitted scorecards:
the lock triggers are dropped and re-created inside it, so they are never missing to anyone
else. Afterwards, with `secure_delete` on, a VACUUM and a WAL checkpoint (TRUNCATE) take
the erased text out of the file's bytes (free pages, the WAL).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass

from scorecard.storage.database import Database

#: Tables never erased from: the tombstones themselves, and the schema's bookkeeping.
_KEEP = frozenset({"tombstone", "alembic_version"})


@dataclass(frozen=True)
class Selection:
    table: str
    where: str  # an SQL predicate selecting this table's rows about the candidate
    params: tuple


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def _columns(conn: sqlite3.Connection, table: str) -> set[str]:
    return {r[1] for r in conn.execute(f'PRAGMA table_info("{table}")')}


def _references(conn: sqlite3.Connection) -> dict[str, list[tuple[str, str, str]]]:
    """parent table → [(child table, child column, parent column)] from the foreign keys, plus
    any `candidate_id` column without one (a table from another part of the app may not declare it)."""
    refs: dict[str, list[tuple[str, str, str]]] = {}
    for table in _tables(conn):
        if table in _KEEP:
            continue
        declared = set()
        for row in conn.execute(f'PRAGMA foreign_key_list("{table}")'):
            parent, child_col, parent_col = row[2], row[3], row[4] or "id"
            refs.setdefault(parent, []).append((table, child_col, parent_col))
            declared.add(child_col)
        if table != "candidate" and "candidate_id" in _columns(conn, table) and "candidate_id" not in declared:
            refs.setdefault("candidate", []).append((table, "candidate_id", "id"))
    return refs


def selections(conn: sqlite3.Connection, candidate_id: str) -> list[Selection]:
    """Every table's rows about the candidate, parents before children."""
    refs = _references(conn)
    out = [Selection("candidate", "id = ?", (candidate_id,))]
    seen = {"candidate"}
    queue = list(out)
    while queue:
        parent = queue.pop(0)
        for child, child_col, parent_col in refs.get(parent.table, []):
            if child in seen:
                continue
            seen.add(child)
            sel = Selection(
                child,
                f'"{child_col}" IN (SELECT "{parent_col}" FROM "{parent.table}" WHERE {parent.where})',
                parent.params,
            )
            out.append(sel)
            queue.append(sel)
    if "seal" in _tables(conn):  # seals name their scorecard or addendum by id, without a foreign key
        subjects = " UNION ".join(
            f'SELECT "{col}" FROM "{sel.table}" WHERE {sel.where}'
            for sel in out if sel.table in ("scorecard", "addendum") for col in ("id",)
        )
        params = tuple(p for sel in out if sel.table in ("scorecard", "addendum") for p in sel.params)
        if subjects:
            out.append(Selection("seal", f"subject_id IN ({subjects})", params))
    return out


def rows_about(conn: sqlite3.Connection, candidate_id: str) -> dict[str, list[dict]]:
    """Every stored row about the candidate, table by table (for a data-protection export)."""
    result: dict[str, list[dict]] = {}
    for sel in selections(conn, candidate_id):
        cur = conn.execute(f'SELECT * FROM "{sel.table}" WHERE {sel.where} ORDER BY rowid', sel.params)
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        if rows:
            result[sel.table] = rows
    return result


def _triggers(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND sql IS NOT NULL ORDER BY name")]


def erase_candidate(db: Database, candidate_id: str, *, erased_at: str) -> dict[str, int]:
    """Delete every row about the candidate and leave a tombstone, in one transaction.

    Returns how many rows went from each table. Call `scrub_free_space` afterwards.
    """
    with db.transaction() as conn:
        return erase_rows(conn, candidate_id, erased_at=erased_at)


def erase_rows(conn: sqlite3.Connection, candidate_id: str, *, erased_at: str) -> dict[str, int]:
    """`erase_candidate` inside a transaction the caller holds (an imported bundle's tombstone)."""
    chosen = selections(conn, candidate_id)
    triggers = _triggers(conn)
    for name, _sql in triggers:  # the lock: lifted only inside this transaction
        conn.execute(f'DROP TRIGGER "{name}"')
    counts: dict[str, int] = {}
    for sel in reversed(chosen):  # children first
        cur = conn.execute(f'DELETE FROM "{sel.table}" WHERE {sel.where}', sel.params)
        if cur.rowcount:
            counts[sel.table] = cur.rowcount
    for _name, sql in triggers:
        conn.execute(sql)
    # the earliest erase wins, so laptops that learn of it in any order store the same tombstone
    conn.execute("INSERT INTO tombstone (candidate_id, erased_at) VALUES (?, ?) ON CONFLICT (candidate_id) "
                 "DO UPDATE SET erased_at = min(erased_at, excluded.erased_at)", (candidate_id, erased_at))
    return counts


def scrub_free_space(db: Database) -> bool:
    """Take deleted text out of the file's bytes: secure_delete, VACUUM, WAL checkpoint (TRUNCATE).

    Returns False when another connection kept the WAL from being emptied (try again later).
    """
    conn = db.connection
    conn.execute("PRAGMA secure_delete=ON")
    conn.execute("PRAGMA temp_store=MEMORY")  # VACUUM's copy never goes to the shared temp folder
    if db._engine is not None:  # idle pooled connections could hold the WAL open
        db._engine.dispose()
    conn.execute("VACUUM")
    busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return busy == 0


def tombstones(conn: sqlite3.Connection) -> list[dict]:
    """Every tombstone, oldest first: what the exchange format carries so an erase reaches every laptop."""
    return [{"candidate_id": r[0], "erased_at": r[1]}
            for r in conn.execute("SELECT candidate_id, erased_at FROM tombstone ORDER BY erased_at, candidate_id")]


def erased_candidate_ids(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT candidate_id FROM tombstone")}


def is_erased(conn: sqlite3.Connection, candidate_id: str) -> bool:
    return conn.execute("SELECT 1 FROM tombstone WHERE candidate_id = ?", (candidate_id,)).fetchone() is not None


def last_activity(conn: sqlite3.Connection) -> Iterator[tuple[str, str, str]]:
    """(candidate id, name, last activity as ISO text) for every candidate: the newest of its creation,
    and of any timestamp on any row about it (interactions, imports, edits)."""
    candidates = list(conn.execute("SELECT id, name, created_at FROM candidate"))
    for cid, name, created in candidates:
        newest = created or ""
        for sel in selections(conn, cid)[1:]:
            cols = [c for c in _columns(conn, sel.table)
                    if c.endswith("_at") or c in ("updated", "created", "imported")]
            for col in cols:
                row = conn.execute(f'SELECT max("{col}") FROM "{sel.table}" WHERE {sel.where}', sel.params).fetchone()
                if row and row[0] and str(row[0]) > newest:
                    newest = str(row[0])
        yield cid, name, newest
