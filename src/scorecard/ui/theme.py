"""Colours and fonts that follow the system palette (light or dark).

Backgrounds always come from palette roles; the few semantic accents (positive,
negative, warning, info) have a light-mode and a dark-mode tone so that they stay
readable on either. Meaning is never carried by colour alone: every accent goes
with a glyph or a word.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from scorecard import paths

_TONES = {
    #            light mode   dark mode
    "positive": ("#1f7a3a", "#6fd08c"),
    "negative": ("#b3261e", "#ff8a80"),
    "warning": ("#8a5a00", "#ffcc66"),
    "info": ("#1f5f9e", "#8cc4ff"),
}


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def tone(name: str, palette: QPalette) -> QColor:
    light, dark = _TONES[name]
    return QColor(dark if is_dark(palette) else light)


def tint(name: str, palette: QPalette, alpha: float = 0.14) -> QColor:
    """A background for a banner: the window colour with a touch of the accent."""
    base = palette.color(QPalette.ColorRole.Window)
    accent = tone(name, palette)
    mix = lambda a, b: round(a * (1 - alpha) + b * alpha)  # noqa: E731
    return QColor(mix(base.red(), accent.red()), mix(base.green(), accent.green()), mix(base.blue(), accent.blue()))


def muted(palette: QPalette) -> QColor:
    return palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def scaled_font(widget: QWidget, factor: float, *, bold: bool = False) -> QFont:
    font = QFont(widget.font())
    size = font.pointSizeF()
    if size > 0:
        font.setPointSizeF(size * factor)
    font.setBold(bold)
    return font


def app_stylesheet() -> str:
    """The bundled style sheet (palette-relative rules only)."""
    return paths.bundled("resources", "styles", "scorecard.qss").read_text(encoding="utf-8")


def apply(app: QApplication) -> None:
    app.setStyleSheet(app_stylesheet())
