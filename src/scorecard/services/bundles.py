"""Exchange by file: bundles of records keyed by global ids, imported exactly once.

The format is documented in docs/bundle-format.md. A bundle is one UTF-8 JSON object naming its
format, format version and the app version that wrote it, with a SHA-256 over its canonical form;
optionally wrapped in authenticated encryption under a team passphrase (scrypt + AES-256-GCM).
Importing inserts what the database lacks, in one transaction per file, and reports conflicts
instead of resolving them.
"""

from __future__ import annotations

import base64
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import __version__
from scorecard.domain.ids import utcnow
from scorecard.domain.panel import PanelAccess, may_receive
from scorecard.domain.seal import canonical_bytes, content_digest, scorecard_content, sha256_hex
from scorecard.services.errors import InvalidInput
from scorecard.services.seals import kit_text_hash, verify_record
from scorecard.storage.bundle_store import BundleWriter, reader, writing
from scorecard.storage.database import Database
from scorecard.storage.erase import scrub_free_space
from scorecard.storage.errors import SaveFailed

FORMAT = "scorecard-bundle"
ENCRYPTED_FORMAT = "scorecard-bundle-encrypted"
FORMAT_VERSION = 1
#: The first app version that reads each format version (for "update Scorecard to version X or later").
READER_SINCE = {1: "0.1.0"}
SUFFIX = ".scorecard-bundle"
RECORD_KINDS = ("kit_versions", "interviewers", "candidates", "assignments", "unassignments", "scorecards",
                "tombstones")
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
MAX_BUNDLE_BYTES = 200 * 1024 * 1024


class BundleRejected(Exception):
    """The file cannot be read as a bundle; the message says why. Nothing was stored."""


class PassphraseNeeded(BundleRejected):
    pass


@dataclass
class ImportReport:
    source: str
    added: Counter = field(default_factory=Counter)
    conflicts: list[str] = field(default_factory=list)
    rejected: str | None = None
    #: scorecards left for later by the blind rule (sync)
    deferred: int = 0
    #: the file is encrypted and no passphrase was given
    needs_passphrase: bool = False

    @property
    def ok(self) -> bool:
        return self.rejected is None and not self.conflicts

    @property
    def nothing_new(self) -> bool:
        return self.ok and not any(self.added.values())

    def summary(self) -> str:
        if self.rejected:
            return f"{self.source}: rejected: {self.rejected}"
        if self.conflicts:
            lines = [f"{self.source}: not imported, {len(self.conflicts)} conflict(s):"]
            lines += [f"  conflict: {c}" for c in self.conflicts]
            return "\n".join(lines)
        if self.nothing_new:
            return f"{self.source}: nothing new"
        parts = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(self.added.items()) if n)
        return f"{self.source}: added {parts}"


@dataclass(frozen=True)
class Bundle:
    data: bytes
    digest: str
    counts: dict[str, int]

    @property
    def file_name(self) -> str:
        return f"{self.digest[:32]}{SUFFIX}"


# --- the file format ------------------------------------------------------------------


def _document(records: dict) -> dict:
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__, "records": records}


def encode(records: dict, *, passphrase: str | None = None) -> Bundle:
    doc = _document(records)
    digest = sha256_hex(canonical_bytes(doc))
    body = {**doc, "sha256": digest}
    data = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8") + b"\n"
    if passphrase:
        data = encrypt(data, passphrase)
    return Bundle(data, digest, {k: len(v) for k, v in records.items()})


def _kdf(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))


def encrypt(data: bytes, passphrase: str) -> bytes:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt, nonce = os.urandom(16), os.urandom(12)
    header = {
        "format": ENCRYPTED_FORMAT, "format_version": FORMAT_VERSION, "app_version": __version__,
        "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P, "salt": base64.b64encode(salt).decode()},
        "cipher": "AES-256-GCM", "nonce": base64.b64encode(nonce).decode(),
    }
    sealed = AESGCM(_kdf(passphrase, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)).encrypt(nonce, data, canonical_bytes(header))
    return json.dumps({**header, "ciphertext": base64.b64encode(sealed).decode()}, sort_keys=True).encode() + b"\n"


#: What an unassignment record holds (docs/bundle-format.md).
UNASSIGNMENT_FIELDS = ("candidate_id", "round_id", "interviewer_id", "removed_at")


