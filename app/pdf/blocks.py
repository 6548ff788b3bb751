"""Layout pieces shared by documents: aligned "label : value" rows, ruled tables and the
signature block. (The letterhead, styles and page machinery are in ``app.pdf.base``.)"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from app.documents.signing import Signatory
from app.domain.models import RecordMeta, StationProfile
from app.pdf.base import FONT, Styles, build_pdf, make_styles, markup, text_paragraphs

VOID_MARK = "DIBATALKAN"
LABEL_WIDTH = 4.6 * cm
COLON_WIDTH = 0.45 * cm
_LONG_VALUE = 400  # characters; longer values leave the table so they can break over pages
_LONG_TAIL = 600  # characters in a cell: a row too tall to move with the signatures


def field_rows(
    rows: Sequence[tuple[str, str]],
    *,
    width: float,
    indent: float = 0.0,
    label_width: float = LABEL_WIDTH,
    styles: Styles | None = None,
    long_value: int = _LONG_VALUE,
) -> list[Flowable]:
    """ "Label : value" lines aligned on the colon (identity blocks, incident details).

    A value longer than ``long_value`` characters is printed as a paragraph under its label,
    at the value column, so it can flow to the next page instead of overflowing a table row.
    """
    st = styles or make_styles()
    value_width = width - indent - label_width - COLON_WIDTH
    out: list[Flowable] = []
    pending: list[list[Any]] = []

    def flush() -> None:
        if pending:
            out.append(_field_table(pending, indent, label_width, value_width, st.body.fontSize))
            pending.clear()

    for label, value in rows:
        if len(value) > long_value:
            pending.append([Paragraph(escape(label), st.body), ":", ""])
            flush()
            hang = ParagraphStyle("hang", parent=st.justified, leftIndent=indent + label_width + COLON_WIDTH)
            out.extend(text_paragraphs(value, hang))
        else:
            pending.append([Paragraph(escape(label), st.body), ":", Paragraph(markup(value), st.body)])
    flush()
    return out


def _field_table(
    rows: list[list[Any]], indent: float, label_width: float, value_width: float, st_size: float
) -> Table:
    widths = [label_width, COLON_WIDTH, value_width]
    data = rows
    if indent > 0:
        widths = [indent, *widths]
        data = [["", *row] for row in rows]
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), FONT),
                ("FONTSIZE", (0, 0), (-1, -1), st_size),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
            ]
        )
    )
    return table


def grid_table(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    *,
    col_widths: Sequence[float],
    styles: Styles | None = None,
    footer: Sequence[str | Flowable] | None = None,
    footer_span: int = 1,
    align_right: Sequence[int] = (),
) -> Table:
    """A ruled table with a bold, repeated header row (items, losses, statistics).

    ``footer`` is a bold last row (a total) whose first cell spans ``footer_span`` columns;
    columns listed in ``align_right`` (figures) are right-aligned. An empty ``header`` makes
    a table without one (the continuation of another, see ``grid_table_with_tail``)."""
    st = styles or make_styles()
    right = ParagraphStyle("cell-right", parent=st.cell, alignment=TA_RIGHT)

    def cell(value: str | Flowable, col: int, bold: bool = False) -> Flowable:
        if not isinstance(value, str):
            return value
        style = st.cell_bold if bold else (right if col in align_right else st.cell)
        if bold and col in align_right:
            style = ParagraphStyle("cell-bold-right", parent=st.cell_bold, alignment=TA_RIGHT)
        return Paragraph(markup(value), style)

    data: list[list[Flowable]] = [
        *([[Paragraph(escape(h), st.cell_bold) for h in header]] if header else []),
        *[[cell(v, i) for i, v in enumerate(row)] for row in rows],
    ]
    if footer is not None:
        data.append([cell(v, i, bold=True) for i, v in enumerate(footer)])
    # splitInRow: a row taller than what is left of the page (a long follow-up, a long
    # himbauan) continues on the next page instead of failing the whole document; each part
    # keeps at least three lines, so short rows move to the next page whole as before
    table = Table(data, colWidths=list(col_widths), repeatRows=1 if header else 0,
                  hAlign="LEFT", splitInRow=round(st.cell.leading * 3))
    commands: list[tuple[Any, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")))
    if footer is not None and footer_span > 1:
        commands.append(("SPAN", (0, -1), (footer_span - 1, -1)))
    table.setStyle(TableStyle(commands))
    return table


def grid_table_with_tail(
    header: Sequence[str],
    rows: Sequence[Sequence[str | Flowable]],
    *,
    tail_rows: int = 2,
    **options: Any,
) -> tuple[list[Flowable], list[Flowable]]:
    """A ``grid_table`` cut in two: (the table but its last rows, those rows and the footer)
    so the signatures after it can keep the tail on their page (``keep_with``) and never
    stand alone. A short table is all tail. The two parts join with no gap between them.
    Rows too long to move whole (a cell of a page or more) stay in the table: nothing is
    kept, and the closing sentence alone goes with the signatures."""
    def long(row: Sequence[str | Flowable]) -> bool:
        return any(isinstance(cell, str) and len(cell) > _LONG_TAIL for cell in row)

    if any(long(row) for row in rows[-(tail_rows + 1):]):
        return [grid_table(header, rows, **options)], []
    if len(rows) <= tail_rows + 1:
        return [], [grid_table(header, rows, **options)]
    footer = options.pop("footer", None)
    footer_span = options.pop("footer_span", 1)
    body = grid_table(header, rows[:-tail_rows], **options)
    tail = grid_table((), rows[-tail_rows:], footer=footer, footer_span=footer_span, **options)
    return [body], [tail]


def signatures(
    place_date: str,
    right: Signatory,
    left: Signatory | None = None,
    *,
    width: float,
    space_for_signature: float = 1.5 * cm,
    right_share: float = 0.55,
    keep_with: Sequence[Flowable] = (),
    below: Signatory | None = None,
    middle: Signatory | None = None,
) -> Flowable:
    """The signature block, kept on one page: place and date above the right column, then
    the headings, room to sign, names and the lines under them, each row aligned across
    the columns so the names sit on one line. ``middle`` (the "Mengetahui" official of a
    one-page receipt) is a third column between the two; ``below`` is the same official
    centred under them, where there is room. ``keep_with`` (the closing sentence) moves to
    the next page with the block, so a page never holds signatures alone."""
    st = make_styles()
    style = st.signature
    if middle is not None:
        style = ParagraphStyle("signature-3", parent=style, fontSize=style.fontSize - 2,
                               leading=(style.fontSize - 2) * 1.25)

    def name_cell(sig: Signatory | None) -> str | Paragraph:
        if sig is None:
            return ""
        name = sig.name.strip()
        shown = f"<u>{escape(name)}</u>" if name else "(" + "." * (24 if middle else 36) + ")"
        return Paragraph(f"<b>{shown}</b>", style)

    def text_cell(text: str) -> str | Paragraph:
        return Paragraph(escape(text), style) if text else ""

    columns: list[Signatory | None] = [left, *([middle] if middle is not None else []), right]
    count = max(len(sig.heading) if sig else 0 for sig in columns)
    blank = [""] * (len(columns) - 1)
    rows: list[list[Any]] = [[*blank, text_cell(place_date)]] if place_date else []
    for i in range(count):
        rows.append([text_cell(sig.heading[i] if sig and i < len(sig.heading) else "")
                     for sig in columns])
    heights: list[float | None] = [None] * len(rows)
    rows.append(["", *blank])
    heights.append(space_for_signature)
    rows.append([name_cell(sig) for sig in columns])
    rows.append([text_cell(sig.detail if sig else "") for sig in columns])
    heights += [None, None]
    if middle is not None:
        widths = [width * 0.24, width * 0.38, width * 0.38]
    else:
        widths = [width * (1 - right_share), width * right_share]
    table = Table(rows, colWidths=widths, rowHeights=heights, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 1),
                ("RIGHTPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
            ]
        )
    )
    parts: list[Flowable] = [*keep_with, Spacer(1, 0.3 * cm), table]
    if below is not None:
        parts += [Spacer(1, 0.25 * cm),
                  _single_column(below, width, space_for_signature, name_cell, text_cell)]
    return KeepTogether(parts)


def _single_column(sig: Signatory, width: float, space: float, name_cell: Any,
                   text_cell: Any) -> Table:
    rows: list[list[Any]] = [[text_cell(line)] for line in sig.heading]
    heights: list[float | None] = [None] * len(rows)
    heights += [space, None, None]
    rows += [[""], [name_cell(sig)], [text_cell(sig.detail)]]
    table = Table(rows, colWidths=[min(width, 9 * cm)], rowHeights=heights, hAlign="CENTER")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))
    return table


def closing_signatures(closing: str, place_date: str, right: Signatory,
                       left: Signatory | None, *, width: float, styles: Styles,
                       keep_with: Sequence[Flowable] = ()) -> Flowable:
    """The closing sentence of a record ("Demikian ...") kept with its signature block, and
    with ``keep_with`` before it (the last table), so the signatures never stand alone."""
    return signatures(place_date, right, left, width=width,
                      keep_with=[*keep_with, Spacer(1, 0.3 * cm),
                                 Paragraph(closing, styles.justified)])


def section_heading(text: str, styles: Styles) -> list[Flowable]:
    """A heading inside a record ("Peserta", "Catatan"), with a little room above it."""
    return [Spacer(1, 0.2 * cm), Paragraph(markup(text), styles.heading)]


def void_note(meta: RecordMeta | None, styles: Styles) -> list[Flowable]:
    """The line that says a printed record was voided, and why (nothing when it was not)."""
    if meta is None or not meta.voided:
        return []
    return [Spacer(1, 0.2 * cm), Paragraph(
        f"<b>Catatan ini telah dibatalkan.</b> Alasan: {markup(meta.void_reason or '')}",
        styles.body)]


def build_record_pdf(out: Path | BinaryIO, flowables: Sequence[Flowable], *,
                     profile: StationProfile, meta: RecordMeta | None, title: str,
                     footer_note: str, check_code: str = "") -> None:
    """Write a station record (patrol report, meeting notes): the station's paper and name,
    marked DIBATALKAN on every page when the record was voided; ``check_code`` in the footer."""
    build_pdf(
        out,
        flowables,
        paper=profile.paper,
        title=title,
        footer_note=footer_note,
        watermark=VOID_MARK if meta is not None and meta.voided else "",
        author=f"POLSEK {profile.name}",
        check_code=check_code,
    )
