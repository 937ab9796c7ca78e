"""`scorecard discard-draft`: throw away one interviewer's draft scorecard for a round."""

from __future__ import annotations

import argparse
import sys

from scorecard.cli.common import database_path, open_services


def add_draft_parser(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "discard-draft", help="delete one interviewer's draft scorecard for a round (asks first)",
        description="Delete a draft scorecard and everything recorded on it. A submitted scorecard "
                    "cannot be discarded (add an addendum instead). CANDIDATE is an id or an exact name.")
    parser.add_argument("candidate", metavar="CANDIDATE")
    parser.add_argument("round", metavar="ROUND", help="round id (see `scorecard kit list`)")
    parser.add_argument("--interviewer", required=True, metavar="NAME", help="whose draft")
    parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    parser.set_defaults(func=discard_draft)


def discard_draft(args: argparse.Namespace) -> int:
    from scorecard.services import held_by_window
    from scorecard.services.errors import InvalidInput

    path = database_path(args)
    if held_by_window(path):
        print(f"error: a Scorecard window has {path} open; discard the draft there "
              "(Ctrl+Shift+D on the round) or close the window first. Nothing was changed.", file=sys.stderr)
        return 1
    with open_services(args) as services:
        candidate = services.candidates.resolve(args.candidate)
        card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id=args.round,
                                                interviewer=args.interviewer)
        if not card.stored:
            print(f"{args.interviewer} has no draft for {candidate.name}, round {args.round}. Nothing to discard.")
            return 0
        if card.is_submitted:
            raise InvalidInput("that scorecard is submitted and locked; it cannot be discarded "
                               "(corrections go in a dated addendum)")
        if not args.yes:
            if not sys.stdin.isatty():
                print("error: add --yes to discard without being asked. Nothing was changed.", file=sys.stderr)
                return 1
            answer = input(f"Discard {args.interviewer}'s draft for {candidate.name}, round {args.round}? "
                           "Everything recorded on it is deleted. [y/N] ")
            if answer.strip().lower() not in ("y", "yes"):
                print("Kept.")
                return 0
        services.scoring.discard(scorecard_id=card.id)
    print(f"Discarded {args.interviewer}'s draft for {candidate.name}, round {args.round}.")
    return 0
