"""The blank guide prints each scale's anchors once, keeps each item on one page, gives each a time box."""

from __future__ import annotations

import pytest
from pdf_reading import Pdf

from scorecard import paths
from scorecard.kits.loader import load_kit
from scorecard.pdf import render_round_guide


@pytest.fixture(scope="module")
def shipped():
    kit = load_kit(next(p for p in paths.bundled_kits() if p.name == "integration-engineer.yaml"))
    return kit, Pdf(render_round_guide(kit=kit, round_id="hiring-manager-deep-dive"))


def test_each_scales_anchors_are_printed_once(shipped):
    kit, pdf = shipped
    scale = kit.scale("evidence")
    flat = pdf.flat
    for step in scale.steps:
        assert flat.count(" ".join(step.anchor.split())[:80]) == 1, step.label
    items = kit.items_in("hiring-manager-deep-dive")
    assert flat.count("Rating — tick one") == len(items)
    assert flat.count("☐ − Below ☐ ○ Meets ☐ + Exceeds") == len(items)  # the boxes, with their glyphs


def test_each_item_on_one_page_with_a_time_box(shipped):
    kit, pdf = shipped
    items = kit.items_in("hiring-manager-deep-dive")
    assert pdf.flat.count("Time: started") + pdf.flat.count("Time (planned") == len(items)
    whole = 0
    for n, item in enumerate(items, 1):
        title = f"{n}. {item.title}"
        pages = [i for i, p in enumerate(pdf.pages) if title in " ".join(p.split())]
        first = " ".join(pdf.pages[pages[0]].split())
        if len(pages) == 1:
            assert "Notes — evidence: what the candidate said or did" in first[first.index(title):], title
            whole += 1
        else:  # taller than a page: it starts a page, and the next page says it continues
            assert first.index(title) < 120, f"{title} starts mid-page and then breaks"
            assert f"continued · {title}" in " ".join(pdf.pages[pages[1]].split())
    assert whole >= len(items) - 2
    # shorter than a guide that repeats the anchor table per item (14 pages before)
    assert len(pdf.pages) <= len(items) + 3
