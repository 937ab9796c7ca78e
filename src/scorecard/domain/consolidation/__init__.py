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

from scorecard.domain.consolidation.agreement import krippendorff_alpha
from scorecard.domain.consolidation.builder import consolidate, interviewer_view
from scorecard.domain.consolidation.disagreement import (
    DISAGREEMENT_THRESHOLD,
    disagreement_threshold,
    is_disagreement,
    item_splits,
    recommendation_spread,
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
from scorecard.domain.consolidation.spread import median_label, spread

__all__ = [
    "DISAGREEMENT_THRESHOLD",
    "AddendumView",
    "Agreement",
    "CommitteeDecision",
    "ConsolidatedReport",
    "IndicatorMark",
    "InterviewerReport",
    "ItemEvidence",
    "KitsByVersion",
    "KnockoutAnswer",
    "KnockoutSummary",
    "LevelRow",
    "LevelText",
    "LevelView",
    "Matrix",
    "MatrixCell",
    "MatrixRow",
    "Rating",
    "Recommendation",
    "ReportHeader",
    "RoundEvidence",
    "RoundState",
    "RoundSummary",
    "ScaleLegend",
    "ScorecardEvidence",
    "Split",
    "SplitSide",
    "VersionUse",
    "consolidate",
    "disagreement_threshold",
    "interviewer_view",
    "is_disagreement",
    "item_splits",
    "recommendation_spread",
    "krippendorff_alpha",
    "median_label",
    "round_state",
    "spread",
    "worst_outcome",
]
