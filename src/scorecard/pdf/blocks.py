"""Flowables and small layout pieces shared by the reports.

Headings that make outline entries, ruled writing space, rating badges, and the
evidence of one scorecard (used both by the committee report and by the single
interviewer's report). Only layout here: what is shown was decided in
`scorecard.domain.consolidation`.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from itertools import zip_longest

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from scorecard.domain.consolidation import (
    IndicatorMark,
    ItemEvidence,
    Recommendation,
    RoundState,
    ScorecardEvidence,
)
from scorecard.domain.kit import KnockoutOutcome
from scorecard.pdf import text, theme
from scorecard.pdf.text import Run
from scorecard.pdf.theme import Paragraph, markup, style

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
def knockout_headline(outcome: KnockoutOutcome, *, provisional: bool) -> str:
    """The knock-out result in words, the same on the decision sheet and the cover."""
    head = {
        KnockoutOutcome.AUTO_DECLINE: f"{theme.WARNING} AUTO-DECLINE — a knock-out answer disqualifies this candidate",
        KnockoutOutcome.REVIEW: f"{theme.WARNING} KNOCK-OUT NEEDS REVIEW",
        KnockoutOutcome.QUALIFIES: "Knock-out: qualifies",
    }[outcome]
    return head + (" (provisional: from a draft)" if provisional else "")


ROUND_STATE_LABELS = {
    RoundState.COMPLETE: "Complete",
    RoundState.SUBMITTED_WITH_DRAFTS: "Submitted",  # always followed by "· n drafts outstanding"
    RoundState.DRAFT_ONLY: "Draft only",
    RoundState.MISSING: "Missing",
    RoundState.NOT_NEEDED: "Not needed",
}
ROUND_STATE_COLOURS = {
    RoundState.COMPLETE: (theme.OK, theme.OK_BG),
    RoundState.SUBMITTED_WITH_DRAFTS: (theme.DRAFT_INK, theme.DRAFT_BANNER),
    RoundState.DRAFT_ONLY: (theme.DRAFT_INK, theme.DRAFT_BANNER),
    RoundState.MISSING: (theme.DANGER, theme.DANGER_BG),
    RoundState.NOT_NEEDED: (theme.MUTED, theme.GROUP_BG),
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


def round_state_label(state: RoundState, draft_count: int = 0) -> str:
    """"Complete", "Draft only", "Missing" — or "Submitted · 1 draft outstanding": a round with a
    draft still open is never called complete."""
    label = ROUND_STATE_LABELS[state]
    if state is RoundState.SUBMITTED_WITH_DRAFTS:
        n = max(draft_count, 1)
        label += f" · {n} draft{'s' if n != 1 else ''} outstanding"
    return label


def version_note(version: int | None) -> str:
    """How a scorecard (or rating) on an older kit version is labelled: "scored on version 1"."""
    return f"scored on version {version}" if version is not None else "scored on an older version"


def stage_label(stage: str) -> str:
    return STAGE_LABELS.get(stage, stage.replace("_", " ").capitalize())


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


def item_key(interviewer: str, round_id: str, item_id: str) -> str:
    """The named destination of one scorecard's item in the evidence (matrix entries link to it)."""
    return "it-" + hashlib.sha1(f"{interviewer}\0{round_id}\0{item_id}".encode()).hexdigest()[:16]


class SectionMark(Flowable):
    """Zero-size marker: pages that continue this section say so under the header; with `key`,
    also a named destination that links elsewhere in the report point at."""

    def __init__(self, text: str, level: int = 0, key: str | None = None):
        super().__init__()
        self.text = text
        self.level = level
        self.key = key
        self.width = self.height = 0

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        return 0, 0

    def draw(self):
        if self.key:
            self.canv.bookmarkHorizontal(self.key, 0, 14)
        mark = getattr(self.canv, "set_section", None)
        if mark is not None:
            mark(self.text, self.level, self.canv.absolutePosition(0, 0)[1])


class Linked(Flowable):
    """A flowable that is also a link to a named destination in the same document."""

    def __init__(self, child: Flowable, key: str):
        super().__init__()
        self.child = child
        self.key = key

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        self.width, self.height = self.child.wrap(availWidth, availHeight)
        return self.width, self.height

    def draw(self):
        self.child.drawOn(self.canv, 0, 0)
        self.canv.linkRect("", self.key, (0, 0, self.width, self.height), relative=1, thickness=0)


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


def glyph_label(label: str, index: int | None, size: int) -> str:
    """A step's label with its black-and-white glyph: "+ Exceeds", "−− Strong no"."""
    return label if index is None else f"{theme.step_glyph(index, size)} {label}"


