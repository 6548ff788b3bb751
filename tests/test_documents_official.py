"""Issue 17 items 1-6 on paper: the official letterhead (with and without an emblem), the
Laporan Polisi form (model A and B, PRO JUSTITIA, everything recorded), the STTLP (own number,
one page, terlapor/saksi/pasal/barang bukti), the SKTLK's settings, the patrol's basis, and no
document whose last page holds only its signatures. PDFs are real, read back with pypdf."""

from __future__ import annotations

import base64
import io
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.emblem import emblem_problem
from app.documents.printing import prepare
from app.documents.registry import KINDS, LP_FORM, SKTLK, STTLP, kind_named
from app.documents.render import Marks, prepare_citizen
from app.documents.sample import make_demo_store
from app.documents.signing import Signers
from app.domain.models import Officer, Party, Patrol, Visit
from app.pdf.base import letterhead_lines
from app.store import Store, VisitFilter
from tests.document_records import T0, Records, fill, page_count, text_of
from tests.factories import lp, patrol

LETTERHEAD = ("KEPOLISIAN NEGARA REPUBLIK INDONESIA DAERAH SUMATERA SELATAN RESOR OGAN "
              "KOMERING ILIR SEKTOR PEDAMARAN Jl. Lintas Timur, Pedamaran")


@pytest.fixture
def records(store: Store) -> Records:
    return fill(store)


def pdf_of(store: Store, kind_name: str, record: object) -> bytes:
    kind = kind_named(kind_name)
    assert kind is not None
    return prepare(store, kind, record).pdf()


def png_bytes(width: int = 60, height: int = 80) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


# ---------------------------------------------------------------- letterhead
def test_letterhead_spells_out_the_units_from_the_profile(store: Store) -> None:
    profile = store.profile()
    assert letterhead_lines(profile) == [
        "KEPOLISIAN NEGARA REPUBLIK INDONESIA", "DAERAH SUMATERA SELATAN",
        "RESOR OGAN KOMERING ILIR", "SEKTOR PEDAMARAN"]
    typed = replace(profile, polda="Polda Sumatera Selatan", polres="POLRES Ogan Komering Ilir",
                    name="polsek pedamaran")
    assert letterhead_lines(typed) == letterhead_lines(profile)


def test_emblem_present_and_absent(store: Store, records: Records) -> None:
    plain = pdf_of(store, "sttlp", records.sttlp)
    profile = store.profile()
    store.settings.save_station_profile(
        replace(profile, emblem=base64.b64encode(png_bytes()).decode()), None)
    with_emblem = pdf_of(store, "sttlp", records.sttlp)

    def images(pdf: bytes) -> int:
        page = PdfReader(io.BytesIO(pdf)).pages[0]
        return len(page.images)

    assert images(plain) == 0 and images(with_emblem) == 1
    for pdf in (plain, with_emblem):
        assert LETTERHEAD in text_of(pdf)
        assert page_count(pdf) == 1


