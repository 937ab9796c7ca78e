"""Fixtures for the Qt tests: a window factory that cleans up, settings in tmp, a candidate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget

INTERVIEWER = "Łukasz Wróbel"

#: The offscreen platform (no window manager) logs these whenever a window's minimum size
#: follows its layout, or a menu pops up — normal on a real desktop, so not a failure here.
OFFSCREEN_NOISE = (
    "This plugin does not support propagateSizeHints()",
    r"This plugin does not support raise\(\)",
    "This plugin does not support grabbing the keyboard",
)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/ui/" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(*OFFSCREEN_NOISE))


@pytest.fixture
def settings(tmp_path):
    from scorecard.ui.settings import Settings

    s = Settings(tmp_path / "settings" / "scorecard.ini")
    s.set_interviewer(INTERVIEWER)
    return s


@pytest.fixture
def blank_settings(tmp_path):
    from scorecard.ui.settings import Settings

    return Settings(tmp_path / "blank" / "scorecard.ini")


@pytest.fixture
def candidate(services):
    return services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")


@pytest.fixture
def make_window(qtbot, qapp):
    """Build a MainWindow, show and activate it; after the test, check nothing is left unsaved or running."""
    from scorecard.ui import theme
    from scorecard.ui.main_window import MainWindow

    theme.apply(qapp)
    made: list[MainWindow] = []

    def make(services, settings, size=(1366, 720)) -> MainWindow:
        window = MainWindow(services=services, settings=settings)
        qtbot.addWidget(window)
        window.resize(*size)
        window.show()
        qtbot.waitExposed(window)
        if not settings.interviewer:  # first launch: the name prompt comes up over the window
            qtbot.waitUntil(lambda: window.name_dialog is not None
                            and QApplication.activeWindow() is window.name_dialog)
        else:
            window.activateWindow()
            qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        made.append(window)
        return window

    yield make
    for window in made:
        if window.scoring_page is not None:
            window.scoring_page.stop()
            assert not window.scoring_page.item_timer.running
        assert window.guard.pending == 0, "a save was left queued"
        window.close()


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has keyboard focus"
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key on whatever has focus, as a keyboard would."""
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    """Type text into the focused widget, one key at a time (any script: 王伟 too)."""
    for ch in text:
        widget = focused()
        if ord(ch) < 128:
            qtbot.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def wait_active(qtbot, widget: QWidget) -> None:
    qtbot.waitUntil(lambda: widget.isVisible() and QApplication.activeWindow() is widget)
