"""`piket print`, `piket check-doc` and `piket documents` (issue 17 items 9-11), run through
main() on real stores; the PDFs are read back with pypdf (and their QR codes with zbarimg).
The commands sign in as a petugas SPKT (tests/cli_support.py), a role that may print."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main
from app.documents.registry import KINDS
from tests.cli_support import PETUGAS, make_store, open_store, sign_in_as
from tests.conftest import MutableClock
from tests.document_records import Records, fill, page_count, read_qr, text_of


@pytest.fixture
def db(tmp_path: Path, clock: MutableClock) -> Iterator[tuple[Path, Records]]:
    path = tmp_path / "piket.db"
    with make_store(path, clock=clock) as store:
        records = fill(store)
    yield path, records


@pytest.fixture(autouse=True)
def _as_a_petugas(monkeypatch: pytest.MonkeyPatch) -> None:
    sign_in_as(monkeypatch, PETUGAS)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def record_arg(records: Records, name: str) -> str:
    if name == "anev":
        return "2024-W07"
    if name == "mutasi":
        return "2024-02-12"
    record = records.of(name)
    if name == "sp2hp":
        return str(records.sp2hp_lp.number)  # the LP's number: its current stage's letter
    if name == "ekspedisi":
        return str(record.label)
    if name.startswith("st") or name in ("sktlk", "pengantar", "lp"):
        return str(record.number)
    return str(record.id)


def prints_of(path: Path, record_uuid: str) -> list[dict[str, object]]:
    """The print entries of a record's audit trail: kind and what they noted."""
    with open_store(path) as store:
        return [{"kind": e.kind, **json.loads(e.after or "{}")}
                for e in store.history(record_uuid) if e.action == "print"]


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_print_every_kind(kind: object, db: tuple[Path, Records], tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    name = kind.name  # type: ignore[attr-defined]
    out = tmp_path / f"{name}.pdf"
    code, stdout, err = run(capsys, "print", "--db", str(path), "--record",
                            record_arg(records, name), "--doc", name, "--out", str(out))
    assert (code, err) == (0, "")
    assert stdout.startswith(f"{kind.title} nomor ")  # type: ignore[attr-defined]
    check = stdout.split("Kode cek dokumen: ")[1].strip()
    text = text_of(out)
    assert f"Kode cek dokumen: {check}" in text and "SEKTOR PEDAMARAN" in text
    assert "SALINAN" not in text
    assert read_qr(out, tmp_path) == [check]
    if name not in ("anev", "ekspedisi", "mutasi"):  # a week, a range of days, a shift
        record = records.of(name)
        if hasattr(record, "number"):
            assert record.number in text
        assert prints_of(path, record.meta.uuid)[-1]["kind"] == {
            "patroli": "patrol", "notulen": "meeting",
            "pengantar": "surat_pengantar", "sp2hp": "sp2hp"}.get(name, "visit")
    assert run(capsys, "check-doc", "--db", str(path), check)[0] == 0


def test_print_of_a_citizen_document_is_logged_as_the_window_logs_a_file(
        db: tuple[Path, Records], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    out = tmp_path / "sttlp.pdf"
    assert run(capsys, "print", "--db", str(path), "--record", records.sttlp.number.lower(),
               "--doc", "STTLP", "--out", str(out), "--officer", PETUGAS.nrp)[0] == 0
    with open_store(path) as store:
        entry = [e for e in store.history(records.sttlp.meta.uuid) if e.action == "print"][-1]
        rudi = store.master.officers_by_nrp()[PETUGAS.nrp]
    assert entry.officer_id == rudi.id
    assert json.loads(entry.after or "{}") == {"document": "STTLP", "output": "pdf"}
    text = text_of(out)
    assert "Siti Aminah" in text and "Sepeda motor Honda Beat hitam hilang" in text


def test_a_reprint_is_salinan_once_the_original_was_on_paper(
        db: tuple[Path, Records], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    args = ("print", "--db", str(path), "--record", records.sktlk.number, "--doc", "sktlk")
    run(capsys, *args, "--out", str(tmp_path / "1.pdf"))
    run(capsys, *args, "--out", str(tmp_path / "2.pdf"))
    assert "SALINAN" not in text_of(tmp_path / "2.pdf")  # files use no original up
    with open_store(path) as store:  # the window printed the original on paper
        store.visits.record_print(records.sktlk.id, None, "SKTLK", output="kertas")
    code, stdout, _ = run(capsys, *args, "--out", str(tmp_path / "3.pdf"))
    assert code == 0 and "bertanda SALINAN" in stdout
    assert "SALINAN" in text_of(tmp_path / "3.pdf")


def test_the_check_code_reference_names_a_record_too(
        db: tuple[Path, Records], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = db
    code, stdout, _ = run(capsys, "print", "--db", str(path), "--record", "b1.2024", "--doc",
                          "sttlp", "--out", str(tmp_path / "x.pdf"))
    assert code == 0 and "LP/B/1/II/2024" in stdout


@pytest.mark.parametrize(("record", "doc", "message"), [
    ("LP/B/99/II/2024", "sttlp", "tidak ada laporan dengan nomor 'LP/B/99/II/2024'"),
    ("SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN", "sttlp",
     "STTLP tidak dapat dicetak untuk laporan SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN: Dokumen "
     "ini hanya untuk laporan polisi; catatan ini laporan kehilangan."),
    ("77", "patroli", "tidak ada patroli dengan nomor '77'"),
    ("dua", "notulen", "tidak ada pertemuan warga dengan nomor 'dua'"),
    ("2024-W99", "anev", "tidak ada minggu dengan nomor '2024-W99'"),
    ("1", "surat", "jenis dokumen 'surat' tidak dikenal; pilih salah satu: lp, sttlp, sktlk"),
])
def test_errors_are_indonesian(record: str, doc: str, message: str, db: tuple[Path, Records],
                               tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = db
    out = tmp_path / "x.pdf"
    code, stdout, err = run(capsys, "print", "--db", str(path), "--record", record, "--doc", doc,
                            "--out", str(out))
    assert code == 1 and stdout == ""
    assert err.startswith("Kesalahan: ") and message in err
    assert not out.exists()


def test_a_voided_walk_in_prints_nothing(db: tuple[Path, Records], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    with open_store(path) as store:
        store.visits.void(records.stpp.id, "Ganda", None)
    code, _, err = run(capsys, "print", "--db", str(path), "--record", records.stpp.number,
                       "--doc", "stpp", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "sudah dibatalkan; dokumennya tidak dapat dicetak lagi" in err


def test_never_over_the_store_nor_into_a_missing_store(
        db: tuple[Path, Records], tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    before = path.read_bytes()
    code, _, err = run(capsys, "print", "--db", str(path), "--record", records.sttlp.number,
                       "--doc", "sttlp", "--out", str(path))
    assert code == 1 and path.read_bytes() == before
    code, _, err = run(capsys, "print", "--db", str(tmp_path / "none.db"), "--record", "1",
                       "--doc", "patroli", "--out", str(tmp_path / "x.pdf"))
    assert code == 1 and "basis data tidak ditemukan" in err
    assert not (tmp_path / "none.db").exists()


def test_check_doc(db: tuple[Path, Records], tmp_path: Path,
                   capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    _, stdout, _ = run(capsys, "print", "--db", str(path), "--record", str(records.notulen.id),
                       "--doc", "notulen", "--out", str(tmp_path / "n.pdf"))
    check = stdout.split("Kode cek dokumen: ")[1].strip()

    code, stdout, err = run(capsys, "check-doc", "--db", str(path), *check.split("-"))
    assert (code, err) == (0, "")
    assert stdout.splitlines() == [
        "ASLI: dokumen ini cocok dengan catatan di basis data.",
        "  Jenis   : Notulen Pertemuan Warga (NOTULEN)",
        f"  Nomor   : {records.notulen.id}",
        "  Tanggal : 13 Februari 2024"]

    altered = check[:-1] + ("0" if check[-1] != "0" else "1")
    code, stdout, _ = run(capsys, "check-doc", "--db", str(path), altered)
    assert code == 1 and stdout.startswith("TIDAK COCOK: dokumen ini tidak cocok")

    with open_store(path) as store:
        store.meetings.void(records.notulen.id, "Batal", None)
    code, stdout, _ = run(capsys, "check-doc", "--db", str(path), check)
    assert code == 1 and stdout.startswith("DIBATALKAN: ")
    assert f"  Nomor   : {records.notulen.id}" in stdout.splitlines()


def test_documents_lists_the_kinds(capsys: pytest.CaptureFixture[str]) -> None:
    code, stdout, _ = run(capsys, "documents")
    assert code == 0
    for kind in KINDS:
        assert f"  {kind.name:<9} {kind.title}" in stdout


def test_sample_sheet_from_a_demo_store_of_its_own(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "contoh"
    code, stdout, err = run(capsys, "documents", "--sample", "--out", str(out))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{k.name}.pdf" for k in KINDS)
    for kind in KINDS:
        pdf = out / f"{kind.name}.pdf"
        text = text_of(pdf)
        assert "SEKTOR PEDAMARAN" in text and f"Kode cek dokumen: {kind.short}-" in text
        assert page_count(pdf) >= 1
        assert f"  {kind.title}" in stdout and f"{kind.name}.pdf" in stdout
    assert not list(tmp_path.glob("**/contoh.db"))  # the demo store was in a temp folder


def test_sample_sheet_from_a_given_store(db: tuple[Path, Records], tmp_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    path, records = db
    out = tmp_path / "contoh"
    code, stdout, _ = run(capsys, "documents", "--db", str(path), "--sample", "--out", str(out))
    # the fixture's store has every record, but its clock's last week (2024-W06) has no LP;
    # the review prints all the same
    assert code == 0, stdout
    assert (out / "sttlp.pdf").exists() and records.sttlp.number in stdout
    assert prints_of(path, records.sttlp.meta.uuid)  # logged like any print


def test_sample_sheet_says_what_it_could_not_show(tmp_path: Path, clock: MutableClock,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.db"
    make_store(path, clock=clock).close()
    code, stdout, _ = run(capsys, "documents", "--db", str(path), "--sample", "--out",
                          str(tmp_path / "out"))
    assert code == 1
    assert "Surat Tanda Terima Laporan Polisi" in stdout
    assert "(tidak ada catatan yang cocok untuk contoh)" in stdout
    assert (tmp_path / "out" / "anev.pdf").exists()  # a week always exists


def test_piket_print_names_who_signs(db: tuple[Path, Records], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    from app.domain.models import Officer

    path, records = db
    with open_store(path) as store:
        store.master.save(Officer("HADI WIJAYA", "AIPDA", "82010203", position="Ka SPKT II"),
                          None)
    out = tmp_path / "lp.pdf"
    code, _, err = run(capsys, "print", "--db", str(path), "--record", records.sttlp.number or "",
                       "--doc", "lp", "--out", str(out), "--mengetahui", "82010203")
    assert (code, err) == (0, "")
    text = text_of(out)
    assert "PRO JUSTITIA" in text and "HADI WIJAYA" in text and "ANDI SAPUTRA" in text
    code, _, err = run(capsys, "print", "--db", str(path), "--record", "1", "--doc", "patroli",
                       "--out", str(tmp_path / "p.pdf"), "--penerima", "82010203")
    assert code != 0 and "hanya untuk dokumen laporan" in err
    code, _, err = run(capsys, "print", "--db", str(path), "--record", records.sttlp.number or "",
                       "--doc", "sttlp", "--out", str(tmp_path / "s.pdf"), "--penerima", "999")
    assert code != 0 and "NRP 999 tidak ada" in err
