"""WCAG 2.2 AA contrast, computed from the style sheet and the palette, in the light and dark palettes.

Text 4.5:1; borders that show where a control is, and the focus indication, 3:1. The focus ring
is measured on rendered pixels: the pixels that change when a control gets focus must differ
from their unfocused colour by 3:1, all around the control.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

pytestmark = pytest.mark.gui

R = QPalette.ColorRole
ROLE_NAMES = {"window": R.Window, "window-text": R.WindowText, "base": R.Base, "alternate-base": R.AlternateBase,
              "text": R.Text, "button": R.Button, "button-text": R.ButtonText, "highlight": R.Highlight,
              "highlighted-text": R.HighlightedText, "light": R.Light, "midlight": R.Midlight, "mid": R.Mid,
              "dark": R.Dark, "placeholder-text": R.PlaceholderText}


@pytest.fixture(params=["light", "dark"])
def palette(request, qapp):
    from scorecard.ui import theme

    before = QPalette(qapp.palette())
    qapp.setPalette(theme.fusion_palette(request.param == "dark"))
    theme.apply(qapp)
    yield qapp.palette()
    qapp.setPalette(before)
    theme.apply(qapp)


def resolve(value: str, palette: QPalette) -> QColor | None:
    value = value.strip()
    m = re.fullmatch(r"palette\(([\w-]+)\)", value)
    if m:
        return palette.color(ROLE_NAMES[m.group(1)])
    if value.startswith("#"):
        return QColor(value)
    return None  # transparent, none


def rules(sheet: str) -> list[tuple[str, dict[str, str]]]:
    sheet = re.sub(r"/\*.*?\*/", "", sheet, flags=re.S)
    out = []
    for selector, body in re.findall(r"([^{}]+)\{([^}]*)\}", sheet):
        props = {}
        for decl in body.split(";"):
            if ":" in decl:
                name, value = decl.split(":", 1)
                props[name.strip()] = value.strip()
        out.append((" ".join(selector.split()), props))
    return out


def test_every_text_and_border_colour_of_the_style_sheet_meets_aa(palette, qapp):
    from scorecard.ui import theme

    backgrounds = theme.backgrounds(palette)
    checked = 0
    for selector, props in rules(qapp.styleSheet()):
        if ":disabled" in selector:
            continue  # WCAG sets no contrast for inactive controls: see the next test
        own = resolve(props.get("background", ""), palette)
        behind = [own] if own is not None else backgrounds
        for name, value in props.items():
            if name in ("color", "selection-color"):
                colour = resolve(value, palette)
                if name == "selection-color" or ":selected" in selector:
                    behind_text = [resolve(props.get("selection-background-color", props.get("background", "")),
                                           palette)]
                else:
                    behind_text = behind
                for bg in behind_text:
                    assert theme.contrast(colour, bg) >= 4.5, (selector, name, colour.name(), bg.name())
                    checked += 1
            elif name.startswith("border") and "transparent" not in value:
                colour = resolve(value.split()[-1], palette)
                if colour is None:
                    continue
                for bg in backgrounds:  # a border sits between the control and what surrounds it
                    assert theme.contrast(colour, bg) >= 3.0, (selector, name, colour.name(), bg.name())
                    checked += 1
    assert checked > 50


def test_a_disabled_button_looks_disabled_and_stays_legible(palette, qapp):
    """Prev on the first item, Skip on a submitted card: quieter than any enabled button (their text
    and border colours differ clearly), dashed rather than solid, and still readable (3:1)."""
    from scorecard.ui import theme

    disabled = [props for selector, props in rules(qapp.styleSheet()) if selector == "QPushButton:disabled"]
    assert disabled, "no QPushButton:disabled rule"
    colour = resolve(disabled[0]["color"], palette)
    assert "dashed" in disabled[0]["border"]
    assert theme.contrast(colour, palette.color(R.Button)) >= 3.0
    assert theme.contrast(colour, palette.color(R.ButtonText)) >= 1.8
    assert theme.contrast(palette.color(R.ButtonText), palette.color(R.Button)) > theme.contrast(
        colour, palette.color(R.Button)) * 1.5


def test_palette_text_roles_and_tones_meet_aa(palette):
    from scorecard.ui import theme

    backgrounds = theme.backgrounds(palette)
    for bg in backgrounds:
        for role in (R.WindowText, R.PlaceholderText):
            assert theme.contrast(palette.color(role), bg) >= 4.5, (role, bg.name())
        for tone in ("positive", "negative", "warning", "info"):
            assert theme.contrast(theme.tone(tone, palette), bg) >= 4.5, (tone, bg.name())
    # the selected row of the rail, the candidate table and the round list
    assert theme.contrast(palette.color(R.HighlightedText), palette.color(R.Highlight)) >= 4.5
    assert theme.contrast(palette.color(R.HighlightedText), QColor(theme.highlight_colour(palette))) >= 4.5
    # secondary text was #777777 on #efefef (3.89:1) before
    assert theme.contrast(theme.muted(palette), palette.color(R.Window)) >= 4.5


def test_contrast_formula_matches_wcag():
    from scorecard.ui import theme

    assert round(theme.contrast(QColor("#777777"), QColor("#efefef")), 2) == 3.89
    assert round(theme.contrast(QColor("#000000"), QColor("#ffffff")), 1) == 21.0


def _ring_pixels(before, after) -> int:
    from scorecard.ui import theme

    count = 0
    for y in range(after.height()):
        for x in range(after.width()):
            a, b = before.pixelColor(x, y), after.pixelColor(x, y)
            if a != b and theme.contrast(a, b) >= 3.0:
                count += 1
    return count


def test_focus_is_shown_by_a_ring_of_3_to_1_around_every_kind_of_control(qtbot, palette):
    host = QWidget()
    qtbot.addWidget(host)
    box = QVBoxLayout(host)
    table = QTableWidget(2, 2)
    controls = [QPushButton("Next (Ctrl+PgDown)"), QCheckBox(), QRadioButton("Meets"), QLineEdit("search"),
                QPlainTextEdit("notes"), QListWidget(), table, QToolButton()]
    controls[5].addItems(["1. Item", "2. Item"])
    controls[7].setText("Interviewer guidance")
    for control in controls:
        box.addWidget(control)
    box.addWidget(QPushButton("elsewhere"))
    host.show()
    host.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is host)
    for control in controls:
        host.findChildren(QPushButton)[-1].setFocus()
        qtbot.waitUntil(lambda: not control.hasFocus())
        before = control.grab().toImage()
        control.setFocus()
        qtbot.waitUntil(control.hasFocus)
        after = control.grab().toImage()
        perimeter = 2 * (after.width() + after.height()) - 4
        ring = _ring_pixels(before, after)
        assert ring >= 0.9 * perimeter, (type(control).__name__, ring, perimeter)
