"""Candidate list models: the table over `CandidateOverview` rows and its search filter.

Built for 10,000 candidates (tests/benchmarks/test_scale.py): each row's folded search
text is computed once when the rows are set, a query is matched in one pass over those
strings, and sorting happens in the source model with precomputed keys — the proxy only
filters, so no keystroke or sort calls back into Python once per row and comparison.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
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
_FOLD_EXTRA_MAP = {"ł": "l", "ø": "o", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
_FOLD_EXTRA = str.maketrans(_FOLD_EXTRA_MAP)


def fold(text: str, _combining=unicodedata.combining, _normalize=unicodedata.normalize,
         _extra=_FOLD_EXTRA_MAP.get) -> str:
    """Case- and diacritics-insensitive form: 'Zoë Ñúñez' → 'zoe nunez'; other scripts pass through.

    Every row's name is folded at start-up (10,000 in the benchmark), so this is kept tight: a
    list comprehension over the decomposed characters beats building a regular expression of
    every combining mark first (which cost ~5 ms before the first name), and the letters of
    `_FOLD_EXTRA_MAP` are replaced in the same pass (str.translate with a dict is slow). They
    take no combining marks, so replacing them before recomposing gives the same result."""
    if text.isascii():
        return text.lower()
    decomposed = _normalize("NFKD", text.casefold())
    stripped = "".join([_extra(ch, ch) for ch in decomposed if not _combining(ch)])
    return _normalize("NFC", stripped)


_FOLD_SEPARATOR = "\x1f"  # a control character: casefold, NFKD and NFC leave it alone and never compose across it


def fold_all(texts: list[str]) -> list[str]:
    """`fold` of each text, in one pass over them all (10,000 names at start-up): the same result,
    since every step of `fold` works character by character or within a run the separator ends —
    and for ASCII-only text `str.lower` equals `str.casefold`. Texts holding the separator are
    folded one by one."""
    joined = _FOLD_SEPARATOR.join(texts)
    if _FOLD_SEPARATOR in joined and joined.count(_FOLD_SEPARATOR) != max(len(texts) - 1, 0):
        return [fold(t) for t in texts]
    if not texts:
        return []
    if joined.isascii():
        return joined.lower().split(_FOLD_SEPARATOR)
    decomposed = unicodedata.normalize("NFKD", joined.casefold())
    # the same marks and letters `fold` drops or replaces, found among the distinct non-ASCII
    # characters and removed with one regular expression over the whole text rather than a
    # Python step per character
    distinct = set(decomposed)
    marks = [ch for ch in distinct if unicodedata.combining(ch)]
    if marks:
        decomposed = re.sub("[" + "".join(re.escape(ch) for ch in marks) + "]", "", decomposed)
    for ch in distinct:
        if ch in _FOLD_EXTRA_MAP:
            decomposed = decomposed.replace(ch, _FOLD_EXTRA_MAP[ch])
    return unicodedata.normalize("NFC", decomposed).split(_FOLD_SEPARATOR)




STATUS_TEXT = {"none": "Not started", "draft": "Draft", "submitted": "Submitted"}
STATUS_ICON = {"none": "status-none", "draft": "status-draft", "submitted": "status-submitted"}


def my_rounds_summary(rounds: Sequence) -> tuple[str, str]:
    """('1 submitted · 1 draft · 6 to do', icon name) for one interviewer's rounds."""
    return statuses_summary([r.mine for r in rounds])


