"""`kit validate` and `kit schema`, run through argparse as the main CLI runs them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from scorecard.cli.kit_commands import add_kit_parser
from scorecard.kits.schema import kit_json_schema

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "kits"
VALID = """\
id: mini
title: Mini kit
levels: [{id: junior, name: Junior}]
rounds: [{id: r1, name: Round one, stage: interview}]
scales: [{id: s, name: S, steps: [{id: lo, value: 1, label: Lo}, {id: hi, value: 2, label: Hi}]}]
default_scale: s
items: [{type: resume_criterion, id: c1, round: r1, prompt: Shows API work.}]
"""


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scorecard")
    add_kit_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return args.func(args)


def test_validate_a_good_kit(tmp_path, capsys):
    path = tmp_path / "mini.yaml"
    path.write_text(VALID, encoding="utf-8")
    assert main(["kit", "validate", str(path)]) == 0
    assert capsys.readouterr().out == f"OK: {path} (Mini kit, 1 item)\n"


def test_validate_prints_every_problem_of_every_file_and_fails(tmp_path, capsys):
    good = tmp_path / "mini.yaml"
    good.write_text(VALID, encoding="utf-8")
    several, round_ = FIXTURES / "several-problems.yaml", FIXTURES / "unknown-round.yaml"
    assert main(["kit", "validate", str(several), str(good), str(round_)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 6
    assert lines[0].startswith(f"{several}:17:5: items[0] (id: R APIs).id: 'R APIs' is not a valid id")
    assert all(line.startswith(f"{several}:") for line in lines[:4])
    assert lines[4] == f"OK: {good} (Mini kit, 1 item)"
    assert lines[5] == f"{round_}:18:5: items[0] (id: r-apis).round: unknown round 'onsite'; use one of 'screen'"


def test_validate_a_missing_file(tmp_path, capsys):
    missing = tmp_path / "missing.yaml"
    assert main(["kit", "validate", str(missing)]) == 1
    assert capsys.readouterr().out == f"{missing}: no such file; check the path and the file name\n"


def test_schema_prints_the_json_schema(capsys):
    assert main(["kit", "schema"]) == 0
    assert json.loads(capsys.readouterr().out) == kit_json_schema()


def test_schema_writes_a_file(tmp_path, capsys):
    out = tmp_path / "kit.schema.json"
    assert main(["kit", "schema", "--out", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == kit_json_schema()
    assert capsys.readouterr().out == f"wrote {out}\n"


def test_schema_reports_a_file_it_cannot_write(tmp_path, capsys):
    out = tmp_path / "no-such-folder" / "kit.schema.json"
    assert main(["kit", "schema", "--out", str(out)]) == 1
    assert capsys.readouterr().err.startswith(f"{out}: cannot write the schema: ")
