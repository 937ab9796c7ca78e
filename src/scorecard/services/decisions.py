"""Recording the hiring committee's decision on a candidate (decision, level, who, when, why).

A decision is never edited: recording again adds a new one and the newest is the
decision; the earlier ones stay as history. A committee report exported afterwards
shows the newest on page 1 (`ExportService`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, timezone

from scorecard.domain.decision import CommitteeDecision, decision_problems
from scorecard.domain.ids import new_id
from scorecard.services.candidates import CandidateService
from scorecard.services.errors import InvalidInput
from scorecard.services.kit_library import KitLibrary
from scorecard.storage.database import Database


class DecisionService:
    def __init__(self, db: Database, kits: KitLibrary, candidates: CandidateService,
                 clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)):
        from scorecard.storage.decisions import DecisionRepository

        self._repo = DecisionRepository(db)
        self._kits = kits
        self._candidates = candidates
        self._clock = clock

    def _levels(self, kit_id: str) -> dict[str, str]:
        _vid, kit = self._kits.latest(kit_id)
        return {lv.id: lv.name for lv in kit.levels}

    def record(self, *, candidate_id: str, decision: str, level_id: str | None, decided_by: str,
               rationale: str, at: datetime | None = None) -> CommitteeDecision:
        """Store the committee's decision; `InvalidInput` lists everything to fix first."""
        candidate = self._candidates.get(candidate_id)
        levels = self._levels(candidate.kit_id)
        level_id = (level_id or "").strip() or None
        problems = decision_problems(decision=decision, level_id=level_id, level_ids=list(levels),
                                     decided_by=decided_by, rationale=rationale)
        if problems:
            raise InvalidInput("; ".join(problems))
        made = CommitteeDecision(
            id=new_id(), candidate_id=candidate.id, decision=decision, level_id=level_id,
            level_name=levels.get(level_id) if level_id else None, decided_by=decided_by.strip(),
            decided_at=at or self._clock(), rationale=rationale.strip(),
        )
        self._repo.add(made)
        return made

    def history(self, candidate_id: str) -> list[CommitteeDecision]:
        candidate = self._candidates.get(candidate_id)
        levels = self._levels(candidate.kit_id)
        return [replace(d, level_name=levels.get(d.level_id)) if d.level_id else d
                for d in self._repo.history(candidate_id)]

    def latest(self, candidate_id: str) -> CommitteeDecision | None:
        """The committee's decision: the newest recorded, or None."""
        found = self.history(candidate_id)
        return found[-1] if found else None
