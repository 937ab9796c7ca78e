"""One interviewer's scorecard for one round of one candidate, and the rules that govern it.

A draft changes with every interaction; a submitted scorecard never changes again —
corrections are appended as dated `Addendum`s. The rules live here (not in widgets or
SQL) so the GUI, the CLI and later the bundle merger all enforce the same ones.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from scorecard.domain.errors import CannotSubmit, InvalidInput, ScorecardLocked
from scorecard.domain.ids import new_id, utcnow
from scorecard.domain.kit import Exercise, ItemBase, Kit, KnockoutOutcome, KnockoutQuestion

__all__ = [
    "Addendum", "AddendumAdded", "CannotSubmit", "CardSet", "Change", "Created", "Discarded", "InvalidInput",
    "ItemResponse", "MarkSet", "ResponseSet", "Scorecard", "ScorecardLocked", "ScorecardStatus",
    "SubmitProblem", "Submitted", "TimeAdded", "new_id", "utcnow",
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
    def answer(self) -> str | None:
        """What the answer control shows: the knock-out option chosen, else the rating."""
        return self.knockout_option if self.knockout_option is not None else self.rating

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
    """A dated correction to a submitted scorecard; the original is never edited.

    `item_id` names the item it corrects, when it corrects one (a report shows it there).
    """

    id: str
    scorecard_id: str
    author: str
    text: str
    created_at: datetime
    item_id: str | None = None


@dataclass(frozen=True)
class SubmitProblem:
    """One thing that blocks submission: the item it is about (None for the whole scorecard) and what to do."""

    item_id: str | None
    what: str

    def __str__(self) -> str:
        return self.what


# --- changes -------------------------------------------------------------------------------
# Each interaction method of `Scorecard` checks its input against the kit, applies the rule to
# the card in memory and returns one of these: the whole of what must reach the disk, which
# storage writes in one transaction. A change carries every field it decides (a rating always
# carries the cleared skip), so storing it again after a failed attempt stores the same thing.


@dataclass(frozen=True)
class ResponseSet:
    """Set some fields of one item's response (rating, skip_reason, knockout_option, variant, notes)."""

    scorecard_id: str
    item_id: str
    values: tuple[tuple[str, object], ...]
    at: datetime
    creates_card: bool = True


@dataclass(frozen=True)
class MarkSet:
    """Tick or untick one indicator of one item."""

    scorecard_id: str
    item_id: str
    key: str
    checked: bool
    at: datetime
    creates_card: bool = True


@dataclass(frozen=True)
class TimeAdded:
    """Time spent: seconds on one item and seconds on the round clock, both added to what is stored."""

    scorecard_id: str
    item_id: str | None
    item_seconds: float
    round_seconds: float
    at: datetime
    #: watching a round is not an interaction: time alone never creates a scorecard
    creates_card: bool = False


@dataclass(frozen=True)
class CardSet:
    """Set fields of the scorecard itself (recommendation, summary, current_item_id)."""

    scorecard_id: str
    values: tuple[tuple[str, object], ...]
    at: datetime
    creates_card: bool = True


@dataclass(frozen=True)
class Created:
    """The scorecard's first write: its header, and the time gathered before anything was recorded."""

    card: Scorecard
    times: tuple[tuple[str, float], ...]
    at: datetime
    creates_card: bool = True
    #: The interviewer's stable id (the panel's, services.panel), stored with the header in the same
    #: transaction; the service fills it in before storing.
    author_id: str | None = None

    @property
    def scorecard_id(self) -> str:
        return self.card.id


@dataclass(frozen=True)
class Submitted:
    scorecard_id: str
    at: datetime
    creates_card: bool = True


@dataclass(frozen=True)
class AddendumAdded:
    addendum: Addendum
    creates_card: bool = False

    @property
    def scorecard_id(self) -> str:
        return self.addendum.scorecard_id


