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
    QMenu,
    QMessageBox,
    QPushButton,
    QSizeGrip,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui import accessibility, keys, theme
from scorecard.ui.focus_keeper import FocusKeeper
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
#: Room a window manager's frame takes (borders; title bar and borders), allowed for before showing.
FRAME_ROOM = (16, 48)
#: Problems of a broken bundled kit listed in the notice (all of them go to the log).
MAX_KIT_PROBLEMS = 3
#: A "done" or "for your information" notice goes away by itself after this long, or when the
#: page changes; warnings and failures stay until closed or withdrawn by what they were about.
NOTICE_FADE_MS = 10_000
TRANSIENT_TONES = ("positive", "info")
#: At start-up the scoring page is built this long after the candidate list is ready.
SCORING_PAGE_DELAY_MS = 400
#: At start-up the bundled kits are stored (off the UI thread) this long after the list is ready:
#: their ~0.8 s of imports on the worker thread would otherwise compete for the interpreter with
#: the first keystrokes. Until then the list says the kits are loading, as it does meanwhile.
BUNDLED_KITS_DELAY_MS = 250
#: At start-up the Panel menu reads its state (and links this laptop's user, syncs the exchange
#: folder) this long after the list is ready, or when the menu or one of its actions is used first.
PANEL_READY_DELAY_MS = 200


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
        # the menu bar before the page and the status bar: a screen reader's review walks the
        # window's parts in the order they were made, and should meet them top to bottom
        self.menuBar()
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
        self._notice_tone = ""
        self._notice_timer = QTimer(self)
        self._notice_timer.setSingleShot(True)
        self._notice_timer.timeout.connect(self._on_notice_faded)

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
        grip = self.statusBar().findChild(QSizeGrip)
        if grip is not None:
            grip.raise_()  # the resize corner after the hints it sits right of
        self._help_overlay: HelpOverlay | None = None  # built on first use: see help_overlay

        self._build_menus()
        self.focus_keeper = FocusKeeper(self)  # keyboard back where it was after menus and dialogs
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
        from scorecard.ui.safe_keeping import add_safe_keeping_actions  # backups, erase (safe keeping)

        self.safe_keeping_actions = add_safe_keeping_actions(self, app_menu)
        app_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence(keys.key("quit").sequences[0]))
        app_menu.addAction(quit_action)
        self.export_menu = self.menuBar().addMenu("&Export")  # filled once the candidate list exists
        self.export_menu.setEnabled(False)
        # --- Panel (issue #9): candidates, assignments, committee view, exchange — logic in ui/panel_actions.py
        from scorecard.ui.panel_actions import PanelActions

        self.panel_actions = PanelActions(self)
        self.panel_menu = self.panel_actions.build_menu(self.menuBar())
        self.panel_menu.setEnabled(False)
        self.setAcceptDrops(True)
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
        """The keyboard help, built on first use (its ~50 ms would otherwise delay the first paint),
        and again when the keys it lists change: while scoring, the step keys of that kit."""
        entries = keys.KEYS
        if self.scoring_page is not None and self.stack.currentWidget() is self.scoring_page \
                and self.scoring_page.kit is not None:
            entries = keys.for_kit(self.scoring_page.kit)
        if self._help_overlay is not None and self._help_overlay.entries != entries \
                and not self._help_overlay.isVisible():
            self._help_overlay.deleteLater()
            self._help_overlay = None
        if self._help_overlay is None:
            from scorecard.ui.help_overlay import HelpOverlay

            self._help_overlay = HelpOverlay(self.centralWidget(), entries)
        return self._help_overlay

    def help_overlay_toggle(self) -> None:
        self.help_overlay.toggle()

    def fit_to_screen(self) -> None:
        """Never larger than the screen's free area (a 1280×720 screen has no room for 1366 px)."""
        screen = self.screen() or QApplication.primaryScreen()
        if screen is None:
            return
        free = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()  # title bar and borders, once shown
        width = min(self.width(), free.width() - frame.width())
        height = min(self.height(), free.height() - frame.height())
        if (width, height) != (self.width(), self.height()):
            self.resize(max(width, 640), max(height, 400))
        if not free.contains(self.frameGeometry().topLeft()):
            self.move(free.topLeft())

    def show_on_screen(self) -> None:
        """Show the window with its title bar on the screen: maximised when its size leaves no room
        for one in the screen's free area (a 1280×720 laptop, a 1366×768 one with a taskbar) —
        before it is shown the window manager's frame is not known, so a window merely as large
        as the free area would put its footer below the screen's edge."""
        screen = self.screen() or QApplication.primaryScreen()
        free = screen.availableGeometry() if screen is not None else None
        if free is not None and not self.isMaximized() and (
                self.width() > free.width() - FRAME_ROOM[0] or self.height() > free.height() - FRAME_ROOM[1]):
            self.showMaximized()
        else:
            self.show()

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
            services = open_services(path, check_now=False)  # the file's check: once the list is filled
        except DatabaseError as exc:
            log.error("cannot open database %s: %s", path, exc)
            self.start_page.show_error(str(exc), Path(path))
            from scorecard.ui.safe_keeping import offer_restore_on_start_page

            offer_restore_on_start_page(self, Path(path))  # a damaged file: its newest good backup
            self.databaseFailed.emit(str(exc))
            return False
        self._owns_services = True
        self.set_services(services, defer_scoring_page=True)
        # on a two-core laptop the integrity check (~0.2 s on 10,000 candidates) would compete with
        # filling the list; queued, it starts after what is already waiting (a first key press)
        QTimer.singleShot(0, services.db.start_integrity_check)
        self.candidates_page.kits_changed(loading=True)
        QTimer.singleShot(BUNDLED_KITS_DELAY_MS, self, lambda: self._import_bundled_kits(services))
        from scorecard.ui.safe_keeping import start_safe_keeping

        start_safe_keeping(self)  # idle WAL checkpoints, the daily backup
        return True

    def _import_bundled_kits(self, services: Services | None = None) -> None:
        """Store the kits shipped with the app, so that a new database can take candidates at once.

        In the window's worker thread, on its own connection: a kit file stored before is not
        parsed again, but even that check loads the storage layer (~0.8 s of imports), which the
        candidate list deliberately does without; the list is usable meanwhile.
        """
        from scorecard.ui.background import run_in_background

        if self.services is None or (services is not None and self.services is not services):
            return  # closed (or another database opened) before the import began
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

    def set_services(self, services: Services, *, defer_scoring_page: bool = False) -> None:
        """Build the pages on these services and fill the list. With `defer_scoring_page` (the
        app's start-up) the scoring page is built a moment after the list is ready, or when a
        round is opened first: ~30 ms of imports and widgets the first screen does without."""
        from scorecard.ui.candidates.view import CandidatesPage

        self.services = services
        self.candidates_page = CandidatesPage(services, self.settings, self.guard, self.stack)
        self.stack.addWidget(self.candidates_page)
        if defer_scoring_page:
            QTimer.singleShot(SCORING_PAGE_DELAY_MS, self._ensure_scoring_page)
        else:
            self._ensure_scoring_page()
        self.name_action.setEnabled(True)

        self.candidates_page.roundRequested.connect(self._on_round_requested)
        self.candidates_page.nameNeeded.connect(self._on_change_name)
        self.candidates_page.exports.notice.connect(self._on_notice)
        self.export_menu.addActions(self.candidates_page.exports.actions())
        self.export_menu.setEnabled(True)
        # committee (#11): record a decision, the calibration report — logic in ui/decision_dialog.py
        from scorecard.ui.decision_dialog import CommitteeActions

        self.committee_actions = CommitteeActions(services, self.candidates_page.selected_id,
                                                  lambda: self.settings.interviewer, self)
        self.committee_actions.notice.connect(self._on_notice)
        self.committee_menu = QMenu("&Committee", self)
        self.committee_menu.addActions(self.committee_actions.actions())
        self.menuBar().insertMenu(self.menuBar().actions()[-1], self.committee_menu)  # before Help
        self.panel_actions.notice.connect(self._on_notice)
        self.panel_actions.changed.connect(lambda: self.candidates_page.refresh(select=self.candidates_page.selected_id()))
        self.panel_menu.setEnabled(True)
        self.panel_actions.services_ready(defer_ms=PANEL_READY_DELAY_MS if defer_scoring_page else None)

        self.candidates_page.refresh()
        self.stack.setCurrentWidget(self.candidates_page)
        self.candidates_page.focus_search()
        if not self.settings.interviewer:
            if self.isVisible():
                self.ask_name(first_launch=True)
            else:
                self._ask_name_when_shown = True
        self.servicesReady.emit()

    def _ensure_scoring_page(self) -> ScoringPage | None:
        if self.scoring_page is None and self.services is not None:
            from scorecard.ui.scoring.view import ScoringPage

            self.scoring_page = ScoringPage(self.services, self.settings, self.guard, self.stack)
            self.stack.addWidget(self.scoring_page)
            self.scoring_page.closed.connect(self._on_scoring_closed)
            self.scoring_page.notice.connect(self._on_notice)
            self.scoring_page.noticeWithdrawn.connect(self._on_notice_withdrawn)
            # the exchange folder, if set (#9): send what was just submitted
            self.scoring_page.submitted.connect(lambda _id: self.panel_actions.sync_now(quiet=True))
        return self.scoring_page

    # --- interviewer name ----------------------------------------------------------------

    def ask_name(self, *, first_launch: bool = False) -> None:
        from scorecard.ui.name_dialog import NameDialog

        if self.name_dialog is not None and self.name_dialog.isVisible():
            return
        panel = [p.name for p in self.services.panel.interviewers()] if self.services is not None else []
        self.name_dialog = NameDialog(self.settings.interviewer, self, first_launch=first_launch, panel=panel)
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
        if self.services is not None:
            self.panel_actions.link_me()
        if self.candidates_page is not None:
            self.candidates_page.refresh()

    def _update_title(self) -> None:
        name = self.settings.interviewer
        # one product name: the platform appends the application's display name ("Scorecard")
        # to a title that does not already end with it
        self.setWindowTitle(f"{name} — Scorecard" if name else "Scorecard")

    # --- page switching ----------------------------------------------------------------------

    def _on_round_requested(self, candidate_id: str, round_id: str) -> None:
        if not self.settings.interviewer:
            self._pending_round = (candidate_id, round_id)
            self.ask_name(first_launch=True)
            return
        if self._ensure_scoring_page().open(candidate_id, round_id):
            self.notice.hide()
            self.stack.setCurrentWidget(self.scoring_page)
            self.scoring_page.focus_notes()

    def _on_scoring_closed(self, candidate_id: str) -> None:
        self.candidates_page.refresh(select=candidate_id)
        self.stack.setCurrentWidget(self.candidates_page)
        self.candidates_page.focus_table()

    def _on_page_changed(self, _index: int) -> None:
        page = self.stack.currentWidget()
        self.focus_keeper.set_guarded(page is not None and page is self.scoring_page)
        if self._notice_tone in TRANSIENT_TONES and self._notice_timer.remainingTime() < NOTICE_FADE_MS - 1500:
            # "Saved the committee report…" is not news on the next page (one said as the page
            # changes, e.g. on leaving a round, stays)
            self.notice.hide()
        self.hint.setText(page.footer_hint() if hasattr(page, "footer_hint") else "")

    # --- saving ---------------------------------------------------------------------------------

    def _on_save_failed(self, message: str) -> None:
        from scorecard.ui.safe_keeping import on_save_failed  # a damaged file: stop, offer a backup

        on_save_failed(self, message)
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
        self._notice_tone = tone
        if tone in TRANSIENT_TONES:
            self._notice_timer.start(NOTICE_FADE_MS)
        else:
            self._notice_timer.stop()
        self.notice.show_message(html.escape(text).replace("\n", "<br>"), tone=tone)

    def _on_notice_faded(self) -> None:
        if self._notice_tone in TRANSIENT_TONES:
            self.notice.hide()

    def _on_notice_withdrawn(self, text: str) -> None:
        if self.notice.isVisible() and self._notice_text == text:
            self.notice.hide()

    # --- bundle files dropped on the window (Panel ▸ Import…) ---------------------------------

    def dragEnterEvent(self, event) -> None:
        if self.services is not None and event.mimeData().hasUrls() and all(
                u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths and self.services is not None:
            event.acceptProposedAction()
            self.panel_actions.import_files(paths)

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
