"""Fonts, colours and named paragraph styles shared by every report.

Every glyph in every PDF comes from an embedded TrueType font: DejaVu Sans (regular,
bold, oblique, bold oblique) for text, WenQuanYi Zen Hei as the fallback for the
characters DejaVu lacks (Chinese, Japanese, Korean). The standard PDF fonts
(Helvetica, ZapfDingbats, …) are never referenced — they are not embedded, so a
reader without them would substitute something else. `markup()` is the one way user
text gets into a Paragraph: it escapes XML and switches runs of characters DejaVu
lacks into the fallback font.

Fonts are registered once per process, lazily, by `register_fonts()`; nothing happens
at import time.
"""

from __future__ import annotations

import copy
import re
import threading
import unicodedata
from functools import lru_cache
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph as _RLParagraph

from scorecard import paths

MAIN = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
BOLD_ITALIC = "DejaVuSans-BoldOblique"
FALLBACK = "WenQuanYiZenHei"

_FILES = {
    MAIN: "DejaVuSans.ttf",
    BOLD: "DejaVuSans-Bold.ttf",
    ITALIC: "DejaVuSans-Oblique.ttf",
    BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_FALLBACK_FILE = "wqy-zenhei.ttc"

_lock = threading.Lock()
_registered = False
_registrations = 0  # how many times fonts were actually loaded; stays 1 per process
_main_cover: frozenset[int] = frozenset()
_fallback_re: re.Pattern[str] | None = None
_fallback_cover: frozenset[int] = frozenset()

# check boxes and marks, all from DejaVu Sans
BOX_EMPTY = "☐"
BOX_CHECKED = "☑"
BOX_CROSSED = "☒"
WARNING = "⚠"
FLAG = "⚑"
SPLIT = "⇕"
ADDENDUM = "✎"


class _MeasuredTTFont(TTFont):
    """A TTFont that remembers the width of every string it has measured.

    Line breaking measures word by word, and a report repeats the same few thousand
    words; remembering them takes a fifth off the time of a long report. Widths are
    kept per unit size, so the cache serves every size.
    """

    _LIMIT = 200_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._unit_widths: dict[str, float] = {}
        # per document: characters already placed in subset 0, as a str.translate table
        self._subset0: WeakKeyDictionary = WeakKeyDictionary()

    def splitString(self, text, doc, encoding="utf-8"):  # noqa: N802 (ReportLab's name)
        """ReportLab's splitString, with a fast path for text whose characters all sit in
        the document's first subset already (almost all Latin text): one C-level
        translate instead of a Python loop per character."""
        known = self._subset0.get(doc)
        if known is not None and isinstance(text, str) and text and known[0].issuperset(text):
            return [(0, text.translate(known[1]).encode("latin-1"))]
        result = super().splitString(text, doc, encoding)
        assignments = self.state[doc].assignments
        if known is None or known[2] != len(assignments):
            table = {code: n for code, n in assignments.items() if n < 256 and code != 0xA0}
            self._subset0[doc] = (frozenset(chr(code) for code in table), table, len(assignments))
        return result

    def stringWidth(self, text, size, encoding="utf8"):  # noqa: N802 (ReportLab's name)
        w = self._unit_widths.get(text)
        if w is None:
            key = text
            if not isinstance(text, str):
                text = text.decode(encoding or "utf8")
            get, default = self.face.charWidths.get, self.face.defaultWidth
            w = 0.001 * sum(get(ord(ch), default) for ch in text)
            if len(self._unit_widths) >= self._LIMIT:
                self._unit_widths.clear()
            self._unit_widths[key] = w
        return w * size


def register_fonts() -> None:
    """Load the bundled fonts into ReportLab once per process (thread-safe, idempotent)."""
    global _registered, _registrations, _main_cover, _fallback_cover
    if _registered:
        return
    with _lock:
        if _registered:
            return
        faces = []
        for name, filename in _FILES.items():
            font = _MeasuredTTFont(name, str(paths.bundled("resources", "fonts", filename)))
            pdfmetrics.registerFont(font)
            faces.append(set(font.face.charToGlyph))
        pdfmetrics.registerFontFamily(MAIN, normal=MAIN, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC)
        fallback = _MeasuredTTFont(FALLBACK, str(paths.bundled("resources", "fonts", _FALLBACK_FILE)),
                                   subfontIndex=0)
        pdfmetrics.registerFont(fallback)
        # one face only: bold/italic markup inside a fallback run stays in the fallback font
        pdfmetrics.registerFontFamily(
            FALLBACK, normal=FALLBACK, bold=FALLBACK, italic=FALLBACK, boldItalic=FALLBACK
        )
        # a character counts as covered by DejaVu only if all four faces have it,
        # so bold or italic text never falls through to a missing glyph
        _main_cover = frozenset(set.intersection(*faces))
        _fallback_cover = frozenset(fallback.face.charToGlyph)
        global _fallback_re
        _fallback_re = re.compile(_char_class(sorted(_fallback_cover - _main_cover)) + "+")
        _registrations += 1
        _registered = True


def _char_class(codepoints: list[int]) -> str:
    """A regex character class matching exactly these (sorted) code points."""
    parts = []
    i = 0
    while i < len(codepoints):
        j = i
        while j + 1 < len(codepoints) and codepoints[j + 1] == codepoints[j] + 1:
            j += 1
        lo, hi = codepoints[i], codepoints[j]
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "[" + "".join(parts) + "]"


def registration_count() -> int:
    """How many times fonts were loaded in this process (1 after first use)."""
    return _registrations


#: Hebrew, Arabic, Syriac, Thaana, NKo… and the Arabic/Hebrew presentation forms: right-to-left scripts.
_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]")