def test_what_may_be_an_emblem() -> None:
    assert emblem_problem(png_bytes()) == ""
    assert "PNG atau JPEG" in emblem_problem(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    assert "rusak" in emblem_problem(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)
    assert "1 MB" in emblem_problem(b"\x89PNG\r\n\x1a\n" + b"\0" * (1024 * 1024 + 1))
    assert emblem_problem(b"") != ""


# ---------------------------------------------------------------- the LP form
def test_lp_form_model_b_carries_everything_recorded(store: Store, records: Records) -> None:
    officer = records.officer
    visit = store.visits.get(records.sttlp.id or 0)
    saksi = Party(role="saksi", name="Rahmat Hidayat", desa="Serinanti", occupation="Petani",
                  nationality="WNI")
    korban = Party(role="korban", name="Nur Aini", note="anak pelapor")
    changed = replace(visit, parties=(*visit.parties, saksi, korban), evidence="Kunci motor",
                      modus_operandi="merusak kunci setang", dispatched_officer_id=officer.id,
                      dispatched_at=visit.received_at + timedelta(minutes=5),
                      arrived_at=visit.received_at + timedelta(minutes=14),
                      law_articles=("477 KUHP", "363 KUHP (lama)"))
    store.visits.update(changed, officer.id)
    visit = store.visits.get(visit.id or 0)
    text = text_of(pdf_of(store, "lp", visit))
    for expected in (
        "PRO JUSTITIA", "LAPORAN POLISI MODEL B", LETTERHEAD, visit.number or "?",
        "I. YANG MELAPORKAN", "Siti Aminah", "1602075203900003", "Kewarganegaraan : WNI",
        "II. PERISTIWA YANG DILAPORKAN", "4. Siapa terlapor", "dua orang, motor matic hitam",
        "5. Siapa korban", "Nur Aini", "anak pelapor", "6. Bagaimana terjadi",
        "merusak kunci setang", "III. TINDAK PIDANA APA", "Pasal 477 KUHP",
        "Pasal 363 KUHP (lama)", "IV. NAMA DAN ALAMAT SAKSI-SAKSI", "Rahmat Hidayat",
        "V. BARANG BUKTI", "Kunci motor", "VI. URAIAN SINGKAT KEJADIAN",
        "Sepeda motor Honda Beat hitam hilang", "Honda Beat BG 1234 XY", "Rp15.000.000",
        "VII. TINDAKAN YANG DIAMBIL", "Petugas tiba di TKP", "ANDI SAPUTRA",
        "Pelapor,", "Yang menerima laporan,", "Mengetahui,",
        "a.n. KEPALA KEPOLISIAN SEKTOR PEDAMARAN KA SPKT I",
    ):
        assert expected in text, expected


def test_lp_form_model_a_is_the_officers_own_report(store: Store, records: Records) -> None:
    oid = records.officer.id
    made = store.visits.create(lp(T0 + timedelta(hours=8), oid, lp_model="A", parties=(
        Party(role="terlapor", name="Dedi", note="tertangkap tangan"),)), oid).record
    assert STTLP.refusal(made) is not None and LP_FORM.refusal(made) is None
    text = text_of(pdf_of(store, "lp", made))
    assert "LAPORAN POLISI MODEL A" in text and "PRO JUSTITIA" in text
    assert "Nama : ANDI SAPUTRA" in text and "Pangkat / NRP : BRIPKA / 85061234" in text
    assert "Dedi (tertangkap tangan)" in text and "Mengetahui," in text


def test_lp_form_names_a_reporter_who_is_the_victim(store: Store, records: Records) -> None:
    visit = store.visits.get(records.sttlp.id or 0)
    assert visit.reporter is not None
    parties = tuple(replace(p, note="pelapor sekaligus korban") if p is visit.reporter else p
                    for p in visit.parties if p.role != "korban")
    store.visits.update(replace(visit, parties=parties), records.officer.id)
    text = text_of(pdf_of(store, "lp", store.visits.get(visit.id or 0)))
    assert f"5. Siapa korban : {visit.reporter.name} (pelapor sendiri)" in text


# ---------------------------------------------------------------- STTLP
def test_sttlp_has_its_own_number_citing_the_lp(store: Store, records: Records) -> None:
    visit = store.visits.get(records.sttlp.id or 0)
    saksi = Party(role="saksi", name="Rahmat Hidayat", desa="Serinanti")
    store.visits.update(replace(visit, parties=(*visit.parties, saksi), evidence="Kunci motor"),
                        records.officer.id)
    visit = store.visits.get(visit.id or 0)
    pdf = pdf_of(store, "sttlp", visit)
    text = text_of(pdf)
    own = ("STTLP/B/1/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA "
           "SELATAN")
    assert f"Nomor: {own}" in text
    assert f"dicatat dalam Laporan Polisi Nomor: {visit.number} tanggal 12 Februari 2024" in text
    for expected in ("Kewarganegaraan : WNI", "Terlapor : tidak dikenal", "Rahmat Hidayat",
                     "Pasal yang dilaporkan : Pasal 477 KUHP", "Barang bukti : Kunci motor",
                     "Mengetahui,"):
        assert expected in text, expected
    assert page_count(pdf) == 1


def test_sttlp_signatures_stay_with_the_closing_paragraph(store: Store,
                                                          records: Records) -> None:
    visit = store.visits.get(records.sttlp.id or 0)
    long_story = "\n\n".join(f"Kejadian bagian {i}: " + "pelapor melihat dua orang " * 25
                             for i in range(5))
    store.visits.update(replace(visit, narrative=long_story), records.officer.id)
    pdf = pdf_of(store, "sttlp", store.visits.get(visit.id or 0))
    assert page_count(pdf) == 2
    last = " ".join(PdfReader(io.BytesIO(pdf)).pages[-1].extract_text().split())
    assert last.find("Laporan tersebut telah dicatat") < last.find("Pelapor,")
    assert "Laporan tersebut telah dicatat" in last


def test_a_foreign_reporter_and_chosen_signers(store: Store, records: Records) -> None:
    visit = store.visits.get(records.sttlp.id or 0)
    reporter = replace(visit.parties[0], nationality="Malaysia")
    store.visits.update(replace(visit, parties=(reporter, *visit.parties[1:])),
                        records.officer.id)
    visit = store.visits.get(visit.id or 0)
    member = store.master.save(Officer("RUDI HARTONO", "BRIPDA", "02030405",
                                       position="Anggota SPKT"), None).record
    render = prepare_citizen(store, visit, Marks(copy=False, check_code="",
                                                 signers=Signers(member, records.officer)))
    buffer = io.BytesIO()
    render(buffer)
    text = text_of(buffer.getvalue())
    assert "Kewarganegaraan : Malaysia" in text
    # the member signs without a.n.; the Ka SPKT countersigns for the Kapolsek
    assert "RUDI HARTONO" in text and "BRIPDA NRP 02030405" in text
    assert text.count("a.n. KEPALA KEPOLISIAN SEKTOR") == 1


# ---------------------------------------------------------------- SKTLK
def test_sktlk_settings(store: Store, records: Records) -> None:
    text = text_of(pdf_of(store, "sktlk", records.sktlk))
    assert "SURAT KETERANGAN TANDA LAPOR KEHILANGAN" in text
    assert "Berlaku 14 (empat belas) hari sejak 12 Februari 2024 sampai dengan 26 Februari 2024" in text
    assert "Pasal 220 KUHP" in text and "Kewarganegaraan : WNI" in text
    profile = store.profile()
    store.settings.save_station_profile(replace(
        profile, sktlk_valid_days=30, sktlk_title="Surat Tanda Penerimaan Laporan Kehilangan",
        sktlk_warning="Laporan palsu diancam pidana."), None)
    text = text_of(pdf_of(store, "sktlk", records.sktlk))
    assert "SURAT TANDA PENERIMAAN LAPORAN KEHILANGAN" in text
    assert "Berlaku 30 (tiga puluh) hari sejak 12 Februari 2024 sampai dengan 13 Maret 2024" in text
    assert "Laporan palsu diancam pidana." in text and "Pasal 220" not in text


# ---------------------------------------------------------------- patrols
def test_patrol_basis_is_kept_and_printed(store: Store, records: Records) -> None:
    oid = records.officer.id or 0
    basis = "Surat Perintah Kapolsek Pedamaran Nomor Sprin/12/II/2024"
    made = store.patrols.save(replace(patrol(T0 + timedelta(hours=20), oid), basis=basis),
                              oid).record
    assert store.patrols.get(made.id or 0).basis == basis
    late = replace(made.places[1], at=made.start_at + timedelta(hours=16))
    store.patrols.save(replace(made, places=(made.places[0], late),
                               end_at=made.start_at + timedelta(hours=17)), oid)
    text = text_of(pdf_of(store, "patroli", store.patrols.get(made.id or 0)))
    assert f"Dasar : {basis}" in text
    assert "14-02-2024" in text  # the next day's date over its time, whole
    assert isinstance(made, Patrol)


# ---------------------------------------------------------------- the demo's papers
@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_demo_store(tmp_path_factory.mktemp("demo"))


@pytest.mark.parametrize("emblem", [False, True], ids=["tanpa-lambang", "dengan-lambang"])
def test_typical_sttlp_of_the_demo_is_one_page(demo: Path, emblem: bool) -> None:
    with Store(demo) as store:
        profile = store.profile()
        if emblem:
            store.settings.save_station_profile(
                replace(profile, emblem=base64.b64encode(png_bytes(300, 340)).decode()), None)
        try:
            rows = store.visits.page(VisitFilter(service="lp", include_voided=False), limit=80)
            visits = [store.visits.get(r.id) for r in rows]
            b_model = [v for v in visits if v.lp_model == "B"][:25]
            assert len(b_model) >= 10
            pages = [page_count(prepare(store, STTLP, v).pdf()) for v in b_model]
        finally:
            store.settings.save_station_profile(profile, None)
    assert pages == [1] * len(pages)


SIGNATURE_START = ("Demikian", "Pedamaran, ", "Pelapor,", "Mengetahui,")


def body_before_signatures(pdf: bytes) -> str:
    """The text of the last page before its signature block (without the page footer)."""
    last = PdfReader(io.BytesIO(pdf)).pages[-1].extract_text()
    lines = [line for line in last.splitlines()
             if "Halaman" not in line and "Kode cek dokumen" not in line]
    text = "\n".join(lines)
    starts = [text.find(mark) for mark in SIGNATURE_START if mark in text]
    return text[:min(starts)].strip() if starts else text.strip()


@pytest.mark.parametrize("kind", [k for k in KINDS if k.name != "anev"], ids=lambda k: k.name)
def test_no_last_page_holds_only_signatures(demo: Path, kind: object) -> None:
    with Store(demo) as store:
        record = kind.sample(store)  # type: ignore[attr-defined]
        assert record is not None
        pdf = prepare(store, kind, record).pdf()  # type: ignore[arg-type]
    assert body_before_signatures(pdf), "the last page holds only the signatures"


def test_every_walk_in_document_of_the_demo_names_its_signers(demo: Path) -> None:
    with Store(demo) as store:
        for kind in (LP_FORM, STTLP, SKTLK):
            visit = kind.sample(store)
            assert isinstance(visit, Visit)
            text = text_of(prepare(store, kind, visit).pdf())
            assert "Mengetahui," in text and LETTERHEAD.split(" Jl.")[0] in text


def test_lp_forms_of_the_demo_never_end_with_signatures_alone(demo: Path) -> None:
    with Store(demo) as store:
        rows = store.visits.page(VisitFilter(service="lp", include_voided=False), limit=200)
        visits = [store.visits.get(r.id) for r in rows]
        chosen = ([v for v in visits if v.lp_model == "A"][:6]
                  + [v for v in visits if v.lp_model == "B"][:6])
        assert len(chosen) >= 8
        for visit in chosen:
            pdf = prepare(store, LP_FORM, visit).pdf()
            assert body_before_signatures(pdf), visit.number
            if visit.source_patrol_uuid:
                assert "Dari patroli" in text_of(pdf)


def test_no_word_or_date_is_broken_inside_a_meeting_cell(store: Store, records: Records) -> None:
    from app.pdf.meeting_record import render_meeting_record

    meeting = records.notulen
    issue = replace(meeting.issues[0], desa="Pedamaran VI", status="diteruskan")
    buffer = io.BytesIO()
    render_meeting_record(replace(meeting, issues=(issue, issue)), profile=store.profile(),
                          officers=store.master.officers_by_id(), out=buffer)
    text = text_of(buffer.getvalue())
    for whole in ("Pedamaran VI", "Diteruskan", "20-02-2024"):
        assert whole in text, whole


def test_no_word_or_date_is_broken_inside_a_patrol_cell(store: Store, records: Records) -> None:
    from app.domain.models import PatrolPlace
    from app.pdf.patrol_report import render_patrol_report

    made = records.patroli
    places = (PatrolPlace("Pedamaran VI", "Pasar", made.start_at, "ag", "Himbauan", 3,
                          "Keterangan singkat"),
              PatrolPlace("Burnai Timur", "Simpang", made.start_at + timedelta(hours=20), "gn"))
    buffer = io.BytesIO()
    render_patrol_report(replace(made, places=places, end_at=made.start_at + timedelta(hours=21)),
                         profile=store.profile(), officers=store.master.officers_by_id(),
                         out=buffer)
    text = text_of(buffer.getvalue())
    for whole in ("No. Pukul Desa Tempat Situasi Himbauan Warga Keterangan", "Pedamaran VI",
                  "Burnai Timur", "13-02-2024"):
        assert whole in text, whole
