"""What every command needs: the database path from the arguments, and the services on it.

Its own module so that command modules (kit_commands, ...) and main.py import it without
importing each other.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from scorecard import paths


def database_path(args: argparse.Namespace) -> Path:
    return paths.database_path(args.db)


def open_services(args: argparse.Namespace):
    """Open the database, importing the bundled kits on first use."""
    from scorecard.services import open_services as _open

    services = _open(database_path(args))
    services.kits.import_bundled()
    return services
