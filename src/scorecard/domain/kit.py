"""The hiring kit: everything an interview panel needs to run and score one role.

A kit is authored by hand as YAML (see docs/kit-format.md); these models are both
the in-memory shape and the source of the published JSON Schema. Cross-references
(item → round, competency → level, …) are checked in `Kit` so that a kit that
validates here can be scored without further checks anywhere else.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal, Union

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, model_validator

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9][a-z0-9_-]*$",
        min_length=1,
        max_length=80,
        description="A short identifier: lowercase letters, digits, '-' or '_'.",
    ),
]
def _has_text(value: str) -> str:
    if not value.strip():
        raise ValueError("must contain some text, not only spaces; write it, or remove the key if it is optional")
    return value


def _minutes(value: object) -> object:
    if isinstance(value, bool):
        raise ValueError(f"expected a number of minutes (e.g. 20), not {str(value).lower()}")
    return value


Text = Annotated[str, Field(min_length=1), AfterValidator(_has_text)]
Minutes = Annotated[float, BeforeValidator(_minutes), Field(gt=0, le=24 * 60, allow_inf_nan=False)]


class KitModel(BaseModel):
    """Base for every kit model: strict (unknown keys are errors) and immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# --- validation helpers ------------------------------------------------------------


class KitReferenceError(ValueError):
    """Validation problems that know the field path each belongs to.

    Cross-reference checks collect every problem they find before raising, so an author
    sees all of them in one `kit validate` run.
    """

    def __init__(self, problems: list[tuple[tuple, str]]):
        super().__init__("; ".join(message for _path, message in problems))
        self.problems = problems

    @property
    def path(self) -> tuple:
        return self.problems[0][0]

    @property
    def message(self) -> str:
        return self.problems[0][1]


Problems = list[tuple[tuple, str]]


def _raise_if_any(found: Problems) -> None:
    if found:
        raise KitReferenceError(found)


def _no_duplicates(ids: list[str], where, what: str, found: Problems, paths: list[tuple] | None = None) -> None:
    seen: set[str] = set()
    for i, x in enumerate(ids):
        if x in seen:
            base = (where,) if isinstance(where, str) else tuple(where)
            path = paths[i] if paths else base + (i,)
            found.append((path + ("id",), f"duplicate {what} '{x}': give each one a different id"))
        seen.add(x)


def _must_be_in(value: str, known: list[str], path: tuple, what: str, found: Problems, where: str = "") -> bool:
    if value in known:
        return True
    listing = ", ".join(f"'{k}'" for k in known) or "(none defined)"
    found.append((path, f"unknown {what} '{value}'{where}; use one of {listing}"))
    return False


# --- scales -----------------------------------------------------------------------


class ScaleStep(KitModel):
    """One point on a rating scale. `value` orders the steps (higher is better)."""

    id: Id
    value: int
    label: Text
    anchor: str = Field("", description="What a rating at this step looks like.")


class RatingScale(KitModel):
    """An ordered, anchored scale. Steps are listed from lowest to highest."""

    id: Id
    name: Text
    steps: list[ScaleStep] = Field(min_length=2)

    @model_validator(mode="after")
    def _steps_are_ordered_and_unique(self) -> RatingScale:
        found: Problems = []
        _no_duplicates([s.id for s in self.steps], "steps", "step id", found)
        _raise_if_any(found)
        values = [s.value for s in self.steps]
        if values != sorted(values) or len(set(values)) != len(values):
            raise ValueError(
                "steps must be listed from lowest to highest with distinct values "
                f"(got values {values})"
            )
        return self

    def step(self, step_id: str) -> ScaleStep:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(f"scale {self.id!r} has no step {step_id!r}")

    def index(self, step_id: str) -> int:
        """Position of a step on the scale (0 = lowest); used to measure spreads."""
        return [s.id for s in self.steps].index(step_id)


DEFAULT_RECOMMENDATION_SCALE = RatingScale(
    id="recommendation",
    name="Overall recommendation",
    steps=[
        ScaleStep(id="strong-no", value=1, label="Strong no"),
        ScaleStep(id="no", value=2, label="No"),
        ScaleStep(id="yes", value=3, label="Yes"),
        ScaleStep(id="strong-yes", value=4, label="Strong yes"),
    ],
)


# --- framework ----------------------------------------------------------------------


class Level(KitModel):
    id: Id
    name: Text


class Competency(KitModel):
    """A framework competency with one description per level."""

    id: Id
    name: Text
    summary: str = ""
    levels: dict[str, Text] = Field(
        description="Level id → what this competency looks like at that level."
    )


class Discipline(KitModel):
    id: Id
    name: Text
    competencies: list[Competency] = Field(min_length=1)


