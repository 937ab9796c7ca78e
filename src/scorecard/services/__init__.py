"""Use cases: the only API that ui/ and cli/ call.

`open_services(path)` opens (and migrates) the database and wires the services
together; nothing here is global, so tests and the self-test open their own.

Start-up cost: importing this package and filling the candidate list needs neither the
kit models (pydantic) nor SQLAlchemy. Scoring and exporting are created on first use;
`warm_up()` imports what they need ahead of time, off the UI thread.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.services.candidates import CandidateService
from scorecard.services.kit_library import KitLibrary
from scorecard.storage.database import Database, open_database, schema_revision

if TYPE_CHECKING:
    from scorecard.services.decisions import DecisionService
    from scorecard.services.backups import BackupService
    from scorecard.services.erase import ErasureService
    from scorecard.services.export import ExportService
    from scorecard.services.scoring import ScoringService


class Services:
    def __init__(self, db: Database):
        self.db = db
        self.kits = KitLibrary(db)
        self.candidates = CandidateService(db, self.kits)
        self._scoring: ScoringService | None = None
        self._export: ExportService | None = None
        self._decisions: DecisionService | None = None
        self._panel = None
        self._seals = None

    @property
    def scoring(self) -> ScoringService:
        if self._scoring is None:
            from scorecard.services.scoring import ScoringService

            self._scoring = ScoringService(self.db, self.kits)
            self._scoring.submit = self._backed_up_submit(self._scoring.submit)  # type: ignore[method-assign]
        return self._scoring

    @property
    def export(self) -> ExportService:
        if self._export is None:
            from scorecard.services.export import ExportService

            self._export = ExportService(kits=self.kits, candidates=self.candidates, scoring=self.scoring,
                                         decisions=self.decisions, panel=self.panel)
            self._export.seal_check = self._seal_warning
            self._export.vouching = self._vouching
        return self._export

    def _vouching(self, cards) -> dict[str, str]:
        from scorecard.services.committee import vouched_by

        return vouched_by(self, {c.id: self.seals.verify(c.id) for c in cards if c.is_submitted})

    def _seal_warning(self, card) -> str | None:
        from scorecard.services.seals import seal_warning

        if not card.is_submitted:
            return None
        kit = self.kits.kit(card.kit_version_id)
        round_name = next((r.name for r in kit.rounds if r.id == card.round_id), card.round_id)
        return seal_warning(self.seals.verify(card.id), interviewer=card.interviewer, round_name=round_name)

    def _backed_up_submit(self, submit):
        """`submit`, followed by the day's backup after the first submitted scorecard of a day."""

        def submit_then_back_up(**kwargs):
            card = submit(**kwargs)
            self.daily_backup(reason="after-submit")
            return card

        return submit_then_back_up

    def daily_backup(self, *, reason: str = "daily"):
        """The day's automatic backup, unless one exists; a failure is logged, never raised."""
        import logging

        from scorecard.services.backups import BackupFailed

        try:
            return self.backups.daily(reason=reason)
        except BackupFailed as exc:
            logging.getLogger("scorecard.backups").warning("automatic backup failed: %s", exc)
            return None

    @property
    def backups(self) -> BackupService:
        """Backups of this database, made through its open connection."""
        from scorecard.services.backups import BackupService

        return BackupService(self.db.path, connection=self.db.connection)

    @property
    def erasure(self) -> ErasureService:
        """What is held about a candidate, erasing them, retention, tombstones."""
        from scorecard.services.erase import ErasureService

        return ErasureService(self.db, self.candidates, self.backups)

    def damage_report(self, timeout: float | None = None) -> str | None:
        """None when the integrity check on open found the file sound; otherwise what to tell the user,
        naming the newest good backup. Waits for the check (it runs in the background from open)."""
        if self.db.check_integrity(timeout) is None:
            return None
        from scorecard.storage.errors import DAMAGED

        newest = self.backups.newest_good()
        offer = (f" The newest good backup is {newest.id} ({newest.label}): "
                 f"`scorecard backup restore {newest.id}` puts it back." if newest is not None
                 else " There is no backup of it; copy the file aside before trying to repair it.")
        return f"{self.db.path}: {DAMAGED}.{offer}"

    def require_sound(self) -> None:
        """Raise `DatabaseDamaged` (with the newest good backup) unless the file passed its check."""
        from scorecard.storage.errors import DatabaseDamaged

        report = self.damage_report()
        if report is not None:
            raise DatabaseDamaged(report)

    @property
    def decisions(self) -> DecisionService:
        """The hiring committee's recorded decisions."""
        if self._decisions is None:
            from scorecard.services.decisions import DecisionService

            self._decisions = DecisionService(self.db, self.kits, self.candidates)
        return self._decisions

    @property
    def panel(self):
        """Interviewers, who this laptop's user is, the role, assignments, the blind rule (services.panel)."""
        if self._panel is None:
            from scorecard.services.panel import PanelService

            self._panel = PanelService(self.db)
        return self._panel

    @property
    def seals(self):
        if self._seals is None:
            from scorecard.services.seals import SealService

            self._seals = SealService(self.db)
        return self._seals

    @property
    def bundles(self):
        from scorecard.services.bundles import BundleService

        return BundleService(self.db, self.kits, self.panel, self.seals)

    @property
    def sync(self):
        from scorecard.services.sync import SyncService

        return SyncService(self.bundles, self.panel, db=self.db, public_key=self.seals.key.public_key)

    @property
    def database_path(self) -> Path:
        return self.db.path

    @property
    def schema_revision(self) -> str | None:
        """The schema revision stamped in the open database file (shown in the About box)."""
        return schema_revision(self.db.connection)

    @staticmethod
    def warm_up() -> None:
        """Import what scoring and exporting need (the kit models, the report code).

        Safe to call from a background thread: it only imports modules, touching neither
        the database nor any object of this class, so the first round opens without a pause.
        """
        import scorecard.services.export  # noqa: F401
        import scorecard.services.scoring  # noqa: F401
        import scorecard.storage.repositories  # noqa: F401

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def held_by_window(path: str | Path) -> bool:
    """Does a Scorecard window (another process) have this database open? Writing commands that
    would change what that window holds in memory refuse while it does."""
    from scorecard.storage.instance_lock import held_elsewhere

    return held_elsewhere(path)


def open_services(path: str | Path, *, check_now: bool = True) -> Services:
    """The services on the database at `path` (see `open_database` for `check_now`)."""
    from scorecard import paths

    path = Path(path)
    data_dir = paths.user_data_dir()
    if path.parent == data_dir and data_dir.is_dir():
        import os

        try:
            os.chmod(data_dir, 0o700)  # the data folder is private, whoever made it
        except OSError:
            pass
    return Services(open_database(path, check_now=check_now))
