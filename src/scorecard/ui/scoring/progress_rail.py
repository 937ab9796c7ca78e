"""The progress rail: every item of the round with where it stands (rated, flagged, skipped, …)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from scorecard.ui import icons
from scorecard.ui.widgets import WrappedItemDelegate

if TYPE_CHECKING:
    from scorecard.domain.kit import ItemBase
    from scorecard.domain.scorecard import ItemResponse

ModelIndex = QModelIndex | QPersistentModelIndex
StatusRole = Qt.ItemDataRole.UserRole + 1
ItemIdRole = Qt.ItemDataRole.UserRole + 2

#: A skip reason longer than this is shortened in the rail (the item itself shows it whole).
RAIL_REASON_CHARS = 60

STATUS_TEXT = {
    "rated": "Rated",
    "answered": "Answered",
    "flagged": "Rated, no evidence yet",
    "skipped": "Skipped",
    "started": "Started, not rated yet",
    "untouched": "Not started",
}
STATUS_ICON = {
    "rated": "item-rated",
    "answered": "item-rated",
    "flagged": "item-flagged",
    "skipped": "item-skipped",
    "started": "item-started",
    "untouched": "item-untouched",
}


def item_status(item: ItemBase, response: ItemResponse | None) -> str:
    """Where an item stands, in the terms of the domain's ItemResponse properties."""
    if response is None:
        return "untouched"
    if response.is_skipped:
        return "skipped"
    if response.knockout_option is not None:
        return "answered"
    if response.rating is not None:
        return "rated" if response.has_evidence else "flagged"
    if response.is_touched:
        return "started"
    return "untouched"


class RailModel(QAbstractListModel):
    """Items of the round, read from the view's copy of the responses (what is on screen)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._items: list[ItemBase] = []
        self._responses: Mapping[str, ItemResponse] = {}
        self._labels: Mapping[str, str] = {}

    def set_items(self, items: Sequence[ItemBase], responses: Mapping[str, ItemResponse],
                  labels: Mapping[str, str]) -> None:
        """`labels`: item id → what a rating/option means in words (e.g. 'Meets')."""
        self.beginResetModel()
        self._items = list(items)
        self._responses = responses
        self._labels = labels
        self.endResetModel()

    def refresh(self, item_id: str) -> None:
        for row, item in enumerate(self._items):
            if item.id == item_id:
                index = self.index(row, 0)
                self.dataChanged.emit(index, index)

    def refresh_all(self) -> None:
        if self._items:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._items) - 1, 0))

    def status(self, row: int) -> str:
        item = self._items[row]
        return item_status(item, self._responses.get(item.id))

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self._items[index.row()]
        status = self.status(index.row())
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {item.short_title}\n{self._status_text(item, status)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Item {index.row() + 1}: {item.short_title}. {self._status_text(item, status)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.prompt
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon(STATUS_ICON[status])
        if role == StatusRole:
            return status
        if role == ItemIdRole:
            return item.id
        return None

    def _status_text(self, item: ItemBase, status: str) -> str:
        response = self._responses.get(item.id)
        text = STATUS_TEXT[status]
        if status in ("rated", "flagged", "answered") and response is not None:
            label = self._labels.get(f"{item.id}:{response.rating or response.knockout_option}")
            if label:
                text = f"{text}: {label}" if status != "flagged" else f"{label} — no evidence yet"
        if status == "skipped" and response is not None and response.skip_reason:
            reason = " ".join(response.skip_reason.split())
            text = f"Skipped: {reason if len(reason) <= RAIL_REASON_CHARS else reason[:RAIL_REASON_CHARS - 1] + '…'}"
        return text


class ProgressRail(QListView):
    """The rail; Enter or a click goes to an item.

    Signals:
        itemChosen(int): the interviewer chose the item at this row.
    """

    itemChosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("progressRail")
        self.setAccessibleName("Items of this round")
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the rows when the rail gets narrower
        self.setItemDelegate(WrappedItemDelegate(self))
        self.setSpacing(1)
        self.setIconSize(QSize(16, 16))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.clicked.connect(self._on_clicked)

    def set_current_row(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, 0))
            self.scrollTo(model.index(row, 0))

    def _on_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.itemChosen.emit(index.row())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and self.currentIndex().isValid():
            self.itemChosen.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)
