"""Hand-built kits, candidates and scorecards for the PDF tests (and the benchmark).

Built from domain objects only, so the tests do not depend on the shipped YAML kit.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from scorecard.domain.candidate import Candidate, KitVersion
from scorecard.domain.kit import Kit
from scorecard.domain.scorecard import Addendum, ItemResponse, Scorecard, ScorecardStatus

T0 = datetime(2025, 3, 3, 9, 0, tzinfo=timezone.utc)
EXPORTED = datetime(2025, 3, 10, 16, 30, tzinfo=timezone.utc)

NAMES = ["Zoë Ñúñez", "王伟", "Łukasz Wróbel", "Ελένη Παπαδοπούλου", "Дмитрий Иванов", "Aoife O'Brien"]

LEVELS = [{"id": "junior", "name": "Junior"}, {"id": "mid", "name": "Mid"}, {"id": "senior", "name": "Senior"}]

COMPETENCIES = {
    "arch": ("Integration Architecture & Engineering", [
        ("api", "API & Endpoint Development",
         "Develops and maintains basic APIs, endpoints, and service contracts following documented specifications.",
         "Designs scalable API architectures, implements advanced error handling, and ensures backward "
         "compatibility across service versions.",
         "Sets enterprise API governance standards and drives API lifecycle management strategies."),
        ("mapping", "Data Mapping & Protocol Engineering",
         "Executes data mapping, transforms payloads using standard tools, and validates protocol compliance.",
         "Engineers complex data transformation logic and troubleshoots protocol mismatches.",
         "Architects enterprise data transformation strategies and establishes data governance standards."),
        ("security", "Security & Compliance Integration",
         "Applies standard security controls and validates authentication tokens.",
         "Implements advanced encryption, manages secrets rotation, audits endpoints.",
         "Architects enterprise integration security frameworks."),
    ]),
    "ops": ("Integration Operations & Governance", [
        ("testing", "Integration Testing & Validation",
         "Writes and executes integration test scripts, logs defects.",
         "Develops automated testing frameworks, simulates edge cases, adds quality gates to CI/CD.",
         "Establishes enterprise-wide testing strategies for integrations."),
        ("observability", "Observability & Incident Response",
         "Monitors integration dashboards, acknowledges alerts, performs initial triage.",
         "Configures advanced observability pipelines and leads root cause analysis.",
         "Defines observability standards and owns incident response across teams."),
    ]),
}
ATTITUDES = [
    ("listening", "Active Listening", "Fully concentrating on, comprehending and responsively engaging with input."),
    ("ownership", "Ownership", "Takes end-to-end accountability for outcomes."),
    ("curiosity", "Curiosity", "Seeks to understand systems and people before changing them."),
]

POS = ["Follows documented specs step-by-step", "Mentions automated contract validation tools",
       "Logs configuration details for future reference"]
NEG = ["Guesses endpoint parameters without specs", "Skips automated contract testing",
       "Lacks structured configuration documentation"]

SCALE = {
    "id": "five",
    "name": "Five-point behavioural scale",
    "steps": [
        {"id": "1", "value": 1, "label": "Poor", "anchor": "No relevant example; vague or contradictory."},
        {"id": "2", "value": 2, "label": "Weak", "anchor": "Partial example; key steps missing."},
        {"id": "3", "value": 3, "label": "Meets", "anchor": "Clear example with the expected steps."},
        {"id": "4", "value": 4, "label": "Strong", "anchor": "Clear example, anticipates edge cases."},
        {"id": "5", "value": 5, "label": "Exceptional", "anchor": "Teaches us something; generalises well."},
    ],
}


def kit_dict(*, questions_per_round: int = 4) -> dict:
    """A kit like the shipped one, in miniature: knock-out screen, technical, exercise and team rounds."""
    disciplines = [
        {"id": did, "name": dname, "competencies": [
            {"id": cid, "name": cname, "levels": {"junior": jr, "mid": mid, "senior": sr}}
            for cid, cname, jr, mid, sr in comps
        ]}
        for did, (dname, comps) in COMPETENCIES.items()
    ]
    comp_ids = [cid for _, comps in COMPETENCIES.values() for cid, *_ in comps]
    items: list[dict] = [
        {"type": "knockout_question", "id": "ko-experience", "round": "screen", "title": "Three years of integrations",
         "prompt": "Do you have at least three years of hands-on experience architecting enterprise-scale "
                   "integrations using API Gateways and asynchronous message brokers?",
         "options": [{"id": "yes", "label": "Yes", "outcome": "qualifies"},
                     {"id": "no", "label": "No", "outcome": "auto_decline"}]},
    ]
    for i in range(questions_per_round):
        cid = comp_ids[i % len(comp_ids)]
        items.append({
            "type": "competency_question", "id": f"tech-{i + 1}", "round": "tech",
            "title": f"Technical question {i + 1}",
            "prompt": "Share an experience when you configured a new API endpoint to meet a specific service "
                      "contract. What steps did you follow to ensure it aligned with the documented requirements?",
            "competency": cid,
            "expectations": {"mid": "Routine API work is expected; advanced design is escalated."},
            "guidance": {"why_asked": "To gauge practical grasp of contracts.",
                         "answer_example": "I start from the OpenAPI spec and add contract tests in CI."},
            "indicators": {"positive": POS, "negative": NEG},
            "response_time_minutes": 5,
        })
    items.append({
        "type": "exercise", "id": "coding", "round": "tech", "title": "Coding test: ticket sync", "kind": "coding_test",
        "prompt": "Write a TypeScript function that fetches ticket data, maps it to a target schema, and posts it "
                  "to an external endpoint, with retries and error logging.",
        "variants": [
            {"id": "no-ai", "name": "Without AI", "task": "Write it yourself.", "context": "ITSM ticket sync."},
            {"id": "ai", "name": "With AI", "task": "Draft with an AI assistant, then review and secure it.",
             "context": "Explain what you accepted, modified or rejected."},
        ],
        "ground_rules": ["Use any editor", "Ask clarifying questions"],
        "roles": [{"name": "Platform Owner", "kind": "informed_partner", "played_by": "hiring_manager",
                   "motivation": "Wants reliable monitoring.", "constraints": ["Limited budget"],
                   "tensions": ["Rate limits"], "in_character": ["Answer honestly"], "do_not": ["Do not coach"]}],
        "indicators": {"positive": ["Clear separation of mapping, network and retry concerns",
                                    "Proper exponential backoff with jitter"],
                       "negative": ["Hardcoded credentials or logging sensitive tokens"]},
        "response_time_minutes": 20,
    })
    for i in range(questions_per_round):
        aid = ATTITUDES[i % 2][0]  # curiosity is never asked: a gap
        items.append({
            "type": "attitude_question", "id": f"team-{i + 1}", "round": "team", "title": f"Team question {i + 1}",
            "prompt": "If a partner team submits a revised specification midway through your validation phase, "
                      "how do you process and incorporate those changes?",
            "attitude": aid,
            "indicators": {"positive": POS[:2], "negative": NEG[:2]},
        })
    return {
        "id": "integration-engineer",
        "title": "Integration Engineer",
        "author": "Ryan Mahoney",
        "levels": LEVELS,
        "rounds": [
            {"id": "screen", "name": "Application screen", "stage": "application"},
            {"id": "tech", "name": "Hiring Manager Technical Deep Dive", "stage": "interview"},
            {"id": "team", "name": "Team interview", "stage": "interview"},
            {"id": "present", "name": "Presentation", "stage": "interview"},
        ],
        "disciplines": disciplines,
        "attitudes": [{"id": a, "name": n, "definition": d} for a, n, d in ATTITUDES],
        "scales": [SCALE],
        "default_scale": "five",
        "items": items,
    }


def make_kit(**kw) -> Kit:
    return Kit.model_validate(kit_dict(**kw))


def make_version(kit: Kit, *, version: int = 7, version_id: str = "kv-7",
                 content_hash: str = "9f2c1e0a7b3d5e11aa") -> KitVersion:
    return KitVersion(id=version_id, kit_id=kit.id, version=version, content_hash=content_hash, imported_at=T0,
                      title=kit.title)


#: The anchor text version 8 gives "Technical question 1" at "Poor" (version 7 uses the scale's).
V8_ANCHOR = "Version-eight anchor: cannot name a single contract test."
#: The question version 8 adds to the technical round.
V8_NEW_ITEM = "Technical question added in v8"


def kit_v8() -> Kit:
    """Version 8 of the sample kit: one anchor reworded, one question added to the technical round."""
    data = kit_dict()
    items = data["items"]
    tech1 = next(it for it in items if it["id"] == "tech-1")
    tech1["anchors"] = {"1": V8_ANCHOR}
    at = items.index(next(it for it in items if it["id"] == "coding"))
    items.insert(at, {**tech1, "id": "tech-new", "title": V8_NEW_ITEM, "anchors": {},
                      "prompt": "Walk me through the last integration you load-tested."})
    return Kit.model_validate(data)


def make_candidate(name: str = "Zoë Ñúñez", *, auto_declined: bool = False) -> Candidate:
    return Candidate(id="cand-1", name=name, kit_id="integration-engineer", target_level="mid",
                     auto_declined=auto_declined)


def scorecard(kit: Kit, interviewer: str, round_id: str, ratings: dict[str, str | None], *,
              submitted: bool = True, rec: str | None = "yes", n: int = 0, notes: dict[str, str] | None = None,
              checked: dict[str, set[str]] | None = None, summary: str = "Solid, specific examples.",
              version_id: str = "kv-7") -> Scorecard:
    sc = Scorecard(id=f"sc-{round_id}-{n}", candidate_id="cand-1", kit_version_id=version_id, round_id=round_id,
                   interviewer=interviewer, recommendation=rec, summary=summary,
                   created_at=T0 + timedelta(hours=n), updated_at=T0 + timedelta(hours=n, minutes=50))
    notes = notes or {}
    checked = checked or {}
    for item in kit.items_in(round_id):
        step = ratings.get(item.id)
        resp = ItemResponse(item_id=item.id, rating=step, notes=notes.get(item.id, ""),
                            checked=set(checked.get(item.id, set())), seconds_spent=240)
        if item.type == "knockout_question":
            resp.rating = None
            resp.knockout_option = step
        sc.responses[item.id] = resp
    if submitted:
        sc.status = ScorecardStatus.SUBMITTED
        sc.submitted_at = T0 + timedelta(hours=n, minutes=55)
    return sc


def panel(kit: Kit, *, long_note: str = "") -> list[Scorecard]:
    """A realistic panel: screen (knock-out), two technical interviewers who disagree on APIs, one draft."""
    screen = scorecard(kit, NAMES[2], "screen", {"ko-experience": "yes"}, n=0, summary="Meets the bar.")
    a = scorecard(
        kit, NAMES[0], "tech",
        {"tech-1": "1", "tech-2": "3", "tech-3": "3", "tech-4": "4", "coding": "4"}, n=1, rec="no",
        notes={"tech-1": "Could not describe any contract validation; guessed parameters.",
               "tech-2": long_note or "Walked through mapping spec with nullability rules.",
               "coding": "Used backoff with jitter; kept secrets out of logs."},
        checked={"tech-1": {"n1", "n2"}, "tech-2": {"p1", "p3"}, "coding": {"p1", "p2"}},
    )
    a.responses["coding"].variant = "ai"
    a.responses["tech-4"].notes = ""  # rated without evidence
    a.addenda.append(Addendum(id="add-1", scorecard_id=a.id, author=NAMES[0],
                              text="On reflection the API answer referred to a real incident; see notes.",
                              created_at=T0 + timedelta(days=1)))
    b = scorecard(
        kit, NAMES[1], "tech",
        {"tech-1": "4", "tech-2": "3", "tech-3": "4", "tech-4": "4", "coding": None}, n=2, rec="strong-yes",
        notes={"tech-1": "讲得很清楚 — explained contract tests clearly, 用 OpenAPI 驱动。",
               "tech-3": "Rotates secrets with Vault; TLS everywhere."},
        checked={"tech-1": {"p1", "p2"}, "tech-3": {"p1"}},
    )
    b.responses["coding"].skip_reason = "Ran out of time after the deep dive"
    team = scorecard(kit, NAMES[3], "team", {"team-1": "3", "team-2": "5"}, n=3, submitted=False, rec=None,
                     notes={"team-1": "Asked clarifying questions before committing."},
                     checked={"team-1": {"p1"}})
    team2 = scorecard(kit, NAMES[4], "team", {"team-1": "2", "team-2": "4", "team-3": "3", "team-4": "3"}, n=4,
                      rec="yes", notes={"team-2": "Дмитрий: owned the migration end-to-end."},
                      checked={"team-2": {"p2"}})
    return [screen, a, b, team, team2]


LOREM = (
    "The candidate described the incident in detail: webhook deliveries from the CRM were dropped when the "
    "consumer's TLS handshake timed out under load, and the provider's retries gave up after three attempts. "
    "They added end-to-end tracing with correlation IDs, a dead-letter queue with replay, and an idempotency key "
    "derived from the event id so that replays could not create duplicates. They were candid about what they "
    "would do differently: alerting on DLQ depth rather than on individual failures, and agreeing a replay "
    "procedure with the partner in advance. "
)


def long_text(chars: int, marker: str = "") -> str:
    """About `chars` characters of realistic note text in paragraphs; `marker` ends it."""
    out = []
    total = 0
    i = 0
    while total < chars:
        para = f"[{i + 1}] " + LOREM * 2
        out.append(para)
        total += len(para) + 2
        i += 1
    return "\n\n".join(out) + (f"\n\n{marker}" if marker else "")
