"""Every save goes through here: on `SaveFailed` the input is kept and retried until it lands.

A widget asks for a save with a key naming what it writes (e.g. the notes of one
item). When the database refuses (locked, disk full, read-only), the save is kept in
an ordered queue and retried every second; later saves queue behind it, so they
reach the disk in the order the interviewer made them, and a newer save of the same
key replaces the older one. The window shows a banner while anything is queued.

Nothing here imports the services at module level: the window (and this guard) exist
before the database is opened.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Hashable
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

log = logging.getLogger(__name__)

RETRY_MS = 1000


class SaveGuard(QObject):
    """Runs saves now, or queues and retries them while the database refuses.

    Signals:
        failed(str): a save could not reach the disk; the text says why (for the banner).
        recovered(): every queued save went through; the banner can go.
        rejected(str): a save was refused for good (locked scorecard, invalid input); the text says why.
        saved(object): a save reached the disk; carries its key (also after a retry).
    """

    failed = Signal(str)
    recovered = Signal()
    rejected = Signal(str)
    saved = Signal(object)

    def __init__(self, parent: QObject | None = None, *, retry_ms: int = RETRY_MS):
        super().__init__(parent)
        self._pending: OrderedDict[Hashable, tuple[Callable[[], Any], Callable[[Any], None] | None]] = OrderedDict()
        self._unique = count()
        self._last_error = ""
        self._retry = QTimer(self)
        self._retry.setInterval(retry_ms)

        self._retry.timeout.connect(self._on_retry_timeout)

    # --- API --------------------------------------------------------------------------

    def unique_key(self, prefix: str) -> tuple[str, int]:
        """A key that never replaces another (for additive saves such as time spent)."""
        return (prefix, next(self._unique))

    @property
    def pending(self) -> int:
        return len(self._pending)

    @property
    def last_error(self) -> str:
        return self._last_error

    def save(self, key: Hashable, write: Callable[[], Any], on_saved: Callable[[Any], None] | None = None) -> bool:
        """Run `write` now (True when it reached the disk), or queue it for retry (False).

        `on_saved(result)` runs once the write succeeds, now or after a retry.
        """
        if self._pending:
            self._pending.pop(key, None)
            self._pending[key] = (write, on_saved)
            self.flush()
            return key not in self._pending
        return self._attempt(key, write, on_saved)

    def flush(self) -> bool:
        """Retry the queue in order now; True when nothing is left."""
        while self._pending:
            key, (write, on_saved) = next(iter(self._pending.items()))
            del self._pending[key]
            if not self._attempt(key, write, on_saved, front=True):
                return False
        return True

    def drop_all(self) -> None:
        """Forget queued saves (only when the user chose to quit without them)."""
        self._pending.clear()
        self._retry.stop()

    # --- internals -------------------------------------------------------------------

    def _attempt(self, key, write, on_saved, *, front: bool = False) -> bool:
        from scorecard.services.errors import SaveFailed

        try:
            result = write()
        except SaveFailed as exc:
            self._pending[key] = (write, on_saved)
            if front:
                self._pending.move_to_end(key, last=False)
            message = str(exc)
            if message != self._last_error or not self._retry.isActive():
                log.warning("save failed, will retry: %s", message)
            self._last_error = message
            if not self._retry.isActive():
                self._retry.start()
            self.failed.emit(message)
            return False
        except Exception as exc:  # noqa: BLE001 - refused for good: tell the user, keep going
            from scorecard.services.errors import InvalidInput, NotFound, ScorecardLocked

            if not isinstance(exc, (InvalidInput, NotFound, ScorecardLocked)):
                raise
            self.rejected.emit(str(exc))
            self._after_success_check()
            return False
        if on_saved is not None:
            on_saved(result)
        self.saved.emit(key)
        self._after_success_check()
        return True

    def _after_success_check(self) -> None:
        if not self._pending and self._retry.isActive():
            self._retry.stop()
            self._last_error = ""
            self.recovered.emit()

    def _on_retry_timeout(self) -> None:
        self.flush()
