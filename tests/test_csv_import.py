"""CSV import of walk-in records: good files, every kind of bad row, all or nothing, numbers,
delimiters and BOM, and the bulk write being the same as one `create` per record."""

from __future__ import annotations

import csv
import io
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.csvio import CsvFileError, import_reports
from app.csvio.report_rows import COLUMNS, RowReader
from app.csvio.reports_import import ImportTuning
from app.domain.models import Officer, Party, StatusChange, Visit
from app.store import Store, VisitFilter

LP = "LP/B/{n}/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN"
GOOD: dict[str, str] = {
    "received_at": "2024-02-10 09:30", "service": "lp", "category": "curanmor",
    "reporter_name": "Siti Aminah", "reporter_nik": "1602075203900003",
    "reporter_phone": "0812-3456-7890", "desa": "serinanti", "occurred_at": "2024-02-10 07:00",
    "narrative": "Sepeda motor Honda Beat hilang dari teras rumah.", "status": "selesai",
    "dispatched_at": "2024-02-10 09:35", "arrived_at": "2024-02-10 09:44",
    "resolved_at": "2024-02-12 10:00",
}


def write_csv(path: Path, rows: list[dict[str, str]], *, columns: tuple[str, ...] = COLUMNS,
              delimiter: str = ",", bom: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row.get(c, "") for c in columns])
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + buffer.getvalue().encode("utf-8"))
    return path


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def plain(received_at: str, **changes: str) -> dict[str, str]:
    """An LP just received: no handling times to keep in order with received_at."""
    return row(**{"received_at": received_at, "occurred_at": "", "status": "",
                  "dispatched_at": "", "arrived_at": "", "resolved_at": "", **changes})


def counts(store: Store) -> tuple[Any, ...]:
    """Everything an import may change: records, audit, counters."""
    db = store.db
    return (store.summary_counts(), store.audit_fingerprint(),
            db.execute("SELECT * FROM number_counters ORDER BY doc_kind, year").fetchall(),
            db.execute("SELECT count(*) FROM visits_fts").fetchone())


# ------------------------------------------------------------------ good files


def test_good_file_is_imported_with_every_field(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        row(),
        row(received_at="2024-02-11 10:00", service="pengaduan", category="", status="",
            reporter_name="Budi", reporter_nik="", reporter_phone="+62 811 7000 123",
            desa="Pedamaran I", occurred_at="", narrative="Sengketa batas kebun.",
            dispatched_at="", arrived_at="", resolved_at=""),
    ])
    report = import_reports(store, path)
    assert report.ok and report.imported == 2 and report.rows == 2
    assert [p.text() for p in report.notes] == []
    lp = store.visits.get(1)
    assert lp.received_at == datetime(2024, 2, 10, 2, 30, tzinfo=UTC)  # 09.30 WIB
    assert lp.number == LP.format(n=1)
    assert lp.lp_model == "B" and lp.category == "curanmor" and lp.incident_desa == "Serinanti"
    assert lp.parties == (Party(role="pelapor", name="Siti Aminah", nik="1602075203900003",
                                phone="+6281234567890"),)
    assert lp.needs_visit and lp.response_minutes == 14
    assert lp.resolved_at == datetime(2024, 2, 12, 3, 0, tzinfo=UTC)
    assert [(h.status, h.at.hour, h.at.minute, h.note, h.officer_id)
            for h in lp.status_history] == [("diterima", 2, 30, "impor CSV", None),
                                             ("ditangani", 2, 35, "impor CSV", None),
                                             ("selesai", 3, 0, "impor CSV", None)]
    complaint = store.visits.get(2)
    assert complaint.status == "diterima" and not complaint.needs_visit
    assert complaint.parties[0].role == "pengadu"
    assert complaint.parties[0].phone == "+628117000123"
    assert complaint.number == "STPP/1/II/2024/SPKT/POLSEK PEDAMARAN"
    assert [h.status for h in complaint.status_history] == ["diterima"]
    assert store.verify() == []


def test_import_is_audited_per_record_and_as_an_activity(store: Store, tmp_path: Path) -> None:
    before = store.db.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    import_reports(store, write_csv(tmp_path / "laporan.csv", [row()]))
    actions = store.db.execute("SELECT action, kind, after FROM audit_log WHERE id > ? "
                               "ORDER BY id", [before]).fetchall()
    assert [a[:2] for a in actions] == [("create", "visit"), ("import", "visit")]
    assert "1 laporan dari laporan.csv" in actions[1][2]


