"""Page 1 is the decision sheet; the report prints in black and white, links its evidence and marks
addenda where they apply (issue #11). Read back from the PDF's text, links and pixels."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import timedelta

import pdf_samples as samples
import pytest
from pdf_reading import Pdf

from scorecard.domain.consolidation import consolidate
from scorecard.domain.decision import CommitteeDecision
from scorecard.domain.scorecard import Addendum
from scorecard.pdf import render_consolidated
from scorecard.pdf.canvas import DocMeta, build_pdf, frame_width


def six_panel(kit):
    """The sample panel plus a sixth interviewer, whose coding test rating splits from the first's."""
    cards = samples.panel(kit)
    sixth = samples.scorecard(kit, samples.NAMES[5], "tech", {"tech-1": "3", "tech-2": "3", "tech-3": "3",
                                                              "tech-4": "3", "coding": "1"}, n=5, rec="strong-no",
                              notes={"coding": "Could not get the client to compile. Gave up after ten minutes."},
                              summary="Not ready for integration work. Needs a lot of support.")
    cards[1].responses["coding"].rating = "5"
    cards[1].responses["coding"].notes = "Clean retry client with jitter and tests. Best this year."
    return cards + [sixth]


def render(kit, cards, **kw):
    report = consolidate(candidate=kw.pop("candidate", samples.make_candidate()), kit=kit,
                         kit_version=samples.make_version(kit), scorecards=cards, exported_at=samples.EXPORTED, **kw)
    return report, Pdf(render_consolidated(report))


@pytest.fixture(scope="module")
def six(kit):
    return render(kit, six_panel(kit))


def test_page_one_is_the_decision_sheet_for_a_panel_of_six(six):
    report, pdf = six
    assert len(report.interviewers) == 6
    sheet = pdf.page_flat(0)
    for text in ["DECISION SHEET — HIRING COMMITTEE", "Zoë Ñúñez", "Recommendations", "Overall", "Open items",
                 "Level and agreement", "Evidence against Mid's expectations", "The committee decides the level",
                 "Committee decision", "☐ Hire ☐ No hire ☐ Hold", "Name Signature Date", "Knock-out: qualifies"]:
        assert text in sheet, text
    # one page: the cover (or the splits that did not fit) starts on page 2
    assert pdf.pages[1].lstrip().split("\n")[0] != ""
    assert "HIRING COMMITTEE REPORT" not in sheet and "HIRING COMMITTEE REPORT" in pdf.flat
    assert pdf.outline_pages()["Decision sheet"] == 0


def test_every_split_on_page_one_with_both_sides_reasons(six):
    report, pdf = six
    sheet = pdf.page_flat(0)
    # the split exercise: Exceptional against Poor, each with the first sentence of their own note
    assert "Coding test: ticket sync" in sheet
    assert "“Clean retry client with jitter and tests.”" in sheet
    assert "“Could not get the client to compile.”" in sheet
    assert "Gave up after ten minutes" not in sheet  # one line: the first sentence only
    # the split recommendation in the technical round: Strong yes against Strong no, reasons from summaries
    assert "Recommendation · Hiring Manager Technical Deep Dive" in sheet
    assert "“Not ready for integration work.” (summary)" in sheet
    kinds = {s.kind for s in report.splits}
    assert {"exercise", "recommendation", "competency"} <= kinds
    shown = sum(1 for s in report.splits if s.name in sheet)
    assert shown == len(report.splits) or f"and {len(report.splits) - shown} more" in sheet


def test_recommendation_tally_per_round_and_overall(six):
    report, pdf = six
    sheet = pdf.page_flat(0)
    # the technical round: No (Zoë), Strong yes (王伟), Strong no (Aoife)
    tech = sheet[sheet.index("Hiring Manager Technical Deep Dive"):sheet.index("Team interview")]
    assert "1 Zoë Ñúñez" in tech and "1 王伟" in tech and "1 Aoife O'Brien" in tech
    overall = sheet[sheet.index("Overall"):]
    assert overall.startswith("Overall 1 1 2 1 1")  # strong no, no, yes, strong yes, not yet


