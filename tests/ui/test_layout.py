"""The window fits the screen whatever people type: long notes from a whole panel, URLs, names without spaces."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from tests.ui.conftest import INTERVIEWER

pytestmark = pytest.mark.gui

#: The smallest common laptop screen: the window must fit in it (minus a task bar for the height).
SCREEN = (1366, 768)
URL = "https://example.com/" + "/".join(f"segment{i}" for i in range(200))
LONG_NAME = "Ana" + "x" * 300
NOTE = ("Described a contract-first design with versioned paths and additive changes; asked about "
        "consumers and error budgets before proposing a staged rollout with a rollback plan ready.")


def ten_item_kit():
    from scorecard.domain.kit import Kit
    from tests.factories import MINI_KIT

    items = [dict(type="competency_question", id=f"q{i}", round="tech", competency="api", title=f"Question {i}",
                  prompt=f"Tell me about API number {i}.", indicators={"positive": ["a"], "negative": ["b"]})
             for i in range(10)]
    return Kit.model_validate({**MINI_KIT, "id": "ten", "items": items})


def score(services, candidate_id: str, who: str, notes: str, *, items=("q-api", "q-listen", "ex-code"),
          submit: bool = True):
    s = services.scoring
    card = s.start_or_resume(candidate_id=candidate_id, round_id="tech", interviewer=who)
    for item in items:
        s.rate(scorecard_id=card.id, item_id=item, step_id="meets")
        s.set_notes(scorecard_id=card.id, item_id=item, notes=notes)
    if "ex-code" in items:
        s.choose_variant(scorecard_id=card.id, item_id="ex-code", variant_id="ai")
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text=notes)
    if submit:
        s.submit(scorecard_id=card.id)
    return card


def settle(qtbot) -> None:
    QApplication.processEvents()
    qtbot.wait(10)  # layout requests posted by the last show/resize


def assert_fits(window) -> None:
    for hint in (window.sizeHint(), window.minimumSizeHint()):
        assert hint.width() < SCREEN[0], f"window wants {hint.width()} px"
        assert hint.height() < SCREEN[1], f"window wants {hint.height()} px"
    assert window.size().width() <= SCREEN[0] and window.size().height() <= SCREEN[1]


def test_a_whole_panels_notes_scroll_inside_a_collapsed_locked_panel(qtbot, services, settings, make_window):
    services.kits.import_kit(ten_item_kit(), source_name="ten.yaml", source_text="")
    candidate = services.candidates.add(name="Zoë Ñúñez", kit_id="ten", target_level="mid")
    items = [f"q{i}" for i in range(10)]
    for who in ("Ana", "Ben", "Cai"):
        score(services, candidate.id, who, NOTE + " " + NOTE[:20], items=items)
    score(services, candidate.id, INTERVIEWER, "mine", items=items)

    window = make_window(services, settings)
    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    settle(qtbot)
    panel = scoring.locked_panel
    assert scoring.read_only and panel.isVisible()
    assert not panel.details_scroll.isVisible() and panel.details_button.text() == "Show details"
    assert scoring.item_scroll.height() > 400
    assert_fits(window)

    panel.details_button.click()
    settle(qtbot)
    assert panel.details_scroll.isVisible() and "Ana" in panel.details.text()
    assert panel.details_scroll.height() <= scoring.height() // 3
    assert panel.details_scroll.verticalScrollBar().maximum() > 0  # the rest scrolls
    assert scoring.item_scroll.height() > 250
    assert_fits(window)


def test_long_unbroken_text_wraps_or_shortens_instead_of_widening_the_window(qtbot, services, settings,
                                                                             make_window):
    candidate = services.candidates.add(name=LONG_NAME, kit_id="mini", target_level="mid")
    score(services, candidate.id, "Other" + "y" * 200, "See " + URL)

    window = make_window(services, settings)
    settle(qtbot)
    page = window.candidates_page
    assert page.detail_title.text() == LONG_NAME and page.detail_title.toolTip() == LONG_NAME
    assert_fits(window)

    window._on_round_requested(candidate.id, "tech")
    scoring = window.scoring_page
    scoring._set_skip(URL)
    scoring.notes.setPlainText("See " + URL)
    settle(qtbot)
    assert scoring.name_label.toolTip() == LONG_NAME
    assert scoring.skip_label.text() == f"Skipped: {URL}"  # as given; the break points are for display only
    assert_fits(window)
    scoring._on_back_requested()

    card = score(services, candidate.id, INTERVIEWER, URL)
    services.scoring.add_addendum(scorecard_id=card.id, author=INTERVIEWER, text=URL)
    window._on_round_requested(candidate.id, "tech")
    scoring.locked_panel.details_button.click()
    settle(qtbot)
    assert URL in scoring.locked_panel.details.text()
    assert_fits(window)


def test_break_points_are_not_copied(qtbot):
    from scorecard.ui.widgets import ZWSP, wrap_label

    label = wrap_label(f"See {URL}")
    qtbot.addWidget(label)
    label.show()
    assert label.text() == f"See {URL}"
    shown = QLabel.text(label)
    assert ZWSP in shown and shown.replace(ZWSP, "") == f"See {URL}"  # what Qt lays out…
    label.setSelection(0, len(shown))
    label.setFocus()
    qtbot.keyClick(label, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == f"See {URL}"  # …and what is copied


def test_break_points_keep_marks_with_their_letters():
    from scorecard.ui.widgets import ZWSP, breakable, breakable_html

    assert breakable("short words stay as they are") == "short words stay as they are"
    decomposed = "e\u0301" * 30  # é as e + combining acute, 30 times
    assert ZWSP + "\u0301" not in breakable(decomposed) and ZWSP in breakable(decomposed)
    family = "👨\u200d👩\u200d👧" * 10
    assert "\u200d" + ZWSP not in breakable(family) and ZWSP + "\u200d" not in breakable(family)
    html = f"<a href='{URL}'>x</a> &amp;{'y' * 40}"
    broken = breakable_html(html)
    assert broken.startswith(f"<a href='{URL}'>x</a> &amp;") and ZWSP in broken
