"""Live scoring: take the card, call the domain, store the change.

Every rule (rating clears the skip, what blocks a submission, …) lives in
`domain/scorecard.py`: each interaction method there checks its input against the kit,
applies the rule to the card in memory and returns a change value, which `save` writes
in one transaction. There is one in-memory copy of each open scorecard (`get` hands out
the same object to the window and to these methods). A round that is only looked at is
not stored: the scorecard is written with its first real interaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from scorecard.domain.kit import Kit
from scorecard.domain.panel import PanelAccess
from scorecard.domain.scorecard import (
    AddendumAdded,
    Change,
    Created,
    Discarded,
    Scorecard,
    ScorecardStatus,
    Submitted,
    new_id,
    utcnow,
)
from scorecard.services.errors import InvalidInput, NotFound
from scorecard.services.kit_library import KitLibrary
from scorecard.storage.database import Database
from scorecard.storage.scorecard_store import ScorecardStore


class ScoringService:
    def __init__(self, db: Database, kits: KitLibrary, *, clock: Callable[[], datetime] = utcnow):
        self._db = db
        self._kits = kits
        self._store = ScorecardStore(db)
        self._clock = clock
        #: the one in-memory copy of each scorecard opened in this process (shared with the window)
        self._open: dict[str, Scorecard] = {}

    def _repo(self):
        from scorecard.storage.repositories import ScorecardRepository

        return ScorecardRepository(self._db)

    def now(self) -> datetime:
        return self._clock()

    # --- opening ----------------------------------------------------------------------

    def start_or_resume(self, *, candidate_id: str, round_id: str, interviewer: str) -> Scorecard:
        """This interviewer's scorecard for the round: the existing one, or a new draft.

        A new draft lives in memory only until its first real interaction (`Scorecard.to_store`):
        opening a round and looking at it stores nothing.
        """
        interviewer = " ".join(interviewer.split())
        if not interviewer:
            raise InvalidInput("set your name as interviewer first")
        for card in self._open.values():
            if (card.candidate_id, card.round_id, card.interviewer) == (candidate_id, round_id, interviewer):
                return card
        existing = self._repo().find_id(candidate_id=candidate_id, round_id=round_id, interviewer=interviewer)
        if existing is not None:
            return self.get(existing)
        from scorecard.storage.repositories import CandidateRepository

        candidate = CandidateRepository(self._db).get(candidate_id)
        if candidate is None:
            raise NotFound(f"no candidate with id {candidate_id}")
        version_id, kit = self._kits.latest(candidate.kit_id)
        if round_id not in {r.id for r in kit.rounds}:
            raise InvalidInput(f"kit '{kit.id}' has no round '{round_id}'")
        if candidate.target_level not in {lv.id for lv in kit.levels}:
            known = ", ".join(lv.id for lv in kit.levels)
            raise InvalidInput(
                f"the current version of kit '{kit.id}' has no level '{candidate.target_level}', "
                f"{candidate.name}'s target level (it has {known}); import a kit version that has it"
            )
        items = kit.items_in(round_id)
        now = self._clock()
        card = Scorecard(
            id=new_id(),
            candidate_id=candidate_id,
            kit_version_id=version_id,
            round_id=round_id,
            interviewer=interviewer,
            current_item_id=items[0].id if items else None,
            created_at=now,
            updated_at=now,
            stored=False,
        )
        self._open[card.id] = card
        return card

    def get(self, scorecard_id: str) -> Scorecard:
        """The scorecard: the open in-memory copy if there is one, else read from the database."""
        card = self._open.get(scorecard_id)
        if card is not None:
            return card
        card = self._repo().load(scorecard_id)
        if card is None:
            raise NotFound(f"no scorecard with id {scorecard_id}")
        self._open[card.id] = card
        return card

    def reload(self, scorecard_id: str) -> Scorecard:
        """Forget the in-memory copy and read the scorecard again (after another program changed it)."""
        self._open.pop(scorecard_id, None)
        return self.get(scorecard_id)

    def kit_for(self, card: Scorecard) -> Kit:
        return self._kits.kit(card.kit_version_id)

    def for_candidate(self, candidate_id: str) -> list[Scorecard]:
        """Every stored scorecard for the candidate, as stored (fresh objects, not the open copies)."""
        return self._repo().for_candidate(candidate_id)

    def _panel(self):
        from scorecard.services.panel import PanelService

        return PanelService(self._db)

    def panel_access(self, *, candidate_id: str, viewer: str, as_coordinator: bool | None = None) -> PanelAccess:
        """May `viewer` see other interviewers' ratings and notes for this candidate?

        The window, the exports, the command line and `sync` all ask here; the rule itself is
        `domain.panel.panel_access` (assignments, the coordinator role, own drafts).
        """
        return self._panel().access(candidate_id=candidate_id, viewer=viewer, as_coordinator=as_coordinator)

    def visible_to(self, *, candidate_id: str, viewer: str) -> list[Scorecard]:
        """Blind by default: others' scorecards only once the viewer has submitted all of their own.

        An interviewer with any draft for this candidate — or no scorecard at all yet —
        sees only their own work, so their judgement stays independent.
        """
        cards = self.for_candidate(candidate_id)
        if self.panel_access(candidate_id=candidate_id, viewer=viewer) is PanelAccess.OPEN:
            return cards
        return [c for c in cards if c.interviewer == viewer]

    # --- storing a change ---------------------------------------------------------------

    def save(self, change: Change) -> None:
        """Write one change of an open scorecard in one transaction (raises `SaveFailed`; call
        again with the same change to retry — the card in memory already holds it)."""
        card = self._open.get(change.scorecard_id)
        if card is None:
            raise NotFound(f"scorecard {change.scorecard_id} is not open")
        parts = card.to_store(change, at=self._clock())
        if any(isinstance(p, Created) for p in parts):  # the first write carries the author's stable id
            author = self._panel().identity(card.interviewer).id
            parts = [replace(p, author_id=author) if isinstance(p, Created) else p for p in parts]
        seal = self._seal_for(change)
        if seal is None:
            self._store.apply(*parts)
        else:
            # a submit or an addendum and this laptop's seal on it in one transaction: never one
            # stored unsealed by a crash between the two, whether the window or the CLI made it
            with self._store.together():
                self._store.apply(*parts)
                seal()
        if any(isinstance(p, Created) for p in parts):
            card.stored = True
        if isinstance(change, Discarded):
            self._open.pop(card.id, None)

    def _seal_for(self, change: Change) -> Callable[[], None] | None:
        """What seals the content `change` locks (a submit, an addendum), its key loaded already."""
        if not isinstance(change, Submitted | AddendumAdded):
            return None
        seals = self._seals()
        seals.ready()  # reading or creating the key file: before the transaction, not inside it
        if isinstance(change, Submitted):
            return lambda: seals.seal_scorecard(change.scorecard_id)
        return lambda: seals.seal_addendum(change.addendum)

    def _interact(self, scorecard_id: str, act: Callable[[Scorecard, Kit], Change]) -> Change:
        card = self.get(scorecard_id)
        change = act(card, self.kit_for(card))
        self.save(change)
        return change

    # --- interactions (the window calls the same domain methods on the shared card) ------

    def go_to(self, *, scorecard_id: str, item_id: str) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.go_to(k, item_id, at=self._clock()))

    def mark_indicator(self, *, scorecard_id: str, item_id: str, key: str, checked: bool) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.mark(k, item_id, key, checked, at=self._clock()))

    def rate(self, *, scorecard_id: str, item_id: str, step_id: str | None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.rate(k, item_id, step_id, at=self._clock()))

    def set_notes(self, *, scorecard_id: str, item_id: str, notes: str) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.set_notes(k, item_id, notes, at=self._clock()))

    def add_time(self, *, scorecard_id: str, item_id: str | None, seconds: float,
                 round_seconds: float | None = None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.add_time(
            k, item_id, seconds, round_seconds=round_seconds, at=self._clock()))

    def skip(self, *, scorecard_id: str, item_id: str, reason: str | None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.skip(k, item_id, reason, at=self._clock()))

    def choose_option(self, *, scorecard_id: str, item_id: str, option_id: str | None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.choose_option(k, item_id, option_id, at=self._clock()))

    def choose_variant(self, *, scorecard_id: str, item_id: str, variant_id: str | None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.choose_variant(k, item_id, variant_id, at=self._clock()))

    def set_recommendation(self, *, scorecard_id: str, step_id: str | None) -> Change:
        return self._interact(scorecard_id, lambda c, k: c.set_recommendation(k, step_id, at=self._clock()))

    def set_summary(self, *, scorecard_id: str, text: str) -> Change:
        return self._interact(scorecard_id, lambda c, _k: c.set_summary(text, at=self._clock()))

    def _seals(self):
        from scorecard.services.seals import SealService

        return SealService(self._db)

    # --- closing ------------------------------------------------------------------------

    def submit(self, *, scorecard_id: str) -> Scorecard:
        """Lock the scorecard. Raises `CannotSubmit` with the structured problems."""
        card = self.get(scorecard_id)
        change = card.submit(self.kit_for(card), at=self._clock())
        try:
            self.save(change)  # sealed in the same transaction
        except Exception:
            card.status, card.submitted_at = ScorecardStatus.DRAFT, None  # not on disk: not submitted
            raise
        return card

    def add_addendum(self, *, scorecard_id: str, author: str, text: str, item_id: str | None = None):
        """Append a dated correction to a submitted scorecard, optionally naming the item it corrects."""
        card = self.get(scorecard_id)
        change = card.add_addendum(self.kit_for(card), author=author, text=text, item_id=item_id, at=self._clock())
        try:
            self.save(change)  # sealed in the same transaction
        except Exception:
            card.addenda.remove(change.addendum)  # not on disk: not added
            raise
        return change.addendum

    def discard(self, *, scorecard_id: str) -> None:
        """Throw away a draft and everything recorded on it (the caller has asked for confirmation)."""
        card = self.get(scorecard_id)
        self.save(card.discard())
