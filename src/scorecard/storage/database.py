"""Opening the database file: durable settings, schema migrations, and the two ways in.

`open_database(path)` returns a `Database` with
- `connection`: one raw `sqlite3` connection for the hot paths (a click saved in well
  under a millisecond; SQLModel's session round trip costs several times more), and
- `engine` / `session()`: SQLModel for everything else, created on first use so that
  start-up does not pay for importing SQLAlchemy before the window is shown.

Durability: WAL journal with `synchronous=FULL` — a laptop can lose power mid-round,
and at human interaction rates the cost of an fsync per click is invisible.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from scorecard.storage.errors import DatabaseError, SaveFailed, describe

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

#: The Alembic revision this code expects; a test checks it matches the migrations' head.
SCHEMA_REVISION = "0004"
#: Bulk work (imports, exports) waits this long for another writer to finish.
BUSY_TIMEOUT_MS = 5000
#: A click waits at most this long, so the window never freezes; the UI retries instead.
CLICK_BUSY_TIMEOUT_MS = 250

_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
)


def connect_raw(path: Path, busy_timeout_ms: int = CLICK_BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A sqlite3 connection in autocommit mode with the app's durability settings."""
    conn = sqlite3.connect(
        str(path), isolation_level=None, check_same_thread=False, timeout=busy_timeout_ms / 1000
    )
    for pragma in (*_PRAGMAS, f"PRAGMA busy_timeout={busy_timeout_ms}"):
        conn.execute(pragma)
    return conn


def schema_revision(conn: sqlite3.Connection) -> str | None:
    """The Alembic revision stamped in the file, or None for a new, empty file."""
    try:
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


class Database:
    """An open database file. Close it when done (the GUI does on quit)."""

    def __init__(self, path: Path, connection: sqlite3.Connection):
        self.path = path
        self.connection = connection
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = _make_engine(self.path)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A SQLModel session that commits on success and rolls back on any error.

        A locked, full or read-only database raises `SaveFailed`, as the hot path does.
        """
        from sqlalchemy.exc import OperationalError
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                raise SaveFailed(describe(exc.orig or exc)) from exc
            except Exception:
                session.rollback()
                raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write on the raw connection."""
        conn = self.connection
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        self.connection.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_database(path: str | Path) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    Raises `DatabaseError` with a sentence a user can act on when the file cannot
    be opened, is not a Scorecard database, or was written by a newer version.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from exc
    _check_writable(path)
    try:
        conn = connect_raw(path)
        revision = schema_revision(conn)
    except sqlite3.OperationalError as exc:
        raise DatabaseError(
            f"cannot open {path} ({exc}); check that its folder exists and that you may write there, "
            "or choose another file with --db"
        ) from exc
    except sqlite3.DatabaseError as exc:
        raise DatabaseError(
            f"{path} is not a Scorecard database or is damaged ({exc}); "
            "choose another file with --db, or move this one aside"
        ) from exc
    if revision != SCHEMA_REVISION:
        try:
            _migrate(path, conn, revision)
        except DatabaseError:
            conn.close()
            raise
    return Database(path, conn)


def _check_writable(path: Path) -> None:
    """Say plainly when the file or its folder cannot be written: SQLite needs both (WAL files live beside it)."""
    if path.exists() and not path.is_file():
        raise DatabaseError(f"{path} is not a regular file; give the path of a database file with --db")
    if not os.access(path.parent, os.W_OK):
        raise DatabaseError(
            f"the folder {path.parent} is read-only; Scorecard writes its database and journal there. "
            "Choose a writable place with --db or SCORECARD_DB"
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise DatabaseError(f"{path} is read-only; make it writable, or choose another file with --db")


def _make_engine(path: Path) -> Engine:
    from sqlalchemy import event
    from sqlmodel import create_engine

    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every session
        cur = dbapi_conn.cursor()
        for pragma in (*_PRAGMAS, f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}"):
            cur.execute(pragma)
        cur.close()

    return engine


def _has_tables(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT count(*) FROM sqlite_master WHERE type='table'").fetchone()[0] > 0


def _migrate(path: Path, conn: sqlite3.Connection, revision: str | None) -> None:
    """Bring the file to SCHEMA_REVISION, keeping a backup copy of any existing data first."""
    from alembic.script import ScriptDirectory

    config = _alembic_config()
    known = {rev.revision for rev in ScriptDirectory.from_config(config).walk_revisions()}
    if revision is not None and revision not in known:
        raise DatabaseError(
            f"{path} was written by a newer version of Scorecard (schema {revision}); "
            "update Scorecard to open it"
        )
    if revision is None and _has_tables(conn):
        raise DatabaseError(f"{path} is an SQLite file but not a Scorecard database; choose another file with --db")
    if revision is not None:
        backup = path.with_name(f"{path.name}.before-{SCHEMA_REVISION}.bak")
        conn.execute("PRAGMA wal_checkpoint(FULL)")
        shutil.copy2(path, backup)
    engine = _make_engine(path)
    try:
        from alembic import command

        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except Exception as exc:
        raise DatabaseError(f"could not update the database schema of {path}: {exc}") from exc
    finally:
        engine.dispose()


def _alembic_config():
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
    return config
