"""Importing kits into the database as immutable versions, and handing them out.

The kit models (pydantic) are imported only when a full kit is needed: the candidate
list — the first screen — needs only each kit's `KitOutline`, read from the stored JSON.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from scorecard.domain.candidate import KitVersion
from scorecard.domain.ids import new_id
from scorecard.storage.database import Database
from scorecard.storage.fast_reads import (
    current_kit_version_id,
    kit_json_by_version,
    kit_version_for_source,
    kit_version_row,
    latest_kit_json,
)
from scorecard.services.errors import DatabaseError, NotFound

if TYPE_CHECKING:
    from scorecard.domain.kit import Kit


@dataclass(frozen=True)
class RoundOutline:
    id: str
    name: str
    stage: str


@dataclass(frozen=True)
class KitOutline:
    """What the candidate list shows of a kit: its title, level names and rounds, in kit order."""

    version_id: str
    title: str
    level_names: dict[str, str]
    rounds: tuple[RoundOutline, ...]

    @classmethod
    def from_json(cls, version_id: str, kit_json: str) -> KitOutline:
        try:
            data = json.loads(kit_json)
            return cls(
                version_id=version_id,
                title=data["title"],
                level_names={lv["id"]: lv["name"] for lv in data["levels"]},
                rounds=tuple(RoundOutline(r["id"], r["name"], r["stage"]) for r in data["rounds"]),
            )
        except (ValueError, KeyError, TypeError):
            raise _stored_kit_damaged(version_id) from None


def content_hash(kit: Kit) -> str:
    """Hash of the kit's meaning, not its text: re-importing a file whose only change is a comment adds no version."""
    return hashlib.sha256(kit.model_dump_json().encode("utf-8")).hexdigest()


