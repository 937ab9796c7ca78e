"""Asking the interviewer's name: once at first launch, and from the menu to change it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from scorecard.ui.settings import normalize_name
from scorecard.ui.widgets import wrap_label


class NameDialog(QDialog):
    """Enter (or change) the interviewer's name; OK stays disabled while the name is empty."""

    def __init__(self, current: str = "", parent: QWidget | None = None, *, first_launch: bool = False):
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
