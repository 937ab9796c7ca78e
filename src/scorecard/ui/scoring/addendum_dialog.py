"""Writing a dated addendum to a submitted scorecard (the scorecard itself is never edited)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from scorecard.ui import keys
from scorecard.ui.widgets import wrap_label


class AddendumDialog(QDialog):
    """Signals:
        addendumWritten(str, object): the interviewer confirmed this correction text; the second
            argument is the id of the item it corrects, or None for the scorecard as a whole.
    """

    addendumWritten = Signal(str, object)

    def __init__(self, parent: QWidget | None = None, items: list[tuple[str, str]] = (),
                 current_item_id: str | None = None):
        """`items`: (item id, title) of the round's items, offered as what the addendum corrects."""
        super().__init__(parent)
        self.setWindowTitle("Add an addendum")
        self.setAccessibleName("Add an addendum")
        self.setModal(True)
        self.setMinimumWidth(480)
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Addendum text")
        self.text.setPlaceholderText("What should the committee know in addition to, or instead of, what you submitted?")
        self.text.setTabChangesFocus(True)
        label = QLabel("&Correction or addition:", self)
        label.setBuddy(self.text)
        self.item_box = QComboBox(self)
        self.item_box.setAccessibleName("The item this addendum corrects")
        self.item_box.addItem("The scorecard as a whole", None)
        for item_id, title in items:
            self.item_box.addItem(title, item_id)
        if current_item_id is not None:
            self.item_box.setCurrentIndex(max(self.item_box.findData(current_item_id), 0))
        item_label = QLabel("Corrects &item:", self)
        item_label.setBuddy(self.item_box)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(f"Add addendum ({keys.first('submit')})",
                                                 QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setAccessibleName("Add addendum")
        cancel = self.buttons.addButton("Cancel (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        cancel.setAccessibleName("Cancel")
        box = QVBoxLayout(self)
        box.addWidget(wrap_label(
            "Your submitted scorecard stays exactly as it was; this note is added below it with today's date.",
            self, selectable=False))
        box.addWidget(item_label)
        box.addWidget(self.item_box)
        box.addWidget(label)
        box.addWidget(self.text, 1)
        box.addWidget(self.buttons)
        self._shortcuts = keys.sequence_shortcuts(self, ("Ctrl+Return", "Ctrl+Enter"), self._on_add,
                                                  Qt.ShortcutContext.WindowShortcut)

        self.text.textChanged.connect(self._on_text_changed)
        self.add_button.clicked.connect(self._on_add)
        cancel.clicked.connect(self.reject)

        self._on_text_changed()
        self.text.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_text_changed(self) -> None:
        self.add_button.setEnabled(bool(self.text.toPlainText().strip()))

    def _on_add(self) -> None:
        text = self.text.toPlainText().strip()
        if not text:
            return
        self.addendumWritten.emit(text, self.item_box.currentData())
        self.accept()
