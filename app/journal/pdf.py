"""The day's Buku Mutasi page and the handover sheet (serah terima dinas), one PDF.

Layout (change it here): letterhead; title with the shift's dates and hours; the regu and its
members; the journal as a table (time, kind, what happened, officer) in time order, with a
corrected entry struck through and marked "dikoreksi" and its correction under it; then the
handover: the inventory counted against the previous shift, the summary, the open matters,
the incoming officer's notes; the two signatures (outgoing on the right, incoming on the
left) kept on one page with the last table.

Assumptions:
- Times in station time; a line after midnight shows its date too.
- Citizens are not named: walk-ins show their service, number, category and status.
- Not handed over yet: the sheet says so, and leaves the signature lines to fill by hand.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.domain.models import Officer, StationProfile
from app.journal.codes import EVENT_KINDS, INVENTORY
from app.pdf.base import build_pdf, document_title, frame_width, letterhead, make_styles, markup
from app.pdf.blocks import Signatory, field_rows, grid_table, section_heading, signatures
from app.store.duty.models import JournalEvent, ShiftJournal
from app.textid import format_date, format_date_long, format_number, format_time, to_local

TITLE = "BUKU MUTASI PIKET SPKT"
HANDOVER_TITLE = "SERAH TERIMA DINAS"
CORRECTED = "dikoreksi"


def officer_short(officer: Officer | None) -> str:
    return f"{officer.rank.upper()} {officer.name.upper()}" if officer else ""


def render_journal_pdf(journal: ShiftJournal, *, profile: StationProfile,
                       officers: Mapping[int, Officer], out: Path | BinaryIO,
                       check_code: str = "") -> None:
    """Print the shift's journal and its handover sheet to a file or a binary stream."""
    sheet = _Sheet(journal, profile, officers)
    start = to_local(journal.shift.start_utc, profile.timezone)
    build_pdf(out, sheet.flowables(), paper=profile.paper,
              title=f"{TITLE} {format_date(start)}",
              footer_note=f"Buku mutasi piket SPKT, dinas {format_date(start)}",
              author=f"POLSEK {profile.name}", check_code=check_code)


