"""The committee report's model: frozen dataclasses a renderer lays out, nothing computed here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scorecard.domain.candidate import KitVersion
from scorecard.domain.kit import Kit, KnockoutOutcome
from scorecard.domain.scorecard import ScorecardStatus


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

