"""The window fits the screen whatever people type: long notes from a whole panel, URLs, names without spaces."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import INTERVIEWER

pytestmark = pytest.mark.gui

#: The smallest common laptop screen: the window must fit in it (minus a task bar for the height).
SCREEN = (1366, 768)
URL = "https://example.com/" + "/".join(f"segment{i}" for i in range(200))
LONG_NAME = "Ana" + "x" * 300
NOTE = ("Described a contract-first design with versioned paths and additive changes; asked about "
        "consumers and error budgets before proposing a staged rollout with a rollback plan ready.")


def ten_item_kit():
    from scorecard.domain.kit import Kit
    from tests.factories import MINI_KIT

    items = [dict(type="competency_question", id=f"q{i}", round="tech", competency="api", title=f"Question {i}",
                  prompt=f"Tell me about API number {i}.", indicators={"positive": ["a"], "negative": ["b"]})
             for i in range(10)]
    return Kit.model_validate({**MINI_KIT, "id": "ten", "items": items})


def score(services, candidate_id: str, who: str, notes: str, *, items=("q-api", "q-listen", "ex-code"),
          submit: bool = True):
    s = services.scoring
    card = s.start_or_resume(candidate_id=candidate_id, round_id="tech", interviewer=who)
    for item in items:
        s.rate(scorecard_id=card.id, item_id=item, step_id="meets")
        s.set_notes(scorecard_id=card.id, item_id=item, notes=notes)
    if "ex-code" in items:
        s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="ai")
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text=notes)
    if submit:
        s.submit(scorecard_id=card.id)
    return card


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(10)  # layout requests posted by the last show/resize


def assert_fits(window) -> None:
    for hint in (window.sizeHint(), window.minimumSizeHint()):
        assert hint.width() < SCREEN[0], f"window wants {hint.width()} px"
        assert hint.height() < SCREEN[1], f"window wants {hint.height()} px"
    assert window.size().width() <= SCREEN[0] and window.size().height() <= SCREEN[1]


def test_a_whole_panels_notes_scroll_inside_a_collapsed_locked_panel(qtbot, services, settings, make_window):
    services.kits.import_kit(ten_item_kit(), source_name="ten.yaml", source_text="")
    candidate = services.candidates.add(name="Zoë Ñúñez", kit_id="ten", target_level="mid")
    items = [f"q{i}" for i in range(10)]
    for who in ("Ana", "Ben", "Cai"):
        score(services, candidate.id, who, NOTE + " " + NOTE[:20], items=items)
    score(services, candidate.id, INTERVIEWER, "mine", items=items)

    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    settle(qtbot)
    panel = scoring.locked_panel
    assert scoring.read_only and panel.isVisible()
    assert not panel.details_scroll.isVisible() and panel.details_button.text() == "Show details"
    assert scoring.item_scroll.height() > 400
    assert_fits(window)

    panel.details_button.click()
    settle(qtbot)
    assert panel.details_scroll.isVisible() and "Ana" in panel.details.text()
    assert panel.details_scroll.height() <= scoring.height() // 3
    assert panel.details_scroll.verticalScrollBar().maximum() > 0  # the rest scrolls
    assert scoring.item_scroll.height() > 250
    assert_fits(window)


def test_long_unbroken_text_wraps_or_shortens_instead_of_widening_the_window(qtbot, services, settings,
                                                                             make_window):
    candidate = services.candidates.add(name=LONG_NAME, kit_id="mini", target_level="mid")
    score(services, candidate.id, "Other" + "y" * 200, "See " + URL)

    window = make_window(services, settings)
    settle(qtbot)
    page = window.candidates_page
    assert page.detail_title.text() == LONG_NAME and page.detail_title.toolTip() == LONG_NAME
    assert_fits(window)

    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    scoring._set_skip(URL)
    scoring.notes.setPlainText("See " + URL)
    settle(qtbot)
    assert scoring.name_label.toolTip() == LONG_NAME
    assert scoring.skip_label.text() == f"Skipped: {URL}"  # as given; the break points are for display only
    assert_fits(window)
    scoring._on_back_requested()

    card = score(services, candidate.id, INTERVIEWER, URL)
    services.scoring.add_addendum(scorecard_id=card.id, author=INTERVIEWER, text=URL)
    window._on_round_requested(candidate.id, "tech")
    scoring.locked_panel.details_button.click()
    settle(qtbot)
    assert URL in scoring.locked_panel.details.text()
    assert_fits(window)


def test_break_points_are_not_copied(qtbot):
    from scorecard.ui.widgets import ZWSP, wrap_label

    label = wrap_label(f"See {URL}")
    qtbot.addWidget(label)
    label.show()
    assert label.text() == f"See {URL}"
    shown = QLabel.text(label)
    assert ZWSP in shown and shown.replace(ZWSP, "") == f"See {URL}"  # what Qt lays out…
    label.setSelection(0, len(shown))
    label.setFocus()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == f"See {URL}"  # …and what is copied


def test_break_points_keep_marks_with_their_letters():
    from scorecard.ui.widgets import ZWSP, breakable, breakable_html

    assert breakable("short words stay as they are") == "short words stay as they are"
    decomposed = "e\u0301" * 30  # é as e + combining acute, 30 times
    assert ZWSP + "\u0301" not in breakable(decomposed) and ZWSP in breakable(decomposed)
    family = "👨\u200d👩\u200d👧" * 10
    assert "\u200d" + ZWSP not in breakable(family) and ZWSP + "\u200d" not in breakable(family)
    html = f"<a href='{URL}'>x</a> &amp;{'y' * 40}"
    broken = breakable_html(html)
    assert broken.startswith(f"<a href='{URL}'>x</a> &amp;") and ZWSP in broken


# --- a 13" 1920×1080 laptop at 200 %: 960×540 logical pixels ---------------------------------------

SMALL = (960, 540)


def overflowing_scroll_areas(window) -> list[str]:
    """Scroll areas (no horizontal scroll bar) whose content is wider than what they show."""
    from scorecard.ui.widgets import WrappingScrollArea

    return [f"{area.objectName()}: {area.widget().width()} > {area.viewport().width()}"
            for area in window.findChildren(WrappingScrollArea)
            if area.isVisible() and area.widget() is not None and area.widget().width() > area.viewport().width()]


def test_every_item_of_the_bundled_kit_fits_a_960_by_540_window(qtbot, services, settings, make_window):
    services.kits.import_bundled()
    candidate = services.candidates.add(name="Zoë Ñúñez", kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings, size=SMALL)
    assert window.minimumSizeHint().width() <= SMALL[0] and window.minimumSizeHint().height() <= SMALL[1]
    settle(qtbot)
    assert window.size().width() == SMALL[0] and not overflowing_scroll_areas(window)

    scoring = window.scoring_page
    _version, kit = services.kits.latest("integration-engineer")
    line = scoring.notes.fontMetrics().lineSpacing()
    for round_ in kit.rounds:
        assert window.scoring_page.open(candidate.id, round_.id)
        window.stack.setCurrentWidget(scoring)
        hint = window.hint
        assert hint.elided() != hint.text() and hint.toolTip() == hint.text()  # the footer shortens itself…
        assert hint.elided().startswith("F1 all keys")  # …keeping the key to every key
        rail, item, answer = scoring.splitter.sizes()
        assert 150 <= rail < item and answer > 250, scoring.splitter.sizes()
        for index in range(len(scoring._items)):
            scoring.go_to_index(index)
            if scoring.panel.guidance is not None and not scoring.panel.guidance.expanded:
                scoring.panel.toggle_guidance()
            settle(qtbot)
            where = f"{round_.id} item {index + 1}"
            assert not overflowing_scroll_areas(window), where
            assert window.size().width() == SMALL[0], where
            # the notes field the cursor is in can be seen (on a short screen it is scrolled into view)
            assert scoring.notes.visibleRegion().boundingRect().height() >= 3 * line, where
        scoring._on_back_requested()


@pytest.mark.slow
def test_the_same_at_scale_factor_2(tmp_path):
    """The test above in a fresh process with QT_SCALE_FACTOR=2 (it must be set before Qt starts)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    if os.environ.get("QT_SCALE_FACTOR") == "2":
        pytest.skip("already running at scale 2")
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--basetemp", str(tmp_path / "run"),
         f"{Path(__file__).relative_to(root)}::test_every_item_of_the_bundled_kit_fits_a_960_by_540_window"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_the_role_column_shows_the_bundled_kits_whole_title_at_1280_by_720(qtbot, services, settings, make_window):
    """The seed kit's long title ("Integration Engineer / Lead Integration Engineer") is read
    whole, not "…Engin…": the Candidate column is as wide as the names need, not a fixed 220 px."""
    from scorecard.ui.candidates.model import CandidateTableModel

    services.kits.import_bundled()
    for name in ("Zoë Ñúñez", "Priya Raghunathan", "王伟"):
        services.candidates.add(name=name, kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings, size=(1280, 720))
    settle(qtbot)
    table = window.candidates_page.table
    header = table.horizontalHeader()
    title = services.kits.latest("integration-engineer")[1].title
    margins = 2 * (table.style().pixelMetric(table.style().PixelMetric.PM_FocusFrameHMargin, None, table) + 1)
    assert table.fontMetrics().horizontalAdvance(title) + margins <= header.sectionSize(CandidateTableModel.ROLE)
    names = header.sectionSize(CandidateTableModel.NAME)
    assert table.fontMetrics().horizontalAdvance("Priya Raghunathan") < names < 220


