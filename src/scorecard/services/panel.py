"""The panel of a candidate: interviewers with stable ids, who this laptop's user is, the
coordinator role, assignments, and the blind rule (decided in `domain.panel`).

"Who am I" is a row of the database's `setting` table (`me` = an interviewer id), because the
database *is* the laptop's record: a copy of it moved to a new laptop keeps its user. The role
(`role` = interviewer | coordinator) is a setting too; the command line can override it once
with `--as-coordinator`.
"""

from __future__ import annotations

from dataclasses import dataclass

from scorecard.domain.ids import new_id, utcnow
from scorecard.domain.panel import (
    Assignment,
    Interviewer,
    OwnCard,
    PanelAccess,
    Role,
    merge_candidates,
    missing_rounds,
    panel_access,
)
from scorecard.services.errors import InvalidInput, NotFound
from scorecard.storage.database import Database
from scorecard.storage.panel_store import PanelStore

ME = "me"
ROLE = "role"
SYNC_FOLDER = "sync_folder"
SYNC_PASSPHRASE_REQUIRED = "sync_requires_passphrase"


def normalize(name: str) -> str:
    return " ".join(name.split())


@dataclass(frozen=True)
class AssignedRound:
    round_id: str
    interviewer: Interviewer
    #: "submitted", "draft" or "none": that interviewer's scorecard for the round
    status: str


@dataclass(frozen=True)
class PanelView:
    candidate_id: str
    assigned: tuple[AssignedRound, ...]

    @property
    def missing(self) -> tuple[AssignedRound, ...]:
        return tuple(a for a in self.assigned if a.status != "submitted")


@dataclass(frozen=True)
class MergeGroup:
    """Interviewers who look like one person: same name, different ids."""

    name: str
    keep: Interviewer
    aliases: tuple[Interviewer, ...]
    #: how many scorecards each alias id has, for the preview
    scorecards: dict[str, int]


