"""`TextBlock`: a lean flowable for plain user and kit text.

ReportLab's Paragraph parses markup and keeps per-fragment bookkeeping that the bulk
of a committee report — notes, indicators, prompts — does not need, and it costs
about half the render time of a long report. A TextBlock takes styled runs of plain
text (font, colour), wraps them greedily at spaces (anywhere between CJK characters,
inside a word only when the word alone is wider than the line), and draws each block
with one text object. It splits between lines across pages, keeping at least two lines
on either side where it can.

Text is taken literally (nothing to escape); characters DejaVu lacks switch to the
fallback font exactly as `theme.markup` does for Paragraphs.
"""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

from scorecard.pdf import theme

SPACE = object()
NEWLINE = object()


@dataclass(frozen=True)
class Run:
    """Plain text in one font and colour (either may be None: the style's)."""

    text: str
    font: str | None = None
    colour: colors.Color | None = None


# one laid-out line: (x offset, [(text, font, colour)])
_Line = tuple[float, list[tuple[str, str, colors.Color]]]


class TextBlock(Flowable):
    """Plain-text runs laid out like a left-aligned Paragraph in a `ParagraphStyle`."""

    def __init__(self, runs: list[Run], style: ParagraphStyle, *, bullet: Run | None = None,
                 _lines: list[_Line] | None = None, _width: float | None = None, _first: bool = True):
        super().__init__()
        self.runs = runs
        #: drawn in the left indent of the first line (e.g. a check box), like a list bullet
        self.bullet = bullet
        self.style = style
        self.size = style.fontSize
        self.leading = style.leading
        self._lines = _lines
        self._laid_for = _width
        self._first = _first  # the first part of a split block carries spaceBefore
        self.keepWithNext = getattr(style, "keepWithNext", 0)

    # --- layout ---------------------------------------------------------------------------

    def _pieces(self):
        """Break opportunities, in order: (text, font, colour, width) for a word or CJK character,
        SPACE for a space and NEWLINE for a forced break."""
        size = self.size
        base_font, base_colour = self.style.fontName, self.style.textColor
        for run in self.runs:
            font = run.font or base_font
            colour = run.colour or base_colour
            measure = getFont(font).stringWidth
            value = run.text.replace("\r\n", "\n").replace("\r", "\n")
            for n, line in enumerate(value.split("\n")):
                if n:
                    yield NEWLINE
                line = theme.shape(line)  # joined forms; put in visual order after wrapping
                if line[:1].isspace():
                    yield SPACE
                words = line.split()
                for i, word in enumerate(words):
                    if i:
                        yield SPACE
                    if word.isascii():
                        yield (word, font, colour, measure(word, size))
                        continue
                    for fb, chunk in theme.font_runs(word):
                        if fb:  # CJK: a line may break between any two characters
                            for ch in chunk:
                                yield (ch, theme.FALLBACK, colour, stringWidth(ch, theme.FALLBACK, size))
                        else:
                            yield (chunk, font, colour, measure(chunk, size))
                if words and line[-1:].isspace():
                    yield SPACE

    def _layout_plain(self, width: float) -> list[_Line]:
        """The common case — one run of ASCII text — without the general machinery."""
        st = self.style
        run = self.runs[0]
        font = run.font or st.fontName
        colour = run.colour or st.textColor
        size = self.size
        measure = getFont(font).stringWidth
        space = measure(" ", size)
        rest_x = st.leftIndent
        limit = width - st.rightIndent
        x0 = st.leftIndent + st.firstLineIndent if self._first else rest_x
        lines: list[_Line] = []
        for line in run.text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
            room = limit - x0
            cur: list[str] = []
            used = 0.0
            for word in line.split():
                w = measure(word, size)
                if cur and used + space + w <= room + 1e-6:
                    cur.append(word)
                    used += space + w
                    continue
                if cur:
                    lines.append((x0, [(" ".join(cur), font, colour)]))
                    x0 = rest_x
                    room = limit - x0
                    cur, used = [], 0.0
                if w <= room + 1e-6:
                    cur, used = [word], w
                    continue
                part = ""  # a word wider than the line: break it between characters
                for ch in word:
                    if part and measure(part + ch, size) > room:
                        lines.append((x0, [(part, font, colour)]))
                        x0 = rest_x
                        room = limit - x0
                        part = ""
                    part += ch
                cur, used = [part], measure(part, size)
            lines.append((x0, [(" ".join(cur), font, colour)] if cur else []))
            x0 = rest_x
        return lines

    def _layout(self, width: float) -> list[_Line]:
        if len(self.runs) == 1 and self.runs[0].text.isascii():
            return self._layout_plain(width)
        st = self.style
        size = self.size
        rest_x = st.leftIndent
        limit = width - st.rightIndent
        lines: list[_Line] = []
        x0 = st.leftIndent + st.firstLineIndent if self._first else rest_x
        room = limit - x0
        segs: list[list] = []  # [[parts], font, colour]
        used = 0.0
        space = False  # a space is waiting between the last piece and the next

        hard: list[int] = []  # each line's hard line (text between two line breaks): its direction

        def flush():
            nonlocal segs, used, x0, room, space
            lines.append((x0, [("".join(p), f, c) for p, f, c in segs]))
            hard.append(hard_line)
            segs, used, x0, space = [], 0.0, rest_x, False
            room = limit - x0

        def put(word, font, colour, w):
            nonlocal used
            if segs and segs[-1][1] is font and segs[-1][2] is colour:
                segs[-1][0].append(word)
            else:
                segs.append([[word], font, colour])
            used += w

        hard_line = 0
        for piece in self._pieces():
            if piece is SPACE:
                space = bool(segs)
                continue
            if piece is NEWLINE:
                flush()
                hard_line += 1
                continue
            word, font, colour, w = piece
            gap = stringWidth(" ", font, size) if space else 0.0
            if used + gap + w <= room + 1e-6:
                if gap:
                    put(" ", font, colour, gap)
                put(word, font, colour, w)
                space = False
                continue
            if segs:
                flush()
            if w <= room + 1e-6:
                put(word, font, colour, w)
            else:  # a word wider than the line: break it between characters
                part = ""
                for ch in word:
                    if part and stringWidth(part + ch, font, size) > room:
                        put(part, font, colour, stringWidth(part, font, size))
                        flush()
                        part = ""
                    part += ch
                if part:
                    put(part, font, colour, stringWidth(part, font, size))
            space = False
        if segs or not lines:
            flush()
        if any(theme.has_rtl(r.text) for r in self.runs):
            texts: dict[int, str] = {}
            for (_x, line_segs), n in zip(lines, hard):
                texts[n] = texts.get(n, "") + "".join(t for t, _, _ in line_segs)
            rtl = {n: theme.rtl_base(t) for n, t in texts.items()}
            lines = [self._visual_line(line, limit, rtl[n]) for line, n in zip(lines, hard)]
        return lines

    def _visual_line(self, line: _Line, limit: float, rtl: bool) -> _Line:
        """A wrapped line with right-to-left text put in visual order (the Unicode bidirectional
        algorithm, line by line after wrapping, so a long note's lines keep their order), in the
        direction `rtl` of its hard line; a right-to-left line is aligned right."""
        x0, segs = line
        text = "".join(t for t, _, _ in segs)
        if not theme.has_rtl(text) and not rtl:
            return line
        out = [(t, font, colour) for t, (font, colour) in theme.bidi_order([(t, (f, c)) for t, f, c in segs], rtl)]
        if rtl and self.style.alignment != TA_CENTER:
            x0 = limit - sum(stringWidth(t, f, self.size) for t, f, _ in out)
        return (x0, out)

    # --- Flowable protocol ------------------------------------------------------------------

    def _centre(self, lines: list[_Line], width: float) -> list[_Line]:
        size = self.size
        inner = width - self.style.leftIndent - self.style.rightIndent
        out = []
        for _, segs in lines:
            w = sum(stringWidth(t, f, size) for t, f, _ in segs)
            out.append((self.style.leftIndent + max(0.0, (inner - w) / 2), segs))
        return out

    def wrap(self, availWidth, availHeight):  # noqa: N802, N803
        if self._lines is None or self._laid_for != availWidth:
            self._lines = self._layout(availWidth)
            if self.style.alignment == TA_CENTER:
                self._lines = self._centre(self._lines, availWidth)
            self._laid_for = availWidth
        self.width = availWidth
        self.height = len(self._lines) * self.leading
        return self.width, self.height

    def getSpaceBefore(self):  # noqa: N802
        return self.style.spaceBefore if self._first else 0

    def getSpaceAfter(self):  # noqa: N802
        return self.style.spaceAfter

    def split(self, availWidth, availHeight):  # noqa: N803
        self.wrap(availWidth, availHeight)
        n = len(self._lines)
        fit = int((availHeight + 1e-6) // self.leading)
        if fit >= n:
            return [self]
        if fit < 2 or n < 4:
            return []  # leave no orphan: move the block on whole
        fit = min(fit, n - 2)  # and no widow
        head = TextBlock(self.runs, self.style, bullet=self.bullet if self._first else None,
                         _lines=self._lines[:fit], _width=availWidth, _first=self._first)
        # should the tail ever be re-wrapped at another width, lines join with a space
        tail_runs = [Run(t, f, c) for i, (_, segs) in enumerate(self._lines[fit:])
                     for t, f, c in ([(" ", segs[0][1], segs[0][2])] if i and segs else []) + list(segs)]
        tail = TextBlock(tail_runs, self.style, _lines=self._lines[fit:], _width=availWidth, _first=False)
        head.getSpaceAfter = lambda: 0  # the block goes on over the page
        return [head, tail]

    def draw(self):
        if not self._lines:
            return
        tx = self.canv.beginText()
        self.draw_into(tx, 0, 0)
        self.canv.drawText(tx)

    def draw_into(self, tx, x: float, y: float) -> None:
        """Add this (wrapped) block to a text object, its bottom-left corner at (x, y).

        Containers that hold many small blocks (indicator columns, a title beside a badge)
        draw them all with one text object this way, instead of one `drawOn` — a graphics
        state, a translation and a text object — per block.
        """
        lines = self._lines
        if not lines:
            return
        top = y + self.height - self.size
        cur_x = lines[0][0]
        font = colour = None
        if self.bullet is not None and self._first:
            b = self.bullet
            font, colour = b.font or self.style.fontName, b.colour or self.style.textColor
            tx.setTextOrigin(x, top)
            tx.setFont(font, self.size, self.leading)
            tx.setFillColor(colour)
            tx.textOut(b.text)
        tx.setTextOrigin(x + cur_x, top)
        # one origin, then relative line feeds (T*): a coordinate per line costs more than the text
        for line_x, segs in lines:
            if line_x != cur_x:
                tx.moveCursor(line_x - cur_x, 0)
                cur_x = line_x
            last = len(segs) - 1
            if last < 0:
                tx.textLine("")
                continue
            for i, (value, f, c) in enumerate(segs):
                if f is not font:
                    tx.setFont(f, self.size, self.leading)
                    font = f
                if c is not colour:
                    tx.setFillColor(c)
                    colour = c
                if i == last:
                    tx.textLine(value)
                else:
                    tx.textOut(value)


def text(value: str | None, style_name: str = "body", **run) -> TextBlock:
    """A TextBlock of one run of plain text in a named style."""
    return TextBlock([Run(value or "", **run)], theme.style(style_name))


def runs(parts: list[Run | tuple], style_name: str = "body") -> TextBlock:
    """A TextBlock of several runs: Run objects or (text, font, colour) tuples."""
    return TextBlock([p if isinstance(p, Run) else Run(*p) for p in parts], theme.style(style_name))