class Attitude(KitModel):
    id: Id
    name: Text
    definition: Text
    derived: bool = Field(
        False, description="True when the kit authors inferred this attitude rather than copying it."
    )


class Stage(StrEnum):
    APPLICATION = "application"
    RESUME_SCREENING = "resume_screening"
    INTERVIEW = "interview"


class Round(KitModel):
    """One sitting of the process, scored on its own scorecard."""

    id: Id
    name: Text
    stage: Stage
    description: str = ""


# --- items --------------------------------------------------------------------------


class Guidance(KitModel):
    """Interviewer-only guidance; never the candidate's answer."""

    why_asked: str = ""
    answer_example: str = Field("", description="An example of a strong answer, for calibration.")


class Indicators(KitModel):
    positive: list[Text] = Field(default_factory=list)
    negative: list[Text] = Field(default_factory=list)

    def keys(self) -> list[tuple[str, str, str]]:
        """(key, polarity, text) for each indicator; keys like 'p1', 'n2' are stable within a kit version."""
        return [(f"p{i}", "positive", t) for i, t in enumerate(self.positive, 1)] + [
            (f"n{i}", "negative", t) for i, t in enumerate(self.negative, 1)
        ]

    def text(self, key: str) -> str:
        pool = self.positive if key.startswith("p") else self.negative
        return pool[int(key[1:]) - 1]


class Provenance(KitModel):
    """Where an item's words came from, so a committee can tell quoted from derived content."""

    source: str = Field("", description="Which source document the item comes from.")
    derived: list[str] = Field(
        default_factory=list,
        description="Which fields the kit authors wrote themselves (e.g. indicators, round).",
    )
    note: str = ""


class ItemBase(KitModel):
    id: Id
    round: Id = Field(description="Id of the round this item is asked in.")
    title: str = Field("", description="A short name shown in lists; the prompt is used when empty.")
    prompt: Text
    guidance: Guidance = Field(default_factory=Guidance)
    indicators: Indicators = Field(default_factory=Indicators)
    scale: Id | None = Field(None, description="Scale id; the kit's default_scale when empty.")
    anchors: dict[str, Text] = Field(
        default_factory=dict, description="Item-specific anchor text per step id of its scale."
    )
    response_time_minutes: Minutes | None = None
    provenance: Provenance = Field(default_factory=Provenance)

    @property
    def short_title(self) -> str:
        if self.title:
            return self.title
        return self.prompt if len(self.prompt) <= 70 else self.prompt[:67].rstrip() + "…"

    @property
    def is_rated(self) -> bool:
        """Whether the item is scored on a rating scale (knock-outs record an option instead)."""
        return True


class CompetencyQuestion(ItemBase):
    type: Literal["competency_question"]
    competency: Id
    expectations: dict[str, Text] = Field(
        default_factory=dict, description="Level id → what is expected at that level for this question."
    )


class AttitudeQuestion(ItemBase):
    type: Literal["attitude_question"]
    attitude: Id


class KnockoutOutcome(StrEnum):
    QUALIFIES = "qualifies"
    AUTO_DECLINE = "auto_decline"
    REVIEW = "review"


class KnockoutOption(KitModel):
    id: Id
    label: Text
    outcome: KnockoutOutcome


class KnockoutQuestion(ItemBase):
    type: Literal["knockout_question"]
    options: list[KnockoutOption] = Field(min_length=2)

    @property
    def is_rated(self) -> bool:
        return False

    def option(self, option_id: str) -> KnockoutOption:
        for o in self.options:
            if o.id == option_id:
                return o
        raise KeyError(f"knock-out {self.id!r} has no option {option_id!r}")


class EvidenceFor(KitModel):
    """The competencies and attitudes an exercise or a video question gives evidence for.

    Its rating then also counts on those rows of the committee report's matrix and level
    view (beside the item's own row), so a competency tested only by an exercise is not
    reported as a gap.
    """

    competencies: list[Id] = Field(default_factory=list, description="Competency ids from `disciplines`.")
    attitudes: list[Id] = Field(default_factory=list, description="Attitude ids from `attitudes`.")


class VideoQuestion(ItemBase):
    type: Literal["video_question"]
    format: Text = "Recorded video"
    evidence_for: EvidenceFor = Field(
        default_factory=EvidenceFor,
        description="Competencies and attitudes this answer gives evidence for (its rating counts there too).",
    )


class ResumeCriterion(ItemBase):
    type: Literal["resume_criterion"]


class ExerciseKind(StrEnum):
    CODING_TEST = "coding_test"
    PRESENTATION = "presentation"
    WORK_SIMULATION = "work_simulation"
    OTHER = "other"


