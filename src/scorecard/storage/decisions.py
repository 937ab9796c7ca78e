"""The committee's recorded decisions: rows ↔ `CommitteeDecision`. No rules here."""

from __future__ import annotations

from sqlmodel import select

from scorecard.domain.decision import CommitteeDecision
from scorecard.storage.database import Database
from scorecard.storage.repositories import from_text, to_text
from scorecard.storage.tables import CommitteeDecisionRow


class DecisionRepository:
    def __init__(self, db: Database):
        self._db = db

    def add(self, decision: CommitteeDecision) -> None:
        """Store one decision (a single-row insert: one transaction)."""
        with self._db.session() as s:
            s.add(CommitteeDecisionRow(
                id=decision.id, candidate_id=decision.candidate_id, decision=decision.decision,
                level_id=decision.level_id, decided_by=decision.decided_by,
                decided_at=to_text(decision.decided_at), rationale=decision.rationale,
            ))

    def history(self, candidate_id: str) -> list[CommitteeDecision]:
        """Every decision recorded for a candidate, oldest first (level names are the service's job)."""
        with self._db.session() as s:
            rows = s.exec(select(CommitteeDecisionRow).where(CommitteeDecisionRow.candidate_id == candidate_id)
                          .order_by(CommitteeDecisionRow.decided_at, CommitteeDecisionRow.id)).all()
            return [_decision(r) for r in rows]


def _decision(row: CommitteeDecisionRow) -> CommitteeDecision:
    return CommitteeDecision(
        id=row.id, candidate_id=row.candidate_id, decision=row.decision, level_id=row.level_id, level_name=None,
        decided_by=row.decided_by, decided_at=from_text(row.decided_at), rationale=row.rationale,
    )
