"""The bundled Integration Engineer kit holds every element of its two source documents.

The sources are kept verbatim in tests/fixtures/seeds/:
  - interview-kit.txt: the structured interview kit (framework, rounds, exercises, …)
  - question-bank.txt: 24 interview questions with guidance and an answer example

The tests parse those files and look each element up in data/kits/integration-engineer.yaml,
so dropping or rewording anything the sources say makes a test fail. Expected strings are
never copied into this file: they come from the seeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import yaml

from scorecard.domain.kit import (
    AttitudeQuestion,
    CompetencyQuestion,
    Exercise,
    Kit,
    KnockoutQuestion,
    ResumeCriterion,
    VideoQuestion,
)

ROOT = Path(__file__).resolve().parents[2]
KIT_PATH = ROOT / "data" / "kits" / "integration-engineer.yaml"
SEEDS = ROOT / "tests" / "fixtures" / "seeds"
KIT_SEED = SEEDS / "interview-kit.txt"
BANK_SEED = SEEDS / "question-bank.txt"

BULLET = "• "
BANK_SOURCE = "Interview question bank"
KIT_SOURCE = "Structured interview kit"


def _load(path: Path) -> Kit:
    try:
        from scorecard.kits.loader import load_kit
    except ImportError:  # the strict loader is not in every checkout yet
        return Kit.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
    return load_kit(path)


# --- parsing the seeds ------------------------------------------------------------------


class Lines:
    """The non-empty, stripped lines of a seed with small navigation helpers."""

    def __init__(self, lines: list[str]):
        self.lines = lines

    @classmethod
    def of(cls, text: str) -> Lines:
        return cls([ln.strip() for ln in text.splitlines() if ln.strip()])

    def index(self, line: str, start: int = 0) -> int:
        try:
            return self.lines.index(line, start)
        except ValueError:
            raise AssertionError(f"seed line not found: {line!r}") from None

    def match(self, pattern: str, start: int = 0) -> tuple[int, re.Match]:
        for i in range(start, len(self.lines)):
            m = re.fullmatch(pattern, self.lines[i])
            if m:
                return i, m
        raise AssertionError(f"no seed line matches {pattern!r}")

    def between(self, first: str, last: str | None) -> Lines:
        """Lines from the one equal to `first` (exclusive) up to the one equal to `last`."""
        i = self.index(first)
        j = self.index(last, i + 1) if last else len(self.lines)
        return Lines(self.lines[i + 1 : j])

    def after(self, heading: str, start: int = 0) -> str:
        return self.lines[self.index(heading, start) + 1]

    def bullets(self, heading: str, start: int = 0) -> list[str]:
        i = self.index(heading, start) + 1
        out = []
        while i < len(self.lines) and self.lines[i].startswith(BULLET):
            out.append(self.lines[i][len(BULLET):])
            i += 1
        assert out, f"no bullets under {heading!r}"
        return out

    def indicators(self) -> tuple[list[str], list[str]]:
        return self.bullets("Positive indicators"), self.bullets("Negative indicators")

    def anchors(self) -> dict[str, str]:
        """'Scoring anchors' followed by label/text pairs, up to 'Response time'."""
        i = self.index("Scoring anchors") + 1
        j = self.index("Response time", i)
        pairs = self.lines[i:j]
        assert len(pairs) % 2 == 0 and pairs
        return {pairs[k]: pairs[k + 1] for k in range(0, len(pairs), 2)}

    def minutes(self, heading: str = "Response time") -> float:
        m = re.fullmatch(r"(\d+(?:\.\d+)?) min", self.after(heading))
        assert m, self.after(heading)
        return float(m.group(1))


@dataclass
class FrameworkCompetency:
    discipline: str
    name: str
    levels: dict[str, str]  # level name (as in the seed's header) → description


@dataclass
class InterviewKitSeed:
    lines: Lines
    framework: list[FrameworkCompetency] = field(default_factory=list)
    framework_levels: list[str] = field(default_factory=list)
    discipline_counts: dict[str, int] = field(default_factory=dict)


def parse_framework(section: Lines) -> tuple[list[str], dict[str, int], list[FrameworkCompetency]]:
    """The progression framework: per discipline, 'N competencies', a header row, then rows."""
    lines = section.lines
    out: list[FrameworkCompetency] = []
    counts: dict[str, int] = {}
    level_names: list[str] = []
    i = 0
    while i < len(lines):
        m = re.fullmatch(r"(\d+) competencies", lines[i + 1]) if i + 1 < len(lines) else None
        if not m:
            i += 1  # introductory text before the first discipline
            continue
        discipline, n = lines[i], int(m.group(1))
        header = re.findall(r"[A-Z][a-z]*", lines[i + 2])
        assert header[0] == "Competency", lines[i + 2]
        level_names = header[1:]
        counts[discipline] = n
        i += 3
        for _ in range(n):
            name, descriptions = lines[i], lines[i + 1 : i + 1 + len(level_names)]
            out.append(FrameworkCompetency(discipline, name, dict(zip(level_names, descriptions, strict=True))))
            i += 1 + len(level_names)
    return level_names, counts, out


@pytest.fixture(scope="module")
def seed() -> InterviewKitSeed:
    lines = Lines.of(KIT_SEED.read_text(encoding="utf-8"))
    levels, counts, framework = parse_framework(lines.between("Progression Framework", None))
    return InterviewKitSeed(lines, framework, levels, counts)


@dataclass
class BankQuestion:
    prompt: str
    why_asked: str
    answer_example: str


BANK_BLOCK = re.compile(
    r"^(?P<prompt>[^\n]+)\n(?P<why>Employers ask[^\n]+)\n"
    r"Answer Example: \"(?P<answer>[^\n]+)\"\nHelp us improve this answer\.",
    re.MULTILINE,
)


@pytest.fixture(scope="module")
def bank() -> list[BankQuestion]:
    text = BANK_SEED.read_text(encoding="utf-8")
    questions = [BankQuestion(m["prompt"], m["why"], m["answer"]) for m in BANK_BLOCK.finditer(text)]
    # Cross-check the parse: every guidance paragraph was matched, and the question list at the
    # top of the bank names exactly these questions in the same order.
    assert len(questions) == text.count("Employers ask")
    lines = Lines.of(text)
    start, _ = lines.match(r"Interview Questions for .+")
    listed = lines.lines[start + 1 : lines.index("-", start)]
    assert listed == [q.prompt for q in questions]
    return questions


@pytest.fixture(scope="module")
def kit() -> Kit:
    return _load(KIT_PATH)


# --- helpers on the kit -------------------------------------------------------------------


def items_with_prompt(kit: Kit, prompt: str) -> list:
    return [it for it in kit.items if it.prompt == prompt]


def the_item_with_prompt(kit: Kit, prompt: str):
    found = items_with_prompt(kit, prompt)
    assert len(found) == 1, f"expected exactly one item with prompt {prompt!r}, found {len(found)}"
    return found[0]


def round_named(kit: Kit, name: str):
    found = [r for r in kit.rounds if r.name == name]
    assert len(found) == 1, f"no round named {name!r}"
    return found[0]


def level_id(kit: Kit, name: str) -> str:
    found = [lv.id for lv in kit.levels if lv.name == name]
    assert len(found) == 1, f"no level named {name!r}"
    return found[0]


def exercise(kit: Kit, kind: str) -> Exercise:
    found = [it for it in kit.items if isinstance(it, Exercise) and it.kind == kind]
    assert len(found) == 1
    return found[0]


def step_id(kit: Kit, item, label: str) -> str:
    found = [s.id for s in kit.scale_for(item).steps if s.label == label]
    assert len(found) == 1, f"no step labelled {label!r} on scale {kit.scale_for(item).id!r}"
    return found[0]


def collapse(text: str) -> str:
    return " ".join(text.split())


# --- the kit as a whole -------------------------------------------------------------------


def test_kit_loads_and_all_references_resolve(kit):
    assert kit.id == "integration-engineer"
    assert [lv.id for lv in kit.levels] == ["junior", "mid", "senior"]
    assert kit.recommendation_scale.id == "recommendation"  # left at the default


def test_title_author_and_why_hard(kit, seed):
    lines = seed.lines.lines
    assert kit.title == lines[0]
    assert kit.author == lines[1]
    i, m = seed.lines.match(r"Why this role is hard · (.+)")
    assert m.group(1) == kit.author
    assert kit.why_hard == lines[i + 1]


def test_notes_are_honest_about_what_is_missing(kit, seed):
    notes = " ".join(kit.notes)
    for pattern in (r"(\d+) Competency Questions", r"(\d+) Attitude Questions"):
        _, m = seed.lines.match(pattern)
        assert m.group(1) in notes
    for heading in ("Knock-out Questions", "Video-Response Questions"):
        total = re.fullmatch(r"1 of (\d+)", seed.lines.after(heading)).group(1)
        assert f"1 of {total}" in notes
    assert "not invented" in notes
    assert "derived" in notes


def test_source_text_without_a_field_is_kept_as_comments(kit, seed):
    """Page text of the sources that the kit format has no field for survives as YAML comments."""
    comments = collapse(" ".join(
        ln.strip()[1:] for ln in KIT_PATH.read_text(encoding="utf-8").splitlines() if ln.strip().startswith("#")
    ))
    lines = seed.lines
    for heading in ("Core Evaluation", "Supporting Evaluation"):
        assert collapse(lines.after(heading)) in comments
        assert collapse(lines.lines[lines.index(heading) + 2]) in comments
    stage3 = lines.index("Stage 3 · During Interviews")
    assert collapse(lines.lines[stage3 + 1]) in comments
    assert collapse(lines.lines[stage3 + 2]) in comments
    assert collapse(lines.after("Progression Framework")) in comments
    bank_lines = Lines.of(BANK_SEED.read_text(encoding="utf-8")).lines
    assert collapse(bank_lines[0]) in comments and collapse(bank_lines[1]) in comments


# --- progression framework ----------------------------------------------------------------


def test_framework_counts(kit, seed):
    assert len(kit.disciplines) == len(seed.discipline_counts) == 2
    assert sum(len(d.competencies) for d in kit.disciplines) == len(seed.framework) == 9
    assert len(kit.levels) == len(seed.framework_levels) == 3
    assert [d.name for d in kit.disciplines] == list(seed.discipline_counts)
    for d in kit.disciplines:
        assert len(d.competencies) == seed.discipline_counts[d.name]


def test_every_framework_description_is_under_its_competency_and_level(kit, seed):
    assert [lv.name for lv in kit.levels] == seed.framework_levels
    for fc in seed.framework:
        discipline = next(d for d in kit.disciplines if d.name == fc.discipline)
        matches = [c for c in discipline.competencies if c.name == fc.name]
        assert len(matches) == 1, f"competency {fc.name!r} missing under {fc.discipline!r}"
        competency = matches[0]
        assert set(competency.levels) == {lv.id for lv in kit.levels}
        for level_name, description in fc.levels.items():
            assert competency.levels[level_id(kit, level_name)] == description, (fc.name, level_name)


# --- rounds -------------------------------------------------------------------------------


def test_rounds_in_order_with_stages(kit, seed):
    names = [r.name for r in kit.rounds]
    stages = [r.stage.value for r in kit.rounds]
    ko = seed.lines.after(seed.lines.after("Knock-out Questions"))  # line after "1 of 2"
    video = seed.lines.after(seed.lines.after("Video-Response Questions"))
    assert names[:3] == [ko, video, "Resume Review"]
    assert stages == ["application", "application", "resume_screening"] + ["interview"] * (len(names) - 3)
    live = [r.name for r in kit.rounds if r.stage.value == "interview"]
    interview_rounds = [m.group(1) for m in re.finditer(r"^Interview round: (.+)$",
                                                        "\n".join(seed.lines.lines), re.MULTILINE)]
    for name in interview_rounds:
        assert name in live
    assert live == ["Recruiter Screen", "Hiring Manager Technical Deep Dive", "Coding Test",
                    "Presentation", "Work Simulation"]
    assert round_named(kit, "Coding Test").description == seed.lines.after("Coding Test")


def test_stage_texts_describe_their_rounds(kit, seed):
    for stage_heading, stage in (("Stage 1 · Application", "application"),
                                 ("Stage 2 · Resume Screening", "resume_screening")):
        i = seed.lines.index(stage_heading)
        text = "\n".join(seed.lines.lines[i + 1 : i + 3])
        rounds = [r for r in kit.rounds if r.stage.value == stage]
        assert rounds
        for r in rounds:
            assert r.description == text, r.id


def test_every_round_has_items_and_live_rounds_stay_manageable(kit):
    for r in kit.rounds:
        items = kit.items_in(r.id)
        assert items, f"round {r.name!r} has no items"
        if r.stage.value == "interview":
            assert len(items) <= 12, f"round {r.name!r} has {len(items)} items"


# --- the seed kit's questions -------------------------------------------------------------


def test_competency_question(kit, seed):
    section = seed.lines.between("1 of 19", "13 Attitude Questions")
    discipline = section.after("1. Discipline")
    competency_name = section.after("2. Job requirement")
    requirement = section.lines[section.index("2. Job requirement") + 2]
    i, m = section.match(r"3\. Expected at (\w+)")
    expected_level, expected = m.group(1), section.lines[i + 1]
    j, m = section.match(r"Interview round: (.+)")
    round_name, prompt = m.group(1), section.lines[j + 1]

    item = the_item_with_prompt(kit, prompt)
    assert isinstance(item, CompetencyQuestion)
    assert kit.round(item.round).name == round_name
    competency = kit.competency(item.competency)
    assert competency.name == competency_name
    assert kit.discipline_of(competency.id).name == discipline
    assert requirement in competency.levels.values()
    assert item.expectations == {level_id(kit, expected_level): expected}
    assert (item.indicators.positive, item.indicators.negative) == section.indicators()
    assert item.provenance.source == KIT_SOURCE


def test_attitude_question(kit, seed):
    section = seed.lines.between("1 of 13", "Supporting Evaluation")
    name, definition = section.lines[0], section.lines[1]
    j, m = section.match(r"Interview round: (.+)")
    prompt = section.lines[j + 1]

    item = the_item_with_prompt(kit, prompt)
    assert isinstance(item, AttitudeQuestion)
    attitude = kit.attitude(item.attitude)
    assert (attitude.name, attitude.definition, attitude.derived) == (name, definition, False)
    assert kit.round(item.round).name == m.group(1)
    assert (item.indicators.positive, item.indicators.negative) == section.indicators()
    assert item.provenance.source == KIT_SOURCE


def test_knockout_question(kit, seed):
    section = seed.lines.between("Knock-out Questions", "Video-Response Questions")
    round_name, prompt, rest = section.lines[1], section.lines[2], section.lines[3:]
    item = the_item_with_prompt(kit, prompt)
    assert isinstance(item, KnockoutQuestion)
    assert kit.round(item.round).name == round_name
    options = [(rest[k], rest[k + 1].lower().replace("-", "_")) for k in range(0, len(rest), 2)]
    assert [(o.label, o.outcome.value) for o in item.options] == options
    assert [o.id for o in item.options] == ["yes", "no"]  # strings, not YAML 1.1 booleans


def test_video_question(kit, seed):
    section = seed.lines.between("Video-Response Questions", "Stage 2 · Resume Screening")
    round_name, prompt = section.lines[1], section.lines[2]
    item = the_item_with_prompt(kit, prompt)
    assert isinstance(item, VideoQuestion)
    assert kit.round(item.round).name == round_name
    assert item.response_time_minutes == section.minutes()
    assert item.format == section.after("Format")


def test_resume_criteria(kit, seed):
    section = seed.lines.between("Resume Review Criteria", "Stage 3 · During Interviews")
    count = int(re.fullmatch(r"(\d+) criteria", section.lines[0]).group(1))
    criteria = section.lines[1:]
    assert len(criteria) == count == 8
    in_kit = [it for it in kit.items if isinstance(it, ResumeCriterion)]
    assert [it.prompt for it in in_kit] == criteria
    assert {kit.round(it.round).name for it in in_kit} == {"Resume Review"}


# --- exercises ----------------------------------------------------------------------------


def test_coding_test(kit, seed):
    section = seed.lines.between("Coding Test", "Presentation Prompt")
    item = exercise(kit, "coding_test")
    assert kit.round(item.round).description == section.lines[0]
    variant_lines = section.lines[1 : section.index("Response time")]
    assert len(variant_lines) % 3 == 0
    variants = [tuple(variant_lines[k : k + 3]) for k in range(0, len(variant_lines), 3)]
    assert [(v.name, v.task, v.context) for v in item.variants] == variants
    assert item.prompt and all(item.prompt in v.context for v in item.variants)
    assert item.response_time_minutes == section.minutes()
    assert (item.indicators.positive, item.indicators.negative) == section.indicators()
    assert item.provenance.source == KIT_SOURCE


def check_format(item: Exercise, seed_format: str) -> None:
    # The seed's "kind · N min · ~X hr prep" is split into format and prep_time.
    assert f"{item.format} · {item.prep_time} prep" == seed_format


def check_anchors(kit: Kit, item: Exercise, section: Lines) -> None:
    expected = {step_id(kit, item, label): text for label, text in section.anchors().items()}
    assert item.anchors == expected


def test_presentation(kit, seed):
    section = seed.lines.between("Presentation Prompt", "Work Simulation Scenario")
    item = exercise(kit, "presentation")
    assert item.prompt == section.lines[0]
    check_format(item, section.after("Format"))
    assert item.audience == section.after("Audience")
    assert item.what_to_prepare == section.bullets("What to prepare")
    assert item.deliverables == section.bullets("Deliverables")
    assert item.ground_rules == section.bullets("Ground rules")
    check_anchors(kit, item, section)
    assert item.response_time_minutes == section.minutes()
    assert (item.indicators.positive, item.indicators.negative) == section.indicators()
    assert item.provenance.source == KIT_SOURCE


def test_work_simulation(kit, seed):
    section = seed.lines.between("Work Simulation Scenario", "Progression Framework")
    item = exercise(kit, "work_simulation")
    _, m = section.match(r"Scenario\. (.+)")
    assert item.scenario == m.group(1)
    assert item.prompt and item.prompt in item.scenario
    _, m = section.match(r"Problem to solve\. (.+)")
    assert item.problem == m.group(1)
    check_format(item, section.after("Format"))
    assert item.success_criteria == section.bullets("Success criteria")
    assert item.review_beforehand == section.bullets("What to review beforehand")
    assert item.ground_rules == section.bullets("Ground rules")

    roles_at = section.index("Roles in scenario")
    _, m = section.match(r"(.+) \((\w+), played by (\w+)\)", roles_at)
    assert len(item.roles) == 1
    role = item.roles[0]
    assert (role.name, role.kind, role.played_by) == m.groups()
    _, m = section.match(r"Motivation\. (.+)", roles_at)
    assert role.motivation == m.group(1)
    assert role.constraints == section.bullets("Constraints", roles_at)
    assert role.tensions == section.bullets("Tensions to introduce", roles_at)
    assert role.in_character == section.bullets("In-character guidance", roles_at)
    assert role.do_not == section.bullets("Do not", roles_at)

    check_anchors(kit, item, section)
    assert item.response_time_minutes == section.minutes()
    assert (item.indicators.positive, item.indicators.negative) == section.indicators()
    assert item.provenance.source == KIT_SOURCE


# --- the question bank --------------------------------------------------------------------


def test_bank_has_24_questions(bank):
    assert len(bank) == 24


def test_every_bank_question_is_in_the_kit_word_for_word(kit, bank):
    for q in bank:
        item = the_item_with_prompt(kit, q.prompt)
        assert isinstance(item, (CompetencyQuestion, AttitudeQuestion)), q.prompt
        assert item.guidance.why_asked == q.why_asked, q.prompt
        assert item.guidance.answer_example == q.answer_example, q.prompt


def test_bank_questions_have_derived_indicators_and_provenance(kit, bank):
    for q in bank:
        item = the_item_with_prompt(kit, q.prompt)
        assert 3 <= len(item.indicators.positive) <= 5, item.id
        assert 2 <= len(item.indicators.negative) <= 4, item.id
        assert item.title, item.id
        assert item.provenance.source == BANK_SOURCE, item.id
        assert "indicators" in item.provenance.derived, item.id
        assert "round" in item.provenance.derived, item.id
        dimension = "competency" if isinstance(item, CompetencyQuestion) else "attitude"
        assert dimension in item.provenance.derived, item.id
        assert item.provenance.note, item.id


def test_bank_questions_are_spread_over_interview_rounds(kit, bank):
    rounds = {the_item_with_prompt(kit, q.prompt).round for q in bank}
    assert all(kit.round(r).stage.value == "interview" for r in rounds)
    assert len(rounds) >= 3


def test_attitudes_not_in_the_seed_are_marked_derived(kit, seed):
    seed_text = "\n".join(seed.lines.lines)
    for attitude in kit.attitudes:
        in_seed = attitude.definition in seed_text
        assert attitude.derived is not in_seed, attitude.id
    assert any(a.derived for a in kit.attitudes)


def test_every_item_has_a_title_and_provenance(kit):
    for item in kit.items:
        assert item.title, item.id
        assert item.provenance.source in (KIT_SOURCE, BANK_SOURCE), item.id


def test_every_item_comes_from_a_seed(kit, seed, bank):
    """Nothing beyond the two sources is invented: each item's prompt is a seed line."""
    seed_lines = set(seed.lines.lines)
    bank_prompts = {q.prompt for q in bank}
    for item in kit.items:
        if item.provenance.source == BANK_SOURCE:
            assert item.prompt in bank_prompts, item.id
        else:
            assert item.prompt in seed_lines or any(item.prompt in ln for ln in seed_lines), item.id
