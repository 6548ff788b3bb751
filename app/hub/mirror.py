"""The Polres mirror: each station's records as the hub rebuilt them, kept in a plain store
at the Polres and brought up to date from the hub's entries after the last one it applied,
so that the Polres review runs the station's own figures module (app/weekly/figures.py) over
it: the same definitions, not a second copy of them in PostgreSQL.

A cache that is always correct. Beside each station's store a small state file names the
hub entry applied last (id and MAC) and the mirror store's own audit head after applying
it; a mirror whose state is missing, of another format or station, whose store moved on
without it (a crash between the two), that cannot be opened, or whose applied entry the hub
no longer holds the same (a hub made anew), is built again from the hub. A station whose
history the hub refused as rewritten is mirrored only up to what the hub held when it first
refused it.

Every record goes in through the store's own write paths (master data keeping the station's
ids, the walk-ins' bulk import keeping uuids and status histories, their update path
VisitRepo.replace_state, patrols and meetings (new ones by their bulk imports, held ones
by their save), the register's apply_case / apply_letter, the handovers). What no figure
reads and is personal is left out: names, NIK, phone numbers, addresses and every other
field of the people in a walk-in (their roles stay), narratives,
lost items and losses, status notes, the text of SP2HP letters and their recipients, the
handovers' summaries, notes and items. Where it lives: a private folder (0700) in the
user cache folder, named by the hub's identity (hub_identity, never the DSN), or --mirror.

Not rebuilt (no figure of the Polres review reads them): journal entries, regu, analyses,
accounts. An LP's stage history is made as at the station (its status changes through the
register's triggers, then its register entries in order); a register import that replaced
a history at the station (a CSV import) shows only its end stage here."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import psycopg
from platformdirs import user_cache_path

from app.clock import Clock
from app.domain.models import (
    Category,
    Desa,
    LawArticle,
    Meeting,
    Officer,
    Party,
    Patrol,
    PlaceType,
    Position,
    StationProfile,
    Vehicle,
    Visit,
)
from app.domain.register import LpCase, Sp2hpLetter, Sp2hpRules
from app.hub import HubError
from app.hub.schema import RECORD_ACTIONS
from app.journal.shifts import DutySettings
from app.outputs import write_bytes
from app.store import (
    DatabaseError,
    Handover,
    Store,
    StoreError,
    from_json_payload,
    quick_replace,
    schema_state,
)
from app.store.duty.repo import KIND_HANDOVER as HANDOVER_KIND
from app.store.register import CASE_KIND, LETTER_KIND

FORMAT = 1
"""Of the mirror and its state file: a mirror of another format is built again."""
IN_PROCESS = 10**9  # helper processes cost more to start than they save here (a first build
# of 100,000 walk-ins on 2 shared cores: 40 s with them, 35 s without)

MASTER: tuple[tuple[str, Any], ...] = (
    ("officer", Officer), ("position", Position), ("desa", Desa), ("category", Category),
    ("law_article", LawArticle), ("place_type", PlaceType), ("vehicle", Vehicle),
)
"""Master kinds (audit kind, class), written before the records that name them."""


@dataclass(frozen=True)
class MirrorState:
    """What the state file beside a station's mirror says."""

    format: int
    station: str
    applied_id: int      # the newest hub entry applied
    applied_hash: str    # its MAC, as the hub holds it
    store_head: int      # the mirror store's own audit head after applying it
    store_mac: str


@dataclass(frozen=True)
class CaughtUp:
    """A station's mirror after a catch-up."""

    applied_id: int
    built: bool    # built from the first entry (new, stale or damaged)
    records: int   # records applied now


def hub_identity(conn: psycopg.Connection) -> str:
    row = conn.execute("SELECT id::text FROM hub_identity").fetchone()
    if row is None:
        raise HubError("Hub Polres belum disiapkan (jalankan `piket hub init` di Polres).")
    return str(row[0])


def default_folder(identity: str) -> Path:
    """The mirror of the hub `identity` in the user cache folder (rebuilt when lost)."""
    name = hashlib.sha256(identity.encode()).hexdigest()[:16]
    return user_cache_path("Piket", appauthor=False) / "hub-mirror" / name


