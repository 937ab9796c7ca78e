"""Opening, migrating and protecting the database file."""

import sqlite3

import pytest

from scorecard.storage.database import SCHEMA_REVISION, open_database
from scorecard.storage.errors import DatabaseError


def test_migrates_an_empty_file_and_sets_durable_pragmas(tmp_path):
    with open_database(tmp_path / "new.sqlite3") as db:
        conn = db.connection
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] > 0
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"kit_version", "candidate", "scorecard", "item_response", "indicator_mark", "addendum"} <= tables


def test_schema_revision_constant_matches_migration_head():
    from alembic.script import ScriptDirectory

    from scorecard.storage.database import _alembic_config

    assert ScriptDirectory.from_config(_alembic_config()).get_current_head() == SCHEMA_REVISION


def test_sqlmodel_sessions_use_the_same_durable_settings(tmp_path):
    from sqlalchemy import text

    with open_database(tmp_path / "x.sqlite3") as db, db.session() as s:
        assert s.exec(text("PRAGMA synchronous")).one()[0] == 2
        assert s.exec(text("PRAGMA foreign_keys")).one()[0] == 1


def test_reopening_does_not_migrate_again(tmp_path):
    path = tmp_path / "db.sqlite3"
    open_database(path).close()
    open_database(path).close()
    assert not list(tmp_path.glob("*.bak")) and not (tmp_path / "backups").exists()


def test_garbage_file_gets_a_clear_message_and_is_left_alone(tmp_path):
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    before = path.read_bytes()
    with pytest.raises(DatabaseError, match="not a Scorecard database"):
        open_database(path)
    assert path.read_bytes() == before


def test_foreign_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE stuff (x)")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="not a Scorecard database"):
        open_database(path)


def test_newer_schema_is_refused_not_downgraded(tmp_path):
    path = tmp_path / "future.sqlite3"
    open_database(path).close()
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.commit()
    conn.close()
    with pytest.raises(DatabaseError, match="newer version"):
        open_database(path)


def test_unwritable_folder_is_reported(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="cannot create the folder"):
        open_database(blocker / "sub" / "db.sqlite3")


def test_upgrading_a_file_with_data_keeps_the_data_and_a_backup(tmp_path):
    from alembic import command

    from scorecard.storage.database import _alembic_config, _make_engine

    path = tmp_path / "old.sqlite3"
    engine = _make_engine(path)
    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    conn = sqlite3.connect(path)
    conn.execute(
        "INSERT INTO candidate (id, name, kit_id, target_level, auto_declined, created_at) "
        "VALUES ('c1', 'Zoë', 'k', 'mid', 0, '2026-01-01T00:00:00+00:00')"
    )
    for n in (1, 2):
        conn.execute(
            "INSERT INTO kit_version (id, kit_id, version, title, content_hash, source_name, source_text, "
            f"kit_json, imported_at) VALUES ('v{n}', 'k', {n}, 'K', 'h{n}', 'k.yaml', '', '{{}}', '2026-01-01')"
        )
    conn.commit()
    conn.close()

    with open_database(path) as db:
        assert db.connection.execute("SELECT name FROM candidate").fetchall() == [("Zoë",)]
        assert db.connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == SCHEMA_REVISION
        # 0003 made the newest version of each kit its current one
        assert db.connection.execute("SELECT kit_id, kit_version_id FROM kit_current").fetchall() == [("k", "v2")]
    backups = list((tmp_path / "backups").glob("scorecard-*-before-schema-*.sqlite3"))
    assert len(backups) == 1
    check = sqlite3.connect(backups[0])
    assert check.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    check.close()


def test_a_read_only_folder_is_named_as_such_not_as_damage(tmp_path, monkeypatch):
    import os

    path = tmp_path / "ro" / "db.sqlite3"
    path.parent.mkdir()
    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if str(p) == str(path.parent) else real_access(p, mode))
    with pytest.raises(DatabaseError, match="is read-only") as err:
        open_database(path)
    assert "damaged" not in str(err.value)


def test_a_device_is_not_a_database(tmp_path):
    with pytest.raises(DatabaseError, match="not a regular file"):
        open_database("/dev/null")
