"""Page 1 of the committee report: the decision sheet.

Everything a committee needs to reach and record a decision, on one page for a panel of
six: the recommendation tally per round and overall, the knock-out outcome, every split
(the widest first) with both sides' ratings and their own one-line reasons, open items,
the level view in one line, the agreement figure and the decision box with sign-off
lines (or the decision already recorded in the app). When the splits do not all fit,
page 1 lists the widest and says how many more follow on page 2.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from scorecard.domain.consolidation import (
    ConsolidatedReport,
    RoundState,
    Split,
    SplitSide,
)
from scorecard.domain.kit import KnockoutOutcome
from scorecard.pdf import theme
from scorecard.pdf.blocks import (
    OUTCOME_COLOURS,
    Heading,
    boxed,
    c,
    fmt_date,
    fmt_dt,
    grid_style,
    knockout_headline,
)
from scorecard.pdf.canvas import MARGIN_BOTTOM, MARGIN_TOP, PORTRAIT, frame_width
from scorecard.pdf.text import Run, TextBlock
from scorecard.pdf.theme import Paragraph, markup, style

#: Open items listed on page 1 at most (the rest are on the cover's agenda).
MAX_OPEN_ITEMS = 7

KIND_LABELS = {
    "competency": "Competency", "attitude": "Attitude", "exercise": "Exercise", "video": "Video response",
    "resume": "Résumé criterion", "recommendation": "Recommendation",
}


def m(value: str) -> str:
    return markup(value, newlines=False)


def decision_sheet(report: ConsolidatedReport) -> tuple[list, list]:
    """(page 1's flowables, the splits that did not fit — for page 2)."""
    w = frame_width("portrait")
    height = PORTRAIT[1] - MARGIN_TOP - MARGIN_BOTTOM - 4
    splits = list(report.splits)
    for shown in range(len(splits), -1, -1):
        flow = _page(report, w, splits[:shown], len(splits) - shown)
        total = sum(f.wrap(w, height)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flow)
        if total <= height or shown == 0:
            return flow, _split_rows(splits[shown:], w, continued=True) if shown < len(splits) else []
    return [], []  # pragma: no cover


def _page(report: ConsolidatedReport, w: float, splits: list[Split], more: int) -> list:
    h = report.header
    out: list = [
        Heading("DECISION SHEET — HIRING COMMITTEE", "kicker", outline="Decision sheet", key="summary"),
        Paragraph(m(h.candidate_name), style("title_small")),
        Paragraph(f"{m(h.role)} · target level <b>{m(h.target_level_name)}</b> · kit {m(h.kit_id)} "
                  f"v{h.kit_version} · exported {fmt_dt(h.exported_at)}", style("muted")),
    ]
    out += _knockout_line(report, w)
    out += [Paragraph("Recommendations", style("h3")), _tally(report, w)]
    n = len(report.splits)
    head = f"Splits — {n}" if n else "Splits — none"
    out.append(Paragraph(head + c(theme.MUTED, " <font size='8'>(ratings at least the scale's threshold apart: "
                                                "2 steps on 3- to 5-step scales, 3 on 7; widest first)</font>"),
                         style("h3")))
    if splits:
        out += _split_rows(splits, w)
    elif not n:
        out.append(Paragraph("No two submitted ratings on any item, competency, attitude or recommendation are "
                             "that far apart.", style("muted")))
    if more:
        out.append(Paragraph(f"<b>… and {more} more {'split' if more == 1 else 'splits'} on page 2</b> "
                             "(listed first there).", style("muted")))
    out += [Paragraph("Open items", style("h3"))]
    out += [Paragraph(x, style("bullet_tight"), bulletText="•") for x in _open_items(report)]
    out += [Paragraph("Level and agreement", style("h3")),
            Paragraph(m(report.level_view.summary), style("small")),
            Paragraph(_agreement_line(report), style("small"))]
    out += [Spacer(1, 4), _decision_box(report, w)]
    return out


def _knockout_line(report: ConsolidatedReport, w: float) -> list:
    k = report.knockout
    if k.outcome is None:
        return [Paragraph("Knock-out: no knock-out question answered.", style("muted"))]
    ink, bg = OUTCOME_COLOURS[k.outcome]
    if k.outcome is KnockoutOutcome.QUALIFIES and not k.provisional:
        return [Paragraph(c(ink, "<b>Knock-out: qualifies</b>") + f" ({len(k.answers)} answer"
                          f"{'s' if len(k.answers) != 1 else ''})", style("small"))]
    head = knockout_headline(k.outcome, provisional=k.provisional)
    answers = "; ".join(f"{m(a.item_title)}: <b>{m(a.option_label)}</b> ({m(a.interviewer)}"
                        f"{', draft' if a.draft else ''})" for a in k.answers
                        if a.outcome is not KnockoutOutcome.QUALIFIES)
    if not k.answers and k.auto_declined:
        answers = "the candidate record is marked auto-declined"
    body = c(ink, f"<b>{head}</b>") + (f" — {answers}" if answers else "")
    border = ink if k.outcome is not KnockoutOutcome.QUALIFIES else None
    return [boxed([Paragraph(body, style("small"))], width=w, bg=bg, border=border, padding=3)]


def _tally(report: ConsolidatedReport, w: float) -> Table:
    """Rounds down, recommendation steps across, each cell the count and the interviewers."""
    recs = report.recommendations
    steps: list[tuple[int, str, int]] = []  # (index, label, size) in scale order
    for rec in recs:
        if rec.label is not None and (rec.index, rec.label, rec.scale_size) not in steps:
            steps.append((rec.index or 0, rec.label, rec.scale_size))
    steps.sort()
    heads = (["Round"] + [f"{theme.step_glyph(i, n)}&nbsp;{m(label)}" for i, label, n in steps]
             + ["Not yet", "Status"])
    rows = [[Paragraph(x, style("cell_head")) for x in heads]]
    extra: list = []
    totals: dict[int, int] = {}
    for r in report.rounds:
        line = [Paragraph(f"<b>{m(r.name)}</b>", style("cell_small"))]
        for col, (i, label, _n) in enumerate(steps, 1):
            who = [x for x in r.recommendations if x.index == i and x.label == label]
            totals[col] = totals.get(col, 0) + len(who)
            line.append(Paragraph(_who(who), style("cell_small")))
            if who:
                extra.append(("BACKGROUND", (col, len(rows)), (col, len(rows)),
                              theme.rating_colour(who[0].position) if not all(x.draft for x in who)
                              else theme.DRAFT_BG))
        pending = [x for x in r.recommendations if x.label is None]
        line.append(Paragraph(_who(pending), style("cell_small")))
        line.append(Paragraph(_status(r), style("cell_small")))
        rows.append(line)
    overall = [Paragraph("<b>Overall</b>", style("cell"))]
    for col in range(1, len(steps) + 1):
        overall.append(Paragraph(f"<b>{totals.get(col, 0)}</b>", style("cell")))
    pending = sum(1 for x in recs if x.label is None)
    overall += [Paragraph(f"<b>{pending}</b>", style("cell")), Paragraph(
        f"{sum(1 for x in recs if not x.draft)} submitted · {sum(1 for x in recs if x.draft)} draft",
        style("cell_small"))]
    rows.append(overall)
    extra.append(("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), theme.GROUP_BG))
    round_w, status_w, pend_w = 46 * mm, 26 * mm, 16 * mm
    step_w = (w - round_w - status_w - pend_w) / max(len(steps), 1)
    t = Table(rows, colWidths=[round_w] + [step_w] * len(steps) + [pend_w, status_w], repeatRows=1)
    t.setStyle(grid_style(extra=extra + [("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    return t


def _who(recs) -> str:
    if not recs:
        return ""
    names = ", ".join(m(x.interviewer) + (c(theme.DRAFT_INK, " (draft)") if x.draft else "") for x in recs)
    return f"<b>{len(recs)}</b> <font size='6.5'>{names}</font>"


def _status(r) -> str:
    state = {
        RoundState.COMPLETE: "Complete",
        RoundState.SUBMITTED_WITH_DRAFTS: f"{r.draft_count} draft outstanding",
        RoundState.DRAFT_ONLY: "Drafts only",
        RoundState.MISSING: c(theme.DANGER, "<b>Missing</b>"),
        RoundState.NOT_NEEDED: c(theme.MUTED, "Not needed (auto-declined)"),
    }[r.state]
    return state


def _side(side: SplitSide) -> TextBlock:
    """One side of a split: the rating and who, then their own reason (plain text runs, so a
    right-to-left reason wraps in reading order)."""
    runs = [Run(side.label, theme.BOLD), Run(f" · {side.interviewer}")]
    if side.addendum:
        runs.append(Run(f" {theme.ADDENDUM} corrected", None, theme.WARN))
    if side.draft:
        runs.append(Run(" (draft)", None, theme.DRAFT_INK))
    runs.append(Run("\n"))
    if side.reason:
        runs.append(Run(f"“{side.reason}”"))
        if side.reason_from_summary:
            runs.append(Run(" (summary)", theme.ITALIC, theme.MUTED))
    else:
        runs.append(Run("no note", theme.ITALIC, theme.MUTED))
    return TextBlock(runs, style("cell_small"))


def _split_rows(splits: list[Split], w: float, *, continued: bool = False) -> list:
    if not splits:
        return []
    what_w = 44 * mm
    side_w = (w - what_w) / 2
    rows = [[Paragraph(x, style("cell_head")) for x in ("Where", "Lower side", "Higher side")]]
    extra: list = []
    for sp in splits:
        what = (f"<b>{m(sp.name)}</b><br/>" + c(theme.MUTED, f"<font size='7'>{KIND_LABELS.get(sp.kind, sp.kind)}"
                f" · {sp.spread} steps apart</font>"))
        r = len(rows)
        rows.append([Paragraph(f"{theme.SPLIT} " + what, style("cell_small")),
                     _side(sp.low), _side(sp.high)])
        extra += [("BACKGROUND", (1, r), (1, r), theme.rating_colour(sp.low.position)),
                  ("BACKGROUND", (2, r), (2, r), theme.rating_colour(sp.high.position))]
    t = Table(rows, colWidths=[what_w, side_w, side_w], repeatRows=1)
    t.setStyle(grid_style(extra=extra + [("TOPPADDING", (0, 0), (-1, -1), 1.5),
                                         ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
    out: list = []
    if continued:
        out.append(Paragraph("Splits continued from page 1", style("h2")))
    return out + [t]


def _open_items(report: ConsolidatedReport) -> list[str]:
    # stored data that failed its check on export comes first: it decides what the rest is worth
    items = [f"<b>Warning:</b> {m(w)}" for w in report.integrity_warnings]
    for r in report.rounds:
        if r.state is RoundState.MISSING:
            items.append(f"Round <b>{m(r.name)}</b>: no scorecard yet.")
        elif r.state is RoundState.DRAFT_ONLY:
            items.append(f"Round <b>{m(r.name)}</b>: drafts only — nothing submitted.")
        elif r.state is RoundState.SUBMITTED_WITH_DRAFTS:
            items.append(f"Round <b>{m(r.name)}</b>: {r.draft_count} draft{'s' if r.draft_count != 1 else ''} "
                         "outstanding.")
    addenda = [(sc, a) for rnd in report.evidence for sc in rnd.scorecards for a in sc.addenda]
    for sc, a in addenda:
        where = f"item {a.item_number}. {m(a.item_title or '')}" if a.item_number else "the scorecard"
        items.append(f"{theme.ADDENDUM} Addendum by {m(a.author)} ({fmt_date(a.created_at)}) corrects {where} "
                     f"in {m(sc.round_name)}.")
    gaps = [r for r in report.gaps if not r.is_item and r.item_count]
    if report.knockout.auto_declined:
        not_needed = sum(1 for r in report.rounds if r.state is RoundState.NOT_NEEDED)
        items.append(f"Auto-declined: {not_needed} round{'s' if not_needed != 1 else ''} not needed, so "
                     "competencies and attitudes those rounds assess were not rated.")
    elif gaps:
        items.append(f"Not assessed by anyone: {'; '.join(m(r.name) for r in gaps[:6])}"
                     + (f" and {len(gaps) - 6} more" if len(gaps) > 6 else "") + ".")
    if report.no_evidence_count:
        items.append(f"{report.no_evidence_count} rating{'s' if report.no_evidence_count != 1 else ''} "
                     "without evidence (no indicator, no note).")
    if report.older_scorecards:
        items.append(f"{len(report.older_scorecards)} scorecard(s) on an older kit version (see page 2).")
    if len(items) > MAX_OPEN_ITEMS:  # page 1 stays one page; the cover's agenda has them all
        rest = len(items) - (MAX_OPEN_ITEMS - 1)
        items = items[:MAX_OPEN_ITEMS - 1] + [f"… and {rest} more: listed in the agenda on the cover."]
    return items or ["None: every round started is submitted, no addenda."]


def _agreement_line(report: ConsolidatedReport) -> str:
    a = report.agreement
    if a is None or not a.enough:
        n = a.pairable if a else 0
        return (f"Panel agreement: too few ratings to measure agreement ({n} pairable "
                f"{'rating' if n == 1 else 'ratings'}; Krippendorff's alpha is shown from 30).")
    return (f"Panel agreement: Krippendorff's alpha (ordinal) = <b>{a.alpha:.2f}</b> — {a.band} "
            f"(from {a.pairable} pairable ratings on {a.units} rows).")


def _decision_box(report: ConsolidatedReport, w: float) -> Table:
    d = report.decision
    lines: list = [Paragraph("Committee decision", style("cell_head"))]
    if d is not None:
        level = f" · level <b>{m(d.level_name or d.level_id or '')}</b>" if (d.level_name or d.level_id) else ""
        lines += [
            Paragraph(f"<b>{m(d.label)}</b>{level} — recorded by "
                      f"<b>{m(d.decided_by)}</b> on {fmt_dt(d.decided_at)}", style("body")),
            Paragraph("Why: " + m(d.rationale), style("small")),
        ]
    else:
        box = theme.BOX_EMPTY
        lines += [
            Paragraph(f"{box} Hire &nbsp;&nbsp; {box} No hire &nbsp;&nbsp; {box} Hold — more evidence needed"
                      "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; Level: ______________________", style("body")),
            Paragraph("Why: " + "_" * 110, style("small")),
        ]
    sign = Table([[Paragraph("Name", style("cell_small")), Paragraph("Signature", style("cell_small")),
                   Paragraph("Date", style("cell_small"))]] + [["", "", ""] for _ in range(3)],
                 colWidths=[(w - 16) * f for f in (0.4, 0.4, 0.2)], rowHeights=[11] + [15] * 3)
    sign.setStyle(grid_style(header_rows=0, extra=[("LINEBELOW", (0, 1), (-1, -1), 0.5, theme.INK),
                                                   ("GRID", (0, 0), (-1, -1), 0, colors.white),
                                                   ("LINEBELOW", (0, 1), (-1, -1), 0.5, theme.INK)]))
    lines.append(sign)
    return boxed(lines, width=w, bg=colors.white, border=theme.INK, padding=4)
