"""Kit versions: the report's frame (newest version) and the version each scorecard was scored on."""

from __future__ import annotations

from collections.abc import Iterable

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.consolidation.model import KitsByVersion, VersionUse
from scorecard.domain.kit import Kit
from scorecard.domain.scorecard import Scorecard


class _Versions:
    """The report's frame (newest version) and the version each scorecard was scored on."""

    def __init__(self, kit: Kit, kit_version: KitVersion, kits_by_version: KitsByVersion | None):
        if kit_version.kit_id != kit.id:
            raise ValueError(f"kit version {kit_version.id!r} is of kit {kit_version.kit_id!r}, not {kit.id!r}")
        self.frame_kit = kit
        self.frame = kit_version
        self._by_id: dict[str, tuple[KitVersion, Kit]] = {kit_version.id: (kit_version, kit)}
        for vid, (kv, k) in (kits_by_version or {}).items():
            if vid == kit_version.id:
                continue
            if kv.id != vid:
                raise ValueError(f"kits_by_version[{vid!r}] holds kit version {kv.id!r}")
            if kv.kit_id != kit.id or k.id != kit.id:
                raise ValueError(f"kit version {vid!r} is of kit {kv.kit_id!r}, not {kit.id!r}")
            self._by_id[vid] = (kv, k)

    def has(self, version_id: str) -> bool:
        return version_id in self._by_id

    def kit(self, sc: Scorecard) -> Kit:
        return self._by_id[sc.kit_version_id][1]

    def version(self, sc: Scorecard) -> KitVersion:
        return self._by_id[sc.kit_version_id][0]

    def older(self, sc: Scorecard) -> bool:
        return sc.kit_version_id != self.frame.id

    def uses(self, cards: list[Scorecard]) -> tuple[VersionUse, ...]:
        counts: dict[str, int] = {}
        for sc in cards:
            counts[sc.kit_version_id] = counts.get(sc.kit_version_id, 0) + 1
        counts.setdefault(self.frame.id, 0)
        out = [
            VersionUse(version=kv.version, version_id=kv.id, title=kv.title, content_hash=kv.content_hash,
                       scorecards=counts[vid], is_frame=vid == self.frame.id)
            for vid, (kv, _k) in self._by_id.items()
            if vid in counts
        ]
        return tuple(sorted(out, key=lambda u: (not u.is_frame, -u.version)))


def _check(candidate: Candidate, versions: _Versions, scorecards: Iterable[Scorecard]) -> None:
    for sc in scorecards:
        if sc.candidate_id != candidate.id:
            raise ValueError(f"scorecard {sc.id!r} belongs to candidate {sc.candidate_id!r}, not {candidate.id!r}")
        if not versions.has(sc.kit_version_id):
            raise ValueError(
                f"scorecard {sc.id!r} was scored on kit version {sc.kit_version_id!r}, which is neither "
                f"the report's version {versions.frame.id!r} nor in kits_by_version"
            )
        kv, kit = versions.version(sc), versions.kit(sc)
        if kv.version > versions.frame.version:
            raise ValueError(
                f"scorecard {sc.id!r} was scored on version {kv.version} of kit {kit.id!r}, newer than the "
                f"report's version {versions.frame.version}; lay the report out by the newest version"
            )
        if sc.round_id not in {r.id for r in kit.rounds}:
            raise ValueError(
                f"scorecard {sc.id!r} is for round {sc.round_id!r}, which version {kv.version} of kit "
                f"{kit.id!r} lacks"
            )

