"""The floor for any Qt application: a bare PySide6 script that shows one empty window.

Prints `SCORECARD_PROBE {json}` with the first paint in ms from process start (the parent
passes its clock in SCORECARD_PROBE_T0), then quits. Imports nothing of Scorecard.
"""

import json
import os
import sys
import time

T0 = float(os.environ.get("SCORECARD_PROBE_T0") or time.time())

from PySide6.QtCore import QEvent, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402


class Window(QWidget):
    painted = False

    def event(self, event):
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self.painted:
            self.painted = True
            ms = round((time.time() - T0) * 1000, 1)
            print("SCORECARD_PROBE " + json.dumps({"ok": True, "first_paint_ms": ms, "startup_ms": ms}), flush=True)
            QTimer.singleShot(0, QApplication.quit)
        return handled


app = QApplication(sys.argv)
window = Window()
window.resize(1366, 720)
window.show()
sys.exit(app.exec())
