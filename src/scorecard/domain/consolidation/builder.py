"""Building the report: scorecards and kits in, `ConsolidatedReport` / `InterviewerReport` out."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace as _replace
from datetime import datetime

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.consolidation.agreement import (
    MIN_PAIRABLE,
    band,
    krippendorff_alpha,
    pairable_count,
)
from scorecard.domain.consolidation.disagreement import (
    is_disagreement,
    recommendation_spread,
    recommendation_threshold,
    threshold_for,
)
from scorecard.domain.consolidation.model import (
    AddendumView,
    Agreement,
    CommitteeDecision,
    ConsolidatedReport,
    IndicatorMark,
    InterviewerReport,
    ItemEvidence,
    KitsByVersion,
    KnockoutAnswer,
    KnockoutSummary,
    LevelRow,
    LevelText,
    LevelView,
    Matrix,
    MatrixCell,
    MatrixRow,
    Rating,
    Recommendation,
    ReportHeader,
    RoundEvidence,
    RoundState,
    RoundSummary,
    ScaleLegend,
    ScorecardEvidence,
    Split,
    SplitSide,
    VersionUse,
)
from scorecard.domain.consolidation.rules import round_state, worst_outcome
from scorecard.domain.consolidation.spread import (
    _median,
    panel_label,
    panel_position,
    spread,
)
from scorecard.domain.consolidation.versions import _check, _Versions
from scorecard.domain.kit import (
    Exercise,
    ItemBase,
    Kit,
    KnockoutOutcome,
    KnockoutQuestion,
    RatingScale,
)
from scorecard.domain.scorecard import Scorecard


def _header(candidate: Candidate, kit: Kit, kit_version: KitVersion, exported_at: datetime,
            uses: tuple[VersionUse, ...] = ()) -> ReportHeader:
    try:
        level_name = kit.level(candidate.target_level).name
    except KeyError:
        level_name = candidate.target_level
    return ReportHeader(
        candidate_id=candidate.id,
        candidate_name=candidate.name,
        role=kit.title,
        kit_id=kit.id,
        kit_version=kit_version.version,
        kit_version_id=kit_version.id,
        kit_version_title=kit_version.title,
        content_hash=kit_version.content_hash,
        target_level_id=candidate.target_level,
        target_level_name=level_name,
        exported_at=exported_at,
        kit_versions=uses,
    )


def _round_order(versions: _Versions, sc: Scorecard) -> tuple[int, int]:
    """Frame rounds in frame order, then rounds only older versions have, in their own kit's order."""
    frame_ids = [r.id for r in versions.frame_kit.rounds]
    if sc.round_id in frame_ids:
        return (0, frame_ids.index(sc.round_id))
    own = [r.id for r in versions.kit(sc).rounds]
    return (1, own.index(sc.round_id))


def _sorted_cards(versions: _Versions, scorecards: Iterable[Scorecard]) -> list[Scorecard]:
    return sorted(scorecards, key=lambda sc: (_round_order(versions, sc), sc.created_at, sc.interviewer, sc.id))


def _rating(kit: Kit, item: ItemBase, sc: Scorecard, step_id: str, version: int | None = None,
            older: bool = False) -> Rating:
    scale: RatingScale = kit.scale_for(item)
    try:
        step = scale.step(step_id)
    except KeyError:
        raise ValueError(
            f"scorecard {sc.id!r} rates item {item.id!r} as {step_id!r}, which scale {scale.id!r} lacks"
        ) from None
    return Rating(
        step_id=step.id,
        label=step.label,
        index=scale.index(step.id),
        scale_id=scale.id,
        scale_size=len(scale.steps),
        draft=not sc.is_submitted,
        interviewer=sc.interviewer,
        round_id=sc.round_id,
        item_id=item.id,
        kit_version=version,
        older_version=older,
        item_title=item.short_title,
        item_type=item.type,
    )


