"""`scorecard panel …`, `me`, `role`, `interviewer …`, `bundle export|import`, `sync FOLDER`.

The blind rule applies on the command line as in the window: the viewer is this laptop's user
(`scorecard me`), and the coordinator role is taken with `--as-coordinator` (once) or
`scorecard role coordinator` (remembered).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

PASSPHRASE_ENV = "SCORECARD_PASSPHRASE"


def add_panel_parsers(subparsers: argparse._SubParsersAction) -> None:
    panel = subparsers.add_parser("panel", help="assign interviewers to a candidate's rounds; show the panel")
    commands = panel.add_subparsers(dest="panel_command", metavar="COMMAND", required=True)
    assign = commands.add_parser("assign", help="assign interviewers to a round (a round may have several)")
    assign.add_argument("candidate", metavar="CANDIDATE")
    assign.add_argument("round", metavar="ROUND")
    assign.add_argument("interviewers", nargs="+", metavar="INTERVIEWER", help="name or id")
    assign.set_defaults(func=cmd_assign)
    unassign = commands.add_parser("unassign", help="take an interviewer off a round")
    unassign.add_argument("candidate", metavar="CANDIDATE")
    unassign.add_argument("round", metavar="ROUND")
    unassign.add_argument("interviewer", metavar="INTERVIEWER")
    unassign.set_defaults(func=cmd_unassign)
    show = commands.add_parser("show", help="who is assigned to which round, and what they have submitted")
    show.add_argument("candidate", metavar="CANDIDATE")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=cmd_show)

    me = subparsers.add_parser("me", help="show or set who this laptop's user is")
    me.add_argument("name", nargs="?", metavar="NAME_OR_ID", help="pick yourself from the pack (or a new name)")
    me.set_defaults(func=cmd_me)

    role = subparsers.add_parser("role", help="show or set this laptop's role (interviewer or coordinator)")
    role.add_argument("role", nargs="?", choices=["interviewer", "coordinator"])
    role.set_defaults(func=cmd_role)

    people = subparsers.add_parser("interviewer", help="list interviewers; merge the same person typed twice")
    pc = people.add_subparsers(dest="interviewer_command", metavar="COMMAND", required=True)
    lst = pc.add_parser("list", help="every interviewer with their id and key fingerprint")
    lst.set_defaults(func=cmd_interviewers)
    merge = pc.add_parser("merge", help="preview (and with --yes record) merges of same-name interviewers")
    merge.add_argument("--yes", action="store_true", help="record the merges shown")
    merge.set_defaults(func=cmd_merge)

    bundle = subparsers.add_parser("bundle", help="exchange files: export and import (docs/bundle-format.md)")
    bc = bundle.add_subparsers(dest="bundle_command", metavar="COMMAND", required=True)
    export = bc.add_parser("export", help="write a bundle of a candidate's (or all) records")
    export.add_argument("--candidate", metavar="CANDIDATE")
    export.add_argument("--all", action="store_true")
    export.add_argument("--interviewer", metavar="NAME", help="only this interviewer's scorecards")
    export.add_argument("--include-drafts", action="store_true", help="drafts too (they arrive marked as drafts)")
    export.add_argument("--pack", action="store_true", help="no scorecards: the candidate, kit, panel (coordinator's pack)")
    export.add_argument("--encrypt", action="store_true", help=f"encrypt with the team passphrase (${PASSPHRASE_ENV})")
    export.add_argument("--passphrase-file", type=Path, metavar="FILE")
    export.add_argument("--out", type=Path, required=True, metavar="FILE")
    export.set_defaults(func=cmd_bundle_export)
    imp = bc.add_parser("import", help="import bundle files exactly once")
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--passphrase-file", type=Path, metavar="FILE")
    imp.set_defaults(func=cmd_bundle_import)

    sync = subparsers.add_parser("sync", help="exchange through a shared folder: write new, import unseen")
    sync.add_argument("folder", type=Path, metavar="FOLDER")
    sync.add_argument("--passphrase-file", type=Path, metavar="FILE")
    sync.add_argument("--encrypt", action="store_true", help="write encrypted files (team passphrase)")
    sync.add_argument("--require-passphrase", choices=["on", "off"],
                      help="remember whether syncing on this laptop must use the team passphrase")
    sync.set_defaults(func=cmd_sync)


def _coordinator(args) -> bool | None:
    return True if getattr(args, "as_coordinator", False) else None


def _passphrase(args, *, required: bool = False) -> str | None:
    from scorecard.cli.common import UserError
    from scorecard.services.bundles import read_passphrase_file

    if getattr(args, "passphrase_file", None):
        return read_passphrase_file(args.passphrase_file)
    value = os.environ.get(PASSPHRASE_ENV)
    if value:
        return value
    if required:
        if sys.stdin.isatty():
            import getpass

            return getpass.getpass("Team passphrase: ")
        raise UserError(f"give the team passphrase in ${PASSPHRASE_ENV} or with --passphrase-file")
    return None


def _round_ids(services, candidate) -> set[str]:
    _vid, kit = services.kits.latest(candidate.kit_id)
    return {r.id for r in kit.rounds}


def cmd_assign(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.resolve(args.candidate)
        people = services.panel.assign(candidate_id=c.id, round_id=args.round, interviewers=args.interviewers,
                                       round_ids=_round_ids(services, c))
    for p in people:
        print(f"{p.name} ({p.id}) assigned to round '{args.round}' of {c.name}")
    return 0


def cmd_unassign(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.resolve(args.candidate)
        services.panel.unassign(candidate_id=c.id, round_id=args.round, interviewer=args.interviewer)
    print(f"{args.interviewer} taken off round '{args.round}' of {c.name}")
    return 0


def cmd_show(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        c = services.candidates.resolve(args.candidate)
        view = services.panel.panel(c.id)
        _vid, kit = services.kits.latest(c.kit_id)
        names = {r.id: r.name for r in kit.rounds}
        seals = [(card, services.seals.verify(card.id)) for card in services.scoring.for_candidate(c.id)
                 if card.is_submitted]
    if args.json:
        print(json.dumps({"candidate": c.id, "name": c.name, "assigned": [
            {"round": a.round_id, "interviewer": a.interviewer.name, "interviewer_id": a.interviewer.id,
             "status": a.status} for a in view.assigned],
            "seals": [{"scorecard": card.id, "interviewer": card.interviewer, "round": card.round_id,
                       "seal": check.status.value, "key": check.fingerprint} for card, check in seals]},
            ensure_ascii=False, indent=2))
        return 0
    print(f"{c.name}{'  (withdrawn)' if c.is_withdrawn else ''}")
    if not view.assigned:
        print("  nobody assigned yet: `scorecard panel assign CANDIDATE ROUND INTERVIEWER...`")
    for a in view.assigned:
        print(f"  {names.get(a.round_id, a.round_id)}: {a.interviewer.name} — {a.status}")
    if seals:
        print("Submitted scorecards:")
    for card, check in seals:
        key = f" (key {check.fingerprint})" if check.fingerprint else ""
        print(f"  {names.get(card.round_id, card.round_id)}: {card.interviewer} — {check.status.value}{key}")
    return 1 if any(not check.ok for _c, check in seals) else 0


def cmd_me(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        if args.name:
            person = services.panel.set_me(args.name)
            services.panel.set_public_key(person.id, services.seals.key.public_key)
        person = services.panel.me()
    if person is None:
        print("This laptop's user is not set: `scorecard me NAME` (pick your name from the coordinator's pack).")
        return 0
    print(f"{person.name} ({person.id})")
    return 0


def cmd_role(args) -> int:
    from scorecard.cli.common import open_services
    from scorecard.domain.panel import Role

    with open_services(args) as services:
        if args.role:
            services.panel.set_role(Role(args.role))
        print(services.panel.role().value)
    return 0


def cmd_interviewers(args) -> int:
    from scorecard.cli.common import open_services
    from scorecard.domain.seal import key_fingerprint

    with open_services(args) as services:
        people = services.panel.interviewers()
    for p in people:
        key = f"  key {key_fingerprint(p.public_key)}" if p.public_key else ""
        print(f"{p.id}  {p.name}{key}")
    return 0


def cmd_merge(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        groups = services.panel.merge_groups()
        if not groups:
            print("No interviewers share a name under different ids.")
            return 0
        for g in groups:
            print(f"'{g.name}': keep {g.keep.id} ({g.scorecards.get(g.keep.id, 0)} scorecards)")
            for a in g.aliases:
                print(f"    same person as {a.id} ({g.scorecards.get(a.id, 0)} scorecards) -> recorded as an alias")
        if not args.yes:
            print("Nothing merged. Run again with --yes to record these merges (no scorecard is rewritten).")
            return 0
        n = services.panel.merge(groups)
    print(f"Recorded {n} alias(es).")
    return 0


def cmd_bundle_export(args) -> int:
    from scorecard.cli.common import UserError, open_services

    if bool(args.candidate) == bool(args.all):
        raise UserError("use either `bundle export --candidate C --out FILE` or `bundle export --all --out FILE`")
    passphrase = _passphrase(args, required=True) if args.encrypt else None
    with open_services(args) as services:
        ids = [services.candidates.resolve(args.candidate).id] if args.candidate else None
        bundle = services.bundles.export(candidate_ids=ids, interviewer=args.interviewer,
                                         include_drafts=args.include_drafts, passphrase=passphrase,
                                         scorecards=not args.pack)
    out = args.out / bundle.file_name if args.out.is_dir() else args.out
    try:
        tmp = out.with_name(f".{out.name}.tmp")
        tmp.write_bytes(bundle.data)
        tmp.replace(out)
    except OSError as exc:
        raise UserError(f"{out}: cannot write the bundle: {exc.strerror or exc}") from None
    counts = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in bundle.counts.items())
    print(f"{out}  ({counts})")
    return 0


def _print_merge_hint(services) -> None:
    groups = services.panel.merge_groups()
    for g in groups:
        print(f"note: '{g.name}' appears under {1 + len(g.aliases)} ids; "
              "`scorecard interviewer merge` previews merging them", file=sys.stderr)


def cmd_bundle_import(args) -> int:
    from scorecard.cli.common import open_services

    passphrase = _passphrase(args)
    failed = False
    with open_services(args) as services:
        viewer = services.bundles.blind_viewer(as_coordinator=_coordinator(args))
        for path in args.files:
            report = services.bundles.import_file(path, passphrase=passphrase, blind_viewer=viewer)
            print(report.summary(), file=sys.stdout if report.ok else sys.stderr)
            failed |= not report.ok
        _print_merge_hint(services)
    return 1 if failed else 0


def cmd_sync(args) -> int:
    from scorecard.cli.common import open_services

    with open_services(args) as services:
        from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

        if args.require_passphrase:
            services.panel.set_setting(SYNC_PASSPHRASE_REQUIRED, "1" if args.require_passphrase == "on" else None)
        required = args.encrypt or services.panel.setting(SYNC_PASSPHRASE_REQUIRED) == "1"
        passphrase = _passphrase(args, required=required)
        report = services.sync.sync(args.folder, passphrase=passphrase,
                                    as_coordinator=_coordinator(args))
        _print_merge_hint(services)
    for name in report.written:
        print(f"wrote {name}")
    for r in report.imported:
        print(r.summary(), file=sys.stdout if r.ok else sys.stderr)
    for name, why in report.left:
        print(f"left {name}: {why}")
    if not report.written and not report.imported:
        print("nothing new")
    return 0 if report.ok else 1
