"""The committee view of one candidate: the same report the PDF is built from, plus the panel's state.

Blind: an assigned interviewer who has not submitted all their assigned rounds gets only counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard.domain.consolidation import ConsolidatedReport, consolidate
from scorecard.domain.ids import utcnow
from scorecard.domain.panel import PanelAccess
from scorecard.domain.seal import SealCheck


@dataclass(frozen=True)
class CommitteeView:
    candidate_id: str
    candidate_name: str
    access: PanelAccess
    submitted: int
    drafts: int
    #: "Round — Name" of assigned rounds with no submitted scorecard yet
    missing: tuple[str, ...] = ()
    #: "Name (Round)" of scorecards still drafts
    draft_names: tuple[str, ...] = ()
    #: None while blind
    report: ConsolidatedReport | None = None
    #: scorecard id → its seal check (only when not blind)
    seals: dict[str, SealCheck] = field(default_factory=dict)
    #: scorecard id → whose laptop vouches for it, in words ("sealed by Bo Chen's laptop", "not sealed")
    vouched: dict[str, str] = field(default_factory=dict)

    @property
    def blind(self) -> bool:
        return self.report is None


def committee_view(services, *, candidate_id: str, viewer: str) -> CommitteeView:
    candidate = services.candidates.get(candidate_id)
    cards = services.scoring.for_candidate(candidate_id)
    access = services.scoring.panel_access(candidate_id=candidate_id, viewer=viewer)
    _vid, kit = services.kits.latest(candidate.kit_id)
    names = {r.id: r.name for r in kit.rounds}
    missing = tuple(f"{names.get(a.round_id, a.round_id)} — {a.interviewer.name}"
                    for a in services.panel.missing(candidate_id))
    base = dict(
        candidate_id=candidate_id, candidate_name=candidate.name, access=access,
        submitted=sum(1 for c in cards if c.is_submitted), drafts=sum(1 for c in cards if not c.is_submitted),
        missing=missing,
    )
    if access is not PanelAccess.OPEN:
        return CommitteeView(**base)
    used = {vid: (services.kits.version(vid), services.kits.kit(vid)) for vid in sorted({c.kit_version_id for c in cards})}
    if used:
        frame = max(used.values(), key=lambda pair: pair[0].version)
    else:
        version_id, kit = services.kits.latest(candidate.kit_id)
        frame = (services.kits.version(version_id), kit)
    report = consolidate(candidate=candidate, kit=frame[1], kit_version=frame[0], scorecards=cards,
                         exported_at=utcnow(), kits_by_version=used)
    seals = {c.id: services.seals.verify(c.id) for c in cards if c.is_submitted}
    vouched = vouched_by(services, seals)
    return CommitteeView(
        **base,
        vouched=vouched,
        draft_names=tuple(f"{c.interviewer} ({names.get(c.round_id, c.round_id)})" for c in cards if not c.is_submitted),
        report=report,
        seals=seals,
    )


def vouched_by(services, seals: dict) -> dict[str, str]:
    """Whose laptop vouches for each submitted scorecard (scorecard id → SealCheck in, words out):
    the committee view and the committee report say the same."""
    keys = {p.public_key: p.name for p in services.panel.interviewers() if p.public_key}
    vouched = {}
    for card_id, check in seals.items():
        if check.public_key and check.ok:
            owner = keys.get(check.public_key)
            vouched[card_id] = f"sealed by {owner}'s laptop" if owner else f"sealed by key {check.fingerprint}"
        else:
            vouched[card_id] = check.status.value
    return vouched
