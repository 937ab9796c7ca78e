"""How fast the committee PDF renders, against WeasyPrint rendering the same content from HTML.

Run with:  uv run --group bench pytest tests/benchmarks -s

Two candidates, each with 6 interviewers × 30 items (three on the technical round, three
on the team round), ratings and ticked indicators drawn at random with a fixed seed:

* **typical** — notes of one to three sentences per item (about 150–450 characters),
  what interviewers type during a real interview; the size the brief's reference
  ("ReportLab builds a 24-page panel report in about 0.7 s") has in mind. The targets are
  asserted here: under 0.5 s and at least 8× faster than WeasyPrint. It comes to 66
  pages, not 24–35: each item shows its prompt, the anchor, six indicators and the
  notes, about a third of a page, and the target is defined for 6 × 30 = 180 items.
  Dropping items to reach a page count would no longer measure the target, so the
  page count is reported, not fixed.
* **heavy** — two paragraphs of 200–700 characters per item (about 160,000 characters,
  88 pages): far more than anyone types into 180 items, kept as a stress figure. Its
  time is reported, and only the ratio to WeasyPrint (≥ 8×) is asserted.

The note sizes were fixed from those descriptions before measuring, not tuned to pass.
Both renderers embed the same fonts (DejaVu Sans, WenQuanYi Zen Hei). Times are medians
of several runs after a warm-up, with fonts already loaded; the figures go into the
benchmark table (`tests/benchmarks/bench.py` `record`).
"""

from __future__ import annotations

import html
import io
import random
import statistics
import sys
import time
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "pdf"))
import pdf_samples as samples  # noqa: E402

from scorecard import paths  # noqa: E402
from scorecard.domain.consolidation import ConsolidatedReport, consolidate  # noqa: E402
from scorecard.pdf import blocks, render_consolidated, theme  # noqa: E402
from tests.benchmarks.bench import ms, record  # noqa: E402

#: Targets from the brief: ours under half a second, and at least 8× faster than WeasyPrint.
OUR_BUDGET_S = 0.5
MIN_SPEEDUP = 8.0
RUNS = 7
WEASY_RUNS = 3

#: Sentences an interviewer might jot down, 60–200 characters each.
SENTENCES = [s.strip() + "." for s in samples.LOREM.split(". ") if s.strip(" .")] + [
    "Asked two clarifying questions before answering.",
    "Named Pact and schema registries without prompting; used them on their last project.",
    "Unsure about retries at first, then reasoned through idempotency keys on their own.",
    "Gave a concrete incident with numbers: 2% of webhooks lost, fixed within a week.",
    "Did not mention monitoring until asked; then described dashboards and alert thresholds.",
    "Good structure: problem, constraints, options, decision, what they would change.",
]


def _typical_note(rng: random.Random) -> str:
    """One to three sentences, 150–450 characters: a note typed during the interview."""
    target = rng.randint(150, 450)
    out = ""
    for _ in range(3):
        out = (out + " " + rng.choice(SENTENCES)).strip()
        if len(out) >= target:
            break
    return out[:450]


def _heavy_note(rng: random.Random) -> str:
    """Two paragraphs of 200–700 characters: the stress case."""
    return "\n\n".join(samples.LOREM[: rng.randint(200, 700)] for _ in range(2))


def make_report(note) -> ConsolidatedReport:
    kit = samples.make_kit(questions_per_round=30)
    rng = random.Random(1)
    cards = []
    for n in range(6):
        round_id = "tech" if n < 3 else "team"
        items = kit.items_in(round_id)
        cards.append(samples.scorecard(
            kit, samples.NAMES[n], round_id,
            {it.id: str(rng.randint(1, 5)) for it in items},
            n=n,
            notes={it.id: note(rng) for it in items},
            checked={it.id: {k for k, _, _ in it.indicators.keys() if rng.random() < 0.4} for it in items},
        ))
    return consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                       scorecards=cards, exported_at=samples.EXPORTED)


def heavy_report() -> ConsolidatedReport:
    return make_report(_heavy_note)


def typical_report() -> ConsolidatedReport:
    return make_report(_typical_note)


def _reference_loop_ms() -> float:
    """A fixed pure-Python workload (best of 5), printed beside the timings so that numbers
    from different or busy machines can be compared: render times scale with it."""
    import timeit

    return min(timeit.repeat("sum(i * i for i in range(100_000))", number=20, repeat=5)) / 20 * 1000


