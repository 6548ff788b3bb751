"""Citizen documents: STTLP, SKTLK, complaint receipts, checked through their extracted text."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.domain.models import Loss, LostItem, Officer, Party, StationProfile, Visit
from app.pdf.base import PAPER_SIZES, build_pdf, letterhead, page_size
from app.pdf.receipts import (
    NoDocumentForService,
    VisitNotNumbered,
    has_citizen_document,
    render_citizen_document,
)

PROFILE = StationProfile()
OFFICER = Officer(name="Ahmad Fauzi", rank="BRIPKA", nrp="85061234", position="Ka SPKT I")
LP_NUMBER = "LP/B/7/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN"
REPORTER = Party(
    role="pelapor",
    name="Siti Aminah",
    nik="1602014507850003",
    sex="P",
    birth_place="Pedamaran",
    birth_date=date(1985, 7, 5),
    occupation="Petani",
    religion="Islam",
    phone="+6281234567890",
    street="Jl. Lintas Timur No. 12",
    rt_rw="003/001",
    desa="Pedamaran I",
    kecamatan="Pedamaran",
    kabupaten="Ogan Komering Ilir",
)
# 07.05 UTC is 14.05 WIB on Monday 12 February 2024
RECEIVED = datetime(2024, 2, 12, 7, 5, tzinfo=UTC)


def lp_visit(**changes: object) -> Visit:
    fields: dict[str, object] = dict(
        service="lp",
        lp_model="B",
        received_at=RECEIVED,
        number=LP_NUMBER,
        parties=(REPORTER, Party(role="terlapor", unknown=True)),
        occurred_at=datetime(2024, 2, 11, 15, 0, tzinfo=UTC),
        incident_desa="Menang Raya",
        place_type="rumah",
        place_detail="halaman rumah",
        category="curanmor",
        narrative="Sepeda motor Honda Beat BG 1234 XY diparkir di halaman dan hilang.",
        losses=(Loss("Sepeda motor Honda Beat", 12_500_000), Loss("Helm", 350_000)),
    )
    fields.update(changes)
    return Visit(**fields)  # type: ignore[arg-type]


def sktlk_visit(**changes: object) -> Visit:
    fields: dict[str, object] = dict(
        service="kehilangan",
        received_at=RECEIVED,
        number="SKTLK/12/II/2024/SPKT/POLSEK PEDAMARAN",
        parties=(REPORTER,),
        occurred_at=datetime(2024, 2, 10, 3, 0, tzinfo=UTC),
        incident_desa="Serinanti",
        place_detail="Pasar Pedamaran",
        lost_items=(
            LostItem("KTP", "1602014507850003", "KTP elektronik"),
            LostItem("STNK", "0123456", "STNK sepeda motor BG 1234 XY"),
            LostItem("ATM", "", "Kartu ATM BRI"),
        ),
    )
    fields.update(changes)
    return Visit(**fields)  # type: ignore[arg-type]


def complaint_visit(service: str = "pengaduan", **changes: object) -> Visit:
    pengadu = Party(role="pengadu", name="Budi Santoso", nik="1602010101800001", sex="L")
    fields: dict[str, object] = dict(
        service=service,
        received_at=RECEIVED,
        number="STPP/3/II/2024/SPKT/POLSEK PEDAMARAN"
        if service == "pengaduan"
        else "STPD/1/II/2024/SPKT/POLSEK PEDAMARAN",
        parties=(pengadu, Party(role="teradu", name="Joko Susilo")),
        complaint_subject="Sengketa batas kebun karet",
        narrative="Patok batas kebun dipindahkan tanpa musyawarah.",
    )
    fields.update(changes)
    return Visit(**fields)  # type: ignore[arg-type]


def render(
    visit: Visit,
    tmp_path: Path,
    *,
    copy: bool = False,
    profile: StationProfile = PROFILE,
    name: str = "doc.pdf",
    **kwargs: str,
) -> PdfReader:
    path = tmp_path / name
    render_citizen_document(visit, profile=profile, officer=OFFICER, copy=copy, out=path, **kwargs)
    return PdfReader(path)


def text_of(reader: PdfReader) -> str:
    """All pages' text with runs of whitespace (line breaks, no-break spaces) made one space."""
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_sttlp(tmp_path: Path) -> None:
    reader = render(
        lp_visit(), tmp_path, category_label="Pencurian kendaraan bermotor (Curanmor)", place_label="Rumah"
    )
    text = text_of(reader)
    assert len(reader.pages) == 1
    assert "SURAT TANDA TERIMA LAPORAN POLISI" in text
    assert LP_NUMBER in text
    assert "Siti Aminah" in text and "1602014507850003" in text
    assert "Perempuan" in text and "Pedamaran, 5 Juli 1985" in text and "Islam" in text
    assert "Senin, 12 Februari 2024 pukul 14.05 WIB" in text
    assert "Minggu, 11 Februari 2024 pukul 22.00 WIB" in text
    assert "Pencurian kendaraan bermotor (Curanmor)" in text
    assert "Rp12.500.000" in text and "Rp350.000" in text and "Rp12.850.000" in text
    assert "Pedamaran, 12 Februari 2024" in text
    assert "AHMAD FAUZI" in text and "BRIPKA NRP 85061234" in text
    assert "POLDA SUMATERA SELATAN" in text and "POLSEK PEDAMARAN" in text
    assert "Halaman 1 dari 1" in text
    assert "SALINAN" not in text


