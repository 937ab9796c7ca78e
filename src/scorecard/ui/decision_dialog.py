"""Recording the hiring committee's decision on the selected candidate, and the calibration report.

`DecisionDialog` asks for the decision (hire / no hire / hold), the level, who decided and
why, and hands them to `DecisionService.record`; a problem it reports (no level for a
hire, no reasons…) is shown in the dialog, which stays open. `CommitteeActions` holds the
window's "Committee" menu actions: record a decision, write the calibration report.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui.widgets import put_in_reading_order, wrap_label

if TYPE_CHECKING:
    from scorecard.services import Services

DECISIONS = (("hire", "Hire"), ("no_hire", "No hire"), ("hold", "Hold — more evidence needed"))


class DecisionDialog(QDialog):
    """Decision, level, who, why for one candidate; `recorded` is emitted with the stored decision."""

    recorded = Signal(object)

    def __init__(self, services: Services, candidate_id: str, decided_by: str = "",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._candidate = services.candidates.get(candidate_id)
        self.setWindowTitle(f"Committee decision — {self._candidate.name}")
        self.setAccessibleName(self.windowTitle())
        self.setModal(True)
        _vid, kit = services.kits.latest(self._candidate.kit_id)

        self.decision = QComboBox(self)
        for key, label in DECISIONS:
            self.decision.addItem(label, key)
        self.decision.setAccessibleName("Decision")
        self.level = QComboBox(self)
        self.level.addItem("— no level —", None)
        for lv in kit.levels:
            self.level.addItem(lv.name, lv.id)
        at = self.level.findData(self._candidate.target_level)
        self.level.setCurrentIndex(max(at, 0))
        self.level.setAccessibleName("Level")
        self.by = QLineEdit(decided_by, self)
        self.by.setPlaceholderText("the chair, or the members present")
        self.by.setAccessibleName("Decided by")
        self.why = QPlainTextEdit(self)
        self.why.setPlaceholderText("Why, in a sentence or two — it is printed on page 1 of the report")
        self.why.setAccessibleName("Reasons")
        self.problem = wrap_label("", self, selectable=False)
        self.problem.setObjectName("decisionProblem")

        form = QFormLayout()
        form.addRow("&Decision:", self.decision)
        form.addRow("&Level:", self.level)
        form.addRow("Decided &by:", self.by)
        form.addRow("&Why:", self.why)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        box = QVBoxLayout(self)
        box.addWidget(wrap_label("The decision is stored with the date and time; recording again keeps the "
                                 "earlier one as history. Reports exported afterwards show it on page 1.",
                                 self, selectable=False))
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)
        put_in_reading_order(self)  # form labels before their fields for a screen reader's review
        self.setMinimumWidth(460)

        self.buttons.accepted.connect(self._on_save)
        self.buttons.rejected.connect(self.reject)

    def _on_save(self) -> None:
        from scorecard.services.errors import InvalidInput

        try:
            made = self._services.decisions.record(
                candidate_id=self._candidate.id, decision=self.decision.currentData(),
                level_id=self.level.currentData(), decided_by=self.by.text(), rationale=self.why.toPlainText())
        except InvalidInput as exc:
            self.problem.setText(f"Not saved: {exc}.")
            return
        self.recorded.emit(made)
        self.accept()


class CommitteeActions(QObject):
    """The "Committee" menu: record a decision for the selected candidate, write the calibration report.

    Signals: `notice(str, str)` — a message and its kind ("info"/"error") for the window's banner.
    """

    notice = Signal(str, str)

    def __init__(self, services: Services, selected: Callable[[], str | None], interviewer: Callable[[], str],
                 parent: QWidget):
        super().__init__(parent)
        self._services = services
        self._selected = selected
        self._interviewer = interviewer
        self._parent = parent
        self.decide_action = QAction("Record committee &decision…", parent)
        self.calibration_action = QAction("Interviewer &calibration report…", parent)
        self.decide_action.triggered.connect(self.open_decision)
        self.calibration_action.triggered.connect(self.export_calibration)

    def actions(self) -> list[QAction]:
        return [self.decide_action, self.calibration_action]

    def open_decision(self) -> DecisionDialog | None:
        candidate_id = self._selected()
        if candidate_id is None:
            self.notice.emit("Select a candidate first, then record the committee's decision.", "info")
            return None
        dialog = DecisionDialog(self._services, candidate_id, self._interviewer(), self._parent)
        dialog.recorded.connect(lambda d: self.notice.emit(
            f"Committee decision recorded: {d.label}" + (f" at {d.level_name}" if d.level_name else "")
            + ". Export the report to print it on page 1.", "info"))
        dialog.open()
        return dialog

    def export_calibration(self, target: str | None = None) -> Path | None:
        if target is None:
            start = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            target, _ = QFileDialog.getSaveFileName(self._parent, "Save the calibration report",
                                                    str(Path(start) / "interviewer calibration.pdf"), "PDF (*.pdf)")
            if not target:
                return None
        from scorecard.services.export import ExportFailed

        try:
            path = self._services.export.export_calibration(out=Path(target))
        except ExportFailed as exc:
            QMessageBox.warning(self._parent, "Calibration report not written", str(exc))
            return None
        self.notice.emit(f"Calibration report written to {path}.", "info")
        return path
