"""Adding a candidate: name (any script), kit and target level."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from scorecard.ui.widgets import ToneLabel, put_in_reading_order

if TYPE_CHECKING:
    from scorecard.services import Services


class AddCandidateDialog(QDialog):
    """Asks for name, kit and level, and adds the candidate through the candidate service.

    Signals:
        candidateAdded(str): the candidate was stored; carries the new id.
    """

    candidateAdded = Signal(str)

    def __init__(self, services: Services, parent: QWidget | None = None, *, kits_loading: bool = False,
                 last_level: Callable[[str], str | None] | None = None):
        super().__init__(parent)
        self._services = services
        self._last_level = last_level  # kit id → the level chosen last time (settings)
        self._kits_loading = kits_loading
        self.setWindowTitle("Add a candidate")
        self.setAccessibleName("Add a candidate")
        self.setModal(True)
        self.setMinimumWidth(460)

        self.name_edit = QLineEdit(self)
        self.name_edit.setAccessibleName("Candidate name")
        self.name_edit.setPlaceholderText("Full name, in any script — e.g. Zoë Ñúñez, 王伟")
        self.kit_combo = QComboBox(self)
        self.kit_combo.setAccessibleName("Kit (role)")
        self.level_combo = QComboBox(self)
        self.level_combo.setAccessibleName("Target level")
        self.problem = ToneLabel("", "negative", self)
        self.problem.setObjectName("addProblem")
        self.problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Add candidate (Enter)")
        self.ok_button.setAccessibleName("Add candidate")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Cancel (Esc)")
        cancel.setAccessibleName("Cancel")

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Kit (role):", self.kit_combo)
        form.addRow("Target &level:", self.level_combo)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.problem)
        box.addWidget(self.buttons)

        self._fill_kits()

        self.name_edit.textChanged.connect(self._on_input_changed)
        self.kit_combo.currentIndexChanged.connect(self._on_kit_changed)
        self.buttons.accepted.connect(self._on_accept)
        self.buttons.rejected.connect(self.reject)

        put_in_reading_order(self)  # form labels before their fields for a screen reader's review
        self._on_kit_changed()
        self._on_input_changed()
        self.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    # --- filling ----------------------------------------------------------------------------

    def kits_changed(self, *, loading: bool = False) -> None:
        """The stored kits changed (the bundled kits were imported): offer them, keeping the choice."""
        self._kits_loading = loading
        chosen = self.kit_combo.currentData()
        self.kit_combo.blockSignals(True)
        self.kit_combo.clear()
        self._fill_kits()
        index = self.kit_combo.findData(chosen)
        self.kit_combo.setCurrentIndex(max(index, 0) if self.kit_combo.count() else -1)
        self.kit_combo.blockSignals(False)
        self._on_kit_changed()

    def _fill_kits(self) -> None:
        latest: dict[str, str] = {}
        for version in self._services.kits.versions():
            latest[version.kit_id] = version.title
        for kit_id, title in sorted(latest.items(), key=lambda kv: kv[1].casefold()):
            self.kit_combo.addItem(title, kit_id)

    def _on_kit_changed(self, _index: int = 0) -> None:
        self.level_combo.clear()
        kit_id = self.kit_combo.currentData()
        if kit_id is None:
            self._on_input_changed()
            return
        _version, kit = self._services.kits.latest(kit_id)
        for level in kit.levels:
            self.level_combo.addItem(level.name, level.id)
        # the level chosen last time for this kit (a team hires for one level at a time), else the first
        remembered = self.level_combo.findData(self._last_level(kit_id)) if self._last_level else -1
        self.level_combo.setCurrentIndex(max(remembered, 0))
        self._on_input_changed()

    # --- validation ---------------------------------------------------------------------------

    def problem_text(self) -> str:
        if self.kit_combo.count() == 0:
            if self._kits_loading:
                return "Loading the kits shipped with Scorecard…"
            return "No kit is stored yet: import one first (scorecard kit import FILE)."
        if not self.name_edit.text().strip():
            return "Enter the candidate's name."
        return ""

    def _on_input_changed(self, _text: str = "") -> None:
        problem = self.problem_text()
        self.ok_button.setEnabled(not problem)
        self.problem.setText(problem)
        self.problem.setVisible(bool(problem))

    def _on_accept(self) -> None:
        from scorecard.services.errors import InvalidInput, NotFound, SaveFailed

        if self.problem_text():
            self._on_input_changed()
            return
        try:
            candidate = self._services.candidates.add(
                name=self.name_edit.text(),
                kit_id=self.kit_combo.currentData(),
                target_level=self.level_combo.currentData(),
            )
        except (InvalidInput, NotFound) as exc:
            self._show_problem(str(exc))
            return
        except SaveFailed as exc:
            self._show_problem(f"Not saved: {exc}. Your input is still here; press Enter to try again.")
            return
        self.candidateAdded.emit(candidate.id)
        self.accept()

    def _show_problem(self, text: str) -> None:
        self.problem.setText(text)
        self.problem.show()