class ExerciseVariant(KitModel):
    """An alternative form of an exercise (e.g. with or without AI); the interviewer records which ran."""

    id: Id
    name: Text
    task: Text
    context: str = ""


class ScenarioRole(KitModel):
    """A part played by an interviewer in a work simulation."""

    name: Text
    kind: str = ""
    played_by: str = ""
    motivation: str = ""
    constraints: list[Text] = Field(default_factory=list)
    tensions: list[Text] = Field(default_factory=list)
    in_character: list[Text] = Field(default_factory=list)
    do_not: list[Text] = Field(default_factory=list)


class Exercise(ItemBase):
    type: Literal["exercise"]
    kind: ExerciseKind
    variants: list[ExerciseVariant] = Field(default_factory=list)
    format: str = ""
    prep_time: str = ""
    audience: str = ""
    scenario: str = ""
    problem: str = ""
    what_to_prepare: list[Text] = Field(default_factory=list)
    deliverables: list[Text] = Field(default_factory=list)
    success_criteria: list[Text] = Field(default_factory=list)
    review_beforehand: list[Text] = Field(default_factory=list)
    ground_rules: list[Text] = Field(default_factory=list)
    roles: list[ScenarioRole] = Field(default_factory=list)
    evidence_for: EvidenceFor = Field(
        default_factory=EvidenceFor,
        description="Competencies and attitudes this exercise gives evidence for (its rating counts there too).",
    )


Item = Annotated[
    Union[
        CompetencyQuestion,
        AttitudeQuestion,
        KnockoutQuestion,
        VideoQuestion,
        ResumeCriterion,
        Exercise,
    ],
    Field(discriminator="type"),
]

#: Item types that are only meaningful with indicators to tick.
TYPES_NEEDING_INDICATORS = ("competency_question", "attitude_question", "exercise")


# --- the kit ------------------------------------------------------------------------


