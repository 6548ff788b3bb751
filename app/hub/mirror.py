"""A station's records as the hub rebuilt them (hub_records), written into a throwaway plain
store so that the Polres review runs the station's own figures module (app/weekly/figures.py)
over them: the same definitions, not a second copy of them in PostgreSQL.

Every record goes in through the store's own write paths (master data, the walk-ins' bulk
import, which keeps uuids and status histories, patrols, meetings). Master data
keeps the station's ids (entries are never deleted, so a station's ids run 1, 2, 3 ...): the
records that name an officer, a vehicle or a desa by id need them. Voided records are left
out: they never count. The folder is private (tempfile) and removed afterwards."""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any

import psycopg

from app.clock import Clock
from app.domain.codes import FINAL_STATUSES, OPEN_ISSUE_STATUSES
from app.domain.models import (
    Category,
    Desa,
    LawArticle,
    Meeting,
    Officer,
    Patrol,
    PlaceType,
    Position,
    StationProfile,
    Vehicle,
    Visit,
)
from app.hub import HubError
from app.store import Store, dt_to_db, from_json_payload

IN_PROCESS = 10**9  # the bulk import's helper processes cost more to start than they save here

MASTER: tuple[tuple[str, Any], ...] = (
    ("officer", Officer), ("position", Position), ("desa", Desa), ("category", Category),
    ("law_article", LawArticle), ("place_type", PlaceType), ("vehicle", Vehicle),
)
"""Master kinds (audit kind, class), written before the records that name them."""


# What can count in no week from `since` to `until` is left out (app/weekly/figures.py, the
# store's stats queries): a walk-in, patrol or meeting of after `until` (the review looks at
# its week and the weeks before); a walk-in received before `since` and unchanged since,
# unless it is an LP not yet closed (selesai, rj, dilimpahkan, dicabut: it may be waiting for
# the scene, or close in the week); a patrol started before it and unchanged since; a
# meeting held before it, unchanged since and without an open issue. Master data and
# settings always go in.
_RECORDS_SQL = """
SELECT kind, data::text FROM hub_records WHERE station_code = %(code)s
  AND (%(since)s::text IS NULL OR kind NOT IN ('visit', 'patrol', 'meeting')
       OR (CASE kind WHEN 'visit' THEN data->>'received_at'
                     WHEN 'patrol' THEN data->>'start_at' ELSE data->>'held_at' END
           < %(until)s
           AND (data->'meta'->>'updated_at' >= %(since)s
                OR (kind = 'visit' AND (data->>'received_at' >= %(since)s
                    OR (data->>'service' = 'lp' AND NOT (data->>'status' = ANY(%(final)s)))))
                OR (kind = 'patrol' AND data->>'start_at' >= %(since)s)
                OR (kind = 'meeting' AND (data->>'held_at' >= %(since)s
                    OR EXISTS (SELECT 1 FROM jsonb_array_elements(data->'issues') AS issue
                               WHERE issue->>'status' = ANY(%(open)s)))))))
ORDER BY entry_id"""


def station_records(conn: psycopg.Connection, code: str, since: str | None = None,
                    until: str | None = None) -> dict[str, list[str]]:
    """kind -> the JSON of each of `code`'s records at the hub (in the station's entry
    order); with `since` and `until` (UTC ISO) without the records that count in no week
    between them."""
    out: dict[str, list[str]] = {}
    for kind, data in conn.execute(_RECORDS_SQL, {"code": code, "since": since,
                                                  "until": until or "9999",
                                                  "final": sorted(FINAL_STATUSES),
                                                  "open": sorted(OPEN_ISSUE_STATUSES)}):
        out.setdefault(str(kind), []).append(str(data))
    return out


@contextlib.contextmanager
def mirror_store(conn: psycopg.Connection, code: str, clock: Clock, *,
                 since: datetime | None = None, until: datetime | None = None
                 ) -> Iterator[Store]:
    """`code`'s records rebuilt in a throwaway store; with `since` and `until` only those
    that can count in a week between them (the Polres review: its week and the weeks it
    compares)."""
    records = station_records(conn, code, None if since is None else dt_to_db(since),
                              None if until is None else dt_to_db(until))
    with tempfile.TemporaryDirectory(prefix="piket-hub-") as folder:
        store = Store(Path(folder) / "stasiun.db", clock=clock)
        try:
            with store.unit_of_work():  # one commit
                fill(store, records)
            yield store
        finally:
            store.close()


def fill(store: Store, records: dict[str, list[str]]) -> None:
    for data in records.get("settings", ()):
        if '"template_lp_b"' in data:  # the station profile (settings:station)
            store.settings.save_station_profile(from_json_payload(StationProfile, data), None)
    for kind, cls in MASTER:
        _master(store, cls, [from_json_payload(cls, d) for d in records.get(kind, ())])
    visits = [v for v in (from_json_payload(Visit, d) for d in records.get("visit", ()))
              if v.meta is not None and v.meta.voided_at is None]
    if visits:
        # numbers left out: no figure reads them, and a number made under an older pattern
        # (the station renamed) would not fit the profile the mirror has now
        store.visits.import_many(_Visits(tuple((replace(v, meta=None, number=None),
                                                v.meta.uuid) for v in visits if v.meta)),
                                 None, note="hub", workers_from=IN_PROCESS)
    for patrol in (from_json_payload(Patrol, d) for d in records.get("patrol", ())):
        if patrol.meta is not None and patrol.meta.voided_at is None:
            store.patrols.save(replace(patrol, meta=None), None, validate=False)
    for meeting in (from_json_payload(Meeting, d) for d in records.get("meeting", ())):
        if meeting.meta is not None and meeting.meta.voided_at is None:
            store.meetings.save(replace(meeting, meta=None), None, validate=False,
                                keep_history=True)


def _master(store: Store, cls: Any, items: list[Any]) -> None:
    """Write `items` keeping their ids: an id the new store holds already (its seeds) is
    updated, a new one inserted, in id order."""
    for item in sorted(items, key=lambda i: i.meta.id if i.meta else 0):
        if item.meta is None:
            continue
        local = store.master.get(cls, item.meta.id)
        if local is not None:
            store.master.save(replace(item, meta=local.meta), None)
            continue
        saved = store.master.save(replace(item, meta=None), None).record
        if saved.id != item.meta.id:
            raise HubError("Data master satuan di hub tidak lengkap (nomor urutnya "
                           "berlubang): rekap Polres tidak dapat disusun untuk satuan ini.")


@dataclass(frozen=True)
class _Visits:
    """The walk-ins for the bulk import (app.store.BulkSource)."""

    items: tuple[tuple[Visit, str | None], ...]

    def __len__(self) -> int:
        return len(self.items)

    def __iter__(self) -> Iterator[tuple[Visit, str | None]]:
        return iter(self.items)

    def part(self, start: int, stop: int) -> _Visits:
        return _Visits(self.items[start:stop])

    def numbering(self) -> Iterator[Visit]:
        return (visit for visit, _ in self.items)


