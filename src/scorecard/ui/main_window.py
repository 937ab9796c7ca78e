"""The one window: a save banner, then the candidate list or the scoring view.

The window is cheap to build and shows before anything heavy is imported: the
candidate and scoring pages (and with them the services and the domain models) are
created only once the database is open — `open_database()` on the event-loop turn
after the first paint, or at once when a `Services` is passed in (tests).
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui import accessibility, keys, theme
from scorecard.ui.save_guard import SaveGuard
from scorecard.ui.settings import Settings
from scorecard.ui.widgets import Banner, ElidedLabel, heading, wrap_label

if TYPE_CHECKING:
    from scorecard.services import Services
    from scorecard.ui.candidates.view import CandidatesPage
    from scorecard.ui.help_overlay import HelpOverlay
    from scorecard.ui.scoring.view import ScoringPage

log = logging.getLogger(__name__)

#: Fits a 1366×768 screen with room for a task bar and the window frame.
DEFAULT_SIZE = (1366, 720)
#: Problems of a broken bundled kit listed in the notice (all of them go to the log).
MAX_KIT_PROBLEMS = 3


class BundledKitBroken(Exception):
    """A kit file shipped with the app is not a valid kit; `problems` are its file:line: field: message lines.

    The worker turns `KitError` into this, so that the UI thread never imports the kit loader
    (pydantic) just to recognise the failure.
    """

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


def import_bundled_kits_work(db_path: Path):
    """Work for the background helper: store the bundled kits; returns how many files there are."""

    def work(_progress) -> int:
        from scorecard.kits.problems import KitError
        from scorecard.services import open_services

        with open_services(db_path) as services:
            try:
                return len(services.kits.import_bundled())
            except KitError as exc:
                raise BundledKitBroken([str(p) for p in exc.problems]) from exc

    return work


def bundled_kit_problems() -> tuple[type[BaseException], ...]:
    """Failures of the bundled-kit import that become a notice (no traceback in the log)."""
    from scorecard.services.errors import DatabaseError, SaveFailed

    return (BundledKitBroken, DatabaseError, SaveFailed, OSError)


class StartPage(QWidget):
    """Shown until the database is open; shows the reason when it cannot be opened."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = heading("Opening the database…", self, scale=1.4)
        self.detail = wrap_label("", self)
        self.detail.hide()
        self.quit_button = QPushButton(f"Quit ({keys.first('quit')})", self)
        self.quit_button.setAccessibleName("Quit")
        self.quit_button.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(40, 40, 40, 40)
        box.addStretch(1)
        box.addWidget(self.title)
        box.addWidget(self.detail)
        box.addWidget(self.quit_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addStretch(2)

    def show_error(self, message: str, path: Path | None) -> None:
        self.title.setText("Scorecard could not open the database")
        where = f"\n\nDatabase file: {path}" if path else ""
        self.detail.setText(
            f"{message}{where}\n\nNothing was changed. Fix the cause (or start Scorecard with "
            "--db pointing at another file) and open Scorecard again."
        )
        self.detail.show()
        self.quit_button.show()
        self.quit_button.setFocus()


class MainWindow(QMainWindow):
    """Candidate list and scoring view in a stack; a banner above them while saves are retried.

    Signals:
        firstPainted(): the window was painted for the first time (start-up continues after it).
        servicesReady(): the database is open and the candidate list is filled.
        databaseFailed(str): the database could not be opened; the text says why.
        bundledKitsImported(bool): the kits shipped with the app were stored (True), or could
            not be and the notice says why (False). Only after `open_database`.
    """

    firstPainted = Signal()
    servicesReady = Signal()
    databaseFailed = Signal(str)
    bundledKitsImported = Signal(bool)

    def __init__(self, services: Services | None = None, settings: Settings | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings if settings is not None else Settings.default()
        self.services: Services | None = None
        self.candidates_page: CandidatesPage | None = None
        self.scoring_page: ScoringPage | None = None
        self.name_dialog = None
        self.about_dialog = None
        self._owns_services = False
        self._painted = False
        self._pending_round: tuple[str, str] | None = None
        self._ask_name_when_shown = False
        self._notice_text = ""

        self.setWindowTitle("Scorecard")
        self.resize(*DEFAULT_SIZE)
        app = QApplication.instance()
        if app is not None and not app.styleSheet():
            theme.apply(app)
        self.guard = SaveGuard(self)

        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.save_banner = Banner("warning", central, closable=False, name="saveBanner")
        self.notice = Banner("info", central, closable=True, name="noticeBanner")
        self.stack = QStackedWidget(central)
        self.start_page = StartPage(self.stack)
        self.stack.addWidget(self.start_page)
        column.addWidget(self.save_banner)
        column.addWidget(self.notice)
        column.addWidget(self.stack, 1)
        self.setCentralWidget(central)

        self.hint = ElidedLabel("", self, max_chars=100)  # shortened with '…' in a narrow window
        self.hint.setObjectName("footerHint")
        self.hint.setAccessibleName("Keyboard hints")
        self.statusBar().addWidget(self.hint, 1)
        self._help_overlay: HelpOverlay | None = None  # built on first use: see help_overlay

        self._build_menus()
        self._window_shortcuts = (
            keys.sequence_shortcuts(self, ("?",), self.help_overlay_toggle, Qt.ShortcutContext.WindowShortcut)
        )

        # --- connections ---
        self.guard.failed.connect(self._on_save_failed)
        self.guard.recovered.connect(self._on_save_recovered)
        self.guard.rejected.connect(self._on_save_rejected)
        self.save_banner.actionTriggered.connect(self._on_retry_now)
        self.settings.interviewerChanged.connect(self._on_interviewer_changed)
        self.start_page.quit_button.clicked.connect(self.close)
        self.stack.currentChanged.connect(self._on_page_changed)

        accessibility.attach_window(self)
        self._update_title()
        if services is not None:
            self.set_services(services)

    # --- menus ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        app_menu = self.menuBar().addMenu("&Scorecard")
        self.name_action = QAction("Change interviewer &name…", self)
        self.name_action.setShortcut(QKeySequence(keys.key("interviewer").sequences[0]))
        self.name_action.setEnabled(False)
        app_menu.addAction(self.name_action)
        app_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(keys.key("quit").sequences[0]))
        app_menu.addAction(quit_action)
        self.export_menu = self.menuBar().addMenu("&Export")  # filled once the candidate list exists
        self.export_menu.setEnabled(False)
        help_menu = self.menuBar().addMenu("&Help")
        self.help_action = QAction("&Keyboard shortcuts", self)
        self.help_action.setShortcut(QKeySequence("F1"))
        help_menu.addAction(self.help_action)
        help_menu.addSeparator()
        self.about_action = QAction("&About Scorecard", self)
        help_menu.addAction(self.about_action)

        self.name_action.triggered.connect(self._on_change_name)
        quit_action.triggered.connect(self.close)
        self.help_action.triggered.connect(self.help_overlay_toggle)
        self.about_action.triggered.connect(self.show_about)

    def show_about(self) -> None:
        """Help ▸ About: version, data directory, database and its schema revision."""
        from scorecard.ui.about_dialog import AboutDialog

        self.about_dialog = AboutDialog(self.services, self)
        self.about_dialog.open()

    @property
    def help_overlay(self) -> HelpOverlay:
        """The keyboard help, built on first use: its ~50 ms would otherwise delay the first paint."""
        if self._help_overlay is None:
            from scorecard.ui.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self.centralWidget())
        return self._help_overlay

    def help_overlay_toggle(self) -> None:
        self.help_overlay.toggle()

    # --- start-up --------------------------------------------------------------------------

    def event(self, event: QEvent) -> bool:
        handled = super().event(event)
        if event.type() == QEvent.Type.Paint and not self._painted:
            self._painted = True
            self.firstPainted.emit()
        return handled

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._ask_name_when_shown:
            self._ask_name_when_shown = False
            QTimer.singleShot(0, self._on_first_show_name_prompt)

    def _on_first_show_name_prompt(self) -> None:
        if not self.settings.interviewer:
            self.ask_name(first_launch=True)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.ApplicationPaletteChange:
            # the system switched light/dark: contrast-checked colours and style sheet for the new palette
            theme.apply(QApplication.instance())

    def open_database(self, path: Path) -> bool:
        """Import the services, open (and migrate) the database, fill the list."""
        from scorecard.services import open_services
        from scorecard.services.errors import DatabaseError

        try:
            services = open_services(path)
        except DatabaseError as exc:
            log.error("cannot open database %s: %s", path, exc)
            self.start_page.show_error(str(exc), Path(path))
            self.databaseFailed.emit(str(exc))
            return False
        self._owns_services = True
        self.set_services(services)
        self._import_bundled_kits()
        return True

    def _import_bundled_kits(self) -> None:
        """Store the kits shipped with the app, so that a new database can take candidates at once.

        In the window's worker thread, on its own connection: a kit file stored before is not
        parsed again, but even that check loads the storage layer (~0.8 s of imports), which the
        candidate list deliberately does without; the list is usable meanwhile.
        """
        from scorecard.ui.background import run_in_background

        self.candidates_page.kits_changed(loading=True)
        run_in_background(
            self,
            import_bundled_kits_work(self.services.database_path),
            on_success=self._on_bundled_kits_imported,
            on_failure=self._on_bundled_kits_failed,
            expected=bundled_kit_problems(),
        )

    def _on_bundled_kits_imported(self, _count: int) -> None:
        self.candidates_page.kits_changed()
        self.bundledKitsImported.emit(True)

    def _on_bundled_kits_failed(self, exc: BaseException) -> None:
        if isinstance(exc, BundledKitBroken):
            lines = exc.problems
            listed = "\n".join(lines[:MAX_KIT_PROBLEMS])
            more = f"\n… and {len(lines) - MAX_KIT_PROBLEMS} more" if len(lines) > MAX_KIT_PROBLEMS else ""
            log.error("a bundled kit could not be loaded:\n%s", "\n".join(lines))
            text = (f"The kit shipped with Scorecard could not be loaded, so it is not offered for new "
                    f"candidates:\n{listed}{more}\nKits stored before still work. Reinstalling Scorecard "
                    "should fix this.")
        else:
            log.error("the bundled kits could not be stored: %s", exc)
            text = (f"The kits shipped with Scorecard could not be stored: {exc}. Kits stored before "
                    "still work; Scorecard tries again the next time it starts.")
        self.candidates_page.kits_changed()
        self._on_notice(text, "negative")
        self.bundledKitsImported.emit(False)

    def set_services(self, services: Services) -> None:
        from scorecard.ui.candidates.view import CandidatesPage
        from scorecard.ui.scoring.view import ScoringPage

        self.services = services
        self.candidates_page = CandidatesPage(services, self.settings, self.guard, self.stack)
        self.scoring_page = ScoringPage(services, self.settings, self.guard, self.stack)
        self.stack.addWidget(self.candidates_page)
        self.stack.addWidget(self.scoring_page)
        self.name_action.setEnabled(True)

        self.candidates_page.roundRequested.connect(self._on_round_requested)
        self.candidates_page.nameNeeded.connect(self._on_change_name)
        self.scoring_page.closed.connect(self._on_scoring_closed)
        self.scoring_page.notice.connect(self._on_notice)
        self.scoring_page.noticeWithdrawn.connect(self._on_notice_withdrawn)
        self.candidates_page.exports.notice.connect(self._on_notice)
        self.export_menu.addActions(self.candidates_page.exports.actions())
        self.export_menu.setEnabled(True)

        self.candidates_page.refresh()
        self.stack.setCurrentWidget(self.candidates_page)
        self.candidates_page.focus_search()
        if not self.settings.interviewer:
            if self.isVisible():
                self.ask_name(first_launch=True)
            else:
                self._ask_name_when_shown = True
        self.servicesReady.emit()

    # --- interviewer name ----------------------------------------------------------------

    def ask_name(self, *, first_launch: bool = False) -> None:
        from scorecard.ui.name_dialog import NameDialog

        if self.name_dialog is not None and self.name_dialog.isVisible():
            return
        self.name_dialog = NameDialog(self.settings.interviewer, self, first_launch=first_launch)
        self.name_dialog.accepted.connect(self._on_name_accepted)
        self.name_dialog.rejected.connect(self._on_name_rejected)
        self.name_dialog.finished.connect(self._on_name_dialog_finished)
        self.name_dialog.open()

    def _on_name_dialog_finished(self, _result: int) -> None:
        if self.isVisible() and not self.isActiveWindow():
            self.activateWindow()  # not every platform re-activates the window after a dialog
        if self.stack.currentWidget() is self.candidates_page:
            self.candidates_page.focus_search()

    def _on_change_name(self) -> None:
        if self.scoring_page is not None and self.stack.currentWidget() is self.scoring_page:
            self._on_notice("Finish or leave this scorecard (back to the list) before changing your name.", "info")
            return
        self.ask_name(first_launch=not self.settings.interviewer)

    def _on_name_accepted(self) -> None:
        self.settings.set_interviewer(self.name_dialog.name())
        if self._pending_round is not None:
            candidate_id, round_id = self._pending_round
            self._pending_round = None
            self._on_round_requested(candidate_id, round_id)

    def _on_name_rejected(self) -> None:
        self._pending_round = None
        if not self.settings.interviewer:
            self._on_notice(
                f"Set your name (Scorecard menu, {keys.first('interviewer')}) before scoring a round.", "info"
            )

    def _on_interviewer_changed(self, _name: str) -> None:
        self._update_title()
        if self.candidates_page is not None:
            self.candidates_page.refresh()

    def _update_title(self) -> None:
        name = self.settings.interviewer
        self.setWindowTitle(f"Scorecard — {name}" if name else "Scorecard")

    # --- page switching ----------------------------------------------------------------------

    def _on_round_requested(self, candidate_id: str, round_id: str) -> None:
        if not self.settings.interviewer:
            self._pending_round = (candidate_id, round_id)
            self.ask_name(first_launch=True)
            return
        if self.scoring_page.open(candidate_id, round_id):
            self.notice.hide()
            self.stack.setCurrentWidget(self.scoring_page)
            self.scoring_page.focus_notes()

    def _on_scoring_closed(self, candidate_id: str) -> None:
        self.candidates_page.refresh(select=candidate_id)
        self.stack.setCurrentWidget(self.candidates_page)
        self.candidates_page.focus_table()

    def _on_page_changed(self, _index: int) -> None:
        page = self.stack.currentWidget()
        self.hint.setText(page.footer_hint() if hasattr(page, "footer_hint") else "")

    # --- saving ---------------------------------------------------------------------------------

    def _on_save_failed(self, message: str) -> None:
        self.save_banner.show_message(
            f"<b>Not saved yet:</b> {html.escape(message)}. Your input stays on screen and is saved "
            "automatically as soon as the database accepts it (retrying every second).",
            action="Retry now",
        )

    def _on_save_recovered(self) -> None:
        self.save_banner.hide()
        self.statusBar().showMessage("All input saved.", 4000)

    def _on_save_rejected(self, message: str) -> None:
        self._on_notice(f"Not saved: {message}", "negative")

    def _on_retry_now(self) -> None:
        self.guard.flush()

    def _on_notice(self, text: str, tone: str) -> None:
        self._notice_text = text
        self.notice.show_message(html.escape(text).replace("\n", "<br>"), tone=tone)

    def _on_notice_withdrawn(self, text: str) -> None:
        if self.notice.isVisible() and self._notice_text == text:
            self.notice.hide()

    # --- closing ----------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.scoring_page is not None:
            self.scoring_page.leave()
        if self.guard.pending and not self.guard.flush():
            answer = QMessageBox.warning(
                self,
                "Input not saved yet",
                f"Some of your input could not be saved yet: {self.guard.last_error}.\n\n"
                "Keep Scorecard open so it keeps retrying, or quit and lose that input?",
                QMessageBox.StandardButton.Retry | QMessageBox.StandardButton.Discard,
                QMessageBox.StandardButton.Retry,
            )
            if answer != QMessageBox.StandardButton.Discard:
                event.ignore()
                return
            self.guard.drop_all()
        self.settings.set_window_geometry(bytes(self.saveGeometry()))
        self.settings.sync()
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop timers and background work; close the database if this window opened it (idempotent)."""
        from scorecard.ui.background import shutdown_background

        shutdown_background(self)
        if self.scoring_page is not None:
            self.scoring_page.stop()
        if self._owns_services and self.services is not None:
            self.services.close()
            self.services = None
