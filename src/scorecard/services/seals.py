"""Seals: a submitted scorecard's and an addendum's content, digested and signed with the laptop's key.

The laptop's Ed25519 private key lives beside the database file (`<database>.ed25519`, mode 0600,
created on first use) — by default that is the per-user data directory. What a seal proves and what
it does not: docs/bundle-format.md, "Threat model".
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

from scorecard.domain.ids import utcnow
from scorecard.domain.seal import (
    SIGNING_CONTEXT,
    SealCheck,
    SealStatus,
    addendum_content,
    content_digest,
    scorecard_content,
    sha256_hex,
)
from scorecard.storage.bundle_store import reader
from scorecard.storage.database import Database
from scorecard.storage.errors import SaveFailed
from scorecard.storage.panel_store import PanelStore, SealRecord

KEY_SUFFIX = ".ed25519"


def key_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + KEY_SUFFIX)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class LaptopKey:
    """This laptop's signing key, loaded (or created) on first use."""

    def __init__(self, path: Path):
        self.path = path
        self._private = None

    def _load(self):
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        if self._private is None:
            if self.path.exists():
                self._private = Ed25519PrivateKey.from_private_bytes(base64.b64decode(self.path.read_bytes().strip()))
            else:
                key = Ed25519PrivateKey.generate()
                from cryptography.hazmat.primitives import serialization

                raw = key.private_bytes(
                    serialization.Encoding.Raw, serialization.PrivateFormat.Raw, serialization.NoEncryption()
                )
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    fh.write(base64.b64encode(raw) + b"\n")
                self._private = key
        return self._private

    @property
    def public_key(self) -> str:
        from cryptography.hazmat.primitives import serialization

        return _b64(self._load().public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw))

    def sign(self, digest: str) -> str:
        return _b64(self._load().sign(SIGNING_CONTEXT + digest.encode("ascii")))


def signature_valid(public_key: str, digest: str, signature: str) -> bool:
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        Ed25519PublicKey.from_public_bytes(base64.b64decode(public_key)).verify(
            base64.b64decode(signature), SIGNING_CONTEXT + digest.encode("ascii")
        )
        return True
    except (InvalidSignature, ValueError):
        return False


def check_seal(content: dict, seal: dict | None) -> SealCheck:
    """Does this content match its seal? (No seal: 'not sealed', never 'tampered'.)"""
    if not seal:
        return SealCheck(SealStatus.NOT_SEALED)
    if content_digest(content) != seal.get("digest"):
        return SealCheck(SealStatus.TAMPERED, seal.get("public_key"))
    if not signature_valid(seal.get("public_key") or "", seal["digest"], seal.get("signature") or ""):
        return SealCheck(SealStatus.BAD_SIGNATURE, seal.get("public_key"))
    return SealCheck(SealStatus.SEALED, seal["public_key"])


def kit_text_hash(source_text: str | None) -> str:
    return sha256_hex((source_text or "").encode("utf-8"))


class SealService:
    def __init__(self, db: Database):
        self._db = db
        self.key = LaptopKey(key_path(db.path))

    def ready(self) -> None:
        """Load (or create) this laptop's key now; a key file that cannot be read or written
        becomes `SaveFailed` naming it, so nothing that needs a seal is stored without one."""
        try:
            self.key.public_key
        except (OSError, ValueError) as exc:
            raise SaveFailed(f"this laptop's signing key {self.key.path} could not be read or created "
                             f"({getattr(exc, 'strerror', None) or exc}); check that folder, then try again") from exc

    def _card_record(self, scorecard_id: str) -> dict | None:
        cards = reader(self._db).scorecards([scorecard_id])
        return cards[0] if cards else None

    def seal_scorecard(self, scorecard_id: str) -> None:
        """Seal a just-submitted scorecard (called by the scoring service right after submit)."""
        card = self._card_record(scorecard_id)
        if card is None or card["status"] != "submitted" or card["seal"]:
            return
        content = scorecard_content(card, kit_text_sha256=kit_text_hash(reader(self._db).kit_source_text(card["kit_version_id"])))
        self._store(scorecard_id, "scorecard", content_digest(content))

    def seal_addendum(self, addendum) -> None:
        record = {"id": addendum.id, "author": addendum.author, "text": addendum.text,
                  "created_at": addendum.created_at.isoformat(), "item_id": addendum.item_id}
        self._store(addendum.id, "addendum", content_digest(addendum_content(record, scorecard_id=addendum.scorecard_id)))

    def _store(self, subject_id: str, kind: str, digest: str) -> None:
        store = PanelStore(self._db)
        store.add_seal(SealRecord(subject_id, kind, digest, self.key.sign(digest), self.key.public_key,
                                  utcnow().isoformat()))
        # this laptop's user is whose laptop vouches for what it seals (the report says so)
        from scorecard.services.panel import ME

        me = store.interviewer(store.setting(ME) or "")
        if me is not None and not me.public_key:
            store.set_public_key(me.id, self.key.public_key)

    def verify(self, scorecard_id: str) -> SealCheck:
        """Check a stored scorecard against its seal (and each addendum against its own); the worst result."""
        card = self._card_record(scorecard_id)
        if card is None:
            return SealCheck(SealStatus.NOT_SEALED)
        return verify_record(card, reader(self._db).kit_source_text(card["kit_version_id"]))


def seal_warning(check: SealCheck, *, interviewer: str, round_name: str) -> str | None:
    """A broken seal in words a hiring committee understands; None when the seal holds or there
    is none (a scorecard submitted before seals existed reads "not sealed" elsewhere, never "tampered")."""
    if check.status is SealStatus.TAMPERED:
        return (f"{interviewer}'s scorecard for {round_name} was changed after it was submitted: its content "
                "no longer matches the seal their laptop signed. Treat its ratings and notes as unverified.")
    if check.status is SealStatus.BAD_SIGNATURE:
        return (f"{interviewer}'s scorecard for {round_name} carries a seal whose signature does not verify: "
                "it cannot be traced to the laptop it claims. Treat its ratings and notes as unverified.")
    return None


def verify_record(card: dict, kit_source_text: str | None) -> SealCheck:
    """A scorecard record (as in a bundle) against its seal and its addenda's seals."""
    if card.get("status") != "submitted":
        return SealCheck(SealStatus.NOT_SEALED)
    result = check_seal(scorecard_content(card, kit_text_sha256=kit_text_hash(kit_source_text)), card.get("seal"))
    if not result.ok:
        return result
    for a in card.get("addenda", []):
        check = check_seal(addendum_content(a, scorecard_id=card["id"]), a.get("seal"))
        if not check.ok:
            return check
    return result
