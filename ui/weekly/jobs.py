"""Work of the weekly page that runs off the GUI thread (through ui.common.jobs): computing
the figures of a week and building its PDF. Each job opens its own Store on the same file (an
SQLite connection belongs to the thread that opened it). A job can be cancelled: it then
reports nothing and writes no file."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from app.documents.printing import check_code
from app.documents.registry import WEEKLY_REVIEW
from app.outputs import OutputRefused, write_bytes
from app.store import Store
from app.weekly.figures import compute_weekly
from app.weekly.model import WeeklyFigures
from app.weekly.pdf import render_weekly_pdf
from app.weekly.week import Week
from ui.common.errors import describe
from ui.common.jobs import JobContext

# Steps of a PDF job, for the progress bar.
STEP_FIGURES, STEP_LAYOUT, STEP_WRITE, STEPS = 1, 2, 3, 3
STEP_TEXTS = {STEP_FIGURES: "Menghitung angka…", STEP_LAYOUT: "Menyusun PDF…",
              STEP_WRITE: "Menyimpan berkas…"}


class PdfResult:
    def __init__(self, path: Path, figures: WeeklyFigures) -> None:
        self.path = path
        self.figures = figures


def figures_job(open_store: Callable[[], Store], week: Week
                ) -> Callable[[JobContext], WeeklyFigures]:
    """The figures of one week, for the screen (`open_store`: the session store's opener, a
    connection of the job's own thread with the same key and officer)."""

    def work(context: JobContext) -> WeeklyFigures:
        with open_store() as store:
            return compute_weekly(store, week)

    return work


def pdf_job(open_store: Callable[[], Store], week: Week, out: Path,
            paper: str) -> Callable[[JobContext], PdfResult]:
    """The review of one week as a PDF at ``out``, written whole or not at all."""

    def work(context: JobContext) -> PdfResult:
        with open_store() as store:
            db_path = store.path
            context.progress(STEP_FIGURES, STEPS)
            # the fingerprint is taken with the figures, before the print is logged (by the page)
            figures = compute_weekly(store, week)
            context.raise_if_cancelled()
            context.progress(STEP_LAYOUT, STEPS)
            buffer = io.BytesIO()
            render_weekly_pdf(figures, buffer, paper=paper,
                              check_code=check_code(store, WEEKLY_REVIEW, week))
            context.raise_if_cancelled()
            context.progress(STEP_WRITE, STEPS)
            write_bytes(out, buffer.getvalue(), protected=(db_path,))
            return PdfResult(out, figures)

    return work


def describe_failure(error: Exception) -> str:
    if isinstance(error, OutputRefused):
        return str(error)
    if isinstance(error, PermissionError):
        return "Berkas tidak dapat ditulis: tidak ada izin menulis di folder itu."
    if isinstance(error, OSError) and not hasattr(error, "reason"):
        return f"Berkas tidak dapat ditulis ({error.strerror or error})."
    return describe(error)
