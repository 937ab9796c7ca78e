"""Hand-written YAML kit files → `scorecard.domain.kit.Kit`, with errors that name file, line and field."""

from scorecard.kits.loader import load_kit, load_kit_text
from scorecard.kits.problems import KitError, KitProblem

__all__ = ["KitError", "KitProblem", "load_kit", "load_kit_text"]
