"""`piket demo`: deterministic, realistic demo data written through the store API, into an
encrypted store whose first administrator is the officer who ran it (PIKET_OFFICER,
PIKET_PASSWORD: tests/cli_support.py)."""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from stdnum.id import nik as stdnum_nik

from app.cli import main
from app.clock import fixed_clock
from app.demo.generator import (
    DemoOptions,
    DemoRefused,
    demo_clock,
    demo_period,
    fill_demo,
    generate_demo,
)
from app.domain.codes import FINAL_STATUSES
from app.domain.models import Desa, Officer, Vehicle, Visit
from app.security.permissions import Role
from app.store import Store, VisitFilter
from tests.cli_support import ADMIN, PASSWORD, PETUGAS, open_store, sign_in_as, signed_in

pytestmark = pytest.mark.usefixtures("signed_in")
__all__ = ["signed_in"]

TODAY = date(2026, 11, 25)  # a Wednesday: the demo covers 9-22 November 2026
TZ = ZoneInfo("Asia/Jakarta")
ARGS = ["--weeks", "2", "--seed", "7", "--today", TODAY.isoformat()]


def run_demo(path: Path, *extra: str) -> int:
    return main(["demo", "--db", str(path), *ARGS, *extra])


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as monkeypatch:
        sign_in_as(monkeypatch)
        assert run_demo(path) == 0
    yield path


@pytest.fixture
def store(demo_db: Path) -> Iterator[Store]:
    with open_store(demo_db) as s:
        yield s


def all_visits(store: Store) -> list[Visit]:
    return [store.visits.get(row.id) for row in store.visits.page(VisitFilter(), limit=10**6)]


def local(moment: datetime) -> datetime:
    return moment.astimezone(TZ)


def fingerprint(path: Path) -> dict[str, object]:
    """What must be the same for the same seed and day: counts, numbers, names, texts, times."""
    with open_store(path) as store:
        visits = all_visits(store)
        patrols = store.patrols.list(limit=10**6)
        meetings = store.meetings.list(limit=10**6)
        return {
            "officers": [(o.name, o.rank, o.nrp, o.position) for o in store.master.list(Officer)],
            "vehicles": [(v.name, v.plate) for v in store.master.list(Vehicle)],
            "visits": [(v.number, v.service, v.category, v.status, v.received_at,
                        [(p.role, p.name, p.nik, p.phone) for p in v.parties], v.narrative,
                        v.arrived_at, v.resolved_at, v.meta and v.meta.void_reason) for v in visits],
            "patrols": [(p.patrol_type, p.start_at, p.member_ids, [x.place for x in p.places])
                        for p in patrols],
            "meetings": [(m.meeting_type, m.held_at, m.participant_total,
                          [(i.description, i.status, i.due_date) for i in m.issues]) for m in meetings],
        }


