"""A candidate's data: what is held about them (export), erasing them, and retention.

Erasing backs the database up first ("before-erase", like every automatic backup), removes
the candidate and everything about them in one transaction, leaves a tombstone holding only
their id, and then scrubs the file's free space. Backups that still hold the candidate are
listed and can be purged: nothing is erased silently, and nothing is left unsaid.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from pathlib import Path

from scorecard import __version__
from scorecard.domain.candidate import Candidate
from scorecard.services.backups import BackupInfo, BackupService
from scorecard.services.candidates import CandidateService
from scorecard.services.errors import InvalidInput
from scorecard.storage import backup as backup_store
from scorecard.storage import erase as store
from scorecard.storage.database import Database


@dataclass(frozen=True)
class ErasureReport:
    candidate_id: str
    name: str
    #: rows removed, by table
    removed: dict[str, int]
    #: False when another program kept the WAL open, so the erased text may linger there until it closes
    scrubbed: bool
    #: backups that still hold the candidate (the "before-erase" one among them), unless purged
    backups_holding: list[BackupInfo] = field(default_factory=list)
    purged: list[BackupInfo] = field(default_factory=list)


@dataclass(frozen=True)
class Inactive:
    candidate: Candidate
    last_activity: datetime | None


def _parse(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


class ErasureService:
    def __init__(self, db: Database, candidates: CandidateService, backups: BackupService,
                 clock=lambda: datetime.now(timezone.utc)):
        self._db = db
        self._candidates = candidates
        self._backups = backups
        self._clock = clock

    # --- what is held ---------------------------------------------------------------------

    def data_about(self, candidate_id: str) -> dict:
        """Everything stored about the candidate, as JSON-ready data (a data-protection request)."""
        candidate = self._candidates.get(candidate_id)
        return {
            "format": "scorecard-candidate-data",
            "format_version": 1,
            "exported_at": self._clock().isoformat(),
            "exported_by": f"Scorecard {__version__}",
            "candidate_id": candidate.id,
            "candidate_name": candidate.name,
            "tables": store.rows_about(self._db.connection, candidate.id),
        }

    def export_data(self, candidate_id: str, out: Path) -> Path:
        """Write `data_about` as JSON to `out` (.json), owner-only (0600): it is personal data."""
        from scorecard.services.export import check_target, write_atomically

        out = check_target(out, suffix=".json", magic=b"{", kind="JSON")
        text = json.dumps(self.data_about(candidate_id), ensure_ascii=False, indent=2, sort_keys=True)
        return write_atomically(out, text.encode("utf-8"), private=True, suffix=".json", magic=b"{", kind="JSON")

    # --- erasing ---------------------------------------------------------------------------

    def erase(self, candidate_id: str, *, purge_backups: bool = False) -> ErasureReport:
        """Erase the candidate and everything about them; see the module's docstring."""
        candidate = self._candidates.get(candidate_id)
        self._backups.create(reason="before-erase")
        removed = store.erase_candidate(self._db, candidate.id, erased_at=self._clock().isoformat())
        scrubbed = store.scrub_free_space(self._db)
        holding = self.backups_holding(candidate.id)
        purged: list[BackupInfo] = []
        if purge_backups:
            purged = self.purge_backups(candidate.id)
            holding = [b for b in holding if b not in purged]
        return ErasureReport(candidate.id, candidate.name, removed, scrubbed, holding, purged)

    def backups_holding(self, candidate_id: str) -> list[BackupInfo]:
        """The backups (main and second folder) that still hold the candidate."""
        from scorecard.services.backups import second_folder

        found = backup_store.backups_holding(self._backups.folder, "candidate", "id", candidate_id)
        extra = second_folder()
        if extra is not None:
            found += backup_store.backups_holding(extra, "candidate", "id", candidate_id)
        return found

    def purge_backups(self, candidate_id: str) -> list[BackupInfo]:
        """Delete every backup that still holds the candidate; returns them."""
        gone = self.backups_holding(candidate_id)
        for info in gone:
            backup_store.delete_backup(info)
        return gone

    def inactive(self, *, months: int) -> list[Inactive]:
        """Candidates whose last activity (any interaction, import or edit) is older than `months`."""
        if months < 1:
            raise InvalidInput("give a number of months of 1 or more")
        cutoff = self._clock() - timedelta(days=round(months * 30.44))
        found = []
        for cid, _name, newest in store.last_activity(self._db.connection):
            moment = _parse(newest)
            if moment is None or moment < cutoff:
                found.append(Inactive(self._candidates.get(cid), moment))
        return sorted(found, key=lambda i: (i.last_activity or datetime.min.replace(tzinfo=timezone.utc)))

    # --- tombstones (for the exchange format) ----------------------------------------------

    def erased_candidate_ids(self) -> set[str]:
        return store.erased_candidate_ids(self._db.connection)

    def is_erased(self, candidate_id: str) -> bool:
        return store.is_erased(self._db.connection, candidate_id)
