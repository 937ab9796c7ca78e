"""Exporting PDFs from the candidate list: one candidate, all of them with progress, failures as messages.

The file and folder choosers are replaced (no native dialogs); the work runs in the
window's worker thread, so every test waits for `CandidateExports.finished`.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.conftest import INTERVIEWER, press

pytestmark = pytest.mark.gui

#: Rendering a report takes well under a second; a loaded CI machine gets room.
EXPORT_TIMEOUT_MS = 30_000


class FakeChooser:
    """Stands in for the native file dialogs; remembers what it was asked."""

    def __init__(self, file: Path | None = None, folder: Path | None = None):
        self.file, self.folder_path = file, folder
        self.asked: list[tuple[str, str, Path]] = []

    def save_file(self, parent, title: str, suggested: Path) -> Path | None:
        self.asked.append(("file", title, suggested))
        return self.file

    def folder(self, parent, title: str, start: Path) -> Path | None:
        self.asked.append(("folder", title, start))
        return self.folder_path


class FakeConfirmation:
    """Stands in for the 'Export as hiring coordinator?' question; answers `answer`, remembers the questions."""

    def __init__(self, answer: bool = True):
        self.answer = answer
        self.asked: list[tuple[str, str, str]] = []

    def confirm(self, parent, title: str, text: str, accept: str) -> bool:
        self.asked.append((title, text, accept))
        return self.answer


def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() or "" for page in PdfReader(path).pages)


def message_text(box: QMessageBox) -> str:
    return "\n".join([box.windowTitle(), box.text(), box.informativeText(), box.detailedText()])


@pytest.fixture
def three(services):
    """Three candidates (list order: Ana, Bartosz, Zoë), nobody has scored them yet."""
    names = ["Zoë Ñúñez", "Ana-María O'Connor", "Bartosz <Nowak>"]
    return {n: services.candidates.add(name=n, kit_id="mini", target_level="mid") for n in names}


def test_export_pdf_for_the_selected_candidate_with_ctrl_p(qtbot, services, settings, candidate, make_window,
                                                          tmp_path):
    from scorecard.services.export import pdf_filename

    window = make_window(services, settings)
    page = window.candidates_page
    exports = page.exports
    out = tmp_path / "reports" / "zoe.pdf"
    exports.chooser = FakeChooser(file=out)
    exports.confirmation = FakeConfirmation(True)  # nobody has scored Zoë: exported as coordinator
    page.focus_table()
    assert exports.export_pdf_action.isEnabled()
    assert exports.export_pdf_action in window.export_menu.actions()
    assert exports.export_pdf_action in page.table.actions()  # the context menu

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    assert done.args == [out]
    assert exports.confirmation.asked == [(
        "Export as hiring coordinator?",
        "This report shows every interviewer's ratings and notes. If you will interview Zoë Ñúñez, export it "
        "only after you have submitted your own scorecards. Export as hiring coordinator?",
        "Export as coordinator")]
    kind, title, suggested = exports.chooser.asked[0]
    assert kind == "file" and "Zoë Ñúñez" in title and suggested.name == pdf_filename(candidate)
    assert out.is_file() and "Zoë Ñúñez" in pdf_text(out)
    assert exports.task.worker_thread_id not in (None, threading.main_thread().ident)
    assert "Saved the committee report for Zoë Ñúñez" in window.notice.message()
    assert str(out) in window.notice.message()


def test_choosing_no_file_exports_nothing(qtbot, services, settings, candidate, make_window, tmp_path):
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    exports.chooser = FakeChooser(file=None)
    exports.confirmation = FakeConfirmation(True)
    exports.export_pdf_action.trigger()
    assert exports.task is None and not window.notice.isVisible()
    assert list(tmp_path.glob("**/*.pdf")) == []


def test_export_all_shows_progress_and_writes_one_file_per_candidate(qtbot, services, settings, three,
                                                                    make_window, tmp_path):
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    folder = tmp_path / "committee"
    exports.chooser = FakeChooser(folder=folder)
    exports.confirmation = FakeConfirmation(True)
    steps: list[tuple[int, int, str]] = []
    labels: list[str] = []

    def on_progress(done: int, total: int, name: str) -> None:
        steps.append((done, total, name))
        dialog = exports.progress_dialog
        assert dialog is not None and dialog.isVisible() and dialog.isModal()
        labels.append(dialog.label.text())

    exports.progressed.connect(on_progress)
    window.candidates_page.search.setText("zoe")  # a search narrows the list, not what "all" exports
    assert window.candidates_page.model.rowCount() == 1
    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        press(qtbot, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    result = done.args[0]

    assert len(exports.confirmation.asked) == 1  # once for all three (nobody has scored them)
    assert "Ana-María O'Connor, Bartosz <Nowak>, Zoë Ñúñez" in exports.confirmation.asked[0][1]
    assert steps == [(0, 3, "Ana-María O'Connor"), (1, 3, "Bartosz <Nowak>"), (2, 3, "Zoë Ñúñez"), (3, 3, "")]
    assert "1 of 3 — Ana-María O'Connor" in labels[0] and str(folder) in labels[0]
    assert "3 of 3" in labels[-1]
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3 and sorted(result.written) == files
    assert "Bartosz Nowak (" in " ".join(f.name for f in files)  # '<' and '>' are not allowed in names
    assert "Zoë Ñúñez" in pdf_text(next(f for f in files if f.name.startswith("Zo")))
    assert exports.progress_dialog is None
    assert exports.task.worker_thread_id != threading.main_thread().ident

    box = exports.message
    assert box is not None and box.isVisible()
    assert f"All 3 committee reports were written to\n{folder}" in box.text()
    assert box.icon() == QMessageBox.Icon.Information and "Not exported" not in message_text(box)
    assert [b.text() for b in box.buttons()].count("Open folder") == 1
    box.close()


def test_a_draft_of_mine_keeps_that_candidates_report_unexported(qtbot, services, settings, three, make_window,
                                                                tmp_path):
    zoe = three["Zoë Ñúñez"]
    draft = services.scoring.start_or_resume(candidate_id=zoe.id, round_id="tech", interviewer=INTERVIEWER)
    services.scoring.rate(scorecard_id=draft.id, item_id="q-api", step_id="meets")
    window = make_window(services, settings)
    page = window.candidates_page
    exports = page.exports
    exports.chooser = FakeChooser(file=tmp_path / "zoe.pdf", folder=tmp_path / "all")
    exports.confirmation = FakeConfirmation(True)

    page.select_candidate(zoe.id)
    exports.export_pdf_action.trigger()  # refused at once, before asking anything
    assert exports.chooser.asked == [] and exports.confirmation.asked == [] and exports.message.isVisible()
    assert "still a draft" in exports.message.text() and not (tmp_path / "zoe.pdf").exists()
    exports.message.close()

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        exports.export_all_action.trigger()
    result = done.args[0]
    assert len(exports.confirmation.asked) == 1  # for the two not scored; Zoë is not even asked about
    assert "no scorecard for 2 of the candidates:\nAna-María O'Connor, Bartosz <Nowak>\n" in (
        exports.confirmation.asked[0][1])
    assert len(result.written) == 2 and [name for name, _ in result.skipped] == ["Zoë Ñúñez"]
    text = message_text(exports.message)
    assert "2 of 3 committee reports were written to" in text
    assert "• Zoë Ñúñez — your own scorecard for this candidate is still a draft" in text
    assert exports.message.icon() == QMessageBox.Icon.Warning
    exports.message.close()


def test_a_coordinator_is_asked_and_cancel_is_the_default(qtbot, services, settings, candidate, make_window,
                                                         tmp_path):
    """Nobody on the panel yet (NOT_ON_PANEL): the real question, Cancel as default; Esc exports nothing."""
    from PySide6.QtCore import QTimer

    window = make_window(services, settings)
    exports = window.candidates_page.exports
    exports.chooser = FakeChooser(file=tmp_path / "zoe.pdf")
    seen: dict[str, object] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        seen["title"], seen["text"] = box.windowTitle(), box.text()
        seen["default"] = box.defaultButton().text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    exports.export_pdf_action.trigger()  # blocks in the question until answer() presses Esc
    assert seen["title"] == "Export as hiring coordinator?"
    assert "If you will interview Zoë Ñúñez, export it only after you have submitted" in seen["text"]
    assert seen["default"] == "Cancel (Esc)" and seen["buttons"] == ["Cancel (Esc)", "Export as coordinator"]
    assert exports.chooser.asked == [] and exports.task is None and not (tmp_path / "zoe.pdf").exists()


def test_after_submitting_all_of_mine_the_report_exports_without_a_question(qtbot, services, settings, candidate,
                                                                            make_window, tmp_path):
    from tests.ui.test_blind import OTHER, SECRET, fill_and_submit

    fill_and_submit(services, services.scoring.start_or_resume(
        candidate_id=candidate.id, round_id="tech", interviewer=OTHER), SECRET)
    fill_and_submit(services, services.scoring.start_or_resume(
        candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER), "mine")
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    exports.chooser = FakeChooser(file=tmp_path / "zoe.pdf")
    exports.confirmation = FakeConfirmation(False)
    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS):
        exports.export_pdf_action.trigger()
    assert exports.confirmation.asked == []
    assert SECRET in pdf_text(tmp_path / "zoe.pdf")


def test_export_all_asks_once_about_unscored_candidates_and_declining_writes_nothing(
        qtbot, services, settings, three, make_window, tmp_path):
    from tests.ui.test_blind import fill_and_submit

    ana, zoe = three["Ana-María O'Connor"], three["Zoë Ñúñez"]
    fill_and_submit(services, services.scoring.start_or_resume(
        candidate_id=ana.id, round_id="tech", interviewer=INTERVIEWER), "mine")  # open to me
    draft = services.scoring.start_or_resume(candidate_id=zoe.id, round_id="tech", interviewer=INTERVIEWER)
    services.scoring.rate(scorecard_id=draft.id, item_id="q-api", step_id="meets")  # a draft
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    folder = tmp_path / "all"
    exports.chooser = FakeChooser(folder=folder)
    exports.confirmation = FakeConfirmation(False)

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        exports.export_all_action.trigger()
    assert done.args == [None]
    [(title, text, accept)] = exports.confirmation.asked
    assert title == "Export as hiring coordinator?" and accept == "Export as coordinator"
    assert "no scorecard for 1 of the candidates:\nBartosz <Nowak>\n" in text
    assert "export their reports only after you have submitted your own scorecards" in text
    assert not folder.exists() or list(folder.glob("*.pdf")) == []
    assert exports.progress_dialog is None

    exports.confirmation = FakeConfirmation(True)
    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        exports.export_all_action.trigger()
    result = done.args[0]
    assert len(result.written) == 2 and [name for name, _ in result.skipped] == ["Zoë Ñúñez"]
    exports.message.close()


def test_a_file_where_the_folder_should_be_is_a_message_not_a_traceback(qtbot, services, settings, three,
                                                                       make_window, tmp_path):
    blocker = tmp_path / "reports"
    blocker.write_text("not a folder")
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    exports.chooser = FakeChooser(folder=blocker, file=blocker / "one.pdf")
    exports.confirmation = FakeConfirmation(True)

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        exports.export_all_action.trigger()
    assert done.args == ["That is a file, not a folder: choose another folder."]
    box = exports.message
    text = message_text(box)
    assert box.isVisible() and box.windowTitle() == "No PDFs exported"
    assert f"Nothing was written to\n{blocker}\n\nThat is a file, not a folder" in text
    assert "Traceback" not in text and "Error:" not in text
    assert exports.progress_dialog is None
    box.close()

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS):
        exports.export_pdf_action.trigger()
    text = message_text(exports.message)
    assert exports.message.windowTitle() == "PDF not saved" and "Cannot write into" in text
    assert "Traceback" not in text and "Not saved" in window.notice.message()
    assert blocker.read_text() == "not a folder"
    exports.message.close()


def test_stop_ends_the_export_between_candidates_while_the_window_stays_responsive(
        qtbot, services, settings, three, make_window, tmp_path, monkeypatch):
    from scorecard.services.export import ExportService

    gate = threading.Event()
    original = ExportService.export_all
    worker_threads: set[int] = set()

    def held_export_all(self, **kwargs):
        worker_threads.add(threading.get_ident())
        assert gate.wait(10), "the test never released the worker"
        return original(self, **kwargs)

    monkeypatch.setattr(ExportService, "export_all", held_export_all)
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    folder = tmp_path / "committee"
    exports.chooser = FakeChooser(folder=folder)
    exports.confirmation = FakeConfirmation(True)
    finished: list[object] = []
    exports.finished.connect(finished.append)

    exports.export_all_action.trigger()
    # the worker is held inside the first candidate; the UI thread still shows progress and takes a click
    qtbot.waitUntil(lambda: exports.progress_dialog is not None and "1 of 3" in exports.progress_dialog.label.text())
    dialog = exports.progress_dialog
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert "Stopping after the current candidate" in dialog.label.text()
    assert dialog.isVisible() and not dialog.cancel_button.isEnabled() and finished == []
    assert threading.main_thread().ident not in worker_threads

    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS) as done:
        gate.set()
    result = done.args[0]
    assert result.stopped and len(result.written) == 1 and len(list(folder.glob("*.pdf"))) == 1
    assert "Stopped: 1 of 3 committee reports were written to" in exports.message.text()
    exports.message.close()


def test_my_scorecard_and_the_blank_guide_for_the_selected_round(qtbot, services, settings, candidate,
                                                                 make_window, tmp_path):
    card = services.scoring.start_or_resume(candidate_id=candidate.id, round_id="tech", interviewer=INTERVIEWER)
    services.scoring.set_notes(scorecard_id=card.id, item_id="q-api", notes="Wrote the OpenAPI spec first.")
    window = make_window(services, settings)
    page = window.candidates_page
    page.refresh(select=candidate.id)
    exports = page.exports
    page.focus_rounds()  # the draft round is suggested
    assert page.rounds.currentIndex().row() == 1
    assert exports.export_mine_action in page.rounds.actions() and exports.guide_action in page.rounds.actions()

    exports.chooser = FakeChooser(file=tmp_path / "mine.pdf")
    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS):
        exports.export_mine_action.trigger()
    assert "Technical interview" in exports.chooser.asked[0][2].name
    assert "Wrote the OpenAPI spec first." in pdf_text(tmp_path / "mine.pdf")

    exports.chooser = FakeChooser(file=tmp_path / "guide.pdf")
    with qtbot.waitSignal(exports.finished, timeout=EXPORT_TIMEOUT_MS):
        exports.guide_action.trigger()
    assert exports.chooser.asked[0][2].name == "Mini Engineer - Technical interview - blank guide.pdf"
    assert "Tell me about an API you built." in pdf_text(tmp_path / "guide.pdf")

    page.rounds.select_row(0)  # not started by me: nothing of mine to export
    assert not exports.export_mine_action.isEnabled() and exports.guide_action.isEnabled()


def test_export_actions_are_off_while_scoring(qtbot, services, settings, candidate, make_window):
    window = make_window(services, settings)
    exports = window.candidates_page.exports
    window._on_round_requested(candidate.id, "tech")
    assert not any(a.isEnabled() for a in exports.actions())
    window.scoring_page._on_back_requested()
    qtbot.waitUntil(lambda: exports.export_pdf_action.isEnabled())


# --- the helper itself ---------------------------------------------------------------------------


def test_run_in_background_reports_on_the_ui_thread(qtbot):
    from PySide6.QtWidgets import QWidget

    from scorecard.ui.background import run_in_background, shutdown_background

    owner = QWidget()
    qtbot.addWidget(owner)
    release = threading.Event()
    seen: list[tuple] = []

    def work(progress):
        progress.report(1, 2, "first half")
        assert release.wait(10)
        return threading.get_ident()

    def record(kind):
        return lambda *args: seen.append((kind, threading.get_ident(), *args))

    task = run_in_background(owner, work, on_success=record("ok"), on_failure=record("failed"),
                             on_progress=record("progress"))
    qtbot.waitUntil(lambda: bool(seen))  # progress arrives while the work is still running
    assert seen == [("progress", threading.main_thread().ident, 1, 2, "first half")] and not task.done
    with qtbot.waitSignal(task.finished, timeout=EXPORT_TIMEOUT_MS):
        release.set()
    kind, callback_thread, worker_thread = seen[-1]
    assert kind == "ok" and callback_thread == threading.main_thread().ident
    assert worker_thread == task.worker_thread_id != threading.main_thread().ident

    failing = run_in_background(owner, lambda _p: 1 / 0, on_success=record("ok"), on_failure=record("failed"))
    with qtbot.waitSignal(failing.finished, timeout=EXPORT_TIMEOUT_MS):
        pass
    assert seen[-1][0] == "failed" and isinstance(seen[-1][2], ZeroDivisionError)
    assert shutdown_background(owner)


def test_closing_the_window_stops_background_work_and_runs_no_callback(qtbot, services, settings, make_window):
    from scorecard.ui.background import run_in_background

    window = make_window(services, settings)
    started, steps, called = threading.Event(), [], []

    def work(progress):
        started.set()
        for i in range(1000):
            if progress.cancelled:
                return "stopped"
            steps.append(i)
            threading.Event().wait(0.005)
        return "ran to the end"

    run_in_background(window, work, on_success=called.append, on_failure=called.append)
    assert started.wait(10)
    window.close()  # cancels, waits for the worker, then closes the database
    assert steps and len(steps) < 1000
    QApplication.processEvents()
    assert called == []
    with pytest.raises(RuntimeError, match="closing"):
        run_in_background(window, work, on_success=called.append, on_failure=called.append)


def test_reasons_shared_by_candidates_share_a_line():
    from scorecard.ui.candidates.export import grouped_reasons

    rows = [("Ana", "draft"), ("Zoë", "disk full"), ("王伟", "draft")]
    assert grouped_reasons(rows) == ["• Ana, 王伟 — draft", "• Zoë — disk full"]
    many = [(f"C{i}", "draft") for i in range(10)] + [("Zoë", "disk full")]
    assert grouped_reasons(many, limit=8) == [
        "• C0, C1, C2, C3, C4, C5, C6, C7 and 2 more — draft", "… and 1 more (Show Details…)"]


def test_suggested_file_names_are_short_and_free_of_bidi_tricks():
    from types import SimpleNamespace

    from scorecard.ui.candidates.export import file_safe, guide_name, scorecard_name

    assert file_safe("Zoë\u202egnp.exe") == "Zoëgnp.exe"  # a right-to-left override cannot disguise it
    assert file_safe("a\u200bb\u2066c\u2069 <d>:\n e. ") == "abc d e"
    assert file_safe("CON") == "CON_" and file_safe("王伟") == "王伟"
    overview = SimpleNamespace(name="王" * 500, id="0123456789abcdef", kit_title="K" * 500)
    for name in (scorecard_name(overview, "R" * 500, "I" * 500), guide_name(overview, "R" * 500)):
        assert len(name.encode("utf-8")) <= 255 and name.endswith(".pdf")
    assert scorecard_name(overview, "R" * 500, "I" * 500).startswith("王" * 26 + " (01234567) - ")


def test_export_actions_follow_a_search_that_hides_the_selection(qtbot, services, settings, three, make_window):
    window = make_window(services, settings)
    page, exports = window.candidates_page, window.candidates_page.exports
    assert exports.export_pdf_action.isEnabled()
    page.search.setText("nobody by this name")
    assert page.model.rowCount() == 0 and page.selected_id() is None
    assert not exports.export_pdf_action.isEnabled() and not exports.guide_action.isEnabled()
    assert exports.export_all_action.isEnabled()  # every candidate, whatever the search shows
    page.search.clear()
    assert exports.export_pdf_action.isEnabled()
