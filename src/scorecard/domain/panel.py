"""The panel: who is assigned to which round, who may see what, and what a laptop's user is.

The blind rule is decided here once; `ScoringService.panel_access` asks it for the window,
the command line, the exports and `sync` alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum


class PanelAccess(StrEnum):
    """What one person may see of the rest of the panel's work on a candidate."""

    #: Everything: they submitted all their assigned rounds (and every scorecard they started),
    #: or they act as the coordinator.
    OPEN = "open"
    #: One of their scorecards is still a draft, or an assigned round of theirs has no submitted
    #: scorecard yet: only their own work, and counts.
    BLIND_DRAFT = "blind_draft"
    #: They are not assigned and have scored nothing for this candidate. Only their own (nothing);
    #: a committee export needs them to confirm they act as the coordinator.
    NOT_ON_PANEL = "not_on_panel"


class Role(StrEnum):
    INTERVIEWER = "interviewer"
    COORDINATOR = "coordinator"


@dataclass(frozen=True)
class Interviewer:
    id: str
    name: str
    public_key: str | None = None


@dataclass(frozen=True)
class Assignment:
    candidate_id: str
    round_id: str
    interviewer_id: str


@dataclass(frozen=True)
class OwnCard:
    """One of the viewer's own scorecards for the candidate, as the rule needs it."""

    round_id: str
    submitted: bool


def panel_access(
    *,
    role: Role,
    assigned_rounds: Iterable[str],
    own_cards: Iterable[OwnCard],
) -> PanelAccess:
    """May the viewer see other interviewers' ratings and notes for this candidate?

    - the coordinator (a role taken explicitly) sees everything;
    - an interviewer assigned to rounds of this candidate sees only counts until each of
      those rounds has a submitted scorecard of theirs — discarding a draft does not lift it;
    - any draft of their own blinds them, assigned or not;
    - otherwise their submitted scorecards open the panel, and having none means not on the panel.
    """
    if role is Role.COORDINATOR:
        return PanelAccess.OPEN
    own = list(own_cards)
    if any(not c.submitted for c in own):
        return PanelAccess.BLIND_DRAFT
    submitted_rounds = {c.round_id for c in own if c.submitted}
    assigned = set(assigned_rounds)
    if assigned - submitted_rounds:
        return PanelAccess.BLIND_DRAFT
    return PanelAccess.OPEN if own or assigned else PanelAccess.NOT_ON_PANEL


def may_receive(access: PanelAccess, *, author_is_viewer: bool) -> bool:
    """May a laptop take in a scorecard for the candidate now (what `sync` brings)?"""
    return author_is_viewer or access is not PanelAccess.BLIND_DRAFT


def missing_rounds(assignments: Iterable[Assignment], submitted: Iterable[tuple[str, str]]) -> list[Assignment]:
    """Assigned rounds with no submitted scorecard by that interviewer yet ((round, interviewer id) pairs)."""
    done = set(submitted)
    return [a for a in assignments if (a.round_id, a.interviewer_id) not in done]


def merge_candidates(interviewers: Iterable[Interviewer], aliases: dict[str, str]) -> list[tuple[Interviewer, ...]]:
    """Groups of interviewers with the same name but different ids, not already merged by an alias."""
    by_name: dict[str, list[Interviewer]] = {}
    for person in interviewers:
        by_name.setdefault(" ".join(person.name.split()).casefold(), []).append(person)
    groups = []
    for people in by_name.values():
        canonical = {aliases.get(p.id, p.id) for p in people}
        if len(canonical) > 1:
            groups.append(tuple(sorted(people, key=lambda p: p.id)))
    return groups