def test_sttlp_without_religion_or_losses(tmp_path: Path) -> None:
    reporter = Party(role="pelapor", name="Rahmat", sex="L")
    text = text_of(render(lp_visit(parties=(reporter,), losses=()), tmp_path))
    assert "Agama" not in text
    assert "Rahmat" in text and "Rp" not in text


def test_sktlk(tmp_path: Path) -> None:
    text = text_of(render(sktlk_visit(), tmp_path))
    assert "SURAT KETERANGAN TANDA LAPOR KEHILANGAN" in text
    assert "SKTLK/12/II/2024/SPKT/POLSEK PEDAMARAN" in text
    assert "Siti Aminah" in text
    for item in ("KTP", "KTP elektronik", "STNK", "0123456", "STNK sepeda motor BG 1234 XY", "Kartu ATM BRI"):
        assert item in text
    assert "Senin, 12 Februari 2024 pukul 14.05 WIB" in text
    assert "Sabtu, 10 Februari 2024 pukul 10.00 WIB" in text
    assert "Berlaku 14 (empat belas) hari sejak 12 Februari 2024 sampai dengan 26 Februari 2024" in text
    assert "bukan merupakan pengganti" in text
    assert "Halaman 1 dari 1" in text
    assert "SALINAN" not in text


def test_sktlk_validity_follows_station_day_not_utc(tmp_path: Path) -> None:
    # 20.30 UTC on 29 Feb is 03.30 WIB on 1 March (2024 is a leap year)
    late = datetime(2024, 2, 29, 20, 30, tzinfo=UTC)
    text = text_of(render(sktlk_visit(received_at=late), tmp_path))
    assert "sejak 1 Maret 2024 sampai dengan 15 Maret 2024" in text


def test_pengaduan_and_dumas(tmp_path: Path) -> None:
    text = text_of(render(complaint_visit("pengaduan"), tmp_path, name="p.pdf"))
    assert "SURAT TANDA PENERIMAAN PENGADUAN" in text
    assert "STPP/3/II/2024/SPKT/POLSEK PEDAMARAN" in text
    assert "Budi Santoso" in text and "Joko Susilo" in text
    assert "Sengketa batas kebun karet" in text
    assert "Patok batas kebun dipindahkan" in text
    assert "Senin, 12 Februari 2024 pukul 14.05 WIB" in text
    assert "Halaman 1 dari 1" in text

    text = text_of(render(complaint_visit("dumas"), tmp_path, name="d.pdf"))
    assert "SURAT TANDA PENERIMAAN PENGADUAN MASYARAKAT (DUMAS)" in text
    assert "STPD/1/II/2024/SPKT/POLSEK PEDAMARAN" in text
    assert "Kepala Kepolisian Sektor Pedamaran" in text


@pytest.mark.parametrize("make", [lp_visit, sktlk_visit, complaint_visit])
def test_copy_is_marked_salinan(tmp_path: Path, make: object) -> None:
    visit = make()  # type: ignore[operator]
    original = text_of(render(visit, tmp_path, name="o.pdf"))
    copy = text_of(render(visit, tmp_path, copy=True, name="c.pdf"))
    assert "SALINAN" not in original
    assert "SALINAN" in copy


def test_other_services_have_no_document(tmp_path: Path) -> None:
    for service in ("informasi", "lainnya"):
        visit = Visit(service=service, received_at=RECEIVED, number="X/1")
        assert not has_citizen_document(visit)
        with pytest.raises(NoDocumentForService) as info:
            render_citizen_document(visit, profile=PROFILE, officer=None, copy=False, out=tmp_path / "x.pdf")
        assert info.value.service == service
    model_a = lp_visit(lp_model="A")
    with pytest.raises(NoDocumentForService):
        render_citizen_document(model_a, profile=PROFILE, officer=None, copy=False, out=tmp_path / "a.pdf")
    assert not (tmp_path / "x.pdf").exists()
    assert issubclass(NoDocumentForService, ValueError)


