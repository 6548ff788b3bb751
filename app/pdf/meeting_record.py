"""Notulen / Laporan Kegiatan of a community meeting, with its attendance sheet (Daftar Hadir).

Layout (change it here): letterhead; title with the meeting type; particulars (day, time, place,
leader with rank and NRP); the participants by group with head counts and a total; the topics;
the issues residents raised as a table (category, desa, follow-up action, owner, due date,
status); notes; the leader signs, the Kapolsek acknowledges. Then, on a new page, the Daftar
Hadir: one ruled table per participant group with as many numbered rows as the group's head
count (at least one), names and signatures to be filled in by hand, signatures staggered left
and right as on paper attendance sheets.

Assumptions:
- A meeting without any participant groups gets one "Peserta" table of BLANK_ROWS rows.
- A voided meeting still prints, marked "DIBATALKAN".
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import cm
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from app.domain.codes import ISSUE_STATUSES, MEETING_TYPES, PARTICIPANT_GROUPS
from app.domain.models import Meeting, MeetingIssue, Officer, StationProfile
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
    build_record_pdf,
    closing_signatures,
    field_rows,
    grid_table,
    grid_table_with_tail,
    section_heading,
    signatures,
    void_note,
)
from app.pdf.patrol_report import officer_line, officer_signatory, signatories
from app.textid import (
    format_date,
    format_date_long,
    format_date_short,
    format_number,
    format_time,
    to_local,
)

BLANK_ROWS = 10
ATTENDANCE_TITLE = "DAFTAR HADIR"
ROW_HEIGHT = 0.8 * cm


def record_title(meeting: Meeting) -> str:
    label = MEETING_TYPES.get(meeting.meeting_type, meeting.meeting_type)
    return f"NOTULEN / LAPORAN KEGIATAN {label.upper()}"


def attendance_rows(meeting: Meeting) -> list[tuple[str, int]]:
    """(group label, number of rows) of the Daftar Hadir, in the form's order."""
    rows = [(PARTICIPANT_GROUPS.get(p.group, p.group), max(1, p.count))
            for p in meeting.participants]
    return rows or [("Peserta", BLANK_ROWS)]


def render_meeting_record(
    meeting: Meeting,
    *,
    profile: StationProfile,
    officers: Mapping[int, Officer],
    out: Path | BinaryIO,
    category_labels: Mapping[str, str] | None = None,
    check_code: str = "",
) -> None:
    """Print ``meeting`` (a saved record) and its attendance sheet to a file or stream.
    ``officers`` maps ids to the roster (leader, issue owners); ``category_labels`` names the
    issue categories (master data the caller looks up); ``check_code`` goes in the footer."""
    builder = _Record(meeting, profile, officers, category_labels or {})
    held = to_local(meeting.held_at, profile.timezone)
    label = MEETING_TYPES.get(meeting.meeting_type, meeting.meeting_type)
    build_record_pdf(
        out,
        builder.flowables(),
        profile=profile,
        meta=meeting.meta,
        title=f"{record_title(meeting)} {format_date(held)}",
        footer_note=f"Notulen {label}, Desa {meeting.desa}, {format_date(held)}",
        check_code=check_code,
    )


