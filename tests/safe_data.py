"""A candidate with a submitted scorecard full of recognisable text, for the safe-keeping tests."""

from __future__ import annotations

NAME = "Xanthippe Quelltext-Marker"
NOTES = "NOTE-SENTINEL said Pact contract tests unprompted"
SUMMARY = "SUMMARY-SENTINEL solid API instincts"


def scored_candidate(services, *, name: str = NAME, submit: bool = True, interviewer: str = "Łukasz Wróbel"):
    """A candidate of the mini kit with one tech-round scorecard (submitted unless told otherwise)."""
    cand = services.candidates.add(name=name, kit_id="mini", target_level="mid")
    s = services.scoring
    card = s.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer=interviewer)
    s.mark_indicator(scorecard_id=card.id, item_id="q-api", key="p2", checked=True)
    s.rate(scorecard_id=card.id, item_id="q-api", step_id="meets")
    s.set_notes(scorecard_id=card.id, item_id="q-api", notes=NOTES)
    s.rate(scorecard_id=card.id, item_id="q-listen", step_id="exceeds")
    s.skip(scorecard_id=card.id, item_id="ex-code", reason="Ran out of time")
    s.set_recommendation(scorecard_id=card.id, step_id="yes")
    s.set_summary(scorecard_id=card.id, text=SUMMARY)
    if submit:
        s.submit(scorecard_id=card.id)
        s.add_addendum(scorecard_id=card.id, author=interviewer, text=f"ADDENDUM about {name}")
    return cand, card


def damage_an_index(path) -> None:
    """Give the file a damaged index (its entries no longer match the table), as a bad sector might.

    Two indexes swap their root pages; the tables still read, `PRAGMA quick_check` reports the damage.
    """
    import sqlite3

    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS damage_a (v TEXT)")
    conn.execute("CREATE TABLE IF NOT EXISTS damage_b (v TEXT)")
    conn.execute("CREATE INDEX IF NOT EXISTS damage_a_v ON damage_a (v)")
    conn.execute("CREATE INDEX IF NOT EXISTS damage_b_v ON damage_b (v)")
    conn.executemany("INSERT INTO damage_a VALUES (?)", [(f"a{i}",) for i in range(50)])
    conn.executemany("INSERT INTO damage_b VALUES (?)", [(f"b{i}",) for i in range(50)])
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    (a,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'damage_a_v'").fetchone()
    (b,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'damage_b_v'").fetchone()
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'damage_a_v'", (b,))
    conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE name = 'damage_b_v'", (a,))
    conn.execute("PRAGMA writable_schema = OFF")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
