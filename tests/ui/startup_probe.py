"""Run `run_gui` and report, as one JSON line, what start-up looked like (used by test_startup.py).

Usage: python startup_probe.py DB_PATH
Measures from the moment this script runs: the first paint of the main window (and whether
the services were imported by then), when the database was open, and what the window shows.
"""

from __future__ import annotations

import json
import os
import sys
import time

STARTED = time.perf_counter()
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

result: dict = {}


def ms() -> float:
    return round((time.perf_counter() - STARTED) * 1000, 1)


class Probe(QObject):
    def eventFilter(self, obj, event):  # noqa: N802 - Qt name
        if (event.type() == QEvent.Type.Paint and "first_paint_ms" not in result
                and type(obj).__name__ == "MainWindow"):
            result["first_paint_ms"] = ms()
            result["services_imported_at_first_paint"] = "scorecard.services" in sys.modules
            result["domain_imported_at_first_paint"] = "scorecard.domain.kit" in sys.modules
        return False


def poll() -> None:
    windows = [w for w in QApplication.topLevelWidgets() if type(w).__name__ == "MainWindow"]
    if not windows:
        return
    window = windows[0]
    if window.services is not None and "ready_ms" not in result:
        result["ready_ms"] = ms()
        result["rows"] = window.candidates_page.model.rowCount()
        result["page"] = type(window.stack.currentWidget()).__name__
        QTimer.singleShot(0, window.close)
    elif window.start_page.detail.isVisible() and "error" not in result:
        result["error_ms"] = ms()
        result["error"] = window.start_page.title.text() + "\n" + window.start_page.detail.text()
        QTimer.singleShot(0, window.close)


def main() -> int:
    app = QApplication(sys.argv)
    result["qapplication_ms"] = ms()
    probe = Probe()
    app.installEventFilter(probe)
    timer = QTimer()
    timer.timeout.connect(poll)
    timer.start(5)
    from scorecard.ui.app import run_gui

    result["ui_imported_ms"] = ms()
    rc = run_gui(Path(sys.argv[1]), sys.argv)
    result["rc"] = rc
    result["fonts"] = "WenQuanYi Zen Hei" in __import__("PySide6.QtGui").QtGui.QFontDatabase.families()
    print(json.dumps(result, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
