"""`scorecard backup create|list|restore ID|second-folder`: the database's backups from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_backup_parser(sub) -> None:
    backup = sub.add_parser(
        "backup",
        help="make, list or restore backups of the database",
        description="Backups live in a 'backups' folder beside the database. Each one is checked "
                    "before it gets its name, so a backup that exists is a good one.",
    )
    actions = backup.add_subparsers(dest="backup_command", metavar="ACTION", required=True)
    create = actions.add_parser("create", help="make a backup now")
    create.set_defaults(func=cmd_backup_create)
    listing = actions.add_parser("list", help="list the backups, newest first")
    listing.set_defaults(func=cmd_backup_list)
    restore = actions.add_parser(
        "restore", help="put a backup in place of the database (the current file is backed up first)"
    )
    restore.add_argument("backup_id", metavar="ID", help="a backup id from `scorecard backup list`")
    restore.set_defaults(func=cmd_backup_restore)
    second = actions.add_parser("second-folder", help="show, set or clear a second folder (e.g. a USB stick)")
    second.add_argument("folder", nargs="?", type=Path, metavar="FOLDER")
    second.add_argument("--off", action="store_true", help="stop copying backups to a second folder")
    second.set_defaults(func=cmd_backup_second_folder)


def _db_path(args: argparse.Namespace) -> Path:
    from scorecard import paths

    return paths.database_path(args.db)


def cmd_backup_create(args: argparse.Namespace) -> int:
    from scorecard.services import open_services

    with open_services(_db_path(args)) as services:
        result = services.backups.create(reason="manual")
    print(f"Backup {result.backup.id} written to {result.backup.path}")
    if result.second is not None:
        print(f"Copy written to {result.second.path}")
    if result.second_problem:
        print(f"scorecard: {result.second_problem}", file=sys.stderr)
        return 1
    return 0


def cmd_backup_list(args: argparse.Namespace) -> int:
    from scorecard.services.backups import BackupService

    service = BackupService(_db_path(args))
    found = service.list()
    if not found:
        print(f"No backups yet in {service.folder}. `scorecard backup create` makes one.")
        return 0
    print(f"Backups in {service.folder}, newest first:")
    for info in found:
        print(f"  {info.id}    {info.label}")
    return 0


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from scorecard.cli.common import refuse_while_window_open
    from scorecard.services.backups import restore

    refuse_while_window_open(_db_path(args), doing="restore",
                             in_window="restore it there (Scorecard ▸ Backups…)")
    chosen, previous = restore(_db_path(args), args.backup_id)
    print(f"Restored backup {chosen.id}. The file it replaced was kept as {previous}")
    return 0


def cmd_backup_second_folder(args: argparse.Namespace) -> int:
    from scorecard.services.backups import second_folder, set_second_folder

    if args.off:
        set_second_folder(None)
        print("Backups are no longer copied to a second folder.")
    elif args.folder is not None:
        set_second_folder(args.folder.expanduser().resolve())
        print(f"Each backup is also copied to {args.folder.expanduser().resolve()}")
    else:
        current = second_folder()
        print(f"Second backup folder: {current}" if current else "No second backup folder is set.")
    return 0