def test_numbers_follow_received_order_not_file_order(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [plain("2024-02-12 08:00"),
                                          plain("2024-02-10 08:00"),
                                          plain("2024-02-11 08:00")])
    assert import_reports(store, path).imported == 3
    got = {v.received_at.day: v.number for v in store.visits.iter_all()}
    assert got == {10: LP.format(n=1), 11: LP.format(n=2), 12: LP.format(n=3)}


def test_kept_numbers_and_uuids_and_the_counter_continues(store: Store, tmp_path: Path) -> None:
    uuid = "3f2b6c1e-8d4a-4c1b-9e2f-5a6b7c8d9e0f"
    columns = (*COLUMNS, "number", "uuid")
    path = write_csv(tmp_path / "a.csv", [
        plain("2024-02-01 08:00"),  # no number: after the kept ones
        plain("2024-02-05 08:00", number=LP.format(n=40).lower(), uuid=uuid.upper()),
        plain("2024-02-03 08:00", number=LP.format(n=12)),
    ], columns=columns)
    report = import_reports(store, path)
    assert report.ok, [p.text() for p in report.errors]
    by_day = {v.received_at.day: v for v in store.visits.iter_all()}
    assert by_day[5].number == LP.format(n=40)  # written in the template's spelling
    assert by_day[5].meta is not None and by_day[5].meta.uuid == uuid
    assert by_day[3].number == LP.format(n=12)
    assert by_day[1].number == LP.format(n=41)
    assert store.visits.last_number_seq("lp_b", 2024) == 41
    typed = store.visits.create(Visit(
        service="lp", lp_model="B", received_at=datetime(2024, 2, 13, 1, 0, tzinfo=UTC),
        category="curat", narrative="Rumah dibobol.",
        parties=(Party(role="pelapor", name="Andi"),)), None).record
    assert typed.number == LP.format(n=42)
    assert store.verify() == []


def test_semicolons_and_byte_order_mark(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "excel.csv", [row(narrative="Motor hilang; kunci tertinggal")],
                     delimiter=";", bom=True)
    report = import_reports(store, path)
    assert report.imported == 1
    assert store.visits.get(1).narrative == "Motor hilang; kunci tertinggal"


def test_header_in_any_case_optional_columns_missing_blank_lines(store: Store,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("Received_At, SERVICE ,narrative\n\n2024-02-10 09:30,informasi,Tanya SKCK\n"
                    ",,\n", encoding="utf-8")
    report = import_reports(store, path)
    assert report.imported == 1 and report.rows == 1
    visit = store.visits.get(1)
    assert visit.service == "informasi" and visit.number is None and visit.parties == ()


def test_warnings_do_not_block_but_are_noted_and_kept(store: Store, tmp_path: Path) -> None:
    # (an incident after its report is an error since issue 15: test_input_limits)
    path = write_csv(tmp_path / "a.csv", [row(reporter_nik="12345")])
    report = import_reports(store, path)
    assert report.imported == 1
    assert [(n.line, n.column) for n in report.notes] == [(2, "reporter_nik")]
    assert "NIK" in report.notes[0].text() and report.notes[0].text().startswith("Baris 2")
    visit = store.visits.get(1)
    assert {(w.field, w.reason) for w in visit.accepted_warnings} == {
        ("parties[0].nik", "diterima saat impor CSV")}


def test_receiving_officer_by_nrp_and_lp_model_a(store: Store, tmp_path: Path) -> None:
    andi = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234", active=False),
                             None).record  # moved away since: still on the roster
    path = write_csv(tmp_path / "a.csv", [
        plain("2024-02-10 08:00", lp_model="a", officer_nrp="8506 1234", reporter_name="",
              reporter_nik="", reporter_phone=""),
        plain("2024-02-10 09:00", officer_nrp="85061234"),
        plain("2024-02-10 10:00", officer_nrp="99999999"),
    ])
    report = import_reports(store, path)
    assert report.ok and report.imported == 3, [p.text() for p in report.errors]
    assert [p.text() for p in report.notes] == [
        "Berkas, kolom officer_nrp: 1 laporan diimpor tanpa petugas penerima: NRP 99999999 "
        "tidak ada di daftar personel. Tambahkan petugasnya di Data Master sebelum impor bila "
        "petugas penerima perlu tercatat."]
    made = [store.visits.get(n) for n in (1, 2, 3)]
    assert [(v.lp_model, v.receiving_officer_id, v.parties) for v in made] == [
        ("A", andi.id, ()), ("B", andi.id, made[1].parties), ("B", None, made[2].parties)]
    assert made[0].number is not None and made[0].number.startswith("LP/A/1/")
    assert made[1].number == LP.format(n=1) and made[1].parties


