"""The one way to run slow work (exporting PDFs, importing bundles) off the UI thread.

    task = run_in_background(
        window,
        lambda progress: do_the_work(progress),   # runs in a worker thread
        on_success=show_result,                    # these three run on the UI thread
        on_failure=show_problem,
        on_progress=update_bar,                    # (done, total, text)
    )

Rules the work function keeps (as in Anki's CollectionOp):
- it never touches a widget or any other Qt object of the UI; it gets what it needs as
  arguments and returns a plain result;
- it opens its own database connection (`open_services(path)`) and closes it, rather
  than sharing the UI's connection;
- it reports progress through the `ProgressReporter` it is handed, and checks
  `progress.cancelled` between steps where stopping early is safe.

Results, progress and failures come back through queued signals, so every callback
runs on the UI thread. Work runs one task at a time (a single worker thread per
window), so two exports never render at once. Closing the window cancels what is
queued or running and waits for the worker before the database is closed
(`shutdown_background(window)`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How long closing the window waits for a running task to reach its next step.
SHUTDOWN_WAIT_MS = 30_000


class Cancelled(Exception):
    """The work stopped early because it was asked to (`ProgressReporter.raise_if_cancelled`)."""


class ProgressReporter:
    """Handed to the work function: report progress, learn whether to stop. Safe from any thread."""

    def __init__(self, emit: Callable[[int, int, str], None]):
        self._emit = emit
        self._cancel = threading.Event()

    def report(self, done: int, total: int, text: str = "") -> None:
        """`done` of `total` steps finished; `text` says what comes next (shown to people)."""
        self._emit(int(done), int(total), str(text))

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise Cancelled("stopped on request")

    def cancel(self) -> None:
        self._cancel.set()


class Task(QObject, Generic[T]):
    """One piece of background work, seen from the UI thread (lives there; has no Qt parent).

    Signals (all emitted on the UI thread):
        progressed(int, int, str): done, total and what is being worked on.
        succeeded(object): the work returned; carries its result.
        failed(object): the work raised; carries the exception (a `Cancelled` if it stopped on request).
        finished(): after succeeded or failed, in either case.
    """

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    finished = Signal()

    # emitted from the worker thread, delivered on the UI thread
    _progress_from_worker = Signal(int, int, str)
    _done_from_worker = Signal(bool, object)

    def __init__(self, work: Callable[[ProgressReporter], T], expected: tuple[type[BaseException], ...] = ()):
        super().__init__()
        self._work = work
        self._expected = expected
        self.progress = ProgressReporter(self._progress_from_worker.emit)
        #: `threading.get_ident()` of the thread the work ran in (set when it starts)
        self.worker_thread_id: int | None = None
        self.done = False
        self._discarded = False
        self._progress_from_worker.connect(self._on_progress, Qt.ConnectionType.QueuedConnection)
        self._done_from_worker.connect(self._on_done, Qt.ConnectionType.QueuedConnection)

    def cancel(self) -> None:
        """Ask the work to stop at its next check; callbacks still run when it ends."""
        self.progress.cancel()

    @property
    def cancelled(self) -> bool:
        return self.progress.cancelled

    def _run_in_worker(self) -> None:
        self.worker_thread_id = threading.get_ident()
        try:
            result = self._work(self.progress)
        except Cancelled as exc:
            self._done_from_worker.emit(False, exc)
        except self._expected as exc:  # a problem the user can act on: one line in the log
            log.info("background work did not complete: %s", exc)
            self._done_from_worker.emit(False, exc)
        except BaseException as exc:  # noqa: BLE001 - every failure goes back to the UI as a message
            log.error("background work failed", exc_info=exc)
            self._done_from_worker.emit(False, exc)
        else:
            self._done_from_worker.emit(True, result)

    def _discard(self) -> None:
        """The window is closing: run no more callbacks."""
        self._discarded = True

    @Slot(int, int, str)
    def _on_progress(self, done: int, total: int, text: str) -> None:
        if not self._discarded and not self.done:
            self.progressed.emit(done, total, text)

    @Slot(bool, object)
    def _on_done(self, ok: bool, value: object) -> None:
        self.done = True
        if not self._discarded:
            (self.succeeded if ok else self.failed).emit(value)
            self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self._task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        if self._task.cancelled:
            self._task._done_from_worker.emit(False, Cancelled("cancelled before it started"))
            return
        self._task._run_in_worker()


class BackgroundRunner(QObject):
    """Owns the worker thread of one window; found (or made) by `run_in_background`."""

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self.setObjectName("backgroundRunner")
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._tasks: list[Task] = []
        self._closed = False

    @property
    def busy(self) -> bool:
        return any(not t.done for t in self._tasks)

    def run(
        self,
        work: Callable[[ProgressReporter], T],
        *,
        on_success: Callable[[T], Any],
        on_failure: Callable[[BaseException], Any],
        on_progress: Callable[[int, int, str], Any] | None = None,
        expected: tuple[type[BaseException], ...] = (),
    ) -> Task[T]:
        if self._closed:
            raise RuntimeError("the window is closing; no new background work")
        task: Task[T] = Task(work, expected)
        if on_progress is not None:
            task.progressed.connect(on_progress)
        task.succeeded.connect(on_success)
        task.failed.connect(on_failure)
        # queued: the runner drops its reference after the task's own slot has returned
        task.finished.connect(self._forget_done, Qt.ConnectionType.QueuedConnection)
        self._tasks.append(task)
        self._pool.start(_Runnable(task))
        return task

    @Slot()
    def _forget_done(self) -> None:
        self._tasks = [t for t in self._tasks if not t.done]

    def shutdown(self, timeout_ms: int = SHUTDOWN_WAIT_MS) -> bool:
        """Cancel everything, wait for the worker; no callback runs afterwards. True if it stopped in time."""
        self._closed = True
        for task in self._tasks:
            task.cancel()
            task._discard()
        stopped = self._pool.waitForDone(timeout_ms)
        if stopped:
            self._tasks.clear()
        else:  # keep the tasks alive: their worker may still emit
            log.warning("background work still running after %d ms at shutdown", timeout_ms)
        return stopped


def runner_for(widget: QObject) -> BackgroundRunner:
    """The runner of the widget's window, created on first use."""
    owner = widget.window() if hasattr(widget, "window") else widget
    runner = owner.findChild(BackgroundRunner, "backgroundRunner", Qt.FindChildOption.FindDirectChildrenOnly)
    if runner is None:
        runner = BackgroundRunner(owner)
    return runner