class _Sheet:
    def __init__(self, journal: ShiftJournal, profile: StationProfile,
                 officers: Mapping[int, Officer]) -> None:
        self.journal = journal
        self.profile = profile
        self.officers = officers
        self.st = make_styles()
        self.width = frame_width(profile.paper)
        self.start = to_local(journal.shift.start_utc, profile.timezone)
        self.end = to_local(journal.shift.end_utc, profile.timezone)
        self.tz = profile.tz_abbreviation

    def _officer(self, officer_id: int | None) -> Officer | None:
        return self.officers.get(officer_id) if officer_id is not None else None

    def flowables(self) -> list[Flowable]:
        parts: list[Flowable] = [*letterhead(self.profile), *document_title(TITLE)]
        parts.append(Paragraph(
            f"Dinas {format_date_long(self.start)} pukul {format_time(self.start)} s.d. "
            f"{format_date_long(self.end)} pukul {format_time(self.end)} {self.tz}",
            self.st.subtitle))
        parts.append(Spacer(1, 0.3 * cm))
        team = self.journal.team
        members = ", ".join(officer_short(self._officer(m)) for m in team.member_ids) if team \
            else ""
        parts += field_rows([("Regu jaga", team.name if team else "-"),
                             ("Anggota", members or "-")], width=self.width, styles=self.st)
        # not section_heading: its keep-with-next would move a long table whole to the next
        # page and leave the first page with the title alone
        parts.append(Spacer(1, 0.2 * cm))
        parts.append(Paragraph("I. Kejadian dan kegiatan",
                               ParagraphStyle("heading-free", parent=self.st.heading,
                                              keepWithNext=0)))
        parts.append(self._events_table())
        parts += section_heading(f"II. {HANDOVER_TITLE.title()}", self.st)
        parts += self._handover()
        return parts

    # -------------------------------------------------------------- the journal
    def _when(self, at: datetime) -> str:
        local = to_local(at, self.profile.timezone)
        if local.date() != self.start.date():
            return f"{format_time(local)}\n{local.strftime('%d/%m')}"
        return format_time(local)

    def _text(self, event: JournalEvent) -> Paragraph:
        text = markup(event.text)
        if event.corrections:
            text = f"<strike>{text}</strike> <b>({CORRECTED})</b>"
            for c in event.corrections:
                local = to_local(c.at, self.profile.timezone)
                text += (f"<br/>Koreksi {format_date(local)} {format_time(local)}: "
                         f"{markup(c.text)}")
        if event.voided:
            text += " <b>(dibatalkan)</b>"
        if event.entry is not None and event.entry.corrects_uuid:
            text = f"<i>{text}</i>"
        return Paragraph(text, self.st.cell)

    def _events_table(self) -> Flowable:
        widths = [0.9 * cm, 1.4 * cm, 3.0 * cm, 0.0, 3.6 * cm]
        widths[3] = self.width - sum(widths)
        rows: list[list[str | Flowable]] = [
            [str(i), self._when(e.at), EVENT_KINDS.get(e.kind, e.kind), self._text(e),
             officer_short(self._officer(e.officer_id))]
            for i, e in enumerate(self.journal.events, start=1)]
        if not rows:
            rows = [["", "", "", "Nihil: tidak ada catatan pada dinas ini.", ""]]
        return grid_table(["No.", "Pukul", "Jenis", "Uraian", "Petugas"], rows,
                          col_widths=widths, styles=self.st)

    # -------------------------------------------------------------- the handover
    def _handover(self) -> list[Flowable]:
        handover = self.journal.handover
        out: list[Flowable] = []
        place_date = f"{self.profile.kecamatan.strip()}, {format_date(self.end)}"
        if handover is None:
            out.append(Paragraph("Belum diserahterimakan.", self.st.body))
            out.append(signatures(place_date, Signatory(("Yang menyerahkan,",)),
                                  Signatory(("Yang menerima,",)), width=self.width))
            return out
        signed = to_local(handover.signed_at, self.profile.timezone)
        timing = "tepat waktu" if handover.on_time else "terlambat"
        out.append(Paragraph(f"Ditandatangani {format_date_long(signed)} pukul "
                             f"{format_time(signed)} {self.tz} ({timing}).", self.st.body))
        out += section_heading("Ringkasan dinas", self.st)
        out.append(Paragraph(markup(handover.summary), self.st.justified))
        out += section_heading("Masalah yang masih terbuka", self.st)
        out += [Paragraph(markup(line), self.st.body) for line in handover.open_matters]
        if not any(line.startswith("SP2HP") for line in handover.open_matters):
            # signed before the LP register (issue 18) counted late SP2HPs
            out.append(Paragraph("SP2HP yang jatuh tempo: belum dicatat di Piket.",
                                 self.st.small))
        if handover.incoming_notes.strip():
            out += section_heading("Catatan petugas penerima", self.st)
            out.append(Paragraph(markup(handover.incoming_notes), self.st.justified))
        widths = [3.2 * cm, 1.7 * cm, 2.2 * cm, 0.0, 0.0]
        rest = self.width - sum(widths)
        widths[3], widths[4] = rest * 0.55, rest * 0.45
        rows: list[list[str | Flowable]] = [
            [INVENTORY.get(i.category, i.category), format_number(i.count),
             "-" if i.previous_count is None else format_number(i.previous_count), i.details,
             i.explanation] for i in handover.items]
        table = grid_table(["Jenis", "Jumlah", "Dinas lalu", "Rincian / kondisi", "Penjelasan"],
                           rows or [["Nihil", "", "", "", ""]], col_widths=widths,
                           align_right=(1, 2), styles=self.st)
        outgoing = self._officer(handover.outgoing_officer_id)
        incoming = self._officer(handover.incoming_officer_id)
        out.append(signatures(place_date, _signatory("Yang menyerahkan,", outgoing),
                              _signatory("Yang menerima,", incoming), width=self.width,
                              keep_with=[*section_heading("Inventaris yang diserahterimakan",
                                                          self.st), table]))
        return out


def _signatory(heading: str, officer: Officer | None) -> Signatory:
    return Signatory(heading=(heading,), name=officer.name.upper() if officer else "",
                     detail=f"{officer.rank.upper()} NRP {officer.nrp}" if officer else "")