def test_unknown_nrps_make_one_note_per_file(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        plain(f"2024-02-10 0{n}:00", officer_nrp=f"9000000{n % 7}") for n in range(9)])
    report = import_reports(store, path)
    assert report.ok and report.imported == 9
    (note,) = report.notes
    assert note.message.startswith("9 laporan diimpor tanpa petugas penerima: NRP 90000000, "
                                   "90000001, 90000002, 90000003, 90000004 dan 2 lainnya tidak")


def test_history_without_dispatch_or_resolution_time(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        row(status="ditangani", dispatched_at="", arrived_at="", resolved_at=""),
        plain("2024-02-11 08:00", status="dicabut"),
    ])
    report = import_reports(store, path)
    assert report.imported == 2
    assert [n.column for n in report.notes] == ["resolved_at"]  # final status, no time
    first, second = store.visits.get(1), store.visits.get(2)
    assert [h.status for h in first.status_history] == ["diterima", "ditangani"]
    assert [h.status for h in second.status_history] == ["diterima", "dicabut"]
    assert second.status_history[-1].at == second.received_at and second.resolved_at is None


def test_services_without_a_column_for_their_details_get_one_note(store: Store,
                                                                  tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [
        row(service="kehilangan", category="", status="", dispatched_at="", arrived_at="",
            resolved_at="", narrative="KTP hilang di pasar"),
        row(service="kehilangan", category="", status="", dispatched_at="", arrived_at="",
            resolved_at="", received_at="2024-02-11 08:00"),
    ])
    report = import_reports(store, path)
    assert report.imported == 2
    assert [n.text() for n in report.notes] == [
        "Berkas: 2 laporan kehilangan diimpor tanpa daftar barang yang hilang (kolomnya tidak "
        "ada di CSV); lengkapi di aplikasi sebelum mencetak SKTLK."]
    assert store.visits.get(1).number == "SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN"


# ------------------------------------------------------------------ bad rows


BAD_ROWS = [
    (row(received_at="10/02/2024 09:30"), "received_at", "tidak sesuai format YYYY-MM-DD HH:MM"),
    (row(received_at="2024-02-30 09:30"), "received_at", "tidak ada di kalender"),
    (row(received_at=""), "received_at", "waktu diterima wajib diisi"),
    (plain("2024-02-14 14:06"), "received_at", "tidak boleh di masa depan"),
    (row(service="laporan"), "service", "jenis layanan 'laporan' tidak dikenal"),
    (row(category=""), "category", "kategori wajib diisi untuk laporan polisi (lp)"),
    (row(category="begal"), "category", "kategori 'begal' tidak ada di daftar kategori"),
    (row(desa="Xyz"), "desa", "desa 'Xyz' tidak ada di daftar desa."),
    (row(status="beres"), "status", "status 'beres' tidak dikenal"),
    (row(reporter_phone="81234567890"), "reporter_phone", "tidak valid"),
    (row(reporter_nik="1.60208E+15"), "reporter_nik", "angka ilmiah"),
    (row(reporter_name="", reporter_nik="", reporter_phone=""), "reporter_name",
     "Data pelapor wajib diisi"),
    (row(narrative=""), "narrative", "Uraian singkat kejadian wajib diisi"),
    (row(resolved_at="2024-02-09 10:00"), "resolved_at", "tidak boleh sebelum laporan diterima"),
    (row(arrived_at="2024-02-10 09:31"), "arrived_at", "tidak boleh sebelum waktu pemberangkatan"),
    (row(dispatched_at="2024-02-10 09:00"), "dispatched_at", "tidak boleh sebelum laporan"),
    (row(resolved_at="2024-02-10 09:32"), "resolved_at", "sebelum waktu pemberangkatan"),
    (row(dispatched_at=""), "dispatched_at", "isi juga waktu pemberangkatan"),
    (row(number="LP/B/007/II/2024/SPKT"), "number", "tidak sesuai pola nomor"),
    (row(number=LP.format(n=3).replace("2024", "2023")), "number", "bertahun 2023"),
    (row(service="informasi", category="", number="INFO/1"), "number",
     "layanan informasi tidak memakai nomor"),
    (row(uuid="bukan-uuid"), "uuid", "uuid 'bukan-uuid' tidak valid"),
    (row(lp_model="C"), "lp_model", "model LP 'C' tidak dikenal; isi A"),
    (row(service="kehilangan", category="", lp_model="B"), "lp_model",
     "model LP hanya untuk layanan lp, bukan kehilangan"),
    (row(lp_model="a", reporter_name="", reporter_nik="", reporter_phone=""), "officer_nrp",
     "LP model A dibuat petugas: isi NRP petugas"),
    (row(lp_model="A", officer_nrp="12345678"), "officer_nrp",
     "NRP '12345678' tidak ada di daftar personel; tambahkan"),
]


