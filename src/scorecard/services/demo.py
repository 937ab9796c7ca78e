"""A realistic sample panel, so a newcomer sees a populated app at once.

Deterministic (seeded) so screenshots and tests are stable. Works for any kit:
it walks the kit's own rounds and items, through the same service calls the GUI
makes, so the demo data obeys every scoring rule. Names and notes use several
scripts on purpose: they exercise fonts in the window and the PDFs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from scorecard.domain.kit import Exercise, Kit, KnockoutQuestion, ResumeCriterion, VideoQuestion
from scorecard.services import Services


@dataclass(frozen=True)
class DemoCandidate:
    name: str
    level_index: int  # position in the kit's level list (clamped to the kit)
    strength: float  # 0..1: how well this candidate tends to do
    knocked_out: bool = False


CANDIDATES = (
    DemoCandidate("Zoë Ñúñez", 2, 0.8),
    DemoCandidate("王伟", 1, 0.6),
    DemoCandidate("Amara Okafor", 0, 0.45),
    DemoCandidate("Дмитрий Волков", 1, 0.35),
    DemoCandidate("Ελένη Παπαδοπούλου", 2, 0.5, knocked_out=True),
)
INTERVIEWERS = ("Łukasz Wróbel", "Priya Raman", "佐藤 花子", "María José Álvarez")
#: Raters differ in leniency, as real panels do; it gives the committee report disagreements to show.
RATER_BIAS = {"Łukasz Wróbel": 0.05, "Priya Raman": 0.0, "佐藤 花子": 0.15, "María José Álvarez": -0.3}

_GOOD_NOTES = (
    "Gave a concrete example with numbers: cut sync latency from minutes to seconds.",
    "Walked through the trade-offs before proposing a design; asked about SLAs first.",
    "Explained idempotency keys and upserts unprompted — clearly done this in production.",
    "Очень структурированный ответ: сначала вопросы, потом решение.",
    "Mentioned contract tests and a replay tool for support; good operational instinct.",
    "回答很有条理，先澄清需求，再讨论风险。",
)
_WEAK_NOTES = (
    "Stayed generic; could not name a specific incident when asked twice.",
    "Jumped to a solution without asking about rate limits or data volume.",
    "Suggested logging the full token for debugging — a security concern.",
    "Η απάντηση ήταν ασαφής· δεν ανέφερε δοκιμές ή παρακολούθηση.",
    "Relied on the framework defaults; did not consider retries or failure modes.",
)

_GOOD_RESUME_NOTES = (
    "Resume lists three production REST/SOAP integrations with OAuth flows and field mapping.",
    "Cover letter names our CRM connectors specifically; clearly read the job description.",
    "Runbooks and on-call escalation matrix mentioned for two previous roles.",
    "简历结构清晰，列出了具体的集成项目和成果。",
)
_WEAK_RESUME_NOTES = (
    "Only generic 'API experience'; no systems, tools or results named.",
    "Several spelling mistakes and an unexplained two-year gap.",
    "Нет упоминания о тестировании или мониторинге интеграций.",
)
_GOOD_VIDEO_NOTES = (
    "Clear handoff story: named owners, a shared incident channel and an escalation path.",
    "Structured answer within the two minutes; described the RACI they set up afterwards.",
)
_WEAK_VIDEO_NOTES = (
    "Rambled past the time limit; never said who owned what after the failed deployment.",
    "Described the failure but not the coordination — no escalation path named.",
)


def _notes_pool(item, good: bool) -> tuple[str, ...]:
    """Evidence that fits the kind of item, so the demo reads like a real panel's notes."""
    if isinstance(item, ResumeCriterion):
        return _GOOD_RESUME_NOTES if good else _WEAK_RESUME_NOTES
    if isinstance(item, VideoQuestion):
        return _GOOD_VIDEO_NOTES if good else _WEAK_VIDEO_NOTES
    return _GOOD_NOTES if good else _WEAK_NOTES


class DemoNotEmpty(Exception):
    """The database already holds candidates: demo data is never mixed into real data."""


