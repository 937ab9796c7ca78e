"""Help ▸ About: version, data directory, database and schema revision, copyable for IT."""

from __future__ import annotations

import pytest

from scorecard import __version__

pytestmark = pytest.mark.gui


def test_about_shows_version_paths_and_schema(qtbot, services):
    from scorecard.storage.database import SCHEMA_REVISION
    from scorecard.ui.about_dialog import AboutDialog

    dialog = AboutDialog(services)
    qtbot.addWidget(dialog)
    facts = dict(dialog.facts)
    assert facts["Version"] == __version__
    assert facts["Database"] == str(services.database_path)
    assert facts["Data directory"] == str(services.database_path.parent)
    assert facts["Schema revision"] == SCHEMA_REVISION
    assert dialog.values["Schema revision"].text() == SCHEMA_REVISION
    dialog.copy_details()
    from PySide6.QtGui import QGuiApplication

    copied = QGuiApplication.clipboard().text()
    assert f"Version: {__version__}" in copied and str(services.database_path) in copied


def test_about_before_the_database_is_open(qtbot, tmp_path):
    from scorecard.ui.about_dialog import AboutDialog

    dialog = AboutDialog(None, database_path=tmp_path / "x.sqlite3")
    qtbot.addWidget(dialog)
    facts = dict(dialog.facts)
    assert facts["Database"] == str(tmp_path / "x.sqlite3")
    assert facts["Schema revision"] == "not open"


def test_app_icon_has_every_size(qapp):
    from scorecard.ui.about_dialog import ICON_SIZES, app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert {s.width() for s in icon.availableSizes()} >= set(ICON_SIZES)


def test_help_menu_opens_about(qtbot, services, settings, make_window):
    from scorecard.storage.database import SCHEMA_REVISION

    window = make_window(services, settings)
    window.about_action.trigger()
    qtbot.waitUntil(lambda: window.about_dialog is not None and window.about_dialog.isVisible())
    assert window.about_dialog.values["Schema revision"].text() == SCHEMA_REVISION
    assert window.about_dialog.values["Database"].text() == str(services.database_path)
    window.about_dialog.close()
