"""CSV exports: reports round-trip through an import unchanged; patrols and meetings give
one row per place / issue; voided records and the audit trail."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.csvio import export_meetings, export_patrols, export_reports, import_reports
from app.csvio.patrols_meetings_export import MEETING_COLUMNS, PATROL_COLUMNS
from app.csvio.reports_export import EXPORT_COLUMNS
from app.domain.models import (
    LostItem,
    Meeting,
    MeetingIssue,
    Officer,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    Vehicle,
    Visit,
)
from app.security.permissions import Role
from app.store import Access, PermissionDenied, Store

T0 = datetime(2024, 2, 10, 2, 30, tzinfo=UTC)  # Sabtu 10 Februari 2024 09.30 WIB


def read(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def typed_store(store: Store, officer: Officer) -> None:
    """Records as a desk officer types them (more fields than the CSV carries)."""
    create = store.visits.create
    reporter = Party(role="pelapor", name="Siti Aminah", nik="1602075203900003", sex="P",
                     birth_date=date(1990, 3, 12), phone="+6281234567890", desa="Serinanti")
    lp = Visit(service="lp", lp_model="B", received_at=T0, receiving_officer_id=officer.id,
               parties=(reporter, Party(role="terlapor", unknown=True, note="dua orang")),
               occurred_at=T0 - timedelta(hours=2), incident_desa="Serinanti",
               category="curanmor", place_type="rumah",
               narrative='Motor "Beat" hilang, kunci; tertinggal.\nPelaku 2 orang — kabur ke éast.',
               dispatched_at=T0 + timedelta(minutes=5), dispatched_officer_id=officer.id,
               arrived_at=T0 + timedelta(minutes=14), status="ditangani", needs_visit=True)
    first = create(lp, officer.id).record
    store.visits.change_status(first.id, "selesai", "Pelaku diamankan", officer.id,
                               at=T0 + timedelta(days=1))
    create(Visit(service="kehilangan", received_at=T0 + timedelta(hours=1),
                 parties=(Party(role="pelapor", name="Budi Santoso"),),
                 lost_items=(LostItem("KTP", "1602071203850001"),),
                 incident_desa="Pedamaran I"), officer.id)
    create(Visit(service="pengaduan", received_at=T0 + timedelta(hours=2),
                 parties=(Party(role="pengadu", name="Wati", phone="+628117000123"),),
                 complaint_subject="Tetangga", narrative="Sengketa batas kebun"), officer.id)
    # two in the same minute, seconds apart: the export orders them by uuid
    for second in (40, 5):
        create(Visit(service="informasi", received_at=T0 + timedelta(hours=3, seconds=second),
                     narrative=f"Tanya SKCK {second}"), officer.id)
    create(Visit(service="lainnya", received_at=T0 + timedelta(hours=4),
                 other_reason="Titip barang temuan"), officer.id)
    voided = create(replace(lp, received_at=T0 + timedelta(hours=5), status="diterima",
                            dispatched_at=None, arrived_at=None, needs_visit=False),
                    officer.id).record
    store.visits.void(voided.id, "Laporan ganda", officer.id)


CSV_FIELDS = ("number", "received_at", "service", "category", "incident_desa", "occurred_at",
              "narrative", "status", "dispatched_at", "arrived_at", "resolved_at")


def csv_view(visit: Visit) -> tuple[object, ...]:
    reporter = visit.reporter
    assert visit.meta is not None
    times = {name: getattr(visit, name) for name in CSV_FIELDS if name.endswith("_at")}
    minutes = {k: v.replace(second=0) if v else None for k, v in times.items()}
    plain = {name: getattr(visit, name) for name in CSV_FIELDS if not name.endswith("_at")}
    return (visit.meta.uuid, tuple(sorted({**plain, **minutes}.items(), key=str)),
            (reporter.name, reporter.nik, reporter.phone) if reporter else None)


def test_reports_round_trip_unchanged(store: Store, officer: Officer, clock, tmp_path: Path) -> None:
    typed_store(store, officer)
    first, second, third = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert export_reports(store, first) == 6  # the voided one is left out
    with Store(tmp_path / "fresh.db", clock=clock) as fresh:
        same_roster(fresh, officer)
        report = import_reports(fresh, first)
        assert report.ok and report.imported == 6, [p.text() for p in report.errors]
        assert export_reports(fresh, second) == 6
        assert first.read_bytes() == second.read_bytes()
        originals = {csv_view(v) for v in store.visits.iter_all()}
        assert {csv_view(v) for v in fresh.visits.iter_all()} == originals
        assert fresh.verify() == []
        with Store(tmp_path / "third.db", clock=clock) as again:
            same_roster(again, officer)
            assert import_reports(again, second).imported == 6
            export_reports(again, third)
            assert third.read_bytes() == first.read_bytes()
            # imported twice: the whole records agree, status history included
            assert ([replace(v, meta=None) for v in again.visits.iter_all()]
                    == [replace(v, meta=None) for v in fresh.visits.iter_all()])


def same_roster(store: Store, officer: Officer) -> None:
    """The officer, under a different id, in another store's roster (as at a Polres)."""
    store.master.save(Officer("PETUGAS LAIN", "BRIPTU", "99010001"), None)
    store.master.save(replace(officer, meta=None), None)


