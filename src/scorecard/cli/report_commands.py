"""`scorecard decide …` and `scorecard report …`: the committee's decision and the coordinator's reports.

`add_report_parsers` registers both commands. Every subcommand sets `func` (parsed
arguments → exit code). Heavy modules are imported inside the commands.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def add_report_parsers(subparsers: argparse._SubParsersAction, open_services) -> None:
    """Add `decide` and `report` to the main parser; `open_services(args)` opens the database."""
    decide = subparsers.add_parser(
        "decide", help="record the hiring committee's decision on a candidate",
        description="Record the committee's decision (a report exported afterwards shows it on page 1). "
                    "Deciding again records a new decision; the newest one counts.",
    )
    decide.add_argument("candidate", metavar="CANDIDATE", help="an id or an exact name")
    decide.add_argument("--decision", required=True, choices=["hire", "no_hire", "hold"])
    decide.add_argument("--level", metavar="LEVEL", help="level id the committee decides on (required for hire)")
    decide.add_argument("--by", required=True, metavar="NAME", help="who decided (the chair, or the members)")
    decide.add_argument("--why", required=True, metavar="TEXT", help="the reasons, in a sentence or two")
    decide.set_defaults(func=lambda args: cmd_decide(args, open_services))

    report = subparsers.add_parser("report", help="coordinator reports (interviewer calibration)")
    kinds = report.add_subparsers(dest="report_command", metavar="REPORT", required=True)
    cal = kinds.add_parser(
        "calibration", help="write the interviewer calibration report (PDF)",
        description="Per interviewer, across every candidate and round: scorecards, rating distribution per "
                    "scale, lean against the rest of the panel on the same candidates, recommendations, "
                    "how often they end in a split, and the panel's agreement.",
    )
    cal.add_argument("--out", type=Path, required=True, metavar="FILE.pdf")
    cal.set_defaults(func=lambda args: cmd_calibration(args, open_services))


def cmd_decide(args: argparse.Namespace, open_services) -> int:
    with open_services(args) as services:
        candidate = services.candidates.resolve(args.candidate)
        made = services.decisions.record(candidate_id=candidate.id, decision=args.decision, level_id=args.level,
                                         decided_by=args.by, rationale=args.why)
    level = f" at {made.level_name}" if made.level_name else ""
    print(f"Recorded for {candidate.name}: {made.label}{level} — {made.decided_by}, "
          f"{made.decided_at:%Y-%m-%d %H:%M %Z}".rstrip())
    return 0


def cmd_calibration(args: argparse.Namespace, open_services) -> int:
    with open_services(args) as services:
        print(services.export.export_calibration(out=args.out))
    return 0
