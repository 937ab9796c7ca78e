"""The published JSON Schema is generated from the kit models and cannot go stale."""

from __future__ import annotations

from pathlib import Path

from scorecard.kits.schema import kit_json_schema, kit_json_schema_text

PUBLISHED = Path(__file__).resolve().parents[2] / "docs" / "kit.schema.json"


def test_committed_schema_matches_the_models():
    assert PUBLISHED.read_text(encoding="utf-8") == kit_json_schema_text(), (
        "docs/kit.schema.json is stale; regenerate it with `uv run scorecard kit schema --out docs/kit.schema.json`"
    )


def test_schema_identifies_itself_and_describes_every_item_type():
    schema = kit_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"] and schema["title"] == "Scorecard hiring kit" and schema["description"]
    assert schema["additionalProperties"] is False
    mapping = schema["properties"]["items"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == {"competency_question", "attitude_question", "knockout_question",
                            "video_question", "resume_criterion", "exercise"}
