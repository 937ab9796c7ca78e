"""`scorecard`: the command line, and the way into the GUI.

Global options come before the subcommand (`scorecard --db PATH candidates`).
With no subcommand the GUI opens. Heavy modules are imported inside the
commands that need them, so `scorecard` starts the window quickly.

Every failure a user can cause ends in one plain sentence on stderr and a
non-zero exit; an unexpected error is logged to a file whose path is printed —
never a traceback on the terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from scorecard import __version__, paths
from scorecard.cli.backup_commands import add_backup_parser
from scorecard.cli.erase_commands import add_erase_parsers
from scorecard.cli.candidate_commands import add_candidate_parser
from scorecard.cli.common import UserError, database_path, open_services
from scorecard.cli.draft_commands import add_draft_parser
from scorecard.cli.kit_commands import add_kit_parser
from scorecard.cli.panel_commands import add_panel_parsers
from scorecard.cli.report_commands import add_report_parsers


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="scorecard",
        description="Structured interview scorecards: live scoring, local storage, committee PDFs.",
    )
    parser.add_argument("--version", action="version", version=f"scorecard {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help=f"database file (default: ${paths.DB_ENV}, else the per-user data directory)",
    )
    parser.add_argument("--as-coordinator", action="store_true",
                        help="act as the hiring coordinator for this command (sees every scorecard)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    gui = sub.add_parser("gui", help="open the app (the default when no command is given)")
    gui.set_defaults(func=cmd_gui)

    add_kit_parser(sub)
    add_candidate_parser(sub)
    add_panel_parsers(sub)
    add_backup_parser(sub)
    add_erase_parsers(sub)  # `candidate erase|export-data`: gets or creates the `candidate` command

    cands = sub.add_parser("candidates", help="list candidates and each round's status")
    cands.add_argument("--json", action="store_true", help="print a JSON array instead of a table")
    cands.set_defaults(func=cmd_candidates)

    export = sub.add_parser(
        "export",
        help="write the committee's consolidated PDF (or one interviewer's scorecard)",
        description="Export PDFs. CANDIDATE is an id or an exact name.",
    )
    export.add_argument("candidate", nargs="?", metavar="CANDIDATE")
    export.add_argument("--out", type=Path, metavar="FILE.pdf", help="the PDF to write")
    export.add_argument("--all", action="store_true", help="one consolidated PDF per candidate")
    export.add_argument("--out-dir", type=Path, metavar="DIR", help="folder for --all")
    export.add_argument("--interviewer", metavar="NAME",
                        help="export only this interviewer's scorecard (needs --round)")
    export.add_argument("--round", metavar="ROUND", help="round id, with --interviewer")
    export.set_defaults(func=cmd_export)

    guide = sub.add_parser("guide", help="write the blank, printable guide for one round (paper fallback)")
    guide.add_argument("round", metavar="ROUND", help="round id (see `scorecard kit list`)")
    guide.add_argument("--kit", default="integration-engineer", help="kit id (default: %(default)s)")
    guide.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    guide.set_defaults(func=cmd_guide)

    add_draft_parser(sub)
    add_report_parsers(sub, open_services)

    demo = sub.add_parser("demo", help="fill an empty database with a realistic sample panel")
    demo.add_argument("--open", action="store_true", help="then open the app on it")
    demo.set_defaults(func=cmd_demo)

    check = sub.add_parser(
        "self-test",
        help="check this installation: window, save speed, PDF export, data folder",
        description="Check that Scorecard works on this machine and is fast enough, without touching "
                    "your database: the window and the PDF use a temporary demo database; save speed "
                    "is measured in a temporary file beside your database, then deleted. "
                    "Exit status 0 only when every check passes.",
    )
    check.add_argument("--json", action="store_true", help="print the results as one JSON object")
    check.add_argument("--offscreen", action="store_true",
                       help="open the test window off screen (the default when there is no display)")
    check.add_argument("--saves", type=int, default=300, metavar="N",
                       help="number of single-interaction saves to time (default: %(default)s)")
    check.add_argument("--runs", type=int, default=3, metavar="N",
                       help="start the window N times and report the median (default: %(default)s)")
    check.set_defaults(func=cmd_self_test)
    return parser


# --- commands -----------------------------------------------------------------------


def cmd_gui(args: argparse.Namespace) -> int:
    import gc

    # Start-up builds long-lived objects (modules, widgets, the candidate list) and little
    # garbage: no cyclic collection until the list is ready, when ui/app.py turns it back on
    gc.disable()
    from scorecard.ui.app import run_gui

    return run_gui(database_path(args), sys.argv[:1])


def cmd_candidates(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        rows = services.candidates.overview_by_name(interviewer="")
        if args.json:
            payload = [
                {
                    "id": r.id,
                    "name": r.name,
                    "kit": r.kit_id,
                    "kit_title": r.kit_title,
                    "target_level": r.target_level,
                    "auto_declined": r.auto_declined,
                    "withdrawn": r.withdrawn,
                    "rounds": [
                        {
                            "id": p.round_id,
                            "name": p.round_name,
                            "status": p.overall.value,
                            "submitted_scorecards": p.submitted,
                            "draft_scorecards": p.drafts,
                        }
                        for p in services.candidates.round_progress(r)
                    ],
                }
                for r in rows
            ]
            import json

            print(json.dumps(payload, ensure_ascii=False, indent=2))
            return 0
        if not rows:
            print("No candidates yet. Add one in the app, or try `scorecard demo` on an empty database.")
            return 0
        for r in rows:
            rounds = services.candidates.round_progress(r)
            done = sum(1 for p in rounds if p.submitted)
            flag = ("  AUTO-DECLINED" if r.auto_declined else "") + ("  (withdrawn)" if r.withdrawn else "")
            print(f"{r.name}  ·  {r.kit_title}  ·  {r.target_level_name}  ·  "
                  f"{done}/{len(rounds)} rounds with a submitted scorecard{flag}")
            print(f"    id {r.id}")
        return 0


def cmd_export(args: argparse.Namespace) -> int:
    if args.all:
        if args.candidate or not args.out_dir:
            raise UserError("use either `export CANDIDATE --out FILE.pdf` or `export --all --out-dir DIR`")
        with open_services(args) as services:
            for candidate in services.candidates.all():
                _check_blind(services, candidate, args)
            written, failed = services.export.export_all(
                out_dir=args.out_dir,
                progress=lambda done, total, c: print(f"[{done}/{total}] {c.name}", file=sys.stderr)
                if done < total else None,
            )
        for path in written:
            print(path)
        for candidate, reason in failed:
            print(f"scorecard: not exported: {candidate.name}: {reason}", file=sys.stderr)
        return 1 if failed else 0
    if not args.candidate or not args.out:
        raise UserError("name a candidate and a file: `scorecard export CANDIDATE --out FILE.pdf`")
    with open_services(args) as services:
        candidate = services.candidates.resolve(args.candidate)
        _check_blind(services, candidate, args)
        if args.interviewer or args.round:
            if not (args.interviewer and args.round):
                raise UserError("--interviewer and --round go together")
            card = next(
                (c for c in services.scoring.for_candidate(candidate.id)
                 if c.interviewer == args.interviewer and c.round_id == args.round),
                None,
            )
            if card is None:
                raise UserError(f"{args.interviewer} has no scorecard for {candidate.name} in round '{args.round}'")
            path = services.export.export_interviewer(scorecard_id=card.id, out=args.out)
        else:
            path = services.export.export_consolidated(candidate_id=candidate.id, out=args.out)
    print(path)
    return 0


def _check_blind(services, candidate, args: argparse.Namespace) -> None:
    """The blind rule on the command line: this laptop's user, unless --as-coordinator."""
    from scorecard.domain.panel import PanelAccess

    me = services.panel.me()
    access = services.scoring.panel_access(candidate_id=candidate.id, viewer=me.name if me else "",
                                           as_coordinator=True if args.as_coordinator else None)
    if access is PanelAccess.BLIND_DRAFT:
        raise UserError(
            f"{me.name if me else 'you'} still have assigned rounds or drafts for {candidate.name} to submit; "
            "the panel's scorecards stay hidden until then (the coordinator uses --as-coordinator)"
        )


