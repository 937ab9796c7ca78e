"""The kit format as a JSON Schema, generated from the kit models so it cannot drift.

Editors use it to complete keys and flag mistakes while a kit is written; the loader
remains the authority (the schema cannot check cross-references such as item → round).
"""

from __future__ import annotations

import json

from scorecard.domain.kit import Kit

SCHEMA_ID = "urn:scorecard:kit-format:1"


def kit_json_schema() -> dict:
    """The JSON Schema (draft 2020-12) of a kit file."""
    schema = Kit.model_json_schema()
    head = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Scorecard hiring kit",
        "description": (
            "A hiring kit for one role: levels, rounds, framework, scales and the items an "
            "interview panel asks and scores. See docs/kit-format.md. References between "
            "parts (an item's round, competency, scale, ...) are checked by `scorecard kit validate`."
        ),
    }
    return head | {k: v for k, v in schema.items() if k not in head}


def kit_json_schema_text() -> str:
    """The schema as it is published in docs/kit.schema.json."""
    return json.dumps(kit_json_schema(), indent=2, ensure_ascii=False) + "\n"
