"""Choosing one step: a rating with its anchor text, a knock-out option with its outcome, a recommendation.

Each option shows its label, its key (F5, F6, …) and the text that says what choosing
it means — the behavioural anchor at the moment of rating.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QButtonGroup, QFrame, QGridLayout, QRadioButton, QVBoxLayout, QWidget

from scorecard.ui import accessibility
from scorecard.ui.widgets import key_hint, wrap_label


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    #: what choosing it means: the anchor of a rating step, the outcome of a knock-out option
    detail: str
    key: str = ""


class ChoiceOption(QFrame):
    """One option: radio button, label, key, and the wrapped detail text; a click anywhere chooses it."""

    def __init__(self, choice: Choice, kind: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.choice = choice
        self.setObjectName("ratingOption")
        self.setProperty("chosen", False)
        self.radio = QRadioButton(self)
        self.radio.setAccessibleName(f"{kind} {choice.label}")
        self.radio.setAccessibleDescription(accessibility.shortcut_description(choice.key, choice.detail))
        self.radio.setToolTip(f"{choice.label} ({choice.key})" if choice.key else choice.label)
        self.label = wrap_label(choice.label, self, bold=True, selectable=False)
        self.key = key_hint(choice.key, self)
        grid = QGridLayout(self)
        grid.setContentsMargins(8, 5, 8, 6)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(2)
        grid.addWidget(self.radio, 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.label, 0, 1)
        grid.addWidget(self.key, 0, 2)
        if choice.detail:
            self.detail = wrap_label(choice.detail, self, selectable=False)
            grid.addWidget(self.detail, 1, 1, 1, 2)
        grid.setColumnStretch(1, 1)
        self.radio.toggled.connect(self._on_toggled)

    def _on_toggled(self, checked: bool) -> None:
        self.setProperty("chosen", checked)
        self.style().unpolish(self)
        self.style().polish(self)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self.radio.isEnabled() and event.button() == Qt.MouseButton.LeftButton and not self.radio.isChecked():
            self.radio.click()
        super().mousePressEvent(event)


class ChoiceBar(QWidget):
    """An exclusive set of options; a choice is reported once, whether by key, click or arrow keys.

    Signals:
        chosen(str): the interviewer chose an option; carries its id.
    """

    chosen = Signal(str)

    def __init__(self, choices: Sequence[Choice], parent: QWidget | None = None, *, kind: str = "Rating"):
        super().__init__(parent)
        self._kind = kind
        self.choices = list(choices)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.options: list[ChoiceOption] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        for i, choice in enumerate(self.choices):
            option = ChoiceOption(choice, kind, self)
            self.group.addButton(option.radio, i)
            self.options.append(option)
            box.addWidget(option)
        self.group.idClicked.connect(self._on_id_clicked)
        self._update_name()

    @property
    def buttons(self) -> list[QRadioButton]:
        return [o.radio for o in self.options]

    def current(self) -> str | None:
        i = self.group.checkedId()
        return self.choices[i].id if i >= 0 else None

    def set_current(self, choice_id: str | None) -> None:
        """Show a choice without reporting it (loading what is stored)."""
        self.group.setExclusive(False)
        for option in self.options:
            option.radio.setChecked(option.choice.id == choice_id)
        self.group.setExclusive(True)
        self._update_name()

    def spoken_choice(self) -> str:
        """'Rating: Meets — <anchor>', or that none is chosen: the bar's accessible name."""
        i = self.group.checkedId()
        if i < 0:
            return f"{self._kind}: none chosen yet"
        choice = self.choices[i]
        return f"{self._kind}: {choice.label}" + (f" — {choice.detail}" if choice.detail else "")

    def set_context(self, text: str) -> None:
        """What the options are (the heading above them, with its keys): the bar's description."""
        self.setAccessibleDescription(text)

    def _update_name(self) -> None:
        accessibility.set_name(self, self.spoken_choice())

    def choose_index(self, i: int) -> bool:
        """Choose the i-th option as if clicked (shortcut keys). False when there is no such option."""
        if not (0 <= i < len(self.options)) or not self.isEnabled():
            return False
        radio = self.options[i].radio
        if not radio.isChecked():
            radio.click()
        if not radio.hasFocus():  # (with focus, the screen reader reads the new state itself)
            accessibility.announce(radio, f"{self.spoken_choice()} (chosen)")
        return True

    def set_read_only(self, read_only: bool) -> None:
        for option in self.options:
            option.radio.setEnabled(not read_only)

    def _on_id_clicked(self, i: int) -> None:
        self._update_name()
        self.chosen.emit(self.choices[i].id)
