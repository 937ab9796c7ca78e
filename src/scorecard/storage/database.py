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
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from scorecard.storage.errors import DatabaseDamaged, DatabaseError, SaveFailed, describe, is_damage

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine
    from sqlmodel import Session

#: The Alembic revision this code expects; a test checks it matches the migrations' head.
SCHEMA_REVISION = "0008"
#: Bulk work (imports, exports) waits this long for another writer to finish.
BUSY_TIMEOUT_MS = 5000
#: A click waits at most this long, so the window never freezes; the UI retries instead.
CLICK_BUSY_TIMEOUT_MS = 250
#: After this many seconds without a write, the WAL is folded into the database file.
IDLE_CHECKPOINT_S = 3.0

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


#: Authorizer action codes that change the file (sqlite3.SQLITE_INSERT, …): they wait for the
#: integrity check on open and are refused on a damaged file.
_WRITE_ACTIONS = frozenset(
    getattr(sqlite3, name)
    for name in (
        "SQLITE_INSERT", "SQLITE_UPDATE", "SQLITE_DELETE", "SQLITE_CREATE_TABLE", "SQLITE_CREATE_INDEX",
        "SQLITE_CREATE_TRIGGER", "SQLITE_CREATE_VIEW", "SQLITE_DROP_TABLE", "SQLITE_DROP_INDEX",
        "SQLITE_DROP_TRIGGER", "SQLITE_DROP_VIEW", "SQLITE_ALTER_TABLE", "SQLITE_REINDEX", "SQLITE_ANALYZE",
    )
    if hasattr(sqlite3, name)
)


