"""A window that opens a new database stores the kits shipped with the app, so candidates can be added at once."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import press, type_text, wait_active

pytestmark = pytest.mark.gui

BUNDLED_TITLE = "Integration Engineer / Lead Integration Engineer"
IMPORT_TIMEOUT_MS = 30_000


@pytest.fixture
def open_window(qtbot, qapp, settings):
    """A MainWindow without services, shown, that opens the database itself (as the app does)."""
    from scorecard.ui import theme
    from scorecard.ui.main_window import MainWindow

    theme.apply(qapp)
    windows = []

    def make() -> MainWindow:
        window = MainWindow(services=None, settings=settings)
        qtbot.addWidget(window)
        window.resize(1366, 720)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()


def test_a_new_database_gets_the_bundled_kit_and_add_candidate_offers_it(qtbot, open_window, tmp_path):
    window = open_window()
    db = tmp_path / "fresh.sqlite3"
    with qtbot.waitSignal(window.bundledKitsImported, timeout=IMPORT_TIMEOUT_MS) as imported:
        assert window.open_database(db)
    assert imported.args == [True]
    assert [v.kit_id for v in window.services.kits.versions()] == ["integration-engineer"]
    assert not window.notice.isVisible()

    page = window.candidates_page
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.add_dialog
    wait_active(qtbot, dialog)
    assert [dialog.kit_combo.itemText(i) for i in range(dialog.kit_combo.count())] == [BUNDLED_TITLE]
    assert dialog.level_combo.count() > 0
    type_text(qtbot, "Zoë Ñúñez")
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisible()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert [page.model.overview(0).name] == ["Zoë Ñúñez"] and page.model.rowCount() == 1

    # opening it again finds the kit stored: no new version
    window.close()
    again = open_window()
    with qtbot.waitSignal(again.bundledKitsImported, timeout=IMPORT_TIMEOUT_MS):
        again.open_database(db)
    assert len(again.services.kits.versions()) == 1


def test_the_add_dialog_opened_while_the_kits_load_offers_them_when_they_arrive(qtbot, open_window, tmp_path,
                                                                                monkeypatch):
    from scorecard.services.kit_library import KitLibrary

    gate = threading.Event()
    original = KitLibrary.import_bundled

    def held(self):
        assert gate.wait(10), "the test never released the import"
        return original(self)

    monkeypatch.setattr(KitLibrary, "import_bundled", held)
    window = open_window()
    window.open_database(tmp_path / "fresh.sqlite3")
    window.candidates_page.open_add_dialog()
    dialog = window.candidates_page.add_dialog
    wait_active(qtbot, dialog)
    assert dialog.kit_combo.count() == 0 and not dialog.ok_button.isEnabled()
    assert dialog.problem.text() == "Loading the kits shipped with Scorecard…"

    with qtbot.waitSignal(window.bundledKitsImported, timeout=IMPORT_TIMEOUT_MS):
        gate.set()
    assert dialog.kit_combo.currentText() == BUNDLED_TITLE and dialog.level_combo.count() > 0
    assert dialog.problem.text() == "Enter the candidate's name."
    dialog.reject()


def test_a_broken_bundled_kit_is_a_message_not_a_traceback(qtbot, open_window, tmp_path, monkeypatch, caplog):
    from scorecard import paths

    broken = tmp_path / "kits" / "broken-kit.yaml"
    broken.parent.mkdir()
    broken.write_text("id: broken\ntitle: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(paths, "bundled_kits", lambda: [broken])
    window = open_window()
    with qtbot.waitSignal(window.bundledKitsImported, timeout=IMPORT_TIMEOUT_MS) as imported:
        assert window.open_database(tmp_path / "fresh.sqlite3")
    assert imported.args == [False]
    assert window.stack.currentWidget() is window.candidates_page  # the window works on
    message = window.notice.message()
    assert window.notice.isVisible()
    assert "The kit shipped with Scorecard could not be loaded" in message
    assert "broken-kit.yaml:3:1: invalid YAML" in message and "Reinstalling Scorecard" in message
    assert "Traceback" not in message and "Traceback" not in caplog.text

    window.candidates_page.open_add_dialog()
    dialog = window.candidates_page.add_dialog
    assert dialog.problem.text().startswith("No kit is stored yet")
    dialog.reject()