def _recommendation(kit: Kit, sc: Scorecard, version: int | None = None, older: bool = False) -> Recommendation:
    scale = kit.recommendation_scale
    step = None
    if sc.recommendation is not None:
        try:
            step = scale.step(sc.recommendation)
        except KeyError:
            raise ValueError(
                f"scorecard {sc.id!r} recommends {sc.recommendation!r}, which is not on the kit's scale"
            ) from None
    return Recommendation(
        interviewer=sc.interviewer,
        round_id=sc.round_id,
        round_name=kit.round(sc.round_id).name,
        step_id=step.id if step else None,
        label=step.label if step else None,
        index=scale.index(step.id) if step else None,
        scale_size=len(scale.steps),
        draft=not sc.is_submitted,
        submitted_at=sc.submitted_at,
        kit_version=version,
        older_version=older,
    )


def _dimension_name(kit: Kit, item: ItemBase) -> tuple[str | None, str | None]:
    dim = kit.dimension_of(item)
    if dim is None:
        return None, None
    kind, ident = dim
    name = kit.competency(ident).name if kind == "competency" else kit.attitude(ident).name
    return kind, name


def _item_evidence(kit: Kit, sc: Scorecard, item: ItemBase, number: int) -> ItemEvidence:
    resp = sc.responses.get(item.id)
    kind, dim_name = _dimension_name(kit, item)
    rating = None
    anchor = ""
    if resp is not None and resp.rating is not None and item.is_rated:
        rating = _rating(kit, item, sc, resp.rating)
        anchor = kit.anchor_for(item, resp.rating)
    checked = resp.checked if resp else set()
    indicators = tuple(
        IndicatorMark(key=key, polarity=pol, text=text, checked=key in checked)
        for key, pol, text in item.indicators.keys()
    )
    ko_label = ko_outcome = None
    if isinstance(item, KnockoutQuestion) and resp is not None and resp.knockout_option:
        opt = item.option(resp.knockout_option)
        ko_label, ko_outcome = opt.label, opt.outcome
    variant = None
    if resp is not None and resp.variant:
        variant = resp.variant
        if isinstance(item, Exercise):
            variant = next((v.name for v in item.variants if v.id == resp.variant), resp.variant)
    notes = resp.notes if resp else ""
    has_evidence = any(i.checked for i in indicators) or bool(notes.strip())
    return ItemEvidence(
        item_id=item.id,
        number=number,
        item_type=item.type,
        title=item.short_title,
        prompt=item.prompt,
        dimension_kind=kind,
        dimension_name=dim_name,
        is_rated=item.is_rated,
        answered=bool(resp and resp.is_answered),
        rating=rating,
        anchor=anchor,
        indicators=indicators,
        notes=notes,
        seconds_spent=resp.seconds_spent if resp else 0.0,
        skip_reason=resp.skip_reason if resp else None,
        knockout_option=ko_label,
        knockout_outcome=ko_outcome,
        variant=variant,
        no_evidence=rating is not None and not has_evidence,
    )


def _scorecard_evidence(kit: Kit, sc: Scorecard, kv: KitVersion | None = None, older: bool = False) -> ScorecardEvidence:
    """One scorecard's evidence, built with the kit version it was scored on."""
    version = kv.version if kv is not None else None
    numbered = {it.id: (n, it.short_title) for n, it in enumerate(kit.items_in(sc.round_id), 1)}
    addenda = tuple(
        AddendumView(author=a.author, text=a.text, created_at=a.created_at, item_id=a.item_id,
                     item_title=numbered.get(a.item_id, (None, None))[1] if a.item_id else None,
                     item_number=numbered.get(a.item_id, (None, None))[0] if a.item_id else None)
        for a in sorted(sc.addenda, key=lambda a: a.created_at)
    )
    items = tuple(
        _replace(ev, addenda=tuple(a for a in addenda if a.item_id == ev.item_id))
        if any(a.item_id == ev.item_id for a in addenda) else ev
        for ev in (_item_evidence(kit, sc, it, n) for n, it in enumerate(kit.items_in(sc.round_id), 1))
    )
    if older:
        items = tuple(
            i if i.rating is None else _replace(i, rating=_replace(i.rating, kit_version=version, older_version=True))
            for i in items
        )
    return ScorecardEvidence(
        scorecard_id=sc.id,
        interviewer=sc.interviewer,
        round_id=sc.round_id,
        round_name=kit.round(sc.round_id).name,
        status=sc.status,
        created_at=sc.created_at,
        updated_at=sc.updated_at,
        submitted_at=sc.submitted_at,
        recommendation=_recommendation(kit, sc, version, older),
        summary=sc.summary,
        items=items,
        addenda=addenda,
        knockout_outcome=sc.knockout_outcome(kit),
        kit_version=version,
        kit_version_id=sc.kit_version_id,
        older_version=older,
        round_seconds=sc.round_seconds,
    )


