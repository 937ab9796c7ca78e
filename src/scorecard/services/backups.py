"""Backups as the user sees them: make one, list them, restore one, and the automatic ones.

Automatic backups (each also copied to the optional second folder, e.g. a USB stick):
- before every schema migration (`storage.database`), restore and erase;
- after the first submitted scorecard of a day, and once a day while the app is in use
  (`daily()` makes one only when none was made today).
The retention rule (`storage.backup.to_prune`) runs after each backup.

The second folder is a per-user setting kept in `backups.json` in the settings folder.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from scorecard import paths
from scorecard.storage import backup as store
from scorecard.storage.backup import BackupFailed, BackupInfo

SETTINGS_FILE = "backups.json"

__all__ = ["BackupFailed", "BackupInfo", "BackupService", "BackupResult"]


@dataclass(frozen=True)
class BackupResult:
    backup: BackupInfo
    #: the copy in the second folder, or None when there is none
    second: BackupInfo | None = None
    #: why the second copy failed (the main backup is good), or None
    second_problem: str | None = None


def _settings_path() -> Path:
    return paths.user_config_dir() / SETTINGS_FILE


def second_folder() -> Path | None:
    """The optional second backup folder, or None."""
    try:
        data = json.loads(_settings_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = data.get("second_folder") if isinstance(data, dict) else None
    return Path(value) if isinstance(value, str) and value else None


def set_second_folder(folder: Path | None) -> None:
    path = _settings_path()
    store.make_private_dir(path.parent)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"second_folder": str(folder) if folder else ""}, fh)


class BackupService:
    """Backups of one database file. `connection` (optional) is the open database's raw connection."""

    def __init__(self, db_path: Path, connection=None, clock=lambda: datetime.now(timezone.utc)):
        self.db_path = Path(db_path)
        self._connection = connection
        self._clock = clock

    @property
    def folder(self) -> Path:
        return store.backup_dir(self.db_path)

    def create(self, *, reason: str = "manual") -> BackupResult:
        """Make a backup now (and its copy in the second folder); prune old ones."""
        now = self._clock()
        made = store.create_backup(self.db_path, reason=reason, source=self._connection, now=now)
        store.prune(self.folder, now=now)
        second, problem = None, None
        extra = second_folder()
        if extra is not None:
            try:
                second = store.create_backup(self.db_path, reason=reason, folder=extra, source=self._connection,
                                             now=now)
                store.prune(extra, now=now)
            except BackupFailed as exc:
                problem = f"the copy in the second folder {extra} failed: {exc}"
        return BackupResult(made, second, problem)

    def list(self) -> list[BackupInfo]:
        return store.list_backups(self.folder)

    def daily(self, *, reason: str = "daily") -> BackupResult | None:
        """A backup unless one was already made today (local date); None when none was needed."""
        today = self._clock().astimezone().date()
        if any(b.created_at.astimezone().date() == today for b in self.list()):
            return None
        return self.create(reason=reason)

    def newest_good(self) -> BackupInfo | None:
        """The newest backup that passes SQLite's integrity check."""
        for info in self.list():
            if store.check_file(info.path) is None:
                return info
        return None

    def find(self, backup_id: str) -> BackupInfo:
        return store.find_backup(self.folder, backup_id)


def restore(db_path: Path, backup_id: str, *, clock=lambda: datetime.now(timezone.utc)) -> tuple[BackupInfo, Path]:
    """Put backup `backup_id` in place of the (closed) database at `db_path`.

    The current file is backed up first ("before-restore"); when it is too damaged to back up
    it is moved aside, beside the database, and kept. Returns (the restored backup, where the
    previous file went).
    """
    db_path = Path(db_path)
    service = BackupService(db_path, clock=clock)
    chosen = service.find(backup_id)
    previous: Path
    if db_path.exists():
        try:
            previous = service.create(reason="before-restore").backup.path
        except BackupFailed:
            previous = db_path.with_name(f"{db_path.name}.damaged-{clock():%Y%m%d-%H%M%S}")
            for suffix in ("", "-wal"):
                if Path(f"{db_path}{suffix}").exists():
                    os.replace(f"{db_path}{suffix}", f"{previous}{suffix}")
                    os.chmod(f"{previous}{suffix}", 0o600)
    else:
        previous = db_path
    store.restore_file(chosen.path, db_path)
    return chosen, previous
