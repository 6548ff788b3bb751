"""Shared machinery for every printed document: fonts, paper, styles, letterhead (kop), the
page footer "Halaman X dari Y" and a reproducible ``build_pdf``.

Every document (citizen receipts, the weekly review, patrol and meeting reports) is built from
these pieces and those in ``app.pdf.blocks`` (aligned fields, ruled tables, signatures), so they
all look the same and one change here changes them all.
"""

from __future__ import annotations

import base64
import io
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table
from reportlab.platypus.tables import TableStyle

from app.documents.emblem import emblem_problem
from app.domain.models import StationProfile
from app.outputs import write_bytes
from app.pdf.checkmark import CheckMark
from app.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}
_font_lock = threading.Lock()

PAPER_SIZES: dict[str, tuple[float, float]] = {"a4": A4, "f4": (21.5 * cm, 33 * cm)}

# Margins of Indonesian official letters: a wider left margin for the binder holes.
MARGIN_LEFT = 2.5 * cm
MARGIN_RIGHT = 2.0 * cm
MARGIN_TOP = 1.5 * cm
MARGIN_BOTTOM = 2.0 * cm
FOOTER_Y = 1.2 * cm
_FRAME_PADDING = 6  # SimpleDocTemplate's frame pads by 6 pt; margins above are where text starts

EMPTY = "-"  # what a blank field prints, so a reader sees it was left empty on purpose


def register_fonts() -> None:
    """Register DejaVu Sans (regular, bold, oblique) once per process; safe to call often.

    The base-14 PDF fonts cannot print many names and symbols; DejaVu covers them, and is
    embedded, so a document prints the same on every PC.
    """
    with _font_lock:
        registered = set(pdfmetrics.getRegisteredFontNames())
        for name, filename in _FONT_FILES.items():
            if name not in registered:
                pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
        pdfmetrics.registerFontFamily(
            FONT, normal=FONT, bold=FONT_BOLD, italic=FONT_ITALIC, boldItalic=FONT_BOLD_ITALIC
        )


def page_size(paper: str) -> tuple[float, float]:
    """Width and height in points of a paper setting ("a4" or "f4")."""
    try:
        return PAPER_SIZES[paper.strip().lower()]
    except KeyError:
        raise ValueError(f"unknown paper size: {paper!r}") from None


def frame_width(paper: str) -> float:
    """The width text can use on this paper."""
    return page_size(paper)[0] - MARGIN_LEFT - MARGIN_RIGHT


# ---------------------------------------------------------------- styles and text


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    justified: ParagraphStyle
    small: ParagraphStyle
    title: ParagraphStyle
    subtitle: ParagraphStyle
    heading: ParagraphStyle
    letterhead: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_center: ParagraphStyle
    signature: ParagraphStyle


def make_styles(font_size: float = 10) -> Styles:
    """Fresh paragraph styles (callers may tweak them without touching other documents)."""
    register_fonts()
    leading = font_size * 1.25
    body = ParagraphStyle(
        "body",
        fontName=FONT,
        fontSize=font_size,
        leading=leading,
        alignment=TA_LEFT,
        spaceAfter=0,
        splitLongWords=1,
    )
    cell = ParagraphStyle("cell", parent=body, fontSize=font_size - 1, leading=(font_size - 1) * 1.25)
    return Styles(
        body=body,
        justified=ParagraphStyle("justified", parent=body, alignment=TA_JUSTIFY),
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10),
        title=ParagraphStyle(
            "title",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=font_size + 1,
            leading=(font_size + 1) * 1.3,
            alignment=TA_CENTER,
        ),
        subtitle=ParagraphStyle("subtitle", parent=body, alignment=TA_CENTER),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=FONT_BOLD,
            spaceBefore=6,
            spaceAfter=3,
            keepWithNext=1,
        ),
        letterhead=ParagraphStyle(
            "letterhead",
            parent=body,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=13,
            alignment=TA_CENTER,
        ),
        cell=cell,
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=FONT_BOLD),
        cell_center=ParagraphStyle("cell_center", parent=cell, alignment=TA_CENTER),
        signature=ParagraphStyle("signature", parent=body, alignment=TA_CENTER),
    )


def markup(text: str, *, empty: str = EMPTY) -> str:
    """User text made safe for a Paragraph: escaped, line breaks kept, blank shown as ``empty``."""
    text = text.strip()
    if not text:
        return escape(empty)
    lines = [escape(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    return "<br/>".join(lines)


def text_paragraphs(text: str, style: ParagraphStyle, *, empty: str = EMPTY) -> list[Flowable]:
    """Free text (a chronology, a complaint) as paragraphs that wrap and flow over pages.

    Blank lines separate paragraphs; each one splits across a page break on its own, which a
    single table cell could not do.
    """
    blocks = [b for b in text.replace("\r\n", "\n").split("\n\n") if b.strip()]
    if not blocks:
        return [Paragraph(escape(empty), style)]
    gap = ParagraphStyle(f"{style.name}-gap", parent=style, spaceAfter=style.leading * 0.4)
    return [Paragraph(markup(block), gap) for block in blocks]


# ---------------------------------------------------------------- building blocks


def letterhead_lines(profile: StationProfile) -> list[str]:
    """The kop in words (Perpol 1/2023): no abbreviations, the units spelt out from the
    station profile's names ("SUMATERA SELATAN" -> "DAERAH SUMATERA SELATAN"). A name typed
    with its unit word ("POLRES OGAN KOMERING ILIR") is printed without it, not twice."""
    def name(value: str, *prefixes: str) -> str:
        text = " ".join(value.split()).upper()
        for prefix in prefixes:
            if text.startswith(prefix + " "):
                return text[len(prefix) + 1:]
        return text

    return [
        "KEPOLISIAN NEGARA REPUBLIK INDONESIA",
        f"DAERAH {name(profile.polda, 'POLDA', 'DAERAH')}",
        f"RESOR {name(profile.polres, 'POLRES', 'POLRESTA', 'RESOR')}",
        f"SEKTOR {name(profile.name, 'POLSEK', 'SEKTOR')}",
    ]


def letterhead(profile: StationProfile) -> list[Flowable]:
    """The kop (DOMAIN.md "Letterhead and signatures"): KEPOLISIAN NEGARA REPUBLIK INDONESIA /
    DAERAH ... / RESOR ... / SEKTOR ..., centred on each other at the top left, the address
    under them, and a rule as long as the longest line. With an emblem chosen in Pengaturan
    (StationProfile.emblem) it is printed centred under the kop, above the document's title.
    One function, every document."""
    styles = make_styles()
    style = styles.letterhead
    lines = letterhead_lines(profile)
    address = " ".join(profile.address.split())
    address_style = ParagraphStyle("letterhead-address", parent=style, fontName=FONT,
                                   fontSize=8.5, leading=10.5)
    widest = max(pdfmetrics.stringWidth(line, style.fontName, style.fontSize) for line in lines)
    if address:
        widest = max(widest, pdfmetrics.stringWidth(address, FONT, address_style.fontSize))
    width = min(widest + 0.2 * cm, 11 * cm)
    rows = [[Paragraph(escape(line), style)] for line in lines]
    if address:
        rows.append([Paragraph(escape(address), address_style)])
    table = Table(rows, colWidths=[width])
    table.hAlign = "LEFT"
    table.setStyle(
        TableStyle(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 3),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, colors.black),
            ]
        )
    )
    out: list[Flowable] = [table, Spacer(1, 0.3 * cm)]
    emblem = emblem_image(profile.emblem)
    if emblem is not None:
        out += [emblem, Spacer(1, 0.2 * cm)]
    else:
        out.append(Spacer(1, 0.1 * cm))
    return out


EMBLEM_HEIGHT = 1.8 * cm


def emblem_image(encoded: str) -> Flowable | None:
    """The emblem (base64 text of StationProfile.emblem) as a centred image EMBLEM_HEIGHT high; None
    without one, or when it cannot be read (the document is printed without it)."""
    if not encoded.strip():
        return None
    try:
        data = base64.b64decode(encoded, validate=True)
    except ValueError:
        return None
    if emblem_problem(data):
        return None
    from reportlab.lib.utils import ImageReader
    from reportlab.platypus import Image

    width, height = ImageReader(io.BytesIO(data)).getSize()
    image = Image(io.BytesIO(data), width=EMBLEM_HEIGHT * width / height, height=EMBLEM_HEIGHT)
    image.hAlign = "CENTER"
    return image


def document_title(title: str, number: str | None = None) -> list[Flowable]:
    """Centred, bold, underlined title with "Nomor: ..." under it."""
    styles = make_styles()
    out: list[Flowable] = [Paragraph(f"<u>{escape(title)}</u>", styles.title)]
    if number is not None:
        out.append(Paragraph(f"Nomor: {markup(number)}", styles.subtitle))
    out.append(Spacer(1, 0.4 * cm))
    return out


# ---------------------------------------------------------------- pages and the build


