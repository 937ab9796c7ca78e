"""The canonical form of a submitted scorecard and of an addendum, which a seal signs.

Canonical: JSON with sorted keys, no insignificant whitespace, UTF-8, lists in a fixed order
(responses by item id, marks by item and key). Every mark is included, ticked or unticked;
the kit version is named by the SHA-256 of its stored source text (not by its id, which a
laptop that already held the same kit content under another id maps to its own), so a
scorecard cannot be re-read against another kit text without breaking the seal.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from enum import StrEnum

SEAL_VERSION = 1
#: Prefix signed before the digest, so a seal can never be mistaken for another signed message.
SIGNING_CONTEXT = b"scorecard-seal-v1\x00"


def canonical_bytes(value) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def scorecard_content(record: dict, *, kit_text_sha256: str) -> dict:
    """What a scorecard's seal covers, from its exchange record (see docs/bundle-format.md)."""
    responses = sorted(
        (
            [
                r["item_id"], r.get("rating"), r.get("notes") or "", r.get("skip_reason"),
                r.get("knockout_option"), r.get("variant"), round(float(r.get("seconds_spent") or 0), 3),
            ]
            for r in record.get("responses", [])
        ),
        key=lambda r: r[0],
    )
    marks = sorted(
        ([m["item_id"], m["indicator_key"], bool(m["checked"])] for m in record.get("marks", [])),
        key=lambda m: (m[0], m[1]),
    )
    return {
        "seal_version": SEAL_VERSION,
        "kind": "scorecard",
        "scorecard_id": record["id"],
        "candidate_id": record["candidate_id"],
        "kit_text_sha256": kit_text_sha256,
        "round_id": record["round_id"],
        "interviewer": record["interviewer"],
        "interviewer_id": record.get("interviewer_id"),
        "recommendation": record.get("recommendation"),
        "summary": record.get("summary") or "",
        "submitted_at": record.get("submitted_at"),
        "round_seconds": round(float(record.get("round_seconds") or 0), 3),
        "responses": responses,
        "marks": marks,
    }


def addendum_content(record: dict, *, scorecard_id: str) -> dict:
    return {
        "seal_version": SEAL_VERSION,
        "kind": "addendum",
        "addendum_id": record["id"],
        "scorecard_id": scorecard_id,
        "author": record["author"],
        "text": record["text"],
        "created_at": record["created_at"],
        # the item it corrects (None: the scorecard as a whole)
        "item_id": record.get("item_id"),
    }


def content_digest(content: dict) -> str:
    return sha256_hex(canonical_bytes(content))


class SealStatus(StrEnum):
    #: digest matches the content and the signature matches the digest
    SEALED = "sealed"
    #: submitted before seals existed (or on a version without them)
    NOT_SEALED = "not sealed"
    #: the content no longer matches the sealed digest
    TAMPERED = "tampered: content differs from the sealed digest"
    #: the digest matches the content but the signature does not match the digest
    BAD_SIGNATURE = "tampered: the signature does not match"


@dataclass(frozen=True)
class SealCheck:
    status: SealStatus
    public_key: str | None = None

    @property
    def ok(self) -> bool:
        return self.status in (SealStatus.SEALED, SealStatus.NOT_SEALED)

    @property
    def fingerprint(self) -> str | None:
        return key_fingerprint(self.public_key) if self.public_key else None


def key_fingerprint(public_key_b64: str) -> str:
    """A short, readable name for a public key (first 16 hex digits of its SHA-256, in groups)."""
    h = hashlib.sha256(public_key_b64.encode("ascii")).hexdigest()[:16]
    return " ".join(h[i : i + 4] for i in range(0, 16, 4))
