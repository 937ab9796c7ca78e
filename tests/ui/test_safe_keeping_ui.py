"""Scorecard ▸ Back up now / Backups… in the window: the same backups as the CLI."""

from __future__ import annotations

import sqlite3

from PySide6.QtWidgets import QApplication, QMessageBox


def test_back_up_now_and_restore_from_the_window(qtbot, services, settings, make_window, monkeypatch):
    from scorecard.ui.backup_dialog import BackupDialog
    from scorecard.ui.safe_keeping import restore_in_window

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


def test_a_damaged_file_is_reported_in_plain_words_with_the_newest_good_backup(qtbot, tmp_path, settings,
                                                                               make_window):
    import hashlib

    from scorecard.services import open_services
    from scorecard.ui.main_window import MainWindow
    from tests.factories import mini_kit
    from tests.safe_data import NAME, damage_an_index, scored_candidate

    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        scored_candidate(svc)  # makes the day's backup
    damage_an_index(db)
    before = hashlib.sha256(db.read_bytes()).hexdigest()

    window = MainWindow(services=None, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_database(db)  # the list opens at once; the check runs meanwhile
    qtbot.waitUntil(lambda: getattr(window, "damage_box", None) is not None and window.damage_box.isVisible(),
                    timeout=5000)
    box = window.damage_box
    assert "damaged" in box.text()
    assert "newest good backup" in box.informativeText() and NAME not in box.informativeText()
    assert {b.text() for b in box.buttons()} == {"Restore the backup", "Not now"}
    box.reject()
    assert window.services.db.damage is not None
    window.close()
    assert hashlib.sha256(db.read_bytes()).hexdigest() == before


def test_erase_the_selected_candidate_from_the_window(qtbot, services, settings, make_window, monkeypatch):
    from scorecard.ui import safe_keeping
    from tests.safe_data import NAME, scored_candidate

    cand, _card = scored_candidate(services)
    keep = services.candidates.add(name="Stays Here", kit_id="mini", target_level="mid")
    window = make_window(services, settings)
    assert window.candidates_page.select_candidate(cand.id)
    questions = []

    def answer(_parent, title, text, _yes):
        questions.append((title, text))
        return True

    monkeypatch.setattr(safe_keeping, "ask", answer)
    next(a for a in window.safe_keeping_actions if a.objectName() == "eraseCandidateAction").trigger()
    assert "1 scorecard(s), 1 of them submitted" in questions[0][1] and NAME in questions[0][1]
    assert "backup" in questions[1][0].lower()
    assert [c.id for c in services.candidates.all()] == [keep.id]
    assert services.erasure.is_erased(cand.id)
    assert services.erasure.backups_holding(cand.id) == []
    assert "was erased" in window.notice.text.text()


def test_a_file_that_cannot_be_opened_offers_its_newest_good_backup(qtbot, tmp_path, settings, monkeypatch):
    from scorecard.services import open_services
    from scorecard.ui import safe_keeping
    from scorecard.ui.main_window import MainWindow
    from tests.factories import mini_kit
    from tests.safe_data import NAME, scored_candidate

    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        scored_candidate(svc)
    db.write_bytes(b"\x00" * 4096)  # the first page is gone
    window = MainWindow(services=None, settings=settings)
    qtbot.addWidget(window)
    window.show()
    assert not window.open_database(db)
    button = window.restore_button
    assert button.isVisible() and "newest good backup" in button.text()
    monkeypatch.setattr(safe_keeping, "ask", lambda *a: True)
    button.click()
    assert window.services is not None
    assert [c.name for c in window.services.candidates.all()] == [NAME]
    assert list(tmp_path.glob("scorecard.sqlite3.damaged-*"))
    window.close()
