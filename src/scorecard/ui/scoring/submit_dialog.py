"""Submitting: overall recommendation and summary, what still blocks, and the evidence nudge."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from scorecard.ui import keys
from scorecard.ui.scoring.rating_bar import Choice, ChoiceBar
from scorecard.ui.widgets import ToneLabel, heading, wrap_label

SUMMARY_DEBOUNCE_MS = 350


class SubmitDialog(QDialog):
    """The last step of a round. Recommendation and summary are saved as they are given.

    Signals:
        recommendationChosen(str): a recommendation step was chosen; carries its id.
        summaryEdited(str): the summary changed (debounced; flushed before submit and on close).
        submitRequested(): the interviewer asked to submit.
    """

    recommendationChosen = Signal(str)
    summaryEdited = Signal(str)
    submitRequested = Signal()

    def __init__(self, choices: Sequence[Choice], recommendation: str | None, summary: str,
                 parent: QWidget | None = None, *, step_keys: Sequence[str] = keys.RATING_KEYS):
        super().__init__(parent)
        self.setWindowTitle("Submit scorecard")
        self.setAccessibleName("Submit scorecard")
        self.setModal(True)
        self.setMinimumWidth(520)
        self._summary_dirty = False
        self.problems_are_rules = False

        self.recommendation = ChoiceBar(choices, self, kind="Recommendation")
        self.recommendation.set_current(recommendation)
        self.summary = QPlainTextEdit(summary, self)
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("In two or three sentences: the evidence behind your recommendation.")
        self.summary.setTabChangesFocus(True)
        self.summary.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        summary_label = QLabel("&Summary (required):", self)
        summary_label.setBuddy(self.summary)
        self.problems = ToneLabel("", "negative", self)
        self.problems.setObjectName("submitProblems")
        self.problems.setWordWrap(True)
        self.problems.hide()
        self.buttons = QDialogButtonBox(self)
        self.submit_button = self.buttons.addButton(
            f"Submit and lock ({keys.first('submit')})", QDialogButtonBox.ButtonRole.AcceptRole)
        self.submit_button.setAccessibleName("Submit and lock")
        self.cancel_button = self.buttons.addButton("Back to scoring (Esc)", QDialogButtonBox.ButtonRole.RejectRole)
        self.cancel_button.setAccessibleName("Back to scoring")
        self.submit_button.setAutoDefault(False)
        self.cancel_button.setAutoDefault(False)

        box = QVBoxLayout(self)
        keys_shown = keys.key_range(tuple(step_keys), len(choices))
        box.addWidget(heading(f"Overall recommendation (required) — keys {keys_shown}", self))
        box.addWidget(self.recommendation)
        box.addWidget(summary_label)
        box.addWidget(self.summary, 1)
        box.addWidget(self.problems)
        box.addWidget(wrap_label(
            "After submitting, the scorecard is locked; corrections are added as dated addenda.", self,
            selectable=False))
        box.addWidget(self.buttons)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SUMMARY_DEBOUNCE_MS)
        self._shortcuts = [
            *keys.sequence_shortcuts(self, ("Ctrl+Return", "Ctrl+Enter"), self._on_submit_clicked,
                                     Qt.ShortcutContext.WindowShortcut),
        ]
        for i, _choice in enumerate(choices[: len(step_keys)]):
            self._shortcuts += keys.sequence_shortcuts(
                self, (step_keys[i],), partial(self.recommendation.choose_index, i),
                Qt.ShortcutContext.WindowShortcut)

        self.recommendation.chosen.connect(self._on_recommendation_chosen)
        self.summary.textChanged.connect(self._on_summary_changed)
        self._debounce.timeout.connect(self.flush_summary)
        self.submit_button.clicked.connect(self._on_submit_clicked)
        self.cancel_button.clicked.connect(self.reject)

        self.summary.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.summary.textCursor()
        cursor.movePosition(cursor.MoveOperation.End)
        self.summary.setTextCursor(cursor)

    def show_problems(self, problems: Sequence[str], *, intro: str = "Before submitting:") -> None:
        #: the list is the submit rules' (kept up to date as input changes), not a save failure
        self.problems_are_rules = intro == "Before submitting:"
        self.problems.setText(intro + "\n" + "\n".join(f"• {p}" for p in problems))
        self.problems.show()

    def flush_summary(self) -> None:
        self._debounce.stop()
        if self._summary_dirty:
            self._summary_dirty = False
            self.summaryEdited.emit(self.summary.toPlainText())

    def _on_recommendation_chosen(self, step_id: str) -> None:
        self.recommendationChosen.emit(step_id)

    def _on_summary_changed(self) -> None:
        self._summary_dirty = True
        self._debounce.start()

    def _on_submit_clicked(self) -> None:
        self.flush_summary()
        self.submitRequested.emit()

    def done(self, result: int) -> None:
        self.flush_summary()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.flush_summary()
        super().closeEvent(event)


class NudgeDialog(QDialog):
    """Rated items without evidence: a nudge, not a block.

    Signals:
        goBack(): look at the first of them.
        submitAnyway(): submit as it is.
    """

    goBack = Signal()
    submitAnyway = Signal()

    def __init__(self, titles: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Ratings without evidence")
        self.setAccessibleName("Ratings without evidence")
        self.setModal(True)
        self.setMinimumWidth(480)
        listing = "\n".join(f"• {t}" for t in titles)
        self.text = wrap_label(
            f"{len(titles)} rating(s) have no ticked indicator and no note:\n{listing}\n\n"
            "A committee can only verify ratings backed by evidence. Add what you observed, "
            "or submit as it is.", self)
        self.buttons = QDialogButtonBox(self)
        self.back_button = self.buttons.addButton("Go back and add evidence (Enter)",
                                                  QDialogButtonBox.ButtonRole.RejectRole)
        self.back_button.setAccessibleName("Go back and add evidence")
        self.anyway_button = self.buttons.addButton(f"Submit anyway ({keys.first('submit')})",
                                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.anyway_button.setAccessibleName("Submit anyway")
        self.back_button.setDefault(True)
        box = QVBoxLayout(self)
        box.addWidget(self.text)
        box.addWidget(self.buttons)
        self._shortcuts = keys.sequence_shortcuts(self, ("Ctrl+Return", "Ctrl+Enter"), self._on_anyway,
                                                  Qt.ShortcutContext.WindowShortcut)

        self.back_button.clicked.connect(self._on_back)
        self.anyway_button.clicked.connect(self._on_anyway)
        self.rejected.connect(self.goBack)

        self.back_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_back(self) -> None:
        self.reject()

    def _on_anyway(self) -> None:
        self.submitAnyway.emit()
        self.accept()