def test_same_seed_and_day_give_identical_data(demo_db: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.db"
    assert run_demo(again) == 0
    assert fingerprint(again) == fingerprint(demo_db)
    other = tmp_path / "other.db"
    assert main(["demo", "--db", str(other), "--weeks", "1", "--seed", "8",
                 "--today", TODAY.isoformat()]) == 0
    first_week = fingerprint(other)["officers"]
    assert first_week != fingerprint(demo_db)["officers"]  # another seed, other people


def test_verify_passes(demo_db: Path, store: Store, capsys: pytest.CaptureFixture[str]) -> None:
    assert store.verify() == []
    assert main(["verify", "--db", str(demo_db)]) == 0
    assert "utuh" in capsys.readouterr().out


def test_period_is_whole_weeks_ending_last_sunday(store: Store) -> None:
    assert demo_period(TODAY, 2).first == date(2026, 11, 9)
    assert demo_period(date(2026, 11, 23), 1).last == date(2026, 11, 22)  # a Monday
    assert demo_period(date(2026, 11, 22), 1).last == date(2026, 11, 15)  # a Sunday: not yet over
    times = [local(v.received_at) for v in all_visits(store)]
    assert min(times).date() >= date(2026, 11, 9) and max(times).date() <= date(2026, 11, 22)
    starts = [local(p.start_at).date() for p in store.patrols.list(limit=10**6)]
    assert set(starts) == {date(2026, 11, 9) + timedelta(days=i) for i in range(14)}


def test_roster_has_about_25_officers_with_the_commander(store: Store) -> None:
    officers = store.master.list(Officer)
    profile = store.profile()
    assert store.settings.has_station_profile()  # the app opens without the first-run dialog
    assert 23 <= len(officers) <= 27
    commander = [o for o in officers if o.position == "Kapolsek"]
    assert len(commander) == 1
    assert commander[0].name == profile.commander_name
    assert (commander[0].rank, commander[0].nrp) == (profile.commander_rank, profile.commander_nrp)
    assert all(len(o.nrp) == 8 and o.nrp.isdigit() for o in officers)
    assert len({o.nrp for o in officers}) == len(officers)
    ranks = Counter(o.rank for o in officers)
    assert ranks["BRIPDA"] + ranks["BRIPTU"] + ranks["BRIGPOL"] > ranks["AIPDA"] + ranks["AIPTU"] + \
        ranks["IPDA"] + ranks["IPTU"]
    positions = " ".join(o.position for o in officers)
    for post in ("Wakapolsek", "Kanit Reskrim", "Kanit SPKT", "Kanit Samapta", "Kanit Intelkam"):
        assert post in positions
    bhabin = " ".join(o.position for o in officers if o.position.startswith("Bhabinkamtibmas"))
    assert all(d.name in bhabin for d in store.master.list(Desa))
    assert Counter(v.mode for v in store.master.list(Vehicle)).keys() >= {"r2", "r4", "perairan"}


def test_every_desa_appears(store: Store) -> None:
    seen = {v.incident_desa for v in all_visits(store)}
    seen |= {p.desa for patrol in store.patrols.list(limit=10**6) for p in patrol.places}
    seen |= {m.desa for m in store.meetings.list(limit=10**6)}
    assert {d.name for d in store.master.list(Desa)} <= seen


def test_incidents_peak_after_six_in_the_evening(store: Store) -> None:
    hours = [local(v.occurred_at).hour for v in all_visits(store)
             if v.service == "lp" and v.occurred_at and not (v.meta and v.meta.voided)]
    bands = Counter(hour // 6 for hour in hours)
    assert bands[3] == max(bands.values())  # 18.00-24.00 is the busiest band
    evening_and_night = sum(1 for h in hours if h >= 18 or h < 6)
    assert evening_and_night > len(hours) - evening_and_night


def test_fridays_have_jumat_curhat_and_issues_are_followed_up(store: Store) -> None:
    meetings = store.meetings.list(limit=10**6)
    curhat = {local(m.held_at).date() for m in meetings if m.meeting_type == "jumat_curhat"}
    assert curhat == {date(2026, 11, 13), date(2026, 11, 20)}
    assert {m.meeting_type for m in meetings} - {"jumat_curhat"}  # sambang, FKPM, sosialisasi...
    assert all(m.participants and m.participant_total > 0 for m in meetings)
    issues = [i for m in meetings for i in m.issues]
    assert issues and all(i.owner_officer_id and i.due_date for i in issues)
    assert store.meetings.overdue_count(TODAY) >= 1
    overdue = [f for f in store.meetings.follow_ups(today=TODAY) if f.overdue]
    assert overdue and all(f.issue.due_date and f.issue.due_date < TODAY for f in overdue)


def test_walk_ins_are_varied_and_realistic(store: Store) -> None:
    visits = all_visits(store)
    services = Counter(v.service for v in visits)
    assert set(services) == {"lp", "kehilangan", "pengaduan", "dumas", "informasi", "lainnya"}
    lps = [v for v in visits if v.service == "lp" and not (v.meta and v.meta.voided)]
    assert len({v.narrative for v in lps}) == len(lps)  # no repeated rows (but double entries)
    assert len({v.category for v in lps}) >= 6
    assert any(v.lp_model == "A" and v.source_patrol_uuid for v in lps)
    for v in lps:
        if v.lp_model == "A":
            assert store.patrols.get_by_uuid(v.source_patrol_uuid or "").meta is not None
    lost = [v for v in visits if v.service == "kehilangan"]
    assert lost and all(v.lost_items for v in lost)
    assert {i.doc_type for v in lost for i in v.lost_items} >= {"KTP", "ATM", "STNK"}
    assert all(v.complaint_subject for v in visits if v.service in ("pengaduan", "dumas"))
    assert all(v.other_reason for v in visits if v.service == "lainnya")
    voided = [v for v in visits if v.meta and v.meta.voided]
    assert voided and all(v.meta and v.meta.void_reason for v in voided)


def test_response_times_and_status_histories(store: Store) -> None:
    visits = [v for v in all_visits(store) if not (v.meta and v.meta.voided)]
    reached = [v.response_minutes for v in visits if v.needs_visit and v.arrived_at]
    assert reached and all(m is not None and m > 0 for m in reached)
    within = [m for m in reached if m is not None and 10 <= m <= 30]
    assert len(within) > len(reached) / 2
    for v in visits:
        history = [h.status for h in v.status_history]
        assert history[0] == "diterima" and history[-1] == v.status
        assert all(a.at <= b.at for a, b in zip(v.status_history, v.status_history[1:], strict=False))
        assert all(h.note for h in v.status_history[1:])
        if v.needs_visit and v.arrived_at:
            assert v.dispatched_at and v.received_at <= v.dispatched_at <= v.arrived_at
        if v.status in FINAL_STATUSES:
            assert v.resolved_at is not None
    assert {v.status for v in visits} >= {"ditangani", "selesai"}


def test_citizens_have_valid_niks_and_normalised_phones(store: Store) -> None:
    parties = [p for v in all_visits(store) for p in v.parties]
    niks = [p for p in parties if p.nik]
    assert len(niks) > 20
    for party in niks:
        assert stdnum_nik.is_valid(party.nik), party.nik
        assert party.nik[:2] in ("12", "13", "16", "18", "33", "35")
        assert (int(party.nik[6:8]) > 40) == (party.sex == "P")
        assert party.birth_date and int(party.nik[8:10]) == party.birth_date.month
    assert sum(p.nik.startswith("160207") for p in niks) > len(niks) / 2
    phones = [p.phone for p in parties if p.phone]
    assert phones and all(p.startswith("+628") and 11 <= len(p) <= 15 for p in phones)


def test_refuses_a_store_with_records_unless_forced(demo_db: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    copy = tmp_path / "copy.db"
    shutil.copyfile(demo_db, copy)  # closed: no -wal beside it
    shutil.copyfile(demo_db.with_name("demo.db.keys"), tmp_path / "copy.db.keys")
    capsys.readouterr()
    assert run_demo(copy) == 1
    err = capsys.readouterr().err
    assert "sudah berisi" in err and "--force" in err and "Traceback" not in err
    with open_store(copy) as store, pytest.raises(DemoRefused):
        fill_demo(store, demo_clock(), DemoOptions(weeks=1, today=TODAY))
    assert run_demo(copy, "--force") == 0
    with open_store(copy) as store:
        assert len(store.master.list(Officer)) <= 28  # the roster is reused, not doubled
        assert store.verify() == []


def test_a_fresh_path_makes_the_officer_its_first_administrator(
        tmp_path: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "baru.db"
    assert main(["demo", "--db", str(path), "--weeks", "1", "--today", TODAY.isoformat(),
                 "--name", "Siti Rahma", "--rank", "ipda", "--accounts"]) == 0
    out = capsys.readouterr().out
    demo_accounts = [line for line in out.splitlines() if line.startswith("Akun contoh: NRP ")]
    assert [label in line for line, label in zip(demo_accounts, (
        "(Pimpinan (Kapolsek/Wakapolsek))", "(KA SPKT / Kanit)", "(Petugas SPKT)"),
        strict=True)] == [True, True, True]
    kapolsek = demo_accounts[0].split()[3]
    assert out.count("KUNCI PEMULIHAN") == 1 and "brankas Kapolsek" in out
    recovery = out.split("KUNCI PEMULIHAN (hanya ditampilkan sekali ini):\n")[1].split()[0]
    assert f"masuk dengan NRP {ADMIN.nrp}" in out
    assert not path.read_bytes().startswith(b"SQLite format 3")
    with open_store(path) as store:
        account = store.accounts.find(ADMIN.nrp)
        assert account is not None and account.role == Role.ADMIN
        admin = store.master.officers_by_nrp()[ADMIN.nrp]
        assert (admin.name, admin.rank) == ("SITI RAHMA", "IPDA")
        assert store.summary_counts()["Kunjungan"] > 0
        demo = store.db.execute("SELECT officer_id FROM audit_log WHERE action = 'demo'")
        assert demo.fetchall() == [(admin.id,)]
    from app.store import open_with_recovery

    with open_with_recovery(path, recovery) as store:  # the key printed is the store's
        assert store.accounts.find(ADMIN.nrp) is not None
    monkeypatch.setenv("PIKET_OFFICER", kapolsek)  # every role can be tried from here
    assert main(["export", "--db", str(path), "--kind", "patrols", "--out",
                 str(tmp_path / "p.csv")]) == 0
    capsys.readouterr()
    # a store's own officer who is no administrator may not fill it with demo data
    with open_store(path) as store:
        rudi = store.master.save(PETUGAS, None).record
        assert rudi.id is not None
        store.accounts.create(rudi.id, Role.PETUGAS, PASSWORD, None)
    sign_in_as(monkeypatch, PETUGAS)
    assert main(["demo", "--db", str(path), "--weeks", "1", "--force"]) == 1
    assert "tidak berwenang mengubah pengaturan" in capsys.readouterr().err


def test_bad_arguments_are_explained(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["demo", "--db", str(tmp_path / "x.db"), "--today", "25-11-2026"]) == 1
    assert "--today" in capsys.readouterr().err
    assert main(["demo", "--db", str(tmp_path / "x.db"), "--weeks", "0"]) == 1
    assert "--weeks" in capsys.readouterr().err


def test_today_defaults_to_the_store_clock(tmp_path: Path) -> None:
    clock = fixed_clock(datetime(2026, 11, 23, 20, 0, tzinfo=UTC))  # Tuesday 03.00 WIB
    summary = generate_demo(tmp_path / "c.db", DemoOptions(weeks=1, seed=3), clock=clock)
    assert (summary.first, summary.last) == (date(2026, 11, 16), date(2026, 11, 22))
    assert summary.officers >= 23 and summary.patrols > 7


def test_bulk_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bulk.db"
    assert main(["demo", "--db", str(path), "--weeks", "1", "--reports", "400",
                 "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "400/400 kunjungan" in out and "Kunjungan SPKT" in out
    with open_store(path) as store:
        rows = store.visits.page(VisitFilter(), limit=10**6)
        assert len([r for r in rows if not (r.number or "").startswith("LP/A/")]) == 400
        assert store.verify() == []
