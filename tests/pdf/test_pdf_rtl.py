"""Right-to-left names and notes are shaped and ordered (Arabic joined, Hebrew right to left) (issue #11)."""

from __future__ import annotations

import unicodedata

import pdf_samples as samples
import pytest
from pdf_reading import Pdf

from scorecard.domain.consolidation import consolidate
from scorecard.pdf import render_consolidated, theme

ARABIC = "ليلى الحسن"
HEBREW = "נועה כהן"


def _report(kit, name, note=None):
    cards = samples.panel(kit)
    if note:
        cards[1].responses["tech-1"].notes = note
    return consolidate(candidate=samples.make_candidate(name), kit=kit, kit_version=samples.make_version(kit),
                       scorecards=cards, exported_at=samples.EXPORTED)


def test_an_arabic_name_is_shaped_and_reads_right_to_left(kit):
    pdf = Pdf(render_consolidated(_report(kit, ARABIC, note="قالت إن الاختبار فشل 3 مرات. Then she fixed it.")))
    sheet = pdf.pages[0]
    # joined letter forms (initial/medial/final presentation forms), not the isolated letters
    assert "ﻟﻴﻠﻰ" in sheet and "ﺍﻟﺤﺴﻦ" in sheet
    assert ARABIC not in sheet  # unshaped letters would mean unjoined text
    # extracted in logical (reading) order: normalising the joined forms gives the name back
    assert ARABIC in unicodedata.normalize("NFKC", sheet)
    assert all(ARABIC in unicodedata.normalize("NFKC", p) for p in pdf.pages)  # every page header
    # a note mixing Arabic, a number and English keeps the number and the English left to right
    flat = unicodedata.normalize("NFKC", pdf.flat)
    # (extraction of a mixed line follows the drawn runs; each run's own text stays readable)
    assert "Then she fixed it" in flat and "الاختبار" in flat and "مرات" in flat


def test_a_hebrew_name_is_drawn_right_to_left():
    # what is drawn: visual order (the first letter at the right end of the line)
    assert theme.visual(HEBREW) == "ןהכ העונ"
    assert theme.visual("Zoë Ñúñez") == "Zoë Ñúñez"  # left-to-right text is untouched
    # the Unicode bidirectional algorithm: a number after Hebrew joins the right-to-left run
    assert theme.visual("Noa נועה 2025") == "Noa 2025 העונ"
    assert theme.visual("line one\nנועה") == "line one\nהעונ"  # line by line


def test_hebrew_name_in_the_report(kit):
    pdf = Pdf(render_consolidated(_report(kit, HEBREW)))
    sheet = pdf.pages[0]
    assert HEBREW in sheet or "ןהכ העונ" in sheet


def test_a_long_arabic_note_keeps_its_lines_in_reading_order(kit):
    filler = " ".join(["الاختبار فشل ثم نجح بعد التعديل"] * 12)
    note = f"بداية {filler} نهاية"
    pdf = Pdf(render_consolidated(_report(kit, "Zoë Ñúñez", note=note)))
    text = unicodedata.normalize("NFKC", pdf.text)
    start, end = text.find("بداية"), text.find("نهاية")
    assert start != -1 and end != -1
    assert start < end  # the first line of the note is drawn above the last
    lines = [ln for ln in text.splitlines() if "التعديل" in ln or "بداية" in ln or "نهاية" in ln]
    assert len(lines) >= 3  # it wraps over several lines


def test_an_arabic_reason_on_page_one_wraps_in_reading_order(kit):
    reason = "بداية " + " ".join(["لم يشرح اختبارات العقود بوضوح"] * 4) + " نهاية. ثم جملة ثانية."
    pdf = Pdf(render_consolidated(_report(kit, "Zoë Ñúñez", note=reason)))  # Zoë's Poor on question 1 is a split
    sheet = unicodedata.normalize("NFKC", pdf.pages[0])
    assert sheet.find("بداية") != -1 and sheet.find("بداية") < sheet.find("نهاية")
    assert "جملة ثانية" not in sheet  # one line: the first sentence only


def test_a_long_arabic_decision_rationale_wraps_in_reading_order(kit):
    from datetime import timedelta

    from scorecard.domain.decision import CommitteeDecision

    why = "بداية " + " ".join(["قرار اللجنة بعد مراجعة الأدلة"] * 10) + " نهاية"
    decision = CommitteeDecision(id="d1", candidate_id="cand-1", decision="hire", level_id=None, level_name=None,
                                 decided_by="Grace", decided_at=samples.EXPORTED - timedelta(hours=1), rationale=why)
    report = consolidate(candidate=samples.make_candidate("Zoë Ñúñez"), kit=kit,
                         kit_version=samples.make_version(kit), scorecards=samples.panel(kit),
                         exported_at=samples.EXPORTED, decision=decision)
    sheet = unicodedata.normalize("NFKC", Pdf(render_consolidated(report)).pages[0])
    start, end = sheet.find("بداية"), sheet.find("نهاية")
    assert start != -1 and end != -1 and start < end  # the first line above the last
    assert len([ln for ln in sheet.splitlines() if "مراجعة" in ln]) >= 2  # it wraps


def test_a_kit_written_in_arabic_prints_its_guide_in_reading_order(kit):
    from scorecard.pdf.round_guide import render_round_guide

    prompt = "بداية " + " ".join(["صف كيف تصمم تكاملا آمنا مع واجهة برمجة خارجية"] * 5) + " نهاية"
    item = next(i for i in kit.items if i.round == "tech")
    changed = kit.model_copy(update={"items": [i.model_copy(update={"prompt": prompt}) if i is item else i
                                               for i in kit.items]})
    text = unicodedata.normalize("NFKC", Pdf(render_round_guide(kit=changed, round_id="tech")).text)
    start, end = text.find("بداية"), text.find("نهاية")
    assert start != -1 and end != -1 and start < end


