"""Use cases: the only API that ui/ and cli/ call.

`open_services(path)` opens (and migrates) the database and wires the services
together; nothing here is global, so tests and the self-test open their own.
"""

from __future__ import annotations

from pathlib import Path

from scorecard.services.candidates import CandidateService
from scorecard.services.export import ExportService
from scorecard.services.kit_library import KitLibrary
from scorecard.services.scoring import ScoringService
from scorecard.storage.database import Database, open_database


class Services:
    def __init__(self, db: Database):
        self.db = db
        self.kits = KitLibrary(db)
        self.candidates = CandidateService(db, self.kits)
        self.scoring = ScoringService(db, self.kits)
        self.export = ExportService(kits=self.kits, candidates=self.candidates, scoring=self.scoring)

    @property
    def database_path(self) -> Path:
        return self.db.path

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def open_services(path: str | Path) -> Services:
    return Services(open_database(path))