def _knockout(candidate: Candidate, versions: _Versions, cards: list[Scorecard]) -> KnockoutSummary:
    answers = []
    for sc in cards:
        kit = versions.kit(sc)
        for item in kit.items_in(sc.round_id):
            resp = sc.responses.get(item.id)
            if isinstance(item, KnockoutQuestion) and resp and resp.knockout_option:
                opt = item.option(resp.knockout_option)
                answers.append(
                    KnockoutAnswer(
                        interviewer=sc.interviewer,
                        round_id=sc.round_id,
                        item_id=item.id,
                        item_title=item.short_title,
                        option_id=opt.id,
                        option_label=opt.label,
                        outcome=opt.outcome,
                        draft=not sc.is_submitted,
                    )
                )
    outcome = worst_outcome(a.outcome for a in answers)
    final = worst_outcome(a.outcome for a in answers if not a.draft)
    provisional = outcome is not None and final != outcome
    if candidate.auto_declined and outcome is not KnockoutOutcome.AUTO_DECLINE:
        outcome, provisional = KnockoutOutcome.AUTO_DECLINE, False
    return KnockoutSummary(
        outcome=outcome,
        provisional=provisional,
        auto_declined=outcome is KnockoutOutcome.AUTO_DECLINE,
        answers=tuple(answers),
    )


