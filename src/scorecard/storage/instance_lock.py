"""One Scorecard window per database file: an OS lock on `<database>.lock`.

An advisory lock of the operating system (`flock` on Linux and macOS, `msvcrt.locking` on
Windows) on a small file beside the database. The OS releases it when the process ends,
however it ends, so a lock left by a killed window never blocks the next launch (there is
no stale-lock guessing by age or PID). Taking it costs one open and one system call, so the
window takes it before its first paint. Only standard-library modules are imported here.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def lock_path(db_path: Path) -> Path:
    return Path(f"{db_path}.lock")


class InstanceLock:
    """Held by the window for as long as it runs; `acquire()` is False when another process holds it."""

    def __init__(self, db_path: str | Path):
        self.path = lock_path(Path(db_path))
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock without waiting. False: another process holds it (nothing was written).

        A folder where no lock file can be made (read-only, missing and not creatable) is not
        this lock's business: it returns True without a lock and the database reports the problem.
        """
        if self._fd is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return True
        if not _try_lock(fd):
            os.close(fd)
            return False
        try:
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        except OSError:
            pass
        self._fd = fd
        return True

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            _unlock(fd)
            os.close(fd)


def held_elsewhere(db_path: str | Path) -> bool:
    """Does another process (a Scorecard window) hold the database file's lock right now?"""
    probe = InstanceLock(db_path)
    if not probe.path.exists():
        return False
    if probe.acquire():
        probe.release()
        return False
    return True


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        except OSError:
            pass

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