def visual(text: str) -> str:
    """Text as it must be drawn, for a PDF library that draws characters left to right.

    Right-to-left scripts are shaped (Arabic letters take their joined initial, medial,
    final or isolated forms, via arabic-reshaper) and put in visual order line by line
    (the Unicode bidirectional algorithm, via python-bidi), so an Arabic or Hebrew name
    reads correctly with numbers and Latin words in it kept left to right. Text without
    right-to-left characters is returned unchanged (nothing is imported for it).
    """
    if not text or text.isascii() or not _RTL.search(text):
        return text
    out = []
    for line in text.split("\n"):
        line = shape(line)
        out.append("".join(t for t, _ in bidi_order([(line, None)], rtl_base(line))) if _RTL.search(line) else line)
    return "\n".join(out)


def has_rtl(text: str) -> bool:
    return bool(text) and not text.isascii() and bool(_RTL.search(text))


def shape(text: str) -> str:
    """Arabic letters in their joined forms, still in logical order (widths as drawn)."""
    if not has_rtl(text) or not _ARABIC.search(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


def rtl_base(text: str) -> bool:
    """Whether a line's first strong character is right-to-left (its paragraph direction)."""
    for ch in text:
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str | None, *, newlines: bool = True) -> str:
    """User text → safe Paragraph markup, with runs DejaVu lacks set in the fallback font.

    XML special characters are escaped, tabs become spaces and (with `newlines`) line
    breaks become `<br/>`, so notes keep their shape.
    """
    register_fonts()
    if not text:
        return ""
    # Arabic joined, but still in logical order: `Paragraph` wraps first and puts each line in
    # visual order when it draws (reordering before wrapping would start a long right-to-left
    # text's first line with its last words)
    text = shape(text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    "))
    out = "".join(
        f'<font name="{FALLBACK}">{_escape(chunk)}</font>' if fb else _escape(chunk)
        for fb, chunk in font_runs(text)
    )
    return out.replace("\n", "<br/>" if newlines else " ")


class Paragraph(_RLParagraph):
    """ReportLab's Paragraph, remembering its line breaks for the last width it was wrapped to,
    and drawing right-to-left lines in visual order.

    Layout asks the same paragraph for its size several times (a KeepTogether measures
    before the frame places; a table cell is wrapped to size the row and again to draw
    it). Line breaking depends only on the width, so repeating it is wasted work.

    Text comes in logical order (`markup`), so lines break where they would in reading
    order; each line holding right-to-left text is put in visual order only while it is
    drawn (a split across pages still works on the logical lines), and a paragraph of several
    lines whose first strong character is right-to-left is aligned right (a one-line name or
    heading keeps the report's left edge).
    """

    _wrapped_for: float | None = None

    def wrap(self, availWidth, availHeight):  # noqa: N803
        if self._wrapped_for == availWidth and "blPara" in self.__dict__:
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._wrapped_for = availWidth
        return size

    #: Decided on the whole paragraph and kept by the parts of a split: each line's direction
    #: (that of its hard line — the text between two <br/> — by its first strong character), and
    #: whether to align right (every hard line right to left, over more than one line).
    _direction: tuple[list[bool], bool] | None = None

    def _directions(self, lines: list) -> tuple[list[bool], bool]:
        if self._direction is None or len(self._direction[0]) != len(lines):
            texts = [_line_text(line) for line in lines]
            bases: list[bool] = []
            start = 0
            for i, line in enumerate(lines):
                if getattr(line, "lineBreak", False) or i == len(lines) - 1:  # a hard line ends here
                    base = rtl_base("".join(texts[start:i + 1]))
                    bases += [base] * (i + 1 - start)
                    start = i + 1
            self._direction = (bases, all(bases) and len(lines) > 1)
        return self._direction

    def split(self, availWidth, availHeight):  # noqa: N803
        lines_of = self.__dict__.get("blPara")
        bases, align_right = self._directions(lines_of.lines) if lines_of is not None else ([], False)
        parts = super().split(availWidth, availHeight)
        at = 0
        for part in parts:  # each part keeps its lines' directions (a line alone on the next page too)
            if isinstance(part, Paragraph) and bases:
                part.wrap(availWidth, availHeight)
                count = len(part.blPara.lines)
                part._direction = (bases[at:at + count], align_right)
                at += count
        return parts

    def draw(self):
        lines_of = self.__dict__.get("blPara")
        texts = [_line_text(line) for line in lines_of.lines] if lines_of is not None else []
        if not any(has_rtl(t) for t in texts):
            return super().draw()
        bases, align_right = self._directions(lines_of.lines)
        logical, style = lines_of.lines, self.style
        lines_of.lines = [_visual_line(line, rtl) for line, rtl in zip(logical, bases)]
        if align_right and style.alignment in (TA_LEFT, TA_JUSTIFY):
            self.style = ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)
        try:
            return super().draw()
        finally:
            lines_of.lines, self.style = logical, style


