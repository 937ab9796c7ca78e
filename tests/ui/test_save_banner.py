"""A database that refuses writes: banner, input kept on screen, retried until it is stored."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QObject, Qt

from tests.ui.conftest import press, type_text
from tests.ui.test_keyboard_round import open_tech_round_by_keyboard, reread

pytestmark = pytest.mark.gui

Ctrl = Qt.KeyboardModifier.ControlModifier


def test_read_only_database_shows_banner_keeps_input_and_retries(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    scoring = open_tech_round_by_keyboard(qtbot, window)
    card_id = scoring.card.id

    services.db.connection.execute("PRAGMA query_only = 1")
    press(qtbot, Qt.Key.Key_1, Ctrl)
    assert window.save_banner.isVisible()
    assert "read-only" in window.save_banner.message()
    assert "input stays on screen" in window.save_banner.message()
    press(qtbot, Qt.Key.Key_F5)
    press(qtbot, Qt.Key.Key_F6)  # replaces the queued F5 for the same item
    type_text(qtbot, "Typed while the disk refused")
    qtbot.waitUntil(lambda: not scoring.notes_unsaved)  # the debounce fired and queued the notes
    assert window.guard.pending >= 3
    # everything is still on screen
    assert scoring.panel.indicators.boxes["p1"].isChecked()
    assert scoring.answer.current() == "meets"
    assert scoring.notes.toPlainText() == "Typed while the disk refused"
    assert "Meets" in scoring.rail_model.index(0, 0).data()
    assert services.db.connection.execute("SELECT count(*) FROM item_response").fetchone() == (0,)

    services.db.connection.execute("PRAGMA query_only = 0")
    with qtbot.waitSignal(window.guard.recovered, timeout=3000):
        pass
    assert not window.save_banner.isVisible()
    stored = reread(services, card_id).responses["q-api"]
    assert stored.checked == {"p1"}
    assert stored.rating == "meets"
    assert stored.notes == "Typed while the disk refused"


def test_queued_saves_keep_their_order_and_newest_value_wins(qtbot):
    from scorecard.services.errors import SaveFailed
    from scorecard.ui.save_guard import SaveGuard

    guard = SaveGuard(retry_ms=20)
    disk: list[tuple[str, str]] = []
    state = {"refuse": True}

    def write(key, value):
        def run():
            if state["refuse"]:
                raise SaveFailed("the disk is full")
            disk.append((key, value))
            return value
        return run

    failures: list[str] = []
    guard.failed.connect(failures.append)
    saved_results: list[str] = []
    assert not guard.save("rating", write("rating", "below"), saved_results.append)
    assert not guard.save("notes", write("notes", "a"))
    assert not guard.save("rating", write("rating", "meets"), saved_results.append)  # replaces "below", goes last
    assert guard.pending == 2 and failures[0] == "the disk is full"
    state["refuse"] = False
    with qtbot.waitSignal(guard.recovered, timeout=2000):
        pass
    assert disk == [("notes", "a"), ("rating", "meets")]
    assert saved_results == ["meets"]
    assert guard.save("notes", write("notes", "b"))  # straight through again
    assert disk[-1] == ("notes", "b")
    QObject.deleteLater(guard)


def test_refused_for_good_is_reported_not_retried(qtbot):
    from scorecard.services.errors import ScorecardLocked
    from scorecard.ui.save_guard import SaveGuard

    guard = SaveGuard()

    def locked():
        raise ScorecardLocked("this scorecard was submitted and is locked")

    with qtbot.waitSignal(guard.rejected) as blocker:
        assert not guard.save("x", locked)
    assert "locked" in blocker.args[0]
    assert guard.pending == 0
