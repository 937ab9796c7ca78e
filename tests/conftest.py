"""Test-wide safety: headless Qt, and no test may touch the user's real data directory."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest
from platformdirs import user_config_dir, user_data_dir

# Must be set before any QApplication exists; without a display Qt would abort the process.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Where the real per-user files would go, computed before any test changes the environment.
_REAL_DIRS = [
    Path(user_data_dir("Scorecard", appauthor=False, roaming=False)),
    Path(user_config_dir("Scorecard", appauthor=False, roaming=False)),
]
_SESSION_START = time.time()


def _touched_since(path: Path, since: float) -> bool:
    if not path.exists():
        return False
    return any(p.stat().st_mtime >= since for p in [path, *path.rglob("*")])


@pytest.fixture(autouse=True)
def isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Point every per-user location at a temporary folder; fail a test that writes to the real one."""
    root = tmp_path_factory.mktemp("user")
    monkeypatch.setenv("SCORECARD_DATA_DIR", str(root / "data"))
    monkeypatch.delenv("SCORECARD_DB", raising=False)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(var, str(root / var.lower()))
    started = time.time()
    yield root
    for real in _REAL_DIRS:
        assert not _touched_since(real, started), f"a test wrote to the real user directory {real}"


@pytest.fixture
def services(tmp_path):
    """Services on a fresh temporary database holding the small test kit."""
    from scorecard.services import open_services
    from tests.factories import mini_kit

    svc = open_services(tmp_path / "test.sqlite3")
    svc.kits.import_kit(mini_kit(), source_name="mini.yaml", source_text="# built in tests")
    yield svc
    svc.close()


_REAL_SOCKET = socket.socket


class _NoNetworkSocket(_REAL_SOCKET):
    """A socket that refuses to be an internet socket: the app never opens a network connection."""

    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if family in (socket.AF_INET, socket.AF_INET6) or (family == -1 and fileno is None):
            raise AssertionError(
                f"a test opened a network socket (family {family!r}); Scorecard never uses the network"
            )
        super().__init__(family, type, proto, fileno)


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that opens an AF_INET/AF_INET6 socket (Unix sockets, e.g. Qt's, stay allowed)."""
    monkeypatch.setattr(socket, "socket", _NoNetworkSocket)
    yield
