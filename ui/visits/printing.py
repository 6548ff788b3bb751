"""Printing the citizen's document of a walk-in (STTLP, SKTLK, complaint receipts), and the
Laporan Polisi form of an LP (kind "lp", model A or B; no original: never SALINAN).

Which paper is the original (docs/DOCUMENTS.md): the first one sent to a printer with
"Cetak ke printer…". Opening the PDF (a preview) or saving it as a file for the records uses
nothing up; once a paper was printed, every later output (paper, preview, file) is marked
SALINAN. The number of earlier paper prints is read before rendering; the output is logged
(store.visits.record_print, an audit entry) only after it was produced: a document that
failed to render, to be written or to reach the printer is never logged as printed, so the
next paper is still the original. The PDF is rendered off the GUI thread (ui.common.jobs)
and then opened in the system viewer, saved where the officer chose, or sent to a printer
(pages rendered with QtPdf onto the QPrinter). The officer picks the file or the printer
first, so a cancelled dialog is no print.

Opened and printed PDFs hold personal data: they go to a private folder of this process
(`print_folder`: a new random name, mode 0700, never a fixed path a planted link could
redirect), files 0600 (app.outputs). A printed one is removed once it is on the printer, an
opened one after an hour (the viewer still shows it), and the folder when Piket exits. A
PDF saved where the officer chose is never written over the store or a backup.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

from PySide6.QtCore import QObject, QRectF, QSize, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from app.documents.errors import DocumentError
from app.documents.signing import Signers
from app.domain.changes import ChangeKind
from app.domain.models import Visit
from app.outputs import OutputRefused, private_temp_dir, safe_output_path, write_bytes
from app.store import StoreError
from app.validation.limits import length_problems
from ui.common.dialogs import disposing
from ui.common.errors import describe
from ui.common.jobs import JobContext, JobRunner
from ui.session import Session


def _receipts() -> ModuleType:
    """app.pdf.receipts, imported when a document is first needed: reportlab costs
    a fifth of a second, too much for every start of the window."""
    from app.pdf import receipts

    return receipts


def _documents() -> ModuleType:
    """app.documents.printing (the registry's one way to prepare a document), imported when
    a document is first needed, for the same reason."""
    from app.documents import printing

    return printing

TEMP_PREFIX = "piket-cetak-"
PAPER = "kertas"  # store.visits.record_print outputs: on paper (uses up the original)
PDF = "pdf"  # opened or saved as a PDF (uses nothing up)
TEMP_KEEP_S = 3600
PRINT_DPI = 300


LP_FORM = "lp"  # the registry's name of the Laporan Polisi form (app/documents/registry.py)


def why_not_printable(visit: Visit, kind_name: str | None = None) -> str | None:
    """Why this visit has no document to print now (None: it has one): the citizen's
    document, or with `kind_name` that kind of the registry (the LP form)."""
    if kind_name is not None:
        from app.documents.registry import kind_named

        kind = kind_named(kind_name)
        refusal = kind.refusal(visit) if kind is not None else "jenis dokumen tidak dikenal."
        return refusal[:1].upper() + refusal[1:] if refusal else None
    if visit.meta is None or not visit.number:
        return "Simpan laporan dulu: dokumen baru dapat dicetak setelah mendapat nomor."
    if visit.meta.voided:
        return "Catatan ini sudah dibatalkan; dokumennya tidak dapat dicetak lagi."
    if not _receipts().has_citizen_document(visit):
        if visit.service == "lp":
            return "LP model A dibuat oleh petugas: tidak ada tanda terima untuk warga."
        return "Layanan ini tidak memberi dokumen untuk warga."
    too_long = length_problems(visit)  # saved before the limits existed
    if too_long:
        return f"{too_long[0][1]} Perbaiki isian itu dan simpan laporan, lalu cetak lagi."
    return None


def file_name(visit: Visit, copy_number: int, kind_name: str | None = None) -> str:
    number = re.sub(r"[^A-Za-z0-9]+", "-", visit.number or "tanpa-nomor").strip("-")
    suffix = f"-SALINAN-{copy_number}" if copy_number else ""
    short = ("Formulir-LP" if kind_name == LP_FORM
             else _receipts().SHORT_NAMES.get(visit.service, "dokumen"))
    return f"{short}-{number}{suffix}.pdf"


class _PrintFolder(QObject):
    """The private folder of the session's documents (one per session, as its child)."""

    NAME = "printFolder"

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.setObjectName(self.NAME)
        self.path = private_temp_dir(TEMP_PREFIX)  # removed at exit at the latest
        session.destroyed.connect(lambda *_: shutil.rmtree(self.path, ignore_errors=True))


def print_folder(session: Session) -> Path:
    """The folder for documents to open or print: private to this process (0700)."""
    found = session.findChild(_PrintFolder, _PrintFolder.NAME)
    if not isinstance(found, _PrintFolder):
        found = _PrintFolder(session)
    if not found.path.is_dir():  # removed behind our back (a temp cleaner): a new one
        found.path = private_temp_dir(TEMP_PREFIX)
    return found.path


class DocumentPrinter(QObject):
    """`finished(path)` once a document is written (and opened or printed); `failed(text)`
    with an Indonesian sentence otherwise."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._jobs = JobRunner(self)
        self.signers: Signers | None = None  # chosen by the officer; None: the defaults

    # ------------------------------------------------------------------ the three ways
    def open_document(self, visit: Visit, kind_name: str | None = None) -> None:
        folder = print_folder(self._session)
        _tidy(folder)
        self.produce(visit, lambda copy: folder / file_name(visit, copy, kind_name),
                     _open_in_viewer, kind_name=kind_name)

    def save_document(self, visit: Visit, parent: QWidget | None,
                      kind_name: str | None = None) -> None:
        suggested = str(Path.home() / file_name(visit, 0, kind_name))
        path, _ = QFileDialog.getSaveFileName(parent, "Simpan dokumen sebagai PDF", suggested,
                                              "Dokumen PDF (*.pdf)")
        if path:
            self.save_to(visit, Path(path if path.lower().endswith(".pdf") else path + ".pdf"),
                         kind_name)

    def save_to(self, visit: Visit, target: Path, kind_name: str | None = None) -> None:
        """The document saved at a path the officer chose; refused (nothing logged, nothing
        written) when that path is the store, a file beside it, or a backup."""
        try:
            safe_output_path(target, protected=(self._session.store.path,))
        except OutputRefused as exc:
            self.failed.emit(str(exc))
            return
        self.produce(visit, lambda _copy: target, kind_name=kind_name)

    def print_document(self, visit: Visit, parent: QWidget | None,
                       kind_name: str | None = None) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        with disposing(QPrintDialog(printer, parent)) as dialog:
            dialog.setWindowTitle("Cetak dokumen")
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        folder = print_folder(self._session)
        self.produce(visit, lambda copy: folder / file_name(visit, copy, kind_name),
                     lambda path: print_and_remove(path, printer), output=PAPER,
                     kind_name=kind_name)

    # ------------------------------------------------------------------ the work
    def produce(self, visit: Visit, target: Callable[[int], Path],
                then: Callable[[Path], None] | None = None, *, output: str = PDF,
                kind_name: str | None = None) -> None:
        """Render the PDF in the thread pool, write it to target(earlier paper prints), do
        `then` with it (open it, print it), and log the output once all of that succeeded.
        `output` PAPER for a print on paper, PDF for a preview or a saved file. `kind_name`:
        a kind of the registry (the LP form, "lp"); None: the citizen's document."""
        reason = why_not_printable(visit, kind_name)
        if reason:
            self.failed.emit(reason)
            return
        assert visit.id is not None
        visit_id = visit.id
        store = self._session.store
        documents = _documents()
        if kind_name is None:
            kind = documents.citizen_kind(visit)
        else:
            from app.documents.registry import kind_named

            kind = kind_named(kind_name)
        assert kind is not None  # why_not_printable said it has one
        try:
            # read here, on the GUI thread (the store's connection is this thread's): the
            # earlier paper prints of this document (SALINAN), its check code, its labels
            prepared = documents.prepare(store, kind, visit, self.signers)
        except StoreError as exc:
            self.failed.emit(describe(exc))
            return
        except DocumentError as exc:
            self.failed.emit(str(exc))
            return

        def render(context: JobContext) -> bytes:
            data: bytes = prepared.pdf()
            return data

        path = target(prepared.earlier_papers)

        def log(kind_of_output: str) -> bool:
            try:
                store.visits.record_print(visit_id, self._session.officer_id, kind.short,
                                          output=kind_of_output)
            except StoreError as exc:
                self.failed.emit(f"Dokumen dibuat di {path}, tetapi tidak dapat dicatat: "
                                 f"{describe(exc)}")
                return False
            self._session.announce(frozenset({ChangeKind.VISIT}))
            return True

        def on_done(data: bytes) -> None:
            try:
                write_bytes(path, data, protected=(store.path,))
            except OutputRefused as exc:
                self.failed.emit(str(exc))
                return
            except OSError as exc:
                self.failed.emit(f"Berkas PDF tidak dapat ditulis ke {path}: {exc.strerror or exc}")
                return
            if then is not None:
                try:
                    then(path)
                except OSError as exc:
                    # no paper came out: not a print; a file that stays is logged as one
                    if output != PAPER:
                        log(PDF)
                    self.failed.emit(f"PDF tersimpan di {path}, tetapi {exc.strerror or exc}.")
                    return
            if log(output):
                self.finished.emit(str(path))

        self._jobs.start(render, done=on_done, failed=self.failed.emit,
                         describe=lambda exc: f"Dokumen gagal dibuat: {exc}")

    def busy(self) -> bool:
        return self._jobs.busy


def print_pdf(path: Path, printer: QPrinter) -> None:
    """Send a PDF to a printer: each page rendered by QtPdf at the printer's resolution."""
    document = QPdfDocument()
    if document.load(str(path)) != QPdfDocument.Error.None_:
        raise OSError(0, "PDF tidak dapat dibaca untuk dicetak", str(path))
    painter = QPainter()
    if not painter.begin(printer):
        raise OSError(0, "printer tidak dapat dipakai", str(path))
    try:
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            area = painter.viewport()
            points = document.pagePointSize(page)
            # at most PRINT_DPI: a 1200-dpi A4 page would be a 500 MB image
            dpi = min(printer.resolution(), PRINT_DPI)
            image = document.render(page, QSize(round(points.width() / 72 * dpi),
                                                round(points.height() / 72 * dpi)))
            scale = min(area.width() / points.width(), area.height() / points.height())
            painter.drawImage(QRectF(0, 0, points.width() * scale, points.height() * scale), image)
    finally:
        painter.end()


def print_and_remove(path: Path, printer: QPrinter) -> None:
    """On paper, the file is no longer needed: it holds personal data."""
    try:
        print_pdf(path, printer)
    finally:
        path.unlink(missing_ok=True)


def _open_in_viewer(path: Path) -> None:
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        raise OSError(0, "tidak ada aplikasi pembuka PDF", str(path))


def _tidy(folder: Path) -> None:
    """Remove opened documents older than an hour (they carry personal data)."""
    limit = time.time() - TEMP_KEEP_S
    for old in folder.glob("*.pdf"):
        try:
            if old.stat().st_mtime < limit:
                old.unlink()
        except OSError:
            continue
