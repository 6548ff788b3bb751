"""Rekap Mingguan: pick a week (the last complete one first; arrows for the one before and
after, or any date), see the figures of the weekly review with charts, export the PDF and open
it, or print it. Figures and PDFs are made off the GUI thread (ui/weekly/jobs.py) with a
progress bar and a cancel button; the window never freezes.

Each export or print is logged as a processing activity (store.record_activity "print") after
the PDF is made, so the fingerprint printed in it is the one from before the print entry.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices, QKeySequence, QShortcut, QShowEvent
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.outputs import OutputRefused, private_temp_dir, safe_output_path
from app.security.permissions import Action
from app.store import StoreError
from app.weekly.figures import current_week, default_week, week_of_day
from app.weekly.model import WeeklyFigures
from app.weekly.pdf import document_heading
from app.weekly.week import Week
from ui.common.dialogs import disposing, inform, warn
from ui.common.errors import describe
from ui.common.jobs import Job, JobRunner
from ui.roles import may, show_if
from ui.session import Session
from ui.weekly.analysis import AnalysisEditor
from ui.weekly.jobs import STEP_TEXTS, STEPS, PdfResult, describe_failure, figures_job, pdf_job
from ui.weekly.printing import PrintFailed, prepare_printer, print_pdf
from ui.weekly.sections import WeeklyView

RELOAD_KINDS: Changes = frozenset({
    ChangeKind.VISIT, ChangeKind.PATROL, ChangeKind.MEETING, ChangeKind.ISSUE, ChangeKind.MASTER,
    ChangeKind.SETTINGS, ChangeKind.CATEGORY, ChangeKind.DESA, ChangeKind.ANALYSIS})
PAPERS = (("a4", "A4"), ("f4", "F4 / Folio"))


class WeeklyPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._jobs = JobRunner(self, threads=2)
        self._week: Week = default_week(session.store.profile(), session.now())
        self.figures: WeeklyFigures | None = None
        self._figures_job: Job[WeeklyFigures] | None = None
        self._pdf_job: Job[PdfResult] | None = None
        self._print_folder: Path | None = None
        self._dirty = True
        self.last_pdf: Path | None = None
        self.previous_button = QPushButton("◀ Minggu &sebelumnya")
        self.next_button = QPushButton("Minggu be&rikutnya ▶")
        self.latest_button = QPushButton("Minggu &lengkap terakhir")
        self.date_edit = QDateEdit()
        self.paper_combo = QComboBox()
        self.export_button = QPushButton("&Ekspor PDF…")
        self.print_button = QPushButton("&Cetak…")
        self.week_label = QLabel()
        self.period_label = QLabel()
        self.progress = QProgressBar()
        self.status_label = QLabel()
        self.cancel_button = QPushButton("Batal")
        self.view = WeeklyView()
        self.analysis = AnalysisEditor(session)
        self._build()
        self._connect()
        show_if(session, Action.WEEKLY, self.export_button, self.print_button)
        self._show_week_header()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("dd-MM-yyyy")
        self.date_edit.setToolTip("Pilih tanggal mana saja: minggu yang memuatnya ditampilkan")
        for code, label in PAPERS:
            self.paper_combo.addItem(label, code)
        paper = self._session.store.profile().paper.lower()
        self.paper_combo.setCurrentIndex(max(0, [c for c, _ in PAPERS].index(paper)
                                             if paper in dict(PAPERS) else 0))
        self.export_button.setToolTip("Simpan Anev mingguan sebagai PDF lalu buka (Ctrl+E)")
        self.print_button.setToolTip("Cetak Anev mingguan ke printer (Ctrl+P)")
        bar = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.latest_button):
            bar.addWidget(widget)
        bar.addWidget(QLabel("Tanggal:"))
        bar.addWidget(self.date_edit)
        bar.addStretch(1)
        font = self.week_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.week_label.setFont(font)
        title = QHBoxLayout()
        title.addWidget(self.week_label, 1)
        title.addWidget(QLabel("Kertas:"))
        title.addWidget(self.paper_combo)
        title.addWidget(self.export_button)
        title.addWidget(self.print_button)
        self.progress.setRange(0, STEPS)
        self.progress.setMaximumWidth(220)
        busy = QHBoxLayout()
        busy.addWidget(self.period_label, 1)
        busy.addWidget(self.status_label)
        busy.addWidget(self.progress)
        busy.addWidget(self.cancel_button)
        self._set_busy(False)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.view)
        column.addWidget(self.analysis)
        scroll.setWidget(content)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(title)
        layout.addLayout(busy)
        layout.addWidget(scroll, 1)
        QShortcut(QKeySequence("Ctrl+E"), self, self._on_export_button_clicked)
        QShortcut(QKeySequence("Ctrl+P"), self, self._on_print_button_clicked)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.latest_button.clicked.connect(self._on_latest_button_clicked)
        self.date_edit.dateChanged.connect(self._on_date_edit_date_changed)
        self.export_button.clicked.connect(self._on_export_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.cancel_button.clicked.connect(self._on_cancel_button_clicked)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ the week
    @property
    def week(self) -> Week:
        return self._week

    @property
    def paper(self) -> str:
        return str(self.paper_combo.currentData())

    def show_week(self, week: Week) -> None:
        self._week = week
        self._show_week_header()
        self.reload()

    def reload(self) -> None:
        """Compute the figures of the shown week in the background."""
        self._dirty = False
        if self._figures_job is not None:
            self._figures_job.cancel()
        store = self._session.store
        self.status_label.setText("Memuat angka…")
        self._figures_job = self._jobs.start(
            figures_job(store.opener(), self._week), done=self._on_figures_done,
            failed=self._on_figures_failed, describe=describe_failure)

    def _show_week_header(self) -> None:
        week = self._week
        self.week_label.setText(week.police_title)
        running = current_week(self._session.store.profile(), self._session.now())
        suffix = " — minggu berjalan, angka sementara" if week == running else ""
        self.period_label.setText(f"{week.title}{suffix} · minggu ISO {week.label}")
        self.analysis.show_week(week)
        self.next_button.setEnabled(week < running)
        self.date_edit.blockSignals(True)
        self.date_edit.setDate(QDate(week.start.year, week.start.month, week.start.day))
        self.date_edit.blockSignals(False)

    # ------------------------------------------------------------------ handlers
    def _on_previous_button_clicked(self) -> None:
        self.show_week(self._week.previous())

    def _on_next_button_clicked(self) -> None:
        self.show_week(self._week.next())

    def _on_latest_button_clicked(self) -> None:
        self.show_week(default_week(self._session.store.profile(), self._session.now()))

    def _on_date_edit_date_changed(self, value: QDate) -> None:
        week = week_of_day(self._session.store.profile(), value.toPython())  # type: ignore[arg-type]
        if week != self._week:
            self.show_week(week)

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            if self.isVisible():
                self.reload()
            else:
                self._dirty = True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _on_figures_done(self, figures: WeeklyFigures) -> None:
        if figures.week != self._week:
            return  # a week the user already left
        self._figures_job = None
        self.figures = figures
        self.view.show_figures(figures)
        if self._pdf_job is None:
            self.status_label.setText("")

    def _on_figures_failed(self, message: str) -> None:
        self._figures_job = None
        self.status_label.setText(f"Angka tidak dapat dimuat: {message}")

    # ------------------------------------------------------------------ PDF: export and print
    def _default_pdf_path(self) -> Path:
        folder = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation) or str(Path.home())
        return Path(folder) / f"anev-{self._week.label}.pdf"

    def _on_export_button_clicked(self) -> None:
        if self._pdf_job is not None or not may(self._session, Action.WEEKLY):
            return
        name, _ = QFileDialog.getSaveFileName(self, "Simpan Anev mingguan sebagai PDF",
                                              str(self._default_pdf_path()), "PDF (*.pdf)")
        if name:
            path = Path(name)
            path = path if path.suffix.lower() == ".pdf" else path.with_suffix(".pdf")
            try:  # told now, not after the PDF is made: never over the store or a backup
                safe_output_path(path, protected=(self._session.store.path,))
            except OutputRefused as exc:
                warn(self, "Simpan Anev mingguan", str(exc))
                return
            self.export_pdf(path)

    def export_pdf(self, path: Path, *, open_after: bool = True) -> None:
        """Build the PDF of the shown week at ``path`` in the background, then log the print
        and (``open_after``) open it in the PDF viewer."""
        self._start_pdf(path, "export" if open_after else "save")

    def _on_print_button_clicked(self) -> None:
        if self._pdf_job is not None or not may(self._session, Action.WEEKLY):
            return
        if self._print_folder is None:  # private to this process, removed at exit
            self._print_folder = private_temp_dir("piket-anev-")
        self._start_pdf(self._print_folder / f"anev-{self._week.label}.pdf", "print")

    def _start_pdf(self, path: Path, purpose: str) -> None:
        store = self._session.store
        self._set_busy(True)
        self._pdf_job = self._jobs.start(
            pdf_job(store.opener(), self._week, path, self.paper),
            done=lambda result: self._on_pdf_done(result, purpose), failed=self._on_pdf_failed,
            progress=self._on_pdf_progress, describe=describe_failure)

    def _on_pdf_progress(self, step: int, steps: int) -> None:
        self.progress.setValue(step)
        self.status_label.setText(STEP_TEXTS.get(step, ""))

    def _on_cancel_button_clicked(self) -> None:
        if self._pdf_job is not None:
            self._pdf_job.cancel()
            self._pdf_job = None
        self._set_busy(False)
        self.status_label.setText("Pembuatan PDF dibatalkan.")

    def _on_pdf_failed(self, message: str) -> None:
        self._pdf_job = None
        self._set_busy(False)
        self.status_label.setText("PDF gagal dibuat.")
        warn(self, "Anev mingguan", f"PDF tidak dapat dibuat. {message}")

    def _on_pdf_done(self, result: PdfResult, purpose: str) -> None:
        if self._pdf_job is None:
            return  # cancelled meanwhile
        self._pdf_job = None
        self._set_busy(False)
        self.last_pdf = result.path
        if purpose == "print":
            self._print(result)
            return
        self._record_print(result.figures.week)
        self.status_label.setText(f"PDF disimpan: {result.path}")
        if purpose == "export" and not QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path))):
            inform(self, "Anev mingguan", f"PDF sudah disimpan di:\n{result.path}\n\n"
                   "Tidak ada aplikasi pembuka PDF yang dapat dijalankan.")

    def _print(self, result: PdfResult) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        prepare_printer(printer, self.paper, document_heading(result.figures))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Cetak Anev mingguan")
        try:
            with disposing(dialog):
                accepted = dialog.exec() == QPrintDialog.DialogCode.Accepted
            if not accepted:
                self.status_label.setText("Pencetakan dibatalkan.")
                return
            pages = print_pdf(result.path, printer)
        except PrintFailed as exc:
            warn(self, "Cetak Anev mingguan", str(exc))
            return
        finally:
            result.path.unlink(missing_ok=True)
        self._record_print(result.figures.week)
        self.status_label.setText(f"{pages} halaman dikirim ke printer.")

    def _record_print(self, week: Week) -> None:
        """Printing the review is a processing activity (UU PDP): log it, after rendering."""
        try:
            self._session.store.record_activity("print", "weekly", self._session.officer_id,
                                                None, detail=week.label)
        except StoreError as exc:
            warn(self, "Anev mingguan", f"PDF sudah dibuat, tetapi pencetakannya belum "
                 f"tercatat di jejak audit. {describe(exc)}")

    def _set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.progress.setValue(0)
        self.export_button.setEnabled(not busy)
        self.print_button.setEnabled(not busy)

    def wait_for_jobs(self, msecs: int = 30_000) -> bool:
        """Block until background jobs end (closing the window, tests)."""
        return self._jobs.wait(msecs)
