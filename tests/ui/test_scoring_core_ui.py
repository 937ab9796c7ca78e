"""The window on the shared card: discard a draft, pause the round clock, name an addendum's item,
open the item a submit problem names, save notes when the field loses focus."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.ui.conftest import INTERVIEWER

pytestmark = pytest.mark.gui


def count(services, sql: str) -> int:
    return services.db.connection.execute(sql).fetchone()[0]


def test_the_view_and_the_service_share_one_card(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert scoring.card is services.scoring.get(scoring.card.id)
    scoring._on_indicator_key("p1")
    assert services.scoring.get(scoring.card.id).responses["q-api"].checked == {"p1"}


def test_a_draft_can_be_discarded_after_confirming(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert count(services, "SELECT count(*) FROM scorecard") == 0  # opening is not an interaction
    scoring._on_indicator_key("p1")
    assert count(services, "SELECT count(*) FROM scorecard") == 1

    scoring._on_discard_requested()  # Ctrl+Shift+D
    box = scoring.discard_dialog
    assert box.isVisible() and "cannot be undone" in box.text()
    keep = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.RejectRole)
    keep.click()
    assert count(services, "SELECT count(*) FROM scorecard") == 1 and window.stack.currentWidget() is scoring

    scoring._on_discard_requested()
    box = scoring.discard_dialog
    discard = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
    with qtbot.waitSignal(scoring.closed):
        discard.click()
    for table in ("scorecard", "item_response", "indicator_mark"):
        assert count(services, f"SELECT count(*) FROM {table}") == 0
    assert window.stack.currentWidget() is window.candidates_page


def test_round_clock_pauses_and_resumes(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert scoring.round_clock_label.text().startswith("Round 0:0")
    scoring._on_round_clock_key()  # Ctrl+Shift+T
    assert scoring.round_clock.paused and scoring.item_timer.paused
    assert "paused" in scoring.round_clock_label.text()
    frozen = scoring.card.round_seconds
    qtbot.wait(150)
    scoring._store_time()
    assert scoring.card.round_seconds == frozen  # nothing counted while paused
    scoring._on_round_clock_key()
    assert not scoring.round_clock.paused and "paused" not in scoring.round_clock_label.text()


def test_notes_are_saved_when_the_field_loses_focus(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    scoring.focus_notes()
    qtbot.waitUntil(lambda: scoring.notes.hasFocus())
    scoring._notes_timer.setInterval(60_000)  # only the focus change can save it now
    qtbot.keyClicks(scoring.notes, "Quoted the spec")
    assert scoring.notes_unsaved
    scoring.skip_button.setFocus(Qt.FocusReason.TabFocusReason)
    assert not scoring.notes_unsaved
    assert services.db.connection.execute("SELECT notes FROM item_response").fetchone() == ("Quoted the spec",)


def test_submit_problem_opens_its_item_by_id(qtbot, services, settings, candidate, make_window):
    card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    s = services.scoring
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    s.rate(scorecard_id=card.id, item_id="q-listen", step_id="meets")
    s.rate(scorecard_id=card.id, item_id="ex-code", step_id="meets")  # no variant yet
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text="ok")
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    scoring.go_to_index(0)
    scoring._on_submit_requested()
    scoring._on_submit_confirmed()
    assert scoring.current_item.id == "ex-code"


def test_addendum_names_the_item_it_corrects(qtbot, services, settings, candidate, make_window):
    from tests.ui.test_blind import fill_and_submit

    card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    fill_and_submit(services, card, "mine")
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    scoring.go_to_index(1)
    scoring._on_addendum_requested()
    dialog = scoring.addendum_dialog
    assert dialog.item_box.currentData() == "q-listen"  # the item on screen is offered first
    assert dialog.item_box.itemText(0) == "The scorecard as a whole"
    dialog.text.setPlainText("Meant Meets, not Exceeds.")
    dialog.add_button.click()
    row = services.db.connection.execute("SELECT item_id, text FROM addendum").fetchone()
    assert row == ("q-listen", "Meant Meets, not Exceeds.")
    assert "(on <i>Revised spec</i>): Meant Meets, not Exceeds." in scoring.locked_panel.details.text()


def test_no_scoring_rule_is_written_outside_the_domain():
    """The view and the service change a scorecard only through the domain's methods."""
    import re
    from pathlib import Path

    import scorecard

    root = Path(scorecard.__file__).parent
    for path in (root / "ui" / "scoring" / "view.py", root / "services" / "scoring.py"):
        source = path.read_text(encoding="utf-8")
        assigned = re.findall(r"(?<!self)\.(rating|skip_reason|knockout_option|variant|notes|seconds_spent)\s*[+-]?=[^=]", source)
        assert not assigned, f"{path.name} sets {assigned} itself"
        assert "_mirror" not in source and ".checked.add" not in source and ".checked.discard" not in source
