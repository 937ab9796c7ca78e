"""Turn pydantic's validation errors into guidance a kit author can act on.

Pydantic says "Extra inputs are not permitted"; an author needs "unknown key 'promt';
did you mean 'prompt'?". Each message says what is wrong and what to write instead,
using the kit models themselves to list allowed keys and values, so the wording
cannot drift from the format.
"""

from __future__ import annotations

import difflib
import re
import reprlib
from enum import Enum
from types import UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from scorecard.domain.kit import Kit, KitReferenceError


def explain_all(error: ErrorDetails) -> list[tuple[tuple, str]]:
    """Every (path, message) one pydantic error stands for: a cross-reference check reports several."""
    ctx = error.get("ctx", {})
    if error["type"] == "value_error" and isinstance(ctx.get("error"), KitReferenceError):
        loc = tuple(error["loc"])
        return [_within(loc, tuple(path), message) for path, message in ctx["error"].problems]
    return [explain(error)]


def explain(error: ErrorDetails) -> tuple[tuple, str]:
    """The path to point at (from the kit root) and a plain-language message for one error."""
    kind, loc, value, ctx = error["type"], tuple(error["loc"]), error.get("input"), error.get("ctx", {})
    if kind == "value_error":
        return _value_error(loc, ctx["error"])
    if kind == "union_tag_not_found":
        return loc + ("type",), f"missing required key 'type'; add `type:` with one of: {_item_types()}"
    if kind == "union_tag_invalid":
        return loc + ("type",), f"unknown item type '{_short(_text_of(ctx['tag']))}'; use one of: {_item_types()}"
    if kind == "missing":
        return loc, _missing(loc)
    if kind in ("extra_forbidden", "invalid_key"):
        return loc, _unknown_key(loc)
    handler = _BY_KIND.get(kind)
    return loc, handler(value, ctx) if handler else _fallback(error["msg"])


def _value_error(loc: tuple, exc: Exception) -> tuple[tuple, str]:
    """Cross-reference errors carry their own path, from the kit root or from the model that raised them."""
    if not isinstance(exc, KitReferenceError):
        return loc, str(exc)
    return _within(loc, tuple(exc.path), exc.message)


def _within(loc: tuple, path: tuple, message: str) -> tuple[tuple, str]:
    """A problem path is from the kit root, or from the model whose validator reported it."""
    return (path if path[: len(loc)] == loc else loc + path), message


def _missing(loc: tuple) -> str:
    name = loc[-1]
    model = _model_at(loc[:-1])
    field = model.model_fields.get(name) if model else None
    kind = _describe(field.annotation, field.metadata) if field else "a value"
    return f"missing required key '{name}'; add `{name}:` with {kind}"


