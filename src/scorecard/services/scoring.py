"""Live scoring: every interaction of an interviewer, saved the moment it happens.

Each call validates against the kit and the scorecard's rules, then writes one
durable statement. Callers keep the returned/updated domain object for display;
on `SaveFailed` they keep the input on screen and call again.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from scorecard.domain.kit import Exercise, Kit, KnockoutOutcome, KnockoutQuestion
from scorecard.domain.panel import PanelAccess
from scorecard.domain.scorecard import Addendum, Scorecard, new_id, utcnow
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
        #: scorecards opened in this process, kept current by each interaction, so a click needs no read
        self._open: dict[str, Scorecard] = {}

    def _repo(self):
        from scorecard.storage.repositories import ScorecardRepository

        return ScorecardRepository(self._db)

    # --- opening ----------------------------------------------------------------------

    def start_or_resume(self, *, candidate_id: str, round_id: str, interviewer: str) -> Scorecard:
        """This interviewer's scorecard for the round: the existing one, or a new draft."""
        interviewer = " ".join(interviewer.split())
        if not interviewer:
            raise InvalidInput("set your name as interviewer first")
        repo = self._repo()
        existing = repo.find_id(candidate_id=candidate_id, round_id=round_id, interviewer=interviewer)
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
        )
        repo.add(card)
        self._panel().record_author(card.id, interviewer)
        self._open[card.id] = card
        return card

    def get(self, scorecard_id: str) -> Scorecard:
        card = self._repo().load(scorecard_id)
        if card is None:
            raise NotFound(f"no scorecard with id {scorecard_id}")
        self._open[card.id] = card
        return card

    def kit_for(self, card: Scorecard) -> Kit:
        return self._kits.kit(card.kit_version_id)

    def for_candidate(self, candidate_id: str) -> list[Scorecard]:
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

    # --- interactions -----------------------------------------------------------------

    def _editable(self, scorecard_id: str, item_id: str | None = None) -> tuple[Scorecard, Kit]:
        card = self._open.get(scorecard_id) or self.get(scorecard_id)
        card.ensure_editable()
        kit = self.kit_for(card)
        if item_id is not None and item_id not in {it.id for it in kit.items_in(card.round_id)}:
            raise InvalidInput(f"item '{item_id}' is not part of round '{card.round_id}'")
        return card, kit

    def go_to(self, *, scorecard_id: str, item_id: str) -> None:
        """Remember where the interviewer is, so a resumed draft opens on the same item."""
        card, _kit = self._editable(scorecard_id, item_id)
        self._store.set_scorecard_field(scorecard_id, "current_item_id", item_id, self._clock())
        card.current_item_id = item_id

    def mark_indicator(self, *, scorecard_id: str, item_id: str, key: str, checked: bool) -> None:
        card, kit = self._editable(scorecard_id, item_id)
        if key not in {k for k, _p, _t in kit.item(item_id).indicators.keys()}:
            raise InvalidInput(f"item '{item_id}' has no indicator '{key}'")
        self._store.set_mark(scorecard_id, item_id, key, checked, self._clock())
        (card.response(item_id).checked.add if checked else card.response(item_id).checked.discard)(key)

    def rate(self, *, scorecard_id: str, item_id: str, step_id: str | None) -> None:
        """Set (or with None clear) the rating; rating an item also un-skips it."""
        card, kit = self._editable(scorecard_id, item_id)
        item = kit.item(item_id)
        if not item.is_rated:
            raise InvalidInput(f"'{item.short_title}' is answered by choosing an option, not rated")
        if step_id is not None and step_id not in {s.id for s in kit.scale_for(item).steps}:
            raise InvalidInput(f"'{step_id}' is not a step of scale '{kit.scale_for(item).id}'")
        now = self._clock()
        self._store.set_response_field(scorecard_id, item_id, "rating", step_id, now)
        response = card.response(item_id)
        response.rating = step_id
        if step_id is not None and response.skip_reason is not None:
            self._store.set_response_field(scorecard_id, item_id, "skip_reason", None, now)
            response.skip_reason = None

    def set_notes(self, *, scorecard_id: str, item_id: str, notes: str) -> None:
        card, _kit = self._editable(scorecard_id, item_id)
        self._store.set_notes(scorecard_id, item_id, notes, self._clock())
        card.response(item_id).notes = notes

    def add_time(self, *, scorecard_id: str, item_id: str, seconds: float) -> None:
        if seconds <= 0:
            return
        card, _kit = self._editable(scorecard_id, item_id)
        self._store.add_time(scorecard_id, item_id, seconds, self._clock())
        card.response(item_id).seconds_spent += seconds

    def skip(self, *, scorecard_id: str, item_id: str, reason: str | None) -> None:
        """Skip an item with a reason (None takes the skip back). A skip clears the rating."""
        card, _kit = self._editable(scorecard_id, item_id)
        now = self._clock()
        response = card.response(item_id)
        if reason is not None:
            reason = reason.strip()
            if not reason:
                raise InvalidInput("say why the item is skipped (e.g. 'ran out of time')")
            if response.rating is not None:
                self._store.set_response_field(scorecard_id, item_id, "rating", None, now)
                response.rating = None
        self._store.set_response_field(scorecard_id, item_id, "skip_reason", reason, now)
        response.skip_reason = reason

    def choose_option(self, *, scorecard_id: str, item_id: str, option_id: str | None) -> KnockoutOutcome | None:
        """Record a knock-out answer; an auto-decline flags the candidate at once."""
        card, kit = self._editable(scorecard_id, item_id)
        item = kit.item(item_id)
        if not isinstance(item, KnockoutQuestion):
            raise InvalidInput(f"'{item.short_title}' is not a knock-out question")
        outcome = item.option(option_id).outcome if option_id is not None else None
        self._store.set_response_field(scorecard_id, item_id, "knockout_option", option_id, self._clock())
        card.response(item_id).knockout_option = option_id
        self._refresh_auto_decline(card.candidate_id)
        return outcome

    def _refresh_auto_decline(self, candidate_id: str) -> None:
        declined = any(
            c.knockout_outcome(self.kit_for(c)) is KnockoutOutcome.AUTO_DECLINE
            for c in self.for_candidate(candidate_id)
        )
        self._store.set_auto_declined(candidate_id, declined)

    def choose_variant(self, *, scorecard_id: str, item_id: str, variant_id: str | None) -> None:
        card, kit = self._editable(scorecard_id, item_id)
        item = kit.item(item_id)
        if not isinstance(item, Exercise) or (
            variant_id is not None and variant_id not in {v.id for v in item.variants}
        ):
            raise InvalidInput(f"'{variant_id}' is not a variant of '{item.short_title}'")
        self._store.set_response_field(scorecard_id, item_id, "variant", variant_id, self._clock())
        card.response(item_id).variant = variant_id

    def set_recommendation(self, *, scorecard_id: str, step_id: str | None) -> None:
        card, kit = self._editable(scorecard_id)
        if step_id is not None and step_id not in {s.id for s in kit.recommendation_scale.steps}:
            raise InvalidInput(f"'{step_id}' is not on the recommendation scale")
        self._store.set_scorecard_field(scorecard_id, "recommendation", step_id, self._clock())
        card.recommendation = step_id

    def set_summary(self, *, scorecard_id: str, text: str) -> None:
        card, _kit = self._editable(scorecard_id)
        self._store.set_scorecard_field(scorecard_id, "summary", text, self._clock())
        card.summary = text

    def _seals(self):
        from scorecard.services.seals import SealService

        return SealService(self._db)

    # --- closing ------------------------------------------------------------------------

    def submit(self, *, scorecard_id: str) -> Scorecard:
        """Lock the scorecard. Raises `CannotSubmit` listing what is still missing."""
        card = self.get(scorecard_id)  # re-read: submit from what is on disk, not from memory
        kit = self.kit_for(card)
        now = self._clock()
        card.submit(kit, at=now)
        self._store.mark_submitted(scorecard_id, now)
        self._seals().seal_scorecard(scorecard_id)
        self._open[card.id] = card
        return card

    def add_addendum(self, *, scorecard_id: str, author: str, text: str) -> Addendum:
        """Append a dated correction to a submitted scorecard; the original stays as it was."""
        card = self.get(scorecard_id)
        if not card.is_submitted:
            raise InvalidInput("a draft can still be edited directly; addenda are for submitted scorecards")
        if not text.strip():
            raise InvalidInput("write the correction text")
        addendum = Addendum(
            id=new_id(), scorecard_id=scorecard_id, author=author, text=text.strip(), created_at=self._clock()
        )
        self._repo().add_addendum(addendum)
        self._seals().seal_addendum(addendum)
        card.addenda.append(addendum)
        return addendum
