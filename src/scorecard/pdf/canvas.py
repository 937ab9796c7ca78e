"""Page furniture shared by every report: header, footer, "page X of Y", outline, metadata.

`ReportCanvas` defers every page until the document is complete, so the footer can
say "Page 3 of 17" without a second layout pass. Bookmarks set while laying out are
deferred with their page and replayed when the page is really written, so outline
entries point at the right page.

`build_pdf(story, meta=…)` is the single entry point the renderers use: it sets up
portrait and landscape page templates (a story switches with
`NextPageTemplate("landscape")`), lays the story out and returns the PDF bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import partial

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate

from scorecard.pdf import theme
from scorecard.pdf.blocks import Together

#: PDF string escapes for the bytes a font subset writes: the same as ReportLab's `escapePDF`
#: (octal for control and non-ASCII bytes, a backslash before \\ ( and )), as one translate table.
_PDF_ESCAPES = {c: f"\\{c:03o}" for c in (*range(32), *range(127, 256))} | {ord(c): "\\" + c for c in "\\()"}

#: ReportLab modules that imported `fp_str` (number formatting for every coordinate and colour).
_FP_STR_USERS = ("reportlab.pdfgen.canvas", "reportlab.pdfgen.textobject", "reportlab.pdfgen.pathobject",
                 "reportlab.pdfbase.pdfdoc", "reportlab.lib.colors", "reportlab.platypus.flowables",
                 "reportlab.platypus.tables")
_fp_str_installed = False


def _install_fp_str_memo() -> None:
    """Remember ReportLab's pure-Python `fp_str` results (once per process).

    Without the optional C accelerator, formatting numbers is a fifth of the render time
    of a committee report — 25,000 calls for 1,600 distinct arguments (the same margins,
    sizes, colours and line positions over and over). The memo returns exactly what
    `fp_str` returned for equal arguments, so the PDF bytes do not change (a test
    compares them). With the C accelerator installed nothing is replaced.
    """
    global _fp_str_installed
    if _fp_str_installed:
        return
    _fp_str_installed = True
    import importlib

    from reportlab.lib import rl_accel

    original = rl_accel.fp_str
    if original is not getattr(rl_accel, "_py_fp_str", None):
        return  # the C version: already fast
    memo: dict[tuple, str] = {}

    def fp_str(*args):
        try:
            return memo[args]
        except KeyError:
            pass
        except TypeError:  # a list argument (dash patterns): not hashable
            return original(*args)
        if len(memo) > 100_000:
            memo.clear()
        result = memo[args] = original(*args)
        return result

    fp_str.__wrapped__ = original
    for name in _FP_STR_USERS:
        module = importlib.import_module(name)
        if getattr(module, "fp_str", None) is original:
            module.fp_str = fp_str


PORTRAIT = A4
LANDSCAPE = landscape(A4)
MARGIN_X = 16 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 18 * mm


@dataclass(frozen=True)
class DocMeta:
    """What goes into the PDF's metadata and onto every page's header and footer."""

    title: str
    subject: str
    author: str
    header_left: str  # e.g. the candidate's name
    header_right: str  # e.g. "Confidential — hiring committee"
    footer_left: str  # e.g. "Hiring committee report · exported 2025-03-01 09:00 UTC"
    creator: str = "Scorecard"
    keywords: str = ""
    #: The document's language (BCP 47), for screen readers and text extraction.
    lang: str = "en"


class ReportCanvas(Canvas):
    """A canvas that writes pages only at `save()`, when the page count is known."""

    def __init__(self, *args, meta: DocMeta, **kwargs):
        theme.register_fonts()
        # never let ReportLab fall back to (unembedded) Helvetica, even for the empty
        # text state it writes at the top of each page
        kwargs["initialFontName"] = theme.MAIN
        kwargs["initialFontSize"] = kwargs.get("initialFontSize") or 9
        kwargs["initialLeading"] = kwargs.get("initialLeading") or 11
        super().__init__(*args, **kwargs)
        self._meta = meta
        self._deferred_pages: list[dict] = []
        self._page_marks: list[tuple] = []
        # running section ("Zoë Ñúñez · Technical · 3. API design") for pages that continue one
        self._section: tuple[str, ...] = ()
        self._section_at_start: tuple[str, ...] = ()
        self._fresh_level: int | None = None
        self._section_seen = False

    def set_section(self, text: str, level: int, top: float) -> None:
        """Called by `SectionMark`/`Heading` when drawn; `top` is the mark's absolute y."""
        frame_top = self._pagesize[1] - MARGIN_TOP
        if not self._section_seen and top >= frame_top - 14:
            self._fresh_level = level  # a new (sub)section opens this page: it continues nothing
        self._section_seen = True
        self._section = self._section[:level] + (text,)

    def _escape(self, s):
        # text from a font subset arrives as bytes: one C-level translate, not a loop per byte
        if isinstance(s, bytes):
            return s.decode("latin-1").translate(_PDF_ESCAPES)
        return super()._escape(s)

    # bookmarks are remembered per page and replayed at save time
    def bookmarkPage(self, key, **kw):  # noqa: N802 (ReportLab's name)
        self._page_marks.append(("bookmark", key, kw))

    def addOutlineEntry(self, title, key, level=0, closed=None):  # noqa: N802
        self._page_marks.append(("outline", title, key, level, closed))

    def showPage(self):  # noqa: N802
        self._deferred_pages.append(dict(self.__dict__))
        self._startPage()
        self._page_marks = []
        self._section_at_start = self._section
        self._fresh_level = None
        self._section_seen = False

    def save(self):
        self.showOutline()  # the reader opens with the outline (bookmarks) panel shown
        total = len(self._deferred_pages)
        for number, state in enumerate(self._deferred_pages, 1):
            self.__dict__.update(state)
            for mark in self._page_marks:
                if mark[0] == "bookmark":
                    Canvas.bookmarkPage(self, mark[1], **mark[2])
                else:
                    Canvas.addOutlineEntry(self, mark[1], mark[2], level=mark[3], closed=mark[4])
            self._decorate(number, total)
            Canvas.showPage(self)
        Canvas.save(self)

    def _running_section(self) -> str:
        """What the top of this page belongs to, when it does not start a section itself."""
        parts = self._section_at_start
        if not parts:
            return ""
        if self._fresh_level is None:
            return "continued · " + " · ".join(parts)
        return " · ".join(parts[: self._fresh_level])

    def _decorate(self, number: int, total: int) -> None:
        width, height = self._pagesize
        m = self._meta
        self.saveState()
        self.setStrokeColor(theme.RULE)
        self.setLineWidth(0.5)
        top = height - MARGIN_TOP + 6 * mm
        self.line(MARGIN_X, top - 2, width - MARGIN_X, top - 2)
        right_w = 160
        _draw_line(self, m.header_left, MARGIN_X, top + 1.5, width - 2 * MARGIN_X - right_w - 10, bold=True)
        _draw_line(self, m.header_right, width - MARGIN_X, top + 1.5, right_w, right=True)
        running = self._running_section()
        if running:
            _draw_line(self, running, MARGIN_X, top - 11, width - 2 * MARGIN_X, italic=True)
        bottom = MARGIN_BOTTOM - 8 * mm
        self.line(MARGIN_X, bottom + 10, width - MARGIN_X, bottom + 10)
        _draw_line(self, m.footer_left, MARGIN_X, bottom, width - 2 * MARGIN_X - 80)
        _draw_line(self, f"Page {number} of {total}", width - MARGIN_X, bottom, 76, right=True)
        self.restoreState()


