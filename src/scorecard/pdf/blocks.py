"""Flowables and small layout pieces shared by the reports.

Headings that make outline entries, ruled writing space, rating badges, and the
evidence of one scorecard (used both by the committee report and by the single
interviewer's report). Only layout here: what is shown was decided in
`scorecard.domain.consolidation`.
"""

from __future__ import annotations

from datetime import datetime
from itertools import zip_longest

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from scorecard.domain.consolidation import (
    IndicatorMark,
    ItemEvidence,
    Rating,
    Recommendation,
    RoundState,
    ScorecardEvidence,
)
from scorecard.domain.kit import KnockoutOutcome
from scorecard.pdf import theme
from scorecard.pdf.theme import markup, style

ITEM_TYPE_LABELS = {
    "competency_question": "Competency question",
    "attitude_question": "Attitude question",
    "knockout_question": "Knock-out question",
    "video_question": "Video question",
    "resume_criterion": "Resume criterion",
    "exercise": "Exercise",
}
STAGE_LABELS = {
    "application": "Application",
    "resume_screening": "Resume screening",
    "interview": "Interview",
}
OUTCOME_LABELS = {
    KnockoutOutcome.QUALIFIES: "Qualifies",
    KnockoutOutcome.REVIEW: "Review",
    KnockoutOutcome.AUTO_DECLINE: "Auto-decline",
}
OUTCOME_COLOURS = {
    KnockoutOutcome.QUALIFIES: (theme.OK, theme.OK_BG),
    KnockoutOutcome.REVIEW: (theme.WARN, theme.WARN_BG),
    KnockoutOutcome.AUTO_DECLINE: (theme.DANGER, theme.DANGER_BG),
}
ROUND_STATE_LABELS = {
    RoundState.COMPLETE: "Complete",
    RoundState.DRAFT_ONLY: "Draft only",
    RoundState.MISSING: "Missing",
}
ROUND_STATE_COLOURS = {
    RoundState.COMPLETE: (theme.OK, theme.OK_BG),
    RoundState.DRAFT_ONLY: (theme.DRAFT_INK, theme.DRAFT_BANNER),
    RoundState.MISSING: (theme.DANGER, theme.DANGER_BG),
}
DRAFT_WORD = "DRAFT"


# --- formatting -------------------------------------------------------------------------


def fmt_dt(dt: datetime | None) -> str:
    if dt is None:
        return "—"
    zone = dt.strftime("%Z") if dt.tzinfo else ""
    return dt.strftime("%Y-%m-%d %H:%M") + (f" {zone}" if zone else "")


def fmt_date(dt: datetime | None) -> str:
    return dt.strftime("%Y-%m-%d") if dt else "—"


def fmt_seconds(seconds: float) -> str:
    s = int(round(seconds))
    if s <= 0:
        return "—"
    if s < 60:
        return f"{s} s"
    m, s = divmod(s, 60)
    if m < 60:
        return f"{m} min {s:02d} s" if s else f"{m} min"
    h, m = divmod(m, 60)
    return f"{h} h {m:02d} min"


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize())


def p(text: str, name: str = "body") -> Paragraph:
    """A paragraph of *user or kit* text (escaped, with CJK fallback)."""
    return Paragraph(markup(text), style(name))


def pm(markup_text: str, name: str = "body") -> Paragraph:
    """A paragraph of markup assembled by the renderer (user parts already passed through markup())."""
    return Paragraph(markup_text, style(name))


def c(colour: colors.Color, text: str) -> str:
    """Inline colour for already-escaped markup."""
    return f'<font color="{theme.hexof(colour)}">{text}</font>'


# --- flowables --------------------------------------------------------------------------


class Heading(Paragraph):
    """A heading that also drops a bookmark and an outline entry where it is drawn."""

    def __init__(self, text: str, style_name: str, *, outline: str, key: str, level: int = 0,
                 closed: bool = False, is_markup: bool = False, section: str | None = None):
        super().__init__(text if is_markup else markup(text, newlines=False), style(style_name))
        self._outline = outline
        self._key = key
        self._level = level
        self._closed = closed
        self._section = outline if section is None else section

    def draw(self):
        super().draw()
        self.canv.bookmarkHorizontal(self._key, 0, self.height + 6)
        self.canv.addOutlineEntry(self._outline, self._key, level=self._level, closed=self._closed)
        mark = getattr(self.canv, "set_section", None)
        if mark is not None and self._section:
            mark(self._section, 0, self.canv.absolutePosition(0, self.height)[1])


