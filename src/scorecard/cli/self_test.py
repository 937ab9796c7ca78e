"""`scorecard self-test`: does Scorecard work on this machine, and is it fast enough?

For IT before an interview day, and for a worried interviewer. Every check is named and
says what it found; `--json` prints the same as one object. The user's database is never
opened: the window and the PDF export run on a temporary demo database, and save speed is
measured in a temporary file *beside* the database (the same file system), deleted after.

Checks have a status: `pass`, `warn` (works, but slower than the targets the project
measures itself against) or `fail` (something will not work, or data is at risk).
`ok` — and exit status 0 — means no check failed.
"""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from scorecard import __version__, paths

#: The probe's output line prefix (scorecard.ui.startup_probe.PREFIX; kept equal by a test).
PROBE_PREFIX = "SCORECARD_PROBE "
PROBE_ENV = "SCORECARD_STARTUP_PROBE"
PROBE_T0_ENV = "SCORECARD_PROBE_T0"

#: The targets (README, "Benchmarks"): multiples of an empty Qt window's start-up, one frame, seconds.
FIRST_PAINT_RATIO = 1.5
READY_RATIO = 3.0
SAVE_P99_MS = 16.0
SAVE_RATIO = 2.0
PDF_MS = 500.0
#: Below this much free space the database (and its backups before upgrades) may not fit.
MIN_FREE_MB = 200
WINDOW_RUNS = 3
PDF_RUNS = 3
CHILD_TIMEOUT_S = 90


@dataclass
class Check:
    name: str
    status: str  # "pass" | "warn" | "fail"
    detail: str
    data: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status != "fail"


@dataclass
class Report:
    checks: list[Check] = field(default_factory=list)
    figures: dict = field(default_factory=dict)

    def add(self, name: str, status: str, detail: str, **data) -> Check:
        check = Check(name, status, detail, data)
        self.checks.append(check)
        return check

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.checks)


# --- the individual checks ---------------------------------------------------------------


def missing_bundled_files() -> list[str]:
    """Bundled files the window and the PDFs need that this installation lacks."""
    from scorecard.ui.app import BUNDLED_FONTS
    from scorecard.ui.icons import KNOWN as ICONS

    wanted = [("resources", "fonts", name) for name in BUNDLED_FONTS]
    wanted += [("resources", "icons", f"{name}.svg") for name in ICONS]
    wanted += [("resources", "styles", "scorecard.qss"), ("data", "kits")]
    root = paths.bundle_root()
    missing = [("/".join(parts)) for parts in wanted if not root.joinpath(*parts).exists()]
    if not missing and not paths.bundled_kits():
        missing.append("data/kits/*.yaml")
    return missing


def check_bundle(report: Report) -> bool:
    missing = missing_bundled_files()
    root = paths.bundle_root()
    if missing:
        report.add("bundled files", "fail", f"missing from {root}: {', '.join(missing)}; reinstall Scorecard",
                   root=str(root), missing=missing)
        return False
    kits = [p.name for p in paths.bundled_kits()]
    report.add("bundled files", "pass", f"fonts, icons, style sheet and {len(kits)} kit(s) in {root}",
               root=str(root), kits=kits)
    return True


def check_data_directory(report: Report, data_dir: Path) -> bool:
    """Writable (a file can be created, synced and removed); on a local file system; with room.

    Creates the folder if it does not exist yet (as the app would); `collect` removes it again.
    """
    from scorecard.filesystems import file_system

    created = not data_dir.exists()
    writable = False
    try:
        data_dir.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".scorecard-self-test-", dir=data_dir)
        try:
            os.write(fd, b"self-test")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(probe)
        writable = True
        report.add("data directory writable", "pass", f"{data_dir} accepts new files",
                   path=str(data_dir), created=created)
    except OSError as exc:
        report.add("data directory writable", "fail",
                   f"cannot write in {data_dir}: {exc.strerror or exc}. Scorecard stores every "
                   f"click there; give your user write access, or choose another folder with "
                   f"{paths.DATA_DIR_ENV} / --db", path=str(data_dir))
    fs = file_system(data_dir)
    if fs.network:
        report.add("local file system", "fail",
                   f"{data_dir} is on a network file system ({fs.type}, mounted at {fs.mount_point}). "
                   "SQLite cannot lock files safely there and a dropped connection can corrupt the "
                   f"database: keep the data on this laptop's own disk ({paths.DATA_DIR_ENV} / --db)",
                   type=fs.type, mount_point=fs.mount_point)
    else:
        status = "pass" if fs.known else "warn"
        what = f"{fs.type}" + (f", mounted at {fs.mount_point}" if fs.mount_point else "")
        report.add("local file system", status,
                   f"{what}" if fs.known else "could not tell the file system type; make sure the "
                   "data directory is not on a network share", type=fs.type, mount_point=fs.mount_point)
    existing = data_dir if data_dir.exists() else next((p for p in data_dir.parents if p.exists()), None)
    if existing is not None:
        free_mb = shutil.disk_usage(existing).free / 1e6
        report.add("free space", "pass" if free_mb >= MIN_FREE_MB else "fail",
                   f"{free_mb / 1000:.1f} GB free" if free_mb >= MIN_FREE_MB else
                   f"only {free_mb:.0f} MB free on the data directory's disk; free at least {MIN_FREE_MB} MB",
                   free_mb=round(free_mb))
    return writable


