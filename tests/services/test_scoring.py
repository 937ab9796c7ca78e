"""Live scoring through the service: every interaction stored at once, the lock after submit."""

import sqlite3

import pytest

from scorecard.domain.candidate import RoundStatus
from scorecard.services.errors import CannotSubmit, InvalidInput, ScorecardLocked


@pytest.fixture
def draft(services):
    cand = services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Łukasz Wróbel")
    return services, cand, card


def _fill_round(svc, card):
    s = svc.scoring
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p2", checked=True)
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes="Described Pact contract tests.")
    s.rate(scorecard_id=card.id, item_id="q-listen", step_id="exceeds")
    s.skip(scorecard_id=card.id, item_id="ex-code", reason="Ran out of time")
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text="Solid API instincts.")


def test_every_interaction_round_trips_through_a_fresh_connection(draft, tmp_path):
    svc, cand, card = draft
    s = svc.scoring
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p1", checked=True)
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="n1", checked=True)
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="n1", checked=False)
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="exceeds")
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes="王伟 style answer — Ελληνικά, кириллица")
    s.add_time(scorecard_id=card.id, item_id="q-api", seconds=42.5)
    s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="ai")
    s.go_to(scorecard_id=card.id, item_id="q-listen")

    from scorecard.services import open_services

    with open_services(svc.database_path) as other:
        back = other.scoring.get(card.id)
    r = back.responses["q-api"]
    assert r.checked == {"p1"}
    assert r.rating == "exceeds"
    assert r.notes == "王伟 style answer — Ελληνικά, кириллица"
    assert r.seconds_spent == pytest.approx(42.5)
    assert back.responses["ex-code"].variant == "ai"
    assert back.current_item_id == "q-listen"
    assert back.interviewer == "Łukasz Wróbel"


def test_resume_returns_the_same_draft(draft):
    svc, cand, card = draft
    again = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Łukasz Wróbel")
    assert again.id == card.id
    assert again.current_item_id == "q-api"


def test_submit_requires_recommendation_summary_and_every_item(draft):
    svc, _cand, card = draft
    with pytest.raises(CannotSubmit) as err:
        svc.scoring.submit(scorecard_id=card.id)
    problems = [str(p) for p in err.value.problems]
    assert "choose an overall recommendation" in problems
    assert "write a short summary" in problems
    assert any("API contract" in p for p in problems)
    assert any("Coding test" in p for p in problems)


def test_submitted_scorecard_is_locked_and_takes_addenda(draft):
    svc, cand, card = draft
    _fill_round(svc, card)
    done = svc.scoring.submit(scorecard_id=card.id)
    assert done.is_submitted and done.submitted_at is not None
    with pytest.raises(ScorecardLocked):
        svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="below")
    with pytest.raises(ScorecardLocked):
        svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="changed")
    add = svc.scoring.add_addendum(scorecard_id=card.id, author="Łukasz Wróbel", text="Checked references: fine.")
    back = svc.scoring.get(card.id)
    assert back.responses["q-api"].rating == "meets"
    assert [a.text for a in back.addenda] == ["Checked references: fine."]
    assert back.addenda[0].created_at == add.created_at


def test_lock_holds_even_below_the_service_layer(draft):
    svc, _cand, card = draft
    _fill_round(svc, card)
    svc.scoring.submit(scorecard_id=card.id)
    conn = sqlite3.connect(svc.database_path)
    for sql in (
        "UPDATE item_response SET rating = 'below'",
        "DELETE FROM indicator_mark",
        "UPDATE scorecard SET summary = 'edited'",
        "DELETE FROM scorecard",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="locked"):
            conn.execute(sql)
    conn.close()


def test_rating_unskips_and_skipping_needs_a_reason(draft):
    svc, _cand, card = draft
    s = svc.scoring
    with pytest.raises(InvalidInput, match="say why"):
        s.skip(scorecard_id=card.id, item_id="q-api", reason="  ")
    s.skip(scorecard_id=card.id, item_id="q-api", reason="Candidate had to leave")
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    back = s.get(card.id)
    assert back.responses["q-api"].skip_reason is None
    assert back.responses["q-api"].rating == "meets"


def test_invalid_clicks_are_refused_with_reasons(draft):
    svc, _cand, card = draft
    s = svc.scoring
    with pytest.raises(InvalidInput, match="not a step"):
        s.rate(scorecard_id=card.id, item_id="q-api", step_id="amazing")
    with pytest.raises(InvalidInput, match="no indicator"):
        s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p9", checked=True)
    with pytest.raises(InvalidInput, match="not part of round"):
        s.rate(scorecard_id=card.id, item_id="ko", step_id="meets")