class PanelService:
    def __init__(self, db: Database):
        self._db = db
        self._store = PanelStore(db)

    # --- who am I, and in which role ------------------------------------------------

    def me(self) -> Interviewer | None:
        me_id = self._store.setting(ME)
        return self._store.interviewer(me_id) if me_id else None

    def set_me(self, name_or_id: str) -> Interviewer:
        """This laptop's user: an interviewer from the pack (by id or exact name), or a new one."""
        person = self._store.interviewer(name_or_id.strip()) or self.identity(name_or_id)
        self._store.set_setting(ME, person.id)
        return person

    def role(self) -> Role:
        return Role(self._store.setting(ROLE) or Role.INTERVIEWER.value)

    def set_role(self, role: Role) -> None:
        self._store.set_setting(ROLE, role.value)

    def setting(self, key: str) -> str | None:
        return self._store.setting(key)

    def set_setting(self, key: str, value: str | None) -> None:
        self._store.set_setting(key, value)

    # --- the exchange folder's bookkeeping -----------------------------------------------

    def seen(self, name: str, digest: str) -> bool:
        return self._store.seen(name, digest)

    def mark_seen(self, name: str, digest: str, at: str) -> None:
        self._store.mark_seen(name, digest, at)

    # --- interviewers ---------------------------------------------------------------

    def interviewers(self) -> list[Interviewer]:
        return self._store.interviewers()

    def set_public_key(self, interviewer_id: str, public_key: str) -> None:
        self._store.set_public_key(interviewer_id, public_key)

    def identity(self, name: str, *, create: bool = True) -> Interviewer:
        """The interviewer with this name (this laptop's user first, then the earliest), or a new one."""
        name = normalize(name)
        if not name:
            raise InvalidInput("give the interviewer's name")
        found = self._store.interviewers_named(name)
        me = self.me()
        if me is not None and any(p.id == me.id for p in found):
            return me
        if found:
            return found[0]
        if not create:
            raise NotFound(f"no interviewer named '{name}'")
        person = Interviewer(id=new_id(), name=name)
        self._store.add_interviewer(person, utcnow().isoformat())
        return person

    def resolve_interviewer(self, name_or_id: str) -> Interviewer:
        return self._store.interviewer(name_or_id.strip()) or self.identity(name_or_id)

    def ids_of(self, viewer: str) -> set[str]:
        """Every id that is this viewer (by name, by being this laptop's user, and through merges)."""
        ids = {p.id for p in self._store.interviewers_named(normalize(viewer))}
        me = self.me()
        if me is not None and me.name == normalize(viewer):
            ids.add(me.id)
        aliases = self._store.aliases()
        canon = {aliases.get(i, i) for i in ids}
        return {i for i in {*ids, *aliases, *aliases.values()} if aliases.get(i, i) in canon} | ids

    # --- assignments ----------------------------------------------------------------

    def assign(self, *, candidate_id: str, round_id: str, interviewers: list[str], round_ids: set[str]) -> list[Interviewer]:
        if round_id not in round_ids:
            raise InvalidInput(f"the kit has no round '{round_id}'; use one of {', '.join(sorted(round_ids))}")
        if not interviewers:
            raise InvalidInput("name at least one interviewer")
        people = [self.resolve_interviewer(n) for n in interviewers]
        self._store.add_assignments([(new_id(), candidate_id, round_id, p.id) for p in people], utcnow().isoformat())
        return people

    def unassign(self, *, candidate_id: str, round_id: str, interviewer: str) -> None:
        person = self.resolve_interviewer(interviewer)
        if not self._store.remove_assignment(candidate_id, round_id, person.id, utcnow().isoformat()):
            raise NotFound(f"{person.name} is not assigned to round '{round_id}'")

    def assignments(self, candidate_id: str | None = None) -> list[Assignment]:
        return self._store.assignments(candidate_id)

    def panel(self, candidate_id: str) -> PanelView:
        cards = self._store.cards(candidate_id)
        aliases = self._store.aliases()
        status: dict[tuple[str, str], str] = {}
        for c in cards:
            key = (c.round_id, aliases.get(c.interviewer_id or "", c.interviewer_id or ""))
            if status.get(key) != "submitted":
                status[key] = c.status
        people = {p.id: p for p in self._store.interviewers()}
        out = []
        for a in self._store.assignments(candidate_id):
            person = people.get(a.interviewer_id) or Interviewer(a.interviewer_id, a.interviewer_id)
            out.append(AssignedRound(a.round_id, person, status.get((a.round_id, aliases.get(a.interviewer_id, a.interviewer_id)), "none")))
        out.sort(key=lambda a: (a.round_id, a.interviewer.name.casefold(), a.interviewer.id))
        return PanelView(candidate_id, tuple(out))

    def missing(self, candidate_id: str) -> list[AssignedRound]:
        """Assigned rounds with no submitted scorecard yet (the committee report's cover names them)."""
        view = self.panel(candidate_id)
        submitted = [(a.round_id, a.interviewer.id) for a in view.assigned if a.status == "submitted"]
        keep = {(m.round_id, m.interviewer_id) for m in missing_rounds(
            [Assignment(candidate_id, a.round_id, a.interviewer.id) for a in view.assigned], submitted)}
        return [a for a in view.assigned if (a.round_id, a.interviewer.id) in keep]

    def my_rounds(self, viewer: str) -> dict[str, set[str]]:
        """{candidate id: round ids} assigned to this viewer."""
        ids = self.ids_of(viewer)
        out: dict[str, set[str]] = {}
        for a in self._store.assignments():
            if a.interviewer_id in ids:
                out.setdefault(a.candidate_id, set()).add(a.round_id)
        return out

    # --- the blind rule ----------------------------------------------------------------

    def access(self, *, candidate_id: str, viewer: str, as_coordinator: bool | None = None) -> PanelAccess:
        role = Role.COORDINATOR if as_coordinator else (Role.INTERVIEWER if as_coordinator is False else self.role())
        ids = self.ids_of(viewer) if viewer else set()
        name = normalize(viewer)
        own = [
            OwnCard(c.round_id, c.status == "submitted")
            for c in self._store.cards(candidate_id)
            if (name and c.interviewer == name) or (c.interviewer_id in ids)
        ]
        assigned = [a.round_id for a in self._store.assignments(candidate_id) if a.interviewer_id in ids]
        return panel_access(role=role, assigned_rounds=assigned, own_cards=own)

    # --- merging the same person typed on two laptops -----------------------------------

    def merge_groups(self) -> list[MergeGroup]:
        aliases = self._store.aliases()
        counts = self._store.scorecards_per_interviewer()
        me = self.me()
        groups = []
        for people in merge_candidates(self._store.interviewers(), aliases):
            keep = next((p for p in people if me and p.id == me.id), None) or max(
                people, key=lambda p: (counts.get(p.id, 0), p.public_key is not None, p.id)
            )
            groups.append(MergeGroup(keep.name, keep, tuple(p for p in people if p.id != keep.id),
                                     {p.id: counts.get(p.id, 0) for p in people}))
        return groups

    def merge(self, groups: list[MergeGroup]) -> int:
        pairs = [(a.id, g.keep.id) for g in groups for a in g.aliases]
        self._store.add_aliases(pairs, utcnow().isoformat())
        return len(pairs)

