"""Render the screenshots in docs/screenshots/ from the real window, offscreen.

    uv run python scripts/screenshots.py            # scale 1 and 2 (runs itself twice)
    uv run python scripts/screenshots.py --scale 2  # one scale only

Builds a demo-like database in a temporary folder through the services (the bundled
Integration Engineer kit, candidates with names in several scripts, a round part-scored),
opens the MainWindow and grabs: the candidate list, a competency question with its
guidance open, two exercise briefs, the help overlay, the save banner and a dark-palette
view. Scale 1 is a 1280×720 screen (the smallest common laptop screen at 100 %); scale 2
(QT_SCALE_FACTOR=2) is a 13" 1920×1080 laptop at 200 %: 960×540 logical pixels, the smallest
the window is made for, in images named `…@2x.png`. `--size 1366x768` renders another size.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
#: Logical window size per scale factor: a 1280×720 screen at 100 %; a 1920×1080 screen at 200 %.
SIZES = {1: (1280, 720), 2: (960, 540)}
INTERVIEWER = "Alex Morgan"
CANDIDATES = [
    ("Zoë Ñúñez", "mid"),
    ("王伟", "senior"),
    ("Łukasz Wróbel", "junior"),
    ("Ana-María O'Connor", "mid"),
    ("Анна Иванова", "senior"),
    ("Mateus Araújo", "mid"),
    ("Priya Raghunathan", "senior"),
]


def build_database(services) -> dict[str, str]:
    """The kit, the candidates and some scoring; returns candidate ids by name."""
    kit_file = ROOT / "data" / "kits" / "integration-engineer.yaml"
    try:
        services.kits.import_file(kit_file)
        kit_id = "integration-engineer"
    except ImportError:  # no kit loader yet: the small test kit
        sys.path.insert(0, str(ROOT))
        from tests.factories import mini_kit

        services.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
        kit_id = "mini"
    ids = {name: services.candidates.add(name=name, kit_id=kit_id, target_level=level).id
           for name, level in CANDIDATES}
    _vid, kit = services.kits.latest(kit_id)
    s = services.scoring

    # Zoë: a colleague submitted the recruiter screen; Alex is half-way through the deep dive
    deep = next(r.id for r in kit.rounds if "deep" in r.id) if kit_id != "mini" else "tech"
    items = kit.items_in(deep)
    card = s.start_or_resume(candidate_id=ids["Zoë Ñúñez"], round_id=deep, interviewer=INTERVIEWER)
    for item, rating, note in zip(items, ["meets", "exceeds"], [
        "Walked through an OpenAPI-first contract; versioned paths, additive changes only.",
        "Token refresh with a 5-minute skew; stored secrets in the vault, never in logs.",
    ]):
        for key in ("p1", "p2"):
            s.mark_indicator(scorecard_id=card.id, item_id=item.id, key=key, checked=True)
        s.rate(scorecard_id=card.id, item_id=item.id, step_id=rating)
        s.set_notes(scorecard_id=card.id, item_id=item.id, notes=note)
    s.rate(scorecard_id=card.id, item_id=items[2].id, step_id="meets")  # flagged: no evidence
    s.skip(scorecard_id=card.id, item_id=items[3].id, reason="Ran out of time")
    s.go_to(scorecard_id=card.id, item_id=items[4].id if len(items) > 4 else items[-1].id)

    first_round = kit.rounds[0].id
    ko = kit.items_in(first_round)[0]
    if ko.type == "knockout_question":
        for name, outcome in (("Mateus Araújo", "auto_decline"), ("Zoë Ñúñez", "qualifies")):
            c = s.start_or_resume(candidate_id=ids[name], round_id=first_round, interviewer=INTERVIEWER)
            option = next(o.id for o in ko.options if o.outcome.value == outcome)
            s.choose_option(scorecard_id=c.id, item_id=ko.id, option_id=option)
            if name == "Zoë Ñúñez":
                s.set_recommendation(scorecard_id=c.id, step_id="yes")
                s.set_summary(scorecard_id=c.id, text="Meets the experience bar.")
                s.submit(scorecard_id=c.id)
    return ids


def dark_palette():
    from PySide6.QtGui import QColor, QPalette

    p = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.ToolTipBase: "#35373b",
        QPalette.ColorRole.ToolTipText: "#e6e6e6", QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Mid: "#4a4d52", QPalette.ColorRole.Midlight: "#3c3f44",
        QPalette.ColorRole.Light: "#505357", QPalette.ColorRole.Dark: "#1a1b1d",
        QPalette.ColorRole.Shadow: "#000000",
    }
    for role, color in roles.items():
        p.setColor(role, QColor(color))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#7a7d82"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#7a7d82"))
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#7a7d82"))
    return p


def render(scale: int, out: Path, size: tuple[int, int]) -> list[Path]:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    tmp = Path(tempfile.mkdtemp(prefix="scorecard-shots-"))
    os.environ["SCORECARD_DATA_DIR"] = str(tmp / "data")

    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from scorecard.services import open_services
    from scorecard.ui import theme
    from scorecard.ui.app import register_fonts
    from scorecard.ui.main_window import MainWindow
    from scorecard.ui.settings import Settings

    theme.apply(app)
    register_fonts()
    services = open_services(tmp / "demo.sqlite3")
    ids = build_database(services)
    settings = Settings(tmp / "settings.ini")
    settings.set_interviewer(INTERVIEWER)
    window = MainWindow(services=services, settings=settings)
    window.resize(*size)
    window.show()
    window.activateWindow()
    QTest.qWait(50)
    suffix = "" if scale == 1 else f"@{scale}x"
    written: list[Path] = []

    def shot(name: str) -> None:
        QTest.qWait(250)  # let layouts settle (wrapping labels, scroll bars)
        pixmap = window.grab()
        path = out / f"{name}{suffix}.png"
        pixmap.save(str(path))
        written.append(path)

    page = window.candidates_page
    page.select_candidate(ids["Zoë Ñúñez"])
    shot("candidates")

    page.search.setText("zoe")
    page.focus_rounds()
    QTest.keyClick(page.rounds, Qt.Key.Key_Return)  # resumes the draft
    scoring = window.scoring_page
    first_competency = next(i for i, it in enumerate(scoring._items) if it.type == "competency_question"
                            and it.guidance.answer_example)
    scoring.go_to_index(first_competency)
    scoring.panel.toggle_guidance()
    shot("scoring-competency")

    window.help_overlay.open()
    shot("help")
    window.help_overlay.dismiss()

    services.db.connection.execute("PRAGMA query_only = 1")
    QTest.keyClick(scoring.notes, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    shot("save-banner")
    services.db.connection.execute("PRAGMA query_only = 0")
    window.guard.flush()
    window.statusBar().clearMessage()  # "All input saved." would hide the key hints in later shots
    scoring._on_back_requested()

    kit_rounds = [r.id for r in scoring._kit.rounds]
    for round_id, name in (("coding-test", "exercise-coding"), ("work-simulation", "exercise-simulation"),
                           ("tech", "exercise-coding")):
        if round_id not in kit_rounds:
            continue
        window._on_round_requested(ids["王伟"], round_id)
        exercise = next(i for i, it in enumerate(scoring._items) if it.type == "exercise")
        scoring.go_to_index(exercise)
        if scoring.panel.brief and scoring.panel.brief.radios:
            scoring.panel.brief.next_variant()
        shot(name)
        scoring._on_back_requested()

    window.close()

    # a system in dark mode: the palette is dark before the window is built, as at a real start
    app.setPalette(dark_palette())
    theme.apply(app)
    window = MainWindow(services=services, settings=settings)
    window.resize(*size)
    window.show()
    window.activateWindow()
    window.candidates_page.select_candidate(ids["Mateus Araújo"])
    shot("dark-candidates")
    window._on_round_requested(ids["Zoë Ñúñez"], "hiring-manager-deep-dive" if "hiring-manager-deep-dive"
                               in kit_rounds else kit_rounds[-1])
    window.scoring_page.go_to_index(2)
    window.scoring_page.panel.toggle_guidance()
    shot("dark-scoring")
    window.scoring_page._on_back_requested()
    window._on_round_requested(ids["Zoë Ñúñez"], kit_rounds[0])
    shot("dark-submitted")
    window.close()
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, choices=(1, 2))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--size", help="logical window size, e.g. 1366x768 (default: by scale)")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    if args.scale is None:
        for scale in (1, 2):
            env = {**os.environ, "QT_SCALE_FACTOR": str(scale)}
            subprocess.run([sys.executable, __file__, "--scale", str(scale), "--out", str(args.out)],
                           check=True, env=env)
        return 0
    if os.environ.get("QT_SCALE_FACTOR", "1") != str(args.scale):
        os.environ["QT_SCALE_FACTOR"] = str(args.scale)
    size = tuple(int(n) for n in args.size.lower().split("x")) if args.size else SIZES[args.scale]
    for path in render(args.scale, args.out, size):
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