def _unknown_key(loc: tuple) -> str:
    key = _short(str(loc[-1]))
    model = _model_at(loc[:-1])
    if model is None:
        return f"unknown key '{key}'"
    allowed = list(model.model_fields)
    guess = difflib.get_close_matches(str(key), allowed, n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    return f"unknown key '{key}'{hint}; allowed keys here are: {', '.join(allowed)}"


# --- messages by pydantic error type ------------------------------------------------


def _found(value: Any) -> str:
    if value is None:
        return "nothing (the value is empty)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text '{_short(value)}'"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


_BRIEF = reprlib.Repr()
_BRIEF.maxstring, _BRIEF.maxother, _BRIEF.maxlevel, _BRIEF.maxlist, _BRIEF.maxdict = 60, 60, 2, 4, 4


def _text_of(value: object) -> str:
    """A value as text for a message, bounded whatever it is (a huge string, a deeply shared list)."""
    if isinstance(value, str):
        return value[:200]
    if isinstance(value, (bool, int, float)) or value is None:
        return str(value)[:200]
    return _BRIEF.repr(value)


def _expected_text(value: Any, ctx: dict) -> str:
    if value is None:
        return "the value is empty; write some text after the colon, or remove the key"
    if isinstance(value, bool | int | float):
        written = str(value).lower() if isinstance(value, bool) else _text_of(value)
        return f"expected text but found {_found(value)}; put it in quotes: \"{written}\""
    return f"expected text but found {_found(value)}"


def _bad_id(value: Any, ctx: dict) -> str:
    # Id is the only pattern-constrained string in the kit format.
    slug = re.sub(r"[^a-z0-9_-]+", "-", _text_of(value).lower()).strip("-_")[:40] or "my-id"
    return (f"'{_short(_text_of(value))}' is not a valid id; use only lowercase letters, digits, '-' and '_', "
            f"starting with a letter or digit, e.g. '{slug}'")


def _values(ctx: dict) -> str:
    """Pydantic's "'a', 'b' or 'c'" as "a, b, c"."""
    return ", ".join(re.findall(r"'([^']*)'", ctx["expected"])) or ctx["expected"]


def _expected(what: str, hint: str = ""):
    return lambda value, ctx: f"expected {what} but found {_found(value)}{hint}"


_A_MAPPING = _expected("a mapping of `key: value` lines")
_A_WHOLE_NUMBER = _expected("a whole number such as 3")
_A_NUMBER = _expected("a number such as 2.5")
_TRUE_OR_FALSE = _expected("true or false")

_BY_KIND = {
    "string_type": _expected_text,
    "string_pattern_mismatch": _bad_id,
    "string_too_short": lambda v, ctx: "must not be empty; write some text, or remove the key if it is optional",
    "string_too_long": lambda v, ctx: f"is too long ({len(v)} characters); use at most {ctx['max_length']}",
    "too_short": lambda v, ctx: (
        f"needs at least {ctx['min_length']} {'entry' if ctx['min_length'] == 1 else 'entries'}; "
        f"it has {ctx['actual_length']}"
    ),
    "list_type": _expected("a list", "; write each entry on its own line starting with '- '"),
    "dict_type": _A_MAPPING,
    "model_type": _A_MAPPING,
    "model_attributes_type": _A_MAPPING,
    "int_type": _A_WHOLE_NUMBER,
    "int_parsing": _A_WHOLE_NUMBER,
    "int_from_float": _A_WHOLE_NUMBER,
    "float_type": _A_NUMBER,
    "float_parsing": _A_NUMBER,
    "bool_type": _TRUE_OR_FALSE,
    "bool_parsing": _TRUE_OR_FALSE,
    "greater_than": lambda v, ctx: f"must be greater than {ctx['gt']:g}; found {_found(v)}",
    "enum": lambda v, ctx: f"unknown value '{_short(_text_of(v))}'; use one of: {_values(ctx)}",
    "literal_error": lambda v, ctx: f"unsupported value {_short(_BRIEF.repr(v))}; use {_values(ctx)}",
}


def _fallback(msg: str) -> str:
    return msg.replace("Input should be", "must be")


# --- reading the kit models -----------------------------------------------------------


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The kit model that validates the data at `loc`, following pydantic's own loc parts."""
    tp: Any = Kit
    for part in loc:
        tp = _step(_unwrap(tp), part)
    tp = _unwrap(tp)
    return tp if isinstance(tp, type) and issubclass(tp, BaseModel) else None


def _step(tp: Any, part: object) -> Any:
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        field = tp.model_fields.get(part) if isinstance(part, str) else None
        return field.annotation if field else None
    origin, args = get_origin(tp), get_args(tp)
    if origin is list:
        return args[0]
    if origin is dict:
        return args[0] if part == "[key]" else args[1]
    if origin is Union:  # a discriminated union: pydantic puts the tag in the loc
        return next((m for m in args if part in _tags(m)), None)
    return None


def _unwrap(tp: Any) -> Any:
    """Strip Annotated[...] and Optional[...] down to the type that says what is expected."""
    while True:
        origin, args = get_origin(tp), get_args(tp)
        if origin is Annotated:
            tp = args[0]
        elif origin in (Union, UnionType) and type(None) in args and len(args) == 2:
            tp = next(a for a in args if a is not type(None))
        else:
            return tp


def _tags(model: Any) -> tuple:
    field = getattr(model, "model_fields", {}).get("type")
    return get_args(field.annotation) if field else ()


def _item_types() -> str:
    union = _unwrap(_step(_unwrap(Kit.model_fields["items"].annotation), 0))
    return ", ".join(tag for member in get_args(union) for tag in _tags(member))


def _describe(annotation: Any, metadata: list) -> str:
    """What to write for a value of this type, e.g. "an id (lowercase letters, …)"."""
    tp = _unwrap(annotation)
    if isinstance(tp, type) and issubclass(tp, Enum):
        return "one of: " + ", ".join(m.value for m in tp)
    if get_origin(tp) is Literal:
        return "one of: " + ", ".join(str(a) for a in get_args(tp))
    if get_origin(tp) is list:
        return "a list"
    if get_origin(tp) is dict or (isinstance(tp, type) and issubclass(tp, BaseModel)):
        return "a mapping of `key: value` lines"
    if tp is str and any(getattr(m, "pattern", None) for m in metadata):
        return "an id (lowercase letters, digits, '-' or '_')"
    return {str: "text", int: "a whole number", float: "a number", bool: "true or false"}.get(tp, "a value")