def make_demo_database(path: Path):
    """A new database at `path` holding the bundled kits and the demo panel; returns (candidate id, name)."""
    from scorecard.services import open_services
    from scorecard.services.demo import fill_demo

    with open_services(path) as services:
        services.kits.import_bundled()
        fill_demo(services)
        # the demo candidate with the most scorecards makes the fullest report
        best = max(services.candidates.all(), key=lambda c: len(services.scoring.for_candidate(c.id)))
        return best.id, best.name


def check_pdf(report: Report, db: Path, candidate_id: str, out_dir: Path) -> None:
    from scorecard.services import open_services

    times, size, pages = [], 0, None
    try:
        with open_services(db) as services:
            for run in range(PDF_RUNS):
                target = out_dir / f"consolidated-{run}.pdf"
                started = time.perf_counter()
                services.export.export_consolidated(candidate_id=candidate_id, out=target)
                times.append(time.perf_counter() - started)
                size = target.stat().st_size
        pages = _count_pages(out_dir / "consolidated-0.pdf")
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        report.add("committee PDF", "fail", f"exporting the demo candidate's report failed: {exc}")
        return
    first_ms = times[0] * 1000
    warm_ms = statistics.median(times[1:]) * 1000 if len(times) > 1 else first_ms
    report.figures.update(pdf_ms=round(warm_ms, 1), pdf_first_ms=round(first_ms, 1), pdf_pages=pages,
                          pdf_bytes=size)
    status = "pass" if warm_ms <= PDF_MS else "warn"
    report.add("committee PDF", status,
               f"{warm_ms / 1000:.2f} s for the demo candidate's consolidated report"
               f"{f' ({pages} pages)' if pages else ''}; the first export in a session, loading fonts, "
               f"{first_ms / 1000:.2f} s (target: under {PDF_MS / 1000:.1f} s)",
               pdf_ms=round(warm_ms, 1), pdf_first_ms=round(first_ms, 1))


def _count_pages(pdf: Path) -> int | None:
    """Pages of a PDF we wrote ourselves (ReportLab writes `/Type /Page` once per page)."""
    try:
        data = pdf.read_bytes()
    except OSError:
        return None
    return data.count(b"/Type /Page\n") + data.count(b"/Type /Page ") + data.count(b"/Type /Page>") or None


def check_saves(report: Report, demo_db: Path, data_dir: Path, count: int) -> None:
    """Single-interaction saves through the scoring service, in a scratch copy beside the real database."""
    from scorecard.services import open_services
    from scorecard.services.self_check import floor_commit_times, percentile, remove_database_files, save_times

    scratch = data_dir / f".scorecard-self-test-{os.getpid()}-{time.time_ns()}.sqlite3"
    try:
        shutil.copy2(demo_db, scratch)
        with open_services(scratch) as services:
            times = save_times(services, count)
        floor = floor_commit_times(data_dir, count, name=".scorecard-self-test-floor")
    except Exception as exc:  # noqa: BLE001 - any failure is the finding
        report.add("save latency", "fail", f"saving in {data_dir} failed: {exc}")
        return
    finally:
        remove_database_files(scratch)
    p50, p99 = statistics.median(times) * 1000, percentile(times, 0.99) * 1000
    floor_p50 = statistics.median(floor) * 1000
    ratio = p50 / floor_p50 if floor_p50 else None
    report.figures.update(save_p50_ms=round(p50, 3), save_p99_ms=round(p99, 3), save_max_ms=round(max(times) * 1000, 3),
                          save_count=len(times), save_floor_p50_ms=round(floor_p50, 3),
                          save_ratio=round(ratio, 2) if ratio else None)
    slow = p99 > SAVE_P99_MS or (ratio is not None and ratio > SAVE_RATIO)
    report.add("save latency", "warn" if slow else "pass",
               f"median {p50:.2f} ms, p99 {p99:.2f} ms over {len(times)} saves in {data_dir}; a raw one-row "
               f"commit there takes {floor_p50:.2f} ms ({ratio:.1f}×) (targets: p99 under {SAVE_P99_MS:.0f} ms, "
               f"at most {SAVE_RATIO:.0f}× the raw commit)",
               p50_ms=round(p50, 3), p99_ms=round(p99, 3))


