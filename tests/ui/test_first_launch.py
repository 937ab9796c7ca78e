"""First launch asks the interviewer's name once; it is kept in the settings file and can be changed."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import focused, press, type_text, wait_active

pytestmark = pytest.mark.gui


def test_first_launch_asks_name_and_keeps_it(qtbot, services, blank_settings, candidate, make_window):
    from scorecard.ui.settings import Settings

    window = make_window(services, blank_settings)
    dialog = window.name_dialog
    wait_active(qtbot, dialog)
    assert focused() is dialog.edit
    assert not dialog.ok_button.isEnabled()
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible()
    type_text(qtbot, "  Zoë   Tester ")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert blank_settings.interviewer == "Zoë Tester"
    assert Settings(blank_settings.path).interviewer == "Zoë Tester"  # on disk
    assert window.windowTitle() == "Zoë Tester — Scorecard"
    qtbot.waitUntil(lambda: focused() is window.candidates_page.search)

    # a second window on the same settings does not ask again
    again = make_window(services, Settings(blank_settings.path))
    assert again.name_dialog is None

    # changeable from the menu (Ctrl+Shift+I)
    press(qtbot, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    change = again.name_dialog
    wait_active(qtbot, change)
    assert change.edit.text() == "Zoë Tester"
    change.edit.selectAll()
    type_text(qtbot, "Ana")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not change.isVisible())
    assert Settings(blank_settings.path).interviewer == "Ana"


def test_starting_a_round_without_a_name_asks_first(qtbot, services, blank_settings, candidate, make_window):
    window = make_window(services, blank_settings)
    wait_active(qtbot, window.name_dialog)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.name_dialog.isVisible())
    assert "Set your name" in window.notice.message()
    window.candidates_page.roundRequested.emit(candidate.id, "tech")
    wait_active(qtbot, window.name_dialog)
    type_text(qtbot, "Kim")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.scoring_page)
    assert window.scoring_page.card.interviewer == "Kim"
