"""One candidate's scorecards turned into what a hiring committee reads.

`consolidate(...)` computes everything the committee PDF shows — round status, each
interviewer's recommendation, the knock-out outcome, the competency/attitude ×
interviewer matrix with disagreement and gap flags, the level view and the evidence
per item — so a renderer only lays it out. `interviewer_view(...)` gives the same
evidence for one scorecard. Pure functions over domain objects; no I/O.

Decisions a committee should know about (docs/pdf-reports.md repeats them):

* **Drafts are shown but never passed off as final.** Every rating, recommendation and
  knock-out answer taken from a draft scorecard carries `draft=True`, and renderers
  must mark it. A round whose only scorecards are drafts is `DRAFT_ONLY`; a round with
  submitted scorecards *and* a draft still outstanding is `SUBMITTED_WITH_DRAFTS`, never
  `COMPLETE` — complete means every scorecard started for the round was submitted.
* **Disagreement uses submitted scorecards only.** A draft may still change, and its
  author may not have finished forming a view; comparing it with colleagues' final
  ratings would put half-formed judgements on the committee's agenda. A row is flagged
  when its submitted ratings span two or more scale steps (max index − min index ≥ 2);
  one step apart is ordinary rater noise. Ratings from every interviewer *and* every
  item measuring the dimension count, so one interviewer rating two questions on the
  same competency far apart is also flagged. Spreads compare positions on the scale
  (0 = lowest step); kits normally use one scale per dimension. Ratings on scales of
  different lengths (a kit edit changed the scale) are compared by relative position,
  counted in steps of the longest of those scales.
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
* **Several kit versions in one report.** A kit edited mid-process leaves a candidate
  with scorecards on two (or more) versions. The report's *frame* — its rounds,
  framework, matrix rows and level view — is the `kit`/`kit_version` passed in, which
  must be the newest version any scorecard uses; every other version a scorecard uses
  comes in `kits_by_version`. Each scorecard's evidence is built with *its own* version
  (items, indicators, anchors and scale labels exactly as that interviewer saw them),
  and its ratings are placed in the matrix by dimension id (competency / attitude id)
  and scale position. A scorecard whose round no longer exists in the frame gets a
  round of its own (`in_current_kit=False`, under its own round name); a dimension the
  frame no longer has gets a matrix row of its own in a last group. Nothing is dropped.
  Scorecards on an older version say so (`older_version`, `kit_version`), and the
  header lists every version used (`ReportHeader.kit_versions`).
* Scorecards must belong to the candidate, and their kit versions must be the frame or
  in `kits_by_version`; anything else raises `ValueError`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from dataclasses import replace as _replace
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


#: Kit versions other than the report's frame, by version id: (stored version, kit).
KitsByVersion = Mapping[str, tuple[KitVersion, Kit]]


class RoundState(StrEnum):
    COMPLETE = "complete"  # every scorecard started for the round is submitted (at least one)
    SUBMITTED_WITH_DRAFTS = "submitted_with_drafts"  # some submitted, at least one draft outstanding
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
    #: The kit version (number) the rating was given on, and whether that is older than the report's.
    kit_version: int | None = None
    older_version: bool = False

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
    kit_version: int | None = None
    older_version: bool = False

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
    #: False for a round the report's kit version no longer has (its scorecards are on older versions).
    in_current_kit: bool = True


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
    #: False for a dimension the report's kit version no longer has (rated on an older version).
    in_current_kit: bool = True

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
    #: The kit version this scorecard was scored on (its items, anchors and labels are that version's).
    kit_version: int | None = None
    kit_version_id: str = ""
    #: Scored on a version older than the report's (the committee report's frame).
    older_version: bool = False
    #: The round clock: seconds the round ran, pauses not counted.
    round_seconds: float = 0.0

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
    in_current_kit: bool = True

    @property
    def draft_count(self) -> int:
        return sum(1 for sc in self.scorecards if sc.draft)

    @property
    def submitted_count(self) -> int:
        return sum(1 for sc in self.scorecards if not sc.draft)


# --- reports --------------------------------------------------------------------------


@dataclass(frozen=True)
class VersionUse:
    """One kit version a report draws on, and how many of its scorecards were scored on it."""

    version: int
    version_id: str
    title: str
    content_hash: str
    scorecards: int
    #: The version whose rounds, framework and levels the report is laid out by.
    is_frame: bool


@dataclass(frozen=True)
class ScaleLegend:
    """Every step of one rating scale that the report's ratings use, lowest first."""

    scale_id: str
    name: str
    labels: tuple[str, ...]
    #: Kit versions (numbers) whose scale this is; several when the versions agree on it.
    kit_versions: tuple[int, ...]


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
    #: Every kit version the scorecards use, newest first (just the frame for a one-version report).
    kit_versions: tuple[VersionUse, ...] = ()

    @property
    def mixed_versions(self) -> bool:
        return len(self.kit_versions) > 1


