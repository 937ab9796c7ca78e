"""A damaged journal (-wal) is kept aside and reported, not silently dropped by SQLite's recovery."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from scorecard.cli.main import main
from scorecard.services import open_services
from scorecard.storage.wal_check import inspect_wal
from tests.factories import mini_kit


def _crashed_copy(tmp_path: Path, saves: int = 12) -> Path:
    """A Scorecard database with `saves` committed candidates still only in its WAL, as a crash leaves it."""
    live = tmp_path / "live.sqlite3"
    svc = open_services(live)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
    svc.db.checkpoint()
    svc.db.connection.execute("PRAGMA wal_autocheckpoint=0")
    for i in range(saves):
        svc.candidates.add(name=f"Saved {i}", kit_id="mini", target_level="mid")
    crashed = tmp_path / "crashed" / "scorecard.sqlite3"
    crashed.parent.mkdir()
    shutil.copyfile(live, crashed)
    shutil.copyfile(f"{live}-wal", f"{crashed}-wal")
    svc.close()
    return crashed


def _damage_frame(wal: Path, frame: int) -> None:
    data = bytearray(wal.read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    offset = 32 + frame * (24 + page_size) + 24 + 100  # inside the page image
    data[offset] ^= 0xFF
    wal.write_bytes(bytes(data))


def test_an_intact_journal_is_recovered_whole(tmp_path):
    db = _crashed_copy(tmp_path)
    report = inspect_wal(Path(f"{db}-wal"))
    assert report.lost_commits == 0 and report.recoverable == report.frames
    with open_services(db) as svc:
        assert svc.db.recovery_note is None
        assert len(svc.candidates.all()) == 12


def test_a_damaged_frame_is_reported_and_the_journal_kept(tmp_path, capsys):
    db = _crashed_copy(tmp_path)
    _damage_frame(Path(f"{db}-wal"), 2)
    report = inspect_wal(Path(f"{db}-wal"))
    assert report.lost_commits > 0
    capsys.readouterr()
    assert main(["--db", str(db), "candidates"]) == 0
    err = capsys.readouterr().err
    assert "journal" in err and "could not be recovered" in err and "Traceback" not in err
    kept = sorted(p.name for p in db.parent.glob("scorecard.sqlite3.journal-damaged-*"))
    assert len(kept) == 2 and kept[1].endswith("-wal")
    # the kept copy still holds every save: an expert (or a later version) can recover them
    copy = db.parent / kept[0]
    assert inspect_wal(db.parent / kept[1]).lost_commits == report.lost_commits
    assert (copy.stat().st_mode & 0o777) == 0o600
