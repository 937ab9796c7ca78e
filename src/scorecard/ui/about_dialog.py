"""Help ▸ About Scorecard: the version, where the data lives and the database's schema revision.

What IT and support ask for first, with a button that copies it as plain text.
"""

from __future__ import annotations

import platform
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import Qt, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from scorecard import __version__, paths
from scorecard.ui.widgets import ZWSP, breakable, heading, put_in_reading_order, wrap_label

if TYPE_CHECKING:
    from scorecard.services import Services

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The application icon (window title bars, task bars, this dialog)."""
    icon = QIcon()
    for size in ICON_SIZES:
        icon.addFile(str(paths.bundled("resources", "icons", f"scorecard-{size}.png")))
    return icon


def about_facts(services: Services | None, database_path: Path | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs shown in the dialog and copied as text."""
    db = services.database_path if services is not None else database_path
    db = Path(db).absolute() if db else None  # `--db .demo/demo.sqlite3` is shown in full
    revision = services.schema_revision if services is not None else None
    build = "standalone build" if getattr(sys, "frozen", False) else f"Python environment ({sys.prefix})"
    return [
        ("Version", __version__),
        ("Data directory", str(db.parent) if db else str(paths.user_data_dir().absolute())),
        ("Database", str(db) if db else "not open"),
        ("Schema revision", revision or ("not open" if services is None else "none")),
        ("Settings", str(paths.user_config_dir().absolute())),
        ("Installation", f"{build}, {Path(paths.bundle_root()).absolute()}"),
        ("Runtime", f"Python {platform.python_version()}, Qt {qVersion()}, PySide6 {PYSIDE_VERSION}, "
                    f"{platform.system()} {platform.release()} {platform.machine()}"),
    ]


def path_breaks(text: str) -> str:
    """Break points (zero-width spaces, display only) after each path separator."""
    return re.sub(r"([/\\])(?=\S)", "\\1" + ZWSP, text)


class AboutDialog(QDialog):
    """Version, data directory, database and schema revision; Copy details puts them on the clipboard."""

    def __init__(self, services: Services | None, parent: QWidget | None = None,
                 database_path: Path | None = None):
        super().__init__(parent)
        self.setWindowTitle("About Scorecard")
        self.setObjectName("aboutDialog")
        self.facts = about_facts(services, database_path)

        icon = QLabel(self)
        icon.setPixmap(app_icon().pixmap(64, 64))
        icon.setAccessibleName("Scorecard icon")
        title = heading(f"Scorecard {__version__}", self, scale=1.4)
        blurb = wrap_label(
            "Structured interviews, scored offline. Every click is saved at once to the database "
            "below; nothing is sent over the network.", self, selectable=False)
        top = QHBoxLayout()
        top.addWidget(icon, 0, Qt.AlignmentFlag.AlignTop)
        text = QVBoxLayout()
        text.addWidget(title)
        text.addWidget(blurb)
        top.addLayout(text, 1)

        form = QFormLayout()
        self.values: dict[str, QLabel] = {}
        for label, value in self.facts:
            field = wrap_label(value, self)
            # shown with break points after each '/' (a long path wraps there, never inside a
            # name such as "settings"); text() and copying give the value as it is
            QLabel.setText(field, breakable(path_breaks(value)))
            field.setAccessibleName(label)
            self.values[label] = field
            form.addRow(f"{label}:", field)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = buttons.addButton("&Copy details", QDialogButtonBox.ButtonRole.ActionRole)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addLayout(form)
        box.addWidget(buttons)
        put_in_reading_order(self)  # form labels before their fields for a screen reader's review

        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)

    def details_text(self) -> str:
        return "\n".join(f"{label}: {value}" for label, value in self.facts)

    def copy_details(self) -> None:
        QGuiApplication.clipboard().setText(self.details_text())
