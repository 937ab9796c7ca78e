"""TextBlock: the lean flowable used for notes, indicators and prompts."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from scorecard.pdf import theme
from scorecard.pdf.text import Run, TextBlock, runs, text


def _texts(block: TextBlock) -> list[str]:
    return ["".join(t for t, _, _ in segs) for _, segs in block._lines]


def test_wraps_at_spaces_within_the_width():
    b = text("the quick brown fox jumps over the lazy dog " * 5, "note")
    w, h = b.wrap(150, 1000)
    lines = _texts(b)
    assert len(lines) > 3 and h == len(lines) * b.leading
    assert " ".join(lines).split() == ("the quick brown fox jumps over the lazy dog " * 5).split()
    for line in lines:
        assert stringWidth(line, theme.MAIN, b.size) <= 150 + 1e-6


def test_newlines_and_blank_lines_are_kept():
    b = text("one\n\ntwo", "note")
    b.wrap(300, 1000)
    assert _texts(b) == ["one", "", "two"]


def test_a_word_wider_than_the_line_is_broken_not_clipped():
    word = "x" * 400
    b = text(word, "note")
    b.wrap(100, 1000)
    assert "".join(_texts(b)) == word
    assert all(stringWidth(line, theme.MAIN, b.size) <= 100 for line in _texts(b))


def test_cjk_uses_the_fallback_font_and_breaks_between_characters():
    b = text("王伟" * 40, "note")
    b.wrap(100, 1000)
    fonts = {f for _, segs in b._lines for _, f, _ in segs}
    assert fonts == {theme.FALLBACK} and len(b._lines) > 1
    assert "".join(_texts(b)) == "王伟" * 40


def test_mixed_runs_keep_fonts_and_colours():
    b = runs([Run("Skipped. ", theme.BOLD), Run("Reason: ran out of time", None, theme.MUTED)], "body")
    b.wrap(400, 100)
    (_, segs), = b._lines
    assert segs[0][1] == theme.BOLD and segs[-1][2] is theme.MUTED


def test_split_keeps_every_line_and_avoids_orphans():
    b = text("word " * 400, "note")
    _, h = b.wrap(200, 10_000)
    n = len(b._lines)
    head, tail = b.split(200, h / 3)
    head.wrap(200, 10_000)
    tail.wrap(200, 10_000)
    assert len(head._lines) + len(tail._lines) == n
    assert b.split(200, b.leading * 1.5) == []  # one line would be an orphan: move the block on whole
