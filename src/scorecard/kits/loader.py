"""Load a hand-written YAML kit into a `Kit`, or say precisely what is wrong with it.

Whatever the input — a missing file, binary data, broken YAML, a kit with twenty
mistakes — the only exception that leaves this module is `KitError`, listing every
problem found with its file, line, column and field path.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import ValidationError
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from scorecard.domain.kit import Kit
from scorecard.kits.files import MAX_KIT_BYTES, decode_kit_bytes, read_kit_bytes
from scorecard.kits.locate import locate
from scorecard.kits.messages import explain_all
from scorecard.kits.problems import KitError, KitProblem
from scorecard.kits.yaml_source import parse_yaml

_EMPTY = ("the file is empty; a kit starts with `id:` and `title:`, then lists `levels:`, "
          "`rounds:`, `scales:`, `default_scale:` and `items:` (see docs/kit-format.md)")


__all__ = ["MAX_KIT_BYTES", "load_kit", "load_kit_text"]


def load_kit(path: str | os.PathLike) -> Kit:
    """Read and validate the kit file at `path`; raises `KitError`."""
    filename = str(path)
    return load_kit_text(_read_text(Path(path), filename), filename)


def load_kit_text(text: str, filename: str) -> Kit:
    """Validate kit YAML already in memory; `filename` is only used in problem reports."""
    parsed = parse_yaml(text, filename)
    if parsed.root is None or parsed.data is None:
        raise KitError([KitProblem(filename, 1, 1, "", _EMPTY)])
    if not isinstance(parsed.data, dict):
        mark = parsed.root.start_mark
        raise KitError([KitProblem(filename, mark.line + 1, mark.column + 1, "",
                                   "a kit is a mapping of `key: value` lines starting with `id:` and `title:`, "
                                   f"but this file holds {_kind_of(parsed.data)}")])
    try:
        kit = Kit.model_validate(parsed.data)
    except ValidationError as exc:
        found = [problem for error in exc.errors() for problem in _problems(filename, parsed.root, error)]
        raise KitError(sorted(parsed.problems + found, key=lambda p: (p.line or 0, p.column or 0))) from None
    if parsed.problems:
        raise KitError(parsed.problems)
    return kit


def _read_text(path: Path, filename: str) -> str:
    return decode_kit_bytes(read_kit_bytes(path, filename), filename)


def _problems(filename: str, root: Node, error: ErrorDetails) -> list[KitProblem]:
    out = []
    for loc, message in explain_all(error):
        spot = locate(root, loc)
        out.append(KitProblem(filename, spot.line, spot.column, spot.field, message))
    return out


def _kind_of(data: object) -> str:
    if isinstance(data, list):
        return "a list"
    shown = repr(data)
    return f"a single value ({shown if len(shown) <= 60 else shown[:57] + '...'})"
