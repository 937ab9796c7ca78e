"""Agreement statistics: Krippendorff's alpha, beside the spread.

Krippendorff's alpha measures how far a panel's ratings agree beyond what chance would
give, for any number of raters, with missing ratings allowed:

    alpha = 1 − D_o / D_e

D_o is the disagreement observed within units (a unit is one thing several raters rated:
one candidate's competency, say), D_e the disagreement expected if the same ratings were
paired at random. 1 is perfect agreement, 0 is what chance gives, below 0 is systematic
disagreement. This follows Krippendorff (2011), "Computing Krippendorff's Alpha-
Reliability", step by step: a coincidence matrix o_ck over *pairable* values (values in
units that two or more raters rated — a lone rating cannot agree or disagree with anyone),
its marginals n_c, and a difference function δ²:

* nominal:  δ²_ck = 0 if c = k else 1
* ordinal:  δ²_ck = (Σ_{g=c..k} n_g − (n_c + n_k)/2)²   — what the app uses: a rating
  scale's steps are ordered, but not equally spaced
* interval: δ²_ck = (c − k)²

    alpha = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck

Pure Python (a few hundred ratings at most), exact to floating point. `tests/domain/
test_agreement.py` reproduces the paper's worked example (4 observers × 12 units).

What it does not say: alpha over a handful of ratings swings widely, so it is reported
only from `MIN_PAIRABLE` pairable values up; it says nothing about *who* is right.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence

#: Fewer pairable ratings than this: "too few ratings to measure agreement".
MIN_PAIRABLE = 30

Units = Mapping[Hashable, Sequence[float]]


def coincidences(units: Units) -> tuple[list[float], dict[tuple[float, float], float]]:
    """The sorted values and the coincidence matrix o_ck of the pairable values in `units`."""
    o: dict[tuple[float, float], float] = {}
    values: set[float] = set()
    for vals in units.values():
        m = len(vals)
        if m < 2:
            continue
        for i, c in enumerate(vals):
            for j, k in enumerate(vals):
                if i != j:
                    o[(c, k)] = o.get((c, k), 0.0) + 1.0 / (m - 1)
                    values.add(c)
    return sorted(values), o


def pairable_count(units: Units) -> int:
    """How many values sit in units rated at least twice (n in Krippendorff's notation)."""
    return sum(len(v) for v in units.values() if len(v) >= 2)


def krippendorff_alpha(units: Units, metric: str = "ordinal") -> float | None:
    """Krippendorff's alpha for `units` (unit → the values its raters gave; missing ones left out).

    `metric` is "ordinal" (default), "interval" or "nominal". None when nothing is pairable,
    or when every pairable value is the same (no variation: alpha is undefined).
    """
    values, o = coincidences(units)
    n_c = {c: sum(o.get((c, k), 0.0) for k in values) for c in values}
    n = sum(n_c.values())
    if n <= 1 or len(values) < 2:
        return None

    def delta2(c: float, k: float) -> float:
        if metric == "nominal":
            return 0.0 if c == k else 1.0
        if metric == "interval":
            return (c - k) ** 2
        if metric == "ordinal":
            lo, hi = (c, k) if c <= k else (k, c)
            between = sum(n_c[g] for g in values if lo <= g <= hi)
            return (between - (n_c[c] + n_c[k]) / 2) ** 2
        raise ValueError(f"unknown metric {metric!r}; use 'nominal', 'ordinal' or 'interval'")

    observed = sum(w * delta2(c, k) for (c, k), w in o.items())
    expected = sum(n_c[c] * n_c[k] * delta2(c, k) for c in values for k in values)
    if expected == 0:
        return None
    return 1.0 - (n - 1) * observed / expected


def band(alpha: float | None) -> str:
    """Plain words for an alpha (Krippendorff's own guide: ≥ .800 reliable, ≥ .667 tentative)."""
    if alpha is None:
        return "no variation to measure agreement on"
    if alpha >= 0.8:
        return "high agreement"
    if alpha >= 0.667:
        return "fair agreement — conclusions only tentatively"
    if alpha > 0.0:
        return "low agreement"
    return "no agreement beyond chance"


def ordinal_units(ratings: Iterable[tuple[Hashable, float]]) -> dict[Hashable, list[float]]:
    """(unit, value) pairs grouped into units."""
    out: dict[Hashable, list[float]] = {}
    for unit, value in ratings:
        out.setdefault(unit, []).append(value)
    return out
