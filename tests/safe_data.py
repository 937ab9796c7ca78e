"""A candidate with a submitted scorecard full of recognisable text, for the safe-keeping tests."""

from __future__ import annotations

NAME = "Xanthippe Quelltext-Marker"
NOTES = "NOTE-SENTINEL said Pact contract tests unprompted"
SUMMARY = "SUMMARY-SENTINEL solid API instincts"


def scored_candidate(services, *, name: str = NAME, submit: bool = True, interviewer: str = "Łukasz Wróbel",
                     notes: str = NOTES, summary: str = SUMMARY):
    """A candidate of the mini kit with one tech-round scorecard (submitted unless told otherwise)."""
    cand = services.candidates.add(name=name, kit_id="mini", target_level="mid")
    s = services.scoring
    card = s.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer=interviewer)
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p2", checked=True)
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes=notes)
    s.rate(scorecard_id=card.id, item_id="q-listen", step_id="exceeds")
    s.skip(scorecard_id=card.id, item_id="ex-code", reason="Ran out of time")
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text=summary)
    if submit:
        s.submit(scorecard_id=card.id)
        s.add_addendum(scorecard_id=card.id, author=interviewer, text=f"ADDENDUM about {name}")
    return cand, card


def damage_an_index(path) -> None:
    """Give the file a damaged index page, as a bad sector might: the tables still read, but
    `PRAGMA quick_check` (and any write to that index) finds the file malformed."""
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS damage_a (v TEXT)")
    conn.execute("CREATE INDEX IF NOT EXISTS damage_a_v ON damage_a (v)")
    conn.executemany("INSERT INTO damage_a VALUES (?)", [(f"a{i}",) for i in range(50)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'damage_a_v'").fetchone()
    (page_size,) = conn.execute("PRAGMA page_size").fetchone()
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * page_size)
        fh.write(b"\xff" * 64)
