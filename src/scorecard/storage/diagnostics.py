"""Measurements of the storage layer for `scorecard self-test` and the benchmarks.

`raw_commit_times` is the floor a save is compared with: one row committed by the raw
driver with exactly the app's durability settings (WAL, synchronous=FULL), in a scratch
file on the same file system.
"""

from __future__ import annotations

import time
from pathlib import Path

from scorecard.storage.database import connect_raw


def raw_commit_times(path: Path, count: int) -> list[float]:
    """Seconds taken by each of `count` one-row commits into a new scratch database at `path`.

    The file (and its -wal/-shm) is deleted afterwards; `path` must not exist.
    """
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; raw_commit_times writes only to a new scratch file")
    conn = connect_raw(path)
    try:
        conn.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, value TEXT NOT NULL)")
        times = []
        for i in range(count):
            started = time.perf_counter()
            conn.execute("INSERT INTO floor (value) VALUES (?)", (f"row {i}",))  # autocommit: one transaction
            times.append(time.perf_counter() - started)
        return times
    finally:
        conn.close()
        remove_database_files(path)


def remove_database_files(path: Path) -> None:
    """Delete a database file and its WAL companions (scratch files only)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
