"""The Panel menu: candidates edited/withdrawn, interviewers assigned, the committee view, and
exchange by file (Send my scorecards…, Import…, files dropped on the window, the exchange folder).

Widgets only ask the services; the rules (blind rule, exactly-once import) live below ui/.

Signals:
    notice(str, str): a message for the window's notice banner (text, tone).
    changed(): candidates or scorecards changed; the list should refresh.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu


class PanelActions(QObject):
    notice = Signal(str, str)
    changed = Signal()

    def __init__(self, window):
        super().__init__(window)
        self._window = window
        self.committee_dialog = None
        self.dialog = None
        #: the team passphrase, once typed, for this session only (never stored)
        self._passphrase: str | None = None
        #: asks the user for the team passphrase (replaced in tests); returns None when cancelled
        self.ask_passphrase = self._ask_passphrase
        #: `services_ready` was put off (start-up) and has not run yet
        self._ready_pending = False

        def act(text: str, slot, shortcut: str | None = None, *, checkable: bool = False) -> QAction:
            action = QAction(text, window)
            if shortcut:
                action.setShortcut(QKeySequence(shortcut))
            action.setCheckable(checkable)
            action.triggered.connect(self._ready_if_pending)  # first: the menu's state, this laptop's user
            (action.toggled if checkable else action.triggered).connect(slot)
            return action

        self.edit_action = act("&Edit candidate…", self.edit_candidate)
        self.withdraw_action = act("&Withdraw candidate", self.withdraw_candidate)
        self.reopen_action = act("&Reopen candidate", self.reopen_candidate)
        self.assign_action = act("&Assign interviewers…", self.assign_interviewers)
        self.committee_action = act("&Committee view", self.open_committee, "Ctrl+Shift+C")
        self.send_action = act("&Send my scorecards…", self.send_my_scorecards_dialog, "Ctrl+Shift+S")
        self.pack_action = act("Send the candidate's &pack…", self.send_pack_dialog)
        self.import_action = act("&Import…", self.import_dialog, "Ctrl+Shift+O")
        self.folder_action = act("E&xchange folder…", self.choose_exchange_folder)
        self.sync_action = act("S&ync now", self.sync_now)
        self.encrypt_action = act("Exchange folder needs the team pass&phrase", self.set_passphrase_required,
                                  checkable=True)
        self.merge_action = act("&Merge interviewers typed twice…", self.merge_interviewers)
        self.coordinator_action = act("Act as hiring &coordinator", self.set_coordinator, checkable=True)

    def build_menu(self, menubar) -> QMenu:
        menu: QMenu = menubar.addMenu("&Panel")
        menu.aboutToShow.connect(self._ready_if_pending)  # the coordinator tick is right when seen
        for group in ((self.edit_action, self.withdraw_action, self.reopen_action, self.assign_action),
                      (self.committee_action,),
                      (self.send_action, self.pack_action, self.import_action, self.folder_action, self.sync_action,
                       self.encrypt_action),
                      (self.merge_action, self.coordinator_action)):
            menu.addActions(list(group))
            menu.addSeparator()
        return menu

    # --- state ---------------------------------------------------------------------------

    @property
    def services(self):
        return self._window.services

    def services_ready(self, *, defer_ms: int | None = None) -> None:
        """The menu's state from the database, this laptop's user linked, the exchange folder synced.
        With `defer_ms` (start-up) that waits until then — or until the menu or one of its actions
        is used first — so that it does not hold up the list."""
        if defer_ms is not None:
            self._ready_pending = True
            QTimer.singleShot(defer_ms, self, self._ready_if_pending)
            return
        self._ready_pending = False
        from scorecard.domain.panel import Role

        from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

        for action, on in ((self.coordinator_action, self.services.panel.role() is Role.COORDINATOR),
                           (self.encrypt_action, self.services.panel.setting(SYNC_PASSPHRASE_REQUIRED) == "1")):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.link_me()
        if self.services.panel.setting("sync_folder"):
            self.sync_now(quiet=True)

    def _ready_if_pending(self, *_args) -> None:
        if self._ready_pending and self.services is not None:
            self.services_ready()

    def link_me(self) -> None:
        """The window's interviewer name is this laptop's user (picked from a pack by name, or created)."""
        name = self._window.settings.interviewer
        if self.services is None or not name:
            return
        from scorecard.services.errors import SaveFailed

        me = self.services.panel.me()
        if me is None or me.name != name:
            try:
                self.services.panel.set_me(name)
            except SaveFailed:
                # a file that refuses writes (damaged, read-only) has its own message; linking waits
                # for the next start on a healthy file and nothing else depends on it meanwhile
                return

    def _candidate(self):
        page = self._window.candidates_page
        candidate_id = page.selected_id() if page is not None else None
        if candidate_id is None:
            self.notice.emit("Select a candidate in the list first.", "info")
            return None
        return self.services.candidates.get(candidate_id)

    # --- candidates and panel ----------------------------------------------------------------

    def edit_candidate(self) -> None:
        from scorecard.ui.panel_dialogs import EditCandidateDialog

        candidate = self._candidate()
        if candidate is None:
            return
        self.dialog = EditCandidateDialog(self.services, candidate, self._window)
        self.dialog.accepted.connect(self.changed.emit)
        self.dialog.open()

    def withdraw_candidate(self) -> None:
        candidate = self._candidate()
        if candidate is not None:
            self.services.candidates.withdraw(candidate_id=candidate.id)
            self.notice.emit(f"{candidate.name} is withdrawn (Panel ▸ Reopen candidate undoes it).", "info")
            self.changed.emit()

    def reopen_candidate(self) -> None:
        candidate = self._candidate()
        if candidate is not None:
            self.services.candidates.reopen(candidate_id=candidate.id)
            self.notice.emit(f"{candidate.name} is open again.", "info")
            self.changed.emit()

    def assign_interviewers(self) -> None:
        from scorecard.ui.panel_dialogs import AssignDialog

        candidate = self._candidate()
        if candidate is None:
            return
        self.dialog = AssignDialog(self.services, candidate, self._window)
        self.dialog.finished.connect(lambda _r: self.changed.emit())
        self.dialog.open()

    def merge_preview(self) -> str:
        """What a merge would record: the same name under several ids, and their scorecards."""
        lines = []
        for g in self.services.panel.merge_groups():
            others = ", ".join(f"{a.id[:8]}… ({g.scorecards.get(a.id, 0)} scorecards)" for a in g.aliases)
            lines.append(f"{g.name}: keep {g.keep.id[:8]}… ({g.scorecards.get(g.keep.id, 0)} scorecards); "
                         f"the same person as {others}")
        return "\n".join(lines)

    def merge_interviewers(self, _checked: bool = False, *, confirm=None) -> int:
        """Preview, and only when confirmed record each merge as an alias (no scorecard is rewritten)."""
        from PySide6.QtWidgets import QMessageBox

        preview = self.merge_preview()
        if not preview:
            self.notice.emit("No interviewers share a name under different ids.", "info")
            return 0
        if confirm is None:
            confirm = QMessageBox.question(
                self._window, "Merge interviewers",
                f"These look like the same person typed on two laptops:\n\n{preview}\n\n"
                "Merge them? Each merge is recorded as an alias; no scorecard is changed.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No,
            ) == QMessageBox.StandardButton.Yes
        if not confirm:
            return 0
        n = self.services.panel.merge(self.services.panel.merge_groups())
        self.notice.emit(f"Merged: {n} alias(es) recorded.", "positive")
        self.changed.emit()
        return n

    def set_coordinator(self, on: bool) -> None:
        from scorecard.domain.panel import Role

        self.services.panel.set_role(Role.COORDINATOR if on else Role.INTERVIEWER)
        self.notice.emit("You act as the hiring coordinator: you see every scorecard." if on else
                         "You act as an interviewer: the blind rule applies to you.", "info")
        self.changed.emit()

    # --- the committee view -------------------------------------------------------------------

    def open_committee(self, candidate_id: str | None = None):
        from scorecard.services.committee import committee_view
        from scorecard.ui.committee.view import CommitteeDialog

        if not candidate_id:
            candidate = self._candidate()
            if candidate is None:
                return None
            candidate_id = candidate.id
        view = committee_view(self.services, candidate_id=candidate_id, viewer=self._window.settings.interviewer)
        self.committee_dialog = CommitteeDialog(view, self._window)
        self.committee_dialog.exportRequested.connect(self._on_committee_export)
        self.committee_dialog.open()
        return self.committee_dialog

    def _on_committee_export(self, candidate_id: str) -> None:
        from scorecard.services.export import pdf_filename

        candidate = self.services.candidates.get(candidate_id)
        path, _ = QFileDialog.getSaveFileName(self._window, "Export committee PDF", pdf_filename(candidate),
                                              "PDF (*.pdf)")
        if path:
            self.export_committee_pdf(candidate_id, Path(path))

    def export_committee_pdf(self, candidate_id: str, path: Path) -> Path | None:
        from scorecard.services.export import ExportFailed

        try:
            written = self.services.export.export_consolidated(candidate_id=candidate_id, out=path)
        except ExportFailed as exc:
            self.notice.emit(str(exc), "negative")
            return None
        self.notice.emit(f"Saved {written}", "positive")
        return written

    # --- exchange by file -----------------------------------------------------------------------

    def send_my_scorecards(self, path: Path) -> Path:
        """Write every scorecard this laptop's user submitted into one bundle file."""
        self.link_me()
        me = self.services.panel.me()
        bundle = self.services.bundles.export(candidate_ids=None, interviewer=me.name if me else None)
        path = Path(path)
        target = path / bundle.file_name if path.is_dir() else path
        target.write_bytes(bundle.data)
        self.notice.emit(f"Wrote {bundle.counts['scorecards']} scorecard(s) to {target}.", "positive")
        return target

    def send_my_scorecards_dialog(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self._window, "Send my scorecards", "my-scorecards.scorecard-bundle",
                                              "Scorecard bundles (*.scorecard-bundle)")
        if path:
            self.send_my_scorecards(Path(path))

    def send_pack_dialog(self) -> None:
        candidate = self._candidate()
        if candidate is None:
            return
        path, _ = QFileDialog.getSaveFileName(self._window, "Send the candidate's pack",
                                              f"pack-{candidate.name}.scorecard-bundle",
                                              "Scorecard bundles (*.scorecard-bundle)")
        if path:
            bundle = self.services.bundles.export(candidate_ids=[candidate.id], scorecards=False)
            Path(path).write_bytes(bundle.data)
            self.notice.emit(f"Wrote {candidate.name}'s pack to {path}.", "positive")

    def import_files(self, paths: list[Path]) -> list:
        """Import bundle files, each exactly once in one transaction; a summary in the notice."""
        self.link_me()
        bundles = self.services.bundles
        viewer = bundles.blind_viewer()
        reports = [bundles.import_file(Path(p), blind_viewer=viewer, passphrase=self._passphrase) for p in paths]
        if any(r.needs_passphrase for r in reports) and self.passphrase() is not None:
            reports = [bundles.import_file(Path(p), blind_viewer=viewer, passphrase=self._passphrase)
                       if r.needs_passphrase else r for p, r in zip(paths, reports)]
        lines = [r.summary() for r in reports]
        groups = self.services.panel.merge_groups()
        for g in groups:
            lines.append(f"'{g.name}' appears under {1 + len(g.aliases)} ids — the same person? "
                         "(scorecard interviewer merge previews it)")
        me = self._window.settings.interviewer
        names = {p.id: p.name for p in self.services.panel.interviewers()}
        people = sorted({names.get(a.interviewer_id, "?") for a in self.services.panel.assignments()})
        if any(r.added.get("assignments") for r in reports) and me not in people:
            lines.append(f"The panel: {', '.join(people)}. If one of them is you, set your name to it "
                         "(Scorecard ▸ Change interviewer name) so this laptop uses your id from the pack.")
        ok = all(r.ok for r in reports)
        self.notice.emit("\n".join(lines), "positive" if ok else "negative")
        self.changed.emit()
        return reports

    def import_dialog(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self._window, "Import scorecards or a pack", "",
                                                "Scorecard bundles (*.scorecard-bundle);;All files (*)")
        if paths:
            self.import_files([Path(p) for p in paths])

    def choose_exchange_folder(self) -> None:
        current = self.services.panel.setting("sync_folder") or ""
        folder = QFileDialog.getExistingDirectory(self._window, "Exchange folder (shared with the panel)", current)
        if folder:
            self.services.panel.set_setting("sync_folder", folder)
            self.sync_now()

    def sync_now(self, quiet: bool = False) -> None:
        folder = self.services.panel.setting("sync_folder")
        if not folder:
            if not quiet:
                self.notice.emit("Choose an exchange folder first (Panel ▸ Exchange folder…).", "info")
            return
        from scorecard.services.errors import InvalidInput

        self.link_me()
        from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

        required = self.services.panel.setting(SYNC_PASSPHRASE_REQUIRED) == "1"
        if required and self.passphrase() is None:
            self.notice.emit("The exchange folder needs the team passphrase; nothing was synced.", "info")
            return
        try:
            report = self.services.sync.sync(Path(folder), passphrase=self._passphrase)
        except (InvalidInput, OSError) as exc:
            self.notice.emit(f"Exchange folder: {exc}", "negative")
            return
        new = sum(1 for r in report.imported if r.ok and not r.nothing_new)
        text = f"Exchange folder: sent {len(report.written)}, received {new} file(s)"
        if report.left:
            text += f", {len(report.left)} left until your own rounds are submitted"
        problems = [r.summary() for r in report.imported if not r.ok]
        if problems or not quiet:
            self.notice.emit("\n".join([text + ".", *problems]), "negative" if problems else "info")
        if new:
            self.changed.emit()

    # --- the team passphrase ------------------------------------------------------------------

    def set_passphrase_required(self, on: bool) -> None:
        """The exchange folder's files are encrypted with the team passphrase (the same setting as
        `scorecard sync --require-passphrase on|off`); turning it on asks for the passphrase now."""
        from scorecard.services.panel import SYNC_PASSPHRASE_REQUIRED

        if on and self.passphrase() is None:
            self.encrypt_action.blockSignals(True)
            self.encrypt_action.setChecked(False)
            self.encrypt_action.blockSignals(False)
            self.notice.emit("No passphrase given: the exchange folder setting is unchanged.", "info")
            return
        from scorecard.services.errors import SaveFailed

        try:
            self.services.panel.set_setting(SYNC_PASSPHRASE_REQUIRED, "1" if on else None)
        except SaveFailed as exc:
            self.encrypt_action.blockSignals(True)
            self.encrypt_action.setChecked(not on)
            self.encrypt_action.blockSignals(False)
            self.notice.emit(f"The exchange folder setting was not changed: {exc}", "negative")
            return
        if on:
            self.notice.emit("The exchange folder now needs the team passphrase: what this laptop writes "
                             "there is encrypted, and the passphrase is asked once per session.", "info")
        else:
            self.notice.emit("The exchange folder no longer needs the team passphrase: what this laptop "
                             "writes there from its next start is readable by anyone who can open the folder.",
                             "info")

    def passphrase(self) -> str | None:
        if self._passphrase is None:
            self._passphrase = self.ask_passphrase() or None
        return self._passphrase

    def _ask_passphrase(self) -> str | None:
        from PySide6.QtWidgets import QInputDialog, QLineEdit

        text, ok = QInputDialog.getText(self._window, "Team passphrase",
                                        "The exchange files are encrypted. Team passphrase:",
                                        QLineEdit.EchoMode.Password)
        return text if ok and text else None