class IntegrityGate:
    """`PRAGMA quick_check` of a freshly opened file, run off the calling thread.

    Reads go on meanwhile; the first write waits for the result (an SQLite authorizer on
    each connection), and on a damaged file every write is refused from then on.
    """

    def __init__(self, path: Path):
        self.path = path
        self.done = threading.Event()
        self.damage: str | None = None
        self._thread: threading.Thread | None = None
        self._starting = threading.Lock()

    def start(self) -> None:
        """Start the check (once; later calls do nothing)."""
        with self._starting:
            if self._thread is not None or self.done.is_set():
                return
            self._thread = threading.Thread(target=self._run, name="quick-check", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                rows = conn.execute("PRAGMA quick_check").fetchall()
            finally:
                conn.close()
            if rows != [("ok",)]:
                self.damage = f"SQLite's quick check found {len(rows)} problem(s)"
        except sqlite3.Error as exc:
            if is_damage(exc):
                self.damage = "SQLite could not read the file"
        finally:
            self.done.set()

    def mark_damaged(self, reason: str) -> None:
        self.damage = self.damage or reason
        self.done.set()

    def wait(self, timeout: float | None = None) -> str | None:
        """Wait for the check (starting it if it was deferred); the damage found, or None."""
        self.start()
        self.done.wait(timeout)
        return self.damage

    def authorizer(self, action: int, *_args) -> int:
        if action in _WRITE_ACTIONS:
            self.start()  # a deferred check starts at the latest with the first write, which waits for it
            self.done.wait()
            if self.damage is not None:
                return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK


class _OpenFiles:
    """The integrity gate of each database file open in this process. A second connection to a
    file already open here (a background worker's, while the window holds the file) shares the
    check made when the file was first opened, instead of reading the whole file again (~0.16 s
    at 10,000 candidates, on a core the window may need). Dropped when the last one closes, so a
    file opened again later is checked again."""

    def __init__(self):
        self._lock = threading.Lock()
        self._gates: dict[Path, list] = {}  # resolved path → [gate, connections open]

    def gate_for(self, path: Path) -> IntegrityGate:
        key = path.resolve()
        with self._lock:
            entry = self._gates.get(key)
            if entry is None:
                entry = self._gates[key] = [IntegrityGate(path), 0]
            entry[1] += 1
            return entry[0]

    def closed(self, path: Path, gate: IntegrityGate) -> None:
        key = path.resolve()
        with self._lock:
            entry = self._gates.get(key)
            if entry is not None and entry[0] is gate:
                entry[1] -= 1
                if entry[1] <= 0:
                    del self._gates[key]


_OPEN_FILES = _OpenFiles()


class Database:
    """An open database file. Close it when done (the GUI does on quit)."""

    def __init__(self, path: Path, connection: sqlite3.Connection, gate: IntegrityGate | None = None,
                 *, check_now: bool = True):
        self.path = path
        self.connection = connection
        self._engine: Engine | None = None
        self._checkpointer: IdleCheckpointer | None = None
        #: Set on open when a damaged journal was found and kept aside: what to tell the user.
        self.recovery_note: str | None = None
        self._shared_gate = gate is None
        if gate is None:
            gate = _OPEN_FILES.gate_for(path)
            if check_now:
                gate.start()  # once per gate: a file open here already is not checked again
        self.gate = gate
        connection.set_authorizer(gate.authorizer)

    @property
    def damage(self) -> str | None:
        """What the integrity check found wrong (no data from the file), None if nothing (yet)."""
        return self.gate.damage

    def refuse_if_damaged(self) -> None:
        """Raise `DatabaseDamaged` once the file is known to be damaged — by this connection or
        another sharing its check (a worker's): the query_only guard is per connection, and a
        statement prepared before it was set would still write."""
        if self.gate.damage is not None:
            raise DatabaseDamaged()

    def start_integrity_check(self) -> None:
        """Start the check deferred with `open_database(check_now=False)` (the window does once its
        list is ready: on a two-core laptop the check would otherwise compete with start-up)."""
        self.gate.start()

    def check_integrity(self, timeout: float | None = None) -> str | None:
        """Wait for the check made on open; the damage it found, or None."""
        return self.gate.wait(timeout)

    def note_failure(self, exc: BaseException) -> bool:
        """After a failed write: when the error means a damaged file, stop all writing (True)."""
        if not is_damage(exc):
            return False
        self.mark_damaged("a write found the file malformed")
        return True

    def mark_damaged(self, reason: str) -> None:
        """Stop all writing to this file: it is damaged."""
        self.gate.mark_damaged(reason)
        try:
            self.connection.execute("PRAGMA query_only=1")  # refuses even statements prepared earlier
        except sqlite3.Error:
            pass

    def start_idle_checkpoints(self, idle_seconds: float = IDLE_CHECKPOINT_S) -> IdleCheckpointer:
        """Fold the WAL into the database file whenever nothing was written for `idle_seconds`,
        so that copying the file alone is a complete copy (stopped by `close`)."""
        if self._checkpointer is None:
            self._checkpointer = IdleCheckpointer(self.path, idle_seconds, self.gate)
            self._checkpointer.start()
        return self._checkpointer

    def checkpoint(self) -> bool:
        """Copy everything in the WAL into the database file and empty the WAL; False if a reader prevented it."""
        try:
            busy, _log, _done = self.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        except sqlite3.Error:
            return False
        return busy == 0

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = _make_engine(self.path, self.gate)
        return self._engine

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A SQLModel session that commits on success and rolls back on any error.

        A locked, full or read-only database raises `SaveFailed`, as the hot path does.
        """
        from sqlalchemy.exc import DBAPIError, OperationalError
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except OperationalError as exc:
                session.rollback()
                if self.note_failure(exc.orig or exc):
                    raise DatabaseDamaged() from None
                raise SaveFailed(describe(exc.orig or exc)) from None
            except DBAPIError as exc:  # e.g. "database disk image is malformed"
                session.rollback()
                if self.note_failure(exc.orig or exc):
                    raise DatabaseDamaged() from None
                raise
            except Exception:
                session.rollback()
                raise

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One all-or-nothing write on the raw connection; inside another, part of that one."""
        self.refuse_if_damaged()
        conn = self.connection
        if conn.in_transaction:  # nested: the outer transaction commits or rolls back everything
            yield conn
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:  # the work failed, or the COMMIT did: nothing half-written
                    conn.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as exc:
            if self.note_failure(exc):
                raise DatabaseDamaged() from None
            raise

    def close(self) -> None:
        """Close every connection, leaving the database file complete on its own (WAL folded in)."""
        if self._shared_gate:
            _OPEN_FILES.closed(self.path, self.gate)
            self._shared_gate = False
        if self._checkpointer is not None:
            self._checkpointer.stop()
            self._checkpointer = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        if self.damage is None:
            try:
                self.checkpoint()
            finally:
                self.connection.close()
            return
        # A damaged file is never written to, not even by SQLite's checkpoint when the last
        # connection closes: a read-only connection closes last, and it cannot checkpoint.
        reader = None
        try:
            reader = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
            reader.execute("SELECT count(*) FROM sqlite_master").fetchone()
        except sqlite3.Error:
            pass
        finally:
            self.connection.close()
            if reader is not None:
                reader.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class IdleCheckpointer(threading.Thread):
    """A daemon thread that checkpoints (TRUNCATE) the WAL once it has been idle for `idle_seconds`.

    It watches the `-wal` file's size and modification time (no query while writes go on) and
    uses its own connection, so it never competes with the UI thread for one.
    """

    def __init__(self, path: Path, idle_seconds: float, gate: IntegrityGate | None = None):
        super().__init__(name="wal-checkpoint", daemon=True)
        self.path = Path(path)
        self.idle_seconds = idle_seconds
        self.gate = gate  # no checkpoint before the file passed its check, none into a damaged file
        self._stopping = threading.Event()
        self.checkpoints = 0

    def stop(self) -> None:
        self._stopping.set()
        if self.is_alive() and threading.current_thread() is not self:
            self.join(timeout=5)

    def run(self) -> None:
        wal = Path(f"{self.path}-wal")
        conn: sqlite3.Connection | None = None
        poll = min(1.0, max(self.idle_seconds / 3, 0.05))
        try:
            while not self._stopping.wait(poll):
                try:
                    st = wal.stat()
                except OSError:
                    continue
                if st.st_size == 0 or time.time() - st.st_mtime < self.idle_seconds:
                    continue
                if self.gate is not None and (not self.gate.done.is_set() or self.gate.damage is not None):
                    continue
                try:
                    if conn is None:
                        conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=0.1,
                                               check_same_thread=False)
                        conn.execute("PRAGMA busy_timeout=100")
                    busy, _log, _done = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
                    if busy == 0:
                        self.checkpoints += 1
                except sqlite3.Error:
                    continue  # busy or gone: try again at the next idle moment
        finally:
            if conn is not None:
                conn.close()


