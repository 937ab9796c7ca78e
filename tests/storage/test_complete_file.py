"""The database file is complete on its own once the app is idle or closed: copying it alone is a good copy."""

from __future__ import annotations

import shutil
import sqlite3
import time
from pathlib import Path

from scorecard.services import open_services
from tests.factories import mini_kit
from tests.safe_data import NAME, NOTES, scored_candidate


def _copy_main_file_only(db: Path, dest: Path) -> Path:
    shutil.copyfile(db, dest)  # the obvious manual backup: no -wal, no -shm
    return dest


def _contents(path: Path) -> tuple[list[str], list[str]]:
    conn = sqlite3.connect(path)
    try:
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'candidate'").fetchone():
            return [], []  # the tables themselves were still in the WAL
        names = sorted(r[0] for r in conn.execute("SELECT name FROM candidate"))
        notes = sorted(r[0] for r in conn.execute("SELECT notes FROM item_response WHERE notes != ''"))
    finally:
        conn.close()
    return names, notes


def _scored(db: Path, count: int = 8):
    svc = open_services(db)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
    svc.db.connection.execute("PRAGMA wal_autocheckpoint=0")  # everything stays in the WAL meanwhile
    for i in range(count):
        scored_candidate(svc, name=f"{NAME} {i}", submit=False)
    return svc


def test_after_close_copying_only_the_main_file_has_everything(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    svc = _scored(db)
    assert Path(f"{db}-wal").stat().st_size > 0
    svc.close()
    names, notes = _contents(_copy_main_file_only(db, tmp_path / "copy.sqlite3"))
    assert names == sorted(f"{NAME} {i}" for i in range(8))
    assert notes == [NOTES] * 8


def test_while_open_and_idle_copying_only_the_main_file_has_everything(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    svc = _scored(db)
    wal = Path(f"{db}-wal")
    early_names, _ = _contents(_copy_main_file_only(db, tmp_path / "early.sqlite3"))
    assert len(early_names) < 8  # without a checkpoint, the copy would lose most of it
    checkpointer = svc.db.start_idle_checkpoints(idle_seconds=0.2)
    deadline = time.monotonic() + 10
    while wal.stat().st_size and time.monotonic() < deadline:
        time.sleep(0.05)
    assert wal.stat().st_size == 0 and checkpointer.checkpoints >= 1
    names, notes = _contents(_copy_main_file_only(db, tmp_path / "copy.sqlite3"))
    assert len(names) == 8 and notes == [NOTES] * 8
    scored_candidate(svc, name="One More", submit=False)  # the app keeps working after a checkpoint
    svc.close()
    assert not checkpointer.is_alive()
    assert "One More" in _contents(_copy_main_file_only(db, tmp_path / "last.sqlite3"))[0]


def test_no_idle_checkpoint_into_a_file_found_damaged(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    svc = _scored(db, count=2)
    try:
        assert svc.db.check_integrity() is None
        svc.db.mark_damaged("test")
        wal = Path(f"{db}-wal")
        size = wal.stat().st_size
        checkpointer = svc.db.start_idle_checkpoints(idle_seconds=0.05)
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:  # a checkpoint would have emptied the WAL well within this
            time.sleep(0.05)
        assert wal.stat().st_size == size and checkpointer.checkpoints == 0
    finally:
        svc.close()
