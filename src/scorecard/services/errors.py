"""The failures a caller of the services must handle, in one place for ui/ and cli/."""

from scorecard.domain.errors import CannotSubmit, InvalidInput, ScorecardLocked
from scorecard.storage.errors import DatabaseError, SaveFailed


class NotFound(LookupError):
    """Something named by id or name does not exist; the message says which."""


__all__ = ["CannotSubmit", "DatabaseError", "InvalidInput", "NotFound", "SaveFailed", "ScorecardLocked"]
