"""Choosing the round to start or resume: a keyboard-friendly list of one candidate's rounds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget

from scorecard.ui import icons
from scorecard.ui.widgets import WrappedItemDelegate
from scorecard.ui.candidates.model import STATUS_ICON, STATUS_TEXT

if TYPE_CHECKING:
    from scorecard.services.candidates import RoundProgress

ModelIndex = QModelIndex | QPersistentModelIndex
RoundIdRole = Qt.ItemDataRole.UserRole + 1

_STAGES = {"application": "Application", "resume_screening": "Resume screening", "interview": "Interview"}


class RoundListModel(QAbstractListModel):
    """A candidate's rounds with this interviewer's status (none / draft / submitted) and panel counts."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rounds: list[RoundProgress] = []

    def set_rounds(self, rounds: Sequence[RoundProgress]) -> None:
        self.beginResetModel()
        self._rounds = list(rounds)
        self.endResetModel()

    def round_at(self, row: int) -> RoundProgress:
        return self._rounds[row]

    def suggested_row(self) -> int:
        """Where the interviewer most likely wants to go: their next assigned round, a draft, then the first
        round not submitted."""
        for i, r in enumerate(self._rounds):
            if getattr(r, "assigned", False) and str(r.mine) != "submitted":
                return i
        for wanted in ("draft", "none"):
            for i, r in enumerate(self._rounds):
                if str(r.mine) == wanted:
                    return i
        return 0

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rounds)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rounds[index.row()]
        mine = str(r.mine)
        if role == Qt.ItemDataRole.DisplayRole:
            assigned = "  ·  assigned to you" if getattr(r, "assigned", False) else ""
            return f"{r.round_name}\nYours: {STATUS_TEXT[mine].lower()}  ·  panel: {r.submitted} submitted{assigned}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{r.round_name}: yours {STATUS_TEXT[mine].lower()}, {r.submitted} submitted by the panel"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{_STAGES.get(r.stage, r.stage)} stage"
        if role == Qt.ItemDataRole.DecorationRole:
            return icons.icon(STATUS_ICON[mine])
        if role == RoundIdRole:
            return r.round_id
        return None


class RoundListView(QListView):
    """The rounds of the selected candidate; Enter (or a double click) opens the current one.

    Signals:
        roundChosen(str): the interviewer chose a round; carries its id.
        backRequested(): Left/Escape — focus back to the candidate table.
    """

    roundChosen = Signal(str)
    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setAccessibleName("Rounds of the selected candidate")
        self.setWordWrap(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)  # re-wrap the rows when the list gets narrower
        self.setItemDelegate(WrappedItemDelegate(self))
        self.setSpacing(2)
        self.setUniformItemSizes(False)
        self.setIconSize(QSize(18, 18))
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.activated.connect(self._on_activated)

    def select_row(self, row: int) -> None:
        model = self.model()
        if model is not None and 0 <= row < model.rowCount():
            self.setCurrentIndex(model.index(row, 0))

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.roundChosen.emit(index.data(RoundIdRole))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self._on_activated(self.currentIndex())
            return
        if event.key() in (Qt.Key.Key_Escape, Qt.Key.Key_Left) and not event.modifiers():
            self.backRequested.emit()
            return
        super().keyPressEvent(event)
