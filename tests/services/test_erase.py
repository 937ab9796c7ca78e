"""Erasing a candidate: one transaction past the lock, a tombstone, and their text gone from the file's bytes."""

from __future__ import annotations

import json
import os
import sqlite3
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from scorecard.cli.main import main
from scorecard.services import open_services
from scorecard.services.errors import NotFound
from tests.factories import mini_kit
from tests.safe_data import NAME, NOTES, SUMMARY, scored_candidate


def _raw_bytes(db: Path) -> bytes:
    """The database file and its WAL, as bytes on disk."""
    return b"".join(Path(f"{db}{s}").read_bytes() for s in ("", "-wal") if Path(f"{db}{s}").exists())


@pytest.fixture
def filled(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    svc = open_services(db)
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
    svc.db.connection.execute("PRAGMA wal_autocheckpoint=0")  # the name is in the WAL too
    cand, card = scored_candidate(svc)
    other, _ = scored_candidate(svc, name="Keeps Her Data", notes="Her own notes", summary="Her own summary")
    yield svc, db, cand, card, other
    svc.close()


def test_erase_removes_everything_past_the_lock_and_the_name_leaves_the_files_bytes(filled):
    svc, db, cand, card, other = filled
    assert card.id and svc.scoring.get(card.id).is_submitted
    for text in (NAME, NOTES, SUMMARY):
        assert text.encode() in _raw_bytes(db)

    report = svc.erasure.erase(cand.id)

    assert report.removed == {"candidate": 1, "scorecard": 1, "item_response": 3, "indicator_mark": 1,
                              "addendum": 1, "seal": 2}  # the scorecard's seal and the addendum's
    assert report.scrubbed
    with pytest.raises(NotFound):
        svc.candidates.get(cand.id)
    raw = _raw_bytes(db)
    for text in (NAME, NOTES, SUMMARY, f"ADDENDUM about {NAME}"):
        assert text.encode() not in raw, f"{text!r} is still in the file's bytes"
    assert b"Keeps Her Data" in raw  # the other candidate is untouched
    assert len(svc.scoring.for_candidate(other.id)) == 1
    # the lock is back: a submitted scorecard still cannot be edited below the service layer
    other_card = svc.scoring.for_candidate(other.id)[0]
    with pytest.raises(sqlite3.IntegrityError, match="locked"):
        svc.db.connection.execute("UPDATE item_response SET rating = 'below' WHERE scorecard_id = ?",
                                  (other_card.id,))
    # the tombstone holds only the id
    assert svc.erasure.erased_candidate_ids() == {cand.id}
    assert svc.erasure.is_erased(cand.id) and not svc.erasure.is_erased(other.id)
    cols = [r[1] for r in svc.db.connection.execute("PRAGMA table_info(tombstone)")]
    assert cols == ["candidate_id", "erased_at"]


def test_backups_still_holding_the_candidate_are_listed_and_can_be_purged(filled):
    svc, db, cand, _card, other = filled
    report = svc.erasure.erase(cand.id)
    reasons = {b.reason for b in report.backups_holding}
    assert {"after-submit", "before-erase"} <= reasons
    for info in report.backups_holding:
        assert NAME.encode() in info.path.read_bytes()
    gone = svc.erasure.purge_backups(cand.id)
    assert {b.path for b in gone} == {b.path for b in report.backups_holding}
    assert svc.erasure.backups_holding(cand.id) == []
    for info in svc.backups.list():
        assert NAME.encode() not in info.path.read_bytes()


def test_cli_erase_asks_first_then_erases_with_yes(filled, capsys):
    svc, db, cand, _card, _other = filled
    svc.close()
    assert main(["--db", str(db), "candidate", "erase", NAME]) == 1  # no terminal to ask on: nothing erased
    err = capsys.readouterr().err
    assert "nothing was erased" in err and "--yes" in err
    assert main(["--db", str(db), "candidate", "erase", NAME, "--yes", "--purge-backups"]) == 0
    out = capsys.readouterr().out
    assert f"Erased {NAME}" in out and "deleted backup" in out
    raw = _raw_bytes(db)
    assert NAME.encode() not in raw and NOTES.encode() not in raw
    assert all(NAME.encode() not in p.read_bytes() for p in (db.parent / "backups").glob("*.sqlite3"))


def test_inactive_candidates_are_listed_and_erased_only_with_yes(tmp_path, capsys):
    db = tmp_path / "scorecard.sqlite3"
    old = datetime.now(timezone.utc) - timedelta(days=500)
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        stale = svc.candidates.add(name="Long Ago", kit_id="mini", target_level="mid")
        recent = svc.candidates.add(name="Just Now", kit_id="mini", target_level="mid")
        touched = svc.candidates.add(name="Old But Touched", kit_id="mini", target_level="mid")
        card = svc.scoring.start_or_resume(candidate_id=touched.id, round_id="tech", interviewer="A")
        svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="activity now")
        svc.db.connection.execute("UPDATE candidate SET created_at = ? WHERE id IN (?, ?)",
                                  (old.isoformat(), stale.id, touched.id))
        assert [i.candidate.name for i in svc.erasure.inactive(months=12)] == ["Long Ago"]
    assert main(["--db", str(db), "candidate", "erase", "--inactive-months", "12"]) == 0
    out = capsys.readouterr().out
    assert "Long Ago" in out and "Just Now" not in out and "Nothing was erased" in out
    assert main(["--db", str(db), "candidate", "erase", "--inactive-months", "12", "--yes"]) == 0
    assert "Erased Long Ago" in capsys.readouterr().out
    with open_services(db) as svc:
        assert sorted(c.name for c in svc.candidates.all()) == ["Just Now", "Old But Touched"]
        assert svc.erasure.is_erased(stale.id) and not svc.erasure.is_erased(recent.id)


def test_export_data_writes_everything_held_as_private_json(filled, tmp_path, capsys):
    svc, db, cand, card, _other = filled
    svc.close()
    out = tmp_path / "for-the-candidate.json"
    assert main(["--db", str(db), "candidate", "export-data", cand.id, "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["candidate_name"] == NAME and data["candidate_id"] == cand.id
    tables = data["tables"]
    assert tables["candidate"][0]["name"] == NAME
    assert tables["scorecard"][0]["summary"] == SUMMARY
    assert NOTES in {r["notes"] for r in tables["item_response"]}
    assert "Keeps Her Data" not in out.read_text(encoding="utf-8")
    assert (os.stat(out).st_mode & 0o777) == 0o600
    # and it never writes over a file that is not JSON (the database, say)
    before = db.read_bytes()
    assert main(["--db", str(db), "candidate", "export-data", cand.id, "--out", str(db)]) == 1
    assert ".json" in capsys.readouterr().err and db.read_bytes()[:16] == before[:16]


def test_on_a_terminal_erase_asks_and_no_keeps_everything(filled, capsys, monkeypatch):
    import sys

    svc, db, cand, _card, _other = filled
    svc.close()
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    answers = iter(["n", "y"])
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or next(answers))
    assert main(["--db", str(db), "candidate", "erase", cand.id]) == 1
    assert "1 scorecard(s), 1 submitted" in asked[0] and "cannot be undone" in asked[0]
    with open_services(db) as again:
        assert again.candidates.get(cand.id).name == NAME
    assert main(["--db", str(db), "candidate", "erase", cand.id]) == 0
    assert f"Erased {NAME}" in capsys.readouterr().out
