"""The candidate list: instant, accent- and case-insensitive search; adding a candidate."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.ui.conftest import focused, press, type_text, wait_active

pytestmark = pytest.mark.gui

NAMES = ["Zoë Ñúñez", "王伟", "Łukasz Wróbel", "Zoe Smith", "Ana-María O'Connor"]


def test_fold_removes_case_and_accents_but_keeps_other_scripts():
    from scorecard.ui.candidates.model import fold

    assert fold("Zoë ÑÚÑEZ") == "zoe nunez"
    assert fold("Łukasz Wróbel") == "lukasz wrobel"
    assert fold("王伟") == "王伟"
    assert fold("Straße") == "strasse"


@pytest.fixture
def filled(services):
    for i, name in enumerate(NAMES):
        services.candidates.add(name=name, kit_id="mini", target_level=["junior", "mid", "senior"][i % 3])
    return services


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", NAMES),
        ("zoe", ["Zoë Ñúñez", "Zoe Smith"]),
        ("ÑUÑEZ", ["Zoë Ñúñez"]),
        ("nunez zoe", ["Zoë Ñúñez"]),
        ("王", ["王伟"]),
        ("lukasz", ["Łukasz Wróbel"]),
        ("maria o'c", ["Ana-María O'Connor"]),
        ("senior", ["Łukasz Wróbel"]),
        ("mid", ["王伟", "Ana-María O'Connor"]),
        ("mini eng", NAMES),
        ("nobody", []),
    ],
)
def test_filter(filled, query, expected, qtbot):
    from scorecard.ui.candidates.model import CandidateTableModel

    model = CandidateTableModel()
    model.set_rows(filled.candidates.overview(interviewer="X"))
    model.set_query(query)
    shown = {model.index(r, 0).data() for r in range(model.rowCount())}
    assert shown == set(expected)


def test_model_shows_status_as_text_and_icon(services, candidate, qtbot):
    from scorecard.ui.candidates.model import CandidateTableModel
    from tests.ui.conftest import INTERVIEWER

    card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    services.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    model = CandidateTableModel()
    model.set_rows(services.candidates.overview(interviewer=INTERVIEWER), progress=services.candidates.round_progress)
    mine = model.index(0, model.MINE)
    assert mine.data() == "1 draft · 1 to do"
    assert not mine.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert "Technical interview: draft (yours)" in mine.data(Qt.ItemDataRole.ToolTipRole)


def test_typing_filters_instantly(qtbot, filled, settings, make_window):
    window = make_window(filled, settings)
    page = window.candidates_page
    assert page.model.rowCount() == len(NAMES)
    type_text(qtbot, "zo")
    assert page.model.rowCount() == 2 and page.count_label.text() == f"2 of {len(NAMES)}"
    type_text(qtbot, "ë ñú")
    assert page.model.rowCount() == 1
    assert page.selected_id() is not None and page.detail_title.text() == "Zoë Ñúñez"
    type_text(qtbot, "x")
    assert page.model.rowCount() == 0 and page.empty_label.isVisible()
    press(qtbot, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.model.rowCount() == len(NAMES)


def test_add_candidate_requires_a_name_and_stores_any_script(qtbot, services, settings, make_window):
    window = make_window(services, settings)
    page = window.candidates_page
    press(qtbot, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialog = page.add_dialog
    wait_active(qtbot, dialog)
    assert focused() is dialog.name_edit
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem.isVisible() and "Enter the candidate's name" in dialog.problem.text()
    type_text(qtbot, "   ")
    press(qtbot, Qt.Key.Key_Return)
    assert dialog.isVisible() and not dialog.ok_button.isEnabled()
    assert services.candidates.all() == []

    type_text(qtbot, "王伟")
    assert dialog.ok_button.isEnabled() and not dialog.problem.isVisible()
    press(qtbot, Qt.Key.Key_Tab)  # kit
    press(qtbot, Qt.Key.Key_Tab)  # level
    assert focused() is dialog.level_combo
    assert dialog.level_combo.currentData() == "junior"  # the first level: no level is assumed
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Down)
    assert dialog.level_combo.currentData() == "senior"
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    (added,) = services.candidates.all()
    assert (added.name, added.kit_id, added.target_level) == ("王伟", "mini", "senior")
    qtbot.waitUntil(lambda: focused() is page.table)
    assert page.selected_id() == added.id
