"""Scorecard: structured interview scorecards, offline."""

__version__ = "0.1.0"