def test_knockout_auto_decline_flags_the_candidate_at_once(services):
    cand = services.candidates.add(name="王伟", kit_id="mini", target_level="junior")
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="screen", interviewer="Rec")
    services.scoring.choose_option(scorecard_id=card.id, item_id="ko", option_id="no")
    assert services.candidates.get(cand.id).auto_declined
    [row] = services.candidates.overview(interviewer="Rec")
    assert row.auto_declined
    services.scoring.choose_option(scorecard_id=card.id, item_id="ko", option_id="yes")
    assert not services.candidates.get(cand.id).auto_declined


def test_overview_shows_this_interviewers_status_per_round(draft):
    svc, cand, card = draft
    _fill_round(svc, card)
    svc.scoring.submit(scorecard_id=card.id)
    screen = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="screen", interviewer="Łukasz Wróbel")
    svc.scoring.choose_option(scorecard_id=screen.id, item_id="ko", option_id="yes")
    [row] = svc.candidates.overview(interviewer="Łukasz Wróbel")
    mine = {r.round_id: r.mine for r in svc.candidates.round_progress(row)}
    assert mine == {"screen": RoundStatus.DRAFT, "tech": RoundStatus.SUBMITTED}
    [other_view] = svc.candidates.overview(interviewer="Someone else")
    other_rounds = svc.candidates.round_progress(other_view)
    assert {r.mine for r in other_rounds} == {RoundStatus.NONE}
    assert {r.round_id: r.submitted for r in other_rounds} == {"screen": 0, "tech": 1}


def test_blind_until_own_scorecards_are_submitted(services):
    cand = services.candidates.add(name="Ada", kit_id="mini", target_level="mid")
    a = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="A")
    _fill_round(services, a)
    services.scoring.submit(scorecard_id=a.id)
    b = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="B")
    assert services.scoring.visible_to(candidate_id=cand.id, viewer="B") == []  # opened, nothing recorded
    services.scoring.rate(scorecard_id=b.id, item_id="q-api", step_id="meets")
    seen_by_b = services.scoring.visible_to(candidate_id=cand.id, viewer="B")
    assert [c.interviewer for c in seen_by_b] == ["B"]
    assert services.scoring.visible_to(candidate_id=cand.id, viewer="C") == []
    _fill_round(services, b)
    services.scoring.submit(scorecard_id=b.id)
    assert {c.interviewer for c in services.scoring.visible_to(candidate_id=cand.id, viewer="B")} == {"A", "B"}


def test_candidate_names_in_any_script_and_bad_input(services):
    c = services.candidates.add(name="  Zoë   Ñúñez ", kit_id="mini", target_level="senior")
    assert c.name == "Zoë Ñúñez"
    assert services.candidates.resolve("Zoë Ñúñez").id == c.id
    assert services.candidates.resolve(c.id).id == c.id
    with pytest.raises(InvalidInput, match="enter the candidate's name"):
        services.candidates.add(name=" ", kit_id="mini", target_level="mid")
    with pytest.raises(InvalidInput, match="use one of junior, mid, senior"):
        services.candidates.add(name="X", kit_id="mini", target_level="principal")


def test_a_locked_database_raises_save_failed_and_the_retry_succeeds(draft):
    from scorecard.services.errors import SaveFailed

    svc, _cand, card = draft
    blocker = sqlite3.connect(svc.database_path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    with pytest.raises(SaveFailed, match="busy"):
        svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="typed while locked")
    blocker.execute("ROLLBACK")
    blocker.close()
    svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="typed while locked")
    assert svc.scoring.get(card.id).responses["q-api"].notes == "typed while locked"


def test_a_read_only_database_raises_save_failed(draft):
    from scorecard.services.errors import SaveFailed

    svc, _cand, card = draft
    svc.db.connection.execute("PRAGMA query_only = 1")  # what SQLite reports for a read-only file
    with pytest.raises(SaveFailed, match="read-only"):
        svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="x")


