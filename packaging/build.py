#!/usr/bin/env python3
"""Build the standalone one-folder Scorecard for this operating system: dist/scorecard/.

    python3 packaging/build.py            # build, then run the bundle's self-test
    python3 packaging/build.py --no-test  # build only

Steps:
1. a separate build environment (build/venv-<os>) with exactly the app's locked runtime
   dependencies plus PyInstaller — no dev or benchmark packages, so nothing like
   WeasyPrint can leak into the bundle;
2. PyInstaller with packaging/scorecard.spec into dist/scorecard/;
3. checks of the result: no benchmark or test package inside, the expected Qt platform
   plugins present, and (unless --no-test) `scorecard self-test --json` run from the built
   folder with a clean environment (no virtual environment on the PATH, no PYTHONPATH).

Only the standard library is used here; uv (https://docs.astral.sh/uv/) must be installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
BUNDLE = DIST / "scorecard"
WORK = ROOT / "build"
IS_WINDOWS = sys.platform == "win32"
#: Packages that must never be in the bundle (test and benchmark tools).
FORBIDDEN = ("weasyprint", "pytest", "_pytest", "pytestqt", "pypdf", "importlinter", "pydyf", "tinycss2")


def log(message: str) -> None:
    print(f"build: {message}", file=sys.stderr, flush=True)


def find_uv() -> list[str]:
    for candidate in (shutil.which("uv"), str(Path.home() / ".local" / "bin" / "uv")):
        if candidate and Path(candidate).exists():
            return [candidate]
    probe = subprocess.run([sys.executable, "-m", "uv", "--version"], capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "uv"]
    raise SystemExit("build: uv is not installed; install it (pip install --user uv) and run again")


def build_environment(uv: list[str]) -> Path:
    """Sync build/venv-<os> with the locked runtime dependencies and PyInstaller; returns its python."""
    venv = WORK / f"venv-{sys.platform}"
    env = {**os.environ, "UV_PROJECT_ENVIRONMENT": str(venv), "UV_COMPILE_BYTECODE": "1"}
    env.pop("VIRTUAL_ENV", None)
    log(f"syncing the build environment {venv.relative_to(ROOT)} (runtime dependencies + PyInstaller)…")
    subprocess.run([*uv, "sync", "--frozen", "--no-default-groups", "--group", "packaging"],
                   cwd=ROOT, env=env, check=True)
    python = venv / ("Scripts/python.exe" if IS_WINDOWS else "bin/python")
    if not python.exists():
        raise SystemExit(f"build: no python in {venv}")
    return python


def run_pyinstaller(python: Path) -> None:
    log("running PyInstaller (a few minutes)…")
    if BUNDLE.exists():
        shutil.rmtree(BUNDLE)
    subprocess.run(
        [str(python), "-m", "PyInstaller", str(ROOT / "packaging" / "scorecard.spec"),
         "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller")],
        cwd=ROOT, check=True,
    )


def executable() -> Path:
    return BUNDLE / ("scorecard-cli.exe" if IS_WINDOWS else "scorecard")


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def inspect_bundle() -> dict:
    """What the folder holds: size, Qt platform plugins, and no forbidden package."""
    if not executable().exists():
        raise SystemExit(f"build: {executable()} was not built")
    internal = BUNDLE / "_internal"
    names = {p.name.lower() for p in internal.rglob("*")}
    leaked = sorted(f for f in FORBIDDEN if f in names or any(n.startswith(f + "-") for n in names))
    if leaked:
        raise SystemExit(f"build: packages that must not ship are in the bundle: {', '.join(leaked)}")
    platforms = sorted(p.name for p in internal.rglob("platforms/*") if p.is_file())
    missing = unresolved_libraries(internal) if sys.platform.startswith("linux") else []
    if missing:
        log(f"WARNING: not bundled, so needed on every laptop: {', '.join(missing)} (Qt's xcb plugin); "
            "install them on the build machine (sudo scripts/install-system-deps: libxcb-icccm4, libxcb-keysyms1, "
            "libxcb-cursor0 and the rest of scripts/system-deps.txt) and build again")
    for need in ("resources/fonts/DejaVuSans.ttf", "resources/icons/scorecard.svg", "data/kits",
                 "scorecard/storage/migrations/env.py"):
        if not (internal / need).exists():
            raise SystemExit(f"build: {need} is missing from the bundle")
    return {"size_mb": round(folder_size(BUNDLE) / 1e6, 1), "platform_plugins": platforms,
            "unbundled_libraries": missing}


def unresolved_libraries(internal: Path) -> list[str]:
    """Shared libraries the xcb platform plugin needs that neither the bundle nor the system has."""
    plugin = next(internal.rglob("platforms/libqxcb.so"), None)
    if plugin is None or not shutil.which("ldd"):
        return []
    paths = [str(internal), str(internal / "PySide6" / "Qt" / "lib")]
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(paths)}
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
    return sorted({line.split()[0] for line in out.splitlines() if "not found" in line})


def clean_environment(home: Path) -> dict:
    """What a locked-down laptop has: a system PATH without any virtual environment or Python of ours."""
    keep = ("SYSTEMROOT", "WINDIR", "TEMP", "TMP", "LANG", "LC_ALL", "DISPLAY", "WAYLAND_DISPLAY",
            "XDG_RUNTIME_DIR", "QT_QPA_PLATFORM")
    env = {k: os.environ[k] for k in keep if k in os.environ}
    env["PATH"] = os.pathsep.join(
        [r"C:\Windows\system32", r"C:\Windows"] if IS_WINDOWS else ["/usr/bin", "/bin"])
    env["HOME"] = env["USERPROFILE"] = str(home)
    env["SCORECARD_DATA_DIR"] = str(home / "data")
    return env


def self_test(offscreen: bool) -> dict:
    """Run the built folder's self-test as a user without Python would; returns its JSON."""
    with tempfile.TemporaryDirectory(prefix="scorecard-bundle-test-") as tmp:
        home = Path(tmp)
        env = clean_environment(home)
        if offscreen:
            env["QT_QPA_PLATFORM"] = "offscreen"
        log(f"running {executable().relative_to(ROOT)} self-test --json from the built folder…")
        started = time.perf_counter()
        proc = subprocess.run([str(executable()), "self-test", "--json"], cwd=home, env=env,
                              capture_output=True, text=True, timeout=600)
        log(f"self-test finished in {time.perf_counter() - started:.1f} s with exit status {proc.returncode}")
        if proc.stderr.strip():
            print(proc.stderr, file=sys.stderr)
        try:
            result = json.loads(proc.stdout)
        except json.JSONDecodeError:
            print(proc.stdout)
            raise SystemExit("build: the self-test printed no JSON") from None
        result["exit_status"] = proc.returncode
        return result


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the one-folder Scorecard for this OS into dist/scorecard/.")
    parser.add_argument("--no-test", action="store_true", help="do not run the built folder's self-test")
    parser.add_argument("--offscreen", action="store_true",
                        help="run the self-test's window off screen (CI; the default without a display)")
    parser.add_argument("--skip-build", action="store_true", help="only check and self-test an existing dist/scorecard")
    parser.add_argument("--report", type=Path, metavar="FILE.json", help="also write the self-test JSON here")
    args = parser.parse_args()

    started = time.perf_counter()
    if not args.skip_build:
        python = build_environment(find_uv())
        run_pyinstaller(python)
        log(f"built in {time.perf_counter() - started:.0f} s")
    facts = inspect_bundle()
    log(f"{BUNDLE.relative_to(ROOT)}: {facts['size_mb']} MB on {platform.system()}, "
        f"Qt platform plugins: {', '.join(facts['platform_plugins'])}")
    if args.no_test:
        return 0
    result = self_test(args.offscreen)
    result["bundle"] = facts
    if args.report:
        args.report.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(result, indent=2, ensure_ascii=False))
    checks = result.get("checks", [])
    for check in checks:
        log(f"{check['status'].upper():4}  {check['name']}: {check['detail']}")
    failed = sum(1 for c in checks if not c["ok"])
    print(f"self-test: {len(checks) - failed} passed, {failed} failed", flush=True)
    if not result.get("ok") or result["exit_status"] != 0:
        log("the built folder's self-test did NOT pass")
        return 1
    log("the built folder's self-test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
