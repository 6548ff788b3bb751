"""The surat pengantar of a case handed to the Polres (status "dilimpahkan"): letterhead, place
and date with the addressee at the right, title and number, a table of what is sent, and the
signature of the official who signs "a.n." the Kapolsek, with a receipt line for whoever takes
it in. One page for any letter within the field limits; the signature block is kept with the
table's end (blocks.signatures keep_with)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table, TableStyle

from app.domain.models import Officer, StationProfile
from app.domain.outgoing import CoverLetter
from app.pdf.base import build_pdf, document_title, frame_width, letterhead, make_styles, markup
from app.pdf.blocks import Signatory, grid_table, signatures
from app.textid import format_date, to_local

TITLE = "SURAT PENGANTAR"
DEFAULT_PURPOSE = "Dikirim dengan hormat untuk diproses lebih lanjut sesuai ketentuan hukum."


def signer_signatory(profile: StationProfile, signer: Officer | None) -> Signatory:
    """"a.n. KEPALA KEPOLISIAN SEKTOR …", the signer's position under it; a dotted line to
    sign by hand when no official was chosen."""
    heading: tuple[str, ...] = (f"a.n. KEPALA KEPOLISIAN SEKTOR {profile.name.upper()}",)
    if signer is not None and signer.position.strip():
        heading += (signer.position.strip().upper(),)
    return Signatory(
        heading=heading,
        name=signer.name.upper() if signer else "",
        detail=f"{signer.rank.upper()} NRP {signer.nrp}" if signer else "NRP " + "." * 20)


def render_cover_letter(letter: CoverLetter, *, profile: StationProfile, signer: Officer | None,
                        case_number: str, out: Path | BinaryIO, check_code: str = "") -> None:
    """Write the letter; ``case_number`` is the number of the walk-in it hands over."""
    assert letter.number is not None and letter.issued_at is not None
    width = frame_width(profile.paper)
    st = make_styles()
    place = profile.kecamatan.strip() or profile.name.title()
    issued = to_local(letter.issued_at, profile.timezone)
    address = [Paragraph(escape(line), st.body) for line in (
        f"{place}, {format_date(issued)}", "", "Kepada", f"Yth. {letter.recipient}", "di",
        "Tempat")]
    head = Table([[a] for a in address], colWidths=[width * 0.45], hAlign="RIGHT")
    head.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                              ("TOPPADDING", (0, 0), (-1, -1), 0),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    rows: list[list[str | Flowable]] = [
        [str(i), Paragraph(markup(item), st.cell), ""] for i, item in enumerate(letter.items, 1)]
    purpose = letter.note.strip() or DEFAULT_PURPOSE
    if rows:
        rows[0][2] = Paragraph(markup(purpose), st.cell)
    table = grid_table(["No", "Jenis yang dikirim", "Keterangan"], rows,
                       col_widths=[0.07 * width, 0.58 * width, 0.35 * width], styles=st)
    if len(rows) > 1:
        table.setStyle(TableStyle([("SPAN", (2, 1), (2, len(rows)))]))
    flowables: list[Flowable] = [
        *letterhead(profile), head, Spacer(1, 0.4 * cm),
        *document_title(TITLE, letter.number),
        Paragraph(f"Perkara: laporan nomor {markup(case_number)}, dilimpahkan ke "
                  f"Polres {escape(profile.polres.title())}.", st.body),
        Spacer(1, 0.25 * cm), table,
    ]
    receipt = _receipt(width)
    sig = signatures("", signer_signatory(profile, signer), width=width,
                     keep_with=[Spacer(1, 0.2 * cm)])
    # (a KeepTogether inside another one moves both to a new page even where they fit)
    build_pdf(out, [*flowables, sig, Spacer(1, 0.6 * cm), KeepTogether(list(receipt))],
              paper=profile.paper,
              title=f"{TITLE} {letter.number}", footer_note=f"{TITLE} {letter.number}",
              author=f"POLSEK {profile.name}", check_code=check_code)


def _receipt(width: float) -> Sequence[Flowable]:
    """Tanda terima: filled in by hand by whoever receives the letter at the Polres."""
    st = make_styles(9)
    lines = [["Diterima tanggal", ":", "." * 40], ["Nama / pangkat / NRP", ":", "." * 40],
             ["Tanda tangan", ":", "." * 40]]
    table = Table([[Paragraph(escape(a), st.body), b, Paragraph(c, st.body)] for a, b, c in lines],
                  colWidths=[4.2 * cm, 0.4 * cm, width * 0.5], hAlign="LEFT")
    table.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("TOPPADDING", (0, 0), (-1, -1), 3)]))
    return [Paragraph("<b>TANDA TERIMA</b>", st.body), Spacer(1, 0.1 * cm), table]
