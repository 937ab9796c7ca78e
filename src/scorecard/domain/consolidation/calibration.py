"""Interviewer calibration: how each interviewer rates, across every candidate they scored.

Built from the committee reports of all candidates (`ConsolidatedReport`), so it uses
exactly the figures the committee sees. Submitted scorecards only — a draft may change.

* **Rating distribution** per scale: how often the interviewer gave each step (each rated
  item once, from the evidence).
* **Lean**: on every matrix row of a candidate the interviewer rated and at least one
  colleague rated too, the interviewer's own figure minus the median of the colleagues'
  figures, in steps of that row's scale; the mean over those comparisons. Positive is more
  lenient than the rest of the panel, negative more severe. It says nothing about who is
  right.
* **Splits**: how many of the rows they rated ended in a split with them on one side.
* **Small samples** (fewer than `SMALL_SCORECARDS` scorecards or `SMALL_COMPARISONS`
  comparisons) are marked: a lean from three ratings is noise.
* **Agreement**: Krippendorff's alpha (ordinal) over every candidate's rows, for the whole
  panel and for each pair of interviewers with enough pairable ratings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from scorecard.domain.consolidation.agreement import (
    MIN_PAIRABLE,
    band,
    krippendorff_alpha,
    pairable_count,
)
from scorecard.domain.consolidation.model import Agreement, ConsolidatedReport
from scorecard.domain.consolidation.spread import _median

SMALL_SCORECARDS = 5
SMALL_COMPARISONS = 10


@dataclass(frozen=True)
class ScaleDistribution:
    scale_id: str
    labels: tuple[str, ...]
    counts: tuple[int, ...]  # per step, lowest first

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class InterviewerCalibration:
    interviewer: str
    scorecards: int  # submitted
    drafts: int
    candidates: int
    distributions: tuple[ScaleDistribution, ...]
    lean: float | None  # mean steps above (+) or below (−) the rest of the panel
    comparisons: int
    recommendations: tuple[tuple[str, int], ...]  # (label, count), scale order
    rated_rows: int
    splits: int  # rows where they were one side of a split

    @property
    def small_sample(self) -> bool:
        return self.scorecards < SMALL_SCORECARDS or self.comparisons < SMALL_COMPARISONS

    @property
    def lean_words(self) -> str:
        if self.lean is None:
            return "no colleague rated the same rows"
        if abs(self.lean) < 0.25:
            return f"in line with the panel ({self.lean:+.2f} steps)"
        way = "more lenient" if self.lean > 0 else "more severe"
        return f"{way} by {abs(self.lean):.2f} steps"


@dataclass(frozen=True)
class PairAgreement:
    a: str
    b: str
    agreement: Agreement


@dataclass(frozen=True)
class CalibrationReport:
    candidates: int
    interviewers: tuple[InterviewerCalibration, ...]
    panel: Agreement
    pairs: tuple[PairAgreement, ...]


def _agreement(units: dict) -> Agreement:
    n = pairable_count(units)
    alpha = krippendorff_alpha(units) if n >= MIN_PAIRABLE else None
    enough = alpha is not None
    return Agreement(alpha=alpha, pairable=n, units=sum(1 for v in units.values() if len(v) >= 2), enough=enough,
                     band=band(alpha) if enough else "too few ratings to measure agreement")


def calibrate(reports: Iterable[ConsolidatedReport]) -> CalibrationReport:
    reports = list(reports)
    names: dict[str, None] = {}
    cards: dict[str, list[int]] = {}
    cand_of: dict[str, set[str]] = {}
    dist: dict[str, dict[tuple[str, tuple[str, ...]], list[int]]] = {}
    recs: dict[str, dict[tuple[int, str], int]] = {}
    diffs: dict[str, list[float]] = {}
    rated: dict[str, int] = {}
    split_sides: dict[str, int] = {}
    panel_units: dict[tuple[str, str, str], dict[str, float]] = {}
    for rep in reports:
        cid = rep.header.candidate_id
        for rnd in rep.evidence:
            for sc in rnd.scorecards:
                who = sc.interviewer
                names.setdefault(who, None)
                cards.setdefault(who, [0, 0])[1 if sc.draft else 0] += 1
                cand_of.setdefault(who, set()).add(cid)
                if sc.draft:
                    continue
                for item in sc.items:
                    r = item.rating
                    if r is None:
                        continue
                    scale = next((s for s in rep.scales if s.scale_id == r.scale_id and len(s.labels) == r.scale_size),
                                 None)
                    labels = scale.labels if scale else tuple(f"step {i + 1}" for i in range(r.scale_size))
                    dist.setdefault(who, {}).setdefault((r.scale_id, labels), [0] * len(labels))[r.index] += 1
                rec = sc.recommendation
                if rec.label is not None:
                    key = (rec.index or 0, rec.label)
                    recs.setdefault(who, {})[key] = recs.setdefault(who, {}).get(key, 0) + 1
        for row in rep.matrix.rows:
            figures = {c.interviewer: c.position for c in row.cells if c.position is not None}
            if not figures:
                continue
            size = max(r.scale_size for r in row.ratings)
            for who, pos in figures.items():
                rated[who] = rated.get(who, 0) + 1
                others = [p for w, p in figures.items() if w != who]
                if others:
                    diffs.setdefault(who, []).append((pos - _median(others)) * (size - 1))
            panel_units[(cid, row.kind, row.dimension_id)] = figures
        for sp in rep.splits:
            if sp.kind == "recommendation":
                continue
            for who in {sp.low.interviewer, sp.high.interviewer}:
                split_sides[who] = split_sides.get(who, 0) + 1
    out = []
    for who in names:
        ds = diffs.get(who, [])
        out.append(InterviewerCalibration(
            interviewer=who, scorecards=cards[who][0], drafts=cards[who][1], candidates=len(cand_of[who]),
            distributions=tuple(ScaleDistribution(scale_id=s, labels=labels, counts=tuple(counts))
                                for (s, labels), counts in sorted(dist.get(who, {}).items())),
            lean=sum(ds) / len(ds) if ds else None, comparisons=len(ds),
            recommendations=tuple((label, n) for (_i, label), n in sorted(recs.get(who, {}).items())),
            rated_rows=rated.get(who, 0), splits=split_sides.get(who, 0),
        ))
    units = {k: [round(v, 6) for v in fig.values()] for k, fig in panel_units.items()}
    pairs = []
    for a, b in combinations(sorted(names), 2):
        pu = {k: [round(fig[a], 6), round(fig[b], 6)] for k, fig in panel_units.items() if a in fig and b in fig}
        if pu:
            pairs.append(PairAgreement(a=a, b=b, agreement=_agreement(pu)))
    pairs.sort(key=lambda p: (-p.agreement.pairable, p.a, p.b))
    return CalibrationReport(candidates=len(reports), interviewers=tuple(sorted(out, key=lambda x: x.interviewer)),
                             panel=_agreement(units), pairs=tuple(pairs))
