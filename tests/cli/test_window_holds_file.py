"""Commands that replace or remove what an open window holds refuse while a window has the file."""

from __future__ import annotations

import hashlib

import pytest

from scorecard.cli.main import main
from scorecard.services import open_services
from scorecard.storage.instance_lock import InstanceLock
from tests.factories import mini_kit


@pytest.mark.parametrize("command", [
    ["backup", "restore", "20261129-000000-manual"],
    ["candidate", "erase", "Zoë Ñúñez", "--yes"],
    ["candidate", "erase", "--inactive-months", "1", "--yes"],
])
def test_restore_and_erase_refuse_while_a_window_holds_the_file(tmp_path, capsys, command):
    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        svc.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    before = hashlib.sha256(db.read_bytes()).hexdigest()
    window = InstanceLock(db)  # what the window takes before its first paint
    assert window.acquire()
    try:
        assert main(["--db", str(db), *command]) == 1
    finally:
        window.release()
    err = capsys.readouterr().err
    assert "a Scorecard window has" in err and "Nothing was changed" in err
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before
    with open_services(db) as svc:
        assert [c.name for c in svc.candidates.all()] == ["Zoë Ñúñez"]
