"""When submitted ratings disagree: the committee's agenda.

Two submitted ratings disagree when they are at least `disagreement_threshold(n)` steps
apart on an n-step scale: max(2, half the scale's range rounded up) — 2 steps on 3- to
5-step scales, 3 on a 6- or 7-step scale. One step apart is ordinary rater noise; on a
long scale two steps are too. Drafts never take part (they may still change).
"""

from __future__ import annotations

from collections.abc import Iterable
from math import ceil

from scorecard.domain.consolidation.model import Rating
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
