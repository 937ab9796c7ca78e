"""docs/kit-format.md shows only what is true: its example kit loads, its snippets parse, its error sample is real."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scorecard.kits import KitError, load_kit, load_kit_text
from scorecard.kits.yaml_source import parse_yaml

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "kit-format.md").read_text(encoding="utf-8")


def block_after(heading: str, language: str) -> str:
    match = re.search(rf"^{re.escape(heading)}\n.*?^```{language}\n(.*?)^```", DOC, re.M | re.S)
    assert match, f"no ```{language} block after {heading!r}"
    return match.group(1)


def test_the_complete_example_is_a_valid_kit_with_every_item_type():
    kit = load_kit_text(block_after("## A complete example", "yaml"), "kit-format.md")
    assert {item.type for item in kit.items} == {
        "competency_question", "attitude_question", "knockout_question",
        "video_question", "resume_criterion", "exercise",
    }
    knockout = next(item for item in kit.items if item.type == "knockout_question")
    assert [o.id for o in knockout.options] == ["yes", "no"]


@pytest.mark.parametrize("snippet", re.findall(r"^```yaml\n(.*?)^```", DOC, re.M | re.S))
def test_every_yaml_snippet_is_well_formed(snippet):
    assert parse_yaml(snippet, "snippet.yaml").problems == []


def test_the_error_sample_is_what_validate_prints(monkeypatch):
    monkeypatch.chdir(ROOT)
    with pytest.raises(KitError) as caught:
        load_kit("tests/fixtures/kits/several-problems.yaml")
    assert [str(p) for p in caught.value.problems] == block_after("## How errors look", "text").splitlines()


def test_every_key_of_the_format_is_documented():
    from scorecard.domain import kit as kit_models

    models = [m for m in vars(kit_models).values()
              if isinstance(m, type) and issubclass(m, kit_models.KitModel) and m is not kit_models.KitModel]
    undocumented = {f"{m.__name__}.{name}" for m in models for name in m.model_fields if f"`{name}`" not in DOC}
    assert not undocumented