def recommendation_text(rec: Recommendation) -> str:
    if rec.label is None:
        body = c(theme.MUTED, "<i>not given yet</i>")
    else:
        body = f"<b>{markup(glyph_label(rec.label, rec.index, rec.scale_size), newlines=False)}</b>"
    if rec.draft:
        body += " " + c(theme.DRAFT_INK, "<b>(draft)</b>")
    return body


def recommendation_bg(rec: Recommendation) -> colors.Color:
    if rec.draft:
        return theme.DRAFT_BG
    return theme.rating_colour(rec.position)


def badge(text_markup: str, *, bg: colors.Color, width: float, name: str = "cell_center",
          draft: bool = False) -> Table:
    """A tinted one-cell table holding markup (for the few badges whose text needs markup)."""
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


# --- light flowables for the evidence (hundreds per report: tables would be slow) ---------


class Badge(Flowable):
    """A small tinted box of centred one-line texts: (text, bold?, size, colour) each."""

    PAD = 3.0

    def __init__(self, lines: list[tuple[str, bool, float, colors.Color]], *, width: float,
                 bg: colors.Color, draft: bool = False):
        super().__init__()
        self.lines = lines
        self.width = width
        self.bg = bg
        self.draft = draft
        self.height = 2 * self.PAD + sum(size * 1.25 for _, _, size, _ in lines)

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        return self.width, self.height

    def draw(self):
        canv = self.canv
        canv.saveState()
        canv.setFillColor(self.bg)
        if self.draft:
            canv.setStrokeColor(theme.DRAFT_INK)
            canv.setLineWidth(0.9)
            canv.setDash(2, 1.5)
        else:
            canv.setStrokeColor(theme.RULE)
            canv.setLineWidth(0.5)
        canv.rect(0, 0, self.width, self.height, stroke=1, fill=1)
        canv.setDash()
        y = self.height - self.PAD
        tx = canv.beginText()
        for value, bold, size, colour in self.lines:
            y -= size * 1.25
            theme.draw_text(canv, self.width / 2, y + size * 0.3, value, font=theme.BOLD if bold else theme.MAIN,
                            size=size, colour=colour, align="centre", max_width=self.width - 2 * self.PAD, tx=tx)
        canv.drawText(tx)
        canv.restoreState()


class Together(KeepTogether):
    """KeepTogether for plain flowables, without its cost.

    ReportLab's KeepTogether deep-copies the frame and wraps its content twice on every
    attempt; a report has two per item (the item's head, and "Notes" kept with the first
    note), which made it a fifth of the render time. This one wraps its content once,
    returns the real height, draws the pieces itself (plain text blocks into one text
    object) and spaces them exactly as a frame would (ReportLab's overlapping
    space-before/space-after, nothing before a piece while at the top of a frame). When
    it does not fit it moves on whole, or — at the top of a frame, where it cannot fit
    anywhere — hands its pieces to the frame to split, like KeepTogether. Content other
    than plain flowables (page breaks, containers, frame actions) goes to KeepTogether.
    It is also the document's `keepTogetherClass`, used for keep-with-next groups.
    """

    _PLAIN = ()  # filled in below, once the flowable classes exist

    def __init__(self, flowables, maxHeight=None):
        super().__init__(flowables, maxHeight)
        self._plain = maxHeight is None and all(type(f) in self._PLAIN or isinstance(f, text.TextBlock)
                                                for f in self._content)
        self._laid: tuple | None = None

    def _layout(self, aW: float, at_top: bool) -> list[tuple[Flowable, float, float]]:
        """(piece, height, y of its bottom below this flowable's top) for each piece."""
        out = []
        y = 0.0
        prev_after = 0.0
        for i, f in enumerate(self._content):
            _w, h = f.wrapOn(self.canv, aW, 0xFFFFFFF)
            s = 0.0
            if i and not at_top:
                s = max(f.getSpaceBefore() - prev_after, 0.0)
            after = f.getSpaceAfter() if i < len(self._content) - 1 else 0.0
            y += s + h
            out.append((f, h, y))
            y += after
            prev_after = after
            if s + h + after:
                at_top = False
        return out

    def wrap(self, aW, aH):  # noqa: N803
        if not self._plain:
            return super().wrap(aW, aH)
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        key = (aW, at_top)
        if self._laid is None or self._laid[0] != key:
            self._laid = (key, self._layout(aW, at_top))
        pieces = self._laid[1]
        self.width, self.height = aW, pieces[-1][2] if pieces else 0.0
        return self.width, self.height

    def split(self, aW, aH):  # noqa: N803
        if not self._plain:
            return super().split(aW, aH)
        frame = getattr(self, "_frame", None)
        if frame is not None and not getattr(frame, "_atTop", False):
            return []  # move on whole: the frame ends here and it is tried on the next one
        return list(self._content)

    def draw(self):
        tx = None
        for f, _h, bottom in self._laid[1]:
            y = self.height - bottom
            if isinstance(f, text.TextBlock):
                tx = tx or self.canv.beginText()
                f.draw_into(tx, 0, y)
                continue
            if tx is not None:  # keep the painting order
                self.canv.drawText(tx)
                tx = None
            f.drawOn(self.canv, 0, y)
        if tx is not None:
            self.canv.drawText(tx)


