"""Candidates: adding them, and the list the first screen shows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

from scorecard.domain.candidate import Candidate, RoundStatus, auto_declined_by
from scorecard.domain.ids import new_id
from scorecard.services.errors import InvalidInput, NotFound
from scorecard.services.kit_library import KitLibrary, KitOutline, RoundOutline
from scorecard.storage.database import Database
from scorecard.storage.fast_reads import candidate_overview, knockout_answers, round_counts

_STATUS = {status.value: status for status in RoundStatus}


@dataclass(frozen=True)
class RoundProgress:
    round_id: str
    round_name: str
    stage: str
    #: this interviewer's own status on the round
    mine: RoundStatus
    #: how many scorecards (anyone's) were submitted for the round
    submitted: int
    #: how many scorecards (anyone's) are still drafts
    drafts: int = 0
    #: this interviewer is assigned to the round (services.panel)
    assigned: bool = False

    @property
    def overall(self) -> RoundStatus:
        """The round across the panel: submitted once anyone submitted, else draft if anyone started."""
        if self.submitted:
            return RoundStatus.SUBMITTED
        return RoundStatus.DRAFT if self.drafts else RoundStatus.NONE


class CandidateOverview(NamedTuple):
    """One line of the candidate list, seen by one interviewer: plain values, no database.

    A named tuple, not a dataclass: the list builds 10,000 of them at start-up, and a tuple
    is made in one step where a frozen dataclass sets each field on its own.
    The panel's counts per round are not read up front — the list needs them only for the
    rows on screen and the selected candidate — so 10,000 candidates cost neither 80,000
    objects nor a count of every scorecard at start-up; the list's model asks
    `CandidateService.round_progress` for them when it needs them.
    """

    id: str
    name: str
    kit_id: str
    kit_title: str
    target_level: str
    target_level_name: str
    auto_declined: bool
    kit_rounds: tuple[RoundOutline, ...] = ()
    #: round id → 'draft' | 'submitted' for this interviewer's own scorecards
    my_rounds: Mapping[str, str] = MappingProxyType({})
    withdrawn: bool = False
    #: rounds of this candidate assigned to the viewing interviewer (services.panel)
    assigned: frozenset[str] = frozenset()

    @property
    def next_assigned_round(self) -> str | None:
        """The viewer's next assigned round without a submitted scorecard of theirs (kit order), if any."""
        for r in self.kit_rounds:
            if r.id in self.assigned and self.my_rounds.get(r.id, "none") != "submitted":
                return r.id
        return None

    @property
    def my_statuses(self) -> tuple[RoundStatus, ...]:
        """This interviewer's status on each round, in kit order."""
        return tuple(_STATUS[self.my_rounds.get(r.id, "none")] for r in self.kit_rounds)


_NONE_ASSIGNED: frozenset[str] = frozenset()
_NO_ROUNDS: Mapping[str, str] = MappingProxyType({})