class SectionMark(Flowable):
    """Zero-size marker: pages that continue this section say so under the header."""

    def __init__(self, text: str, level: int = 0):
        super().__init__()
        self.text = text
        self.level = level
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        return 0, 0

    def draw(self):
        mark = getattr(self.canv, "set_section", None)
        if mark is not None:
            mark(self.text, self.level, self.canv.absolutePosition(0, 0)[1])


class RuledLines(Flowable):
    """`count` ruled lines of writing space, split across pages when needed."""

    def __init__(self, count: int, spacing: float = 7.5 * mm, label: str = ""):
        super().__init__()
        self.count = count
        self.spacing = spacing
        self.label = label

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        self.width = availWidth
        self.height = self.count * self.spacing + 2
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        fits = int((availHeight - 2) // self.spacing)
        if fits < 2 or fits >= self.count:
            return []
        return [RuledLines(fits, self.spacing), RuledLines(self.count - fits, self.spacing)]

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setStrokeColor(theme.RULE)
        canv.setLineWidth(0.5)
        for i in range(1, self.count + 1):
            y = self.height - i * self.spacing
            canv.line(0, y, self.width, y)
        canv.restoreState()


def boxed(flowables: list, *, width: float, bg: colors.Color, border: colors.Color | None = None,
          padding: float = 6) -> Table:
    """Flowables in a tinted box (one cell: keep the content short)."""
    t = Table([[flowables]], colWidths=[width])
    cmds = [
        ("BACKGROUND", (0, 0), (-1, -1), bg),
        ("LEFTPADDING", (0, 0), (-1, -1), padding + 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), padding + 2),
        ("TOPPADDING", (0, 0), (-1, -1), padding),
        ("BOTTOMPADDING", (0, 0), (-1, -1), padding),
    ]
    if border is not None:
        cmds.append(("BOX", (0, 0), (-1, -1), 1, border))
    t.setStyle(table_style(cmds))
    return t


