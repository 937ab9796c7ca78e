"""The failures a caller of the services must handle, in one place for ui/ and cli/."""

from scorecard.domain.errors import CannotSubmit, InvalidInput, ScorecardLocked
from scorecard.storage.errors import UNREADABLE, DatabaseDamaged, DatabaseError, SaveFailed, is_driver_error


class NotFound(LookupError):
    """Something named by id or name does not exist; the message says which."""


__all__ = ["UNREADABLE", "is_driver_error", "CannotSubmit", "DatabaseDamaged", "DatabaseError", "InvalidInput", "NotFound", "SaveFailed", "ScorecardLocked"]