def test_overflowing_splits_say_how_many_more_on_which_page(kit):
    cards = []
    for n, name in enumerate(samples.NAMES):
        low = n % 2 == 0
        ratings = {f"tech-{i}": ("1" if low else "5") for i in range(1, 5)} | {"coding": "1" if low else "5"}
        cards.append(samples.scorecard(kit, name, "tech", ratings, n=n, rec="strong-no" if low else "strong-yes",
                                       notes={f"tech-{i}": f"Reason {i} from {name}. More." for i in range(1, 5)}))
        team = {f"team-{i}": ("1" if low else "5") for i in range(1, 5)}
        cards.append(samples.scorecard(kit, name, "team", team, n=10 + n, rec="no" if low else "strong-yes"))
    report, pdf = render(kit, cards)
    sheet = pdf.page_flat(0)
    found = re.search(r"… and (\d+) more splits? on page 2", sheet)
    assert found, "this panel has more splits than page 1 holds"
    more = int(found.group(1))
    assert sheet.count("⇕") == len(report.splits) - more  # one row per split shown, the widest first
    page2 = pdf.page_flat(1)
    assert "Splits continued from page 1" in page2 and page2.count("⇕") == more
    assert f"Splits — {len(report.splits)}" in sheet


def test_a_recorded_decision_is_printed_on_page_one(kit):
    decision = CommitteeDecision(id="d1", candidate_id="cand-1", decision="hire", level_id="mid", level_name="Mid",
                                 decided_by="Grace Hopper (chair)", decided_at=samples.EXPORTED - timedelta(hours=1),
                                 rationale="Strong coding evidence outweighs the API split; pair with a mentor.")
    _report, pdf = render(kit, samples.panel(kit), decision=decision)
    sheet = pdf.page_flat(0)
    assert "Hire · level Mid — recorded by Grace Hopper (chair) on 2025-03-10 15:30 UTC" in sheet
    assert "Why: Strong coding evidence outweighs the API split; pair with a mentor." in sheet
    assert "☐ Hire" not in sheet


def test_auto_declined_candidate_rounds_not_run_are_not_needed(kit):
    screen = samples.scorecard(kit, samples.NAMES[2], "screen", {"ko-experience": "no"}, n=0, rec="strong-no")
    _report, pdf = render(kit, [screen], candidate=samples.make_candidate(auto_declined=True))
    sheet, cover = pdf.page_flat(0), pdf.page_flat(1)
    assert "AUTO-DECLINE" in sheet and "Not needed (auto-declined)" in sheet
    assert "Missing" not in sheet and "Missing" not in cover
    assert cover.count("Not needed") >= 3
    assert "rounds were not needed (Hiring Manager Technical Deep Dive, Team interview, Presentation): the " \
           "candidate was auto-declined before them." in pdf.flat
    assert "Auto-declined: 3 rounds not needed" in sheet and "Not assessed by anyone" not in sheet


def test_an_addendum_is_marked_on_its_item_in_the_matrix_and_on_page_one(kit):
    cards = samples.panel(kit)
    tech = cards[1]
    tech.addenda[0].item_id = "tech-2"  # the addendum corrects item 2, not the scorecard as a whole
    report, pdf = render(kit, cards)
    sheet = pdf.page_flat(0)
    assert f"✎ Addendum by {samples.NAMES[0]} (2025-03-04) corrects item 2. Technical question 2 in Hiring " \
           "Manager Technical Deep Dive." in sheet
    flat = pdf.flat
    assert "2. Technical question 2 ✎ corrected by an addendum" in flat
    assert "✎ Corrected by an addendum · 2025-03-04" in flat
    assert "corrects item 2. Technical question 2" in flat  # in the addenda list too
    matrix = flat[flat.index("Competencies, attitudes and items × interviewers"):flat.index("Level view — held against")]
    assert "✎" in matrix and "marks a rating an addendum corrects" in matrix
    item1 = flat[flat.index("1. Technical question 1"):flat.index("2. Technical question 2")]
    assert "Corrected by an addendum" not in item1


def test_skipped_items_are_not_counted_as_answered_and_dates_are_on_the_cover(six):
    _report, pdf = six
    flat = pdf.flat
    # 王伟 rated four items and skipped the coding test
    assert "4 of 5 items answered · 1 skipped" in flat
    cover = pdf.page_flat(1) + pdf.page_flat(2)
    assert "Interviewed · time" in cover and "2025-03-03" in cover and "20 min" in cover


