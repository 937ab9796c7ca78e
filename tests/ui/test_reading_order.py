"""A screen reader's review meets the window's parts in the order they are on screen
(docs/accessibility.md): Orca's flat review and NVDA's object navigation walk the accessibility
tree, whose order is the order widgets were made, not where the layout puts them."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible

from tests.ui.reading_order import _before, misordered
from tests.ui.test_layout import settle
from tests.panel_helpers import score_round

pytestmark = pytest.mark.gui

WINDOW = (1280, 720)


def tree_problems(window) -> list[str]:
    return misordered(QAccessible.queryAccessibleInterface(window))


def test_the_check_itself_tells_reading_order_from_its_reverse():
    left, right, below = QRect(0, 0, 100, 20), QRect(120, 0, 100, 20), QRect(0, 40, 100, 20)
    assert _before(left, right) and _before(left, below) and _before(right, below)
    assert not _before(right, left) and not _before(below, left)
    column, beside = QRect(0, 0, 200, 600), QRect(210, 0, 300, 20)  # a splitter's panes
    assert _before(column, beside)


def test_the_candidate_list_and_every_item_of_the_bundled_kit_read_in_screen_order(
        qtbot, services, settings, make_window):
    services.kits.import_bundled()
    candidate = services.candidates.add(name="Zoë Ñúñez", kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings, size=WINDOW)
    settle(qtbot)
    assert tree_problems(window) == []

    scoring = window.scoring_page
    _version, kit = services.kits.latest("integration-engineer")
    for round_ in kit.rounds:
        assert scoring.open(candidate.id, round_.id)
        window.stack.setCurrentWidget(scoring)
        for index in range(len(scoring._items)):
            scoring.go_to_index(index)  # a new item's rating steps are made after the notes field
            if scoring.panel.guidance is not None and not scoring.panel.guidance.expanded:
                scoring.panel.toggle_guidance()
            settle(qtbot)
            assert tree_problems(window) == [], f"{round_.id} item {index + 1}"
        scoring._on_back_requested()


def test_a_submitted_scorecard_reads_in_screen_order(qtbot, services, settings, candidate, make_window):
    from tests.ui.conftest import INTERVIEWER

    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    window = make_window(services, settings, size=WINDOW)
    scoring = window.scoring_page
    assert scoring.open(candidate.id, "tech")
    window.stack.setCurrentWidget(scoring)
    settle(qtbot)
    assert scoring.read_only and scoring.locked_panel.isVisible()
    assert tree_problems(window) == []
    # nothing on a locked card invites typing, and what cannot be used looks so
    assert scoring.notes.isReadOnly() and scoring.notes.placeholderText() == "No notes were written for this item."
    assert not scoring.skip_button.isEnabled()


def test_dialogs_read_in_screen_order(qtbot, services, settings, candidate, make_window):
    """Form rows (Qt makes a row's label after its field), button boxes (an added button after the
    standard ones) and tab widgets (pages before tabs) are put in reading order."""
    from PySide6.QtWidgets import QApplication

    from tests.ui.conftest import INTERVIEWER

    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer="Bo", step=3)
    window = make_window(services, settings, size=WINDOW)
    page = window.candidates_page
    page.open_add_dialog()
    settle(qtbot)
    assert misordered(QAccessible.queryAccessibleInterface(page.add_dialog)) == []
    page.add_dialog.reject()
    committee = window.panel_actions.open_committee(candidate.id)
    settle(qtbot)
    assert misordered(QAccessible.queryAccessibleInterface(committee)) == []
    committee.tabs.setCurrentIndex(1)
    settle(qtbot)
    assert misordered(QAccessible.queryAccessibleInterface(committee)) == []
    committee.close()
    for open_dialog in (window.panel_actions.edit_candidate, window.panel_actions.assign_interviewers):
        open_dialog()
        settle(qtbot)
        assert misordered(QAccessible.queryAccessibleInterface(window.panel_actions.dialog)) == []
        window.panel_actions.dialog.close()
    window.committee_actions.open_decision()
    settle(qtbot)
    decision = QApplication.activeModalWidget() or QApplication.activeWindow()
    assert decision is not window and misordered(QAccessible.queryAccessibleInterface(decision)) == []
    decision.close()
