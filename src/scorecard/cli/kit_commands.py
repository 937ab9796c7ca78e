"""`scorecard kit …`: check hand-written kit files and publish the kit format's JSON Schema.

`add_kit_parser` registers the `kit` command group. Every subcommand sets `func`, a
function of the parsed arguments that returns the process exit code, so `main` can run
`sys.exit(args.func(args))`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

# The kit modules (YAML, pydantic) are imported inside the commands: building the parser
# is on the path of every `scorecard` start, the GUI's included.


def add_kit_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add `kit` and its subcommands to the main parser's subparsers."""
    kit = subparsers.add_parser("kit", help="check kit files and publish the kit format",
                                description="Work with hiring kits (see docs/kit-format.md).")
    commands = kit.add_subparsers(dest="kit_command", metavar="COMMAND", required=True)
    for add_command in KIT_COMMANDS:
        add_command(commands)


def _add_validate(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("validate", help="check kit files and list every problem",
                                 description="Check kit files; exit 0 only when all are valid.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a kit .yaml file")
    parser.set_defaults(func=validate)


def validate(args: argparse.Namespace) -> int:
    """Print every problem (FILE:LINE:COL: FIELD: MESSAGE) or `OK: …` for each file."""
    from scorecard.kits.loader import load_kit
    from scorecard.kits.problems import KitError

    all_valid = True
    for path in args.paths:
        try:
            kit = load_kit(path)
        except KitError as exc:
            all_valid = False
            for problem in exc.problems:
                print(problem)
            continue
        count = len(kit.items)
        print(f"OK: {path} ({kit.title}, {count} item{'' if count == 1 else 's'})")
    return 0 if all_valid else 1


def _add_schema(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("schema", help="print the JSON Schema of the kit format",
                                 description="Print or write the JSON Schema editors use to check kits.")
    parser.add_argument("--out", type=Path, metavar="FILE", help="write the schema here instead of printing it")
    parser.set_defaults(func=schema)


def schema(args: argparse.Namespace) -> int:
    from scorecard.kits.schema import kit_json_schema_text

    text = kit_json_schema_text()
    if args.out is None:
        sys.stdout.write(text)
        return 0
    try:
        args.out.write_text(text, encoding="utf-8")
    except OSError as exc:
        print(f"{args.out}: cannot write the schema: {exc.strerror or exc}", file=sys.stderr)
        return 1
    print(f"wrote {args.out}")
    return 0


def _add_import(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("import", help="store kit files in the database as new versions",
                                 description="Validate and store kits, all or nothing per file. "
                                             "An unchanged kit adds no version.")
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a kit .yaml file")
    parser.set_defaults(func=import_kits)


def import_kits(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services
    from scorecard.kits.problems import KitError

    all_stored = True
    with open_services(args) as services:
        for path in args.paths:
            try:
                version, created = services.kits.import_file(path)
            except KitError as exc:
                all_stored = False
                for problem in exc.problems:
                    print(problem)
                print(f"NOT IMPORTED: {path} (nothing was stored)")
                continue
            state = "stored as" if created else "unchanged, already stored as"
            print(f"{path}: {state} {version.kit_id} v{version.version}, now the current version")
            for candidate in services.candidates.stranded_by(version.kit_id):
                print(f"warning: {candidate.name}'s target level '{candidate.target_level}' is not in this "
                      "version; new rounds for them cannot start until a version with that level is current")
    return 0 if all_stored else 1


def _add_list(commands: argparse._SubParsersAction) -> None:
    parser = commands.add_parser("list", help="list stored kits and their versions")
    parser.set_defaults(func=list_kits)


def list_kits(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        for v in services.kits.versions():
            current = "  [current]" if services.kits.current_version_id(v.kit_id) == v.id else ""
            print(f"{v.kit_id}  v{v.version}  {v.title}  (imported {v.imported_at:%Y-%m-%d %H:%M} UTC, "
                  f"id {v.id}){current}")
    return 0


#: Each adds one `kit` subcommand.
KIT_COMMANDS = [_add_validate, _add_schema, _add_import, _add_list]
