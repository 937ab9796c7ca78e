"""Shared fixtures for the PDF tests: a sample kit, panel and committee report."""

from __future__ import annotations

import pytest

import pdf_samples as samples
from scorecard.domain.consolidation import consolidate


@pytest.fixture(scope="module")
def kit():
    return samples.make_kit()


@pytest.fixture(scope="module")
def long_note():
    return samples.long_text(5000, marker="END-OF-LONG-NOTE")


@pytest.fixture(scope="module")
def cards(kit, long_note):
    return samples.panel(kit, long_note=long_note)


@pytest.fixture(scope="module")
def report(kit, cards):
    return consolidate(candidate=samples.make_candidate(), kit=kit, kit_version=samples.make_version(kit),
                       scorecards=cards, exported_at=samples.EXPORTED)
