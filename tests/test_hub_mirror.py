"""The Polres mirror (issue 20, app/hub/mirror.py): each station's records kept at the Polres
and caught up from the hub; the register (stages, SP2HP letters) and handovers rebuilt
there; a station's numbers at the hub equal its own review, after a first build and after
updates and voids; a damaged or stale mirror is built again; a station whose history was
refused is not mirrored past the refusal; personal data stays out. A real PostgreSQL server
(tests/pg_server.py)."""

from __future__ import annotations

import hashlib
import stat
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from app.domain.register import Sp2hpLetter
from app.hub import HubRefused
from app.hub.connect import connect
from app.hub.ingest import accept
from app.hub.mirror import Mirrors
from app.hub.schema import migrate
from app.hub.weekly import StationLine, polres_week, station_figures
from app.store import Store
from app.sync.push import push
from app.sync.signing import sign_entries
from app.weekly.figures import compute_weekly, station_week
from app.weekly.model import WeeklyFigures
from tests import factories
from tests.hub_support import add_walk_ins, make_station, open_store, reopen
from tests.pg_server import hub_dsn, pg_server  # noqa: F401 (fixtures)

WEEK = "2024-W07"  # Monday 12 to Sunday 18 February 2024, WIB
NOW = datetime(2024, 3, 1, 3, tzinfo=UTC)


def wib(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 2, day, hour, tzinfo=UTC) - timedelta(hours=7)


@pytest.fixture
def hub(hub_dsn: str) -> str:  # noqa: F811
    with connect(hub_dsn) as conn:
        migrate(conn)
    return hub_dsn


class Clock:
    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when


def _letter(store: Store, visit_id: int, at: datetime, by: int) -> Sp2hpLetter:
    case = store.register.case(visit_id)
    return store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="Perkara BUDI SANTOSO", actions="a",
        next_steps="n", advice="h", signer_id=by, recipient="BUDI SANTOSO", issued_at=at),
        by).record


def _hand_over(store: Store, clock: Clock, day: int, hour: int, out_id: int,
               in_id: int) -> None:
    clock.when = wib(day + 1, hour)
    store.duty.hand_over(store.duty.shift_on(date(2024, 2, day)), outgoing_officer_id=out_id,
                         incoming_officer_id=in_id, summary="Aman, tahanan BUDI SANTOSO",
                         incoming_notes="Diterima", items=(), by=out_id)


def _register_station(path: Path, code: str) -> tuple[Clock, dict[str, int]]:
    """A station whose LPs moved through the register (stages, letters, delivery) and whose
    shifts were handed over, on time and late."""
    clock = Clock(wib(2))
    ids: dict[str, int] = {}
    with make_station(path, code, walk_ins=0, clock=clock) as store:
        by, other = sorted(store.master.officers_by_id())[:2]

        def lp(day: int, name: str) -> None:
            clock.when = wib(day)
            made = store.visits.create(factories.lp(clock.when, by), by).record.id
            assert made is not None
            ids[name] = made

        lp(2, "late")       # no letter: late
        lp(10, "staged")    # moved through the register, to tahap II in the week
        lp(12, "lettered")  # a letter in the week, delivered
        lp(15, "due")       # due on the 18th
        lp(13, "closed")    # closed by its status in the week (CC)
        store.register.assign(ids["staged"], by, investigator_id=by,
                              investigator_role="penyidik", supervisor_id=None,
                              difficulty="sulit")
        clock.when = wib(16, 10)
        letter = _letter(store, ids["lettered"], wib(14), by)
        store.register.update_letter(
            Sp2hpLetter(**{**letter.__dict__, "delivery_method": "tangan",
                           "delivered_at": wib(15), "delivered_to": "BUDI SANTOSO"}), by)
        _letter(store, ids["staged"], wib(13), by)
        for stage, day in (("penyelidikan", 14), ("penyidikan", 15), ("tahap_ii", 16)):
            clock.when = wib(day, 11)
            store.register.change_stage(ids["staged"], stage, f"tahap {stage}", by,
                                        at=wib(day, 10))
        clock.when = wib(17)
        store.visits.change_status(ids["closed"], "selesai", "perkara selesai", by)
        for day, hour in ((12, 8), (13, 13), (14, 8)):  # on time, late, on time
            _hand_over(store, clock, day, hour, by, other)
        store.patrols.save(factories.patrol(wib(14), by), by)
    return clock, ids


