"""Skipping an item with a reason (or taking a skip back)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from scorecard.ui.widgets import wrap_label


class SkipDialog(QDialog):
    """A one-line reason; Enter skips, Esc cancels; 'Take back skip' when the item is already skipped.

    Signals:
        skipChosen(str): skip with this reason.
        unskipChosen(): take the skip back.
    """

    skipChosen = Signal(str)
    unskipChosen = Signal()

    def __init__(self, item_title: str, current_reason: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Skip this item")
        self.setAccessibleName("Skip this item")
        self.setModal(True)
        self.setMinimumWidth(440)
        self.reason = QLineEdit(current_reason or "", self)
        self.reason.setAccessibleName("Reason for skipping")
        self.reason.setPlaceholderText("e.g. ran out of time; not relevant for this candidate")
        label = QLabel("&Why is it skipped?", self)
        label.setBuddy(self.reason)
        self.buttons = QDialogButtonBox(self)
        self.skip_button = self.buttons.addButton("Skip item (Enter)", QDialogButtonBox.ButtonRole.AcceptRole)
        self.skip_button.setAccessibleName("Skip item")
        self.skip_button.setDefault(True)
        self.unskip_button: QPushButton | None = None
        if current_reason is not None:
            self.unskip_button = self.buttons.addButton("Take back skip", QDialogButtonBox.ButtonRole.ResetRole)
            self.unskip_button.setAccessibleName("Take back skip")
        cancel = self.buttons.addButton("Cancel (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Cancel")
        box = QVBoxLayout(self)
        box.addWidget(wrap_label(f"Skipping: {item_title}", self, selectable=False))
        box.addWidget(label)
        box.addWidget(self.reason)
        box.addWidget(self.buttons)

        self.reason.textChanged.connect(self._on_reason_changed)
        self.buttons.accepted.connect(self._on_accepted)
        self.buttons.rejected.connect(self.reject)
        if self.unskip_button is not None:
            self.unskip_button.clicked.connect(self._on_unskip)

        self._on_reason_changed(self.reason.text())
        self.reason.setFocus(Qt.FocusReason.OtherFocusReason)
        self.reason.selectAll()

    def _on_reason_changed(self, text: str) -> None:
        self.skip_button.setEnabled(bool(text.strip()))

    def _on_accepted(self) -> None:
        reason = self.reason.text().strip()
        if not reason:
            return
        self.skipChosen.emit(reason)
        self.accept()

    def _on_unskip(self) -> None:
        self.unskipChosen.emit()
        self.accept()