class SideBySide(Flowable):
    """Flowables stacked on the left and a fixed-width one on the right, tops aligned (never split)."""

    def __init__(self, left: Flowable | list[Flowable], right: Flowable, *, right_width: float, gap: float = 6):
        super().__init__()
        self.left = left if isinstance(left, list) else [left]
        self.right = right
        self.right_width = right_width
        self.gap = gap

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        self.width = availWidth
        lw = availWidth - self.right_width - self.gap
        self._lh = sum(f.wrap(lw, availHeight)[1] for f in self.left)
        _, self._rh = self.right.wrap(self.right_width, availHeight)
        self.height = max(self._lh, self._rh)
        return self.width, self.height

    def draw(self):
        y = self.height
        tx = None
        for f in self.left:
            y -= f.height
            if isinstance(f, text.TextBlock):
                tx = tx or self.canv.beginText()
                f.draw_into(tx, 0, y)
            else:
                f.drawOn(self.canv, 0, y)
        if tx is not None:
            self.canv.drawText(tx)
        self.right.drawOn(self.canv, self.width - self.right_width, self.height - self._rh)


class IndicatorColumns(Flowable):
    """Positive and negative indicators side by side, split between rows across pages."""

    HEAD = 14.0
    GAP = 10.0

    def __init__(self, heads: tuple[str, str], rows: list[tuple[Flowable | None, Flowable | None]]):
        super().__init__()
        self.heads = heads
        self.rows = rows
        self._heights: list[float] = []

    def _measure(self, availWidth):  # noqa: N803
        col = (availWidth - self.GAP) / 2
        self._col = col
        self._heights = []
        for a, b in self.rows:
            ha = a.wrap(col, 10_000)[1] if a is not None else 0
            hb = b.wrap(col, 10_000)[1] if b is not None else 0
            self._heights.append(max(ha, hb) + 1.5)

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        self.width = availWidth
        self._measure(availWidth)
        self.height = self.HEAD + sum(self._heights) + 2
        return self.width, self.height

    def split(self, availWidth, availHeight):  # noqa: N803
        self._measure(availWidth)
        used, k = self.HEAD + 2, 0
        for h in self._heights:
            if used + h > availHeight:
                break
            used += h
            k += 1
        if k == 0 or k == len(self.rows):
            return []
        cont = tuple(h + " (continued)" if not h.endswith("(continued)") else h for h in self.heads)
        return [IndicatorColumns(self.heads, self.rows[:k]), IndicatorColumns(cont, self.rows[k:])]

    def draw(self):
        canv = self.canv
        top = self.height
        tx = canv.beginText()
        for i, head in enumerate(self.heads):
            theme.draw_text(canv, i * (self._col + self.GAP), top - 10, head, font=theme.BOLD, size=8.5,
                            colour=theme.INK, max_width=self._col, tx=tx)
        canv.drawText(tx)
        canv.saveState()
        canv.setStrokeColor(theme.RULE)
        canv.setLineWidth(0.4)
        canv.line(0, top - self.HEAD + 1, self.width, top - self.HEAD + 1)
        canv.restoreState()
        y = top - self.HEAD - 1
        tx = canv.beginText()  # every indicator in one text object
        for (a, b), h in zip(self.rows, self._heights):
            for i, f in enumerate((a, b)):
                if isinstance(f, text.TextBlock):
                    f.draw_into(tx, i * (self._col + self.GAP), y - f.height)
                elif f is not None:
                    f.drawOn(canv, i * (self._col + self.GAP), y - f.height)
            y -= h
        canv.drawText(tx)


# --- evidence of one scorecard -------------------------------------------------------------


