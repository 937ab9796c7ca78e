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

    @property
    def scoring(self) -> ScoringService:
        if self._scoring is None:
            from scorecard.services.scoring import ScoringService

            self._scoring = ScoringService(self.db, self.kits)
        return self._scoring

    @property
    def export(self) -> ExportService:
        if self._export is None:
            from scorecard.services.export import ExportService

            self._export = ExportService(kits=self.kits, candidates=self.candidates, scoring=self.scoring,
                                         decisions=self.decisions)
        return self._export

    @property
    def decisions(self) -> DecisionService:
        """The hiring committee's recorded decisions."""
        if self._decisions is None:
            from scorecard.services.decisions import DecisionService

            self._decisions = DecisionService(self.db, self.kits, self.candidates)
        return self._decisions

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


def open_services(path: str | Path) -> Services:
    return Services(open_database(path))
