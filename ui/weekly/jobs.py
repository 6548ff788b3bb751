"""Work of the weekly page that runs off the GUI thread: computing the figures of a week and
building its PDF. Each job opens its own Store on the same file (an SQLite connection belongs
to the thread that opened it) and reports back through signals, which Qt delivers on the GUI
thread. A job can be cancelled: it then reports nothing and writes no file."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Signal

from app.clock import Clock
from app.store import Store
from app.weekly.figures import compute_weekly
from app.weekly.model import WeeklyFigures
from app.weekly.pdf import render_weekly_pdf
from app.weekly.week import Week

# Steps of a PDF job, for the progress bar.
STEP_FIGURES, STEP_LAYOUT, STEP_WRITE, STEPS = 1, 2, 3, 3
STEP_TEXTS = {STEP_FIGURES: "Menghitung angka…", STEP_LAYOUT: "Menyusun PDF…",
              STEP_WRITE: "Menyimpan berkas…"}


class JobSignals(QObject):
    progress = Signal(int)  # a STEP_*
    done = Signal(object)  # FiguresJob: WeeklyFigures; PdfJob: PdfResult
    failed = Signal(str)  # an Indonesian sentence


class PdfResult:
    def __init__(self, path: Path, figures: WeeklyFigures) -> None:
        self.path = path
        self.figures = figures


class _Job(QRunnable):
    def __init__(self, db_path: Path, clock: Clock, week: Week) -> None:
        super().__init__()
        self.setAutoDelete(False)  # the page holds the job until it reports
        self.signals = JobSignals()
        self._db_path = db_path
        self._clock = clock
        self._week = week
        self._cancelled = threading.Event()

    def cancel(self) -> None:
        self._cancelled.set()

    @property
    def cancelled(self) -> bool:
        return self._cancelled.is_set()

    def run(self) -> None:
        try:
            with Store(self._db_path, clock=self._clock) as store:
                result = self.work(store)
        except Exception as exc:  # reported in words on the page, never a traceback
            if not self.cancelled:
                self.signals.failed.emit(describe_failure(exc))
            return
        if result is not None and not self.cancelled:
            self.signals.done.emit(result)

    def work(self, store: Store) -> object | None:
        raise NotImplementedError


class FiguresJob(_Job):
    """The figures of one week, for the screen."""

    def work(self, store: Store) -> object | None:
        return compute_weekly(store, self._week)


class PdfJob(_Job):
    """The review of one week as a PDF at ``out``, written whole or not at all."""

    def __init__(self, db_path: Path, clock: Clock, week: Week, out: Path, paper: str) -> None:
        super().__init__(db_path, clock, week)
        self._out = out
        self._paper = paper

    def work(self, store: Store) -> object | None:
        self.signals.progress.emit(STEP_FIGURES)
        # the fingerprint is taken with the figures, before the print is logged (by the page)
        figures = compute_weekly(store, self._week)
        if self.cancelled:
            return None
        self.signals.progress.emit(STEP_LAYOUT)
        buffer = io.BytesIO()
        render_weekly_pdf(figures, buffer, paper=self._paper)
        if self.cancelled:
            return None
        self.signals.progress.emit(STEP_WRITE)
        write_atomically(self._out, buffer.getvalue())
        return PdfResult(self._out, figures)


def write_atomically(path: Path, data: bytes) -> None:
    """Write beside the target and rename, so a failure never leaves half a PDF behind."""
    partial = path.with_name(path.name + ".sebagian")
    try:
        partial.write_bytes(data)
        os.replace(partial, path)
    finally:
        if partial.exists():
            partial.unlink()


def describe_failure(error: Exception) -> str:
    from ui.common.errors import describe

    if isinstance(error, PermissionError):
        return "Berkas tidak dapat ditulis: tidak ada izin menulis di folder itu."
    if isinstance(error, OSError) and not hasattr(error, "reason"):
        return f"Berkas tidak dapat ditulis ({error.strerror or error})."
    return describe(error)


def connect(job: _Job, *, done: Callable[[object], None], failed: Callable[[str], None],
            progress: Callable[[int], None] | None = None) -> None:
    job.signals.done.connect(done)
    job.signals.failed.connect(failed)
    if progress is not None:
        job.signals.progress.connect(progress)
