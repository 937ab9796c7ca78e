"""Property tests: whatever file is given as the database — random bytes, a truncated or bit-flipped
Scorecard file, another program's SQLite file — the command line answers with a sentence (or works),
never a traceback, and a file it refuses is left exactly as it was (no partial write)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from scorecard.cli.main import main
from scorecard.domain.text import name_problem
from scorecard.services import open_services
from scorecard.services.errors import InvalidInput
from scorecard.services.export import pdf_filename
from tests.factories import mini_kit
from tests.fuzz.test_fuzz_kits import fuzz
from tests.safe_data import scored_candidate


@pytest.fixture(scope="module")
def good_db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("good") / "scorecard.sqlite3"
    with open_services(path) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        for i in range(3):
            scored_candidate(svc, name=f"Person {i}")
    for b in (path.parent / "backups").glob("*"):
        b.unlink()
    return path


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _run_cli(db: Path, capsys) -> tuple[int, str]:
    """What `scorecard --db DB candidates` does, minus storing the bundled kits (a second per run):
    open, check, read every candidate and scorecard. Returns (exit code, stderr) as the CLI would."""
    import scorecard.cli.main as cli

    expected = cli._expected_errors()
    try:
        with open_services(db) as services:
            services.require_sound()
            for row in services.candidates.overview(interviewer=""):
                assert services.candidates.round_progress(row) is not None
                services.scoring.for_candidate(row.id)
        return 0, ""
    except Exception as exc:  # noqa: BLE001 - classify as the CLI's last line of defence does
        if isinstance(exc, expected):
            return 1, f"scorecard: {exc}\n"
        from scorecard.services.errors import UNREADABLE, is_driver_error

        if is_driver_error(exc):  # as cli.main does: a plain sentence, never the driver's text
            return 1, f"scorecard: {UNREADABLE}\n"
        import traceback

        return 70, "".join(traceback.format_exception(exc))


def _assert_plain_outcome(code: int, err: str, db: Path, before: str) -> None:
    assert code in (0, 1), f"exit {code}: {err}"  # 70 would be an unexpected error
    assert "Traceback" not in err and "unexpected error" not in err
    if code == 1:
        assert err.startswith("scorecard: ") and len(err) < 2_000
        assert _sha(db) == before, "a refused file was written to"


@fuzz(150)
@given(st.binary(min_size=1, max_size=4096))
def test_random_bytes_are_refused_untouched(tmp_path_factory, capsys, raw):
    db = tmp_path_factory.mktemp("rnd") / "scorecard.sqlite3"
    db.write_bytes(raw)
    before = _sha(db)
    code, err = _run_cli(db, capsys)
    _assert_plain_outcome(code, err, db, before)
    assert code == 1


@fuzz(100)
@given(st.floats(min_value=0.0, max_value=0.999))
def test_a_truncated_scorecard_file_is_refused_or_reported(tmp_path_factory, capsys, good_db, fraction):
    db = tmp_path_factory.mktemp("cut") / "scorecard.sqlite3"
    data = good_db.read_bytes()
    db.write_bytes(data[: max(1, int(len(data) * fraction))])
    before = _sha(db)
    code, err = _run_cli(db, capsys)
    _assert_plain_outcome(code, err, db, before)


@fuzz(120)
@given(st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)), min_size=1,
                max_size=40))
def test_a_scorecard_file_with_damaged_bytes_is_refused_or_reported(tmp_path_factory, capsys, good_db, flips):
    db = tmp_path_factory.mktemp("flip") / "scorecard.sqlite3"
    data = bytearray(good_db.read_bytes())
    for offset, value in flips:
        data[offset % len(data)] = value
    db.write_bytes(bytes(data))
    before = _sha(db)
    code, err = _run_cli(db, capsys)
    _assert_plain_outcome(code, err, db, before)


_IDENT = st.from_regex(r"[a-z][a-z0-9_]{0,12}", fullmatch=True)


@fuzz(60)
@given(st.lists(_IDENT, min_size=1, max_size=4, unique=True), st.sampled_from(["delete", "wal", "truncate"]))
def test_another_programs_sqlite_file_is_refused_byte_for_byte(tmp_path_factory, capsys, tables, journal):
    db = tmp_path_factory.mktemp("foreign") / "scorecard.sqlite3"
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA journal_mode={journal}")
    for name in tables:
        conn.execute(f'CREATE TABLE "{name}" (v TEXT)')
        conn.execute(f'INSERT INTO "{name}" VALUES (?)', ("someone's private data",))
    conn.commit()
    conn.close()
    before = _sha(db)
    code, err = _run_cli(db, capsys)
    assert code == 1 and "not a Scorecard database" in err and "nothing was changed" in err
    assert _sha(db) == before


@fuzz(250)
@given(st.text(max_size=450))
def test_any_candidate_name_is_stored_as_shown_or_refused(services, name):
    try:
        cand = services.candidates.add(name=name, kit_id="mini", target_level="mid")
    except InvalidInput as exc:
        assert str(exc) and len(str(exc)) < 300
        return
    assert name_problem(cand.name) is None and cand.name == " ".join(name.split())
    file_name = pdf_filename(cand)
    assert "/" not in file_name and "\\" not in file_name and not file_name.startswith(".")
    assert len(file_name.encode("utf-8")) <= 255


def test_the_good_database_itself_opens(good_db, tmp_path, capsys):
    copy = tmp_path / "scorecard.sqlite3"
    shutil.copyfile(good_db, copy)
    code, err = _run_cli(copy, capsys)
    assert code == 0, err


def test_stored_text_that_is_no_longer_utf8_gets_a_sentence_not_its_bytes(good_db, tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    shutil.copyfile(good_db, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE kit_version SET kit_json = CAST(X'FF7B2274697463686521' AS TEXT)")
    conn.execute("UPDATE candidate SET name = CAST(X'50657273FF6F6E' AS TEXT) WHERE name = 'Person 0'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    code = main(["--db", str(db), "candidates"])
    err = capsys.readouterr().err
    assert code == 1 and "could not be read" in err and "backup restore" in err
    assert "Traceback" not in err and "Person" not in err and "titche" not in err


def test_a_stored_kit_edited_outside_scorecard_is_named_not_a_crash(good_db, tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    shutil.copyfile(good_db, db)
    conn = sqlite3.connect(db)
    conn.execute("UPDATE kit_version SET kit_json = '{\"title\": 1}'")
    conn.commit()
    conn.close()
    capsys.readouterr()
    code = main(["--db", str(db), "candidates"])
    err = capsys.readouterr().err
    assert code == 1 and "edited outside Scorecard" in err and "Traceback" not in err
