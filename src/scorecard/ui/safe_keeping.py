"""The window's side of safe keeping: Scorecard ▸ Back up now / Backups… (restore), the daily backup.

The logic is in `services.backups`; this module only asks and tells. A restore closes the
database, puts the backup in place (the current file is backed up first) and then closes
Scorecard, so nothing open in the window can write into the restored file.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

# Only what the menu needs is imported at start-up (each PySide6 widget class costs time on
# first use); the Backups dialog lives in ui/backup_dialog.py and is imported when opened.

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu, QWidget

    from scorecard.ui.backup_dialog import BackupDialog
    from scorecard.ui.main_window import MainWindow

log = logging.getLogger("scorecard.ui.backups")

#: While the window is open, check this often whether today's backup is still to be made.
DAILY_CHECK_MS = 60 * 60 * 1000


def add_safe_keeping_actions(window: MainWindow, menu: QMenu) -> list[QAction]:
    """Add Back up now / Backups… to `menu`; they act on the window's open database."""
    back_up = QAction("&Back up now", window)
    back_up.setObjectName("backUpNowAction")
    back_up.triggered.connect(lambda: back_up_now(window))
    manage = QAction("Bac&kups…", window)
    manage.setObjectName("backupsAction")
    manage.triggered.connect(lambda: open_backup_dialog(window))
    erase = QAction("&Erase candidate…", window)
    erase.setObjectName("eraseCandidateAction")
    erase.triggered.connect(lambda: erase_selected_candidate(window))
    menu.addAction(back_up)
    menu.addAction(manage)
    menu.addAction(erase)
    return [back_up, manage, erase]


def open_backup_dialog(window: MainWindow) -> BackupDialog:
    from scorecard.ui.backup_dialog import BackupDialog

    dialog = BackupDialog(window)
    dialog.open()
    return dialog


def ask(parent: QWidget, title: str, text: str, yes: str) -> bool:
    """A yes/cancel question, Cancel the default (a seam for tests)."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
    box.setDefaultButton(box.addButton(QMessageBox.StandardButton.Cancel))
    box.exec()
    return box.clickedButton() is yes_button


def erase_selected_candidate(window: MainWindow) -> bool:
    """Erase the candidate selected in the list, after saying exactly what goes; then offer to purge backups."""
    services, page = window.services, window.candidates_page
    if services is None or page is None:
        return False
    candidate_id = page.selected_id()
    if candidate_id is None:
        window._on_notice("Select a candidate in the list first, then choose Erase candidate.", "info")
        return False
    candidate = services.candidates.get(candidate_id)
    cards = services.scoring.for_candidate(candidate.id)
    submitted = sum(1 for c in cards if c.is_submitted)
    if not ask(window, "Erase this candidate?",
               f"Erase {candidate.name} and everything about them: {len(cards)} scorecard(s), {submitted} "
               "of them submitted, with their ratings, notes and addenda?\n\nThis cannot be undone. A backup "
               "is made first; only the candidate's id is kept, so that no later sync brings them back.",
               "Erase"):
        return False
    report = services.erasure.erase(candidate.id)
    page.refresh()
    text = f"{candidate.name} was erased."
    if report.backups_holding and ask(
            window, "Delete the backups that still hold them?",
            f"{len(report.backups_holding)} backup(s) still hold {candidate.name}'s data, including the one "
            "made just now. Delete those backups too?", "Delete backups"):
        services.erasure.purge_backups(candidate.id)
        text += f" {len(report.backups_holding)} backup(s) holding them were deleted."
    elif report.backups_holding:
        text += f" {len(report.backups_holding)} backup(s) still hold them (Scorecard ▸ Backups…)."
    window._on_notice(text, "info")
    return True


def back_up_now(window: MainWindow) -> None:
    from scorecard.services.backups import BackupFailed

    if window.services is None:
        return
    try:
        result = window.services.backups.create(reason="manual")
    except BackupFailed as exc:
        QMessageBox.warning(window, "No backup was made", f"No backup was made: {exc}")
        return
    text = f"Backup {result.backup.id} was written to {result.backup.path.parent}."
    if result.second_problem:
        text += f"\n\nBut {result.second_problem}."
    window._on_notice(text, "info")


def start_safe_keeping(window: MainWindow) -> None:
    """For a database this window opened: watch for the integrity check's result, fold the WAL
    into the file when idle, and make the daily backup (once the file is known to be sound)."""
    if window.services is None:
        return
    window.services.db.start_idle_checkpoints()
    if window.services.db.recovery_note:
        note = window.services.db.recovery_note
        window._on_notice(note[0].upper() + note[1:] + ".", "negative")
    watch_integrity(window)


def watch_integrity(window: MainWindow) -> QTimer:
    """Poll (cheaply, on the UI thread) for the check started on open; tell the user if it failed."""
    timer = QTimer(window)
    timer.setObjectName("integrityWatch")
    timer.setInterval(100)

    def poll() -> None:
        services = window.services
        if services is None:
            timer.stop()
            return
        if not services.db.gate.done.is_set():
            return
        timer.stop()
        if services.db.damage is not None:
            report_damage(window)
        else:
            window.daily_backups = start_daily_backups(window)

    timer.timeout.connect(poll)
    timer.start()
    window.integrity_watch = timer
    return timer


def on_save_failed(window: MainWindow, message: str) -> None:
    """A save failed: if it failed because the file is damaged, stop writing and tell the user."""
    from scorecard.storage.errors import DAMAGED

    services = window.services
    if services is None or DAMAGED not in message or getattr(window, "damage_box", None) is not None:
        return
    services.db.mark_damaged("a write found the file malformed")
    report_damage(window)


def report_damage(window: MainWindow) -> QMessageBox | None:
    """Tell the user plainly that the file is damaged and offer the newest good backup."""
    services = window.services
    if services is None or getattr(window, "damage_box", None) is not None:
        return None
    newest = services.backups.newest_good()
    box = QMessageBox(QMessageBox.Icon.Critical, "The database file is damaged", "", parent=window)
    box.setObjectName("damageBox")
    text = ("Scorecard found that its database file is damaged, so it will not write anything more to "
            "it: what you type now would not be kept.")
    if newest is not None:
        box.setInformativeText(
            f"{text}\n\nThe newest good backup is from {newest.label}. Restore it? The damaged file is "
            "kept beside it, and Scorecard closes; start it again to go on.")
        restore_button = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    else:
        box.setInformativeText(f"{text}\n\nThere is no backup of it. Copy the file "
                               f"{services.database_path} aside before anyone tries to repair it.")
        restore_button = None
        box.addButton(QMessageBox.StandardButton.Close)
    box.setText("The database file is damaged")

    def finished(_result: int) -> None:
        if restore_button is not None and box.clickedButton() is restore_button:
            restore_in_window(window, newest.id)

    box.finished.connect(finished)
    window.damage_box = box
    box.open()
    return box


def start_daily_backups(window: MainWindow) -> QTimer:
    """Make today's backup in a background thread now if there is none, and check again hourly."""
    from scorecard.services.backups import BackupFailed, BackupService

    def run() -> None:
        services = window.services
        if services is None:
            return
        service = BackupService(services.database_path)  # its own connection: safe off the UI thread

        def work() -> None:
            try:
                service.daily()
            except BackupFailed as exc:
                log.warning("the daily backup failed: %s", exc)

        threading.Thread(target=work, name="daily-backup", daemon=True).start()

    timer = QTimer(window)
    timer.setObjectName("dailyBackupTimer")
    timer.timeout.connect(run)
    timer.start(DAILY_CHECK_MS)
    QTimer.singleShot(2000, run)
    return timer


