"""When submitted ratings disagree: the committee's agenda."""

from __future__ import annotations

from collections.abc import Iterable

from scorecard.domain.consolidation.model import Rating
from scorecard.domain.consolidation.spread import spread

#: Submitted ratings on one dimension this many scale steps apart (or more) are a disagreement.
DISAGREEMENT_THRESHOLD = 2


def is_disagreement(ratings: Iterable[Rating]) -> bool:
    """Whether the *submitted* ratings among these span `DISAGREEMENT_THRESHOLD` steps or more."""
    s = spread(r for r in ratings if not r.draft)
    return s is not None and s >= DISAGREEMENT_THRESHOLD

