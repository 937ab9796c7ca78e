"""One interviewer's session on the large database, in a process of its own (for honest memory):
open the window, filter the candidate list by typing, open one candidate, open one of its rounds.

Usage: python scale_session.py DB_PATH  (with SCORECARD_DATA_DIR set; offscreen)
Prints one JSON line: per-keystroke times (key press handled and the view repainted), the
time to show a candidate's rounds and to open a round, and the peak resident memory.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

QUERIES = ("maria", "nunez", "okafor lu", "王")


def ms(seconds: float) -> float:
    return round(seconds * 1000, 3)


def settle(app: QApplication) -> None:
    """Deliver what the last input queued, including the repaint of the table."""
    app.processEvents()
    app.processEvents()


def main() -> int:
    db = Path(sys.argv[1])
    app = QApplication(sys.argv[:1])
    from scorecard.services import open_services
    from scorecard.ui import theme
    from scorecard.ui.main_window import MainWindow
    from scorecard.ui.settings import Settings

    theme.apply(app)
    settings = Settings.default()
    started = time.perf_counter()
    services = open_services(db)
    window = MainWindow(services=services, settings=settings)
    window.resize(1366, 720)
    window.show()
    settle(app)
    result: dict = {"window_ms": ms(time.perf_counter() - started)}
    page = window.candidates_page
    result["rows"] = page.model.rowCount()

    # --- typing in the search box, one key at a time, then erasing it again ---
    page.focus_search()
    keys: list[float] = []
    shown: dict[str, int] = {}
    for query in QUERIES:
        for ch in query:
            t = time.perf_counter()
            if ord(ch) < 128:
                QTest.keyClick(page.search, ch)
            else:  # a character no keyboard layout here types: as an input method would commit it
                page.search.insert(ch)
            settle(app)
            keys.append(time.perf_counter() - t)
        shown[query] = page.model.rowCount()
        for _ch in query:
            t = time.perf_counter()
            QTest.keyClick(page.search, Qt.Key.Key_Backspace)
            settle(app)
            keys.append(time.perf_counter() - t)
    result["keystrokes"] = len(keys)
    result["keystroke_ms"] = [ms(k) for k in keys]
    result["shown"] = shown

    # --- opening one candidate: the round list of the selected row ---
    for ch in "okafor":
        QTest.keyClick(page.search, ch)
    settle(app)
    page.focus_table()
    page.table.setCurrentIndex(page.model.index(0, 0))  # from the top, so that every Down opens another
    settle(app)
    opens, seen = [], []
    for _ in range(10):
        t = time.perf_counter()
        QTest.keyClick(page.table, Qt.Key.Key_Down)
        settle(app)
        opens.append(time.perf_counter() - t)
        seen.append((page.selected_id(), page.detail_title.text(), page.rounds_model.rowCount()))
    result["open_candidate_ms"] = [ms(o) for o in opens]
    result["candidates_opened"] = len({s[0] for s in seen})

    result["round_rows"] = page.rounds_model.rowCount()

    # --- opening one of its rounds (scoring code already imported, as the app does after start-up) ---
    services.warm_up()
    candidate_id = page.selected_id()
    round_id = page.rounds_model.round_at(page.rounds_model.rowCount() - 1).round_id
    t = time.perf_counter()
    window._on_round_requested(candidate_id, round_id)
    settle(app)
    result["open_round_ms"] = ms(time.perf_counter() - t)
    result["scoring_shown"] = window.stack.currentWidget() is window.scoring_page

    window.scoring_page.stop()
    from scorecard.ui.startup_probe import peak_rss_mb

    result["peak_rss_mb"] = peak_rss_mb()  # this program's own high-water mark (not the parent's at fork)
    print("SCALE " + json.dumps(result, ensure_ascii=False), flush=True)
    window.close()
    services.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
