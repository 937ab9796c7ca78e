"""Smoke test on a real X display: the app opens on Qt's `xcb` platform, not the offscreen one.

Every other test runs offscreen, so a library only the xcb plugin loads (libxcb-icccm4 was one)
could be missing while everything passed. Here an X server (Xvfb) runs, the app starts as a
user starts it — from source (`python -m scorecard`) and, when it has been built, the standalone
folder (`dist/scorecard/scorecard`, or the path in SCORECARD_BUNDLE) — and real key presses
(xdotool, through the X server's XTEST extension) take it through a first day: type the
interviewer's name in the first-launch prompt, choose a candidate and a round, tick an
indicator, rate, type a note (with an Alt+E slip and a lone Alt in the middle: the menu bar
must not take the keys), go to the next item and rate, quit with Ctrl+Q. The process must
exit with status 0 and the database must hold exactly that.

Without Xvfb or xdotool the tests are skipped, except in CI (CI=true), where they fail: CI
installs both with scripts/install-system-deps. A library the plugin cannot load fails the test
with its name (from ldd) and the Debian package that provides it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.system import system_deps

pytestmark = [
    pytest.mark.real_display,
    pytest.mark.slow,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Xvfb is for Linux"),
]

ROOT = Path(__file__).resolve().parents[2]
NAME = "Smoke Tester"
NOTE = "she said hi"
MORE = " and quit"  # 's', 'q': a menu's mnemonic or Quit, had the menu bar kept the keyboard
SCREEN = "1280x720x24"
TIMEOUT = 30.0


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_tools() -> None:
    missing = [t for t in ("Xvfb", "xdotool") if shutil.which(t) is None]
    if missing:
        message = (f"{' and '.join(missing)} not installed (packages "
                   f"{', '.join(system_deps.tools()[t] for t in missing)}; run sudo scripts/install-system-deps)")
        if in_ci():
            pytest.fail(f"the real-display test must run in CI: {message}")
        pytest.skip(message)


@pytest.fixture(scope="module")
def x_display() -> Iterator[str]:
    """An Xvfb server of its own (first free display number); its DISPLAY value."""
    need_tools()
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", SCREEN, "-nolisten", "tcp"],
        pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    if not number:
        server.kill()
        pytest.fail(f"Xvfb did not start: {server.stderr.read().decode(errors='replace')[-2000:]}")
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


class Xdo:
    """xdotool on one display: real key presses through the X server."""

    def __init__(self, display: str):
        self.env = {**os.environ, "DISPLAY": display}

    def run(self, *args: str) -> str:
        return subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True,
                              timeout=TIMEOUT).stdout.strip()

    def focused_title(self) -> str:
        return self.run("getwindowfocus", "getwindowname")

    def wait_focus(self, contains: str, app: subprocess.Popen, what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            if contains in self.focused_title():
                return
            if app.poll() is not None:
                raise AppDied(what)
            time.sleep(0.1)
        raise TimeoutError(f"{what}: the focused window is {self.focused_title()!r}, not one with {contains!r}")

    def keys(self, *names: str) -> None:
        self.run("key", "--delay", "40", *names)

    def type(self, text: str) -> None:
        self.run("type", "--delay", "30", text)


class AppDied(Exception):
    pass


def unloadable_libraries(plugin: Path | None, library_dirs: list[Path]) -> list[str]:
    """What ldd cannot find for the xcb plugin, each with the Debian package that has it."""
    if plugin is None or shutil.which("ldd") is None:
        return []
    env = {**os.environ, "LD_LIBRARY_PATH": os.pathsep.join(str(d) for d in library_dirs)}
    out = subprocess.run(["ldd", str(plugin)], capture_output=True, text=True, env=env).stdout
    packages = system_deps.libraries()
    return sorted(f"{line.split()[0]} (Debian package {packages.get(line.split()[0], '?')})"
                  for line in out.splitlines() if "not found" in line)


def source_plugin() -> tuple[Path | None, list[Path]]:
    import PySide6

    base = Path(PySide6.__file__).parent
    plugin = base / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return (plugin if plugin.exists() else None), [base / "Qt" / "lib"]


def bundle_plugin(executable: Path) -> tuple[Path | None, list[Path]]:
    internal = executable.parent / "_internal"
    plugin = next(internal.rglob("platforms/libqxcb.so"), None)
    return plugin, [internal, internal / "PySide6" / "Qt" / "lib"]


def first_day(command: list[str], env: dict, tmp_path: Path, display: str,
              plugin: tuple[Path | None, list[Path]]) -> Path:
    """Run the app on the display through a first day by keyboard; returns its database."""
    missing = unloadable_libraries(*plugin)
    assert not missing, f"Qt's xcb platform plugin cannot load; missing: {', '.join(missing)}"
    db = tmp_path / "scorecard.sqlite3"
    env = {**env, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb", "SCORECARD_DATA_DIR": str(tmp_path / "data"),
           "LANG": "C.UTF-8"}
    env.pop("SCORECARD_DB", None)
    filled = subprocess.run([*command, "--db", str(db), "demo"], env=env, capture_output=True, text=True,
                            timeout=120)
    assert filled.returncode == 0, filled.stderr
    xdo = Xdo(display)
    app = subprocess.Popen([*command, "--db", str(db)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True)
    try:
        # first launch: the name prompt has the keyboard, over the main window
        xdo.wait_focus("Your name", app, "the first-launch name prompt")
        xdo.type(NAME)
        xdo.keys("Return")
        xdo.wait_focus(NAME, app, "the main window after the name prompt")
        # candidate list: search field → table → the first candidate's rounds → the 4th round
        xdo.keys("Down", "Return", "Down", "Down", "Down", "Return")
        # scoring: tick +1, rate the middle step, write a note, next item, rate its lowest step
        xdo.keys("ctrl+1", "F6")
        xdo.type(NOTE)
        # slips that must not take the keyboard away from the notes: Alt+E (for Ctrl+E), Alt alone
        xdo.keys("alt+e", "alt")
        xdo.type(MORE)
        xdo.keys("ctrl+Next", "F5", "ctrl+q")
        out, err = app.communicate(timeout=TIMEOUT)
    except AppDied:
        out, err = app.communicate()
        missing = unloadable_libraries(*plugin)
        pytest.fail(f"the app exited with status {app.returncode} before its window took the keyboard"
                    f"{'; missing libraries: ' + ', '.join(missing) if missing else ''}\n{err[-3000:]}")
    finally:
        if app.poll() is None:
            app.kill()
            app.communicate()
    assert app.returncode == 0, f"the app did not quit cleanly (status {app.returncode}):\n{err[-3000:]}"
    assert "Traceback" not in err, err[-3000:]
    return db


def check_round(db: Path) -> None:
    from scorecard.services import open_services

    with open_services(db) as services:
        cards = [card for c in services.candidates.all() for card in services.scoring.for_candidate(c.id)
                 if card.interviewer == NAME]
        assert len(cards) == 1, f"expected one scorecard by {NAME}, found {len(cards)}"
        card = cards[0]
        kit = services.scoring.kit_for(card)
        items = kit.items_in(card.round_id)
        assert card.round_id == "recruiter-screen"
        first, second = card.responses[items[0].id], card.responses[items[1].id]
        assert first.checked == {"p1"}
        assert first.notes == NOTE + MORE
        assert first.rating == kit.scale_for(items[0]).steps[1].id
        assert second.rating == kit.scale_for(items[1]).steps[0].id


def test_app_from_source_on_a_real_display(x_display, tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    db = first_day([sys.executable, "-m", "scorecard"], env, tmp_path, x_display, source_plugin())
    check_round(db)


def test_standalone_bundle_on_a_real_display(x_display, tmp_path):
    given = os.environ.get("SCORECARD_BUNDLE")
    executable = Path(given) if given else ROOT / "dist" / "scorecard" / "scorecard"
    if not executable.is_absolute():
        executable = ROOT / executable
    if not executable.exists():
        if given:
            pytest.fail(f"SCORECARD_BUNDLE={given}: no such file; build it with ./dev bundle")
        pytest.skip("no standalone build in dist/scorecard (./dev bundle builds it; CI runs this after it)")
    home = tmp_path / "home"
    home.mkdir()
    # what a laptop without Python has: no virtual environment or project on the PATH
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home)}
    db = first_day([str(executable)], env, tmp_path, x_display, bundle_plugin(executable))
    check_round(db)
