"""Where files are saved: dialogs that start in a sensible folder and are wide enough to read.

A save dialog starts in the folder used last for the same purpose (kept in the settings, so across
sessions) if it still exists, else in the user's Documents folder if there is one, else in the
home folder — never in whatever folder the program was started from. Qt's own file dialog (used
where the desktop offers none, e.g. a bare X session) opens wide enough that its Size and Date
columns are not cut off.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView, QWidget

if TYPE_CHECKING:
    from scorecard.ui.settings import Settings

#: Qt's own file dialog: wide enough for name, size, type and date columns.
DIALOG_SIZE = (900, 560)


def documents_folder() -> Path:
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return Path.home()


def start_folder(settings: Settings | None, purpose: str) -> Path:
    remembered = settings.last_folder(purpose) if settings is not None else None
    if remembered and Path(remembered).is_dir():
        return Path(remembered)
    return documents_folder()


def remember_folder(settings: Settings | None, purpose: str, folder: Path) -> None:
    if settings is not None:
        settings.set_last_folder(purpose, str(folder))


def _readable(dialog: QFileDialog) -> None:
    dialog.resize(*DIALOG_SIZE)
    for view in dialog.findChildren(QTreeView):  # Qt's own dialog only; a native one has none
        header = view.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)


def save_file(parent: QWidget, title: str, suggested: Path, name_filter: str) -> str:
    dialog = QFileDialog(parent, title, str(suggested.parent), name_filter)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setFileMode(QFileDialog.FileMode.AnyFile)
    dialog.selectFile(suggested.name)
    _readable(dialog)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""


def existing_folder(parent: QWidget, title: str, start: Path) -> str:
    dialog = QFileDialog(parent, title, str(start))
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly, True)
    _readable(dialog)
    return dialog.selectedFiles()[0] if dialog.exec() and dialog.selectedFiles() else ""