def fill_demo(services: Services, *, kit_id: str = "integration-engineer", seed: int = 7) -> int:
    """Add the sample panel; returns the number of scorecards written."""
    if services.candidates.all():
        raise DemoNotEmpty(
            f"{services.database_path} already holds candidates; demo data goes into an empty "
            "database — choose one with --db"
        )
    version_id, kit = services.kits.latest(kit_id)
    rng = random.Random(seed)
    written = 0
    for number, who in enumerate(CANDIDATES):
        level = kit.levels[min(who.level_index, len(kit.levels) - 1)].id
        cand = services.candidates.add(name=who.name, kit_id=kit_id, target_level=level)
        for round_index, rnd in enumerate(kit.rounds):
            items = kit.items_in(rnd.id)
            if not items:
                continue
            if who.knocked_out and round_index > 0:
                break  # an auto-declined applicant goes no further
            panel = _panel_for(rng, rnd.stage.value)
            for seat, interviewer in enumerate(panel):
                # The last candidate's last round stays a draft; one more gap: a round not yet held.
                if number == 3 and round_index == len(kit.rounds) - 1:
                    continue
                draft = number == 1 and round_index == len(kit.rounds) - 1 and seat == 0
                _score(services, kit, cand.id, rnd.id, interviewer, who, rng, draft=draft)
                written += 1
    return written


def _panel_for(rng: random.Random, stage: str) -> list[str]:
    size = 1 if stage in ("application", "resume_screening") else 2
    return rng.sample(INTERVIEWERS, size)


def _score(services, kit: Kit, candidate_id, round_id, interviewer, who: DemoCandidate, rng, *, draft: bool):
    s = services.scoring
    card = s.start_or_resume(candidate_id=candidate_id, round_id=round_id, interviewer=interviewer)
    items = kit.items_in(round_id)
    answered = items[: max(1, len(items) // 2)] if draft else items
    positions: list[float] = []  # where each rating sits on its scale, 0 = lowest
    for item in answered:
        if isinstance(item, KnockoutQuestion):
            wanted = "auto_decline" if who.knocked_out else "qualifies"
            option = next(o for o in item.options if o.outcome.value == wanted)
            s.choose_option(scorecard_id=card.id, item_id=item.id, option_id=option.id)
            continue
        if not draft and rng.random() < 0.06:
            s.skip(scorecard_id=card.id, item_id=item.id, reason="Ran out of time in the round")
            continue
        if isinstance(item, Exercise) and item.variants:
            s.choose_variant(scorecard_id=card.id, item_id=item.id, variant_id=rng.choice(item.variants).id)
        steps = kit.scale_for(item).steps
        quality = min(0.999, max(0.0, rng.gauss(who.strength + RATER_BIAS.get(interviewer, 0.0), 0.22)))
        index = int(quality * len(steps))
        step = steps[index]
        position = index / (len(steps) - 1)  # 0 = lowest step, 1 = highest
        positions.append(position)
        good = position >= 0.5
        for key, polarity, _text in item.indicators.keys():
            # Evidence consistent with the rating: high ratings tick positives, low ones negatives.
            chance = 0.15 + 0.65 * position if polarity == "positive" else 0.75 - 0.65 * position
            if rng.random() < chance:
                s.mark_indicator(scorecard_id=card.id, item_id=item.id, key=key, checked=True)
        if rng.random() < 0.85:
            s.set_notes(scorecard_id=card.id, item_id=item.id, notes=rng.choice(_notes_pool(item, good)))
        s.rate(scorecard_id=card.id, item_id=item.id, step_id=step.id)
        minutes = item.response_time_minutes or 6
        s.add_time(scorecard_id=card.id, item_id=item.id, seconds=round(minutes * 60 * rng.uniform(0.6, 1.2)))
    if answered:
        s.go_to(scorecard_id=card.id, item_id=answered[-1].id)
    if draft:
        return
    # The recommendation follows this interviewer's own ratings, and the summary the recommendation.
    rec_steps = kit.recommendation_scale.steps
    if who.knocked_out:
        rec, summary = rec_steps[0], "Answered the knock-out question with No: automatically declined."
    elif not positions:  # a round of knock-out answers only, all of which qualified
        rec, summary = rec_steps[len(rec_steps) // 2], "Qualifies on every knock-out question."
    else:
        mean = sum(positions) / len(positions)
        rec = rec_steps[min(len(rec_steps) - 1, int(mean * len(rec_steps)))]
        summary = _summary(rec_steps.index(rec) / (len(rec_steps) - 1), rec.label)
    s.set_recommendation(scorecard_id=card.id, step_id=rec.id)
    s.set_summary(scorecard_id=card.id, text=summary)
    s.submit(scorecard_id=card.id)


def _summary(leaning: float, verdict: str) -> str:
    if leaning >= 0.99:
        return f"{verdict}: strong, specific evidence across the round; would raise the bar."
    if leaning >= 0.5:
        return f"{verdict}: solid fundamentals, some gaps in operational depth."
    if leaning > 0:
        return f"{verdict}: answers stayed generic; little evidence of hands-on integration work."
    return f"{verdict}: could not back up the resume with concrete examples; several red flags."
