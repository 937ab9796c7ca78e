"""One candidate's scorecards turned into what a hiring committee reads.

`consolidate(...)` computes everything the committee PDF shows — round status, each
interviewer's recommendation, the knock-out outcome, the competency/attitude ×
interviewer matrix with disagreement and gap flags, the level view and the evidence
per item — so a renderer only lays it out. `interviewer_view(...)` gives the same
evidence for one scorecard. Pure functions over domain objects; no I/O.

Decisions a committee should know about (docs/pdf-reports.md repeats them):

* **Drafts are shown but never passed off as final.** Every rating, recommendation and
  knock-out answer taken from a draft scorecard carries `draft=True`, and renderers
  must mark it. A round whose only scorecards are drafts is `DRAFT_ONLY`, not complete.
* **Disagreement uses submitted scorecards only.** A draft may still change, and its
  author may not have finished forming a view; comparing it with colleagues' final
  ratings would put half-formed judgements on the committee's agenda. A row is flagged
  when its submitted ratings span two or more scale steps (max index − min index ≥ 2);
  one step apart is ordinary rater noise. Ratings from every interviewer *and* every
  item measuring the dimension count, so one interviewer rating two questions on the
  same competency far apart is also flagged. Spreads compare positions on the scale
  (0 = lowest step); kits normally use one scale per dimension.
* **A gap is a dimension nobody rated at all** — not in a draft, not in a submitted
  scorecard. A dimension rated only in drafts is not a gap but is `draft_only`.
  `item_count` tells a gap the kit never asks about apart from one nobody scored.
* **The level view's panel rating** is the median step of the submitted ratings; only
  when there are none does it fall back to drafts, and then says so
  (`median_from_drafts`). An even number of ratings whose middle two differ reads
  "between A and B".
* **Knock-out**: the worst answer wins (auto-decline > review > qualifies). If that worst
  answer comes only from drafts the outcome is `provisional`. `Candidate.auto_declined`
  also counts as an auto-decline.
* Scorecards must belong to the candidate and to the given kit version; anything else
  raises `ValueError` rather than mixing items from different kit versions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.kit import (
    Exercise,
    ItemBase,
    Kit,
    KnockoutOutcome,
    KnockoutQuestion,
    RatingScale,
)
from scorecard.domain.scorecard import Scorecard, ScorecardStatus

#: Submitted ratings on one dimension this many scale steps apart (or more) are a disagreement.
DISAGREEMENT_THRESHOLD = 2

_OUTCOME_SEVERITY = {
    KnockoutOutcome.QUALIFIES: 0,
    KnockoutOutcome.REVIEW: 1,
    KnockoutOutcome.AUTO_DECLINE: 2,
}


class RoundState(StrEnum):
    COMPLETE = "complete"  # at least one submitted scorecard
    DRAFT_ONLY = "draft_only"  # scorecards exist, none submitted
    MISSING = "missing"  # nobody has scored this round


# --- building blocks ------------------------------------------------------------------


@dataclass(frozen=True)
class Rating:
    """One rating on one item, placed on its scale."""

    step_id: str
    label: str
    index: int  # 0 = lowest step
    scale_id: str
    scale_size: int
    draft: bool
    interviewer: str
    round_id: str
    item_id: str

    @property
    def position(self) -> float:
        """Where on its scale the rating sits, 0.0 (lowest) … 1.0 (highest)."""
        return self.index / (self.scale_size - 1) if self.scale_size > 1 else 1.0


@dataclass(frozen=True)
class Recommendation:
    """An interviewer's overall recommendation for one round (possibly not given yet)."""

    interviewer: str
    round_id: str
    round_name: str
    step_id: str | None
    label: str | None
    index: int | None
    scale_size: int
    draft: bool
    submitted_at: datetime | None

    @property
    def position(self) -> float | None:
        if self.index is None:
            return None
        return self.index / (self.scale_size - 1) if self.scale_size > 1 else 1.0


@dataclass(frozen=True)
class RoundSummary:
    round_id: str
    name: str
    stage: str
    state: RoundState
    recommendations: tuple[Recommendation, ...]
    submitted_count: int
    draft_count: int


@dataclass(frozen=True)
class KnockoutAnswer:
    interviewer: str
    round_id: str
    item_id: str
    item_title: str
    option_id: str
    option_label: str
    outcome: KnockoutOutcome
    draft: bool


