"""The keyboard help: every shortcut from `keys.KEYS`, over the window, opened with F1 or ?."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractSlider,
    QFrame,
    QGridLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui import keys
from scorecard.ui.widgets import WrappingScrollArea, heading, wrap_label

_Slider = QAbstractSlider.SliderAction
#: Keys that scroll the list of keys while the overlay has the keyboard.
SCROLL_KEYS = {
    Qt.Key.Key_PageDown: _Slider.SliderPageStepAdd, Qt.Key.Key_PageUp: _Slider.SliderPageStepSub,
    Qt.Key.Key_Down: _Slider.SliderSingleStepAdd, Qt.Key.Key_Up: _Slider.SliderSingleStepSub,
    Qt.Key.Key_Space: _Slider.SliderPageStepAdd,
    Qt.Key.Key_Home: _Slider.SliderToMinimum, Qt.Key.Key_End: _Slider.SliderToMaximum,
}


class HelpOverlay(QWidget):
    """A veil over the parent window with a panel listing every key; Esc, F1 or ? closes it.

    Signals:
        closed(): the overlay was hidden (focus goes back where it was).
    """

    closed = Signal()

    def __init__(self, parent: QWidget, entries: tuple[keys.Key, ...] = keys.KEYS):
        super().__init__(parent)
        self.entries = entries  # the key table shown (keys.for_kit(kit) while scoring a kit)
        self.setObjectName("helpOverlay")
        self.setAccessibleName("Keyboard shortcuts")
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._return_focus: QWidget | None = None

        self.panel = QFrame(self)
        self.panel.setObjectName("helpPanel")
        self.panel.setAutoFillBackground(True)
        outer = QVBoxLayout(self.panel)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.addWidget(heading("Keyboard shortcuts", self.panel, scale=1.3))
        outer.addWidget(wrap_label(
            "Everything is saved the moment you do it. Keys with Ctrl, Alt or F-keys also work "
            "while you type notes.", self.panel, selectable=False))
        self.scroll = scroll = WrappingScrollArea(self.panel)
        body = QWidget(scroll)
        grid = QGridLayout(body)
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(4)
        grid.setColumnStretch(1, 1)
        row = 0
        for group in keys.GROUPS:
            entries = [k for k in self.entries if k.group == group]
            if not entries:
                continue
            grid.addWidget(heading(group, body, scale=1.1), row, 0, 1, 2)
            row += 1
            for entry in entries:
                key_label = QLabel(entry.display, body)
                key_label.setFont(self._bold(key_label))
                key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
                grid.addWidget(key_label, row, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(wrap_label(entry.does, body), row, 1)
                row += 1
        grid.setRowStretch(row, 1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.close_button = QPushButton("Close (Esc)", self.panel)
        self.close_button.setAccessibleName("Close keyboard shortcuts")
        outer.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)

        self.close_button.clicked.connect(self.dismiss)
        parent.installEventFilter(self)
        self.hide()

    @staticmethod
    def _bold(label: QLabel):
        font = label.font()
        font.setBold(True)
        return font

    # --- showing -------------------------------------------------------------------------

    def toggle(self) -> None:
        if self.isVisible():
            self.dismiss()
        else:
            self.open()

    def open(self) -> None:
        self._return_focus = self.window().focusWidget()
        self._fit()
        self.show()
        self.raise_()
        self.setFocus(Qt.FocusReason.OtherFocusReason)

    def dismiss(self) -> None:
        if not self.isVisible():
            return
        self.hide()
        if self._return_focus is not None:
            self._return_focus.setFocus(Qt.FocusReason.OtherFocusReason)
        self._return_focus = None
        self.closed.emit()

    def _fit(self) -> None:
        parent = self.parentWidget()
        self.setGeometry(parent.rect())
        width = min(760, max(320, self.width() - 60))
        height = max(240, self.height() - 60)
        self.panel.setGeometry((self.width() - width) // 2, (self.height() - height) // 2, width, height)

    # --- events -------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize and self.isVisible():
            self._fit()
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_F1, Qt.Key.Key_Question) or event.text() == "?":
            self.dismiss()
            return
        action = SCROLL_KEYS.get(event.key())
        if action is not None:  # the list scrolls at once, without first tabbing into it
            self.scroll.verticalScrollBar().triggerAction(action)
            return
        super().keyPressEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        veil = QColor(self.palette().color(QPalette.ColorRole.Shadow))
        veil.setAlpha(110)
        painter.fillRect(self.rect(), veil)
