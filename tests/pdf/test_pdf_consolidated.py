"""The committee PDF, checked by reading its text back: everything recorded is there, drafts
are marked, disagreement sits on exactly the diverging row, fonts are embedded."""

from __future__ import annotations

import re
from datetime import timedelta

import pdf_samples as samples
import pytest
from pdf_reading import Pdf, pdffonts

from scorecard.domain.consolidation import consolidate
from scorecard.domain.scorecard import ItemResponse
from scorecard.pdf import render_consolidated


@pytest.fixture(scope="module")
def pdf(report) -> Pdf:
    return Pdf(render_consolidated(report))


def _matrix_text(pdf: Pdf) -> str:
    """The flattened text of the matrix section (between its heading and the level view)."""
    flat = pdf.flat
    start = flat.index("Competencies, attitudes and items × interviewers")
    end = flat.index("Level view — held against")
    return flat[start:end]


def _row_chunks(pdf: Pdf, report) -> dict[str, str]:
    """Matrix text cut at each row's name: row name → the text of that row."""
    matrix = _matrix_text(pdf)
    starts = sorted((matrix.index(row.name), row.name) for row in report.matrix.rows)
    ends = [s for s, _ in starts[1:]] + [len(matrix)]
    return {name: matrix[s:e] for (s, name), e in zip(starts, ends)}


def test_returns_a_pdf(pdf):
    assert pdf.data.startswith(b"%PDF-") and len(pdf.pages) > 5


def test_every_interviewer_round_and_item_appears(pdf, report, kit, cards):
    flat = pdf.flat
    for name in report.interviewers:
        assert name in flat, name
    for rnd in kit.rounds:
        assert rnd.name in flat, rnd.name
    for sc in cards:
        for item in kit.items_in(sc.round_id):
            assert item.title in flat, item.title


def test_unicode_names_render(pdf):
    for name in ["Zoë Ñúñez", "王伟", "Łukasz Wróbel", "Ελένη Παπαδοπούλου", "Дмитрий Иванов"]:
        assert name in pdf.flat, name
    assert "讲得很清楚" in pdf.flat  # CJK inside a note, mixed with Latin
    assert "用 OpenAPI 驱动" in pdf.flat


def test_checked_indicators_and_notes_appear(pdf, kit, cards):
    flat = pdf.flat
    for sc in cards:
        for item in kit.items_in(sc.round_id):
            r = sc.responses[item.id]
            for key in r.checked:
                text = item.indicators.text(key)
                assert text in flat, text
            if r.notes and len(r.notes) < 200:
                assert " ".join(r.notes.split()) in flat, r.notes
    assert "☑ Follows documented specs step-by-step" in flat
    assert "☒ Guesses endpoint parameters without specs" in flat
    assert "☐ Mentions automated contract validation tools" in flat


def test_skips_variants_addenda_and_missing_evidence(pdf):
    flat = pdf.flat
    assert "Skipped. Reason: Ran out of time after the deep dive" in flat
    assert "Variant used: With AI" in flat
    assert "On reflection the API answer referred to a real incident" in flat
    assert "2025-03-04 09:00 UTC" in flat  # the addendum's date
    assert "No evidence recorded" in flat
    assert "Anchor for Poor: No relevant example" in flat


def test_drafts_are_marked(pdf, report):
    flat = pdf.flat
    assert "DRAFT — not submitted" in flat
    # the draft interviewer's ratings are shown, marked, in the matrix and in the evidence
    matrix = _matrix_text(pdf)
    assert "Meets (draft)" in matrix and "Exceptional (draft)" in matrix
    evidence = flat[flat.index("Ελένη Παπαδοπούλου · Team interview"):]
    assert evidence.startswith("Ελένη Παπαδοπούλου · Team interview — DRAFT")
    # every rated item of the draft carries the word on its badge
    draft_section = evidence[: evidence.index("Дмитрий Иванов · Team interview")]
    assert draft_section.count("draft") >= 3  # its two rated items and the banner
    # the two items it has not touched yet are listed once, compactly, not as two evidence blocks
    assert "Not answered (2 of 4) — no rating, answer, skip, indicator or note: 3. Team question 3; " \
           "4. Team question 4" in draft_section
    # the cover says the recommendation is a draft, not final
    assert re.search(r"Ελένη Παπαδοπούλου Team interview not given yet \(draft\) DRAFT", flat)