def cmd_guide(args: argparse.Namespace) -> int:
    with open_services(args) as services:
        print(services.export.export_round_guide(kit_id=args.kit, round_id=args.round, out=args.out))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from scorecard.services.demo import DemoNotEmpty, fill_demo

    with open_services(args) as services:
        try:
            count = fill_demo(services)
            print(f"Added the demo panel to {services.database_path}: {count} scorecards.")
        except DemoNotEmpty as exc:
            if not args.open:
                raise UserError(str(exc)) from None
            print(f"Opening {services.database_path}, which already holds candidates.")
    if args.open:
        return cmd_gui(args)
    return 0


def cmd_self_test(args: argparse.Namespace) -> int:
    from scorecard.cli.self_test import run_self_test

    return run_self_test(database_path(args), as_json=args.json, offscreen=args.offscreen, saves=args.saves,
                         runs=args.runs)


# --- entry point --------------------------------------------------------------------


def _expected_errors() -> tuple[type[BaseException], ...]:
    """Errors whose message is meant for the user; imported lazily to keep start-up light."""
    from scorecard.kits.problems import KitError
    from scorecard.services.export import ExportFailed
    from scorecard.services.errors import (
        CannotSubmit,
        DatabaseError,
        InvalidInput,
        NotFound,
        SaveFailed,
        ScorecardLocked,
    )

    from scorecard.services.backups import BackupFailed

    return (UserError, ExportFailed, KitError, DatabaseError, BackupFailed, InvalidInput, NotFound, SaveFailed, ScorecardLocked,
            CannotSubmit, paths.InvalidDatabasePath)


