"""The panel in the window: assignment, edit/withdraw, import (menu and drop), the committee view, blind and open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from scorecard.services import open_services
from tests.factories import mini_kit
from tests.panel_helpers import score_round
from tests.ui.conftest import INTERVIEWER
from scorecard.ui.candidates.model import CandidateRole
from tests.ui.test_blind import every_text

pytestmark = pytest.mark.gui

SECRET = "SECRET-BO-4410"


def _other_laptop(tmp_path, pack: bytes, name: str, rounds=("tech",), step: int = 2) -> bytes:
    """Another interviewer's laptop: takes the pack, scores, returns their bundle."""
    with open_services(tmp_path / f"{name}.sqlite3") as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        assert svc.bundles.import_bytes(pack, source="pack").ok
        svc.panel.set_me(name)
        cand_id = svc.candidates.all()[0].id
        for round_id in rounds:
            score_round(svc, candidate_id=cand_id, round_id=round_id, interviewer=name, note=SECRET, step=step)
        return svc.bundles.export(candidate_ids=[cand_id], interviewer=name).data


def test_assign_import_and_the_committee_view(services, settings, candidate, make_window, qtbot, tmp_path):
    window = make_window(services, settings)
    actions = window.panel_actions
    assert window.panel_menu.isEnabled()
    window.candidates_page.select_candidate(candidate.id)

    # assign: me (the window's interviewer) and Bo to the technical round
    actions.assign_interviewers()
    dialog = actions.dialog
    dialog.round_combo.setCurrentIndex(dialog.round_combo.findData("tech"))
    dialog.names_edit.setText(f"{INTERVIEWER}, ")
    qtbot.keyClicks(dialog.names_edit, "Bo")
    qtbot.keyClick(dialog.names_edit, Qt.Key.Key_Return)
    assert [dialog.panel_list.item(i).text() for i in range(dialog.panel_list.count())] == [
        "Technical interview: Bo — none", f"Technical interview: {INTERVIEWER} — none"]
    assert "no round" not in dialog.problem.text()
    dialog.close()
    assert services.panel.me().name == INTERVIEWER

    # Bo scores on his own laptop and sends a bundle, which is dropped on the window
    pack = services.bundles.export(candidate_ids=[candidate.id], scorecards=False).data
    bundle = tmp_path / "bo.scorecard-bundle"
    bundle.write_bytes(_other_laptop(tmp_path, pack, "Bo"))
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(bundle))])
    drop = QDropEvent(QPoint(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.NoButton,
                      Qt.KeyboardModifier.NoModifier)
    # blind: I am assigned and have not submitted — my laptop refuses Bo's scorecard for now
    window.dropEvent(drop)
    assert "rejected" in window._notice_text and "not all submitted" in window._notice_text
    assert services.scoring.for_candidate(candidate.id) == []

    # (on a shared database it is there) — the committee view shows counts only
    assert services.bundles.import_file(bundle).added["scorecards"] == 1
    dlg = actions.open_committee(candidate.id)
    assert dlg.view.blind and not dlg.export_button.isEnabled()
    assert "1 submitted scorecard" in dlg.status.text()
    assert SECRET not in every_text(dlg)
    dlg.close()

    # once my own assigned round is submitted, everything side by side
    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER, step=0)
    window.dropEvent(drop)  # now my laptop takes it: nothing new here
    assert "nothing new" in window._notice_text
    dlg = actions.open_committee(candidate.id)
    assert not dlg.view.blind and dlg.export_button.isEnabled()
    heads = [dlg.side_by_side.horizontalHeaderItem(c) for c in range(dlg.side_by_side.columnCount())]
    assert len(heads) == 2 and any(h.text() == "Bo\nTechnical interview\n✓ sealed"
                                   and "sealed by Bo's laptop" in h.toolTip() for h in heads)
    assert SECRET in every_text(dlg) or any(
        SECRET in (dlg.side_by_side.item(r, c).toolTip() if dlg.side_by_side.item(r, c) else "")
        for r in range(dlg.side_by_side.rowCount()) for c in range(dlg.side_by_side.columnCount()))
    assert dlg.matrix.horizontalHeaderItem(0).text() == "Flags"  # seen without scrolling past the panel
    flags = [dlg.matrix.item(r, 0).text() for r in range(dlg.matrix.rowCount())]
    assert any("disagreement" in f for f in flags)  # Bo rated Exceeds, I rated Below
    # … and side by side the same items are marked as splits, never shown as if they agreed
    table = dlg.side_by_side
    labels = [table.verticalHeaderItem(r).text() for r in range(table.rowCount())]
    split_rows = [r for r, label in enumerate(labels) if label.startswith("⚠ split")]
    assert split_rows and all(r >= 2 for r in split_rows)  # item rows (recommendation and summary come first)
    for col in range(table.columnCount()):
        cell = table.item(split_rows[0], col)
        assert cell.text().startswith("⚠") and cell.font().bold()
        assert cell.data(Qt.ItemDataRole.AccessibleTextRole).endswith("; split")
    assert "split" in dlg.round_combo.itemText(dlg.round_combo.findData("tech"))
    assert "Every assigned round has a submitted scorecard" in dlg.status.text()
    dlg.exportRequested.disconnect(actions._on_committee_export)  # no modal file dialog in a test
    dlg.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dlg)
    with qtbot.waitSignal(dlg.exportRequested) as sig:
        qtbot.keyClick(dlg, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert sig.args == [candidate.id]
    dlg.close()
    written = actions.export_committee_pdf(candidate.id, tmp_path / "committee.pdf")
    from tests.pdf.pdf_reading import Pdf

    assert "Bo" in Pdf(written.read_bytes()).page_flat(0)


def test_edit_withdraw_reopen_and_the_coordinator_role(services, settings, candidate, make_window, qtbot):
    window = make_window(services, settings)
    actions = window.panel_actions
    window.candidates_page.select_candidate(candidate.id)
    actions.edit_candidate()
    dialog = actions.dialog
    dialog.name_edit.setText("Zoë Núñez")
    dialog.level_combo.setCurrentIndex(dialog.level_combo.findData("senior"))
    dialog._on_save()
    assert services.candidates.get(candidate.id).name == "Zoë Núñez"
    qtbot.waitUntil(lambda: "Zoë Núñez" in every_text(window.candidates_page))
    actions.withdraw_candidate()
    assert services.candidates.get(candidate.id).is_withdrawn
    qtbot.waitUntil(lambda: "withdrawn" in window.candidates_page.detail_sub.text())
    actions.reopen_candidate()
    assert not services.candidates.get(candidate.id).is_withdrawn
    # a coordinator who scores nothing sees the committee view
    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer="Bo")
    assert actions.open_committee(candidate.id).view.blind  # not on the panel and not the coordinator
    actions.committee_dialog.close()
    actions.coordinator_action.setChecked(True)
    assert "hiring coordinator" in window._notice_text
    dlg = actions.open_committee(candidate.id)
    assert not dlg.view.blind and dlg.side_by_side.columnCount() == 1
    dlg.close()


