"""Small rules of the report: a round's state, the worst knock-out outcome."""

from __future__ import annotations

from collections.abc import Iterable

from scorecard.domain.consolidation.model import RoundState
from scorecard.domain.kit import KnockoutOutcome
from scorecard.domain.scorecard import Scorecard

_OUTCOME_SEVERITY = {
    KnockoutOutcome.QUALIFIES: 0,
    KnockoutOutcome.REVIEW: 1,
    KnockoutOutcome.AUTO_DECLINE: 2,
}


def round_state(scorecards: Iterable[Scorecard]) -> RoundState:
    """Complete only when every scorecard started for the round was submitted."""
    cards = list(scorecards)
    if not cards:
        return RoundState.MISSING
    submitted = sum(1 for sc in cards if sc.is_submitted)
    if submitted == len(cards):
        return RoundState.COMPLETE
    return RoundState.SUBMITTED_WITH_DRAFTS if submitted else RoundState.DRAFT_ONLY



def worst_outcome(outcomes: Iterable[KnockoutOutcome]) -> KnockoutOutcome | None:
    out = list(outcomes)
    return max(out, key=_OUTCOME_SEVERITY.__getitem__) if out else None

