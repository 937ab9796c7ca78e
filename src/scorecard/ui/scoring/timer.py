"""Time on the current item and on the round: shown quietly, and handed to the view in chunks to store."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

TICK_MS = 1000
#: Time is stored at least this often while an item stays open, so a crash loses seconds only.
CHUNK_SECONDS = 5


def clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60}:{seconds % 60:02d}"


class ItemTimer(QObject):
    """Counts the time spent on one item against its suggested response time.

    Signals:
        display(str): the text to show, once a second.
        chunkDue(): enough unsaved time has gathered; the view should `take()` and store it.
    """

    display = Signal(str)
    chunkDue = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._elapsed = QElapsedTimer()
        self._stored = 0.0  # seconds already stored for the item
        self._limit: float | None = None
        self._paused = False
        self._tick = QTimer(self)
        self._tick.setInterval(TICK_MS)

        self._tick.timeout.connect(self._on_tick)

    @property
    def running(self) -> bool:
        return self._elapsed.isValid()

    @property
    def paused(self) -> bool:
        return self._paused

    def pause(self) -> None:
        """Stop counting (the caller stores `take()` first); the display stays."""
        self.take()
        self._elapsed.invalidate()
        self._paused = True
        self._on_tick()

    def resume(self) -> None:
        if self._paused:
            self._paused = False
            self._elapsed.start()
            self._on_tick()

    def start(self, stored_seconds: float, limit_minutes: float | None) -> None:
        self._stored = stored_seconds
        self._limit = limit_minutes
        if not self._paused:
            self._elapsed.start()
        self._tick.start()
        self._on_tick()

    def show_only(self, stored_seconds: float, limit_minutes: float | None) -> None:
        """A submitted scorecard: show the stored time, count nothing."""
        self.stop()
        self._stored = stored_seconds
        self._limit = limit_minutes
        self.display.emit(self._text(stored_seconds))

    def take(self) -> float:
        """Seconds since the last take (or start); they count as stored from now on."""
        if not self._elapsed.isValid():
            return 0.0
        seconds = self._elapsed.restart() / 1000.0
        self._stored += seconds
        return seconds

    def stop(self) -> float:
        seconds = self.take()
        self._elapsed.invalidate()
        self._tick.stop()
        self._paused = False
        return seconds

    def _on_tick(self) -> None:
        running = self._elapsed.elapsed() / 1000.0 if self._elapsed.isValid() else 0.0
        self.display.emit(self._text(self._stored + running))
        if running >= CHUNK_SECONDS:
            self.chunkDue.emit()

    def _text(self, total: float) -> str:
        if self._limit:
            over = " — over" if total > self._limit * 60 else ""
            return f"{clock(total)} of {self._limit:g} min{over}"
        return f"{clock(total)} on this item"


class RoundClock(ItemTimer):
    """Time since the round started (pauses not counted); stored with the item's time."""

    def _text(self, total: float) -> str:
        paused = " — paused" if self.paused else ""
        return f"Round {clock(total)}{paused}"
