"""The documents a citizen takes home from the desk (DOMAIN.md "Walk-in visits"):

- ``lp`` (model B)  -> STTLP, Surat Tanda Terima Laporan Polisi
- ``kehilangan``    -> SKTLK, Surat Keterangan Tanda Lapor Kehilangan (valid 14 days)
- ``pengaduan``     -> Surat Tanda Penerimaan Pengaduan
- ``dumas``         -> Surat Tanda Penerimaan Pengaduan Masyarakat (Dumas)

Assumptions (change them here):
- An LP model A is made by an officer, with no citizen to hand a receipt to: no document.
- The place above the signature is the station's kecamatan ("Pedamaran, 12 Februari 2024"),
  dated the day the visit was received, in station time.
- The receiving officer signs "a.n. KEPALA KEPOLISIAN SEKTOR ..." over their position (or
  "PETUGAS SPKT"); without an officer the name is left as a dotted line to sign by hand.
- The citizen's own receipt shows their full NIK (it identifies them on their document).
- The SKTLK is valid for 14 days from the day it was received (SKTLK_VALID_DAYS).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.domain.codes import SEXES
from app.domain.models import Officer, Party, StationProfile, Visit
from app.pdf.base import (
    EMPTY,
    Styles,
    build_pdf,
    document_title,
    frame_width,
    letterhead,
    make_styles,
    markup,
)
from app.pdf.blocks import Signatory, field_rows, grid_table, signatures
from app.textid import format_date, format_datetime_long, format_rupiah, to_local

SKTLK_VALID_DAYS = 14
SKTLK_VALID_WORDS = "empat belas"  # SKTLK_VALID_DAYS in words, as the letter says it
COPY_MARK = "SALINAN"
_INDENT = 0.6 * cm

TITLES: dict[str, str] = {
    "lp": "SURAT TANDA TERIMA LAPORAN POLISI",
    "kehilangan": "SURAT KETERANGAN TANDA LAPOR KEHILANGAN",
    "pengaduan": "SURAT TANDA PENERIMAAN PENGADUAN",
    "dumas": "SURAT TANDA PENERIMAAN PENGADUAN MASYARAKAT (DUMAS)",
}
CLOSING_NAMES: dict[str, str] = {
    "lp": "Surat Tanda Terima Laporan Polisi",
    "kehilangan": "surat keterangan",
    "pengaduan": "surat tanda penerimaan",
    "dumas": "surat tanda penerimaan",
}
SHORT_NAMES: dict[str, str] = {"lp": "STTLP", "kehilangan": "SKTLK", "pengaduan": "STPP", "dumas": "STPD"}


class NoDocumentForService(ValueError):
    """This visit's service (or an LP model A) gives the citizen no document."""

    def __init__(self, service: str, lp_model: str | None = None) -> None:
        super().__init__(f"no citizen document for service {service!r} (model {lp_model})")
        self.service = service
        self.lp_model = lp_model


class VisitNotNumbered(ValueError):
    """The visit has no number yet: a receipt without its number must not be handed out."""


def has_citizen_document(visit: Visit) -> bool:
    """Whether ``render_citizen_document`` can print something for this visit's service."""
    return visit.service in TITLES and not (visit.service == "lp" and visit.lp_model == "A")


def render_citizen_document(
    visit: Visit,
    *,
    profile: StationProfile,
    officer: Officer | None,
    copy: bool,
    out: Path | BinaryIO,
    category_label: str = "",
    place_label: str = "",
    check_code: str = "",
) -> None:
    """Print the document for ``visit`` (a saved, numbered record) to a file or stream.

    ``officer`` is the receiving officer; ``category_label`` and ``place_label`` are the
    labels of ``visit.category`` and ``visit.place_type`` (master data the caller looks up).
    ``copy`` prints a visible "SALINAN" mark on every page; ``check_code`` goes in the
    footer (app/documents/checkcode.py).
    """
    if not has_citizen_document(visit):
        raise NoDocumentForService(visit.service, visit.lp_model)
    if not visit.number:
        raise VisitNotNumbered("the visit has no number yet")
    builder = _Receipt(visit, profile, officer, category_label, place_label)
    build_pdf(
        out,
        builder.flowables(),
        paper=profile.paper,
        title=f"{SHORT_NAMES[visit.service]} {visit.number}",
        footer_note=f"{SHORT_NAMES[visit.service]} Nomor {visit.number}",
        watermark=COPY_MARK if copy else "",
        author=f"POLSEK {profile.name}",
        check_code=check_code,
    )


