"""Reads on the start-up path, through the raw driver.

No SQLAlchemy import here, so the window can be populated right after it is first
painted. The candidate list takes three queries regardless of the number of candidates.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from scorecard.storage.database import Database


#: (id, name, kit id, target level, withdrawn) of every candidate, in no particular order
CandidateRow = tuple[str, str, str, str, int]


@dataclass(slots=True)
class CandidateOverviewData:
    """What the candidate list is built from, as read: one plain tuple per candidate and two
    sparse maps keyed by candidate id (most candidates have neither), so the service builds
    each list row once instead of going through an intermediate object per candidate."""

    #: one per candidate; `withdrawn` is 1 when the candidate was withdrawn, else 0
    candidates: list[CandidateRow]
    #: candidate id → round id → 'draft' | 'submitted' for the given interviewer's scorecards
    my_rounds: dict[str, dict[str, str]] = field(default_factory=dict)
    #: candidate id → (kit version id, item id, option id) of every knock-out answer given
    knockout_answers: dict[str, list[tuple[str, str, str]]] = field(default_factory=dict)


def candidate_overview(db: Database, *, interviewer: str) -> CandidateOverviewData:
    """Every candidate, with this interviewer's own status per round, in three queries.

    The panel's counts per round (`round_counts`) are read per candidate when needed: the
    list shows them for the selected candidate only, and counting 60,000 scorecards for
    10,000 candidates up front would cost more than everything else at start-up.
    """
    conn = db.connection
    # in no particular order: the list sorts by its own (folded) keys, and sorting 10,000
    # names here too cost ~8 ms of every start-up
    candidates = conn.execute(
        "SELECT id, name, kit_id, target_level, withdrawn_at IS NOT NULL FROM candidate"
    ).fetchall()
    knockouts: dict[str, list[tuple[str, str, str]]] = {}
    for cand_id, version_id, item_id, option_id in conn.execute(_KNOCKOUT_ANSWERS):
        knockouts.setdefault(cand_id, []).append((version_id, item_id, option_id))
    mine: dict[str, dict[str, str]] = {}
    for cand_id, round_id, status in conn.execute(
        "SELECT candidate_id, round_id, status FROM scorecard WHERE interviewer = ?", (interviewer,)
    ):
        mine.setdefault(cand_id, {})[round_id] = status
    return CandidateOverviewData(candidates, mine, knockouts)


_KNOCKOUT_ANSWERS = (
    "SELECT DISTINCT s.candidate_id, s.kit_version_id, r.item_id, r.knockout_option "
    "FROM item_response r JOIN scorecard s ON s.id = r.scorecard_id WHERE r.knockout_option IS NOT NULL"
)


def knockout_answers(db: Database, candidate_id: str) -> list[tuple[str, str, str]]:
    """(kit version id, item id, option id) of every knock-out answer given for one candidate."""
    return db.connection.execute(
        "SELECT DISTINCT s.kit_version_id, r.item_id, r.knockout_option "
        "FROM item_response r JOIN scorecard s ON s.id = r.scorecard_id "
        "WHERE s.candidate_id = ? AND r.knockout_option IS NOT NULL",
        (candidate_id,),
    ).fetchall()


def round_counts(db: Database, candidate_id: str) -> tuple[dict[str, int], dict[str, int]]:
    """(submitted, draft) scorecards per round id for one candidate, by anyone."""
    submitted: dict[str, int] = {}
    drafts: dict[str, int] = {}
    for round_id, status, count in db.connection.execute(
        "SELECT round_id, status, count(*) FROM scorecard WHERE candidate_id = ? GROUP BY round_id, status",
        (candidate_id,),
    ):
        (submitted if status == "submitted" else drafts)[round_id] = count
    return submitted, drafts


def latest_kit_json(db: Database, kit_id: str) -> tuple[str, int, str, str] | None:
    """(version id, version number, title, kit JSON) of a kit's current version, via the raw driver."""
    return db.connection.execute(
        "SELECT v.id, v.version, v.title, v.kit_json FROM kit_current c "
        "JOIN kit_version v ON v.id = c.kit_version_id WHERE c.kit_id = ?",
        (kit_id,),
    ).fetchone()


def kit_json_by_version(db: Database, version_id: str) -> str | None:
    row = db.connection.execute("SELECT kit_json FROM kit_version WHERE id = ?", (version_id,)).fetchone()
    return row[0] if row else None


def kit_version_for_source(db: Database, sha256: str) -> str | None:
    """Id of the kit version a file with these exact bytes was imported as, if any."""
    row = db.connection.execute("SELECT kit_version_id FROM kit_source WHERE sha256 = ?", (sha256,)).fetchone()
    return row[0] if row else None


def kit_version_row(db: Database, version_id: str) -> tuple[str, str, int, str, str, str] | None:
    """(id, kit id, version number, content hash, imported at, title) of one stored kit version."""
    return db.connection.execute(
        "SELECT id, kit_id, version, content_hash, imported_at, title FROM kit_version WHERE id = ?",
        (version_id,),
    ).fetchone()


def current_kit_version_id(db: Database, kit_id: str) -> str | None:
    """The version of a kit that new scorecards use, if one is set."""
    row = db.connection.execute("SELECT kit_version_id FROM kit_current WHERE kit_id = ?", (kit_id,)).fetchone()
    return row[0] if row else None
