"""A whole round scored with the keyboard only, checked against what the database holds."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QPlainTextEdit

from tests.ui.conftest import INTERVIEWER, focused, press, type_text, wait_active

pytestmark = pytest.mark.gui

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier


def reread(services, card_id):
    from scorecard.services import open_services

    with open_services(services.database_path) as fresh:
        return fresh.scoring.get(card_id)


def open_tech_round_by_keyboard(qtbot, window):
    page = window.candidates_page
    assert focused() is page.search
    type_text(qtbot, "zoe NUN")  # no accents, any case
    assert page.model.rowCount() == 1
    press(qtbot, Key.Key_Return)  # → the rounds of the match
    assert focused() is page.rounds
    assert page.rounds.currentIndex().row() == 0  # first round not started
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    scoring = window.scoring_page
    assert window.stack.currentWidget() is scoring
    assert focused() is scoring.notes
    return scoring


def test_whole_round_by_keyboard(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    card_id = scoring.card.id
    assert scoring.current_item.id == "q-api"

    # item 1: indicators, rating, guidance, notes — all while the notes field has focus
    press(qtbot, Key.Key_1, Ctrl)
    press(qtbot, Key.Key_2, Ctrl)
    press(qtbot, Key.Key_1, Alt)
    press(qtbot, Key.Key_1, Alt)  # and off again
    press(qtbot, Key.Key_F6)  # Meets
    assert focused() is scoring.notes
    type_text(qtbot, "Described Pact contract tests; 王伟 reviewed.")
    assert not scoring.panel.guidance.body.isVisible()
    press(qtbot, Key.Key_G, Ctrl)
    assert scoring.panel.guidance.body.isVisible()
    stored = services.scoring.get(card_id).responses["q-api"]
    assert stored.checked == {"p1", "p2"} and stored.rating == "meets"

    # item 2: a rating without evidence
    press(qtbot, Key.Key_PageDown, Ctrl)
    assert scoring.current_item.id == "q-listen"
    assert focused() is scoring.notes and scoring.notes.toPlainText() == ""
    assert scoring.panel.guidance is None or scoring.panel.guidance.body.isVisible()
    press(qtbot, Key.Key_F7)  # Exceeds

    # item 3: the exercise — variant, an indicator, then skip with a reason
    press(qtbot, Key.Key_Right, Alt)
    assert scoring.current_item.id == "ex-code"
    press(qtbot, Key.Key_V, Ctrl | Shift)
    press(qtbot, Key.Key_V, Ctrl | Shift)  # cycles to the second variant
    press(qtbot, Key.Key_1, Ctrl)
    press(qtbot, Key.Key_K, Ctrl)
    wait_active(qtbot, scoring.skip_dialog)
    type_text(qtbot, "Ran out of time")
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is scoring.notes)

    # back and forth keeps what was typed
    press(qtbot, Key.Key_PageUp, Ctrl)
    press(qtbot, Key.Key_Left, Alt)
    assert scoring.current_item.id == "q-api"
    assert scoring.notes.toPlainText() == "Described Pact contract tests; 王伟 reviewed."

    # submit: recommendation and summary, then the evidence nudge sends us back to item 2
    press(qtbot, Key.Key_Return, Ctrl)
    dialog = scoring.submit_dialog
    wait_active(qtbot, dialog)
    assert focused() is dialog.summary
    press(qtbot, Key.Key_F7)  # Yes
    type_text(qtbot, "Solid API instincts.")
    press(qtbot, Key.Key_Return, Ctrl)
    wait_active(qtbot, scoring.nudge_dialog)
    assert "Revised spec" in scoring.nudge_dialog.text.text()
    press(qtbot, Key.Key_Return)  # go back (the default)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert scoring.current_item.id == "q-listen"
    type_text(qtbot, "Asked for the diff first.")
    press(qtbot, Key.Key_Return, Ctrl)
    dialog = scoring.submit_dialog
    wait_active(qtbot, dialog)
    assert dialog.summary.toPlainText() == "Solid API instincts."
    assert dialog.recommendation.current() == "yes"
    with qtbot.waitSignal(scoring.submitted):
        press(qtbot, Key.Key_Return, Ctrl)

    card = reread(services, card_id)
    assert card.is_submitted
    assert card.interviewer == INTERVIEWER
    assert card.recommendation == "yes" and card.summary == "Solid API instincts."
    api, listen, code = (card.responses[i] for i in ("q-api", "q-listen", "ex-code"))
    assert api.checked == {"p1", "p2"} and api.rating == "meets"
    assert api.notes == "Described Pact contract tests; 王伟 reviewed."
    assert listen.rating == "exceeds" and listen.notes == "Asked for the diff first."
    assert code.variant == "ai" and code.checked == {"p1"}
    assert code.skip_reason == "Ran out of time" and code.rating is None

    # locked: controls disabled, the service refuses, an addendum is appended
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert scoring.notes.isReadOnly()
    assert not any(b.isEnabled() for b in scoring.answer.buttons)
    assert not any(b.isEnabled() for b in scoring.panel.findChildren(QCheckBox))
    assert not scoring.skip_button.isEnabled() and not scoring.submit_button.isVisible()
    press(qtbot, Key.Key_F5)  # ignored, with a notice
    assert "locked" in window.notice.message()
    from scorecard.services.errors import ScorecardLocked

    with pytest.raises(ScorecardLocked):
        services.scoring.rate(scorecard_id=card_id, item_id="q-api", step_id="below")
    press(qtbot, Key.Key_A, Ctrl | Shift)
    wait_active(qtbot, scoring.addendum_dialog)
    type_text(qtbot, "Checked the repo afterwards: tests were his own.")
    press(qtbot, Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is scoring.notes)
    assert "Checked the repo" in scoring.locked_panel.details.text()
    card = reread(services, card_id)
    assert [a.text for a in card.addenda] == ["Checked the repo afterwards: tests were his own."]
    assert card.responses["q-api"].rating == "meets"  # the original is untouched

    # back to the list: the round shows as submitted
    press(qtbot, Key.Key_L, Ctrl)
    assert window.stack.currentWidget() is window.candidates_page
    rounds = window.candidates_page.rounds_model
    assert [str(rounds.round_at(i).mine) for i in range(rounds.rowCount())] == ["none", "submitted"]


def test_resume_opens_same_item_with_notes_and_cursor_at_end(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    card_id = scoring.card.id
    press(qtbot, Key.Key_PageDown, Ctrl)
    press(qtbot, Key.Key_1, Ctrl)
    type_text(qtbot, "Half-way through the answer")
    window.close()  # mid-round, notes still in their debounce

    card = reread(services, card_id)
    assert card.current_item_id == "q-listen"
    assert card.responses["q-listen"].notes == "Half-way through the answer"
    assert card.responses["q-listen"].seconds_spent > 0

    again = make_window(services, settings)
    page = again.candidates_page
    page.focus_search()
    type_text(qtbot, "zoe")
    press(qtbot, Key.Key_Return)
    assert page.rounds.currentIndex().row() == 1  # the draft is suggested
    press(qtbot, Key.Key_Return)
    scoring = again.scoring_page
    assert scoring.card.id == card_id
    assert scoring.current_item.id == "q-listen"
    notes = focused()
    assert isinstance(notes, QPlainTextEdit) and notes is scoring.notes
    assert notes.toPlainText() == "Half-way through the answer"
    assert notes.textCursor().position() == len("Half-way through the answer")
    assert scoring.panel.indicators.boxes["p1"].isChecked()
    type_text(qtbot, ", continued.")
    qtbot.waitUntil(lambda: services.scoring.get(card_id).responses["q-listen"].notes.endswith("continued."))


def test_knockout_option_flags_candidate_at_once(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    page = window.candidates_page
    type_text(qtbot, "zoe")
    press(qtbot, Key.Key_Return)
    press(qtbot, Key.Key_Return)  # the screen round
    scoring = window.scoring_page
    assert scoring.current_item.id == "ko"
    press(qtbot, Key.Key_F6)  # "No" → auto-decline
    assert scoring.outcome_label.isVisible() and "Auto-decline" in scoring.outcome_label.text()
    assert services.candidates.get(candidate.id).auto_declined
    press(qtbot, Key.Key_L, Ctrl)
    index = page.table.currentIndex()
    row = index.row()
    flag = page.model.index(row, page.model.FLAG)
    assert flag.data() == "Auto-declined"
    assert page.declined_label.isVisible()


def test_help_overlay_lists_every_key(qtbot, services, settings, make_window):
    from scorecard.ui import keys

    window = make_window(services, settings)
    press(qtbot, Key.Key_F1)
    overlay = window.help_overlay
    assert overlay.isVisible()
    from PySide6.QtWidgets import QLabel

    texts = {label.text() for label in overlay.findChildren(QLabel)}
    for entry in keys.KEYS:
        assert entry.display in texts and entry.does in texts
    press(qtbot, Key.Key_Escape)
    assert not overlay.isVisible()
    window.candidates_page.table.setFocus()
    press(qtbot, Key.Key_Question)
    assert overlay.isVisible()
    press(qtbot, Key.Key_Question)
    assert not overlay.isVisible()
    # in a text field, ? is typed, not taken
    window.candidates_page.focus_search()
    type_text(qtbot, "?")
    assert not overlay.isVisible() and window.candidates_page.search.text() == "?"
    assert QApplication.focusWidget() is window.candidates_page.search


def test_item_list_by_keyboard_and_question_marks_in_notes(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    type_text(qtbot, "Why? How?")
    assert not window.help_overlay.isVisible()
    assert scoring.notes.toPlainText() == "Why? How?"
    press(qtbot, Key.Key_J, Ctrl)
    assert focused() is scoring.rail
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Down)
    press(qtbot, Key.Key_Return)
    assert scoring.current_item.id == "ex-code"
    assert focused() is scoring.notes
    assert "of 20 min" in scoring.timer_label.text()
    assert "Started" in scoring.rail_model.index(0, 0).data()  # notes, no rating yet
    press(qtbot, Key.Key_F1)
    assert window.help_overlay.isVisible()
    press(qtbot, Key.Key_Escape)
    assert focused() is scoring.notes


def test_a_notice_about_one_item_goes_away_with_that_item(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    press(qtbot, Key.Key_PageDown, Ctrl)
    assert scoring.current_item.id == "q-listen" and scoring.panel.guidance is None
    press(qtbot, Key.Key_G, Ctrl)
    assert window.notice.isVisible() and window.notice.message() == "This item has no interviewer guidance."
    press(qtbot, Key.Key_PageUp, Ctrl)  # back to an item that has guidance
    assert scoring.current_item.id == "q-api"
    assert not window.notice.isVisible()
    press(qtbot, Key.Key_G, Ctrl)
    assert scoring.panel.guidance.expanded and not window.notice.isVisible()

    # a notice about the whole scorecard stays while moving between items
    press(qtbot, Key.Key_Return, Ctrl)
    wait_active(qtbot, scoring.submit_dialog)
    press(qtbot, Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert "To submit, still:" in window.notice.message()
    press(qtbot, Key.Key_PageDown, Ctrl)
    assert window.notice.isVisible() and "To submit, still:" in window.notice.message()
