"""Tamper evidence on export: a stored kit version changed after import is named on the report's cover."""

from __future__ import annotations

import io

from pypdf import PdfReader

from scorecard.services import open_services
from tests.factories import mini_kit
from tests.safe_data import scored_candidate


def _cover_text(data: bytes) -> str:
    return " ".join(PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def test_a_kit_version_edited_in_the_file_is_named_on_the_cover(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        cand, _card = scored_candidate(svc)
        clean = _cover_text(svc.export.consolidated_pdf(cand))
    assert "Warning" not in clean and "changed after it was imported" not in clean

    with open_services(db) as svc:  # someone relabels the scale in the stored kit, bypassing Scorecard
        svc.db.connection.execute("UPDATE kit_version SET kit_json = replace(kit_json, '\"Meets\"', '\"Exceeds\"')")
    with open_services(db) as svc:
        cover = _cover_text(svc.export.consolidated_pdf(svc.candidates.get(cand.id)))
    assert "Warning:" in cover and "was changed after it was imported" in cover
    assert "Do not rely on this report" in cover


def test_the_seal_check_hook_puts_its_sentence_on_the_cover(services):
    cand, card = scored_candidate(services)
    services.export.seal_check = lambda c: f"{c.interviewer}'s scorecard is not sealed." if c.id == card.id else None
    cover = _cover_text(services.export.consolidated_pdf(cand))
    assert "Łukasz Wróbel's scorecard is not sealed." in cover


def _tamper(db, sql: str, params: tuple = ()) -> None:
    """Edit a submitted scorecard behind Scorecard's back: lift the lock triggers, change, put them back."""
    import sqlite3

    conn = sqlite3.connect(db)
    triggers = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
    for name, _sql in triggers:
        conn.execute(f'DROP TRIGGER "{name}"')
    conn.execute(sql, params)
    for _name, trigger_sql in triggers:
        conn.execute(trigger_sql)
    conn.commit()
    conn.close()


def test_a_submitted_scorecard_edited_in_the_file_is_named_on_page_one(tmp_path):
    """The real seal check (services.seals), not a stand-in: a rating edited after submission."""
    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        cand, card = scored_candidate(svc)
        assert svc.seals.verify(card.id).status.value == "sealed"
        clean = _cover_text(svc.export.consolidated_pdf(cand))
    assert "changed after it was submitted" not in clean

    _tamper(db, "UPDATE item_response SET rating = 'exceeds' WHERE scorecard_id = ? AND item_id = 'q-api'",
            (card.id,))
    with open_services(db) as svc:
        page_one = _cover_text(svc.export.consolidated_pdf(svc.candidates.get(cand.id)))
    assert "Warning:" in page_one
    assert "Łukasz Wróbel's scorecard for" in page_one and "was changed after it was submitted" in page_one
    assert "Treat its ratings and notes as unverified" in page_one


def test_each_scorecard_in_the_report_says_whose_laptop_vouches_for_it(tmp_path):
    db = tmp_path / "scorecard.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
        svc.panel.set_me("Łukasz Wróbel")
        cand, card = scored_candidate(svc)
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            svc.export.consolidated_pdf(cand))).pages).split())
    assert "Seal: sealed by Łukasz Wróbel's laptop" in text
    _tamper(db, "UPDATE scorecard SET summary = 'rewritten' WHERE id = ?", (card.id,))
    with open_services(db) as svc:
        text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(
            svc.export.consolidated_pdf(svc.candidates.get(cand.id)))).pages).split())
    assert "Seal: tampered: content differs from the sealed digest" in text
