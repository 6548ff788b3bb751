"""Laporan Hasil Patroli, checked through the text pypdf extracts."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from pypdf import PdfReader

from app.domain.models import (
    Officer,
    Patrol,
    PatrolPlace,
    RecordMeta,
    StationProfile,
    Vehicle,
)
from app.pdf.base import PAPER_SIZES
from app.pdf.patrol_report import render_patrol_report

NOW = datetime(2024, 2, 14, 7, 0, tzinfo=UTC)
START = datetime(2024, 2, 13, 14, 0, tzinfo=UTC)  # Selasa 21.00 WIB


def meta(record_id: int, **changes: object) -> RecordMeta:
    values: dict[str, object] = dict(id=record_id, uuid=f"u-{record_id}", station_code="PEDAMARAN",
                                     created_at=NOW, created_by=None, updated_at=NOW,
                                     updated_by=None, version=1)
    values.update(changes)
    return RecordMeta(**values)  # type: ignore[arg-type]


OFFICERS = {
    1: Officer("Andi Saputra", "BRIPKA", "85061234", meta=meta(1)),
    2: Officer("Rudi Hartono", "BRIPTU", "95010203", meta=meta(2)),
}
PATROL = Patrol(
    patrol_type="malam", mode="r2", start_at=START, end_at=START + timedelta(hours=3, minutes=30),
    leader_id=1, member_ids=(2,), vehicle_id=1, targets=("3c", "balap_liar"),
    places=(
        PatrolPlace("Serinanti", "Pasar Serinanti", START + timedelta(minutes=20), "aman",
                    "Kunci ganda kendaraan", 12),
        PatrolPlace("Sukadamai", "Simpang tiga", START + timedelta(minutes=70), "pg",
                    "Waspada balap liar", 5, "Kerumunan pemuda"),
        PatrolPlace("Cinta Jaya", "Dermaga", START + timedelta(hours=3), "gn", "", 3,
                    "Perahu warga dicuri"),
    ),
    findings="Perahu motor milik warga hilang dari dermaga.", notes="Hujan ringan.",
    meta=meta(7))


def text_of(patrol: Patrol, **kwargs: object) -> tuple[str, PdfReader]:
    buffer = io.BytesIO()
    profile = kwargs.pop("profile", StationProfile())
    render_patrol_report(patrol, profile=profile, officers=OFFICERS, out=buffer,  # type: ignore[arg-type]
                         **kwargs)  # type: ignore[arg-type]
    reader = PdfReader(io.BytesIO(buffer.getvalue()))
    text = "\n".join(p.extract_text() for p in reader.pages)
    return " ".join(text.split()), reader


def test_report_has_particulars_places_and_totals() -> None:
    text, reader = text_of(PATROL, vehicle=Vehicle("Honda Verza", "BG 1234 ZZ", "r2"),
                           lp_numbers=["LP/A/3/II/2024/SPKT/POLSEK PEDAMARAN"])
    assert "LAPORAN HASIL PATROLI" in text and "POLSEK PEDAMARAN" in text
    assert "Patroli malam / KRYD" in text
    assert "Selasa, 13 Februari 2024" in text
    # crosses midnight: both days are said, in station time
    assert "pukul 21.00 WIB s.d. Rabu, 14 Februari 2024 pukul 00.30 WIB" in text
    assert "Honda Verza (BG 1234 ZZ)" in text and "Balap liar" in text
    assert "BRIPKA ANDI SAPUTRA, NRP 85061234" in text
    assert "BRIPTU RUDI HARTONO, NRP 95010203" in text
    for place in ("Pasar Serinanti", "Simpang tiga", "Dermaga", "Kerumunan pemuda"):
        assert place in text
    assert "21.20" in text and "22.10" in text and "00.00" in text
    assert "Jumlah warga yang disapa 20" in text  # 12 + 5 + 3
    assert "Aman: 1; Potensi Gangguan (PG): 1; Ambang Gangguan (AG): 0; Gangguan Nyata (GN): 1" in text
    assert "Perahu motor milik warga hilang" in text
    assert "LP/A/3/II/2024/SPKT/POLSEK PEDAMARAN" in text
    assert "INDRA GUNAWAN" in text and "IPTU NRP 79051234" in text and "Mengetahui" in text
    assert "Halaman 1 dari 1" in text
    assert abs(float(reader.pages[0].mediabox.width) - PAPER_SIZES["a4"][0]) < 0.01


def test_f4_paper_voided_and_many_places() -> None:
    places = tuple(replace(PATROL.places[0], place=f"Pos ronda {i}") for i in range(60))
    voided = replace(PATROL, places=places, meta=meta(7, voided_at=NOW, void_reason="Dobel"))
    text, reader = text_of(voided, profile=StationProfile(paper="f4"))
    assert len(reader.pages) > 1 and f"Halaman 1 dari {len(reader.pages)}" in text
    assert "Pos ronda 59" in text and "Jumlah warga yang disapa 720" in text
    assert "DIBATALKAN" in text and "Alasan: Dobel" in text
    assert abs(float(reader.pages[0].mediabox.height) - PAPER_SIZES["f4"][1]) < 0.01


def test_operation_name_and_nothing_found() -> None:
    patrol = replace(PATROL, patrol_type="operasi", operation_name="Operasi Pekat Musi",
                     findings="", notes="", vehicle_id=None)
    text, _ = text_of(patrol)
    assert "Nama operasi : Operasi Pekat Musi" in text
    assert "Nihil." in text
