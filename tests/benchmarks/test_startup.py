"""Start-up, from process start: the main window's first paint and the populated window accepting
input, against a bare PySide6 script that shows one empty window (the floor for any Qt app).

Targets: first paint ≤ 1.5× the floor; populated and accepting input ≤ 3× the floor.
"Accepting input" = a key press posted once the candidate list is filled has been handled.
Runs alternate app and floor (after a discarded warm-up each), medians of RUNS.
If `dist/scorecard` exists (./dev bundle), the standalone build is measured the same way.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.benchmarks.bench import (
    app_cmd,
    bare_window_cmd,
    gui_env,
    interleaved,
    median_of,
    record,
)

RUNS = 11
FIRST_PAINT_RATIO = 1.5
READY_RATIO = 3.0
ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "scorecard" / "scorecard"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    from scorecard.services import open_services
    from scorecard.services.demo import fill_demo

    path = tmp_path_factory.mktemp("startup") / "demo.sqlite3"
    with open_services(path) as services:
        services.kits.import_bundled()
        fill_demo(services)
    return path


def _judge(label: str, apps: list[dict], bares: list[dict], floor_label: str) -> tuple[float, float]:
    floor = median_of(bares, "first_paint_ms")
    first = median_of(apps, "first_paint_ms")
    ready = median_of(apps, "startup_ms")
    assert all(a.get("rows") == 5 for a in apps), "the window did not show the demo panel"
    record(f"{label}: first paint of the main window", f"{first:.0f} ms (median of {len(apps)})",
           floor_label, f"{floor:.0f} ms", first / floor, f"≤ {FIRST_PAINT_RATIO}×", first <= FIRST_PAINT_RATIO * floor)
    record(f"{label}: populated window accepting input", f"{ready:.0f} ms (median of {len(apps)})",
           floor_label, f"{floor:.0f} ms", ready / floor, f"≤ {READY_RATIO:g}×", ready <= READY_RATIO * floor)
    print(f"  runs: first paint {[round(a['first_paint_ms']) for a in apps]}, ready "
          f"{[round(a['startup_ms']) for a in apps]}, floor {[round(b['first_paint_ms']) for b in bares]}; "
          f"heavy modules at first paint {apps[0]['heavy_modules_at_first_paint']}, "
          f"peak memory {max(a['peak_rss_mb'] for a in apps):.0f} MB")
    return first / floor, ready / floor


def test_startup_against_a_bare_window(demo_db, tmp_path):
    env = gui_env(tmp_path)
    apps, bares = interleaved(RUNS, (app_cmd(demo_db), env, "1"), (bare_window_cmd(), env, "bare"))
    assert not apps[0]["heavy_modules_at_first_paint"], "SQL or model libraries imported before the first paint"
    first_ratio, ready_ratio = _judge("Start-up (dev environment)", apps, bares, "bare PySide6 window")
    assert first_ratio <= FIRST_PAINT_RATIO
    assert ready_ratio <= READY_RATIO


def _bundle_is_stale() -> bool:
    """The build's schema migrations differ from the source's (it could not open today's demo database)."""
    def names(folder: Path) -> set[str]:
        return {p.name for p in folder.glob("*.py")}

    versions = Path("scorecard") / "storage" / "migrations" / "versions"
    return names(BUNDLE.parent / "_internal" / versions) != names(ROOT / "src" / versions)


def test_startup_of_the_standalone_build(demo_db, tmp_path):
    """The frozen build against its own empty window (`SCORECARD_STARTUP_PROBE=bare`: same bootloader)."""
    if not BUNDLE.exists():
        pytest.skip("no standalone build in dist/scorecard: run ./dev bundle first")
    if _bundle_is_stale():
        pytest.skip("dist/scorecard predates the current schema: run ./dev bundle first")
    env = gui_env(tmp_path)
    apps, bares = interleaved(RUNS, ([str(BUNDLE), "--db", str(demo_db), "gui"], env, "1"),
                              ([str(BUNDLE)], env, "bare"))
    first_ratio, ready_ratio = _judge("Start-up (standalone build)", apps, bares, "its empty window")
    assert first_ratio <= FIRST_PAINT_RATIO
    assert ready_ratio <= READY_RATIO