def test_matrix_entries_link_to_their_evidence_and_the_document_says_its_language(six):
    report, pdf = six
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en" and root["/PageMode"] == "/UseOutlines"
    matrix_page = pdf.outline_pages()["Competency matrix"]
    links = [a.get_object() for a in pdf.reader.pages[matrix_page].get("/Annots", [])]
    links = [a for a in links if a.get("/Subtype") == "/Link"]
    assert len(links) >= 10
    targets = set()
    for link in links:
        page = pdf.reader.get_destination_page_number_from_dest(link["/Dest"]) \
            if hasattr(pdf.reader, "get_destination_page_number_from_dest") else \
            next(i for i, p in enumerate(pdf.reader.pages) if p.indirect_reference == link["/Dest"][0])
        targets.add(page)
    assert min(targets) > matrix_page  # every entry points into the evidence, after the matrix
    evidence = pdf.outline_pages()["Evidence"]
    assert all(t >= evidence for t in targets)


def _grey_pixels(pdf_bytes: bytes, tmp_path) -> tuple[int, int, list[list[int]]]:
    """The first page rendered in greyscale by poppler: (width, height, rows of 0–255)."""
    exe = shutil.which("pdftoppm")
    if exe is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    src = tmp_path / "legend.pdf"
    src.write_bytes(pdf_bytes)
    subprocess.run([exe, "-gray", "-r", "40", "-f", "1", "-l", "1", str(src), str(tmp_path / "grey")], check=True)
    data = next(tmp_path.glob("grey*.pgm")).read_bytes()
    parts = data.split(maxsplit=4)
    w, h = int(parts[1]), int(parts[2])
    raw = parts[4]
    return w, h, [list(raw[y * w:(y + 1) * w]) for y in range(h)]


def test_every_rating_step_prints_as_a_different_grey(kit, tmp_path):
    """Render the matrix legend of a five-step scale in greyscale: its five swatches, left to right, must
    be five clearly different greys (and the glyphs tell them apart as well)."""
    from scorecard.pdf import consolidated

    report, _pdf = render(kit, samples.panel(kit))
    meta = DocMeta(title="t", subject="s", author="a", header_left="", header_right="", footer_left="")
    data = build_pdf(consolidated._legend(report, frame_width("landscape")), meta=meta, first_template="landscape")
    _w, _h, rows = _grey_pixels(data, tmp_path)
    best: list[int] = []
    for row in rows:
        runs, start = [], 0
        for x in range(1, len(row) + 1):
            if x == len(row) or abs(row[x] - row[start]) > 3:
                if x - start >= 12 and row[start] < 250:
                    runs.append(row[start])
                start = x
        runs = [g for i, g in enumerate(runs) if not i or abs(g - runs[i - 1]) > 3]
        if len(runs) > len(best):
            best = runs
    distinct = [g for i, g in enumerate(best) if not i or abs(g - best[i - 1]) > 3]
    assert len(distinct) >= 5, best
    swatches = distinct[:5]
    assert all(a - b >= 12 for a, b in zip(swatches, swatches[1:])), swatches  # lighter to darker, clearly apart
    assert "−− Poor − Weak ○ Meets + Strong ++ Exceptional" in Pdf(data).flat


def test_report_length_follows_what_was_scored_not_the_kits_size():
    big = samples.make_kit(questions_per_round=60)  # far more items than the sample's
    ratings = {f"tech-{i}": "3" for i in range(1, 6)}
    card = samples.scorecard(big, samples.NAMES[0], "tech", ratings, n=1,
                             notes={f"tech-{i}": "Clear example." for i in range(1, 6)})
    report, pdf = render(big, [card])
    assert len(pdf.pages) <= 12, len(pdf.pages)
    flat = pdf.flat
    assert flat.count("Notes —") <= 1 or flat.count("Time spent:") == 5  # five evidence blocks, no more
    assert flat.count("Time spent:") == 5
    assert "Not answered (56 of 61) — no rating, answer, skip, indicator or note: 6. Technical question 6" in flat


