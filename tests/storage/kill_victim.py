"""Run by test_kill_trials.py: save notes as fast as possible, printing each acknowledged save, until killed."""

import sys
from pathlib import Path

from scorecard.services import open_services

db, card_id = Path(sys.argv[1]), sys.argv[2]
services = open_services(db)
services.db.start_idle_checkpoints(idle_seconds=0.02)  # checkpoints race with the writes and the kill
n = 0
while True:
    n += 1
    services.scoring.set_notes(scorecard_id=card_id, item_id="q-api", notes=f"save {n}")
    services.candidates.add(name=f"Candidate {n}", kit_id="mini", target_level="mid")
    print(f"ack {n}", flush=True)
