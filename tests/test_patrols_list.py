"""The patrol list query: light rows, filters and keyset paging over a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.domain.models import Officer, PatrolPlace, Visit
from app.store import Store
from app.store.patrols.listing import ANY_FINDING, PatrolFilter, key_of
from app.store.records import like_terms
from tests.factories import patrol as make_patrol

T0 = datetime(2024, 2, 1, 13, 0, tzinfo=UTC)  # 20.00 WIB


def seed(store: Store, officer: Officer) -> list[int]:
    member = store.master.save(Officer("RUDI HARTONO", "BRIPTU", "95010203"), None).record
    ids = []
    for day in range(10):
        patrol = make_patrol(T0 + timedelta(days=day), officer.id or 0, (member.id or 0,))
        if day % 3 == 0:
            patrol = replace(patrol, patrol_type="malam", places=(
                PatrolPlace("Cinta Jaya", "Dermaga 100% aman_x", patrol.start_at, "gn", "", 4),))
        ids.append(store.patrols.save(patrol, officer.id).record.id or 0)
    return ids


def test_rows_are_light_and_newest_first(store: Store, officer: Officer) -> None:
    ids = seed(store, officer)
    rows = store.patrols.page(PatrolFilter(), None, 100)
    assert [r.id for r in rows] == list(reversed(ids))
    newest = rows[0]  # day 9: type malam, one GN place
    assert newest.patrol_type == "malam" and newest.worst_situation == "gn"
    assert newest.desa == ("Cinta Jaya",) and newest.place_count == 1 and newest.people_reached == 4
    second = rows[1]  # the factory's patrol: Serinanti (aman, 12) and Sukadamai (PG, 5)
    assert second.desa == ("Serinanti", "Sukadamai") and second.worst_situation == "pg"
    assert second.people_reached == 17 and second.lp_count == 0


def test_filters(store: Store, officer: Officer) -> None:
    seed(store, officer)
    count = store.patrols.count
    assert count(PatrolFilter()) == 10
    assert count(PatrolFilter(patrol_type="malam")) == 4
    assert count(PatrolFilter(desa="cinta jaya")) == 4  # any case
    assert count(PatrolFilter(situation="gn")) == 4
    assert count(PatrolFilter(situation="pg")) == 6
    assert count(PatrolFilter(situation=ANY_FINDING)) == 10
    assert count(PatrolFilter(situation="aman")) == 6
    assert count(PatrolFilter(start=T0 + timedelta(days=2), end=T0 + timedelta(days=5))) == 3
    assert count(PatrolFilter(text="rudi")) == 10  # a member's name
    assert count(PatrolFilter(text="dermaga andi")) == 4  # every word must match somewhere
    assert count(PatrolFilter(text="100%")) == 4  # wildcards are plain text
    assert count(PatrolFilter(text="_x")) == 4
    assert count(PatrolFilter(text="%")) == 4
    assert count(PatrolFilter(text="kunci ganda")) == 6  # himbauan


def test_keyset_paging_with_equal_start_times(store: Store, officer: Officer) -> None:
    ids = [store.patrols.save(make_patrol(T0, officer.id or 0), officer.id).record.id for _ in range(7)]
    seen: list[int] = []
    after = None
    while True:
        page = store.patrols.page(PatrolFilter(), after, 3)
        if not page:
            break
        seen += [r.id for r in page]
        after = key_of(page[-1])
    assert seen == sorted(ids, reverse=True)  # none lost, none twice


def test_lp_count_and_void(store: Store, officer: Officer) -> None:
    patrol = store.patrols.save(make_patrol(T0, officer.id or 0), officer.id).record
    assert patrol.meta is not None
    visit = Visit(service="lp", lp_model="A", received_at=T0 + timedelta(hours=3),
                  receiving_officer_id=officer.id, category="curanmor", narrative="Motor hilang",
                  source_patrol_uuid=patrol.meta.uuid)
    store.visits.create(visit, officer.id)
    store.patrols.void(patrol.meta.id, "Dobel", officer.id)
    (row,) = store.patrols.page(PatrolFilter(), None, 10)
    assert row.lp_count == 1 and row.voided
    assert store.patrols.count(PatrolFilter(include_voided=False)) == 0


def test_like_terms_escape_wildcards() -> None:
    assert like_terms(r"50% a_b c\d") == [r"%50\%%", r"%a\_b%", r"%c\\d%"]
