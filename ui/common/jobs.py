"""Background jobs: a plain Python function run off the GUI thread, its result or its error
handed to a callback on the GUI thread (in the spirit of Anki's QueryOp and Vorta's jobs).

    self._jobs = JobRunner(self, threads=2)       # one per page or service, a Qt child
    job = self._jobs.start(make_pdf, done=self._on_pdf_done, failed=self._on_pdf_failed,
                           progress=self._on_pdf_progress)
    job.cancel()                                  # nothing is reported after this
    self._jobs.wait()                             # the window closes

The function gets a JobContext: `progress(done, total)`, `cancelled` and
`raise_if_cancelled()`. It runs in a worker thread, so it neither touches nor captures a Qt
object, and opens its own Store when it needs one (an SQLite connection belongs to the thread
that opened it).

Ownership (ui/gc_guard.py: Qt objects are never destroyed in a worker thread): the worker
holds only the function, a threading.Event and a relay QObject that is a Qt child of the
runner; the callbacks, which refer to widgets, are held by the Job on the GUI side. The
runner keeps each job until the pool is done with it, so the last reference to anything of
a job is dropped on the GUI thread, and the relay is deleted there.

Errors: an exception of the function becomes one Indonesian sentence (`describe`, by default
ui.common.errors.describe) for `failed`. One that is not expected (a StoreError or an OSError
is) is also logged through threading.excepthook, which the app points at its error log
(ui/startup.py) as for every worker thread.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QObject, QThread, QThreadPool, Signal, Slot

from app.store import StoreError
from ui.common.errors import describe as describe_error

T = TypeVar("T")
Describe = Callable[[Exception], str]
EXPECTED: tuple[type[Exception], ...] = (StoreError, OSError)


class JobCancelled(Exception):
    """Raised by JobContext.raise_if_cancelled: the job ends quietly, reporting nothing."""


class JobContext:
    """What the function of a job gets: whether it was cancelled, and a way to report
    progress (delivered on the GUI thread)."""

    def __init__(self, cancel: threading.Event,
                 report: Callable[[int, int], None] | None = None) -> None:
        self._cancel = cancel
        self._report = report

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def raise_if_cancelled(self) -> None:
        if self._cancel.is_set():
            raise JobCancelled

    def progress(self, done: int, total: int) -> None:
        if self._report is not None and not self._cancel.is_set():
            self._report(done, total)


class _Relay(QObject):
    """Carries one job's reports from its worker thread to the GUI thread (queued: the relay
    lives on the GUI thread)."""

    progressed = Signal(int, int)
    ended = Signal()

    def __init__(self, job: Job[Any], runner: JobRunner) -> None:
        super().__init__(runner)
        self._job: Job[Any] | None = job
        self.progressed.connect(self._on_progressed)
        self.ended.connect(self._on_ended)

    @Slot(int, int)
    def _on_progressed(self, done: int, total: int) -> None:
        if self._job is not None:
            self._job._progressed(done, total)

    @Slot()
    def _on_ended(self) -> None:
        job, self._job = self._job, None
        self.deleteLater()
        if job is not None:
            job._ended()


class _Task(Generic[T]):
    """The worker's side of a job: runs the function and keeps its outcome. A plain Python
    object (the pool wraps it in a QRunnable of its own)."""

    def __init__(self, fn: Callable[[JobContext], T], context: JobContext, relay: _Relay,
                 expected: tuple[type[Exception], ...]) -> None:
        self._fn = fn
        self._context = context
        self._relay = relay
        self._expected = expected
        self.outcome: tuple[T] | None = None
        self.error: Exception | None = None

    def __call__(self) -> None:
        self._execute()
        try:
            self._relay.ended.emit()
        except RuntimeError:  # the runner is gone (its owner closed without waiting)
            pass

    def _execute(self) -> None:
        try:
            self.outcome = (self._fn(self._context),)
        except JobCancelled:
            pass
        except Exception as exc:  # reported in words on the GUI thread, never a traceback
            self.error = exc
            if not isinstance(exc, self._expected):
                threading.excepthook(threading.ExceptHookArgs(
                    (type(exc), exc, exc.__traceback__, threading.current_thread())))


class Job(Generic[T]):
    """One job, seen from the GUI thread: its callbacks, and cancel."""

    def __init__(self, runner: JobRunner, fn: Callable[[JobContext], T], *,
                 done: Callable[[T], None], failed: Callable[[str], None],
                 progress: Callable[[int, int], None] | None, describe: Describe,
                 expected: tuple[type[Exception], ...]) -> None:
        self._runner = runner
        self._done, self._failed, self._progress = done, failed, progress
        self._describe = describe
        self._cancel = threading.Event()
        relay = _Relay(self, runner)
        self.task = _Task(fn, JobContext(self._cancel, relay.progressed.emit), relay, expected)
        self.finished = False  # reported (or cancelled and ended)

    def cancel(self) -> None:
        """Stop reporting: neither progress, result nor error reaches a callback any more.
        The function sees `cancelled` and may stop early."""
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def _progressed(self, done: int, total: int) -> None:
        if self._progress is not None and not self.cancelled and not self.finished:
            self._progress(done, total)

    def _ended(self) -> None:
        self.finished = True
        self._runner._forget(self)
        outcome, error = self.task.outcome, self.task.error
        self.task.outcome = self.task.error = None  # dropped here, on the GUI thread
        if self.cancelled:
            return
        if error is not None:
            self._failed(self._describe(error))
        elif outcome is not None:
            self._done(outcome[0])


class JobRunner(QObject):
    """Runs jobs on a thread pool of its own (a Qt child of the page or service owning it).
    It holds every job until it has reported, and then until the pool is idle, so the last
    reference to a job's objects is always dropped on the GUI thread."""

    def __init__(self, parent: QObject, *, threads: int = 0) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(threads or QThread.idealThreadCount())
        self._running: set[Job[Any]] = set()
        self._retired: list[Job[Any]] = []  # reported; the worker may still hold its task

    def start(self, fn: Callable[[JobContext], T], *, done: Callable[[T], None],
              failed: Callable[[str], None], progress: Callable[[int, int], None] | None = None,
              describe: Describe = describe_error,
              expected: tuple[type[Exception], ...] = EXPECTED) -> Job[T]:
        """Run fn(context) in the pool; then done(result) or failed(sentence) on the GUI
        thread, and progress(done, total) whenever fn reports it. `expected` errors are
        not logged."""
        self._release()
        job = Job(self, fn, done=done, failed=failed, progress=progress, describe=describe,
                  expected=expected)
        self._running.add(job)
        self._pool.start(job.task)
        return job

    @property
    def busy(self) -> bool:
        """Some job has not reported yet."""
        return bool(self._running)

    def active_threads(self) -> int:
        return self._pool.activeThreadCount()

    def wait(self, msecs: int = -1) -> bool:
        """Block until the running functions have returned (their reports are delivered by
        the event loop afterwards); False when `msecs` passed first."""
        idle = self._pool.waitForDone(msecs)
        self._release()
        return idle

    def _forget(self, job: Job[Any]) -> None:
        self._running.discard(job)
        self._retired.append(job)
        self._release()

    def _release(self) -> None:
        if self._retired and self._pool.activeThreadCount() == 0:
            self._retired.clear()