@dataclass(frozen=True)
class ConsolidatedReport:
    header: ReportHeader
    rounds: tuple[RoundSummary, ...]
    knockout: KnockoutSummary
    matrix: Matrix
    level_view: LevelView
    evidence: tuple[RoundEvidence, ...]
    #: The rating scales the matrix uses, each with all of its steps (for the legend).
    scales: tuple[ScaleLegend, ...] = ()

    @property
    def older_scorecards(self) -> tuple[ScorecardEvidence, ...]:
        """Scorecards scored on a kit version older than the report's."""
        return tuple(sc for r in self.evidence for sc in r.scorecards if sc.older_version)

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
    """How many scale steps apart the given ratings are; None when there are none.

    On one scale this is max − min index. Ratings on scales of different lengths (a kit
    edit changed the scale) are compared by position on their scale and counted in steps
    of the longest one.
    """
    rs = list(ratings)
    if not rs:
        return None
    sizes = {r.scale_size for r in rs}
    if len(sizes) == 1:
        idx = [r.index for r in rs]
        return max(idx) - min(idx)
    pos = [r.position for r in rs]
    return round((max(pos) - min(pos)) * (max(sizes) - 1))


def is_disagreement(ratings: Iterable[Rating]) -> bool:
    """Whether the *submitted* ratings among these span `DISAGREEMENT_THRESHOLD` steps or more."""
    s = spread(r for r in ratings if not r.draft)
    return s is not None and s >= DISAGREEMENT_THRESHOLD


def round_state(scorecards: Iterable[Scorecard]) -> RoundState:
    """Complete only when every scorecard started for the round was submitted."""
    cards = list(scorecards)
    if not cards:
        return RoundState.MISSING
    submitted = sum(1 for sc in cards if sc.is_submitted)
    if submitted == len(cards):
        return RoundState.COMPLETE
    return RoundState.SUBMITTED_WITH_DRAFTS if submitted else RoundState.DRAFT_ONLY


