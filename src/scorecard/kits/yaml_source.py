"""Read kit YAML the way a person writing it by hand expects, keeping the node tree.

PyYAML follows YAML 1.1, where `yes`/`no`/`on`/`off` are booleans, `010` is octal,
`1:30` is a number and `2024-01-01` a date: traps for hand-written ids and text.
`KitYamlLoader` resolves plain scalars by the YAML 1.2 core schema instead (only
`true`/`false` are booleans; the same rules VS Code's YAML extension uses), and
`parse_yaml` refuses duplicate keys, which PyYAML would silently collapse to the last.
The composed node tree is returned with the data so errors can name a line.

Speed: where PyYAML has its C extension (libyaml), a kit is parsed by `KitYamlCLoader` — the
same resolvers and constructors on the C parser, about ten times faster; its node marks give the
same lines and columns. Any file that fails to parse is parsed again by the pure-Python loader,
so syntax messages are exactly those of the pure-Python parser wherever the app runs.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from scorecard.kits.locate import locate
from scorecard.kits.problems import KitError, KitProblem

_TAG = "tag:yaml.org,2002:"
_INT = re.compile(r"^[-+]?[0-9]+$")
_FLOAT = re.compile(
    r"""^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?
          |[-+]?\.(?:inf|Inf|INF)
          |\.(?:nan|NaN|NAN))$""",
    re.X,
)
_BOOL = re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")

#: Tags a kit may contain; anything else (`!!set`, `!!timestamp`, `!custom`) is refused.
_ALLOWED_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "seq", "map", "merge")}


class KitYamlLoader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core-schema scalars and strict number/boolean parsing."""

    yaml_implicit_resolvers: dict = {}  # start empty rather than inherit YAML 1.1's


def _not_a(what: str, loader: KitYamlLoader, node: ScalarNode) -> ConstructorError:
    text = loader.construct_scalar(node)
    shown = text if len(text) <= 40 else text[:37] + "..."
    return ConstructorError(None, None, f"'{shown}' is not {what}", node.start_mark)


def _construct_int(loader: KitYamlLoader, node: ScalarNode) -> int:
    text = loader.construct_scalar(node)
    if not _INT.match(text):
        raise _not_a("a whole number", loader, node)
    try:
        return int(text)
    except ValueError:  # more digits than Python will convert
        raise _not_a("a number of a sensible size", loader, node) from None


def _construct_float(loader: KitYamlLoader, node: ScalarNode) -> float:
    text = loader.construct_scalar(node)
    if not _FLOAT.match(text):
        raise _not_a("a number", loader, node)
    lowered = text.lower()
    if "inf" in lowered:
        return -math.inf if lowered.startswith("-") else math.inf
    if "nan" in lowered:
        return math.nan
    return float(text)


def _construct_bool(loader: KitYamlLoader, node: ScalarNode) -> bool:
    text = loader.construct_scalar(node)
    if not _BOOL.match(text):
        raise _not_a("true or false", loader, node)
    return text.lower() == "true"


for _tag, _pattern, _first in [
    ("bool", _BOOL, "tTfF"),
    ("int", _INT, "-+0123456789"),
    ("float", _FLOAT, "-+.0123456789"),
    ("null", _NULL, ["~", "n", "N", ""]),
    ("merge", re.compile(r"^(?:<<)$"), "<"),
]:
    KitYamlLoader.add_implicit_resolver(_TAG + _tag, _pattern, list(_first))
KitYamlLoader.add_constructor(_TAG + "int", _construct_int)
KitYamlLoader.add_constructor(_TAG + "float", _construct_float)
KitYamlLoader.add_constructor(_TAG + "bool", _construct_bool)


try:
    _CSafeLoader = yaml.CSafeLoader  # PyYAML built with libyaml
except AttributeError:  # pragma: no cover - a PyYAML without its C extension
    _CSafeLoader = None

if _CSafeLoader is not None:

    class KitYamlCLoader(_CSafeLoader):
        """`KitYamlLoader`'s scalars and constructors on libyaml's parser."""

        yaml_implicit_resolvers = KitYamlLoader.yaml_implicit_resolvers
        yaml_constructors = KitYamlLoader.yaml_constructors
else:  # pragma: no cover
    KitYamlCLoader = None

#: Parse with libyaml when it is there (a module attribute, so tests can turn it off).
USE_C_PARSER = KitYamlCLoader is not None
#: A kit nests a few levels deep; deeper files go to the pure-Python parser, whose recursion
#: limit decides, as it always did, whether they are "nested too deeply".
MAX_C_DEPTH = 64


