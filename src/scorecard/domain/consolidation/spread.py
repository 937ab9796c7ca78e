"""How far apart ratings are, and where their middle lies (the panel figures)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from math import ceil, floor

from scorecard.domain.consolidation.model import Rating
from scorecard.domain.kit import Kit


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



def interviewer_medians(ratings: Iterable[Rating]) -> dict[str, float]:
    """Each interviewer's own median position (0.0 … 1.0) over their ratings."""
    by: dict[str, list[float]] = {}
    for r in ratings:
        by.setdefault(r.interviewer, []).append(r.position)
    return {who: _median(ps) for who, ps in by.items()}  # type: ignore[misc]


def panel_position(ratings: Iterable[Rating]) -> float | None:
    """The panel's figure with each interviewer counted once: the median of the interviewers'
    own medians (so whoever asked the most questions does not outweigh the rest)."""
    return _median(list(interviewer_medians(ratings).values()))


def panel_label(ratings: Iterable[Rating], labels: Sequence[str]) -> str | None:
    """The panel figure in words, each interviewer once: the label of the middle interviewer's own
    median, or "between A and B" when the middle two interviewers differ (an even panel)."""
    figures = sorted(interviewer_medians(ratings).values())
    if not figures or not labels:
        return None
    n, k = len(figures), len(labels) - 1
    lo, hi = figures[(n - 1) // 2], figures[n // 2]
    if abs(lo - hi) < 1e-9:
        return position_label(lo, labels)
    return f"between {labels[floor(lo * k + 1e-9)]} and {labels[ceil(hi * k - 1e-9)]}"


def position_label(position: float | None, labels: Sequence[str]) -> str | None:
    """A position on a scale as its step's label, or "between A and B" off the steps."""
    if position is None or not labels:
        return None
    x = position * (len(labels) - 1)
    lo, hi = int(x + 1e-9), min(int(x + 1e-9) + (0 if abs(x - round(x)) < 1e-9 else 1), len(labels) - 1)
    if abs(x - round(x)) < 1e-9:
        return labels[round(x)]
    return f"between {labels[lo]} and {labels[hi]}"
