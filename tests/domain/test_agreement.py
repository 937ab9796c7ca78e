"""Krippendorff's alpha reproduces the published worked example, and says when data is too thin."""

from __future__ import annotations

import pytest

from scorecard.domain.consolidation.agreement import (
    MIN_PAIRABLE,
    band,
    coincidences,
    krippendorff_alpha,
    pairable_count,
)

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers
# (A–D) × 12 units, values 1–5, "." missing. Unit 12 has one value: not pairable.
_ = None
OBSERVERS = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
UNITS = {u: [o[u] for o in OBSERVERS if o[u] is not None] for u in range(12)}


def test_the_published_worked_example_exactly():
    # the paper's results: nominal .743, ordinal .815, interval .849
    assert round(krippendorff_alpha(UNITS, "nominal"), 3) == 0.743
    assert round(krippendorff_alpha(UNITS, "ordinal"), 3) == 0.815
    assert round(krippendorff_alpha(UNITS, "interval"), 3) == 0.849
    # and the paper's intermediate figures: n = 40 pairable values, n_1 = 9, n_3 = 10
    assert pairable_count(UNITS) == 40
    values, o = coincidences(UNITS)
    n_c = {c: sum(o.get((c, k), 0.0) for k in values) for c in values}
    assert values == [1, 2, 3, 4, 5]
    assert [round(n_c[c], 6) for c in values] == [9, 13, 10, 5, 3]
    assert o[(1, 1)] == pytest.approx(7) and o[(1, 2)] == pytest.approx(4 / 3)


def test_perfect_agreement_and_undefined_cases():
    assert krippendorff_alpha({1: [1, 1], 2: [3, 3], 3: [2, 2]}) == 1.0
    assert krippendorff_alpha({1: [2, 2], 2: [2, 2]}) is None  # no variation at all
    assert krippendorff_alpha({1: [1], 2: [3]}) is None  # nothing pairable
    with pytest.raises(ValueError, match="unknown metric"):
        krippendorff_alpha(UNITS, "ratio-ish")


def test_bands_in_plain_words():
    assert band(0.9) == "high agreement"
    assert band(0.7).startswith("fair agreement")
    assert band(0.3) == "low agreement"
    assert band(-0.2) == "no agreement beyond chance"
    assert MIN_PAIRABLE >= 20
