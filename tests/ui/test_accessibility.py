"""The accessibility audit: what Qt hands a screen reader, read through `QAccessibleInterface`.

Walks the real window's accessibility tree on every page and dialog and on every item type of
the bundled kit; asserts a meaningful name, a role and (for checkable controls) a state for
every interactive element, that content (question, expectation, indicators, anchors, time,
position) is what is read, and that each change made by a shortcut is announced.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QWidget

from tests.ui.conftest import press
from tests.ui.test_keyboard_round import open_tech_round_by_keyboard

pytestmark = pytest.mark.gui

Role = QAccessible.Role
Text = QAccessible.Text
Key = Qt.Key
Ctrl = Qt.KeyboardModifier.ControlModifier
Alt = Qt.KeyboardModifier.AltModifier
Shift = Qt.KeyboardModifier.ShiftModifier

KIT = Path(__file__).resolve().parents[2] / "data" / "kits" / "integration-engineer.yaml"

INTERACTIVE = {
    Role.Button: "button", Role.CheckBox: "check box", Role.RadioButton: "radio button",
    Role.EditableText: "text field", Role.List: "list", Role.Table: "table", Role.ComboBox: "combo box",
    Role.SpinBox: "spin box", Role.Slider: "slider", Role.PageTab: "tab", Role.ButtonMenu: "menu button",
    Role.ButtonDropDown: "drop-down button", Role.Tree: "tree",
}
#: names that say nothing about what a control is or holds
MEANINGLESS = {"", "button", "ok", "…", "x", "✕", "checkbox", "check box", "radio button", "item", "text"}


class Node:
    # (the interface itself is not kept: Qt deletes it with its widget)
    def __init__(self, iface, depth: int):
        self.role = iface.role()
        self.name = " ".join((iface.text(Text.Name) or "").split())
        self.description = iface.text(Text.Description) or ""
        self.value = iface.text(Text.Value) or ""
        self.state = iface.state()
        self.object = iface.object()
        self.depth = depth

    def __repr__(self) -> str:
        return f"<{self.role.name} {self.name!r} {type(self.object).__name__} {self.object.objectName()!r}>"


def walk(root: QWidget) -> list[Node]:
    """Every visible node below `root`, as a screen reader would enumerate them."""
    out: list[Node] = []

    def visit(iface, depth):
        if iface is None or not iface.isValid():
            return
        node = Node(iface, depth)
        if node.state.invisible:
            return
        out.append(node)
        if node.role in (Role.Table, Role.List, Role.Tree):
            return  # rows are model data (their text is the cell's), not separate controls
        for i in range(iface.childCount()):
            visit(iface.child(i), depth + 1)

    visit(QAccessible.queryAccessibleInterface(root), 0)
    return out


def audit(root: QWidget) -> list[str]:
    """Interactive elements without a meaningful name, or checkable ones without a state."""
    problems = []
    for node in walk(root):
        if node.role not in INTERACTIVE:
            continue
        if node.object is not None and node.object.objectName().startswith("qt_"):
            continue  # Qt's own scroll bar buttons and the like
        if type(node.object).__name__ == "QScrollBar":
            continue
        if node.name.lower().strip(" .:") in MEANINGLESS or len(node.name) < 3:
            problems.append(f"no meaningful name: {node!r}")
        if node.role in (Role.CheckBox, Role.RadioButton) and not node.state.checkable:
            problems.append(f"no checked state: {node!r}")
    return problems


def names(root: QWidget) -> list[str]:
    return [n.name for n in walk(root)]


def node_of(root: QWidget, widget: QWidget) -> Node:
    for node in walk(root):
        if node.object is widget:
            return node
    raise AssertionError(f"{widget!r} is not in the accessibility tree")


def plain(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture
def events():
    from scorecard.ui import accessibility

    got: list = []
    with accessibility.listen(got.append):
        yield got


def test_every_page_dialog_and_item_type_exposes_content_names_roles_and_states(
        qtbot, services, settings, make_window):
    from scorecard.ui.candidates.add_dialog import AddCandidateDialog

    services.kits.import_file(KIT)
    candidate = services.candidates.add(name="王伟", kit_id="integration-engineer", target_level="senior")
    window = make_window(services, settings)

    # the candidate list: the count and the footer hints are read as what they say
    page = window.candidates_page
    assert audit(window) == []
    assert node_of(window, page.count_label).name == page.count_label.text() != ""
    assert node_of(window, window.hint).name.startswith("F1") or "F1" in node_of(window, window.hint).name
    assert "Ctrl+F" in node_of(window, page.search).description
    dialog = AddCandidateDialog(services, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert audit(dialog) == []
    dialog.close()

    _vid, kit = services.kits.latest("integration-engineer")
    seen_types = set()
    for round_ in kit.rounds:
        window._on_round_requested(candidate.id, round_.id)
        QApplication.processEvents()
        scoring = window.scoring_page
        assert node_of(window, scoring.item_scroll).name == "Current item"
        assert node_of(window, scoring.right_scroll).name == "Rating and evidence notes"
        for index, item in enumerate(scoring._items):
            scoring.go_to_index(index)
            QApplication.processEvents()  # the new item's widgets are shown on the next turn
            where = f"{round_.id}/{item.id}"
            assert audit(window) == [], where
            if item.type in seen_types:
                continue
            seen_types.add(item.type)
            read = names(window)
            # the question itself is read, not the word "Question"
            assert plain(item.prompt) in read, where
            position = f"Item {index + 1} of {len(scoring._items)}: {item.short_title}"
            assert node_of(window, scoring.panel).name == position, where
            assert node_of(window, scoring.notes).name == f"Evidence notes for {position}", where
            # the time on the item is read (the description says what it is)
            timer = node_of(window, scoring.timer_label)
            assert re.match(r"\d+:\d\d ", timer.name) and timer.description == "Time on this item", where
            if item.type == "competency_question":
                expected = item.expectations.get(candidate.target_level) or "The kit gives no expectation"
                assert any(plain(expected) in name for name in read), where
            # every indicator: its text, its state, its key
            if scoring.panel.indicators is not None:
                for key, box in scoring.panel.indicators.boxes.items():
                    node = node_of(window, box)
                    assert node.role == Role.CheckBox and node.state.checkable, where
                    text = dict((k, t) for k, _p, t in item.indicators.keys())[key]
                    assert plain(text) in node.name, where
                    if int(key[1:]) <= 9:
                        assert "Shortcut: " in node.description, where
            # every rating step or option: its label, its anchor or outcome, its key
            for option in scoring.answer.options:
                node = node_of(window, option.radio)
                assert node.role == Role.RadioButton and option.choice.label in node.name, where
                assert plain(option.choice.detail) in plain(node.description), where
                assert f"Shortcut: {option.choice.key}" in node.description, where
            bar = node_of(window, scoring.answer)
            assert "none chosen yet" in bar.name and "keys" in bar.description, where
            # the rating heading is read with its keys
            assert node_of(window, scoring.answer_heading).name == scoring.answer_heading.text(), where
        scoring._on_back_requested()
    assert seen_types == {"knockout_question", "video_question", "resume_criterion", "attitude_question",
                          "competency_question", "exercise"}


def test_dialogs_of_the_scoring_page_are_named(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    press(qtbot, Key.Key_K, Ctrl)
    qtbot.waitUntil(lambda: scoring.skip_dialog is not None and scoring.skip_dialog.isVisible())
    assert audit(scoring.skip_dialog) == []
    scoring.skip_dialog.reject()
    press(qtbot, Key.Key_Return, Ctrl)
    qtbot.waitUntil(lambda: scoring.submit_dialog is not None and scoring.submit_dialog.isVisible())
    assert audit(scoring.submit_dialog) == []
    scoring.submit_dialog.reject()
    window.help_overlay_toggle()
    assert audit(window.help_overlay) == []
    window.help_overlay_toggle()


def test_the_chosen_rating_is_read_with_its_anchor_and_indicator_states_follow(
        qtbot, services, settings, candidate, make_window, events):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    press(qtbot, Key.Key_F6)
    chosen = scoring.answer.options[1].choice
    bar = node_of(window, scoring.answer)
    assert bar.name == f"Rating: {chosen.label} — {plain(chosen.detail)}"
    press(qtbot, Key.Key_1, Ctrl)
    box = scoring.panel.indicators.boxes["p1"]
    assert node_of(window, box).state.checked
    press(qtbot, Key.Key_1, Ctrl)
    assert not node_of(window, box).state.checked


def test_shortcut_changes_and_moves_are_announced(qtbot, services, settings, candidate, make_window, events):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    said = lambda: [e.text for e in events if e.kind == "announcement"]  # noqa: E731
    title = scoring.current_item.short_title

    events.clear()
    press(qtbot, Key.Key_1, Ctrl)
    box = scoring.panel.indicators.boxes["p1"]
    assert said() == [f"{box.accessibleName()}: ticked"]
    press(qtbot, Key.Key_1, Alt)
    assert said()[-1].startswith("Negative indicator 1: ") and said()[-1].endswith(": ticked")
    press(qtbot, Key.Key_1, Ctrl)
    assert said()[-1] == f"{box.accessibleName()}: unticked"

    press(qtbot, Key.Key_F7)
    chosen = scoring.answer.options[2].choice
    assert said()[-1] == f"Rating: {chosen.label} — {plain(chosen.detail)} (chosen)"

    press(qtbot, Key.Key_K, Ctrl)
    qtbot.waitUntil(lambda: scoring.skip_dialog is not None and scoring.skip_dialog.isVisible())
    scoring.skip_dialog.reason.setText("ran out of time")
    scoring.skip_dialog.skip_button.click()
    assert said()[-1] == f"{title}: skipped — ran out of time"

    events.clear()
    press(qtbot, Key.Key_PageDown, Ctrl)
    n = len(scoring._items)
    assert said() == [f"Item 2 of {n}: {scoring.current_item.short_title}"]
    assert scoring.notes.accessibleName() == f"Evidence notes for Item 2 of {n}: {scoring.current_item.short_title}"


def test_variant_by_shortcut_is_announced(qtbot, services, settings, make_window, events):
    services.kits.import_file(KIT)
    candidate = services.candidates.add(name="Ana", kit_id="integration-engineer", target_level="mid")
    window = make_window(services, settings)
    _vid, kit = services.kits.latest("integration-engineer")
    for round_ in kit.rounds:
        items = kit.items_in(round_.id)
        index = next((i for i, it in enumerate(items) if it.type == "exercise" and it.variants), None)
        if index is not None:
            break
    else:
        pytest.skip("the bundled kit has no exercise with variants")
    window._on_round_requested(candidate.id, round_.id)
    scoring = window.scoring_page
    scoring.go_to_index(index)
    events.clear()
    press(qtbot, Key.Key_V, Ctrl | Shift)
    first = scoring.panel.brief.radios[0]
    assert [e.text for e in events if e.kind == "announcement"] == [f"{first.accessibleName()} chosen"]


def test_failed_save_is_an_alert_and_recovery_is_announced(qtbot, services, settings, candidate, make_window,
                                                           events):
    window = make_window(services, settings)
    open_tech_round_by_keyboard(qtbot, window)
    services.db.connection.execute("PRAGMA query_only = 1")
    events.clear()
    press(qtbot, Key.Key_1, Ctrl)
    assert window.save_banner.isVisible()
    banner = node_of(window, window.save_banner)
    assert banner.role == Role.AlertMessage and banner.name.startswith("Not saved yet:")
    alerts = [e for e in events if e.kind == "alert"]
    assert len(alerts) == 1 and alerts[0].source is window.save_banner
    assert any(e.kind == "announcement" and e.assertive and e.text.startswith("Not saved yet:") for e in events)
    services.db.connection.execute("PRAGMA query_only = 0")
    with qtbot.waitSignal(window.guard.recovered, timeout=3000):
        pass
    assert any(e.kind == "announcement" and e.text == "All input saved." for e in events)


def test_to_rating_key_jumps_past_the_indicators_and_tab_follows_the_visual_order(
        qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    press(qtbot, Key.Key_R, Ctrl)
    assert QApplication.focusWidget() is scoring.answer.buttons[0]
    # Tab from the rail runs left to right: item panel, rating, notes, skip, then the footer
    scoring.rail.setFocus()
    order = [QApplication.focusWidget()]
    for _ in range(40):
        press(qtbot, Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is scoring.submit_button:
            break
        order.append(widget)
    expected = [scoring.rail, *scoring.panel.focusables(), scoring.answer.buttons[0], scoring.notes,
                scoring.skip_button, scoring.back_button, scoring.next_button]  # (Previous: disabled on item 1)
    # (only the checked radio of a group takes Tab; none is checked here, so the first)
    assert order == expected
