"""The Committee menu: record the committee's decision in a dialog, write the calibration report (issue #11)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.gui


def test_record_a_decision_from_the_committee_menu(qtbot, services, settings, candidate, make_window, tmp_path):
    window = make_window(services, settings)
    window.candidates_page.focus_table()
    actions = window.committee_actions
    assert actions.decide_action in window.committee_menu.actions()
    assert actions.calibration_action in window.committee_menu.actions()
    dialog = actions.open_decision()
    assert dialog is not None and dialog.windowTitle() == "Committee decision — Zoë Ñúñez"
    assert dialog.level.currentData() == "mid"  # the candidate's target level to start with
    assert dialog.by.text() == settings.interviewer
    dialog.grab().save(str(tmp_path / "decision-dialog.png"))
    # a hire with no reasons is not saved: the dialog says why and stays open
    dialog.why.setPlainText("")
    dialog.buttons.accepted.emit()
    assert "write why" in dialog.problem.text() and dialog.isVisible()
    assert services.decisions.latest(candidate.id) is None
    dialog.decision.setCurrentIndex(dialog.decision.findData("hire"))
    dialog.why.setPlainText("Clear evidence at Mid across both rounds.")
    with qtbot.waitSignal(dialog.recorded):
        dialog.buttons.accepted.emit()
    made = services.decisions.latest(candidate.id)
    assert (made.decision, made.level_id, made.decided_by) == ("hire", "mid", settings.interviewer)
    assert "Committee decision recorded: Hire at Mid" in window.notice.message()
    sheet = PdfReader(io.BytesIO(services.export.consolidated_pdf(candidate))).pages[0].extract_text()
    assert "Clear evidence at Mid across both rounds." in " ".join(sheet.split())


def test_calibration_report_from_the_menu(qtbot, services, settings, candidate, make_window, tmp_path):
    window = make_window(services, settings)
    out = tmp_path / "cal.pdf"
    assert window.committee_actions.export_calibration(str(out)) == out
    assert "INTERVIEWER CALIBRATION" in PdfReader(str(out)).pages[0].extract_text()
    assert str(out) in window.notice.message()
