"""The candidate list page: search, the table, the selected candidate's rounds, add a candidate."""

from __future__ import annotations

import heapq
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui import keys
from scorecard.ui.candidates.export import CandidateExports
from scorecard.ui.candidates.model import CandidateRole, CandidateTableModel
from scorecard.ui.candidates.round_list import RoundListModel, RoundListView
from scorecard.ui.widgets import ToneLabel, elided_heading, reading_order_splitter, wrap_label

#: How many of the longest names (in characters) the Candidate column is sized to.
NAMES_MEASURED = 20

if TYPE_CHECKING:
    from scorecard.services import Services
    from scorecard.ui.save_guard import SaveGuard
    from scorecard.ui.settings import Settings


class CandidatesPage(QWidget):
    """Find a candidate, pick a round, start or resume it.

    Signals:
        roundRequested(str, str): start or resume (candidate id, round id).
        nameNeeded(): the interviewer has no name yet and tried to do something that needs it.
    """

    roundRequested = Signal(str, str)
    nameNeeded = Signal()

    def __init__(self, services: Services, settings: Settings, guard: SaveGuard, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._guard = guard
        self.add_dialog = None
        #: the kits shipped with the app are being imported (the add dialog says so while it has none)
        self.kits_loading = False

        # --- top row: search and add (made in screen order: a screen reader's review follows it) ---
        search_label = QLabel("Search:", self)  # Ctrl+F; Alt+S opens the Scorecard menu
        self.search = QLineEdit(self)
        search_label.setBuddy(self.search)
        self.search.setObjectName("candidateSearch")
        self.search.setAccessibleName("Search candidates")
        self.search.setAccessibleDescription(f"Type to filter. Shortcut: {keys.first('search')}")
        self.search.setPlaceholderText(
            f"Search by name, role or level — accents and case do not matter ({keys.first('search')})"
        )
        self.search.setClearButtonEnabled(True)
        self.count_label = QLabel(self)
        self.count_label.setAccessibleDescription("Number of candidates shown")  # the count is the name
        self.add_button = QPushButton(f"Add candidate… ({keys.first('add-candidate')})", self)
        self.add_button.setAccessibleName("Add candidate")
        self.add_button.setAccessibleDescription(f"Shortcut: {keys.first('add-candidate')}")

        # --- the table ---
        self.model = CandidateTableModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("candidateTable")
        self.table.setAccessibleName("Candidates")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(CandidateTableModel.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(CandidateTableModel.ROLE, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setAccessibleName("Columns; choose one to sort by it")
        header.setMinimumSectionSize(60)
        # Status (which says AUTO-DECLINED) right after the name: visible without scrolling even
        # with large text, where the columns after it may need the horizontal scroll bar
        header.moveSection(header.visualIndex(CandidateTableModel.FLAG), 1)
        self.empty_label = wrap_label("", self, selectable=False)
        self.empty_label.setObjectName("emptyList")
        self.empty_label.hide()

        # --- the selected candidate's rounds ---
        self.detail = QWidget(self)
        self.detail_title = elided_heading("", self.detail, scale=1.2)
        self.detail_sub = wrap_label("", self.detail)
        self.declined_label = ToneLabel("", "negative", self.detail, bold=True)
        self.declined_label.setWordWrap(True)
        self.declined_label.hide()
        self.rounds_model = RoundListModel(self)
        rounds_heading = QLabel("&Rounds — Enter starts or resumes", self.detail)
        self.rounds = RoundListView(self.detail)
        rounds_heading.setBuddy(self.rounds)
        self.rounds.setObjectName("roundList")
        self.rounds.setModel(self.rounds_model)
        self.rounds_help = wrap_label(
            "Blind scoring: you see how many scorecards the panel submitted, never their ratings, "
            "until you have submitted all of yours for this candidate.", self.detail, selectable=False)
        self.rounds_help.setObjectName("keyHint")
        detail_box = QVBoxLayout(self.detail)
        detail_box.setContentsMargins(8, 0, 0, 0)
        detail_box.addWidget(self.detail_title)
        detail_box.addWidget(self.detail_sub)
        detail_box.addWidget(self.declined_label)
        detail_box.addWidget(rounds_heading)
        detail_box.addWidget(self.rounds, 1)
        detail_box.addWidget(self.rounds_help)

        # --- layout ---
        top = QHBoxLayout()
        top.addWidget(search_label)
        top.addWidget(self.search, 1)
        top.addWidget(self.count_label)
        top.addWidget(self.add_button)
        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.empty_label)
        self.splitter = reading_order_splitter(self, left, self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        page = QVBoxLayout(self)
        page.setContentsMargins(12, 10, 12, 6)
        page.addLayout(top)
        page.addWidget(self.splitter, 1)

        self.setTabOrder(self.search, self.table)
        self.setTabOrder(self.table, self.rounds)
        self.setTabOrder(self.rounds, self.add_button)

        self._shortcuts = [
            *keys.shortcuts(self, "search", self.focus_search),
            *keys.shortcuts(self, "add-candidate", self.open_add_dialog),
        ]

        # --- exporting PDFs: the window's Export menu and these context menus (Menu key too) ---
        self.exports = CandidateExports(services, settings, self)
        e = self.exports
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.addActions([e.export_pdf_action, e.export_all_action])
        self.rounds.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.rounds.addActions([e.export_mine_action, e.guide_action, e.export_pdf_action])

        # --- connections ---
        self.search.textChanged.connect(self._on_search_changed)
        self.search.installEventFilter(self)
        self.table.installEventFilter(self)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(self._on_table_activated)
        self.rounds.roundChosen.connect(self._on_round_chosen)
        self.rounds.backRequested.connect(self.focus_table)
        self.add_button.clicked.connect(self.open_add_dialog)

    # --- public -------------------------------------------------------------------------------

    def footer_hint(self) -> str:
        # all keys first: in a narrow window the end of the line is cut off
        return keys.hint("help", "search", "to-table", "choose-candidate", "add-candidate", "export-pdf")

    def refresh(self, select: str | None = None) -> None:
        """Re-read the list (after scoring, adding, or a name change), keeping the selection."""
        current = select or self.selected_id()
        self.model.set_rows(self._services.candidates.overview(interviewer=self._settings.interviewer),
                            progress=self._services.candidates.round_progress)
        self._size_columns()
        self._after_filter()
        if current is not None:
            self.select_candidate(current)
        if self.selected_id() is None:
            self._select_row(0)

    def selected_id(self) -> str | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return index.data(CandidateRole).id

    def select_candidate(self, candidate_id: str) -> bool:
        row = self.model.row_of(candidate_id)
        if row is None:
            return False
        index = self.model.index(row, 0)
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index)
        return True

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def focus_table(self) -> None:
        if self.selected_id() is None:
            self._select_row(0)
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def focus_rounds(self) -> None:
        if self.rounds_model.rowCount() == 0:
            return
        self.rounds.select_row(self.rounds_model.suggested_row())
        self.rounds.setFocus(Qt.FocusReason.OtherFocusReason)

    def open_add_dialog(self) -> None:
        from scorecard.ui.candidates.add_dialog import AddCandidateDialog

        self.add_dialog = AddCandidateDialog(self._services, self, kits_loading=self.kits_loading,
                                             last_level=self._settings.last_level)
        self.add_dialog.candidateAdded.connect(self._on_candidate_added)
        self.add_dialog.rejected.connect(self._on_add_dialog_rejected)
        self.add_dialog.open()

    def kits_changed(self, *, loading: bool = False) -> None:
        """The stored kits changed, or are about to (`loading`): an open add dialog offers them at once."""
        self.kits_loading = loading
        if self.add_dialog is not None and self.add_dialog.isVisible():
            self.add_dialog.kits_changed(loading=loading)

    # --- internals ---------------------------------------------------------------------------

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        fm = self.table.fontMetrics()
        icon = self.table.iconSize().width() + 16
        widths = {
            CandidateTableModel.NAME: self._name_width(fm),
            CandidateTableModel.LEVEL: self._level_width(fm),
            CandidateTableModel.MINE: fm.horizontalAdvance("1 submitted · 1 draft · 6 to do") + icon + 24,
            CandidateTableModel.FLAG: fm.horizontalAdvance("Auto-declined") + icon + 24,
        }
        for col, width in widths.items():
            header.resizeSection(col, width)

    def _name_width(self, fm) -> int:
        """Wide enough for the longest names in the list, within limits, so that the Role column
        keeps the rest of the width (a kit title like "Integration Engineer / Lead Integration
        Engineer" is read whole at 1280 px). Only the names longest in characters are measured:
        10,000 names are not laid out at start-up."""
        longest = heapq.nlargest(NAMES_MEASURED, (row.name for row in self.model.rows()), key=len)
        widest = max((fm.horizontalAdvance(name) for name in longest), default=0)
        return min(max(widest + 24, fm.horizontalAdvance("Candidate") + 48), fm.horizontalAdvance("M") * 18)

    def _level_width(self, fm) -> int:
        """Wide enough for the longest level name in the list (any kit's, any number of levels),
        within limits: a very long name is shortened with '…' and shown whole in its tooltip."""
        names = {row.target_level_name for row in self.model.rows()} or {"Level"}
        widest = max(fm.horizontalAdvance(name) for name in names)
        return min(max(widest, fm.horizontalAdvance("Level")) + 40, fm.horizontalAdvance("M") * 22)

    def _select_row(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(row, 0))

    def _after_filter(self) -> None:
        shown, total = self.model.rowCount(), self.model.total()
        self.count_label.setText(f"{shown:,} of {total:,}" if shown != total
                                 else f"{total:,} candidate{'' if total == 1 else 's'}")
        if total == 0:
            self.empty_label.setText(
                f"No candidates yet. Add one with {keys.first('add-candidate')} (Add candidate…)."
            )
        elif shown == 0:
            self.empty_label.setText("No candidate matches the search. Clear it with Esc.")
        self.empty_label.setVisible(shown == 0)
        if shown and not self.table.currentIndex().isValid():
            self._select_row(0)
        if not shown:
            self._show_detail(None)

    def _show_detail(self, overview) -> None:
        if overview is None:
            self.detail_title.setText("No candidate selected")
            self.detail_sub.setText("")
            self.declined_label.hide()
            self.rounds_model.set_rounds([])
            return
        self.detail_title.setText(overview.name)
        withdrawn = " · withdrawn (Panel ▸ Reopen candidate)" if getattr(overview, "withdrawn", False) else ""
        self.detail_sub.setText(f"{overview.kit_title} · target level {overview.target_level_name}{withdrawn}")
        self.declined_label.setText("⚠ Auto-declined by a knock-out answer" if overview.auto_declined else "")
        self.declined_label.setVisible(overview.auto_declined)
        self.rounds_model.set_rounds(self.model.rounds_of(overview))
        self.rounds.select_row(self.rounds_model.suggested_row())

    def _on_search_changed(self, text: str) -> None:
        self.model.set_query(text)
        self._after_filter()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._show_detail(current.data(CandidateRole) if current.isValid() else None)

    def _on_table_activated(self, index) -> None:
        # Enter on a candidate opens the interviewer's next assigned round of theirs, if any (issue #9)
        overview = index.data(CandidateRole) if index is not None and index.isValid() else None
        next_round = overview.next_assigned_round if overview is not None else None
        if next_round is not None and self._settings.interviewer:
            self.roundRequested.emit(overview.id, next_round)
            return
        self.focus_rounds()

    def _on_round_chosen(self, round_id: str) -> None:
        candidate_id = self.selected_id()
        if candidate_id is None:
            return
        if not self._settings.interviewer:
            self.nameNeeded.emit()
            return
        self.roundRequested.emit(candidate_id, round_id)

    def _on_candidate_added(self, candidate_id: str) -> None:
        dialog = self.add_dialog
        if dialog is not None and dialog.kit_combo.currentData() and dialog.level_combo.currentData():
            self._settings.set_last_level(dialog.kit_combo.currentData(), dialog.level_combo.currentData())
        self.search.clear()
        self.refresh(select=candidate_id)
        self._reactivate()
        self.focus_table()

    def _on_add_dialog_rejected(self) -> None:
        self._reactivate()
        self.focus_search()

    def _reactivate(self) -> None:
        """Back from a dialog: make the window active again (not every platform does it by itself)."""
        window = self.window()
        if window.isVisible() and not window.isActiveWindow():
            window.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if watched is self.search:
                if key == Qt.Key.Key_Down:
                    self.focus_table()
                    return True
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.model.rowCount():
                    if not self.table.currentIndex().isValid():
                        self._select_row(0)
                    self._on_table_activated(self.table.currentIndex())
                    return True
                if key == Qt.Key.Key_Escape and self.search.text():
                    self.search.clear()
                    return True
            elif watched is self.table:
                if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Right) and not event.modifiers():
                    if self.table.currentIndex().isValid():
                        if key == Qt.Key.Key_Right:
                            self.focus_rounds()
                        else:
                            self._on_table_activated(self.table.currentIndex())
                        return True
                if key == Qt.Key.Key_Up and self.table.currentIndex().row() <= 0:
                    self.focus_search()
                    return True
        return super().eventFilter(watched, event)