@pytest.mark.parametrize(("bad", "column", "message"), BAD_ROWS)
def test_each_kind_of_bad_row(store: Store, tmp_path: Path, bad: dict[str, str], column: str,
                              message: str) -> None:
    before = counts(store)
    path = write_csv(tmp_path / "a.csv", [plain("2024-02-09 08:00"), bad, row()],
                     columns=(*COLUMNS, "number", "uuid"))
    report = import_reports(store, path)
    assert not report.ok and report.imported == 0
    assert [(p.line, p.column) for p in report.errors] == [(3, column)], report.errors
    assert message in report.errors[0].message
    assert report.errors[0].text().startswith(f"Baris 3, kolom {column}: ")
    assert counts(store) == before


def test_message_reads_as_in_the_issue(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [row(), row(), row(), row(desa="Xyz")])
    report = import_reports(store, path)
    assert [p.text() for p in report.errors] == [
        "Baris 5, kolom desa: desa 'Xyz' tidak ada di daftar desa."]


def test_duplicates_within_the_file(store: Store, tmp_path: Path) -> None:
    uuid = "3f2b6c1e-8d4a-4c1b-9e2f-5a6b7c8d9e0f"
    path = write_csv(tmp_path / "a.csv", [
        row(number=LP.format(n=5), uuid=uuid),
        row(number=LP.format(n=5).replace("POLSEK", "polsek"), uuid=uuid.upper()),
    ], columns=(*COLUMNS, "number", "uuid"))
    report = import_reports(store, path)
    assert [(p.line, p.column) for p in report.errors] == [(3, "number"), (3, "uuid")]
    assert "sama dengan nomor di baris 2" in report.errors[0].message
    assert "sama dengan uuid di baris 2" in report.errors[1].message


def test_duplicates_against_the_store(store: Store, tmp_path: Path) -> None:
    columns = (*COLUMNS, "number", "uuid")
    first = write_csv(tmp_path / "a.csv", [row(number=LP.format(n=5))], columns=columns)
    assert import_reports(store, first).imported == 1
    existing = store.visits.get(1)
    assert existing.meta is not None
    before = counts(store)
    again = write_csv(tmp_path / "b.csv", [
        plain("2024-02-11 08:00"),
        row(number=LP.format(n=5)),
        row(uuid=existing.meta.uuid),
    ], columns=columns)
    report = import_reports(store, again)
    assert [(p.line, p.column) for p in report.errors] == [(3, "number"), (4, "uuid")]
    assert "sudah dipakai di basis data" in report.errors[0].message
    assert "sudah ada di basis data" in report.errors[1].message
    assert counts(store) == before


