"""The accessibility tree's order against the screen's: what a screen reader's review
(Orca's flat review, NVDA's object navigation) walks, widget by widget."""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QAccessible, QAccessibleInterface


def _visible_children(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    out = []
    for i in range(iface.childCount()):
        child = iface.child(i)
        if child is None or not child.isValid() or child.state().invisible:
            continue
        if child.rect().isEmpty():
            continue
        out.append(child)
    return out


def _describe(iface: QAccessibleInterface) -> str:
    name = iface.text(QAccessible.Text.Name) or iface.object().objectName() if iface.object() else ""
    return f"{iface.role().name} '{name}' at {iface.rect().getRect()}"


def _before(a: QRect, b: QRect) -> bool:
    """Whether a screen reader may read `b` after `a`: line by line (`b` not wholly above `a`, nor
    wholly to its left on the same line), or column by column (`b` starts a column wholly to the
    right of `a`'s, as the panes of a splitter or the status beside a two-line heading do)."""
    if b.left() > a.right():
        return True  # the next column
    if b.bottom() < a.top():
        return False
    rows_overlap = b.top() <= a.bottom() and a.top() <= b.bottom()
    return not (rows_overlap and b.right() < a.left())


def misordered(root: QAccessibleInterface, *, depth: int = 12) -> list[str]:
    """Pairs of neighbouring siblings, anywhere below `root`, whose tree order contradicts the screen."""
    problems: list[str] = []

    def walk(iface: QAccessibleInterface, level: int) -> None:
        if level > depth or iface.role() in (QAccessible.Role.Table, QAccessible.Role.List, QAccessible.Role.Tree):
            return  # item views order their own rows
        children = _visible_children(iface)
        for a, b in zip(children, children[1:]):
            if not _before(a.rect(), b.rect()):
                problems.append(f"{_describe(b)} comes after {_describe(a)}")
        for child in children:
            walk(child, level + 1)

    walk(root, 0)
    return problems
