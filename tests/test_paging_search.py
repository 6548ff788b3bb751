"""Keyset paging of the walk-in list and of searches at scale (store.visits.page/page_keys/
count): every row exactly once, in list order, whatever the ids (late entries, imports of
old registers), also while records are being added; the cheap search plan and the plain
query give the same answer. Reference answers are computed here in Python."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from app.domain.models import Party, Visit, VisitRow
from app.store import PageKey, SearchTuning, Store, VisitFilter
from app.store.visits import matches as visit_matches
from app.store.visits.search import fts_query, key_of

START = datetime(2023, 1, 1, tzinfo=UTC)
WORDS = ("pencurian", "sepeda", "motor", "sawah", "kebun", "pasar", "rumah", "jalan")
PAGE = 97  # not a divisor of anything below: pages end at odd places


def visit(rng: random.Random, received: datetime, *, words: str = "") -> Visit:
    text = " ".join(rng.sample(WORDS, 3))
    if rng.random() < 0.6:
        text += " pelapor"  # the common word: in about 60 % of the records
    if rng.random() < 0.003:
        text += " kerbau"  # a rare one
    service = rng.choice(("lp", "informasi", "kehilangan"))
    return Visit(service=service, received_at=received, narrative=f"{text} {words}".strip(),
                 category="pencurian" if service == "lp" else "",
                 parties=(Party("pelapor", f"Warga {rng.randrange(10**6):06d}"),))


def add(store: Store, visits: list[Visit]) -> None:
    store.visits.create_many(((v, None) for v in visits), None)


def in_time_order(rng: random.Random, count: int, first: datetime) -> list[Visit]:
    return [visit(rng, first + timedelta(minutes=7 * i + rng.randrange(5)))
            for i in range(count)]


def reference(store: Store, flt: VisitFilter, *, oldest_first: bool = False) -> list[int]:
    """Ids of the list in order, computed without the store's paging code."""
    conn: sqlite3.Connection = store.db.conn
    matching: set[int] | None = None
    query = fts_query(flt.text)
    if query is not None:
        matching = {r[0] for r in conn.execute(
            "SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?", [query])}
    rows = conn.execute("SELECT id, received_at, service, voided_at FROM visits").fetchall()
    start = flt.start.astimezone(UTC).isoformat(timespec="seconds") if flt.start else None
    end = flt.end.astimezone(UTC).isoformat(timespec="seconds") if flt.end else None
    kept = [(received, vid) for vid, received, service, voided in rows
            if (matching is None or vid in matching)
            and (flt.service is None or service == flt.service)
            and (flt.include_voided or voided is None)
            and (start is None or received >= start) and (end is None or received < end)]
    kept.sort(reverse=not oldest_first)
    return [vid for _received, vid in kept]


def walk(store: Store, flt: VisitFilter, *, oldest_first: bool = False,
         limit: int = PAGE) -> Iterator[VisitRow]:
    after: PageKey | None = None
    while True:
        rows = store.visits.page(flt, after, limit, oldest_first=oldest_first)
        yield from rows
        if len(rows) < limit:
            return
        after = key_of(rows[-1])


FILTERS = (
    VisitFilter(),
    VisitFilter(text="pelapo"),  # a prefix the prefix index does not serve
    VisitFilter(text="p sawah"),  # a one-letter word
    VisitFilter(text="p"),  # nothing cheaper to ask the index
    VisitFilter(text="ke ja"),  # prefixes the prefix index serves
    VisitFilter(text="Warga 0"),
    VisitFilter(text="pelapor"),
    VisitFilter(text="pel"),  # a prefix
    VisitFilter(text="kerbau"),
    VisitFilter(text="pelapor sawah"),
    VisitFilter(text="pelapor", service="lp"),
    VisitFilter(text="pelapor", include_voided=False),
    VisitFilter(text="pelapor", start=START + timedelta(days=3), end=START + timedelta(days=10)),
    VisitFilter(start=START + timedelta(days=3), end=START + timedelta(days=10)),
    VisitFilter(text="tidakada"),
)


def check_every_filter(store: Store) -> None:
    numbers = [r[0] for r in store.db.execute(
        "SELECT number FROM visits WHERE number IS NOT NULL ORDER BY id")]
    typed = numbers[len(numbers) // 2]  # a whole document number: a costly query
    for flt in (*FILTERS, VisitFilter(text=typed), VisitFilter(text=typed.split("/SPKT")[0]),
                VisitFilter(text=typed, service="lp")):
        for oldest_first in (False, True):
            expected = reference(store, flt, oldest_first=oldest_first)
            got = [row.id for row in walk(store, flt, oldest_first=oldest_first)]
            assert got == expected, (flt, oldest_first)
            keys = store.visits.page_keys(flt, None, 10**6, oldest_first=oldest_first)
            assert [k.id for k in keys] == expected
        assert store.visits.count(flt) == len(reference(store, flt))


def test_ids_in_time_order(store: Store) -> None:
    add(store, in_time_order(random.Random(1), 1500, START))
    check_every_filter(store)


def test_late_entries_and_imported_old_records(store: Store) -> None:
    """Low ids with the newest times (entered early, received later: "late entries") and
    high ids with old times (an old register imported afterwards)."""
    rng = random.Random(2)
    add(store, [visit(rng, START + timedelta(days=40, minutes=i)) for i in range(30)])
    add(store, in_time_order(rng, 1500, START))
    add(store, [visit(rng, START - timedelta(days=30, minutes=i)) for i in range(700)])
    first = store.visits.page(VisitFilter(text="pelapor"), None, 10)
    assert [row.id for row in first] == reference(store, VisitFilter(text="pelapor"))[:10]
    assert all(row.id <= 30 for row in first)  # the late entries lead the list
    check_every_filter(store)


def test_many_late_entries_a_merged_store(store: Store) -> None:
    """A store merged from two desks: the other desk's records all have lower ids. The
    page is still found among the newest ids, the other desk's read within their span."""
    rng = random.Random(3)
    other = in_time_order(rng, 1200, START + timedelta(minutes=3))
    add(store, other)
    add(store, in_time_order(rng, 1200, START))
    stream = visit_matches.MatchStream(store.db, '"pelapor"*', oldest_first=False,
                                       tuning=visit_matches.DEFAULT_TUNING)
    try:
        page = visit_matches.page_of_matches(
            store.db, stream, [], [], "SELECT v.received_at, v.id FROM visits v",
            "ORDER BY v.received_at DESC, v.id DESC", 100, False)
    finally:
        stream.close()
    assert page is not None
    assert [row[1] for row in page] == reference(store, VisitFilter(text="pelapor"))[:100]
    check_every_filter(store)


@pytest.mark.parametrize("candidates", [1, 7, 50])
def test_exact_for_any_number_of_candidates(tmp_path: Path, clock: Any,
                                            candidates: int) -> None:
    """Rounds, growth and the fall back to every match: the answer never depends on how
    many matches the cheap plan reads first."""
    tuning = SearchTuning(first_round=candidates, growth=3, few_late=candidates // 4,
                          few=candidates, costly=candidates)
    with Store(tmp_path / "tuned.db", clock=clock, search_tuning=tuning) as store:
        _check_any_tuning(store)


def _check_any_tuning(store: Store) -> None:
    rng = random.Random(7)
    add(store, [visit(rng, START + timedelta(days=40, minutes=i)) for i in range(12)])
    add(store, in_time_order(rng, 600, START))
    add(store, [visit(rng, START - timedelta(days=30, minutes=i)) for i in range(40)])
    for visit_id in range(600, 560, -3):
        store.visits.void(visit_id, "Input ganda.", None)
    check_every_filter(store)
    for flt in (VisitFilter(text="pelapor", service="lp"), VisitFilter(text="kerbau")):
        for oldest_first in (False, True):  # pages of 3: rounds of 6, 18, 54 matches
            got = [row.id for row in walk(store, flt, oldest_first=oldest_first, limit=3)]
            assert got == reference(store, flt, oldest_first=oldest_first)


def test_voided_records_in_the_newest_ids(store: Store) -> None:
    rng = random.Random(4)
    add(store, in_time_order(rng, 1500, START))
    for visit_id in range(1500, 1300, -1):
        store.visits.void(visit_id, "Input ganda.", None)
    check_every_filter(store)


def test_cheap_plan_reads_no_full_match_list(store: Store) -> None:
    """Ids follow time: the first page of a common word comes from the newest matches;
    no statement asks the index for every match."""
    add(store, in_time_order(random.Random(5), 1500, START))
    statements: list[str] = []
    store.db.conn.set_trace_callback(statements.append)
    try:
        rows = store.visits.page(VisitFilter(text="pelapor"), None, 200)
    finally:
        store.db.conn.set_trace_callback(None)
    assert [r.id for r in rows] == reference(store, VisitFilter(text="pelapor"))[:200]
    every_match = re.compile(r"visits_fts MATCH '(?:[^']|'')*'\)")  # "v.id IN (... MATCH ?)"
    assert not [s for s in statements if every_match.search(s)]


@pytest.mark.parametrize("flt", [VisitFilter(), VisitFilter(text="pelapor")])
def test_paging_while_records_are_added(store: Store, flt: VisitFilter) -> None:
    """Walking the list newest first while other desks save records: every record that was
    there when the walk began comes exactly once, in order; newer records (above the
    walk) are not mixed in; older ones (an import, below it) are met in their place."""
    rng = random.Random(6)
    add(store, in_time_order(rng, 1200, START))
    before = reference(store, flt)
    seen: list[int] = []
    after: PageKey | None = None
    for round_ in range(1000):
        rows = store.visits.page(flt, after, PAGE)
        seen.extend(row.id for row in rows)
        if len(rows) < PAGE:
            break
        after = key_of(rows[-1])
        newer = START + timedelta(days=30, minutes=round_)
        add(store, [visit(rng, newer), visit(rng, START - timedelta(days=1, minutes=round_))])
    assert len(seen) == len(set(seen))
    assert [vid for vid in seen if vid in set(before)] == before
    final = reference(store, flt)
    assert seen == [vid for vid in final if vid in set(seen)]  # in list order
    position = {vid: i for i, vid in enumerate(final)}
    assert all(position[vid] > position[before[0]] for vid in seen if vid not in set(before))


def test_count_of_the_whole_list_kept_by_triggers(tmp_path: Path) -> None:
    """The unfiltered count reads visit_total: right after saves one by one and in bulk,
    after rows written or removed behind the store's back, and when the migration that
    adds it finds records already there."""
    path = tmp_path / "t.db"
    with Store(path) as store:
        rng = random.Random(8)
        add(store, in_time_order(rng, 120, START))
        store.visits.create(visit(rng, START), None)
        assert store.visits.count(VisitFilter()) == 121
        for table in ("visit_status_history", "visit_parties", "visit_losses",
                      "visit_lost_items"):
            store.db.execute(f"DELETE FROM {table} WHERE visit_id = 121")
        store.db.execute("DELETE FROM visits WHERE id = 121")
        store.db.execute("DELETE FROM visits_fts WHERE rowid = 121")
        assert store.visits.count(VisitFilter()) == 120
        # as a store made before migration 0004
        for statement in ("DROP TRIGGER visit_total_insert", "DROP TRIGGER visit_total_delete",
                          "DROP TABLE visit_total",
                          "DELETE FROM _sqlite_migrations WHERE name = '0004_visit_total'"):
            store.db.execute(statement)
        store.db.conn.commit()
    with Store(path) as store:
        assert store.visits.count(VisitFilter()) == 120
        add(store, in_time_order(random.Random(9), 5, START))
        assert store.visits.count(VisitFilter()) == 125 == len(reference(store, VisitFilter()))
    for aside in tmp_path.glob("t.db.before-*"):
        aside.unlink()
