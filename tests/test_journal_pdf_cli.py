"""The buku mutasi PDF and `piket journal` (issue 19 item 4): the page's text parsed, the
handover sheet with both signatures, a correction shown beside the original, errors in
Indonesian with exit code 1. An encrypted store; the command signs in as the desk officer."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.store import confirm_password
from app.store.duty.models import InventoryCount
from tests import factories
from tests.cli_support import ADMIN, PASSWORD, PETUGAS, make_store, open_store, sign_in_as
from tests.conftest import MutableClock
from tests.test_journal_store import DAY, utc


@pytest.fixture(autouse=True)
def _as_the_desk(monkeypatch: pytest.MonkeyPatch) -> None:
    sign_in_as(monkeypatch, PETUGAS)


@pytest.fixture
def db(tmp_path: Path, clock: MutableClock) -> Path:
    path = tmp_path / "mutasi.db"
    with make_store(path, clock=clock) as store:
        roster = store.master.officers_by_nrp()
        desk, relief = roster[ADMIN.nrp], roster[PETUGAS.nrp]
        assert desk.id is not None and relief.id is not None
        clock.when = utc(14, 2)
        store.visits.create(factories.lp(utc(14, 2), desk.id), desk.id)
        clock.when = utc(14, 17, 30)
        store.visits.create(factories.kehilangan(utc(14, 17, 30), desk.id), desk.id)
        first = store.duty.add_entry("tamu_dinas", "Kunjungan Kasat Samapta", utc(14, 17, 30),
                                     desk.id, desk.id).record
        store.duty.correct(first.uuid, "Kunjungan Wakapolres, bukan Kasat Samapta", desk.id)
        clock.when = utc(15, 1, 15)
        confirm_password(store, PETUGAS.nrp, PASSWORD)  # the incoming officer signs
        store.duty.hand_over(store.duty.shift_on(DAY), outgoing_officer_id=desk.id,
                             incoming_officer_id=relief.id,
                             summary="Situasi kamtibmas aman terkendali.",
                             incoming_notes="HT nomor 3 baterai lemah.",
                             items=(InventoryCount("tahanan", 1, "Tersangka curanmor"),
                                    InventoryCount("ht", 4, "HT 1-4")), by=desk.id)
    return path


def _text(path: Path) -> str:
    """The text of every page, its line breaks (where the table cells wrap) as spaces."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def test_piket_journal_prints_the_day_and_the_handover(db: Path, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]
                                                       ) -> None:
    out = tmp_path / "mutasi.pdf"
    assert main(["journal", "--db", str(db), "--date", "2024-02-14", "--out", str(out)]) == 0
    assert "sudah diserahterimakan" in capsys.readouterr().out
    text = _text(out)
    for expected in ("BUKU MUTASI PIKET SPKT", "Rabu, 14 Februari 2024 pukul 08.00",
                     "Kamis, 15 Februari 2024 pukul 08.00", "LP/B/1/II/2024",
                     "Kunjungan Kasat Samapta", "dikoreksi",
                     "Kunjungan Wakapolres, bukan Kasat Samapta", "Kehilangan",
                     "Serah Terima Dinas", "Situasi kamtibmas aman terkendali.",
                     "HT nomor 3 baterai lemah.", "Tersangka curanmor", "Radio (HT)",
                     "LP menunggu petugas ke TKP", "Yang menyerahkan,", "Yang menerima,",
                     "ANDI SAPUTRA", "RUDI HARTONO", "tepat waktu", "MUTASI"):
        assert expected in text, expected
    assert "Siti Aminah" not in text  # citizens are not named in the journal
    assert text.index("08.00") < text.index("00.30")  # after midnight, later in the book
    second = tmp_path / "again.pdf"
    assert main(["journal", "--db", str(db), "--date", "2024-02-14", "--out", str(second)]) == 0
    assert second.read_bytes() == out.read_bytes()


def test_a_shift_not_handed_over_leaves_the_signatures_blank(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "belum.pdf"
    assert main(["journal", "--db", str(db), "--date", "2024-02-15", "--out", str(out)]) == 0
    text = _text(out)
    assert "Belum diserahterimakan." in text and "Nihil" in text


def test_record_print_names_the_officer(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "dicatat.pdf"
    assert main(["journal", "--db", str(db), "--date", "2024-02-14", "--out", str(out),
                 "--record-print"]) == 0
    with open_store(db) as store:
        row = store.db.execute("SELECT officer_id, kind, after FROM audit_log "
                               "WHERE action = 'print' ORDER BY id DESC LIMIT 1").fetchone()
        assert row[0] == store.master.officers_by_nrp()[PETUGAS.nrp].id
        assert row[1] == "mutasi" and "MUTASI 2024-02-14" in row[2]


def test_a_wrong_password_reads_nothing(db: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, PETUGAS, "salah-sandi1")
    out = tmp_path / "x.pdf"
    assert main(["journal", "--db", str(db), "--date", "2024-02-14", "--out", str(out)]) == 1
    assert "NRP atau kata sandi salah" in capsys.readouterr().err and not out.exists()


def test_errors_are_indonesian(db: Path, tmp_path: Path,
                               capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "--db", str(db), "--date", "14-02-2024",
                 "--out", str(tmp_path / "x.pdf")]) == 1
    assert "tanggal tidak sah" in capsys.readouterr().err
    assert main(["journal", "--db", str(tmp_path / "tidak-ada.db"), "--date", "2024-02-14"]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err


def test_a_long_journal_starts_on_the_first_page(tmp_path: Path, clock: MutableClock) -> None:
    from pypdf import PdfReader as Reader

    from app.domain.models import Officer
    from app.journal.pdf import render_journal_pdf
    from app.store import Store

    with Store(tmp_path / "panjang.db", clock=clock) as store:
        desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        clock.when = utc(15, 0, 30)
        for minute in range(0, 60 * 22, 30):
            at = utc(14, 1) + timedelta(minutes=minute + 5)
            store.duty.add_entry("situasi", f"Situasi aman, catatan ke-{minute // 30 + 1}", at,
                                 desk.id, desk.id)
        out = tmp_path / "panjang.pdf"
        render_journal_pdf(store.duty.journal(store.duty.shift_on(DAY)),
                           profile=store.profile(), officers={desk.id: desk}, out=out)
    pages = [page.extract_text() for page in Reader(out).pages]
    assert len(pages) >= 2
    assert "catatan ke-1" in pages[0] and "Uraian" in pages[0]
