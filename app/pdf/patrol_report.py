"""Laporan Hasil Patroli: the printed report of one patrol (DOMAIN.md "Patrols").

Layout (change it here): letterhead; title; the patrol's particulars (its basis, "Dasar:
Surat Perintah Nomor ...", type, operation, day, hours, mode, vehicle, targets, leader and
members with rank and NRP); the places visited as a table with the people reached in total; a
count of the situations found; the findings with the LP model A made from them; notes; the
leader signs, the Kapolsek acknowledges (Mengetahui). The last section moves to the next page
with the signatures, so they never stand alone; a time on another day than the patrol's is
printed as "20-09-2026" over "08.30", so no date is broken inside the narrow column.

Assumptions:
- Times are shown in station time; a patrol that ends on another day shows both dates.
- The place and date above the signatures are the station's kecamatan and the patrol's day.
- A voided patrol still prints (the commander may want it), marked "DIBATALKAN".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, Spacer

from app.domain.codes import PATROL_MODES, PATROL_TARGETS, PATROL_TYPES, SITUATIONS
from app.domain.models import Officer, Patrol, StationProfile, Vehicle
from app.pdf.base import (
    EMPTY,
    document_title,
    frame_width,
    letterhead,
    make_styles,
    markup,
    text_paragraphs,
)
from app.pdf.blocks import (
    Signatory,
    build_record_pdf,
    closing_signatures,
    field_rows,
    grid_table,
    section_heading,
    void_note,
)
from app.textid import (
    format_date,
    format_date_long,
    format_date_short,
    format_number,
    format_time,
    to_local,
)

TITLE = "LAPORAN HASIL PATROLI"
SITUATION_SHORT = {"aman": "Aman", "pg": "PG", "ag": "AG", "gn": "GN"}


def officer_line(officer: Officer | None) -> str:
    """ "BRIPKA ANDI SAPUTRA, NRP 85061234" (an officer as every report names them)."""
    if officer is None:
        return ""
    return f"{officer.rank.upper()} {officer.name.upper()}, NRP {officer.nrp}"


def commander_signatory(profile: StationProfile) -> Signatory:
    """The Kapolsek acknowledging a report ("Mengetahui,")."""
    return Signatory(
        heading=("Mengetahui,", f"KEPALA KEPOLISIAN SEKTOR {profile.name.upper()}"),
        name=profile.commander_name.upper(),
        detail=f"{profile.commander_rank.upper()} NRP {profile.commander_nrp}".strip(),
    )


def officer_signatory(heading: str, officer: Officer | None) -> Signatory:
    return Signatory(
        heading=(heading,),
        name=officer.name.upper() if officer else "",
        detail=f"{officer.rank.upper()} NRP {officer.nrp}" if officer else "NRP " + "." * 20,
    )


def signatories(profile: StationProfile, heading: str,
                officer: Officer | None) -> tuple[Signatory, Signatory | None]:
    """(right, left) signature columns: the officer who led it signs, the Kapolsek
    acknowledges; when the Kapolsek led it himself, he signs once, as Kapolsek."""
    if officer is not None and officer.nrp.strip() == profile.commander_nrp.strip():
        return Signatory(heading=(heading, f"KEPALA KEPOLISIAN SEKTOR {profile.name.upper()}"),
                         name=officer.name.upper(),
                         detail=f"{officer.rank.upper()} NRP {officer.nrp}"), None
    return officer_signatory(heading, officer), commander_signatory(profile)


def render_patrol_report(
    patrol: Patrol,
    *,
    profile: StationProfile,
    officers: Mapping[int, Officer],
    out: Path | BinaryIO,
    vehicle: Vehicle | None = None,
    lp_numbers: Sequence[str] = (),
    check_code: str = "",
) -> None:
    """Print ``patrol`` (a saved record) to a file or stream. ``officers`` maps officer ids to
    the roster (leader and members); ``lp_numbers`` are the LP made from its findings;
    ``check_code`` goes in the footer."""
    builder = _Report(patrol, profile, officers, vehicle, lp_numbers)
    start = to_local(patrol.start_at, profile.timezone)
    label = PATROL_TYPES.get(patrol.patrol_type, patrol.patrol_type)
    build_record_pdf(
        out,
        builder.flowables(),
        profile=profile,
        meta=patrol.meta,
        title=f"{TITLE} {format_date(start)}",
        footer_note=f"Laporan hasil patroli: {label}, {format_date(start)}",
        check_code=check_code,
    )


class _Report:
    def __init__(self, patrol: Patrol, profile: StationProfile, officers: Mapping[int, Officer],
                 vehicle: Vehicle | None, lp_numbers: Sequence[str]) -> None:
        self.patrol = patrol
        self.profile = profile
        self.officers = officers
        self.vehicle = vehicle
        self.lp_numbers = lp_numbers
        self.st = make_styles()
        self.width = frame_width(profile.paper)
        self.start = to_local(patrol.start_at, profile.timezone)
        self.end = to_local(patrol.end_at, profile.timezone)

    def flowables(self) -> list[Flowable]:
        p = self.patrol
        parts: list[Flowable] = [*letterhead(self.profile), *document_title(TITLE)]
        parts += field_rows(self._particulars(), width=self.width, styles=self.st)
        parts += self._heading("Tempat yang dikunjungi")
        parts.append(self._places_table())
        parts.append(Spacer(1, 0.2 * cm))
        parts.append(Paragraph(markup(self._situation_summary()), self.st.body))
        last = len(parts)  # the last section goes with the signatures
        parts += self._heading("Temuan / kejadian")
        parts += text_paragraphs(p.findings, self.st.justified, empty="Nihil.")
        if self.lp_numbers:
            parts.append(Spacer(1, 0.1 * cm))
            parts.append(Paragraph("Ditindaklanjuti dengan Laporan Polisi:", self.st.body))
            for number in self.lp_numbers:
                parts.append(Paragraph(f"– {markup(number)}", self.st.body))
        if p.notes.strip():
            last = len(parts)
            parts += self._heading("Catatan")
            parts += text_paragraphs(p.notes, self.st.justified)
        parts += void_note(p.meta, self.st)
        tail = parts[last:]
        del parts[last:]
        leader = self.officers.get(p.leader_id) if p.leader_id is not None else None
        place_date = f"{self.profile.kecamatan.strip()}, {format_date(self.start)}"
        right, left = signatories(self.profile, "Ketua Tim Patroli,", leader)
        parts.append(closing_signatures(
            "Demikian laporan hasil patroli ini dibuat dengan sebenarnya untuk dapat "
            "dipergunakan seperlunya.", place_date, right, left, width=self.width,
            styles=self.st, keep_with=tail))
        return parts

    def _heading(self, text: str) -> list[Flowable]:
        return section_heading(text, self.st)

    def _particulars(self) -> list[tuple[str, str]]:
        p = self.patrol
        rows = [("Dasar", p.basis),
                ("Jenis patroli", PATROL_TYPES.get(p.patrol_type, p.patrol_type))]
        if p.patrol_type == "operasi" or p.operation_name.strip():
            rows.append(("Nama operasi", p.operation_name))
        rows += [
            ("Hari, tanggal", format_date_long(self.start)),
            ("Waktu", self._hours()),
            ("Cara patroli", PATROL_MODES.get(p.mode, p.mode)),
            ("Kendaraan", f"{self.vehicle.name} ({self.vehicle.plate})".replace(" ()", "")
             if self.vehicle else ""),
            ("Sasaran", ", ".join(PATROL_TARGETS.get(t, t) for t in p.targets)),
            ("Ketua tim", officer_line(self._officer(p.leader_id))),
            ("Anggota", self._members()),
        ]
        return rows

    def _officer(self, officer_id: int | None) -> Officer | None:
        return self.officers.get(officer_id) if officer_id is not None else None

    def _members(self) -> str:
        lines = []
        for i, member_id in enumerate(self.patrol.member_ids, start=1):
            officer = self._officer(member_id)
            lines.append(f"{i}. {officer_line(officer) if officer else '(tidak dikenal)'}")
        return "\n".join(lines)

    def _hours(self) -> str:
        tz = self.profile.tz_abbreviation
        hours = format_number(self.patrol.hours, 1)
        if self.end.date() == self.start.date():
            span = f"pukul {format_time(self.start)} s.d. {format_time(self.end)} {tz}"
        else:
            span = (f"pukul {format_time(self.start)} {tz} s.d. {format_date_long(self.end)} "
                    f"pukul {format_time(self.end)} {tz}")
        return f"{span} ({hours} jam)"

    def _when(self, at: datetime | None) -> str:
        if at is None:
            return EMPTY
        local = to_local(at, self.profile.timezone)
        if local.date() != self.start.date():
            return f"{format_date_short(local)}\n{format_time(local)}"
        return format_time(local)

    def _places_table(self) -> Flowable:
        w = self.width
        # wide enough for a whole date ("20-09-2026"), a desa ("Pedamaran III") and each header
        widths = [0.9 * cm, 2.2 * cm, 2.6 * cm, 2.2 * cm, 1.7 * cm, 0, 1.5 * cm, 0]
        rest = w - sum(widths)
        widths[5] = rest * 0.5
        widths[7] = rest - widths[5]
        rows = [
            [str(i), self._when(place.at), place.desa, place.place,
             SITUATION_SHORT.get(place.situation, place.situation), place.himbauan,
             format_number(place.people_reached), place.note]
            for i, place in enumerate(self.patrol.places, start=1)
        ]
        return grid_table(
            ["No.", "Pukul", "Desa", "Tempat", "Situasi", "Himbauan", "Warga", "Keterangan"],
            rows or [["", EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY, EMPTY]],
            col_widths=widths,
            footer=["Jumlah warga yang disapa", "", "", "", "", "",
                    format_number(self.patrol.people_reached), Paragraph("", self.st.cell)],
            footer_span=6,
            align_right=(6,),
            styles=self.st,
        )

    def _situation_summary(self) -> str:
        counts = {code: 0 for code in SITUATIONS}
        for place in self.patrol.places:
            counts[place.situation] = counts.get(place.situation, 0) + 1
        bits = [f"{SITUATIONS.get(code, code)}: {n}" for code, n in counts.items()]
        return "Situasi yang ditemukan — " + "; ".join(bits) + "."
