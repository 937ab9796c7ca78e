"""Bundled icons by name, loaded once per process (after a QApplication exists)."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from scorecard import paths

#: Every icon the UI uses; a typo fails at once with the list of known names.
KNOWN = (
    "status-none", "status-draft", "status-submitted",
    "item-rated", "item-flagged", "item-skipped", "item-started", "item-untouched",
    "declined", "warning", "info", "lock", "timer",
)


@cache
def icon(name: str) -> QIcon:
    if name not in KNOWN:
        raise KeyError(f"unknown icon {name!r}; known icons: {', '.join(KNOWN)}")
    return QIcon(str(paths.bundled("resources", "icons", f"{name}.svg")))