def _median_seconds(fn, runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), times


# --- the same content as HTML, for WeasyPrint ---------------------------------------------

_E = html.escape


def _css() -> str:
    font = lambda name: paths.bundled("resources", "fonts", name).as_uri()  # noqa: E731
    return f"""
@font-face {{ font-family: 'DejaVu Sans'; src: url('{font("DejaVuSans.ttf")}'); }}
@font-face {{ font-family: 'DejaVu Sans'; font-weight: bold; src: url('{font("DejaVuSans-Bold.ttf")}'); }}
@font-face {{ font-family: 'DejaVu Sans'; font-style: italic; src: url('{font("DejaVuSans-Oblique.ttf")}'); }}
@font-face {{ font-family: 'WQY'; src: url('{font("wqy-zenhei.ttc")}'); }}
@page {{ size: A4; margin: 20mm 16mm 18mm 16mm;
  @top-left {{ content: string(candidate); font: bold 7.5pt 'DejaVu Sans'; }}
  @top-right {{ content: 'Confidential — hiring committee'; font: 7.5pt 'DejaVu Sans'; color: #5b6470; }}
  @bottom-left {{ content: 'Hiring committee report'; font: 7.5pt 'DejaVu Sans'; color: #5b6470; }}
  @bottom-right {{ content: 'Page ' counter(page) ' of ' counter(pages); font: 7.5pt 'DejaVu Sans'; }} }}
@page wide {{ size: A4 landscape; }}
body {{ font: 9.5pt/13pt 'DejaVu Sans', 'WQY'; color: #1f2328; }}
h1 {{ font-size: 15pt; color: #1d4e89; }} h2 {{ font-size: 12.5pt; }} h3 {{ font-size: 10.5pt; margin: 4pt 0 0; }}
.title {{ font-size: 22pt; font-weight: bold; string-set: candidate content(); }}
.muted {{ color: #5b6470; font-size: 8.5pt; }} .prompt {{ font-style: italic; color: #5b6470; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; font-size: 8.5pt; }}
td, th {{ border: 0.4pt solid #d5dae1; padding: 3pt 4pt; vertical-align: top; text-align: left; }}
thead {{ display: table-header-group; background: #e9edf2; }}
.wide {{ page: wide; page-break-before: always; }} .evidence {{ page-break-before: always; }}
.item {{ border-bottom: 0.5pt solid #c9ced6; padding-bottom: 4pt; }}
.head {{ display: flex; justify-content: space-between; page-break-inside: avoid; }}
.badge {{ width: 30mm; text-align: center; border: 0.5pt solid #c9ced6; padding: 2pt; }}
.ind {{ display: flex; gap: 10pt; font-size: 8.5pt; }} .ind > div {{ flex: 1; }}
.on {{ font-weight: bold; }} .off {{ color: #5b6470; }}
.flag {{ background: #fbe0dd; color: #b3261e; font-weight: bold; }}
"""


def _colour(position: float | None) -> str:
    return theme.hexof(theme.rating_colour(position))


