"""Ids and timestamps every record uses; a module of its own so light readers need not import the kit models."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone


def new_id() -> str:
    """A global id: records from several laptops are merged later, exactly once."""
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(timezone.utc)