def median_label(ratings: Sequence[Rating], kit: Kit | None = None) -> str | None:
    """The median step of these ratings, as a label ("between A and B" for an even split).

    Labels come from `kit`'s scale when it has the ratings' scale at the same length,
    else from the ratings themselves (a scale an older kit version used).
    """
    if not ratings:
        return None
    by_scale: dict[tuple[str, int], list[Rating]] = {}
    for r in ratings:
        by_scale.setdefault((r.scale_id, r.scale_size), []).append(r)
    parts = []
    for (scale_id, size), group in by_scale.items():
        steps = None
        if kit is not None:
            try:
                scale = kit.scale(scale_id)
                steps = scale.steps if len(scale.steps) == size else None
            except KeyError:
                steps = None
        group = sorted(group, key=lambda r: r.index)
        n = len(group)
        lo, hi = group[(n - 1) // 2], group[n // 2]
        label = (lambda r: steps[r.index].label) if steps else (lambda r: r.label)
        if lo.index == hi.index:
            parts.append(label(lo))
        else:
            parts.append(f"between {label(lo)} and {label(hi)}")
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


# --- kit versions ---------------------------------------------------------------------


class _Versions:
    """The report's frame (newest version) and the version each scorecard was scored on."""

    def __init__(self, kit: Kit, kit_version: KitVersion, kits_by_version: KitsByVersion | None):
        if kit_version.kit_id != kit.id:
            raise ValueError(f"kit version {kit_version.id!r} is of kit {kit_version.kit_id!r}, not {kit.id!r}")
        self.frame_kit = kit
        self.frame = kit_version
        self._by_id: dict[str, tuple[KitVersion, Kit]] = {kit_version.id: (kit_version, kit)}
        for vid, (kv, k) in (kits_by_version or {}).items():
            if vid == kit_version.id:
                continue
            if kv.id != vid:
                raise ValueError(f"kits_by_version[{vid!r}] holds kit version {kv.id!r}")
            if kv.kit_id != kit.id or k.id != kit.id:
                raise ValueError(f"kit version {vid!r} is of kit {kv.kit_id!r}, not {kit.id!r}")
            self._by_id[vid] = (kv, k)

    def has(self, version_id: str) -> bool:
        return version_id in self._by_id

    def kit(self, sc: Scorecard) -> Kit:
        return self._by_id[sc.kit_version_id][1]

    def version(self, sc: Scorecard) -> KitVersion:
        return self._by_id[sc.kit_version_id][0]

    def older(self, sc: Scorecard) -> bool:
        return sc.kit_version_id != self.frame.id

    def uses(self, cards: list[Scorecard]) -> tuple[VersionUse, ...]:
        counts: dict[str, int] = {}
        for sc in cards:
            counts[sc.kit_version_id] = counts.get(sc.kit_version_id, 0) + 1
        counts.setdefault(self.frame.id, 0)
        out = [
            VersionUse(version=kv.version, version_id=kv.id, title=kv.title, content_hash=kv.content_hash,
                       scorecards=counts[vid], is_frame=vid == self.frame.id)
            for vid, (kv, _k) in self._by_id.items()
            if vid in counts
        ]
        return tuple(sorted(out, key=lambda u: (not u.is_frame, -u.version)))


def _check(candidate: Candidate, versions: _Versions, scorecards: Iterable[Scorecard]) -> None:
    for sc in scorecards:
        if sc.candidate_id != candidate.id:
            raise ValueError(f"scorecard {sc.id!r} belongs to candidate {sc.candidate_id!r}, not {candidate.id!r}")
        if not versions.has(sc.kit_version_id):
            raise ValueError(
                f"scorecard {sc.id!r} was scored on kit version {sc.kit_version_id!r}, which is neither "
                f"the report's version {versions.frame.id!r} nor in kits_by_version"
            )
        kv, kit = versions.version(sc), versions.kit(sc)
        if kv.version > versions.frame.version:
            raise ValueError(
                f"scorecard {sc.id!r} was scored on version {kv.version} of kit {kit.id!r}, newer than the "
                f"report's version {versions.frame.version}; lay the report out by the newest version"
            )
        if sc.round_id not in {r.id for r in kit.rounds}:
            raise ValueError(
                f"scorecard {sc.id!r} is for round {sc.round_id!r}, which version {kv.version} of kit "
                f"{kit.id!r} lacks"
            )


# --- building the report --------------------------------------------------------------


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
    items = tuple(_item_evidence(kit, sc, it, n) for n, it in enumerate(kit.items_in(sc.round_id), 1))
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
        addenda=tuple(
            AddendumView(author=a.author, text=a.text, created_at=a.created_at)
            for a in sorted(sc.addenda, key=lambda a: a.created_at)
        ),
        knockout_outcome=sc.knockout_outcome(kit),
        round_seconds=sc.round_seconds,
        kit_version=version,
        kit_version_id=sc.kit_version_id,
        older_version=older,
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


def _dimensions(kit: Kit) -> list[tuple[str, str, str, str, str]]:
    """(kind, id, name, group id, group name) of every competency, then every attitude, in kit order."""
    return [("competency", c.id, c.name, d.id, d.name) for d in kit.disciplines for c in d.competencies] + [
        ("attitude", a.id, a.name, "attitudes", "Attitudes") for a in kit.attitudes
    ]


def _matrix(versions: _Versions, cards: list[Scorecard], interviewers: tuple[str, ...]) -> tuple[Matrix, dict]:
    """The matrix, and for each dimension the (newest) kit that defines it."""
    kit = versions.frame_kit
    # every rating, keyed by the dimension its item measures in the scorecard's own kit version
    by_dim: dict[tuple[str, str], dict[str, list[Rating]]] = {}
    # dimensions only older versions have: (kind, id) → (version number, kit), the newest that names it
    retired: dict[tuple[str, str], tuple[int, Kit]] = {}
    frame_dims = {(kind, ident) for kind, ident, *_ in _dimensions(kit)}
    for sc in cards:
        own, kv, older = versions.kit(sc), versions.version(sc), versions.older(sc)
        for item in own.items_in(sc.round_id):
            dim = own.dimension_of(item)
            resp = sc.responses.get(item.id)
            if dim is None or resp is None or resp.rating is None or not item.is_rated:
                continue
            by_dim.setdefault(dim, {}).setdefault(sc.interviewer, []).append(
                _rating(own, item, sc, resp.rating, kv.version, older))
            if dim not in frame_dims and (dim not in retired or retired[dim][0] < kv.version):
                retired[dim] = (kv.version, own)
    item_counts: dict[tuple[str, str], int] = {}
    for item in kit.items:
        dim = kit.dimension_of(item)
        if dim is not None:
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
        cells = tuple(MatrixCell(interviewer=who, ratings=tuple(per.get(who, ()))) for who in interviewers)
        all_ratings = [r for c in cells for r in c.ratings]
        submitted = [r for r in all_ratings if not r.draft]
        rows.append(
            MatrixRow(
                kind=kind,
                dimension_id=ident,
                name=name,
                group_id=group_id,
                group=group_name,
                cells=cells,
                item_count=item_counts.get((kind, ident), 0),
                spread=spread(submitted),
                disagreement=is_disagreement(all_ratings),
                gap=not all_ratings,
                draft_only=bool(all_ratings) and not submitted,
                in_current_kit=current,
            )
        )
    return Matrix(interviewers=interviewers, rows=tuple(rows)), defining


def _level_text(frame: Kit, defining: Kit, competency_id: str, level_id: str) -> LevelText:
    """A level's name from the report's kit, the description from the kit that defines the competency."""
    comp = defining.competency(competency_id)
    return LevelText(level_id=level_id, level_name=frame.level(level_id).name, text=comp.levels.get(level_id, ""))


def _level_view(kit: Kit, candidate: Candidate, matrix: Matrix, defining: Mapping[tuple[str, str], Kit]) -> LevelView:
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
        own = defining.get(("competency", row.dimension_id), kit)
        ratings = row.ratings
        submitted = [r for r in ratings if not r.draft]
        basis = submitted or list(ratings)
        comp = own.competency(row.dimension_id)
        expectations = tuple(
            (it.short_title, it.expectations[target])
            for it in own.items
            if own.dimension_of(it) == ("competency", comp.id) and target in getattr(it, "expectations", {})
        )
        rows.append(
            LevelRow(
                competency_id=comp.id,
                name=row.name,
                discipline=row.group,
                ratings=ratings,
                median_label=median_label(basis, kit),
                median_position=_median([r.position for r in basis]),
                median_from_drafts=bool(basis) and not submitted,
                below=_level_text(kit, own, comp.id, below_id) if below_id else None,
                target=(
                    _level_text(kit, own, comp.id, target)
                    if pos is not None
                    else LevelText(level_id=target, level_name=target, text="")
                ),
                above=_level_text(kit, own, comp.id, above_id) if above_id else None,
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
) -> ConsolidatedReport:
    """Everything the committee PDF shows for one candidate, already computed.

    `kit`/`kit_version` is the report's frame: the newest version any scorecard was scored
    on. Scorecards on other (older) versions need theirs in `kits_by_version`.
    """
    versions = _Versions(kit, kit_version, kits_by_version)
    _check(candidate, versions, scorecards)
    cards = _sorted_cards(versions, scorecards)
    interviewers = _interviewers(cards)

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
        knockout=_knockout(candidate, versions, cards),
        matrix=matrix,
        level_view=_level_view(kit, candidate, matrix, defining),
        evidence=tuple(evidence),
        scales=_scales(versions, cards, matrix),
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
