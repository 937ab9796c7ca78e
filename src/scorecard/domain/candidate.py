"""A candidate being assessed with one kit at one target level."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from scorecard.domain.ids import utcnow


@dataclass
class Candidate:
    id: str
    name: str
    kit_id: str
    target_level: str
    created_at: datetime = field(default_factory=utcnow)
    #: Derived when the candidate is read, from the knock-out answers (`auto_declined_by`); never
    #: stored, so it can never disagree with them.
    auto_declined: bool = False
    #: Set while the candidate is withdrawn from the process; reopening clears it.
    withdrawn_at: datetime | None = None

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def auto_declined_by(outcomes: Iterable[str]) -> bool:
    """The rule: any knock-out answer (draft or submitted, anyone's) with the outcome
    auto-decline declines the candidate; taking the answer back takes the decline back."""
    return any(str(o) == "auto_decline" for o in outcomes)


class RoundStatus(StrEnum):
    """Where one interviewer stands on one round of one candidate."""

    NONE = "none"
    DRAFT = "draft"
    SUBMITTED = "submitted"


@dataclass(frozen=True)
class KitVersion:
    """A stored, immutable version of a kit; scorecards point at the version they were scored on."""

    id: str
    kit_id: str
    version: int
    content_hash: str
    imported_at: datetime
    title: str
