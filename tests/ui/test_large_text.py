"""200 % text: the system font at twice its size, in a 1280×720 window (docs/accessibility.md).

Nothing an interviewer needs may be outside the window or behind a horizontal scroll bar.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication

from tests.ui.test_layout import overflowing_scroll_areas, settle

pytestmark = pytest.mark.gui

WINDOW = (1280, 720)


@pytest.fixture
def large_text(qapp):
    font = qapp.font()
    before = qapp.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    qapp.setFont(font)
    yield
    qapp.setFont(before)


def inside_window(window, widget) -> bool:
    top_left = widget.mapTo(window, QPoint(0, 0))
    return QRect(QPoint(0, 0), window.size()).contains(QRect(top_left, widget.size()))


def test_candidate_list_keeps_status_visible_at_200_percent_text(qtbot, services, settings, make_window, large_text):
    from scorecard.ui.candidates.model import CandidateTableModel

    services.kits.import_bundled()
    services.candidates.add(name="Zoë Ñúñez", kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings, size=WINDOW)
    settle(qtbot)
    assert window.size().width() == WINDOW[0] and window.size().height() == WINDOW[1]
    table = window.candidates_page.table
    header = table.horizontalHeader()
    for column in (CandidateTableModel.NAME, CandidateTableModel.FLAG):
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert 0 <= header.sectionViewportPosition(column) and right <= table.viewport().width(), column
    for widget in (window.candidates_page.search, window.candidates_page.add_button, table):
        assert inside_window(window, widget)


def test_every_item_of_the_bundled_kit_fits_1280_by_720_at_200_percent_text(
        qtbot, services, settings, make_window, large_text):
    services.kits.import_bundled()
    candidate = services.candidates.add(name="Zoë Ñúñez", kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings, size=WINDOW)
    hint = window.minimumSizeHint()
    assert hint.width() <= WINDOW[0] and hint.height() <= WINDOW[1], hint
    scoring = window.scoring_page
    _version, kit = services.kits.latest("integration-engineer")
    line = scoring.notes.fontMetrics().lineSpacing()
    for round_ in kit.rounds:
        assert scoring.open(candidate.id, round_.id)
        window.stack.setCurrentWidget(scoring)
        for index in range(len(scoring._items)):
            scoring.go_to_index(index)
            settle(qtbot)
            where = f"{round_.id} item {index + 1}"
            assert window.size().width() == WINDOW[0] and window.size().height() == WINDOW[1], where
            assert not overflowing_scroll_areas(window), where
            for widget in (scoring.back_button, scoring.prev_button, scoring.next_button, scoring.submit_button,
                           scoring.rail, scoring.item_scroll, scoring.right_scroll):
                assert widget.isVisible() and inside_window(window, widget), (where, widget)
            # the notes field with the cursor in it can be seen (scrolled into view), three lines of it
            assert scoring.notes.visibleRegion().boundingRect().height() >= 3 * line, where
            # every rating step and the skip button can be scrolled to inside the answer column
            for control in [*scoring.answer.buttons, scoring.skip_button]:
                scoring.right_scroll.ensureWidgetVisible(control)
                settle(qtbot)
                assert not control.visibleRegion().isEmpty(), (where, control.accessibleName())
        scoring._on_back_requested()
    assert QApplication.font().pointSizeF() > 0
