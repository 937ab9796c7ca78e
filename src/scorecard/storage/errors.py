"""Storage failures, phrased for the person who has to act on them."""


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why and what to do."""


class SaveFailed(Exception):
    """A write did not reach the disk (locked, full, read-only); the caller keeps the input and retries."""


#: What a person is told when the database file is damaged (no detail from the file itself).
DAMAGED = (
    "the database file is damaged, so Scorecard no longer writes to it; restore the newest good "
    "backup (Scorecard ▸ Backups…, or `scorecard backup list` and `scorecard backup restore ID`)"
)


class DatabaseDamaged(SaveFailed, DatabaseError):
    """The database file failed SQLite's integrity check or a write found it malformed; nothing more is written."""

    def __init__(self, message: str = DAMAGED):
        super().__init__(message)


def is_driver_error(exc: BaseException) -> bool:
    """Whether `exc` came from the database driver (SQLite, or SQLAlchemy around it) reading the file."""
    import sqlite3

    return isinstance(exc, sqlite3.Error) or isinstance(getattr(exc, "orig", None), sqlite3.Error)


#: What a person is told when reading the file failed in a way nothing else explains (no detail:
#: the driver's own message may quote the text it could not read).
UNREADABLE = (
    "the database file could not be read (part of it is damaged or was changed by another program); "
    "nothing more was written to it. Restore the newest good backup: `scorecard backup list`, then "
    "`scorecard backup restore ID`"
)


def is_damage(exc: BaseException) -> bool:
    """Whether a driver error means the file itself is damaged (not busy, full or read-only)."""
    text = str(exc).lower()
    return "malformed" in text or "not a database" in text or "not authorized" in text


def describe(exc: Exception) -> str:
    """What a driver error means for the person at the keyboard."""
    text = str(exc).lower()
    if is_damage(exc):
        return DAMAGED
    if "locked" in text or "busy" in text:
        return "the database is busy (another Scorecard window or program is writing to it)"
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the database file or its folder is read-only"
    if "disk i/o" in text:
        return "the disk reported an input/output error"
    return f"the database refused the write ({_first_line(exc)})"


def _first_line(exc: BaseException) -> str:
    """The driver's own words, never an SQL statement or its parameters (SQLAlchemy appends both)."""
    text = str(getattr(exc, "orig", None) or exc)
    for marker in ("\n", "[SQL:", "[parameters:", "(Background on this error"):
        text = text.split(marker, 1)[0]
    return text.strip()[:200]