def _item_badge(item: ItemEvidence, draft: bool, width: float) -> Badge:
    lines: list[tuple[str, bool, float, colors.Color]] = []
    bg = colors.white
    if item.rating is not None:
        r = item.rating
        lines = [(glyph_label(r.label, r.index, r.scale_size), True, 8.5, theme.INK),
                 (f"{r.index + 1} of {r.scale_size}", False, 7, theme.INK)]
        bg = theme.rating_colour(r.position)
    elif item.knockout_option is not None and item.knockout_outcome is not None:
        ink, bg = OUTCOME_COLOURS[item.knockout_outcome]
        lines = [(item.knockout_option, True, 8.5, theme.INK), (OUTCOME_LABELS[item.knockout_outcome], False, 7.5, ink)]
    elif item.skip_reason is not None:
        lines, bg = [("Skipped", True, 8.5, theme.INK)], theme.GROUP_BG
    else:
        lines = [("Not answered", False, 8.5, theme.MUTED)]
    if draft:
        lines.append(("draft", True, 7.5, theme.DRAFT_INK))
        bg = theme.DRAFT_BG
    return Badge(lines, width=width, bg=bg, draft=draft)


def _indicator(mark: IndicatorMark, blank: bool = False) -> Flowable:
    """An indicator with its box in the margin: ☑ observed positive, ☒ observed negative, ☐ not observed."""
    if blank:
        name, box, colour = "indicator", theme.BOX_EMPTY, theme.INK
    elif mark.checked:
        name = "indicator_on"
        box = theme.BOX_CHECKED if mark.polarity == "positive" else theme.BOX_CROSSED
        colour = theme.OK if mark.polarity == "positive" else theme.DANGER
    else:
        name, box, colour = "indicator_off", theme.BOX_EMPTY, theme.MUTED
    return text.TextBlock([Run(mark.text)], theme.style(name), bullet=Run(box, theme.MAIN, colour))


def indicator_table(marks: tuple[IndicatorMark, ...], width: float, *, blank: bool = False) -> Flowable | None:
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
    rows = [(_indicator(a, blank) if a else None, _indicator(b, blank) if b else None) for a, b in zip_longest(pos, neg)]
    return IndicatorColumns((head_p, head_n), rows)


def note_paragraphs(value: str, name: str = "note") -> list[Flowable]:
    """Notes as paragraphs split at blank lines, so long notes flow across pages."""
    parts = [b.strip("\n") for b in value.replace("\r\n", "\n").split("\n\n")]
    return [text.text(b, name) for b in parts if b.strip()]


def item_evidence(item: ItemEvidence, *, draft: bool, width: float, key: str | None = None) -> list:
    """One item of a scorecard: heading with the rating, prompt, anchor, indicators, notes."""
    badge_w = 30 * mm
    kind = ITEM_TYPE_LABELS.get(item.item_type, item.item_type)
    sub = kind
    if item.dimension_name:
        sub += f" · {item.dimension_kind}: {item.dimension_name}"
    corrected = f"  {theme.ADDENDUM} corrected by an addendum" if item.addenda else ""
    title = [text.text(f"{item.number}. {item.title}{corrected}", "item_title"), text.text(sub, "muted")]
    top: list = [SectionMark(f"{item.number}. {item.title}", level=1, key=key),
                 SideBySide(title, _item_badge(item, draft, badge_w), right_width=badge_w)]
    if item.prompt and item.prompt != item.title:
        top.append(text.text(item.prompt, "prompt"))
    bold = theme.BOLD
    facts: list[Run] = []
    if item.rating is not None and item.anchor:
        facts += [Run(f"Anchor for {item.rating.label}: ", bold), Run(item.anchor + "\n")]
    if item.variant:
        facts += [Run("Variant used: "), Run(item.variant, bold), Run(" · ")]
    if item.knockout_option is not None and item.knockout_outcome is not None:
        facts += [Run("Answer: "), Run(item.knockout_option, bold),
                  Run(f" → {OUTCOME_LABELS[item.knockout_outcome]} · ")]
    facts.append(Run(f"Time spent: {fmt_seconds(item.seconds_spent)}"))
    top.append(text.runs(facts, "muted"))
    if item.skip_reason is not None:
        reason = item.skip_reason.strip()
        top.append(text.runs([Run("Skipped. ", bold), Run("Reason: "),
                              Run(reason or "no reason given", None, None if reason else theme.MUTED)], "body"))
    top += item_addenda(item)
    if item.no_evidence:
        top.append(text.text(
            f"{theme.WARNING} No evidence recorded — rated without a checked indicator or a note.", "warn"))
    ind = indicator_table(item.indicators, width)
    if ind is not None:
        top += [Spacer(1, 3), ind]
    out: list = [CondPageBreak(40 * mm), Together(top)]
    notes = note_paragraphs(item.notes)
    out.append(text.text("Notes", "label"))
    out += notes or [text.text("No notes.", "muted_italic")]
    out.append(_rule(width))
    return out