def test_lp_model_a_and_the_receiving_officer_round_trip(store: Store, officer: Officer,
                                                         clock, tmp_path: Path) -> None:
    made = store.visits.create(Visit(
        service="lp", lp_model="A", received_at=T0, receiving_officer_id=officer.id,
        category="curanmor", narrative="Ditemukan saat patroli: motor tanpa pemilik."),
        officer.id).record
    out = tmp_path / "a.csv"
    export_reports(store, out)
    row = read(out)[0]
    assert (row["lp_model"], row["officer_nrp"], row["reporter_name"]) == ("A", "85061234", "")
    assert row["number"].startswith("LP/A/1/")
    with Store(tmp_path / "merged.db", clock=clock) as merged:
        same_roster(merged, officer)
        report = import_reports(merged, out)
        assert report.ok and report.imported == 1, [p.text() for p in report.errors]
        (back,) = merged.visits.iter_all()
        on_roster = {o.nrp: o.id for o in merged.master.officers_by_id().values()}
        assert (back.lp_model, back.number, back.receiving_officer_id) == (
            "A", made.number, on_roster["85061234"])
        assert merged.verify() == []
    with Store(tmp_path / "empty.db", clock=clock) as empty:  # no such officer: refused
        report = import_reports(empty, out)
        assert report.imported == 0
        assert [(p.line, p.column) for p in report.errors] == [(2, "officer_nrp")]
        assert "tidak ada di daftar personel" in report.errors[0].message


def test_batched_reading_gives_whole_records(store: Store, officer: Officer) -> None:
    typed_store(store, officer)
    every = list(store.visits.iter_all(include_voided=True))
    assert len(every) == 7 and sum(1 for v in every if v.meta and v.meta.voided) == 1
    assert every == [store.visits.get(v.id) for v in every if v.id is not None]
    assert [v.received_at for v in every] == sorted(v.received_at for v in every)
    assert len(list(store.visits.iter_all())) == 6
    assert list(store.visits.iter_all(include_voided=True, batch=2)) == every