class CandidateService:
    def __init__(self, db: Database, kits: KitLibrary):
        self._db = db
        self._kits = kits

    def _repo(self):
        from scorecard.storage.repositories import CandidateRepository

        return CandidateRepository(self._db)

    def add(self, *, name: str, kit_id: str, target_level: str) -> Candidate:
        from scorecard.domain.text import name_problem

        name = " ".join(name.split())  # a pasted line break or tab becomes one space
        problem = name_problem(name)
        if problem is not None:
            raise InvalidInput(problem)
        _version_id, kit = self._kits.latest(kit_id)
        if target_level not in {lv.id for lv in kit.levels}:
            known = ", ".join(lv.id for lv in kit.levels)
            raise InvalidInput(f"level '{target_level}' is not in kit '{kit_id}'; use one of {known}")
        candidate = Candidate(id=new_id(), name=name, kit_id=kit_id, target_level=target_level)
        self._repo().add(candidate)
        return candidate

    def _panel_store(self):
        from scorecard.storage.panel_store import PanelStore

        return PanelStore(self._db)

    def edit(self, *, candidate_id: str, name: str | None = None, target_level: str | None = None) -> Candidate:
        """Change a candidate's name and/or target level (a level must be in the kit's current version)."""
        current = self.get(candidate_id)
        new_name = " ".join((name if name is not None else current.name).split())
        if not new_name:
            raise InvalidInput("enter the candidate's name")
        level = target_level if target_level is not None else current.target_level
        if level != current.target_level:
            _vid, kit = self._kits.latest(current.kit_id)
            if level not in {lv.id for lv in kit.levels}:
                known = ", ".join(lv.id for lv in kit.levels)
                raise InvalidInput(f"level '{level}' is not in kit '{current.kit_id}'; use one of {known}")
        from scorecard.domain.ids import utcnow

        self._panel_store().update_candidate(candidate_id, name=new_name, target_level=level, at=utcnow().isoformat())
        return self.get(candidate_id)

    def withdraw(self, *, candidate_id: str) -> Candidate:
        """Withdraw a candidate: they stay, with their scorecards, but are marked withdrawn."""
        from scorecard.domain.ids import utcnow

        if not self.get(candidate_id).is_withdrawn:
            now = utcnow().isoformat()
            self._panel_store().set_withdrawn(candidate_id, now, now)
        return self.get(candidate_id)

    def reopen(self, *, candidate_id: str) -> Candidate:
        from scorecard.domain.ids import utcnow

        if self.get(candidate_id).is_withdrawn:
            self._panel_store().set_withdrawn(candidate_id, None, utcnow().isoformat())
        return self.get(candidate_id)

    def get(self, candidate_id: str) -> Candidate:
        found = self._repo().get(candidate_id)
        if found is None:
            raise NotFound(f"no candidate with id {candidate_id}")
        return self._with_derived(found)

    def _with_derived(self, candidate: Candidate) -> Candidate:
        candidate.auto_declined = self._auto_declined(knockout_answers(self._db, candidate.id))
        return candidate

    def _auto_declined(self, answers) -> bool:
        return auto_declined_by(
            self._kits.knockout_outcomes(version_id).get((item_id, option_id), "")
            for version_id, item_id, option_id in answers
        )

    def round_progress(self, overview: CandidateOverview) -> tuple[RoundProgress, ...]:
        """Each round of the candidate's kit with this interviewer's status and the panel's counts
        (one indexed query; the list asks only for rows it shows)."""
        submitted, drafts = round_counts(self._db, overview.id)
        rounds = [
            RoundProgress(
                round_id=r.id,
                round_name=r.name,
                stage=r.stage,
                mine=_STATUS[overview.my_rounds.get(r.id, "none")],
                submitted=submitted.get(r.id, 0),
                drafts=drafts.get(r.id, 0),
                assigned=r.id in overview.assigned,
            )
            for r in overview.kit_rounds
        ]
        rounds.sort(key=lambda p: not p.assigned)  # the viewer's own assigned rounds first, else kit order
        return tuple(rounds)

    def resolve(self, id_or_name: str) -> Candidate:
        """A candidate by id or by exact name; an ambiguous name asks for the id."""
        repo = self._repo()
        found = repo.get(id_or_name)
        if found is not None:
            return self._with_derived(found)
        matches = repo.by_name(id_or_name)
        if len(matches) == 1:
            return self._with_derived(matches[0])
        if not matches:
            raise NotFound(
                f"no candidate has the id or exact name '{id_or_name}'; "
                "`scorecard candidates` lists them"
            )
        ids = ", ".join(c.id for c in matches)
        raise InvalidInput(f"{len(matches)} candidates are named '{id_or_name}'; give the id instead ({ids})")

    def stranded_by(self, kit_id: str) -> list[Candidate]:
        """Candidates whose target level the kit's current version no longer has (no new round can start)."""
        _vid, kit = self._kits.latest(kit_id)
        levels = {lv.id for lv in kit.levels}
        return [c for c in self.all() if c.kit_id == kit_id and c.target_level not in levels]

    def overview_by_name(self, *, interviewer: str) -> list[CandidateOverview]:
        """`overview` sorted by name, case-insensitively (the CLI's listing)."""
        return sorted(self.overview(interviewer=interviewer), key=lambda r: (r.name.casefold(), r.name))

    def all(self) -> list[Candidate]:
        return [self._with_derived(c) for c in self._repo().all()]

    def overview(self, *, interviewer: str) -> list[CandidateOverview]:
        """The candidate list: a few raw queries (however many candidates), and each kit's outline (not its full model) once.
        In no particular order (the window sorts it; `overview_by_name` for readers)."""
        outlines: dict[str, KitOutline | None] = {}
        from scorecard.services.panel import PanelService

        panel = PanelService(self._db)
        assigned = panel.my_rounds(interviewer) if interviewer else {}
        data = candidate_overview(self._db, interviewer=interviewer)
        knockouts, mine = data.knockout_answers, data.my_rounds
        out = []
        append = out.append
        make = CandidateOverview._make  # the fields in order (length checked), without keywords per row
        for cand_id, name, kit_id, target_level, withdrawn in data.candidates:
            if kit_id not in outlines:
                outlines[kit_id] = self._kits.outline(kit_id)
            kit = outlines[kit_id]
            if kit is None:
                continue
            answers = knockouts.get(cand_id)
            rounds = assigned.get(cand_id)
            append(make((
                cand_id, name, kit_id, kit.title, target_level, kit.level_names.get(target_level, target_level),
                self._auto_declined(answers) if answers else False,
                kit.rounds,
                mine.get(cand_id) or _NO_ROUNDS,
                bool(withdrawn),
                frozenset(rounds) if rounds else _NONE_ASSIGNED,
            )))
        if assigned:  # an interviewer's candidates with assigned rounds still to do come first
            out.sort(key=lambda c: c.next_assigned_round is None)
        return out
