"""One interviewer's scorecard PDF: their evidence, nobody else's."""

from __future__ import annotations

import pdf_samples as samples
import pytest
from pdf_reading import Pdf, pdffonts

from scorecard.domain.consolidation import interviewer_view
from scorecard.pdf import render_interviewer


def _render(kit, sc) -> Pdf:
    view = interviewer_view(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                            scorecard=sc, exported_at=samples.EXPORTED)
    return Pdf(render_interviewer(view))


@pytest.fixture(scope="module")
def pdf(kit, cards) -> Pdf:
    return _render(kit, cards[1])  # Zoë Ñúñez, technical round, submitted, with the long note


def test_shows_this_interviewers_evidence(pdf, kit, cards):
    sc = cards[1]
    flat = pdf.flat
    assert "INTERVIEWER SCORECARD" in flat and sc.interviewer in flat
    for item in kit.items_in("tech"):
        assert item.title in flat
        for key in sc.responses[item.id].checked:
            assert item.indicators.text(key) in flat
    assert "Could not describe any contract validation; guessed parameters." in flat
    assert "END-OF-LONG-NOTE" in flat
    assert "Submitted 2025-03-03 10:55 UTC" in flat
    assert "On reflection the API answer" in flat  # addendum


def test_shows_nobody_elses(pdf, cards):
    for other in cards[2:]:
        assert other.interviewer not in pdf.flat
    assert "讲得很清楚" not in pdf.flat


def test_page_furniture_metadata_and_fonts(pdf, tmp_path):
    total = len(pdf.pages)
    assert total >= 2
    for i in range(total):
        page = pdf.page_flat(i)
        assert f"Page {i + 1} of {total}" in page and "Zoë Ñúñez" in page
        assert "Confidential — hiring committee" in page
    assert pdf.reader.metadata.title.startswith("Scorecard — Zoë Ñúñez")
    assert pdf.outline_titles()
    assert all(f["emb"] == "yes" for f in pdffonts(pdf.data, tmp_path))


def test_draft_is_marked_throughout(kit, cards):
    pdf = _render(kit, cards[3])  # Ελένη, draft
    assert "DRAFT — not submitted" in pdf.flat
    assert "(DRAFT)" in pdf.reader.metadata.title
    assert all("(DRAFT)" in pdf.page_flat(i) for i in range(len(pdf.pages)))  # footer of every page
    assert "Overall recommendation not given yet draft" in pdf.flat


def test_shows_the_round_clock(kit, cards):
    import dataclasses

    sc = dataclasses.replace(cards[1], round_seconds=47 * 60 + 5)
    flat = _render(kit, sc).flat
    assert "Round clock" in flat
    assert "47 min 05 s since the round started (pauses not counted)" in flat