def _own(path: Path) -> WeeklyFigures:
    with reopen(path) as store:
        return compute_weekly(store, station_week(store.profile(), WEEK), now=NOW)


def _assert_same(at_hub: WeeklyFigures, own: WeeklyFigures) -> None:
    for part in ("summary", "categories", "services", "trend", "response", "by_desa",
                 "by_time_band", "patrols", "community", "sp2hp", "handovers", "disasters"):
        assert getattr(at_hub, part) == getattr(own, part), part


def _push(path: Path, hub: str) -> None:
    with reopen(path) as store:
        push(store, hub)


def test_register_and_handovers_at_the_hub_equal_the_stations_own(tmp_path: Path,
                                                                   hub: str) -> None:
    path = tmp_path / "pdm.db"
    _register_station(path, "PDM")
    _push(path, hub)
    own = _own(path)
    assert own.sp2hp is not None and own.handovers is not None
    assert own.sp2hp.sent.current == 2 and own.sp2hp.due >= 1 and own.sp2hp.overdue >= 1
    assert own.handovers.late.current == 1 and own.handovers.on_time.current == 2
    assert own.summary.crime_cleared.current == 2  # tahap II by the register, selesai by status
    with connect(hub) as conn:
        mirrors = Mirrors(conn, lambda: NOW, tmp_path / "mirror")
        _assert_same(station_figures(mirrors, "PDM", WEEK, NOW), own)
        week = polres_week(conn, WEEK, NOW, folder=tmp_path / "mirror")
    line = week.lines[0]
    assert (line.sp2hp_sent, line.sp2hp_due, line.sp2hp_overdue) == (
        own.sp2hp.sent.current, own.sp2hp.due, own.sp2hp.overdue)
    assert line == StationLine.of("PDM", line.name, own, 0, line.entries)


