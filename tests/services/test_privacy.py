"""Private by default: the data and log folders 0700, every file the app writes there 0600."""

from __future__ import annotations

import logging
import os
import stat
from pathlib import Path

import pytest

from scorecard import paths
from scorecard.cli.main import main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_data_folder_database_wal_backups_and_pdfs(umask_022, tmp_path, capsys):
    from scorecard.services import open_services

    db = paths.database_path()  # the default place: the (test's) user data directory
    assert main(["demo"]) == 0
    services = open_services(db)
    try:
        services.candidates.add(name="Someone Private", kit_id="integration-engineer", target_level="mid")
        assert Path(f"{db}-wal").exists() and Path(f"{db}-shm").exists()
        for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
            assert _mode(p) == 0o600, p
        assert _mode(paths.user_data_dir()) == 0o700
        backup = services.backups.create().backup.path
        assert _mode(backup) == 0o600 and _mode(backup.parent) == 0o700
    finally:
        services.close()
    # a PDF exported to a folder the user chose keeps the user's umask
    out = tmp_path / "chosen" / "report.pdf"
    assert main(["export", "Zoë Ñúñez", "--out", str(out)]) == 0
    assert _mode(out) == 0o644


def test_an_older_world_readable_database_is_tightened_on_open(umask_022, tmp_path):
    from scorecard.services import open_services

    db = tmp_path / "old.sqlite3"
    open_services(db).close()
    os.chmod(db, 0o644)
    with open_services(db) as svc:
        svc.candidates.all()
    assert _mode(db) == 0o600


def test_logs_and_crash_reports_are_private_rotating_and_hold_no_user_data(umask_022, tmp_path):
    from scorecard.logfiles import MAX_BYTES, setup_file_logging, write_crash_report

    log_path = setup_file_logging()
    assert log_path.parent == paths.user_log_dir()
    assert _mode(log_path.parent) == 0o700 and _mode(log_path) == 0o600
    logger = logging.getLogger("scorecard.test")
    try:
        raise ValueError("Xanthippe Quelltext-Marker said something private")
    except ValueError as exc:
        logger.error("export failed: %s", exc)
        logger.error("unexpected", exc_info=exc)
        report = write_crash_report(exc)
    for handler in logging.getLogger("scorecard").handlers:
        handler.flush()
    text = log_path.read_text()
    assert "ValueError" in text and "Xanthippe" not in text
    assert report.parent == paths.user_log_dir() and _mode(report) == 0o600
    assert "ValueError" in report.read_text() and "Xanthippe" not in report.read_text()
    # rotation: a long session never grows the log without bound
    for _ in range(MAX_BYTES // 500 + 50):
        logger.info("x" * 500)
    rotated = sorted(log_path.parent.glob("scorecard.log.*"))
    assert rotated and all(_mode(p) == 0o600 for p in rotated)
    for handler in list(logging.getLogger("scorecard").handlers):
        if getattr(handler, "baseFilename", None) == str(log_path):
            logging.getLogger("scorecard").removeHandler(handler)
            handler.close()


def test_an_unexpected_cli_error_is_reported_in_the_user_log_folder_not_temp(monkeypatch, capsys):
    import tempfile

    import scorecard.cli.main as cli

    def boom(_args):
        raise RuntimeError("candidate Xanthippe rated 'exceeds'")

    monkeypatch.setattr(cli, "cmd_candidates", boom)
    assert cli.main(["candidates"]) == 70
    err = capsys.readouterr().err
    assert "RuntimeError" in err and "Xanthippe" not in err and "Traceback" not in err
    reports = list(paths.user_log_dir().glob("crash-*.log"))
    assert len(reports) == 1 and "Xanthippe" not in reports[0].read_text()
    assert str(reports[0]) in err
