"""One interviewer's scorecard for one round, as a PDF.

The same evidence layout as the committee report's per-interviewer section, with a
short cover block; the input is an `InterviewerReport` from
`scorecard.domain.consolidation.interviewer_view`.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from scorecard.domain.consolidation import InterviewerReport
from scorecard.pdf import blocks
from scorecard.pdf.blocks import Heading, fmt_dt, fmt_seconds, grid_style, stage_label
from scorecard.pdf.canvas import DocMeta, build_pdf, frame_width
from scorecard.pdf.consolidated import CONFIDENTIAL
from scorecard.pdf.theme import GROUP_BG, Paragraph, markup, style


def render_interviewer(report: InterviewerReport) -> bytes:
    """One interviewer's scorecard as PDF bytes."""
    h, sc = report.header, report.scorecard
    draft = " (DRAFT)" if sc.draft else ""
    meta = DocMeta(
        title=f"Scorecard — {h.candidate_name} — {sc.round_name} — {sc.interviewer}{draft}",
        subject=f"{h.role}, target level {h.target_level_name}; kit {h.kit_id} v{h.kit_version}",
        author=sc.interviewer,
        header_left=h.candidate_name,
        header_right=CONFIDENTIAL,
        footer_left=f"Scorecard · {sc.round_name} · {sc.interviewer}{draft} · exported {fmt_dt(h.exported_at)}",
        keywords="scorecard, structured interview",
    )
    return build_pdf(story(report), meta=meta)


def story(report: InterviewerReport) -> list:
    h, sc = report.header, report.scorecard
    w = frame_width("portrait")
    out: list = [
        Heading("INTERVIEWER SCORECARD", "kicker", outline=f"{sc.round_name} — {sc.interviewer}",
                key=f"sc-{sc.scorecard_id}"),
        Paragraph(markup(h.candidate_name, newlines=False), style("title")),
        Paragraph(f"{markup(sc.round_name, newlines=False)} · {stage_label(report.round_stage)} · "
                  f"interviewer <b>{markup(sc.interviewer, newlines=False)}</b>", style("subtitle")),
    ]
    facts = [
        ("Role", h.role),
        ("Target level", h.target_level_name),
        ("Kit", f"{h.kit_id} — version {h.kit_version} ({h.kit_version_title}, content {h.content_hash[:12]})"),
        ("Started", fmt_dt(sc.created_at)),
        ("Round clock", f"{fmt_seconds(sc.round_seconds)} since the round started (pauses not counted); "
                        f"{fmt_seconds(sc.total_seconds)} on its items"),
        ("Status", "DRAFT — not submitted" if sc.draft else f"Submitted {fmt_dt(sc.submitted_at)}"),
        ("Exported", fmt_dt(h.exported_at)),
    ]
    t = Table([[Paragraph(k, style("cell_bold")), Paragraph(markup(v), style("cell"))] for k, v in facts],
              colWidths=[32 * mm, w - 32 * mm])
    t.setStyle(grid_style(header_rows=0, extra=[("BACKGROUND", (0, 0), (0, -1), GROUP_BG)]))
    out += [t, Spacer(1, 8)]
    out += blocks.scorecard_evidence(sc, width=w)
    return out