def test_unnumbered_visit_is_refused(tmp_path: Path) -> None:
    with pytest.raises(VisitNotNumbered):
        render_citizen_document(
            lp_visit(number=None), profile=PROFILE, officer=OFFICER, copy=False, out=tmp_path / "n.pdf"
        )


def test_without_officer_leaves_room_to_sign(tmp_path: Path) -> None:
    path = tmp_path / "n.pdf"
    render_citizen_document(sktlk_visit(), profile=PROFILE, officer=None, copy=False, out=path)
    text = text_of(PdfReader(path))
    assert "Yang mengeluarkan" in text and "NRP ...." in text and "Mengetahui" in text


def test_f4_paper(tmp_path: Path) -> None:
    reader = render(lp_visit(), tmp_path, profile=StationProfile(paper="f4"))
    box = reader.pages[0].mediabox
    assert float(box.width) == pytest.approx(609.45, abs=0.1)
    assert float(box.height) == pytest.approx(935.43, abs=0.1)
    assert page_size("F4") == PAPER_SIZES["f4"]


def test_a4_paper(tmp_path: Path) -> None:
    box = render(lp_visit(), tmp_path).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_unknown_paper_is_refused() -> None:
    with pytest.raises(ValueError):
        page_size("letter")


def test_byte_identical_output(tmp_path: Path) -> None:
    for make in (lp_visit, sktlk_visit, complaint_visit):
        first, second = io.BytesIO(), io.BytesIO()
        for out in (first, second):
            render_citizen_document(make(), profile=PROFILE, officer=OFFICER, copy=True, out=out)
        assert first.getvalue() == second.getvalue()
        assert first.getvalue().startswith(b"%PDF-")


def test_long_narrative_flows_over_pages(tmp_path: Path) -> None:
    words = [f"kata{i}" for i in range(3000)]
    narrative = ""
    for start in range(0, len(words), 150):  # paragraphs of 150 words
        narrative += " ".join(words[start : start + 150]) + "\n\n"
    reader = render(lp_visit(narrative=narrative), tmp_path)
    assert len(reader.pages) >= 2
    text = text_of(reader)
    found = set(text.split())
    missing = [w for w in words if w not in found]
    assert missing == []
    total = len(reader.pages)
    for n in range(1, total + 1):
        assert f"Halaman {n} dari {total}" in text
    # the signatures come after the narrative, on the last page
    assert "AHMAD FAUZI" in " ".join(reader.pages[-1].extract_text().split())


def test_one_long_paragraph_and_long_word(tmp_path: Path) -> None:
    narrative = " ".join(f"w{i}" for i in range(2500)) + " " + "x" * 300
    reader = render(lp_visit(narrative=narrative), tmp_path)
    assert len(reader.pages) >= 2
    assert "w2499" in text_of(reader)


def test_user_text_is_escaped(tmp_path: Path) -> None:
    visit = lp_visit(
        narrative="A & B <b>tidak tebal</b> > C", parties=(Party(role="pelapor", name="O'Neil <Tom> & Co"),)
    )
    text = text_of(render(visit, tmp_path))
    assert "A & B <b>tidak tebal</b> > C" in text
    assert "O'Neil <Tom> & Co" in text


def test_names_outside_latin_1_print(tmp_path: Path) -> None:
    visit = lp_visit(parties=(Party(role="pelapor", name="Nguyễn Thị Ánh – Ğ"),))
    assert "Nguyễn Thị Ánh – Ğ" in text_of(render(visit, tmp_path))


def test_build_pdf_footer_note_and_letterhead(tmp_path: Path) -> None:
    path = tmp_path / "b.pdf"
    build_pdf(path, letterhead(PROFILE), paper="a4", title="Uji", footer_note="Sidik jari: 0123abcd")
    text = text_of(PdfReader(path))
    assert ("KEPOLISIAN NEGARA REPUBLIK INDONESIA DAERAH SUMATERA SELATAN RESOR OGAN KOMERING "
            "ILIR SEKTOR PEDAMARAN Jl. Lintas Timur, Pedamaran") in text
    assert "Sidik jari: 0123abcd" in text
    assert "Halaman 1 dari 1" in text
    assert PdfReader(path).metadata.title == "Uji"  # type: ignore[union-attr]


def test_station_time_zone_and_missing_reporter(tmp_path: Path) -> None:
    wita = StationProfile(name="SANGATTA", kecamatan="Sangatta", timezone="Asia/Makassar")
    reader = render(lp_visit(parties=()), tmp_path, profile=wita)
    text = text_of(reader)
    assert "Senin, 12 Februari 2024 pukul 15.05 WITA" in text
    assert "Sangatta, 12 Februari 2024" in text
    assert "SEKTOR SANGATTA" in text
