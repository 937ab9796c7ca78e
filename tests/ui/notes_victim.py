"""Types continuously into the notes field of the real window, to be SIGKILLed by test_notes_kill.py.

Usage: python notes_victim.py DB_PATH SETTINGS_PATH CANDIDATE_ID CHARS INTERVAL_MS

Opens the real MainWindow offscreen, opens the 'tech' round (the notes field has focus) and
types CHARS characters, one every INTERVAL_MS, never pausing. After each keystroke has been
handled it prints `K <n>` (n characters typed so far); after the last one, `STOP`. Then it
idles in the event loop until it is killed.
"""

from __future__ import annotations

import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, Qt  # noqa: E402
from PySide6.QtGui import QKeyEvent  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

ALPHABET = "abcdefghijklmnopqrstuvwxyz äöü ÑÉ 王伟 "


def text_of(n: int) -> str:
    """The first n characters the victim types (the test rebuilds them the same way)."""
    return "".join(ALPHABET[i % len(ALPHABET)] for i in range(n))


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    db, settings_path, candidate_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
    chars, interval = int(sys.argv[4]), int(sys.argv[5])
    app = QApplication(sys.argv[:1])
    from scorecard.services import open_services
    from scorecard.ui.main_window import MainWindow
    from scorecard.ui.settings import Settings

    window = MainWindow(services=open_services(db), settings=Settings(settings_path))
    window.resize(1366, 720)
    window.show()
    window.activateWindow()
    window._on_round_requested(candidate_id, "tech")
    page = window.scoring_page
    while QApplication.focusWidget() is not page.notes:
        QTest.qWait(5)
    say("READY")
    text = text_of(chars)
    for n, ch in enumerate(text, start=1):
        # a key press carrying the character, as a keyboard sends it (QTest.keyClicks takes ASCII only)
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(page.notes, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))
        say(f"K {n}")
        QTest.qWait(interval)  # the event loop runs meanwhile: timers fire, as in real typing
    say("STOP")
    while True:
        QTest.qWait(50)
    return 0  # pragma: no cover - killed before


if __name__ == "__main__":
    sys.exit(main())
