"""Exporting PDFs from the candidate list.

- Export PDF… (Ctrl+P): the selected candidate's committee report, to a file you choose;
- Export all PDFs… (Ctrl+Shift+P): one committee report per candidate into a folder,
  with a progress dialog ("3 of 12 — Zoë Ñúñez") that can stop between candidates;
- Export my scorecard PDF…: your own scorecard for the selected round;
- Print blank round guide…: the paper fallback for the selected round.

Every export runs in the window's worker thread through `ui.background`, on its own
database connection; the widgets here only ask where to write and show the outcome.

The committee report shows every interviewer's ratings and notes, so what may be exported
is the blind rule's, decided by `ScoringService.panel_access`: with a draft of your own for
the candidate it is refused; having scored nothing for them (a hiring coordinator — or an
interviewer who has not started) it is exported only once you confirm that you export as
coordinator; once all your scorecards for them are submitted it is exported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QGridLayout,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QSpacerItem,
    QWidget,
)

from scorecard.ui import file_dialogs, keys
from scorecard.ui.background import Cancelled, ProgressReporter, Task, run_in_background
from scorecard.ui.candidates.model import CandidateRole
from scorecard.ui.candidates.round_list import RoundIdRole
from scorecard.ui.widgets import wrap_label

if TYPE_CHECKING:
    from scorecard.services import Services
    from scorecard.services.candidates import CandidateOverview, RoundProgress
    from scorecard.ui.candidates.view import CandidatesPage
    from scorecard.ui.settings import Settings

#: Failures listed in the message itself; the rest go to "Show details".
MAX_LISTED_FAILURES = 8

DRAFT_REASON = ("your own scorecard for this candidate is still a draft — submit it first "
                "(the committee report shows every interviewer's ratings)")
COORDINATOR_TITLE = "Export as hiring coordinator?"
#: Message boxes are at least this wide (in unscaled pixels), so paths and lists do not wrap word by word.
MESSAGE_WIDTH = 520


#: Characters no file name may hold on Windows (and '/' nowhere).
_RESERVED = re.compile(r'[<>:"/\\|?*]')
#: Dropped from file names: controls, format characters (bidi overrides such as U+202E, which
#: could make 'gnp.exe' read as 'exe.png', zero-width characters), line separators, surrogates.
_DROPPED_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})
_WINDOWS_DEVICES = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(10)),
                              *(f"LPT{i}" for i in range(10))})


def file_safe(text: str, max_bytes: int = 80) -> str:
    """Text usable as part of a file name on every OS, still readable in any script.

    The same cleaning as the committee report's file name (`services.export.pdf_filename`):
    NFC; characters Windows forbids, control and format characters dropped; white space runs
    made one space; no leading/trailing spaces or dots; at most `max_bytes` bytes of UTF-8
    (a name may have 255; the suggested names join three parts); a device name gets '_'.
    """
    text = unicodedata.normalize("NFC", text)
    text = "".join(" " if ch.isspace() else ch for ch in _RESERVED.sub("", text)
                   if ch.isspace() or unicodedata.category(ch) not in _DROPPED_CATEGORIES)
    text = " ".join(text.split()).strip(" .")
    data = text.encode("utf-8")
    if len(data) > max_bytes:
        text = data[:max_bytes].decode("utf-8", errors="ignore").rstrip(" .")
    head, dot, rest = text.partition(".")
    if head.upper() in _WINDOWS_DEVICES:
        text = f"{head}_{dot}{rest}"
    return text


def consolidated_name(overview: CandidateOverview) -> str:
    from scorecard.domain.candidate import Candidate
    from scorecard.services.export import pdf_filename

    return pdf_filename(Candidate(id=overview.id, name=overview.name, kit_id=overview.kit_id,
                                  target_level=overview.target_level))


def scorecard_name(overview: CandidateOverview, round_name: str, interviewer: str) -> str:
    """At most 80 + 60 + 60 bytes of names and 40 of the rest: within the 255 a file name may have."""
    return (f"{file_safe(overview.name) or 'candidate'} ({file_safe(overview.id[:8])}) - "
            f"{file_safe(round_name, 60) or 'round'} - scorecard by {file_safe(interviewer, 60) or 'me'}.pdf")


def guide_name(overview: CandidateOverview, round_name: str) -> str:
    return (f"{file_safe(overview.kit_title, 100) or 'kit'} - {file_safe(round_name, 100) or 'round'}"
            " - blank guide.pdf")


def grouped_reasons(not_exported: list[tuple[str, str]], limit: int = MAX_LISTED_FAILURES) -> list[str]:
    """'• Ana, Zoë — reason' lines: candidates with the same reason share a line; at most `limit` names."""
    by_reason: dict[str, list[str]] = {}
    for name, reason in not_exported:
        by_reason.setdefault(reason, []).append(name)
    groups = list(by_reason.items())
    lines, shown = [], 0
    for i, (reason, names) in enumerate(groups):
        room = limit - shown
        if room <= 0:
            rest = sum(len(n) for _reason, n in groups[i:])
            lines.append(f"… and {rest} more (Show Details…)")
            break
        part = names[:room]
        shown += len(part)
        more = f" and {len(names) - len(part)} more" if len(names) > len(part) else ""
        lines.append(f"• {', '.join(part)}{more} — {reason}")
    return lines


def expected_problems() -> tuple[type[BaseException], ...]:
    """Failures the interviewer can act on (logged in one line, no traceback)."""
    from scorecard.services.errors import DatabaseError, InvalidInput, NotFound, SaveFailed
    from scorecard.services.export import ExportFailed

    return (ExportFailed, InvalidInput, NotFound, DatabaseError, SaveFailed, OSError)


def problem_text(exc: BaseException) -> str:
    """An exception as the sentence shown to people (the traceback only goes to the log)."""
    text = str(exc).strip()
    if isinstance(exc, OSError):
        text = f"{exc.filename + ': ' if exc.filename else ''}{exc.strerror or text}"
    text = text or type(exc).__name__
    return text[0].upper() + text[1:] + ("" if text.endswith((".", "!", "?")) else ".")


# --- the work (runs in the worker thread: no widgets, its own database connection) ----------


@dataclass
class ExportAllResult:
    folder: Path
    #: candidates whose report was attempted (the progress dialog counts these)
    total: int
    written: list[Path] = field(default_factory=list)
    #: (candidate name, reason) for reports that could not be written, in list order
    failed: list[tuple[str, str]] = field(default_factory=list)
    #: (candidate name, reason) for candidates left out before starting (your draft is open)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    #: the export was stopped on request before every candidate was done
    stopped: bool = False

    @property
    def not_exported(self) -> list[tuple[str, str]]:
        return [*self.skipped, *self.failed]


def export_file_work(db_path: Path, export: Callable[[Services], Path]) -> Callable[[ProgressReporter], Path]:
    """Work that opens the database, writes one PDF with `export(services)` and returns its path."""

    def work(_progress: ProgressReporter) -> Path:
        from scorecard.services import open_services

        with open_services(db_path) as services:
            return export(services)

    return work


def export_all_work(
    db_path: Path, folder: Path, candidates: list[tuple[str, str]], skipped: list[tuple[str, str]] | None = None
) -> Callable[[ProgressReporter], ExportAllResult]:
    """Work that writes one committee report per (id, name) into `folder`, stopping between candidates."""

    def work(progress: ProgressReporter) -> ExportAllResult:
        from scorecard.services import open_services
        from scorecard.services.errors import NotFound
        from scorecard.services.export import ExportFailed

        if folder.exists() and not folder.is_dir():
            raise ExportFailed("That is a file, not a folder: choose another folder.")
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ExportFailed(f"the folder cannot be created: {exc.strerror or exc}") from exc
        total = len(candidates)
        result = ExportAllResult(folder=folder, total=total, skipped=list(skipped or []))
        with open_services(db_path) as services:
            for done, (candidate_id, name) in enumerate(candidates):
                if progress.cancelled:
                    result.stopped = True
                    return result
                progress.report(done, total, name)
                try:
                    written, failed = services.export.export_all(out_dir=folder, candidate_ids=[candidate_id])
                except NotFound as exc:  # deleted meanwhile
                    result.failed.append((name, str(exc)))
                    continue
                result.written += written
                result.failed += [(name, reason) for _candidate, reason in failed]
        progress.report(total, total, "")
        return result

    return work


# --- asking where to write ---------------------------------------------------------------------


class FileChooser:
    """Asks where to write; tests replace it so that no native dialog opens."""

    def save_file(self, parent: QWidget, title: str, suggested: Path) -> Path | None:
        path = file_dialogs.save_file(parent, title, suggested, "PDF files (*.pdf)")
        if not path:
            return None
        path = Path(path)
        return path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf")

    def folder(self, parent: QWidget, title: str, start: Path) -> Path | None:
        path = file_dialogs.existing_folder(parent, title, start)
        return Path(path) if path else None


def coordinator_question(name: str) -> str:
    return (f"This report shows every interviewer's ratings and notes. If you will interview {name}, "
            "export it only after you have submitted your own scorecards. Export as hiring coordinator?")


def coordinator_question_all(names: list[str], limit: int = MAX_LISTED_FAILURES) -> str:
    listed = ", ".join(names[:limit]) + (f" and {len(names) - limit} more" if len(names) > limit else "")
    return (f"These reports show every interviewer's ratings and notes. You have no scorecard for "
            f"{len(names)} of the candidates:\n{listed}\n\nIf you will interview any of them, export their "
            "reports only after you have submitted your own scorecards. Export them as hiring coordinator?")


class Confirmation:
    """Asks a yes/no question whose safe answer (Cancel) is the default; tests replace it."""

    def confirm(self, parent: QWidget, title: str, text: str, accept: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
        box.setObjectName("exportConfirmation")
        box.setTextFormat(Qt.TextFormat.PlainText)  # names may contain '<'
        yes = box.addButton(accept, QMessageBox.ButtonRole.AcceptRole)
        yes.setAccessibleName(accept)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setText("Cancel (Esc)")
        cancel.setAccessibleName("Cancel")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.exec()
        return box.clickedButton() is yes


def panel_access_work(db_path: Path, candidate_ids: list[str], viewer: str) -> Callable[[ProgressReporter], dict]:
    """Work that asks the blind rule (`panel_access`) about each candidate: {candidate id: PanelAccess}."""

    def work(progress: ProgressReporter) -> dict:
        from scorecard.services import open_services

        with open_services(db_path) as services:
            access = {}
            for done, candidate_id in enumerate(candidate_ids):
                progress.raise_if_cancelled()
                if done % 50 == 0:
                    progress.report(done, len(candidate_ids))
                access[candidate_id] = services.scoring.panel_access(candidate_id=candidate_id, viewer=viewer)
            return access

    return work


class ExportProgressDialog(QProgressDialog):
    """'3 of 12 — name'; Stop (or Esc) asks to stop after the current candidate instead of closing.

    The bar and label are our own and updated directly: QProgressDialog.setValue() would
    spin a nested event loop in a modal dialog, and the work reports from another thread.

    Signals:
        stopRequested(): the interviewer asked to stop (once).
    """

    stopRequested = Signal()

    def __init__(self, total: int, folder: Path, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("exportProgress")
        self.setWindowTitle("Exporting PDFs")
        self.setAccessibleName("Export progress")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setMinimumWidth(520)
        self._folder = folder
        self._stopping = False
        self.label = wrap_label("", self, selectable=False, name="exportProgressLabel")
        self.label.setContentsMargins(2, 6, 2, 4)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setLabel(self.label)
        self.bar = QProgressBar(self)
        self.bar.setAccessibleName("Committee reports written")
        self.bar.setFormat("%v of %m written")
        self.setBar(self.bar)
        self.cancel_button = QPushButton("Stop (Esc)", self)
        self.cancel_button.setAccessibleName("Stop after the current candidate")
        self.setCancelButton(self.cancel_button)
        self.canceled.disconnect(self.cancel)  # Stop is a request: the dialog stays until the work ends
        self.canceled.connect(self._on_stop)
        self.bar.setRange(0, total)
        self.bar.setValue(0)
        self.show_step(0, total, "")

    @property
    def stopping(self) -> bool:
        return self._stopping

    def show_checking(self, done: int, total: int) -> None:
        """Before writing: the blind rule is being asked about each candidate."""
        self.bar.setFormat("%v of %m checked")
        self.bar.setMaximum(total)
        self.bar.setValue(done)
        if not self._stopping:
            self.label.setText(f"Committee reports go into\n{self._folder}\n\n"
                               "Checking which reports you may export…")

    def show_step(self, done: int, total: int, name: str) -> None:
        self.bar.setFormat("%v of %m written")
        self.bar.setMaximum(total)
        self.bar.setValue(done)
        if self._stopping:
            return
        step = f"Now writing {min(done + 1, total)} of {total} — {name}" if name else f"Done: {done} of {total}"
        self.label.setText(f"Committee reports go into\n{self._folder}\n\n{step}")

    def reject(self) -> None:  # Esc
        self._on_stop()

    def closeEvent(self, event) -> None:
        event.ignore()
        self._on_stop()

    def finish(self) -> None:
        """The work ended: close for good (reset() also stops QProgressDialog's show-later timer)."""
        self._stopping = True
        self.canceled.disconnect(self._on_stop)
        self.reset()
        self.hide()
        self.deleteLater()

    def _on_stop(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        self.cancel_button.setEnabled(False)
        self.label.setText(f"Stopping after the current candidate…\n{self._folder}")
        self.stopRequested.emit()


# --- the actions ----------------------------------------------------------------------------------


class CandidateExports(QObject):
    """The export actions of the candidate list, and what they show while and after they run.

    Signals:
        notice(str, str): a message for the window's banner (text, tone).
        progressed(int, int, str): export-all progress: done, total, candidate being written.
        finished(object): an export ended — the written `Path`, an `ExportAllResult`, the
            problem text (`str`) when nothing was written, or None when the interviewer did not
            confirm exporting every report as hiring coordinator.
    """

    notice = Signal(str, str)
    progressed = Signal(int, int, str)
    finished = Signal(object)

    def __init__(self, services: Services, settings: Settings, page: CandidatesPage):
        super().__init__(page)
        self._services = services
        self._settings = settings
        self._page = page
        self.chooser = FileChooser()
        self.confirmation = Confirmation()
        self.task: Task | None = None
        self.progress_dialog: ExportProgressDialog | None = None
        self.message: QMessageBox | None = None

        self.export_pdf_action = self._action("Export &PDF…", "export-pdf", self.export_selected)
        self.export_all_action = self._action("Export &all PDFs…", "export-all", self.export_all)
        self.export_mine_action = self._action("Export &my scorecard PDF…", None, self.export_my_scorecard)
        self.guide_action = self._action("Print &blank round guide…", None, self.export_round_guide)
        self.export_pdf_action.setStatusTip("The selected candidate's committee report (every interviewer's ratings)")
        self.export_all_action.setStatusTip("One committee report per candidate, into a folder")
        self.export_mine_action.setStatusTip("Your own scorecard for the selected round")
        self.guide_action.setStatusTip("The selected round's questions and scales, to print and fill in by hand")

        # --- connections ---
        page.table.selectionModel().currentRowChanged.connect(self._on_selection_changed)
        page.rounds.selectionModel().currentChanged.connect(self._on_selection_changed)
        page.model.modelReset.connect(self.update_actions)
        page.model.layoutChanged.connect(self.update_actions)  # a search that hides the selected row
        page.installEventFilter(self)
        self.update_actions()

    def _action(self, text: str, key_id: str | None, slot: Callable[[], None]) -> QAction:
        action = QAction(text, self._page)
        if key_id is not None:
            action.setShortcuts([QKeySequence(s) for s in keys.key(key_id).sequences])
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        return action

    def actions(self) -> list[QAction]:
        return [self.export_pdf_action, self.export_all_action, self.export_mine_action, self.guide_action]

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done

    # --- what is selected -----------------------------------------------------------------------

    def _overview(self) -> CandidateOverview | None:
        index = self._page.table.currentIndex()
        return index.data(CandidateRole) if index.isValid() else None

    def _round(self, overview: CandidateOverview) -> RoundProgress | None:
        index = self._page.rounds.currentIndex()
        round_id = index.data(RoundIdRole) if index.isValid() else None
        return next((r for r in self._page.model.rounds_of(overview) if r.round_id == round_id), None)

    def update_actions(self) -> None:
        shown = self._page.isVisible()
        overview = self._overview()
        round_ = self._round(overview) if overview is not None else None
        self.export_pdf_action.setEnabled(shown and overview is not None)
        self.export_all_action.setEnabled(shown and self._page.model.total() > 0)
        self.export_mine_action.setEnabled(shown and round_ is not None and str(round_.mine) != "none")
        self.guide_action.setEnabled(shown and round_ is not None)

    def _on_selection_changed(self, *_args) -> None:
        self.update_actions()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._page and event.type() in (QEvent.Type.Show, QEvent.Type.Hide):
            self.update_actions()
        return False

    # --- one file -------------------------------------------------------------------------------

    def export_selected(self) -> None:
        """The selected candidate's committee report, to a file chosen by the interviewer."""
        from scorecard.services.scoring import PanelAccess

        overview = self._overview()
        if overview is None:
            return
        candidate_id = overview.id
        access = self._services.scoring.panel_access(candidate_id=candidate_id, viewer=self._settings.interviewer)
        if access is PanelAccess.BLIND_DRAFT:
            self._show_problem("Committee report not exported", f"{overview.name}: {DRAFT_REASON}.")
            return
        if access is PanelAccess.NOT_ON_PANEL:
            confirmed = self.confirmation.confirm(self._page.window(), COORDINATOR_TITLE,
                                                  coordinator_question(overview.name), "Export as coordinator")
            self._reactivate()
            if not confirmed:
                return
        self._export_file(
            title=f"Export the committee report for {overview.name}",
            suggested=consolidated_name(overview),
            what=f"the committee report for {overview.name}",
            export=lambda s, out: s.export.export_consolidated(candidate_id=candidate_id, out=out),
        )

    def export_my_scorecard(self) -> None:
        """Your own scorecard (draft or submitted) for the selected round."""
        overview = self._overview()
        round_ = self._round(overview) if overview is not None else None
        if round_ is None or str(round_.mine) == "none":
            return
        me = self._settings.interviewer
        candidate_id, round_id = overview.id, round_.round_id

        def export(services: Services, out: Path) -> Path:
            from scorecard.services.errors import NotFound

            card = next((c for c in services.scoring.for_candidate(candidate_id)
                         if c.interviewer == me and c.round_id == round_id), None)
            if card is None:
                raise NotFound(f"you have no scorecard for {round_.round_name} yet")
            return services.export.export_interviewer(scorecard_id=card.id, out=out)

        self._export_file(
            title=f"Export your scorecard for {overview.name} — {round_.round_name}",
            suggested=scorecard_name(overview, round_.round_name, me),
            what=f"your scorecard for {overview.name} ({round_.round_name})",
            export=export,
        )

    def export_round_guide(self) -> None:
        """The blank guide of the selected round, for a paper interview."""
        overview = self._overview()
        round_ = self._round(overview) if overview is not None else None
        if round_ is None:
            return
        kit_id, round_id = overview.kit_id, round_.round_id
        self._export_file(
            title=f"Save the blank guide for {round_.round_name}",
            suggested=guide_name(overview, round_.round_name),
            what=f"the blank guide for {round_.round_name}",
            export=lambda s, out: s.export.export_round_guide(kit_id=kit_id, round_id=round_id, out=out),
        )

    def _export_file(self, *, title: str, suggested: str, what: str,
                     export: Callable[[Services, Path], Path]) -> None:
        out = self.chooser.save_file(self._page.window(), title, self._start_dir() / suggested)
        self._reactivate()
        if out is None:
            return
        file_dialogs.remember_folder(self._settings, "export", out.parent)
        self.notice.emit(f"Writing {what}…", "info")
        self.task = run_in_background(
            self._page,
            export_file_work(self._services.database_path, lambda s: export(s, out)),
            on_success=lambda path: self._on_file_written(what, path),
            on_failure=lambda exc: self._on_file_failed(what, out, exc),
            expected=expected_problems(),
        )

    def _on_file_written(self, what: str, path: Path) -> None:
        self.notice.emit(f"Saved {what}:\n{path}", "positive")
        self.finished.emit(path)

    def _on_file_failed(self, what: str, out: Path, exc: BaseException) -> None:
        text = problem_text(exc)
        self.notice.emit(f"Not saved: {what}.", "negative")
        self._show_problem("PDF not saved", f"Could not save {what} to\n{out}\n\n{text}")
        self.finished.emit(text)

    # --- every candidate ------------------------------------------------------------------------

    def export_all(self) -> None:
        """One committee report per candidate into a chosen folder, with progress; Stop between candidates."""
        rows = list(self._page.model.rows())  # every candidate, whatever the search shows
        if not rows or self.busy:
            return
        folder = self.chooser.folder(self._page.window(), "Choose a folder for the committee reports",
                                     self._start_dir())
        self._reactivate()
        if folder is None:
            return
        file_dialogs.remember_folder(self._settings, "export", folder)
        rows.sort(key=lambda r: r.name.casefold())
        names = [(r.id, r.name) for r in rows]
        # first the blind rule for every candidate (a query each: off the UI thread), then the reports
        self.progress_dialog = ExportProgressDialog(len(rows), folder, self._page.window())
        self.progress_dialog.show_checking(0, len(rows))
        self.progress_dialog.stopRequested.connect(self._on_stop_requested)
        self.task = run_in_background(
            self._page,
            panel_access_work(self._services.database_path, [r.id for r in rows], self._settings.interviewer),
            on_success=lambda access: self._export_all_allowed(folder, names, access),
            on_failure=lambda exc: self._on_all_failed(folder, exc),
            on_progress=self._on_check_progress,
            expected=expected_problems(),
        )
        self.progress_dialog.show()

    def _on_check_progress(self, done: int, total: int, _name: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.show_checking(done, total)

    def _on_stop_requested(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _export_all_allowed(self, folder: Path, rows: list[tuple[str, str]], access: dict) -> None:
        """Leave out candidates with a draft of mine; ask once about those I have not scored; export."""
        from scorecard.services.scoring import PanelAccess

        if self.progress_dialog is None or self.progress_dialog.stopping:  # Stop came as the check ended
            self._on_all_failed(folder, Cancelled("stopped on request"))
            return
        skipped = [(name, DRAFT_REASON) for cid, name in rows if access.get(cid) is PanelAccess.BLIND_DRAFT]
        unscored = [name for cid, name in rows if access.get(cid) is PanelAccess.NOT_ON_PANEL]
        if unscored:
            self.progress_dialog.hide()
            confirmed = self.confirmation.confirm(self._page.window(), COORDINATOR_TITLE,
                                                  coordinator_question_all(unscored), "Export as coordinator")
            self._reactivate()
            if not confirmed:
                self._close_progress()
                self.finished.emit(None)
                return
            self.progress_dialog.show()
        todo = [(cid, name) for cid, name in rows if access.get(cid) is not PanelAccess.BLIND_DRAFT]
        self.progress_dialog.show_step(0, len(todo), "")
        self.task = run_in_background(
            self._page,
            export_all_work(self._services.database_path, folder, todo, skipped),
            on_success=self._on_all_done,
            on_failure=lambda exc: self._on_all_failed(folder, exc),
            on_progress=self._on_all_progress,
            expected=expected_problems(),
        )

    def _on_all_progress(self, done: int, total: int, name: str) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.show_step(done, total, name)
        self.progressed.emit(done, total, name)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.finish()
            self.progress_dialog = None

    def _on_all_done(self, result: ExportAllResult) -> None:
        self._close_progress()
        self._show_all_result(result)
        self.finished.emit(result)

    def _on_all_failed(self, folder: Path, exc: BaseException) -> None:
        self._close_progress()
        text = "Stopped before the first candidate." if isinstance(exc, Cancelled) else problem_text(exc)
        self._show_problem("No PDFs exported", f"Nothing was written to\n{folder}\n\n{text}")
        self.finished.emit(text)

    def _show_all_result(self, result: ExportAllResult) -> None:
        written = len(result.written)
        total = result.total + len(result.skipped)
        not_exported = result.not_exported
        if result.stopped:
            head = f"Stopped: {written} of {total} committee reports were written to"
        elif written == total:
            head = f"All {total} committee reports were written to"
        else:
            head = f"{written} of {total} committee reports were written to"
        box = self._message(
            QMessageBox.Icon.Warning if not_exported or result.stopped else QMessageBox.Icon.Information,
            "PDFs exported" if written else "No PDFs exported",
            f"{head}\n{result.folder}",
        )
        if not_exported:
            box.setInformativeText("Not exported:\n" + "\n".join(grouped_reasons(not_exported)))
            if len(not_exported) > MAX_LISTED_FAILURES:
                box.setDetailedText("\n".join(f"{name}: {reason}" for name, reason in not_exported))
        if written:
            open_button = box.addButton("Open folder", QMessageBox.ButtonRole.ActionRole)
            open_button.setAccessibleName("Open the folder")
            open_button.clicked.connect(lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.folder))))
        self._open(box)

    # --- messages -------------------------------------------------------------------------------

    def _message(self, icon: QMessageBox.Icon, title: str, text: str) -> QMessageBox:
        if self.message is not None:
            self.message.close()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Close, self._page.window())
        box.setObjectName("exportMessage")
        box.setTextFormat(Qt.TextFormat.PlainText)  # names may contain '<'
        box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        box.setAccessibleName(title)
        close = box.button(QMessageBox.StandardButton.Close)
        close.setText("Close (Esc)")
        close.setAccessibleName("Close")
        box.setDefaultButton(close)
        box.setEscapeButton(close)
        box.finished.connect(self._on_message_closed)
        self.message = box
        return box

    @staticmethod
    def _open(box: QMessageBox) -> None:
        """Widen, then show (window-modal, without blocking). Call after the texts are set:
        setting them rebuilds the box's layout."""
        grid = box.layout()
        if isinstance(grid, QGridLayout):  # QMessageBox keeps itself narrow; a spacer row widens it
            spacer = QSpacerItem(MESSAGE_WIDTH, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Minimum)
            grid.addItem(spacer, grid.rowCount(), 0, 1, grid.columnCount())
        box.open()

    def _show_problem(self, title: str, text: str) -> None:
        self._open(self._message(QMessageBox.Icon.Warning, title, text))

    def _on_message_closed(self, _result: int) -> None:
        self._reactivate()
        if self._page.isVisible():
            self._page.focus_table()

    def _reactivate(self) -> None:
        """Back from a dialog: make the window active again (not every platform does it by itself)."""
        window = self._page.window()
        if window.isVisible() and not window.isActiveWindow():
            window.activateWindow()

    def _start_dir(self) -> Path:
        return file_dialogs.start_folder(self._settings, "export")  # last used (kept), Documents, home