def _command() -> list[str]:
    """How to start this very installation of Scorecard."""
    if getattr(sys, "frozen", False):
        return [sys.executable]
    return [sys.executable, "-m", "scorecard"]


def _spawn_probe(args: list[str], env: dict, mode: str) -> dict:
    env = {**env, PROBE_ENV: mode}
    env[PROBE_T0_ENV] = repr(time.time())
    try:
        proc = subprocess.run([*_command(), *args], env=env, capture_output=True, text=True,
                              timeout=CHILD_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"ok": False, "error": f"no window within {CHILD_TIMEOUT_S} s"}
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(PROBE_PREFIX):
            result = json.loads(line[len(PROBE_PREFIX):])
            result["returncode"] = proc.returncode
            return result
    tail = (proc.stderr or proc.stdout).strip().splitlines()[-6:]
    return {"ok": False, "returncode": proc.returncode, "error": " / ".join(tail) or "the app printed nothing"}


def check_window(report: Report, demo_db: Path, work: Path, *, offscreen: bool, expected_rows: int,
                 runs: int = WINDOW_RUNS) -> None:
    """Open the real main window on the demo copy `runs` times, beside as many empty Qt windows."""
    data = work / "gui-data"
    (data / "settings").mkdir(parents=True, exist_ok=True)
    (data / "settings" / "scorecard.ini").write_text("[interviewer]\nname=Scorecard self-test\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k not in (paths.DB_ENV, PROBE_ENV, PROBE_T0_ENV)}
    env[paths.DATA_DIR_ENV] = str(data)
    if offscreen or _no_display():
        env["QT_QPA_PLATFORM"] = "offscreen"
    apps, bares = [], []
    for _ in range(runs):  # interleaved, so both see the same machine load
        bares.append(_spawn_probe([], env, "bare"))
        apps.append(_spawn_probe(["--db", str(demo_db), "gui"], env, "1"))
    failed = next((r for r in apps if not r.get("ok")), None)
    if failed is not None:
        report.add("main window", "fail",
                   f"the main window did not open on the demo database: {failed.get('error')}. "
                   "If this mentions a Qt platform plugin, a library Qt needs is missing", probe=failed)
        return
    rows = apps[-1].get("rows")
    platform_name = apps[-1].get("platform")
    status = "pass" if rows == expected_rows and apps[-1].get("search_text") == "a" else "fail"
    report.add("main window", status,
               f"opened ({platform_name}) with {rows} of {expected_rows} demo candidates and handled a key press",
               platform=platform_name, rows=rows)
    first = statistics.median(r["first_paint_ms"] for r in apps)
    ready = statistics.median(r["startup_ms"] for r in apps)
    good_bares = [r["first_paint_ms"] for r in bares if r.get("ok")]
    floor = statistics.median(good_bares) if good_bares else None
    peak = max((r.get("peak_rss_mb") or 0) for r in apps) or None
    report.figures.update(
        first_paint_ms=round(first, 1), startup_ms=round(ready, 1),
        bare_window_ms=round(floor, 1) if floor else None,
        first_paint_ratio=round(first / floor, 2) if floor else None,
        startup_ratio=round(ready / floor, 2) if floor else None,
        window_peak_rss_mb=peak, window_runs=runs, qt_platform=platform_name,
    )
    if floor:
        slow = first > FIRST_PAINT_RATIO * floor or ready > READY_RATIO * floor
        detail = (f"first paint {first:.0f} ms, ready for input {ready:.0f} ms after the process started; "
                  f"an empty Qt window takes {floor:.0f} ms here ({first / floor:.1f}×, {ready / floor:.1f}×; "
                  f"targets: {FIRST_PAINT_RATIO}×, {READY_RATIO:.0f}×; medians of {runs})")
    else:
        slow, detail = False, f"first paint {first:.0f} ms, ready for input {ready:.0f} ms (no empty-window floor)"
    report.add("start-up time", "warn" if slow else "pass", detail,
               first_paint_ms=round(first, 1), startup_ms=round(ready, 1))


def _no_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return False
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        return not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return False


# --- running and printing -------------------------------------------------------------------


def collect(db_path: Path, *, offscreen: bool = False, saves: int = 300, runs: int = WINDOW_RUNS) -> dict:
    """Run every check; the result is what `--json` prints."""
    from scorecard.services.self_check import SCHEMA_REVISION

    started = time.perf_counter()
    report = Report()
    data_dir = db_path.parent
    missing_dirs = [p for p in (data_dir, *data_dir.parents) if not p.exists()]
    bundle_ok = check_bundle(report)
    writable = check_data_directory(report, data_dir)
    work = Path(tempfile.mkdtemp(prefix="scorecard-self-test-"))
    try:
        demo_db = work / "demo.sqlite3"
        candidate = None
        if bundle_ok:
            try:
                candidate = make_demo_database(demo_db)
                report.add("demo database", "pass", f"built a temporary demo panel in {work}")
            except Exception as exc:  # noqa: BLE001 - any failure is the finding
                report.add("demo database", "fail", f"could not build the temporary demo database: {exc}")
        if candidate is not None:
            check_window(report, demo_db, work, offscreen=offscreen, expected_rows=_demo_rows(), runs=runs)
            if writable:
                check_saves(report, demo_db, data_dir, saves)
            else:
                report.add("save latency", "fail", "not measured: the data directory is not writable")
            check_pdf(report, demo_db, candidate[0], work / "pdf")
    finally:
        shutil.rmtree(work, ignore_errors=True)
        for folder in missing_dirs:  # leave no trace: the app creates its folder on first start
            try:
                folder.rmdir()
            except OSError:
                break
    figures = {key: report.figures.get(key) for key in (
        "first_paint_ms", "startup_ms", "save_p50_ms", "save_p99_ms", "pdf_ms")}
    return {
        "ok": report.ok,
        "version": __version__,
        **figures,
        "checks": [{"name": c.name, "ok": c.ok, "status": c.status, "detail": c.detail, **c.data}
                   for c in report.checks],
        "figures": report.figures,
        "data_dir": str(data_dir),
        "database": str(db_path),
        "database_exists": db_path.exists(),
        "schema_revision": SCHEMA_REVISION,
        "frozen": bool(getattr(sys, "frozen", False)),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()} {platform.machine()}",
        "cpus": os.cpu_count(),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _demo_rows() -> int:
    from scorecard.services.demo import CANDIDATES

    return len(CANDIDATES)


def format_report(result: dict) -> str:
    lines = [
        f"Scorecard {result['version']} self-test — {result['system']}, Python {result['python']}"
        f"{', standalone build' if result['frozen'] else ''}",
        f"Data directory: {result['data_dir']}",
        f"Database:       {result['database']} "
        f"({'exists; not opened by this test' if result['database_exists'] else 'not created yet'})",
        "",
    ]
    width = max(len(c["name"]) for c in result["checks"]) if result["checks"] else 0
    for c in result["checks"]:
        lines.append(f"{c['status'].upper():4}  {c['name']:<{width}}  {c['detail']}")
    failed = [c["name"] for c in result["checks"] if not c["ok"]]
    warned = [c["name"] for c in result["checks"] if c["status"] == "warn"]
    lines.append("")
    if failed:
        lines.append(f"NOT READY: {len(failed)} check(s) failed: {', '.join(failed)}.")
    elif warned:
        lines.append(f"Ready, with warnings ({', '.join(warned)}); took {result['seconds']} s.")
    else:
        lines.append(f"All checks passed in {result['seconds']} s.")
    return "\n".join(lines)


def run_self_test(db_path: Path, *, as_json: bool = False, offscreen: bool = False, saves: int = 300,
                  runs: int = WINDOW_RUNS) -> int:
    result = collect(db_path, offscreen=offscreen, saves=max(10, saves), runs=max(1, runs))
    if as_json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_report(result))
    return 0 if result["ok"] else 1