def _check_version(doc: dict) -> None:
    version = doc.get("format_version")
    if not isinstance(version, int):
        raise BundleRejected("it names no format version; it is not a Scorecard bundle")
    if version > FORMAT_VERSION:
        writer_version = doc.get("app_version") or "a newer version"
        raise BundleRejected(
            f"it was written by Scorecard {writer_version} in bundle format {version}, which this version "
            f"({__version__}) cannot read; update Scorecard to version {writer_version} or later"
        )


def decode(data: bytes, *, passphrase: str | None = None) -> dict:
    """The records of a bundle file, or `BundleRejected` saying why not."""
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleRejected(f"it is larger than {MAX_BUNDLE_BYTES // (1024 * 1024)} MB; no bundle is that large")
    try:
        doc = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise BundleRejected("it is not a Scorecard bundle (not UTF-8 text)") from None
    except json.JSONDecodeError as exc:
        if data.lstrip().startswith(b'{"') and ('format' in data[:200].decode("utf-8", "replace")):
            raise BundleRejected(
                f"it is incomplete or damaged (cut off or changed near byte {exc.pos}); ask for the file again"
            ) from None
        raise BundleRejected("it is not a Scorecard bundle (not a JSON document)") from None
    if not isinstance(doc, dict) or doc.get("format") not in (FORMAT, ENCRYPTED_FORMAT):
        raise BundleRejected("it is not a Scorecard bundle (no 'format: scorecard-bundle')")
    _check_version(doc)
    if doc["format"] == ENCRYPTED_FORMAT:
        return decode(_decrypt(doc, passphrase), passphrase=None)
    claimed = doc.pop("sha256", None)
    if claimed != sha256_hex(canonical_bytes(doc)):
        raise BundleRejected("its checksum does not match: the file was changed or damaged after it was written")
    records = doc.get("records")
    if not isinstance(records, dict) or any(not isinstance(records.get(k, []), list) for k in RECORD_KINDS):
        raise BundleRejected("its records are not in the documented shape")
    tombstones = records.get("tombstones", [])  # files from before tombstones travelled have none
    if any(not isinstance(t, dict) or not isinstance(t.get("candidate_id"), str)
           or not isinstance(t.get("erased_at"), str) for t in tombstones):
        raise BundleRejected("its records are not in the documented shape (a tombstone without "
                             "candidate_id and erased_at)")
    unassignments = records.get("unassignments", [])  # files from before unassignments travelled have none
    if any(not isinstance(u, dict) or not all(isinstance(u.get(k), str) for k in UNASSIGNMENT_FIELDS)
           for u in unassignments):
        raise BundleRejected("its records are not in the documented shape (an unassignment without "
                             + ", ".join(UNASSIGNMENT_FIELDS) + ")")
    # assigned or taken back, the later wins: compared as UTC times written the one way this app does
    for u in unassignments:
        u["removed_at"] = _utc_time(u["removed_at"], "an unassignment's removed_at")
    for a in records.get("assignments", []):
        if isinstance(a, dict) and a.get("created_at") is not None:
            a["created_at"] = _utc_time(a["created_at"], "an assignment's created_at")
    return {k: records.get(k, []) for k in RECORD_KINDS}


def _utc_time(value, what: str) -> str:
    """An ISO 8601 time with a time zone, as UTC in `datetime.isoformat` form (what the app writes)."""
    from datetime import datetime, timezone

    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None:
        raise BundleRejected(f"its records are not in the documented shape ({what} {value!r} is not an "
                             "ISO 8601 time with a time zone)")
    return moment.astimezone(timezone.utc).isoformat()


def tombstone_records(tombstone: dict) -> dict:
    """A bundle's records holding one tombstone and nothing else (what sync writes for an erase)."""
    return {**{k: [] for k in RECORD_KINDS}, "tombstones": [tombstone]}