class _Receipt:
    """Lays out one receipt; one method per part of the letter."""

    def __init__(
        self,
        visit: Visit,
        profile: StationProfile,
        officer: Officer | None,
        category_label: str,
        place_label: str,
    ) -> None:
        self.visit = visit
        self.profile = profile
        self.officer = officer
        self.category_label = category_label
        self.place_label = place_label
        self.st: Styles = make_styles()
        self.para_style = ParagraphStyle("receipt", parent=self.st.justified, spaceBefore=3, spaceAfter=3)
        self.width = frame_width(profile.paper)
        self.received = to_local(visit.received_at, profile.timezone)
        self.number = visit.number or ""

    # -- the letter

    def flowables(self) -> list[Flowable]:
        service = self.visit.service
        parts: list[Flowable] = [*letterhead(self.profile)]
        parts += document_title(TITLES[service], self.number)
        if service == "lp":
            parts += self._sttlp()
        elif service == "kehilangan":
            parts += self._sktlk()
        else:
            parts += self._complaint()
        closing = self._para(
            f"Demikian {CLOSING_NAMES[service]} ini dibuat dengan sebenarnya untuk dapat "
            "dipergunakan seperlunya."
        )
        parts.append(self._signatures(closing))
        return parts

    def _sttlp(self) -> list[Flowable]:
        v = self.visit
        parts = [
            self._para(
                "Yang bertanda tangan di bawah ini menerangkan bahwa pada "
                f"<b>{markup(self._when_received())}</b> Sentra Pelayanan Kepolisian Terpadu "
                f"(SPKT) {markup(self._station())} telah menerima laporan dari:"
            ),
            *self._identity(v.reporter),
            self._para("tentang kejadian sebagai berikut:"),
            *field_rows(
                [
                    ("Waktu kejadian", self._when(v.occurred_at)),
                    ("Tempat kejadian", self._place()),
                    ("Jenis kejadian", self.category_label),
                    ("Uraian singkat", v.narrative),
                    *([("Modus operandi", v.modus_operandi)] if v.modus_operandi.strip() else []),
                ],
                width=self.width,
                indent=_INDENT,
                styles=self.st,
            ),
            *self._losses(),
            self._para(
                "Laporan tersebut telah diterima dan dicatat dalam Laporan Polisi dengan nomor "
                "tersebut di atas, dan akan ditindaklanjuti sesuai dengan ketentuan peraturan "
                "perundang-undangan yang berlaku."
            ),
        ]
        return parts

    def _sktlk(self) -> list[Flowable]:
        v = self.visit
        valid_until = self.received.date() + timedelta(days=SKTLK_VALID_DAYS)
        items = [
            [str(i), item.doc_type, item.number, item.description]
            for i, item in enumerate(v.lost_items, start=1)
        ]
        usable = self.width - _INDENT
        table = grid_table(
            ["No.", "Jenis surat / barang", "Nomor", "Keterangan"],
            items or [["", EMPTY, EMPTY, EMPTY]],
            col_widths=[1.0 * cm, 0.3 * usable, 0.27 * usable, usable - 1.0 * cm - 0.57 * usable],
            styles=self.st,
        )
        table.hAlign = "RIGHT"
        return [
            self._para(
                "Yang bertanda tangan di bawah ini menerangkan bahwa pada "
                f"<b>{markup(self._when_received())}</b> telah datang melapor ke Sentra Pelayanan "
                f"Kepolisian Terpadu (SPKT) {markup(self._station())}:"
            ),
            *self._identity(v.reporter),
            self._para("yang melaporkan telah kehilangan surat / barang berupa:"),
            table,
            Spacer(1, 0.3 * cm),
            *field_rows(
                [
                    ("Hilang pada", self._when(v.occurred_at)),
                    ("Hilang di", self._place()),
                    *([("Keterangan", v.narrative)] if v.narrative.strip() else []),
                ],
                width=self.width,
                indent=_INDENT,
                styles=self.st,
            ),
            self._para(
                "Surat keterangan ini <b>bukan merupakan pengganti</b> surat / dokumen / barang "
                "yang hilang, melainkan keterangan bahwa yang bersangkutan telah melaporkan "
                "kehilangan tersebut, untuk dipergunakan dalam pengurusan penggantinya pada "
                "instansi yang berwenang."
            ),
            Paragraph(
                f"<b>Berlaku {SKTLK_VALID_DAYS} ({SKTLK_VALID_WORDS}) hari sejak "
                f"{_nobreak(format_date(self.received))} sampai dengan "
                f"{_nobreak(format_date(valid_until))}.</b>",
                ParagraphStyle("validity", parent=self.para_style, alignment=TA_LEFT),
            ),
        ]

    def _complaint(self) -> list[Flowable]:
        v = self.visit
        dumas = v.service == "dumas"
        teradu = ", ".join(p.name.strip() or "tidak dikenal" for p in v.parties if p.role == "teradu")
        what = "pengaduan masyarakat" if dumas else "pengaduan"
        follow_up = (
            "akan diteruskan kepada Kepala Kepolisian Sektor "
            f"{markup(self.profile.name.title())} untuk ditindaklanjuti"
            if dumas
            else "akan ditindaklanjuti sesuai dengan ketentuan yang berlaku"
        )
        rows = [("Hal yang diadukan", v.complaint_subject)]
        if teradu:
            rows.append(("Teradu", teradu))
        rows.append(("Uraian singkat", v.narrative))
        return [
            self._para(
                "Yang bertanda tangan di bawah ini menerangkan bahwa pada "
                f"<b>{markup(self._when_received())}</b> Sentra Pelayanan Kepolisian Terpadu "
                f"(SPKT) {markup(self._station())} telah menerima {what} dari:"
            ),
            *self._identity(v.reporter),
            self._para(f"dengan pokok {what} sebagai berikut:"),
            *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st),
            Spacer(1, 0.15 * cm),
            self._para(
                f"{what.capitalize()} tersebut telah diterima dan dicatat dengan nomor tersebut "
                f"di atas, dan {follow_up}."
            ),
        ]

    # -- parts

    def _para(self, xml: str) -> Flowable:
        return Paragraph(xml, self.para_style)

    def _identity(self, party: Party | None) -> list[Flowable]:
        p = party or Party(role="pelapor")
        born = ", ".join(
            x for x in (p.birth_place.strip(), format_date(p.birth_date) if p.birth_date else "") if x
        )
        rows = [
            ("Nama", p.name),
            ("NIK", p.nik),
            ("Jenis kelamin", SEXES.get(p.sex, p.sex)),
            ("Tempat, tanggal lahir", born),
            ("Pekerjaan", p.occupation),
        ]
        if p.religion.strip():
            rows.append(("Agama", p.religion))
        rows += [("No. telepon", p.phone), ("Alamat", _address(p))]
        return [
            Spacer(1, 0.15 * cm),
            *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st),
            Spacer(1, 0.15 * cm),
        ]

    def _losses(self) -> list[Flowable]:
        v = self.visit
        if not v.losses:
            return field_rows([("Kerugian", "")], width=self.width, indent=_INDENT, styles=self.st) + [
                Spacer(1, 0.2 * cm)
            ]
        usable = self.width - _INDENT
        rows = [
            [str(i), loss.description, format_rupiah(loss.value_rp)]
            for i, loss in enumerate(v.losses, start=1)
        ]
        table = grid_table(
            ["No.", "Kerugian", "Nilai"],
            rows,
            col_widths=[1.0 * cm, usable - 1.0 * cm - 4.0 * cm, 4.0 * cm],
            footer=["Jumlah kerugian", "", format_rupiah(v.total_loss_rp)],
            footer_span=2,
            align_right=(2,),
            styles=self.st,
        )
        table.hAlign = "RIGHT"
        return [
            Spacer(1, 0.1 * cm),
            Paragraph("Kerugian:", _indented(self.st)),
            Spacer(1, 0.1 * cm),
            table,
            Spacer(1, 0.3 * cm),
        ]

    def _signatures(self, closing: Flowable) -> Flowable:
        station = f"KEPALA KEPOLISIAN SEKTOR {self.profile.name.upper()}"
        receiver_role = {
            "lp": "Yang menerima laporan,",
            "kehilangan": "Yang mengeluarkan,",
        }.get(self.visit.service, "Yang menerima pengaduan,")
        officer = self.officer
        position = (officer.position.strip() if officer else "") or "PETUGAS SPKT"
        right = Signatory(
            heading=(receiver_role, f"a.n. {station}", position.upper()),
            name=officer.name.upper() if officer else "",
            detail=f"{officer.rank.upper()} NRP {officer.nrp}" if officer else "NRP " + "." * 20,
        )
        reporter = self.visit.reporter
        left_heading = "Pengadu," if self.visit.service in ("pengaduan", "dumas") else "Pelapor,"
        left = Signatory(heading=(left_heading,), name=reporter.name.upper() if reporter else "")
        place_date = f"{self.profile.kecamatan.strip()}, {format_date(self.received)}"
        return signatures(place_date, right, left, width=self.width, keep_with=[closing])

    # -- words

    def _station(self) -> str:
        return f"Polsek {self.profile.name.title()}"

    def _when_received(self) -> str:
        return format_datetime_long(self.received, self.profile.tz_abbreviation)

    def _when(self, at: datetime | None) -> str:
        if at is None:
            return ""
        local = to_local(at, self.profile.timezone)
        return format_datetime_long(local, self.profile.tz_abbreviation)

    def _place(self) -> str:
        v = self.visit
        bits = [self.place_label.strip() or v.place_type.strip(), v.place_detail.strip()]
        if v.incident_desa.strip():
            bits.append(f"Desa {v.incident_desa.strip()}")
            if self.profile.kecamatan.strip():
                bits.append(f"Kecamatan {self.profile.kecamatan.strip()}")
        return ", ".join(b for b in bits if b)


def _indented(st: Styles) -> ParagraphStyle:
    return ParagraphStyle("indented", parent=st.body, leftIndent=_INDENT)


def _nobreak(text: str) -> str:
    """Keep a date on one line ("26 Februari 2024" never split after "Februari")."""
    return markup(text).replace(" ", "&nbsp;")


def _address(p: Party) -> str:
    bits = [p.street.strip()]
    if p.rt_rw.strip():
        bits.append(f"RT/RW {p.rt_rw.strip()}")
    if p.desa.strip():
        bits.append(f"Desa {p.desa.strip()}")
    if p.kecamatan.strip():
        bits.append(f"Kecamatan {p.kecamatan.strip()}")
    if p.kabupaten.strip():
        bits.append(f"Kabupaten {p.kabupaten.strip()}")
    return ", ".join(b for b in bits if b)