def test_the_mirror_catches_up_updates_and_voids(tmp_path: Path, hub: str) -> None:
    path = tmp_path / "pdm.db"
    clock, ids = _register_station(path, "PDM")
    _push(path, hub)
    folder = tmp_path / "mirror"
    with connect(hub) as conn:
        mirrors = Mirrors(conn, lambda: NOW, folder)
        with mirrors.station("PDM") as (_, first):
            assert first.built and first.records > 0
        station_figures(mirrors, "PDM", WEEK, NOW)
    with open_store(path, clock=clock) as store:
        by = min(store.master.officers_by_id())
        clock.when = wib(18)
        store.visits.change_status(ids["due"], "ditangani", "ke TKP", by)
        store.visits.change_status(ids["late"], "selesai", "perkara selesai", by)
        store.visits.void(ids["lettered"], "salah input", by)
        patrol_id = store.patrols.id_by_uuid(store.patrols.all_uuids()[0])
        assert patrol_id is not None
        store.patrols.void(patrol_id, "ganda", by)
        _letter(store, ids["due"], wib(18), by)
        issued_in_error = _letter(store, ids["late"], wib(16), by)
        assert issued_in_error.meta is not None
        store.register.void_letter(issued_in_error.meta.id, "salah LP", by)
        store.register.change_stage(ids["staged"], "selesai", "berkas lengkap", by,
                                    at=wib(18, 10))
        push(store, hub)
    own = _own(path)
    with connect(hub) as conn:
        mirrors = Mirrors(conn, lambda: NOW, folder)
        with mirrors.station("PDM") as (mirror, again):
            assert not again.built and 0 < again.records < first.records
            # the walk-ins' people, narratives and letters' texts stay at the station
            assert mirror.db.execute("SELECT count(*) FROM visit_parties WHERE name != '' "
                                     "OR nik != '' OR phone != ''").fetchone()[0] == 0
            assert mirror.db.execute("SELECT count(*) FROM visits WHERE narrative != ''"
                                     ).fetchone()[0] == 0
            assert mirror.db.execute("SELECT count(*) FROM sp2hp_letters WHERE summary != '' "
                                     "OR recipient != '' OR delivered_to != ''"
                                     ).fetchone()[0] == 0
            assert mirror.db.execute("SELECT count(*) FROM handovers WHERE summary != ''"
                                     ).fetchone()[0] == 0
        figures = station_figures(mirrors, "PDM", WEEK, NOW)
    _assert_same(figures, own)
    assert figures.patrols.count.current == 0  # voided at the station after the first push
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_first_build_imports_patrols_and_meetings_in_bulk_with_their_voids(
        tmp_path: Path, hub: str) -> None:
    path = tmp_path / "pdm.db"
    clock, _ids = _register_station(path, "PDM")
    with open_store(path, clock=clock) as store:
        by = min(store.master.officers_by_id())
        clock.when = wib(17, 12)
        ganda = store.patrols.save(factories.patrol(wib(15), by), by).record
        store.patrols.void(ganda.id, "ganda", by)
        edited = store.patrols.save(factories.patrol(wib(16), by), by).record
        store.patrols.save(replace(edited, notes="diperbaiki"), by)
        meeting = store.meetings.save(factories.meeting(wib(13), by), by).record
        store.meetings.set_issue_status(meeting.issues[0].uuid, "selesai", "sudah beres", by)
        wrong = store.meetings.save(factories.meeting(wib(14), by), by).record
        store.meetings.void(wrong.id, "salah input", by)
    _push(path, hub)
    own = _own(path)
    assert own.patrols is not None and own.patrols.count.current == 2
    with connect(hub) as conn, Mirrors(conn, lambda: NOW, tmp_path / "mirror").station(
            "PDM") as (mirror, first):
        assert first.built
        figures = compute_weekly(mirror, station_week(mirror.profile(), WEEK), now=NOW)
        assert mirror.patrols.get_by_uuid(edited.meta.uuid).notes == "diperbaiki"
        assert mirror.patrols.get_by_uuid(ganda.meta.uuid).meta.void_reason == "ganda"
        assert mirror.meetings.get_by_uuid(wrong.meta.uuid).meta.voided_at is not None
        issue = mirror.meetings.get_by_uuid(meeting.meta.uuid).issues[0]
        assert [h.status for h in issue.history] == ["terbuka", "selesai"]
        assert mirror.verify() == []
    _assert_same(figures, own)


@pytest.mark.parametrize("damage", ["state", "store", "gone"])
def test_a_damaged_or_lost_mirror_is_built_again(tmp_path: Path, hub: str, damage: str) -> None:
    path = tmp_path / "pdm.db"
    _register_station(path, "PDM")
    _push(path, hub)
    own = _own(path)
    folder = tmp_path / "mirror"
    with connect(hub) as conn:
        mirrors = Mirrors(conn, lambda: NOW, folder)
        station_figures(mirrors, "PDM", WEEK, NOW)
        damaged: dict[str, Callable[[], object]] = {
            "state": lambda: mirrors.path("PDM").with_suffix(".state.json").write_text("{"),
            "store": lambda: mirrors.path("PDM").write_bytes(b"not a database" * 100),
            "gone": lambda: mirrors.path("PDM").unlink(),
        }
        damaged[damage]()
        with mirrors.station("PDM") as (_, caught_up):
            assert caught_up.built
        _assert_same(station_figures(mirrors, "PDM", WEEK, NOW), own)


def test_a_stale_mirror_of_another_hub_is_built_again(tmp_path: Path, hub: str,
                                                      pg_server: object) -> None:  # noqa: F811
    """The same folder, and a hub that holds other entries at the id the mirror applied."""
    path = tmp_path / "pdm.db"
    make_station(path, "PDM", walk_ins=2).close()
    _push(path, hub)
    folder = tmp_path / "mirror"
    with connect(hub) as conn:
        with Mirrors(conn, lambda: NOW, folder).station("PDM") as (_, first):
            assert first.built
        conn.execute("UPDATE hub_entries SET hash = 'x' WHERE station_code = 'PDM' AND "
                     "entry_id = (SELECT head_id FROM hub_stations WHERE code = 'PDM')")
        conn.execute("UPDATE hub_stations SET head_hash = 'x' WHERE code = 'PDM'")
        with Mirrors(conn, lambda: NOW, folder).station("PDM") as (_, again):
            assert again.built