def test_the_window_is_maximised_where_it_would_not_fit_with_a_title_bar(qtbot, services, settings, qapp):
    """On a real 1280×720 screen the window manager's title bar pushed the footer below the edge:
    the window is only known to be framed once shown, so a window as large as the free area
    does not fit. Where that is so it opens maximised; where there is room, as sized."""
    from scorecard.ui.main_window import FRAME_ROOM, MainWindow

    free = qapp.primaryScreen().availableGeometry()
    window = MainWindow(services=services, settings=settings)
    qtbot.addWidget(window)
    window.resize(free.width() - FRAME_ROOM[0] // 2, free.height() - FRAME_ROOM[1] // 2)
    window.show_on_screen()
    qtbot.waitExposed(window)
    assert window.isMaximized()
    window.close()

    small = MainWindow(services=services, settings=settings)
    qtbot.addWidget(small)
    small.resize(small.minimumSizeHint())
    assert small.width() <= free.width() - FRAME_ROOM[0] and small.height() <= free.height() - FRAME_ROOM[1]
    small.show_on_screen()
    qtbot.waitExposed(small)
    assert not small.isMaximized()
    small.close()


def test_the_count_reads_as_a_number_of_candidates(qtbot, services, settings, make_window):
    services.candidates.add(name="Kim", kit_id="mini", target_level="mid")
    window = make_window(services, settings)
    assert window.candidates_page.count_label.text() == "1 candidate"