def private_folder(folder: Path) -> Path:
    """`folder`, made if missing, readable by its owner only."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chmod(folder, 0o700)
    return folder


class Mirrors:
    """The mirrors of every station of one hub, in one folder."""

    def __init__(self, conn: psycopg.Connection, clock: Clock, folder: Path | None = None) -> None:
        self._conn = conn
        self._clock = clock
        self.folder = private_folder(folder or default_folder(hub_identity(conn)))

    def path(self, code: str) -> Path:
        return self.folder / f"{code.encode().hex()}.db"

    def codes(self) -> list[str]:
        """The stations registered at the hub, by code."""
        return [str(row[0]) for row in
                self._conn.execute("SELECT code FROM hub_stations ORDER BY code")]

    def refresh(self, code: str) -> CaughtUp:
        """`code`'s mirror brought up to date (built when missing, damaged or stale): what
        `piket hub mirror` does for every station after imports or at night, so that the
        Monday review only computes (a first build takes about half a minute a station
        of 100,000 walk-ins; a week's catch-up a tenth of a second)."""
        with self.station(code) as (_, caught_up):
            return caught_up

    def _state_path(self, code: str) -> Path:
        return self.folder / f"{code.encode().hex()}.state.json"

    @contextlib.contextmanager
    def station(self, code: str) -> Iterator[tuple[Store, CaughtUp]]:
        """`code`'s mirror, brought up to date with the hub."""
        # one snapshot of the hub for the head and every record read (a push meanwhile
        # waits for the next catch-up)
        with self._conn.transaction():
            self._conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            limit, limit_hash = self._limit(code)
            store, state, built = self._open(code, limit)
            records = 0
            try:
                if state.applied_id < limit:
                    records = self._catch_up(store, code, state.applied_id, limit)
                    head, mac = store.audit_head()
                    state = MirrorState(FORMAT, code, limit, limit_hash, head, mac)
                    write_bytes(self._state_path(code), json.dumps(asdict(state)).encode())
            except BaseException:
                store.close()
                raise
        try:
            yield store, CaughtUp(state.applied_id, built, records)
        finally:
            store.close()

    def _limit(self, code: str) -> tuple[int, str]:
        """The newest entry to mirror: the hub's head, or what it held when it first refused
        the station's history as rewritten."""
        row = self._conn.execute(
            "SELECT s.head_id, s.head_hash, (SELECT min(r.at) FROM hub_refusals r WHERE "
            "r.station_code = s.code AND r.reason = 'rewritten') FROM hub_stations s "
            "WHERE s.code = %s", [code]).fetchone()
        if row is None:
            raise HubError(f"Satuan {code} belum terdaftar di hub.")
        if row[2] is None:
            return int(row[0]), str(row[1])
        held = self._conn.execute(
            "SELECT entry_id, hash FROM hub_entries WHERE station_code = %s AND received_at <= %s "
            "ORDER BY entry_id DESC LIMIT 1", [code, row[2]]).fetchone()
        return (0, "") if held is None else (int(held[0]), str(held[1]))

    def _open(self, code: str, limit: int) -> tuple[Store, MirrorState, bool]:
        """The mirror as it stands when its state checks out; else a new, empty one (also
        for a store of an older schema: built again, not migrated, no copies left over)."""
        path, state_path = self.path(code), self._state_path(code)
        state = _read_state(state_path)
        if state is not None and state.format == FORMAT and state.station == code and \
                state.applied_id <= limit and path.exists() and self._hub_holds(code, state):
            try:
                current = schema_state(path) == "current"
                store = Store(path, clock=self._clock) if current else None
            except (StoreError, DatabaseError, OSError):
                store = None
            if store is not None:
                if store.audit_head() == (state.store_head, state.store_mac):
                    return store, state, False
                store.close()
        for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), state_path):
            stale.unlink(missing_ok=True)
        store = Store(path, clock=self._clock)
        os.chmod(path, 0o600)
        head, mac = store.audit_head()
        return store, MirrorState(FORMAT, code, 0, "", head, mac), True

    def _hub_holds(self, code: str, state: MirrorState) -> bool:
        if state.applied_id == 0:
            return True
        row = self._conn.execute("SELECT hash FROM hub_entries WHERE station_code = %s AND "
                                 "entry_id = %s", [code, state.applied_id]).fetchone()
        return row is not None and str(row[0]) == state.applied_hash

    def _catch_up(self, store: Store, code: str, after: int, upto: int) -> int:
        records = changed_records(self._conn, code, after, upto)
        cases = self._conn.execute(
            "SELECT entry_id, officer_id, action, before, after FROM hub_entries "
            "WHERE station_code = %s AND kind = %s AND entry_id > %s AND entry_id <= %s "
            "AND after IS NOT NULL ORDER BY entry_id", [code, CASE_KIND, after, upto]).fetchall()
        with store.unit_of_work():  # one commit: all of it or none
            apply(store, records, cases)
        return sum(len(v) for v in records.values())


