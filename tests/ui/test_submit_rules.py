"""Submitting: what is missing is listed and the first missing item opens; skips can be taken back."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import focused, press, type_text, wait_active

pytestmark = pytest.mark.gui

Ctrl = Qt.KeyboardModifier.ControlModifier


def test_missing_items_are_listed_and_the_first_one_opens(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    press(qtbot, Qt.Key.Key_1, Ctrl)
    press(qtbot, Qt.Key.Key_F6)
    press(qtbot, Qt.Key.Key_Return, Ctrl)
    wait_active(qtbot, scoring.submit_dialog)
    press(qtbot, Qt.Key.Key_F8)  # Strong yes
    press(qtbot, Qt.Key.Key_Return, Ctrl)  # no summary, two items open
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert not scoring.submit_dialog.isVisible()
    assert scoring.current_item.id == "q-listen"
    message = window.notice.message()
    assert "write a short summary" in message
    assert "rate or skip 'Revised spec'" in message and "rate or skip 'Coding test'" in message
    assert not services.scoring.get(scoring.card.id).is_submitted

    # the items done, only the summary missing: the dialog says so and stays open
    press(qtbot, Qt.Key.Key_F6)
    press(qtbot, Qt.Key.Key_PageDown, Ctrl)
    press(qtbot, Qt.Key.Key_K, Ctrl)
    wait_active(qtbot, scoring.skip_dialog)
    type_text(qtbot, "No time")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    press(qtbot, Qt.Key.Key_Return, Ctrl)
    dialog = scoring.submit_dialog
    wait_active(qtbot, dialog)
    assert dialog.recommendation.current() == "strong-yes"  # kept from before
    press(qtbot, Qt.Key.Key_Return, Ctrl)
    assert dialog.isVisible() and dialog.problems.isVisible()
    assert "write a short summary" in dialog.problems.text()
    type_text(qtbot, "Good.")
    press(qtbot, Qt.Key.Key_Return, Ctrl)  # the nudge: item 2 has no evidence
    wait_active(qtbot, scoring.nudge_dialog)
    with qtbot.waitSignal(scoring.submitted):
        press(qtbot, Qt.Key.Key_Return, Ctrl)  # submit anyway
    assert services.scoring.get(scoring.card.id).is_submitted


def test_skip_can_be_taken_back_and_rating_unskips(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    card_id = scoring.card.id
    press(qtbot, Qt.Key.Key_K, Ctrl)
    wait_active(qtbot, scoring.skip_dialog)
    assert not scoring.skip_dialog.skip_button.isEnabled()  # a reason is required
    type_text(qtbot, "Candidate asked to move on")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert "Skipped: Candidate asked to move on" in scoring.skip_label.text()
    assert "Skipped" in scoring.rail_model.index(0, 0).data()
    assert services.scoring.get(card_id).responses["q-api"].skip_reason == "Candidate asked to move on"

    press(qtbot, Qt.Key.Key_K, Ctrl)
    dialog = scoring.skip_dialog
    wait_active(qtbot, dialog)
    assert dialog.reason.text() == "Candidate asked to move on"
    qtbot.mouseClick(dialog.unskip_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert services.scoring.get(card_id).responses["q-api"].skip_reason is None
    assert scoring.skip_label.text() == ""

    press(qtbot, Qt.Key.Key_K, Ctrl)
    wait_active(qtbot, scoring.skip_dialog)
    type_text(qtbot, "Again")
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    press(qtbot, Qt.Key.Key_F7)  # rating takes the skip back
    stored = services.scoring.get(card_id).responses["q-api"]
    assert stored.rating == "exceeds" and stored.skip_reason is None
    assert scoring.skip_label.text() == ""


def test_an_exercise_without_its_variant_opens_like_a_missing_item(qtbot, services, settings, candidate,
                                                                   make_window):
    """The domain's problems decide; the view opens the item they name (here: no variant chosen)."""
    card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech",
                                            interviewer="Łukasz Wróbel")
    for item in ("q-api", "q-listen", "ex-code"):
        services.scoring.rate(scorecard_id=card.id, item_id=item, step_id="meets")
        services.scoring.set_notes(scorecard_id=card.id, item_id=item, notes="evidence")
    services.scoring.set_recommendation(scorecard_id=card.id, step_id="yes")
    services.scoring.set_summary(scorecard_id=card.id, text="Solid.")
    services.scoring.go_to(scorecard_id=card.id, item_id="q-api")
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert scoring.current_item.id == "q-api"

    press(qtbot, Qt.Key.Key_Return, Ctrl)
    wait_active(qtbot, scoring.submit_dialog)
    press(qtbot, Qt.Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert not scoring.submit_dialog.isVisible()
    assert scoring.current_item.id == "ex-code"
    assert "choose which variant ran for 'Coding test'" in window.notice.message()
    assert not services.scoring.get(card.id).is_submitted

    press(qtbot, Qt.Key.Key_V, Ctrl | Qt.KeyboardModifier.ShiftModifier)  # records the variant
    press(qtbot, Qt.Key.Key_Return, Ctrl)
    wait_active(qtbot, scoring.submit_dialog)
    with qtbot.waitSignal(scoring.submitted):
        press(qtbot, Qt.Key.Key_Return, Ctrl)
    assert services.scoring.get(card.id).is_submitted
