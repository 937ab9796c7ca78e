"""The first screen's data comes without the kit models or SQLAlchemy (they cost ~0.4 s to import)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from scorecard.services.kit_library import KitOutline

HEAVY = ("pydantic", "sqlalchemy", "sqlmodel", "alembic", "scorecard.domain.kit", "reportlab", "yaml")

PROBE = """
import json, sys
from scorecard.services import open_services
with open_services(sys.argv[1]) as svc:
    rows = svc.candidates.overview(interviewer="Kim")
    revision = svc.schema_revision
print(json.dumps({"rows": len(rows), "revision": revision,
                  "heavy": [m for m in %r if m in sys.modules]}))
""" % (HEAVY,)


@pytest.fixture
def candidate(services):
    return services.candidates.add(name="Zoë Ñúñez", kit_id="mini", target_level="mid")


def test_candidate_list_loads_without_heavy_imports(services, candidate, tmp_path):
    path = services.database_path
    services.close()
    proc = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["rows"] == 1
    assert result["heavy"] == []
    from scorecard.storage.database import SCHEMA_REVISION

    assert result["revision"] == SCHEMA_REVISION


def test_outline_matches_the_full_kit(services, candidate):
    version_id, kit = services.kits.latest("mini")
    outline = services.kits.outline("mini")
    assert outline == KitOutline.from_json(version_id, kit.model_dump_json())
    assert outline.title == kit.title
    assert outline.level_names == {lv.id: lv.name for lv in kit.levels}
    assert [(r.id, r.name, r.stage) for r in outline.rounds] == [(r.id, r.name, r.stage.value) for r in kit.rounds]
    assert services.kits.outline("no-such-kit") is None


def test_overview_uses_the_outline(services, candidate):
    row = services.candidates.overview(interviewer="Kim")[0]
    _vid, kit = services.kits.latest("mini")
    assert row.kit_title == kit.title
    assert [p.round_id for p in services.candidates.round_progress(row)] == [r.id for r in kit.rounds]
    assert row.target_level_name == next(lv.name for lv in kit.levels if lv.id == "mid")


def test_scoring_and_export_are_created_on_first_use(services):
    assert services._scoring is None and services._export is None
    assert services.export is services.export
    assert services._scoring is services.scoring
    services.warm_up()


def test_bundled_kits_seen_before_are_recognised_without_sqlalchemy(tmp_path):
    from scorecard.services import open_services

    db = tmp_path / "kits.sqlite3"
    with open_services(db) as services:
        first = services.kits.import_bundled()
        assert services.kits.version(first[0].id) == first[0]
    probe = f"""
import json, sys
from scorecard.services import open_services
with open_services({str(db)!r}) as svc:
    versions = svc.kits.import_bundled()
print(json.dumps({{"ids": [v.id for v in versions], "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert result["ids"] == [v.id for v in first]
    assert result["heavy"] == []


def test_recognising_a_kit_error_does_not_load_the_kit_models():
    code = ("import sys; from scorecard.kits.problems import KitError; from scorecard.kits import KitProblem; "
            "print([m for m in ('yaml', 'pydantic', 'scorecard.domain.kit') if m in sys.modules])")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"
    from scorecard.kits import load_kit

    assert callable(load_kit)