def gui_launch(argv: list[str]) -> argparse.Namespace | None:
    """The plain GUI launch (`scorecard`, `scorecard gui`, with or without `--db PATH`), recognised
    without building the full parser: its dozen sub-parsers cost ~10 ms of every start-up.
    Anything else (including --help and typos) returns None and goes through argparse."""
    rest, db = list(argv), None
    if rest[:1] == ["--db"] and len(rest) >= 2 and not rest[1].startswith("-"):
        db, rest = rest[1], rest[2:]
    elif rest and rest[0].startswith("--db="):
        db, rest = rest[0][len("--db="):], rest[1:]
    if rest not in ([], ["gui"]) or db == "":
        return None
    return argparse.Namespace(db=db, command="gui" if rest else None, func=cmd_gui)


def main(argv: list[str] | None = None) -> int:
    if os.environ.get("SCORECARD_STARTUP_PROBE") == "bare":  # self-test: the floor, an empty Qt window
        from scorecard.ui.startup_probe import bare_window

        return bare_window()
    args = gui_launch(sys.argv[1:] if argv is None else argv)
    if args is None:
        args = build_parser().parse_args(argv)
    func = getattr(args, "func", cmd_gui)
    try:
        return func(args)
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence before a traceback
        if isinstance(exc, _expected_errors()):
            problems = getattr(exc, "problems", None)
            if problems and not isinstance(exc, UserError):
                for problem in problems:
                    print(f"scorecard: {problem}", file=sys.stderr)
            else:
                print(f"scorecard: {exc}", file=sys.stderr)
            return 1
        from scorecard.services.errors import UNREADABLE, is_driver_error

        if is_driver_error(exc):  # e.g. text that is no longer UTF-8: its message would quote the data
            _log_crash(exc)
            print(f"scorecard: {UNREADABLE}", file=sys.stderr)
            return 1
        log = _log_crash(exc)
        print(f"scorecard: unexpected error ({type(exc).__name__}). Check what the command did before "
              f"trying again. A report without your data was written to {log}", file=sys.stderr)
        return 70


def _log_crash(exc: BaseException) -> Path:
    """A crash report in the user's own log folder (0600): exception types and code locations only."""
    from scorecard.logfiles import write_crash_report

    return write_crash_report(exc)


if __name__ == "__main__":
    sys.exit(main())
