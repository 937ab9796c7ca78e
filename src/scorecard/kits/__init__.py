"""Hand-written YAML kit files → `scorecard.domain.kit.Kit`, with errors that name file, line and field.

The names below are loaded on first use: importing `scorecard.kits.problems` (to recognise a
`KitError`) must not import YAML and the kit models — the window does that while starting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scorecard.kits.loader import load_kit, load_kit_text
    from scorecard.kits.problems import KitError, KitProblem

__all__ = ["KitError", "KitProblem", "load_kit", "load_kit_text"]


def __getattr__(name: str):
    if name in ("load_kit", "load_kit_text"):
        from scorecard.kits import loader

        return getattr(loader, name)
    if name in ("KitError", "KitProblem"):
        from scorecard.kits import problems

        return getattr(problems, name)
    raise AttributeError(f"module 'scorecard.kits' has no attribute {name!r}")
