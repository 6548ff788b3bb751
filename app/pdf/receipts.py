"""The documents a citizen takes home from the desk (DOMAIN.md "Walk-in visits"):

- ``lp`` (model B)  -> STTLP, Surat Tanda Terima Laporan Polisi
- ``kehilangan``    -> SKTLK, Surat Keterangan Tanda Lapor Kehilangan (valid 14 days)
- ``pengaduan``     -> Surat Tanda Penerimaan Pengaduan
- ``dumas``         -> Surat Tanda Penerimaan Pengaduan Masyarakat (Dumas)

Assumptions (change them here):
- An LP model A is made by an officer, with no citizen to hand a receipt to: no document.
- The place above the signature is the station's kecamatan ("Pedamaran, 12 Februari 2024"),
  dated the day the visit was received, in station time.
- Who signs and how is app/documents/signing.py: the receiving officer signs "a.n. KEPALA
  KEPOLISIAN SEKTOR ..." only when their position allows it, and every receipt carries
  "Mengetahui" by the chosen official (Ka SPKT); without an officer the name is left as a
  dotted line to sign by hand.
- The citizen's own receipt shows their full NIK (it identifies them on their document).
- The STTLP has its own number (StationProfile.template_sttlp over the LP's counter) and
  cites the LP's number and date.
- The SKTLK's title, validity (days) and warning against false reports are station settings
  (StationProfile.sktlk_*); it is valid from the day it was received.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.documents.signing import Signers, countersignatory, receiver_signatory
from app.domain.models import Officer, Party, Position, StationProfile, Visit
from app.outputs import write_bytes
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
from app.pdf.people import articles_text, identity_rows, people_text
from app.textid import format_date, format_datetime_long, format_rupiah, spell_number, to_local

COPY_MARK = "SALINAN"
RECEIPT_FONT_SIZES = (9.5, 9.0, 8.5, 8.0)  # tried in turn until the receipt fits one page
_INDENT = 0.6 * cm
_LABEL_WIDTH = 3.9 * cm
_LONG_VALUE = 1500  # characters: a narrative up to this stays beside its label (one page)

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
    signers: Signers | None = None,
    positions: Sequence[Position] = (),
    law_titles: Mapping[str, str] | None = None,
    sttlp_number: str = "",
) -> None:
    """Print the document for ``visit`` (a saved, numbered record) to a file or stream.

    ``officer`` is the receiving officer (``signers`` overrides it and adds "Mengetahui";
    ``positions`` say what each may sign); ``category_label`` and ``place_label`` are the
    labels of ``visit.category`` and ``visit.place_type``, ``law_titles`` the titles of the
    articles cited (master data the caller looks up). ``sttlp_number`` is the STTLP's own
    number (the LP's number without it). ``copy`` prints a visible "SALINAN" mark on every
    page; ``check_code`` goes in the footer (app/documents/checkcode.py).
    """
    if not has_citizen_document(visit):
        raise NoDocumentForService(visit.service, visit.lp_model)
    if not visit.number:
        raise VisitNotNumbered("the visit has no number yet")
    chosen = signers if signers is not None else Signers(receiver=officer)
    # the largest type that keeps the receipt on one page (what the citizen takes home);
    # when even the smallest cannot, it runs on, the signatures kept with the closing
    buffer = io.BytesIO()
    for size in RECEIPT_FONT_SIZES:
        builder = _Receipt(visit, profile, chosen, category_label, place_label, positions,
                           law_titles or {}, sttlp_number, size)
        buffer = io.BytesIO()
        pages = build_pdf(
            buffer,
            builder.flowables(),
            paper=profile.paper,
            title=f"{SHORT_NAMES[visit.service]} {builder.number}",
            footer_note=f"{SHORT_NAMES[visit.service]} Nomor {builder.number}",
            watermark=COPY_MARK if copy else "",
            author=f"POLSEK {profile.name}",
            check_code=check_code,
        )
        if pages == 1:
            break
    if isinstance(out, str | Path):
        write_bytes(out, buffer.getvalue())  # never over a database; whole or not at all
    else:
        out.write(buffer.getvalue())


class _Receipt:
    """Lays out one receipt; one method per part of the letter."""

    def __init__(
        self,
        visit: Visit,
        profile: StationProfile,
        signers: Signers,
        category_label: str,
        place_label: str,
        positions: Sequence[Position],
        law_titles: Mapping[str, str],
        sttlp_number: str,
        font_size: float = RECEIPT_FONT_SIZES[0],
    ) -> None:
        self.visit = visit
        self.profile = profile
        self.signers = signers
        self.positions = positions
        self.law_titles = law_titles
        self.category_label = category_label
        self.place_label = place_label
        self.st: Styles = make_styles(font_size)
        self.para_style = ParagraphStyle("receipt", parent=self.st.justified, spaceBefore=2, spaceAfter=2)
        self.width = frame_width(profile.paper)
        self.received = to_local(visit.received_at, profile.timezone)
        self.lp_number = visit.number or ""
        own = sttlp_number.strip() if visit.service == "lp" else ""
        self.number = own or self.lp_number

    # -- the letter

    def flowables(self) -> list[Flowable]:
        service = self.visit.service
        parts: list[Flowable] = [*letterhead(self.profile)]
        title = TITLES[service]
        if service == "kehilangan" and self.profile.sktlk_title.strip():
            title = self.profile.sktlk_title.strip().upper()
        parts += document_title(title, self.number)
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
        if service == "lp":  # the last paragraph of the STTLP says it: one line less
            closing = parts.pop()
        parts.append(self._signatures(closing))
        return parts

    def _sttlp(self) -> list[Flowable]:
        v = self.visit
        rows = [
            ("Waktu kejadian", self._when(v.occurred_at)),
            ("Tempat kejadian", self._place()),
            ("Jenis kejadian", self.category_label),
            ("Terlapor", people_text(v.parties, "terlapor", brief=True)),
        ]
        for role, label in (("korban", "Korban"), ("saksi", "Saksi-saksi")):
            text = people_text(v.parties, role, brief=True)
            if text:
                rows.append((label, text))
        rows.append(("Uraian singkat", v.narrative))
        if v.modus_operandi.strip():
            rows.append(("Modus operandi", v.modus_operandi))
        rows += [("Pasal yang dilaporkan", articles_text(v.law_articles, self.law_titles)),
                 ("Barang bukti", v.evidence)]
        return [
            self._para(
                "Yang bertanda tangan di bawah ini menerangkan bahwa pada "
                f"<b>{markup(self._when_received())}</b> Sentra Pelayanan Kepolisian Terpadu "
                f"(SPKT) {markup(self._station())} telah menerima laporan dari:"
            ),
            *self._identity(v.reporter),
            self._para("tentang kejadian sebagai berikut:"),
            *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st,
                         label_width=_LABEL_WIDTH, long_value=_LONG_VALUE),
            *self._losses(),
            Paragraph(  # left-aligned: a long number would stretch a justified line
                "Laporan tersebut telah dicatat dalam Laporan Polisi Nomor: "
                f"<b>{markup(self.lp_number)}</b> tanggal {_nobreak(format_date(self.received))} "
                "dan akan ditindaklanjuti sesuai dengan ketentuan peraturan perundang-undangan. "
                "Demikian surat tanda terima ini dibuat untuk dapat dipergunakan seperlunya.",
                ParagraphStyle("sttlp-closing", parent=self.para_style, alignment=TA_LEFT)),
        ]

    def _sktlk(self) -> list[Flowable]:
        v = self.visit
        days = max(1, self.profile.sktlk_valid_days)
        valid_until = self.received.date() + timedelta(days=days)
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
                label_width=_LABEL_WIDTH,
                long_value=_LONG_VALUE,
            ),
            self._para(
                "Surat keterangan ini <b>bukan merupakan pengganti</b> surat / dokumen / barang "
                "yang hilang, melainkan keterangan bahwa yang bersangkutan telah melaporkan "
                "kehilangan tersebut, untuk dipergunakan dalam pengurusan penggantinya pada "
                "instansi yang berwenang."
            ),
            Paragraph(
                f"<b>Berlaku {days} ({spell_number(days)}) hari sejak "
                f"{_nobreak(format_date(self.received))} sampai dengan "
                f"{_nobreak(format_date(valid_until))}.</b>",
                ParagraphStyle("validity", parent=self.para_style, alignment=TA_LEFT),
            ),
            *([self._para(f"<i>{markup(self.profile.sktlk_warning)}</i>")]
              if self.profile.sktlk_warning.strip() else []),
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
            *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st,
                         label_width=_LABEL_WIDTH, long_value=_LONG_VALUE),
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
        rows = identity_rows(party or Party(role="pelapor"))
        return [
            Spacer(1, 0.1 * cm),
            *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st,
                         label_width=_LABEL_WIDTH, long_value=_LONG_VALUE),
            Spacer(1, 0.1 * cm),
        ]

    def _losses(self) -> list[Flowable]:
        """The losses as lines under the incident (a table took a third of the room the
        signatures need to stay on the first page)."""
        v = self.visit
        lines = [f"{loss.description.strip() or EMPTY}: {format_rupiah(loss.value_rp)}"
                 for loss in v.losses]
        if len(lines) > 1:
            lines = [f"{i}. {line}" for i, line in enumerate(lines, start=1)]
            lines.append(f"Jumlah kerugian: {format_rupiah(v.total_loss_rp)}")
        return [*field_rows([("Kerugian", "\n".join(lines))], width=self.width, indent=_INDENT,
                            styles=self.st, label_width=_LABEL_WIDTH, long_value=_LONG_VALUE),
                Spacer(1, 0.1 * cm)]

    def _signatures(self, closing: Flowable) -> Flowable:
        receiver_role = {
            "lp": "Yang menerima laporan,",
            "kehilangan": "Yang mengeluarkan,",
        }.get(self.visit.service, "Yang menerima pengaduan,")
        right = receiver_signatory(self.signers.receiver, self.positions, self.profile.name,
                                   receiver_role)
        below = countersignatory(self.signers.countersigner, self.positions, self.profile.name)
        reporter = self.visit.reporter
        left_heading = "Pengadu," if self.visit.service in ("pengaduan", "dumas") else "Pelapor,"
        left = Signatory(heading=(left_heading,), name=reporter.name.upper() if reporter else "")
        place_date = f"{self.profile.kecamatan.strip()}, {format_date(self.received)}"
        return signatures(place_date, right, left, width=self.width, keep_with=[closing],
                          middle=below, space_for_signature=1.1 * cm)

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


def _nobreak(text: str) -> str:
    """Keep a date on one line ("26 Februari 2024" never split after "Februari")."""
    return markup(text).replace(" ", "&nbsp;")
