"""Small things of a first day: About shows absolute paths that wrap only after a '/'; save
dialogs start in Documents (or home) and then in the folder used last, across sessions."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import press
from tests.ui.test_export_ui import FakeChooser, FakeConfirmation

pytestmark = pytest.mark.gui


def test_about_shows_absolute_paths_broken_only_after_separators(qtbot, tmp_path, monkeypatch):
    from scorecard.ui.about_dialog import AboutDialog
    from scorecard.ui.widgets import LONG_RUN, ZWSP

    monkeypatch.chdir(tmp_path)
    dialog = AboutDialog(None, database_path=Path(".demo") / "demo.sqlite3")
    qtbot.addWidget(dialog)
    facts = dict(dialog.facts)
    assert facts["Database"] == str(tmp_path / ".demo" / "demo.sqlite3")
    assert facts["Data directory"] == str(tmp_path / ".demo")
    for label in ("Database", "Data directory", "Settings"):
        assert Path(facts[label]).is_absolute(), label
        field = dialog.values[label]
        assert field.text() == facts[label]  # as it is, for copying
        shown = super(type(field), field).text()  # what is drawn: break points only after a separator
        for name in re.split(r"[/\\]\u200b?", shown):  # only a name too long for a line is broken
            if len(name.replace(ZWSP, "")) <= LONG_RUN:
                assert ZWSP not in name, f"{label}: a break inside {name!r}"
        assert shown.count("/" + ZWSP) == facts[label].count("/") - (1 if facts[label].endswith("/") else 0)
    assert "settings" in super(type(dialog.values["Settings"]), dialog.values["Settings"]).text()


def test_save_dialogs_start_in_documents_then_where_used_last(qtbot, services, settings, candidate, make_window,
                                                              tmp_path, monkeypatch):
    from scorecard.ui.file_dialogs import documents_folder

    monkeypatch.chdir(tmp_path)  # the "program's folder": never offered
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    out = tmp_path / "elsewhere" / "zoe.pdf"
    out.parent.mkdir()
    exports.chooser = FakeChooser(file=out)
    exports.confirmation = FakeConfirmation(True)
    window.candidates_page.focus_table()
    with qtbot.waitSignal(exports.finished, timeout=60_000):
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    first = exports.chooser.asked[0][2]
    assert first.parent == documents_folder() and first.parent != Path(os.getcwd())
    assert settings.last_folder("export") == str(out.parent)

    # a new window (the next session) with the same settings starts where the last export went
    from scorecard.ui.settings import Settings

    again = make_window(services, Settings(settings.path))
    chooser = FakeChooser(folder=None)
    again.candidates_page.exports.chooser = chooser
    again.candidates_page.exports.export_all()
    assert chooser.asked[0][2] == out.parent


def test_qt_file_dialog_is_wide_enough_for_its_columns(qtbot, tmp_path):
    from PySide6.QtWidgets import QFileDialog, QHeaderView, QTreeView

    from scorecard.ui import file_dialogs

    (tmp_path / "a report with a rather long file name.pdf").write_bytes(b"%PDF")
    dialog = QFileDialog(None, "Save", str(tmp_path), "PDF files (*.pdf)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    file_dialogs._readable(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    view = next(v for v in dialog.findChildren(QTreeView) if v.isVisible())
    header = view.header()
    last = header.count() - 1  # Date Modified
    assert header.sectionResizeMode(last) == QHeaderView.ResizeMode.ResizeToContents
    assert header.sectionSize(last) >= header.sectionSizeHint(last)
    dialog.close()