def test_bulk_writes_also_report_save_failed(services):
    from scorecard.services.errors import SaveFailed

    blocker = sqlite3.connect(services.database_path, isolation_level=None, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    services.db.engine  # created with the bulk busy timeout; shorten it for the test
    from sqlalchemy import event

    event.listen(services.db.engine, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout = 50"))
    services.db.engine.dispose()
    try:
        with pytest.raises(SaveFailed, match="busy"):
            services.candidates.add(name="Ada", kit_id="mini", target_level="mid")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert services.candidates.add(name="Ada", kit_id="mini", target_level="mid").name == "Ada"


def test_panel_access_is_decided_in_one_place(services):
    from scorecard.services.scoring import PanelAccess

    cand = services.candidates.add(name="Ada", kit_id="mini", target_level="mid")
    a = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="A")
    access = services.scoring.panel_access
    assert access(candidate_id=cand.id, viewer="A") is PanelAccess.NOT_ON_PANEL  # only opened
    services.scoring.rate(scorecard_id=a.id, item_id="q-api", step_id="meets")
    assert access(candidate_id=cand.id, viewer="A") is PanelAccess.BLIND_DRAFT
    assert access(candidate_id=cand.id, viewer="Coordinator") is PanelAccess.NOT_ON_PANEL
    _fill_round(services, a)
    services.scoring.submit(scorecard_id=a.id)
    assert access(candidate_id=cand.id, viewer="A") is PanelAccess.OPEN
    screen = services.scoring.start_or_resume(candidate_id=cand.id, round_id="screen", interviewer="A")
    assert access(candidate_id=cand.id, viewer="A") is PanelAccess.OPEN  # opening a round is not scoring it
    services.scoring.choose_option(scorecard_id=screen.id, item_id="ko", option_id="yes")
    assert access(candidate_id=cand.id, viewer="A") is PanelAccess.BLIND_DRAFT


def test_a_rated_exercise_with_variants_needs_the_variant_that_ran(draft):
    svc, _cand, card = draft
    s = svc.scoring
    _fill_round(svc, card)
    s.rate(scorecard_id=card.id, item_id="ex-code", step_id="meets")
    with pytest.raises(CannotSubmit) as err:
        s.submit(scorecard_id=card.id)
    assert [(p.item_id, str(p)) for p in err.value.problems] == [("ex-code", "choose which variant ran for 'Coding test'")]
    s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="no-ai")
    assert s.submit(scorecard_id=card.id).is_submitted


def test_a_kit_version_without_the_candidates_level_refuses_a_new_round_cleanly(services):
    from tests.factories import MINI_KIT, mini_kit

    cand = services.candidates.add(name="Ada", kit_id="mini", target_level="mid")
    services.kits.import_kit(
        mini_kit(levels=[lv for lv in MINI_KIT["levels"] if lv["id"] != "mid"],
                 disciplines=[{**MINI_KIT["disciplines"][0], "competencies": [
                     {**c, "levels": {k: v for k, v in c["levels"].items() if k != "mid"}}
                     for c in MINI_KIT["disciplines"][0]["competencies"]]}]),
        source_name="m.yaml", source_text="v2",
    )
    assert [c.name for c in services.candidates.stranded_by("mini")] == ["Ada"]
    with pytest.raises(InvalidInput, match="has no level 'mid'"):
        services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="A")
    assert services.scoring.for_candidate(cand.id) == [], "no phantom draft is left behind"


def test_auto_decline_always_follows_the_answers(services):
    """Derived when read: whatever the answers say, on any scorecard, draft or submitted."""
    from pypdf import PdfReader
    import io

    cand = services.candidates.add(name="王伟", kit_id="mini", target_level="junior")
    a = services.scoring.start_or_resume(candidate_id=cand.id, round_id="screen", interviewer="A")
    b = services.scoring.start_or_resume(candidate_id=cand.id, round_id="screen", interviewer="B")
    declined = lambda: services.candidates.get(cand.id).auto_declined  # noqa: E731
    listed = lambda: services.candidates.overview(interviewer="A")[0].auto_declined  # noqa: E731
    assert not declined() and not listed()
    services.scoring.choose_option(scorecard_id=a.id, item_id="ko", option_id="yes")
    services.scoring.choose_option(scorecard_id=b.id, item_id="ko", option_id="no")
    assert declined() and listed()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        services.export.consolidated_pdf(services.candidates.get(cand.id)))).pages)
    assert "AUTO-DECLINE" in text
    services.scoring.choose_option(scorecard_id=b.id, item_id="ko", option_id=None)  # answer taken back
    assert not declined() and not listed()
    services.scoring.choose_option(scorecard_id=b.id, item_id="ko", option_id="no")
    services.scoring.discard(scorecard_id=b.id)  # the draft that declined is gone
    assert not declined() and not listed()
    assert "auto_declined" not in {r[1] for r in services.db.connection.execute("PRAGMA table_info(candidate)")}


def test_the_first_write_stores_the_authors_stable_id_with_the_card(services):
    """One transaction: there is never a stored card without its interviewer's id (#8's rule that
    a change to stored data is one transaction; the id used to follow in a second statement)."""
    cand = services.candidates.add(name="Kim", kit_id="mini", target_level="mid")
    card = services.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Rae")
    statements: list[str] = []
    services.db.connection.set_trace_callback(statements.append)
    try:
        services.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    finally:
        services.db.connection.set_trace_callback(None)
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE SCORECARD SET INTERVIEWER_ID")]
    (stored,) = services.db.connection.execute(
        "SELECT interviewer_id FROM scorecard WHERE id = ?", (card.id,)).fetchone()
    assert stored is not None and stored == services.panel.identity("Rae").id
