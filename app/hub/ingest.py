"""What the hub does with a station's entries, pushed or imported from a bundle: the same
checks for both. Every entry must carry the station's signature; entries the hub already
holds must be the very same (same MAC at the same id: sending twice adds nothing); the first
new entry must link to the newest the hub holds. Anything else is a rewritten history (or a
gap): the whole batch is refused and the refusal recorded (hub_refusals), which the Polres
review shows. The trigger hub_entries_in (app/hub/schema.py) checks the chain again inside
PostgreSQL and rebuilds hub_records from each entry's `after`, once a batch (COPY)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import psycopg

from app.hub import HubError, HubRefused
from app.sync.signing import signature_ok

REFUSAL_TEXTS = {
    "signature": "tanda tangan entri tidak sah",
    "rewritten": "riwayat satuan ditulis ulang (tidak menyambung riwayat di hub)",
    "gap": "ada entri yang belum diterima hub sebelum kiriman ini",
    "key": "kunci tanda tangan berbeda dengan yang terdaftar di hub",
    "unknown_station": "satuan belum terdaftar di hub",
}


@dataclass(frozen=True)
class StationAtHub:
    code: str
    public_key: bytes | None
    bundle_key: bytes | None
    head_id: int
    head_hash: str


@dataclass(frozen=True)
class Accepted:
    added: int      # entries new to the hub
    known: int      # entries it held already (sent twice)
    head_id: int    # the newest entry it holds now
    head_hash: str


# one INSERT of a batch (COPY is refused under row-level security, a station role's case)
_INSERT = ("INSERT INTO hub_entries (station_code, entry_id, at, officer_id, action, kind, "
           "record_uuid, before, after, prev_hash, hash, signature) SELECT * FROM unnest("
           "%b::text[], %b::bigint[], %b::text[], %b::bigint[], %b::text[], %b::text[], "
           "%b::text[], %b::text[], %b::text[], %b::text[], %b::text[], %b::bytea[])")
"""Binary parameters (%b): arrays dumped as text cost 0.25 ms an entry (escaping)."""


def station(conn: psycopg.Connection, code: str) -> StationAtHub | None:
    row = conn.execute("SELECT code, public_key, bundle_key, head_id, head_hash FROM "
                       "hub_stations WHERE code = %s", [code]).fetchone()
    if row is None:
        return None
    return StationAtHub(str(row[0]), None if row[1] is None else bytes(row[1]),
                        None if row[2] is None else bytes(row[2]), int(row[3]), str(row[4]))


def register(conn: psycopg.Connection, code: str, name: str, public_key: bytes,
             bundle_key: bytes) -> StationAtHub:
    """Make sure the hub knows the station and its keys. The owner adds a station; a
    station role registers its own keys once (policy own_keys). Keys already registered
    must be the same ones."""
    with conn.transaction():
        found = station(conn, code)
        if found is None:
            try:
                with conn.transaction():
                    conn.execute("INSERT INTO hub_stations (code, name, public_key, bundle_key) "
                                 "VALUES (%s, %s, %s, %s)", [code, name, public_key, bundle_key])
            except psycopg.errors.InsufficientPrivilege:
                raise HubRefused("unknown_station", _refusal_text(
                    "unknown_station", code)) from None
        elif found.public_key is None:
            conn.execute("UPDATE hub_stations SET public_key = %s, bundle_key = %s "
                         "WHERE code = %s AND public_key IS NULL", [public_key, bundle_key, code])
        elif found.public_key != public_key:
            raise HubRefused("key", _refusal_text("key", code))
        registered = station(conn, code)
    if registered is None or registered.public_key != public_key:
        raise HubRefused("unknown_station", _refusal_text("unknown_station", code))
    return registered


def accept(conn: psycopg.Connection, code: str, entries: list[dict[str, Any]]) -> Accepted:
    """Check and store one batch of `code`'s entries (oldest first), all or nothing."""
    try:
        with conn.transaction():
            return _accept(conn, code, entries)
    except HubRefused as refused:
        if refused.reason != "unknown_station":
            flag(conn, code, refused, int(entries[0]["id"]) if entries else None)
        raise


def _accept(conn: psycopg.Connection, code: str, entries: list[dict[str, Any]]) -> Accepted:
    found = station(conn, code)
    if found is None or found.public_key is None:
        raise HubRefused("unknown_station", _refusal_text("unknown_station", code))
    for entry in entries:
        if not signature_ok(found.public_key, code, entry):
            raise HubRefused("signature", _refusal_text("signature", code, entry))
    old = [e for e in entries if int(e["id"]) <= found.head_id]
    new = [e for e in entries if int(e["id"]) > found.head_id]
    if old:
        held: dict[int, str] = dict(conn.execute(
            "SELECT entry_id, hash FROM hub_entries WHERE station_code = %s "
            "AND entry_id = ANY(%s)", [code, [int(e["id"]) for e in old]]).fetchall())
        for entry in old:
            if held.get(int(entry["id"])) != entry["hash"]:
                raise HubRefused("rewritten", _refusal_text("rewritten", code, entry))
    prev_id, prev_hash = found.head_id, found.head_hash
    for entry in new:
        if int(entry["id"]) != prev_id + 1:
            raise HubRefused("gap", _refusal_text("gap", code, entry))
        if entry["prev_hash"] != prev_hash:
            raise HubRefused("rewritten", _refusal_text("rewritten", code, entry))
        prev_id, prev_hash = int(entry["id"]), str(entry["hash"])
    if new:  # one statement: the hub's trigger checks and applies the batch at once
        columns = ([code] * len(new), [int(e["id"]) for e in new], *(
            [e[name] for e in new] for name in ("at", "officer_id", "action", "kind",
                                                 "record_uuid", "before", "after",
                                                 "prev_hash", "hash")),
            [bytes(e["signature"]) for e in new])
        conn.execute(_INSERT, list(columns))
    return Accepted(len(new), len(old), prev_id, prev_hash)


def _refusal_text(reason: str, code: str, entry: dict[str, Any] | None = None) -> str:
    where = "" if entry is None else f" (entri {int(entry['id'])})"
    return f"Hub menolak kiriman satuan {code}: {REFUSAL_TEXTS[reason]}{where}."


def flag(conn: psycopg.Connection, code: str, refused: HubRefused, first: int | None) -> None:
    """Record a refusal of `code`'s entries (shown on the Polres review)."""
    try:
        with conn.transaction():
            conn.execute("INSERT INTO hub_refusals (station_code, reason, entry_id, detail) "
                         "VALUES (%s, %s, %s, %s)", [code, refused.reason, first, str(refused)])
    except psycopg.Error as exc:
        raise HubError("Penolakan tidak dapat dicatat di hub.") from exc


def refusals(conn: psycopg.Connection, code: str | None = None) -> list[tuple[str, str, str]]:
    """(station, reason, detail) of every refusal recorded, oldest first."""
    rows = conn.execute("SELECT station_code, reason, detail FROM hub_refusals "
                        "WHERE %s::text IS NULL OR station_code = %s ORDER BY id",
                        [code, code]).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]
