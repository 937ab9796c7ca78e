"""Each broken kit in tests/fixtures/kits/ is reported at the right line, field and with useful words."""

from __future__ import annotations

from pathlib import Path

import pytest

from scorecard.kits import KitError, load_kit

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kits"

# fixture, line, field, part of the message
CASES = [
    ("unknown-key.yaml", 20, "items[0] (id: r-apis).difficulty",
     "unknown key 'difficulty'; allowed keys here are: id, round, title, prompt"),
    ("duplicate-item-id.yaml", 21, "items[1] (id: r-apis).id", "duplicate item id 'r-apis'"),
    ("duplicate-round-id.yaml", 8, "rounds[1] (id: screen).id", "duplicate round id 'screen'"),
    ("duplicate-level-id.yaml", 7, "levels[1] (id: junior).id", "duplicate level id 'junior'"),
    ("duplicate-competency-id.yaml", 23,
     "disciplines[1] (id: operations).competencies[0] (id: apis).id", "duplicate competency id 'apis'"),
    ("duplicate-option-id.yaml", 22, "items[0] (id: k-years).options[1] (id: yes).id",
     "duplicate option id 'yes'"),
    ("unknown-round.yaml", 18, "items[0] (id: r-apis).round", "unknown round 'onsite'; use one of 'screen'"),
    ("unknown-competency.yaml", 24, "items[0] (id: q-mapping).competency",
     "unknown competency 'data-mapping'; use one of 'apis'"),
    ("unknown-attitude.yaml", 21, "items[0] (id: q-ownership).attitude",
     "unknown attitude 'ownership'; use one of 'listening'"),
    ("unknown-level.yaml", 23, "disciplines[0] (id: architecture).competencies[0] (id: apis).levels.principal",
     "unknown level 'principal'; use one of 'junior'"),
    ("unknown-scale.yaml", 19, "items[0] (id: r-apis).scale", "unknown scale 'five-point'; use one of 'evidence'"),
    ("unknown-anchor-step.yaml", 22, "items[0] (id: r-apis).anchors.exceeds",
     "unknown step 'exceeds' in scale 'evidence'; use one of 'below', 'meets'"),
    ("empty-indicators-competency.yaml", 27, "items[0] (id: q-endpoint).indicators.positive",
     "a competency_question needs at least one positive indicator"),
    # No `indicators:` at all: the problem points at the item that should have them.
    ("empty-indicators-attitude.yaml", 18, "items[0] (id: q-revised-spec).indicators.positive",
     "an attitude_question needs at least one positive indicator"),
    ("empty-indicators-exercise.yaml", 23, "items[0] (id: x-sync).indicators.negative",
     "an exercise needs at least one negative indicator"),
    ("scale-one-step.yaml", 11, "scales[0] (id: evidence).steps", "needs at least 2 entries; it has 1"),
    ("syntax-error.yaml", 19, "", "invalid YAML: mapping values are not allowed here"),
    ("empty.yaml", 1, "", "the file is empty; a kit starts with `id:`"),
    ("duplicate-yaml-key.yaml", 20, "items[0] (id: r-apis).round",
     "duplicate key 'round' (first written on line 18)"),
]


@pytest.mark.parametrize(("name", "line", "field", "message"), CASES, ids=[c[0] for c in CASES])
def test_broken_fixture_is_reported_where_it_is_wrong(name, line, field, message):
    path = FIXTURES / name
    with pytest.raises(KitError) as caught:
        load_kit(path)
    problem = caught.value.problems[0]
    assert all(p.file == str(path) for p in caught.value.problems)
    assert (problem.line, problem.field) == (line, field)
    assert message in problem.message


def test_every_cross_reference_problem_is_reported_in_one_run(tmp_path):
    """An author fixing a kit sees all of its broken references at once, each at its own line."""
    from tests.factories import MINI_KIT
    import yaml

    data = yaml.safe_load(yaml.safe_dump(MINI_KIT))
    data["items"][1]["round"] = "onsite"
    data["items"][1]["competency"] = "data-mapping"
    data["items"][2]["attitude"] = "ownership"
    data["items"][1]["expectations"] = {"principal": "x"}
    data["rounds"].append(dict(data["rounds"][0]))
    data["items"][3]["variants"].append(dict(data["items"][3]["variants"][0]))
    path = tmp_path / "many.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(KitError) as caught:
        load_kit(path)
    messages = [p.message for p in caught.value.problems]
    for expected in ("unknown round 'onsite'", "unknown competency 'data-mapping'", "unknown attitude 'ownership'",
                     "unknown level 'principal'", "duplicate round id 'screen'", "duplicate variant id 'no-ai'"):
        assert any(expected in m for m in messages), (expected, messages)
    assert len({p.line for p in caught.value.problems}) >= 5


def test_every_broken_fixture_is_covered():
    assert {p.name for p in FIXTURES.glob("*.yaml")} == {c[0] for c in CASES} | {"several-problems.yaml"}


def test_all_problems_are_reported_in_file_order():
    with pytest.raises(KitError) as caught:
        load_kit(FIXTURES / "several-problems.yaml")
    found = [(p.line, p.field) for p in caught.value.problems]
    assert found == [
        (17, "items[0] (id: R APIs).id"),
        (20, "items[1] (id: v-handoff).prompt"),
        (23, "items[1] (id: v-handoff).response_time_minutes"),
        (30, "items[2] (id: k-years).options[1] (id: no).outcome"),
    ]
    messages = [p.message for p in caught.value.problems]
    assert "'R APIs' is not a valid id" in messages[0] and "e.g. 'r-apis'" in messages[0]
    assert messages[1] == "missing required key 'prompt'; add `prompt:` with text"
    assert "expected a number such as 2.5 but found the text 'two'" in messages[2]
    assert messages[3] == "unknown value 'decline'; use one of: qualifies, auto_decline, review"


def test_the_error_names_every_problem_in_its_text():
    with pytest.raises(KitError) as caught:
        load_kit(FIXTURES / "several-problems.yaml")
    lines = str(caught.value).splitlines()
    assert len(lines) == 4
    assert lines[0].startswith(f"{FIXTURES / 'several-problems.yaml'}:17:5: items[0] (id: R APIs).id: ")


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", "'   '", "must contain some text, not only spaces"),
        ("minutes", "true", "expected a number of minutes"),
        ("minutes", ".inf", "less than or equal to 1440"),
        ("minutes", "-3", "greater than 0"),
    ],
)
def test_nonsense_values_are_refused(tmp_path, field, value, message):
    from tests.factories import MINI_KIT
    import yaml

    text = yaml.safe_dump(MINI_KIT, sort_keys=False)
    if field == "title":
        text = text.replace("title: Mini Engineer", f"title: {value}", 1)
    else:
        text = text.replace("response_time_minutes: 20", f"response_time_minutes: {value}", 1)
    path = tmp_path / "k.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(KitError) as caught:
        load_kit(path)
    assert any(message in p.message for p in caught.value.problems), caught.value.problems


def test_huge_files_and_devices_are_refused_quickly(tmp_path):
    from scorecard.kits.loader import MAX_KIT_BYTES

    big = tmp_path / "big.yaml"
    big.write_text("title: " + "x" * (MAX_KIT_BYTES + 10), encoding="utf-8")
    with pytest.raises(KitError, match="larger than"):
        load_kit(big)
    with pytest.raises(KitError, match="not a regular file"):
        load_kit("/dev/zero")
