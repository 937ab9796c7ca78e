"""The blank, printable interview guide for one round of a kit.

For each item: the prompt, what it measures with the level expectations, the
interviewer-only guidance, exercise briefs (variants, roles, ground rules, …),
knock-out options, the indicators with empty boxes to tick, the rating anchors and
ruled space for notes; then the overall recommendation and summary.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, KeepTogether, Spacer, Table

from scorecard.domain.consolidation import IndicatorMark
from scorecard.domain.kit import (
    AttitudeQuestion,
    CompetencyQuestion,
    Exercise,
    ItemBase,
    Kit,
    KnockoutQuestion,
    RatingScale,
    ScenarioRole,
)
from scorecard.pdf import theme
from scorecard.pdf.blocks import (
    table_style,
    ITEM_TYPE_LABELS,
    OUTCOME_COLOURS,
    OUTCOME_LABELS,
    Heading,
    RuledLines,
    boxed,
    c,
    grid_style,
    indicator_table,
    stage_label,
)
from scorecard.pdf.canvas import DocMeta, build_pdf, frame_width
from scorecard.pdf.text import Run, TextBlock
from scorecard.pdf.theme import BOX_EMPTY, Paragraph, markup, style

CONFIDENTIAL = "Confidential — interviewers only"
NOTE_LINES = 7
EXERCISE_NOTE_LINES = 16


def render_round_guide(*, kit: Kit, round_id: str) -> bytes:
    """The blank guide for one round of `kit` as PDF bytes; KeyError for an unknown round."""
    rnd = kit.round(round_id)
    meta = DocMeta(
        title=f"Interview guide — {kit.title} — {rnd.name}",
        subject=f"Blank scorecard and guide for round '{rnd.name}' of kit {kit.id}",
        author=kit.author or "Scorecard",
        header_left=f"{kit.title} · {rnd.name}",
        header_right=CONFIDENTIAL,
        footer_left=f"Interview guide · kit {kit.id} · candidate: ____________________",
        keywords="interview guide, structured interview",
    )
    return build_pdf(story(kit, round_id), meta=meta)


def story(kit: Kit, round_id: str) -> list:
    rnd = kit.round(round_id)
    items = kit.items_in(round_id)
    w = frame_width("portrait")
    minutes = sum(it.response_time_minutes or 0 for it in items)
    sub = [kit.title, stage_label(str(rnd.stage)), f"{len(items)} item{'s' if len(items) != 1 else ''}"]
    if minutes:
        sub.append(f"about {minutes:g} min")
    out: list = [
        Heading("INTERVIEW GUIDE", "kicker", outline=f"{rnd.name} — guide", key="guide"),
        Paragraph(markup(rnd.name, newlines=False), style("title")),
        Paragraph(markup(" · ".join(sub), newlines=False), style("subtitle")),
    ]
    if rnd.description:
        out.append(Paragraph(markup(rnd.description), style("body")))
    out += [_fill_in(kit, w), Spacer(1, 6)]
    out.append(boxed([Paragraph(
        "Score on your own, before you see any colleague's ratings. Tick an indicator only when you observe "
        "it; write down what the candidate said or did as evidence; then rate with the anchors. Skip an item "
        "only with a reason. The guidance and example answers are for you — do not read them out.",
        style("banner_small"))], width=w, bg=theme.GROUP_BG))
    scales = {kit.scale_for(it).id: kit.scale_for(it) for it in items if it.is_rated}
    for scale in scales.values():
        out += [Paragraph(f"Rating scale: {markup(scale.name, newlines=False)}", style("h3")),
                _scale_table(scale, w)]
    for n, item in enumerate(items, 1):
        out += _item(kit, item, n, w)
    out += _closing(kit, w)
    return out


def _fill_in(kit: Kit, width: float) -> Table:
    levels = "&nbsp;&nbsp;&nbsp; ".join(f"{BOX_EMPTY}&nbsp;{markup(lv.name, newlines=False)}" for lv in kit.levels)
    rows = [
        [Paragraph("Candidate", style("cell_bold")), "", Paragraph("Date", style("cell_bold")), ""],
        [Paragraph("Interviewer", style("cell_bold")), "", Paragraph("Target level", style("cell_bold")),
         Paragraph(levels, style("cell"))],
    ]
    t = Table(rows, colWidths=[26 * mm, width * 0.45 - 26 * mm, 26 * mm, width * 0.55 - 26 * mm],
              rowHeights=[10 * mm, 10 * mm])
    t.setStyle(table_style([
        ("FONTNAME", (0, 0), (-1, -1), theme.MAIN),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, theme.INK),
        ("LINEBELOW", (3, 0), (3, 0), 0.6, theme.INK),
    ]))
    return t


def _scale_table(scale: RatingScale, width: float, anchors: dict[str, str] | None = None) -> Table:
    rows = []
    extra = []
    n = len(scale.steps)
    for i, step in enumerate(scale.steps):
        anchor = (anchors or {}).get(step.id) or step.anchor
        rows.append([
            Paragraph(f"{BOX_EMPTY} <b>{markup(step.label, newlines=False)}</b>", style("cell")),
            Paragraph(markup(anchor) if anchor else c(theme.FAINT, "—"), style("cell")),
        ])
        extra.append(("BACKGROUND", (0, i), (0, i), theme.rating_colour(i / (n - 1) if n > 1 else 1.0)))
    t = Table(rows, colWidths=[36 * mm, width - 36 * mm])
    t.setStyle(grid_style(header_rows=0, extra=extra))
    return t


def _rating_row(scale: RatingScale, width: float, anchors: dict[str, str]) -> list:
    """The boxes to tick for one item: each step's glyph and label in one row. The scale's anchors are
    printed once, at the start of the guide; only this item's own anchors are repeated here."""
    n = len(scale.steps)
    cells = [Paragraph(f"{BOX_EMPTY} <b>{markup(theme.step_glyph(i, n) + ' ' + st.label, newlines=False)}</b>",
                       style("cell")) for i, st in enumerate(scale.steps)]
    t = Table([cells], colWidths=[width / n] * n)
    t.setStyle(grid_style(header_rows=0, extra=[
        ("BACKGROUND", (i, 0), (i, 0), theme.rating_colour(i / (n - 1) if n > 1 else 1.0)) for i in range(n)]))
    out: list = [t]
    own = [(st, anchors[st.id]) for st in scale.steps if st.id in anchors]
    if own:
        out.append(Paragraph("This item's anchors (the scale's are on page 1): " + " · ".join(
            f"<b>{markup(st.label, newlines=False)}</b>: {markup(a, newlines=False)}" for st, a in own),
            style("cell_small")))
    else:
        out.append(Paragraph(f"Anchors: “{markup(scale.name, newlines=False)}” at the start of this guide.",
                             style("cell_small")))
    return out


