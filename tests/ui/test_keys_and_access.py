"""The key table, the docs and the UI agree; every control has an accessible name; last-resort errors."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

pytestmark = pytest.mark.gui

DOC = Path(__file__).resolve().parents[2] / "docs" / "keyboard.md"
CONTROLS = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QAbstractItemView)


def test_docs_list_every_key(qapp):
    from scorecard.ui import keys

    text = DOC.read_text(encoding="utf-8")
    for entry in keys.KEYS:
        assert f"| {entry.display} | {entry.does}" in text, f"docs/keyboard.md misses {entry.id}"


def test_shortcut_sequences_are_unique_per_context(qapp):
    from scorecard.ui import keys

    seen: dict[str, str] = {}
    for entry in keys.KEYS:
        if entry.group == "Dialogs":
            continue
        for seq in entry.sequences:
            assert seq not in seen or entry.id in ("choose-candidate",), (seq, seen.get(seq), entry.id)
            seen[seq] = entry.id


def unnamed_controls(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if isinstance(w, CONTROLS) and w.isVisibleTo(root) and not w.accessibleName():
            if isinstance(w, QAbstractButton) and w.objectName() == "qt_scrollarea_hcontainer":
                continue
            if type(w).__name__ in ("QScrollBar",) or w.objectName().startswith("qt_"):
                continue
            out.append(f"{type(w).__name__} {w.objectName()!r} {getattr(w, 'text', lambda: '')()!r}")
    return out


def test_every_control_has_an_accessible_name_on_every_item_type(qtbot, services, settings, make_window):
    from scorecard.ui.candidates.add_dialog import AddCandidateDialog

    kit_file = Path(__file__).resolve().parents[2] / "data" / "kits" / "integration-engineer.yaml"
    services.kits.import_file(kit_file)
    candidate = services.candidates.add(name="王伟", kit_id="integration-engineer", target_level="senior")
    window = make_window(services, settings)
    assert unnamed_controls(window) == []
    dialog = AddCandidateDialog(services, window)
    qtbot.addWidget(dialog)
    assert unnamed_controls(dialog) == []

    _vid, kit = services.kits.latest("integration-engineer")
    seen_types = set()
    for round_ in kit.rounds:
        window._on_round_requested(candidate.id, round_.id)
        scoring = window.scoring_page
        for index, item in enumerate(scoring._items):
            if item.type in seen_types:
                continue
            seen_types.add(item.type)
            scoring.go_to_index(index)
            assert unnamed_controls(window) == [], item.type
        scoring._on_back_requested()
    assert seen_types == {"knockout_question", "video_question", "resume_criterion", "attitude_question",
                          "competency_question", "exercise"}


def test_excepthook_logs_and_explains(qtbot, tmp_path, caplog):
    from scorecard.ui.app import ExceptionDialogHook

    parent = QWidget()
    qtbot.addWidget(parent)
    hook = ExceptionDialogHook(parent, tmp_path / "scorecard.log")
    try:
        raise RuntimeError("boom")
    except RuntimeError as exc:
        with caplog.at_level(logging.ERROR, logger="scorecard.ui"):
            hook(type(exc), exc, exc.__traceback__)
    # the log and the report hold the type and code locations, never the message (it may quote user data)
    assert "Traceback" in caplog.text and "RuntimeError" in caplog.text and "boom" not in caplog.text
    assert hook.dialog is not None and hook.dialog.isVisible()
    assert "RuntimeError" in hook.dialog.text() and "boom" not in hook.dialog.text()
    assert "Everything you entered" not in hook.dialog.informativeText()  # no promise it cannot keep
    from scorecard import paths

    reports = list(paths.user_log_dir().glob("crash-*.log"))
    assert len(reports) == 1 and str(reports[0]) in hook.dialog.informativeText()
    assert "boom" not in reports[0].read_text() and (reports[0].stat().st_mode & 0o777) == 0o600
    hook.dialog.close()


def test_time_on_an_item_is_stored_in_chunks_and_on_leaving(qtbot, services, settings, candidate, make_window,
                                                           monkeypatch):
    from scorecard.ui.scoring import timer

    monkeypatch.setattr(timer, "CHUNK_SECONDS", 0.05)
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    card_id = scoring.card.id
    qtbot.waitUntil(lambda: scoring.card.responses["q-api"].seconds_spent > 0, timeout=3000)
    assert scoring.card.round_seconds > 0
    assert services.db.connection.execute("SELECT count(*) FROM scorecard").fetchone() == (0,)  # only looked at
    scoring._on_indicator_key("p1")  # the first interaction (Ctrl+1) stores the card
    qtbot.waitUntil(lambda: services.db.connection.execute(
        "SELECT count(*) FROM item_response WHERE item_id = 'q-api' AND seconds_spent > 0").fetchone() == (1,),
        timeout=3000)
    before = services.db.connection.execute("SELECT round_seconds FROM scorecard").fetchone()[0]
    qtbot.waitUntil(lambda: services.db.connection.execute(
        "SELECT round_seconds FROM scorecard").fetchone()[0] > before, timeout=3000)  # the round clock too
    assert "of" not in scoring.timer_label.text() or "min" in scoring.timer_label.text()
    scoring.next_item()
    scoring.next_item()
    assert "of 20 min" in scoring.timer_label.text()  # the exercise's response time
