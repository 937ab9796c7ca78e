"""Map a path inside the kit data (a pydantic `loc`) back to a place in the YAML file."""

from __future__ import annotations

from dataclasses import dataclass

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode


@dataclass(frozen=True)
class Spot:
    """A 1-based line and column, and the readable field path, e.g. `items[3] (id: q-oauth).round`."""

    line: int
    column: int
    field: str


def locate(root: Node, loc: tuple) -> Spot:
    """Follow `loc` down the node tree as far as it goes.

    A path that ends at a key points at the key; one that leaves the file (a missing
    key) points at the mapping that should hold it. Pydantic's extra path parts —
    the `type` tag of a discriminated union and the `[key]` marker for dict keys —
    are dropped.
    """
    node: Node | None = root
    mark = root.start_mark
    field = ""
    for part in loc:
        if part == "[key]" or _is_type_tag(node, part):
            continue
        if isinstance(node, MappingNode) or not isinstance(part, int):
            field += f".{part}" if field else str(part)
            node, found = _value_of(node, part)
        else:
            field += f"[{part}]"
            node = found = _element(node, part)
            item_id = _scalar_at(node, "id")
            if item_id is not None:
                field += f" (id: {item_id})"
        if found is not None:
            mark = found.start_mark
    return Spot(mark.line + 1, mark.column + 1, field)


def _is_type_tag(node: Node | None, part: object) -> bool:
    """Whether `part` is the discriminator tag pydantic inserts after a union item's index."""
    return (
        isinstance(node, MappingNode)
        and _value_of(node, part)[0] is None
        and _scalar_at(node, "type") == part
    )


def _value_of(node: Node | None, key: object) -> tuple[Node | None, Node | None]:
    """(value node, key node) for `key` in a mapping; the last one wins, as in PyYAML."""
    if isinstance(node, MappingNode):
        for key_node, value_node in reversed(node.value):
            if isinstance(key_node, ScalarNode) and key_node.value == str(key):
                return value_node, key_node
    return None, None


def _element(node: Node | None, index: int) -> Node | None:
    if isinstance(node, SequenceNode) and 0 <= index < len(node.value):
        return node.value[index]
    return None


def _scalar_at(node: Node | None, key: str) -> str | None:
    value = _value_of(node, key)[0]
    return value.value if isinstance(value, ScalarNode) else None
