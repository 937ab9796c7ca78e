"""Scorecard ▸ Backups…: the database's backups, newest first; back up now or restore one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui.safe_keeping import back_up_now, restore_in_window

if TYPE_CHECKING:
    from scorecard.ui.main_window import MainWindow


class BackupDialog(QDialog):
    """The database's backups, newest first: back up now, or restore the selected one."""

    def __init__(self, window: MainWindow, parent: QWidget | None = None):
        super().__init__(parent or window)
        self.window_ = window
        self.setWindowTitle("Backups")
        self.setObjectName("backupDialog")
        layout = QVBoxLayout(self)
        self.where = QLabel(self)
        self.where.setWordWrap(True)
        layout.addWidget(self.where)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Backups, newest first")
        layout.addWidget(self.list, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.back_up_button = QPushButton("&Back up now", self)
        self.restore_button = QPushButton("&Restore selected…", self)
        buttons.addButton(self.back_up_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        layout.addWidget(buttons)
        buttons.rejected.connect(self.reject)
        self.back_up_button.clicked.connect(self._on_back_up)
        self.restore_button.clicked.connect(self._on_restore)
        self.resize(560, 360)
        self.refresh()

    def refresh(self) -> None:
        services = self.window_.services
        self.list.clear()
        if services is None:
            self.where.setText("No database is open.")
            return
        backups = services.backups.list()
        self.where.setText(f"Backups of {services.database_path.name} in {services.backups.folder}. "
                           "Each was checked before it got its name.")
        for info in backups:
            item = QListWidgetItem(info.label, self.list)
            item.setData(0x0100, info.id)  # Qt.UserRole
        if backups:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(backups))

    def _on_back_up(self) -> None:
        back_up_now(self.window_)
        self.refresh()

    def _on_restore(self) -> None:
        item = self.list.currentItem()
        if item is None or self.window_.services is None:
            return
        backup_id = item.data(0x0100)
        answer = QMessageBox.question(
            self, "Restore this backup?",
            f"Put the backup of {item.text()} in place of the current database?\n\n"
            "The current database is backed up first, so this can be undone. Scorecard then "
            "closes; start it again to work with the restored data.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        restore_in_window(self.window_, backup_id, parent=self)
