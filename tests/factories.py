"""Small kits and databases built in code, so tests do not depend on the bundled kit's contents."""

from __future__ import annotations

from scorecard.domain.kit import Kit

MINI_KIT = {
    "id": "mini",
    "title": "Mini Engineer",
    "levels": [{"id": "junior", "name": "Junior"}, {"id": "mid", "name": "Mid"}, {"id": "senior", "name": "Senior"}],
    "rounds": [
        {"id": "screen", "name": "Application screen", "stage": "application"},
        {"id": "tech", "name": "Technical interview", "stage": "interview"},
    ],
    "disciplines": [
        {
            "id": "eng",
            "name": "Engineering",
            "competencies": [
                {"id": "api", "name": "API design", "levels": {"junior": "Follows specs.", "mid": "Designs APIs.", "senior": "Sets standards."}},
                {"id": "testing", "name": "Testing", "levels": {"junior": "Writes tests.", "mid": "Builds frameworks.", "senior": "Sets strategy."}},
            ],
        }
    ],
    "attitudes": [{"id": "listening", "name": "Active listening", "definition": "Listens fully."}],
    "scales": [
        {
            "id": "evidence",
            "name": "Evidence",
            "steps": [
                {"id": "below", "value": 1, "label": "Below", "anchor": "Mostly negative indicators."},
                {"id": "meets", "value": 2, "label": "Meets", "anchor": "Expected evidence."},
                {"id": "exceeds", "value": 3, "label": "Exceeds", "anchor": "Beyond the level."},
            ],
        }
    ],
    "default_scale": "evidence",
    "items": [
        {
            "type": "knockout_question", "id": "ko", "round": "screen", "prompt": "Three years of experience?",
            "options": [
                {"id": "yes", "label": "Yes", "outcome": "qualifies"},
                {"id": "no", "label": "No", "outcome": "auto_decline"},
            ],
        },
        {
            "type": "competency_question", "id": "q-api", "round": "tech", "competency": "api",
            "title": "API contract", "prompt": "Tell me about an API you built.",
            "expectations": {"junior": "Follows the spec."},
            "guidance": {"why_asked": "To see rigour.", "answer_example": "I wrote an OpenAPI spec first."},
            "indicators": {"positive": ["Follows specs", "Uses contract tests"], "negative": ["Guesses parameters"]},
        },
        {
            "type": "attitude_question", "id": "q-listen", "round": "tech", "attitude": "listening",
            "title": "Revised spec", "prompt": "A partner revises the spec midway. What do you do?",
            "indicators": {"positive": ["Compares line by line"], "negative": ["Ignores the revision"]},
        },
        {
            "type": "exercise", "id": "ex-code", "round": "tech", "kind": "coding_test", "title": "Coding test",
            "prompt": "Write a sync client.", "response_time_minutes": 20,
            "variants": [{"id": "no-ai", "name": "Without AI", "task": "Write it."}, {"id": "ai", "name": "With AI", "task": "Review AI output."}],
            "indicators": {"positive": ["Backoff with jitter"], "negative": ["Logs secrets"]},
            "anchors": {"exceeds": "Robust.", "meets": "Works.", "below": "Breaks."},
        },
    ],
}


def mini_kit(**overrides) -> Kit:
    return Kit.model_validate({**MINI_KIT, **overrides})
