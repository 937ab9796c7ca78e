"""The scorecard rules' exceptions, importable without the kit models (start-up imports them)."""

from __future__ import annotations


class ScorecardLocked(Exception):
    """Raised on any attempt to change a submitted scorecard other than by addendum."""


class CannotSubmit(Exception):
    """Raised by `Scorecard.submit` with the list of what is still missing."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems
