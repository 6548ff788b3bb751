"""Printing a finished PDF on a printer: each page is rendered with QtPdf and drawn full-page,
so the paper shows exactly what the PDF shows (margins, letterhead, footer included)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

# Rendering at the printer's full resolution (often 600-1200 dpi) costs hundreds of MB per
# page for no visible gain on a desk printer; 200 dpi prints text and rules crisply.
MAX_RENDER_DPI = 200


class PrintFailed(Exception):
    """The PDF could not be read or the printer could not be started (message Indonesian)."""


def page_size_for(paper: str) -> QPageSize:
    if paper.lower() == "f4":
        return QPageSize(QSizeF(215, 330), QPageSize.Unit.Millimeter, "F4 / Folio",
                         QPageSize.SizeMatchPolicy.ExactMatch)  # not US Folio, 8.5 x 13 in
    return QPageSize(QPageSize.PageSizeId.A4)


def prepare_printer(printer: QPrinter, paper: str, title: str) -> None:
    printer.setFullPage(True)  # the PDF carries its own margins
    printer.setPageSize(page_size_for(paper))
    printer.setPageOrientation(QPageLayout.Orientation.Portrait)
    printer.setDocName(title)


def print_pdf(pdf_path: Path, printer: QPrinter) -> int:
    """Print every page of ``pdf_path`` on ``printer``; returns the number of pages."""
    document = QPdfDocument()
    if document.load(str(pdf_path)) != QPdfDocument.Error.None_:
        raise PrintFailed("Berkas PDF tidak dapat dibaca untuk dicetak.")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintFailed("Printer tidak dapat dipakai. Periksa printer lalu coba lagi.")
    try:
        dpi = min(printer.resolution(), MAX_RENDER_DPI)
        for index in range(document.pageCount()):
            if index:
                printer.newPage()
            points = document.pagePointSize(index)
            image = document.render(index, QSize(round(points.width() / 72 * dpi),
                                                 round(points.height() / 72 * dpi)))
            area = QRectF(painter.viewport())
            scale = min(area.width() / image.width(), area.height() / image.height())
            target = QRectF(area.x(), area.y(), image.width() * scale, image.height() * scale)
            painter.drawImage(target, image)
        return document.pageCount()
    finally:
        painter.end()
        document.close()
