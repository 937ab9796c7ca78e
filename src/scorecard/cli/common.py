"""What every command needs: the database path from the arguments, and the services on it.

Its own module so that command modules (kit_commands, ...) and main.py import it without
importing each other.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scorecard import paths


class UserError(Exception):
    """A failure the user can fix; its message is printed as it is."""


def database_path(args: argparse.Namespace) -> Path:
    return paths.database_path(args.db)


def open_services(args: argparse.Namespace):
    """Open the database, importing the bundled kits on first use."""
    from scorecard.services import open_services as _open

    services = _open(database_path(args))
    if services.db.recovery_note:
        print(f"scorecard: warning: {services.db.recovery_note}", file=sys.stderr)
    try:
        services.require_sound()  # a damaged file is never written to (not even the bundled kits)
    except Exception:
        services.close()
        raise
    services.kits.import_bundled()
    return services


def refuse_while_window_open(path: Path, *, doing: str, in_window: str) -> None:
    """Writing commands that replace or remove what an open window holds in memory (restore, erase,
    discard) refuse while a Scorecard window has the file; the window can do the same itself."""
    from scorecard.services import held_by_window

    if held_by_window(path):
        raise UserError(f"a Scorecard window has {path} open; {in_window}, or close the window and {doing} "
                        "again. Nothing was changed.")
