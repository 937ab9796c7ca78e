"""`sync FOLDER`: a shared folder of immutable, uniquely named bundle files as the panel's channel.

Writing: each scorecard submitted on this laptop (with its addenda), and for a coordinator each
candidate's pack, becomes one file named by the digest of its content. A name that exists already
holds the same content, so nothing is ever overwritten with something else; files are written
under a temporary dot-name and renamed into place, so a reader never sees half a file under a
final name. Reading: every `*.scorecard-bundle` not seen before is imported, one transaction each;
a file that fails to read (perhaps still being copied) is tried again next time, and a file with
other interviewers' scorecards for a candidate this laptop's user is still blind to is left in
the folder until their own assigned rounds are submitted.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from scorecard.domain.ids import utcnow
from scorecard.domain.panel import Role
from scorecard.domain.seal import sha256_hex
from scorecard.services.bundles import SUFFIX, BundleService, ImportReport, encode, tombstone_records
from scorecard.services.errors import InvalidInput
from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED, PanelService
from scorecard.storage.bundle_store import reader


@dataclass
class SyncReport:
    written: list[str] = field(default_factory=list)
    imported: list[ImportReport] = field(default_factory=list)
    #: files left for later: (name, why)
    left: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.imported)


class SyncService:
    def __init__(self, bundles: BundleService, panel: PanelService, *, db, public_key: str):
        self._bundles = bundles
        self._panel = panel
        self._db = db
        #: this laptop's public key: the scorecards it sealed are the ones it sends
        self._public_key = public_key

    def sync(self, folder: Path, *, passphrase: str | None = None, as_coordinator: bool | None = None) -> SyncReport:
        folder = Path(folder)
        if not folder.is_dir():
            raise InvalidInput(f"{folder} is not a folder; create it, or give the shared folder's path")
        if self._panel.setting(SYNC_PASSPHRASE_REQUIRED) == "1" and not passphrase:
            raise InvalidInput("this exchange folder requires the team passphrase (SCORECARD_PASSPHRASE or --passphrase-file)")
        report = SyncReport()
        self._write(folder, report, passphrase, as_coordinator)
        self._read(folder, report, passphrase)
        return report

    # --- writing -----------------------------------------------------------------------

    def _write(self, folder: Path, report: SyncReport, passphrase: str | None, as_coordinator: bool | None) -> None:
        me = self._panel.me()
        r = reader(self._db)
        my_key = self._public_key
        coordinator = as_coordinator if as_coordinator is not None else self._panel.role() is Role.COORDINATOR
        outgoing: list[dict] = []
        if coordinator:
            for candidate_id in r.all_candidate_ids():
                outgoing.append(self._bundles.records(candidate_ids=[candidate_id], scorecards=False,
                                                      tombstones=False))
        # each erase known here as a file of its own, so it reaches every laptop and its name stays put
        outgoing += [tombstone_records(t) for t in r.tombstones()]
        my_cards = [c for c in r.scorecards(r.card_ids(candidate_ids=None, interviewer_ids=None, include_drafts=False))
                    if (c.get("seal") or {}).get("public_key") == my_key
                    or (me is not None and c.get("interviewer_id") == me.id)]
        for card in my_cards:
            outgoing.append(self._bundles.records(candidate_ids=[card["candidate_id"]], card_ids=[card["id"]]))
        names = {p.name for p in folder.iterdir()}
        for records in outgoing:
            bundle = encode(records, passphrase=passphrase)
            if bundle.file_name in names:
                continue
            tmp = folder / f".{bundle.file_name}.{uuid.uuid4().hex}.tmp"
            with open(tmp, "wb") as fh:
                fh.write(bundle.data)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, folder / bundle.file_name)
            self._panel.mark_seen(bundle.file_name, sha256_hex(bundle.data), utcnow().isoformat())
            names.add(bundle.file_name)
            report.written.append(bundle.file_name)

    # --- reading -----------------------------------------------------------------------

    def _read(self, folder: Path, report: SyncReport, passphrase: str | None) -> None:
        store = self._panel
        me = self._panel.me()
        coordinator = self._panel.role() is Role.COORDINATOR
        viewer = None if coordinator or me is None else me.name
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.name.endswith(SUFFIX) or path.name in report.written:
                continue
            try:
                data = path.read_bytes()
            except OSError as exc:
                report.left.append((path.name, f"cannot read it yet: {exc.strerror or exc}"))
                continue
            digest = sha256_hex(data)
            if store.seen(path.name, digest):
                continue
            result = self._bundles.import_bytes(data, source=path.name, passphrase=passphrase, blind_viewer=viewer)
            if result.deferred:
                report.left.append((path.name, "holds other interviewers' scorecards for a candidate whose "
                                               "rounds you have not all submitted yet"))
                continue
            report.imported.append(result)
            if result.ok:
                store.mark_seen(path.name, digest, utcnow().isoformat())
