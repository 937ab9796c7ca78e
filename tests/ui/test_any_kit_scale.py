"""Any kit's scale has keys: a generated kit with a 7-step scale, a 5-step recommendation and four
levels with long names — nothing in the window may assume three steps, three levels or a level name."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tests.factories import MINI_KIT
from tests.ui.conftest import focused, press, type_text, wait_active

pytestmark = pytest.mark.gui

Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier

LEVELS = [("l1", "Apprentice"), ("l2", "Practitioner"), ("l3", "Senior Practitioner"),
          ("l4", "Distinguished Principal Engineer")]
STEPS = ["Not seen", "Very weak", "Weak", "Mixed", "Good", "Strong", "Outstanding"]
RECOMMENDATION = ["Definitely not", "No", "Unsure", "Yes", "Definitely"]


def seven_step_kit():
    from scorecard.domain.kit import Kit

    data = copy.deepcopy(MINI_KIT)
    data["id"], data["title"] = "seven", "Seven Step Engineer"
    data["levels"] = [{"id": i, "name": n} for i, n in LEVELS]
    for competency in data["disciplines"][0]["competencies"]:
        competency["levels"] = {i: f"{n} work." for i, n in LEVELS}
    data["scales"] = [{"id": "seven", "name": "Seven-point evidence", "steps": [
        {"id": f"s{n}", "value": n, "label": label, "anchor": f"Anchor {n}."} for n, label in enumerate(STEPS, 1)]}]
    data["default_scale"] = "seven"
    data["recommendation_scale"] = {"id": "recommendation", "name": "Recommendation", "steps": [
        {"id": f"r{n}", "value": n, "label": label} for n, label in enumerate(RECOMMENDATION, 1)]}
    for item in data["items"]:
        item.pop("anchors", None)
        if "expectations" in item:
            item["expectations"] = {"l1": "Follows the spec."}
    return Kit.model_validate(data)


@pytest.fixture
def seven(tmp_path):
    from scorecard.services import open_services

    svc = open_services(tmp_path / "seven.sqlite3")
    svc.kits.import_kit(seven_step_kit(), source_name="seven.yaml", source_text="# generated in tests")
    yield svc
    svc.close()


def test_every_step_of_a_seven_step_scale_has_a_key_that_works_while_typing(qtbot, seven, settings, make_window):
    cand = seven.candidates.add(name="Sieben Schritte", kit_id="seven", target_level="l4")
    window = make_window(seven, settings, size=(1280, 720))
    window._on_round_requested(cand.id, "tech")
    scoring = window.scoring_page
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    assert "F2 … F8" in scoring.answer_heading.text()
    expected_keys = ["F2", "F3", "F4", "F5", "F6", "F7", "F8"]
    assert [o.key.text() for o in scoring.answer.options] == expected_keys  # shown beside each step
    item_id = scoring.current_item.id
    for n, key_name in enumerate(expected_keys, 1):
        press(qtbot, getattr(Key, f"Key_{key_name}"))
        assert focused() is scoring.notes
        assert seven.scoring.get(scoring.card.id).responses[item_id].rating == f"s{n}"
        type_text(qtbot, str(n))
    press(qtbot, Key.Key_F9)  # no eighth step: nothing changes
    assert seven.scoring.get(scoring.card.id).responses[item_id].rating == "s7"
    assert scoring.notes.toPlainText() == "1234567"

    # the help lists this kit's keys
    press(qtbot, Key.Key_F1)
    overlay = window.help_overlay
    qtbot.waitUntil(lambda: overlay.isVisible())
    shown = {k.id: k.display for k in overlay.entries}
    assert shown["rate"] == "F2 … F8" and shown["recommend"] == "F2 … F6"
    recommend = next(k for k in overlay.entries if k.id == "recommend")
    assert "Definitely not … Definitely" in recommend.does
    press(qtbot, Key.Key_Escape)
    assert focused() is scoring.notes

    # the submit dialog: every recommendation step has its key
    press(qtbot, Key.Key_Return, Ctrl)
    dialog = scoring.submit_dialog
    wait_active(qtbot, dialog)
    assert [o.key.text() for o in dialog.recommendation.options] == ["F2", "F3", "F4", "F5", "F6"]
    press(qtbot, Key.Key_F6)
    assert seven.scoring.get(scoring.card.id).recommendation == "r5"
    press(qtbot, Key.Key_Escape)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_four_levels_no_default_level_name_and_a_readable_level_column(qtbot, seven, settings, make_window):
    window = make_window(seven, settings, size=(1280, 720))
    page = window.candidates_page
    press(qtbot, Key.Key_N, Ctrl)
    dialog = page.add_dialog
    wait_active(qtbot, dialog)
    assert [dialog.level_combo.itemText(i) for i in range(dialog.level_combo.count())] == [n for _, n in LEVELS]
    assert dialog.level_combo.currentData() == "l1"
    type_text(qtbot, "Vier Stufen")
    dialog.level_combo.setCurrentIndex(3)
    press(qtbot, Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert seven.candidates.all()[0].target_level == "l4"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)

    # the next candidate of this kit starts at the level chosen last time
    press(qtbot, Key.Key_N, Ctrl)
    wait_active(qtbot, page.add_dialog)
    assert page.add_dialog.level_combo.currentData() == "l4"
    press(qtbot, Key.Key_Escape)

    from scorecard.ui.candidates.model import CandidateTableModel

    fm = page.table.fontMetrics()
    width = page.table.horizontalHeader().sectionSize(CandidateTableModel.LEVEL)
    assert width >= fm.horizontalAdvance("Distinguished Principal Engineer")


def test_rating_steps_and_skip_are_reachable_by_tab_and_shown_at_1280x720(qtbot, seven, settings, make_window):
    """Tab follows the reading order (docs/accessibility.md): the rating comes just before the notes
    (Qt's radio group: one Tab stop, arrows within it) and Skip just after them; each is on screen
    when it has the keyboard. (Every step by its key: above.)"""
    from PySide6.QtCore import QPoint

    cand = seven.candidates.add(name="Tab Through", kit_id="seven", target_level="l1")
    window = make_window(seven, settings, size=(1280, 720))
    window._on_round_requested(cand.id, "tech")
    scoring = window.scoring_page
    qtbot.waitUntil(lambda: focused() is scoring.notes)
    viewport = scoring.right_scroll.viewport()
    press(qtbot, Key.Key_Backtab)
    radio = focused()
    assert radio in scoring.answer.buttons
    assert viewport.rect().contains(radio.mapTo(viewport, QPoint(0, 0))), "the rating is off-screen when focused"
    press(qtbot, Key.Key_Tab)
    assert focused() is scoring.notes
    press(qtbot, Key.Key_Tab)
    assert focused() is scoring.skip_button
    top_left = scoring.skip_button.mapTo(window, QPoint(0, 0))
    assert window.rect().contains(top_left + QPoint(scoring.skip_button.width() - 1,
                                                    scoring.skip_button.height() - 1))
