"""Fonts are registered once; user text is escaped; characters DejaVu lacks use the CJK fallback."""

from __future__ import annotations

from scorecard.pdf import theme


def test_register_fonts_is_idempotent():
    theme.register_fonts()
    n = theme.registration_count()
    for _ in range(5):
        theme.register_fonts()
    assert n == theme.registration_count() == 1


def test_markup_escapes_xml():
    assert theme.markup("a < b & c > d") == "a &lt; b &amp; c &gt; d"
    assert theme.markup("<b>x</b>") == "&lt;b&gt;x&lt;/b&gt;"


def test_markup_wraps_runs_dejavu_lacks():
    fb = theme.FALLBACK
    assert theme.markup("王伟") == f'<font name="{fb}">王伟</font>'
    assert theme.markup("Hi 王伟!") == f'Hi <font name="{fb}">王伟</font>!'
    # Latin, Greek, Cyrillic, Polish and the check boxes stay in DejaVu
    for s in ["Zoë Ñúñez", "Ελένη", "Дмитрий", "Łukasz Wróbel", "☐ ☑ ☒ ⚠ ⚑ — “quoted”"]:
        assert theme.markup(s) == s


def test_markup_keeps_line_breaks_and_handles_empty():
    assert theme.markup("a\nb") == "a<br/>b"
    assert theme.markup("a\r\nb", newlines=False) == "a b"
    assert theme.markup("") == "" and theme.markup(None) == ""


def test_styles_use_only_embedded_fonts():
    allowed = {theme.MAIN, theme.BOLD, theme.ITALIC, theme.BOLD_ITALIC}
    for name, st in theme.styles().items():
        assert st.fontName in allowed, name
        assert st.bulletFontName in allowed, name


def test_rating_colours_run_low_to_high():
    low, mid, high = (theme.rating_colour(x) for x in (0.0, 0.5, 1.0))
    assert low.red > low.blue and high.blue > high.red
    assert theme.rating_colour(None) is not None


def test_split_string_fast_path_writes_the_same_bytes(report, monkeypatch):
    """The subset-0 shortcut in _MeasuredTTFont.splitString leans on ReportLab internals:
    its output must match ReportLab's own loop exactly."""
    import io

    from pypdf import PdfReader
    from reportlab.pdfbase.ttfonts import TTFont

    from scorecard.pdf import render_consolidated

    fast = PdfReader(io.BytesIO(render_consolidated(report)))
    monkeypatch.setattr(theme._MeasuredTTFont, "splitString", TTFont.splitString)
    slow = PdfReader(io.BytesIO(render_consolidated(report)))
    assert len(fast.pages) == len(slow.pages)
    for a, b in zip(fast.pages, slow.pages):
        assert a.get_contents().get_data() == b.get_contents().get_data()


def test_number_memo_and_escape_table_write_the_same_bytes(report, monkeypatch):
    """canvas.py memoises ReportLab's pure-Python fp_str and escapes subset bytes with one
    translate table: the page content must be exactly what ReportLab's own functions write."""
    import io
    import sys

    from pypdf import PdfReader
    from reportlab.lib import rl_accel
    from reportlab.pdfgen.canvas import Canvas

    from scorecard.pdf import canvas, render_consolidated

    fast_bytes = render_consolidated(report)  # installs the memo (when ReportLab runs without C)
    for name in canvas._FP_STR_USERS:
        module = sys.modules[name]
        monkeypatch.setattr(module, "fp_str", getattr(module.fp_str, "__wrapped__", module.fp_str))
    monkeypatch.setattr(canvas.ReportCanvas, "_escape", Canvas._escape)
    fast = PdfReader(io.BytesIO(fast_bytes))
    slow = PdfReader(io.BytesIO(render_consolidated(report)))
    assert len(fast.pages) == len(slow.pages)
    for a, b in zip(fast.pages, slow.pages):
        assert a.get_contents().get_data() == b.get_contents().get_data()
    every_byte = bytes(range(256)) * 2
    assert canvas.ReportCanvas._escape(None, every_byte) == rl_accel._py_escapePDF(every_byte)
