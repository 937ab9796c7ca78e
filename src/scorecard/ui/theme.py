"""Colours and fonts that follow the system palette (light or dark).

Backgrounds always come from palette roles; the few semantic accents (positive,
negative, warning, info) have a light-mode and a dark-mode tone so that they stay
readable on either. Meaning is never carried by colour alone: every accent goes
with a glyph or a word.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
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


def _raw_tone(name: str, palette: QPalette) -> QColor:
    light, dark = _TONES[name]
    return QColor(dark if is_dark(palette) else light)


def tone(name: str, palette: QPalette) -> QColor:
    """The accent as text colour: 4.5:1 on every background of the palette (banners too)."""
    return ensure_contrast(_raw_tone(name, palette), backgrounds(palette), TEXT_CONTRAST)


def tint(name: str, palette: QPalette, alpha: float = 0.14) -> QColor:
    """A background for a banner: the window colour with a touch of the accent."""
    base = palette.color(QPalette.ColorRole.Window)
    accent = _raw_tone(name, palette)
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


# --- contrast (WCAG 2.2: text 4.5:1, controls, borders and focus indication 3:1) ---------------

TEXT_CONTRAST = 4.5
NON_TEXT_CONTRAST = 3.0
#: a little above the thresholds, so that rounding in a screen's colour pipeline keeps them met
_MARGIN = 0.15


def luminance(colour: QColor) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _mix(a: QColor, b: QColor, t: float) -> QColor:
    return QColor(round(a.red() + (b.red() - a.red()) * t), round(a.green() + (b.green() - a.green()) * t),
                  round(a.blue() + (b.blue() - a.blue()) * t))


def ensure_contrast(colour: QColor, backgrounds: list[QColor], ratio: float) -> QColor:
    """`colour`, moved towards black (on light backgrounds) or white (on dark) just far enough to
    reach `ratio` against every background."""
    target = ratio + _MARGIN
    dark_bg = sum(luminance(b) for b in backgrounds) / len(backgrounds) < 0.18
    end = QColor("#ffffff") if dark_bg else QColor("#000000")
    out = QColor(colour.red(), colour.green(), colour.blue())
    for step in range(0, 101):
        out = _mix(colour, end, step / 100)
        if min(contrast(out, b) for b in backgrounds) >= target:
            break
    return out


def backgrounds(palette: QPalette) -> list[QColor]:
    """Every background text and controls sit on: the window, fields, guidance and banners."""
    R = QPalette.ColorRole
    out = [palette.color(R.Window), palette.color(R.Base), palette.color(R.AlternateBase),
           palette.color(R.Button)]
    out += [tint(name, palette) for name in _TONES]
    return out


def muted_colour(palette: QPalette) -> QColor:
    """Secondary text (key hints, timer, placeholders): quieter than text, still 4.5:1."""
    R = QPalette.ColorRole
    start = _mix(palette.color(R.WindowText), palette.color(R.Window), 0.45)
    return ensure_contrast(start, backgrounds(palette), TEXT_CONTRAST)


def border_colour(palette: QPalette) -> QColor:
    """Borders that show where a control is (fields, rating options, buttons): 3:1."""
    R = QPalette.ColorRole
    start = _mix(palette.color(R.WindowText), palette.color(R.Window), 0.6)
    return ensure_contrast(start, backgrounds(palette), NON_TEXT_CONTRAST)


def disabled_colour(palette: QPalette) -> QColor:
    """Text and border of a control that cannot be used now (Prev on the first item, Skip on a
    submitted card): half-way to the background, clearly quieter than any text. WCAG sets no
    contrast for inactive controls; the border is also dashed, so the difference is not colour alone."""
    R = QPalette.ColorRole
    return _mix(palette.color(R.ButtonText), palette.color(R.Button), 0.55)


def accent_colour(palette: QPalette) -> QColor:
    R = QPalette.ColorRole
    accent = palette.color(R.Accent)
    return accent if accent.isValid() else palette.color(R.Highlight)


def focus_colour(palette: QPalette) -> QColor:
    """The focus ring and the chosen rating's border: the system accent, at 3:1 on every background."""
    return ensure_contrast(accent_colour(palette), backgrounds(palette), NON_TEXT_CONTRAST)


def highlight_colour(palette: QPalette) -> QColor:
    """Selected rows: the accent, dark or light enough for the highlighted text on it (4.5:1)."""
    R = QPalette.ColorRole
    return ensure_contrast(accent_colour(palette), [palette.color(R.HighlightedText)], TEXT_CONTRAST)


def accessible_roles(palette: QPalette) -> dict[QPalette.ColorRole, QColor]:
    """The palette roles Scorecard sets on top of the system palette, derived from roles it never
    sets itself (so they can be derived again when the system switches light/dark)."""
    R = QPalette.ColorRole
    return {R.PlaceholderText: muted_colour(palette), R.Highlight: highlight_colour(palette)}


def stylesheet_colours(palette: QPalette) -> dict[str, str]:
    return {"focus": focus_colour(palette).name(), "border": border_colour(palette).name(),
            "muted": muted_colour(palette).name(), "highlight": highlight_colour(palette).name(),
            "disabled": disabled_colour(palette).name()}


def app_stylesheet(palette: QPalette | None = None) -> str:
    """The bundled style sheet with the computed colours ({focus}, {border}, {muted}, {highlight},
    {disabled}) filled in for `palette` (the application's by default)."""
    palette = palette if palette is not None else QGuiApplication.palette()
    text = paths.bundled("resources", "styles", "scorecard.qss").read_text(encoding="utf-8")
    for name, value in stylesheet_colours(palette).items():
        text = text.replace("{" + name + "}", value)
    return text


_applying = False


def apply(app: QApplication) -> None:
    """Set the accessible palette roles and the style sheet for the current (system) palette.

    Called at start and again whenever the palette changes (the system switched light/dark).
    """
    global _applying
    if _applying:
        return
    _applying = True
    try:
        palette = QPalette(app.palette())
        changed = False
        for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
            for role, colour in accessible_roles(palette).items():
                if palette.color(group, role) != colour:
                    palette.setColor(group, role, colour)
                    changed = True
        if changed:
            app.setPalette(palette)
        app.setStyleSheet(app_stylesheet(palette))
    finally:
        _applying = False


def fusion_palette(dark: bool) -> QPalette:
    """Qt's Fusion palette (light or dark), as Qt builds it (qt_fusionPalette): the palettes the
    app is checked against in the tests; on a desktop the system's own palette is used."""
    window_text = QColor(240, 240, 240) if dark else QColor("#000000")
    background = QColor(50, 50, 50) if dark else QColor(239, 239, 239)
    light = background.lighter(150)
    mid = background.darker(130)
    base = background.darker(140) if dark else QColor("#ffffff")
    dark_c = background.darker(150)
    palette = QPalette(window_text, background, light, dark_c, mid, window_text if dark else QColor("#000000"),
                       base)
    R = QPalette.ColorRole
    palette.setColor(R.Midlight, mid.lighter(110))
    palette.setColor(R.Button, background)
    palette.setColor(R.ButtonText, window_text)
    palette.setColor(R.Shadow, dark_c.darker(135))
    palette.setColor(R.AlternateBase, base.darker(110) if dark else QColor(247, 247, 247))
    palette.setColor(R.Highlight, QColor(48, 140, 198))
    palette.setColor(R.HighlightedText, window_text if dark else QColor("#ffffff"))
    palette.setColor(R.Accent, QColor(48, 140, 198))
    text = palette.color(R.Text)
    palette.setColor(R.PlaceholderText, QColor(text.red(), text.green(), text.blue(), 128))
    return palette