def _line_text(line) -> str:
    """The characters of one wrapped line: (extra space, words) or a line of fragments."""
    if isinstance(line, tuple):
        return " ".join(line[1])
    return "".join(getattr(f, "text", "") for f in line.words)


#: Classes rule X9 removes (zero-width joiners and spaces, soft hyphens, explicit embeddings):
#: they take the level of the character before them.
_X9_REMOVED = {"BN", "LRE", "RLE", "LRO", "RLO", "PDF"}
#: Isolates, which python-bidi's pure-Python steps do not know: treated as neutrals.
_ISOLATES = {"LRI", "RLI", "FSI", "PDI"}


def _levels(text: str, rtl: bool) -> list[int]:
    """The Unicode bidirectional algorithm's resolved level of each character (rules up to I2),
    for a paragraph of the given base direction.

    python-bidi's pure-Python steps are used for the levels (its fast `get_display` gives only
    the reordered text). Around them: characters rule X9 removes (ZWNJ in almost every Persian
    sentence, ZWJ in emoji) are left out and given the level of the one before; isolates count
    as neutrals; a code point this Python's Unicode data does not know (a new emoji) is strong
    in the direction of its block — so no text makes the algorithm fail or leaves a line unordered."""
    import unicodedata as ud

    from bidi import algorithm

    kept = [i for i, ch in enumerate(text) if ud.bidirectional(ch) not in _X9_REMOVED]
    storage = algorithm.get_empty_storage()
    storage["base_level"], storage["base_dir"] = (1, "R") if rtl else (0, "L")
    algorithm.get_embedding_levels("".join(text[i] for i in kept), storage)
    for c in storage["chars"]:
        if c["type"] in _ISOLATES:
            c["type"] = "ON"
        elif not c["type"]:
            c["type"] = "R" if _RTL.match(c["ch"]) else "L"
    algorithm.explicit_embed_and_overrides(storage)
    algorithm.resolve_weak_types(storage)
    _resolve_brackets(storage)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    resolved = iter(c["level"] for c in storage["chars"])
    levels: list[int] = []
    keep = set(kept)
    for i in range(len(text)):
        levels.append(next(resolved) if i in keep else (levels[-1] if levels else int(rtl)))
    return levels