@dataclass(frozen=True)
class Discarded:
    """A draft thrown away, with everything recorded on it."""

    scorecard_id: str
    creates_card: bool = False


Change = ResponseSet | MarkSet | TimeAdded | CardSet | Created | Submitted | AddendumAdded | Discarded

_RESPONSE_FIELDS = frozenset({"rating", "skip_reason", "knockout_option", "variant", "notes"})
_CARD_FIELDS = frozenset({"recommendation", "summary", "current_item_id"})


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
    #: the round clock: seconds the round has run (paused time not counted)
    round_seconds: float = 0.0
    responses: dict[str, ItemResponse] = field(default_factory=dict)
    addenda: list[Addendum] = field(default_factory=list)
    #: False while the card exists only in memory: opening a round is not an interaction, so
    #: the scorecard is written with the first change that records something (see `to_store`)
    stored: bool = field(default=True, compare=False)

    @property
    def is_submitted(self) -> bool:
        return self.status is ScorecardStatus.SUBMITTED

    @property
    def is_empty(self) -> bool:
        """A draft that records nothing yet (time and position aside): it blocks nothing."""
        return (
            not self.is_submitted
            and self.recommendation is None
            and not self.summary.strip()
            and not any(r.is_touched for r in self.responses.values())
        )

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

    # --- interactions: check, apply in memory, return the change to store ------------------

    def _item(self, kit: Kit, item_id: str) -> ItemBase:
        self.ensure_editable()
        if item_id not in {it.id for it in kit.items_in(self.round_id)}:
            raise InvalidInput(f"item '{item_id}' is not part of round '{self.round_id}'")
        return kit.item(item_id)

    def _set_response(self, item_id: str, at: datetime | None, **values) -> ResponseSet:
        at = at or utcnow()
        response = self.response(item_id)
        for name, value in values.items():
            setattr(response, name, value)
        response.updated_at = at
        self.updated_at = at
        return ResponseSet(self.id, item_id, tuple(values.items()), at)

    def _set_card(self, at: datetime | None, **values) -> CardSet:
        at = at or utcnow()
        for name, value in values.items():
            setattr(self, name, value)
        self.updated_at = at
        return CardSet(self.id, tuple(values.items()), at)

    def mark(self, kit: Kit, item_id: str, key: str, checked: bool, *, at: datetime | None = None) -> MarkSet:
        """Tick (or untick) an indicator of the item."""
        item = self._item(kit, item_id)
        if key not in {k for k, _p, _t in item.indicators.keys()}:
            raise InvalidInput(f"item '{item_id}' has no indicator '{key}'")
        at = at or utcnow()
        checked_keys = self.response(item_id).checked
        (checked_keys.add if checked else checked_keys.discard)(key)
        self.updated_at = at
        return MarkSet(self.id, item_id, key, checked, at)

    def rate(self, kit: Kit, item_id: str, step_id: str | None, *, at: datetime | None = None) -> ResponseSet:
        """Set (or with None clear) the rating. Rule: rating an item clears its skip."""
        item = self._item(kit, item_id)
        if not item.is_rated:
            raise InvalidInput(f"'{item.short_title}' is answered by choosing an option, not rated")
        if step_id is not None and step_id not in {s.id for s in kit.scale_for(item).steps}:
            raise InvalidInput(f"'{step_id}' is not a step of scale '{kit.scale_for(item).id}'")
        if step_id is None:
            return self._set_response(item_id, at, rating=None)
        return self._set_response(item_id, at, rating=step_id, skip_reason=None)

    def skip(self, kit: Kit, item_id: str, reason: str | None, *, at: datetime | None = None) -> ResponseSet:
        """Skip the item with a reason (None takes the skip back). Rule: skipping clears the rating."""
        self._item(kit, item_id)
        if reason is None:
            return self._set_response(item_id, at, skip_reason=None)
        reason = reason.strip()
        if not reason:
            raise InvalidInput("say why the item is skipped (e.g. 'ran out of time')")
        return self._set_response(item_id, at, skip_reason=reason, rating=None)

    def choose_option(self, kit: Kit, item_id: str, option_id: str | None, *,
                      at: datetime | None = None) -> ResponseSet:
        """Record the candidate's answer to a knock-out question (None clears it)."""
        item = self._item(kit, item_id)
        if not isinstance(item, KnockoutQuestion):
            raise InvalidInput(f"'{item.short_title}' is not a knock-out question")
        if option_id is not None and option_id not in {o.id for o in item.options}:
            raise InvalidInput(f"'{option_id}' is not an option of '{item.short_title}'")
        return self._set_response(item_id, at, knockout_option=option_id)

    def answer(self, kit: Kit, item_id: str, choice_id: str | None, *, at: datetime | None = None) -> ResponseSet:
        """The item's answer, whatever its kind: a knock-out option for a knock-out question, else a rating."""
        if isinstance(self._item(kit, item_id), KnockoutQuestion):
            return self.choose_option(kit, item_id, choice_id, at=at)
        return self.rate(kit, item_id, choice_id, at=at)

    def choose_variant(self, kit: Kit, item_id: str, variant_id: str | None, *,
                       at: datetime | None = None) -> ResponseSet:
        """Which form of the exercise ran (e.g. with or without AI)."""
        item = self._item(kit, item_id)
        if not isinstance(item, Exercise) or (
            variant_id is not None and variant_id not in {v.id for v in item.variants}
        ):
            raise InvalidInput(f"'{variant_id}' is not a variant of '{item.short_title}'")
        return self._set_response(item_id, at, variant=variant_id)

    def set_notes(self, kit: Kit, item_id: str, notes: str, *, at: datetime | None = None) -> ResponseSet:
        self._item(kit, item_id)
        return self._set_response(item_id, at, notes=notes)

    def add_time(self, kit: Kit, item_id: str | None, seconds: float, *, round_seconds: float | None = None,
                 at: datetime | None = None) -> TimeAdded:
        """Time spent on the item (and, by default, the same on the round clock); added, never overwritten."""
        if item_id is not None:
            self._item(kit, item_id)
        else:
            self.ensure_editable()
        seconds = max(seconds, 0.0)
        round_seconds = seconds if round_seconds is None else max(round_seconds, 0.0)
        at = at or utcnow()
        if item_id is not None:
            self.response(item_id).seconds_spent += seconds
        self.round_seconds += round_seconds
        return TimeAdded(self.id, item_id, seconds if item_id is not None else 0.0, round_seconds, at)

    def go_to(self, kit: Kit, item_id: str, *, at: datetime | None = None) -> CardSet:
        """Where the interviewer is, so a resumed draft opens on the same item (not an interaction)."""
        self._item(kit, item_id)
        change = self._set_card(at, current_item_id=item_id)
        return CardSet(change.scorecard_id, change.values, change.at, creates_card=False)

    def set_recommendation(self, kit: Kit, step_id: str | None, *, at: datetime | None = None) -> CardSet:
        self.ensure_editable()
        if step_id is not None and step_id not in {s.id for s in kit.recommendation_scale.steps}:
            raise InvalidInput(f"'{step_id}' is not on the recommendation scale")
        return self._set_card(at, recommendation=step_id)

    def set_summary(self, text: str, *, at: datetime | None = None) -> CardSet:
        self.ensure_editable()
        return self._set_card(at, summary=text)

    def submit(self, kit: Kit, *, at: datetime | None = None) -> Submitted:
        """Lock the scorecard. Raises `CannotSubmit` with the structured problems."""
        self.ensure_editable()
        problems = self.submit_problems(kit)
        if problems:
            raise CannotSubmit(problems)
        self.status = ScorecardStatus.SUBMITTED
        self.submitted_at = at or utcnow()
        self.updated_at = self.submitted_at
        return Submitted(self.id, self.submitted_at)

    def add_addendum(self, kit: Kit, *, author: str, text: str, item_id: str | None = None,
                     at: datetime | None = None, addendum_id: str | None = None) -> AddendumAdded:
        """A dated correction to a submitted scorecard, optionally naming the item it corrects."""
        if not self.is_submitted:
            raise InvalidInput("a draft can still be edited directly; addenda are for submitted scorecards")
        if not text.strip():
            raise InvalidInput("write the correction text")
        if item_id is not None and item_id not in {it.id for it in kit.items_in(self.round_id)}:
            raise InvalidInput(f"item '{item_id}' is not part of round '{self.round_id}'")
        addendum = Addendum(
            id=addendum_id or new_id(), scorecard_id=self.id, author=author, text=text.strip(),
            created_at=at or utcnow(), item_id=item_id,
        )
        self.addenda.append(addendum)
        return AddendumAdded(addendum)

    def discard(self) -> Discarded:
        """Throw the draft away (the caller asks the interviewer first). A submitted scorecard stays."""
        if self.is_submitted:
            raise ScorecardLocked("a submitted scorecard cannot be discarded; add an addendum to correct it")
        return Discarded(self.id)

    def to_store(self, change: Change, *, at: datetime | None = None) -> tuple[Change, ...]:
        """What must be written for `change`: nothing for time or navigation on a card not yet
        stored; the card's creation first for its first real interaction."""
        if isinstance(change, Discarded):
            return (change,) if self.stored else ()
        if self.stored:
            return (change,)
        if not change.creates_card:
            return ()
        times = tuple((i, r.seconds_spent) for i, r in self.responses.items() if r.seconds_spent > 0)
        return Created(self, times, at or utcnow()), change

    # --- rules --------------------------------------------------------------------

    def submit_problems(self, kit: Kit) -> list[SubmitProblem]:
        """Everything that blocks submission, each naming its item (if any) and what to do."""
        problems: list[SubmitProblem] = []
        if self.recommendation is None:
            problems.append(SubmitProblem(None, "choose an overall recommendation"))
        elif self.recommendation not in {s.id for s in kit.recommendation_scale.steps}:
            problems.append(SubmitProblem(None, f"recommendation '{self.recommendation}' is not on the kit's scale"))
        if not self.summary.strip():
            problems.append(SubmitProblem(None, "write a short summary"))
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if r is None or not r.is_answered:
                verb = "choose an option for" if isinstance(item, KnockoutQuestion) else "rate or skip"
                problems.append(SubmitProblem(item.id, f"{verb} '{item.short_title}'"))
            elif r.is_skipped and not (r.skip_reason or "").strip():
                problems.append(SubmitProblem(item.id, f"give a reason for skipping '{item.short_title}'"))
            elif isinstance(item, Exercise) and item.variants and not r.is_skipped and r.variant is None:
                # The committee must know which form of the exercise the evidence comes from.
                problems.append(SubmitProblem(item.id, f"choose which variant ran for '{item.short_title}'"))
        return problems

    def evidence_nudges(self, kit: Kit) -> list[ItemBase]:
        """Rated items with no checked indicator and no note: allowed, but worth a second look."""
        out = []
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if r is not None and r.rating is not None and not r.has_evidence:
                out.append(item)
        return out

    def knockout_outcome(self, kit: Kit) -> KnockoutOutcome | None:
        """The worst outcome among this scorecard's knock-out answers, if any were answered."""
        outcomes = []
        for item in kit.items_in(self.round_id):
            r = self.responses.get(item.id)
            if isinstance(item, KnockoutQuestion) and r and r.knockout_option:
                outcomes.append(item.option(r.knockout_option).outcome)
        return worst_outcome(outcomes)


def worst_outcome(outcomes) -> KnockoutOutcome | None:
    found = set(outcomes)
    for worst in (KnockoutOutcome.AUTO_DECLINE, KnockoutOutcome.REVIEW, KnockoutOutcome.QUALIFIES):
        if worst in found:
            return worst
    return None