def test_reports_export_contents(store: Store, officer: Officer, tmp_path: Path) -> None:
    typed_store(store, officer)
    out = tmp_path / "laporan.csv"
    export_reports(store, out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbfnumber,received_at,service,")
    rows = read(out)
    assert tuple(rows[0]) == EXPORT_COLUMNS
    lp = rows[0]
    assert lp["number"].startswith("LP/B/1/II/2024/SPKT/POLSEK PEDAMARAN")
    assert (lp["received_at"], lp["dispatched_at"], lp["arrived_at"], lp["resolved_at"]) == (
        "2024-02-10 09:30", "2024-02-10 09:35", "2024-02-10 09:44", "2024-02-11 09:30")
    assert (lp["reporter_name"], lp["reporter_nik"], lp["reporter_phone"], lp["desa"]) == (
        "Siti Aminah", "1602075203900003", "'+6281234567890", "Serinanti")  # not a formula
    assert lp["status"] == "selesai" and "\n" in lp["narrative"]
    assert rows[2]["reporter_name"] == "Wati" and rows[2]["number"].startswith("STPP/1/")
    same_minute = [r for r in rows if r["received_at"] == "2024-02-10 12:30"]
    assert [r["uuid"] for r in same_minute] == sorted(r["uuid"] for r in same_minute)
    assert all("LP/B/2/" not in r["number"] for r in rows)  # voided: not exported


def test_semicolon_export_imports_back(store: Store, officer: Officer, clock,
                                       tmp_path: Path) -> None:
    typed_store(store, officer)
    out = tmp_path / "excel.csv"
    export_reports(store, out, delimiter=";")
    assert out.read_text(encoding="utf-8-sig").startswith("number;received_at;")
    with Store(tmp_path / "fresh.db", clock=clock) as fresh:
        assert import_reports(fresh, out).imported == 6


def test_exports_are_audited(store: Store, officer: Officer, tmp_path: Path) -> None:
    typed_store(store, officer)
    out = tmp_path / "laporan.csv"
    export_reports(store, out, by=officer.id)
    export_patrols(store, tmp_path / "p.csv")
    export_meetings(store, tmp_path / "m.csv")
    rows = store.db.execute("SELECT action, kind, officer_id, after FROM audit_log "
                            "WHERE action = 'export' ORDER BY id").fetchall()
    assert [r[:3] for r in rows] == [("export", "visit", officer.id), ("export", "patrol", None),
                                     ("export", "meeting", None)]
    # what it held: the number of records and their period (the kind is the entry's kind)
    assert json.loads(rows[0][3]) == {
        "detail": f"CSV 6 laporan, periode 2024-02-10 s.d. 2024-02-10 ke {out.resolve()}"}
    assert "periode" in rows[1][3] and "periode" in rows[2][3]
    assert store.verify() == []


def test_an_export_a_role_may_not_make_writes_nothing(store: Store, officer: Officer,
                                                     tmp_path: Path) -> None:
    typed_store(store, officer)
    for role in (Role.PETUGAS, Role.KA_SPKT, Role.ADMIN):
        store.set_access(Access(officer.id, officer.nrp, role))
        for export in (export_reports, export_patrols, export_meetings):
            with pytest.raises(PermissionDenied, match="tidak berwenang mengekspor data"):
                export(store, tmp_path / "x.csv")  # type: ignore[operator]
            assert not (tmp_path / "x.csv").exists()


def test_failed_export_leaves_no_file(store: Store, tmp_path: Path) -> None:
    with pytest.raises(OSError):
        export_reports(store, tmp_path / "tidak-ada" / "a.csv")
    assert not [p for p in tmp_path.rglob("*") if p.name.endswith((".csv", ".tmp"))]
    assert store.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'"
                            ).fetchone()[0] == 0


# ------------------------------------------------------------------ patrols, meetings


@pytest.fixture
def crew(store: Store) -> tuple[Officer, Officer, Vehicle]:
    leader = store.master.save(Officer("INDRA GUNAWAN", "IPTU", "79051234"), None).record
    member = store.master.save(Officer("RUDI HARTONO", "BRIPTU", "96010123"), None).record
    car = store.master.save(Vehicle("Patroli 1", "BG 1234 OK", "r4"), None).record
    return leader, member, car