def _draw_line(canv: Canvas, text: str, x: float, y: float, max_width: float, *,
               right: bool = False, bold: bool = False, italic: bool = False) -> None:
    """One line of header/footer text (with CJK fallback), shortened with "…" to fit."""
    font = theme.BOLD if bold else theme.ITALIC if italic else theme.MAIN
    theme.draw_text(canv, x, y + 2, text, font=font, size=7.5, colour=theme.INK if bold else theme.MUTED,
                    align="right" if right else "left", max_width=max_width)


class _Doc(BaseDocTemplate):
    def __init__(self, buf, meta: DocMeta, first_template: str = "portrait"):
        super().__init__(
            buf,
            keepTogetherClass=Together,  # keep-with-next groups (headings, "Notes" + first note)
            pagesize=PORTRAIT,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            title=meta.title,
            author=meta.author,
            subject=meta.subject,
            creator=meta.creator,
            keywords=meta.keywords,
            producer="Scorecard (ReportLab)",
            initialFontName=theme.MAIN,
            initialFontSize=9,
            initialLeading=11,
            lang=meta.lang,
        )
        templates = []
        for name, size in (("portrait", PORTRAIT), ("landscape", LANDSCAPE)):
            w, h = size
            frame = Frame(MARGIN_X, MARGIN_BOTTOM, w - 2 * MARGIN_X, h - MARGIN_TOP - MARGIN_BOTTOM,
                          id=name, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
            templates.append(PageTemplate(id=name, frames=[frame], pagesize=size, autoNextPageTemplate=name))
        if first_template == "landscape":
            templates.reverse()  # the first template is the first page's
        self.addPageTemplates(templates)


def frame_width(orientation: str = "portrait") -> float:
    size = PORTRAIT if orientation == "portrait" else LANDSCAPE
    return size[0] - 2 * MARGIN_X


def build_pdf(story: list, *, meta: DocMeta, first_template: str = "portrait") -> bytes:
    """Lay out a story on A4 pages with the shared header/footer and return the PDF."""
    theme.register_fonts()
    _install_fp_str_memo()
    buf = io.BytesIO()
    doc = _Doc(buf, meta, first_template)
    # Binary (Flate only) streams: ASCII85 on top makes files a quarter larger and
    # costs a tenth of the render time, for 7-bit safety nobody needs any more.
    old_a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, canvasmaker=partial(ReportCanvas, meta=meta))
    finally:
        rl_config.useA85 = old_a85
    return buf.getvalue()