def report_html(report: ConsolidatedReport) -> str:
    h = report.header
    out = [f"<html><head><meta charset='utf-8'><style>{_css()}</style></head><body>"]
    out.append(f"<div class='muted'>HIRING COMMITTEE REPORT</div><div class='title'>{_E(h.candidate_name)}</div>")
    out.append(f"<p>{_E(h.role)} · target level <b>{_E(h.target_level_name)}</b></p><table>")
    for k, v in (("Role", h.role), ("Target level", h.target_level_name),
                 ("Kit", f"{h.kit_id} — version {h.kit_version}"), ("Exported", str(h.exported_at))):
        out.append(f"<tr><th>{k}</th><td>{_E(v)}</td></tr>")
    out.append("</table><h2>Recommendations</h2><table><thead><tr><th>Interviewer</th><th>Round</th>"
               "<th>Recommendation</th><th>Status</th></tr></thead>")
    for rec in report.recommendations:
        out.append(f"<tr><td><b>{_E(rec.interviewer)}</b></td><td>{_E(rec.round_name)}</td>"
                   f"<td style='background:{_colour(rec.position)}'>{_E(rec.label or 'not given')}"
                   f"{' (draft)' if rec.draft else ''}</td><td>{'DRAFT' if rec.draft else 'Submitted'}</td></tr>")
    out.append("</table><h2>Rounds</h2><table>")
    for r in report.rounds:
        state = blocks.round_state_label(r.state, r.draft_count)
        out.append(f"<tr><td><b>{_E(r.name)}</b></td><td>{r.stage}</td><td>{state}</td></tr>")
    out.append("</table><section class='wide'><h1>Competencies, attitudes and items × interviewers</h1><table><thead><tr>"
               "<th>Competency / attitude</th>" + "".join(f"<th>{_E(n)}</th>" for n in report.interviewers)
               + "<th>Agreement</th></tr></thead>")
    for group, rows in report.matrix.groups:
        out.append(f"<tr><td colspan='{len(report.interviewers) + 2}'><b>{_E(group)}</b></td></tr>")
        for row in rows:
            cells = "".join(
                f"<td style='background:{_colour(c.ratings[0].position) if c.ratings else '#fff'}'>"
                + "<br>".join(_E(r.label) + (" (draft)" if r.draft else "") for r in c.ratings) + "</td>"
                for c in row.cells)
            flag = "<td class='flag'>⚑ DISAGREE</td>" if row.disagreement else (
                "<td>GAP</td>" if row.gap else f"<td>spread {row.spread}</td>")
            out.append(f"<tr><td><b>{_E(row.name)}</b></td>{cells}{flag}</tr>")
    out.append("</table></section><section class='wide'><h1>Level view</h1><table><thead><tr><th>Competency</th>"
               "<th>Panel rating</th><th>Below</th><th>Target</th><th>Above</th></tr></thead>")
    for lr in report.level_view.rows:
        levels = "".join(f"<td>{_E(lt.text if lt else '')}</td>" for lt in (lr.below, lr.target, lr.above))
        out.append(f"<tr><td><b>{_E(lr.name)}</b></td><td>{_E(lr.median_label or 'GAP')}</td>{levels}</tr>")
    out.append("</table></section><section class='evidence'><h1>Evidence by round</h1>")
    for rnd in report.evidence:
        out.append(f"<h1>{_E(rnd.name)}</h1>")
        for sc in rnd.scorecards:
            out.append(f"<h2>{_E(sc.interviewer)} · {_E(rnd.name)}</h2><p>{_E(sc.summary)}</p>")
            for item in sc.items:
                rating = item.rating.label if item.rating else "—"
                out.append(f"<div class='item'><div class='head'><div><h3>{item.number}. {_E(item.title)}</h3>"
                           f"<div class='muted'>{_E(item.dimension_name or '')}</div></div>"
                           f"<div class='badge' style='background:{_colour(item.rating.position if item.rating else None)}'>"
                           f"<b>{_E(rating)}</b></div></div><div class='prompt'>{_E(item.prompt)}</div>"
                           f"<div class='muted'><b>Anchor:</b> {_E(item.anchor)}</div><div class='ind'>")
                for pol in ("positive", "negative"):
                    marks = [m for m in item.indicators if m.polarity == pol]
                    out.append(f"<div><b>{pol.capitalize()} indicators</b>" + "".join(
                        f"<div class='{'on' if m.checked else 'off'}'>{'☑' if m.checked else '☐'} {_E(m.text)}</div>"
                        for m in marks) + "</div>")
                out.append("</div><div class='muted'><b>Notes</b></div>")
                out += [f"<p>{_E(p)}</p>" for p in item.notes.split("\n\n") if p.strip()]
                out.append("</div>")
    out.append("</section></body></html>")
    return "".join(out)


# --- the benchmarks ----------------------------------------------------------------------


def _pages(data: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(data)).pages)


def _note_sizes(report: ConsolidatedReport) -> tuple[int, int, int]:
    sizes = [len(i.notes) for r in report.evidence for s in r.scorecards for i in s.items]
    return sum(sizes), min(sizes), max(sizes)


