"""The window for test_atspi.py: a competency item of the bundled kit, indicator +1 ticked and
the second rating step chosen by their shortcuts; prints READY and runs until killed.

Run in a fresh process with SCORECARD_DATA_DIR pointing at a temporary directory.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication


def main() -> int:
    data = Path(os.environ["SCORECARD_DATA_DIR"])
    app = QApplication(sys.argv)
    from scorecard.services import open_services
    from scorecard.ui import theme
    from scorecard.ui.main_window import MainWindow
    from scorecard.ui.settings import Settings

    theme.apply(app)
    services = open_services(data / "atspi.sqlite3")
    services.kits.import_bundled()
    candidate = services.candidates.add(name="Ana Example", kit_id="integration-engineer", target_level="mid")
    settings = Settings(data / "settings.ini")
    settings.set_interviewer("Ana")
    window = MainWindow(services=services, settings=settings)
    window.resize(1280, 720)
    window.show()
    _version, kit = services.kits.latest("integration-engineer")
    round_ = next(r for r in kit.rounds if any(i.type == "competency_question" for i in kit.items_in(r.id)))
    window._on_round_requested(candidate.id, round_.id)
    page = window.scoring_page
    page.go_to_index(next(i for i, it in enumerate(page._items) if it.type == "competency_question"))
    page._on_indicator_key("p1")
    page._on_choice_key(1)
    print("READY", flush=True)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
