"""Backups: online backup API, checked before named, retention, restore (storage.backup)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scorecard.storage import backup as store
from scorecard.storage.backup import BackupFailed
from scorecard.storage.database import connect_raw


def _db(path: Path, rows: int = 10, blob: int = 100) -> Path:
    conn = connect_raw(path)
    conn.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    for i in range(rows):
        conn.execute("INSERT INTO t (v) VALUES (?)", (f"row {i} " + "x" * blob,))
    conn.close()
    return path


def _looks_like_backups(folder: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p.suffix == ".sqlite3" or "scorecard-" in p.name] if folder.exists() else []


def test_a_backup_holds_what_is_still_in_the_wal_is_one_private_file_and_is_listed(tmp_path):
    path = tmp_path / "scorecard.sqlite3"
    live = connect_raw(path)
    live.execute("PRAGMA wal_autocheckpoint=0")  # keep everything in the WAL, as a running app may
    live.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    for i in range(50):
        live.execute("INSERT INTO t (v) VALUES (?)", (f"row {i}",))
    assert Path(f"{path}-wal").stat().st_size > 0

    info = store.create_backup(path, reason="manual", source=live)
    live.close()

    assert info.path.parent == tmp_path / "backups"
    assert (info.path.stat().st_mode & 0o777) == 0o600
    assert (info.path.parent.stat().st_mode & 0o777) == 0o700
    assert not Path(f"{info.path}-wal").exists()
    check = sqlite3.connect(info.path)
    assert check.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert check.execute("SELECT count(*) FROM t").fetchone()[0] == 50
    check.close()
    assert [b.id for b in store.list_backups(info.path.parent)] == [info.id]
    assert info.reason == "manual" and info.id.endswith("-manual")


def test_a_backup_that_fails_on_a_full_disk_leaves_nothing_that_looks_like_a_backup(tmp_path):
    """The disk fills mid-copy (RLIMIT_FSIZE in a child process: writes past 64 KB fail with EFBIG)."""
    db = _db(tmp_path / "scorecard.sqlite3", rows=400, blob=1000)  # ~450 KB
    assert db.stat().st_size > 256 * 1024
    script = textwrap.dedent(f"""
        import resource, signal, sys
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        from pathlib import Path
        from scorecard.storage.backup import BackupFailed, create_backup
        try:
            create_backup(Path({str(db)!r}), reason="manual")
        except BackupFailed as exc:
            print("FAILED:", exc)
            sys.exit(3)
        print("MADE")
    """)
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert run.returncode == 3, run.stdout + run.stderr
    assert "FAILED:" in run.stdout and "Traceback" not in run.stderr
    folder = tmp_path / "backups"
    assert os.listdir(folder) == []  # neither a backup nor a leftover .part
    assert store.list_backups(folder) == []


def test_a_backup_of_a_damaged_file_fails_its_integrity_check_and_is_removed(tmp_path):
    from tests.safe_data import damage_an_index

    db = _db(tmp_path / "scorecard.sqlite3")
    damage_an_index(db)
    with pytest.raises(BackupFailed, match="integrity check"):
        store.create_backup(db, reason="manual")
    assert _looks_like_backups(tmp_path / "backups") == []
    assert store.check_file(db) is not None


def test_a_stale_part_file_is_never_listed_and_is_cleared_by_the_next_backup(tmp_path):
    db = _db(tmp_path / "scorecard.sqlite3")
    folder = tmp_path / "backups"
    folder.mkdir()
    stale = folder / ".scorecard-20260101-000000-manual.sqlite3.part"
    stale.write_bytes(b"SQLite format 3\x00 truncated")
    assert store.list_backups(folder) == []
    store.create_backup(db, reason="manual")
    assert not stale.exists()


def _fake(folder: Path, when: datetime, reason: str = "daily") -> None:
    (folder / f"scorecard-{when:%Y%m%d-%H%M%S}-{reason}.sqlite3").write_bytes(b"x")


def test_retention_keeps_today_seven_days_and_four_weeks(tmp_path):
    now = datetime(2026, 11, 29, 12, 0, tzinfo=timezone.utc)
    for days in range(60):  # two a day for 60 days
        _fake(tmp_path, now - timedelta(days=days, hours=1))
        _fake(tmp_path, now - timedelta(days=days, hours=3))
    gone = store.prune(tmp_path, now=now)
    kept = store.list_backups(tmp_path)
    kept_days = sorted({b.created_at.date() for b in kept}, reverse=True)
    # the last 24 hours whole (both of today's), the newest of the 7 newest days, then of 4 weeks
    assert len([b for b in kept if now - b.created_at < timedelta(hours=24)]) == 2
    assert kept_days[:7] == [(now - timedelta(days=d)).date() for d in range(7)]
    assert len(kept_days) == 7 + 4
    assert len(kept) == 2 + 6 + 4
    assert len(gone) == 120 - len(kept)


def test_restore_replaces_the_file_and_drops_a_stale_wal(tmp_path):
    path = _db(tmp_path / "scorecard.sqlite3", rows=5)
    info = store.create_backup(path, reason="manual")
    live = connect_raw(path)
    live.execute("PRAGMA wal_autocheckpoint=0")
    live.execute("INSERT INTO t (v) VALUES ('after the backup')")
    live.close()  # a WAL may be left behind by a crash; restore must not replay it
    store.restore_file(info.path, path)
    assert not Path(f"{path}-wal").exists()
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM t").fetchone()[0] == 5
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_damaged_backup_is_not_restored(tmp_path):
    path = _db(tmp_path / "scorecard.sqlite3", rows=5)
    info = store.create_backup(path, reason="manual")
    data = bytearray(info.path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)
    info.path.write_bytes(bytes(data))
    before = path.read_bytes()
    with pytest.raises(BackupFailed, match="cannot be used"):
        store.restore_file(info.path, path)
    assert path.read_bytes() == before


def test_a_migration_backup_replaces_the_same_days_copy(tmp_path):
    db = _db(tmp_path / "scorecard.sqlite3")
    day = datetime(2026, 11, 29, 9, 0, tzinfo=timezone.utc)
    first = store.create_backup(db, reason="before-schema-0006", now=day)
    other = store.create_backup(db, reason="manual", now=day + timedelta(minutes=1))
    second = store.replace_todays(store.create_backup(db, reason="before-schema-0006", now=day + timedelta(hours=2)))
    kept = {b.path for b in store.list_backups(tmp_path / "backups")}
    assert kept == {other.path, second.path} and first.path not in kept
