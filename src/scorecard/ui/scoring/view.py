"""The scoring page: one round of one candidate, one item at a time, saved on every interaction.

Every interaction calls the domain method on the scorecard the scoring service holds
(one in-memory copy, shared): the method checks the input against the kit, applies the
rule and returns a change, which is saved through the `SaveGuard` (retried while the
database refuses). The view decides no rule itself. Checkboxes, ratings, options and
variants are saved synchronously in their slots; notes at most `NOTES_MAX_WAIT_MS` after a
keystroke even while typing goes on, and at once when the item changes, the notes field
loses focus or the page closes; time on the item and the round clock every few seconds
and when leaving the item.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from functools import partial
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from scorecard.ui import accessibility, icons, keys
from scorecard.ui.scoring.item_panel import ItemPanel
from scorecard.ui.scoring.locked_panel import LockedPanel, others_html
from scorecard.ui.scoring.progress_rail import ProgressRail, RailModel
from scorecard.ui.scoring.rating_bar import Choice, ChoiceBar
from scorecard.ui.scoring.reveal import reveal
from scorecard.ui.scoring.timer import ItemTimer, RoundClock
from scorecard.ui.widgets import (
    ToneLabel,
    WrappingScrollArea,
    elided_heading,
    heading,
    reading_order_splitter,
    wrap_label,
)

if TYPE_CHECKING:
    from scorecard.domain.kit import ItemBase, Kit
    from scorecard.domain.scorecard import ItemResponse, Scorecard
    from scorecard.services import Services
    from scorecard.ui.save_guard import SaveGuard
    from scorecard.ui.settings import Settings

#: Notes typed are saved at most this long after the first unsaved keystroke, however fast the
#: typing goes on (a maximum wait, not a pause), so a crash loses under 200 ms of typing.
NOTES_MAX_WAIT_MS = 150

OUTCOMES = {
    "qualifies": ("Qualifies", "positive", "the application continues."),
    "auto_decline": ("Auto-decline", "negative", "the candidate is now flagged as auto-declined on the list."),
    "review": ("Needs review", "warning", "a recruiter reviews the application."),
}

NOTES_PROMPT = "What did the candidate say or do? Quotes, examples, specifics."
BLIND_NOTE = (
    "Blind scoring: other interviewers' ratings and notes stay hidden until you have submitted "
    "all your scorecards for this candidate."
)


def splitter_sizes(width: int) -> list[int]:
    """Rail, item and answer widths for the space there is: about 18 % / 50 % / 32 % (the rail
    between 150 and 280 px), so a 960-pixel-wide window gets the same layout as a wide one."""
    rail = min(max(round(width * 0.18), 150), 280)
    answer = round(width * 0.32)
    return [rail, max(width - rail - answer, 0), answer]


def _scrolling(widget: QWidget, parent: QWidget, name: str) -> WrappingScrollArea:
    area = WrappingScrollArea(parent)
    area.setObjectName(name)
    area.setWidget(widget)
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


class ScoringPage(QWidget):
    """Scoring one round.

    Signals:
        closed(str): back to the list; carries the candidate id.
        notice(str, str): a message for the window's notice banner (text, tone).
        noticeWithdrawn(str): a notice shown with this text no longer applies (it was about
            the item just left); the window hides it if it is still showing.
        itemShown(str): an item is on screen; carries its id.
        submitted(str): the scorecard was submitted and locked; carries its id.
    """

    closed = Signal(str)
    notice = Signal(str, str)
    noticeWithdrawn = Signal(str)
    itemShown = Signal(str)
    submitted = Signal(str)

    @property
    def _scoring(self):
        # looked up on use: the scoring service (and the kit models) load after the list is shown
        return self._services.scoring

    def __init__(self, services: Services, settings: Settings, guard: SaveGuard, parent: QWidget | None = None):
        super().__init__(parent)
        self._services = services
        self._settings = settings
        self._guard = guard
        self._card: Scorecard | None = None
        self._kit: Kit | None = None
        self._step_keys: tuple[str, ...] = keys.RATING_KEYS  # the open kit's: see keys.step_keys
        self._candidate = None
        self._items: list[ItemBase] = []
        self._index = -1
        #: the latest notes change not yet handed to the guard (typing since the last save)
        self._notes_change = None
        self._loading = False
        self._guidance_expanded = False
        #: the last notice about the item on screen, withdrawn when another item is shown
        self._item_notice: str | None = None
        #: the "To submit, still: …" notice while it shows; updated as the problems are fixed
        self._submit_notice: str | None = None
        self.panel: ItemPanel | None = None
        self.answer: ChoiceBar | None = None
        self.submit_dialog = None
        self.nudge_dialog = None
        self.skip_dialog = None
        self.addendum_dialog = None
        self.discard_dialog = None

        # --- header ---
        self.name_label = elided_heading("", self, scale=1.3)
        self.name_label.setObjectName("candidateName")
        self.sub_label = wrap_label("", self)
        self.status_icon = QLabel(self)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("scorecardStatus")
        self.discard_button = QPushButton("Discard…", self)  # beside the draft's status
        self.timer_icon = QLabel(self)
        self.timer_label = QLabel(self)
        self.timer_label.setObjectName("keyHint")
        self.timer_label.setAccessibleName("Time on this item")
        self.round_clock_label = QLabel(self)
        self.round_clock_label.setObjectName("keyHint")
        self.round_clock_label.setAccessibleName("Time since the round started")
        self.round_clock_label.setToolTip(f"Round clock: pause or resume with {keys.first('round-clock')}")
        self.blind_label = wrap_label(BLIND_NOTE, self, selectable=False)
        self.blind_label.setObjectName("keyHint")
        self.locked_panel = LockedPanel(self)
        self.locked_panel.hide()

        # --- rail | item | answer and notes ---
        self.rail_model = RailModel(self)
        self.rail = ProgressRail(self)
        self.rail.setModel(self.rail_model)
        self.item_host = QWidget(self)
        self.item_box = QVBoxLayout(self.item_host)
        self.item_box.setContentsMargins(0, 0, 0, 0)
        self.item_scroll = _scrolling(self.item_host, self, "itemScroll")

        self.right = QWidget(self)
        self.answer_heading = heading("Rating", self.right)
        self.answer_scale = wrap_label("", self.right, selectable=False)
        self.answer_scale.setObjectName("keyHint")
        # the item's rating steps (or knock-out options) go in a box made here, before the notes, so a
        # screen reader's review meets them where they are on screen (children keep creation order)
        self.answer_box = QWidget(self.right)
        self.answer_host = QVBoxLayout(self.answer_box)
        self.answer_host.setContentsMargins(0, 0, 0, 0)
        self.outcome_label = ToneLabel("", "info", self.right, bold=True)
        self.outcome_label.setObjectName("outcome")
        self.outcome_label.setWordWrap(True)
        self.outcome_label.hide()
        notes_label = wrap_label(f"Evidence &notes ({keys.first('notes')}) — saved as you type", self.right,
                                 selectable=False)
        self.notes = QPlainTextEdit(self.right)
        self.notes.setObjectName("notes")
        self.notes.setAccessibleName("Evidence notes")
        self.notes.setPlaceholderText(NOTES_PROMPT)
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(self.fontMetrics().lineSpacing() * 5)
        notes_label.setBuddy(self.notes)
        self.skip_label = wrap_label("", self.right)
        self.skip_label.setObjectName("skipReason")
        right_box = QVBoxLayout(self.right)
        right_box.setContentsMargins(4, 0, 8, 8)
        right_box.addWidget(self.answer_heading)
        right_box.addWidget(self.answer_scale)
        right_box.addWidget(self.answer_box)
        right_box.addWidget(self.outcome_label)
        right_box.addSpacing(6)
        right_box.addWidget(notes_label)
        right_box.addWidget(self.notes, 1)
        right_box.addWidget(self.skip_label)  # the skip button is in the footer: always on screen
        self.right_scroll = _scrolling(self.right, self, "answerScroll")

        self.splitter = reading_order_splitter(self, self.rail, self.item_scroll, self.right_scroll)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 2)
        self._splitter_dragged = False

        # --- footer buttons ---
        self.back_button = QPushButton(f"◀ List ({keys.first('back')})", self)
        self.back_button.setAccessibleName("Back to the candidate list")
        self.back_button.setToolTip("Back to the candidate list")  # the label is short to fit 200 % text
        self.skip_button = QPushButton(f"Skip… ({keys.first('skip')})", self)
        self.skip_button.setAccessibleName("Skip this item with a reason")
        self.prev_button = QPushButton(f"Prev ({keys.first('previous')})", self)
        self.prev_button.setAccessibleName("Previous item")
        self.next_button = QPushButton(f"Next ({keys.first('next')})", self)
        self.next_button.setAccessibleName("Next item")
        self.submit_button = QPushButton(f"Submit… ({keys.first('submit')})", self)
        self.discard_button.setFlat(True)
        self.discard_button.setToolTip(f"Discard this draft scorecard ({keys.first('discard')}); asks first")
        self.discard_button.setAccessibleName("Discard this draft scorecard")
        self.submit_button.setAccessibleName("Submit scorecard")
        for button in (self.back_button, self.prev_button, self.next_button, self.submit_button,
                       self.discard_button):
            button.setAutoDefault(False)

        header = QHBoxLayout()
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.name_label)
        names.addWidget(self.sub_label)
        header.addLayout(names, 1)
        header.addWidget(self.status_icon, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.status_label, 0, Qt.AlignmentFlag.AlignTop)
        header.addWidget(self.discard_button, 0, Qt.AlignmentFlag.AlignTop)
        header.addSpacing(16)
        header.addWidget(self.timer_icon, 0, Qt.AlignmentFlag.AlignTop)
        clocks = QVBoxLayout()
        clocks.setSpacing(0)
        clocks.addWidget(self.timer_label)
        clocks.addWidget(self.round_clock_label)  # under the item's timer: no width taken from the name
        header.addLayout(clocks)
        footer = QHBoxLayout()
        footer.addWidget(self.back_button)
        footer.addStretch(1)
        footer.addWidget(self.skip_button)
        footer.addSpacing(12)
        footer.addWidget(self.prev_button)
        footer.addWidget(self.next_button)
        footer.addSpacing(12)
        footer.addWidget(self.submit_button)
        page = QVBoxLayout(self)
        page.setContentsMargins(12, 8, 12, 6)
        page.setSpacing(6)
        page.addLayout(header)
        page.addWidget(self.blind_label)
        page.addWidget(self.locked_panel)
        page.addWidget(self.splitter, 1)
        page.addLayout(footer)

        # --- timers ---
        self._notes_timer = QTimer(self)
        self._notes_timer.setSingleShot(True)
        self._notes_timer.setInterval(NOTES_MAX_WAIT_MS)
        self.item_timer = ItemTimer(self)
        self.round_clock = RoundClock(self)

        # --- shortcuts (all carry a modifier or are F-keys: typing notes is never taken) ---
        sc = keys.shortcuts
        self._shortcuts = [
            *sc(self, "next", self.next_item),
            *sc(self, "previous", self.previous_item),
            *sc(self, "rail", self._on_rail_key),
            *sc(self, "notes", self.focus_notes),
            *sc(self, "guidance", self._on_guidance_key),
            *sc(self, "to-rating", self._on_to_rating_key),
            *sc(self, "variant", self._on_variant_key),
            *sc(self, "skip", self._on_skip_requested),
            *sc(self, "submit", self._on_submit_requested),
            *keys.sequence_shortcuts(self, ("Ctrl+Enter",), self._on_submit_requested),
            *sc(self, "addendum", self._on_addendum_requested),
            *sc(self, "back", self._on_back_requested),
            *sc(self, "round-clock", self._on_round_clock_key),
            *sc(self, "discard", self._on_discard_requested),
        ]
        for n in range(1, keys.MAX_INDICATOR_KEYS + 1):
            self._shortcuts += keys.sequence_shortcuts(self, (f"Ctrl+{n}",), partial(self._on_indicator_key, f"p{n}"))
            self._shortcuts += keys.sequence_shortcuts(self, (f"Alt+{n}",), partial(self._on_indicator_key, f"n{n}"))
        for seq in keys.STEP_KEYS:
            self._shortcuts += keys.sequence_shortcuts(self, (seq,), partial(self._on_step_key, seq))

        # --- connections ---
        self.rail.itemChosen.connect(self._on_rail_item_chosen)
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.right_scroll.contentResized.connect(self._on_answer_content_resized)
        self.notes.textChanged.connect(self._on_notes_changed)
        self._notes_timer.timeout.connect(self.flush_notes)
        self.item_timer.display.connect(self.timer_label.setText)
        self.item_timer.chunkDue.connect(self._on_time_chunk_due)
        self.round_clock.display.connect(self.round_clock_label.setText)
        self.round_clock.chunkDue.connect(self._on_time_chunk_due)
        self.notes.installEventFilter(self)
        self.skip_button.clicked.connect(self._on_skip_requested)
        self.back_button.clicked.connect(self._on_back_requested)
        self.prev_button.clicked.connect(self.previous_item)
        self.next_button.clicked.connect(self.next_item)
        self.submit_button.clicked.connect(self._on_submit_requested)
        self.discard_button.clicked.connect(self._on_discard_requested)
        self.locked_panel.addendumRequested.connect(self._on_addendum_requested)
        self._guard.recovered.connect(self._on_saves_recovered)
        self.accessibility = accessibility.attach_scoring(self)  # names follow the item; moves are announced

    # --- public -------------------------------------------------------------------------------

    @property
    def card(self) -> Scorecard | None:
        return self._card

    @property
    def current_item(self) -> ItemBase | None:
        return self._items[self._index] if 0 <= self._index < len(self._items) else None

    @property
    def read_only(self) -> bool:
        return self._card is None or self._card.is_submitted

    def footer_hint(self) -> str:
        # all keys first: in a narrow window the end of the line is cut off
        return keys.hint("help", keys.nav_hint(), "positive", "negative", (f"{self._step_keys[0]}…", "rate"),
                         "notes", "guidance", "skip", "submit", "back")

    def open(self, candidate_id: str, round_id: str) -> bool:
        """Start or resume this interviewer's scorecard for the round; False (with a notice) if it cannot."""
        from scorecard.services.errors import InvalidInput, NotFound, SaveFailed

        self.leave()
        try:
            card = self._scoring.start_or_resume(
                candidate_id=candidate_id, round_id=round_id, interviewer=self._settings.interviewer)
        except SaveFailed as exc:
            self.notice.emit(f"Could not start the round: {exc}. Nothing was lost; try again in a moment.",
                             "negative")
            return False
        except (InvalidInput, NotFound) as exc:
            self.notice.emit(f"Could not open the round: {exc}", "negative")
            return False
        self._load(card)
        return True

    def leave(self) -> None:
        """Store what is not stored yet (notes being typed, time on the item); the page may close."""
        if self._card is None:
            return
        self.flush_notes()
        self._store_time()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes and event.type() == QEvent.Type.FocusOut:
            self.flush_notes()  # the notes field lost focus: what was typed is saved now
        return super().eventFilter(watched, event)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if not self._splitter_dragged:
            self.splitter.setSizes(splitter_sizes(self.splitter.width() - 2 * self.splitter.handleWidth()))
        # a submitted scorecard's details (with the whole panel's notes) never take more than a
        # third of the page: the item stays readable and the window never outgrows the screen
        self.locked_panel.set_details_cap(self.height() // 3)

    def stop(self) -> None:
        self.leave()
        self.item_timer.stop()
        self.round_clock.stop()
        self._notes_timer.stop()

    def focus_notes(self) -> None:
        window = self.window()
        if window.isVisible() and not window.isActiveWindow() and self._no_dialog_open():
            window.activateWindow()  # back from a dialog (not every platform does it by itself)
        self.notes.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.notes.moveCursor(QTextCursor.MoveOperation.End)
        QTimer.singleShot(0, self._reveal_notes)  # once the new item's layout is done

    def _reveal_notes(self) -> None:
        """On a short screen the notes sit below the rating steps: scroll them into view before
        the interviewer types into a field they cannot see (three lines of it are enough)."""
        viewport = self.right_scroll.viewport()
        top_left = self.notes.mapTo(viewport, self.notes.rect().topLeft())
        visible = self.notes.rect().translated(top_left).intersected(viewport.rect())
        if visible.height() < min(self.notes.height(), self.notes.fontMetrics().lineSpacing() * 3):
            # (ensureWidgetVisible would only bring the text cursor's line into view)
            geometry = self.notes.geometry()  # in self.right, the scrolled widget
            bar = self.right_scroll.verticalScrollBar()
            bar.setValue(min(geometry.bottom() + 1 - viewport.height(), geometry.top()))

    def _no_dialog_open(self) -> bool:
        dialogs = (self.submit_dialog, self.nudge_dialog, self.skip_dialog, self.addendum_dialog,
                   self.discard_dialog)
        return not any(d is not None and d.isVisible() for d in dialogs)

    def go_to_index(self, index: int) -> None:
        if not (0 <= index < len(self._items)):
            return
        if index != self._index:
            self.leave()
            self._index = index
            item = self._items[index]
            if not self.read_only:
                self._interact(("go_to", self._card.id), lambda c, k, at: c.go_to(k, item.id, at=at))
            self._show_current()
        self.focus_notes()

    def next_item(self) -> None:
        self.go_to_index(self._index + 1)

    def previous_item(self) -> None:
        self.go_to_index(self._index - 1)

    @property
    def notes_unsaved(self) -> bool:
        """Typing not yet handed to the guard (the maximum wait has not run out)."""
        return self._notes_change is not None

    def flush_notes(self) -> None:
        """Save the notes now if they changed (maximum wait ran out, item change, focus lost, close)."""
        self._notes_timer.stop()
        change, self._notes_change = self._notes_change, None
        if change is None or self._card is None:
            return
        self._save(("notes", self._card.id, change.item_id), partial(self._scoring.save, change), change.item_id)

    # --- loading and showing ---------------------------------------------------------------------

    def _load(self, card: Scorecard) -> None:
        self._card = card
        self._submit_notice = None
        self._kit = self._scoring.kit_for(card)
        self._step_keys = keys.kit_step_keys(self._kit)
        self._candidate = self._services.candidates.get(card.candidate_id)
        self._items = self._kit.items_in(card.round_id)
        self.rail_model.set_items(self._items, card.responses, self._answer_labels())
        ids = [it.id for it in self._items]
        self._index = ids.index(card.current_item_id) if card.current_item_id in ids else 0
        round_name = self._kit.round(card.round_id).name
        level = self._kit.level(self._candidate.target_level).name
        self.name_label.setText(self._candidate.name)
        self.sub_label.setText(f"{round_name}  ·  {self._kit.title}  ·  target level {level}")
        self._show_lock_state()
        if self.read_only:
            self.round_clock.show_only(card.round_seconds, None)
        else:
            self.round_clock.start(card.round_seconds, None)
        self._show_current()

    def _answer_labels(self) -> dict[str, str]:
        labels = {}
        for item in self._items:
            if item.type == "knockout_question":
                for option in item.options:
                    labels[f"{item.id}:{option.id}"] = f"{option.label} ({OUTCOMES[option.outcome.value][0]})"
            else:
                for step in self._kit.scale_for(item).steps:
                    labels[f"{item.id}:{step.id}"] = step.label
        return labels

    def _response(self, item_id: str) -> ItemResponse:
        return self._card.response(item_id)

    def _show_lock_state(self) -> None:
        locked = self.read_only
        size = self.fontMetrics().height()
        self.status_icon.setPixmap(icons.icon("lock" if locked else "status-draft").pixmap(size, size))
        self.timer_icon.setPixmap(icons.icon("timer").pixmap(size, size))
        self.status_label.setText("Submitted — locked" if locked else "Draft — saved as you go")
        self.discard_button.setVisible(not locked)
        self.blind_label.setVisible(not locked)
        self.locked_panel.setVisible(locked)
        self.submit_button.setVisible(not locked)
        self.notes.setReadOnly(locked)
        # a locked card's empty notes say so, rather than invite typing that cannot happen
        self.notes.setPlaceholderText("No notes were written for this item." if locked else NOTES_PROMPT)
        self.skip_button.setEnabled(not locked)
        if locked:
            self._refresh_locked_panel()

    def _refresh_locked_panel(self) -> None:
        me = self._card.interviewer
        visible = self._scoring.visible_to(candidate_id=self._card.candidate_id, viewer=me)
        blind = not any(c.interviewer != me for c in visible)
        others = [c for c in visible if c.interviewer != me and c.round_id == self._card.round_id and c.is_submitted]
        if blind:
            reason = ("Other interviewers' scorecards stay hidden until you have submitted all of yours "
                      "for this candidate.")
        elif not others:
            reason = "No other interviewer has submitted this round yet."
        else:
            reason = ""
        self.locked_panel.show_card(self._card, self._kit, others_html(others, self._scoring.kit_for), reason)

    def _notice_about_item(self, text: str, tone: str) -> None:
        self._item_notice = text
        self.notice.emit(text, tone)

    def _withdraw_item_notice(self) -> None:
        if self._item_notice is not None:
            text, self._item_notice = self._item_notice, None
            self.noticeWithdrawn.emit(text)

    def _show_current(self) -> None:
        self._withdraw_item_notice()
        item = self.current_item
        old = self.panel
        if old is not None:
            old.hide()
            old.deleteLater()
            self.panel = None
        if self.answer is not None:
            self.answer.hide()
            self.answer.deleteLater()
            self.answer = None
        if item is None:
            self.item_box.addWidget(wrap_label("This round has no items; submit it with a recommendation.", self))
            return
        response = self._response(item.id)
        level = self._candidate.target_level
        self.panel = ItemPanel(
            self._kit, item, response, level_id=level, position=(self._index + 1, len(self._items)),
            guidance_expanded=self._guidance_expanded, read_only=self.read_only, parent=self.item_host)
        self.item_box.addWidget(self.panel)
        self.panel.indicatorToggled.connect(self._on_indicator_toggled)
        self.panel.variantChosen.connect(self._on_variant_chosen)
        self.panel.guidanceExpanded.connect(self._on_guidance_expanded)

        self.answer = self._answer_bar(item)
        self.answer.set_current(response.answer)
        self.answer.set_read_only(self.read_only)
        self.answer_host.addWidget(self.answer)
        self.answer.chosen.connect(self._on_answer_chosen)
        self._show_outcome(item, response)

        self._loading = True
        self.notes.setPlainText(response.notes)
        self._loading = False
        self._notes_change = None
        self.notes.moveCursor(QTextCursor.MoveOperation.End)
        self._show_skip(response)

        self.rail.set_current_row(self._index)
        self.prev_button.setEnabled(self._index > 0)
        self.next_button.setEnabled(self._index < len(self._items) - 1)
        if self.read_only:
            self.item_timer.show_only(response.seconds_spent, item.response_time_minutes)
        else:
            self.item_timer.start(response.seconds_spent, item.response_time_minutes)
        self._set_tab_order()
        self.item_scroll.verticalScrollBar().setValue(0)
        self.itemShown.emit(item.id)

    def _answer_bar(self, item: ItemBase) -> ChoiceBar:
        if item.type == "knockout_question":
            keys_shown = keys.key_range(self._step_keys, len(item.options))
            self.answer_heading.setText(f"Candidate's answer — keys {keys_shown}")
            self.answer_scale.setText("Each option shows its outcome.")
            choices = [
                Choice(o.id, o.label, f"Outcome: {OUTCOMES[o.outcome.value][0]}", self._choice_key(i))
                for i, o in enumerate(item.options)
            ]
            return ChoiceBar(choices, self.answer_box, kind="Answer")
        scale = self._kit.scale_for(item)
        self.answer_heading.setText(f"Rating — keys {keys.key_range(self._step_keys, len(scale.steps))}")
        self.answer_scale.setText(f"Scale: {scale.name}. Each step says what it looks like.")
        choices = [
            Choice(s.id, s.label, self._kit.anchor_for(item, s.id), self._choice_key(i))
            for i, s in enumerate(scale.steps)
        ]
        return ChoiceBar(choices, self.answer_box, kind="Rating")

    def _choice_key(self, i: int) -> str:
        return self._step_keys[i] if i < len(self._step_keys) else ""

    @property
    def kit(self) -> Kit | None:
        """The kit of the open scorecard (the help lists its step keys)."""
        return self._kit

    def _show_outcome(self, item: ItemBase, response: ItemResponse) -> None:
        if item.type != "knockout_question" or response.knockout_option is None:
            self.outcome_label.hide()
            return
        outcome = item.option(response.knockout_option).outcome.value
        name, tone, meaning = OUTCOMES[outcome]
        self.outcome_label.set_tone(tone)
        self.outcome_label.setText(f"Outcome: {name} — {meaning}")
        self.outcome_label.show()

    def _show_skip(self, response: ItemResponse) -> None:
        if response.skip_reason is not None:
            self.skip_label.setText(f"Skipped: {response.skip_reason}")
            self.skip_button.setText(f"Skip reason / take back… ({keys.first('skip')})")
        else:
            self.skip_label.setText("")
            self.skip_button.setText(f"Skip… ({keys.first('skip')})")

    def _set_tab_order(self) -> None:
        # the order it is read in: left to right, top to bottom
        chain: list[QWidget] = [self.locked_panel.details_button, self.locked_panel.addendum_button, self.rail]
        if self.panel is not None:
            chain += self.panel.focusables()
        if self.answer is not None:
            chain += self.answer.buttons
        chain += [self.notes, self.skip_button, self.back_button, self.prev_button, self.next_button,
                  self.submit_button]
        for a, b in zip(chain, chain[1:]):
            QWidget.setTabOrder(a, b)

    # --- saving -------------------------------------------------------------------------------------

    def _save(self, key: Hashable, write: Callable[[], Any], item_id: str | None = None,
              on_saved: Callable[[Any], None] | None = None) -> bool:
        """Save through the guard. The card in memory already holds the input, saved or queued."""
        ok = self._guard.save(key, write, on_saved)
        if item_id is not None:
            self.rail_model.refresh(item_id)
        if ok and key[0] != "go_to":
            self._refresh_submit_problems()
        return ok

    def _interact(self, key: Hashable, act: Callable[..., Any], item_id: str | None = None,
                  on_saved: Callable[[Any], None] | None = None) -> Any:
        """Call a domain method on the shared card — `act(card, kit, at)` — and save its change.

        Returns the change, or None when the domain refused the input (the reason is shown)."""
        from scorecard.services.errors import InvalidInput, ScorecardLocked

        try:
            change = act(self._card, self._kit, self._scoring.now())
        except (InvalidInput, ScorecardLocked) as exc:
            self.notice.emit(f"Not recorded: {exc}", "warning")
            return None
        self._save(key, partial(self._scoring.save, change), item_id, on_saved)
        return change

    def _refresh_submit_problems(self) -> None:
        """A list of what blocks submitting (in the submit dialog, or the window's notice) follows
        the input: it shrinks as problems are fixed and goes away when none is left."""
        dialog_showing = self.submit_dialog is not None and self.submit_dialog.problems.isVisible() \
            and self.submit_dialog.problems_are_rules
        if not dialog_showing and self._submit_notice is None:
            return
        problems = self._scoring.get(self._card.id).submit_problems(self._kit)
        if dialog_showing:
            if problems:
                self.submit_dialog.show_problems(problems)
            else:
                self.submit_dialog.problems.hide()
        if self._submit_notice is not None:
            old, self._submit_notice = self._submit_notice, None
            self.noticeWithdrawn.emit(old)
            if problems:
                self._submit_notice = "To submit, still:\n" + "\n".join(f"• {p}" for p in problems)
                self.notice.emit(self._submit_notice, "warning")

    def _on_saves_recovered(self) -> None:
        self.rail_model.refresh_all()

    def _store_time(self) -> None:
        """Hand the time gathered on the item and on the round clock to the card, and save it."""
        item_seconds = self.item_timer.take()
        round_seconds = self.round_clock.take()
        item = self.current_item
        if (item_seconds <= 0 and round_seconds <= 0) or self._card is None or self.read_only:
            return
        self._interact(self._guard.unique_key("time"), lambda c, k, at: c.add_time(
            k, item.id if item is not None else None, item_seconds, round_seconds=round_seconds, at=at))

    def _editable_or_notice(self) -> bool:
        if self._card is None:
            return False
        if self.read_only:
            self.notice.emit(
                f"This scorecard is submitted and locked. Add a dated addendum instead ({keys.first('addendum')}).",
                "info")
            return False
        return True

    # --- interactions ------------------------------------------------------------------------------

    def _on_indicator_key(self, key: str) -> None:
        if not self._editable_or_notice() or self.panel is None or self.panel.indicators is None:
            return
        if self.panel.indicators.toggle(key):
            reveal(self.item_scroll, self.panel.indicators.rows[key])

    def _on_indicator_toggled(self, key: str, checked: bool) -> None:
        item = self.current_item
        self._interact(("mark", self._card.id, item.id, key),
                       lambda c, k, at: c.mark(k, item.id, key, checked, at=at), item.id)

    def _on_step_key(self, seq: str) -> None:
        if seq in self._step_keys:
            self._on_choice_key(self._step_keys.index(seq))

    def _on_choice_key(self, i: int) -> None:
        if not self._editable_or_notice() or self.answer is None:
            return
        if self.answer.choose_index(i):
            reveal(self.right_scroll, [self.answer.options[i]])

    def _on_answer_chosen(self, choice_id: str) -> None:
        item = self.current_item
        self._interact(("answer", self._card.id, item.id),
                       lambda c, k, at: c.answer(k, item.id, choice_id, at=at), item.id)
        self._show_answer_state(item)

    def _show_answer_state(self, item: ItemBase) -> None:
        """Show the item's answer, outcome and skip as the card now holds them (after any rule applied)."""
        response = self._response(item.id)
        if self.answer is not None:
            self.answer.set_current(response.answer)
        self._show_outcome(item, response)
        self._show_skip(response)

    def _on_variant_key(self) -> None:
        if not self._editable_or_notice() or self.panel is None or self.panel.brief is None:
            return
        self.panel.brief.next_variant()

    def _on_variant_chosen(self, variant_id: str) -> None:
        item = self.current_item
        self._interact(("variant", self._card.id, item.id),
                       lambda c, k, at: c.choose_variant(k, item.id, variant_id, at=at), item.id)

    def _on_notes_changed(self) -> None:
        from scorecard.services.errors import InvalidInput, ScorecardLocked

        if self._loading or self.read_only or self.current_item is None:
            return
        item = self.current_item
        before = self.rail_model.status(self._index)
        try:
            self._notes_change = self._card.set_notes(self._kit, item.id, self.notes.toPlainText(),
                                                      at=self._scoring.now())
        except (InvalidInput, ScorecardLocked) as exc:
            self.notice.emit(f"Not recorded: {exc}", "warning")
            return
        if not self._notes_timer.isActive():
            self._notes_timer.start()  # a maximum wait: later keystrokes do not push the save back
        if self.rail_model.status(self._index) != before:
            self.rail_model.refresh(item.id)

    def _on_time_chunk_due(self) -> None:
        self._store_time()

    def _on_round_clock_key(self) -> None:
        if not self._editable_or_notice():
            return
        self._store_time()
        if self.round_clock.paused:
            self.round_clock.resume()
            self.item_timer.resume()
            self.notice.emit("Round clock running again.", "info")
        else:
            self.round_clock.pause()
            self.item_timer.pause()
            self.notice.emit(f"Round clock paused; {keys.first('round-clock')} resumes it.", "info")

    def _on_guidance_key(self) -> None:
        if self.panel is None or not self.panel.toggle_guidance():
            self._notice_about_item("This item has no interviewer guidance.", "info")

    def _on_to_rating_key(self) -> None:
        """Past a long list of indicators: focus the chosen rating step (or the first)."""
        if self.answer is None or not self.answer.buttons:
            return
        buttons = self.answer.buttons
        target = next((b for b in buttons if b.isChecked()), buttons[0])
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_guidance_expanded(self, expanded: bool) -> None:
        self._guidance_expanded = expanded

    def _on_answer_content_resized(self) -> None:
        if self.notes.hasFocus():
            QTimer.singleShot(0, self._reveal_notes)  # the new item's rating steps pushed the notes down

    def _on_splitter_moved(self, _pos: int, _index: int) -> None:
        self._splitter_dragged = True  # the interviewer's widths are kept from now on (proportionally)

    def _on_rail_key(self) -> None:
        self.rail.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_rail_item_chosen(self, row: int) -> None:
        self.go_to_index(row)

    def _on_back_requested(self) -> None:
        if self._card is None:
            return
        self.stop()
        self.closed.emit(self._card.candidate_id)

    # --- skip --------------------------------------------------------------------------------------

    def _on_skip_requested(self) -> None:
        from scorecard.ui.scoring.skip_dialog import SkipDialog

        if not self._editable_or_notice() or self.current_item is None:
            return
        item = self.current_item
        self.skip_dialog = SkipDialog(item.short_title, self._response(item.id).skip_reason, self)
        self.skip_dialog.skipChosen.connect(self._on_skip_chosen)
        self.skip_dialog.unskipChosen.connect(self._on_unskip_chosen)
        self.skip_dialog.finished.connect(self._on_dialog_finished)
        self.skip_dialog.open()

    def _on_skip_chosen(self, reason: str) -> None:
        self._set_skip(reason)

    def _on_unskip_chosen(self) -> None:
        self._set_skip(None)

    def _set_skip(self, reason: str | None) -> None:
        item = self.current_item
        self._interact(("skip", self._card.id, item.id), lambda c, k, at: c.skip(k, item.id, reason, at=at), item.id)
        self._show_answer_state(item)
        accessibility.announce(self.notes, accessibility.skip_announcement(item.short_title, reason))

    def _on_dialog_finished(self, _result: int) -> None:
        self.focus_notes()

    # --- submit ---------------------------------------------------------------------------------------

    def _on_submit_requested(self) -> None:
        from scorecard.ui.scoring.submit_dialog import SubmitDialog

        if not self._editable_or_notice():
            return
        self.leave()
        choices = [
            Choice(s.id, s.label, s.anchor, self._choice_key(i))
            for i, s in enumerate(self._kit.recommendation_scale.steps)
        ]
        self.submit_dialog = SubmitDialog(choices, self._card.recommendation, self._card.summary, self,
                                          step_keys=self._step_keys)
        self.submit_dialog.recommendationChosen.connect(self._on_recommendation_chosen)
        self.submit_dialog.summaryEdited.connect(self._on_summary_edited)
        self.submit_dialog.submitRequested.connect(self._on_submit_confirmed)
        self.submit_dialog.finished.connect(self._on_dialog_finished)
        self.submit_dialog.open()

    def _on_recommendation_chosen(self, step_id: str) -> None:
        self._interact(("recommendation", self._card.id),
                       lambda c, k, at: c.set_recommendation(k, step_id, at=at))

    def _on_summary_edited(self, text: str) -> None:
        self._interact(("summary", self._card.id), lambda c, _k, at: c.set_summary(text, at=at))

    def _first_item_named(self, problems: list) -> int | None:
        """The first item a submit problem is about (`SubmitProblem.item_id`), or None."""
        ids = [it.id for it in self._items]
        for problem in problems:
            if problem.item_id in ids:
                return ids.index(problem.item_id)
        return None

    def _on_submit_confirmed(self) -> None:
        from scorecard.ui.scoring.submit_dialog import NudgeDialog

        dialog = self.submit_dialog
        if self._guard.pending:
            dialog.show_problems([f"some input is not saved yet ({self._guard.last_error}); "
                                  "wait until the banner disappears"], intro="Cannot submit yet:")
            return
        problems = self._card.submit_problems(self._kit)
        if problems:
            self._on_cannot_submit(problems)
            return
        nudges = self._card.evidence_nudges(self._kit)
        if nudges:
            self.nudge_dialog = NudgeDialog([it.short_title for it in nudges], dialog)
            first = [it.id for it in self._items].index(nudges[0].id)
            self.nudge_dialog.goBack.connect(partial(self._on_nudge_go_back, first))
            self.nudge_dialog.submitAnyway.connect(self._do_submit)
            self.nudge_dialog.open()
            return
        self._do_submit()

    def _on_nudge_go_back(self, index: int) -> None:
        if self.submit_dialog is not None:
            self.submit_dialog.done(0)
        self.go_to_index(index)

    def _on_cannot_submit(self, problems: list[str]) -> None:
        missing = self._first_item_named(problems)
        if missing is None:
            self.submit_dialog.show_problems(problems)
            return
        self.submit_dialog.done(0)
        self.go_to_index(missing)
        self._submit_notice = "To submit, still:\n" + "\n".join(f"• {p}" for p in problems)
        self.notice.emit(self._submit_notice, "warning")

    def _do_submit(self) -> None:
        from scorecard.services.errors import CannotSubmit, SaveFailed, ScorecardLocked

        dialog = self.submit_dialog
        try:
            card = self._scoring.submit(scorecard_id=self._card.id)
        except CannotSubmit as exc:
            self._on_cannot_submit(exc.problems)
            return
        except SaveFailed as exc:
            dialog.show_problems([f"{exc}", f"Your input is kept; press {keys.first('submit')} to try again."],
                                 intro="Not submitted — the database refused the write:")
            return
        except ScorecardLocked:
            card = self._scoring.reload(self._card.id)
        self._card = card
        if dialog is not None:
            dialog.done(1)
        self.item_timer.stop()
        self.round_clock.show_only(card.round_seconds, None)
        self._show_lock_state()
        self._show_current()
        self.notice.emit("Submitted. The scorecard is now locked; corrections go in a dated addendum.", "positive")
        self.submitted.emit(card.id)

    # --- addendum ---------------------------------------------------------------------------------------

    def _on_addendum_requested(self) -> None:
        from scorecard.ui.scoring.addendum_dialog import AddendumDialog

        if self._card is None:
            return
        if not self._card.is_submitted:
            self.notice.emit("Addenda are for submitted scorecards; this draft can still be changed directly.",
                             "info")
            return
        items = [(it.id, it.short_title) for it in self._items]
        current = self.current_item.id if self.current_item is not None else None
        self.addendum_dialog = AddendumDialog(self, items, current)
        self.addendum_dialog.addendumWritten.connect(self._on_addendum_written)
        self.addendum_dialog.finished.connect(self._on_dialog_finished)
        self.addendum_dialog.open()

    def _on_addendum_written(self, text: str, item_id: str | None = None) -> None:
        self._interact(self._guard.unique_key("addendum"), lambda c, k, at: c.add_addendum(
            k, author=c.interviewer, text=text, item_id=item_id, at=at), on_saved=self._on_addendum_saved)

    def _on_addendum_saved(self, _result: Any) -> None:
        self._refresh_locked_panel()
        self.locked_panel.details_button.setChecked(True)  # show it
        self.notice.emit("Addendum added below your submitted scorecard.", "positive")

    # --- discarding a draft ------------------------------------------------------------------------------

    def _on_discard_requested(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        if not self._editable_or_notice():
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Discard this draft?",
                          "Discard your draft scorecard for this round? Every rating, tick, note and time "
                          "recorded on it is deleted. This cannot be undone.",
                          QMessageBox.StandardButton.NoButton, self)
        discard = box.addButton("Discard draft", QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton("Keep it", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.setEscapeButton(keep)
        self.discard_dialog = box
        box.finished.connect(lambda _r: self._on_discard_answered(box.clickedButton() is discard))
        box.open()

    def _on_discard_answered(self, confirmed: bool) -> None:
        from scorecard.services.errors import SaveFailed, ScorecardLocked

        if not confirmed or self._card is None:
            self.focus_notes()
            return
        self._notes_timer.stop()
        self._notes_change = None
        self.item_timer.stop()
        self.round_clock.stop()
        if not self._guard.flush():
            self.notice.emit(f"Not discarded: earlier input is not saved yet ({self._guard.last_error}).", "negative")
            return
        try:
            self._scoring.discard(scorecard_id=self._card.id)
        except (SaveFailed, ScorecardLocked) as exc:
            self.notice.emit(f"Not discarded: {exc}", "negative")
            return
        candidate_id = self._card.candidate_id
        self._card = None
        self.notice.emit("Draft discarded.", "positive")
        self.closed.emit(candidate_id)
