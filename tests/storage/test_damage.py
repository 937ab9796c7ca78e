"""Damage caught before it spreads: the integrity check on open, writes refused, foreign files untouched."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from scorecard.cli.main import main
from scorecard.services import open_services
from scorecard.services.errors import DatabaseDamaged, DatabaseError, SaveFailed
from scorecard.storage.database import open_database
from tests.factories import mini_kit
from tests.safe_data import NAME, NOTES, damage_an_index, scored_candidate


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _filled(path: Path, *, backup: bool = True) -> Path:
    with open_services(path) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        scored_candidate(svc)  # the first submit of the day makes a backup
        if not backup:
            for b in svc.backups.list():
                b.path.unlink()
    return path


def test_another_programs_sqlite_file_is_refused_before_a_byte_is_written(tmp_path):
    foreign = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE contacts (name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('Somebody')")
    conn.commit()
    conn.close()
    before = _sha(foreign)
    with pytest.raises(DatabaseError, match="not a Scorecard database") as caught:
        open_database(foreign)
    assert "nothing was changed" in str(caught.value)
    assert _sha(foreign) == before  # its journal mode was not switched to WAL
    assert not Path(f"{foreign}-wal").exists() and not Path(f"{foreign}-shm").exists()


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    junk = tmp_path / "notes.sqlite3"
    junk.write_bytes(b"just some text\n" * 100)
    before = _sha(junk)
    with pytest.raises(DatabaseError, match="not an SQLite file"):
        open_database(junk)
    assert _sha(junk) == before


def test_a_damaged_file_is_never_written_and_the_cli_offers_the_newest_good_backup(tmp_path, capsys):
    db = _filled(tmp_path / "scorecard.sqlite3")
    damage_an_index(db)
    before = _sha(db)
    code = main(["--db", str(db), "candidates"])
    err = capsys.readouterr().err
    assert code == 1
    assert "damaged" in err and "backup restore" in err and "after-submit" in err
    assert "Traceback" not in err and NAME not in err
    assert _sha(db) == before
    # and restoring it is one command
    backup_id = err.rsplit("backup restore ", 1)[1].split("`")[0]
    assert main(["--db", str(db), "backup", "restore", backup_id]) == 0
    assert main(["--db", str(db), "candidates"]) == 0
    assert NAME in capsys.readouterr().out


def test_on_a_damaged_file_the_first_write_waits_for_the_check_and_is_refused(tmp_path):
    db = _filled(tmp_path / "scorecard.sqlite3", backup=False)
    damage_an_index(db)
    before = _sha(db)
    svc = open_services(db)
    try:
        with pytest.raises(SaveFailed) as caught:
            svc.candidates.add(name="Should Not Be Written", kit_id="mini", target_level="mid")
        assert "damaged" in str(caught.value)
        assert svc.db.damage is not None
        report = svc.damage_report()
        assert "no backup" in report
        with pytest.raises(DatabaseDamaged):
            svc.require_sound()
    finally:
        svc.close()
    assert _sha(db) == before  # not even the close-time checkpoint wrote to it


def test_a_deferred_check_starts_with_the_first_write_and_still_refuses_it(tmp_path):
    """The window defers the file's check until its list is filled (check_now=False); a write
    before that must neither hang nor slip through onto a damaged file."""
    db = _filled(tmp_path / "scorecard.sqlite3", backup=False)
    damage_an_index(db)
    before = _sha(db)
    svc = open_services(db, check_now=False)
    try:
        assert not svc.db.gate.done.wait(0.3)  # not started: nothing checks the file yet
        with pytest.raises(SaveFailed) as caught:
            svc.candidates.add(name="Should Not Be Written", kit_id="mini", target_level="mid")
        assert "damaged" in str(caught.value) and svc.db.damage is not None
    finally:
        svc.close()
    assert _sha(db) == before


def test_a_deferred_check_runs_when_started(tmp_path):
    db = _filled(tmp_path / "scorecard.sqlite3", backup=False)
    damage_an_index(db)
    svc = open_services(db, check_now=False)
    try:
        svc.db.start_integrity_check()
        svc.db.start_integrity_check()  # once only
        assert svc.db.gate.done.wait(10) and svc.db.damage is not None
    finally:
        svc.close()


def test_a_write_failing_as_malformed_stops_all_writing(tmp_path):
    db = _filled(tmp_path / "scorecard.sqlite3")
    svc = open_services(db)
    try:
        assert svc.db.check_integrity() is None
        err = sqlite3.DatabaseError("database disk image is malformed")
        assert svc.db.note_failure(err) is True
        with pytest.raises(SaveFailed):
            svc.candidates.add(name="Later", kit_id="mini", target_level="mid")
    finally:
        svc.close()


def test_a_click_refused_on_a_damaged_file_says_damaged_not_read_only(tmp_path):
    """The per-click path reuses statements prepared before the damage was found; its refusal must
    say what the dialog says (damaged, restore a backup), not "read-only"."""
    db = _filled(tmp_path / "scorecard.sqlite3")
    svc = open_services(db)
    try:
        cand = svc.candidates.add(name="Clicks On", kit_id="mini", target_level="mid")
        card = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="A")
        svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="before")  # statement prepared
        assert svc.db.note_failure(sqlite3.DatabaseError("database disk image is malformed"))
        with pytest.raises(SaveFailed) as caught:
            svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="after")
        assert "damaged" in str(caught.value) and "read-only" not in str(caught.value)
    finally:
        svc.close()


def test_messages_about_failed_writes_hold_no_sql_or_parameters(tmp_path):
    from sqlalchemy.exc import OperationalError

    from scorecard.storage.errors import describe

    exc = OperationalError("INSERT INTO candidate (name) VALUES (?)", (NAME,), sqlite3.OperationalError("no such table: x"))
    text = describe(exc)
    assert NAME not in text and "INSERT" not in text and "no such table" in text
    # and the engine never renders parameters into its errors
    with open_services(tmp_path / "s.sqlite3") as svc:
        assert svc.db.engine.hide_parameters is True
    assert NOTES  # the sentinel text used across these tests


def test_closing_a_damaged_file_does_not_fold_its_journal_into_it(tmp_path):
    db = _filled(tmp_path / "scorecard.sqlite3")
    svc = open_services(db)
    assert svc.db.check_integrity() is None
    svc.db.connection.execute("PRAGMA wal_autocheckpoint=0")
    svc.candidates.add(name="Saved Before The Damage Was Found", kit_id="mini", target_level="mid")
    before = _sha(db)
    svc.db.mark_damaged("a write found the file malformed")
    svc.close()
    assert _sha(db) == before  # SQLite's checkpoint-on-close did not run
    assert Path(f"{db}-wal").stat().st_size > 0  # the save stays in the journal, kept for recovery


def test_a_transaction_whose_commit_fails_is_rolled_back_not_left_open(tmp_path):
    """A failed COMMIT (here a deferred foreign key) must not leave the connection inside a
    transaction that every later write would silently join and never commit."""
    import sqlite3 as _sqlite3

    db = open_database(tmp_path / "scorecard.sqlite3")
    try:
        conn = db.connection
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("CREATE TABLE parent_t (id TEXT PRIMARY KEY)")
        conn.execute("CREATE TABLE child_t (pid TEXT REFERENCES parent_t (id) DEFERRABLE INITIALLY DEFERRED)")
        with pytest.raises(_sqlite3.IntegrityError):
            with db.transaction():
                conn.execute("INSERT INTO child_t VALUES ('nobody')")
        assert not conn.in_transaction
        with db.transaction():
            conn.execute("INSERT INTO parent_t VALUES ('p')")
        assert _sqlite3.connect(tmp_path / "scorecard.sqlite3").execute("SELECT id FROM parent_t").fetchall() == [("p",)]
    finally:
        db.close()


def test_a_file_open_in_this_process_is_checked_once_not_per_connection(tmp_path, monkeypatch):
    """A background worker opening the window's file shares the check made on opening it; a
    file opened again after every connection closed is checked again."""
    from scorecard.storage import database

    runs = []
    real = database.IntegrityGate._run
    monkeypatch.setattr(database.IntegrityGate, "_run", lambda gate: (runs.append(gate), real(gate)))
    path = _filled(tmp_path / "scorecard.sqlite3", backup=False)
    runs.clear()
    window = open_database(path)
    worker = open_database(path)
    assert worker.check_integrity(10) is None and window.gate is worker.gate and len(runs) == 1
    worker.close()
    window.close()
    again = open_database(path)
    try:
        assert again.check_integrity(10) is None and len(runs) == 2
    finally:
        again.close()


def test_a_damage_found_by_one_connection_stops_the_others_writing_too(tmp_path):
    """A worker's write found the file malformed: the window's connection, which shares the
    file's check, refuses its next write as damaged (its own read-only guard is not set, and a
    statement it prepared earlier would still write)."""
    from scorecard.services.errors import DatabaseDamaged
    from scorecard.storage.scorecard_store import ScorecardStore

    path = _filled(tmp_path / "scorecard.sqlite3", backup=False)
    window, worker = open_services(path), open_services(path)
    try:
        assert window.db.check_integrity(10) is None
        card = window.scoring.start_or_resume(candidate_id=window.candidates.all()[0].id, round_id="screen",
                                              interviewer="Ann")
        kit = window.scoring.kit_for(card)
        item = kit.items_in("screen")[0].id
        window.scoring.set_notes(scorecard_id=card.id, item_id=item, notes="before the damage")
        worker.db.mark_damaged("a write found the file malformed")
        with pytest.raises(DatabaseDamaged):
            window.scoring._store.apply(card.set_notes(kit, item, "after the damage"))
        with pytest.raises(DatabaseDamaged):
            with window.db.transaction():
                pass
        assert isinstance(window.scoring._store, ScorecardStore)
    finally:
        worker.close()
        window.close()