def _time_box(item: ItemBase) -> Paragraph:
    planned = f" (planned {item.response_time_minutes:g} min)" if item.response_time_minutes else ""
    return Paragraph(f"<b>Time</b>{planned}: started ____:____ · ended ____:____ · minutes ______",
                     style("cell"))


def _bullets(label: str, values: list[str]) -> list:
    if not values:
        return []
    out: list = [Paragraph(markup(label, newlines=False), style("label"))]
    out += [TextBlock([Run(v)], style("bullet"), bullet=Run("•")) for v in values]
    return out


def _measures(kit: Kit, item: ItemBase, width: float) -> list:
    out: list = []
    if isinstance(item, CompetencyQuestion):
        comp = kit.competency(item.competency)
        disc = kit.discipline_of(comp.id)
        out.append(Paragraph(
            f"<b>Measures competency:</b> {markup(comp.name, newlines=False)} "
            f"{c(theme.MUTED, '(' + markup(disc.name, newlines=False) + ')')}", style("body")))
        if comp.summary:
            out.append(Paragraph(markup(comp.summary), style("muted")))
        has_exp = bool(item.expectations)
        head = ["Level", "Framework description"] + (["This question expects"] if has_exp else [])
        rows = [[Paragraph(h, style("cell_head")) for h in head]]
        for lv in kit.levels:
            row = [Paragraph(f"{BOX_EMPTY} <b>{markup(lv.name, newlines=False)}</b>", style("cell")),
                   Paragraph(markup(comp.levels.get(lv.id, "")) or c(theme.FAINT, "—"), style("cell"))]
            if has_exp:
                exp = item.expectations.get(lv.id, "")
                row.append(Paragraph(markup(exp) if exp else c(theme.FAINT, "—"), style("cell")))
            rows.append(row)
        widths = [24 * mm] + ([(width - 24 * mm) / 2] * 2 if has_exp else [width - 24 * mm])
        t = Table(rows, colWidths=widths, repeatRows=1)
        t.setStyle(grid_style())
        out += [Spacer(1, 2), t]
    elif isinstance(item, AttitudeQuestion):
        att = kit.attitude(item.attitude)
        out.append(Paragraph(f"<b>Measures attitude:</b> {markup(att.name, newlines=False)}", style("body")))
        out.append(Paragraph(markup(att.definition), style("muted")))
    return out


