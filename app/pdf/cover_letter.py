"""The surat pengantar of a case handed to the Polres (status "dilimpahkan"): letterhead, place
and date with the addressee at the right, title and number, a table of what is sent, and the
signature of the official who signs "a.n." the Kapolsek, beside it the receipt signed by whoever
takes it in at the Polres. A long list runs on; the signature block is kept with the closing
line (blocks.signatures keep_with), so a page never holds the signatures alone."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.domain.models import Officer, StationProfile
from app.domain.outgoing import CoverLetter
from app.pdf.base import build_pdf, document_title, frame_width, letterhead, make_styles, markup
from app.pdf.blocks import Signatory, grid_table, signatures
from app.textid import format_date, to_local

TITLE = "SURAT PENGANTAR"
CLOSING = "Demikian untuk menjadi maklum."
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
    # the purpose stands in the first row only (a cell spanning every row would keep a long
    # list from running over to the next page); the others are left blank, not "-"
    purpose = Paragraph(markup(letter.note.strip() or DEFAULT_PURPOSE), st.cell)
    rows: list[list[str | Flowable]] = [
        [str(i), Paragraph(markup(item), st.cell), purpose if i == 1 else Paragraph("", st.cell)]
        for i, item in enumerate(letter.items, 1)]
    table = grid_table(["No", "Jenis yang dikirim", "Keterangan"], rows,
                       col_widths=[0.07 * width, 0.58 * width, 0.35 * width], styles=st)
    flowables: list[Flowable] = [
        *letterhead(profile), head, Spacer(1, 0.4 * cm),
        *document_title(TITLE, letter.number),
        Paragraph(f"Perkara: laporan nomor {markup(case_number)}, dilimpahkan ke "
                  f"Polres {escape(profile.polres.title())}.", st.body),
        Spacer(1, 0.25 * cm), table,
    ]
    # the receiver at the Polres signs in the left column (the tanda terima); the closing
    # line goes with the block, so a page never holds the signatures alone
    receiver = Signatory(heading=("Yang menerima,", "tanggal " + "." * 24), name="",
                         detail="NRP " + "." * 20)
    sig = signatures("", signer_signatory(profile, signer), receiver, width=width,
                     keep_with=[Spacer(1, 0.3 * cm), Paragraph(escape(CLOSING), st.body)])
    build_pdf(out, [*flowables, sig], paper=profile.paper,
              title=f"{TITLE} {letter.number}", footer_note=f"{TITLE} {letter.number}",
              author=f"POLSEK {profile.name}", check_code=check_code)