def test_a_split_row_never_reads_as_one_confident_figure_in_the_level_view(six):
    report, pdf = six
    flat = pdf.flat
    view = flat[flat.index("Level view — held against Mid"):flat.index("Evidence by round")]
    api = view[view.index("API & Endpoint Development"):]
    assert api.startswith("API & Endpoint Development ⇕ SPLIT — interviewers' median")
    assert "Coding test: ticket sync ⇕ SPLIT" in view  # the exercise takes part in the level view
    assert "the framework does not describe it" in view


def test_no_page_ends_with_a_group_heading(kit):
    # a panel big enough for the matrix and the level view to run over pages
    cards = six_panel(samples.make_kit(questions_per_round=12))
    big = samples.make_kit(questions_per_round=12)
    report, pdf = render(big, [samples.scorecard(big, c.interviewer, c.round_id,
                                                 {k: r.rating or r.knockout_option for k, r in c.responses.items()},
                                                 n=i, notes={k: samples.LOREM[:300] for k in c.responses})
                               for i, c in enumerate(cards)])
    groups = {row.group for row in report.matrix.rows}
    for page in pdf.pages:
        lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
        body = [ln for ln in lines if not ln.startswith(("Hiring committee report ·", "Page ")) and
                ln not in (report.header.candidate_name, "Confidential — hiring committee")]
        assert body and body[-1] not in groups, body[-3:]


def _body_lines(page: str, candidate: str) -> list[str]:
    """A page's text without the furniture (drawn last: header name, confidentiality, running head, footer)."""
    lines = [ln.strip() for ln in page.splitlines() if ln.strip()]
    cut = max(i for i, ln in enumerate(lines) if ln == candidate)
    return lines[:cut]


def test_headings_stay_with_what_follows_and_continued_items_say_so(kit):
    import random

    big = samples.make_kit(questions_per_round=12)
    rng = random.Random(3)
    cards = []
    for n, name in enumerate(samples.NAMES):
        for rid in ("tech", "team"):
            items = big.items_in(rid)
            cards.append(samples.scorecard(
                big, name, rid, {it.id: str(rng.randint(1, 5)) for it in items}, n=n * 2 + (rid == "team"),
                notes={it.id: samples.LOREM[:rng.randint(100, 900)] for it in items}))
    report, pdf = render(big, cards)
    titles = {f"{n}. {it.title}" for rid in ("tech", "team") for n, it in enumerate(big.items_in(rid), 1)}
    heads = {f"{sc.interviewer} · {big.round(sc.round_id).name}" for sc in cards}
    continued = 0
    for i, page in enumerate(pdf.pages):
        body = _body_lines(page, report.header.candidate_name)
        assert body[-1] not in titles | heads | {"Notes"}, (i + 1, body[-1])
        continued += any(ln.strip().startswith("continued · ") and " question " in ln for ln in page.splitlines())
    assert continued >= 1  # a page that carries on an item says which, under the header


def test_many_open_items_keep_page_one_to_one_page(kit):
    cards = samples.panel(kit)
    for i in range(12):
        cards[1].addenda.append(Addendum(id=f"x{i}", scorecard_id=cards[1].id, author=samples.NAMES[0],
                                         text=f"Correction {i}.", created_at=samples.T0 + timedelta(days=2, hours=i),
                                         item_id="tech-1"))
    _report, pdf = render(kit, cards)
    sheet = pdf.page_flat(0)
    assert re.search(r"… and \d+ more: listed in the agenda on the cover\.", sheet)
    assert "Committee decision" in sheet and "HIRING COMMITTEE REPORT" not in sheet
    assert pdf.flat.count("corrects item 1. Technical question 1 in Hiring Manager Technical Deep Dive") >= 12


def test_the_knock_out_headline_reads_the_same_on_the_sheet_and_the_cover(kit):
    screen = samples.scorecard(kit, samples.NAMES[2], "screen", {"ko-experience": "no"}, n=0, rec="strong-no")
    _report, pdf = render(kit, [screen], candidate=samples.make_candidate(auto_declined=True))
    headline = "AUTO-DECLINE — a knock-out answer disqualifies this candidate"
    assert headline in pdf.page_flat(0) and headline in pdf.page_flat(1)