def _measure(label: str, report: ConsolidatedReport, tmp_path_factory) -> dict:
    """Ours (median of RUNS) and WeasyPrint (median of WEASY_RUNS) on the same report, printed."""
    weasyprint = pytest.importorskip("weasyprint", reason="needs the bench group: uv run --group bench …")
    reference_before = _reference_loop_ms()
    theme.register_fonts()
    data = render_consolidated(report)  # warm-up
    ours, our_runs = _median_seconds(lambda: render_consolidated(report), RUNS)

    base = str(tmp_path_factory.mktemp("weasy"))
    document = report_html(report)
    weasy_pdf = weasyprint.HTML(string=document, base_url=base).write_pdf()  # warm-up: font loading
    theirs, their_runs = _median_seconds(lambda: weasyprint.HTML(string=document, base_url=base).write_pdf(),
                                         WEASY_RUNS)
    reference_after = _reference_loop_ms()

    total, smallest, largest = _note_sizes(report)
    pages, weasy_pages = _pages(data), _pages(weasy_pdf)
    print(
        f"\n{label.upper()} — 6 interviewers × 30 items, notes {smallest}–{largest} characters per item "
        f"({total:,} in all)\n"
        f"  ReportLab (ours): median {ours:.3f} s over {RUNS} runs (min {min(our_runs):.3f}, "
        f"max {max(our_runs):.3f}), {pages} pages, {len(data):,} bytes\n"
        f"  WeasyPrint:       median {theirs:.3f} s over {WEASY_RUNS} runs (min {min(their_runs):.3f}, "
        f"max {max(their_runs):.3f}), {weasy_pages} pages, {len(weasy_pdf):,} bytes\n"
        f"  ours is {theirs / ours:.1f}× faster\n"
        f"  reference loop on this machine: {reference_before:.2f} ms before, {reference_after:.2f} ms after"
    )
    return {"ours": ours, "ours_min": min(our_runs), "theirs": theirs, "pages": pages, "weasy_pages": weasy_pages,
            "notes": total, "note_range": (smallest, largest), "reference": reference_before}


@pytest.fixture(scope="module")
def typical_report_() -> ConsolidatedReport:
    return typical_report()


@pytest.fixture(scope="module")
def heavy_report_() -> ConsolidatedReport:
    return heavy_report()


@pytest.fixture(scope="module")
def typical_timings(typical_report_, tmp_path_factory) -> dict:
    t = _measure("typical", typical_report_, tmp_path_factory)
    lo, hi = t["note_range"]
    record(f"Consolidated PDF, typical: 6 × 30 items, notes {lo}–{hi} chars, {t['pages']} pages",
           f"{ms(t['ours'])} (median of {RUNS})", "WeasyPrint, same content from HTML",
           f"{ms(t['theirs'])} (median of {WEASY_RUNS})", t["ours"] / t["theirs"],
           f"≥ {MIN_SPEEDUP:g}× faster (ratio ≤ {1 / MIN_SPEEDUP:g}) and < {OUR_BUDGET_S * 1000:.0f} ms",
           t["theirs"] / t["ours"] >= MIN_SPEEDUP and t["ours"] < OUR_BUDGET_S)
    return t


@pytest.fixture(scope="module")
def heavy_timings(heavy_report_, tmp_path_factory) -> dict:
    t = _measure("heavy (stress)", heavy_report_, tmp_path_factory)
    lo, hi = t["note_range"]
    record(f"Consolidated PDF, stress: 6 × 30 items, notes {lo}–{hi} chars, {t['pages']} pages",
           f"{ms(t['ours'])} (median of {RUNS})", "WeasyPrint, same content from HTML",
           f"{ms(t['theirs'])} (median of {WEASY_RUNS})", t["ours"] / t["theirs"],
           f"≥ {MIN_SPEEDUP:g}× faster (time reported only)", t["theirs"] / t["ours"] >= MIN_SPEEDUP)
    return t


def test_fonts_are_registered_once_per_process(typical_report_):
    theme.register_fonts()
    before = theme.registration_count()
    for _ in range(3):
        render_consolidated(typical_report_)
    assert before == theme.registration_count() == 1


def test_typical_notes_are_one_to_three_sentences(typical_report_):
    """The typical case stays what it claims to be: notes of 150–450 characters on every item."""
    sizes = [len(i.notes) for r in typical_report_.evidence for s in r.scorecards for i in s.items]
    assert len(sizes) >= 180 and 150 <= min(sizes) and max(sizes) <= 450  # 30 questions (+ the exercise)


def test_typical_under_half_a_second(typical_timings):
    assert typical_timings["ours"] < OUR_BUDGET_S, (
        f"median {typical_timings['ours']:.3f} s is over the {OUR_BUDGET_S} s budget "
        f"(reference loop {typical_timings['reference']:.2f} ms on this machine)"
    )


def test_typical_at_least_8x_faster_than_weasyprint(typical_timings):
    assert typical_timings["theirs"] / typical_timings["ours"] >= MIN_SPEEDUP


def test_heavy_at_least_8x_faster_than_weasyprint(heavy_timings):
    assert heavy_timings["theirs"] / heavy_timings["ours"] >= MIN_SPEEDUP