@dataclass(frozen=True)
class KnockoutSummary:
    #: Worst outcome over every answer (drafts included); None when no knock-out was answered.
    outcome: KnockoutOutcome | None
    #: True when that worst outcome comes from draft scorecards only.
    provisional: bool
    #: True when the candidate is auto-declined (by an answer or by `Candidate.auto_declined`).
    auto_declined: bool
    answers: tuple[KnockoutAnswer, ...]


# --- matrix ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MatrixCell:
    interviewer: str
    ratings: tuple[Rating, ...]

    @property
    def submitted(self) -> tuple[Rating, ...]:
        return tuple(r for r in self.ratings if not r.draft)

    @property
    def drafts(self) -> tuple[Rating, ...]:
        return tuple(r for r in self.ratings if r.draft)


@dataclass(frozen=True)
class MatrixRow:
    kind: str  # "competency" | "attitude"
    dimension_id: str
    name: str
    group_id: str  # discipline id, or "attitudes"
    group: str  # discipline name, or "Attitudes"
    cells: tuple[MatrixCell, ...]  # one per interviewer, in `Matrix.interviewers` order
    item_count: int  # kit items that measure this dimension
    spread: int | None  # max − min index over submitted ratings; None without any
    disagreement: bool
    gap: bool
    draft_only: bool

    @property
    def ratings(self) -> tuple[Rating, ...]:
        return tuple(r for c in self.cells for r in c.ratings)


@dataclass(frozen=True)
class Matrix:
    interviewers: tuple[str, ...]
    rows: tuple[MatrixRow, ...]

    @property
    def groups(self) -> list[tuple[str, list[MatrixRow]]]:
        """Rows grouped by discipline (then attitudes), in kit order."""
        out: list[tuple[str, list[MatrixRow]]] = []
        for row in self.rows:
            if not out or out[-1][0] != row.group:
                out.append((row.group, []))
            out[-1][1].append(row)
        return out

    def row(self, dimension_id: str) -> MatrixRow:
        for r in self.rows:
            if r.dimension_id == dimension_id:
                return r
        raise KeyError(dimension_id)


# --- level view -----------------------------------------------------------------------


@dataclass(frozen=True)
class LevelText:
    level_id: str
    level_name: str
    text: str  # "" when the framework does not describe this competency at this level


@dataclass(frozen=True)
class LevelRow:
    competency_id: str
    name: str
    discipline: str
    ratings: tuple[Rating, ...]
    median_label: str | None  # None when nobody rated it
    median_position: float | None  # the median's place on the scale, 0.0 … 1.0
    median_from_drafts: bool
    below: LevelText | None
    target: LevelText
    above: LevelText | None
    #: (item title, what the item expects at the target level) for items measuring it.
    expectations: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class LevelView:
    target_level_id: str
    target_level_name: str
    below_level_name: str | None
    above_level_name: str | None
    rows: tuple[LevelRow, ...]


# --- evidence -------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorMark:
    key: str  # "p1", "n2", …
    polarity: str  # "positive" | "negative"
    text: str
    checked: bool


@dataclass(frozen=True)
class ItemEvidence:
    item_id: str
    number: int  # 1-based position within its round
    item_type: str  # the kit's type discriminator, e.g. "competency_question"
    title: str
    prompt: str
    dimension_kind: str | None  # "competency" | "attitude" | None
    dimension_name: str | None
    is_rated: bool
    answered: bool
    rating: Rating | None
    anchor: str  # anchor text for the chosen step ("" without a rating or anchor)
    indicators: tuple[IndicatorMark, ...]
    notes: str
    seconds_spent: float
    skip_reason: str | None
    knockout_option: str | None  # option label
    knockout_outcome: KnockoutOutcome | None
    variant: str | None  # exercise variant name
    #: Rated, but no indicator checked and no note written.
    no_evidence: bool

    @property
    def checked_indicators(self) -> tuple[IndicatorMark, ...]:
        return tuple(i for i in self.indicators if i.checked)


@dataclass(frozen=True)
class AddendumView:
    author: str
    text: str
    created_at: datetime


