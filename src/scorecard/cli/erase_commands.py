"""`scorecard candidate erase|export-data`: a candidate's data on request, and retention.

Registered under the `candidate` command, which other modules (cli/candidate_commands.py) also
extend: `candidate_actions(sub)` gets or creates it, so the registrations can come in any order.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def candidate_actions(sub) -> argparse._SubParsersAction:
    """The `candidate` command's sub-commands, creating the command if nobody has yet."""
    parser = sub.choices.get("candidate")
    if parser is None:
        parser = sub.add_parser("candidate", help="one candidate: erase, export what is held about them, …")
    if parser._subparsers is None:
        return parser.add_subparsers(dest="candidate_command", metavar="ACTION", required=True)
    return next(a for a in parser._subparsers._group_actions if isinstance(a, argparse._SubParsersAction))


def add_erase_parsers(sub) -> None:
    actions = candidate_actions(sub)
    erase = actions.add_parser(
        "erase",
        help="erase a candidate and everything about them (or those inactive for N months)",
        description="Removes the candidate, their scorecards (submitted ones too), notes, ratings and "
                    "addenda in one transaction, then scrubs the file so their name is gone from its "
                    "bytes. A backup is made first; backups still holding the candidate are listed "
                    "(--purge-backups deletes them). Leaves a tombstone with only the candidate's id.",
    )
    erase.add_argument("candidate", nargs="?", metavar="CANDIDATE", help="id or exact name")
    erase.add_argument("--inactive-months", type=int, metavar="N",
                       help="list candidates with no activity for N months; erase them with --yes")
    erase.add_argument("--yes", action="store_true", help="erase without asking")
    erase.add_argument("--purge-backups", action="store_true",
                       help="also delete the backups that still hold the candidate")
    erase.set_defaults(func=cmd_candidate_erase)

    data = actions.add_parser("export-data", help="write everything held about a candidate to a JSON file")
    data.add_argument("candidate", metavar="CANDIDATE", help="id or exact name")
    data.add_argument("--out", type=Path, required=True, metavar="FILE.json")
    data.set_defaults(func=cmd_candidate_export_data)


def _open(args):
    from scorecard.cli.common import open_services

    return open_services(args)


def _confirm(question: str) -> bool:
    if not sys.stdin.isatty():
        return False
    try:
        return input(f"{question} [y/N] ").strip().lower() in ("y", "yes")
    except EOFError:
        return False


def _report(report) -> None:
    removed = ", ".join(f"{n} {table}" for table, n in sorted(report.removed.items()))
    print(f"Erased {report.name} (id {report.candidate_id}): {removed}. A tombstone keeps only the id.")
    if not report.scrubbed:
        print("scorecard: another program has the database open, so erased text may stay in its journal "
              "until that program closes", file=sys.stderr)
    for info in report.purged:
        print(f"  deleted backup {info.id}")
    if report.backups_holding:
        print(f"{len(report.backups_holding)} backup(s) still hold {report.name}:")
        for info in report.backups_holding:
            print(f"  {info.path}")
        print(f"Delete them with `scorecard candidate erase {report.candidate_id} --purge-backups --yes` "
              "(the candidate is already gone; this only purges backups) or by hand.")


def cmd_candidate_erase(args: argparse.Namespace) -> int:
    from scorecard.cli.common import UserError, database_path, refuse_while_window_open
    from scorecard.services.errors import NotFound

    refuse_while_window_open(database_path(args), doing="erase",
                             in_window="erase there (Scorecard ▸ Erase candidate…)")

    if args.inactive_months is not None:
        if args.candidate:
            raise UserError("give either a CANDIDATE or --inactive-months, not both")
        return _erase_inactive(args)
    if not args.candidate:
        raise UserError("name a candidate: `scorecard candidate erase CANDIDATE`, or use --inactive-months N")
    with _open(args) as services:
        erasure = services.erasure
        try:
            candidate = services.candidates.resolve(args.candidate)
        except NotFound:
            if args.purge_backups and erasure.is_erased(args.candidate):
                gone = erasure.purge_backups(args.candidate) if args.yes else []
                if not args.yes:
                    raise UserError("add --yes to delete the backups that still hold this erased candidate")
                print(f"Deleted {len(gone)} backup(s) that still held erased candidate {args.candidate}.")
                return 0
            raise
        cards = services.scoring.for_candidate(candidate.id)
        submitted = sum(1 for c in cards if c.is_submitted)
        what = (f"{candidate.name} (id {candidate.id}) and everything about them: {len(cards)} scorecard(s), "
                f"{submitted} submitted")
        if not args.yes and not _confirm(f"Erase {what}? This cannot be undone."):
            raise UserError(f"nothing was erased. To erase {what}, add --yes")
        report = erasure.erase(candidate.id, purge_backups=args.purge_backups)
    _report(report)
    return 0


def _erase_inactive(args: argparse.Namespace) -> int:
    with _open(args) as services:
        found = services.erasure.inactive(months=args.inactive_months)
        if not found:
            print(f"No candidate has been inactive for {args.inactive_months} months.")
            return 0
        print(f"{len(found)} candidate(s) with no activity for {args.inactive_months} months:")
        for item in found:
            when = f"{item.last_activity:%Y-%m-%d}" if item.last_activity else "unknown"
            print(f"  {item.candidate.name}  (id {item.candidate.id}, last activity {when})")
        if not args.yes:
            print("Nothing was erased. Add --yes to erase them.")
            return 0
        for item in found:
            _report(services.erasure.erase(item.candidate.id, purge_backups=args.purge_backups))
    return 0


def cmd_candidate_export_data(args: argparse.Namespace) -> int:
    with _open(args) as services:
        candidate = services.candidates.resolve(args.candidate)
        path = services.erasure.export_data(candidate.id, args.out)
    print(path)
    return 0
