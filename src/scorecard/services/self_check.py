"""Measurements through the real use cases, for `scorecard self-test` and the benchmarks."""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from scorecard.services import Services
from scorecard.storage.database import SCHEMA_REVISION
from scorecard.storage.diagnostics import raw_commit_times, remove_database_files

__all__ = ["SCHEMA_REVISION", "floor_commit_times", "interactions", "percentile", "remove_database_files", "save_times"]

#: The name the measuring scorecard is saved under (only ever in scratch databases).
SELF_TEST_INTERVIEWER = "Scorecard self-test"


def interactions(services: Services, *, candidate_id: str | None = None) -> list[Callable[[], None]]:
    """One draft's worth of single-click saves, as the scoring view makes them.

    Each callable is one interaction — tick or untick an indicator, rate, type a note —
    and so one durable commit. Uses a new draft of `SELF_TEST_INTERVIEWER` in the first
    interview round that has rated items with indicators.
    """
    from scorecard.domain.kit import KnockoutQuestion

    scoring = services.scoring
    candidates = services.candidates.all()
    candidate = next(c for c in candidates if candidate_id in (None, c.id))
    _vid, kit = services.kits.latest(candidate.kit_id)
    for rnd in kit.rounds:
        items = [i for i in kit.items_in(rnd.id) if not isinstance(i, KnockoutQuestion) and i.indicators.keys()]
        if items:
            break
    else:
        raise LookupError(f"kit '{kit.id}' has no rated item with indicators to measure saves on")
    card = scoring.start_or_resume(candidate_id=candidate.id, round_id=rnd.id, interviewer=SELF_TEST_INTERVIEWER)
    steps: list[Callable[[], None]] = []
    for n, item in enumerate(items):
        keys = [k for k, _p, _t in item.indicators.keys()]
        scale = [s.id for s in kit.scale_for(item).steps]
        steps.append(lambda item=item, key=keys[0]: scoring.mark_indicator(
            scorecard_id=card.id, item_id=item.id, key=key, checked=True))
        steps.append(lambda item=item, step=scale[n % len(scale)]: scoring.rate(
            scorecard_id=card.id, item_id=item.id, step_id=step))
        steps.append(lambda item=item: scoring.set_notes(
            scorecard_id=card.id, item_id=item.id, notes="Measured note: gave a concrete example."))
        steps.append(lambda item=item, key=keys[0]: scoring.mark_indicator(
            scorecard_id=card.id, item_id=item.id, key=key, checked=False))
    return steps


def save_times(services: Services, count: int, *, candidate_id: str | None = None) -> list[float]:
    """Seconds taken by each of `count` single-interaction saves through the scoring service."""
    steps = interactions(services, candidate_id=candidate_id)
    times = []
    for step in itertools.islice(itertools.cycle(steps), count):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    return times


def floor_commit_times(folder: Path, count: int, *, name: str = ".scorecard-floor") -> list[float]:
    """The raw-driver floor in `folder`: one-row commits with the app's durability settings."""
    path = Path(folder) / f"{name}-{time.time_ns()}.sqlite3"
    return raw_commit_times(path, count)


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (0 < fraction ≤ 1) of a non-empty sequence."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(fraction * len(ordered))))
    return ordered[rank - 1]