def test_disagreement_flag_on_exactly_the_diverging_row(pdf, report):
    assert _matrix_text(pdf).count("DISAGREE") == 1
    chunks = _row_chunks(pdf, report)
    flagged = [n for n, chunk in chunks.items() if "DISAGREE" in chunk]
    assert flagged == ["API & Endpoint Development"]
    assert "3 steps apart" in chunks["API & Endpoint Development"]


def test_gap_rows_are_shown(pdf, report):
    assert {r.name for r in report.gaps} == {"Observability & Incident Response", "Curiosity"}
    gapped = [n for n, chunk in _row_chunks(pdf, report).items() if "GAP" in chunk]
    assert sorted(gapped) == ["Curiosity", "Observability & Incident Response"]
    assert "GAP — no question in this kit" in _row_chunks(pdf, report)["Curiosity"]


def test_cover_has_the_essentials(pdf):
    cover = pdf.page_flat(1)  # page 1 is the decision sheet; the cover follows it
    for text in ["HIRING COMMITTEE REPORT", "Zoë Ñúñez", "Integration Engineer", "Mid",
                 "integration-engineer — version 7", "2025-03-10 16:30 UTC", "Knock-out: qualifies",
                 "Strong yes", "Missing", "Complete", "Disagreement on 1 dimension"]:
        assert text in cover, text


def test_level_view_holds_ratings_against_the_target_and_neighbours(pdf):
    flat = pdf.flat
    view = flat[flat.index("Level view — held against Mid"):flat.index("Evidence by round")]
    assert "Junior (level below)" in view and "Mid (TARGET level)" in view and "Senior (level above)" in view
    assert "Designs scalable API architectures" in view
    assert "between Poor and Strong" in view


def test_long_notes_flow_across_pages(pdf, long_note):
    first = next(i for i, p in enumerate(pdf.pages) if "[1] The candidate described" in p)
    last = next(i for i, p in enumerate(pdf.pages) if "END-OF-LONG-NOTE" in p)
    assert last > first
    # nothing lost on the way: every paragraph number of the note is there
    for n in range(1, long_note.count("\n\n[") + 2):
        assert f"[{n}] The candidate" in pdf.flat


def test_header_and_page_x_of_y_on_every_page(pdf):
    total = len(pdf.pages)
    for i in range(total):
        page = pdf.page_flat(i)
        assert f"Page {i + 1} of {total}" in page
        assert "Zoë Ñúñez" in page
        assert "Confidential — hiring committee" in page


def test_metadata(pdf):
    meta = pdf.reader.metadata
    assert meta.title == "Hiring committee report — Zoë Ñúñez"
    assert "Integration Engineer" in meta.subject
    assert meta.creator == "Scorecard"
    assert meta.author


def test_outline_has_each_round_and_interviewer(pdf, kit):
    titles = pdf.outline_titles()
    for n, rnd in enumerate(kit.rounds, 1):
        assert f"Round {n}: {rnd.name}" in titles
    for t in ["Decision sheet", "Cover", "Competency matrix", "Level view", "Evidence", "王伟", "Ελένη Παπαδοπούλου (draft)"]:
        assert t in titles, t
    pages = pdf.outline_pages()
    # bookmarks point where their section starts, not all at page 1
    assert pages["Decision sheet"] == 0 and pages["Cover"] == 1
    assert pages["Competency matrix"] == 2
    assert pages["Round 2: Hiring Manager Technical Deep Dive"] > pages["Round 1: Application screen"]
    assert "Hiring Manager Technical Deep Dive" in pdf.pages[pages["Round 2: Hiring Manager Technical Deep Dive"]]


def test_only_embedded_fonts(pdf, tmp_path):
    fonts = pdffonts(pdf.data, tmp_path)
    assert fonts
    assert all(f["emb"] == "yes" for f in fonts), fonts
    names = " ".join(f["name"] for f in fonts)
    assert "Helvetica" not in names and "ZapfDingbats" not in names and "Times" not in names
    assert "WenQuanYiZenHei" in names  # the CJK fallback was needed and embedded


def test_cjk_candidate_name_in_every_header(kit, cards, tmp_path):
    cand = samples.make_candidate("王伟")
    report = consolidate(candidate=cand, kit=kit, kit_version=samples.make_version(kit), scorecards=cards,
                         exported_at=samples.EXPORTED)
    pdf = Pdf(render_consolidated(report))
    assert all("王伟" in p for p in pdf.pages)
    assert pdf.reader.metadata.title.endswith("王伟")
    assert all(f["emb"] == "yes" for f in pdffonts(pdf.data, tmp_path))