class NumberedCanvas(Canvas):
    """A canvas that holds pages back until the end, so each footer can say "dari Y". With a
    ``check_code`` the footer also carries it, as a QR code and as text (app.pdf.checkmark)."""

    def __init__(self, *args: Any, footer_note: str = "", check_code: str = "",
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer_note = footer_note
        self._check = (CheckMark(check_code, font=FONT, font_bold=FONT_BOLD) if check_code
                       else None)
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._draw_footer(number, total)
            super().showPage()
        super().save()

    def _draw_footer(self, number: int, total: int) -> None:
        width, _ = self._pagesize
        left = MARGIN_LEFT
        if self._check is not None:
            left = self._check.draw(self, MARGIN_LEFT, FOOTER_Y)  # the footer goes beside it
        self.saveState()
        self.setStrokeColor(colors.HexColor("#808080"))
        self.setLineWidth(0.4)
        self.line(left, FOOTER_Y + 10, width - MARGIN_RIGHT, FOOTER_Y + 10)
        self.setFillColor(colors.black)
        self.setFont(FONT, 8)
        page_text = f"Halaman {number} dari {total}"
        self.drawRightString(width - MARGIN_RIGHT, FOOTER_Y, page_text)
        if self._footer_note:
            room = width - left - MARGIN_RIGHT - self.stringWidth(page_text, FONT, 8) - 12
            size = 7.0
            while size > 5 and self.stringWidth(self._footer_note, FONT, size) > room:
                size -= 0.5
            note = self._footer_note
            while note and self.stringWidth(note, FONT, size) > room:
                note = note[:-2] + "…"
            self.setFillColor(colors.HexColor("#404040"))
            self.setFont(FONT, size)
            self.drawString(left, FOOTER_Y, note)
        self.restoreState()


def _draw_copy_mark(mark: str, first_page: bool, canvas: Canvas, doc: Any) -> None:
    """A light diagonal watermark across the page and a boxed mark at the top right: beside
    the letterhead on the first page, in the top margin on the pages after it."""
    width, height = doc.pagesize
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#b0b0b0"))
    canvas.setFillAlpha(0.25)
    size = 90.0
    while size > 20 and canvas.stringWidth(mark, FONT_BOLD, size) > height * 0.8:
        size -= 5
    canvas.setFont(FONT_BOLD, size)
    canvas.translate(width / 2, height / 2)
    canvas.rotate(50)
    canvas.drawCentredString(0, -size / 3, mark)
    canvas.restoreState()

    canvas.saveState()
    font_size = 12.0 if first_page else 9.0
    canvas.setFont(FONT_BOLD, font_size)
    box_w = canvas.stringWidth(mark, FONT_BOLD, font_size) + font_size * 1.4
    box_h = font_size * 1.7
    x = width - MARGIN_RIGHT - box_w
    y = height - MARGIN_TOP - box_h if first_page else height - MARGIN_TOP + 4
    canvas.setLineWidth(1.2 if first_page else 0.8)
    canvas.rect(x, y, box_w, box_h, stroke=1, fill=0)
    canvas.drawCentredString(x + box_w / 2, y + font_size * 0.5, mark)
    canvas.restoreState()


def build_pdf(
    out: Path | str | BinaryIO,
    flowables: Sequence[Flowable],
    *,
    paper: str,
    title: str,
    footer_note: str = "",
    watermark: str = "",
    author: str = "",
    check_code: str = "",
) -> int:
    """Lay out ``flowables`` on ``paper``, write the PDF to a path or a binary stream, and
    return its number of pages.

    Reproducible: reportlab's invariant mode fixes the creation date and document id, so the
    same input gives byte-identical output (useful for tests and for the audit fingerprint).
    The whole document is built in memory first, then written through app.outputs: a failed
    build or write leaves no half-written file, and a database is never written over.
    ``watermark`` (e.g. "SALINAN") is printed diagonally and boxed at the top right of every page.
    ``check_code`` (app/documents/checkcode.py) is printed in the footer of every page, as a
    QR code and as text.
    """
    register_fonts()
    size = page_size(paper)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=size,
        leftMargin=MARGIN_LEFT - _FRAME_PADDING,
        rightMargin=MARGIN_RIGHT - _FRAME_PADDING,
        topMargin=MARGIN_TOP - _FRAME_PADDING,
        bottomMargin=MARGIN_BOTTOM - _FRAME_PADDING,
        title=title,
        author=author,
        creator="Piket",
        invariant=1,
        initialFontName=FONT,
    )
    first: Callable[[Canvas, Any], None] = _no_decoration
    later: Callable[[Canvas, Any], None] = _no_decoration
    if watermark:
        first = partial(_draw_copy_mark, watermark, True)
        later = partial(_draw_copy_mark, watermark, False)
    doc.build(
        list(flowables),
        onFirstPage=first,
        onLaterPages=later,
        canvasmaker=partial(NumberedCanvas, footer_note=footer_note, check_code=check_code),
    )
    data = buffer.getvalue()
    if isinstance(out, str | Path):
        write_bytes(out, data)  # never over a database; whole or not at all; owner-only
    else:
        out.write(data)
    return int(doc.page)


def _no_decoration(canvas: Canvas, doc: Any) -> None:
    return None