@dataclass(frozen=True)
class ScorecardEvidence:
    scorecard_id: str
    interviewer: str
    round_id: str
    round_name: str
    status: ScorecardStatus
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None
    recommendation: Recommendation
    summary: str
    items: tuple[ItemEvidence, ...]
    addenda: tuple[AddendumView, ...]
    knockout_outcome: KnockoutOutcome | None

    @property
    def draft(self) -> bool:
        return self.status is not ScorecardStatus.SUBMITTED

    @property
    def total_seconds(self) -> float:
        return sum(i.seconds_spent for i in self.items)

    @property
    def no_evidence_count(self) -> int:
        return sum(1 for i in self.items if i.no_evidence)

    @property
    def unanswered_count(self) -> int:
        return sum(1 for i in self.items if not i.answered)


@dataclass(frozen=True)
class RoundEvidence:
    round_id: str
    name: str
    stage: str
    state: RoundState
    scorecards: tuple[ScorecardEvidence, ...]


# --- reports --------------------------------------------------------------------------


@dataclass(frozen=True)
class ReportHeader:
    candidate_id: str
    candidate_name: str
    role: str  # the kit's title
    kit_id: str
    kit_version: int
    kit_version_id: str
    kit_version_title: str
    content_hash: str
    target_level_id: str
    target_level_name: str
    exported_at: datetime


@dataclass(frozen=True)
class ConsolidatedReport:
    header: ReportHeader
    rounds: tuple[RoundSummary, ...]
    knockout: KnockoutSummary
    matrix: Matrix
    level_view: LevelView
    evidence: tuple[RoundEvidence, ...]

    @property
    def interviewers(self) -> tuple[str, ...]:
        return self.matrix.interviewers

    @property
    def recommendations(self) -> tuple[Recommendation, ...]:
        return tuple(rec for r in self.rounds for rec in r.recommendations)

    @property
    def disagreements(self) -> tuple[MatrixRow, ...]:
        return tuple(r for r in self.matrix.rows if r.disagreement)

    @property
    def gaps(self) -> tuple[MatrixRow, ...]:
        return tuple(r for r in self.matrix.rows if r.gap)

    @property
    def no_evidence_count(self) -> int:
        return sum(sc.no_evidence_count for r in self.evidence for sc in r.scorecards)


@dataclass(frozen=True)
class InterviewerReport:
    header: ReportHeader
    scorecard: ScorecardEvidence
    round_stage: str


# --- rules ----------------------------------------------------------------------------


def spread(ratings: Iterable[Rating]) -> int | None:
    """Max − min scale index over the given ratings; None when there are none."""
    idx = [r.index for r in ratings]
    return (max(idx) - min(idx)) if idx else None


def is_disagreement(ratings: Iterable[Rating]) -> bool:
    """Whether the *submitted* ratings among these span `DISAGREEMENT_THRESHOLD` steps or more."""
    s = spread(r for r in ratings if not r.draft)
    return s is not None and s >= DISAGREEMENT_THRESHOLD


def round_state(scorecards: Iterable[Scorecard]) -> RoundState:
    cards = list(scorecards)
    if any(sc.is_submitted for sc in cards):
        return RoundState.COMPLETE
    return RoundState.DRAFT_ONLY if cards else RoundState.MISSING


