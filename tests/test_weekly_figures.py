"""Figures of the weekly review from a hand-built week with known records (2024-W07, Senin
12 - Minggu 18 Februari 2024, WIB). The scenario is also used by the PDF and UI tests."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.models import (
    LostItem,
    Meeting,
    MeetingIssue,
    Officer,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    Visit,
)
from app.store import Store
from app.weekly.figures import (
    compute_home,
    compute_weekly,
    first_sentence,
    names_in,
    notable_text,
    station_week,
)

WIB = timedelta(hours=7)
REPORTER = "Siti Aminah"
REPORTER_NIK = "1602075203900003"
OTHER_NAMES = ("Budi Santoso", "Rahmat Hidayat", "Dewi Lestari")
NIKS = (REPORTER_NIK, "1602071203850001")


def wib(day: int, hour: int = 0, minute: int = 0, month: int = 2) -> datetime:
    """A WIB wall-clock time in February 2024 as aware UTC."""
    return datetime(2024, month, day, hour, minute, tzinfo=UTC) - WIB


class Clock:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when


@dataclass
class Scenario:
    store: Store
    clock: Clock
    officer_id: int
    path: Path


def reporter(name: str = REPORTER, nik: str = REPORTER_NIK) -> Party:
    return Party(role="pelapor", name=name, nik=nik if name == REPORTER else "", sex="P"
                 if name == REPORTER else "L", birth_date=date(1990, 3, 12) if name == REPORTER
                 else None, phone="+6281234567890", desa="Serinanti")


class Builder:
    def __init__(self, scenario: Scenario) -> None:
        self.s = scenario

    def at(self, when: datetime) -> Builder:
        self.s.clock.when = when
        return self

    def lp(self, received: datetime, category: str, desa: str, *, model: str = "B",
           occurred: datetime | None = None, arrived_after: int | None = None,
           needs_visit: bool = False, notable: bool = False, narrative: str = "",
           name: str = REPORTER) -> int:
        self.at(received + timedelta(minutes=1))
        arrived = received + timedelta(minutes=arrived_after) if arrived_after is not None else None
        if arrived is not None:
            self.at(max(self.s.clock.when, arrived))
        visit = Visit(
            service="lp", lp_model=model, received_at=received,
            receiving_officer_id=self.s.officer_id,
            parties=() if model == "A" else (reporter(name), Party(role="korban", name=name)),
            occurred_at=occurred, incident_desa=desa, place_type="pasar", category=category,
            narrative=narrative or f"Kejadian {category} di {desa}.", needs_visit=needs_visit,
            notable=notable, dispatched_officer_id=self.s.officer_id if arrived else None,
            dispatched_at=received + timedelta(minutes=1) if arrived else None, arrived_at=arrived)
        saved = self.s.store.visits.create(visit, self.s.officer_id)
        assert saved.record.id is not None
        return saved.record.id

    def status(self, visit_id: int, status: str, when: datetime) -> None:
        self.at(when)
        self.s.store.visits.change_status(visit_id, status, "tindak lanjut", self.s.officer_id,
                                          at=when)

    def other(self, service: str, received: datetime, name: str = "Budi Santoso") -> None:
        self.at(received + timedelta(minutes=1))
        extra: dict[str, object] = {}
        if service == "kehilangan":
            extra["lost_items"] = (LostItem("KTP", NIKS[1], "KTP-el"),)
        if service == "lainnya":
            extra["other_reason"] = "Menanyakan SKCK"
        parties = () if service in ("informasi", "lainnya") else (Party(role="pelapor",
                                                                        name=name),)
        self.s.store.visits.create(Visit(service=service, received_at=received,
                                         receiving_officer_id=self.s.officer_id, parties=parties,
                                         **extra), self.s.officer_id)  # type: ignore[arg-type]

    def patrol(self, start: datetime, hours: float, places: tuple[PatrolPlace, ...],
               kind: str = "rutin") -> int:
        end = start + timedelta(hours=hours)
        self.at(end + timedelta(minutes=5))
        saved = self.s.store.patrols.save(Patrol(
            patrol_type=kind, mode="r2", start_at=start, end_at=end,
            leader_id=self.s.officer_id, places=places), self.s.officer_id)
        assert saved.record.id is not None
        return saved.record.id

    def meeting(self, held: datetime, participants: int, issues: tuple[MeetingIssue, ...]) -> int:
        self.at(held + timedelta(hours=2))
        saved = self.s.store.meetings.save(Meeting(
            meeting_type="jumat_curhat", held_at=held, desa="Pedamaran I", place="Masjid",
            leader_id=self.s.officer_id,
            participants=(ParticipantCount("tokoh_masyarakat", participants - 4),
                          ParticipantCount("pemuda", 4)),
            issues=issues), self.s.officer_id)
        assert saved.record.id is not None
        return saved.record.id


def issue(text: str, due: date) -> MeetingIssue:
    return MeetingIssue(text, category="lainnya", desa="Pedamaran I", action="Koordinasi",
                        owner_agency="Pemerintah Desa", due_date=due)


NOTABLE_WITH_NAME = ("Sepeda motor milik Siti Aminah hilang di parkiran pasar. "
                     "Pelaku dua orang.")
NOTABLE_SAFE = ("Petugas patroli memergoki pencurian kabel listrik di gardu Jl. Lintas Timur. "
                "Pelaku melarikan diri ke arah kebun.")


def build_scenario(path: Path,
                   opener: Callable[[Path, Clock], Store] | None = None) -> Scenario:
    """The hand-built week. Expected figures are asserted in test_scenario_figures.
    `opener`: makes the store (an encrypted one for the commands, tests/cli_support.py)."""
    clock = Clock(wib(1))
    store = opener(path, clock) if opener else Store(path, clock=clock)
    officer = (store.master.officers_by_nrp().get("79051234")
               or store.master.save(Officer("INDRA GUNAWAN", "IPTU", "79051234"), None).record)
    assert officer.id is not None
    s = Scenario(store, clock, officer.id, path)
    b = Builder(s)
    # ---- last week, 2024-W06 (5-11 Feb)
    l1 = b.lp(wib(6, 10), "curanmor", "Serinanti")
    b.lp(wib(8, 20), "penganiayaan", "Cinta Jaya", needs_visit=True, arrived_after=15)
    b.lp(wib(9, 9), "curat", "Menang Raya", needs_visit=True)  # never reached: waiting
    b.other("kehilangan", wib(7, 9))
    b.patrol(wib(7, 20), 2, (PatrolPlace("Serinanti", "Pasar", None, "aman", "", 4),))
    b.meeting(wib(9, 14), 8, (issue("Lampu jalan mati", date(2024, 2, 16)),))  # overdue
    # ---- this week, 2024-W07 (12-18 Feb)
    b.lp(wib(12, 0, 0), "curat", "Serinanti", occurred=wib(11, 23, 30), needs_visit=True,
         arrived_after=8)  # Monday 00.00 WIB: this week
    b.lp(wib(18, 23, 59), "curanmor", "Sukadamai", needs_visit=True, notable=True,
         narrative=NOTABLE_WITH_NAME)  # Sunday 23.59 WIB: this week, waiting
    c = b.lp(wib(14, 14, 5), "pencurian", "Pedamaran I", model="A", occurred=wib(14, 3),
             notable=True, narrative=NOTABLE_SAFE)
    d = b.lp(wib(16, 21, 30), "penganiayaan", "Cinta Jaya", needs_visit=True, arrived_after=20,
             name="Rahmat Hidayat")
    b.lp(wib(18, 23, 50), "pencurian", "Pedamaran II", occurred=wib(18, 11), needs_visit=True,
         arrived_after=12, name="Dewi Lestari")  # reached after the week ended
    voided = b.lp(wib(13, 10), "curas", "Serinanti", notable=True, needs_visit=True,
                  narrative="Perampasan tas di jalan.")
    b.status(voided, "selesai", wib(14, 8))
    b.at(wib(14, 9))
    store.visits.void(voided, "Salah input, laporan ganda", s.officer_id)
    b.status(l1, "selesai", wib(14, 9))  # received last week, cleared this week
    b.status(c, "selesai", wib(15, 10))
    b.status(d, "ditangani", wib(16, 22))
    b.status(d, "rj", wib(17, 10))
    b.other("kehilangan", wib(12, 9))
    b.other("kehilangan", wib(15, 11), name="Dewi Lestari")
    b.other("informasi", wib(13, 8))
    b.other("pengaduan", wib(17, 10), name="Rahmat Hidayat")
    b.patrol(wib(13, 20), 3, (PatrolPlace("Serinanti", "Pasar", None, "aman", "Kunci ganda", 10),
                              PatrolPlace("Sukadamai", "Simpang", None, "pg", "", 5)))
    b.patrol(wib(17, 22), 4, (PatrolPlace("Cinta Jaya", "Dermaga", None, "ag", "", 3),
                              PatrolPlace("Serinanti", "Pos", None, "aman", "", 0)), kind="malam")
    void_patrol = b.patrol(wib(15, 8), 1, (PatrolPlace("Suka Raja", "Balai", None, "gn", "", 50),))
    store.patrols.void(void_patrol, "Patroli batal", s.officer_id)
    m1 = b.meeting(wib(16, 14), 16, (issue("Balap liar malam minggu", date(2024, 2, 23)),
                                     issue("Parkir liar di pasar", date(2024, 2, 17))))
    void_meeting = b.meeting(wib(15, 9), 30, (issue("Duplikat", date(2024, 2, 16)),))
    store.meetings.void(void_meeting, "Salah input", s.officer_id)
    closing = store.meetings.get(m1).issues[1]
    assert closing.uuid is not None
    b.at(wib(17, 9))
    store.meetings.set_issue_status(closing.uuid, "selesai", "Sudah ditertibkan", s.officer_id)
    # ---- not this week, and not records at all
    b.lp(wib(19, 0, 0), "curat", "Serinanti", needs_visit=True)  # Monday 00.00: next week
    store.drafts.save("visit", '{"service": "lp", "category": "curas"}', s.officer_id)
    b.at(wib(21, 10))  # Rabu 21 Februari 2024, 10.00 WIB: when the review is made
    return s


@pytest.fixture
def scenario(tmp_path: Path) -> Iterator[Scenario]:
    s = build_scenario(tmp_path / "anev.db")
    yield s
    s.store.close()


def test_scenario_figures(scenario: Scenario) -> None:
    store = scenario.store
    week = station_week(store.profile(), "2024-W07")
    f = compute_weekly(store, week)
    assert f.week.label == "2024-W07" and f.complete
    s = f.summary
    assert (s.crime_total.current, s.crime_total.previous) == (5, 3)
    assert (s.crime_cleared.current, s.crime_cleared.previous) == (3, 0)
    assert s.clearance_rate == pytest.approx(0.6)
    assert (s.three_c.current, s.three_c.previous) == (2, 2)
    cats = {r.key: (r.current, r.previous, r.cleared) for r in f.categories}
    assert cats == {"curat": (1, 1, 0), "curas": (0, 0, 0), "curanmor": (1, 1, 1),
                    "pencurian": (2, 0, 1), "penganiayaan": (1, 1, 1)}
    assert [r.key for r in f.categories][:3] == ["curat", "curas", "curanmor"]
    services = {r.key: (r.current, r.previous) for r in f.services}
    assert services == {"lp": (5, 3), "kehilangan": (2, 1), "pengaduan": (1, 0), "dumas": (0, 0),
                        "informasi": (1, 0), "lainnya": (0, 0)}
    assert [(p.week.label, p.crimes, p.crimes_3c) for p in f.trend][-2:] == [
        ("2024-W06", 3, 2), ("2024-W07", 5, 2)]
    assert len(f.trend) == 8 and f.trend[0].week.label == "2023-W52"
    r = f.response
    assert (r.needing_visit, r.reached, r.within_target, r.waiting) == (4, 3, 1, 3)
    assert r.median_minutes == 12 and r.previous_median_minutes == 15
    assert r.share_within_target == pytest.approx(0.25)
    assert [(d.key, d.current, d.previous) for d in f.by_desa] == [
        ("Cinta Jaya", 1, 1), ("Serinanti", 1, 1), ("Pedamaran I", 1, 0),
        ("Pedamaran II", 1, 0), ("Sukadamai", 1, 0), ("Menang Raya", 0, 1)]
    assert [(b.key, b.current) for b in f.by_time_band] == [
        ("00.00–06.00", 1), ("06.00–12.00", 1), ("12.00–18.00", 0), ("18.00–24.00", 3)]
    p = f.patrols
    assert (p.count.current, p.count.previous) == (2, 1)
    assert (p.hours, p.previous_hours) == (7, 2)
    assert p.desa_covered == ("Cinta Jaya", "Serinanti", "Sukadamai")
    assert [(x.key, x.current) for x in p.findings] == [("aman", 2), ("pg", 1), ("ag", 1),
                                                         ("gn", 0)]
    assert (p.people_reached.current, p.people_reached.previous) == (18, 4)
    assert [(x.key, x.current, x.previous) for x in p.by_type] == [("rutin", 1, 1),
                                                                    ("malam", 1, 0)]
    assert [d.count for d in p.per_day] == [0, 1, 0, 0, 0, 1, 0]
    c = f.community
    assert (c.meetings.current, c.meetings.previous) == (1, 1)
    assert (c.participants.current, c.participants.previous) == (16, 8)
    assert (c.issues_raised, c.issues_closed, c.issues_open, c.issues_overdue) == (2, 1, 2, 1)
    assert [(n.category, n.desa) for n in f.notable] == [
        ("Pencurian biasa", "Pedamaran I"),
        ("Pencurian kendaraan bermotor (Curanmor)", "Sukadamai")]
    assert f.notable[0].text == ("Petugas patroli memergoki pencurian kabel listrik di gardu "
                                 "Jl. Lintas Timur.")
    assert f.notable[1].text == "Pencurian kendaraan bermotor (Curanmor) di pasar."
    assert f.notable[0].at.hour == 3  # the incident's time, station time
    assert f.signed_on == date(2024, 2, 19)
    assert f.audit_fingerprint == store.audit_fingerprint()


def test_previous_week_counts_what_it_held(scenario: Scenario) -> None:
    f = compute_weekly(scenario.store, station_week(scenario.store.profile(), "2024-W06"))
    assert f.summary.crime_total.current == 3 and f.summary.crime_cleared.current == 0
    # at the end of W06 the curat of 9 Feb was waiting; the penganiayaan had been reached
    assert f.response.waiting == 1
    assert f.community.issues_open == 1 and f.community.issues_overdue == 0


def test_next_week_starts_with_the_monday_report(scenario: Scenario) -> None:
    f = compute_weekly(scenario.store, station_week(scenario.store.profile(), "2024-W08"))
    assert f.summary.crime_total.current == 1 and not f.complete
    assert f.signed_on == date(2024, 2, 21)  # a running week is signed today


def test_empty_week(tmp_path: Path) -> None:
    with Store(tmp_path / "kosong.db", clock=Clock(wib(21, 10))) as store:
        f = compute_weekly(store, station_week(store.profile(), "2024-W07"))
    assert f.empty and f.summary.clearance_rate is None
    assert f.response.median_minutes is None and f.response.share_within_target is None
    assert f.notable == () and f.by_desa == ()
    assert [r.key for r in f.categories] == ["curat", "curas", "curanmor"]


def test_home_figures(scenario: Scenario) -> None:
    scenario.clock.when = wib(14, 12)  # Rabu 14 Februari 12.00 WIB
    home = compute_home(scenario.store)
    assert home.week.label == "2024-W07"
    # so far: the Monday 00.00 curat, the voided curas does not count; last week by Wed noon:
    # the curanmor of Tuesday 6 Feb
    assert (home.crime_total.current, home.crime_total.previous) == (1, 1)
    assert (home.three_c.current, home.three_c.previous) == (1, 1)
    assert home.patrols_today == 0 and len(home.trend) == 8
    scenario.clock.when = wib(21, 10)
    home = compute_home(scenario.store)
    # waiting now: the Sunday 23.59 curanmor, last week's curat, next Monday's curat (the
    # Sunday 23.50 pencurian was reached); overdue: the issue due 16 Feb (17 Feb was closed)
    assert home.waiting == 3 and home.overdue_follow_ups == 1
    assert home.week.label == "2024-W08"


@pytest.mark.parametrize(("text", "expected"), [
    ("Motor hilang. Pelaku kabur.", "Motor hilang."),
    ("Rumah di Jl. Merdeka No. 5 dibobol. Pelaku kabur.", "Rumah di Jl. Merdeka No. 5 dibobol."),
    ("Tanpa titik di akhir", "Tanpa titik di akhir"),
    ("  Baris\npertama.  Kedua.", "Baris pertama."),
])
def test_first_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_notable_text_hides_names_and_numbers() -> None:
    assert names_in("korban budi dipukul", ["Budi Santoso"])
    assert not names_in("korban dipukul", ["Budi Santoso"])
    assert notable_text("Korban Budi dipukul.", ["Budi Santoso"], "Penganiayaan.") == "Penganiayaan."
    assert notable_text("KTP 1602075203900003 hilang.", [], "Kehilangan.") == "Kehilangan."
    long = "Kata " * 60
    assert notable_text(long, [], "x").endswith("…")
