"""The committee report's model: frozen dataclasses a renderer lays out, nothing computed here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from scorecard.domain.candidate import KitVersion
from scorecard.domain.decision import CommitteeDecision
from scorecard.domain.kit import Kit, KnockoutOutcome
from scorecard.domain.scorecard import ScorecardStatus

#: Kit versions other than the report's frame, by version id: (stored version, kit).
KitsByVersion = Mapping[str, tuple[KitVersion, Kit]]


class RoundState(StrEnum):
    COMPLETE = "complete"  # every scorecard started for the round is submitted (at least one)
    SUBMITTED_WITH_DRAFTS = "submitted_with_drafts"  # some submitted, at least one draft outstanding
    DRAFT_ONLY = "draft_only"  # scorecards exist, none submitted
    MISSING = "missing"  # nobody has scored this round
    NOT_NEEDED = "not_needed"  # nobody scored it, and the candidate was auto-declined: it was never meant to run


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
    #: The rated item's title and type (an exercise's rating also appears on the competencies it names).
    item_title: str = ""
    item_type: str = ""

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
    #: When its scorecards were started (earliest, latest) and the time recorded on each, in seconds.
    started: tuple[datetime, ...] = ()
    seconds: tuple[float, ...] = ()


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
    #: This interviewer's own figure: the median position of their submitted ratings (None without any).
    position: float | None = None
    #: Steps between this interviewer's own lowest and highest submitted rating on the row.
    own_spread: int | None = None
    #: Their own submitted ratings on the row disagree (as far apart as a panel disagreement).
    split: bool = False
    #: An addendum corrects one of the items behind this cell.
    addendum: bool = False

    @property
    def submitted(self) -> tuple[Rating, ...]:
        return tuple(r for r in self.ratings if not r.draft)

    @property
    def drafts(self) -> tuple[Rating, ...]:
        return tuple(r for r in self.ratings if r.draft)


@dataclass(frozen=True)
class MatrixRow:
    kind: str  # "competency" | "attitude" | "exercise" | "video" | "resume"
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
    #: Steps apart at which two submitted ratings on this row disagree (depends on the scale).
    threshold: int = 2
    #: The panel's figure: median of the interviewers' own medians, each interviewer once.
    panel_position: float | None = None
    panel_label: str | None = None
    #: Exercises / video questions whose ratings also count on this competency or attitude.
    via: tuple[str, ...] = ()

    @property
    def ratings(self) -> tuple[Rating, ...]:
        return tuple(r for c in self.cells for r in c.ratings)

    @property
    def is_item(self) -> bool:
        """A row for one rated item (exercise, video response, résumé criterion), not a dimension."""
        return self.kind in ("exercise", "video", "resume")


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
    #: The panel's submitted ratings on it disagree: no single figure stands for the panel.
    split: bool = False
    #: Each interviewer's own figure, as a label ("between A and B" off the steps).
    per_interviewer: tuple[tuple[str, str], ...] = ()
    #: "competency", or "exercise" / "video" for a rated item the framework does not describe.
    kind: str = "competency"


@dataclass(frozen=True)
class LevelView:
    target_level_id: str
    target_level_name: str
    below_level_name: str | None
    above_level_name: str | None
    rows: tuple[LevelRow, ...]

    def counts(self) -> dict[str, int]:
        """How many competencies the panel's evidence puts below, at or above the target level's
        expectations, how many are split and how many nobody rated."""
        out = {"below": 0, "at": 0, "above": 0, "split": 0, "unrated": 0}
        for r in self.rows:
            if r.kind != "competency":
                continue
            if r.median_position is None:
                out["unrated"] += 1
            elif r.split:
                out["split"] += 1
            elif r.median_position < 0.5 - 1e-9:
                out["below"] += 1
            elif r.median_position > 0.5 + 1e-9:
                out["above"] += 1
            else:
                out["at"] += 1
        return out

    @property
    def summary(self) -> str:
        """One line for page 1: where the evidence sits against the target level's expectations."""
        c = self.counts()
        rated = c["below"] + c["at"] + c["above"] + c["split"]
        if not rated:
            return f"No competency has a rating yet against {self.target_level_name}."
        parts = [f"{c[k]} {w}" for k, w in (("at", "at"), ("below", "below"), ("above", "above")) if c[k]]
        text = (f"Evidence against {self.target_level_name}'s expectations: " + ", ".join(parts)
                if parts else f"Evidence against {self.target_level_name}'s expectations:")
        if c["split"]:
            text += f"{', ' if parts else ' '}{c['split']} split"
        text += f" (of {rated} competencies rated"
        if c["unrated"]:
            text += f"; {c['unrated']} not rated"
        return text + "). The committee decides the level."


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
    #: Addenda that name this item as the one they correct.
    addenda: tuple[AddendumView, ...] = ()

    @property
    def checked_indicators(self) -> tuple[IndicatorMark, ...]:
        return tuple(i for i in self.indicators if i.checked)


@dataclass(frozen=True)
class AddendumView:
    author: str
    text: str
    created_at: datetime
    #: The item it corrects (None: the scorecard as a whole).
    item_id: str | None = None
    item_title: str | None = None
    item_number: int | None = None


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
    #: Every split, widest first: rows of the matrix and rounds' recommendations.
    splits: tuple[Split, ...] = ()
    #: The panel's agreement on this candidate (Krippendorff's alpha, ordinal), when measurable.
    agreement: Agreement | None = None
    #: The committee's recorded decision, if any.
    decision: CommitteeDecision | None = None
    #: Plain-word warnings printed on page 1: stored data that failed its check on export
    #: (a kit version changed after import, a scorecard's seal not matching); empty when all is well.
    integrity_warnings: tuple[str, ...] = ()

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
class SplitSide:
    """One side of a split: who, what they gave, and their own one-line reason."""

    interviewer: str
    label: str
    position: float
    draft: bool
    #: The first sentence of their note on the item (else of their summary); "" when they wrote none.
    reason: str
    reason_from_summary: bool
    item_title: str = ""
    round_name: str = ""
    #: An addendum corrects the item this rating is on.
    addendum: bool = False


@dataclass(frozen=True)
class Split:
    """Submitted ratings (or one round's recommendations) at least `threshold` steps apart."""

    kind: str  # "competency" | "attitude" | "exercise" | "video" | "resume" | "recommendation"
    name: str
    spread: int
    threshold: int
    low: SplitSide
    high: SplitSide
    #: Where the row or round is in the report ("matrix" or "cover").
    key: str = ""

    @property
    def width(self) -> float:
        """How wide the split is relative to its threshold (to list the widest first)."""
        return self.spread / max(self.threshold, 1)


@dataclass(frozen=True)
class Agreement:
    """Krippendorff's alpha over a set of ratings, with what it rests on."""

    alpha: float | None
    pairable: int  # pairable values (ratings in units rated by two or more raters)
    units: int
    enough: bool
    band: str  # plain words, or "too few ratings to measure agreement"


@dataclass(frozen=True)
class InterviewerReport:
    header: ReportHeader
    scorecard: ScorecardEvidence
    round_stage: str