def table_style(cmds: list) -> TableStyle:
    """A TableStyle that sets the embedded font first: ReportLab's Table otherwise selects
    (unembedded) Helvetica for every cell, even cells holding only Paragraphs."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), theme.MAIN), *cmds])


def draft_outline(col: int, row: int) -> tuple:
    """A dashed amber outline around one table cell: how a draft looks everywhere."""
    return ("BOX", (col, row), (col, row), 0.9, theme.DRAFT_INK, 1, (2, 1.5))


def grid_style(*, header_rows: int = 1, extra: list | None = None) -> TableStyle:
    """The house table look: light grid, tinted header, top-aligned cells."""
    cmds = [
        ("FONTNAME", (0, 0), (-1, -1), theme.MAIN),
        ("FONTSIZE", (0, 0), (-1, -1), 8.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("GRID", (0, 0), (-1, -1), 0.4, theme.GRID),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        cmds.append(("BACKGROUND", (0, 0), (-1, header_rows - 1), theme.HEADER_BG))
    return TableStyle(cmds + (extra or []))


# --- ratings and recommendations ---------------------------------------------------------


def rating_text(r: Rating, *, with_scale: bool = False) -> str:
    """Markup for one rating: its label, and a visible draft marker."""
    label = markup(r.label, newlines=False)
    scale = f' <font size="7">({r.index + 1}/{r.scale_size})</font>' if with_scale else ""
    if r.draft:
        return f"<i>{label}</i>{scale} {c(theme.DRAFT_INK, '<b>(draft)</b>')}"
    return f"{label}{scale}"


def recommendation_text(rec: Recommendation) -> str:
    if rec.label is None:
        body = c(theme.MUTED, "<i>not given yet</i>")
    else:
        body = f"<b>{markup(rec.label, newlines=False)}</b>"
    if rec.draft:
        body += " " + c(theme.DRAFT_INK, "<b>(draft)</b>")
    return body


def recommendation_bg(rec: Recommendation) -> colors.Color:
    if rec.draft:
        return theme.DRAFT_BG
    return theme.rating_colour(rec.position)


def badge(text_markup: str, *, bg: colors.Color, width: float, name: str = "cell_center",
          draft: bool = False) -> Table:
    t = Table([[Paragraph(text_markup, style(name))]], colWidths=[width])
    t.setStyle(table_style([
        ("BACKGROUND", (0, 0), (-1, -1), bg),
        draft_outline(0, 0) if draft else ("BOX", (0, 0), (-1, -1), 0.5, theme.RULE),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    return t


# --- evidence of one scorecard -------------------------------------------------------------


def _item_badge(item: ItemEvidence, draft: bool, width: float) -> Table:
    draft_tag = f"<br/>{c(theme.DRAFT_INK, '<b>draft</b>')}" if draft else ""
    if item.rating is not None:
        r = item.rating
        text = f"<b>{markup(r.label, newlines=False)}</b><br/><font size='7'>{r.index + 1} of {r.scale_size}</font>"
        bg = theme.DRAFT_BG if draft else theme.rating_colour(r.position)
        return badge(text + draft_tag, bg=bg, width=width, draft=draft)
    if item.knockout_option is not None and item.knockout_outcome is not None:
        ink, bg = OUTCOME_COLOURS[item.knockout_outcome]
        text = (f"<b>{markup(item.knockout_option, newlines=False)}</b><br/>"
                f"{c(ink, OUTCOME_LABELS[item.knockout_outcome])}")
        return badge(text + draft_tag, bg=theme.DRAFT_BG if draft else bg, width=width, draft=draft)
    if item.skip_reason is not None:
        return badge("<b>Skipped</b>" + draft_tag, bg=theme.GROUP_BG, width=width, draft=draft)
    return badge(c(theme.MUTED, "<i>Not answered</i>") + draft_tag, bg=colors.white, width=width, draft=draft)


def _indicator(mark: IndicatorMark, blank: bool = False) -> Paragraph:
    if blank:
        return Paragraph(f"{theme.BOX_EMPTY} {markup(mark.text)}", style("indicator"))
    if mark.checked:
        box = theme.BOX_CHECKED if mark.polarity == "positive" else theme.BOX_CROSSED
        colour = theme.OK if mark.polarity == "positive" else theme.DANGER
        return Paragraph(f"{c(colour, box)} {markup(mark.text)}", style("indicator_on"))
    return Paragraph(f"{theme.BOX_EMPTY} {markup(mark.text)}", style("indicator_off"))


def indicator_table(marks: tuple[IndicatorMark, ...], width: float, *, blank: bool = False) -> Table | None:
    """Positive and negative indicators side by side; checked ones bold with a ticked box."""
    pos = [m for m in marks if m.polarity == "positive"]
    neg = [m for m in marks if m.polarity == "negative"]
    if not pos and not neg:
        return None
    head_p = "Positive indicators"
    head_n = "Negative indicators"
    if not blank:
        head_p += f" — {sum(m.checked for m in pos)} of {len(pos)} observed"
        head_n += f" — {sum(m.checked for m in neg)} of {len(neg)} observed"
    rows = [[Paragraph(head_p, style("cell_head")), Paragraph(head_n, style("cell_head"))]]
    for a, b in zip_longest(pos, neg):
        rows.append([_indicator(a, blank) if a else "", _indicator(b, blank) if b else ""])
    t = Table(rows, colWidths=[width / 2, width / 2], repeatRows=1)
    t.setStyle(table_style([
        ("FONTNAME", (0, 0), (-1, -1), theme.MAIN),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 8),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LINEBELOW", (0, 0), (-1, 0), 0.4, theme.RULE),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 2),
    ]))
    return t


def note_paragraphs(text: str, name: str = "note") -> list[Paragraph]:
    """Notes as paragraphs split at blank lines, so long notes flow across pages."""
    blocks = [b.strip("\n") for b in text.replace("\r\n", "\n").split("\n\n")]
    return [Paragraph(markup(b), style(name)) for b in blocks if b.strip()]


def item_evidence(item: ItemEvidence, *, draft: bool, width: float) -> list:
    """One item of a scorecard: heading with the rating, prompt, anchor, indicators, notes."""
    badge_w = 30 * mm
    kind = ITEM_TYPE_LABELS.get(item.item_type, item.item_type)
    sub = kind
    if item.dimension_name:
        sub += f" · {item.dimension_kind}: {item.dimension_name}"
    title = [
        Paragraph(f"{item.number}. {markup(item.title, newlines=False)}", style("h3")),
        Paragraph(markup(sub, newlines=False), style("muted")),
    ]
    head = Table([[title, _item_badge(item, draft, badge_w)]], colWidths=[width - badge_w - 4, badge_w + 4])
    head.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("LEFTPADDING", (1, 0), (1, 0), 4),
    ]))
    top: list = [head]
    if item.prompt and item.prompt != item.title:
        top.append(Paragraph(markup(item.prompt), style("prompt")))
    if item.rating is not None and item.anchor:
        top.append(Paragraph(
            f"<b>Anchor for {markup(item.rating.label, newlines=False)}:</b> {markup(item.anchor)}",
            style("muted"),
        ))
    facts = []
    if item.variant:
        facts.append(f"Variant used: <b>{markup(item.variant, newlines=False)}</b>")
    if item.knockout_option is not None and item.knockout_outcome is not None:
        facts.append(f"Answer: <b>{markup(item.knockout_option, newlines=False)}</b> → "
                     f"{OUTCOME_LABELS[item.knockout_outcome]}")
    facts.append(f"Time spent: {fmt_seconds(item.seconds_spent)}")
    top.append(Paragraph(" · ".join(facts), style("muted")))
    if item.skip_reason is not None:
        reason = markup(item.skip_reason) or c(theme.MUTED, "<i>no reason given</i>")
        top.append(Paragraph(f"<b>Skipped.</b> Reason: {reason}", style("body")))
    if item.no_evidence:
        top.append(Paragraph(
            f"{theme.WARNING} No evidence recorded — rated without a checked indicator or a note.",
            style("warn"),
        ))
    top.insert(0, SectionMark(f"{item.number}. {item.title}", level=1))
    ind = indicator_table(item.indicators, width)
    if ind is not None:
        top += [Spacer(1, 2), ind]
    out: list = [CondPageBreak(40 * mm), KeepTogether(top)]
    notes = note_paragraphs(item.notes)
    out.append(Paragraph("Notes", style("label")))
    out += notes or [Paragraph("<i>No notes.</i>", style("muted"))]
    out.append(_rule(width))
    return out


def _rule(width: float) -> Flowable:
    return HRFlowable(width=width, thickness=0.5, color=theme.RULE, spaceBefore=4, spaceAfter=6)


def scorecard_header(sc: ScorecardEvidence, *, width: float) -> list:
    """Status banner, recommendation and summary of one scorecard."""
    out: list = []
    if sc.draft:
        out.append(boxed([
            Paragraph(f"{DRAFT_WORD} — not submitted", style("banner")),
            Paragraph(
                f"Last changed {fmt_dt(sc.updated_at)}. Everything below may still change; "
                "its ratings are shown but not counted when measuring disagreement.",
                style("banner_small"),
            ),
        ], width=width, bg=theme.DRAFT_BANNER, border=theme.DRAFT_INK))
    else:
        out.append(Paragraph(
            f"{c(theme.OK, '<b>Submitted</b>')} {fmt_dt(sc.submitted_at)} · locked; "
            "later corrections appear as addenda.",
            style("muted"),
        ))
    out.append(Spacer(1, 4))
    rec_w = 45 * mm
    rec = Table(
        [[Paragraph("Overall recommendation", style("cell_head")),
          badge(recommendation_text(sc.recommendation), bg=recommendation_bg(sc.recommendation), width=rec_w,
                draft=sc.recommendation.draft)]],
        colWidths=[width - rec_w - 6, rec_w + 6],
    )
    rec.setStyle(table_style([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
    ]))
    out.append(rec)
    out.append(Paragraph("Summary", style("label")))
    out += note_paragraphs(sc.summary) or [Paragraph("<i>No summary written.</i>", style("muted"))]
    answered = len(sc.items) - sc.unanswered_count
    skipped = sum(1 for i in sc.items if i.skip_reason is not None)
    stats = [f"{answered} of {len(sc.items)} items answered", f"{skipped} skipped",
             f"time recorded {fmt_seconds(sc.total_seconds)}"]
    if sc.no_evidence_count:
        stats.append(c(theme.WARN, f"<b>{sc.no_evidence_count} rated without evidence</b>"))
    out.append(Paragraph(" · ".join(stats), style("muted")))
    if sc.knockout_outcome is not None:
        ink, _ = OUTCOME_COLOURS[sc.knockout_outcome]
        out.append(Paragraph(f"Knock-out outcome: {c(ink, '<b>' + OUTCOME_LABELS[sc.knockout_outcome] + '</b>')}",
                             style("body")))
    out.append(Spacer(1, 4))
    return out


def addenda(sc: ScorecardEvidence, *, width: float) -> list:
    if not sc.addenda:
        return []
    out: list = [Paragraph("Addenda — corrections after submission", style("h3"))]
    for a in sc.addenda:
        out.append(Paragraph(
            f"<b>{fmt_dt(a.created_at)}</b> · {markup(a.author, newlines=False)}", style("muted")))
        out += note_paragraphs(a.text)
    return out


def scorecard_evidence(sc: ScorecardEvidence, *, width: float) -> list:
    """Everything one interviewer recorded on one scorecard, in kit order."""
    out = scorecard_header(sc, width=width)
    # corrections come before the items they correct, so nobody reads past them
    out += addenda(sc, width=width)
    for item in sc.items:
        out += item_evidence(item, draft=sc.draft, width=width)
    return out
