"""Rows ↔ domain objects through SQLModel sessions. No business rules here.

The per-click writes live in `scorecard_store.py` and the start-up candidate list
in `fast_reads.py`: both go through the raw driver because they are hot paths.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import func, select

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.scorecard import (
    Addendum,
    ItemResponse,
    Scorecard,
    ScorecardStatus,
)
from scorecard.storage.database import Database
from scorecard.storage.tables import (
    AddendumRow,
    CandidateRow,
    IndicatorMarkRow,
    ItemResponseRow,
    KitCurrentRow,
    KitSourceRow,
    KitVersionRow,
    ScorecardRow,
)


def to_text(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def from_text(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


# --- kits --------------------------------------------------------------------------


def _kit_version(row: KitVersionRow) -> KitVersion:
    return KitVersion(
        id=row.id,
        kit_id=row.kit_id,
        version=row.version,
        content_hash=row.content_hash,
        imported_at=from_text(row.imported_at),
        title=row.title,
    )


class KitRepository:
    def __init__(self, db: Database):
        self._db = db

    def find_by_hash(self, kit_id: str, content_hash: str) -> KitVersion | None:
        with self._db.session() as s:
            row = s.exec(
                select(KitVersionRow).where(
                    KitVersionRow.kit_id == kit_id, KitVersionRow.content_hash == content_hash
                )
            ).first()
            return _kit_version(row) if row else None

    def add_version(
        self,
        *,
        id: str,
        kit_id: str,
        title: str,
        content_hash: str,
        source_name: str,
        source_text: str,
        kit_json: str,
        imported_at: datetime,
    ) -> KitVersion:
        """Store a new version numbered one above the latest, in a single transaction."""
        with self._db.session() as s:
            latest = s.exec(
                select(func.max(KitVersionRow.version)).where(KitVersionRow.kit_id == kit_id)
            ).one()
            row = KitVersionRow(
                id=id,
                kit_id=kit_id,
                version=(latest or 0) + 1,
                title=title,
                content_hash=content_hash,
                source_name=source_name,
                source_text=source_text,
                kit_json=kit_json,
                imported_at=to_text(imported_at),
            )
            s.add(row)
            s.flush()
            return _kit_version(row)

    def make_current(self, kit_id: str, version_id: str) -> None:
        with self._db.session() as s:
            s.merge(KitCurrentRow(kit_id=kit_id, kit_version_id=version_id))

    def current_id(self, kit_id: str) -> str | None:
        with self._db.session() as s:
            row = s.get(KitCurrentRow, kit_id)
            return row.kit_version_id if row else None

    def remember_source(self, sha256: str, version_id: str) -> None:
        with self._db.session() as s:
            s.merge(KitSourceRow(sha256=sha256, kit_version_id=version_id))

    def versions(self) -> list[KitVersion]:
        with self._db.session() as s:
            rows = s.exec(select(KitVersionRow).order_by(KitVersionRow.kit_id, KitVersionRow.version))
            return [_kit_version(r) for r in rows]

    def get(self, version_id: str) -> KitVersion | None:
        with self._db.session() as s:
            row = s.get(KitVersionRow, version_id)
            return _kit_version(row) if row else None

    def kit_json(self, version_id: str) -> str:
        with self._db.session() as s:
            row = s.get(KitVersionRow, version_id)
            if row is None:
                raise KeyError(f"no stored kit version {version_id}")
            return row.kit_json


# --- candidates ------------------------------------------------------------------------


def _candidate(row: CandidateRow) -> Candidate:
    return Candidate(
        id=row.id,
        name=row.name,
        kit_id=row.kit_id,
        target_level=row.target_level,
        created_at=from_text(row.created_at),
        withdrawn_at=from_text(row.withdrawn_at),
    )


class CandidateRepository:
    def __init__(self, db: Database):
        self._db = db

    def add(self, candidate: Candidate) -> None:
        with self._db.session() as s:
            s.add(
                CandidateRow(
                    id=candidate.id,
                    name=candidate.name,
                    kit_id=candidate.kit_id,
                    target_level=candidate.target_level,
                    created_at=to_text(candidate.created_at),
                )
            )

    def get(self, candidate_id: str) -> Candidate | None:
        with self._db.session() as s:
            row = s.get(CandidateRow, candidate_id)
            return _candidate(row) if row else None

    def by_name(self, name: str) -> list[Candidate]:
        with self._db.session() as s:
            return [_candidate(r) for r in s.exec(select(CandidateRow).where(CandidateRow.name == name))]

    def all(self) -> list[Candidate]:
        with self._db.session() as s:
            return [_candidate(r) for r in s.exec(select(CandidateRow).order_by(CandidateRow.name))]


# --- scorecards ------------------------------------------------------------------------


class ScorecardRepository:
    def __init__(self, db: Database):
        self._db = db

    def find_id(self, *, candidate_id: str, round_id: str, interviewer: str) -> str | None:
        with self._db.session() as s:
            return s.exec(
                select(ScorecardRow.id).where(
                    ScorecardRow.candidate_id == candidate_id,
                    ScorecardRow.round_id == round_id,
                    ScorecardRow.interviewer == interviewer,
                )
            ).first()

    def load(self, scorecard_id: str) -> Scorecard | None:
        with self._db.session() as s:
            row = s.get(ScorecardRow, scorecard_id)
            if row is None:
                return None
            return self._assemble(s, [row])[0]

    def for_candidate(self, candidate_id: str) -> list[Scorecard]:
        with self._db.session() as s:
            rows = list(
                s.exec(
                    select(ScorecardRow)
                    .where(ScorecardRow.candidate_id == candidate_id)
                    .order_by(ScorecardRow.round_id, ScorecardRow.interviewer)
                )
            )
            return self._assemble(s, rows)

    @staticmethod
    def _assemble(s, rows: list[ScorecardRow]) -> list[Scorecard]:
        ids = [r.id for r in rows]
        cards = {
            r.id: Scorecard(
                id=r.id,
                candidate_id=r.candidate_id,
                kit_version_id=r.kit_version_id,
                round_id=r.round_id,
                interviewer=r.interviewer,
                status=ScorecardStatus(r.status),
                recommendation=r.recommendation,
                summary=r.summary,
                current_item_id=r.current_item_id,
                created_at=from_text(r.created_at),
                updated_at=from_text(r.updated_at),
                submitted_at=from_text(r.submitted_at),
                round_seconds=r.round_seconds or 0.0,
            )
            for r in rows
        }
        if not ids:
            return []
        for r in s.exec(select(ItemResponseRow).where(ItemResponseRow.scorecard_id.in_(ids))):
            cards[r.scorecard_id].responses[r.item_id] = ItemResponse(
                item_id=r.item_id,
                rating=r.rating,
                notes=r.notes,
                seconds_spent=r.seconds_spent,
                skip_reason=r.skip_reason,
                knockout_option=r.knockout_option,
                variant=r.variant,
                updated_at=from_text(r.updated_at),
            )
        for m in s.exec(
            select(IndicatorMarkRow).where(
                IndicatorMarkRow.scorecard_id.in_(ids), IndicatorMarkRow.checked == True  # noqa: E712
            )
        ):
            cards[m.scorecard_id].response(m.item_id).checked.add(m.indicator_key)
        for a in s.exec(
            select(AddendumRow).where(AddendumRow.scorecard_id.in_(ids)).order_by(AddendumRow.created_at)
        ):
            cards[a.scorecard_id].addenda.append(
                Addendum(
                    id=a.id,
                    scorecard_id=a.scorecard_id,
                    author=a.author,
                    text=a.text,
                    created_at=from_text(a.created_at),
                    item_id=a.item_id,
                )
            )
        return [cards[i] for i in ids]
