"""Every record kind: saved with its metadata, read back whole, edited with versions,
voided with a reason and never deleted; every write leaves an audit entry."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.domain.models import Desa, Officer, Vehicle
from app.store import InvalidRecord, StaleRecord, Store, VisitFilter
from tests.factories import kehilangan, lp, meeting, patrol


def test_lp_round_trip_keeps_every_field(store: Store, officer: Officer, clock) -> None:
    visit = lp(clock() - timedelta(minutes=30), officer.id)
    saved = store.visits.create(visit, officer.id)
    assert saved.changed == frozenset({"visit"})
    got = store.visits.get(saved.record.id)
    assert replace(got, meta=None, number=None, status_history=()) == visit
    meta = got.meta
    assert meta is not None and len(meta.uuid) == 36 and meta.station_code == "PEDAMARAN"
    assert meta.version == 1 and meta.created_by == officer.id and meta.voided_at is None
    assert got.number and got.number.startswith("LP/B/1/II/2024/SPKT/POLSEK PEDAMARAN")
    assert [h.status for h in got.status_history] == ["diterima"]


def test_update_bumps_version_and_detects_stale_edit(store: Store, officer: Officer,
                                                     clock) -> None:
    first = store.visits.create(lp(clock(), officer.id), officer.id).record
    edited = store.visits.update(replace(first, narrative="Motor hilang dari garasi."),
                                 officer.id).record
    assert edited.meta.version == 2 and edited.number == first.number
    with pytest.raises(StaleRecord):
        store.visits.update(replace(first, narrative="versi lama"), officer.id)
    assert store.visits.get(first.id).narrative == "Motor hilang dari garasi."


def test_status_history_and_resolution(store: Store, officer: Officer, clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    clock.advance(minutes=5)
    store.visits.change_status(visit.id, "ditangani", "Anggota menuju TKP", officer.id)
    clock.advance(hours=3)
    done = store.visits.change_status(visit.id, "selesai", "Pelaku diamankan", officer.id).record
    assert [h.status for h in done.status_history] == ["diterima", "ditangani", "selesai"]
    assert done.resolved_at == clock()
    assert done.status_history[-1].note == "Pelaku diamankan"


def test_void_keeps_record_readable_and_number_gap(store: Store, officer: Officer,
                                                   clock) -> None:
    a = store.visits.create(lp(clock(), officer.id), officer.id).record
    store.visits.void(a.id, "Salah input, laporan ganda", officer.id)
    b = store.visits.create(lp(clock(), officer.id), officer.id).record
    voided = store.visits.get(a.id)
    assert voided.meta.voided_at is not None and voided.meta.void_reason
    assert "/1/" in (a.number or "") and "/2/" in (b.number or "")
    rows = store.visits.page(VisitFilter(include_voided=False))
    assert [r.id for r in rows] == [b.id]
    assert store.visits.count(VisitFilter()) == 2


def test_invalid_visit_is_refused_with_field_problems(store: Store, officer: Officer,
                                                      clock) -> None:
    with pytest.raises(InvalidRecord) as err:
        store.visits.create(lp(clock(), officer.id, category=""), officer.id)
    assert any(p.field == "category" for p in err.value.problems)
    assert store.visits.count(VisitFilter()) == 0


def test_kehilangan_gets_sktlk_number(store: Store, officer: Officer, clock) -> None:
    saved = store.visits.create(kehilangan(clock(), officer.id), officer.id).record
    assert saved.number == "SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN"
    assert saved.lost_items[0].doc_type == "KTP"


def test_informasi_takes_no_number(store: Store, officer: Officer, clock) -> None:
    from app.domain.models import Party, Visit

    visit = Visit(service="informasi", received_at=clock(), receiving_officer_id=officer.id,
                  parties=(Party(role="pelapor", name="Rahmat"),), other_reason="")
    assert store.visits.create(visit, officer.id).record.number is None


def test_patrol_round_trip_and_void(store: Store, officer: Officer, clock) -> None:
    other = store.master.save(Officer("RIZKI PRATAMA", "BRIPTU", "95110022"), None).record
    saved = store.patrols.save(patrol(clock() - timedelta(hours=3), officer.id, (other.id,)),
                               officer.id).record
    got = store.patrols.get(saved.id)
    assert got.member_ids == (other.id,) and len(got.places) == 2
    assert got.places[1].situation == "pg" and got.people_reached == 17
    voided = store.patrols.void(saved.id, "Patroli tercatat dua kali", officer.id).record
    assert voided.meta.voided and store.patrols.get(saved.id).meta.void_reason


def test_meeting_issue_follow_up(store: Store, officer: Officer, clock) -> None:
    saved = store.meetings.save(meeting(clock() - timedelta(days=1), officer.id),
                                officer.id).record
    issue = saved.issues[0]
    assert issue.uuid and [h.status for h in issue.history] == ["terbuka"]
    today = clock().date()
    assert store.meetings.overdue_count(today) == 0
    assert store.meetings.overdue_count(today + timedelta(days=10)) == 1
    closed = store.meetings.set_issue_status(issue.uuid, "selesai", "Lampu sudah diganti",
                                             officer.id).record
    assert closed.issues[0].status == "selesai"
    assert [h.status for h in closed.issues[0].history] == ["terbuka", "selesai"]
    assert store.meetings.follow_ups(today=today) == ()


def test_master_data_seeded_and_editable(store: Store) -> None:
    codes = store.master.category_codes()
    assert {"curat", "curas", "curanmor", "laka_lantas", "lainnya"} <= codes
    assert len(store.master.desa_names()) == 15
    desa = next(d for d in store.master.list(Desa) if d.name == "Serinanti")
    store.master.set_active(desa, False, None)
    assert "Serinanti" not in {d.name for d in store.master.list(Desa, active_only=True)}
    car = store.master.save(Vehicle("Patroli 1", "BG 9001 Z", "r4"), None).record
    assert car.meta and car.meta.uuid


def test_every_write_is_audited_and_verify_passes(store: Store, officer: Officer,
                                                  clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    store.visits.change_status(visit.id, "ditangani", "berangkat", officer.id)
    store.visits.void(visit.id, "uji", officer.id)
    actions = [e.action for e in store_history(store, visit.meta.uuid)]
    assert actions == ["create", "status", "void"]
    assert store.verify() == []


def store_history(store: Store, uuid: str):
    from app.store import audit_reads

    return audit_reads.history(store.db, uuid)


@pytest.mark.parametrize("typed", ['"', "*", "AND", "OR NOT", "NEAR(", "(((", "ü", "‮",
                                   "🙂", "", "   ", "a" * 500, "'; DROP TABLE visits; --"])
def test_any_typed_search_is_valid(store: Store, officer: Officer, clock, typed: str) -> None:
    store.visits.create(lp(clock(), officer.id), officer.id)
    rows = store.visits.page(VisitFilter(text=typed))
    assert store.visits.count(VisitFilter(text=typed)) == len(rows)


@pytest.mark.parametrize("typed", ["honda", "Siti", "1602075203", "0812345", "LP/B/1/II/2024",
                                   "teras rumah"])
def test_search_finds_names_numbers_nik_phone_and_words(store: Store, officer: Officer, clock,
                                                         typed: str) -> None:
    saved = store.visits.create(lp(clock(), officer.id), officer.id).record
    assert [r.id for r in store.visits.page(VisitFilter(text=typed))] == [saved.id]


def test_new_uuids_are_time_ordered(store: Store, officer: Officer, clock) -> None:
    """Version 7 uuids: records saved one after another, alone or in one bulk write, have
    uuids that sort in the same order, so the uuid indexes grow at their end."""
    import uuid

    single = [store.visits.create(lp(clock(), officer.id), officer.id).record
              for _ in range(3)]
    store.visits.create_many([(lp(clock(), officer.id), None) for _ in range(50)], officer.id)
    uuids = [v.meta.uuid for v in single] + [
        row[0] for row in store.db.execute(
            "SELECT uuid FROM visits WHERE id > ? ORDER BY id", [single[-1].id]).fetchall()]
    assert len(uuids) == 53 and len(set(uuids)) == 53
    assert all(uuid.UUID(u).version == 7 for u in uuids)
    assert uuids == sorted(uuids)


def test_bulk_cache_is_given_back_and_left_alone_inside_another(store: Store) -> None:
    from app.store.db import BULK_CACHE_MIB, bulk_cache

    def size() -> int:
        return int(store.db.execute("PRAGMA cache_size").fetchone()[0])

    before = size()
    with bulk_cache(store.db):
        with bulk_cache(store.db):  # an import's bulk write, inside the import's own
            assert size() == -BULK_CACHE_MIB * 1024
        assert size() == -BULK_CACHE_MIB * 1024  # still there until the outer one ends
    assert size() == before


def test_patrols_imported_in_bulk_are_those_a_save_makes(store: Store, officer: Officer,
                                                         clock) -> None:
    other = store.master.save(Officer("RIZKI PRATAMA", "BRIPTU", "95110022"), None).record
    single = store.patrols.save(patrol(clock() - timedelta(hours=9), officer.id), None).record
    items = [(patrol(clock() - timedelta(hours=h), officer.id, (other.id, other.id)), uuid)
             for h, uuid in ((3, "0190a000-0000-7000-8000-000000000001"), (5, None))]
    items.append((replace(patrol(clock() - timedelta(hours=7), officer.id), places=()), None))
    assert store.patrols.import_many(items, None, note="hub") == 3
    got = [store.patrols.get(single.id + n) for n in (1, 2, 3)]
    assert got[0].meta.uuid == "0190a000-0000-7000-8000-000000000001" and got[1].meta.uuid
    for (item, _uuid), saved in zip(items, got, strict=True):
        assert replace(saved, meta=None) == replace(item, member_ids=item.member_ids[:1])
        assert saved.meta.version == 1 and saved.meta.station_code == single.meta.station_code
        (entry,) = store_history(store, saved.meta.uuid)
        assert entry.action == "create"
    assert store.patrols.list() == (*got, single)  # read back in bulk as one by one
    assert store.verify() == []
    store.patrols.void(got[0].id, "uji", officer.id)
    assert store.verify() == []


def test_json_reader_without_init_keeps_defaults_and_refuses_what_init_refuses(
        officer: Officer, clock) -> None:
    from dataclasses import dataclass, field

    from app.domain.models import Patrol, Visit
    from app.store import from_json_payload, quick_replace, to_json_payload

    visit = lp(clock(), officer.id)
    assert from_json_payload(Visit, to_json_payload(visit)) == visit
    trip = patrol(clock(), officer.id, (officer.id,))
    assert from_json_payload(Patrol, to_json_payload(trip)) == trip
    # a field left out takes its default, as __init__ gives it; one without a default fails
    short = from_json_payload(Patrol, '{"patrol_type": "rutin", "mode": "r2", "leader_id": 1, '
                                      '"start_at": "2024-02-01T01:00:00+00:00", '
                                      '"end_at": "2024-02-01T03:00:00+00:00", "extra": 1}')
    assert short.places == () and short.notes == "" and short.meta is None
    with pytest.raises(TypeError):
        from_json_payload(Patrol, '{"patrol_type": "rutin", "mode": "r2"}')

    @dataclass(frozen=True)
    class Checked:
        count: int
        tags: list[str] = field(default_factory=list)

        def __post_init__(self) -> None:
            if self.count < 0:
                raise ValueError("negative")

    with pytest.raises(ValueError):  # a class with __post_init__ is made through __init__
        from_json_payload(Checked, '{"count": -1}')

    @dataclass(frozen=True)
    class Tagged:
        count: int
        tags: list[str] = field(default_factory=list)

    first, second = (from_json_payload(Tagged, '{"count": 1}') for _ in range(2))
    assert first == Tagged(1) and first.tags is not second.tags
    assert quick_replace(trip, notes="x") == replace(trip, notes="x")
    with pytest.raises(TypeError):
        quick_replace(trip, colour="x")


def test_meetings_imported_in_bulk_are_those_a_save_makes(store: Store, officer: Officer,
                                                          clock) -> None:
    from app.domain.models import IssueStatusChange

    def plain(m):
        return replace(m, meta=None, issues=tuple(replace(i, id=None, uuid=None)
                                                 for i in m.issues))

    first = meeting(clock() - timedelta(days=2), officer.id)
    carried = (IssueStatusChange("terbuka", clock() - timedelta(days=1), officer.id, "dicatat"),
               IssueStatusChange("selesai", clock(), officer.id, "beres"))
    second = replace(meeting(clock() - timedelta(days=1), officer.id), issues=(
        replace(first.issues[0], status="selesai", history=carried,
                uuid="0190a000-0000-7000-8000-00000000000a"),))
    single = [store.meetings.save(m, None, keep_history=True).record for m in (first, second)]
    items = [(first, None), (replace(second, issues=(replace(
        second.issues[0], uuid="0190a000-0000-7000-8000-00000000000b"),)), None)]
    assert store.meetings.import_many(items, None, note="hub") == 2
    got = [store.meetings.get(single[1].id + n) for n in (1, 2)]
    assert [plain(m) for m in got] == [plain(m) for m in single]
    assert got[1].issues[0].uuid == "0190a000-0000-7000-8000-00000000000b"
    assert [h.note for h in got[1].issues[0].history] == ["dicatat", "beres"]
    for saved in got:
        assert [e.action for e in store_history(store, saved.meta.uuid)] == ["create"]
    assert store.verify() == []