class KitLibrary:
    """Kit versions stored in the database. Parsed kits are cached: they never change."""

    def __init__(self, db: Database):
        self._db = db
        self._parsed: dict[str, Kit] = {}
        self._outlines: dict[str, KitOutline] = {}
        self._outcomes: dict[str, dict[tuple[str, str], str]] = {}

    def _repo(self):
        from scorecard.storage.repositories import KitRepository

        return KitRepository(self._db)

    def import_file(self, path: str | Path, *, make_current: bool = True) -> tuple[KitVersion, bool]:
        """Validate and store a kit file, all or nothing, and make it the version new scorecards use.

        Returns the stored version and whether it is new. Raises `KitError` (with every
        problem, file:line:field) when the file is not a valid kit; nothing is stored then.
        Re-importing an older file makes that content current again (a revert).
        """
        from scorecard.kits.files import decode_kit_bytes, read_kit_bytes

        path = Path(path)
        raw = read_kit_bytes(path)  # kind and size checked before a byte is read or hashed
        digest = hashlib.sha256(raw).hexdigest()
        known = kit_version_for_source(self._db, digest)
        if known is not None:
            version, created = self.version(known), False
        else:
            from scorecard.kits.loader import load_kit_text  # YAML and the kit models: only for a new file

            text = decode_kit_bytes(raw, str(path))
            kit = load_kit_text(text, str(path))
            version, created = self._store(kit, source_name=path.name, source_text=text)
            self._repo().remember_source(digest, version.id)
        if make_current:
            self._repo().make_current(version.kit_id, version.id)
        return version, created

    def import_bundled(self) -> list[KitVersion]:
        """Store the kits shipped in data/kits; a file seen before is not even parsed.

        A bundled file only becomes current when its content is new (an app update), so a
        kit the hiring team imported themselves under the same id stays current at start-up.
        """
        from scorecard import paths

        versions = []
        for path in paths.bundled_kits():
            version, created = self.import_file(path, make_current=False)
            if created or current_kit_version_id(self._db, version.kit_id) is None:
                self._repo().make_current(version.kit_id, version.id)
            versions.append(version)
        return versions

    def import_kit(self, kit: Kit, *, source_name: str, source_text: str) -> tuple[KitVersion, bool]:
        """Store a kit already in memory and make it current; returns (version, whether it is new)."""
        version, created = self._store(kit, source_name=source_name, source_text=source_text)
        self._repo().make_current(version.kit_id, version.id)
        return version, created

    def _store(self, kit: Kit, *, source_name: str, source_text: str) -> tuple[KitVersion, bool]:
        digest = content_hash(kit)
        repo = self._repo()
        existing = repo.find_by_hash(kit.id, digest)
        if existing is not None:
            return existing, False
        version = repo.add_version(
            id=new_id(),
            kit_id=kit.id,
            title=kit.title,
            content_hash=digest,
            source_name=source_name,
            source_text=source_text,
            kit_json=kit.model_dump_json(),
            imported_at=datetime.now(timezone.utc),
        )
        self._parsed[version.id] = kit
        return version, True

    def current_version_id(self, kit_id: str) -> str | None:
        row = latest_kit_json(self._db, kit_id)
        return row[0] if row else None

    def versions(self) -> list[KitVersion]:
        return self._repo().versions()

    def version(self, version_id: str) -> KitVersion:
        # through the raw driver: a bundled kit seen before is recognised at every start-up
        # without importing SQLAlchemy (import_bundled runs while the list is already in use)
        row = kit_version_row(self._db, version_id)
        if row is None:
            raise NotFound(f"no stored kit version {version_id}")
        vid, kit_id, number, digest, imported_at, title = row
        return KitVersion(id=vid, kit_id=kit_id, version=number, content_hash=digest,
                          imported_at=datetime.fromisoformat(imported_at), title=title)

    def kit(self, version_id: str) -> Kit:
        if version_id not in self._parsed:
            raw = kit_json_by_version(self._db, version_id)
            if raw is None:
                raise NotFound(f"no stored kit version {version_id}")
            self._parsed[version_id] = _parse(raw, version_id)
        return self._parsed[version_id]

    def verify(self, version_id: str) -> str | None:
        """None when the stored kit version still matches the fingerprint (content hash) taken when it
        was imported; otherwise a sentence a committee understands. Reads the stored text afresh."""
        raw = kit_json_by_version(self._db, version_id)
        stored = self.version(version_id)
        try:
            kit = _parse(raw or "", version_id)
        except DatabaseError:
            kit = None
        if kit is not None and content_hash(kit) == stored.content_hash:
            return None
        return (f"Kit version {stored.version} of “{stored.title}” was changed after it was imported: its stored "
                "questions, scales and labels no longer match the fingerprint taken on import, so ratings shown "
                "against it may carry the wrong labels. Do not rely on this report; restore a backup.")

    def outline(self, kit_id: str) -> KitOutline | None:
        """Title, levels and rounds of a kit's current version without building the kit models; None if unknown."""
        row = latest_kit_json(self._db, kit_id)
        if row is None:
            return None
        version_id, _number, _title, raw = row
        if version_id not in self._outlines:
            self._outlines[version_id] = KitOutline.from_json(version_id, raw)
        return self._outlines[version_id]

    def knockout_outcomes(self, version_id: str) -> dict[tuple[str, str], str]:
        """(item id, option id) → outcome of every knock-out option of a kit version, read from the
        stored JSON without building the kit models (the candidate list derives auto-decline from it)."""
        if version_id not in self._outcomes:
            if version_id in self._parsed:
                items = [it.model_dump(mode="json") for it in self._parsed[version_id].items]
            else:
                raw = kit_json_by_version(self._db, version_id)
                items = json.loads(raw)["items"] if raw is not None else []
            self._outcomes[version_id] = {
                (it["id"], o["id"]): o["outcome"]
                for it in items if it.get("type") == "knockout_question" for o in it.get("options", ())
            }
        return self._outcomes[version_id]

    def latest(self, kit_id: str) -> tuple[str, Kit]:
        """(version id, kit) of the kit's current version: the one imported last."""
        row = latest_kit_json(self._db, kit_id)
        if row is None:
            raise NotFound(f"no kit with id '{kit_id}' is stored; import it with `scorecard kit import FILE`")
        version_id, _number, _title, raw = row
        if version_id not in self._parsed:
            self._parsed[version_id] = _parse(raw, version_id)
        return version_id, self._parsed[version_id]


def _parse(kit_json: str, version_id: str = "") -> Kit:
    from scorecard.domain.kit import Kit

    try:
        return Kit.model_validate_json(kit_json)
    except ValueError:  # pydantic's ValidationError is one: the stored text was changed or damaged
        raise _stored_kit_damaged(version_id) from None


def _stored_kit_damaged(version_id: str) -> DatabaseError:
    return DatabaseError(
        f"the kit version {version_id} stored in the database is damaged or was edited outside Scorecard, so it "
        "cannot be read; restore the newest good backup (`scorecard backup list`)"
    )
