"""Kit YAML is read by YAML 1.2 core rules, without PyYAML's 1.1 surprises, and refuses duplicate keys."""

from __future__ import annotations

import textwrap

import pytest

from scorecard.kits import KitError, load_kit_text
from scorecard.kits.yaml_source import parse_yaml


def data(text: str):
    return parse_yaml(textwrap.dedent(text), "t.yaml").data


def test_yes_no_on_off_stay_text():
    assert data("[yes, no, on, off, Yes, NO, y, n]") == ["yes", "no", "on", "off", "Yes", "NO", "y", "n"]


def test_only_true_and_false_are_booleans():
    assert data("[true, false, True, FALSE]") == [True, False, True, False]


def test_numbers_dates_and_times_follow_yaml_1_2():
    assert data("[010, 1_000, 1:30, 2024-01-01, 0x1F, 3, -2, 2.5, 1e3, ~, null]") == [
        10, "1_000", "1:30", "2024-01-01", "0x1F", 3, -2, 2.5, 1000.0, None, None,
    ]


def test_knockout_option_ids_yes_and_no_load_unquoted():
    kit = load_kit_text(textwrap.dedent("""\
        id: k
        title: K
        levels: [{id: junior, name: Junior}]
        rounds: [{id: apply, name: Apply, stage: application}]
        scales: [{id: s, name: S, steps: [{id: no, value: 1, label: No}, {id: yes, value: 2, label: Yes}]}]
        default_scale: s
        items:
          - type: knockout_question
            id: k-years
            round: apply
            prompt: Three years?
            options:
              - {id: yes, label: Yes, outcome: qualifies}
              - {id: no, label: No, outcome: auto_decline}
        """), "k.yaml")
    assert [(o.id, o.label) for o in kit.items[0].options] == [("yes", "Yes"), ("no", "No")]
    assert [s.id for s in kit.scale().steps] == ["no", "yes"]


def test_duplicate_keys_are_reported_with_both_lines():
    parsed = parse_yaml("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n", "t.yaml")
    found = [(p.line, p.field, p.message.split(";")[0]) for p in parsed.problems]
    assert found == [
        (4, "b.c", "duplicate key 'c' (first written on line 3)"),
        (5, "a", "duplicate key 'a' (first written on line 1)"),
    ]


def test_same_key_in_different_mappings_is_fine():
    assert parse_yaml("- {id: a}\n- {id: b}\n", "t.yaml").problems == []


def test_anchors_and_merge_keys_work_without_false_duplicates():
    parsed = parse_yaml("base: &b {stage: interview, name: X}\nround: {<<: *b, name: Y}\n", "t.yaml")
    assert parsed.problems == []
    assert parsed.data["round"] == {"stage": "interview", "name": "Y"}


@pytest.mark.parametrize(("text", "line", "message"), [
    ("a: !!set {x}\n", 1, "unsupported YAML tag '!!set'"),
    ("a: !!python/object:os.system x\n", 1, "unsupported YAML tag '!!python/object:os.system'"),
    ("a: b\nc: !custom d\n", 2, "unsupported YAML tag '!custom'"),
    ("a: !!int abc\n", 1, "'abc' is not a whole number"),
    ("a: !!float abc\n", 1, "'abc' is not a number"),
    ("a: !!bool maybe\n", 1, "'maybe' is not true or false"),
    (f"a: {'9' * 5000}\n", 1, "is not a number of a sensible size"),
])
def test_values_a_kit_cannot_hold_are_refused_with_a_line(text, line, message):
    with pytest.raises(KitError) as caught:
        parse_yaml(text, "t.yaml")
    [problem] = caught.value.problems
    assert problem.line == line
    assert message in problem.message
