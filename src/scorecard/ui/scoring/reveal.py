"""Scroll what a shortcut just changed into view, so a tick or a rating below the fold is seen."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QScrollArea, QWidget

#: Room left above and below what is revealed, in pixels.
MARGIN = 12


def reveal(area: QScrollArea, widgets: list[QWidget]) -> None:
    """Scroll `area` the least needed to show all of `widgets` (children of its scrolled widget);
    when they do not all fit, their top."""
    content = area.widget()
    if content is None or not widgets:
        return
    rect = QRect()
    for widget in widgets:
        rect = rect.united(QRect(widget.mapTo(content, widget.rect().topLeft()), widget.size()))
    bar = area.verticalScrollBar()
    view_height = area.viewport().height()
    top, bottom = rect.top() - MARGIN, rect.bottom() + MARGIN
    value = bar.value()
    if bottom > value + view_height:
        value = bottom - view_height
    if top < value:
        value = top
    bar.setValue(max(bar.minimum(), min(value, bar.maximum())))
    hbar = area.horizontalScrollBar()
    if rect.left() < hbar.value():
        hbar.setValue(max(rect.left() - MARGIN, 0))
