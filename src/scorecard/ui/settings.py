"""Per-user settings: an INI file in `paths.user_config_dir()`, injected so tests use a temp file."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Signal

from scorecard import paths

SETTINGS_FILENAME = "scorecard.ini"


def normalize_name(name: str) -> str:
    """Interviewer names are compared as stored, so collapse stray whitespace once, here."""
    return " ".join(name.split())


class Settings(QObject):
    """The interviewer's name and a few view preferences.

    Signals:
        interviewerChanged(str): the interviewer's name was set or changed.
    """

    interviewerChanged = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._qs = QSettings(str(self.path), QSettings.Format.IniFormat)

    @classmethod
    def default(cls) -> Settings:
        return cls(paths.user_config_dir() / SETTINGS_FILENAME)

    # --- interviewer --------------------------------------------------------------

    @property
    def interviewer(self) -> str:
        return normalize_name(str(self._qs.value("interviewer/name", "") or ""))

    def set_interviewer(self, name: str) -> None:
        name = normalize_name(name)
        if not name:
            raise ValueError("the interviewer's name cannot be empty")
        if name == self.interviewer:
            return
        self._qs.setValue("interviewer/name", name)
        self._qs.sync()
        self.interviewerChanged.emit(name)

    # --- remembered choices --------------------------------------------------------------

    def last_level(self, kit_id: str) -> str | None:
        """The target level last chosen for a new candidate of this kit."""
        return str(self._qs.value(f"candidates/last_level/{kit_id}", "") or "") or None

    def set_last_level(self, kit_id: str, level_id: str) -> None:
        self._qs.setValue(f"candidates/last_level/{kit_id}", level_id)

    def last_folder(self, purpose: str) -> str | None:
        """The folder a save dialog for this purpose ('export', …) was last pointed at."""
        return str(self._qs.value(f"folders/{purpose}", "") or "") or None

    def set_last_folder(self, purpose: str, folder: str) -> None:
        self._qs.setValue(f"folders/{purpose}", folder)
        self._qs.sync()

    # --- view preferences -------------------------------------------------------------

    def window_geometry(self) -> bytes | None:
        value = self._qs.value("window/geometry")
        return bytes(value) if value else None

    def set_window_geometry(self, data: bytes) -> None:
        self._qs.setValue("window/geometry", data)

    def sync(self) -> None:
        self._qs.sync()
