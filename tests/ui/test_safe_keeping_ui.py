"""Scorecard ▸ Back up now / Backups… in the window: the same backups as the CLI."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QApplication, QMessageBox


def test_back_up_now_and_restore_from_the_window(qtbot, services, settings, make_window, monkeypatch):
    from scorecard.ui.safe_keeping import BackupDialog, restore_in_window

    services.candidates.add(name="Kept In Backup", kit_id="mini", target_level="mid")
    window = make_window(services, settings)
    actions = {a.objectName(): a for a in window.safe_keeping_actions}
    actions["backUpNowAction"].trigger()
    made = services.backups.list()
    assert len(made) == 1 and made[0].reason == "manual"
    assert window.notice.isVisible() and made[0].id in window.notice.text.text()

    services.candidates.add(name="Added Later", kit_id="mini", target_level="mid")
    dialog = BackupDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 1 and made[0].id == dialog.list.item(0).data(0x0100)

    shown = []
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: shown.append(a[2]))
    monkeypatch.setattr(QApplication, "quit", lambda: shown.append("quit"))
    db_path = services.database_path
    assert restore_in_window(window, made[0].id)
    assert "is now the database" in shown[0] and shown[-1] == "quit"
    conn = sqlite3.connect(db_path)
    assert [r[0] for r in conn.execute("SELECT name FROM candidate")] == ["Kept In Backup"]
    conn.close()
