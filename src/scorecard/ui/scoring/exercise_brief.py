"""An exercise's whole brief: the variant that ran, and everything the panel needs to run it."""

from __future__ import annotations

import html
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QFrame, QHBoxLayout, QLabel, QRadioButton, QVBoxLayout, QWidget

from scorecard.ui import accessibility, keys
from scorecard.ui.widgets import heading, key_hint, wrap_label

if TYPE_CHECKING:
    from scorecard.domain.kit import Exercise, ExerciseVariant, ScenarioRole

KIND_NAMES = {
    "coding_test": "Coding test",
    "presentation": "Presentation",
    "work_simulation": "Work simulation",
    "other": "Exercise",
}


def _e(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _section(title: str, body: str) -> str:
    return f"<p style='margin-top:8px; margin-bottom:2px'><b>{_e(title)}</b></p>{body}"


def _para(text: str) -> str:
    return f"<p style='margin-top:0'>{_e(text)}</p>"


def _list(items: list[str]) -> str:
    return "<ul style='margin-top:0; margin-left:-20px'>" + "".join(f"<li>{_e(i)}</li>" for i in items) + "</ul>"


def variant_html(variant: ExerciseVariant) -> str:
    out = _section(f"Task — {variant.name}", _para(variant.task))
    if variant.context:
        out += _section("Context", _para(variant.context))
    return out


def _words(identifier: str) -> str:
    """'hiring_manager' → 'hiring manager' (kit values that read like ids)."""
    return identifier.replace("_", " ")


def role_html(role: ScenarioRole) -> str:
    who = role.name + (f" ({_words(role.kind)})" if role.kind else "")
    parts = []
    if role.played_by:
        parts.append(_para(f"Played by: {_words(role.played_by)}"))
    if role.motivation:
        parts.append(_para(f"Motivation: {role.motivation}"))
    for title, entries in (
        ("Constraints", role.constraints),
        ("Tensions to introduce", role.tensions),
        ("In character", role.in_character),
        ("Do not", role.do_not),
    ):
        if entries:
            parts.append(f"<p style='margin:0'><i>{_e(title)}</i></p>" + _list(entries))
    return _section(f"Role: {who}", "".join(parts))


def brief_html(exercise: Exercise) -> str:
    """Everything of the brief except the variants (shown apart, with the chooser)."""
    facts = [(label, value) for label, value in (
        ("Format", exercise.format), ("Prep time", exercise.prep_time), ("Audience", exercise.audience),
    ) if value]
    out = ""
    if facts:
        out += "<p>" + " &nbsp;·&nbsp; ".join(f"<b>{_e(k)}:</b> {_e(v)}" for k, v in facts) + "</p>"
    if exercise.scenario:
        out += _section("Scenario", _para(exercise.scenario))
    if exercise.problem:
        out += _section("Problem", _para(exercise.problem))
    for title, entries in (
        ("What to prepare", exercise.what_to_prepare),
        ("Deliverables", exercise.deliverables),
        ("Success criteria", exercise.success_criteria),
        ("Review beforehand", exercise.review_beforehand),
        ("Ground rules", exercise.ground_rules),
    ):
        if entries:
            out += _section(title, _list(entries))
    for role in exercise.roles:
        out += role_html(role)
    return out


class ExerciseBrief(QFrame):
    """Variant chooser and the brief.

    Signals:
        variantChosen(str): the interviewer recorded which variant ran; carries its id.
    """

    variantChosen = Signal(str)

    def __init__(self, exercise: Exercise, chosen: str | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("briefBox")
        self.setAccessibleName("Exercise brief")
        self._exercise = exercise
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        box = QVBoxLayout(self)
        box.setContentsMargins(12, 8, 12, 8)
        box.addWidget(heading(f"{KIND_NAMES.get(exercise.kind.value, 'Exercise')} brief", self, scale=1.1))
        if exercise.variants:
            row = QHBoxLayout()
            row.addWidget(QLabel("Variant that ran:", self))
            for i, variant in enumerate(exercise.variants):
                radio = QRadioButton(variant.name, self)
                radio.setAccessibleName(f"Variant {variant.name}")
                radio.setAccessibleDescription(accessibility.key_description("variant", "Which variant ran"))
                radio.setChecked(variant.id == chosen)
                self.group.addButton(radio, i)
                self.radios.append(radio)
                row.addWidget(radio)
            row.addStretch(1)
            row.addWidget(key_hint(f"{keys.first('variant')} next variant", self))
            box.addLayout(row)
        self.variant_text = wrap_label("", self, rich=True)
        self.variant_text.setObjectName("variantText")
        self.body = wrap_label(brief_html(exercise), self, rich=True)
        self.body.setObjectName("briefBody")
        box.addWidget(self.variant_text)
        box.addWidget(self.body)
        self.body.setVisible(bool(self.body.text()))

        for i, radio in enumerate(self.radios):
            radio.clicked.connect(partial(self._on_radio_clicked, i))

        self._render_variant()

    def current(self) -> str | None:
        i = self.group.checkedId()
        return self._exercise.variants[i].id if i >= 0 else None

    def set_current(self, variant_id: str | None) -> None:
        self.group.setExclusive(False)
        for radio, variant in zip(self.radios, self._exercise.variants):
            radio.setChecked(variant.id == variant_id)
        self.group.setExclusive(True)
        self._render_variant()

    def next_variant(self) -> bool:
        if not self.radios or not self.radios[0].isEnabled():
            return False
        i = (self.group.checkedId() + 1) % len(self.radios)
        self.radios[i].click()
        if not self.radios[i].hasFocus():
            accessibility.announce(self.radios[i], f"{self.radios[i].accessibleName()} chosen")
        return True

    def set_read_only(self, read_only: bool) -> None:
        for radio in self.radios:
            radio.setEnabled(not read_only)

    def focusables(self) -> list[QWidget]:
        return list(self.radios)

    def _on_radio_clicked(self, i: int, *_args) -> None:
        self._render_variant()
        self.variantChosen.emit(self._exercise.variants[i].id)

    def _render_variant(self) -> None:
        variants = self._exercise.variants
        if not variants:
            self.variant_text.hide()
            return
        chosen = self.current()
        if chosen is None:
            text = "<p><i>" + _e("Record which variant ran — both are shown until you do.") + "</i></p>"
            text += "".join(variant_html(v) for v in variants)
        else:
            text = variant_html(next(v for v in variants if v.id == chosen))
        self.variant_text.setText(text)
        self.variant_text.show()
