"""The Polres weekly review as a PDF: a table of every station's figures and the totals
(app/pdf base and blocks, as every Piket paper)."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.hub.weekly import FIGURE_FIELDS, PolresWeek
from app.pdf.base import build_pdf, document_title, frame_width, make_styles
from app.pdf.blocks import grid_table

HEADER = ("Satuan", "CT", "CC", "3C", "Perlu ke TKP", "Tiba di TKP", "Tiba \u2264 10 menit",
          "Patroli", "Perte\u00admuan", "Tindak lanjut ter\u00adlambat", "SP2HP ter\u00adkirim",
          "SP2HP jatuh tempo", "SP2HP ter\u00adlambat")
NOTE = ("CT: jumlah tindak pidana (LP); CC: penyelesaian tindak pidana; 3C: curat, curas, "
        "curanmor. SP2HP jatuh tempo: LP yang SP2HP berikutnya jatuh tempo dalam minggu ini; "
        "terlambat: yang sudah lewat tempo dan belum dikirim. Definisi sama dengan Anev "
        "mingguan satuan; angka dihitung dari data yang dikirim satuan ke hub.")


def render_polres_pdf(week: PolresWeek, out: Path, *, paper: str = "a4") -> int:
    styles = make_styles(8)
    width = frame_width(paper)
    name, small = 2.6 * cm, 0.85 * cm  # CT, CC, 3C: two or three digits
    rest = (width - name - 3 * small) / (len(HEADER) - 4)
    widths = [name, small, small, small, *([rest] * (len(HEADER) - 4))]
    rows = []
    for line in week.lines:
        name = line.name or line.code
        if line.refusals:
            name += " (riwayat ditolak hub!)"
        rows.append([name, *(str(getattr(line, f)) for f in FIGURE_FIELDS)])
    footer = ["Jumlah", *(str(week.total(f)) for f in FIGURE_FIELDS)]
    flowables: list[Flowable] = [
        *document_title(f"REKAP MINGGUAN POLRES {week.label}"),
        grid_table(HEADER, rows, col_widths=widths,
                   styles=styles, footer=footer, align_right=range(1, len(HEADER))),
        Spacer(1, 0.3 * cm),
        Paragraph(NOTE, styles.small),
    ]
    flagged = [line for line in week.lines if line.refusals]
    if flagged:
        flowables.append(Paragraph(
            "Perhatian: hub pernah menolak kiriman satuan berikut karena riwayatnya tidak "
            "menyambung atau tanda tangannya tidak sah: "
            + ", ".join(f"{line.name or line.code} ({line.refusals}x)" for line in flagged)
            + ".", styles.body))
    return build_pdf(out, flowables, paper=paper, title=f"Rekap Polres {week.label}")
