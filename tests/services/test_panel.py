"""Candidates edited and withdrawn, interviewers with stable ids, assignments, and the blind rule by assignment."""

import sqlite3

import pytest

from scorecard.domain.panel import PanelAccess, Role
from scorecard.services.errors import InvalidInput
from tests.panel_helpers import score_round


@pytest.fixture
def cand(services):
    return services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")


def test_edit_withdraw_and_reopen_a_candidate(services, cand):
    edited = services.candidates.edit(candidate_id=cand.id, name="  Zoë   Núñez ", target_level="senior")
    assert (edited.name, edited.target_level) == ("Zoë Núñez", "senior")
    with pytest.raises(InvalidInput, match="use one of junior, mid, senior"):
        services.candidates.edit(candidate_id=cand.id, target_level="staff")
    assert services.candidates.withdraw(candidate_id=cand.id).is_withdrawn
    assert not services.candidates.reopen(candidate_id=cand.id).is_withdrawn


def test_a_round_may_have_several_interviewers_with_stable_ids(services, cand):
    people = services.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana", "Bo"],
                                   round_ids={"screen", "tech"})
    again = services.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana"], round_ids={"screen", "tech"})
    assert again[0].id == people[0].id
    view = services.panel.panel(cand.id)
    assert [(a.round_id, a.interviewer.name, a.status) for a in view.assigned] == [("tech", "Ana", "none"), ("tech", "Bo", "none")]
    with pytest.raises(InvalidInput, match="no round 'lunch'"):
        services.panel.assign(candidate_id=cand.id, round_id="lunch", interviewers=["Ana"], round_ids={"screen", "tech"})


def test_a_new_scorecard_carries_its_interviewers_id(services, cand):
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Ana")
    services.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="first interaction stores it")
    ana = services.panel.identity("Ana", create=False)
    row = services.db.connection.execute("SELECT interviewer_id FROM scorecard WHERE id = ?", (card.id,)).fetchone()
    assert row[0] == ana.id


def test_assigned_interviewer_is_blind_until_all_their_assigned_rounds_are_submitted(services, cand):
    rounds = {"screen", "tech"}
    services.panel.assign(candidate_id=cand.id, round_id="screen", interviewers=["Ana"], round_ids=rounds)
    services.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana", "Bo"], round_ids=rounds)
    score_round(services, candidate_id=cand.id, round_id="tech", interviewer="Bo")
    access = services.scoring.panel_access
    # assigned, nothing started: blind (not "not on panel")
    assert access(candidate_id=cand.id, viewer="Ana") is PanelAccess.BLIND_DRAFT
    assert [c.interviewer for c in services.scoring.visible_to(candidate_id=cand.id, viewer="Ana")] == []
    # one of two assigned rounds submitted: still blind
    score_round(services, candidate_id=cand.id, round_id="screen", interviewer="Ana")
    assert access(candidate_id=cand.id, viewer="Ana") is PanelAccess.BLIND_DRAFT
    # a started-then-discarded draft does not lift it
    draft = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Ana")
    services.db.connection.execute("DELETE FROM scorecard WHERE id = ?", (draft.id,))
    assert access(candidate_id=cand.id, viewer="Ana") is PanelAccess.BLIND_DRAFT
    score_round(services, candidate_id=cand.id, round_id="tech", interviewer="Ana")
    assert access(candidate_id=cand.id, viewer="Ana") is PanelAccess.OPEN
    assert {c.interviewer for c in services.scoring.visible_to(candidate_id=cand.id, viewer="Ana")} == {"Ana", "Bo"}
    # Bo submitted his one assigned round: open
    assert access(candidate_id=cand.id, viewer="Bo") is PanelAccess.OPEN


def test_the_coordinator_role_is_explicit_and_sees_everything(services, cand):
    services.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana"], round_ids={"screen", "tech"})
    score_round(services, candidate_id=cand.id, round_id="tech", interviewer="Ana")
    access = services.scoring.panel_access
    assert access(candidate_id=cand.id, viewer="Cy") is PanelAccess.NOT_ON_PANEL
    assert access(candidate_id=cand.id, viewer="Cy", as_coordinator=True) is PanelAccess.OPEN
    services.panel.set_role(Role.COORDINATOR)
    assert access(candidate_id=cand.id, viewer="Cy") is PanelAccess.OPEN


def test_who_am_i_is_remembered_by_the_database(services, tmp_path):
    me = services.panel.set_me("Ana")
    from scorecard.services import open_services

    with open_services(services.database_path) as again:
        assert again.panel.me() == me
        assert again.panel.set_me(me.id) == me  # picking yourself by id from a pack