def _role(role: ScenarioRole) -> list:
    bits = [x for x in (role.kind.replace("_", " ") if role.kind else "",
                        f"played by {role.played_by.replace('_', ' ')}" if role.played_by else "") if x]
    out: list = [Paragraph(
        f"<b>Role: {markup(role.name, newlines=False)}</b>"
        + (f" {c(theme.MUTED, '(' + markup(', '.join(bits), newlines=False) + ')')}" if bits else ""),
        style("h3"))]
    if role.motivation:
        out.append(Paragraph(f"<b>Motivation.</b> {markup(role.motivation)}", style("body")))
    out += _bullets("Constraints", role.constraints)
    out += _bullets("Tensions to introduce", role.tensions)
    out += _bullets("In character", role.in_character)
    out += _bullets("Do not", role.do_not)
    return out


def _exercise(item: Exercise, width: float) -> list:
    out: list = [Paragraph("Exercise brief", style("label"))]
    facts = [(k, v) for k, v in (("Kind", item.kind.replace("_", " ")), ("Format", item.format),
                                 ("Preparation", item.prep_time), ("Audience", item.audience)) if v]
    if facts:
        out.append(Paragraph(" · ".join(f"<b>{k}:</b> {markup(v, newlines=False)}" for k, v in facts),
                             style("body")))
    if item.scenario:
        out.append(Paragraph(f"<b>Scenario.</b> {markup(item.scenario)}", style("body")))
    if item.problem:
        out.append(Paragraph(f"<b>Problem to solve.</b> {markup(item.problem)}", style("body")))
    if item.variants:
        out.append(Paragraph("Variants — tick the one used", style("label")))
        for v in item.variants:
            block = [Paragraph(f"{BOX_EMPTY} <b>{markup(v.name, newlines=False)}</b>", style("body")),
                     Paragraph(markup(v.task), style("body"))]
            if v.context:
                block.append(Paragraph(markup(v.context), style("muted")))
            out.append(boxed(block, width=width, bg=theme.GROUP_BG, padding=4))
            out.append(Spacer(1, 3))
    out += _bullets("What to prepare", item.what_to_prepare)
    out += _bullets("Deliverables", item.deliverables)
    out += _bullets("Success criteria", item.success_criteria)
    out += _bullets("What to review beforehand", item.review_beforehand)
    out += _bullets("Ground rules", item.ground_rules)
    for role in item.roles:
        out += _role(role)
    return out


