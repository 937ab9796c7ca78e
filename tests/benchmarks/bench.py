"""Shared helpers of the benchmarks: the results table, machine description, spawning probes."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BARE_WINDOW = Path(__file__).with_name("bare_window.py")
PROBE_PREFIX = "SCORECARD_PROBE "


@dataclass
class Row:
    what: str
    figure: str
    floor_name: str
    floor: str
    ratio: str
    target: str
    met: bool | None


RESULTS: list[Row] = []
NOTES: list[str] = []


def record(what: str, figure: str, floor_name: str = "", floor: str = "", ratio: float | str | None = None,
           target: str = "", met: bool | None = None) -> None:
    """Add one row to the session's table (and print it at once)."""
    ratio_text = f"{ratio:.2f}×" if isinstance(ratio, float) else (ratio or "")
    RESULTS.append(Row(what, figure, floor_name, floor, ratio_text, target, met))
    print(f"\n  {what}: {figure} | {floor_name} {floor} | ratio {ratio_text} | target {target} | "
          f"{'met' if met else 'MISSED' if met is False else ''}")


def ms(seconds: float) -> str:
    value = seconds * 1000
    return f"{value:.0f} ms" if value >= 100 else f"{value:.1f} ms" if value >= 10 else f"{value:.2f} ms"


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kb = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                      if line.startswith("MemTotal")).split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GB RAM"
    except (OSError, StopIteration, ValueError):
        pass
    return (f"{os.cpu_count()} cores ({cpu}){mem}, {platform.system()} {platform.release()}, "
            f"Python {platform.python_version()}")


# --- spawning the app and the floor -----------------------------------------------------------


def probe(cmd: list[str], env: dict, mode: str = "1", timeout: float = 120) -> dict:
    """Run `cmd` with the start-up probe; returns its JSON (times from process start)."""
    env = {**env, "SCORECARD_STARTUP_PROBE": mode, "QT_QPA_PLATFORM": "offscreen"}
    env["SCORECARD_PROBE_T0"] = repr(time.time())
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT,
                          stdin=subprocess.DEVNULL)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(PROBE_PREFIX):
            result = json.loads(line[len(PROBE_PREFIX):])
            assert result.get("ok") and "startup_ms" in result, (
                f"{cmd}: {result}\n{proc.stderr[-2000:]}")
            return result
    raise AssertionError(f"no probe output from {cmd}: rc={proc.returncode}\n{proc.stdout}\n{proc.stderr}")


def bare_window_cmd() -> list[str]:
    return [sys.executable, str(BARE_WINDOW)]


def app_cmd(db: Path) -> list[str]:
    return [sys.executable, "-m", "scorecard", "--db", str(db), "gui"]


def gui_env(tmp: Path, interviewer: str = "Łukasz Wróbel") -> dict:
    """A private data directory (settings, logs) with the interviewer's name set, so no prompt opens."""
    data = tmp / "gui-data"
    (data / "settings").mkdir(parents=True, exist_ok=True)
    (data / "settings" / "scorecard.ini").write_text(f"[interviewer]\nname={interviewer}\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in ("SCORECARD_DB", "SCORECARD_STARTUP_PROBE")}
    env["SCORECARD_DATA_DIR"] = str(data)
    return env


def interleaved(runs: int, *commands: tuple[list[str], dict, str]) -> list[list[dict]]:
    """Run each command `runs` times, alternating, after one discarded warm-up each (disk cache)."""
    for cmd, env, mode in commands:
        probe(cmd, env, mode)
    results: list[list[dict]] = [[] for _ in commands]
    for _ in range(runs):
        for i, (cmd, env, mode) in enumerate(commands):
            results[i].append(probe(cmd, env, mode))
    return results


def median_of(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


# --- the table ---


def table_markdown() -> str:
    lines = [
        "| benchmark | figure | floor (same run) | ratio | target | |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for r in RESULTS:
        mark = "✓" if r.met else "✗ missed" if r.met is False else ""
        floor = f"{r.floor_name}: {r.floor}" if r.floor_name else r.floor
        lines.append(f"| {r.what} | {r.figure} | {floor} | {r.ratio} | {r.target} | {mark} |")
    lines.append("")
    lines.append(f"Machine: {machine()}. {' '.join(NOTES)}")
    return "\n".join(lines)
