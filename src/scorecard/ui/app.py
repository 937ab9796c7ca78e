"""Start the GUI: the window first, everything heavy after it is painted.

Order of start-up (measured by tests/ui/test_startup.py):
1. QApplication, settings, the MainWindow shell — shown at once ("Opening the database…");
2. after the first paint, on the next event-loop turn: import the services, open and
   migrate the database, fill the candidate list; register the bundled fonts.
A database that cannot be opened is reported in the window, never as a traceback;
any other unexpected error is logged and shown in a dialog by the excepthook.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
import threading
import time
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from scorecard import paths
from scorecard.ui import theme
from scorecard.ui.main_window import MainWindow
from scorecard.ui.settings import Settings

log = logging.getLogger("scorecard.ui")

#: How long after the list is shown the scoring code starts loading in the background.
WARM_UP_DELAY_MS = 300

#: Fonts shipped with the app so that every script renders (王伟 needs a CJK font).
BUNDLED_FONTS = (
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf",
    "wqy-zenhei.ttc",
)


def register_fonts() -> list[str]:
    """Add the bundled fonts to Qt's font database; returns the families added."""
    families: list[str] = []
    for name in BUNDLED_FONTS:
        font_id = QFontDatabase.addApplicationFont(str(paths.bundled("resources", "fonts", name)))
        if font_id < 0:
            log.warning("could not load bundled font %s", name)
            continue
        families.extend(QFontDatabase.applicationFontFamilies(font_id))
    return families


def log_file() -> Path:
    from scorecard.logfiles import LOG_NAME

    return paths.user_log_dir() / LOG_NAME


def setup_logging() -> Path:
    """A private (0600), rotating log in the user's log folder; no personal data (scorecard.logfiles)."""
    from scorecard.logfiles import PrivateFormatter, setup_file_logging

    try:
        return setup_file_logging()
    except OSError:
        handler = logging.StreamHandler()
        handler.setFormatter(PrivateFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        logging.getLogger("scorecard").addHandler(handler)
        return log_file()


class ExceptionDialogHook:
    """Last resort for an unexpected error: log it with its traceback, tell the user in plain words."""

    def __init__(self, window: QWidget | None, log_path: Path):
        self._window = window
        self._log_path = log_path
        self._showing = False
        self.dialog: QMessageBox | None = None

    def __call__(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        from scorecard.logfiles import safe_traceback, write_crash_report

        if exc is not None and exc.__traceback__ is None:
            exc = exc.with_traceback(tb)
        log.error("unexpected error\n%s", safe_traceback(exc))
        try:
            report = write_crash_report(exc)
        except OSError:
            report = self._log_path
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        if self._showing or QApplication.instance() is None:
            return
        self._showing = True
        self.dialog = QMessageBox(QMessageBox.Icon.Critical, "Something went wrong",
                                  f"Scorecard hit an unexpected problem ({exc_type.__name__}).",
                                  parent=self._window)
        self.dialog.setInformativeText(
            "What was saved before this stays saved, but the last thing you did may not have been: "
            "check it before you go on. If the problem comes back, restart Scorecard.\n\n"
            f"A report without your data was written to {report}."
        )
        self.dialog.finished.connect(self._on_finished)
        self.dialog.open()

    def _on_finished(self, _result: int) -> None:
        self._showing = False


#: exit status of a second launch on a database another window has open
ALREADY_OPEN = 3


def already_open_text(db_path: Path) -> str:
    return (f"Scorecard is already open on this database in another window:\n{db_path}\n\n"
            "Switch to that window — everything entered there is saved. To open the file here, "
            "close the other window first. Nothing was changed.")


def run_gui(db_path: Path, argv: list[str]) -> int:
    """Run the desktop app on the database at `db_path`; returns the exit code.

    One window per database file: a second launch on a file another window holds says so
    and exits before opening the database (see `storage/instance_lock.py`)."""
    from scorecard.storage.instance_lock import InstanceLock  # standard library only: costs ~nothing

    started = time.perf_counter()
    lock = InstanceLock(db_path)
    if not lock.acquire():
        text = already_open_text(db_path)
        print(text, file=sys.stderr)
        app = QApplication.instance() or QApplication(argv)
        if QApplication.platformName() not in ("offscreen", "minimal"):  # someone to read it
            QMessageBox.information(None, "Scorecard is already open", text)
        return ALREADY_OPEN
    try:
        return _run_gui(db_path, argv, started)
    finally:
        lock.release()


def _run_gui(db_path: Path, argv: list[str], started: float) -> int:
    app = QApplication.instance() or QApplication(argv)
    app.setApplicationName(paths.APP_NAME)
    app.setApplicationDisplayName(paths.APP_NAME)
    theme.apply(app)
    log_path = setup_logging()
    settings = Settings.default()
    window = MainWindow(services=None, settings=settings)
    geometry = settings.window_geometry()
    if geometry:
        window.restoreGeometry(geometry)
    window.fit_to_screen()
    if os.environ.get("SCORECARD_STARTUP_PROBE"):  # self-test and benchmarks: report timings, quit when ready
        from scorecard.ui.startup_probe import attach

        attach(window)
    hook = ExceptionDialogHook(window, log_path)
    previous_hook = sys.excepthook
    sys.excepthook = hook

    done = False

    def _continue_start_up() -> None:
        nonlocal done
        if done:
            return
        done = True
        log.info("first paint after %.0f ms", (time.perf_counter() - started) * 1000)
        from scorecard.ui.about_dialog import app_icon  # after the first paint: ~10 ms of files

        app.setWindowIcon(app_icon())
        # No cyclic garbage collection during start-up (off since `scorecard gui` began, cli/main.py)
        # and while the list is filled: 10,000 candidates are tens of thousands of new objects,
        # each batch of which would otherwise set off a collection that walks everything start-up
        # created. Once the list is ready, what start-up built is moved out of the collector's
        # way (gc.freeze) — it lives as long as the window and is still freed by reference
        # counting when dropped — and collection resumes.
        gc.disable()
        try:
            window.open_database(Path(db_path))
        finally:
            gc.freeze()
            gc.enable()
        register_fonts()
        log.info("ready after %.0f ms", (time.perf_counter() - started) * 1000)
        if window.services is not None:
            # a moment later, so as not to compete with the first keystrokes: import the scoring
            # code off the UI thread, well before anyone can open a round
            QTimer.singleShot(WARM_UP_DELAY_MS,
                              threading.Thread(target=window.services.warm_up, name="warm-up", daemon=True).start)

    window.firstPainted.connect(lambda: QTimer.singleShot(0, _continue_start_up))
    # If the window is never painted (minimised at start), carry on anyway.
    QTimer.singleShot(500, _continue_start_up)
    window.show_on_screen()
    try:
        return app.exec()
    finally:
        sys.excepthook = previous_hook
        window.shutdown()
