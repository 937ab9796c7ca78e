"""Dialogs of the panel: edit a candidate, assign interviewers to rounds."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui.widgets import ToneLabel, put_in_reading_order, wrap_label


class EditCandidateDialog(QDialog):
    """Name and target level of a candidate; the service checks and stores them."""

    def __init__(self, services, candidate, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.candidate = candidate
        self.setWindowTitle(f"Edit {candidate.name}")
        self.setAccessibleName("Edit candidate")
        self.name_edit = QLineEdit(candidate.name, self)
        self.name_edit.setAccessibleName("Candidate name")
        self.level_combo = QComboBox(self)
        self.level_combo.setAccessibleName("Target level")
        _vid, kit = services.kits.latest(candidate.kit_id)
        for level in kit.levels:
            self.level_combo.addItem(level.name, level.id)
        self.level_combo.setCurrentIndex(max(0, self.level_combo.findData(candidate.target_level)))
        self.problem = ToneLabel("", "negative", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        form = QFormLayout()
        form.addRow("&Name:", self.name_edit)
        form.addRow("Target &level:", self.level_combo)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(buttons)
        put_in_reading_order(self)  # form labels before their fields for a screen reader's review
        buttons.accepted.connect(self._on_save)
        buttons.rejected.connect(self.reject)

    def _on_save(self) -> None:
        from scorecard.services.errors import InvalidInput

        try:
            self.candidate = self._services.candidates.edit(
                candidate_id=self.candidate.id, name=self.name_edit.text(), target_level=self.level_combo.currentData()
            )
        except InvalidInput as exc:
            self.problem.setText(str(exc))
            return
        self.accept()


class AssignDialog(QDialog):
    """Assign interviewers to a round of a candidate (several per round); shows the current panel."""

    def __init__(self, services, candidate, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self.candidate = candidate
        self.setWindowTitle(f"Assign interviewers — {candidate.name}")
        self.setAccessibleName("Assign interviewers")
        self.setMinimumWidth(520)
        _vid, self._kit = services.kits.latest(candidate.kit_id)
        self.round_combo = QComboBox(self)
        self.round_combo.setAccessibleName("Round")
        for r in self._kit.rounds:
            self.round_combo.addItem(r.name, r.id)
        self.names_edit = QLineEdit(self)
        self.names_edit.setAccessibleName("Interviewers")
        self.names_edit.setPlaceholderText("Names, separated by commas — e.g. Ana Lima, Bo Chen")
        known = [p.name for p in services.panel.interviewers()]
        if known:
            from PySide6.QtWidgets import QCompleter

            completer = QCompleter(known, self)
            completer.setCompletionMode(QCompleter.CompletionMode.InlineCompletion)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.names_edit.setCompleter(completer)
        self.assign_button = QPushButton("&Assign", self)
        self.panel_list = QListWidget(self)
        self.panel_list.setAccessibleName("Assigned interviewers")
        self.problem = ToneLabel("", "negative", self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        form = QFormLayout()
        form.addRow("&Round:", self.round_combo)
        form.addRow("&Interviewers:", self.names_edit)
        box = QVBoxLayout(self)
        box.addWidget(wrap_label("A round may have several interviewers. Each is one person with one id on every laptop; "
                                 "send the pack (Panel ▸ Send the candidate's pack…) so everyone uses the same ids.", self))
        box.addLayout(form)
        box.addWidget(self.assign_button)
        box.addWidget(self.problem)
        box.addWidget(self.panel_list, 1)
        box.addWidget(buttons)
        put_in_reading_order(self)  # form labels before their fields for a screen reader's review
        self.assign_button.setDefault(True)  # Enter in the names field assigns; Esc closes
        self.assign_button.clicked.connect(self.assign)
        buttons.rejected.connect(self.reject)
        self.refresh()

    def refresh(self) -> None:
        names = {r.id: r.name for r in self._kit.rounds}
        self.panel_list.clear()
        for a in self._services.panel.panel(self.candidate.id).assigned:
            self.panel_list.addItem(f"{names.get(a.round_id, a.round_id)}: {a.interviewer.name} — {a.status}")

    def assign(self) -> None:
        from scorecard.services.errors import InvalidInput

        people = [n.strip() for n in self.names_edit.text().split(",") if n.strip()]
        try:
            self._services.panel.assign(candidate_id=self.candidate.id, round_id=self.round_combo.currentData(),
                                        interviewers=people, round_ids={r.id for r in self._kit.rounds})
        except InvalidInput as exc:
            self.problem.setText(str(exc))
            return
        self.problem.setText("")
        self.names_edit.clear()
        self.refresh()
