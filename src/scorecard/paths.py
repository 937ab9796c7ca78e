"""The only module that knows where things live.

Two kinds of places:
- bundled, read-only files (`resources/`, `data/`) that ship with the app — found in a
  PyInstaller bundle, an installed wheel, or the source checkout, in that order;
- per-user, writable places (the database) — chosen by `--db`, then `SCORECARD_DB`,
  then the platform's user data directory.

Nothing is resolved at import time: callers pass the arguments and environment in.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path

APP_NAME = "Scorecard"
DB_ENV = "SCORECARD_DB"
DATA_DIR_ENV = "SCORECARD_DATA_DIR"
DB_FILENAME = "scorecard.sqlite3"

#: Top-level bundled folders, as they sit in the source checkout.
_BUNDLED_TOPS = ("resources", "data")


class InvalidDatabasePath(ValueError):
    """`--db` or SCORECARD_DB was given but names no file."""


class UnknownResource(LookupError):
    """A bundled file was asked for by a name that does not exist."""


def bundle_root() -> Path:
    """The folder that holds `resources/` and `data/` for this installation."""
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen)
    wheel = Path(__file__).resolve().parent / "_bundled"
    if wheel.is_dir():
        return wheel
    return Path(__file__).resolve().parents[2]


def bundled(*parts: str) -> Path:
    """A bundled file, e.g. `bundled("resources", "fonts", "DejaVuSans.ttf")`.

    An unknown name raises `UnknownResource` listing what does exist beside it,
    so a typo is found at once rather than as a missing font deep in a PDF.
    """
    if not parts or parts[0] not in _BUNDLED_TOPS:
        raise UnknownResource(f"bundled paths start with one of {_BUNDLED_TOPS}, got {parts!r}")
    path = bundle_root().joinpath(*parts)
    if not path.exists():
        parent = path.parent
        known = sorted(p.name for p in parent.iterdir()) if parent.is_dir() else []
        raise UnknownResource(f"no bundled file {'/'.join(parts)!r}; {parent} holds: {known}")
    return path


def bundled_kits() -> list[Path]:
    return sorted(bundled("data", "kits").glob("*.yaml"))


def user_data_dir(env: Mapping[str, str] | None = None) -> Path:
    """Per-user data directory; `SCORECARD_DATA_DIR` overrides it (tests, portable installs)."""
    env = os.environ if env is None else env
    if env.get(DATA_DIR_ENV):
        return Path(env[DATA_DIR_ENV])
    from platformdirs import user_data_dir as _platform_dir

    return Path(_platform_dir(APP_NAME, appauthor=False, roaming=False))


def user_log_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where logs and crash reports go: the user's own data directory, never the shared temp folder."""
    return user_data_dir(env) / "logs"


def user_config_dir(env: Mapping[str, str] | None = None) -> Path:
    """Where per-user settings live (the interviewer's name); beside the data by default."""
    return user_data_dir(env) / "settings"


def database_path(cli_db: str | os.PathLike | None = None, env: Mapping[str, str] | None = None) -> Path:
    """The database file: `--db`, else `SCORECARD_DB`, else the user data directory's default file."""
    env = os.environ if env is None else env
    if cli_db is not None:
        if not str(cli_db).strip():
            # An empty --db "$UNSET" must not silently open the real database.
            raise InvalidDatabasePath("--db was given an empty path; name a database file")
        return Path(cli_db).expanduser()
    if env.get(DB_ENV) is not None:
        if not env[DB_ENV].strip():
            raise InvalidDatabasePath(f"{DB_ENV} is set but empty; unset it or name a database file")
        return Path(env[DB_ENV]).expanduser()
    return user_data_dir(env) / DB_FILENAME
