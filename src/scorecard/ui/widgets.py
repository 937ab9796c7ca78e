"""Small building blocks shared by the views: wrapping labels, headings, banners."""

from __future__ import annotations

import re
import unicodedata
from math import ceil

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPalette,
    QTextDocumentFragment,
    QTextLayout,
    QTextOption,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyle,
    QStyleOptionViewItem,
    QStyledItemDelegate,
    QTabWidget,
    QToolButton,
    QWidget,
)

from scorecard.ui import accessibility, icons, theme

# --- text without spaces (URLs, paths, long names) ---------------------------------------------

ZWSP = "\u200b"
#: A run of characters with no space longer than this gets break points (display only)…
LONG_RUN = 20
#: …one after every this many characters: the narrowest a label can be is about that wide.
BREAK_EVERY = 10
#: (a zero-width space already in the text — e.g. after each '/' of a path — is a break point)
_RUN = re.compile(r"(?:[^\s\u200b]|[\u00a0\u2007\u202f]){%d,}" % (LONG_RUN + 1))
_MARKUP = re.compile(r"(<[^>]*>|&#?\w+;)")
#: Never break before these (combining marks, emoji modifiers, format characters such as ZWJ).
_GLUED = frozenset({"Mn", "Mc", "Me", "Sk", "Cf"})


def _break_run(match: re.Match[str]) -> str:
    run = match.group(0)
    out: list[str] = []
    since = 0
    for i, ch in enumerate(run):
        if (since >= BREAK_EVERY and unicodedata.category(ch) not in _GLUED
                and unicodedata.category(run[i - 1]) != "Cf"):
            out.append(ZWSP)
            since = 0
        out.append(ch)
        since += 1
    return "".join(out)


def breakable(text: str) -> str:
    """`text` with zero-width spaces inside long runs without a space, so that it can wrap.

    QLabel wraps only at word boundaries: one URL in a note, or a long name typed without
    spaces, would otherwise be as wide as it is long and widen the whole window. For display
    only — `WrapLabel` keeps the text as given and copies it without them.
    """
    return text if len(text) <= LONG_RUN else _RUN.sub(_break_run, text)


def breakable_html(html: str) -> str:
    """`breakable` for rich text: only the text between tags and entities is touched."""
    if len(html) <= LONG_RUN:
        return html
    parts = _MARKUP.split(html)
    return "".join(part if i % 2 else breakable(part) for i, part in enumerate(parts))