def test_migration_turns_existing_scorecard_names_into_interviewers(tmp_path):
    """A database from before 0005 with submitted scorecards gains interviewer rows by name; the lock stays."""
    from scorecard.services import open_services
    from tests.factories import mini_kit

    path = tmp_path / "old.sqlite3"
    with open_services(path) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# t")
        c = svc.candidates.add(name="X", kit_id="mini", target_level="mid")
        score_round(svc, candidate_id=c.id, round_id="tech", interviewer="Ana")
        score_round(svc, candidate_id=c.id, round_id="screen", interviewer="Ana")
    conn = sqlite3.connect(path)
    conn.execute("DROP TRIGGER scorecard_locked_update")
    conn.execute("UPDATE scorecard SET interviewer_id = NULL")
    for t in ("interviewer", "interviewer_alias", "assignment", "setting", "seal", "bundle_seen",
              "tombstone", "committee_decision", "assignment_removal"):  # everything after 0004, the revision before 0005
        conn.execute(f"DROP TABLE {t}")
    conn.execute("DROP INDEX ix_scorecard_interviewer_id")
    conn.execute("ALTER TABLE scorecard DROP COLUMN interviewer_id")
    conn.execute("ALTER TABLE candidate DROP COLUMN withdrawn_at")
    conn.execute("ALTER TABLE candidate DROP COLUMN updated_at")
    conn.execute("UPDATE alembic_version SET version_num = '0004'")
    conn.commit()
    conn.close()
    with open_services(path) as svc:
        ids = {r[0] for r in svc.db.connection.execute("SELECT interviewer_id FROM scorecard")}
        assert len(ids) == 1 and None not in ids
        assert svc.panel.identity("Ana", create=False).id in ids
        with pytest.raises(sqlite3.IntegrityError, match="locked"):
            svc.db.connection.execute("UPDATE scorecard SET summary = 'x'")
        # submitted before seals existed: "not sealed", never "tampered" — here and after an exchange
        card_ids = [r[0] for r in svc.db.connection.execute("SELECT id FROM scorecard")]
        assert {svc.seals.verify(i).status.value for i in card_ids} == {"not sealed"}
        bundle = svc.bundles.export(candidate_ids=None)
    with open_services(tmp_path / "other.sqlite3") as other:
        other.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# t")
        assert other.bundles.import_bytes(bundle.data, source="old").added["scorecards"] == 2
        assert {other.seals.verify(i).status.value for i in card_ids} == {"not sealed"}


def test_the_committee_report_cover_names_assigned_rounds_not_yet_submitted(services, cand):
    from tests.pdf.pdf_reading import Pdf

    services.panel.assign(candidate_id=cand.id, round_id="tech", interviewers=["Ana", "Bo"], round_ids={"screen", "tech"})
    score_round(services, candidate_id=cand.id, round_id="tech", interviewer="Bo")
    services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Ana")
    cover = Pdf(services.export.consolidated_pdf(cand)).flat
    assert "Assigned, not yet submitted Technical interview — Ana" in cover
    assert "— Bo" not in cover


def test_a_scorecard_is_never_stored_submitted_without_its_seal(services, monkeypatch):
    """Submit and seal are one transaction: if the seal cannot be written, the submit does not
    land either (before, a crash between the two left a submitted card reading "not sealed")."""
    from scorecard.services.errors import SaveFailed
    from scorecard.storage.panel_store import PanelStore

    cand = services.candidates.add(name="Kim", kit_id="mini", target_level="mid")
    card = score_round(services, candidate_id=cand.id, round_id="tech", interviewer="Ann", submit=False)

    def broken(self, seal):
        self._w("INSERT INTO seal (subject_id) VALUES (NULL)")  # a write that fails inside the transaction

    monkeypatch.setattr(PanelStore, "add_seal", broken)
    with pytest.raises(SaveFailed):
        services.scoring.submit(scorecard_id=card.id)
    row = services.db.connection.execute("SELECT status FROM scorecard WHERE id = ?", (card.id,)).fetchone()
    assert row == ("draft",) and services.scoring.get(card.id).status.value == "draft"
    assert not services.db.connection.in_transaction

    monkeypatch.undo()
    services.scoring.submit(scorecard_id=card.id)
    assert services.seals.verify(card.id).status.value == "sealed"
    # an addendum whose seal fails is not stored, and not kept in memory either
    monkeypatch.setattr(PanelStore, "add_seal", broken)
    with pytest.raises(SaveFailed):
        services.scoring.add_addendum(scorecard_id=card.id, author="Ann", text="Lost.")
    assert services.scoring.get(card.id).addenda == []
    assert services.db.connection.execute("SELECT count(*) FROM addendum").fetchone() == (0,)
    monkeypatch.undo()
    added = services.scoring.add_addendum(scorecard_id=card.id, author="Ann", text="One more thing.")
    assert services.db.connection.execute("SELECT count(*) FROM seal WHERE subject_id = ?", (added.id,)).fetchone() == (1,)
