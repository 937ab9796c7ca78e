"""Start-up timings as a user gets them, for `scorecard self-test` and the benchmarks.

When the hidden environment variable `SCORECARD_STARTUP_PROBE` is set, `run_gui` calls
`attach(window)`. The probe then records

- `first_paint_ms`: the main window's first paint (the shell: "Opening the database…");
- `services_ms`: the database is open and the candidate list model is filled;
- `startup_ms`: the populated window has *handled a key press* — a real `QKeyEvent`
  posted to the focused widget (the search box) once the list is filled, so the figure
  includes everything queued before the event loop gets to the user's first keystroke;

prints them as one line `SCORECARD_PROBE {json}` on stdout and quits the app (without
saving window geometry). Nothing else changes: the probe only listens.

Times count from *process start*: the spawning process puts its wall-clock time
(`time.time()`, seconds) just before it starts the child in `SCORECARD_PROBE_T0`; without
it, Linux's `/proc/self/stat` start time is used (10 ms resolution), else the moment this
module was imported.
"""

from __future__ import annotations

import json
import os
import sys
import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

PROBE_ENV = "SCORECARD_STARTUP_PROBE"
T0_ENV = "SCORECARD_PROBE_T0"
#: Marks the probe's output line among anything else the app prints.
PREFIX = "SCORECARD_PROBE "
#: Give up (and report it) if the window is not ready by then.
TIMEOUT_MS = 60_000

_HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "pydantic", "reportlab", "yaml")


def requested(env=None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get(PROBE_ENV))


def process_start() -> tuple[float, str]:
    """(wall-clock time this process started, how it is known)."""
    given = os.environ.get(T0_ENV)
    if given:
        try:
            return float(given), "spawn"
        except ValueError:
            pass
    if sys.platform.startswith("linux"):
        try:
            with open("/proc/self/stat", encoding="ascii") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            start_ticks = int(fields[19])  # field 22 of stat(5), counted after the ")"
            with open("/proc/uptime", encoding="ascii") as fh:
                uptime = float(fh.read().split()[0])
            hz = os.sysconf("SC_CLK_TCK")
            return time.time() - uptime + start_ticks / hz, "proc"
        except (OSError, ValueError, IndexError):
            pass
    return _IMPORTED, "import"


_IMPORTED = time.time()


def _loaded(names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in sys.modules]


def peak_rss_mb() -> float | None:
    """Peak resident memory of this process so far, in MB (None where unknown).

    Linux: VmHWM from /proc/self/status — the high-water mark of this program's own memory.
    (getrusage's ru_maxrss would also count the parent's memory at fork time: a child started
    from a big process inherits that figure across exec.)
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except (OSError, ValueError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return round(peak / (1024 * 1024 if sys.platform == "darwin" else 1024), 1)


class StartupProbe(QObject):
    """Listens to one MainWindow's start-up signals; see the module docstring."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self._window = window
        self._t0, self._t0_source = process_start()
        self.result: dict = {"t0": self._t0_source, "platform": QApplication.platformName()}
        self._target: QObject | None = None
        self._finished = False
        window.firstPainted.connect(self._on_first_painted)
        window.servicesReady.connect(self._on_services_ready)
        window.databaseFailed.connect(self._on_database_failed)
        QTimer.singleShot(TIMEOUT_MS, self._on_timeout)

    def _ms(self) -> float:
        return round((time.time() - self._t0) * 1000, 1)

    def _on_first_painted(self) -> None:
        self.result["first_paint_ms"] = self._ms()
        self.result["heavy_modules_at_first_paint"] = _loaded(_HEAVY)

    def _on_services_ready(self) -> None:
        self.result["services_ms"] = self._ms()
        page = getattr(self._window, "candidates_page", None)
        self.result["rows"] = page.model.rowCount() if page is not None else None
        # the user's first keystroke, queued behind whatever start-up still has to do
        target = QApplication.focusWidget() or (page.search if page is not None else self._window)
        self._target = target
        target.installEventFilter(self)
        QApplication.postEvent(target, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A,
                                                 Qt.KeyboardModifier.NoModifier, "a"))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if obj is self._target and event.type() == QEvent.Type.KeyPress and "startup_ms" not in self.result:
            QTimer.singleShot(0, self._on_key_handled)  # runs once the key press was processed
        return False

    def _on_key_handled(self) -> None:
        self.result["startup_ms"] = self._ms()
        self.result["input_target"] = type(self._target).__name__
        page = getattr(self._window, "candidates_page", None)
        if page is not None:
            self.result["search_text"] = page.search.text()
        self.result["heavy_modules_when_ready"] = _loaded(_HEAVY)
        self._finish(ok=True)

    def _on_database_failed(self, message: str) -> None:
        self.result["error"] = message
        self._finish(ok=False)

    def _on_timeout(self) -> None:
        if not self._finished:
            self.result["error"] = f"the window was not ready after {TIMEOUT_MS / 1000:.0f} s"
            self._finish(ok=False)

    def _finish(self, *, ok: bool) -> None:
        if self._finished:
            return
        self._finished = True
        self.result["ok"] = ok
        self.result["peak_rss_mb"] = peak_rss_mb()
        print(PREFIX + json.dumps(self.result, ensure_ascii=False), flush=True)
        QApplication.exit(0 if ok else 3)


def attach(window: QWidget) -> StartupProbe:
    return StartupProbe(window)


def parse_output(stdout: str) -> dict | None:
    """The probe's result from a child's stdout, or None when it printed none."""
    for line in reversed(stdout.splitlines()):
        if line.startswith(PREFIX):
            return json.loads(line[len(PREFIX):])
    return None


class _BareWindow(QWidget):
    """An empty window that reports its first paint: the floor any Qt application pays."""

    def __init__(self, t0: float):
        super().__init__()
        self._t0 = t0
        self._painted = False

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            ms = round((time.time() - self._t0) * 1000, 1)
            print(PREFIX + json.dumps({"ok": True, "first_paint_ms": ms, "startup_ms": ms,
                                       "platform": QApplication.platformName(), "peak_rss_mb": peak_rss_mb()}),
                  flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return handled


def bare_window() -> int:
    """Show one empty window, print its first paint like the probe does, quit (`SCORECARD_STARTUP_PROBE=bare`)."""
    t0, _source = process_start()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    window = _BareWindow(t0)
    window.resize(800, 600)
    window.show()
    return app.exec()
