"""Storage failures, phrased for the person who has to act on them."""


class DatabaseError(Exception):
    """The database cannot be opened or migrated; the message says why and what to do."""


class SaveFailed(Exception):
    """A write did not reach the disk (locked, full, read-only); the caller keeps the input and retries."""