def open_database(path: str | Path, *, check_now: bool = True) -> Database:
    """Open (creating if needed) and migrate the database at `path`.

    Its `PRAGMA quick_check` starts at once off this thread, or with `check_now=False` when
    `Database.start_integrity_check` is called (or at the first write, which waits for it).

    Raises `DatabaseError` with a sentence a user can act on when the file cannot
    be opened, is not a Scorecard database, or was written by a newer version.
    """
    path = Path(path)
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            os.chmod(path.parent, 0o700)  # a folder Scorecard makes for its data is the user's alone
    except OSError as exc:
        raise DatabaseError(f"cannot create the folder {path.parent}: {exc.strerror or exc}") from exc
    _check_writable(path)
    _recognise(path)  # read-only: a foreign or damaged file is refused before anything is written to it
    make_private(path)
    recovery_note = _keep_a_damaged_journal(path)  # before SQLite's recovery silently drops its frames
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
    db = Database(path, conn, check_now=check_now)
    db.recovery_note = recovery_note
    return db


def _keep_a_damaged_journal(path: Path) -> str | None:
    from scorecard.storage.wal_check import keep_damaged_wal

    try:
        kept = keep_damaged_wal(path)
    except OSError:
        return None
    if kept is None:
        return None
    report, wal_copy = kept
    return (f"the journal (-wal file) of {path.name} was damaged, by a crash or a disk error: "
            f"{report.lost_commits} saved change(s) recorded after the damage could not be recovered and are "
            f"missing. The file and its journal were copied, as they were, to {wal_copy.name[:-4]} and "
            f"{wal_copy.name} beside it. Check the latest work, or restore the newest good backup "
            "(`scorecard backup list`)")


SQLITE_HEADER = b"SQLite format 3\x00"


def make_private(path: Path) -> None:
    """The database and its WAL companions readable by their owner only (0600).

    SQLite gives a new `-wal`/`-shm` the database file's own permissions, so a 0600
    database keeps them 0600 too; files an older version left 0644 are tightened here.
    """
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.chmod(f"{path}{suffix}", 0o600)
        except OSError:
            pass


def _recognise(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not an SQLite file or is another program's.

    (`connect_raw` switches the journal to WAL — a write — so this looks first, read-only.)
    A new, empty file is created owner-only (0600) here, before SQLite creates it.
    """
    try:
        if not path.exists():
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
            return
        if path.stat().st_size == 0:
            return
        with open(path, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseError(f"cannot open {path}: {exc.strerror or exc}") from exc
    if header != SQLITE_HEADER:
        raise DatabaseError(
            f"{path} is not a Scorecard database (it is not an SQLite file, or its first page is damaged); "
            "nothing was changed. Choose another file with --db, or restore a backup"
        )
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        finally:
            conn.close()
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise DatabaseError(
                f"{path} is damaged (SQLite cannot read its table list); nothing was changed. "
                "Restore the newest good backup: `scorecard backup list`, then `scorecard backup restore ID`"
            ) from None
        raise DatabaseError(f"cannot open {path} ({describe(exc)}); nothing was changed") from None
    except UnicodeDecodeError:  # a damaged byte inside the table list's text
        raise DatabaseError(
            f"{path} is damaged (its table list holds bytes that are not text); nothing was changed. "
            "Restore the newest good backup: `scorecard backup list`, then `scorecard backup restore ID`"
        ) from None
    if tables and "alembic_version" not in tables:
        raise DatabaseError(
            f"{path} is an SQLite file but not a Scorecard database (another program's?); nothing was "
            "changed. Choose another file with --db"
        )


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


def _make_engine(path: Path, gate: IntegrityGate | None = None) -> Engine:
    from sqlalchemy import event
    from sqlmodel import create_engine

    # hide_parameters: an error message or log never shows the values (names, notes, ratings)
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
                           hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record):  # pragma: no cover - exercised by every session
        if gate is not None:
            dbapi_conn.set_authorizer(gate.authorizer)
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
        from scorecard.storage.backup import BackupFailed, create_backup, replace_todays

        try:
            replace_todays(create_backup(path, reason=f"before-schema-{SCHEMA_REVISION}", source=conn))
        except BackupFailed as exc:
            raise DatabaseError(
                f"{path} needs its schema updated, but no backup could be made first ({exc}); "
                "nothing was changed. Free some disk space and open it again"
            ) from exc
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