#: Paired brackets (Unicode's BidiBrackets.txt, the ones user text holds): opening → closing.
_BRACKETS = {"(": ")", "[": "]", "{": "}", "\u2045": "\u2046", "\u207d": "\u207e", "\u208d": "\u208e",
             "\u2329": "\u232a", "\u27e6": "\u27e7", "\u27e8": "\u27e9", "\u27ea": "\u27eb",
             "\u2983": "\u2984", "\u3008": "\u3009", "\u300a": "\u300b", "\u3010": "\u3011",
             "\uff08": "\uff09", "\uff3b": "\uff3d", "\uff5b": "\uff5d"}
_CLOSING = {close: open_ for open_, close in _BRACKETS.items()}


def _strong(kind: str) -> str | None:
    """A resolved type as rule N0 sees it: numbers count as right-to-left."""
    return "L" if kind == "L" else "R" if kind in ("R", "AL", "EN", "AN") else None


def _resolve_brackets(storage) -> None:
    """Rule N0 of the bidirectional algorithm (paired brackets, Unicode 6.3), which python-bidi's
    pure-Python steps lack and its `get_display` applies: "(v2)" in an Arabic sentence keeps its
    brackets around the number instead of splitting them apart."""
    for run in storage["runs"]:
        chars = storage["chars"][run["start"]:run["start"] + run["length"]]
        embedding = "R" if chars and chars[0]["level"] % 2 else "L"
        stack: list[tuple[str, int]] = []
        pairs: list[tuple[int, int]] = []
        for i, c in enumerate(chars):
            if c["type"] != "ON":
                continue
            if c["ch"] in _BRACKETS:
                if len(stack) == 63:  # BD16: stop looking for pairs
                    break
                stack.append((c["ch"], i))
            elif c["ch"] in _CLOSING:
                for depth in range(len(stack) - 1, -1, -1):
                    if stack[depth][0] == _CLOSING[c["ch"]]:
                        pairs.append((stack[depth][1], i))
                        del stack[depth:]
                        break
        for opening, closing in sorted(pairs):
            inside = {_strong(chars[k]["type"]) for k in range(opening + 1, closing)} - {None}
            if not inside:
                continue
            if embedding in inside:
                direction = embedding
            else:  # only the opposite direction inside: it wins if the text before is of it too
                before = next((d for d in (_strong(chars[k]["type"]) for k in range(opening - 1, -1, -1)) if d),
                              run["sor"])
                direction = before
            chars[opening]["type"] = chars[closing]["type"] = direction
            for bracket in (opening, closing):  # marks on a bracket go with it
                k = bracket + 1
                while k < len(chars) and chars[k].get("orig") == "NSM":
                    chars[k]["type"] = direction
                    k += 1


