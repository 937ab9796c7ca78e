"""The hiring committee's decision on a candidate, and the rule for recording one."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

#: Decision id → how it reads.
DECISIONS = {"hire": "Hire", "no_hire": "No hire", "hold": "Hold — more evidence needed"}


@dataclass(frozen=True)
class CommitteeDecision:
    """What the hiring committee decided, recorded in the app."""

    id: str
    candidate_id: str
    decision: str  # a key of DECISIONS
    level_id: str | None
    level_name: str | None
    decided_by: str
    decided_at: datetime
    rationale: str

    @property
    def label(self) -> str:
        return DECISIONS.get(self.decision, self.decision)


def decision_problems(*, decision: str, level_id: str | None, level_ids: list[str], decided_by: str,
                      rationale: str) -> list[str]:
    """Everything that stops a decision being recorded, in words the committee can act on."""
    problems = []
    if decision not in DECISIONS:
        problems.append(f"choose a decision: {', '.join(DECISIONS)} (not '{decision}')")
    if decision == "hire" and not level_id:
        problems.append("a hire needs the level the committee hires at")
    if level_id and level_id not in level_ids:
        problems.append(f"unknown level '{level_id}'; use one of {', '.join(level_ids)}")
    if not decided_by.strip():
        problems.append("say who decided (the committee chair's name, or the members')")
    if not rationale.strip():
        problems.append("write why, in a sentence or two")
    return problems