def test_every_bad_row_is_listed_and_nothing_is_written(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    rows = [plain(f"2024-02-{d:02d} 08:00") for d in range(1, 9)]
    rows[2] = row(desa="Xyz")
    rows[5] = row(service="", category="")
    path = write_csv(tmp_path / "a.csv", rows)
    report = import_reports(store, path)
    assert [(p.line, p.column) for p in report.errors] == [(4, "desa"), (7, "service")]
    assert counts(store) == before
    assert store.visits.last_number_seq("lp_b", 2024) == 0


def test_extra_duplicate_and_missing_columns(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("received_at,narrative,keterangan,narrative\n"
                    "2024-02-10 09:30,x,y,z\n", encoding="utf-8")
    report = import_reports(store, path)
    assert [(p.line, p.column) for p in report.errors] == [
        (1, "keterangan"), (1, "narrative"), (1, "service")]
    assert "kolom tidak dikenal" in report.errors[0].message
    assert store.summary_counts()["Kunjungan"] == 0


def test_unnamed_empty_column_is_ignored_unless_it_holds_data(store: Store,
                                                              tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("received_at;service;narrative;;\n2024-02-10 09:30;informasi;a;;\n"
                    "2024-02-10 09:31;informasi;b;;lupa\n", encoding="utf-8")
    report = import_reports(store, path)
    assert [p.text() for p in report.errors] == [
        "Baris 3: ada isi di kolom tanpa judul; beri judul kolom atau kosongkan selnya."]
    path.write_text("received_at;service;narrative;;\n2024-02-10 09:30;informasi;a;;\n",
                    encoding="utf-8")
    assert import_reports(store, path).imported == 1


def test_row_with_wrong_field_count(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text("received_at,service,narrative\n2024-02-10 09:30,informasi,a,b\n",
                    encoding="utf-8")
    report = import_reports(store, path)
    assert [p.text() for p in report.errors] == [
        "Baris 2: baris ini berisi 4 kolom, judul berisi 3; periksa pemisah dan tanda kutip."]


def test_multiline_cell_reports_the_line_where_the_row_starts(store: Store,
                                                             tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv", [row(narrative="baris satu\nbaris dua"),
                                          row(desa="Xyz")])
    report = import_reports(store, path)
    assert [(p.line, p.column) for p in report.errors] == [(4, "desa")]


def test_file_that_cannot_be_read(store: Store, tmp_path: Path) -> None:
    latin = tmp_path / "latin.csv"
    latin.write_bytes("received_at,service,narrative\n2024-02-10 09:30,informasi,caf\xe9\n"
                      .encode("latin-1"))
    with pytest.raises(CsvFileError, match="bukan UTF-8 \\(baris 2\\)"):
        import_reports(store, latin)
    with pytest.raises(CsvFileError, match="tidak ditemukan"):
        import_reports(store, tmp_path / "tidak-ada.csv")
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(CsvFileError, match="berkas kosong"):
        import_reports(store, empty)
    broken = tmp_path / "broken.csv"
    broken.write_text('received_at,service,narrative\n2024-02-10 09:30,informasi,"a"b\n',
                      encoding="utf-8")
    report = import_reports(store, broken)
    assert "baris 2 tidak dapat dibaca" in report.errors[0].text()


def test_bad_byte_deep_in_a_large_file(store: Store, tmp_path: Path) -> None:
    lines = [b"received_at,service,narrative"] + [b"2024-02-10 09:30,informasi,tanya"] * 3000
    lines[2500] = "2024-02-10 09:30,informasi,caf\xe9".encode("latin-1")
    path = tmp_path / "big.csv"
    path.write_bytes(b"\n".join(lines) + b"\n")
    before = counts(store)
    report = import_reports(store, path)
    assert not report.ok
    assert report.errors[-1].text().startswith("Berkas: berkas bukan UTF-8 (baris 2501).")
    assert counts(store) == before


def test_check_only_writes_nothing(store: Store, tmp_path: Path) -> None:
    before = counts(store)
    report = import_reports(store, write_csv(tmp_path / "a.csv", [row()]), check_only=True)
    assert report.ok and report.rows == 1 and report.imported == 0
    assert counts(store) == before


def test_progress_and_cancel_from_the_callback(store: Store, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "a.csv",
                     [plain(f"2024-02-{d:02d} 08:00") for d in range(1, 11)])
    before = counts(store)
    seen: list[tuple[str, int, int | None]] = []

    def cancel(phase: str, done: int, total: int | None) -> None:
        seen.append((phase, done, total))
        if phase == "simpan" and done == 10:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_reports(store, path, progress=cancel,
                       tuning=ImportTuning(workers_from=1, batch_size=5))
    assert seen[0] == ("simpan", 0, 10) and seen[-1] == ("simpan", 10, 10)
    assert counts(store) == before


def test_cancel_halfway_through_the_batches_made_in_other_processes(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancelled after the first batches were written, with more being made in the other
    processes: nothing is saved, and the import returns (the processes stop)."""
    path = write_csv(tmp_path / "a.csv",
                     [plain(f"2024-02-{1 + n % 12:02d} 08:{n:02d}") for n in range(60)])
    before = counts(store)

    def cancel(phase: str, done: int, total: int | None) -> None:
        if phase == "simpan" and done >= 15:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_reports(store, path, progress=cancel)
    assert counts(store) == before
    assert store.verify() == []
    assert import_reports(store, path).imported == 60  # the store is still writable


# ------------------------------------------------------------------ the bulk write


def test_bulk_write_stores_what_create_stores(tmp_path: Path, clock: Any) -> None:
    """create_many must leave the same rows as one create per record (it does not call
    create, for speed); compared table by table, ids and audit JSON included."""
    at = datetime(2024, 2, 10, 2, 30, 17, tzinfo=UTC)
    visit = Visit(
        service="lp", lp_model="B", received_at=at, category="curat", narrative="Rumah dibobol.",
        parties=(Party(role="pelapor", name="Siti", nik="1602075203900003", phone="+6281234567890"),
                 Party(role="saksi", name="Rudi")),
        incident_desa="Serinanti", dispatched_at=at, status="ditangani", needs_visit=True,
        law_articles=("477 KUHP",),
        status_history=(StatusChange("ditangani", at, None, "b"), StatusChange("diterima", at, None,
                                                                               "a")))
    uuid = "3f2b6c1e-8d4a-4c1b-9e2f-5a6b7c8d9e0f"
    kept = Visit(service="kehilangan", received_at=at, parties=(Party(role="pelapor", name="B"),),
                 number="SKTLK/9/II/2024/SPKT/POLSEK PEDAMARAN")
    with Store(tmp_path / "one.db", clock=clock) as one, Store(tmp_path / "bulk.db",
                                                                clock=clock) as bulk:
        one.visits.create(visit, None, record_uuid=uuid, validate=False)
        one.visits.create(kept, None, keep_number=True, record_uuid=uuid[:-1] + "1",
                          validate=False)
        bulk.visits.create_many([(visit, uuid), (kept, uuid[:-1] + "1")], None, keep_number=True)
        for table in ("visits", "visit_parties", "visit_status_history", "visits_fts",
                      "number_counters"):
            assert _rows(one.db.conn, table) == _rows(bulk.db.conn, table), table
        audit = ("SELECT at, officer_id, action, kind, record_uuid, before, after FROM audit_log "
                 "WHERE kind = 'visit'")
        assert _rows(one.db.conn, table="", sql=audit) == _rows(bulk.db.conn, "", sql=audit)
        assert bulk.verify() == []


def test_bulk_write_inside_a_transaction_is_undone_with_it(tmp_path: Path, clock: Any) -> None:
    """create_many joins the caller's transaction (no savepoint): when the caller fails
    afterwards, its records, counters, search words and audit entries are rolled back too;
    and more records than one batch are written in several staged batches."""
    from app.store import BULK_BATCH

    at = datetime(2024, 2, 10, 2, 30, tzinfo=UTC)
    visits = [Visit(service="kehilangan", received_at=at + timedelta(minutes=i),
                    parties=(Party(role="pelapor", name=f"Warga Tanjungbatu {i}"),))
              for i in range(BULK_BATCH + 7)]
    tables = ("visits", "visit_parties", "visit_status_history", "visits_fts", "audit_log",
              "number_counters", "search_terms")
    with Store(tmp_path / "bulk.db", clock=clock) as store:
        before = {t: _rows(store.db.conn, t) for t in tables}
        with pytest.raises(RuntimeError), store.unit_of_work():
            assert store.visits.create_many(((v, None) for v in visits), None) == len(visits)
            assert store.visits.count(VisitFilter()) == len(visits)
            raise RuntimeError("the caller fails after the bulk write")
        assert {t: _rows(store.db.conn, t) for t in tables} == before
        assert store.visits.create_many(((v, None) for v in visits), None) == len(visits)
        assert store.visits.count(VisitFilter(text="tanjungbat")) == len(visits)
        assert store.verify() == []


def _rows(conn: sqlite3.Connection, table: str, sql: str = "") -> list[tuple[Any, ...]]:
    return conn.execute(sql or f"SELECT * FROM {table}").fetchall()


# ------------------------------------------------------------------ rows made in a second process


def test_a_large_import_makes_its_rows_in_a_second_process(
        tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """From WORKER_FROM rows the records' rows are made in two other processes, every
    other batch each: the same records, numbers, search entries and audit (chained in the
    same order) as in one process."""
    from app.store import BULK_BATCH

    uuids = [f"3f2b6c1e-8d4a-4c1b-9e2f-{n:012d}" for n in range(BULK_BATCH + 30)]
    services = ("lp", "lp", "kehilangan", "informasi", "pengaduan")  # SKTLK, STPL, none
    rows = [plain(f"{2023 + n % 2}-02-{1 + n % 12:02d} {n % 24:02d}:{n % 60:02d}", uuid=u,
                  reporter_name=f"Warga Serinanti {n}", service=services[n % 5])
            for n, u in enumerate(uuids)]
    rows[3] = {**rows[3], "service": "lp", "received_at": "2024-02-04 03:03",
               "number": LP.format(n=900)}  # a kept number first, the counter moves past it
    path = write_csv(tmp_path / "a.csv", rows, columns=(*COLUMNS, "number", "uuid"))
    tables = ("visits", "visit_parties", "visit_status_history", "visits_fts",
              "number_counters", "search_terms")
    found = {}
    for name, worker_from in (("one", 10**9), ("two", 1)):
        with Store(tmp_path / f"{name}.db", clock=clock) as store:
            # 76 batches of 7, 38 from each process
            report = import_reports(
                store, path, tuning=ImportTuning(workers_from=worker_from, batch_size=7))
            assert report.ok and report.imported == len(rows)
            assert store.verify() == []
            assert store.visits.count(VisitFilter(text="serinant")) == len(rows)
            audit = ("SELECT at, officer_id, action, kind, record_uuid, before, after "
                     "FROM audit_log WHERE kind = 'visit' ORDER BY id")
            found[name] = ({t: _rows(store.db.conn, t) for t in tables},
                           _rows(store.db.conn, "", sql=audit))
    assert found["one"] == found["two"]


@pytest.mark.parametrize("workers_from", [1, 10**9])
def test_a_failure_in_the_second_process_is_raised_with_its_record(
        store: Store, tmp_path: Path, workers_from: int) -> None:
    """In the other processes or in this one, a record that fails is told by its position."""
    from app.csvio.reports_import import _Checker, _Kept, _KeptRecords
    from app.store import ItemFailed

    checker = _Checker(store)
    parsed = checker.reader.read({**plain("2024-02-10 08:00")}).parsed
    assert parsed is not None
    kept = [_Kept(n, parsed, None, None, ()) for n in range(3)]
    kept.insert(2, _Kept(9, parsed, "BUKAN/NOMOR", None, ()))  # no template's number
    before = counts(store)
    with pytest.raises(ItemFailed) as failed:
        store.visits.import_many(_KeptRecords(checker.reader, tuple(kept)), None, note="",
                                 workers_from=workers_from)
    assert failed.value.index == 2 and isinstance(failed.value.error, ValueError)
    assert counts(store) == before


class _BreaksAt:
    """A bulk source (app.store.BulkSource) whose record at `broken` cannot be built."""

    def __init__(self, visits: list[Visit], broken: int, start: int = 0) -> None:
        self.visits, self.broken, self.start = visits, broken, start

    def __len__(self) -> int:
        return len(self.visits)

    def __iter__(self) -> Any:
        for position, visit in enumerate(self.visits, self.start):
            if position == self.broken:
                raise ValueError("tidak dapat dibuat")
            yield visit, None

    def part(self, start: int, stop: int) -> _BreaksAt:
        return _BreaksAt(self.visits[start:stop], self.broken, start)

    def numbering(self) -> Any:
        return iter(self.visits)


def test_a_failure_while_making_rows_in_another_process_names_its_record(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.store import ItemFailed

    visits = [Visit(service="informasi", received_at=datetime(2024, 2, 10, 1, n, tzinfo=UTC),
                    narrative=f"Informasi warga {n}") for n in range(20)]
    before = counts(store)
    for broken in (0, 6, 13):  # in the first batch, and in each process's second
        with pytest.raises(ItemFailed) as failed:
            store.visits.import_many(_BreaksAt(visits, broken), None, note="",
                                     workers_from=1, batch_size=4)
        assert failed.value.index == broken and isinstance(failed.value.error, ValueError)
        assert counts(store) == before
    assert store.visits.import_many(_BreaksAt(visits, -1), None, note="", workers_from=1) == 20
    assert store.verify() == []


class _KillsItsProcess(_BreaksAt):
    """A bulk source whose records end the process that builds them (as the system's
    out-of-memory killer would)."""

    def __iter__(self) -> Any:
        import multiprocessing
        import os

        if multiprocessing.parent_process() is not None:
            os._exit(9)
        yield from super().__iter__()

    def part(self, start: int, stop: int) -> _KillsItsProcess:
        return _KillsItsProcess(self.visits[start:stop], self.broken, start)


def test_a_process_making_rows_that_dies_saves_nothing_and_says_so(store: Store) -> None:
    from app.store.errors import HelperProcessLost

    visits = [Visit(service="informasi", received_at=datetime(2024, 2, 10, 1, n, tzinfo=UTC),
                    narrative=f"Informasi warga {n}") for n in range(20)]
    before = counts(store)
    with pytest.raises(HelperProcessLost, match="tidak ada yang disimpan"):
        store.visits.import_many(_KillsItsProcess(visits, -1), None, note="", workers_from=1)
    assert counts(store) == before
    assert store.visits.import_many(_BreaksAt(visits, -1), None, note="", workers_from=1) == 20


class _ReaderThatDies(RowReader):
    def read(self, values: dict[str, str]) -> Any:
        import multiprocessing
        import os

        if multiprocessing.parent_process() is not None:
            os._exit(9)
        return super().read(values)


def test_a_process_reading_rows_that_dies_is_told_in_indonesian(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from app.csvio import reports_import
    from app.store import HelperProcessLost

    monkeypatch.setattr(reports_import, "RowReader", _ReaderThatDies)
    path = write_csv(tmp_path / "a.csv", [plain("2024-02-10 08:00")])
    before = counts(store)
    with pytest.raises(HelperProcessLost, match="proses pemeriksa baris berhenti tanpa kabar"):
        import_reports(store, path, tuning=ImportTuning(workers_from=1))
    assert counts(store) == before


@pytest.mark.parametrize("good", [True, False])
def test_rows_read_in_other_processes_give_the_same_report(
        tmp_path: Path, clock: Any, monkeypatch: pytest.MonkeyPatch, good: bool) -> None:
    """From WORKER_FROM rows the rows are read in other processes (row_checks), in chunks:
    the same errors, notes and records as reading them here, in the file's order."""
    columns = (*COLUMNS, "number", "uuid")
    rows = [plain(f"2024-02-{1 + n % 12:02d} 08:{n % 60:02d}", reporter_nik="12345")
            for n in range(40)]  # every row noted: an odd NIK
    rows[5] = row(service="kehilangan", category="", narrative="")  # a note for the file
    if not good:
        rows[3] = row(desa="Xyz")
        rows[9] = row(number=LP.format(n=5))
        rows[30] = row(number=LP.format(n=5))  # the same number as line 11
        rows[33] = {**row(), "received_at": "kemarin"}
    path = write_csv(tmp_path / "a.csv", rows, columns=columns)
    reports = []
    for name, worker_from in (("here", 10**9), ("there", 1)):
        with Store(tmp_path / f"{name}.db", clock=clock) as store:
            report = import_reports(store, path, tuning=ImportTuning(
                workers_from=worker_from, chunk=7, in_flight=2))
            reports.append((report.rows, report.imported, [p.text() for p in report.errors],
                            [p.text() for p in report.notes], store.summary_counts()))
    assert reports[0] == reports[1]
    rows_read, imported, errors, notes, _ = reports[0]
    assert rows_read == 40 and len(notes) >= 30
    assert notes[-1].startswith("Berkas: 1 laporan kehilangan diimpor tanpa daftar barang")
    if good:
        assert (imported, errors) == (40, [])
    else:
        assert imported == 0
        assert [e.split(",")[0] for e in errors] == ["Baris 5", "Baris 32", "Baris 35"]
