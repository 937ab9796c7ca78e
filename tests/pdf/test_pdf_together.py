"""`blocks.Together`: the light keep-together used for item heads and keep-with-next groups.

It must lay pieces out exactly where a frame would put them one by one, move on to the
next page whole when it does not fit, and split when it is taller than a page.
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from pdf_reading import Pdf
from reportlab.platypus import Spacer

from scorecard.pdf.blocks import Badge, SectionMark, SideBySide, Together
from scorecard.pdf.canvas import MARGIN_BOTTOM, MARGIN_TOP, PORTRAIT, DocMeta, build_pdf
from scorecard.pdf.text import text
from scorecard.pdf.theme import INK, Paragraph, style

META = DocMeta(title="t", subject="s", author="a", header_left="HL", header_right="HR", footer_left="FL")
FRAME_HEIGHT = PORTRAIT[1] - MARGIN_TOP - MARGIN_BOTTOM


def _pieces(tag: str) -> list:
    """A mix like an item's head: a zero-size mark, text blocks of several styles (with their
    space before/after), a paragraph, a spacer and a side-by-side block."""
    return [
        SectionMark(f"{tag} mark"),
        text(f"{tag}-kicker", "label"),  # space before, right after a zero-size piece
        SideBySide([text(f"{tag}-title", "item_title"), text(f"{tag}-sub", "muted")],
                   Badge([("Meets", True, 8.5, INK)], width=60, bg=INK), right_width=60),
        text(f"{tag}-prompt " * 30, "prompt"),
        text(f"{tag}-heading", "h3"),  # its space before overlaps the prompt's space after
        Paragraph(f"<b>{tag}-para</b> with markup", style("body")),
        Spacer(1, 7),
        text(f"{tag}-label", "label"),
        text(f"{tag}-note", "note"),
    ]


def _word_boxes(data: bytes, tmp_path) -> list[tuple[str, float, float]]:
    exe = shutil.which("pdftotext")
    if exe is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    out = subprocess.run([exe, "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [(m.group(3), float(m.group(1)), float(m.group(2)))
            for m in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<', out)]


@pytest.mark.parametrize("lead", [0, 100])  # at the top of the frame, and below something
def test_pieces_land_where_the_frame_would_put_them(tmp_path, lead):
    before = [text("lead", "body"), Spacer(1, lead)] if lead else []
    one_by_one = build_pdf([*before, *_pieces("X"), text("after", "body")], meta=META)
    together = build_pdf([*before, Together(_pieces("X")), text("after", "body")], meta=META)
    a, b = _word_boxes(one_by_one, tmp_path), _word_boxes(together, tmp_path)
    assert [w for w, _, _ in a] == [w for w, _, _ in b]
    assert max(max(abs(x1 - x2), abs(y1 - y2)) for (_, x1, y1), (_, x2, y2) in zip(a, b)) < 0.001


def test_moves_on_to_the_next_page_whole():
    pdf = Pdf(build_pdf([Spacer(1, FRAME_HEIGHT - 60), Together(_pieces("Y"))], meta=META))
    assert len(pdf.pages) == 2
    assert "Y-title" not in pdf.pages[0] and "Y-note" in pdf.pages[1] and "Y-title" in pdf.pages[1]


def test_taller_than_a_page_is_split_rather_than_lost():
    lines = [text(f"line {n}", "body") for n in range(150)]
    pdf = Pdf(build_pdf([text("before", "body"), Together(lines)], meta=META))
    assert len(pdf.pages) >= 3
    for n in range(150):
        assert f"line {n}" in pdf.flat
