"""The weekly review PDF: the hand-built week's figures in the extracted text, no citizen names
or NIKs, byte-identical renders, qpdf --check, F4, an empty week, the audit fingerprint."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.pdf.base import PAPER_SIZES
from app.store import Store
from app.weekly.figures import compute_weekly, station_week
from app.weekly.pdf import EMPTY_WEEK, render_weekly_pdf
from tests.test_weekly_figures import (
    NIKS,
    OTHER_NAMES,
    REPORTER,
    Clock,
    Scenario,
    build_scenario,
    wib,
)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return build_scenario(tmp_path_factory.mktemp("anev") / "anev.db")


def render(store: Store, label: str = "2024-W07", paper: str | None = None) -> bytes:
    buffer = io.BytesIO()
    render_weekly_pdf(compute_weekly(store, station_week(store.profile(), label)), buffer,
                      paper=paper)
    return buffer.getvalue()


def text_of(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture(scope="module")
def pdf(scenario: Scenario) -> bytes:
    return render(scenario.store)


def test_figures_in_the_text(pdf: bytes) -> None:
    text = text_of(pdf)
    expected = [
        "DAERAH SUMATERA SELATAN", "RESOR OGAN KOMERING ILIR", "SEKTOR PEDAMARAN",
        "ANALISA DAN EVALUASI (ANEV) MINGGUAN", "MINGGU KE-3 BULAN FEBRUARI 2024",
        "Minggu ISO 2024-W07",
        "Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024",
        "Jumlah tindak pidana (CT) 5 3 +2 (+66,7%)",
        "Penyelesaian tindak pidana (CC) 3 0 +3 (baru)",
        "3C (curat, curas, curanmor) 2 2 0 (0,0%)",
        "Tingkat penyelesaian (CC/CT): 60,0%",
        "Laporan Polisi 5 3 +2 (+66,7%)", "Laporan Kehilangan 2 1 +1 (+100,0%)",
        "Pencurian biasa 2 0 +2 (baru) 1",
        "Median waktu laporan sampai tiba di TKP : 12 menit (minggu lalu 15 menit)",
        "Tiba dalam 10 menit : 1 dari 4 (25,0%)",
        "LP masih menunggu didatangi (akhir minggu) : 3",
        "Menang Raya 0 1 −1 (−100,0%)", "18.00–24.00 3 1 +2 (+200,0%)",
        "Jumlah patroli : 2 (minggu lalu 1)",
        "Jam patroli : 7 jam (minggu lalu 2 jam)",
        "3 desa: Cinta Jaya, Serinanti, Sukadamai", "18 orang (minggu lalu 4)",
        "Ambang Gangguan (AG) 1 0 +1 (baru)",
        "Pertemuan warga : 1 kali", "16 orang (minggu lalu 8)",
        "2, di antaranya 1 melewati batas waktu",
        "Petugas patroli memergoki pencurian kabel listrik di gardu Jl. Lintas Timur.",
        "Pencurian kendaraan bermotor (Curanmor) di pasar.",
        "Pedamaran, 19 Februari 2024", "KEPALA KEPOLISIAN SEKTOR PEDAMARAN",
        "INDRA GUNAWAN", "IPTU NRP 79051234", "Halaman 1 dari 4", "Halaman 4 dari 4",
        "SP2HP terkirim : 0 (minggu lalu 0)", "LP menurut tahap (akhir minggu)",
    ]
    missing = [e for e in expected if e not in text]
    assert not missing, missing
    # the sections come in the order of DOMAIN.md
    headings = ["I. RINGKASAN", "II. TINDAK PIDANA", "III. KECEPATAN RESPONS",
                "IV. TEMPAT DAN WAKTU", "V. PATROLI", "VI. KEGIATAN", "VII. KEJADIAN MENONJOL",
                "KEPALA KEPOLISIAN SEKTOR"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Curas" in text and "Perampasan tas" not in text  # the voided LP's line is absent


def test_no_citizen_names_or_niks(pdf: bytes) -> None:
    text = text_of(pdf)
    for name in (REPORTER, *OTHER_NAMES):
        for part in name.split():
            assert part not in text, part
    for nik in NIKS:
        assert nik not in text
    assert not re.search(r"\d{16}", text)
    assert b"Siti" not in pdf  # not hidden in metadata either


def test_byte_identical_renders(scenario: Scenario, pdf: bytes) -> None:
    assert render(scenario.store) == pdf


def test_footer_fingerprint_is_verifiable(scenario: Scenario, pdf: bytes) -> None:
    store = scenario.store
    printed = store.audit_fingerprint()[:16]
    assert f"Kode pemeriksaan keaslian: {printed}" in text_of(pdf)
    assert store.has_audit_hash(printed)


def test_qpdf_check(pdf: bytes, tmp_path: Path) -> None:
    qpdf = shutil.which("qpdf")
    if qpdf is None:
        pytest.skip("qpdf not installed (apt-get install -y qpdf)")
    path = tmp_path / "anev.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_fonts_are_embedded(pdf: bytes) -> None:
    reader = PdfReader(io.BytesIO(pdf))
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            obj = font.get_object()
            fonts.add(str(obj["/BaseFont"]))
            descriptor = obj.get("/FontDescriptor")
            if descriptor is not None:
                assert "/FontFile2" in descriptor.get_object()
    assert any("DejaVuSans" in f for f in fonts)


def test_f4_paper(scenario: Scenario) -> None:
    reader = PdfReader(io.BytesIO(render(scenario.store, paper="f4")))
    width, height = PAPER_SIZES["f4"]
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.01)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.01)


def test_empty_week(tmp_path: Path) -> None:
    with Store(tmp_path / "kosong.db", clock=Clock(wib(21, 10))) as store:
        data = render(store)
    text = text_of(data)
    assert EMPTY_WEEK in text
    assert "Tidak ada kejadian menonjol pada minggu ini." in text
    assert "Jumlah tindak pidana (CT) 0 0 0" in text
    assert "KEPALA KEPOLISIAN SEKTOR PEDAMARAN" in text
    assert "Halaman 1 dari" in text


def test_running_week_is_marked(scenario: Scenario) -> None:
    assert "angka sementara" in text_of(render(scenario.store, "2024-W08"))
