"""The Debian packages in scripts/system-deps.txt cover what Qt's platform plugins load.

A fresh Debian lacked libxcb-icccm4 and libxcb-keysyms1, so `./dev app` could not open a window
while every (offscreen) test passed. These checks read the ELF files themselves: every shared
library that the PySide6 modules the app imports, Qt's xcb and offscreen platform plugins and
the Qt libraries they pull in need from the system must be on the list, and on this machine
`ldd` must find every one of them.
"""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.system import elf, system_deps

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the list is for Debian/Linux")


def pyside_dir() -> Path:
    spec = importlib.util.find_spec("PySide6")
    assert spec is not None and spec.origin
    return Path(spec.origin).parent


def xcb_plugin() -> Path:
    plugin = pyside_dir() / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        pytest.skip(f"this PySide6 has no xcb platform plugin ({plugin} is absent)")
    return plugin


def roots() -> list[Path]:
    base = pyside_dir()
    plugins = base / "Qt" / "plugins"
    return [
        xcb_plugin(),
        plugins / "platforms" / "libqoffscreen.so",
        *sorted((plugins / "xcbglintegrations").glob("*.so")),
        *(next(base.glob(f"{module}.*.so")) for module in ("QtCore", "QtGui", "QtWidgets")),
    ]


def bundled_dirs() -> list[Path]:
    base = pyside_dir()
    return [base / "Qt" / "lib", base, base.parent / "shiboken6"]


def test_the_list_names_every_system_library_qt_needs():
    needs = elf.system_needs(roots(), bundled_dirs())
    listed = system_deps.libraries()
    missing = sorted(f"{soname} (needed by {by})" for soname, by in needs.items() if soname not in listed)
    assert not missing, (
        "scripts/system-deps.txt misses shared libraries Qt needs; add a `lib SONAME PACKAGE` line for: "
        + ", ".join(missing)
    )
    # the libraries this issue was about are among them
    assert {"libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libxcb-cursor.so.0"} <= needs.keys()


def test_every_listed_library_is_still_needed():
    needs = elf.system_needs(roots(), bundled_dirs())
    stale = sorted(name for name in system_deps.libraries() if name not in needs)
    assert not stale, f"scripts/system-deps.txt lists libraries nothing needs any more: {', '.join(stale)}"


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd is not installed")
def test_ldd_finds_every_library_of_the_xcb_plugin():
    packages = system_deps.libraries()
    for root in roots():
        out = subprocess.run(["ldd", str(root)], capture_output=True, text=True, check=False).stdout
        absent = sorted({line.split()[0] for line in out.splitlines() if "not found" in line})
        named = [f"{soname} (package {packages.get(soname, 'not on the list')})" for soname in absent]
        assert not absent, (
            f"{root.name} cannot load on this machine; missing: {', '.join(named)}. "
            "Run: sudo scripts/install-system-deps"
        )


def test_the_list_is_well_formed():
    deps = system_deps.read()
    assert deps
    for dep in deps:
        assert dep.kind in {"lib", "tool", "file"}, f"system-deps.txt line {dep.line}: kind must be lib, tool or file"
        assert dep.package.islower(), f"system-deps.txt line {dep.line}: Debian package names are lower case"
    assert {"xvfb", "xdotool", "poppler-utils"} <= {d.package for d in deps if d.kind == "tool"}
