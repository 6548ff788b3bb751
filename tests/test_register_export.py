"""The register exported for the Polres (issue 18 item 5): .xlsx opened with openpyxl and
compared with the store; .csv whose stages and SP2HP history survive an export and import
into another store; the command `piket export --kind register`."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook

from app.csvio import export_reports, import_reports
from app.csvio.register_export import export_register
from app.csvio.register_import import import_register
from app.domain.models import Officer
from app.domain.register import RegisterFilter, Sp2hpLetter
from app.store import Store
from tests import factories

T0 = datetime(2024, 2, 10, 2, 30, tzinfo=UTC)


def _fill(store: Store, officer: Officer) -> list[int]:
    by = officer.id
    assert by is not None
    ids = []
    for i in range(3):
        made = store.visits.create(factories.lp(T0 + timedelta(hours=i), by), by).record.id
        assert made is not None
        ids.append(made)
    store.register.assign(ids[0], by, investigator_id=by, investigator_role="penyidik",
                          supervisor_id=None, difficulty="sulit")
    store.register.change_stage(ids[0], "penyelidikan", "saksi diperiksa", by,
                                at=T0 + timedelta(days=1))
    case = store.register.case(ids[0])
    letter = store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="=SUM(A1) bukan rumus", actions="a",
        obstacles="-", next_steps="n", advice="h", signer_id=by, recipient="Siti Aminah",
        issued_at=T0 + timedelta(days=2)), by).record
    store.register.update_letter(replace(letter, delivery_method="whatsapp",
                                         delivered_at=T0 + timedelta(days=2, hours=3),
                                         delivered_to="Siti Aminah"), by)
    store.register.change_stage(ids[1], "rj", "damai", by, at=T0 + timedelta(days=3))
    return ids


def test_xlsx_matches_the_store(store: Store, officer: Officer, tmp_path: Path) -> None:
    _fill(store, officer)
    out = tmp_path / "register.xlsx"
    assert export_register(store, out) == 3
    book = load_workbook(out)
    assert book.sheetnames == ["Register LP", "SP2HP", "Riwayat tahap"]
    rows = list(book["Register LP"].iter_rows(values_only=True))
    assert rows[0][:6] == ("Nomor LP", "Diterima", "Pelapor", "Kategori", "Tahap", "Sejak")
    by_number = {r[0]: r for r in rows[1:]}
    for row in store.register.page(RegisterFilter(), limit=10):
        line = by_number[row.number]
        assert line[2] == row.reporter_name
        assert line[10] == row.sp2hp_count
        assert line[12] == (row.due_on.isoformat() if row.due_on else None)
    letters = list(book["SP2HP"].iter_rows(values_only=True))[1:]
    (only,) = letters
    assert only[1] == "B/1/II/2024/RESKRIM/POLSEK PEDAMARAN" and only[6] == "WhatsApp"
    stages = {r[4] for r in rows[1:]}
    assert stages == {"Penyelidikan", "Restorative Justice (RJ)", "Diterima"}
    history = list(book["Riwayat tahap"].iter_rows(values_only=True))[1:]
    assert ("saksi diperiksa" in {r[4] for r in history})
    # no cell becomes a formula
    assert all(not (isinstance(c, str) and c.startswith("=")) for r in rows for c in r)
    entries = [e for e in store.access_log() if e.action == "export"]
    assert entries and "XLSX 3 LP (register)" in str(entries[0].after)


def test_csv_round_trip_keeps_stages_and_sp2hp(store: Store, officer: Officer, clock,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    _fill(store, officer)
    reports, register = tmp_path / "laporan.csv", tmp_path / "register.csv"
    export_reports(store, reports)
    assert export_register(store, register) == 3
    with Store(tmp_path / "baru.db", clock=clock) as fresh:
        fresh.master.save(Officer("PETUGAS LAIN", "BRIPTU", "99010001"), None)
        fresh.master.save(replace(officer, meta=None), None)
        assert import_reports(fresh, reports).imported == 3
        report = import_register(fresh, register)
        assert report.ok and report.imported == 3, [p.text() for p in report.errors]

        def view(s: Store) -> list[tuple[object, ...]]:
            out = []
            for item in s.register.iter_cases():
                c = item.case
                officer_nrp = {o.id: o.nrp for o in s.master.list(Officer)}
                out.append((c.visit_uuid, c.stage, officer_nrp.get(c.investigator_id),
                            c.difficulty, c.sp2hp_count, c.last_sp2hp_at, c.due_on,
                            tuple((h.stage, h.at, h.note) for h in item.history),
                            tuple(replace(x, meta=None, signer_id=None) for x in item.letters)))
            return out

        assert view(fresh) == view(store)
        assert {x.meta.uuid for i in fresh.register.iter_cases() for x in i.letters} == {
            x.meta.uuid for i in store.register.iter_cases() for x in i.letters}
        assert fresh.verify() == []
        again = tmp_path / "lagi.csv"
        export_register(fresh, again)
        assert again.read_bytes() == register.read_bytes()
        # the next letter of the fresh store continues the counter
        case = fresh.register.case(fresh.register.page(RegisterFilter(), limit=3)[-1].visit_id)
        nxt = fresh.register.issue_letter(Sp2hpLetter(
            case.visit_uuid, "A1", case.stage, summary="s", actions="a", next_steps="n",
            advice="h", signer_id=fresh.master.officers_by_nrp()[officer.nrp].id,
            issued_at=T0 + timedelta(days=3)), None).record
        assert nxt.number == "B/2/II/2024/RESKRIM/POLSEK PEDAMARAN"


def test_import_refuses_unknown_lps_and_writes_nothing(store: Store, officer: Officer,
                                                       tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    _fill(store, officer)
    register = tmp_path / "register.csv"
    export_register(store, register)
    with Store(tmp_path / "kosong.db", clock=clock) as empty:
        report = import_register(empty, register)
        assert not report.ok and report.imported == 0
        assert "impor dulu laporannya" in report.errors[0].text()


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_piket_export_register(tmp_path: Path, clock, capsys, monkeypatch,  # type: ignore[no-untyped-def]
                               suffix: str) -> None:
    from app.cli import main
    from tests.cli_support import PIMPINAN, make_store, sign_in_as

    path = tmp_path / "piket.db"
    with make_store(path, clock=clock) as made:
        admin = made.master.officers_by_nrp()["85061234"]
        _fill(made, admin)
    sign_in_as(monkeypatch, PIMPINAN)
    out = tmp_path / f"register{suffix}"
    code = main(["export", "--db", str(path), "--kind", "register", "--out", str(out)])
    printed = capsys.readouterr()
    assert (code, printed.err) == (0, "")
    assert "Berhasil mengekspor register 3 LP" in printed.out
    assert out.exists()