class Kit(KitModel):
    """A complete, cross-checked hiring kit for one role."""

    format_version: Literal[1] = 1
    id: Id = Field(description="Stable id of the kit across versions, e.g. 'integration-engineer'.")
    title: Text
    author: str = ""
    why_hard: str = Field("", description="Why this role is hard to hire for, in the author's words.")
    notes: list[Text] = Field(
        default_factory=list, description="Anything a reader of the kit should know about its completeness."
    )
    levels: list[Level] = Field(min_length=1)
    rounds: list[Round] = Field(min_length=1)
    disciplines: list[Discipline] = Field(default_factory=list)
    attitudes: list[Attitude] = Field(default_factory=list)
    scales: list[RatingScale] = Field(min_length=1)
    default_scale: Id
    recommendation_scale: RatingScale = DEFAULT_RECOMMENDATION_SCALE
    items: list[Item] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Kit:
        found: Problems = []
        level_ids = [lv.id for lv in self.levels]
        round_ids = [r.id for r in self.rounds]
        scale_ids = [s.id for s in self.scales]
        competency_ids = [c.id for d in self.disciplines for c in d.competencies]
        attitude_ids = [a.id for a in self.attitudes]
        _no_duplicates(level_ids, "levels", "level id", found)
        _no_duplicates(round_ids, "rounds", "round id", found)
        _no_duplicates(scale_ids, "scales", "scale id", found)
        _no_duplicates([d.id for d in self.disciplines], "disciplines", "discipline id", found)
        _no_duplicates(
            competency_ids, "disciplines", "competency id", found,
            paths=[("disciplines", di, "competencies", ci)
                   for di, d in enumerate(self.disciplines) for ci, _ in enumerate(d.competencies)],
        )
        _no_duplicates(attitude_ids, "attitudes", "attitude id", found)
        _no_duplicates([it.id for it in self.items], "items", "item id", found)
        _must_be_in(self.default_scale, scale_ids, ("default_scale",), "scale", found)
        for di, d in enumerate(self.disciplines):
            for ci, c in enumerate(d.competencies):
                for lv in c.levels:
                    _must_be_in(lv, level_ids, ("disciplines", di, "competencies", ci, "levels", lv), "level", found)
        for i, item in enumerate(self.items):
            _must_be_in(item.round, round_ids, ("items", i, "round"), "round", found)
            scale_id = item.scale or self.default_scale
            if item.scale is not None:
                _must_be_in(item.scale, scale_ids, ("items", i, "scale"), "scale", found)
            if scale_id in scale_ids:
                step_ids = [s.id for s in self.scale(scale_id).steps]
                for step in item.anchors:
                    _must_be_in(step, step_ids, ("items", i, "anchors", step), "step", found,
                                f" in scale '{scale_id}'")
            if isinstance(item, CompetencyQuestion):
                _must_be_in(item.competency, competency_ids, ("items", i, "competency"), "competency", found)
                for lv in item.expectations:
                    _must_be_in(lv, level_ids, ("items", i, "expectations", lv), "level", found)
            if isinstance(item, AttitudeQuestion):
                _must_be_in(item.attitude, attitude_ids, ("items", i, "attitude"), "attitude", found)
            if isinstance(item, (Exercise, VideoQuestion)):
                for j, cid in enumerate(item.evidence_for.competencies):
                    _must_be_in(cid, competency_ids, ("items", i, "evidence_for", "competencies", j),
                                "competency", found)
                for j, aid in enumerate(item.evidence_for.attitudes):
                    _must_be_in(aid, attitude_ids, ("items", i, "evidence_for", "attitudes", j), "attitude", found)
        _check_items(self.items, found)
        _raise_if_any(found)
        return self

    # --- lookups used across the app ---

    def scale(self, scale_id: str | None = None) -> RatingScale:
        wanted = scale_id or self.default_scale
        for s in self.scales:
            if s.id == wanted:
                return s
        raise KeyError(f"kit {self.id!r} has no scale {wanted!r}")

    def scale_for(self, item: ItemBase) -> RatingScale:
        return self.scale(item.scale)

    def anchor_for(self, item: ItemBase, step_id: str) -> str:
        """The item's own anchor text for a step, or the scale's where the item has none."""
        return item.anchors.get(step_id) or self.scale_for(item).step(step_id).anchor

    def item(self, item_id: str) -> ItemBase:
        for it in self.items:
            if it.id == item_id:
                return it
        raise KeyError(f"kit {self.id!r} has no item {item_id!r}")

    def round(self, round_id: str) -> Round:
        for r in self.rounds:
            if r.id == round_id:
                return r
        raise KeyError(f"kit {self.id!r} has no round {round_id!r}")

    def items_in(self, round_id: str) -> list[ItemBase]:
        return [it for it in self.items if it.round == round_id]

    def level(self, level_id: str) -> Level:
        for lv in self.levels:
            if lv.id == level_id:
                return lv
        raise KeyError(f"kit {self.id!r} has no level {level_id!r}")

    def competency(self, competency_id: str) -> Competency:
        for d in self.disciplines:
            for c in d.competencies:
                if c.id == competency_id:
                    return c
        raise KeyError(f"kit {self.id!r} has no competency {competency_id!r}")

    def discipline_of(self, competency_id: str) -> Discipline:
        for d in self.disciplines:
            if any(c.id == competency_id for c in d.competencies):
                return d
        raise KeyError(competency_id)

    def attitude(self, attitude_id: str) -> Attitude:
        for a in self.attitudes:
            if a.id == attitude_id:
                return a
        raise KeyError(f"kit {self.id!r} has no attitude {attitude_id!r}")

    def dimension_of(self, item: ItemBase) -> tuple[str, str] | None:
        """(kind, id) of what an item measures — ('competency', …) or ('attitude', …) — if anything."""
        if isinstance(item, CompetencyQuestion):
            return ("competency", item.competency)
        if isinstance(item, AttitudeQuestion):
            return ("attitude", item.attitude)
        return None

    def evidence_dimensions(self, item: ItemBase) -> list[tuple[str, str]]:
        """Every (kind, id) competency or attitude an item's rating counts for: the one a
        question measures, or those an exercise or video question names in `evidence_for`."""
        dim = self.dimension_of(item)
        if dim is not None:
            return [dim]
        if isinstance(item, (Exercise, VideoQuestion)):
            return ([("competency", c) for c in item.evidence_for.competencies]
                    + [("attitude", a) for a in item.evidence_for.attitudes])
        return []


def _check_items(items: list, found: Problems) -> None:
    """Per-item rules that need the item type: indicators where scoring needs them, unique option ids."""
    for i, item in enumerate(items):
        if item.type in TYPES_NEEDING_INDICATORS:
            article = "an" if item.type[0] in "aeiou" else "a"
            for polarity in ("positive", "negative"):
                if not getattr(item.indicators, polarity):
                    found.append((("items", i, "indicators", polarity),
                                  f"{article} {item.type} needs at least one {polarity} indicator; "
                                  f"list one under `indicators:` → `{polarity}:`"))
        if isinstance(item, Exercise):
            _no_duplicates([v.id for v in item.variants], ("items", i, "variants"), "variant id", found)
        if isinstance(item, KnockoutQuestion):
            _no_duplicates([o.id for o in item.options], ("items", i, "options"), "option id", found)
