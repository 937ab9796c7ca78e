"""Logs and crash reports: private (0700 folder, 0600 files), rotated, and free of personal data.

A log line or crash report never holds a candidate's name, notes, ratings or SQL parameters:
exceptions are written as their type and the code locations they passed through (file, line,
function) — not their message, which may quote what someone typed — except for the storage
errors whose messages this app writes itself from paths and fixed sentences.
"""

from __future__ import annotations

import logging
import os
import traceback
from datetime import datetime
from pathlib import Path

from scorecard import paths

LOG_NAME = "scorecard.log"
#: Rotate at 1 MB, keep 3 old logs.
MAX_BYTES = 1_000_000
BACKUP_COUNT = 3
#: Exceptions whose message is written by this app from paths and fixed sentences only.
_TRUSTED_MESSAGES = frozenset({"DatabaseError", "DatabaseDamaged", "BackupFailed", "SaveFailed"})


def private_dir(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    try:
        os.chmod(folder, 0o700)
    except OSError:
        pass
    return folder


def private_open(path: Path, mode: str = "a"):
    """Open a text file for writing, creating it 0600 (owner only)."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    try:
        if hasattr(os, "fchmod"):  # not on Windows, where the profile folder keeps files private
            os.fchmod(fd, 0o600)
    except OSError:
        pass
    return os.fdopen(fd, mode, encoding="utf-8")


def describe_exception(exc: BaseException) -> str:
    """An exception as its type, plus its message only when the app wrote that message itself."""
    name = type(exc).__name__
    if name in _TRUSTED_MESSAGES:
        return f"{name}: {exc}"
    return name


def safe_traceback(exc: BaseException) -> str:
    """The chain of exceptions as types and code locations — no messages, no values."""
    parts: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        frames = traceback.extract_tb(current.__traceback__)
        lines = [f'  File "{f.filename}", line {f.lineno}, in {f.name}' for f in frames]
        parts.append("\n".join(["Traceback (most recent call last):", *lines, describe_exception(current)]))
        current = current.__cause__ or current.__context__
    return "\n\nwhile or after handling:\n".join(reversed(parts))


class PrivateFormatter(logging.Formatter):
    """Formats exceptions (as arguments or `exc_info`) without their messages."""

    def format(self, record: logging.LogRecord) -> str:
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record = logging.makeLogRecord(record.__dict__)
            record.args = tuple(describe_exception(a) if isinstance(a, BaseException) else a for a in args)
        return super().format(record)

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        return safe_traceback(ei[1]) if ei and ei[1] is not None else ""


class PrivateRotatingFileHandler(logging.FileHandler):
    """A log file created 0600 that rotates at `max_bytes`, keeping `backup_count` old files.

    (Not `logging.handlers.RotatingFileHandler`: importing that module costs ~10 ms of start-up,
    for socket, pickle and queue support the app never uses.)
    """

    def __init__(self, path: Path, *, max_bytes: int = MAX_BYTES, backup_count: int = BACKUP_COUNT):
        self.max_bytes = max_bytes
        self.backup_count = backup_count
        super().__init__(path, mode="a", encoding="utf-8")

    def _open(self):
        return private_open(Path(self.baseFilename), self.mode)

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and self.stream.tell() >= self.max_bytes:
                self._rotate()
        except (OSError, ValueError):
            pass
        super().emit(record)

    def _rotate(self) -> None:
        self.stream.close()
        self.stream = None
        base = self.baseFilename
        for n in range(self.backup_count - 1, 0, -1):
            if os.path.exists(f"{base}.{n}"):
                os.replace(f"{base}.{n}", f"{base}.{n + 1}")
        os.replace(base, f"{base}.1")
        self.stream = self._open()


def setup_file_logging(folder: Path | None = None) -> Path:
    """Send the `scorecard` loggers to a private, rotating file in the user's log folder."""
    folder = private_dir(folder or paths.user_log_dir())
    path = folder / LOG_NAME
    root = logging.getLogger("scorecard")
    root.setLevel(logging.INFO)
    if any(getattr(h, "baseFilename", None) == str(path) for h in root.handlers):
        return path
    handler = PrivateRotatingFileHandler(path)
    handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    for old in [path, *folder.glob(f"{LOG_NAME}.*")]:
        try:
            os.chmod(old, 0o600)
        except OSError:
            pass
    return path


def write_crash_report(exc: BaseException, folder: Path | None = None) -> Path:
    """Write an unexpected error's report (types and code locations only) to a new 0600 file."""
    from scorecard import __version__

    folder = private_dir(folder or paths.user_log_dir())
    path = folder / f"crash-{datetime.now():%Y%m%d-%H%M%S-%f}.log"
    with private_open(path, "w") as fh:
        fh.write(f"Scorecard {__version__}, {datetime.now().isoformat(timespec='seconds')}\n")
        fh.write(safe_traceback(exc) + "\n")
    return path
