"""`scorecard self-test`: the JSON a CI job and IT read, and that it never touches the real database.

Timings are not asserted here (the benchmarks do that); only that they are reported.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.filesystems import (
    FileSystem,
    _windows,
    from_mount_table,
    parse_bsd_mount,
    parse_proc_mounts,
)

ROOT = Path(__file__).resolve().parents[2]
REQUIRED = ("ok", "first_paint_ms", "startup_ms", "save_p50_ms", "save_p99_ms", "pdf_ms", "checks")


def run_self_test(tmp_path: Path, data_dir: Path, *extra: str) -> tuple[int, dict, str]:
    env = {k: v for k, v in os.environ.items() if k != "SCORECARD_DB"}
    env.update(SCORECARD_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run(
        [sys.executable, "-m", "scorecard", "self-test", "--json", "--runs", "1", "--saves", "40", *extra],
        capture_output=True, text=True, env=env, cwd=tmp_path, timeout=180,
    )
    return proc.returncode, json.loads(proc.stdout), proc.stderr


def _snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.slow
def test_self_test_passes_and_leaves_the_real_database_alone(tmp_path):
    from scorecard.services import open_services

    data_dir = tmp_path / "real-data"
    real_db = data_dir / "scorecard.sqlite3"
    with open_services(real_db) as services:
        services.kits.import_bundled()
        services.candidates.add(name="Real Person", kit_id="integration-engineer", target_level="mid")
    before = _snapshot(data_dir)
    mtime = real_db.stat().st_mtime_ns

    code, result, stderr = run_self_test(tmp_path, data_dir)

    assert code == 0, json.dumps(result, indent=1) + stderr
    assert result["ok"] is True
    for key in REQUIRED:
        assert key in result, key
    for key in REQUIRED[1:-1]:
        assert isinstance(result[key], (int, float)) and result[key] > 0, key
    assert result["first_paint_ms"] <= result["startup_ms"]
    names = {c["name"] for c in result["checks"]}
    assert {"bundled files", "data directory writable", "local file system", "main window",
            "start-up time", "save latency", "committee PDF"} <= names
    assert all({"name", "ok", "status", "detail"} <= set(c) for c in result["checks"])
    window = next(c for c in result["checks"] if c["name"] == "main window")
    assert window["rows"] == 5, "the window showed the demo panel, not the real database"
    # the real database: same bytes, same time stamp, and nothing left beside it
    assert _snapshot(data_dir) == before
    assert real_db.stat().st_mtime_ns == mtime
    assert result["database_exists"] is True and result["database"] == str(real_db)
    assert "Traceback" not in stderr


@pytest.mark.slow
def test_unwritable_data_directory_fails_a_named_check(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    data_dir = blocker / "data"  # cannot be created, even by root

    code, result, stderr = run_self_test(tmp_path, data_dir)

    assert code == 1
    assert result["ok"] is False
    checks = {c["name"]: c for c in result["checks"]}
    assert checks["data directory writable"]["ok"] is False
    assert checks["data directory writable"]["status"] == "fail"
    assert str(data_dir) in checks["data directory writable"]["detail"]
    assert checks["save latency"]["ok"] is False and result["save_p50_ms"] is None
    for key in REQUIRED:
        assert key in result
    assert "Traceback" not in stderr


def test_human_report_names_every_check(tmp_path):
    from scorecard.cli.self_test import format_report

    result = {
        "version": "9", "system": "Linux", "python": "3.11", "frozen": True, "data_dir": "/d",
        "database": "/d/db", "database_exists": False, "seconds": 1.0,
        "checks": [{"name": "main window", "ok": True, "status": "pass", "detail": "opened"},
                   {"name": "local file system", "ok": False, "status": "fail", "detail": "nfs4"}],
    }
    text = format_report(result)
    assert "PASS  main window" in text and "FAIL  local file system" in text
    assert "NOT READY" in text and "standalone build" in text


def test_probe_prefix_matches_the_gui_probe():
    from scorecard.cli import self_test
    from scorecard.ui import startup_probe

    assert self_test.PROBE_PREFIX == startup_probe.PREFIX
    assert self_test.PROBE_ENV == startup_probe.PROBE_ENV
    assert self_test.PROBE_T0_ENV == startup_probe.T0_ENV


# --- file systems ------------------------------------------------------------------------

PROC_MOUNTS = """\
/dev/sda1 / ext4 rw,relatime 0 0
server:/export/home /home nfs4 rw,vers=4.2 0 0
/dev/sdb1 /home/local\\040disk ext4 rw 0 0
//nas/share /mnt/share cifs rw 0 0
me@host:/x /mnt/ssh fuse.sshfs rw 0 0
"""


@pytest.mark.parametrize("path, fs_type, network", [
    ("/var/lib/x", "ext4", False),
    ("/home/kim/.local/share/Scorecard", "nfs4", True),
    ("/home/local disk/Scorecard", "ext4", False),
    ("/homework", "ext4", False),
    ("/mnt/share/Scorecard", "cifs", True),
    ("/mnt/ssh", "fuse.sshfs", True),
])
def test_linux_mount_table(path, fs_type, network):
    fs = from_mount_table(path, parse_proc_mounts(PROC_MOUNTS))
    assert (fs.type, fs.network) == (fs_type, network)


def test_macos_mount_output():
    text = ("/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)\n"
            "//kim@nas.local/Team%20Share on /Volumes/Team Share (smbfs, nodev, nosuid, mounted by kim)\n")
    mounts = parse_bsd_mount(text)
    assert from_mount_table("/Volumes/Team Share/Scorecard", mounts) == FileSystem("smbfs", "/Volumes/Team Share", True)
    assert from_mount_table("/Users/kim/Library", mounts).network is False


def test_windows_unc_path_is_a_network_share():
    assert _windows(Path("\\\\server\\share\\Scorecard")).network is True


# --- the GUI launch skips the full parser ---------------------------------------------------


@pytest.mark.parametrize("argv, db", [
    ([], None), (["gui"], None), (["--db", "x.sqlite3"], "x.sqlite3"), (["--db", "x.sqlite3", "gui"], "x.sqlite3"),
    (["--db=y.sqlite3"], "y.sqlite3"), (["--db=y.sqlite3", "gui"], "y.sqlite3"),
])
def test_gui_launch_is_recognised_without_the_parser(argv, db):
    from scorecard.cli.main import build_parser, cmd_gui, gui_launch

    fast = gui_launch(argv)
    assert fast is not None and fast.func is cmd_gui and fast.db == db
    full = build_parser().parse_args(argv)
    assert full.db == fast.db and getattr(full, "func", cmd_gui) is cmd_gui


@pytest.mark.parametrize("argv", [
    ["--help"], ["--version"], ["candidates"], ["--db"], ["--db", "--json"], ["gui", "extra"], ["--db="],
    ["self-test"], ["--db", "x", "candidates", "--json"], ["gu"],
])
def test_everything_else_goes_through_argparse(argv):
    from scorecard.cli.main import gui_launch

    assert gui_launch(argv) is None