def _interviewers(cards: list[Scorecard]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for sc in cards:
        seen.setdefault(sc.interviewer, None)
    return tuple(seen)


#: Item rows of the matrix: item type → (row kind, group id, group name), in this order after the attitudes.
ITEM_ROWS = {
    "exercise": ("exercise", "exercises", "Exercises"),
    "video_question": ("video", "video", "Video response"),
    "resume_criterion": ("resume", "resume", "Résumé criteria"),
}


def _dimensions(kit: Kit) -> list[tuple[str, str, str, str, str]]:
    """(kind, id, name, group id, group name) of every row: each competency, each attitude, then each
    rated exercise, video question and résumé criterion, in kit order."""
    out = [("competency", c.id, c.name, d.id, d.name) for d in kit.disciplines for c in d.competencies] + [
        ("attitude", a.id, a.name, "attitudes", "Attitudes") for a in kit.attitudes
    ]
    for item_type, (kind, gid, gname) in ITEM_ROWS.items():
        out += [(kind, it.id, it.short_title, gid, gname) for it in kit.items if it.type == item_type]
    return out


def _row_keys(kit: Kit, item: ItemBase) -> list[tuple[str, str]]:
    """The matrix rows an item's rating counts on: its own row (exercises, video, résumé criteria)
    and every competency or attitude it measures or gives evidence for."""
    own = [(ITEM_ROWS[item.type][0], item.id)] if item.type in ITEM_ROWS else []
    return own + kit.evidence_dimensions(item)


def _matrix(versions: _Versions, cards: list[Scorecard], interviewers: tuple[str, ...]) -> tuple[Matrix, dict]:
    """The matrix, and for each row the (newest) kit that defines it."""
    kit = versions.frame_kit
    # every rating, keyed by the row it counts on in the scorecard's own kit version
    by_dim: dict[tuple[str, str], dict[str, list[Rating]]] = {}
    # rows only older versions have: (kind, id) → (version number, kit), the newest that names it
    retired: dict[tuple[str, str], tuple[int, Kit]] = {}
    frame_dims = {(kind, ident) for kind, ident, *_ in _dimensions(kit)}
    corrected: set[tuple[str, str, str]] = set()  # (interviewer, round, item) an addendum corrects
    via: dict[tuple[str, str], dict[str, None]] = {}
    for sc in cards:
        corrected |= {(sc.interviewer, sc.round_id, a.item_id) for a in sc.addenda if a.item_id}
        own, kv, older = versions.kit(sc), versions.version(sc), versions.older(sc)
        for item in own.items_in(sc.round_id):
            resp = sc.responses.get(item.id)
            if resp is None or resp.rating is None or not item.is_rated:
                continue
            rating = _rating(own, item, sc, resp.rating, kv.version, older)
            for dim in _row_keys(own, item):
                by_dim.setdefault(dim, {}).setdefault(sc.interviewer, []).append(rating)
                if dim[0] in ("competency", "attitude") and own.dimension_of(item) is None:
                    via.setdefault(dim, {})[item.short_title] = None
                if dim not in frame_dims and (dim not in retired or retired[dim][0] < kv.version):
                    retired[dim] = (kv.version, own)
    item_counts: dict[tuple[str, str], int] = {}
    for item in kit.items:
        for dim in _row_keys(kit, item):
            item_counts[dim] = item_counts.get(dim, 0) + 1

    defining: dict[tuple[str, str], Kit] = {dim: kit for dim in frame_dims}
    dims = [(*d, True) for d in _dimensions(kit)]
    group = f"No longer in version {versions.frame.version} of the kit"
    extra = []
    for dim, (_version, old) in retired.items():
        entries = _dimensions(old)
        at = [(kind, ident) for kind, ident, *_ in entries].index(dim)
        extra.append((dim[0] != "competency", at, entries[at], old))
    for _kind_order, _at, (kind, ident, name, _gid, _g), old in sorted(extra, key=lambda e: (e[0], e[1])):
        defining[(kind, ident)] = old
        dims.append((kind, ident, name, "retired", group, False))
    rows = []
    for kind, ident, name, group_id, group_name, current in dims:
        per = by_dim.get((kind, ident), {})
        all_ratings = [r for who in interviewers for r in per.get(who, ())]
        submitted = [r for r in all_ratings if not r.draft]
        threshold = threshold_for(all_ratings)
        cells = []
        for who in interviewers:
            mine = tuple(per.get(who, ()))
            sub = [r for r in mine if not r.draft]
            own_spread = spread(sub)
            cells.append(MatrixCell(
                interviewer=who, ratings=mine, position=_median([r.position for r in sub]),
                own_spread=own_spread, split=own_spread is not None and own_spread >= threshold,
                addendum=any((r.interviewer, r.round_id, r.item_id) in corrected for r in mine),
            ))
        panel = panel_position(submitted)
        rows.append(
            MatrixRow(
                kind=kind,
                dimension_id=ident,
                name=name,
                group_id=group_id,
                group=group_name,
                cells=tuple(cells),
                item_count=item_counts.get((kind, ident), 0),
                spread=spread(submitted),
                disagreement=is_disagreement(all_ratings),
                gap=not all_ratings,
                draft_only=bool(all_ratings) and not submitted,
                in_current_kit=current,
                threshold=threshold,
                panel_position=panel,
                panel_label=_panel_label(submitted, kit),
                via=tuple(via.get((kind, ident), {})),
            )
        )
    return Matrix(interviewers=interviewers, rows=tuple(rows)), defining


def _panel_label(ratings: list[Rating], kit: Kit) -> str | None:
    """The panel figure as a label on the ratings' (longest) scale."""
    if not ratings:
        return None
    longest = max(ratings, key=lambda r: r.scale_size)
    labels: list[str] | None = None
    try:
        scale = kit.scale(longest.scale_id)
        if len(scale.steps) == longest.scale_size:
            labels = [st.label for st in scale.steps]
    except KeyError:
        labels = None
    if labels is None:
        known = {r.index: r.label for r in ratings if r.scale_size == longest.scale_size}
        labels = [known.get(i, f"step {i + 1}") for i in range(longest.scale_size)]
    return panel_label(ratings, labels)


def _level_text(frame: Kit, defining: Kit, competency_id: str, level_id: str) -> LevelText:
    """A level's name from the report's kit, the description from the kit that defines the competency."""
    comp = defining.competency(competency_id)
    return LevelText(level_id=level_id, level_name=frame.level(level_id).name, text=comp.levels.get(level_id, ""))


def _per_interviewer(row: MatrixRow, kit: Kit) -> tuple[tuple[str, str], ...]:
    out = []
    for cell in row.cells:
        sub = list(cell.submitted) or list(cell.drafts)
        if sub:
            out.append((cell.interviewer, _panel_label(sub, kit) or ""))
    return tuple(out)


def _level_view(kit: Kit, candidate: Candidate, matrix: Matrix, defining: Mapping[tuple[str, str], Kit]) -> LevelView:
    level_ids = [lv.id for lv in kit.levels]
    target = candidate.target_level
    pos = level_ids.index(target) if target in level_ids else None
    below_id = level_ids[pos - 1] if pos is not None and pos > 0 else None
    above_id = level_ids[pos + 1] if pos is not None and pos + 1 < len(level_ids) else None
    target_name = kit.level(target).name if pos is not None else target
    rows = []
    for row in matrix.rows:
        if row.kind not in ("competency", "exercise", "video"):
            continue
        own = defining.get((row.kind, row.dimension_id), kit)
        ratings = row.ratings
        submitted = [r for r in ratings if not r.draft]
        basis = submitted or list(ratings)
        if row.kind == "competency":
            comp = own.competency(row.dimension_id)
            # what the questions someone rated expect at the target level (not every question in the kit:
            # the report's length follows what was scored)
            rated_items = {r.item_id for r in ratings}
            expectations = tuple(
                (it.short_title, it.expectations[target])
                for it in own.items
                if own.dimension_of(it) == ("competency", comp.id) and target in getattr(it, "expectations", {})
                and it.id in rated_items
            )
            below = _level_text(kit, own, comp.id, below_id) if below_id else None
            tgt = (_level_text(kit, own, comp.id, target) if pos is not None
                   else LevelText(level_id=target, level_name=target, text=""))
            above = _level_text(kit, own, comp.id, above_id) if above_id else None
        else:
            expectations = ()
            below = LevelText(below_id, kit.level(below_id).name, "") if below_id else None
            tgt = LevelText(target, target_name, "")
            above = LevelText(above_id, kit.level(above_id).name, "") if above_id else None
        rows.append(
            LevelRow(
                competency_id=row.dimension_id,
                name=row.name,
                discipline=row.group,
                ratings=ratings,
                median_label=_panel_label(basis, kit),
                median_position=panel_position(basis),
                median_from_drafts=bool(basis) and not submitted,
                below=below,
                target=tgt,
                above=above,
                expectations=expectations,
                split=row.disagreement,
                per_interviewer=_per_interviewer(row, kit),
                kind=row.kind,
            )
        )
    return LevelView(
        target_level_id=target,
        target_level_name=target_name,
        below_level_name=kit.level(below_id).name if below_id else None,
        above_level_name=kit.level(above_id).name if above_id else None,
        rows=tuple(rows),
    )


def first_sentence(text: str, limit: int = 160) -> str:
    """The first sentence of a note (its first line, cut at the first . ! ? followed by a space)."""
    t = " ".join(text.strip().split("\n\n", 1)[0].split())
    for i, ch in enumerate(t):
        if ch in ".!?。！？" and (i + 1 == len(t) or t[i + 1] == " " or ch in "。！？"):
            t = t[: i + 1]
            break
    return t if len(t) <= limit else t[: limit - 1].rstrip() + "…"


def _side(r: Rating, cards: dict[tuple[str, str], Scorecard], round_names: dict[str, str],
          corrected: set[tuple[str, str, str]]) -> SplitSide:
    sc = cards.get((r.interviewer, r.round_id))
    note = ""
    if sc is not None:
        resp = sc.responses.get(r.item_id)
        note = first_sentence(resp.notes) if resp is not None else ""
    from_summary = not note and sc is not None
    if from_summary:
        note = first_sentence(sc.summary)
    return SplitSide(interviewer=r.interviewer, label=r.label, position=r.position, draft=r.draft,
                     reason=note, reason_from_summary=from_summary and bool(note), item_title=r.item_title,
                     round_name=round_names.get(r.round_id, r.round_id),
                     addendum=(r.interviewer, r.round_id, r.item_id) in corrected)


def _splits(matrix: Matrix, rounds: list[RoundSummary], cards: list[Scorecard], versions: _Versions) -> tuple[Split, ...]:
    """Every row whose submitted ratings disagree and every round whose recommendations do:
    the widest pair of each, with both sides' own one-line reasons."""
    by = {(sc.interviewer, sc.round_id): sc for sc in cards if sc.is_submitted}
    names = {r.round_id: r.name for r in rounds}
    corrected = {(sc.interviewer, sc.round_id, a.item_id) for sc in cards for a in sc.addenda if a.item_id}
    out = []
    for row in matrix.rows:
        if not row.disagreement:
            continue
        sub = sorted((r for r in row.ratings if not r.draft), key=lambda r: r.position)
        out.append(Split(kind=row.kind, name=row.name, spread=row.spread or 0, threshold=row.threshold,
                         low=_side(sub[0], by, names, corrected), high=_side(sub[-1], by, names, corrected),
                         key="matrix"))
    for rnd in rounds:
        gap = recommendation_spread(rnd.recommendations)
        if gap is None:
            continue
        recs = sorted((r for r in rnd.recommendations if not r.draft and r.index is not None),
                      key=lambda r: r.index or 0)
        threshold = recommendation_threshold(recs)
        sides = []
        for rec in (recs[0], recs[-1]):
            sc = by.get((rec.interviewer, rec.round_id))
            sides.append(SplitSide(interviewer=rec.interviewer, label=rec.label or "", position=rec.position or 0.0,
                                   draft=rec.draft, reason=first_sentence(sc.summary) if sc else "",
                                   reason_from_summary=True, round_name=rnd.name))
        out.append(Split(kind="recommendation", name=f"Recommendation · {rnd.name}", spread=gap,
                         threshold=threshold, low=sides[0], high=sides[1], key="summary"))
    return tuple(sorted(out, key=lambda s: (-s.width, s.kind == "recommendation")))


def _agreement(matrix: Matrix) -> Agreement:
    """The panel's agreement on this candidate: Krippendorff's alpha (ordinal) over each row's
    interviewer figures (one value per interviewer per row, in steps of a 0…1 position)."""
    units: dict[str, list[float]] = {}
    for row in matrix.rows:
        vals = [round(c.position, 6) for c in row.cells if c.position is not None]
        if vals:
            units[row.dimension_id] = vals
    n = pairable_count(units)
    alpha = krippendorff_alpha(units) if n >= MIN_PAIRABLE else None
    enough = n >= MIN_PAIRABLE and alpha is not None
    return Agreement(alpha=alpha, pairable=n, units=sum(1 for v in units.values() if len(v) >= 2),
                     enough=enough, band=band(alpha) if enough else "too few ratings to measure agreement")


def _scales(versions: _Versions, cards: list[Scorecard], matrix: Matrix) -> tuple[ScaleLegend, ...]:
    """Every scale the matrix's ratings use, with all its steps; versions that agree share an entry."""
    used = {(r.scale_id, r.kit_version) for row in matrix.rows for r in row.ratings}
    by_version = {versions.version(sc).version: versions.kit(sc) for sc in cards}
    found: dict[tuple[str, tuple[str, ...]], tuple[str, list[int]]] = {}
    for scale_id, version in sorted(used, key=lambda u: (u[0], -(u[1] or 0))):
        kit = by_version.get(version, versions.frame_kit)
        scale = kit.scale(scale_id)
        key = (scale_id, tuple(s.label for s in scale.steps))
        found.setdefault(key, (scale.name, []))[1].append(version or 0)
    return tuple(
        ScaleLegend(scale_id=scale_id, name=name, labels=labels, kit_versions=tuple(sorted(vs, reverse=True)))
        for (scale_id, labels), (name, vs) in found.items()
    )


def consolidate(
    *,
    candidate: Candidate,
    kit: Kit,
    kit_version: KitVersion,
    scorecards: list[Scorecard],
    exported_at: datetime,
    kits_by_version: KitsByVersion | None = None,
    decision: CommitteeDecision | None = None,
) -> ConsolidatedReport:
    """Everything the committee PDF shows for one candidate, already computed.

    `kit`/`kit_version` is the report's frame: the newest version any scorecard was scored
    on. Scorecards on other (older) versions need theirs in `kits_by_version`.
    """
    versions = _Versions(kit, kit_version, kits_by_version)
    _check(candidate, versions, scorecards)
    cards = _sorted_cards(versions, scorecards)
    interviewers = _interviewers(cards)
    knockout = _knockout(candidate, versions, cards)

    # frame rounds in kit order, then rounds only older versions have (named as the newest of those did)
    round_defs: dict[str, tuple[str, str, bool]] = {r.id: (r.name, str(r.stage), True) for r in kit.rounds}
    for sc in sorted(cards, key=lambda sc: versions.version(sc).version):
        if sc.round_id not in {r.id for r in kit.rounds}:
            rnd = versions.kit(sc).round(sc.round_id)
            round_defs[sc.round_id] = (rnd.name, str(rnd.stage), False)
    ordered = list(round_defs)
    ordered.sort(key=lambda rid: (0, [r.id for r in kit.rounds].index(rid)) if round_defs[rid][2] else
                 (1, min(_round_order(versions, sc)[1] for sc in cards if sc.round_id == rid)))

    rounds = []
    evidence = []
    for round_id in ordered:
        name, stage, current = round_defs[round_id]
        in_round = [sc for sc in cards if sc.round_id == round_id]
        state = round_state(in_round)
        if state is RoundState.MISSING and knockout.auto_declined:
            state = RoundState.NOT_NEEDED
        rounds.append(
            RoundSummary(
                round_id=round_id,
                name=name,
                stage=stage,
                state=state,
                recommendations=tuple(
                    _recommendation(versions.kit(sc), sc, versions.version(sc).version, versions.older(sc))
                    for sc in in_round
                ),
                submitted_count=sum(1 for sc in in_round if sc.is_submitted),
                draft_count=sum(1 for sc in in_round if not sc.is_submitted),
                in_current_kit=current,
                started=tuple(sc.created_at for sc in in_round),
                seconds=tuple(sum(r.seconds_spent for r in sc.responses.values()) for sc in in_round),
            )
        )
        evidence.append(
            RoundEvidence(
                round_id=round_id,
                name=name,
                stage=stage,
                state=state,
                scorecards=tuple(
                    _scorecard_evidence(versions.kit(sc), sc, versions.version(sc), versions.older(sc))
                    for sc in in_round
                ),
                in_current_kit=current,
            )
        )
    matrix, defining = _matrix(versions, cards, interviewers)
    return ConsolidatedReport(
        header=_header(candidate, kit, kit_version, exported_at, versions.uses(cards)),
        rounds=tuple(rounds),
        knockout=knockout,
        matrix=matrix,
        level_view=_level_view(kit, candidate, matrix, defining),
        evidence=tuple(evidence),
        scales=_scales(versions, cards, matrix),
        splits=_splits(matrix, rounds, cards, versions),
        agreement=_agreement(matrix),
        decision=decision,
    )


def interviewer_view(
    *,
    candidate: Candidate,
    kit: Kit,
    kit_version: KitVersion,
    scorecard: Scorecard,
    exported_at: datetime,
    kits_by_version: KitsByVersion | None = None,
) -> InterviewerReport:
    """One interviewer's scorecard, shaped like the committee report's evidence section.

    Normally `kit`/`kit_version` is the version the scorecard was scored on. When it is
    another (say, the newest) version, the scorecard's own must be in `kits_by_version`:
    the evidence and the header always show the version the interviewer saw.
    """
    versions = _Versions(kit, kit_version, kits_by_version)
    if not versions.has(scorecard.kit_version_id):
        raise ValueError(
            f"scorecard {scorecard.id!r} was scored on kit version {scorecard.kit_version_id!r}, which is "
            f"neither {kit_version.id!r} nor in kits_by_version"
        )
    own, kv = versions.kit(scorecard), versions.version(scorecard)
    _check(candidate, _Versions(own, kv, None), [scorecard])
    return InterviewerReport(
        header=_header(candidate, own, kv, exported_at, versions.uses([scorecard])[:1]),
        scorecard=_scorecard_evidence(own, scorecard, kv),
        round_stage=str(own.round(scorecard.round_id).stage),
    )