class _Record:
    def __init__(self, meeting: Meeting, profile: StationProfile, officers: Mapping[int, Officer],
                 category_labels: Mapping[str, str]) -> None:
        self.meeting = meeting
        self.profile = profile
        self.officers = officers
        self.categories = category_labels
        self.st = make_styles()
        self.width = frame_width(profile.paper)
        self.held = to_local(meeting.held_at, profile.timezone)

    def flowables(self) -> list[Flowable]:
        m = self.meeting
        parts: list[Flowable] = [*letterhead(self.profile), *document_title(record_title(m))]
        parts += field_rows(self._particulars(), width=self.width, styles=self.st)
        parts += self._heading("Peserta")
        parts.append(self._participants_table())
        parts += self._heading("Pokok bahasan")
        parts += text_paragraphs(m.topics, self.st.justified)
        last = len(parts)
        parts += self._heading("Permasalahan yang disampaikan warga dan tindak lanjutnya")
        if m.issues:
            body, tail = self._issues_table()
            parts += body
            last = len(parts)  # the last rows of the table go with the signatures
            parts += tail
        else:
            parts.append(Paragraph("Nihil.", self.st.body))
        if m.notes.strip():
            last = len(parts)
            parts += self._heading("Catatan")
            parts += text_paragraphs(m.notes, self.st.justified)
        parts += void_note(m.meta, self.st)
        tail_parts = parts[last:]
        del parts[last:]
        right, left = signatories(self.profile, "Pemimpin kegiatan,", self._officer(m.leader_id))
        parts.append(closing_signatures(
            "Demikian notulen kegiatan ini dibuat dengan sebenarnya untuk dapat dipergunakan "
            "seperlunya.", self._place_date(), right, left, width=self.width, styles=self.st,
            keep_with=tail_parts))
        parts.append(PageBreak())
        parts += self._attendance()
        return parts

    # -- the record

    def _heading(self, text: str) -> list[Flowable]:
        return section_heading(text, self.st)

    def _officer(self, officer_id: int | None) -> Officer | None:
        return self.officers.get(officer_id) if officer_id is not None else None

    def _place(self) -> str:
        m = self.meeting
        bits = [m.place.strip(), f"Desa {m.desa.strip()}" if m.desa.strip() else ""]
        if self.profile.kecamatan.strip():
            bits.append(f"Kecamatan {self.profile.kecamatan.strip()}")
        return ", ".join(b for b in bits if b)

    def _place_date(self) -> str:
        return f"{self.profile.kecamatan.strip()}, {format_date(self.held)}"

    def _particulars(self) -> list[tuple[str, str]]:
        m = self.meeting
        return [
            ("Jenis kegiatan", MEETING_TYPES.get(m.meeting_type, m.meeting_type)),
            ("Hari, tanggal", format_date_long(self.held)),
            ("Waktu", f"pukul {format_time(self.held)} {self.profile.tz_abbreviation}".strip()),
            ("Tempat", self._place()),
            ("Dipimpin oleh", officer_line(self._officer(m.leader_id))),
        ]

    def _participants_table(self) -> Flowable:
        rows = [[str(i), PARTICIPANT_GROUPS.get(p.group, p.group), format_number(p.count)]
                for i, p in enumerate(self.meeting.participants, start=1)]
        table = grid_table(
            ["No.", "Kelompok peserta", "Jumlah (orang)"],
            rows or [["", EMPTY, EMPTY]],
            col_widths=[1.0 * cm, 7.0 * cm, 3.0 * cm],
            footer=["Jumlah peserta", "", format_number(self.meeting.participant_total)],
            footer_span=2,
            align_right=(2,),
            styles=self.st,
        )
        return table

    def _owner(self, issue: MeetingIssue) -> str:
        bits = []
        officer = self._officer(issue.owner_officer_id)
        if officer is not None:
            bits.append(f"{officer.rank.upper()} {officer.name.upper()}")
        if issue.owner_agency.strip():
            bits.append(issue.owner_agency.strip())
        return "\n".join(bits)

    def _issues_table(self) -> tuple[list[Flowable], list[Flowable]]:
        rows = []
        for i, issue in enumerate(self.meeting.issues, start=1):
            category = self.categories.get(issue.category, issue.category).strip()
            what = issue.description.strip() + (f"\n({category})" if category else "")
            rows.append([
                str(i), what, issue.desa, issue.action, self._owner(issue),
                format_date_short(issue.due_date) if issue.due_date else EMPTY,
                ISSUE_STATUSES.get(issue.status, issue.status),
            ])
        # wide enough for a whole desa ("Pedamaran VI"), date ("20-09-2026") and status
        widths = [0.9 * cm, 0, 2.6 * cm, 0, 2.7 * cm, 2.2 * cm, 2.1 * cm]
        rest = self.width - sum(widths)
        widths[1] = rest * 0.55
        widths[3] = rest - widths[1]
        return grid_table_with_tail(
            ["No.", "Masalah", "Desa", "Tindak lanjut", "Penanggung jawab", "Batas waktu",
             "Status"],
            rows, col_widths=widths, styles=self.st)

    # -- the attendance sheet

    def _attendance(self) -> list[Flowable]:
        m = self.meeting
        label = MEETING_TYPES.get(m.meeting_type, m.meeting_type)
        parts: list[Flowable] = [
            *letterhead(self.profile),
            *document_title(f"{ATTENDANCE_TITLE} {label.upper()}"),
            *field_rows([("Hari, tanggal", format_date_long(self.held)),
                         ("Waktu", f"pukul {format_time(self.held)} "
                                   f"{self.profile.tz_abbreviation}".strip()),
                         ("Tempat", self._place())], width=self.width, styles=self.st),
        ]
        tail: list[Flowable] = []
        for group, count in attendance_rows(m):
            parts += tail
            parts.append(Spacer(1, 0.3 * cm))
            lead, tail = self._attendance_table(group, count)
            parts += lead
        # the last rows of the last table go with the signature, which never stands alone
        parts.append(signatures(self._place_date(), officer_signatory(
            "Pemimpin kegiatan,", self._officer(m.leader_id)), width=self.width,
            keep_with=tail))
        return parts

    def _attendance_table(self, group: str, count: int) -> tuple[list[Flowable], list[Flowable]]:
        """(the group's heading and table but its last rows, those rows as a table of
        their own that joins it seamlessly) so a signature after it can keep them."""
        heading = Paragraph(f"<b>{markup(group)}</b> ({format_number(count)} orang)",
                            self.st.body)
        sign_w = 4.6 * cm
        widths = [1.0 * cm, 0, 0, sign_w]
        rest = self.width - sum(widths)
        widths[1] = rest * 0.55
        widths[2] = rest - widths[1]
        header = [Paragraph(f"<b>{h}</b>", self.st.cell) for h in
                  ("No.", "Nama", "Jabatan / alamat", "Tanda tangan")]
        body: list[list[object]] = []
        for n in range(1, count + 1):
            # staggered signatures: odd numbers on the left half, even on the right
            mark = f"{n}. ..................." if n % 2 else f"{'&nbsp;' * 14}{n}. ..........."
            body.append([Paragraph(f"{n}.", self.st.cell), "", "", Paragraph(mark, self.st.cell)])
        cut = count - 2 if count > 3 else 0

        def table(rows: list[list[object]], with_header: bool) -> Table:
            data = [header, *rows] if with_header else rows
            made = Table(data, colWidths=widths, repeatRows=1 if with_header else 0,
                         hAlign="LEFT",
                         rowHeights=([None] if with_header else []) + [ROW_HEIGHT] * len(rows))
            first = 1 if with_header else 0
            style = [("GRID", (0, 0), (-1, -1), 0.5, "black"),
                     ("VALIGN", (0, first), (-1, -1), "BOTTOM"),
                     ("LEFTPADDING", (0, 0), (-1, -1), 4),
                     ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                     ("BOTTOMPADDING", (0, first), (-1, -1), 4)]
            if with_header:
                style.append(("BACKGROUND", (0, 0), (-1, 0), "#e6e6e6"))
            made.setStyle(TableStyle(style))
            return made

        # the group's name never sits alone at the foot of a page; a long group's table
        # breaks over pages with its header row repeated
        lead: list[Flowable] = [CondPageBreak(3 * ROW_HEIGHT + 1.5 * cm), heading,
                                Spacer(1, 0.1 * cm)]
        if cut == 0:
            return lead, [table(body, True)]
        return [*lead, table(body[:cut], True)], [table(body[cut:], False)]
