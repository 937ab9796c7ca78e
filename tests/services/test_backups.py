"""Backups as a user meets them: the CLI, the automatic ones, restore, the second folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from scorecard.cli.main import main
from scorecard.services import open_services
from scorecard.services.backups import BackupService, second_folder, set_second_folder
from tests.factories import mini_kit
from tests.safe_data import NAME, scored_candidate


def _services(path: Path):
    svc = open_services(path)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
    return svc


def _names(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        return sorted(r[0] for r in conn.execute("SELECT name FROM candidate"))
    finally:
        conn.close()


def test_backup_create_list_restore_from_the_command_line(tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    with _services(db) as svc:
        svc.candidates.add(name="Before Backup", kit_id="mini", target_level="mid")
    assert main(["--db", str(db), "backup", "create"]) == 0
    made = capsys.readouterr().out
    assert "written to" in made
    with open_services(db) as svc:
        svc.candidates.add(name="After Backup", kit_id="mini", target_level="mid")
    assert main(["--db", str(db), "backup", "list"]) == 0
    listed = capsys.readouterr().out.splitlines()[1:]
    backup_id = listed[0].split()[0]
    assert backup_id.endswith("-manual")

    assert main(["--db", str(db), "backup", "restore", backup_id]) == 0
    out = capsys.readouterr().out
    assert f"Restored backup {backup_id}" in out
    assert _names(db) == ["Before Backup"]
    # restore backed up the file it replaced first: the later candidate is still in a backup
    before_restore = [b for b in BackupService(db).list() if b.reason == "before-restore"]
    assert len(before_restore) == 1
    assert _names(before_restore[0].path) == ["After Backup", "Before Backup"]


def test_restoring_an_unknown_id_is_a_sentence(tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    _services(db).close()
    assert main(["--db", str(db), "backup", "restore", "20990101-000000-manual"]) == 1
    err = capsys.readouterr().err
    assert "no backup '20990101-000000-manual'" in err and "backup list" in err


def test_the_first_submit_of_a_day_makes_one_backup(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    with _services(db) as svc:
        assert svc.backups.list() == []
        scored_candidate(svc)
        after_first = svc.backups.list()
        assert [b.reason for b in after_first] == ["after-submit"]
        assert NAME in _names(after_first[0].path)
        scored_candidate(svc, name="Second Person")
        assert len(svc.backups.list()) == 1  # at most daily
        assert svc.daily_backup() is None


def test_backups_are_also_copied_to_a_second_folder(tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    stick = tmp_path / "usb-stick"
    _services(db).close()
    assert main(["backup", "second-folder", str(stick)]) == 0
    assert second_folder() == stick.resolve()
    assert main(["--db", str(db), "backup", "create"]) == 0
    assert len(list(stick.glob("scorecard-*.sqlite3"))) == 1
    assert main(["backup", "second-folder", "--off"]) == 0
    assert second_folder() is None
    set_second_folder(None)


def test_a_failing_second_folder_is_reported_but_the_main_backup_stands(tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    _services(db).close()
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    set_second_folder(blocker)
    assert main(["--db", str(db), "backup", "create"]) == 1
    captured = capsys.readouterr()
    assert "second folder" in captured.err and "Traceback" not in captured.err
    assert len(BackupService(db).list()) == 1
    set_second_folder(None)
