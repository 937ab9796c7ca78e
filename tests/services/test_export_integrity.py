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