def test_own_assigned_rounds_come_first_and_enter_opens_the_next_one(services, settings, make_window, qtbot):
    from tests.ui.test_keyboard_round import press

    services.candidates.add(name="Aaron First", kit_id="mini", target_level="mid")
    mine = services.candidates.add(name="Zed Assigned", kit_id="mini", target_level="mid")
    services.panel.assign(candidate_id=mine.id, round_id="tech", interviewers=[INTERVIEWER], round_ids={"screen", "tech"})
    window = make_window(services, settings)
    page = window.candidates_page
    rows = [o.name for o in services.candidates.overview(interviewer=INTERVIEWER)]
    assert rows == ["Zed Assigned", "Aaron First"]
    first = page.model.index(0, 0).data(CandidateRole)
    assert first.name == "Zed Assigned"  # before "Aaron First" in the window's name order too
    page.select_candidate(mine.id)
    assert page.rounds_model.round_at(0).round_id == "tech" and page.rounds_model.round_at(0).assigned
    assert page.rounds_model.suggested_row() == 0
    page.focus_table()
    press(qtbot, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.scoring_page)
    assert window.scoring_page._card.round_id == "tech"


def test_the_same_person_typed_twice_is_merged_only_when_confirmed(services, settings, make_window):
    from scorecard.domain.panel import Interviewer

    window = make_window(services, settings)
    actions = window.panel_actions
    assert actions.merge_interviewers(confirm=True) == 0
    services.panel._store.add_interviewer(Interviewer("0000aaaa-other-laptop", INTERVIEWER), "2026-11-30T09:00:00")
    assert INTERVIEWER in actions.merge_preview()
    assert actions.merge_interviewers(confirm=False) == 0 and services.panel.merge_groups()
    assert actions.merge_interviewers(confirm=True) == 1
    assert not services.panel.merge_groups()
    assert "0000aaaa-other-laptop" in services.panel.ids_of(INTERVIEWER)


