"""A large database for the scale benchmark, written fast with raw inserts (benchmark code only).

10,000 candidates and 60,000 scorecards (three rounds × two interviewers each, mostly
submitted, each with a few rated responses and notes) on the bundled Integration Engineer
kit, which is imported through the services first so that the schema and the kit are real.
"""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

FIRST = ("Zoë", "Ana", "María José", "Łukasz", "Priya", "Amara", "Dmitri", "Ελένη", "Mohammed", "Kim", "Jonas",
         "Søren", "Chloé", "Wei", "Haruto", "Fatima", "Oluwaseun", "Ingrid", "Mateus", "Aoife", "Nguyễn", "Émile",
         "Zanele", "Björn", "Renée", "Ахмед", "Camille", "Santiago", "Yusuf", "Hana")
LAST = ("Ñúñez", "Okafor", "Wróbel", "Raman", "Волков", "Παπαδοπούλου", "Álvarez", "Müller", "Søgaard", "Dubois",
        "Kowalski", "Tanaka", "Haddad", "Silva", "O'Brien", "Nakamura", "Ivanova", "Lindqvist", "García", "Zhou",
        "Schmidt", "Mensah", "Rossi", "Novák", "Çelik", "Kaur", "Moreau", "Andersen", "Costa", "Bauer")
CJK = ("王伟", "李娜", "张敏", "佐藤 花子", "김민준", "陈静")
INTERVIEWERS = ("Łukasz Wróbel", "Priya Raman", "佐藤 花子", "María José Álvarez", "Kim Lee", "Jonas Berg",
                "Amara Obi", "Sam Taylor", "Noor Haddad", "Chen Wei", "Lena Fischer", "Tom Hughes")
NOTES = ("Gave a concrete example with numbers; asked about SLAs first.",
         "Stayed generic; could not name a specific incident.",
         "Walked through idempotency and retries unprompted.",
         "回答很有条理，先澄清需求，再讨论风险。")


def build(path: Path, *, candidates: int = 10_000, cards_per_candidate: int = 6, responses_per_card: int = 4,
          seed: int = 11) -> dict:
    """Create the database at `path`; returns what was written."""
    from scorecard.services import open_services

    with open_services(path) as services:
        services.kits.import_bundled()
        version_id, kit = services.kits.latest("integration-engineer")
    rounds = [r.id for r in kit.rounds if kit.items_in(r.id)]
    items = {r: [(i.id, [s.id for s in kit.scale_for(i).steps] if i.is_rated else None) for i in kit.items_in(r)]
             for r in rounds}
    levels = [lv.id for lv in kit.levels]
    rng = random.Random(seed)
    start = datetime(2026, 1, 5, tzinfo=timezone.utc)

    cand_rows, card_rows, resp_rows, submitted = [], [], [], []
    for n in range(candidates):
        if n % 50 == 0:
            name = f"{rng.choice(CJK)} {n}"
        else:
            name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
        cid = str(uuid.uuid4())
        when = (start + timedelta(minutes=n)).isoformat()
        cand_rows.append((cid, name, "integration-engineer", rng.choice(levels), when))
        chosen = rng.sample(rounds, cards_per_candidate // 2)
        for rnd in chosen:
            for who in rng.sample(INTERVIEWERS, 2):
                sid = str(uuid.uuid4())
                card_rows.append((sid, cid, version_id, rnd, who, "draft", None, "", None, when, when, None))
                if rng.random() < 0.9:
                    submitted.append((when, when, sid))
                for item_id, steps in items[rnd][:responses_per_card]:
                    rating = rng.choice(steps) if steps else None
                    resp_rows.append((str(uuid.uuid4()), sid, item_id, rating, rng.choice(NOTES), 300.0, when))

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")  # generating only; the app always writes with FULL
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO candidate (id, name, kit_id, target_level, created_at) "
                     "VALUES (?, ?, ?, ?, ?)", cand_rows)
    conn.executemany("INSERT INTO scorecard (id, candidate_id, kit_version_id, round_id, interviewer, status, "
                     "recommendation, summary, current_item_id, created_at, updated_at, submitted_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", card_rows)
    conn.executemany("INSERT INTO item_response (id, scorecard_id, item_id, rating, notes, seconds_spent, updated_at) "
                     "VALUES (?, ?, ?, ?, ?, ?, ?)", resp_rows)
    # submit last: the lock triggers refuse responses to a submitted scorecard
    conn.executemany("UPDATE scorecard SET status = 'submitted', submitted_at = ?, updated_at = ? WHERE id = ?",
                     submitted)
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    return {"candidates": len(cand_rows), "scorecards": len(card_rows), "responses": len(resp_rows),
            "bytes": path.stat().st_size}
