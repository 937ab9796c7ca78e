"""Candidate list models: the table over `CandidateOverview` rows and its search filter."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, QSortFilterProxyModel, Qt

from scorecard.ui import icons

if TYPE_CHECKING:
    from scorecard.services.candidates import CandidateOverview

ModelIndex = QModelIndex | QPersistentModelIndex

#: The overview row behind any cell.
CandidateRole = Qt.ItemDataRole.UserRole + 1
#: Name, role and level folded for searching (case and diacritics removed).
SearchRole = Qt.ItemDataRole.UserRole + 2

# Letters that carry no combining mark to strip but that people type without the accent.
_FOLD_EXTRA = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"})


def fold(text: str) -> str:
    """Case- and diacritics-insensitive form: 'Zoë Ñúñez' → 'zoe nunez'; other scripts pass through."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped).translate(_FOLD_EXTRA)


STATUS_TEXT = {"none": "Not started", "draft": "Draft", "submitted": "Submitted"}
STATUS_ICON = {"none": "status-none", "draft": "status-draft", "submitted": "status-submitted"}


def my_rounds_summary(rounds: Sequence) -> tuple[str, str]:
    """('1 submitted · 1 draft · 6 to do', icon name) for one interviewer's rounds."""
    counts = {"submitted": 0, "draft": 0, "none": 0}
    for r in rounds:
        counts[str(r.mine)] += 1
    parts = []
    if counts["submitted"]:
        parts.append(f"{counts['submitted']} submitted")
    if counts["draft"]:
        parts.append(f"{counts['draft']} draft")
    if counts["none"]:
        parts.append(f"{counts['none']} to do")
    icon = "status-draft" if counts["draft"] else "status-submitted" if counts["submitted"] else "status-none"
    if not counts["submitted"] and not counts["draft"]:
        return ("None started", icon)
    return (" · ".join(parts), icon)


def rounds_detail(rounds: Sequence) -> str:
    return "\n".join(
        f"{r.round_name}: {STATUS_TEXT[str(r.mine)].lower()} (yours); "
        f"{r.submitted} submitted by the panel" for r in rounds
    )


class CandidateTableModel(QAbstractTableModel):
    """One row per candidate as this interviewer sees them: never anyone's ratings, only counts."""

    NAME, ROLE, LEVEL, MINE, FLAG = range(5)
    HEADERS = ("Candidate", "Role", "Level", "My scorecards", "Status")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._rows: list[CandidateOverview] = []

    def set_rows(self, rows: Sequence[CandidateOverview]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def overview(self, row: int) -> CandidateOverview:
        return self._rows[row]

    def row_of(self, candidate_id: str) -> int | None:
        for i, r in enumerate(self._rows):
            if r.id == candidate_id:
                return i
        return None

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role == CandidateRole:
            return row
        if role == SearchRole:
            return fold(f"{row.name} {row.kit_title} {row.target_level_name}")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col, accessible=role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == self.MINE:
                return icons.icon(my_rounds_summary(row.rounds)[1])
            if col == self.FLAG and row.auto_declined:
                return icons.icon("declined")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.MINE:
                return rounds_detail(row.rounds)
            if col == self.FLAG and row.auto_declined:
                return "A knock-out answer auto-declined this candidate."
            return self._text(row, col)
        return None

    def _text(self, row: CandidateOverview, col: int, *, accessible: bool = False) -> str:
        if col == self.NAME:
            return row.name
        if col == self.ROLE:
            return row.kit_title
        if col == self.LEVEL:
            return row.target_level_name
        if col == self.MINE:
            text = my_rounds_summary(row.rounds)[0]
            return f"My scorecards: {text}" if accessible else text
        if col == self.FLAG:
            return "Auto-declined" if row.auto_declined else ("Active" if accessible else "")
        return ""


class CandidateFilterProxy(QSortFilterProxyModel):
    """Instant search: every word typed must appear in the name, role or level, ignoring case and accents."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._words: list[str] = []
        self.setSortLocaleAware(True)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        self.beginFilterChange()
        self._words = words
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._words:
            return True
        haystack = self.sourceModel().index(source_row, 0, source_parent).data(SearchRole) or ""
        return all(word in haystack for word in self._words)
