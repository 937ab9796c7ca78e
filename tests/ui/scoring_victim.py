"""A scoring session driven by the keyboard, to be killed mid-round by test_kill.py.

Usage: python scoring_victim.py DB_PATH SETTINGS_PATH CANDIDATE_ID

Opens the real MainWindow offscreen on the database and scores the 'tech' round forever
with key presses. Before each interaction it prints `DO <n> <claim>`; once the UI has
handled it and its save has returned, `ACK <n>`. A claim is JSON naming what the database
must hold afterwards: {"item", "field", "value"}. Only the last DO can be in flight when
the process is killed, so every ACKed claim must be on disk (or overwritten by that one).
"""

from __future__ import annotations

import json
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path  # noqa: E402

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
NO = Qt.KeyboardModifier.NoModifier
RATINGS = ["below", "meets", "exceeds"]
RATING_KEYS = [Qt.Key.Key_F5, Qt.Key.Key_F6, Qt.Key.Key_F7]


def wait_for(condition, timeout_ms: int = 5000) -> None:
    """Let the event loop run (timers, saves) until `condition()` holds."""
    waited = 0
    while not condition():
        if waited >= timeout_ms:
            raise TimeoutError("the UI did not settle")
        QTest.qWait(5)
        waited += 5


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    db, settings_path, candidate_id = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
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
    wait_for(lambda: QApplication.focusWidget() is page.notes)
    say("READY")

    notes: dict[str, str] = {}
    checked: dict[tuple[str, str], bool] = {}
    n = 0

    def key(k, mod=NO) -> None:
        QTest.keyClick(QApplication.focusWidget(), k, mod)

    def settled() -> None:
        """Wait until the UI has no input left unsaved (notes debounce fired, nothing queued)."""
        wait_for(lambda: not page.notes_unsaved and window.guard.pending == 0)

    while True:
        item = page.current_item.id
        step = n % 5
        if step == 0:  # tick or untick the first positive indicator
            now = not checked.get((item, "p1"), False)
            claim = {"item": item, "field": "p1", "value": now}
            say(f"DO {n} {json.dumps(claim)}")
            key(Qt.Key.Key_1, Ctrl)
            checked[(item, "p1")] = now
        elif step == 1:  # rate
            r = (n // 5) % 3
            claim = {"item": item, "field": "rating", "value": RATINGS[r]}
            say(f"DO {n} {json.dumps(claim)}")
            key(RATING_KEYS[r])
        elif step == 2 or step == 3:  # type a sentence of notes
            text = notes.get(item, "") + f"note {n}; "
            claim = {"item": item, "field": "notes", "value": text}
            say(f"DO {n} {json.dumps(claim)}")
            QTest.keyClicks(QApplication.focusWidget(), f"note {n}; ")
            notes[item] = text
        else:  # next item (wrapping round to the first)
            target = (page._index + 1) % len(page._items)
            claim = {"item": None, "field": "current_item_id", "value": page._items[target].id}
            say(f"DO {n} {json.dumps(claim)}")
            if target == 0:
                page.go_to_index(0)
            else:
                key(Qt.Key.Key_PageDown, Ctrl)
        settled()
        say(f"ACK {n}")
        n += 1
        if n > 400:
            return 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
