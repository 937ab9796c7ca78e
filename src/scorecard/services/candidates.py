"""Candidates: adding them, and the list the first screen shows."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

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

    @property
    def overall(self) -> RoundStatus:
        """The round across the panel: submitted once anyone submitted, else draft if anyone started."""
        if self.submitted:
            return RoundStatus.SUBMITTED
        return RoundStatus.DRAFT if self.drafts else RoundStatus.NONE


@dataclass(frozen=True)
class CandidateOverview:
    """One line of the candidate list, seen by one interviewer: plain values, no database.

    The panel's counts per round (`rounds`) are not read up front — the list needs them only
    for the rows on screen and the selected candidate — so 10,000 candidates cost neither
    80,000 objects nor a count of every scorecard at start-up; the list's model asks
    `CandidateService.round_progress` for them when it needs them.
    """

    id: str
    name: str
    kit_id: str
    kit_title: str
    target_level: str
    target_level_name: str
    auto_declined: bool
    kit_rounds: tuple[RoundOutline, ...] = field(default=(), repr=False, compare=False)
    #: round id → 'draft' | 'submitted' for this interviewer's own scorecards
    my_rounds: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @cached_property
    def my_statuses(self) -> tuple[RoundStatus, ...]:
        """This interviewer's status on each round, in kit order."""
        return tuple(_STATUS[self.my_rounds.get(r.id, "none")] for r in self.kit_rounds)


class CandidateService:
    def __init__(self, db: Database, kits: KitLibrary):
        self._db = db
        self._kits = kits

    def _repo(self):
        from scorecard.storage.repositories import CandidateRepository

        return CandidateRepository(self._db)

    def add(self, *, name: str, kit_id: str, target_level: str) -> Candidate:
        name = " ".join(name.split())
        if not name:
            raise InvalidInput("enter the candidate's name")
        _version_id, kit = self._kits.latest(kit_id)
        if target_level not in {lv.id for lv in kit.levels}:
            known = ", ".join(lv.id for lv in kit.levels)
            raise InvalidInput(f"level '{target_level}' is not in kit '{kit_id}'; use one of {known}")
        candidate = Candidate(id=new_id(), name=name, kit_id=kit_id, target_level=target_level)
        self._repo().add(candidate)
        return candidate

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
        return tuple(
            RoundProgress(
                round_id=r.id,
                round_name=r.name,
                stage=r.stage,
                mine=_STATUS[overview.my_rounds.get(r.id, "none")],
                submitted=submitted.get(r.id, 0),
                drafts=drafts.get(r.id, 0),
            )
            for r in overview.kit_rounds
        )

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
        """The candidate list: two raw queries, and each kit's outline (not its full model) once.
        In no particular order (the window sorts it; `overview_by_name` for readers)."""
        outlines: dict[str, KitOutline | None] = {}
        out = []
        new, setattr_ = object.__new__, object.__setattr__
        db = self._db
        for row in candidate_overview(db, interviewer=interviewer):
            if row.kit_id not in outlines:
                outlines[row.kit_id] = self._kits.outline(row.kit_id)
            kit = outlines[row.kit_id]
            if kit is None:
                continue
            # 10,000 rows at start-up: filled in directly rather than through the frozen
            # dataclass's __init__ (one object.__setattr__ per field) — the same fields
            item = new(CandidateOverview)
            setattr_(item, "__dict__", {
                "id": row.id,
                "name": row.name,
                "kit_id": row.kit_id,
                "kit_title": kit.title,
                "target_level": row.target_level,
                "target_level_name": kit.level_names.get(row.target_level, row.target_level),
                "auto_declined": self._auto_declined(row.knockout_answers) if row.knockout_answers else False,
                "kit_rounds": kit.rounds,
                "my_rounds": row.my_rounds,
            })
            out.append(item)
        return out