def median_label(ratings: Sequence[Rating], kit: Kit) -> str | None:
    """The median step of these ratings, as a label ("between A and B" for an even split)."""
    if not ratings:
        return None
    by_scale: dict[str, list[int]] = {}
    for r in ratings:
        by_scale.setdefault(r.scale_id, []).append(r.index)
    parts = []
    for scale_id, idx in by_scale.items():
        steps = kit.scale(scale_id).steps
        idx = sorted(idx)
        n = len(idx)
        lo, hi = idx[(n - 1) // 2], idx[n // 2]
        if lo == hi:
            parts.append(steps[lo].label)
        else:
            parts.append(f"between {steps[lo].label} and {steps[hi].label}")
    return "; ".join(parts)


def _median(values: list[float]) -> float | None:
    if not values:
        return None
    v = sorted(values)
    n = len(v)
    return (v[(n - 1) // 2] + v[n // 2]) / 2


def worst_outcome(outcomes: Iterable[KnockoutOutcome]) -> KnockoutOutcome | None:
    out = list(outcomes)
    return max(out, key=_OUTCOME_SEVERITY.__getitem__) if out else None


# --- building the report --------------------------------------------------------------


def _check(candidate: Candidate, kit: Kit, kit_version: KitVersion, scorecards: Iterable[Scorecard]) -> None:
    if kit_version.kit_id != kit.id:
        raise ValueError(f"kit version {kit_version.id!r} is of kit {kit_version.kit_id!r}, not {kit.id!r}")
    round_ids = {r.id for r in kit.rounds}
    for sc in scorecards:
        if sc.candidate_id != candidate.id:
            raise ValueError(f"scorecard {sc.id!r} belongs to candidate {sc.candidate_id!r}, not {candidate.id!r}")
        if sc.kit_version_id != kit_version.id:
            raise ValueError(
                f"scorecard {sc.id!r} was scored on kit version {sc.kit_version_id!r}, "
                f"not {kit_version.id!r}; consolidate one kit version at a time"
            )
        if sc.round_id not in round_ids:
            raise ValueError(f"scorecard {sc.id!r} is for round {sc.round_id!r}, which kit {kit.id!r} lacks")


def _header(candidate: Candidate, kit: Kit, kit_version: KitVersion, exported_at: datetime) -> ReportHeader:
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
    )


def _sorted_cards(kit: Kit, scorecards: Iterable[Scorecard]) -> list[Scorecard]:
    order = {r.id: i for i, r in enumerate(kit.rounds)}
    return sorted(scorecards, key=lambda sc: (order[sc.round_id], sc.created_at, sc.interviewer, sc.id))


def _rating(kit: Kit, item: ItemBase, sc: Scorecard, step_id: str) -> Rating:
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
    )


def _recommendation(kit: Kit, sc: Scorecard) -> Recommendation:
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


def _scorecard_evidence(kit: Kit, sc: Scorecard) -> ScorecardEvidence:
    items = tuple(_item_evidence(kit, sc, it, n) for n, it in enumerate(kit.items_in(sc.round_id), 1))
    return ScorecardEvidence(
        scorecard_id=sc.id,
        interviewer=sc.interviewer,
        round_id=sc.round_id,
        round_name=kit.round(sc.round_id).name,
        status=sc.status,
        created_at=sc.created_at,
        updated_at=sc.updated_at,
        submitted_at=sc.submitted_at,
        recommendation=_recommendation(kit, sc),
        summary=sc.summary,
        items=items,
        addenda=tuple(
            AddendumView(author=a.author, text=a.text, created_at=a.created_at)
            for a in sorted(sc.addenda, key=lambda a: a.created_at)
        ),
        knockout_outcome=sc.knockout_outcome(kit),
    )


def _knockout(candidate: Candidate, kit: Kit, cards: list[Scorecard]) -> KnockoutSummary:
    answers = []
    for sc in cards:
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


def _matrix(kit: Kit, cards: list[Scorecard], interviewers: tuple[str, ...]) -> Matrix:
    # every rating, keyed by the dimension its item measures
    by_dim: dict[tuple[str, str], dict[str, list[Rating]]] = {}
    for sc in cards:
        for item in kit.items_in(sc.round_id):
            dim = kit.dimension_of(item)
            resp = sc.responses.get(item.id)
            if dim is None or resp is None or resp.rating is None or not item.is_rated:
                continue
            by_dim.setdefault(dim, {}).setdefault(sc.interviewer, []).append(_rating(kit, item, sc, resp.rating))
    item_counts: dict[tuple[str, str], int] = {}
    for item in kit.items:
        dim = kit.dimension_of(item)
        if dim is not None:
            item_counts[dim] = item_counts.get(dim, 0) + 1

    dims: list[tuple[str, str, str, str, str]] = [
        ("competency", c.id, c.name, d.id, d.name) for d in kit.disciplines for c in d.competencies
    ] + [("attitude", a.id, a.name, "attitudes", "Attitudes") for a in kit.attitudes]
    rows = []
    for kind, ident, name, group_id, group in dims:
        per = by_dim.get((kind, ident), {})
        cells = tuple(MatrixCell(interviewer=who, ratings=tuple(per.get(who, ()))) for who in interviewers)
        all_ratings = [r for c in cells for r in c.ratings]
        submitted = [r for r in all_ratings if not r.draft]
        rows.append(
            MatrixRow(
                kind=kind,
                dimension_id=ident,
                name=name,
                group_id=group_id,
                group=group,
                cells=cells,
                item_count=item_counts.get((kind, ident), 0),
                spread=spread(submitted),
                disagreement=is_disagreement(all_ratings),
                gap=not all_ratings,
                draft_only=bool(all_ratings) and not submitted,
            )
        )
    return Matrix(interviewers=interviewers, rows=tuple(rows))


def _level_text(kit: Kit, competency_id: str, level_id: str) -> LevelText:
    comp = kit.competency(competency_id)
    return LevelText(level_id=level_id, level_name=kit.level(level_id).name, text=comp.levels.get(level_id, ""))


def _level_view(kit: Kit, candidate: Candidate, matrix: Matrix) -> LevelView:
    level_ids = [lv.id for lv in kit.levels]
    target = candidate.target_level
    pos = level_ids.index(target) if target in level_ids else None
    below_id = level_ids[pos - 1] if pos is not None and pos > 0 else None
    above_id = level_ids[pos + 1] if pos is not None and pos + 1 < len(level_ids) else None
    target_name = kit.level(target).name if pos is not None else target
    rows = []
    for row in matrix.rows:
        if row.kind != "competency":
            continue
        ratings = row.ratings
        submitted = [r for r in ratings if not r.draft]
        basis = submitted or list(ratings)
        comp = kit.competency(row.dimension_id)
        expectations = tuple(
            (it.short_title, it.expectations[target])
            for it in kit.items
            if kit.dimension_of(it) == ("competency", comp.id) and target in getattr(it, "expectations", {})
        )
        rows.append(
            LevelRow(
                competency_id=comp.id,
                name=comp.name,
                discipline=row.group,
                ratings=ratings,
                median_label=median_label(basis, kit),
                median_position=_median([r.position for r in basis]),
                median_from_drafts=bool(basis) and not submitted,
                below=_level_text(kit, comp.id, below_id) if below_id else None,
                target=(
                    _level_text(kit, comp.id, target)
                    if pos is not None
                    else LevelText(level_id=target, level_name=target, text="")
                ),
                above=_level_text(kit, comp.id, above_id) if above_id else None,
                expectations=expectations,
            )
        )
    return LevelView(
        target_level_id=target,
        target_level_name=target_name,
        below_level_name=kit.level(below_id).name if below_id else None,
        above_level_name=kit.level(above_id).name if above_id else None,
        rows=tuple(rows),
    )


def consolidate(
    *,
    candidate: Candidate,
    kit: Kit,
    kit_version: KitVersion,
    scorecards: list[Scorecard],
    exported_at: datetime,
) -> ConsolidatedReport:
    """Everything the committee PDF shows for one candidate, already computed."""
    _check(candidate, kit, kit_version, scorecards)
    cards = _sorted_cards(kit, scorecards)
    interviewers = _interviewers(cards)

    rounds = []
    evidence = []
    for rnd in kit.rounds:
        in_round = [sc for sc in cards if sc.round_id == rnd.id]
        state = round_state(in_round)
        rounds.append(
            RoundSummary(
                round_id=rnd.id,
                name=rnd.name,
                stage=str(rnd.stage),
                state=state,
                recommendations=tuple(_recommendation(kit, sc) for sc in in_round),
                submitted_count=sum(1 for sc in in_round if sc.is_submitted),
                draft_count=sum(1 for sc in in_round if not sc.is_submitted),
            )
        )
        evidence.append(
            RoundEvidence(
                round_id=rnd.id,
                name=rnd.name,
                stage=str(rnd.stage),
                state=state,
                scorecards=tuple(_scorecard_evidence(kit, sc) for sc in in_round),
            )
        )
    matrix = _matrix(kit, cards, interviewers)
    return ConsolidatedReport(
        header=_header(candidate, kit, kit_version, exported_at),
        rounds=tuple(rounds),
        knockout=_knockout(candidate, kit, cards),
        matrix=matrix,
        level_view=_level_view(kit, candidate, matrix),
        evidence=tuple(evidence),
    )


def interviewer_view(
    *,
    candidate: Candidate,
    kit: Kit,
    kit_version: KitVersion,
    scorecard: Scorecard,
    exported_at: datetime,
) -> InterviewerReport:
    """One interviewer's scorecard, shaped like the committee report's evidence section."""
    _check(candidate, kit, kit_version, [scorecard])
    return InterviewerReport(
        header=_header(candidate, kit, kit_version, exported_at),
        scorecard=_scorecard_evidence(kit, scorecard),
        round_stage=str(kit.round(scorecard.round_id).stage),
    )
