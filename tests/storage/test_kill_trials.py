"""kill -9 mid-write, ten times: every acknowledged save is there, the file passes its check, and once
reopened and closed the database file alone (no -wal) holds everything."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from scorecard.services import open_services
from tests.factories import mini_kit

ROOT = Path(__file__).resolve().parents[2]
VICTIM = Path(__file__).with_name("kill_victim.py")
#: After how many acknowledged saves each trial is killed.
KILL_AFTER = (1, 3, 7, 12, 20, 31, 45, 60, 80, 110)
#: Filled in by the test, quoted in the README's reliability table.
FIGURES: dict[str, int] = {}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_kill_trials_lose_nothing_acknowledged(tmp_path):
    acknowledged = lost = damaged = 0
    for trial, kill_after in enumerate(KILL_AFTER):
        db = tmp_path / f"trial-{trial}.sqlite3"
        with open_services(db) as svc:
            svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
            cand = svc.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
            card = svc.scoring.start_or_resume(candidate_id=cand.id, round_id="tech", interviewer="A")
            svc.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="save 0")  # stored from here on
        proc = subprocess.Popen([sys.executable, str(VICTIM), str(db), card.id], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True, cwd=ROOT,
                                env={**os.environ, "PYTHONPATH": str(ROOT)})
        last = 0
        for line in proc.stdout:
            last = int(line.split()[1])
            if last >= kill_after:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=30)
        assert last >= kill_after, proc.stderr.read()
        acknowledged += last

        with open_services(db) as svc:
            damaged += svc.db.check_integrity() is not None
            names = {c.name for c in svc.candidates.all()}
            notes = svc.scoring.get(card.id).responses["q-api"].notes
            saved = max(int(n.split()[1]) for n in names if n.startswith("Candidate ")) if len(names) > 1 else 0
            lost += sum(1 for n in range(1, last + 1) if f"Candidate {n}" not in names)
            assert int(notes.split()[1]) >= last  # the note of the last acknowledged save, or a later one
            assert saved >= last
        copy = tmp_path / f"copy-{trial}.sqlite3"
        shutil.copyfile(db, copy)  # after a clean close: the main file alone
        conn = sqlite3.connect(copy)
        count = conn.execute("SELECT count(*) FROM candidate WHERE name LIKE 'Candidate %'").fetchone()[0]
        conn.close()
        assert count >= last
    FIGURES.update(trials=len(KILL_AFTER), acknowledged=acknowledged, lost=lost, damaged=damaged)
    print(f"\nkill trials: {FIGURES}")
    assert lost == 0 and damaged == 0
