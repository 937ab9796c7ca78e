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