def _decrypt(doc: dict, passphrase: str | None) -> bytes:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not passphrase:
        raise PassphraseNeeded("it is encrypted; give the team passphrase (SCORECARD_PASSPHRASE or --passphrase-file)")
    try:
        header = {k: v for k, v in doc.items() if k != "ciphertext"}
        kdf = doc["kdf"]
        key = _kdf(passphrase, base64.b64decode(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"]))
        return AESGCM(key).decrypt(base64.b64decode(doc["nonce"]), base64.b64decode(doc["ciphertext"]),
                                   canonical_bytes(header))
    except InvalidTag:
        raise BundleRejected("it cannot be decrypted: wrong passphrase, or the file was changed") from None
    except (KeyError, TypeError, ValueError):
        raise BundleRejected("its encryption header is damaged") from None


# --- the service ---------------------------------------------------------------------


class BundleService:
    def __init__(self, db: Database, kits, panel, seals):
        self._db = db
        self._kits = kits
        self._panel = panel
        self._seals = seals

    # export ---------------------------------------------------------------------------

    def records(self, *, candidate_ids: list[str] | None, interviewer: str | None = None,
                include_drafts: bool = False, scorecards: bool = True, card_ids: list[str] | None = None,
                tombstones: bool = True) -> dict:
        r = reader(self._db)
        me = self._panel.me()
        if me is not None and not me.public_key:
            self._panel.set_public_key(me.id, self._seals.key.public_key)
        # card_ids given: just these scorecards with their candidate, kit version and author (what
        # sync writes) — content that stays the same, so a file name that stays the same
        only_cards = card_ids is not None
        cand_ids = [] if only_cards else (candidate_ids if candidate_ids is not None else r.all_candidate_ids())
        if not only_cards:
            card_ids = []
            if scorecards:
                interviewer_ids = sorted(self._panel.ids_of(interviewer)) if interviewer else None
                card_ids = r.card_ids(candidate_ids=cand_ids, interviewer_ids=interviewer_ids,
                                      include_drafts=include_drafts)
        cards = r.scorecards(card_ids)
        cand_ids = sorted({*cand_ids, *(c["candidate_id"] for c in cards)})
        candidates = r.candidates(cand_ids)
        kit_ids = {c["kit_version_id"] for c in cards}
        for c in [] if only_cards else candidates:
            current = r.current_kit_version(c["kit_id"])
            if current:
                kit_ids.add(current)
        assignments = [] if only_cards else r.assignments(cand_ids)
        people = {a["interviewer_id"] for a in assignments} | {c["interviewer_id"] for c in cards}
        if me is not None and not only_cards:
            people.add(me.id)
        return {
            "kit_versions": r.kit_versions(kit_ids),
            "interviewers": r.interviewers(people),
            "candidates": candidates,
            "assignments": assignments,
            # assignments taken back (ids and when), so a removal reaches every laptop
            "unassignments": [] if only_cards else r.assignment_removals(cand_ids),
            "scorecards": cards,
            # every erase this laptop knows of: ids and dates only, so an erase reaches every laptop
            "tombstones": r.tombstones() if tombstones and not only_cards else [],
        }

    def export(self, *, candidate_ids: list[str] | None, interviewer: str | None = None,
               include_drafts: bool = False, passphrase: str | None = None, scorecards: bool = True) -> Bundle:
        records = self.records(candidate_ids=candidate_ids, interviewer=interviewer,
                               include_drafts=include_drafts, scorecards=scorecards)
        return encode(records, passphrase=passphrase)

    # import ---------------------------------------------------------------------------

    def import_file(self, path: Path, *, passphrase: str | None = None, blind_viewer: str | None = None) -> ImportReport:
        """Import one file. With `blind_viewer` (this laptop's user, unless acting as coordinator) a file
        holding other interviewers' scorecards for a candidate they are still blind to is refused."""
        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            return ImportReport(str(path), rejected=f"cannot read it: {exc.strerror or exc}")
        report = self.import_bytes(data, source=str(path), passphrase=passphrase, blind_viewer=blind_viewer)
        if report.deferred:
            report.rejected = (
                f"it holds {report.deferred} scorecard(s) of other interviewers for a candidate whose assigned "
                "rounds you have not all submitted yet; submit yours first (the coordinator imports with "
                "--as-coordinator)"
            )
        return report

    def blind_viewer(self, *, as_coordinator: bool | None = None) -> str | None:
        """Whose blind rule an import on this laptop follows: its user's, unless they act as coordinator."""
        from scorecard.domain.panel import Role

        if as_coordinator or (as_coordinator is None and self._panel.role() is Role.COORDINATOR):
            return None
        me = self._panel.me()
        return me.name if me is not None else None

    def import_bytes(self, data: bytes, *, source: str, passphrase: str | None = None,
                     blind_viewer: str | None = None) -> ImportReport:
        report = ImportReport(source)
        try:
            records = decode(data, passphrase=passphrase)
            self._check_readable(records)
            if blind_viewer is not None:
                report.deferred = self._deferred(records, blind_viewer)
                if report.deferred:
                    return report
            self._apply(records, report)
        except BundleRejected as exc:
            report.rejected = str(exc)
            report.needs_passphrase = isinstance(exc, PassphraseNeeded)
        except SaveFailed as exc:
            report.rejected = f"the database could not store it: {exc}"
        return report

    def _check_readable(self, records: dict) -> None:
        from pydantic import ValidationError

        from scorecard.domain.kit import Kit

        r = reader(self._db)
        for kit in records["kit_versions"]:
            if r.kit_version_by_hash(kit.get("kit_id"), kit.get("content_hash")) is not None:
                continue  # a version this database holds already: read before
            try:
                Kit.model_validate_json(kit["kit_json"])
            except (ValidationError, KeyError, TypeError):
                raise BundleRejected(
                    f"kit version '{kit.get('kit_id')}' uses fields this version ({__version__}) does not know; "
                    "update Scorecard to version "
                    f"{max(__version__, str(kit.get('app_version', __version__)))} or later"
                ) from None
        texts = {k["id"]: k.get("source_text") for k in records["kit_versions"]}
        for card in records["scorecards"]:
            text = texts.get(card["kit_version_id"])
            if text is None:
                text = r.kit_source_text(card["kit_version_id"])
            check = verify_record(card, text)
            if not check.ok:
                raise BundleRejected(f"scorecard {card['id']} ({card['interviewer']}, round {card['round_id']}): "
                                     f"{check.status.value}")

    def _deferred(self, records: dict, viewer: str) -> int:
        """Scorecards of others for a candidate this viewer is still blind to (what sync leaves in the folder)."""
        ids = self._panel.ids_of(viewer)
        deferred = 0
        known = {a["candidate_id"] for a in records["assignments"]}
        for card in records["scorecards"]:
            mine = card.get("interviewer_id") in ids or card["interviewer"] == viewer
            if card["candidate_id"] not in known and not reader(self._db).candidates([card["candidate_id"]]):
                access = PanelAccess.NOT_ON_PANEL
            else:
                access = self._panel.access(candidate_id=card["candidate_id"], viewer=viewer)
            if not may_receive(access, author_is_viewer=mine):
                deferred += 1
        return deferred

    def _apply(self, records: dict, report: ImportReport) -> None:
        class _Conflicts(Exception):
            pass

        now = utcnow().isoformat()
        try:
            with writing(self._db) as w:
                erased = self._apply_tombstones(w, records["tombstones"], report)
                kit_map = self._apply_kits(w, records["kit_versions"], report)
                self._apply_interviewers(w, records["interviewers"], report, now)
                self._apply_candidates(w, [c for c in records["candidates"] if c["id"] not in erased], report)
                for a in records["assignments"]:
                    if a["candidate_id"] not in erased:
                        report.added["assignments"] += w.insert_assignment(a, now)
                for u in records["unassignments"]:
                    if u["candidate_id"] not in erased and w.candidates([u["candidate_id"]]):
                        report.added["unassignments"] += w.apply_assignment_removal(u)
                texts = {k["id"]: k.get("source_text") for k in records["kit_versions"]}
                for card in records["scorecards"]:
                    if card["candidate_id"] not in erased:
                        self._apply_card(w, card, kit_map, texts, report)
                if report.conflicts:
                    raise _Conflicts
        except _Conflicts:
            report.added.clear()
            return
        if report.added["erased_candidates"]:
            scrub_free_space(self._db)  # the erased text leaves the file's free pages and WAL too

    @staticmethod
    def _apply_tombstones(w: BundleWriter, tombstones: list[dict], report: ImportReport) -> set[str]:
        """Erase what the file's tombstones name (an erase on another laptop) and keep the tombstones;
        returns every erased id known here now, whose records in the file are not stored."""
        known = {t["candidate_id"] for t in w.tombstones()}
        for t in tombstones:
            if t["candidate_id"] not in known:
                report.added["tombstones"] += 1
                report.added["erased_candidates"] += w.apply_tombstone(t)
        return known | {t["candidate_id"] for t in tombstones}

    @staticmethod
    def _apply_kits(w: BundleWriter, kits: list[dict], report: ImportReport) -> dict[str, str]:
        mapping = {}
        for kit in kits:
            existing = w.kit_versions([kit["id"]])
            if existing:
                if existing[0]["content_hash"] != kit["content_hash"]:
                    report.conflicts.append(f"kit version {kit['id']} ({kit['kit_id']}) has different content here")
                mapping[kit["id"]] = kit["id"]
                continue
            same = w.kit_version_by_hash(kit["kit_id"], kit["content_hash"])
            if same is not None:
                mapping[kit["id"]] = same["id"]
                continue
            current = w.current_kit_version(kit["kit_id"])
            current_row = w.kit_versions([current])[0] if current else None
            make_current = current_row is None or kit["imported_at"] > current_row["imported_at"]
            w.insert_kit_version(kit, make_current=make_current)
            mapping[kit["id"]] = kit["id"]
            report.added["kit_versions"] += 1
        return mapping

    @staticmethod
    def _apply_interviewers(w: BundleWriter, people: list[dict], report: ImportReport, now: str) -> None:
        known = {p["id"]: p for p in w.interviewers([p["id"] for p in people])}
        for p in people:
            if p["id"] not in known:
                w.insert_interviewer(p, now)
                report.added["interviewers"] += 1
            elif p.get("public_key") and not known[p["id"]].get("public_key"):
                w.set_public_key(p["id"], p["public_key"])
                report.added["public_keys"] += 1

    @staticmethod
    def _apply_candidates(w: BundleWriter, candidates: list[dict], report: ImportReport) -> None:
        known = {c["id"]: c for c in w.candidates([c["id"] for c in candidates])}
        for c in candidates:
            here = known.get(c["id"])
            if here is None:
                w.insert_candidate(c)
                report.added["candidates"] += 1
                continue
            same_name = " ".join(here["name"].split()).casefold() == " ".join(c["name"].split()).casefold()
            edited_here, edited_there = here.get("updated_at"), c.get("updated_at")
            if not same_name and not edited_here and not edited_there:
                # neither side was ever edited: one id, two different people
                report.conflicts.append(
                    f"candidate id {c['id']} is '{here['name']}' here but '{c['name']}' in the file"
                )
            elif edited_there and (not edited_here or edited_there > edited_here):
                w.update_candidate(c)  # the newest edit of name, level or withdrawal wins, in any order
                report.added["candidate_edits"] += 1

    def _apply_card(self, w: BundleWriter, card: dict, kit_map: dict, texts: dict, report: ImportReport) -> None:
        card = {**card, "kit_version_id": kit_map.get(card["kit_version_id"], card["kit_version_id"])}
        existing = w.existing_card(card["id"])
        if existing is not None:
            status, updated_at = existing
            if status == "submitted":
                if card["status"] != "submitted":
                    return
                here = w.scorecards([card["id"]])[0]
                text = w.kit_source_text(card["kit_version_id"])
                if content_digest(scorecard_content(here, kit_text_sha256=kit_text_hash(text))) != content_digest(
                    scorecard_content(card, kit_text_sha256=kit_text_hash(text))
                ):
                    report.conflicts.append(
                        f"scorecard {card['id']} ({card['interviewer']}, round {card['round_id']}) was submitted "
                        "with different content here"
                    )
                    return
                if here.get("seal") is None and card.get("seal"):
                    w.insert_seal(card["id"], "scorecard", card["seal"])
                self._apply_addenda(w, card, report)
                return
            if card["status"] != "submitted" and card["updated_at"] <= updated_at:
                return
            w.delete_draft(card["id"])
            report.added["scorecards"] += 1
        else:
            other = w.card_slot_owner(card["candidate_id"], card["round_id"], card["interviewer"])
            if other is not None:
                report.conflicts.append(
                    f"{card['interviewer']} already has another scorecard ({other}) for round {card['round_id']} "
                    f"of candidate {card['candidate_id']}"
                )
                return
            report.added["scorecards"] += 1
        w.insert_scorecard(card)
        if card.get("seal"):
            w.insert_seal(card["id"], "scorecard", card["seal"])
        self._apply_addenda(w, card, report)

    @staticmethod
    def _apply_addenda(w: BundleWriter, card: dict, report: ImportReport) -> None:
        have = w.addendum_ids(card["id"])
        for a in card.get("addenda", []):
            if a["id"] in have:
                continue
            w.insert_addendum(card["id"], a)
            if a.get("seal"):
                w.insert_seal(a["id"], "addendum", a["seal"])
            report.added["addenda"] += 1


def read_passphrase_file(path: Path) -> str:
    try:
        text = Path(path).read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read the passphrase file: {exc.strerror or exc}") from None
    if not text:
        raise InvalidInput(f"{path}: the passphrase file is empty")
    return text
