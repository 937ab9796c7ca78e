"""Above a submitted scorecard: the lock, its recommendation and summary, addenda, and — only
once the interviewer's own judgement is in — the other interviewers' scorecards."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QToolButton, QVBoxLayout, QWidget

from scorecard.ui import icons, keys
from scorecard.ui.widgets import WrappingScrollArea, wrap_label

if TYPE_CHECKING:
    from scorecard.domain.kit import Kit
    from scorecard.domain.scorecard import Scorecard


def local_time(dt) -> str:
    return dt.astimezone().strftime("%Y-%m-%d %H:%M") if dt else ""


def others_html(cards: Sequence[Scorecard], kit_for: Callable[[Scorecard], Kit]) -> str:
    """Other interviewers' submitted scorecards for the round: recommendation, ratings, notes."""
    out = []
    for card in cards:
        kit = kit_for(card)
        rec = kit.recommendation_scale.step(card.recommendation).label if card.recommendation else "—"
        rows = []
        for item in kit.items_in(card.round_id):
            r = card.responses.get(item.id)
            if r is None:
                continue
            if r.rating:
                answer = kit.scale_for(item).step(r.rating).label
            elif r.knockout_option and hasattr(item, "option"):
                answer = item.option(r.knockout_option).label
            elif r.skip_reason:
                answer = f"skipped ({r.skip_reason})"
            else:
                answer = "—"
            note = f" — {html.escape(r.notes)}" if r.notes.strip() else ""
            rows.append(f"<li>{html.escape(item.short_title)}: <b>{html.escape(answer)}</b>{note}</li>")
        out.append(
            f"<p style='margin-bottom:0'><b>{html.escape(card.interviewer)}</b> — recommendation "
            f"<b>{html.escape(rec)}</b> (submitted {local_time(card.submitted_at)})<br>"
            f"{html.escape(card.summary)}</p><ul style='margin-top:0'>{''.join(rows)}</ul>"
        )
    return "".join(out)


class LockedPanel(QFrame):
    """The lock line with its buttons; the details (summary, addenda, the panel's scorecards) are
    collapsed at first and, shown, scroll inside at most `set_details_cap` pixels — with a whole
    panel's notes they would otherwise squeeze the item view and push the window off the screen.

    Signals:
        addendumRequested(): the interviewer wants to add an addendum.
    """

    addendumRequested = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("dimensionBox")
        self.setAccessibleName("Submitted scorecard")
        self.lock_icon = QLabel(self)
        size = self.fontMetrics().height()
        self.lock_icon.setPixmap(icons.icon("lock").pixmap(size, size))
        self.status = wrap_label("", self, bold=True)
        self.details_button = QToolButton(self)  # made in screen order (a screen reader's review)
        self.details_button.setCheckable(True)
        self.details_button.setAccessibleName("Show or hide the submitted summary, addenda and panel")
        self.details_button.setText("Details")
        self.addendum_button = QPushButton(f"Add addendum… ({keys.first('addendum')})", self)
        self.addendum_button.setAccessibleName("Add addendum")
        self.details = wrap_label("", self, rich=True)
        self.details.setObjectName("lockedDetails")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_scroll = WrappingScrollArea(self)
        self.details_scroll.setObjectName("lockedDetailsScroll")
        self.details_scroll.setWidget(self.details)
        self.details_scroll.viewport().setAutoFillBackground(False)  # the panel's own background
        self.details.setAutoFillBackground(False)
        self.details_scroll.set_height_cap(self.fontMetrics().lineSpacing() * 12)
        top = QHBoxLayout()
        top.addWidget(self.lock_icon, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.status, 1)
        top.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        top.addWidget(self.addendum_button, 0, Qt.AlignmentFlag.AlignTop)
        box = QVBoxLayout(self)
        box.setContentsMargins(10, 6, 10, 6)
        box.addLayout(top)
        box.addWidget(self.details_scroll)

        self.addendum_button.clicked.connect(self.addendumRequested)
        self.details_button.toggled.connect(self._on_details_toggled)

        self._on_details_toggled(False)

    def show_card(self, card: Scorecard, kit: Kit, others: str, blind_reason: str) -> None:
        rec = kit.recommendation_scale.step(card.recommendation).label if card.recommendation else "—"
        self.status.setText(
            f"Submitted {local_time(card.submitted_at)} — locked. Recommendation: {rec}. "
            "Corrections are added as dated addenda."
        )
        parts = [f"<p style='margin:0'><b>Your summary:</b> {html.escape(card.summary)}</p>"]
        if card.addenda:
            titles = {it.id: it.short_title for it in kit.items_in(card.round_id)}

            def about(a) -> str:  # the item the addendum corrects, when it names one
                return f" (on <i>{html.escape(titles.get(a.item_id, a.item_id))}</i>)" if a.item_id else ""

            items = "".join(
                f"<li><b>{local_time(a.created_at)}</b>, {html.escape(a.author)}{about(a)}: "
                f"{html.escape(a.text)}</li>"
                for a in card.addenda
            )
            parts.append(f"<p style='margin-bottom:0'><b>Addenda</b></p><ul style='margin-top:0'>{items}</ul>")
        if others:
            parts.append(f"<p style='margin-bottom:0'><b>Other interviewers, this round</b></p>{others}")
        elif blind_reason:
            parts.append(f"<p><i>{html.escape(blind_reason)}</i></p>")
        self.details.setText("".join(parts))

    def set_details_cap(self, pixels: int) -> None:
        """The most height the details may take; taller details scroll."""
        self.details_scroll.set_height_cap(max(pixels, self.fontMetrics().lineSpacing() * 3))

    def _on_details_toggled(self, shown: bool) -> None:
        self.details_scroll.setVisible(shown)
        self.details_button.setText("Hide details" if shown else "Show details")