def test_an_assigned_round_not_started_keeps_the_scoring_view_blind(services, settings, candidate, make_window):
    """Submitted the tech round, assigned to screen too but not started: the panel stays hidden."""
    from tests.ui.test_blind import OTHER
    from tests.ui.test_blind import SECRET as OTHERS_SECRET

    services.panel.assign(candidate_id=candidate.id, round_id="screen", interviewers=[INTERVIEWER],
                          round_ids={"screen", "tech"})
    services.panel.assign(candidate_id=candidate.id, round_id="tech", interviewers=[INTERVIEWER, OTHER],
                          round_ids={"screen", "tech"})
    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=OTHER, note=OTHERS_SECRET)
    score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER, note="mine")
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    assert scoring.read_only
    assert OTHERS_SECRET not in every_text(window)
    # with the assigned screen round submitted too, the panel shows
    scoring._on_back_requested()
    score_round(services, candidate_id=candidate.id, round_id="screen", interviewer=INTERVIEWER)
    window._on_round_requested(candidate.id, "tech")
    assert OTHERS_SECRET in scoring.locked_panel.details.text()


def test_an_encrypted_bundle_asks_for_the_team_passphrase_once(services, settings, candidate, make_window, tmp_path):
    window = make_window(services, settings)
    actions = window.panel_actions
    with open_services(tmp_path / "other.sqlite3") as other:
        other.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        c = other.candidates.add(name="Encrypted Person", kit_id="mini", target_level="mid")
        data = other.bundles.export(candidate_ids=[c.id], passphrase="team secret").data
    path = tmp_path / "enc.scorecard-bundle"
    path.write_bytes(data)
    asked = []
    actions.ask_passphrase = lambda: asked.append(1) or None
    assert not actions.import_files([path])[0].ok  # cancelled: refused, nothing stored
    actions.ask_passphrase = lambda: asked.append(1) or "team secret"
    assert actions.import_files([path])[0].added["candidates"] == 1
    assert actions.import_files([path])[0].nothing_new and len(asked) == 2  # remembered for the session