class WrapLabel(QLabel):
    """A word-wrapping label that also wraps text without spaces (see `breakable`).

    `text()` returns the text as it was set; copying (Ctrl+C, the context menu) leaves out the
    zero-width spaces that were added for display.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self.setWordWrap(True)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        self._text = text
        rich = self.textFormat() == Qt.TextFormat.RichText or (
            self.textFormat() == Qt.TextFormat.AutoText and Qt.mightBeRichText(text))
        shown = breakable_html(text) if rich else breakable(text)
        super().setText(shown)
        # a screen reader reads the label's text as its name: without the added break points
        if shown != text and not rich:
            self.setAccessibleName(" ".join(text.split()))
            self._named_by_text = True
        elif getattr(self, "_named_by_text", False):
            self.setAccessibleName("")
            self._named_by_text = False

    def text(self) -> str:
        return self._text

    def copy_selection(self) -> None:
        QGuiApplication.clipboard().setText(self.selectedText().replace(ZWSP, ""))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self.copy_selection()
            event.accept()
            return
        super().keyPressEvent(event)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        if not self.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse:
            super().contextMenuEvent(event)
            return
        menu = QMenu(self)
        copy = menu.addAction("&Copy", self.copy_selection)
        copy.setEnabled(self.hasSelectedText())
        menu.addAction("Select &All", lambda: self.setSelection(0, len(super(WrapLabel, self).text())))
        menu.exec(event.globalPos())


class WrappedItemDelegate(QStyledItemDelegate):
    """Rows of a word-wrapping list as tall as their text at the list's current width.

    Qt's own size hint measures wrapped text without the icon beside it, so in a narrow list
    the last lines of a row ("Rated: Meets") were cut off with '…'. Use with
    `QListView.ResizeMode.Adjust`, so rows are measured again when the list is resized.
    """

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:  # noqa: N802 - Qt name
        view = self.parent()
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if not isinstance(view, QAbstractItemView) or not opt.text:
            return super().sizeHint(option, index)
        style = view.style()
        width = view.viewport().width() - 2 * getattr(view, "spacing", lambda: 0)()
        opt.rect = QRect(0, 0, max(width, 1), 100_000)
        text_rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, opt, view)
        margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        layout_width = max(text_rect.width() - 2 * margin, 1)
        text_option = QTextOption()
        text_option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        height = 0.0
        for paragraph in opt.text.split("\n"):
            layout = QTextLayout(paragraph, opt.font)
            layout.setTextOption(text_option)
            layout.beginLayout()
            while (line := layout.createLine()).isValid():
                line.setLineWidth(layout_width)
                height += line.height()
            layout.endLayout()
        icon = opt.decorationSize.height() if opt.features & QStyleOptionViewItem.ViewItemFeature.HasDecoration else 0
        return QSize(width, max(ceil(height), icon) + 2 * margin)


class ElidedLabel(QLabel):
    """One line that shortens itself with '…' when there is no room; the tooltip then has it all.

    For names in headings: never wider than the window allows, never wrapped over lines.
    """

    def __init__(self, text: str = "", parent: QWidget | None = None, *, max_chars: int = 60):
        super().__init__(parent)
        self._max_chars = max_chars
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setText(text)

    def setText(self, text: str) -> None:  # noqa: N802 - Qt name
        super().setText(" ".join(text.split()))
        self._update_tooltip()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt name
        hint = super().sizeHint()
        cap = self.fontMetrics().averageCharWidth() * self._max_chars
        return QSize(min(hint.width(), cap), hint.height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        margins = self.contentsMargins()
        width = self.fontMetrics().horizontalAdvance("…") + self.fontMetrics().averageCharWidth() * 4
        return QSize(width + margins.left() + margins.right(), super().minimumSizeHint().height())

    def elided(self) -> str:
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        self.style().drawItemText(painter, self.contentsRect(), int(self.alignment()), self.palette(),
                                  self.isEnabled(), self.elided(), self.foregroundRole())

    def _update_tooltip(self) -> None:
        self.setToolTip(self.text() if self.elided() != self.text() else "")


def elided_heading(text: str, parent: QWidget | None = None, *, scale: float = 1.0) -> ElidedLabel:
    """A bold one-line heading for a name: shortened with '…' (full text in the tooltip) when narrow."""
    label = ElidedLabel(text, parent)
    label.setFont(theme.scaled_font(label, scale, bold=True))
    return label


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
    """A label that wraps instead of clipping, even text without spaces; plain text unless `rich`
    (names may contain '<')."""
    label = WrapLabel(parent)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setText(text)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if scale != 1.0 or bold:
        label.setFont(theme.scaled_font(label, scale, bold=bold))
    if name:
        label.setObjectName(name)
    return label


def heading(text: str, parent: QWidget | None = None, *, scale: float = 1.0) -> QLabel:
    """A bold heading; its accessible name is its text, also after `setText`."""
    return wrap_label(text, parent, scale=scale, bold=True, selectable=False)


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
        accessibility.mark_alert(self)
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
        if self._tone in ("warning", "negative"):
            accessibility.alert(self, self.message())
        else:
            accessibility.announce(self, self.message())

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


def _height_for_width(widget: QWidget, width: int) -> int:
    """The height `widget` needs at `width`, not clamped by the minimum height set on it earlier
    (QWidget.heightForWidth is, so content that got shorter — or wider — would keep its old height)."""
    layout = widget.layout()
    if layout is not None and layout.hasHeightForWidth():
        return layout.totalHeightForWidth(width)
    if widget.hasHeightForWidth():
        old = widget.minimumHeight()
        widget.setMinimumHeight(0)
        try:
            return widget.heightForWidth(width)
        finally:
            widget.setMinimumHeight(old)
    return widget.minimumSizeHint().height()


class WrappingScrollArea(QScrollArea):
    """A vertical scroll area whose content wraps to the visible width.

    QScrollArea sizes resizable content by its minimum size, which for wrapping labels is
    far too small (their text would be squeezed and clipped); this one gives the content
    at least the height it needs at the current width, so long briefs scroll instead.

    Signals:
        contentResized(): the content's height changed (new content, or a new width).
    """

    contentResized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._fitting = False
        self._height_cap: int | None = None

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt name
        """Never narrower than the content needs: a splitter or layout squeezing the area further
        would push the content past the right edge (there is no horizontal scroll bar)."""
        hint = super().minimumSizeHint()
        widget = self.widget()
        if widget is None:
            return hint
        margins = self.contentsMargins()
        width = (widget.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
                 + margins.left() + margins.right())
        return QSize(max(hint.width(), width), hint.height())

    def set_height_cap(self, pixels: int | None) -> None:
        """Be as tall as the content, but at most `pixels` (then scroll); None: sized by the layout."""
        self._height_cap = pixels
        if pixels is None:
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
        self._fit()

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
            needed = _height_for_width(widget, self.viewport().width())
            if needed > 0 and widget.minimumHeight() != needed:
                widget.setMinimumHeight(needed)
                self.contentResized.emit()
            if self._height_cap is not None:
                margins = self.contentsMargins()
                height = min(max(needed, 0) + margins.top() + margins.bottom(), self._height_cap)
                if self.height() != height or self.minimumHeight() != height:
                    self.setFixedHeight(height)
        finally:
            self._fitting = False


def reading_order_splitter(parent: QWidget, *panes: QWidget,
                           orientation: Qt.Orientation = Qt.Orientation.Horizontal) -> QSplitter:
    """A splitter holding `panes` left to right (or top to bottom) whose children — what a screen
    reader's review walks — are in that order too: QSplitter.addWidget puts each new pane *first*
    among its children, so three panes would read right to left. Raising each in turn puts them
    back in order (splitter panes never overlap, so the stacking change is invisible)."""
    splitter = QSplitter(orientation, parent)
    for pane in panes:
        splitter.addWidget(pane)
    for index, pane in enumerate(panes):  # each pane after the handle that precedes it on screen
        splitter.handle(index).raise_()
        pane.raise_()
    return splitter


def put_in_reading_order(widget: QWidget) -> None:
    """Reorder `widget`'s children (and theirs) as its layouts place them, so that a screen reader's
    review — which walks children in the order they were made — meets them as they are on screen.
    For dialogs built with form layouts (a row's label is made after its field), button boxes (an
    added button after the standard ones) and tab widgets (the pages before the tabs); call it once
    the dialog is built. Only widgets a layout manages move; stacking never matters between them
    (a layout does not overlap its items)."""
    layout = widget.layout()
    if layout is not None:
        _raise_in_order(layout)
    if isinstance(widget, QTabWidget):
        widget.tabBar().lower()  # the tabs before the page they switch
    for child in widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly):
        if not child.isWindow():
            put_in_reading_order(child)


def _raise_in_order(layout) -> None:
    if isinstance(layout, QFormLayout):
        items = [layout.itemAt(row, role) for row in range(layout.rowCount())
                 for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole,
                              QFormLayout.ItemRole.SpanningRole)]
    else:
        items = [layout.itemAt(i) for i in range(layout.count())]
    for item in items:
        if item is None:
            continue
        if item.widget() is not None:
            item.widget().raise_()
        elif item.layout() is not None:
            _raise_in_order(item.layout())
