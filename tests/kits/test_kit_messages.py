"""Pydantic's errors reach the author as plain guidance: what is wrong and what to write instead."""

from __future__ import annotations

import pytest

from scorecard.kits import KitError, KitProblem, load_kit_text

KIT = """\
id: mini
title: Mini
levels: [{id: junior, name: Junior}]
rounds:
  - id: r1
    name: Round one
    stage: interview
scales:
  - id: evidence
    name: Evidence
    steps:
      - {id: below, value: 1, label: Below}
      - {id: meets, value: 2, label: Meets}
default_scale: evidence
items:
  - type: resume_criterion
    id: c1
    round: r1
    prompt: Shows API work.
"""


def problems_after(old: str, new: str) -> list[KitProblem]:
    assert old in KIT
    with pytest.raises(KitError) as caught:
        load_kit_text(KIT.replace(old, new, 1), "m.yaml")
    return caught.value.problems


def only(old: str, new: str) -> tuple[int, str, str]:
    [problem] = problems_after(old, new)
    return problem.line, problem.field, problem.message


def test_unknown_key_lists_the_allowed_keys_and_guesses_the_intended_one():
    line, field, message = only("    stage: interview\n", "    stage: interview\n    descripton: Phone call\n")
    assert (line, field) == (8, "rounds[0] (id: r1).descripton")
    assert message == ("unknown key 'descripton' (did you mean 'description'?); "
                       "allowed keys here are: id, name, stage, description")


def test_unknown_key_inside_an_item_lists_that_item_types_keys():
    line, field, message = only("    prompt: Shows API work.\n", "    prompt: Shows API work.\n    options: []\n")
    assert (line, field) == (20, "items[0] (id: c1).options")
    assert message.startswith("unknown key 'options'; allowed keys here are: id, round, title, prompt")
    assert "competency" not in message


def test_unknown_top_level_key():
    line, field, message = only("title: Mini\n", "title: Mini\nrole: Engineer\n")
    assert (line, field) == (3, "role")
    assert "allowed keys here are: format_version, id, title, author" in message


def test_missing_key_points_at_the_mapping_that_should_hold_it():
    line, field, message = only("    stage: interview\n", "")
    assert (line, field) == (5, "rounds[0] (id: r1).stage")
    assert message == "missing required key 'stage'; add `stage:` with one of: application, resume_screening, interview"


def test_missing_top_level_key_names_what_to_write():
    line, field, message = only("default_scale: evidence\n", "")
    assert (line, field) == (1, "default_scale")
    assert message == ("missing required key 'default_scale'; "
                       "add `default_scale:` with an id (lowercase letters, digits, '-' or '_')")


def test_number_where_text_is_expected_suggests_quotes():
    line, field, message = only("title: Mini", "title: 2024")
    assert (line, field) == (2, "title")
    assert message == 'expected text but found the number 2024; put it in quotes: "2024"'


def test_empty_value_where_text_is_expected():
    line, field, message = only("    name: Round one", "    name:")
    assert (line, field) == (6, "rounds[0] (id: r1).name")
    assert message.startswith("the value is empty; write some text after the colon")


def test_enum_value_lists_the_allowed_values():
    line, field, message = only("stage: interview", "stage: onsite")
    assert (line, field) == (7, "rounds[0] (id: r1).stage")
    assert message == "unknown value 'onsite'; use one of: application, resume_screening, interview"


def test_unknown_item_type_lists_the_item_types():
    line, field, message = only("type: resume_criterion", "type: resume_question")
    assert (line, field) == (16, "items[0] (id: c1).type")
    assert message == ("unknown item type 'resume_question'; use one of: competency_question, attitude_question, "
                       "knockout_question, video_question, resume_criterion, exercise")


def test_missing_item_type():
    line, field, message = only("  - type: resume_criterion\n    id: c1", "  - id: c1")
    assert (line, field) == (16, "items[0] (id: c1).type")
    assert message.startswith("missing required key 'type'; add `type:` with one of: competency_question,")


def test_scalar_where_a_list_is_expected():
    line, field, message = only("levels: [{id: junior, name: Junior}]", "levels: junior")
    assert (line, field) == (3, "levels")
    assert message == "expected a list but found the text 'junior'; write each entry on its own line starting with '- '"


def test_list_where_a_mapping_is_expected():
    line, field, message = only("  - id: r1\n    name: Round one\n    stage: interview\n", "  - [r1, Round one]\n")
    assert (line, field) == (5, "rounds[0]")
    assert message == "expected a mapping of `key: value` lines but found a list"


def test_invalid_id_suggests_a_valid_one():
    line, field, message = only("id: c1", "id: API Work!")
    assert (line, field) == (17, "items[0] (id: API Work!).id")
    assert message.startswith("'API Work!' is not a valid id; use only lowercase letters, digits, '-' and '_'")
    assert message.endswith("e.g. 'api-work'")


def test_whole_number_expected():
    line, field, message = only("value: 2,", "value: high,")
    assert (line, field) == (13, "scales[0] (id: evidence).steps[1] (id: meets).value")
    assert message == "expected a whole number such as 3 but found the text 'high'"


def test_number_bounds():
    line, field, message = only("    prompt: Shows API work.\n",
                                "    prompt: Shows API work.\n    response_time_minutes: 0\n")
    assert (line, field) == (20, "items[0] (id: c1).response_time_minutes")
    assert message == "must be greater than 0; found the number 0"


def test_format_version():
    line, field, message = only("id: mini\n", "format_version: 2\nid: mini\n")
    assert (line, field) == (1, "format_version")
    assert message == "unsupported value 2; use 1"


def test_empty_text():
    line, field, message = only("title: Mini", 'title: ""')
    assert (line, field) == (2, "title")
    assert message.startswith("must not be empty")


def test_scale_steps_out_of_order():
    line, field, message = only("value: 2,", "value: 0,")
    assert (line, field) == (9, "scales[0] (id: evidence)")
    assert message == "steps must be listed from lowest to highest with distinct values (got values [1, 0])"


def test_duplicate_scale_step_ids_point_at_the_step():
    line, field, message = only("{id: meets, value: 2", "{id: below, value: 2")
    assert (line, field) == (13, "scales[0] (id: evidence).steps[1] (id: below).id")
    assert message == "duplicate step id 'below': give each one a different id"


def test_bad_dict_key_points_at_the_key():
    discipline = "  - {id: d, name: D, competencies: [{id: c, name: C, levels: {1: x}}]}"
    kit = KIT.replace("items:", f"disciplines:\n{discipline}\nitems:")
    with pytest.raises(KitError) as caught:
        load_kit_text(kit, "m.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (16, "disciplines[0] (id: d).competencies[0] (id: c).levels.1")
    assert problem.message == 'expected text but found the number 1; put it in quotes: "1"'


def test_id_too_long():
    line, field, message = only("id: c1", "id: " + "c" * 81)
    assert (line, field) == (17, f"items[0] (id: {'c' * 81}).id")
    assert message == "is too long (81 characters); use at most 80"


def test_true_or_false_expected():
    kit = KIT.replace("items:", "attitudes: [{id: a, name: A, definition: D, derived: maybe}]\nitems:")
    with pytest.raises(KitError) as caught:
        load_kit_text(kit, "m.yaml")
    [problem] = caught.value.problems
    assert (problem.line, problem.field) == (15, "attitudes[0] (id: a).derived")
    assert problem.message == "expected true or false but found the text 'maybe'"