def test_patrols_one_row_per_place(store: Store, crew: tuple[Officer, Officer, Vehicle],
                                   tmp_path: Path) -> None:
    leader, member, car = crew
    save = store.patrols.save
    visited = save(Patrol("rutin", "r4", T0, T0 + timedelta(hours=2), leader.id,
                          member_ids=(member.id,), vehicle_id=car.id, targets=("3c", "miras"),
                          places=(PatrolPlace("Serinanti", "Pasar", T0 + timedelta(minutes=20),
                                              "aman", "Kunci ganda", 12),
                                  PatrolPlace("Sukadamai", "Simpang tiga", None, "pg",
                                              "Waspada balap liar", 5, "ramai")),
                          notes="Lancar"), None).record
    save(Patrol("malam", "r2", T0 + timedelta(days=1), T0 + timedelta(days=1, hours=1),
                leader.id), None, validate=False)
    gone = save(Patrol("dialogis", "jalan_kaki", T0 - timedelta(days=1), T0, leader.id,
                       places=(PatrolPlace("Cinta Jaya"),)), None, validate=False).record
    store.patrols.void(gone.id, "Salah input", None)
    out = tmp_path / "patroli.csv"
    assert export_patrols(store, out) == (2, 3)
    rows = read(out)
    assert tuple(rows[0]) == PATROL_COLUMNS
    assert visited.meta is not None
    assert [(r["patrol_uuid"] == visited.meta.uuid, r["place_no"], r["place_desa"],
             r["situation"], r["people_reached"]) for r in rows] == [
        (True, "1", "Serinanti", "aman", "12"), (True, "2", "Sukadamai", "pg", "5"),
        (False, "", "", "", "")]
    first = rows[0]
    assert (first["start_at"], first["end_at"], first["place_at"]) == (
        "2024-02-10 09:30", "2024-02-10 11:30", "2024-02-10 09:50")
    assert (first["leader_nrp"], first["leader_name"]) == ("79051234", "IPTU INDRA GUNAWAN")
    assert first["members"] == "BRIPTU RUDI HARTONO (96010123)"
    assert first["vehicle"] == "Patroli 1 (BG 1234 OK)" and first["targets"] == "3c; miras"
    assert rows[1]["place_at"] == "" and rows[1]["place_note"] == "ramai"
    assert rows[1]["notes"] == "Lancar" and rows[2]["patrol_type"] == "malam"
    assert export_patrols(store, out, include_voided=True) == (3, 4)
    voided = read(out)[0]
    assert voided["patrol_type"] == "dialogis" and voided["void_reason"] == "Salah input"
    assert voided["voided_at"]


def test_meetings_one_row_per_issue(store: Store, crew: tuple[Officer, Officer, Vehicle],
                                    tmp_path: Path) -> None:
    leader, member, _car = crew
    save = store.meetings.save
    held = save(Meeting("jumat_curhat", T0, "Pedamaran I", "Masjid Al-Ikhlas", leader.id,
                        participants=(ParticipantCount("tokoh_masyarakat", 6),
                                      ParticipantCount("pemuda", 10)),
                        topics="Keamanan menjelang Ramadan",
                        issues=(MeetingIssue("Lampu jalan mati", "lainnya", "Pedamaran I",
                                             "Koordinasi dengan desa", owner_agency="Pemdes",
                                             due_date=date(2024, 2, 17)),
                                MeetingIssue("Balap liar malam Minggu", "lainnya", "Serinanti",
                                             "Patroli malam", owner_officer_id=member.id))),
                None).record
    save(Meeting("sosialisasi", T0 + timedelta(days=2), "Serinanti", leader_id=leader.id,
                 participants=(ParticipantCount("perempuan", 25),)), None)
    out = tmp_path / "pertemuan.csv"
    assert export_meetings(store, out) == (2, 3)
    rows = read(out)
    assert tuple(rows[0]) == MEETING_COLUMNS
    assert held.meta is not None and held.issues[0].uuid
    first, second, third = rows
    assert first["meeting_uuid"] == second["meeting_uuid"] == held.meta.uuid
    assert (first["issue_no"], first["issue_uuid"], first["issue_description"]) == (
        "1", held.issues[0].uuid, "Lampu jalan mati")
    assert first["issue_due_date"] == "2024-02-17" and first["issue_status"] == "terbuka"
    assert (first["participants_tokoh_masyarakat"], first["participants_pemuda"],
            first["participants_babinsa"], first["participant_total"]) == ("6", "10", "0", "16")
    assert (second["issue_owner_nrp"], second["issue_owner_name"]) == (
        "96010123", "BRIPTU RUDI HARTONO")
    assert (third["issue_no"], third["issue_description"], third["participant_total"]) == (
        "", "", "25")
    store.meetings.void(held.id, "Dobel", None)
    assert export_meetings(store, out) == (1, 1)
    assert export_meetings(store, out, include_voided=True) == (2, 3)