def test_a_refused_station_is_not_mirrored_past_the_refusal(tmp_path: Path, hub: str) -> None:
    path = tmp_path / "pdm.db"
    with make_station(path, "PDM", walk_ins=2) as store:
        push(store, hub)
        held = store.audit_head()[0]
        entries = store.sync.entries_after(0, 1000)
    entries[1]["after"] = '{"changed": true}'
    entries[1]["hash"] = "f" * 64
    with reopen(path) as store:
        sign_entries(store.sync.keys(), "PDM", entries)
    with connect(hub) as conn:
        with pytest.raises(HubRefused):
            accept(conn, "PDM", entries)
    with reopen(path) as store:
        add_walk_ins(store, 2)
        push(store, hub)  # the station's own history again: accepted
        head = store.audit_head()[0]
    assert head > held
    with connect(hub) as conn:
        with Mirrors(conn, lambda: NOW, tmp_path / "mirror").station("PDM") as (mirror, up):
            assert up.applied_id == held
            assert mirror.db.execute("SELECT count(*) FROM visits").fetchone()[0] == 2
        week = polres_week(conn, WEEK, NOW, folder=tmp_path / "mirror")
    assert week.lines[0].refusals == 1


def test_the_hubs_trigger_refuses_a_batch_that_does_not_extend_the_chain(
        tmp_path: Path, hub: str) -> None:
    """Whoever inserts (here the owner, past the checks of app/hub/ingest.py): one statement
    of entries must run on from the head, each linking to the one before."""
    import psycopg

    with make_station(tmp_path / "a.db", "PDM", walk_ins=1) as store:
        push(store, hub)
        head = store.audit_head()
    sql = ("INSERT INTO hub_entries (station_code, entry_id, at, action, kind, prev_hash, hash, "
           "signature) VALUES ('PDM', %s, 'x', 'create', 'visit', %s, %s, '\\x00'), "
           "('PDM', %s, 'x', 'create', 'visit', %s, %s, '\\x00')")
    n, mac = head
    with psycopg.connect(hub, autocommit=True) as conn:
        for values in ([n + 2, mac, "a", n + 3, "a", "b"],   # a gap
                       [n + 1, "f" * 64, "a", n + 2, "a", "b"],  # not linked to the head
                       [n + 1, mac, "a", n + 2, "z", "b"]):  # the second not to the first
            with pytest.raises(psycopg.errors.RaiseException):
                conn.execute(sql, values)
        conn.execute(sql, [n + 1, mac, "a", n + 2, "a", "b"])
        assert conn.execute("SELECT head_id, head_hash FROM hub_stations WHERE code = 'PDM'"
                            ).fetchone() == (n + 2, "b")


def test_the_mirror_lives_in_the_user_cache_folder_by_the_hubs_identity(
        tmp_path: Path, hub: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Not named by the DSN (which may hold a password); private to its owner."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    make_station(tmp_path / "a.db", "PDM", walk_ins=1).close()
    _push(tmp_path / "a.db", hub)
    with connect(hub) as conn:
        polres_week(conn, WEEK, NOW)
        identity = conn.execute("SELECT id::text FROM hub_identity").fetchone()
    assert identity is not None
    (folder,) = (tmp_path / "cache" / "Piket" / "hub-mirror").iterdir()
    assert folder.name == hashlib.sha256(identity[0].encode()).hexdigest()[:16]
    assert folder.name not in hub
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert {p.suffix for p in folder.iterdir()} == {".db", ".json"}
    assert all(stat.S_IMODE(p.stat().st_mode) & 0o077 == 0 for p in folder.iterdir()
               if p.suffix == ".db")
