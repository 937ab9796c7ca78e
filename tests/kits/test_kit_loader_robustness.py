"""Whatever is handed to the loader, the only thing that comes out besides a Kit is a KitError."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from scorecard.kits import KitError, KitProblem, load_kit, load_kit_text

MINI = """\
id: mini
title: Mini
levels: [{id: junior, name: Junior}]
rounds: [{id: r1, name: Round one, stage: interview}]
scales:
  - id: evidence
    name: Evidence
    steps:
      - {id: below, value: 1, label: Below}
      - {id: meets, value: 2, label: Meets}
default_scale: evidence
disciplines:
  - id: d
    name: D
    competencies: [{id: c, name: C, levels: {junior: "x"}}]
items:
  - {type: competency_question, id: q1, round: r1, competency: c, prompt: "Why?", indicators: {positive: [a], negative: [b]}}
  - {type: knockout_question, id: k1, round: r1, prompt: "3 years?", options: [{id: yes, label: "Yes", outcome: qualifies}, {id: no, label: "No", outcome: auto_decline}]}
"""


def only_problem(call, *args) -> KitProblem:
    with pytest.raises(KitError) as caught:
        call(*args)
    [problem] = caught.value.problems
    return problem


def test_the_minimal_kit_loads():
    kit = load_kit_text(MINI, "mini.yaml")
    assert (kit.id, len(kit.items)) == ("mini", 2)


def test_problem_prints_as_file_line_column_field_message():
    problem = KitProblem("k.yaml", 3, 5, "items[0].round", "unknown round")
    assert str(problem) == "k.yaml:3:5: items[0].round: unknown round"
    assert str(KitProblem("k.yaml", 1, 1, "", "the file is empty")) == "k.yaml:1:1: the file is empty"
    assert str(KitProblem("k.yaml", None, None, "", "no such file")) == "k.yaml: no such file"


@pytest.mark.parametrize("text", ["", "   \n\n", "# only a comment\n", "---\n", "~\n"])
def test_empty_files(text):
    problem = only_problem(load_kit_text, text, "e.yaml")
    assert (problem.file, problem.line, problem.field) == ("e.yaml", 1, "")
    assert problem.message.startswith("the file is empty; a kit starts with `id:`")


@pytest.mark.parametrize(("text", "line", "what"), [
    ("- id: a\n- id: b\n", 1, "a list"),
    ("\n\njust some words\n", 3, "a single value ('just some words')"),
])
def test_a_file_that_is_not_a_mapping(text, line, what):
    problem = only_problem(load_kit_text, text, "n.yaml")
    assert problem.line == line
    assert problem.message.startswith("a kit is a mapping of `key: value` lines starting with `id:` and `title:`")
    assert problem.message.endswith(f"but this file holds {what}")


def test_missing_file(tmp_path):
    path = tmp_path / "nope.yaml"
    problem = only_problem(load_kit, path)
    assert (problem.file, problem.line) == (str(path), None)
    assert "no such file" in problem.message


def test_directory(tmp_path):
    problem = only_problem(load_kit, tmp_path)
    assert problem.file == str(tmp_path)
    assert "this is a folder, not a file" in problem.message


def test_invalid_utf8_names_the_line(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("id: k\ntitle: Caf\u00e9\n".encode("latin-1"))
    problem = only_problem(load_kit, path)
    assert (problem.file, problem.line, problem.column, problem.field) == (str(path), 2, 11, "")
    assert "this is not UTF-8 text (byte 0xe9)" in problem.message


def test_binary_garbage(tmp_path):
    path = tmp_path / "picture.yaml"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    problem = only_problem(load_kit, path)
    assert (problem.file, problem.line, problem.column, problem.field) == (str(path), 1, 1, "")
    assert "this is not UTF-8 text (byte 0x89)" in problem.message


def test_control_characters_in_utf8_text(tmp_path):
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"id: k\ntitle: a\x00b\n")
    problem = only_problem(load_kit, path)
    assert (problem.file, problem.line, problem.column, problem.field) == (str(path), 2, 9, "")
    assert "a character that is not allowed in YAML (U+0000)" in problem.message


def test_utf8_with_byte_order_mark_loads(tmp_path):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINI.encode())
    assert load_kit(path).id == "mini"


def test_yaml_syntax_error_names_line_and_column():
    problem = only_problem(load_kit_text, "id: k\ntitle: [unclosed\nlevels: x\n", "s.yaml")
    assert (problem.file, problem.line, problem.column, problem.field) == ("s.yaml", 3, 7, "")
    assert problem.message.startswith("invalid YAML: while parsing a flow sequence")


def test_two_documents_in_one_file():
    problem = only_problem(load_kit_text, MINI + "---\nid: other\n", "two.yaml")
    assert problem.line == 19
    assert "expected a single document" in problem.message


@pytest.mark.parametrize("text", [
    "[" * 600,
    "a:\n" + "".join(" " * i + "- \n" for i in range(2000)),
    "items: " + "{a: " * 2000,
])
def test_deeply_nested_junk(text):
    problem = only_problem(load_kit_text, text, "deep.yaml")
    assert problem.message.startswith("the file is nested too deeply to be a kit")


def test_alias_that_refers_to_itself():
    with pytest.raises(KitError) as caught:
        load_kit_text("id: &a [*a]\ntitle: *a\n", "loop.yaml")
    assert caught.value.problems[0].field == "id"


def test_random_damage_to_a_valid_kit_never_escapes_as_another_exception():
    rng = random.Random(20240601)
    alphabet = ":-[]{}&*!|>'\"#%@?,\n\t \\0yn"
    for _ in range(400):
        text = list(MINI)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(text))
            if rng.random() < 0.5:
                del text[at]
            else:
                text.insert(at, rng.choice(alphabet))
        try:
            load_kit_text("".join(text), "fuzz.yaml")
        except KitError as exc:
            assert exc.problems and all(p.file == "fuzz.yaml" and str(p) for p in exc.problems)


def test_random_bytes_never_escape_as_another_exception(tmp_path: Path):
    rng = random.Random(7)
    path = tmp_path / "random.yaml"
    for _ in range(100):
        path.write_bytes(bytes(rng.randrange(256) for _ in range(rng.randint(1, 300))))
        try:
            load_kit(path)
        except KitError as exc:
            assert exc.problems