def _rule(width: float) -> Flowable:
    return HRFlowable(width=width, thickness=0.5, color=theme.RULE, spaceBefore=4, spaceAfter=6)


def scorecard_header(sc: ScorecardEvidence, *, width: float, report_version: int | None = None) -> list:
    """Status banner, recommendation and summary of one scorecard (and, for a scorecard on an
    older kit version than the report's, a note saying so)."""
    out: list = []
    if sc.older_version:
        now = f"; the rest of this report follows version {report_version}" if report_version is not None else ""
        out.append(boxed([
            Paragraph(f"<b>{markup(version_note(sc.kit_version).capitalize(), newlines=False)} of the kit</b>",
                      style("banner_small")),
            Paragraph(
                "The questions, indicators, anchors and scale labels below are the ones this interviewer "
                f"saw{now}.",
                style("banner_small"),
            ),
        ], width=width, bg=theme.GROUP_BG, border=theme.RULE))
        out.append(Spacer(1, 4))
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
    r = sc.recommendation
    rec_lines = [(glyph_label(r.label, r.index, r.scale_size), True, 9, theme.INK) if r.label
                 else ("not given yet", False, 8.5, theme.MUTED)]
    if r.draft:
        rec_lines.append(("draft", True, 7.5, theme.DRAFT_INK))
    out.append(SideBySide(Paragraph("Overall recommendation", style("cell_head")),
                          Badge(rec_lines, width=rec_w, bg=recommendation_bg(r), draft=r.draft),
                          right_width=rec_w))
    out.append(Paragraph("Summary", style("label")))
    out += note_paragraphs(sc.summary) or [text.text("No summary written.", "muted_italic")]
    # a skipped item was not answered: it counts as skipped, never as answered
    skipped = sum(1 for i in sc.items if i.skip_reason is not None)
    answered = sum(1 for i in sc.items if i.answered and i.skip_reason is None)
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
        where = (f" · corrects item {a.item_number}. {a.item_title}" if a.item_number is not None
                 else " · corrects the scorecard as a whole")
        out.append(text.runs([Run(f"{theme.ADDENDUM} " + fmt_dt(a.created_at), theme.BOLD),
                              Run(" · " + a.author + where)], "muted"))
        out += note_paragraphs(a.text)
    return out


def item_addenda(item: ItemEvidence) -> list:
    """The addenda that correct this item, printed with it (they are also listed before the items)."""
    out: list = []
    for a in item.addenda:
        out.append(text.runs([Run(f"{theme.ADDENDUM} Corrected by an addendum", theme.BOLD, theme.WARN),
                              Run(f" · {fmt_dt(a.created_at)} · {a.author}: ", None, theme.MUTED), Run(a.text)],
                             "body"))
    return out


def scorecard_evidence(sc: ScorecardEvidence, *, width: float, report_version: int | None = None) -> list:
    """Everything one interviewer recorded on one scorecard, in the order of its own kit version."""
    out = scorecard_header(sc, width=width, report_version=report_version)
    # corrections come before the items they correct, so nobody reads past them
    out += addenda(sc, width=width)
    # the report's length follows what was scored: items left untouched are listed once, in one line
    untouched = [i for i in sc.items if _untouched(i)]
    for item in sc.items:
        if _untouched(item):
            continue
        out += item_evidence(item, draft=sc.draft, width=width,
                             key=item_key(sc.interviewer, sc.round_id, item.item_id))
    if untouched:
        out.append(SectionMark("Not answered", level=1))
        out.append(text.runs([Run(f"Not answered ({len(untouched)} of {len(sc.items)}) — no rating, answer, skip, "
                                  "indicator or note: ", theme.BOLD, theme.MUTED),
                              Run("; ".join(f"{i.number}. {i.title}" for i in untouched), None, theme.MUTED)],
                             "body"))
        out.append(_rule(width))
    return out


def _untouched(item: ItemEvidence) -> bool:
    return (item.rating is None and item.knockout_option is None and item.skip_reason is None
            and not item.notes.strip() and not any(m.checked for m in item.indicators) and not item.variant
            and not item.addenda)


Together._PLAIN = (Paragraph, Heading, SectionMark, Spacer, SideBySide, IndicatorColumns, Badge, HRFlowable)
