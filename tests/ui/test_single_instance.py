"""One window per database file: a second launch says so and exits without writing."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]


def _fingerprint(db: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(db.parent.glob(db.name + "*")) if p.suffix != ".lock"}


def test_second_instance_exits_without_writing_while_the_first_keeps_working(
        qtbot, services, settings, candidate, make_window, tmp_path):
    from scorecard.storage.instance_lock import InstanceLock

    db = services.database_path
    first = InstanceLock(db)
    assert first.acquire()  # what run_gui takes for the first window
    try:
        window = make_window(services, settings)
        window._on_round_requested(candidate.id, "tech")
        scoring = window.scoring_page
        scoring._on_indicator_key("p1")
        before = _fingerprint(db)

        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCORECARD_DATA_DIR": str(tmp_path / "data2")}
        second = subprocess.run([sys.executable, "-m", "scorecard", "--db", str(db)], capture_output=True,
                                text=True, env=env, cwd=ROOT, timeout=60)
        assert second.returncode == 3, second.stderr
        assert "already open on this database in another window" in second.stderr
        assert str(db) in second.stderr and "Traceback" not in second.stderr
        assert _fingerprint(db) == before  # not a byte written

        scoring._on_indicator_key("p2")  # the first window keeps working
        marks = services.db.connection.execute(
            "SELECT indicator_key FROM indicator_mark WHERE checked = 1 ORDER BY indicator_key").fetchall()
        assert marks == [("p1",), ("p2",)]
    finally:
        first.release()


def test_read_only_cli_commands_work_while_the_window_holds_the_file(services, candidate, tmp_path):
    from scorecard.storage.instance_lock import InstanceLock

    db = services.database_path
    lock = InstanceLock(db)
    assert lock.acquire()
    try:
        env = {**os.environ, "SCORECARD_DATA_DIR": str(tmp_path / "data2")}
        listing = subprocess.run([sys.executable, "-m", "scorecard", "--db", str(db), "candidates"],
                                 capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
        assert listing.returncode == 0, listing.stderr
        assert "Zoë Ñúñez" in listing.stdout
    finally:
        lock.release()


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_lock_left_by_a_killed_window_never_blocks(tmp_path):
    from scorecard.storage.instance_lock import InstanceLock, held_elsewhere

    db = tmp_path / "x.sqlite3"
    code = ("import sys, time; from scorecard.storage.instance_lock import InstanceLock; "
            f"l = InstanceLock({str(db)!r}); print(l.acquire(), flush=True); time.sleep(60)")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "True"
        assert held_elsewhere(db)
        assert not InstanceLock(db).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    assert (tmp_path / "x.sqlite3.lock").exists()  # left behind by the killed process …
    assert not held_elsewhere(db)  # … and it blocks nothing
    again = InstanceLock(db)
    assert again.acquire()
    again.release()