def _item(kit: Kit, item: ItemBase, n: int, width: float) -> list:
    kind = ITEM_TYPE_LABELS.get(item.type, item.type)
    if item.response_time_minutes:
        kind += f" · {item.response_time_minutes:g} min"
    title = item.title or f"Item {n}"
    head = [
        Heading(f"{n}. {title}", "h2", outline=f"{n}. {item.short_title}", key=f"item-{item.id}"),
        Paragraph(markup(kind, newlines=False), style("muted")),
        boxed([Paragraph(markup(item.prompt), style("prompt_big"))], width=width, bg=theme.HEADER_BG),
        Spacer(1, 4),
    ]
    out: list = [KeepTogether(head), _time_box(item), Spacer(1, 2)]
    out += _measures(kit, item, width)
    g = item.guidance
    if g.why_asked or g.answer_example:
        out.append(Paragraph("Guidance — for the interviewer only", style("label")))
        if g.why_asked:
            out.append(Paragraph(f"<b>Why we ask.</b> {markup(g.why_asked)}", style("body")))
        if g.answer_example:
            out.append(Paragraph(f"<b>Example of a strong answer (for calibration, do not read out).</b> "
                                 f"{markup(g.answer_example)}", style("muted")))
    if isinstance(item, Exercise):
        out += _exercise(item, width)
    if isinstance(item, KnockoutQuestion):
        out.append(Paragraph("Answer — tick one", style("label")))
        for opt in item.options:
            ink, _ = OUTCOME_COLOURS[opt.outcome]
            out.append(Paragraph(
                f"{BOX_EMPTY} <b>{markup(opt.label, newlines=False)}</b> → {c(ink, OUTCOME_LABELS[opt.outcome])}",
                style("body")))
    marks = tuple(IndicatorMark(key=k, polarity=pol, text=t, checked=False) for k, pol, t in item.indicators.keys())
    ind = indicator_table(marks, width, blank=True)
    scoring: list = []
    if ind is not None:
        scoring += [Paragraph("Indicators — tick what you observe", style("label")), ind]
    if item.is_rated:
        scoring += [Paragraph("Rating — tick one", style("label")),
                    *_rating_row(kit.scale_for(item), width, item.anchors)]
    scoring.append(Paragraph(f"{BOX_EMPTY} Skipped — reason: ______________________________________________",
                             style("body")))
    out.append(KeepTogether(scoring))
    lines = EXERCISE_NOTE_LINES if isinstance(item, Exercise) else NOTE_LINES
    out += [KeepTogether([Paragraph("Notes — evidence: what the candidate said or did", style("label")),
                          RuledLines(min(lines, 3))])]
    if lines > 3:
        out.append(RuledLines(lines - 3))
    prov = item.provenance
    if prov.source or prov.derived:
        bits = []
        if prov.source:
            bits.append(f"Source: {markup(prov.source, newlines=False)}")
        if prov.derived:
            bits.append(f"written by the kit authors: {markup(', '.join(prov.derived), newlines=False)}")
        out.append(Paragraph(" · ".join(bits), style("cell_small")))
    out.append(Spacer(1, 8))
    # the whole item on one page where it fits (a long exercise brief still flows across pages)
    return [CondPageBreak(70 * mm), KeepTogether(out)]


def _closing(kit: Kit, width: float) -> list:
    rec = "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; ".join(
        f"{BOX_EMPTY}&nbsp;{markup(s.label, newlines=False)}" for s in kit.recommendation_scale.steps)
    return [
        CondPageBreak(90 * mm),
        Heading("Overall recommendation", "h2", outline="Overall recommendation", key="recommendation"),
        Paragraph(rec, style("prompt_big")),
        Paragraph("Summary — the evidence behind your recommendation", style("label")),
        RuledLines(8),
        Spacer(1, 6),
        Paragraph("Signature ____________________________     Submitted at ____________", style("body")),
    ]