MIXED_LINES = [  # (no brackets: python-bidi's get_display leaves mirroring to the renderer)
    "<b>Summary</b>: the candidate ليلى did well",
    "Right to work — answered <b>Yes</b> ليلى الحسن · Advance →",
    "<b>ليلى الحسن</b> · Technical <font color='#aa0000'>— DRAFT</font>",
    "ملاحظة: <b>API</b> gateway v2 ثم <i>retry</i> 3 مرات",
    "שלום <b>Zoë</b> 王伟 עולם 2025",
    "Zoë 王伟 and נועה כהן",
]


@pytest.mark.parametrize("source", MIXED_LINES)
def test_a_line_mixing_directions_and_formatting_is_drawn_as_the_bidi_algorithm_orders_it(source):
    """Each line of a Paragraph is drawn in the order the Unicode bidirectional algorithm gives its
    whole text, whatever the fragments (bold, colour, the CJK font) it is cut into."""
    from bidi import get_display

    from scorecard.pdf.theme import Paragraph, _line_text, _visual_line, markup, rtl_base, style

    import re

    # the tags as written, the text between them through markup() (escaped, shaped, fonts)
    body = "".join(part if part.startswith("<") else markup(part, newlines=False)
                   for part in re.split(r"(<[^>]+>)", source) if part)
    para = Paragraph(body, style("body"))
    para.wrap(2000, 100)  # one line
    (line,) = para.blPara.lines
    logical = _line_text(line)
    rtl = rtl_base(logical)
    drawn = _line_text(_visual_line(line, rtl))
    assert drawn == get_display(logical, base_dir="R" if rtl else "L"), source


@pytest.mark.parametrize(("logical", "drawn"), [
    # the brackets stay around what they enclose and face it (mirrored at right-to-left level)
    ("ملاحظة: API gateway (v2) ثم", "ﻢﺛ API gateway (v2) :ﺔﻈﺣﻼﻣ"),
    ("עולם (2025)", "(2025) םלוע"),
    ("שלום [ok] עולם", "םלוע [ok] םולש"),
    ("Zoë (נועה) Núñez", "Zoë (העונ) Núñez"),
])
def test_brackets_in_right_to_left_text_are_paired_and_face_their_content(logical, drawn):
    from scorecard.pdf.theme import bidi_order, rtl_base, shape

    text = shape(logical)
    assert "".join(t for t, _ in bidi_order([(text, None)], rtl_base(text))) == drawn


def test_a_split_right_to_left_paragraph_keeps_its_last_line_aligned_right():
    from scorecard.pdf.theme import Paragraph, markup, style

    text = " ".join(["الاختبار فشل ثم نجح بعد التعديل"] * 8)
    para = Paragraph(markup(text), style("body"))
    _w, h = para.wrap(200, 10_000)
    lines = len(para.blPara.lines)
    assert lines >= 4
    first, rest = para.split(200, (lines - 1) * para.style.leading + 0.5)  # all but the last line fit
    rest.wrap(200, 10_000)
    assert len(rest.blPara.lines) == 1
    assert first._direction == ([True] * (lines - 1), True) and rest._direction == ([True], True)


@pytest.mark.parametrize("text", [
    "من می\u200cخواهم بروم",  # Persian: a zero-width non-joiner in almost every sentence
    "قال \u2068John Smith\u2069 شيئا",  # an isolate, as copied text often carries
    "عمل رائع \U0001FA77 جدا",  # an emoji newer than this Python's Unicode data
    "\u2068ليلى\u2069",
    "שלום \u200dעולם\u00ad",
])
def test_invisible_and_unknown_characters_neither_fail_nor_leave_a_line_unordered(text):
    from bidi import get_display

    from scorecard.pdf.theme import bidi_order, rtl_base, visual

    drawn = "".join(t for t, _ in bidi_order([(text, None)], rtl_base(text)))
    invisible = "\u200c\u200d\u00ad\u2068\u2069"
    strip = lambda s: "".join(ch for ch in s if ch not in invisible)  # noqa: E731
    assert strip(drawn) == strip(get_display(text, base_dir="R" if rtl_base(text) else "L"))
    assert visual(text)  # the page header's path


def test_a_report_with_such_characters_renders(kit):
    name = "\u2068ليلى\u2069"
    pdf = Pdf(render_consolidated(_report(kit, name, note="من می\u200cخواهم \U0001FA77 قال \u2068John\u2069")))
    assert "ﻟﻴﻠﻰ" in pdf.pages[0]


def test_each_hard_line_of_a_note_has_its_own_direction():
    """'Summary line' then an Arabic line: the Arabic line is laid out right to left (its full
    stop at its left end), not in the direction of the note's first line."""
    from scorecard.pdf.text import text as text_block
    from scorecard.pdf.theme import Paragraph, _line_text, _visual_line, markup, style

    note = "Summary line\nليلى قالت شيئا."
    para = Paragraph(markup(note), style("body"))
    para.wrap(400, 1000)
    bases, align_right = para._directions(para.blPara.lines)
    assert bases == [False, True] and not align_right
    drawn = _line_text(_visual_line(para.blPara.lines[1], bases[1]))
    assert drawn.startswith(".")  # the full stop ends the sentence at the left
    block = text_block(note)
    block.wrap(400, 1000)
    (_x0, first), (x1, second) = block._lines
    assert "".join(t for t, _, _ in second).startswith(".") and x1 > 0  # drawn from the right
