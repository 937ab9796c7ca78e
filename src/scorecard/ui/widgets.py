"""Small building blocks shared by the views: wrapping labels, headings, banners."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette, QTextDocumentFragment
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QToolButton,
    QWidget,
)

from scorecard.ui import icons, theme


def wrap_label(
    text: str = "",
    parent: QWidget | None = None,
    *,
    scale: float = 1.0,
    bold: bool = False,
    rich: bool = False,
    selectable: bool = True,
    name: str = "",
) -> QLabel:
    """A label that wraps instead of clipping; plain text unless `rich` (names may contain '<')."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setText(text)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0 or bold:
        label.setFont(theme.scaled_font(label, scale, bold=bold))
    if name:
        label.setObjectName(name)
    return label


def heading(text: str, parent: QWidget | None = None, *, scale: float = 1.0) -> QLabel:
    label = wrap_label(text, parent, scale=scale, bold=True, selectable=False)
    label.setAccessibleName(text)
    return label


def key_hint(text: str, parent: QWidget | None = None) -> QLabel:
    """A quiet label naming a shortcut next to the control it drives."""
    label = QLabel(text, parent)
    label.setObjectName("keyHint")
    label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
    return label


class ToneLabel(QLabel):
    """A label whose text colour is a semantic tone that follows light/dark palette changes."""

    def __init__(self, text: str, tone: str, parent: QWidget | None = None, *, bold: bool = False):
        super().__init__(text, parent)
        self._tone = tone
        self.setTextFormat(Qt.TextFormat.PlainText)
        if bold:
            self.setFont(theme.scaled_font(self, 1.0, bold=True))
        self._restyle()

    def set_tone(self, tone: str) -> None:
        self._tone = tone
        self._restyle()

    def _restyle(self) -> None:
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.WindowText, theme.tone(self._tone, QGuiApplication.palette()))
        self.setPalette(pal)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.StyleChange):
            self._restyle()


class Banner(QFrame):
    """A message strip across the window: icon, wrapping text, optional action and close buttons.

    Signals:
        actionTriggered(): the action button was pressed.
        dismissed(): the close button was pressed (the banner hides itself).
    """

    actionTriggered = Signal()
    dismissed = Signal()

    def __init__(self, tone: str, parent: QWidget | None = None, *, closable: bool = True, name: str = ""):
        super().__init__(parent)
        self._tone = tone
        self.setObjectName(name or f"{tone}Banner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.icon = QLabel(self)
        self.text = wrap_label("", self, selectable=True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.action = QPushButton(self)
        self.action.hide()
        self.close_button = QToolButton(self)
        self.close_button.setText("✕")
        self.close_button.setAccessibleName("Dismiss message")
        self.close_button.setToolTip("Dismiss")
        self.close_button.setVisible(closable)
        self.close_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

        row = QHBoxLayout(self)
        row.setContentsMargins(10, 6, 6, 6)
        row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.text, 1)
        row.addWidget(self.action, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignTop)

        self.action.clicked.connect(self.actionTriggered)
        self.close_button.clicked.connect(self._on_close_clicked)

        self._restyle()
        self.hide()

    def show_message(self, html: str, *, tone: str | None = None, action: str = "") -> None:
        if tone is not None and tone != self._tone:
            self._tone = tone
            self._restyle()
        self.text.setText(html)
        self.setAccessibleName(self.message())
        self.action.setVisible(bool(action))
        self.action.setText(action)
        self.action.setAccessibleName(action)
        self.show()

    def message(self) -> str:
        """The message as plain text."""
        return QTextDocumentFragment.fromHtml(self.text.text()).toPlainText()

    def _on_close_clicked(self) -> None:
        self.hide()
        self.dismissed.emit()

    def _restyle(self) -> None:
        palette = QGuiApplication.palette()
        pal = self.palette()
        pal.setColor(QPalette.ColorRole.Window, theme.tint(self._tone, palette))
        pal.setColor(QPalette.ColorRole.WindowText, palette.color(QPalette.ColorRole.WindowText))
        self.setPalette(pal)
        name = {"warning": "warning", "negative": "warning", "info": "info", "positive": "info"}[self._tone]
        size = self.fontMetrics().height()
        self.icon.setPixmap(icons.icon(name).pixmap(size, size))

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            self._restyle()


class WrappingScrollArea(QScrollArea):
    """A vertical scroll area whose content wraps to the visible width.

    QScrollArea sizes resizable content by its minimum size, which for wrapping labels is
    far too small (their text would be squeezed and clipped); this one gives the content
    at least the height it needs at the current width, so long briefs scroll instead.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitting = False

    def setWidget(self, widget: QWidget) -> None:
        super().setWidget(widget)
        widget.installEventFilter(self)
        self._fit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self._fit()
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        widget = self.widget()
        if widget is None or self._fitting:
            return
        self._fitting = True
        try:
            width = self.viewport().width()
            if widget.hasHeightForWidth():
                needed = widget.heightForWidth(width)
            else:
                needed = widget.minimumSizeHint().height()
            if needed > 0 and widget.minimumHeight() != needed:
                widget.setMinimumHeight(needed)
        finally:
            self._fitting = False