def bidi_order(pieces: list[tuple[str, object]], rtl: bool) -> list[tuple[str, object]]:
    """One line's text pieces, each with what draws it (a font and colour, a fragment), in the
    order and form they are drawn, for a paragraph whose direction is `rtl`.

    The Unicode bidirectional algorithm runs over the line's whole text (brackets paired, rule
    N0); each piece is cut where the resolved level changes; the parts are reordered by rule L2
    (from the highest level down, each run at that level or above reversed) and a right-to-left
    part is reversed with its brackets mirrored (rule L4: PDF readers draw glyphs as given). So
    "Summary: ليلى did well" keeps its English in place around the name whatever the bold,
    colour or font of each piece, and "(v2)" in an Arabic sentence keeps its brackets."""
    from bidi import algorithm

    text = "".join(t for t, _ in pieces)
    if not has_rtl(text):
        return pieces
    levels = _levels(text, rtl)
    parts: list[tuple[str, object, int]] = []
    at = 0
    for value, owner in pieces:
        if not value:
            parts.append((value, owner, levels[at - 1] if at else int(rtl)))
            continue
        start = 0
        for i in range(1, len(value) + 1):
            if i == len(value) or levels[at + i] != levels[at + start]:
                parts.append((value[start:i], owner, levels[at + start]))
                start = i
        at += len(value)
    top = max(level for _t, _o, level in parts)
    lowest_odd = min((level for _t, _o, level in parts if level % 2), default=top + 1)
    for level in range(top, lowest_odd - 1, -1):
        i = 0
        while i < len(parts):
            if parts[i][2] < level:
                i += 1
                continue
            j = i
            while j < len(parts) and parts[j][2] >= level:
                j += 1
            parts[i:j] = reversed(parts[i:j])
            i = j
    return [("".join(algorithm.MIRRORED.get(ch, ch) for ch in reversed(value)) if level % 2 else value, owner)
            for value, owner, level in parts]


def _visual_line(line, rtl: bool):
    """One line of a Paragraph in the order it is drawn (`bidi_order`): plain words, or fragments
    (bold, fonts, colours) cut and reordered as the algorithm orders their text."""
    if isinstance(line, tuple):  # plain words, one style
        extra, words = line
        text = " ".join(words)
        return (extra, ["".join(t for t, _ in bidi_order([(text, None)], rtl))]) if has_rtl(text) else line
    ordered = bidi_order([(getattr(f, "text", "") or "", f) for f in line.words], rtl)
    words = []
    for value, frag in ordered:
        if value != (getattr(frag, "text", "") or ""):
            frag = copy.copy(frag)
            frag.text = value
        words.append(frag)
    out = copy.copy(line)
    out.words = words
    return out


def font_runs(text: str) -> list[tuple[bool, str]]:
    """`text` cut into runs of (needs the fallback font?, characters)."""
    register_fonts()
    if text.isascii():
        return [(False, text)]
    runs: list[tuple[bool, str]] = []
    pos = 0
    for m in _fallback_re.finditer(text):
        if m.start() > pos:
            runs.append((False, text[pos:m.start()]))
        runs.append((True, m.group()))
        pos = m.end()
    if pos < len(text) or not runs:
        runs.append((False, text[pos:]))
    return runs


