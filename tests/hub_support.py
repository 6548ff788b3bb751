"""Stations for the hub tests: encrypted stores (sync needs the data key) with a few
records, under a station code of their own."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import psycopg

from app.clock import Clock, utc_now
from app.store import Store
from tests import factories
from tests.cli_support import make_store, open_store  # noqa: F401 (open_store: tests)

AT = datetime(2024, 2, 13, 2, 0, tzinfo=UTC)


def make_station(path: Path, code: str, walk_ins: int = 3, clock: Clock = utc_now) -> Store:
    store = make_store(path, clock=clock)
    profile = store.profile()
    store.settings.save_station_profile(replace(profile, code=code, name=code), None)
    add_walk_ins(store, walk_ins)
    return store


def add_walk_ins(store: Store, count: int, start: datetime = AT) -> None:
    officer_id = min(store.master.officers_by_id())
    for n in range(count):
        store.visits.create(factories.lp(start + timedelta(hours=n), officer_id), officer_id)


def reopen(path: Path) -> Store:
    return open_store(path)


def local_entries(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0])


def hub_count(dsn: str, table: str, code: str) -> int:
    with psycopg.connect(dsn) as conn:
        row = conn.execute(f"SELECT count(*) FROM {table} WHERE station_code = %s",  # noqa: S608
                           [code]).fetchone()
    assert row is not None
    return int(row[0])
