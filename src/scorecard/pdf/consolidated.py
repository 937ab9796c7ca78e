"""The hiring committee's PDF for one candidate.

Stages: cover (who, what, recommendations, knock-out, rounds, the agenda) → the
competency/attitude × interviewer matrix (landscape) → the level view (landscape) →
the evidence, round by round and interviewer by interviewer (portrait).

Input is a `ConsolidatedReport`; every number and flag was computed in
`scorecard.domain.consolidation`, so this module only lays things out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    NextPageTemplate,
    PageBreak,
    Spacer,
    Table,
)

from scorecard.domain.consolidation import (
    ConsolidatedReport,
    LevelRow,
    LevelView,
    Matrix,
    MatrixCell,
    MatrixRow,
    RoundState,
)
from scorecard.domain.kit import KnockoutOutcome
from scorecard.pdf import blocks, theme
from scorecard.pdf.blocks import (
    draft_outline,
    table_style,
    OUTCOME_LABELS,
    ROUND_STATE_COLOURS,
    Heading,
    boxed,
    c,
    fmt_dt,
    grid_style,
    recommendation_bg,
    recommendation_text,
    round_state_label,
    stage_label,
    version_note,
)
from scorecard.pdf.canvas import DocMeta, build_pdf, frame_width
from scorecard.pdf.decision_sheet import decision_sheet
from scorecard.pdf.text import Run, TextBlock
from scorecard.pdf.theme import Paragraph, markup, style

CONFIDENTIAL = "Confidential — hiring committee"
#: Interviewer columns per matrix table (a panel of up to ten keeps each row's ratings in one
#: table, narrower columns from eight up); wider panels continue in a second table.
MAX_MATRIX_COLUMNS = 10
WIDE_PANEL = 8


def render_consolidated(report: ConsolidatedReport, *, awaiting: Sequence[str] = (),
                        seals: Mapping[str, str] | None = None) -> bytes:
    """The committee PDF for one candidate, as bytes.

    `awaiting`: assigned rounds with no submitted scorecard yet ("Technical interview — Ana"),
    named on the cover. `seals`: scorecard id → whose laptop vouches for it ("sealed by Ana's
    laptop", "not sealed", or what is wrong), printed under that scorecard's heading."""
    h = report.header
    meta = DocMeta(
        title=f"Hiring committee report — {h.candidate_name}",
        subject=f"{h.role}, target level {h.target_level_name}; kit {h.kit_id} v{h.kit_version}",
        author="Scorecard — interview panel",
        header_left=h.candidate_name,
        header_right=CONFIDENTIAL,
        footer_left=f"Hiring committee report · {h.role} · exported {fmt_dt(h.exported_at)}",
        keywords="hiring committee, structured interview, scorecard",
    )
    return build_pdf(story(report, awaiting=awaiting, seals=seals or {}), meta=meta)


def story(report: ConsolidatedReport, *, awaiting: Sequence[str] = (), seals: Mapping[str, str] | None = None) -> list:
    page1, overflow = decision_sheet(report)
    out: list = page1 + [PageBreak()] + overflow + ([Spacer(1, 14), CondPageBreak(90 * mm)] if overflow else [])
    out += _cover(report, awaiting)
    out += [NextPageTemplate("landscape"), PageBreak()]
    out += _matrix_section(report.matrix, report)
    out += [PageBreak()]
    out += _level_section(report.level_view)
    out += [NextPageTemplate("portrait"), PageBreak()]
    out += _evidence_section(report, seals or {})
    return out


# --- cover ------------------------------------------------------------------------------


def _cover(report: ConsolidatedReport, awaiting: Sequence[str] = ()) -> list:
    h = report.header
    w = frame_width("portrait")
    out: list = [
        Heading("HIRING COMMITTEE REPORT", "kicker", outline="Cover", key="cover"),
        Paragraph(markup(h.candidate_name, newlines=False), style("title")),
        Paragraph(f"{markup(h.role, newlines=False)} · target level "
                  f"<b>{markup(h.target_level_name, newlines=False)}</b>", style("subtitle")),
    ]
    for warning in report.integrity_warnings:  # stored data that failed its check on export
        out.append(Paragraph(f"<b>Warning:</b> {markup(warning, newlines=False)}", style("cell_bold")))
    facts = [
        ("Role", h.role),
        ("Target level", h.target_level_name),
        ("Kit", f"{h.kit_id} — version {h.kit_version} ({h.kit_version_title}, content {h.content_hash[:12]})"
                + (f"; rounds, competencies and levels below follow version {h.kit_version}"
                   if h.mixed_versions else "")),
    ]
    if h.mixed_versions:
        facts.append(("Scored on", _versions_used(report)))
    facts += [
        ("Exported", fmt_dt(h.exported_at)),
        ("Interviewers", ", ".join(report.interviewers) or "none yet"),
    ]
    if awaiting:
        facts.append(("Assigned, not yet submitted", "; ".join(awaiting)))
    t = Table([[Paragraph(k, style("cell_bold")), Paragraph(markup(v), style("cell"))] for k, v in facts],
              colWidths=[32 * mm, w - 32 * mm])
    t.setStyle(grid_style(header_rows=0, extra=[("BACKGROUND", (0, 0), (0, -1), theme.GROUP_BG)]))
    out += [t, Spacer(1, 8)]
    out += _knockout_banner(report, w)
    out += [Spacer(1, 6), Paragraph("Recommendations", style("h2"))]
    out.append(_recommendation_table(report, w))
    out += [Paragraph("Rounds", style("h2")), _rounds_table(report, w)]
    out += _agenda(report)
    return out


def _versions_used(report: ConsolidatedReport) -> str:
    """"version 2: 3 scorecards; version 1 (content 4be1…): 1 scorecard — Ann (Technical)"."""
    older = report.older_scorecards
    parts = []
    for use in report.header.kit_versions:
        n = use.scorecards
        text = f"version {use.version} (content {use.content_hash[:12]}): {n} scorecard{'s' if n != 1 else ''}"
        who = [f"{sc.interviewer} ({sc.round_name})" for sc in older if sc.kit_version_id == use.version_id]
        if who:
            text += " — " + ", ".join(who)
        parts.append(text)
    return "; ".join(parts)


def _knockout_banner(report: ConsolidatedReport, width: float) -> list:
    k = report.knockout
    if k.outcome is None:
        return [Paragraph("Knock-out: no knock-out question answered.", style("muted"))]
    ink, bg = blocks.OUTCOME_COLOURS[k.outcome]
    head = blocks.knockout_headline(k.outcome, provisional=k.provisional)
    lines = [Paragraph(c(ink, head), style("banner"))]
    for a in k.answers:
        draft = " " + c(theme.DRAFT_INK, "<b>(draft)</b>") if a.draft else ""
        lines.append(Paragraph(
            f"{markup(a.item_title, newlines=False)} — answered <b>{markup(a.option_label, newlines=False)}</b> "
            f"→ {OUTCOME_LABELS[a.outcome]} · {markup(a.interviewer, newlines=False)}{draft}",
            style("banner_small"),
        ))
    if not k.answers and k.auto_declined:
        lines.append(Paragraph("The candidate record is marked auto-declined.", style("banner_small")))
    border = ink if k.outcome is not KnockoutOutcome.QUALIFIES else None
    return [boxed(lines, width=width, bg=bg, border=border)]


def _recommendation_table(report: ConsolidatedReport, width: float) -> Table | Paragraph:
    recs = report.recommendations
    if not recs:
        return Paragraph("No scorecards yet.", style("muted"))
    cols = [0.30, 0.28, 0.20, 0.22]
    rows = [[Paragraph(x, style("cell_head")) for x in ("Interviewer", "Round", "Recommendation", "Status")]]
    bgs = []
    for i, rec in enumerate(recs, 1):
        status = (c(theme.DRAFT_INK, "<b>DRAFT</b> — not submitted") if rec.draft
                  else f"Submitted {blocks.fmt_date(rec.submitted_at)}")
        if rec.older_version:
            status += "<br/>" + c(theme.MUTED, f"<i>{version_note(rec.kit_version)}</i>")
        rows.append([
            Paragraph(markup(rec.interviewer, newlines=False), style("cell_bold")),
            Paragraph(markup(rec.round_name, newlines=False), style("cell")),
            Paragraph(recommendation_text(rec), style("cell")),
            Paragraph(status, style("cell")),
        ])
        bgs.append(("BACKGROUND", (2, i), (2, i), recommendation_bg(rec)))
        if rec.draft:
            bgs.append(draft_outline(2, i))
    t = Table(rows, colWidths=[width * f for f in cols], repeatRows=1)
    t.setStyle(grid_style(extra=bgs))
    return t


def _rounds_table(report: ConsolidatedReport, width: float) -> Table:
    rows = [[Paragraph(x, style("cell_head")) for x in ("Round", "Stage", "Status", "Scorecards",
                                                        "Interviewed · time")]]
    extra = []
    for i, r in enumerate(report.rounds, 1):
        ink, bg = ROUND_STATE_COLOURS[r.state]
        counts = []
        if r.submitted_count:
            counts.append(f"{r.submitted_count} submitted")
        if r.draft_count:
            counts.append(f"{r.draft_count} draft")
        name = f"<b>{markup(r.name, newlines=False)}</b>"
        if not r.in_current_kit:
            name += "<br/>" + c(theme.MUTED, f"<i>not in version {report.header.kit_version}</i>")
        rows.append([
            Paragraph(name, style("cell")),
            Paragraph(stage_label(r.stage), style("cell")),
            Paragraph(c(ink, f"<b>{round_state_label(r.state, r.draft_count)}</b>"), style("cell")),
            Paragraph(", ".join(counts) or "none", style("cell")),
            Paragraph(_when(r), style("cell_small")),
        ])
        extra.append(("BACKGROUND", (2, i), (2, i), bg))
    t = Table(rows, colWidths=[width * f for f in (0.27, 0.14, 0.22, 0.15, 0.22)], repeatRows=1)
    t.setStyle(grid_style(extra=extra))
    return t


def _when(r) -> str:
    """The dates a round's scorecards were started and the time recorded on each."""
    if not r.started:
        return "—"
    days = sorted({blocks.fmt_date(d) for d in r.started})
    out = days[0] if len(days) == 1 else f"{days[0]} – {days[-1]}"
    times = [blocks.fmt_seconds(x) for x in r.seconds if x > 0]
    return out + (f"<br/>{', '.join(times)}" if times else "")


def _agenda(report: ConsolidatedReport) -> list:
    items = []
    dis = report.disagreements
    if dis:
        names = "; ".join(f"{markup(r.name, newlines=False)} ({r.spread} steps)" for r in dis[:4])
        if len(dis) > 4:
            names += f" and {len(dis) - 4} more (every split, with both sides' reasons, is on the decision sheet)"
        items.append(f"{c(theme.DANGER, '<b>' + theme.FLAG + ' Disagreement</b>')} on {len(dis)} "
                     f"{'dimension' if len(dis) == 1 else 'dimensions'}: {names}.")
    gaps = report.gaps
    if gaps and report.knockout.auto_declined:
        items.append(f"{c(theme.WARN, '<b>Not assessed</b>')}: {len(gaps)} competencies, attitudes and items — "
                     "the candidate was auto-declined before the rounds that assess them.")
    elif gaps:
        names = "; ".join(markup(r.name, newlines=False) for r in gaps)
        items.append(f"{c(theme.WARN, '<b>Not assessed</b>')} by anyone: {names}.")
    for r in report.rounds:
        if r.state is RoundState.MISSING:
            items.append(f"Round <b>{markup(r.name, newlines=False)}</b> has no scorecard.")

        elif r.state is RoundState.DRAFT_ONLY:
            items.append(f"Round <b>{markup(r.name, newlines=False)}</b> has drafts only — nothing submitted.")
        elif r.state is RoundState.SUBMITTED_WITH_DRAFTS:
            n = r.draft_count
            items.append(f"Round <b>{markup(r.name, newlines=False)}</b> is not complete: {n} "
                         f"{'draft is' if n == 1 else 'drafts are'} still outstanding beside "
                         f"{r.submitted_count} submitted.")
    for rnd in report.evidence:
        for sc in rnd.scorecards:
            for a in sc.addenda:
                where = (f"item {a.item_number}. {markup(a.item_title or '', newlines=False)}" if a.item_number
                         else "the scorecard")
                items.append(f"{theme.ADDENDUM} Addendum by {markup(a.author, newlines=False)} "
                             f"({blocks.fmt_date(a.created_at)}) corrects {where} in "
                             f"{markup(sc.round_name, newlines=False)}.")
    not_needed = [r.name for r in report.rounds if r.state is RoundState.NOT_NEEDED]
    if not_needed:
        items.append(f"{len(not_needed)} round{'s were' if len(not_needed) != 1 else ' was'} not needed "
                     f"({markup(', '.join(not_needed), newlines=False)}): the candidate was auto-declined before "
                     f"{'them' if len(not_needed) != 1 else 'it'}.")
    older = report.older_scorecards
    if older:
        h = report.header
        total = sum(u.scorecards for u in h.kit_versions)
        numbers = ", ".join(str(u.version) for u in h.kit_versions if not u.is_frame)
        items.append(f"<b>Kit versions differ:</b> {len(older)} of {total} scorecards were scored on an older "
                     f"version of the kit ({'version' if ',' not in numbers else 'versions'} {numbers}) than this "
                     f"report's version {h.kit_version}; the “Scored on” line above names them. Their evidence "
                     "shows the questions and anchors as those interviewers saw them; their ratings are compared "
                     "by competency or attitude and scale position.")
    drafts = sum(1 for rec in report.recommendations if rec.draft)
    if drafts:
        items.append(f"{drafts} draft {'scorecard is' if drafts == 1 else 'scorecards are'} shown, marked "
                     "as drafts; they do not count towards disagreement.")
    if report.no_evidence_count:
        items.append(f"{c(theme.WARN, '<b>' + theme.WARNING + '</b>')} {report.no_evidence_count} "
                     f"{'rating has' if report.no_evidence_count == 1 else 'ratings have'} no evidence "
                     "recorded (no indicator, no note).")
    if not items:
        items.append("No disagreements, gaps or missing rounds.")
    out: list = [Paragraph("For the committee's agenda", style("h2"))]
    out += [Paragraph(x, style("bullet"), bulletText="•") for x in items]
    return out


# --- matrix -----------------------------------------------------------------------------


def _legend(report: ConsolidatedReport, width: float) -> list:
    # every step of every scale the ratings use, lowest first — a 5-point scale shows 5 swatches
    out: list = []
    label_w = 48 * mm
    several = len(report.scales) > 1
    for scale in report.scales:
        n = len(scale.labels)
        name = scale.name
        if several and report.header.mixed_versions:
            name += f" (version {', '.join(map(str, scale.kit_versions))})"
        cells = [Paragraph(markup(blocks.glyph_label(label, i, n), newlines=False), style("cell_center"))
                 for i, label in enumerate(scale.labels)]
        sw = min(28 * mm, (width - label_w) / max(n, 1))
        t = Table([[Paragraph(markup(name, newlines=False) + ":", style("cell_bold")), *cells]],
                  colWidths=[label_w] + [sw] * n)
        t.setStyle(table_style(
            [("FONTNAME", (0, 0), (-1, -1), theme.MAIN), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            + [("BACKGROUND", (i + 1, 0), (i + 1, 0), theme.rating_colour(i / (n - 1) if n > 1 else 1.0))
               for i in range(n)]
            + [("BOX", (i + 1, 0), (i + 1, 0), 0.4, theme.GRID) for i in range(n)]
        ))
        t.hAlign = "LEFT"
        out.append(t)
    versions = ""
    if report.header.mixed_versions:
        versions = (f"A rating marked “v1” (or another number) was given on that older version of the kit, "
                    f"not on this report's version {report.header.kit_version}. ")
    thresholds = sorted({(r.scale_size_max, r.threshold) for r in _row_scales(report)})
    rule = "; ".join(f"{t} steps on a {n}-step scale" for n, t in thresholds) or "2 steps"
    states = _states_used(report)
    out.append(Paragraph(
        "Each cell lists every rating that interviewer gave on items counting for the row (a competency's "
        "row includes the exercises and video answers that name it, marked “via”), with the step's glyph "
        "and label. A cell whose ratings are all one step has that step's colour; a cell with ratings on "
        "different steps shows each step's colour side by side — never one colour for a mix"
        + (f"; {theme.SPLIT} marks a cell whose own ratings are as far apart as a disagreement" if "split" in states
           else "")
        + (f"; {theme.ADDENDUM} marks a rating an addendum corrects" if "addendum" in states else "")
        + ". Draft ratings are italic, marked (draft) and never coloured"
        + ("; a cell holding only drafts has a dashed outline" if "draft" in states else "")
        + ". Drafts are not used to measure agreement. "
        + f"{theme.FLAG} flags a row where two submitted ratings are at least the scale's threshold "
        f"apart: max(2, half the scale's range rounded up) steps — here {rule}. "
        "The panel figure counts each interviewer once (the median of their own medians). "
        + ("A gap is a row nobody rated. " if "gap" in states else "")
        + versions,
        style("muted"),
    ))
    return out


class _RowScale:
    def __init__(self, size: int, threshold: int):
        self.scale_size_max, self.threshold = size, threshold


def _row_scales(report: ConsolidatedReport) -> list[_RowScale]:
    out = []
    for row in report.matrix.rows:
        if row.ratings:
            out.append(_RowScale(max(r.scale_size for r in row.ratings), row.threshold))
    return out


def _states_used(report: ConsolidatedReport) -> set[str]:
    states: set[str] = set()
    for row in report.matrix.rows:
        if row.gap:
            states.add("gap")
        for cell in row.cells:
            if cell.split:
                states.add("split")
            if cell.addendum:
                states.add("addendum")
            if cell.ratings and not cell.submitted:
                states.add("draft")
    return states


def _matrix_section(matrix: Matrix, report: ConsolidatedReport) -> list:
    w = frame_width("landscape")
    out: list = [
        Heading("Competencies, attitudes and items × interviewers", "h1", outline="Competency matrix", key="matrix"),
    ]
    out += _legend(report, w)
    out.append(Spacer(1, 4))
    if not matrix.rows:
        return out + [Paragraph("This kit names no competencies or attitudes.", style("muted"))]
    names = list(matrix.interviewers)
    chunks = [list(range(i, min(i + MAX_MATRIX_COLUMNS, len(names))))
              for i in range(0, max(len(names), 1), MAX_MATRIX_COLUMNS)]
    for n, cols in enumerate(chunks):
        if len(chunks) > 1:
            out.append(Paragraph(f"Interviewers {cols[0] + 1}–{cols[-1] + 1} of {len(names)}", style("h3")))
        out += _group_tables(matrix, cols, w, _corrected(report))
        out.append(Spacer(1, 8))
    return out


def _corrected(report: ConsolidatedReport) -> frozenset:
    """(interviewer, round, item) of every item an addendum corrects."""
    return frozenset((sc.interviewer, sc.round_id, a.item_id) for rnd in report.evidence for sc in rnd.scorecards
                     for a in sc.addenda if a.item_id)


def _rating_runs(ratings, *, via: bool = False, corrected: frozenset = frozenset()) -> list[Run]:
    """Rating labels as text runs, a draft in italics and marked "(draft)", one from an older
    kit version marked with its version ("v1")."""
    out: list[Run] = []
    for i, r in enumerate(ratings):
        if i:
            out.append(Run("\n"))
        label = blocks.glyph_label(r.label, r.index, r.scale_size)
        if r.draft:
            out += [Run(label, theme.ITALIC), Run(" (draft)", theme.BOLD, theme.DRAFT_INK)]
        else:
            out.append(Run(label))
        if via and r.item_type in ("exercise", "video_question"):
            out.append(Run(" via " + r.item_title, theme.ITALIC))
        if corrected and (r.interviewer, r.round_id, r.item_id) in corrected:
            out.append(Run(f" {theme.ADDENDUM}", theme.BOLD, theme.WARN))
        if r.older_version:
            out.append(Run(f" · v{r.kit_version}", None, theme.MUTED))
    return out


def _cell(cell: MatrixCell, row: MatrixRow, corrected: frozenset) -> tuple[list, object]:
    """A cell's text and background: one step's colour when all its submitted ratings are on one step,
    else each step's colour side by side (ReportLab draws a list background as bands)."""
    if not cell.ratings:
        return [TextBlock([Run("—", None, theme.FAINT)], style("cell_center"))], colors.white
    # one line per rating, each a link to the item in that interviewer's evidence
    paras: list = [blocks.Linked(TextBlock(_rating_runs([r], via=not row.is_item, corrected=corrected),
                                           style("cell_center")), blocks.item_key(r.interviewer, r.round_id, r.item_id))
                   for r in cell.ratings]
    if cell.split:
        paras.insert(0, TextBlock([Run(f"{theme.SPLIT} split", theme.BOLD, theme.DANGER)], style("cell_center")))
    sub = cell.submitted
    if not sub:
        return paras, theme.DRAFT_BG
    steps = sorted({r.position for r in sub})
    if len(steps) == 1:
        return paras, theme.rating_colour(steps[0])
    return paras, bands([theme.rating_colour(p) for p in steps])


def bands(cols: list) -> list:
    """A table background of equal vertical bands, one per colour, with (nearly) hard edges.

    ReportLab's table gradient ignores explicit stops, so each colour is repeated: with k
    copies each, the blend between two bands is 1/(nk − 1) of the cell's width."""
    k = 16
    return ["LINEARGRADIENT", (0, 0), (1, 0), False, [col for col in cols for _ in range(k)], None]


def _flag(row: MatrixRow) -> tuple[str, colors.Color]:
    if row.gap:
        why = "no question in this kit" if row.item_count == 0 else "not rated by anyone"
        return c(theme.WARN, f"<b>GAP</b> — {why}"), theme.WARN_BG
    if row.disagreement:
        return (c(theme.DANGER, f"<b>{theme.FLAG} DISAGREE</b> — {row.spread} steps apart")
                + f"<br/>panel: {markup(row.panel_label or '', newlines=False)}"), theme.DANGER_BG
    if row.draft_only:
        return c(theme.DRAFT_INK, "Drafts only — not compared"), theme.DRAFT_BG
    n = sum(len(cell.submitted) for cell in row.cells)
    people = sum(1 for cell in row.cells if cell.submitted)
    panel = f"<br/>panel: {markup(row.panel_label or '', newlines=False)}" if row.panel_label else ""
    if n == 1:
        return c(theme.MUTED, "One rating") + panel, colors.white
    who = f"{people} interviewer{'s' if people != 1 else ''}"
    if row.spread == 0:
        return c(theme.MUTED, f"Agree ({n} ratings, {who})") + panel, colors.white
    s = row.spread
    return c(theme.MUTED, f"Within {s} step{'s' if s != 1 else ''} ({n} ratings, {who})") + panel, colors.white


def _name_head(name: str, width: float) -> Paragraph:
    """An interviewer's name as a column head, in a smaller size if a word would not fit the column."""
    base = style("cell_head_center")
    longest = max(name.split() or [name], key=lambda w: stringWidth(w, base.fontName, base.fontSize))
    size = base.fontSize
    while size > 6.5 and stringWidth(longest, base.fontName, size) > width:
        size -= 0.5
    if size == base.fontSize:
        return Paragraph(markup(name, newlines=False), base)
    return Paragraph(f'<font size="{size}">{markup(name, newlines=False)}</font>', base)


def _matrix_table(matrix: Matrix, cols: list[int], width: float, corrected: frozenset = frozenset(),
                  title: str = "Competency, attitude or item") -> Table:
    """The matrix (or one group of it: then `title` is the group's name, heading its column)."""
    wide = len(cols) >= WIDE_PANEL
    label_w, flag_w = (44 * mm, 32 * mm) if wide else (58 * mm, 40 * mm)
    col_w = (width - label_w - flag_w) / max(len(cols), 1)
    header = [Paragraph(markup(title, newlines=False), style("cell_head"))]
    header += [_name_head(matrix.interviewers[i], col_w - 8) for i in cols]
    header += [Paragraph("Agreement", style("cell_head"))]
    rows = [header]
    extra: list = [("VALIGN", (1, 1), (-1, -1), "MIDDLE")]

    last = len(cols) + 1
    several = len(matrix.groups) > 1
    for group, group_rows in matrix.groups:
        if several:
            r = len(rows)
            rows.append([Paragraph(markup(group, newlines=False), style("cell_bold"))] + [""] * last)
            extra += [("SPAN", (0, r), (-1, r)), ("BACKGROUND", (0, r), (-1, r), theme.GROUP_BG)]
        for row in group_rows:
            r = len(rows)
            count = f"{row.item_count} question{'s' if row.item_count != 1 else ''}"
            if row.is_item:
                count = {"exercise": "exercise", "video": "video response", "resume": "résumé criterion"}[row.kind]
            if not row.in_current_kit:
                count = "rated on an older kit version"
            elif row.item_count == 0 and row.ratings:
                count = "no question now; rated on an older kit version"
            label = f"<b>{markup(row.name, newlines=False)}</b><br/>" + c(theme.MUTED, f'<font size="7">{count}</font>')
            line = [Paragraph(label, style("cell"))]
            for j, i in enumerate(cols, 1):
                paras, bg = _cell(row.cells[i], row, corrected)
                line.append(paras)
                extra.append(("BACKGROUND", (j, r), (j, r), bg))
                if row.cells[i].ratings and not row.cells[i].submitted:
                    extra.append(draft_outline(j, r))
            flag, bg = _flag(row)
            line.append(Paragraph(flag, style("cell")))
            extra.append(("BACKGROUND", (last, r), (last, r), bg))
            if row.disagreement:
                extra.append(("LINEBEFORE", (0, r), (0, r), 3, theme.DANGER))
            rows.append(line)
    t = Table(rows, colWidths=[label_w] + [col_w] * len(cols) + [flag_w], repeatRows=1)
    t.setStyle(grid_style(extra=extra))
    return t


def _group_tables(matrix: Matrix, cols: list[int], width: float, corrected: frozenset) -> list:
    """One table per group, headed by the group's name and the interviewers' names and repeating that
    head on a continued page: a group heading never sits alone at the foot of a page, and continued
    rows keep their group."""
    out: list = []
    for n, (group, rows) in enumerate(matrix.groups):
        sub = Matrix(interviewers=matrix.interviewers, rows=tuple(rows))
        # the group's name heads its own table, beside the interviewers' names: both repeat on a new page
        t = _matrix_table(sub, cols, width, corrected, title=group)
        out += [CondPageBreak(28 * mm), t] + ([Spacer(1, 6)] if n + 1 < len(matrix.groups) else [])
    return out


# --- level view ---------------------------------------------------------------------------


def _level_section(view: LevelView) -> list:
    w = frame_width("landscape")
    out: list = [Heading(
        f"Level view — held against {view.target_level_name}", "h1", outline="Level view", key="levels",
    )]
    out.append(Paragraph(
        "For each competency (and each exercise and video answer): the panel's figure — the median of the "
        "interviewers' own medians, so each interviewer counts once (submitted scorecards; drafts only where "
        "nothing was submitted, and then marked) — each rating given, and what the framework describes at the "
        "target level and the levels either side. A row whose ratings disagree reads SPLIT: no single figure "
        "stands for the panel there. The committee judges which description the evidence matches.",
        style("muted"),
    ))
    if not view.rows:
        return out + [Paragraph("This kit's framework names no competencies.", style("muted"))]
    levels = [("below", view.below_level_name), ("target", view.target_level_name), ("above", view.above_level_name)]
    levels = [(k, n) for k, n in levels if n is not None]
    comp_w, rating_w = 48 * mm, 44 * mm
    lw = (w - comp_w - rating_w) / len(levels)
    header = [Paragraph("Competency", style("cell_head")), Paragraph("Panel rating", style("cell_head"))]
    for kind, name in levels:
        tag = {"below": "level below", "target": "TARGET level", "above": "level above"}[kind]
        header.append(Paragraph(f"{markup(name, newlines=False)} <font size='7'>({tag})</font>", style("cell_head")))
    target_col = 2 + [k for k, _ in levels].index("target")
    # one table per group, its heads and group heading repeated on a continued page: a group heading
    # never sits alone at the foot of a page
    groups: list[tuple[str, list[LevelRow]]] = []
    for lr in view.rows:
        if not groups or groups[-1][0] != lr.discipline:
            groups.append((lr.discipline, []))
        groups[-1][1].append(lr)
    for group, group_rows in groups:
        # the group's name heads the table's first column; the head repeats on a continued page
        rows = [[Paragraph(markup(group, newlines=False), style("cell_head"))] + header[1:]]
        extra: list = [("BACKGROUND", (target_col, 0), (target_col, -1), theme.TARGET_BG),
                       ("BACKGROUND", (0, 0), (-1, 0), theme.HEADER_BG),
                       ("BACKGROUND", (target_col, 0), (target_col, 0), colors.HexColor("#f7e7a6"))]
        for lr in group_rows:
            r = len(rows)
            rating_cell, bg = _panel_rating(lr)
            line = [TextBlock([Run(lr.name)], style("cell_bold")), rating_cell]
            for kind, _ in levels:
                lt = getattr(lr, kind)
                if lr.kind != "competency":
                    cell = [TextBlock([Run("an exercise or video answer: the framework does not describe it; "
                                           "read its rating against the target level" if kind == "target" else "",
                                           theme.ITALIC, theme.FAINT)], style("cell"))]
                elif lt and lt.text:
                    cell = [TextBlock([Run(lt.text)], style("cell"))]
                else:
                    cell = [TextBlock([Run("not described", theme.ITALIC, theme.FAINT)], style("cell"))]
                if kind == "target" and lr.expectations:
                    for title, exp in lr.expectations:
                        cell.append(TextBlock([Run(f"Question “{title}” expects: ", theme.ITALIC, theme.MUTED),
                                               Run(exp)], style("cell_small")))
                line.append(cell)
            rows.append(line)
            extra.append(("BACKGROUND", (1, r), (1, r), bg))
            if lr.median_from_drafts:
                extra.append(draft_outline(1, r))
        t = Table(rows, colWidths=[comp_w, rating_w] + [lw] * len(levels), repeatRows=1)
        t.setStyle(grid_style(header_rows=0, extra=extra))
        out += [CondPageBreak(30 * mm), t, Spacer(1, 6)]
    return out


def _panel_rating(lr: LevelRow) -> tuple[list, colors.Color]:
    if lr.median_label is None:
        return [Paragraph(c(theme.WARN, "<b>GAP</b> — not rated"), style("cell"))], theme.WARN_BG
    if lr.split:
        # no single figure stands for a split panel: say so first, the median of the interviewers after
        head = [Run(f"{theme.SPLIT} SPLIT", theme.BOLD, theme.DANGER),
                Run(f" — interviewers' median {lr.median_label}", theme.BOLD)]
    else:
        head = [Run(lr.median_label, theme.BOLD)]
    if lr.median_from_drafts:
        head.append(Run(" (drafts only)", theme.BOLD, theme.DRAFT_INK))
    cell = [TextBlock(head, style("cell"))]
    by_interviewer: dict[str, list] = {}
    for r in lr.ratings:
        by_interviewer.setdefault(r.interviewer, []).append(r)
    who: list[Run] = []
    for name, ratings in by_interviewer.items():
        who.append(Run(("; " if who else "") + f"{name}: "))
        for i, r in enumerate(ratings):
            if i:
                who.append(Run(", "))
            who += _rating_runs([r])
    cell.append(TextBlock(who, style("cell_small")))
    if lr.median_from_drafts:
        return cell, theme.DRAFT_BG
    if lr.split:
        sub = sorted({r.position for r in lr.ratings if not r.draft})
        return cell, bands([theme.rating_colour(sub[0]), theme.rating_colour(sub[-1])])
    return cell, theme.rating_colour(lr.median_position)


# --- evidence ---------------------------------------------------------------------------


def _evidence_section(report: ConsolidatedReport, seals: Mapping[str, str]) -> list:
    w = frame_width("portrait")
    out: list = [
        Heading("Evidence by round", "h1", outline="Evidence", key="evidence"),
        Paragraph(
            "What each interviewer recorded, item by item, in kit order: the rating with its anchor, the "
            f"indicators observed ({theme.BOX_CHECKED} positive, {theme.BOX_CROSSED} negative; "
            f"{theme.BOX_EMPTY} not observed), notes, time and skips. Draft scorecards are marked on every item.",
            style("muted"),
        ),
    ]
    total = len(report.evidence)
    first = True
    for n, rnd in enumerate(report.evidence, 1):
        if rnd.scorecards and not first:
            out.append(PageBreak())
        else:
            out.append(CondPageBreak(60 * mm))
        first = False
        ink, bg = ROUND_STATE_COLOURS[rnd.state]
        out.append(Heading(
            f"Round {n} of {total} · {rnd.name}", "h1",
            outline=f"Round {n}: {rnd.name}", key=f"round-{rnd.round_id}", level=1,
        ))
        state = round_state_label(rnd.state, rnd.draft_count)
        retired = "" if rnd.in_current_kit else f" · not in version {report.header.kit_version} of the kit"
        out.append(Paragraph(
            f"{stage_label(rnd.stage)} · {c(ink, '<b>' + markup(state, newlines=False) + '</b>')}{retired}",
            style("muted"),
        ))
        if not rnd.scorecards:
            out.append(boxed([Paragraph("No scorecard was recorded for this round.", style("body"))],
                             width=w, bg=bg))
            continue
        for i, sc in enumerate(rnd.scorecards):
            if i:
                out.append(CondPageBreak(80 * mm))
            draft = " — DRAFT" if sc.draft else ""
            older = f" — {version_note(sc.kit_version)}" if sc.older_version else ""
            out.append(Heading(
                f"{markup(sc.interviewer, newlines=False)} · {markup(sc.round_name, newlines=False)}"
                + (c(theme.DRAFT_INK, draft) if draft else "")
                + (c(theme.MUTED, markup(older, newlines=False)) if older else ""),
                "h2", outline=f"{sc.interviewer}{' (draft)' if sc.draft else ''}"
                              f"{f' (v{sc.kit_version})' if sc.older_version else ''}",
                key=f"sc-{sc.scorecard_id}", level=2, is_markup=True,
                section=f"{sc.interviewer}{' (DRAFT)' if sc.draft else ''} · {sc.round_name}{older}",
            ))
            if sc.scorecard_id in seals:  # whose laptop vouches for it (docs/bundle-format.md, Seals)
                seal = seals[sc.scorecard_id]
                ink = theme.MUTED if seal.startswith("sealed") or seal == "not sealed" else theme.DRAFT_INK
                out.append(Paragraph(c(ink, f"Seal: {markup(seal, newlines=False)}"), style("muted")))
            out += blocks.scorecard_evidence(sc, width=w, report_version=report.header.kit_version)
    return out
