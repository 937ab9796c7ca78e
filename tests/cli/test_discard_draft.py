"""`scorecard discard-draft`: a draft goes, a submitted scorecard stays, an open window holds the file."""

from __future__ import annotations

from scorecard.cli.main import main


def _draft(path):
    from scorecard.services import open_services
    from tests.factories import mini_kit

    with open_services(path) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
        cand = svc.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
        card = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="Ann")
        svc.scoring.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    return cand


def _count(path) -> int:
    import sqlite3

    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM scorecard").fetchone()[0]
    finally:
        conn.close()


def test_discard_draft_with_yes(tmp_path, capsys):
    db = tmp_path / "d.sqlite3"
    _draft(db)
    assert main(["--db", str(db), "discard-draft", "Zoë Ñúñez", "tech", "--interviewer", "Ann"]) == 1
    assert "add --yes" in capsys.readouterr().err and _count(db) == 1  # no terminal to ask: refused
    assert main(["--db", str(db), "discard-draft", "Zoë Ñúñez", "tech", "--interviewer", "Ann", "--yes"]) == 0
    assert "Discarded Ann's draft" in capsys.readouterr().out
    assert _count(db) == 0


def test_discard_draft_refuses_while_a_window_holds_the_file(tmp_path, capsys):
    from scorecard.storage.instance_lock import InstanceLock

    db = tmp_path / "d.sqlite3"
    _draft(db)
    window = InstanceLock(db)
    assert window.acquire()
    try:
        code = main(["--db", str(db), "discard-draft", "Zoë Ñúñez", "tech", "--interviewer", "Ann", "--yes"])
    finally:
        window.release()
    assert code == 1
    assert "a Scorecard window has" in capsys.readouterr().err
    assert _count(db) == 1
