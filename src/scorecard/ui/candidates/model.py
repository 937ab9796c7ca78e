"""The candidate list's model: the table over `CandidateOverview` rows, sorted and filtered.

Built for 10,000 candidates (tests/benchmarks/test_scale.py): each row's folded search
text is computed once when the rows are set, a query is matched in one pass over those
strings, and sorting uses precomputed keys — no keystroke or sort calls back into Python
once per row and comparison.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections.abc import Callable, Sequence
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

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
    """The candidate list as this interviewer sees it — never anyone's ratings, only counts —
    sorted, and filtered by the search box.

    Sorting and filtering live here rather than in a QSortFilterProxyModel: a proxy asks Python
    `filterAcceptsRow` once per row whenever the list or the query changes (10,000 calls at
    start-up and again on the first keystroke). Here a query is matched in one pass over the
    precomputed folded texts, and the view is told with one layout change that keeps its
    selection (persistent indexes).
    """

    NAME, ROLE, LEVEL, MINE, FLAG = range(5)
    HEADERS = ("Candidate", "Role", "Level", "My scorecards", "Status")

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        #: every candidate, in the chosen order, and each one's folded search text
        self._all: list[CandidateOverview] = []
        self._search: list[str] = []
        #: positions in `_all` of the rows the query matches, ascending; None while nothing is typed
        self._shown: list[int] | None = None
        self._words: list[str] = []
        self._positions: dict[str, int] | None = {}
        self._sort: tuple[int, Qt.SortOrder] | None = None
        #: loads one candidate's round progress (a service call); asked for rows shown or selected
        self._progress: Callable[[CandidateOverview], Sequence] | None = None
        self._rounds: dict[str, Sequence] = {}

    def set_rows(self, rows: Sequence[CandidateOverview],
                 progress: Callable[[CandidateOverview], Sequence] | None = None) -> None:
        """Replace the list (start-up, after scoring or adding); the query typed stays applied."""
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
            if column == self.NAME:  # the usual order: C-level sorts instead of a key tuple per row
                if len({p[1] for p in pairs}) < len(pairs):  # equal folded texts: as written breaks the tie
                    pairs.sort(key=lambda pair: pair[0].name)
                pairs.sort(key=itemgetter(1))
                if order == Qt.SortOrder.DescendingOrder:
                    pairs.reverse()
            else:
                pairs.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
        if any(map(_ASSIGNED, rows)):
            _assigned_first(pairs)
        self._all = [p[0] for p in pairs]
        self._search = [p[1] for p in pairs]
        self._shown = self._match(self._words) if self._words else None
        self._positions = None  # built on first use (`row_of`): start-up selects by position
        self.endResetModel()

    # --- the rows shown ----------------------------------------------------------------------

    def overview(self, row: int) -> CandidateOverview:
        """The candidate on row `row` of the list as shown (filtered)."""
        return self._all[self._position(row)]

    def rows(self) -> list[CandidateOverview]:
        """Every candidate, matching the query or not."""
        return self._all

    def total(self) -> int:
        return len(self._all)

    def rounds_of(self, overview: CandidateOverview) -> Sequence:
        """The candidate's rounds with the panel's counts, loaded through the service on first use."""
        if overview.id not in self._rounds:
            self._rounds[overview.id] = self._progress(overview) if self._progress is not None else ()
        return self._rounds[overview.id]

    def row_of(self, candidate_id: str) -> int | None:
        """The candidate's row as shown, or None when unknown or filtered out."""
        if self._positions is None:
            self._positions = {r.id: i for i, r in enumerate(self._all)}
        position = self._positions.get(candidate_id)
        return None if position is None else self._row_at(position)

    # --- filtering ---------------------------------------------------------------------------

    def set_query(self, text: str) -> None:
        """Show the candidates whose name, role or level holds every word typed, ignoring case and accents."""
        words = fold(text).split()
        if words == self._words:
            return
        # typing on narrows the match: only the rows that matched before need a look
        narrower = bool(self._words) and all(any(old in new for new in words) for old in self._words)
        shown = self._match(words, self._shown if narrower else None) if words else None

        def rematch() -> None:
            self._words, self._shown = words, shown

        self._relayout(rematch)

    def _match(self, words: list[str], among: list[int] | None = None) -> list[int]:
        """Positions whose search text holds every word: one pass over the texts (or over `among`)."""
        texts = self._search
        candidates = range(len(texts)) if among is None else among
        if len(words) == 1:
            word = words[0]
            return [i for i in candidates if word in texts[i]]
        return [i for i in candidates if all(w in texts[i] for w in words)]

    def _relayout(self, change: Callable[[], None], *, reorders: bool = False) -> None:
        """Apply `change` (a new match, or with `reorders` a new order) as one layout change,
        moving the view's persistent indexes (its selection and current row) with their candidates."""
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        if reorders:
            ids = [self.overview(i.row()).id if i.isValid() else None for i in before]
            change()
            self._positions = None
            rows = [self.row_of(cid) if cid is not None else None for cid in ids]
        else:  # the same list, another match: a candidate keeps its position in `_all`
            positions = [self._position(i.row()) if i.isValid() else None for i in before]
            change()
            rows = [self._row_at(p) if p is not None else None for p in positions]
        self.changePersistentIndexList(
            before, [self.index(r, i.column()) if r is not None else QModelIndex() for i, r in zip(before, rows)])
        self.layoutChanged.emit()

    def _position(self, row: int) -> int:
        return row if self._shown is None else self._shown[row]

    def _row_at(self, position: int) -> int | None:
        """The row showing the candidate at `position` in `_all`, or None when filtered out."""
        if self._shown is None:
            return position
        row = bisect_left(self._shown, position)
        return row if row < len(self._shown) and self._shown[row] == position else None

    # --- sorting: with precomputed keys ---------------------------------------------------------

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
        if not self._all:
            return

        def resort() -> None:
            pairs = list(zip(self._all, self._search))
            pairs.sort(key=self._sort_key(column), reverse=order == Qt.SortOrder.DescendingOrder)
            _assigned_first(pairs)
            self._all = [p[0] for p in pairs]
            self._search = [p[1] for p in pairs]
            self._shown = self._match(self._words) if self._words else None

        self._relayout(resort, reorders=True)

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:
        if parent.isValid():
            return 0
        return len(self._all) if self._shown is None else len(self._shown)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        position = index.row() if self._shown is None else self._shown[index.row()]
        row = self._all[position]
        col = index.column()
        if role == CandidateRole:
            return row
        if role == SearchRole:
            return self._search[position]
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


_ASSIGNED = attrgetter("assigned")


def _assigned_first(pairs: list) -> None:
    """The interviewer's candidates with assigned rounds still to do first, in the chosen order (#9)."""
    if any(p[0].assigned for p in pairs):
        pairs.sort(key=lambda p: p[0].next_assigned_round is None)  # stable: the column's order within
