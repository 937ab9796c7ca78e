"""Backups of the database file: made with SQLite's online backup API, checked, then named.

A backup is written to a temporary name (`.…part`, never listed), checked with
`PRAGMA integrity_check`, flushed to disk and only then renamed to its final name — so a
file that looks like a backup *is* a good one. A full disk, a damaged source or a crash
part-way leaves at most a `.part` file, which the next backup removes.

Backups are single files (journal mode DELETE, no `-wal` beside them), 0600, in a
`backups` folder beside the database (inside the data folder by default), named
`scorecard-YYYYMMDD-HHMMSS-REASON.sqlite3`; the part between `scorecard-` and the
extension is the backup's id.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from scorecard.storage.errors import DatabaseError, describe, is_damage

BACKUP_DIRNAME = "backups"
_NAME = re.compile(r"^scorecard-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z0-9-]+)\.sqlite3$")
#: How many of the newest days, and then of the newest weeks, keep their newest backup.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


class BackupFailed(Exception):
    """No backup was made; the message says why. No file that looks like a backup was left."""


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    id: str
    reason: str
    created_at: datetime  # UTC
    size: int

    @property
    def label(self) -> str:
        local = self.created_at.astimezone()
        return f"{local:%Y-%m-%d %H:%M:%S} · {self.reason.replace('-', ' ')} · {self.size / 1024:.0f} KB"


def backup_dir(db_path: Path) -> Path:
    """Where backups of `db_path` are kept: a `backups` folder beside it."""
    return Path(db_path).parent / BACKUP_DIRNAME


def make_private_dir(folder: Path) -> Path:
    """Create `folder` (and parents) if needed and make it 0700 (owner only)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, PRIVATE_DIR)
    except OSError:  # a folder we do not own (a USB stick's FAT): best effort
        pass
    return folder


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove(path: Path) -> None:
    for suffix in ("", "-journal", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink()
        except OSError:
            pass


def check_file(path: Path) -> str | None:
    """None when `path` is a whole, undamaged SQLite file; otherwise what is wrong (no data in it)."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return describe(exc)
    try:
        rows = conn.execute("PRAGMA integrity_check").fetchall()
    except sqlite3.Error as exc:
        return describe(exc)
    finally:
        conn.close()
    if rows == [("ok",)]:
        return None
    return f"SQLite's integrity check found {len(rows)} problem(s)"


def copy_database(source: sqlite3.Connection | Path, target: Path) -> None:
    """Copy a database into a new single file at `target` (0600) with the online backup API, then check it.

    On any failure `target` (and its journal) is removed and `BackupFailed` raised.
    """
    own_source = not isinstance(source, sqlite3.Connection)
    try:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
        os.close(fd)
    except OSError as exc:
        raise BackupFailed(f"cannot write in {target.parent}: {exc.strerror or exc}") from exc
    src = dst = None
    try:
        src = sqlite3.connect(f"file:{source}?mode=ro", uri=True) if own_source else source
        dst = sqlite3.connect(str(target), isolation_level=None)
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        rows = dst.execute("PRAGMA integrity_check").fetchall()
        if rows != [("ok",)]:
            raise BackupFailed("the copy did not pass SQLite's integrity check (is the database damaged?)")
        dst.close()
        dst = None
        with open(target, "rb+") as fh:
            os.fsync(fh.fileno())
    except BackupFailed:
        _close_quietly(dst)
        _remove(target)
        raise
    except (sqlite3.Error, OSError) as exc:
        _close_quietly(dst)
        _remove(target)
        if isinstance(exc, sqlite3.Error) and is_damage(exc):
            raise BackupFailed("the database is damaged: it cannot be copied whole and fails SQLite's "
                               "integrity check") from None
        raise BackupFailed(describe(exc) if isinstance(exc, sqlite3.Error) else (exc.strerror or str(exc))) from None
    except BaseException:
        _close_quietly(dst)
        _remove(target)
        raise
    finally:
        if own_source:
            _close_quietly(src)


def _close_quietly(conn: sqlite3.Connection | None) -> None:
    if conn is not None:
        try:
            conn.close()
        except sqlite3.Error:
            pass


def create_backup(
    db_path: Path,
    *,
    reason: str,
    folder: Path | None = None,
    source: sqlite3.Connection | None = None,
    now: datetime | None = None,
) -> BackupInfo:
    """Back up the database at `db_path` (or through the open connection `source`) into `folder`.

    Returns the new backup; raises `BackupFailed` leaving no file that looks like a backup.
    """
    folder = Path(folder) if folder is not None else backup_dir(db_path)
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    reason = re.sub(r"[^a-z0-9-]+", "-", reason.lower()).strip("-") or "manual"
    try:
        make_private_dir(folder)
    except OSError as exc:
        raise BackupFailed(f"cannot create the backup folder {folder}: {exc.strerror or exc}") from exc
    for stale in folder.glob(".scorecard-*.part"):  # an earlier backup interrupted mid-way
        _remove(stale)
    stamp = f"{now:%Y%m%d-%H%M%S}"
    final = folder / f"scorecard-{stamp}-{reason}.sqlite3"
    n = 1
    while final.exists():
        n += 1
        final = folder / f"scorecard-{stamp}-{reason}-{n}.sqlite3"
    tmp = folder / f".{final.name}.part"
    copy_database(source if source is not None else Path(db_path), tmp)
    try:
        os.replace(tmp, final)
    except OSError as exc:
        _remove(tmp)
        raise BackupFailed(f"cannot name the backup in {folder}: {exc.strerror or exc}") from exc
    _fsync_dir(folder)
    return _info(final)


def _info(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    assert match is not None
    stamp = datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
    return BackupInfo(path=path, id=path.name[len("scorecard-"):-len(".sqlite3")], reason=match["reason"],
                      created_at=stamp, size=path.stat().st_size)


def list_backups(folder: Path) -> list[BackupInfo]:
    """The backups in `folder`, newest first (temporary `.part` files are not backups)."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        if _NAME.match(path.name) and path.is_file():
            try:
                found.append(_info(path))
            except OSError:
                continue
    return sorted(found, key=lambda b: (b.created_at, b.path.name), reverse=True)


def find_backup(folder: Path, backup_id: str) -> BackupInfo:
    for info in list_backups(folder):
        if backup_id in (info.id, info.path.name, str(info.path)):
            return info
    raise BackupFailed(f"no backup '{backup_id}' in {folder}; `scorecard backup list` shows them")


def to_prune(backups: Iterable[BackupInfo], *, now: datetime | None = None,
             keep_daily: int = KEEP_DAILY, keep_weekly: int = KEEP_WEEKLY) -> list[BackupInfo]:
    """Which backups the retention rule lets go.

    Kept: every backup of the last 24 hours; the newest of each of the `keep_daily` most
    recent days that have one; the newest of each of the `keep_weekly` most recent ISO weeks
    before those.
    """
    now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    newest_first = sorted(backups, key=lambda b: b.created_at, reverse=True)
    keep: set[Path] = {b.path for b in newest_first if now - b.created_at < timedelta(hours=24)}
    days: dict[object, BackupInfo] = {}
    for b in newest_first:
        days.setdefault(b.created_at.date(), b)
    daily = list(days.values())[:keep_daily]
    keep.update(b.path for b in daily)
    oldest_daily = daily[-1].created_at.date() if daily else None
    weeks: dict[object, BackupInfo] = {}
    for b in newest_first:
        if oldest_daily is not None and b.created_at.date() >= oldest_daily:
            continue
        weeks.setdefault(b.created_at.isocalendar()[:2], b)
    keep.update(b.path for b in list(weeks.values())[:keep_weekly])
    return [b for b in newest_first if b.path not in keep]


def prune(folder: Path, *, now: datetime | None = None) -> list[BackupInfo]:
    """Delete the backups the retention rule lets go; returns them."""
    gone = to_prune(list_backups(folder), now=now)
    for b in gone:
        _remove(b.path)
    return gone


def restore_file(backup: Path, db_path: Path) -> None:
    """Replace the database file at `db_path` by a copy of `backup`. The database must be closed.

    The copy is made and checked beside the database first; the old `-wal`/`-shm` are removed
    (a stale WAL replayed onto the restored file would damage it) and the copy renamed into place.
    """
    problem = check_file(backup)
    if problem is not None:
        raise BackupFailed(f"the backup {backup.name} cannot be used: {problem}")
    db_path = Path(db_path)
    tmp = db_path.with_name(f".{db_path.name}.restoring.part")
    _remove(tmp)
    copy_database(backup, tmp)
    try:
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{db_path}{suffix}").unlink(missing_ok=True)
        os.replace(tmp, db_path)
    except OSError as exc:
        _remove(tmp)
        raise DatabaseError(f"could not put the backup in place of {db_path}: {exc.strerror or exc}") from exc
    _fsync_dir(db_path.parent)


def backups_holding(folder: Path, table: str, column: str, value: str) -> list[BackupInfo]:
    """The backups in `folder` whose `table` has a row with `column` = `value` (e.g. an erased candidate)."""
    found = []
    for info in list_backups(folder):
        try:
            conn = sqlite3.connect(f"file:{info.path}?mode=ro", uri=True)
            try:
                hit = conn.execute(f'SELECT 1 FROM "{table}" WHERE "{column}" = ? LIMIT 1', (value,)).fetchone()
            finally:
                conn.close()
        except sqlite3.Error:
            continue
        if hit:
            found.append(info)
    return found


def replace_todays(made: BackupInfo) -> BackupInfo:
    """Delete the other backups made for the same reason on the same (UTC) day as `made`, and prune:
    a migration retried three times keeps one copy from before it."""
    folder = made.path.parent
    for other in list_backups(folder):
        if other.path != made.path and other.reason == made.reason \
                and other.created_at.date() == made.created_at.date():
            _remove(other.path)
    prune(folder, now=made.created_at)
    return made


def delete_backup(info: BackupInfo) -> None:
    _remove(info.path)
