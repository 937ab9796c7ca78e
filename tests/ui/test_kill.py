"""SIGKILL a scoring process mid-round: every acknowledged interaction is in the database."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

VICTIM = Path(__file__).with_name("scoring_victim.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [17])
def test_acknowledged_interactions_survive_sigkill(tmp_path, kill_after):
    from scorecard.services import open_services
    from scorecard.ui.settings import Settings
    from tests.factories import mini_kit
    from tests.ui.conftest import INTERVIEWER

    db = tmp_path / "victim.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
        candidate = svc.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")
    settings_path = tmp_path / "settings.ini"
    Settings(settings_path).set_interviewer(INTERVIEWER)

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCORECARD_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.Popen(
        [sys.executable, str(VICTIM), str(db), str(settings_path), candidate.id],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )
    claims: dict[int, dict] = {}
    acked: list[int] = []
    try:
        for line in proc.stdout:
            word, *rest = line.strip().split(" ", 2)
            if word == "DO":
                claims[int(rest[0])] = json.loads(rest[1])
            elif word == "ACK":
                acked.append(int(rest[0]))
                if len(acked) >= kill_after:
                    proc.send_signal(signal.SIGKILL)  # mid-round, while it starts the next interaction
                    break
    finally:
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, proc.stderr.read()
    assert len(acked) == kill_after

    # what must hold: the latest acknowledged claim per (item, field) — unless the one
    # interaction in flight at the kill overwrote the same field
    in_flight = max(claims) if max(claims) not in acked else None
    expected: dict[tuple, list] = {}
    for n in acked:
        c = claims[n]
        expected[(c["item"], c["field"])] = [c["value"]]
    if in_flight is not None:
        c = claims[in_flight]
        expected.setdefault((c["item"], c["field"]), []).append(c["value"])

    with open_services(db) as svc:
        (card,) = svc.scoring.for_candidate(candidate.id)
        for (item, field), allowed in expected.items():
            if field == "current_item_id":
                actual = card.current_item_id
            elif field == "p1":
                actual = "p1" in card.response(item).checked
            else:
                actual = getattr(card.response(item), field)
            assert actual in allowed, f"{item}.{field}: stored {actual!r}, acknowledged {allowed!r}"
