"""One interviewer's scorecard for one round of one candidate, and the rules that govern it.

A draft changes with every interaction; a submitted scorecard never changes again —
corrections are appended as dated `Addendum`s. The rules live here (not in widgets or
SQL) so the GUI, the CLI and later the bundle merger all enforce the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from scorecard.domain.errors import CannotSubmit, ScorecardLocked
from scorecard.domain.ids import new_id, utcnow
from scorecard.domain.kit import Exercise, ItemBase, Kit, KnockoutOutcome, KnockoutQuestion

__all__ = [
    "Addendum", "CannotSubmit", "ItemResponse", "Scorecard", "ScorecardLocked", "ScorecardStatus",
    "new_id", "utcnow",
]


class ScorecardStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"


@dataclass
class ItemResponse:
    """What the interviewer recorded for one item."""

    item_id: str
    rating: str | None = None
    notes: str = ""
    seconds_spent: float = 0.0
    skip_reason: str | None = None
    knockout_option: str | None = None
    variant: str | None = None
    checked: set[str] = field(default_factory=set)
    updated_at: datetime | None = None

    @property
    def is_skipped(self) -> bool:
        return self.skip_reason is not None

    @property
    def is_answered(self) -> bool:
        return self.rating is not None or self.knockout_option is not None or self.is_skipped

    @property
    def has_evidence(self) -> bool:
        return bool(self.checked) or bool(self.notes.strip())

    @property
    def is_touched(self) -> bool:
        return self.is_answered or self.has_evidence or self.variant is not None


@dataclass
class Addendum:
    """A dated correction to a submitted scorecard; the original is never edited."""

    id: str
    scorecard_id: str
    author: str
    text: str
    created_at: datetime
    item_id: str | None = None


@dataclass
class Scorecard:
    id: str
    candidate_id: str
    kit_version_id: str
    round_id: str
    interviewer: str
    status: ScorecardStatus = ScorecardStatus.DRAFT
    recommendation: str | None = None
    summary: str = ""
    current_item_id: str | None = None
    created_at: datetime = field(default_factory=utcnow)
    updated_at: datetime = field(default_factory=utcnow)
    submitted_at: datetime | None = None
    responses: dict[str, ItemResponse] = field(default_factory=dict)
    addenda: list[Addendum] = field(default_factory=list)

    @property
    def is_submitted(self) -> bool:
        return self.status is ScorecardStatus.SUBMITTED

    def response(self, item_id: str) -> ItemResponse:
        """The response for an item, created empty on first use."""
        if item_id not in self.responses:
            self.responses[item_id] = ItemResponse(item_id=item_id)
        return self.responses[item_id]

    def ensure_editable(self) -> None:
        if self.is_submitted:
            raise ScorecardLocked(
                "this scorecard was submitted and is locked; add an addendum to correct it"
            )

    # --- rules --------------------------------------------------------------------

    def submit_problems(self, kit: Kit) -> list[str]:
        """Everything that blocks submission, in words an interviewer can act on."""
        problems: list[str] = []
        if self.recommendation is None:
            problems.append("choose an overall recommendation")
        elif self.recommendation not in {s.id for s in kit.recommendation_scale.steps}:
            problems.append(f"recommendation '{self.recommendation}' is not on the kit's scale")
        if not self.summary.strip():
            problems.append("write a short summary")
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if r is None or not r.is_answered:
                verb = "choose an option for" if isinstance(item, KnockoutQuestion) else "rate or skip"
                problems.append(f"{verb} '{item.short_title}'")
            elif r.is_skipped and not (r.skip_reason or "").strip():
                problems.append(f"give a reason for skipping '{item.short_title}'")
            elif isinstance(item, Exercise) and item.variants and not r.is_skipped and r.variant is None:
                # The committee must know which form of the exercise the evidence comes from.
                problems.append(f"choose which variant ran for '{item.short_title}'")
        return problems

    def evidence_nudges(self, kit: Kit) -> list[ItemBase]:
        """Rated items with no checked indicator and no note: allowed, but worth a second look."""
        out = []
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if r is not None and r.rating is not None and not r.has_evidence:
                out.append(item)
        return out

    def submit(self, kit: Kit, *, at: datetime | None = None) -> None:
        self.ensure_editable()
        problems = self.submit_problems(kit)
        if problems:
            raise CannotSubmit(problems)
        self.status = ScorecardStatus.SUBMITTED
        self.submitted_at = at or utcnow()
        self.updated_at = self.submitted_at

    def knockout_outcome(self, kit: Kit) -> KnockoutOutcome | None:
        """The worst outcome among this scorecard's knock-out answers, if any were answered."""
        outcomes = []
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if isinstance(item, KnockoutQuestion) and r and r.knockout_option:
                outcomes.append(item.option(r.knockout_option).outcome)
        if not outcomes:
            return None
        for worst in (KnockoutOutcome.AUTO_DECLINE, KnockoutOutcome.REVIEW, KnockoutOutcome.QUALIFIES):
            if worst in outcomes:
                return worst
        return None
