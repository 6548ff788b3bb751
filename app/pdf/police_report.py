"""The Laporan Polisi form itself (issue 17 item 2), model A and model B, marked PRO JUSTITIA:
the document the receiving official and the Kapolsek's desk head sign, as opposed to the
receipt the citizen takes home (receipts.py, STTLP).

Layout (after a public form used at Polda Banten; change it here): letterhead; "PRO JUSTITIA"
at the top right; title LAPORAN POLISI with model and number; then numbered sections:
I. yang melaporkan; II. peristiwa yang dilaporkan (waktu kejadian, tempat, apa yang terjadi,
siapa terlapor, siapa korban, bagaimana terjadi, dilaporkan pada); III. tindak pidana apa
(the articles as recorded, old and new KUHP side by side); IV. nama dan alamat saksi-saksi;
V. barang bukti; VI. uraian singkat kejadian (with the losses); VII. tindakan yang diambil
(what the record says was done: dispatch, arrival at the scene, statuses with their notes);
the closing sentence and the signatures (app/documents/signing.py).

Model B: the citizen reporter's identity; the citizen signs "Pelapor", the receiving official
"Yang menerima laporan" (a.n. Kapolsek only when the position allows), and "Mengetahui" below.
Model A: made by an officer who found or witnessed the incident: the officer (the record's
receiving officer) is "yang melaporkan" and signs "Pelapor"; "Mengetahui" beside him.
Everything the officer recorded appears: other parties, losses, notes of accepted warnings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.documents.signing import (
    Signatory,
    Signers,
    countersignatory,
    receiver_signatory,
)
from app.domain.codes import PARTY_ROLES, STATUSES
from app.domain.models import Officer, Position, StationProfile, Visit
from app.pdf.base import (
    build_pdf,
    document_title,
    frame_width,
    letterhead,
    make_styles,
    markup,
    text_paragraphs,
)
from app.pdf.blocks import field_rows, grid_table, signatures
from app.pdf.people import articles_text, identity_rows, people_text
from app.textid import format_date, format_datetime_long, format_rupiah, to_local

TITLE = "LAPORAN POLISI"
PRO_JUSTITIA = "PRO JUSTITIA"
_INDENT = 0.6 * cm
_KNOWN_ROLES = ("pelapor", "terlapor", "korban", "saksi")


def render_police_report(visit: Visit, *, profile: StationProfile,
                         officers: Mapping[int, Officer], signers: Signers,
                         positions: Sequence[Position], out: Path | BinaryIO,
                         category_label: str = "", place_label: str = "",
                         law_titles: Mapping[str, str] | None = None, patrol_note: str = "",
                         check_code: str = "") -> None:
    """Write the LP form of a saved, numbered walk-in (service lp) to a file or stream.
    `patrol_note`: the patrol a model A was found on, and its basis (render.py)."""
    form = _Form(visit, profile, officers, signers, positions, category_label, place_label,
                 law_titles or {}, patrol_note)
    build_pdf(out, form.flowables(), paper=profile.paper, title=f"LP {visit.number or ''}",
              footer_note=f"Laporan Polisi Nomor {visit.number or ''}",
              author=f"POLSEK {profile.name}", check_code=check_code)


class _Form:
    def __init__(self, visit: Visit, profile: StationProfile, officers: Mapping[int, Officer],
                 signers: Signers, positions: Sequence[Position], category_label: str,
                 place_label: str, law_titles: Mapping[str, str], patrol_note: str) -> None:
        self.v = visit
        self.profile = profile
        self.officers = officers
        self.signers = signers
        self.positions = positions
        self.category_label = category_label
        self.place_label = place_label
        self.law_titles = law_titles
        self.patrol_note = patrol_note
        self.st = make_styles()
        self.width = frame_width(profile.paper)
        self.model_a = visit.lp_model == "A"
        self.received = to_local(visit.received_at, profile.timezone)
        self.heading = ParagraphStyle("lp-heading", parent=self.st.heading, spaceBefore=5,
                                      spaceAfter=2)

    def flowables(self) -> list[Flowable]:
        model = "A" if self.model_a else "B"
        mark = ParagraphStyle("pro-justitia", parent=self.st.body, alignment=TA_RIGHT,
                              fontName=self.st.heading.fontName)
        parts: list[Flowable] = [Paragraph(f"<u>{PRO_JUSTITIA}</u>", mark),
                                 *letterhead(self.profile)]
        parts += document_title(f"{TITLE} MODEL {model}", self.v.number or "")
        parts += self._reporter()
        parts += self._event()
        parts += self._section("III. TINDAK PIDANA APA",
                               [("Pasal", articles_text(self.v.law_articles, self.law_titles))])
        parts += self._section("IV. NAMA DAN ALAMAT SAKSI-SAKSI",
                               [("Saksi", people_text(self.v.parties, "saksi"))])
        parts += self._section("V. BARANG BUKTI", [("Barang bukti", self.v.evidence)])
        parts += self._story()
        last = len(parts)  # the last section goes with the signatures: never alone on a page
        parts += self._actions()
        others = self._others()
        if others:
            last = len(parts)
            parts += others
        tail = parts[last:]
        del parts[last:]
        parts.append(self._signatures(tail))
        return parts

    # -- sections
    def _section(self, title: str, rows: list[tuple[str, str]]) -> list[Flowable]:
        return [Paragraph(escape(title), self.heading),
                *field_rows(rows, width=self.width, indent=_INDENT, styles=self.st)]

    def _text_section(self, title: str, text: str) -> list[Flowable]:
        """A section of running text (the narrative): paragraphs that flow over pages."""
        style = ParagraphStyle("lp-text", parent=self.st.justified, leftIndent=_INDENT)
        return [Paragraph(escape(title), self.heading), *text_paragraphs(text, style)]

    def _list_section(self, title: str, lines: list[str]) -> list[Flowable]:
        """A numbered list, one paragraph per item with a hanging number."""
        style = ParagraphStyle("lp-list", parent=self.st.body, leftIndent=_INDENT + 0.5 * cm,
                               firstLineIndent=-0.5 * cm, spaceAfter=1)
        return [Paragraph(escape(title), self.heading),
                *[Paragraph(f"{i}.&nbsp;&nbsp;{markup(line)}", style)
                  for i, line in enumerate(lines, start=1)]]

    def _reporter(self) -> list[Flowable]:
        if self.model_a:
            officer = self._officer(self.v.receiving_officer_id)
            rows = [("Nama", officer.name.upper() if officer else ""),
                    ("Pangkat / NRP", f"{officer.rank.upper()} / {officer.nrp}" if officer else ""),
                    ("Jabatan", officer.position if officer else ""),
                    ("Kesatuan", f"Polsek {self.profile.name.title()}")]
            if self.patrol_note.strip():
                rows.append(("Dari patroli", self.patrol_note))
            return self._section("I. YANG MELAPORKAN", rows)
        reporter = self.v.reporter
        rows = identity_rows(reporter) if reporter else [("Nama", "")]
        return self._section("I. YANG MELAPORKAN", rows)

    def _event(self) -> list[Flowable]:
        v = self.v
        rows = [
            ("1. Waktu kejadian", self._when(v.occurred_at)),
            ("2. Tempat kejadian", self._place()),
            ("3. Apa yang terjadi", self.category_label or v.category),
            ("4. Siapa terlapor", people_text(v.parties, "terlapor") or "belum diketahui"),
            ("5. Siapa korban", self._victims()),
            ("6. Bagaimana terjadi", v.modus_operandi),
            ("7. Dilaporkan pada", format_datetime_long(self.received,
                                                        self.profile.tz_abbreviation)),
        ]
        return self._section("II. PERISTIWA YANG DILAPORKAN", rows)

    def _victims(self) -> str:
        """The victims recorded as parties; a reporter noted as the victim ("pelapor sekaligus
        korban") is named as such rather than leaving the line empty."""
        victims = people_text(self.v.parties, "korban")
        reporter = self.v.reporter
        if not victims and reporter is not None and "korban" in reporter.note.lower():
            return f"{reporter.name} (pelapor sendiri)"
        return victims

    def _story(self) -> list[Flowable]:
        out = self._text_section("VI. URAIAN SINGKAT KEJADIAN", self.v.narrative)
        if self.v.losses:
            usable = self.width - _INDENT
            rows = [[str(i), loss.description, format_rupiah(loss.value_rp)]
                    for i, loss in enumerate(self.v.losses, start=1)]
            table = grid_table(["No.", "Kerugian", "Nilai"], rows,
                               col_widths=[1.0 * cm, usable - 5.0 * cm, 4.0 * cm],
                               footer=["Jumlah kerugian", "", format_rupiah(self.v.total_loss_rp)],
                               footer_span=2, align_right=(2,), styles=self.st)
            table.hAlign = "RIGHT"
            out += [Spacer(1, 0.15 * cm), table]
        return out

    def _actions(self) -> list[Flowable]:
        v = self.v
        lines = [f"Menerima laporan dan membuat Laporan Polisi ({self._when(v.received_at)})."]
        if v.dispatched_officer_id or v.dispatched_at:
            who = self._officer_text(v.dispatched_officer_id)
            lines.append("Mengirim petugas ke tempat kejadian" + (f": {who}" if who else "")
                         + (f" ({self._when(v.dispatched_at)})" if v.dispatched_at else "") + ".")
        if v.arrived_at:
            lines.append(f"Petugas tiba di TKP ({self._when(v.arrived_at)}).")
        for change in v.status_history:
            who = self._officer_text(change.officer_id)
            text = f"Status {STATUSES.get(change.status, change.status)} ({self._when(change.at)}"
            text += f", {who})" if who else ")"
            if change.note.strip():
                text += f": {change.note.strip()}"
            lines.append(text)
        if v.resolved_at:
            lines.append(f"Selesai ditangani ({self._when(v.resolved_at)}).")
        if v.notable:
            lines.append("Ditandai sebagai kejadian menonjol.")
        return self._list_section("VII. TINDAKAN YANG DIAMBIL", lines)

    def _others(self) -> list[Flowable]:
        """Parties of other roles and the warnings the officer accepted, with their reasons."""
        rows: list[tuple[str, str]] = []
        for role in dict.fromkeys(p.role for p in self.v.parties):
            if role not in _KNOWN_ROLES:
                rows.append((PARTY_ROLES.get(role, role.title()), people_text(self.v.parties, role)))
        for warning in self.v.accepted_warnings:
            rows.append(("Catatan petugas", f"{warning.field}: {warning.reason}"))
        if not rows:
            return []
        return self._section("VIII. KETERANGAN LAIN", rows)

    def _signatures(self, tail: list[Flowable]) -> Flowable:
        station = self.profile.name
        closing = Paragraph(
            "Demikian Laporan Polisi ini dibuat dengan sebenarnya atas kekuatan sumpah jabatan, "
            "kemudian ditutup dan ditandatangani di "
            f"{markup(self.profile.kecamatan.strip() or station.title())} pada tanggal "
            "tersebut di atas.", ParagraphStyle("lp-closing", parent=self.st.justified,
                                                spaceBefore=4))
        place_date = f"{self.profile.kecamatan.strip()}, {format_date(self.received)}"
        knows = countersignatory(self.signers.countersigner, self.positions, station)
        if self.model_a:
            maker = self._officer(self.v.receiving_officer_id)
            left = Signatory(heading=("Pelapor,",), name=maker.name.upper() if maker else "",
                             detail=(f"{maker.rank.upper()} NRP {maker.nrp}" if maker else ""))
            return signatures(place_date, knows, left, width=self.width,
                              keep_with=[*tail, closing], space_for_signature=1.4 * cm)
        reporter = self.v.reporter
        left = Signatory(heading=("Pelapor,",), name=reporter.name.upper() if reporter else "")
        right = receiver_signatory(self.signers.receiver, self.positions, station)
        return signatures(place_date, right, left, width=self.width, keep_with=[*tail, closing],
                          below=knows, space_for_signature=1.4 * cm)

    # -- words
    def _officer(self, officer_id: int | None) -> Officer | None:
        return self.officers.get(officer_id) if officer_id is not None else None

    def _officer_text(self, officer_id: int | None) -> str:
        officer = self._officer(officer_id)
        return f"{officer.rank.upper()} {officer.name.upper()}" if officer else ""

    def _when(self, at: datetime | None) -> str:
        if at is None:
            return ""
        return format_datetime_long(to_local(at, self.profile.timezone),
                                    self.profile.tz_abbreviation)

    def _place(self) -> str:
        v = self.v
        bits = [self.place_label.strip() or v.place_type.strip(), v.place_detail.strip()]
        if v.incident_desa.strip():
            bits.append(f"Desa {v.incident_desa.strip()}")
            if self.profile.kecamatan.strip():
                bits.append(f"Kecamatan {self.profile.kecamatan.strip()}")
            if self.profile.kabupaten.strip():
                bits.append(f"Kabupaten {self.profile.kabupaten.strip()}")
        return ", ".join(b for b in bits if b)