def _read_state(path: Path) -> MirrorState | None:
    try:
        return MirrorState(**json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError):
        return None


def changed_records(conn: psycopg.Connection, code: str, after: int,
                    upto: int) -> dict[str, list[tuple[int, str]]]:
    """kind -> (entry id, JSON) of the newest state of each of `code`'s records changed by
    an entry in (after, upto], oldest change first."""
    head = conn.execute("SELECT head_id FROM hub_stations WHERE code = %s", [code]).fetchone()
    if head is not None and int(head[0]) <= upto:
        rows = conn.execute(
            "SELECT kind, entry_id, data::text FROM hub_records WHERE station_code = %s "
            "AND entry_id > %s AND entry_id <= %s ORDER BY entry_id", [code, after, upto])
    else:  # mirrored only up to a refusal: the states then, from the entries
        rows = conn.execute(
            "SELECT kind, entry_id, after FROM (SELECT DISTINCT ON (record_uuid) kind, "
            "entry_id, after FROM hub_entries WHERE station_code = %s AND entry_id > %s "
            "AND entry_id <= %s AND record_uuid IS NOT NULL AND after IS NOT NULL "
            "AND action = ANY(%s) ORDER BY record_uuid, entry_id DESC) AS newest "
            "ORDER BY entry_id", [code, after, upto, list(RECORD_ACTIONS)])
    out: dict[str, list[tuple[int, str]]] = {}
    for kind, entry_id, data in rows:
        out.setdefault(str(kind), []).append((int(entry_id), str(data)))
    return out


def apply(store: Store, records: dict[str, list[tuple[int, str]]],
          cases: list[tuple[Any, ...]]) -> None:
    """Write the records' states into the mirror (inside the caller's unit of work)."""
    _settings(store, records.get("settings", ()))
    for kind, cls in MASTER:
        _master(store, cls, [from_json_payload(cls, d) for _, d in records.get(kind, ())])
    visit_entries = _visits(store, records.get("visit", ()))
    _patrols(store, [from_json_payload(Patrol, d) for _, d in records.get("patrol", ())])
    _meetings(store, [from_json_payload(Meeting, d) for _, d in records.get("meeting", ())])
    case_rows = [(row, from_json_payload(LpCase, str(row[4]))) for row in cases]
    letters = [_private_letter(from_json_payload(Sp2hpLetter, d))
               for _, d in records.get(LETTER_KIND, ())]
    ids = store.visits.ids_by_uuid({c.visit_uuid for _, c in case_rows}
                                   | {letter.visit_uuid for letter in letters})
    for (entry_id, officer_id, action, before, _after), case in case_rows:
        visit_id = ids.get(case.visit_uuid)
        if visit_id is None:
            continue
        old = from_json_payload(LpCase, str(before)).stage if before else None
        store.register.apply_case(
            visit_id, case, officer_id, stage_moved=action == "stage" and old != case.stage,
            whole=int(entry_id) > visit_entries.get(case.visit_uuid, 0))
    for letter in letters:
        visit_id = ids.get(letter.visit_uuid)
        if visit_id is not None:
            store.register.apply_letter(letter, visit_id, None)
    handovers = tuple(_private_handover(from_json_payload(Handover, d))
                      for _, d in records.get(HANDOVER_KIND, ()))
    if handovers:
        store.duty.add_handovers(handovers, None)


