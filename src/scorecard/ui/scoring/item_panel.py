"""One item as the interviewer sees it: the prompt, what it measures, guidance, brief, indicators.

Built afresh for each item; the view keeps the rating, notes and skip controls beside it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QToolButton, QVBoxLayout, QWidget

from scorecard.ui import accessibility, keys
from scorecard.ui.scoring.exercise_brief import KIND_NAMES, ExerciseBrief
from scorecard.ui.scoring.indicators import IndicatorPanel
from scorecard.ui.widgets import heading, wrap_label

if TYPE_CHECKING:
    from scorecard.domain.kit import ItemBase, Kit
    from scorecard.domain.scorecard import ItemResponse

TYPE_NAMES = {
    "competency_question": "Competency question",
    "attitude_question": "Attitude question",
    "knockout_question": "Knock-out question",
    "video_question": "Video response",
    "resume_criterion": "Resume criterion",
}


def type_name(item: ItemBase) -> str:
    if item.type == "exercise":
        return KIND_NAMES.get(item.kind.value, "Exercise")
    return TYPE_NAMES.get(item.type, item.type)


def _minutes(value: float) -> str:
    return f"{value:g} min"


class GuidanceBox(QWidget):
    """Interviewer-only guidance, collapsed by default; clearly not the candidate's answer.

    Signals:
        expandedChanged(bool): shown or hidden.
    """

    expandedChanged = Signal(bool)

    def __init__(self, why_asked: str, answer_example: str, expanded: bool, parent: QWidget | None = None):
        super().__init__(parent)
        self.toggle_button = QToolButton(self)
        self.toggle_button.setObjectName("guidanceToggle")
        self.toggle_button.setCheckable(True)
        self.toggle_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle_button.setAccessibleName("Interviewer guidance, show or hide")
        self.toggle_button.setAccessibleDescription(accessibility.key_description("guidance"))
        self.body = QFrame(self)
        self.body.setObjectName("guidanceBody")
        inner = QVBoxLayout(self.body)
        inner.setContentsMargins(12, 8, 12, 10)
        inner.addWidget(wrap_label(
            "For you, the interviewer — not shown to the candidate, and not their answer.", self.body,
            selectable=False))
        if why_asked:
            inner.addWidget(heading("Why this is asked", self.body))
            inner.addWidget(wrap_label(why_asked, self.body))
        if answer_example:
            inner.addWidget(heading("Example of a strong answer (for calibration — not the candidate's words)", self.body))
            example = wrap_label(answer_example, self.body)
            font = example.font()
            font.setItalic(True)
            example.setFont(font)
            example.setObjectName("answerExample")
            inner.addWidget(example)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(4)
        box.addWidget(self.toggle_button)
        box.addWidget(self.body)

        self.toggle_button.toggled.connect(self._on_toggled)

        self.toggle_button.setChecked(expanded)
        self._on_toggled(expanded)

    @property
    def expanded(self) -> bool:
        return self.toggle_button.isChecked()

    def toggle(self) -> None:
        self.toggle_button.toggle()

    def _on_toggled(self, expanded: bool) -> None:
        self.toggle_button.setArrowType(Qt.ArrowType.DownArrow if expanded else Qt.ArrowType.RightArrow)
        verb = "Hide" if expanded else "Show"
        self.toggle_button.setText(f"Interviewer guidance — {verb.lower()} ({keys.first('guidance')})")
        self.body.setVisible(expanded)
        self.expandedChanged.emit(expanded)


class ItemPanel(QWidget):
    """The left/centre part of the scoring view for one item.

    Signals:
        indicatorToggled(str, bool): forwarded from the indicator checkboxes.
        variantChosen(str): forwarded from the exercise brief.
        guidanceExpanded(bool): the guidance was shown or hidden.
    """

    indicatorToggled = Signal(str, bool)
    variantChosen = Signal(str)
    guidanceExpanded = Signal(bool)

    def __init__(
        self,
        kit: Kit,
        item: ItemBase,
        response: ItemResponse,
        *,
        level_id: str,
        position: tuple[int, int],
        guidance_expanded: bool,
        read_only: bool,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.item = item
        number, total = position
        self.setAccessibleName(f"Item {number} of {total}: {item.short_title}")
        self.guidance: GuidanceBox | None = None
        self.brief: ExerciseBrief | None = None
        self.indicators: IndicatorPanel | None = None

        box = QVBoxLayout(self)
        box.setContentsMargins(4, 4, 12, 12)
        box.setSpacing(10)

        number, total = position
        meta = f"Item {number} of {total}  ·  {type_name(item)}"
        if item.title and item.title not in (item.prompt, type_name(item)):
            meta += f"  ·  {item.title}"
        self.meta = wrap_label(meta, self, selectable=False)
        self.meta.setObjectName("keyHint")
        box.addWidget(self.meta)

        self.prompt = wrap_label(item.prompt, self, scale=1.45)
        self.prompt.setObjectName("prompt")
        self.prompt.setAccessibleDescription("Question")  # the name is the question itself
        box.addWidget(self.prompt)

        dimension = self._dimension(kit, item, level_id)
        if dimension is not None:
            box.addWidget(dimension)

        guidance = item.guidance
        if guidance.why_asked or guidance.answer_example:
            self.guidance = GuidanceBox(guidance.why_asked, guidance.answer_example, guidance_expanded, self)
            box.addWidget(self.guidance)
            self.guidance.expandedChanged.connect(self.guidanceExpanded)

        if item.type == "exercise":
            self.brief = ExerciseBrief(item, response.variant, self)
            self.brief.set_read_only(read_only)
            box.addWidget(self.brief)
            self.brief.variantChosen.connect(self.variantChosen)

        entries = item.indicators.keys()
        if entries:
            self.indicators = IndicatorPanel(entries, set(response.checked), self)
            self.indicators.set_read_only(read_only)
            box.addWidget(self.indicators)
            self.indicators.toggled.connect(self.indicatorToggled)
        box.addStretch(1)

    def _dimension(self, kit: Kit, item: ItemBase, level_id: str) -> QFrame | None:
        """What the item measures, and what is expected at the candidate's target level."""
        if item.type not in ("competency_question", "attitude_question", "video_question",
                             "resume_criterion", "knockout_question"):
            return None
        frame = QFrame(self)
        frame.setObjectName("dimensionBox")
        frame.setAccessibleName("What this item measures")
        inner = QVBoxLayout(frame)
        inner.setContentsMargins(12, 8, 12, 8)
        inner.setSpacing(4)
        level_name = kit.level(level_id).name if level_id in {lv.id for lv in kit.levels} else level_id
        kind = item.type
        if kind == "competency_question":
            competency = kit.competency(item.competency)
            discipline = kit.discipline_of(item.competency)
            inner.addWidget(heading(f"Competency: {competency.name}  ·  {discipline.name}", frame))
            expected = item.expectations.get(level_id)
            inner.addWidget(wrap_label(
                f"Expected at {level_name} for this question: {expected}" if expected
                else f"The kit gives no expectation at {level_name} for this question.", frame))
            framework = competency.levels.get(level_id)
            if framework:
                inner.addWidget(wrap_label(f"Framework, {level_name}: {framework}", frame))
        elif kind == "attitude_question":
            attitude = kit.attitude(item.attitude)
            inner.addWidget(heading(f"Attitude: {attitude.name}", frame))
            inner.addWidget(wrap_label(attitude.definition, frame))
        elif kind == "video_question":
            inner.addWidget(heading("Video response", frame))
            facts = [f"Format: {item.format}"]
            if item.response_time_minutes:
                facts.append(f"response time: {_minutes(item.response_time_minutes)}")
            inner.addWidget(wrap_label(" · ".join(facts), frame))
        elif kind == "resume_criterion":
            inner.addWidget(heading("Resume criterion", frame))
            inner.addWidget(wrap_label(
                f"Look for evidence in the resume and cover letter; the candidate's target level is {level_name}.",
                frame))
        elif kind == "knockout_question":
            inner.addWidget(heading("Knock-out question", frame))
            inner.addWidget(wrap_label(
                "Record the candidate's answer on the right; its outcome is shown at once. "
                "An auto-decline flags the candidate on the list.", frame))
        return frame

    def toggle_guidance(self) -> bool:
        if self.guidance is None:
            return False
        self.guidance.toggle()
        return True

    def focusables(self) -> list[QWidget]:
        out: list[QWidget] = []
        if self.guidance is not None:
            out.append(self.guidance.toggle_button)
        if self.brief is not None:
            out.extend(self.brief.focusables())
        if self.indicators is not None:
            out.extend(self.indicators.focusables())
        return out
