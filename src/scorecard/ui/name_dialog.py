"""Asking the interviewer's name: once at first launch, and from the menu to change it."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCompleter, QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from scorecard.ui.settings import normalize_name
from scorecard.ui.widgets import wrap_label


class NameDialog(QDialog):
    """Enter (or change) the interviewer's name; OK stays disabled while the name is empty.

    `panel`: the people this computer knows from coordinators' packs. Typing offers them, so a
    user picks themselves and scores under the id the coordinator gave them; a name not on the
    list makes a new person on this computer.
    """

    def __init__(self, current: str = "", parent: QWidget | None = None, *, first_launch: bool = False,
                 panel: Sequence[str] = ()):
        super().__init__(parent)
        self.setWindowTitle("Your name" if first_launch else "Change interviewer name")
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        intro = (
            "Welcome to Scorecard. Your name is stored with every scorecard you write, so the "
            "committee knows who scored what. It is kept on this computer only."
            if first_launch
            else "New scorecards are written under this name. Scorecards you already wrote keep the old one."
        )
        self.edit = QLineEdit(current, self)
        self.edit.setPlaceholderText("e.g. Łukasz Wróbel")
        self.edit.setAccessibleName("Interviewer name")
        label = QLabel("Your &name:", self)
        label.setBuddy(self.edit)
        self.panel_names = sorted(set(panel), key=str.casefold)
        self.panel_hint = None
        if self.panel_names:
            completer = QCompleter(self.panel_names, self)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            self.edit.setCompleter(completer)
            shown = ", ".join(self.panel_names[:8]) + (" …" if len(self.panel_names) > 8 else "")
            self.panel_hint = wrap_label(
                f"On a panel here: {shown}. If you are one of them, type the first letters and pick "
                "your name (↓, Enter), so your scorecards carry the id the coordinator gave you.",
                self, selectable=False)
            self.edit.setAccessibleDescription(self.panel_hint.text())
        self.problem = wrap_label("", self, selectable=False)
        self.problem.setObjectName("nameProblem")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Save name (Enter)")
        self.ok_button.setAccessibleName("Save name")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel (Esc)")
        cancel.setAccessibleName("Cancel")

        box = QVBoxLayout(self)
        box.addWidget(wrap_label(intro, self, selectable=False))
        box.addWidget(label)
        box.addWidget(self.edit)
        if self.panel_hint is not None:
            box.addWidget(self.panel_hint)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        self.setMinimumWidth(420)

        self.edit.textChanged.connect(self._on_text_changed)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        self._on_text_changed(current)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def name(self) -> str:
        return normalize_name(self.edit.text())

    def _on_text_changed(self, _text: str) -> None:
        empty = not self.name()
        self.ok_button.setEnabled(not empty)
        self.problem.setText("Enter your name to continue." if empty else "")
        self.problem.setVisible(empty)

    def accept(self) -> None:
        if self.name():
            super().accept()
