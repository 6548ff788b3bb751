"""The SP2HP (Surat Pemberitahuan Perkembangan Hasil Penyelidikan/Penyidikan) to the reporter:
letterhead with the code (A1–A5) boxed in the top right corner, place and date, the letter's
particulars and addressee, the references, the five parts Perkap 21/2011 Pasal 11 asks for,
and the signatures by position: the head of the investigating team signs, the supervisor
acknowledges ("Mengetahui"). The signatures go with the closing line (never alone)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer, Table, TableStyle

from app.documents.signing import countersignatory, receiver_signatory
from app.domain.models import Officer, Position, StationProfile
from app.domain.register import SP2HP_CODES, Sp2hpLetter
from app.pdf.base import build_pdf, frame_width, letterhead, make_styles, markup, text_paragraphs
from app.pdf.blocks import signatures
from app.textid import format_date, to_local

TITLE = "SP2HP"
SUBJECT = "Pemberitahuan Perkembangan Hasil Penyelidikan/Penyidikan (SP2HP)"
PARTS = (("summary", "Perkara singkat"),
         ("actions", "Tindakan yang telah dilakukan dan hasilnya"),
         ("obstacles", "Hambatan"),
         ("next_steps", "Rencana tindak lanjut"),
         ("advice", "Hak dan kewajiban Saudara sebagai pelapor"))
CLOSING = "Demikian pemberitahuan ini kami sampaikan untuk menjadi maklum."
SIGNER_ROLE = "Ketua Tim Penyidik,"


def render_sp2hp(letter: Sp2hpLetter, *, profile: StationProfile, lp_number: str,
                 lp_day: str, signer: Officer | None, supervisor: Officer | None,
                 positions: Sequence[Position], out: Path | BinaryIO,
                 check_code: str = "") -> None:
    assert letter.number is not None and letter.issued_at is not None
    width = frame_width(profile.paper)
    st = make_styles()
    issued = to_local(letter.issued_at, profile.timezone)
    place = profile.kecamatan.strip() or profile.name.title()
    code = Table([[Paragraph(f"<b>{escape(letter.code)}</b>", st.cell_center)]],
                 colWidths=[1.4 * cm])
    code.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1, colors.black),
                              ("TOPPADDING", (0, 0), (-1, -1), 3),
                              ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]))
    top = Table([[letterhead(profile), code]], colWidths=[width - 2 * cm, 2 * cm])
    top.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                             ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                             ("LEFTPADDING", (0, 0), (-1, -1), 0),
                             ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))
    particulars = [("Nomor", letter.number), ("Klasifikasi", "BIASA"), ("Lampiran", "-"),
                   ("Perihal", SUBJECT)]
    left = Table([[Paragraph(escape(k), st.body), ":", Paragraph(markup(v), st.body)]
                  for k, v in particulars],
                 colWidths=[2.1 * cm, 0.3 * cm, width * 0.55 - 2.4 * cm])
    right = [Paragraph(escape(line), st.body) for line in (
        f"{place}, {format_date(issued)}", "", "Kepada", f"Yth. Sdr. {letter.recipient}",
        "di", "Tempat")]
    head = Table([[left, right]], colWidths=[width * 0.55, width * 0.45])
    for table in (left, head):
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("TOPPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    references = [
        "Undang-Undang Nomor 8 Tahun 1981 tentang Hukum Acara Pidana.",
        "Peraturan Kapolri Nomor 12 Tahun 2009 Pasal 39 dan Nomor 21 Tahun 2011 Pasal 11.",
        f"Laporan Polisi Nomor {lp_number} tanggal {lp_day}.",
    ]
    body: list[Flowable] = [top, Spacer(1, 0.2 * cm), head, Spacer(1, 0.35 * cm),
                            Paragraph("Rujukan:", st.body)]
    body += [Paragraph(f"{chr(97 + i)}. {markup(text)}", st.justified)
             for i, text in enumerate(references)]
    body += [Spacer(1, 0.2 * cm), Paragraph(
        f"Bersama ini kami beritahukan perkembangan penanganan laporan Saudara "
        f"({escape(letter.code)}: {escape(SP2HP_CODES[letter.code].lower())}), "
        "sebagai berikut:", st.justified)]
    for i, (name, label) in enumerate(PARTS, start=1):
        body.append(Spacer(1, 0.15 * cm))
        body.append(Paragraph(f"<b>{i}. {escape(label)}</b>", st.body))
        body += text_paragraphs(getattr(letter, name) or "-", st.justified)
    station = profile.name
    sig = signatures("", receiver_signatory(signer, positions, station, role=SIGNER_ROLE),
                     countersignatory(supervisor, positions, station), width=width,
                     keep_with=[Spacer(1, 0.3 * cm), Paragraph(escape(CLOSING), st.justified)])
    build_pdf(out, [*body, sig], paper=profile.paper, title=f"SP2HP {letter.number}",
              footer_note=f"SP2HP {letter.code} {letter.number}",
              author=f"POLSEK {profile.name}", check_code=check_code)
