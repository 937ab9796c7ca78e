"""When submitted ratings disagree: the committee's agenda.

Two submitted ratings disagree when they are at least `disagreement_threshold(n)` steps
apart on an n-step scale: max(2, half the scale's range rounded up) — 2 steps on 3- to
5-step scales, 3 on a 6- or 7-step scale. One step apart is ordinary rater noise; on a
long scale two steps are too. Drafts never take part (they may still change).
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil

from scorecard.domain.consolidation.model import Rating, Recommendation, RoundEvidence
from scorecard.domain.consolidation.spread import spread

#: The smallest gap (in steps) that is ever a disagreement, whatever the scale.
DISAGREEMENT_THRESHOLD = 2


def disagreement_threshold(scale_size: int) -> int:
    """Steps apart at which two ratings on a `scale_size`-step scale disagree."""
    return max(DISAGREEMENT_THRESHOLD, ceil((scale_size - 1) / 2))


def threshold_for(ratings: Iterable[Rating]) -> int:
    """The threshold for these ratings: that of the longest scale among them."""
    sizes = [r.scale_size for r in ratings]
    return disagreement_threshold(max(sizes)) if sizes else DISAGREEMENT_THRESHOLD


def is_disagreement(ratings: Iterable[Rating]) -> bool:
    """Whether the *submitted* ratings among these are `threshold_for` steps apart or more."""
    submitted = [r for r in ratings if not r.draft]
    s = spread(submitted)
    return s is not None and s >= threshold_for(submitted)


def recommendation_spread(recommendations: Iterable[Recommendation]) -> int | None:
    """Steps between the lowest and highest *submitted* recommendations of one round when they
    disagree (`disagreement_threshold` of the recommendation scale), else None."""
    given = [r for r in recommendations if not r.draft and r.index is not None]
    if len(given) < 2:
        return None
    gap = max(r.index for r in given) - min(r.index for r in given)
    return gap if gap >= recommendation_threshold(given) else None


def recommendation_threshold(recommendations: Iterable[Recommendation]) -> int:
    """The threshold for one round's recommendations: that of the longest scale among them (a kit
    edit may have changed the scale between two interviewers' cards)."""
    sizes = [r.scale_size for r in recommendations]
    return disagreement_threshold(max(sizes)) if sizes else DISAGREEMENT_THRESHOLD


def item_splits(evidence: Iterable[RoundEvidence]) -> dict[tuple[str, str], int]:
    """(round id, item id) → spread in steps, for each item whose submitted ratings across its
    round's scorecards disagree: the same rule as the matrix, item by item (the committee view's
    side-by-side table marks these rows)."""
    out: dict[tuple[str, str], int] = {}
    for rnd in evidence:
        by_item: dict[str, list[Rating]] = {}
        for card in rnd.scorecards:
            for item in card.items:
                if item.rating is not None:
                    by_item.setdefault(item.item_id, []).append(item.rating)
        for item_id, ratings in by_item.items():
            if is_disagreement(ratings):
                out[(rnd.round_id, item_id)] = spread([r for r in ratings if not r.draft]) or 0
    return out