def draw_text(canv, x: float, y: float, text: str, *, font: str, size: float, colour=None,
              align: str = "left", max_width: float | None = None, tx=None) -> float:
    """Draw one line of plain text at (x, y) with the CJK fallback, shortened with "…" to fit.

    Cheaper than a Paragraph for page furniture and badges. With `tx` (a text object)
    the line is added to it instead of to a text object of its own. Returns the width.
    """
    text = visual(text)
    runs = font_runs(text)

    def measure(rs) -> float:
        return sum(stringWidth(chunk, FALLBACK if fb else font, size) for fb, chunk in rs)

    width = measure(runs)
    if max_width is not None and width > max_width:
        while text and width > max_width:
            text = text[: max(0, len(text) - max(1, len(text) // 12))].rstrip()
            runs = font_runs(text + "…")
            width = measure(runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    own = tx is None
    if own:
        tx = canv.beginText()
    tx.setTextOrigin(x, y)
    if colour is not None:
        tx.setFillColor(colour)
    for fb, chunk in runs:
        tx.setFont(FALLBACK if fb else font, size)
        tx.textOut(chunk)
    if own:
        canv.drawText(tx)
    return width


# --- colours ------------------------------------------------------------------------

INK = colors.HexColor("#1f2328")
MUTED = colors.HexColor("#5b6470")
FAINT = colors.HexColor("#8a939e")
RULE = colors.HexColor("#c9ced6")
GRID = colors.HexColor("#d5dae1")
HEADER_BG = colors.HexColor("#e9edf2")
GROUP_BG = colors.HexColor("#f3f5f8")
TARGET_BG = colors.HexColor("#fff6d6")
DRAFT_BG = colors.white  # drafts: white with a dashed outline (DRAFT_INK), never a rating colour
DRAFT_INK = colors.HexColor("#7a5a00")
DRAFT_BANNER = colors.HexColor("#fff1c9")
DANGER = colors.HexColor("#b3261e")
DANGER_BG = colors.HexColor("#fbe0dd")
WARN = colors.HexColor("#8a5300")
WARN_BG = colors.HexColor("#fdebc8")
OK = colors.HexColor("#1e6b3a")
OK_BG = colors.HexColor("#dcefe2")
ACCENT = colors.HexColor("#1d4e89")

# A diverging ramp (warm → grey → blue) whose *lightness* falls steadily from the lowest
# step to the highest, so neighbouring steps differ in grey too (about 20 grey levels
# apart end to end per quarter): printed in black and white, Below and Exceeds are not
# the same grey. Dark text stays legible on the darkest (contrast about 6:1). Colour
# always comes with the step's label and its glyph (`step_glyph`): never colour alone.
_RAMP = [
    colors.HexColor("#fde9e0"),
    colors.HexColor("#f6d0bc"),
    colors.HexColor("#c6c6c6"),
    colors.HexColor("#9cb9ce"),
    colors.HexColor("#81a6c3"),
]


def rating_colour(position: float | None) -> colors.Color:
    """Background for a rating at `position` on its scale (0.0 lowest … 1.0 highest)."""
    if position is None:
        return colors.white
    p = min(max(position, 0.0), 1.0) * (len(_RAMP) - 1)
    i = min(int(p), len(_RAMP) - 2)
    return colors.linearlyInterpolatedColor(_RAMP[i], _RAMP[i + 1], 0, 1, p - i)


def step_glyph(index: int, size: int) -> str:
    """A glyph for a step that reads in black and white: "−−" … "○" … "++".

    Steps below the middle get one "−" per step from it, steps above one "+"; the middle
    step of an odd scale is "○". A 3-step scale reads − ○ +, a 4-step one −− − + ++.
    """
    mid = (size - 1) / 2
    d = index - mid
    if abs(d) < 0.25:
        return "○"
    n = int(abs(d) + 0.5) if size % 2 else int(abs(d) + 0.5)
    n = max(n, 1)
    return ("+" if d > 0 else "−") * n


def luminance(c: colors.Color) -> float:
    """Grey level 0…255 a colour prints as (Rec. 601 luma)."""
    return 255 * (0.299 * c.red + 0.587 * c.green + 0.114 * c.blue)


def hexof(c: colors.Color) -> str:
    return "#" + c.hexval()[2:]


# --- styles -------------------------------------------------------------------------


@lru_cache(maxsize=1)
def styles() -> dict[str, ParagraphStyle]:
    """The named paragraph styles; every one uses the embedded fonts."""
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=MAIN,
        fontSize=9.5,
        leading=13,
        textColor=INK,
        bulletFontName=MAIN,
        spaceAfter=3,
        splitLongWords=1,
    )

    def s(name: str, parent: ParagraphStyle = base, **kw) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    st = {"body": base}
    st["title"] = s("title", fontName=BOLD, fontSize=22, leading=27, spaceAfter=4)
    st["kicker"] = s("kicker", fontName=BOLD, fontSize=9, leading=12, textColor=ACCENT, spaceAfter=2)
    st["subtitle"] = s("subtitle", fontSize=12, leading=16, textColor=MUTED, spaceAfter=10)
    st["h1"] = s("h1", fontName=BOLD, fontSize=15, leading=19, spaceBefore=4, spaceAfter=6,
                 textColor=ACCENT, keepWithNext=1)
    st["h2"] = s("h2", fontName=BOLD, fontSize=12.5, leading=16, spaceBefore=8, spaceAfter=4,
                 keepWithNext=1)
    st["h3"] = s("h3", fontName=BOLD, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2,
                 keepWithNext=1)
    st["label"] = s("label", fontName=BOLD, fontSize=8, leading=10.5, textColor=MUTED, spaceBefore=4,
                    spaceAfter=1, keepWithNext=1)
    st["small"] = s("small", fontSize=8, leading=10.5, spaceAfter=1)
    st["muted"] = s("muted", fontSize=8.5, leading=11.5, textColor=MUTED, spaceAfter=2)
    st["prompt"] = s("prompt", fontName=ITALIC, fontSize=9, leading=12.5, textColor=MUTED, spaceAfter=3)
    st["bullet"] = s("bullet", leftIndent=12, bulletIndent=0, spaceAfter=2)
    st["bullet_tight"] = s("bullet_tight", fontSize=8.5, leading=10.5, leftIndent=10, bulletIndent=0, spaceAfter=0)
    st["title_small"] = s("title_small", fontName=BOLD, fontSize=17, leading=21, spaceAfter=1)
    st["item_title"] = s("item_title", fontName=BOLD, fontSize=10.5, leading=13.5, spaceAfter=0)
    st["muted_italic"] = s("muted_italic", fontName=ITALIC, fontSize=8.5, leading=11.5, textColor=MUTED,
                           spaceAfter=2)
    st["prompt_big"] = s("prompt_big", fontSize=11, leading=15, spaceAfter=4)
    st["note"] = s("note", fontSize=9.5, leading=13.5, spaceAfter=4)
    st["warn"] = s("warn", fontName=BOLD, fontSize=8.5, leading=11.5, textColor=WARN, spaceAfter=2)
    st["banner"] = s("banner", fontName=BOLD, fontSize=11, leading=15)
    st["banner_small"] = s("banner_small", fontSize=9, leading=12.5)
    st["cell"] = s("cell", fontSize=8.5, leading=11, spaceAfter=0)
    st["cell_bold"] = s("cell_bold", parent=st["cell"], fontName=BOLD)
    st["cell_muted"] = s("cell_muted", parent=st["cell"], textColor=MUTED)
    st["cell_small"] = s("cell_small", fontSize=7.5, leading=9.5, spaceAfter=0)
    st["cell_center"] = s("cell_center", parent=st["cell"], alignment=TA_CENTER)
    st["cell_head"] = s("cell_head", parent=st["cell"], fontName=BOLD, textColor=INK)
    st["cell_head_center"] = s("cell_head_center", parent=st["cell_head"], alignment=TA_CENTER)
    st["indicator"] = s("indicator", parent=st["cell"], leftIndent=12)
    st["indicator_on"] = s("indicator_on", parent=st["indicator"], fontName=BOLD)
    st["indicator_off"] = s("indicator_off", parent=st["indicator"], textColor=MUTED)
    st["right"] = s("right", parent=st["cell"], alignment=TA_RIGHT)
    st["left"] = s("left", parent=st["cell"], alignment=TA_LEFT)
    st["furniture"] = s("furniture", fontSize=7.5, leading=9, textColor=MUTED, spaceAfter=0)
    st["furniture_bold"] = s("furniture_bold", parent=st["furniture"], fontName=BOLD, textColor=INK)
    st["furniture_italic"] = s("furniture_italic", parent=st["furniture"], fontName=ITALIC)
    st["furniture_right"] = s("furniture_right", parent=st["furniture"], alignment=TA_RIGHT)
    return st


def style(name: str) -> ParagraphStyle:
    return styles()[name]
