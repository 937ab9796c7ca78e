"""Start-up: the window is painted before the services are imported; a bad database is explained."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.gui, pytest.mark.slow]

PROBE = Path(__file__).with_name("startup_probe.py")
ROOT = Path(__file__).resolve().parents[2]


def run_probe(db: Path, tmp_path: Path) -> tuple[dict, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SCORECARD_DATA_DIR": str(tmp_path / "data")}
    proc = subprocess.run([sys.executable, str(PROBE), str(db)], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1]), proc.stderr


def test_window_paints_before_database_work(tmp_path):
    from scorecard.services import open_services
    from tests.factories import mini_kit

    db = tmp_path / "existing.sqlite3"
    with open_services(db) as svc:
        svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="")
        svc.candidates.add(name="王伟", kit_id="mini", target_level="mid")
    (tmp_path / "data" / "settings").mkdir(parents=True)
    (tmp_path / "data" / "settings" / "scorecard.ini").write_text("[interviewer]\nname=Kim\n", encoding="utf-8")

    result, stderr = run_probe(db, tmp_path)
    assert result["services_imported_at_first_paint"] is False
    assert result["domain_imported_at_first_paint"] is False
    assert result["first_paint_ms"] < result["ready_ms"]
    assert result["rows"] == 1 and result["page"] == "CandidatesPage"
    assert result["fonts"] is True
    assert "Traceback" not in stderr
    print(f"\nstart-up: {json.dumps(result)}")


def test_unreadable_database_is_explained_in_the_window(tmp_path):
    db = tmp_path / "broken.sqlite3"
    db.write_bytes(b"this is not a database" * 100)
    result, stderr = run_probe(db, tmp_path)
    assert "could not open the database" in result["error"]
    assert "not a Scorecard database" in result["error"]
    assert str(db) in result["error"]
    assert "Traceback" not in stderr