def run_in_background(
    parent: QObject,
    work: Callable[[ProgressReporter], T],
    *,
    on_success: Callable[[T], Any],
    on_failure: Callable[[BaseException], Any],
    on_progress: Callable[[int, int, str], Any] | None = None,
    expected: tuple[type[BaseException], ...] = (),
) -> Task[T]:
    """Run `work(progress)` in the window's worker thread; the callbacks run on the UI thread.

    `on_failure` gets the exception (a `Cancelled` when the work stopped on request). The
    traceback of an unexpected exception is logged, never shown; exceptions of the
    `expected` types (problems the user can fix, such as a folder that cannot be written)
    are logged in one line. Returns the `Task` (cancel it, or wait for its `finished`
    signal in tests); it is not parented, so holding it after `finished` is safe.
    """
    return runner_for(parent).run(work, on_success=on_success, on_failure=on_failure, on_progress=on_progress,
                                  expected=expected)


def shutdown_background(window: QObject, timeout_ms: int = SHUTDOWN_WAIT_MS) -> bool:
    """Stop the window's background work (at close, before its database is closed)."""
    runner = window.findChild(BackgroundRunner, "backgroundRunner", Qt.FindChildOption.FindDirectChildrenOnly)
    return runner.shutdown(timeout_ms) if runner is not None else True