def _settings(store: Store, items: Any) -> None:
    for _, data in items:
        key = json.loads(data)
        if "template_lp_b" in key:  # settings:station
            store.settings.save_station_profile(from_json_payload(StationProfile, data), None)
        elif "first_days" in key:  # settings:sp2hp
            store.settings.save_sp2hp_rules(from_json_payload(Sp2hpRules, data), None)
        elif "shift_start" in key:  # settings:duty
            store.duty.settings.save_duty_settings(from_json_payload(DutySettings, data), None)


def _master(store: Store, cls: Any, items: list[Any]) -> None:
    """Write `items` keeping their ids: an id the mirror holds already (its seeds, or the
    item itself) is updated, a new one inserted, in id order."""
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


def _visits(store: Store, items: Any) -> dict[str, int]:
    """New walk-ins by the bulk import, those held already by their update path; returns
    uuid -> the hub entry of each one's newest state."""
    entries: dict[str, int] = {}
    visits: list[Visit] = []
    for entry_id, data in items:
        visit = _private_visit(from_json_payload(Visit, data))
        if visit.meta is not None:
            entries[visit.meta.uuid] = entry_id
            visits.append(visit)
    if not visits:
        return entries
    held = store.visits.ids_by_uuid([v.meta.uuid for v in visits if v.meta])
    new = [v for v in visits if v.meta and v.meta.uuid not in held]
    if new:
        # numbers left out: no figure reads them, and a number made under an older pattern
        # (the station renamed) would not fit the profile the mirror has now
        store.visits.import_many(_Visits(tuple((quick_replace(v, meta=None, number=None),
                                                v.meta.uuid) for v in new if v.meta)),
                                 None, note="hub", workers_from=IN_PROCESS)
    changed = [v for v in visits if v.meta and (v.meta.uuid in held or v.meta.voided_at)]
    if changed:
        ids = store.visits.ids_by_uuid([v.meta.uuid for v in changed if v.meta])
        for visit in changed:
            assert visit.meta is not None
            store.visits.replace_state(ids[visit.meta.uuid], visit, None)
    return entries


def _patrols(store: Store, patrols: list[Patrol]) -> None:
    _records(store.patrols, patrols,
             lambda patrol: store.patrols.save(patrol, None, validate=False).record)


def _meetings(store: Store, meetings: list[Meeting]) -> None:
    _records(store.meetings, meetings, lambda meeting: store.meetings.save(
        meeting, None, validate=False, keep_history=True).record)


def _records(repo: Any, records: list[Any], save: Any) -> None:
    """New records (patrols, meetings) by the repository's bulk import, those held already
    by `save` (their update path) one by one; then each one voided at the station voided
    here."""
    held = {r.meta.uuid: repo.id_by_uuid(r.meta.uuid) for r in records if r.meta}
    new = [(replace(r, meta=None), r.meta.uuid) for r in records
           if r.meta and held[r.meta.uuid] is None]
    if new:
        repo.import_many(new, None, note="hub")
    for record in records:
        meta = record.meta
        if meta is None:
            continue
        held_id = held[meta.uuid]
        if held_id is not None:
            saved = save(replace(record, meta=repo.get(held_id).meta))
        elif meta.voided_at is not None:
            saved = repo.get_by_uuid(meta.uuid)
        else:
            continue
        if meta.voided_at is not None and saved.meta is not None and saved.meta.voided_at is None:
            repo.void(saved.meta.id, meta.void_reason or "dibatalkan", None)


def _private_visit(visit: Visit) -> Visit:
    """The walk-in without what is personal and no figure reads (module docstring)."""
    return quick_replace(
        visit, parties=tuple(Party(role=p.role, unknown=p.unknown) for p in visit.parties),
        narrative="", modus_operandi="", place_detail="", evidence="", losses=(),
        lost_items=(), complaint_subject="", other_reason="", accepted_warnings=(),
        status_history=tuple(quick_replace(c, note="") if c.note else c
                             for c in visit.status_history))


def _private_letter(letter: Sp2hpLetter) -> Sp2hpLetter:
    return replace(letter, summary="", actions="", obstacles="", next_steps="", advice="",
                   recipient="", delivered_to="")


def _private_handover(handover: Handover) -> Handover:
    # the items handed over (counts and their details) are left out too: no figure reads
    # them, and their inserts were a tenth of a mirror's first build (3,515 handovers)
    return replace(handover, summary="", open_matters=(), incoming_notes="", team_id=None,
                   items=())


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
