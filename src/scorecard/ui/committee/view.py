"""The committee view of one candidate (services.committee decides what the viewer may see).

Open: every scorecard side by side (items × scorecards) with splits marked, the competency
matrix with disagreements and gaps as in the PDF, assigned-but-missing rounds, drafts, each
scorecard's seal, and Ctrl+P to export the committee PDF. Blind: only the counts.

Signals:
    exportRequested(str): the user asked for the committee PDF of this candidate (candidate id).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.domain.consolidation import item_splits, recommendation_spread
from scorecard.domain.seal import SealCheck, SealStatus
from scorecard.ui.widgets import heading, put_in_reading_order, wrap_label

SPLIT_MARK = "⚠"
#: Up to this many scorecards side by side fill the table's width.
STRETCH_UP_TO = 4
#: The matrix's first column: what the committee should look at in the row.
MATRIX_FLAGS = "Flags"


def _table(parent: QWidget, name: str) -> QTableWidget:
    t = QTableWidget(parent)
    t.verticalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # long titles end in "…" (tooltip: whole)
    t.setAccessibleName(name)
    t.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    t.setWordWrap(True)
    t.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    t.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    return t


def _cell(text: str, tip: str = "", *, split: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(f"{SPLIT_MARK} {text}" if split else text)
    if tip:
        item.setToolTip(tip)
    if split:  # marked in words too, for a screen reader and without colour
        font = item.font()
        font.setBold(True)
        item.setFont(font)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{text}; split")
    return item


def seal_label(check: SealCheck | None) -> str:
    """A column head's short word on the seal (the service's sentence is in its tooltip)."""
    if check is None:
        return "not sealed (draft)"
    if check.status is SealStatus.SEALED:
        return "✓ sealed"
    if check.status is SealStatus.NOT_SEALED:  # submitted before seals existed: no alarm, only the fact
        return "not sealed"
    return f"{SPLIT_MARK} changed after submit"


class CommitteeDialog(QDialog):
    exportRequested = Signal(str)

    def __init__(self, view, parent: QWidget | None = None):
        super().__init__(parent)
        self.view = view
        self.setWindowTitle(f"Committee view — {view.candidate_name}")
        self.setAccessibleName("Committee view")
        self.resize(1100, 640)
        box = QVBoxLayout(self)
        box.addWidget(heading(view.candidate_name, self, scale=1.3))
        self.status = wrap_label(self._status_text(), self)
        self.status.setObjectName("committeeStatus")
        self.status.setAccessibleName("Panel status")
        box.addWidget(self.status)
        self.tabs = QTabWidget(self)
        self.side_by_side = _table(self, "Scorecards side by side")
        self.matrix = _table(self, "Competency matrix")
        self.round_combo = QComboBox(self)
        self.round_combo.setAccessibleName("Round shown side by side")
        if view.blind:
            self.tabs.hide()
            self.round_combo.hide()
        else:
            self.splits = item_splits(view.report.evidence)
            #: round id → its splits (items and the recommendation), for the chooser
            self.round_splits: dict[str, int] = {}
            self.round_combo.addItem("All rounds", None)
            for rnd in view.report.evidence:
                if rnd.scorecards:
                    n = len(rnd.scorecards)
                    k = sum(1 for round_id, _item in self.splits if round_id == rnd.round_id)
                    k += recommendation_spread(sc.recommendation for sc in rnd.scorecards) is not None
                    self.round_splits[rnd.round_id] = k
                    marks = f", {SPLIT_MARK} {k} split{'s' if k != 1 else ''}" if k else ""
                    self.round_combo.addItem(f"{rnd.name} ({n} scorecard{'s' if n != 1 else ''}{marks})",
                                             rnd.round_id)
            self.split_legend = wrap_label(
                f"{SPLIT_MARK} marks a split: submitted ratings of one item, or one round's recommendations, "
                "far enough apart for the committee to discuss — the rule of the PDF's matrix; drafts never "
                "count.", self)
            self.split_legend.setObjectName("keyHint")
            self.round_combo.setCurrentIndex(self._first_round_to_read())
            self._fill_side_by_side()
            self._fill_matrix()
            page = QWidget(self)
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 4, 0, 0)
            column.addWidget(self.round_combo, 0, Qt.AlignmentFlag.AlignLeft)
            column.addWidget(self.split_legend)
            column.addWidget(self.side_by_side, 1)
            self.tabs.addTab(page, "Scorecards side by side")
            self.tabs.addTab(self.matrix, "Matrix and disagreements")
            self.round_combo.currentIndexChanged.connect(lambda _i: self._fill_side_by_side())
        box.addWidget(self.tabs, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.export_button = buttons.addButton("Export committee PDF… (Ctrl+P)", QDialogButtonBox.ButtonRole.ActionRole)
        self.export_button.setAccessibleName("Export committee PDF")
        self.export_button.setEnabled(not view.blind)
        box.addWidget(buttons)
        put_in_reading_order(self)  # tabs before their page, Export before Close, for a screen reader's review
        self._export_shortcut = QShortcut(QKeySequence("Ctrl+P"), self)

        buttons.rejected.connect(self.reject)
        self.export_button.clicked.connect(self._on_export)
        self._export_shortcut.activated.connect(self._on_export)

    def _first_round_to_read(self) -> int:
        """The round shown first: the first with a split, else the one with the most scorecards
        side by side ("All rounds" puts every round's items in one sparse table)."""
        best, best_cards = 0, 1
        for index in range(1, self.round_combo.count()):
            round_id = self.round_combo.itemData(index)
            if self.round_splits.get(round_id):
                return index
            cards = next(len(r.scorecards) for r in self.view.report.evidence if r.round_id == round_id)
            if cards > best_cards:
                best, best_cards = index, cards
        return best

    def _status_text(self) -> str:
        v = self.view
        counts = f"{v.submitted} submitted scorecard{'s' if v.submitted != 1 else ''}, {v.drafts} draft{'s' if v.drafts != 1 else ''}."
        lines = [counts]
        if v.blind:
            lines.append("You see only these counts until every round you are assigned to for this candidate "
                         "is submitted — so your judgement stays independent.")
        if v.missing:
            lines.append("Assigned, not yet submitted: " + "; ".join(v.missing) + ".")
        elif not v.blind:
            lines.append("Every assigned round has a submitted scorecard.")
        if v.draft_names:
            lines.append("Still drafts: " + ", ".join(v.draft_names) + ".")
        return "\n".join(lines)

    def _fill_side_by_side(self) -> None:
        report = self.view.report
        only = self.round_combo.currentData()
        evidence = [rnd for rnd in report.evidence if only is None or rnd.round_id == only]
        cards = [sc for rnd in evidence for sc in rnd.scorecards]
        rows: list[tuple[str, str]] = []  # (round name, item title) keyed by item id
        index: dict[tuple[str, str], int] = {}
        t = self.side_by_side
        t.clear()
        for rnd in evidence:
            for sc in rnd.scorecards:
                for it in sc.items:
                    key = (rnd.round_id, it.item_id)
                    if key not in index:
                        index[key] = len(rows)
                        rows.append((rnd.name, f"{it.number}. {it.title}"))
        t.setColumnCount(len(cards))
        t.setRowCount(len(rows) + 2)
        split_rounds = {rnd.round_id for rnd in evidence
                        if recommendation_spread(sc.recommendation for sc in rnd.scorecards) is not None}
        for col, sc in enumerate(cards):
            vouched = self.view.vouched.get(sc.scorecard_id)
            draft = " · DRAFT" if str(sc.status) == "draft" else ""
            check = self.view.seals.get(sc.scorecard_id)
            head = QTableWidgetItem(f"{sc.interviewer}\n{sc.round_name}{draft}\n{seal_label(check)}")
            head.setToolTip(f"{sc.interviewer} — {sc.round_name}{draft}\n{vouched or 'a draft: not sealed yet'}")
            t.setHorizontalHeaderItem(col, head)
            rec = sc.recommendation.label or "—"
            t.setItem(0, col, _cell(f"Recommendation: {rec}", split=sc.round_id in split_rounds and not sc.draft))
            t.setItem(1, col, _cell(sc.summary, sc.summary))
            for it in sc.items:
                if it.rating is not None:
                    text = it.rating.label
                elif it.skip_reason:
                    text = f"skipped: {it.skip_reason}"
                elif it.knockout_option:
                    text = it.knockout_option
                else:
                    text = "—"
                ticked = sum(1 for m in it.indicators if m.checked)
                if ticked:
                    text += f"  ·  {ticked} indicator{'s' if ticked != 1 else ''}"
                split = (sc.round_id, it.item_id) in self.splits and it.rating is not None and not sc.draft
                t.setItem(2 + index[(sc.round_id, it.item_id)], col, _cell(text, it.notes, split=split))
        labels = [title if only else f"{r}: {title}" for r, title in rows]
        keys = sorted(index, key=index.get)
        for row, key in enumerate(keys):
            if key in self.splits:
                steps = self.splits[key]
                labels[row] = f"{SPLIT_MARK} split, {steps} steps apart — {labels[row]}"
        for row, label in enumerate(["Recommendation", "Summary", *labels]):
            head = QTableWidgetItem(label)
            head.setToolTip(label)  # a long item title is shortened with "…" in the header
            t.setVerticalHeaderItem(row, head)
        # the items' titles take at most two fifths of the table: the scorecards are what is compared
        t.verticalHeader().setMaximumWidth(max(200, self.width() * 2 // 5))
        t.horizontalHeader().setDefaultSectionSize(200)
        # a round's few scorecards share the width; many keep 200 px each and scroll
        t.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.Stretch if len(cards) <= STRETCH_UP_TO else QHeaderView.ResizeMode.Interactive)

    def _fill_matrix(self) -> None:
        """Rows × interviewers, the flags first: a disagreement or a gap is seen without scrolling
        past a wide panel."""
        m = self.view.report.matrix
        t = self.matrix
        t.setColumnCount(len(m.interviewers) + 1)
        t.setRowCount(len(m.rows))
        t.setHorizontalHeaderLabels([MATRIX_FLAGS, *m.interviewers])
        for row, r in enumerate(m.rows):
            label = f"{r.group}: {r.name}"
            head = QTableWidgetItem(label)
            head.setToolTip(label)
            t.setVerticalHeaderItem(row, head)
            flags = []
            if r.disagreement:
                flags.append(f"{SPLIT_MARK} disagreement (spread {r.spread})")
            if r.gap:
                flags.append("gap: not assessed")
            if r.draft_only:
                flags.append("drafts only")
            item = _cell(", ".join(flags))
            if r.disagreement:
                item.setData(Qt.ItemDataRole.AccessibleTextRole, "disagreement")
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            t.setItem(row, 0, item)
            for col, cell in enumerate(r.cells, start=1):
                labels = ", ".join(f"{x.label}{' (draft)' if x.draft else ''}" for x in cell.ratings) or "—"
                t.setItem(row, col, _cell(labels))
        t.horizontalHeader().setDefaultSectionSize(130)
        t.horizontalHeader().resizeSection(0, 190)
        t.verticalHeader().setMaximumWidth(max(200, self.width() * 2 // 5))

    def _on_export(self) -> None:
        if not self.view.blind:
            self.exportRequested.emit(self.view.candidate_id)
