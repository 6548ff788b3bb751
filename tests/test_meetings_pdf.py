"""Notulen / Laporan Kegiatan with its Daftar Hadir, checked through pypdf's text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, date, datetime

from pypdf import PdfReader

from app.domain.models import Meeting, MeetingIssue, ParticipantCount, StationProfile
from app.pdf.meeting_record import BLANK_ROWS, attendance_rows, render_meeting_record
from tests.test_patrols_pdf import OFFICERS, meta

MEETING = Meeting(
    meeting_type="jumat_curhat", held_at=datetime(2024, 2, 9, 7, 30, tzinfo=UTC),
    desa="Pedamaran I", place="Masjid Al-Ikhlas", leader_id=1,
    participants=(ParticipantCount("tokoh_masyarakat", 6), ParticipantCount("tokoh_agama", 0),
                  ParticipantCount("pemuda", 14)),
    topics="Keamanan lingkungan menjelang Ramadan.",
    issues=(
        MeetingIssue("Lampu jalan mati di gang Mawar", category="curanmor", desa="Pedamaran I",
                     action="Koordinasi dengan desa", owner_agency="Pemerintah Desa",
                     due_date=date(2024, 2, 16)),
        MeetingIssue("Balap liar malam Minggu", desa="Sukadamai", action="Patroli malam",
                     owner_officer_id=2, due_date=date(2024, 2, 12), status="dalam_proses"),
    ),
    meta=meta(3))
# a signature line of the attendance sheet: "7. ......" (staggered left and right)
SIGNATURE = re.compile(r"(\d+)\.\s*\.{6,}")


def pages_of(meeting: Meeting, profile: StationProfile | None = None) -> list[str]:
    buffer = io.BytesIO()
    render_meeting_record(meeting, profile=profile or StationProfile(), officers=OFFICERS,
                          out=buffer, category_labels={"curanmor": "Curanmor"})
    return [p.extract_text() for p in PdfReader(io.BytesIO(buffer.getvalue())).pages]


def words(text: str) -> str:
    return " ".join(text.split())


def test_record_has_participants_topics_and_issues() -> None:
    pages = pages_of(MEETING)
    record = words("\n".join(p for p in pages if "DAFTAR HADIR" not in p))
    assert "NOTULEN / LAPORAN KEGIATAN JUMAT CURHAT" in record
    assert "Jumat, 9 Februari 2024" in record and "pukul 14.30 WIB" in record
    assert "Masjid Al-Ikhlas, Desa Pedamaran I, Kecamatan Pedamaran" in record
    assert "BRIPKA ANDI SAPUTRA, NRP 85061234" in record
    assert "Tokoh masyarakat 6" in record and "Pemuda 14" in record
    assert "Jumlah peserta 20" in record
    assert "Lampu jalan mati di gang Mawar (Curanmor)" in record
    assert "Pemerintah Desa" in record and "16-02-2024" in record  # a due date never breaks
    assert "BRIPTU RUDI HARTONO" in record and "Dalam proses" in record
    assert "Halaman 1 dari" in record


def test_attendance_sheet_rows_follow_head_counts() -> None:
    assert attendance_rows(MEETING) == [("Tokoh masyarakat", 6), ("Tokoh agama", 1),
                                        ("Pemuda", 14)]
    pages = pages_of(MEETING)
    sheet = "\n".join(p for p in pages if "DAFTAR HADIR" in p or "Pemuda" in p)
    assert "DAFTAR HADIR JUMAT CURHAT" in sheet
    assert "Tokoh masyarakat (6 orang)" in sheet and "Tokoh agama (1 orang)" in sheet
    numbers = [int(n) for n in SIGNATURE.findall("\n".join(pages))]
    # one signature line per expected person: 1..6, 1, 1..14
    assert numbers == [*range(1, 7), 1, *range(1, 15)]


def test_meeting_without_groups_gets_a_blank_sheet_and_voided_mark() -> None:
    bare = replace(MEETING, participants=(), issues=(),
                   meta=meta(3, voided_at=MEETING.held_at, void_reason="Salah tanggal"))
    pages = pages_of(bare, StationProfile(paper="f4"))
    text = words("\n".join(pages))
    assert "Peserta (10 orang)" in text
    assert len(SIGNATURE.findall("\n".join(pages))) == BLANK_ROWS
    assert "Nihil." in text and "DIBATALKAN" in text and "Salah tanggal" in text


def test_kapolsek_leading_signs_once_as_kapolsek() -> None:
    commander = replace(OFFICERS[1], name="Indra Gunawan", rank="IPTU", nrp="79051234")
    buffer = io.BytesIO()
    render_meeting_record(MEETING, profile=StationProfile(), officers={1: commander}, out=buffer)
    record = words(PdfReader(io.BytesIO(buffer.getvalue())).pages[0].extract_text())
    assert "Mengetahui" not in record
    assert "KEPALA KEPOLISIAN SEKTOR PEDAMARAN" in record
    assert record.count("INDRA GUNAWAN") == 2  # "Dipimpin oleh" line and the signature