@dataclass(frozen=True)
class ParsedYaml:
    """The loaded data, its node tree (None for an empty file), and duplicate-key problems."""

    data: object
    root: Node | None
    problems: list[KitProblem]


def parse_yaml(text: str, filename: str) -> ParsedYaml:
    """Parse one YAML document; raises `KitError` for syntax errors and unsupported tags.

    Duplicate keys are returned as problems rather than raised, so the caller can report
    them together with whatever else is wrong in the file.
    """
    if USE_C_PARSER:
        try:
            return _parse(text, filename, KitYamlCLoader)
        except (yaml.YAMLError, RecursionError, ValueError):
            pass  # parsed again below, for the pure-Python parser's exact message
    try:
        return _parse(text, filename, KitYamlLoader)
    except yaml.YAMLError as exc:
        raise KitError([_syntax_problem(filename, text, exc)]) from None
    except RecursionError:
        message = "the file is nested too deeply to be a kit; check its brackets and indentation"
        raise KitError([KitProblem(filename, None, None, "", message)]) from None


def _parse(text: str, filename: str, loader_class: type = KitYamlLoader) -> ParsedYaml:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        if root is None:
            return ParsedYaml(None, None, [])
        if loader_class is not KitYamlLoader and _depth_exceeds(root, MAX_C_DEPTH):
            raise RecursionError("deeper than a kit")
        duplicates, bad_tags = _check_nodes(root)
        if bad_tags:
            raise KitError(_problems(filename, root, bad_tags))
        return ParsedYaml(loader.construct_document(root), root, _problems(filename, root, duplicates))
    finally:
        loader.dispose()


def _depth_exceeds(root: Node, limit: int) -> bool:
    seen: set[int] = set()
    stack: list[tuple[Node, int]] = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > limit:
            return True
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, SequenceNode):
            stack.extend((child, depth + 1) for child in node.value)
        elif isinstance(node, MappingNode):
            stack.extend((value, depth + 1) for _key, value in node.value)
    return False


def _check_nodes(root: Node) -> tuple[list, list]:
    """Find duplicate keys and unsupported tags, as (loc, node, message) triples.

    Iterative, and visiting each node once, so alias cycles and deep nesting are safe.
    """
    duplicates, bad_tags = [], []
    seen: set[int] = set()
    stack: list[tuple[Node, tuple]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _ALLOWED_TAGS:
            shown = node.tag.replace(_TAG, "!!")
            bad_tags.append((loc, node, f"unsupported YAML tag '{shown}'; kits use only plain text, "
                                        "numbers, true/false, lists and mappings"))
        if isinstance(node, SequenceNode):
            stack.extend((child, loc + (i,)) for i, child in enumerate(node.value))
        elif isinstance(node, MappingNode):
            first_line: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                stack.append((key, loc))
                if not isinstance(key, ScalarNode) or key.tag == _TAG + "merge":
                    stack.append((value, loc))
                    continue
                stack.append((value, loc + (key.value,)))
                where = (key.tag, key.value)
                if where in first_line:
                    duplicates.append((loc + (key.value,), key,
                                       f"duplicate key '{key.value}' (first written on line {first_line[where]}); "
                                       "YAML would keep only the last one, so remove or rename one of them"))
                else:
                    first_line[where] = key.start_mark.line + 1
    return duplicates, bad_tags


def _problems(filename: str, root: Node, found: list[tuple[tuple, Node, str]]) -> list[KitProblem]:
    """Problems at the nodes found, in file order, with field paths from the kit root."""
    problems = [
        KitProblem(filename, node.start_mark.line + 1, node.start_mark.column + 1, locate(root, loc).field, message)
        for loc, node, message in found
    ]
    return sorted(problems, key=lambda p: (p.line, p.column))


def _syntax_problem(filename: str, text: str, exc: yaml.YAMLError) -> KitProblem:
    mark = getattr(exc, "problem_mark", None)
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return KitProblem(filename, line, column, "",
                          f"the file contains a character that is not allowed in YAML (U+{exc.character:04X}); "
                          "is it a text file? Save it as plain UTF-8 text")
    if isinstance(exc, yaml.MarkedYAMLError) and mark is not None:
        what = ", ".join(part for part in (exc.context, exc.problem) if part)
        if isinstance(exc, ConstructorError):
            return KitProblem(filename, mark.line + 1, mark.column + 1, "", f"cannot read this value: {what}")
        return KitProblem(filename, mark.line + 1, mark.column + 1, "",
                          f"invalid YAML: {what}. Check the indentation, and put quotes around text "
                          "that contains ': ' or ' #' or starts with a character such as - [ { * & ! | > ' \" % @")
    return KitProblem(filename, None, None, "", f"invalid YAML: {exc}")