def restore_in_window(window: MainWindow, backup_id: str, parent: QWidget | None = None) -> bool:
    """Close the database, restore `backup_id`, tell the user, and close Scorecard."""
    from scorecard.services.backups import BackupFailed, restore
    from scorecard.services.errors import DatabaseError

    services = window.services
    if services is None:
        return False
    db_path = services.database_path
    if window.scoring_page is not None:
        window.scoring_page.leave()
    window.guard.flush()
    window.shutdown()  # closes the database this window opened
    services.close()
    window.services = None
    try:
        chosen, previous = restore(db_path, backup_id)
    except (BackupFailed, DatabaseError, OSError) as exc:
        QMessageBox.warning(parent or window, "Nothing was restored",
                            f"The backup was not restored: {exc}\n\nThe database was not changed. "
                            "Scorecard closes now; start it again.")
        QApplication.quit()
        return False
    QMessageBox.information(parent or window, "Backup restored",
                            f"Backup {chosen.id} is now the database. The file it replaced was kept as "
                            f"{previous}.\n\nScorecard closes now; start it again to continue.")
    QApplication.quit()
    return True


def offer_restore_on_start_page(window: MainWindow, db_path) -> QPushButton | None:
    """When the database could not be opened, offer its newest good backup (if there is one)."""
    from scorecard.services.backups import BackupService

    try:
        newest = BackupService(db_path).newest_good()
    except OSError:
        newest = None
    if newest is None:
        return None
    page = window.start_page
    button = QPushButton(f"Restore the newest good backup ({newest.label})…", page)
    button.setObjectName("restoreNewestButton")
    page.layout().insertWidget(page.layout().indexOf(page.quit_button), button)

    def restore_it() -> None:
        from scorecard.services.backups import restore

        if not ask(window, "Restore this backup?",
                   f"Put the backup of {newest.label} in place of {db_path.name}? The current file is kept "
                   "beside it (backed up, or moved aside if it cannot be read).", "Restore"):
            return
        try:
            _chosen, previous = restore(db_path, newest.id)
        except Exception as exc:  # noqa: BLE001 - shown in words, never raised (BackupFailed, OSError, …)
            QMessageBox.warning(window, "Nothing was restored", f"The backup was not restored: {exc}")
            return
        button.hide()
        window.start_page.title.setText("Opening the database…")
        window.start_page.detail.hide()
        window.start_page.quit_button.hide()
        if window.open_database(db_path):
            window._on_notice(f"Backup {newest.id} was restored. The file it replaced was kept as {previous}.",
                              "info")

    button.clicked.connect(restore_it)
    button.show()
    window.restore_button = button
    return button
