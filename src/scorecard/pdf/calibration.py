"""The interviewer calibration report, for the hiring coordinator (landscape).

Input is a `CalibrationReport` (`scorecard.domain.consolidation.calibration`): per
interviewer, their scorecards, rating distribution per scale, lean against the rest of
the panel on the same candidates, recommendation distribution and how often they end
in a split; then the panel's and each pair's agreement (Krippendorff's alpha).
"""

from __future__ import annotations

from datetime import datetime

from reportlab.platypus import Spacer, Table

from scorecard.domain.consolidation.calibration import (
    SMALL_COMPARISONS,
    SMALL_SCORECARDS,
    CalibrationReport,
)
from scorecard.pdf import theme
from scorecard.pdf.blocks import Heading, c, fmt_dt, glyph_label, grid_style
from scorecard.pdf.canvas import DocMeta, build_pdf, frame_width
from scorecard.pdf.theme import Paragraph, markup, style

CONFIDENTIAL = "Confidential — hiring coordinator"


def render_calibration(report: CalibrationReport, *, exported_at: datetime) -> bytes:
    meta = DocMeta(
        title="Interviewer calibration report",
        subject=f"{len(report.interviewers)} interviewers across {report.candidates} candidates",
        author="Scorecard — hiring coordinator",
        header_left="Interviewer calibration",
        header_right=CONFIDENTIAL,
        footer_left=f"Interviewer calibration · exported {fmt_dt(exported_at)}",
        keywords="calibration, interviewer, inter-rater agreement, Krippendorff's alpha",
    )
    return build_pdf(story(report, exported_at), meta=meta, first_template="landscape")


def _m(text: str) -> str:
    return markup(text, newlines=False)


def _agreement(a) -> str:
    if not a.enough:
        return f"too few ratings to measure agreement ({a.pairable} pairable)"
    return f"α = <b>{a.alpha:.2f}</b> — {a.band} ({a.pairable} pairable ratings on {a.units} rows)"


def story(report: CalibrationReport, exported_at: datetime) -> list:
    w = frame_width("landscape")
    out: list = [
        Heading("INTERVIEWER CALIBRATION", "kicker", outline="Interviewer calibration", key="calibration"),
        Paragraph(f"{len(report.interviewers)} interviewers across {report.candidates} candidates", style("title_small")),
        Paragraph(
            f"Submitted scorecards only; exported {fmt_dt(exported_at)}. <b>Lean</b> is the interviewer's own figure "
            "on a candidate's competency, attitude or item minus the median of the colleagues who rated the same, in "
            "scale steps, averaged: + more lenient, − more severe than the rest of the panel. It says how an "
            "interviewer rates compared with colleagues, not who is right. <b>Splits</b> counts the rows they rated "
            "where they were one side of a disagreement. "
            f"{c(theme.WARN, '<b>Small sample</b>')}: fewer than {SMALL_SCORECARDS} scorecards or "
            f"{SMALL_COMPARISONS} comparisons — read the figures as anecdotes.",
            style("muted")),
        Paragraph("Panel agreement across all candidates (Krippendorff's alpha, ordinal): "
                  + _agreement(report.panel), style("body")),
        Spacer(1, 4),
    ]
    heads = ["Interviewer", "Scorecards", "Ratings given, per scale", "Lean vs panel", "Recommendations", "Splits"]
    rows = [[Paragraph(h, style("cell_head")) for h in heads]]
    extra: list = []
    for cal in report.interviewers:
        r = len(rows)
        who = f"<b>{_m(cal.interviewer)}</b>"
        if cal.small_sample:
            who += "<br/>" + c(theme.WARN, "<b>small sample</b>")
            extra.append(("BACKGROUND", (0, r), (0, r), theme.WARN_BG))
        cards = f"{cal.scorecards} submitted" + (f", {cal.drafts} draft" if cal.drafts else "")
        cards += f"<br/>{cal.candidates} candidate{'s' if cal.candidates != 1 else ''}"
        dists = []
        for d in cal.distributions:
            n = len(d.labels)
            parts = [f"{_m(glyph_label(label, i, n))} <b>{k}</b>" for i, (label, k) in enumerate(zip(d.labels, d.counts))]
            dists.append(" · ".join(parts) + c(theme.MUTED, f" ({d.total})"))
        lean = _m(cal.lean_words) + c(theme.MUTED, f"<br/>{cal.comparisons} comparisons")
        recs = " · ".join(f"{_m(label)} <b>{k}</b>" for label, k in cal.recommendations) or "—"
        splits = f"<b>{cal.splits}</b> of {cal.rated_rows} rows rated"
        if cal.rated_rows:
            splits += f"<br/>({100 * cal.splits / cal.rated_rows:.0f} %)"
        rows.append([Paragraph(who, style("cell")), Paragraph(cards, style("cell_small")),
                     Paragraph("<br/>".join(dists) or "—", style("cell_small")), Paragraph(lean, style("cell_small")),
                     Paragraph(recs, style("cell_small")), Paragraph(splits, style("cell_small"))])
    t = Table(rows, colWidths=[w * f for f in (0.15, 0.10, 0.33, 0.15, 0.17, 0.10)], repeatRows=1)
    t.setStyle(grid_style(extra=extra))
    out.append(t)
    if report.pairs:
        out += [Paragraph("Agreement between pairs of interviewers", style("h2")),
                Paragraph("Over the rows of the candidates both rated. Shown only with enough pairable ratings.",
                          style("muted"))]
        prow = [[Paragraph(h, style("cell_head")) for h in ("Pair", "Krippendorff's alpha (ordinal)")]]
        for p in report.pairs:
            prow.append([Paragraph(f"{_m(p.a)} · {_m(p.b)}", style("cell")),
                         Paragraph(_agreement(p.agreement), style("cell"))])
        pt = Table(prow, colWidths=[w * 0.35, w * 0.65], repeatRows=1)
        pt.setStyle(grid_style())
        out.append(pt)
    return out
