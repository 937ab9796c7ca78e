"""Focus is visible and the dark palette is readable — checked against whatever the theme provides.

The theme itself (colours, contrast, the focus ring) belongs to the accessibility work (#13);
these tests only state what #12 needs of it: moving the keyboard changes how the focused control
looks, and text and rating options in the dark palette have a contrast of at least 4.5:1.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPalette

from tests.ui.conftest import focused

pytestmark = pytest.mark.gui

MIN_CONTRAST = 4.5


def luminance(color: QColor) -> float:
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(color.redF()) + 0.7152 * channel(color.greenF()) + 0.0722 * channel(color.blueF())


def contrast(a: QColor, b: QColor) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def dark_palette() -> QPalette:
    """A typical desktop dark palette (the one scripts/screenshots.py renders with)."""
    p = QPalette()
    for role, color in {
        QPalette.ColorRole.Window: "#2b2d30", QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1e1f22", QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e6e6e6", QPalette.ColorRole.Button: "#35373b",
        QPalette.ColorRole.ButtonText: "#e6e6e6", QPalette.ColorRole.Highlight: "#2f65ca",
        QPalette.ColorRole.HighlightedText: "#ffffff", QPalette.ColorRole.PlaceholderText: "#8c8f94",
        QPalette.ColorRole.Mid: "#4a4d52", QPalette.ColorRole.Midlight: "#3c3f44",
        QPalette.ColorRole.Light: "#505357", QPalette.ColorRole.Dark: "#1a1b1d",
        QPalette.ColorRole.Shadow: "#000000",
    }.items():
        p.setColor(role, QColor(color))
    return p


def image(widget) -> QImage:
    return widget.grab().toImage()


def test_focus_is_visible(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    page = window.candidates_page
    page.select_candidate(candidate.id)
    controls = [page.search, page.table, page.rounds]
    for control in controls:
        other = next(c for c in controls if c is not control)
        other.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda other=other: focused() is other)
        without = image(control)
        control.setFocus(Qt.FocusReason.TabFocusReason)
        qtbot.waitUntil(lambda control=control: focused() is control)
        with_focus = image(control)
        assert with_focus != without, f"{control.accessibleName() or control.objectName()}: focus does not show"


def dominant_color(img: QImage, exclude: QColor | None = None) -> QColor:
    counts = Counter(img.pixel(x, y) for x in range(0, img.width(), 2) for y in range(0, img.height(), 2))
    for rgb, _n in counts.most_common():
        color = QColor(rgb)
        if exclude is None or color != exclude:
            return color
    return QColor(counts.most_common(1)[0][0])


@pytest.fixture
def dark_app(qapp):
    from scorecard.ui import theme

    before = qapp.palette()
    qapp.setPalette(dark_palette())
    theme.apply(qapp)
    yield qapp
    qapp.setPalette(before)
    theme.apply(qapp)


def test_dark_palette_text_and_rating_options_have_contrast(qtbot, dark_app, services, settings, candidate,
                                                            make_window):
    from scorecard.ui import theme

    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    palette = scoring.palette()
    pairs = {
        "text on window": (palette.color(QPalette.ColorRole.WindowText), palette.color(QPalette.ColorRole.Window)),
        "text in fields": (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.Base)),
        "button text": (palette.color(QPalette.ColorRole.ButtonText), palette.color(QPalette.ColorRole.Button)),
        "quiet text (key hints)": (theme.muted(palette), palette.color(QPalette.ColorRole.Window)),
    }
    for name in ("positive", "negative"):
        pairs[f"{name} tone"] = (theme.tone(name, palette), palette.color(QPalette.ColorRole.Window))
    # each rating option: its label's colour on the option's own background, as drawn
    scoring.answer.options[1].radio.click()  # one chosen, drawn with its highlight
    for i, option in enumerate(scoring.answer.options):
        img = image(option)
        background = dominant_color(img)  # the option's own fill (its edge is the focus/selection ring)
        label_color = option.label.palette().color(option.label.foregroundRole())
        pairs[f"rating option {i + 1}"] = (label_color, background)
    low = {name: round(contrast(a, b), 2) for name, (a, b) in pairs.items() if contrast(a, b) < MIN_CONTRAST}
    assert not low, f"below {MIN_CONTRAST}:1 in the dark palette: {low}"