def test_the_exchange_folder_is_synced_on_start_and_after_each_submit(services, settings, candidate, make_window,
                                                                      tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    services.panel.set_setting("sync_folder", str(folder))
    window = make_window(services, settings)  # on start: nothing of mine to send yet
    assert list(folder.iterdir()) == []
    card = score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    window.scoring_page.submitted.emit(card.id)
    files = [p.name for p in folder.iterdir()]
    assert len(files) == 1 and files[0].endswith(".scorecard-bundle")
    actions = window.panel_actions
    actions.sync_now()
    assert "sent 0, received 0" in window._notice_text


def test_a_pack_imported_in_the_window_names_the_panel_to_pick_yourself_from(services, settings, make_window, tmp_path):
    with open_services(tmp_path / "coordinator.sqlite3") as coord:
        coord.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        c = coord.candidates.add(name="Packed Person", kit_id="mini", target_level="mid")
        coord.panel.assign(candidate_id=c.id, round_id="tech", interviewers=["Ana Lima", "Bo Chen"],
                           round_ids={"screen", "tech"})
        pack = tmp_path / "pack.scorecard-bundle"
        pack.write_bytes(coord.bundles.export(candidate_ids=[c.id], scorecards=False).data)
        ana_id = coord.panel.identity("Ana Lima", create=False).id
    window = make_window(services, settings)
    window.panel_actions.import_files([pack])
    assert "The panel: Ana Lima, Bo Chen" in window._notice_text

    # she picks herself in the name prompt: typing offers the pack's names, Enter takes one
    window._on_change_name()
    dialog = window.name_dialog
    assert dialog.isVisible() and dialog.panel_hint is not None
    assert "Ana Lima" in dialog.panel_hint.text() and "Bo Chen" in dialog.panel_hint.text()
    completer = dialog.edit.completer()
    completer.setCompletionPrefix("lima")  # any part of the name, any case
    assert completer.currentCompletion() == "Ana Lima"
    dialog.edit.setText(completer.currentCompletion())
    dialog.accept()
    assert settings.interviewer == "Ana Lima"
    assert services.panel.me().id == ana_id  # this laptop now uses the pack's id


def test_the_exchange_folder_passphrase_is_set_from_the_panel_menu(services, settings, make_window, tmp_path):
    from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

    folder = tmp_path / "share"
    folder.mkdir()
    services.panel.set_setting("sync_folder", str(folder))
    window = make_window(services, settings)
    actions = window.panel_actions
    actions.services_ready()
    assert not actions.encrypt_action.isChecked()
    actions.ask_passphrase = lambda: None  # cancelled: nothing changes
    actions.encrypt_action.trigger()
    assert not actions.encrypt_action.isChecked() and services.panel.setting(SYNC_PASSPHRASE_REQUIRED) is None
    actions.ask_passphrase = lambda: "team secret"
    actions.encrypt_action.trigger()
    assert actions.encrypt_action.isChecked() and services.panel.setting(SYNC_PASSPHRASE_REQUIRED) == "1"
    cand = services.candidates.add(name="Kim", kit_id="mini", target_level="mid")
    score_round(services, candidate_id=cand.id, round_id="tech", interviewer=INTERVIEWER)
    actions.sync_now()
    written = list(folder.iterdir())
    assert written and all(b"ciphertext" in p.read_bytes() and b"Kim" not in p.read_bytes() for p in written)
    actions.encrypt_action.trigger()
    assert services.panel.setting(SYNC_PASSPHRASE_REQUIRED) is None and "no longer" in window._notice_text


def test_an_addendum_written_in_the_window_is_sealed_like_one_from_the_command_line(
        services, settings, candidate, make_window, qtbot):
    """The window stores an addendum through the same save as everything else: it used to skip
    the seal the command line's `add_addendum` made, so a window's addendum could be changed later
    without any report noticing."""
    card = score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    window.scoring_page._on_addendum_written("The API answer was stronger than I noted.")
    qtbot.waitUntil(lambda: window.guard.pending == 0)
    (addendum_id,) = [row[0] for row in services.db.connection.execute("SELECT id FROM addendum")]
    sealed = services.db.connection.execute("SELECT kind FROM seal WHERE subject_id = ?", (addendum_id,)).fetchall()
    assert sealed == [("addendum",)]
    services.db.connection.execute("DROP TRIGGER addendum_append_only_update")  # as another program could
    services.db.connection.execute("UPDATE addendum SET text = 'Changed later.' WHERE id = ?", (addendum_id,))
    assert services.seals.verify(card.id).status.value.startswith("tampered")


def test_the_committee_view_opens_on_a_round_whose_only_split_is_the_recommendation(
        services, settings, candidate, make_window):
    """The chooser counts a round's recommendation split; the view opens there first."""
    s = services.scoring
    for who, rec in (("Ann", 0), ("Bo", -1)):  # the same ratings, recommendations far apart
        card = score_round(services, candidate_id=candidate.id, round_id="tech", interviewer=who, submit=False)
        s.set_recommendation(scorecard_id=card.id, step_id=s.kit_for(card).recommendation_scale.steps[rec].id)
        s.submit(scorecard_id=card.id)
    for who in ("Ann", "Bo", "Cy"):  # a round with more scorecards and no split
        score_round(services, candidate_id=candidate.id, round_id="screen", interviewer=who)
    window = make_window(services, settings)
    window.panel_actions.coordinator_action.setChecked(True)
    dlg = window.panel_actions.open_committee(candidate.id)
    assert dlg.round_combo.currentData() == "tech" and "1 split" in dlg.round_combo.currentText()
    recommendation = dlg.side_by_side.item(0, 0)
    assert recommendation.text().startswith("⚠") and recommendation.font().bold()
    dlg.close()


def test_a_column_head_says_plainly_whether_its_scorecard_changed_after_submit():
    from scorecard.domain.seal import SealCheck, SealStatus
    from scorecard.ui.committee.view import seal_label

    assert seal_label(SealCheck(SealStatus.SEALED, "k")) == "✓ sealed"
    assert seal_label(SealCheck(SealStatus.NOT_SEALED)) == "not sealed"
    assert seal_label(SealCheck(SealStatus.TAMPERED, "k")) == "⚠ changed after submit"
    assert seal_label(SealCheck(SealStatus.BAD_SIGNATURE, "k")) == "⚠ changed after submit"
    assert seal_label(None) == "not sealed (draft)"
