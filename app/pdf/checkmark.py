"""The check code in a document's footer (app/documents/checkcode.py): a QR code in the
bottom left corner, under the text's left edge, and the same code as text beside it, under the
footer note. The footer rule and note move right to make room; the page number stays put.

Sizes (change them here): the QR is QR_SIZE square with its quiet zone of four modules (what
the QR standard asks, white, so it may reach into the page margin); a code of 36-40 characters
is a version 2 or 3 symbol (25 or 29 modules), so a module is about 0.45 mm: 3.5 pixels of a
200-dpi scan, which zbar reads (tests/test_checkcode_pdf.py). Its dark part starts 5 mm above
the paper's edge, clear of what a cheap printer cannot print, and ends under the text area.
"""

from __future__ import annotations

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

QR_SIZE = 1.6 * cm
QR_BOTTOM = 0.3 * cm  # the quiet zone's lower edge, from the paper's edge
QUIET_MODULES = 4
GAP = 0.3 * cm  # between the QR's dark part and the footer text
LABEL = "Kode cek dokumen:"
FONT_SIZE = 7.0
LINE = 9.5  # from the footer note's baseline down to the code's


class CheckMark:
    """The QR code and text of one code, drawn the same on every page of a document."""

    def __init__(self, code: str, *, font: str, font_bold: str) -> None:
        self.code = code
        self._font = font
        self._font_bold = font_bold
        widget = QrCodeWidget(code, barLevel="M", barBorder=QUIET_MODULES,
                              barWidth=QR_SIZE, barHeight=QR_SIZE)
        widget.qr.make()
        self.modules = int(widget.qr.getModuleCount())
        self.module = QR_SIZE / (self.modules + 2 * QUIET_MODULES)
        self._drawing = Drawing(QR_SIZE, QR_SIZE)
        self._drawing.add(widget)

    def draw(self, canvas: Canvas, left: float, footer_y: float) -> float:
        """Draw the QR with its dark part starting at ``left`` and the code as text under the
        footer note's line ``footer_y``; returns where the rest of the footer starts."""
        renderPDF.draw(self._drawing, canvas, left - QUIET_MODULES * self.module, QR_BOTTOM)
        text_left = left + self.modules * self.module + GAP
        canvas.saveState()
        canvas.setFillColor(colors.HexColor("#404040"))
        canvas.setFont(self._font, FONT_SIZE)
        canvas.drawString(text_left, footer_y - LINE, LABEL)
        canvas.setFillColor(colors.black)
        canvas.setFont(self._font_bold, FONT_SIZE)
        canvas.drawString(text_left + canvas.stringWidth(LABEL + " ", self._font, FONT_SIZE),
                          footer_y - LINE, self.code)
        canvas.restoreState()
        return text_left