def test_auto_decline_is_prominent(kit, cards):
    screen = samples.scorecard(kit, "Łukasz Wróbel", "screen", {"ko-experience": "no"}, n=0)
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=[screen, *cards[1:]], exported_at=samples.EXPORTED)
    pdf = Pdf(render_consolidated(report))
    sheet, cover = pdf.page_flat(0), pdf.page_flat(1)
    assert "AUTO-DECLINE" in sheet and "AUTO-DECLINE" in cover
    assert "answered No → Auto-decline" in cover


def test_user_text_is_escaped_not_interpreted(kit):
    sc = samples.scorecard(kit, "<b>Eve</b> & co", "tech", {"tech-1": "3"}, n=1,
                           notes={"tech-1": "if a < b && c > d: <font name='Helvetica'>x</font>"})
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=[sc], exported_at=samples.EXPORTED)
    pdf = Pdf(render_consolidated(report))
    assert "<b>Eve</b> & co" in pdf.flat
    assert "if a < b && c > d: <font name='Helvetica'>x</font>" in pdf.flat


def test_unbroken_long_word_and_empty_panel_render(kit):
    url = "https://example.com/" + "a" * 3000
    sc = samples.scorecard(kit, "Ann", "tech", {"tech-1": "3"}, n=1, notes={"tech-1": url})
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=[sc], exported_at=samples.EXPORTED)
    pdf = Pdf(render_consolidated(report))
    assert pdf.flat.replace(" ", "").count("a" * 3000) == 1  # wrapped, not clipped
    empty = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                        scorecards=[], exported_at=samples.EXPORTED)
    text = Pdf(render_consolidated(empty)).flat
    assert "No scorecards yet." in text and text.count("GAP") >= 5


def test_wide_panel_keeps_each_rows_ratings_together(kit):
    cards = []
    for n in range(9):
        sc = samples.scorecard(kit, f"Interviewer {n + 1}", "tech", {"tech-1": str(1 + n % 5)}, n=n)
        sc.id = f"sc-{n}"
        sc.created_at = samples.T0 + timedelta(minutes=n)
        cards.append(sc)
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=cards, exported_at=samples.EXPORTED)
    pdf = Pdf(render_consolidated(report))
    matrix = _matrix_text(pdf)
    # nine interviewers stay in one table: no second table with dashes in the first
    assert "Interviewers 1–7 of 9" not in matrix
    heads = [i for i in range(len(pdf.pages)) if "Competencies, attitudes and items × interviewers" in pdf.pages[i]]
    page = pdf.page_flat(heads[0])
    for n in range(9):
        assert f"Interviewer {n + 1}" in page
    # the row of tech-1's competency carries all nine ratings, and its flag, in the same table
    name = kit.competency(kit.item("tech-1").competency).name
    row = _row_chunks(pdf, report)[name]
    assert all(label in row for label in ("Poor", "Weak", "Meets", "Strong", "Exceptional", "DISAGREE"))


def test_knockout_answer_shown_per_item(pdf):
    assert "Answer: Yes → Qualifies" in pdf.flat


def test_unanswered_draft_item_says_so(kit):
    sc = samples.scorecard(kit, "Ann", "tech", {}, n=1, submitted=False, rec=None)
    sc.responses["tech-1"] = ItemResponse(item_id="tech-1")
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=[sc], exported_at=samples.EXPORTED)
    flat = Pdf(render_consolidated(report)).flat
    assert "Not answered" in flat and "Draft only" in flat


def test_a_round_with_a_draft_outstanding_is_not_called_complete(pdf):
    # the team round: Дмитрий submitted, Ελένη's scorecard is still a draft
    cover = pdf.page_flat(1)
    assert "Team interview Interview Submitted · 1 draft outstanding 1 submitted, 1 draft" in cover
    assert "Round Team interview is not complete: 1 draft is still outstanding beside 1 submitted." in cover
    flat = pdf.flat
    assert "Round 3 of 4 · Team interview Interview · Submitted · 1 draft outstanding" in flat
    assert "Team interview Interview Complete" not in flat


def test_legend_lists_every_step_of_the_scale(kit):
    # only Meets and Strong are used; the legend still shows the whole five-step scale, in order
    sc = samples.scorecard(kit, "Ann", "tech", {"tech-1": "3", "tech-2": "4"}, n=1)
    report = consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                         scorecards=[sc], exported_at=samples.EXPORTED)
    matrix = _matrix_text(Pdf(render_consolidated(report)))
    # each step with its black-and-white glyph
    assert "Five-point behavioural scale: −− Poor − Weak ○ Meets + Strong ++ Exceptional Each cell" in matrix
