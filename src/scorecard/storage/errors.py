"""Storage failures, phrased for the person who has to act on them."""


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why and what to do."""


class SaveFailed(Exception):
    """A write did not reach the disk (locked, full, read-only); the caller keeps the input and retries."""


def describe(exc: Exception) -> str:
    """What a driver error means for the person at the keyboard."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "the database is busy (another Scorecard window or program is writing to it)"
    if "full" in text:
        return "the disk is full"
    if "readonly" in text or "read-only" in text:
        return "the database file or its folder is read-only"
    if "disk i/o" in text:
        return "the disk reported an input/output error"
    return f"the database refused the write ({exc})"
