"""`scorecard candidate add|list|edit|withdraw|reopen`."""

from __future__ import annotations

import argparse
import json


def add_candidate_parser(subparsers: argparse._SubParsersAction) -> None:
    cand = subparsers.add_parser("candidate", help="add, edit, withdraw or reopen a candidate",
                                 description="Candidates. CANDIDATE is an id or an exact name.")
    commands = cand.add_subparsers(dest="candidate_command", metavar="COMMAND", required=True)

    add = commands.add_parser("add", help="add a candidate; prints the new id")
    add.add_argument("name", metavar="NAME")
    add.add_argument("--kit", required=True, metavar="KIT_ID", help="kit id (see `scorecard kit list`)")
    add.add_argument("--level", required=True, metavar="LEVEL", help="target level id of the kit")
    add.add_argument("--json", action="store_true", help="print the candidate as JSON")
    add.set_defaults(func=cmd_add)

    lst = commands.add_parser("list", help="list candidates (withdrawn ones marked)")
    lst.add_argument("--json", action="store_true")
    lst.set_defaults(func=cmd_list)

    edit = commands.add_parser("edit", help="change a candidate's name or target level")
    edit.add_argument("candidate", metavar="CANDIDATE")
    edit.add_argument("--name", metavar="NAME")
    edit.add_argument("--level", metavar="LEVEL")
    edit.set_defaults(func=cmd_edit)

    for verb, helptext in (("withdraw", "withdraw a candidate (kept, marked withdrawn)"),
                           ("reopen", "reopen a withdrawn candidate")):
        p = commands.add_parser(verb, help=helptext)
        p.add_argument("candidate", metavar="CANDIDATE")
        p.set_defaults(func=cmd_withdraw if verb == "withdraw" else cmd_reopen)


def _payload(c) -> dict:
    return {"id": c.id, "name": c.name, "kit": c.kit_id, "target_level": c.target_level,
            "withdrawn": c.is_withdrawn, "auto_declined": c.auto_declined}


def cmd_add(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.add(name=args.name, kit_id=args.kit, target_level=args.level)
    print(json.dumps(_payload(c), ensure_ascii=False) if args.json else c.id)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        rows = services.candidates.all()
    if args.json:
        print(json.dumps([_payload(c) for c in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No candidates yet: `scorecard candidate add NAME --kit KIT --level LEVEL`.")
    for c in rows:
        flag = "  (withdrawn)" if c.is_withdrawn else ""
        print(f"{c.id}  {c.name}  ·  {c.kit_id}  ·  {c.target_level}{flag}")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from scorecard.cli.common import UserError, open_services

    if args.name is None and args.level is None:
        raise UserError("say what to change: --name NAME and/or --level LEVEL")
    with open_services(args) as services:
        c = services.candidates.resolve(args.candidate)
        c = services.candidates.edit(candidate_id=c.id, name=args.name, target_level=args.level)
    print(f"{c.name}  ·  {c.target_level}")
    return 0


def cmd_withdraw(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.withdraw(candidate_id=services.candidates.resolve(args.candidate).id)
    print(f"{c.name} is withdrawn; `scorecard candidate reopen` undoes it")
    return 0


def cmd_reopen(args: argparse.Namespace) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.reopen(candidate_id=services.candidates.resolve(args.candidate).id)
    print(f"{c.name} is open again")
    return 0
