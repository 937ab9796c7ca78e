"""The scorecard rules' exceptions, importable without the kit models (start-up imports them)."""

from __future__ import annotations


class InvalidInput(ValueError):
    """A request the user can correct: the message says what to change."""


class ScorecardLocked(Exception):
    """Raised on any attempt to change a submitted scorecard other than by addendum."""


class CannotSubmit(Exception):
    """Raised by `Scorecard.submit` with the list of what is still missing (`SubmitProblem`s)."""

    def __init__(self, problems: list):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = problems
