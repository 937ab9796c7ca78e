"""Observed indicators as checkboxes: positive (+) and negative (−) visibly apart, each with a key."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QVBoxLayout, QWidget

from scorecard.ui import accessibility, keys
from scorecard.ui.widgets import ToneLabel, WrapLabel, key_hint, wrap_label

POLARITY = {
    "positive": ("+", "positive", "Positive indicators (+)", "Ctrl"),
    "negative": ("−", "negative", "Negative indicators (−)", "Alt"),
}


def indicator_key_text(key: str) -> str:
    """'p3' → 'Ctrl+3', 'n2' → 'Alt+2'; indicators beyond 9 have no key."""
    number = int(key[1:])
    if number > keys.MAX_INDICATOR_KEYS:
        return ""
    modifier = "Ctrl" if key.startswith("p") else "Alt"
    return keys.native(f"{modifier}+{number}")


class _TextLabel(WrapLabel):
    """The indicator text; clicking it toggles the checkbox beside it."""

    def __init__(self, text: str, box: QCheckBox, parent: QWidget):
        super().__init__(parent)
        self._box = box
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._box.isEnabled() and event.button() == Qt.MouseButton.LeftButton:
            self._box.click()
        super().mousePressEvent(event)


class IndicatorPanel(QWidget):
    """Both lists of indicators of one item.

    Signals:
        toggled(str, bool): an indicator was ticked or unticked; carries its key ('p1', 'n2', …).
    """

    toggled = Signal(str, bool)

    def __init__(self, indicators: Iterable[tuple[str, str, str]], checked: set[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Indicators")
        self.setObjectName("indicatorPanel")
        self.boxes: dict[str, QCheckBox] = {}
        self.rows: dict[str, list[QWidget]] = {}  # each indicator's box, mark and text (to scroll into view)
        by_polarity: dict[str, list[tuple[str, str]]] = {"positive": [], "negative": []}
        for key, polarity, text in indicators:
            by_polarity[polarity].append((key, text))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(4)
        for polarity, entries in by_polarity.items():
            if not entries:
                continue
            sign, tone, title, modifier = POLARITY[polarity]
            last = min(len(entries), keys.MAX_INDICATOR_KEYS)
            keys_text = keys.native(f"{modifier}+1") + (f" … {keys.native(f'{modifier}+{last}')}" if last > 1 else "")
            head = ToneLabel(f"{title}   ·   keys {keys_text}", tone, self, bold=True)
            head.setWordWrap(True)
            column.addWidget(head)
            grid = QGridLayout()
            grid.setContentsMargins(4, 0, 0, 6)
            grid.setHorizontalSpacing(6)
            grid.setVerticalSpacing(3)
            grid.setColumnStretch(2, 1)
            for row, (key, text) in enumerate(entries):
                box = QCheckBox(self)
                box.setChecked(key in checked)
                number = key[1:]
                box.setAccessibleName(f"{'Positive' if polarity == 'positive' else 'Negative'} indicator {number}: {text}")
                shortcut = indicator_key_text(key)
                box.setToolTip(f"{shortcut}" if shortcut else "")
                box.setAccessibleDescription(accessibility.shortcut_description(shortcut))
                box.setObjectName(f"indicator-{key}")
                mark = ToneLabel(f"{sign}{number}", tone, self, bold=True)
                label = _TextLabel(text, box, self)
                grid.addWidget(box, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(mark, row, 1, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label, row, 2)
                grid.addWidget(key_hint(shortcut, self), row, 3)
                box.clicked.connect(partial(self._on_box_clicked, key))
                self.boxes[key] = box
                self.rows[key] = [box, mark, label]
            column.addLayout(grid)
        if not self.boxes:
            column.addWidget(wrap_label("This item has no indicators to tick.", self, selectable=False))

    def _on_box_clicked(self, key: str, *_args) -> None:
        self.toggled.emit(key, self.boxes[key].isChecked())

    def toggle(self, key: str) -> bool:
        """Flip an indicator as if clicked (shortcut keys); False when there is no such indicator."""
        box = self.boxes.get(key)
        if box is None or not box.isEnabled():
            return False
        box.click()
        if not box.hasFocus():  # (with focus, the screen reader reads the new state itself)
            state = "ticked" if box.isChecked() else "unticked"
            accessibility.announce(box, f"{box.accessibleName()}: {state}")
        return True

    def set_read_only(self, read_only: bool) -> None:
        for box in self.boxes.values():
            box.setEnabled(not read_only)

    def focusables(self) -> list[QWidget]:
        return list(self.boxes.values())
