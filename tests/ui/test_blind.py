"""Blind by default: no other interviewer's ratings or notes until this interviewer has submitted."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QLabel, QLineEdit, QPlainTextEdit, QWidget

pytestmark = pytest.mark.gui

SECRET = "SECRET-NOTE-7731"
OTHER = "Other Interviewer"


def every_text(window: QWidget) -> str:
    """All text a person could see or a screen reader could read in the window."""
    parts: list[str] = []
    for w in window.findChildren(QWidget):
        parts += [w.toolTip(), w.accessibleName(), w.accessibleDescription()]
        if isinstance(w, QLabel):
            parts.append(w.text())
        elif isinstance(w, QAbstractButton):
            parts.append(w.text())
        elif isinstance(w, QPlainTextEdit):
            parts.append(w.toPlainText())
        elif isinstance(w, QLineEdit):
            parts.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # list models keep columnCount private: one column
                columns = 1
            for r in range(model.rowCount(QModelIndex())):
                for c in range(columns):
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                                 Qt.ItemDataRole.AccessibleTextRole):
                        value = model.index(r, c).data(role)
                        if isinstance(value, str):
                            parts.append(value)
    return "\n".join(parts)


def fill_and_submit(services, card, note: str, rating: str = "exceeds") -> None:
    s = services.scoring
    for item in ("q-api", "q-listen", "ex-code"):
        s.rate(scorecard_id=card.id, item_id=item, step_id=rating)
        s.set_notes(scorecard_id=card.id, item_id=item, notes=note)
    s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="no-ai")
    s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="ai")
    s.set_recommendation(scorecard_id=card.id, step_id="strong-yes")
    s.set_summary(scorecard_id=card.id, text=f"summary {note}")
    s.submit(scorecard_id=card.id)


def test_others_hidden_while_mine_is_a_draft_and_shown_after_submit(qtbot, services, settings, candidate,
                                                                   make_window):
    other = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=OTHER)
    fill_and_submit(services, other, SECRET)

    window = make_window(services, settings)
    page = window.candidates_page
    assert "panel: 1 submitted" in page.rounds_model.index(1, 0).data()
    assert SECRET not in every_text(window) and OTHER not in every_text(window)

    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert not scoring.read_only and scoring.blind_label.isVisible()
    for _ in range(3):
        scoring.next_item()
    text = every_text(window)
    assert SECRET not in text and OTHER not in text and "Strong yes" not in text

    # my own judgement goes in first; then the panel becomes visible
    mine = scoring.card
    scoring._on_back_requested()
    fill_and_submit(services, mine, "my own evidence", rating="meets")
    window._on_round_requested(candidate.id, "tech")
    assert scoring.read_only and scoring.locked_panel.isVisible()
    details = scoring.locked_panel.details.text()
    assert OTHER in details and SECRET in details and "Strong yes" in details


def test_a_draft_in_another_round_keeps_everything_blind(qtbot, services, settings, candidate, make_window):
    from tests.ui.conftest import INTERVIEWER

    other = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=OTHER)
    fill_and_submit(services, other, SECRET)
    mine = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    fill_and_submit(services, mine, "mine")
    screen = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="screen", interviewer=INTERVIEWER)
    services.scoring.choose_option(scorecard_id=screen.id, item_id="ko", option_id="yes")  # a real draft

    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert scoring.read_only
    text = every_text(window)
    assert SECRET not in text and OTHER not in text
    assert "hidden until you have submitted all of yours" in scoring.locked_panel.details.text()