def statuses_summary(statuses: Sequence) -> tuple[str, str]:
    """The same from the statuses alone (what the list shows for every row on screen)."""
    counts = {"submitted": 0, "draft": 0, "none": 0}
    for status in statuses:
        counts[str(status)] += 1
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
        self._search: list[str] = []
        self._positions: dict[str, int] | None = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: loads one candidate's round progress (a service call); asked for rows shown or selected
        self._progress: Callable[[CandidateOverview], Sequence] | None = None
        self._rounds: dict[str, Sequence] = {}

    def set_rows(self, rows: Sequence[CandidateOverview],
                 progress: Callable[[CandidateOverview], Sequence] | None = None) -> None:
        self.beginResetModel()
        if progress is not None:
            self._progress = progress
        self._rounds.clear()
        # kit titles and level names repeat: each distinct one folded once, looked up inline
        titles = {t: fold(t) for t in {r.kit_title for r in rows}}
        levels = {t: fold(t) for t in {r.target_level_name for r in rows}}
        names = fold_all([r.name for r in rows])
        pairs = [(r, f"{name} {titles[r.kit_title]} {levels[r.target_level_name]}") for r, name in zip(rows, names)]
        if self._sort is not None:
            column, order = self._sort
            if column == self.NAME:  # the usual order: two C-level sorts instead of a key tuple per row
                pairs.sort(key=lambda pair: pair[0].name)
                pairs.sort(key=itemgetter(1))
                if order == Qt.SortOrder.DescendingOrder:
                    pairs.reverse()
            else:
                pairs.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        if any(map(_ASSIGNED, rows)):
            _assigned_first(pairs)
        self._rows = [p[0] for p in pairs]
        self._search = [p[1] for p in pairs]
        self._positions = None  # built on first use (`row_of`): start-up selects by position
        self.endResetModel()

    def overview(self, row: int) -> CandidateOverview:
        return self._rows[row]

    def rounds_of(self, overview: CandidateOverview) -> Sequence:
        """The candidate's rounds with the panel's counts, loaded through the service on first use."""
        if overview.id not in self._rounds:
            self._rounds[overview.id] = self._progress(overview) if self._progress is not None else ()
        return self._rounds[overview.id]

    def rows(self) -> list[CandidateOverview]:
        return self._rows

    def search_texts(self) -> list[str]:
        """Each row's folded name, role and level, in row order (what the filter matches against)."""
        return self._search

    def row_of(self, candidate_id: str) -> int | None:
        if self._positions is None:
            self._positions = {r.id: i for i, r in enumerate(self._rows)}
        return self._positions.get(candidate_id)

    # --- sorting: here, with precomputed keys (the proxy above only filters) -----------------

    def _sort_key(self, column: int):
        """A key over (row, folded search text) pairs; ties fall back to the folded name."""
        if column == self.NAME:
            return lambda pair: (pair[1], pair[0].name)  # folded "name role level", then as written
        if column == self.ROLE:
            return lambda pair: (fold(pair[0].kit_title), pair[1])
        if column == self.LEVEL:
            return lambda pair: (fold(pair[0].target_level_name), pair[1])
        if column == self.MINE:
            return lambda pair: (statuses_summary(pair[0].my_statuses)[0], pair[1])
        if column == self.FLAG:
            return lambda pair: (pair[0].auto_declined, pair[1])
        return lambda pair: pair[1]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self._sort = (column, order)
        if not self._rows:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        pairs = list(zip(self._rows, self._search, range(len(self._rows))))
        key = self._sort_key(column)
        pairs.sort(key=lambda p: key((p[0], p[1])), reverse=order == Qt.SortOrder.DescendingOrder)
        _assigned_first(pairs)
        moved = {old: new for new, (_r, _s, old) in enumerate(pairs)}
        self._rows = [p[0] for p in pairs]
        self._search = [p[1] for p in pairs]
        self._positions = None
        self.changePersistentIndexList(
            before, [self.index(moved[i.row()], i.column()) if i.isValid() else i for i in before])
        self.layoutChanged.emit()

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
            return self._search[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col, accessible=role == Qt.ItemDataRole.AccessibleTextRole)
        if role == Qt.ItemDataRole.DecorationRole:
            if col == self.MINE:
                return icons.icon(statuses_summary(row.my_statuses)[1])
            if col == self.FLAG and row.auto_declined:
                return icons.icon("declined")
            return None
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == self.MINE:
                return rounds_detail(self.rounds_of(row))
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
            text = statuses_summary(row.my_statuses)[0]
            return f"My scorecards: {text}" if accessible else text
        if col == self.FLAG:
            return "Auto-declined" if row.auto_declined else ("Active" if accessible else "")
        return ""


#: A filter change that moves this many rows in or out of the view is signalled as a layout change.
BIG_CHANGE = 2000


class CandidateFilterProxy(QSortFilterProxyModel):
    """Instant search: every word typed must appear in the name, role or level, ignoring case and accents.

    The matching rows are found in one pass over the source model's search texts (again only
    when the query or the rows change: `set_rows` and `sort` replace the list); `filterAcceptsRow`
    only looks the row up. Sorting is passed down to the source model, so the proxy keeps its order.
    """

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._words: list[str] = []
        self._model: CandidateTableModel | None = None
        self._accepted: set[int] = set()
        self._texts: list[str] | None = None  # the source texts `_accepted` was computed from

    def setSourceModel(self, model: CandidateTableModel) -> None:  # noqa: N802 - Qt name
        self._model = model
        self._texts = None
        super().setSourceModel(model)

    def set_query(self, text: str) -> None:
        words = fold(text).split()
        if words == self._words:
            return
        current = self._texts is self._model.search_texts()
        narrower = bool(self._words) and current and all(any(old in new for new in words) for old in self._words)
        before = (self._accepted if self._words else None) if current else None
        self.beginFilterChange()
        self._words = words
        # typing on narrows the match: only the rows that matched before need a look
        self._match(self._accepted if narrower else None)
        after = self._accepted if words else None
        if self._big_change(before, after):
            # thousands of rows in or out: one layout change (persistent indexes kept) is far cheaper
            # for the view than the hundreds of scattered row ranges a filter change would signal
            self.invalidate()
        else:
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _big_change(self, before: set[int] | None, after: set[int] | None) -> bool:
        total = len(self._model.search_texts())
        if total < BIG_CHANGE:
            return False
        size = lambda rows: total if rows is None else len(rows)  # noqa: E731 - None: every row
        if before is None or after is None:
            return abs(size(before) - size(after)) >= BIG_CHANGE
        return len(before ^ after) >= BIG_CHANGE

    def _match(self, among: set[int] | None = None) -> None:
        """Rows whose search text holds every word: one pass over the texts (or over `among`)."""
        texts = self._texts = self._model.search_texts()
        candidates = range(len(texts)) if among is None else among
        words = self._words
        if len(words) == 1:
            word = words[0]
            self._accepted = {i for i in candidates if word in texts[i]}
        else:
            self._accepted = {i for i in candidates if all(w in texts[i] for w in words)}

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.sourceModel().sort(column, order)

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if not self._words:
            return True
        if self._texts is not self._model._search:  # the rows were replaced or re-sorted since
            self._match()
        return source_row in self._accepted


_ASSIGNED = attrgetter("assigned")


def _assigned_first(pairs: list) -> None:
    """The interviewer's candidates with assigned rounds still to do first, in the chosen order (#9)."""
    if any(p[0].assigned for p in pairs):
        pairs.sort(key=lambda p: p[0].next_assigned_round is None)  # stable: the column's order within
