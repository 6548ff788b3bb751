"""The buku ekspedisi on paper: every document sent out in a date range (station time), with
its number, addressee, and who received it when; blank receipts left to be filled by hand."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.domain.models import StationProfile
from app.domain.outgoing import Dispatch
from app.pdf.base import build_pdf, document_title, frame_width, letterhead, make_styles, markup
from app.pdf.blocks import grid_table
from app.textid import format_date, format_time, to_local

TITLE = "BUKU EKSPEDISI"
NONE_SENT = "Tidak ada dokumen yang dikirim pada rentang tanggal ini."


def period_text(first: date, last: date) -> str:
    return (format_date(first) if first == last
            else f"{format_date(first)} s.d. {format_date(last)}")


def render_dispatch_book(entries: Sequence[Dispatch], *, first: date, last: date,
                         profile: StationProfile, out: Path | BinaryIO,
                         check_code: str = "") -> None:
    """``entries``: the lines sent from ``first`` to ``last`` (inclusive), oldest first."""
    width = frame_width(profile.paper)
    st = make_styles()
    zone = profile.tz_abbreviation

    def when(moment: object) -> str:
        if moment is None:
            return ""
        local = to_local(moment, profile.timezone)  # type: ignore[arg-type]
        return f"{format_date(local)}, {format_time(local)} {zone}"

    rows: list[list[str | Flowable]] = []
    blank = Paragraph("", st.cell)  # left empty to be filled by hand, not "-"
    for i, d in enumerate(entries, start=1):
        what = markup(d.document) + (f"<br/>Nomor:<br/>{markup(d.number)}" if d.number else "")
        if d.note:
            what += f"<br/><font size=7>{markup(d.note)}</font>"
        rows.append([str(i), when(d.sent_at), Paragraph(what, st.cell),
                     Paragraph(markup(d.recipient), st.cell),
                     Paragraph(markup(d.received_by, empty=""), st.cell),
                     Paragraph(escape(when(d.received_at)), st.cell), blank])
    flowables: list[Flowable] = [
        *letterhead(profile), *document_title(TITLE)[:-1],
        Paragraph(escape(f"{period_text(first, last)} (waktu {zone})"), st.subtitle),
        Spacer(1, 0.4 * cm)]
    if rows:
        flowables.append(grid_table(
            ["No", "Dikirim", "Dokumen dan nomor", "Kepada", "Diterima oleh", "Diterima",
             "Paraf"], rows, col_widths=[0.05 * width, 0.13 * width, 0.31 * width,
                                         0.15 * width, 0.15 * width, 0.13 * width,
                                         0.08 * width], styles=st))
    else:
        flowables.append(Paragraph(escape(NONE_SENT), st.body))
    build_pdf(out, flowables, paper=profile.paper,
              title=f"{TITLE} {period_text(first, last)}",
              footer_note=f"{TITLE} {period_text(first, last)}", author=f"POLSEK {profile.name}",
              check_code=check_code)
