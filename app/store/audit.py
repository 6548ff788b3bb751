"""Append-only, chained audit trail. Each entry carries a MAC of the previous entry's MAC and
its own canonical content, so an entry edited or removed behind Piket's back breaks the chain.

The MAC (docs/SECURITY.md "Jejak audit"): in an encrypted store, HMAC-SHA256 with
`subkey(data_key, "audit")`, so only someone who can open the store makes a valid entry, and a
chain recomputed with plain SHA-256 shows as re-hashed. A plain store (tests, the benchmark, a
store of the previous version before its first sign-in encrypts it) keeps the unkeyed SHA-256
chain: anyone with the file can recompute it, it only shows accidents and careless edits.

Besides the entries, one row `audit_head` (migration 0008_audit_keyed) keeps, in the same
transaction as every entry, the newest entry's id and MAC and a seal over them, and the
values of the number counters and settings with a seal over those: entries removed from the
end and counters or settings changed without an entry show against it. Backups carry the
head outside the file (app/backup: `<backup>.head`).
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from json.encoder import encode_basestring
from typing import Any

import sqlite_utils

from app.store.driver import OperationalError
from app.store.serialize import canonical_json, dt_to_db

GENESIS_HASH = "0" * 64
_KEY_ATTR = "_piket_audit_key"  # the audit subkey, set on the Database at open (None: plain)


_HASHED = ("action", "after", "at", "before", "kind", "officer_id", "record_uuid")  # sorted


def remember_key(db: sqlite_utils.Database, data_key: bytes | None) -> None:
    """Called by open_database before the migrations: the key every entry written through
    `db` is authenticated with (None for a plain store: the unkeyed chain)."""
    from app.security.keyslots import subkey

    setattr(db, _KEY_ATTR, None if data_key is None else subkey(data_key, "audit"))


def mac_key(db: sqlite_utils.Database) -> bytes | None:
    return getattr(db, _KEY_ATTR, None)


def is_keyed(db: sqlite_utils.Database) -> bool:
    return mac_key(db) is not None


def hasher(key: bytes | None) -> Callable[[str], str]:
    """The chain's function of `prev + body`: HMAC-SHA256 with `key`, or SHA-256 without.
    The keyed one copies a prepared HMAC (its key already absorbed): the bulk path pays one
    copy and two hashes of the text per entry, as the unkeyed chain paid one."""
    if key is None:
        return lambda text: hashlib.sha256(text.encode("utf-8")).hexdigest()
    base = hmac.new(key, digestmod=hashlib.sha256)

    def mac(text: str) -> str:
        h = base.copy()
        h.update(text.encode("utf-8"))
        return h.hexdigest()

    return mac


def _plain(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def entry_hash(prev_hash: str, row: dict[str, Any], key: bytes | None = None) -> str:
    return hasher(key)(prev_hash + entry_body(row))


def entry_body(row: dict[str, Any]) -> str:
    """What an entry's hash covers: `canonical_json` of its hashed fields. Written out here
    for the usual values (text, whole numbers, null), with the string escaping json.dumps
    itself uses: the entry's `after` is a record's whole JSON (1.5 to 3 KB), and dumping
    the dict took 19 us of an import's 35 us per entry, this 12 (tests/test_store_audit.py
    checks both spellings agree)."""
    parts = []
    for key in _HASHED:
        value = row.get(key)
        if value is None:
            parts.append(f'"{key}":null')
        elif type(value) is str:
            parts.append(f'"{key}":{encode_basestring(value)}')
        elif type(value) is int:
            parts.append(f'"{key}":{value}')
        else:
            return canonical_json({k: row.get(k) for k in _HASHED})
    return "{" + ",".join(parts) + "}"


# ------------------------------------------------------------------ the head
@dataclass(frozen=True)
class Head:
    """The `audit_head` row: the newest entry as Piket wrote it, and the counters and
    settings as Piket last changed them, each with its seal."""

    entry_id: int
    mac: str
    seal: str
    state: str
    state_seal: str


def _head_seal(key: bytes | None, entry_id: int, mac: str) -> str:
    return hasher(key)(f"piket-audit-head:{entry_id}:{mac}")


def _state_seal(key: bytes | None, state: str) -> str:
    return hasher(key)(f"piket-audit-state:{state}")


def read_head(db: sqlite_utils.Database) -> Head | None:
    """The head row (None: a store before 0008_audit_keyed, or the row removed)."""
    try:
        row = db.execute("SELECT entry_id, mac, seal, state, state_seal FROM audit_head "
                         "WHERE id = 1").fetchone()
    except OperationalError:  # no such table: during the migrations before 0008
        return None
    return None if row is None else Head(int(row[0]), str(row[1]), str(row[2]), str(row[3]),
                                         str(row[4]))


def head_seal_ok(db: sqlite_utils.Database, head: Head) -> bool:
    return hmac.compare_digest(head.seal, _head_seal(mac_key(db), head.entry_id, head.mac))


BROKEN_HEAD = "!"  # before the MAC a head row with a wrong seal names (see latest_hash)


def latest_hash(db: sqlite_utils.Database) -> str:
    """What the next entry chains after: the head Piket recorded (so entries removed from
    the end leave the next entry pointing at one that is gone: the break stays visible), or
    before migration 0008 the newest entry's hash. A head row whose seal is wrong (moved
    back by hand after deleting entries) gives a link no entry has: writing on does not
    reseal the tampering away, the next entry shows it for ever."""
    head = read_head(db)
    if head is not None:
        return head.mac if head_seal_ok(db, head) else BROKEN_HEAD + head.mac
    row = db.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    return str(row[0]) if row else GENESIS_HASH


def set_head(db: sqlite_utils.Database, entry_id: int, mac: str) -> None:
    """Record the newest entry in the head row (in the transaction that wrote it)."""
    try:
        db.conn.execute("UPDATE audit_head SET entry_id = ?, mac = ?, seal = ? WHERE id = 1",
                        [entry_id, mac, _head_seal(mac_key(db), entry_id, mac)])
    except OperationalError:  # no such table: entries of the migrations before 0008
        pass


def current_state(db: sqlite_utils.Database) -> str:
    """The number counters, every settings row and who may do what (each account's NRP,
    role and whether it is active), as one canonical text."""
    counters = [[str(d), int(y), int(s)] for d, y, s in db.execute(
        "SELECT doc_kind, year, last_seq FROM number_counters ORDER BY doc_kind, year")]
    settings = {str(k): str(v) for k, v in db.execute("SELECT key, value FROM settings")}
    accounts = {str(nrp): f"{role}/{'aktif' if active else 'nonaktif'}" for nrp, role, active
                in db.execute("SELECT nrp, role, active FROM accounts")}
    return canonical_json({"accounts": accounts, "counters": counters, "settings": settings})


def seal_state(db: sqlite_utils.Database) -> None:
    """Record the counters, settings and accounts as they are now, sealed (called by every
    write of Piket that changes them, in its transaction: numbers.Counters.save, settings,
    accounts)."""
    state = current_state(db)
    try:
        db.conn.execute("UPDATE audit_head SET state = ?, state_seal = ? WHERE id = 1",
                        [state, _state_seal(mac_key(db), state)])
    except OperationalError:  # before 0008 (the migration seals what it finds)
        pass


def create_head(db: sqlite_utils.Database) -> None:
    """The head row of migration 0008: the newest entry now, the counters and settings now."""
    db.execute("""CREATE TABLE audit_head (
        id INTEGER PRIMARY KEY CHECK (id = 1), entry_id INTEGER NOT NULL, mac TEXT NOT NULL,
        seal TEXT NOT NULL, state TEXT NOT NULL, state_seal TEXT NOT NULL)""")
    row = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    entry_id, mac = (int(row[0]), str(row[1])) if row else (0, GENESIS_HASH)
    key = mac_key(db)
    state = current_state(db)
    db.execute("INSERT INTO audit_head (id, entry_id, mac, seal, state, state_seal) "
               "VALUES (1, ?, ?, ?, ?, ?)",
               [entry_id, mac, _head_seal(key, entry_id, mac), state, _state_seal(key, state)])


def append(db: sqlite_utils.Database, *, at: datetime, officer_id: int | None, action: str,
           kind: str, record_uuid: str | None, before: Any = None, after: Any = None) -> str:
    """Write one entry (call inside the write transaction of the change it records)."""
    rows, bodies = unlinked_rows([{"at": at, "officer_id": officer_id, "action": action,
                                   "kind": kind, "record_uuid": record_uuid,
                                   "before": before, "after": after}])
    last = link(latest_hash(db), rows, bodies, mac_key(db))
    cursor = db.conn.execute(INSERT_SQL, rows[0])
    assert cursor.lastrowid is not None
    set_head(db, int(cursor.lastrowid), last)
    return last


def append_many(db: sqlite_utils.Database, entries: list[dict[str, Any]]) -> str:
    """Write `entries` (each with the keyword arguments of `append`) chained in order with
    one statement, as a batch of the walk-ins' bulk write (call inside the write
    transaction of the changes they record); returns the last MAC."""
    rows, bodies = unlinked_rows(entries)
    last = link(latest_hash(db), rows, bodies, mac_key(db))
    append_linked(db, rows, last)
    return last


def append_linked(db: sqlite_utils.Database, rows: list[list[Any]], last: str) -> None:
    """Insert rows `link` chained (a batch of the bulk write) and move the head to the last."""
    if not rows:
        return
    db.conn.executemany(INSERT_SQL, rows)  # no trigger on INSERT: no need to stage
    set_head(db, int(db.conn.execute("SELECT last_insert_rowid()").fetchone()[0]), last)


_COLUMNS = ("at", "officer_id", "action", "kind", "record_uuid", "before", "after",
            "prev_hash", "hash")
_PREV_AT = _COLUMNS.index("prev_hash")
_HASH_AT = _COLUMNS.index("hash")
INSERT_SQL = (f"INSERT INTO audit_log ({', '.join(_COLUMNS)}) "
              f"VALUES ({', '.join('?' * len(_COLUMNS))})")


def unlinked_rows(entries: list[dict[str, Any]]) -> tuple[list[list[Any]], list[str]]:
    """The INSERT_SQL parameters of `entries` (each with the keyword arguments of `append`)
    without their two hashes yet, and the text each hash will cover: what can be made in
    parallel (visits.workers); `link` then chains them, one MAC each."""
    rows = []
    bodies = []
    for entry in entries:
        row: dict[str, Any] = {
            "at": dt_to_db(entry["at"]), "officer_id": entry["officer_id"],
            "action": entry["action"], "kind": entry["kind"],
            "record_uuid": entry["record_uuid"],
            "before": None if entry.get("before") is None else _as_json(entry["before"]),
            "after": None if entry.get("after") is None else _as_json(entry["after"]),
            "prev_hash": "", "hash": "",
        }
        rows.append([row[c] for c in _COLUMNS])
        bodies.append(entry_body(row))
    return rows, bodies


def link(prev: str, rows: list[list[Any]], bodies: list[str], key: bytes | None) -> str:
    """Fill in the MACs of `unlinked_rows` (`key`: mac_key of the store), chained after
    `prev`; returns the last."""
    mac = hasher(key)
    for row, body in zip(rows, bodies, strict=True):
        row[_PREV_AT] = prev
        row[_HASH_AT] = prev = mac(prev + body)
    return prev


def _as_json(value: Any) -> str:
    return value if isinstance(value, str) else canonical_json(value)


# ------------------------------------------------------------------ checking
@dataclass(frozen=True)
class Finding:
    """One problem `piket verify` reports: its kind (FINDING_KINDS) and its line."""

    kind: str
    text: str


FINDING_KINDS = {
    "integrity": "Berkas basis data rusak",
    "foreign_key": "Rujukan antartabel putus",
    "record_changed": "Catatan diubah di luar Piket",
    "record_unaudited": "Catatan tanpa jejak audit (dibuat di luar Piket)",
    "record_deleted": "Catatan dihapus di luar Piket (ada di jejak audit, tidak ada di tabelnya)",
    "entry_changed": "Entri jejak audit diubah",
    "entry_missing": "Entri jejak audit hilang dari tengah rantai",
    "tail_removed": "Entri jejak audit dihapus dari ujung rantai",
    "entry_added": "Entri jejak audit ditambahkan di luar Piket",
    "rehashed": "Rantai jejak audit dihitung ulang tanpa kunci",
    "state_changed": "Penghitung nomor, pengaturan atau akun diubah tanpa jejak audit",
    "old_chain": "Rantai lama (tanpa kunci) sudah rusak saat diberi kunci",
    "backup": "Cadangan dan jangkar rantai",
}
"""Every kind, in the order `piket verify` prints them, with its heading (Indonesian)."""


_ENTRY_SQL = ("SELECT id, at, officer_id, action, kind, record_uuid, before, after, prev_hash, "
              "hash FROM audit_log WHERE id > ? ORDER BY id LIMIT ?")
_ENTRY_COLUMNS = ("id", "at", "officer_id", "action", "kind", "record_uuid", "before", "after",
                  "prev_hash", "hash")


def _entries(db: sqlite_utils.Database, batch: int = 2000) -> Any:
    """Every entry as a dict, oldest first, `batch` rows a query (bounded memory)."""
    last = 0
    while True:
        rows = db.execute(_ENTRY_SQL, [last, batch]).fetchall()
        if not rows:
            return
        for values in rows:
            yield dict(zip(_ENTRY_COLUMNS, values, strict=True))
        last = int(rows[-1][0])


def verify_chain(db: sqlite_utils.Database) -> list[str]:
    """Problems found in the chain and its head (empty when intact), as lines."""
    return [f.text for f in chain_findings(db)]


def chain_findings(db: sqlite_utils.Database) -> list[Finding]:
    """Every entry's MAC and link, the head against the newest entry, the counters and
    settings against their sealed values, and breaks a re-keying found in the old chain."""
    key = mac_key(db)
    mac = hasher(key)
    found: list[Finding] = []
    rehashed: list[tuple[int, int]] = []  # ranges of ids (a whole chain is one range)
    prev = GENESIS_HASH
    expected_id: int | None = None
    last_id = 0
    for row in _entries(db):
        entry_id = int(row["id"])
        if expected_id is not None and entry_id != expected_id:
            found.append(Finding("entry_missing",
                                 f"audit: entri {expected_id} sampai {entry_id - 1} hilang"))
        elif row["prev_hash"] != prev:
            found.append(Finding(
                "tail_removed" if expected_id is not None else "entry_changed",
                f"audit: entri {entry_id} tidak tersambung ke entri sebelumnya (entri yang "
                "disambungnya sudah tidak ada: entri di ujung rantai pernah dihapus)"
                if expected_id is not None else
                f"audit: entri {entry_id} tidak tersambung ke awal rantai"))
        expected_id = entry_id + 1
        body = entry_body(row)
        if not hmac.compare_digest(mac(str(row["prev_hash"]) + body), str(row["hash"])):
            if key is not None and _plain(str(row["prev_hash"]) + body) == row["hash"]:
                if rehashed and rehashed[-1][1] == entry_id - 1:
                    rehashed[-1] = (rehashed[-1][0], entry_id)
                else:
                    rehashed.append((entry_id, entry_id))
            else:
                found.append(Finding("entry_changed", f"audit: isi entri {entry_id} telah diubah"))
        if row["action"] == REKEY_ACTION and row["after"]:
            found.extend(Finding("old_chain", f"audit (sebelum diberi kunci): {problem}")
                         for problem in json.loads(row["after"]).get("old_problems", []))
        prev = str(row["hash"])
        last_id = entry_id
    found.extend(Finding("rehashed", f"audit: entri {first} sampai {last} membawa hash SHA-256 "
                         "biasa, bukan MAC berkunci: rantai dihitung ulang di luar Piket"
                         if first != last else
                         f"audit: entri {first} membawa hash SHA-256 biasa, bukan MAC berkunci: "
                         "dihitung ulang di luar Piket")
                 for first, last in rehashed)
    found.extend(_head_findings(db, last_id, prev))
    return found


def _head_findings(db: sqlite_utils.Database, last_id: int, last_mac: str) -> list[Finding]:
    """The newest entry against the head row, the counters and settings against its seal."""
    if "audit_head" not in db.table_names():
        made = db.execute("SELECT 1 FROM _sqlite_migrations WHERE name = '0008_audit_keyed'"
                          ).fetchone()
        return [Finding("tail_removed", "audit: tabel kepala rantai (audit_head) dihapus di "
                                        "luar Piket")] if made else []
    head = read_head(db)
    if head is None:
        return [Finding("tail_removed", "audit: catatan kepala rantai (audit_head) dihapus di "
                                        "luar Piket")]
    found: list[Finding] = []
    if not head_seal_ok(db, head):
        found.append(Finding("tail_removed", "audit: catatan kepala rantai (audit_head) diubah "
                                             "di luar Piket"))
    elif head.entry_id > last_id:
        gone = (f"{last_id + 1} sampai {head.entry_id}" if head.entry_id > last_id + 1
                else str(head.entry_id))
        found.append(Finding("tail_removed",
                             f"audit: entri {gone} dihapus dari ujung rantai (kepala rantai "
                             f"tercatat di entri {head.entry_id})"))
    elif head.entry_id < last_id:
        found.append(Finding("entry_added",
                             f"audit: entri {head.entry_id + 1} sampai {last_id} ditulis di luar "
                             f"Piket (kepala rantai tercatat di entri {head.entry_id})"))
    elif head.mac != last_mac:
        found.append(Finding("entry_changed",
                             f"audit: entri terakhir {last_id} bukan entri yang ditulis Piket "
                             "(MAC-nya berbeda dari kepala rantai)"))
    found.extend(_state_findings(db, head))
    return found


def _state_findings(db: sqlite_utils.Database, head: Head) -> list[Finding]:
    if not hmac.compare_digest(head.state_seal, _state_seal(mac_key(db), head.state)):
        return [Finding("state_changed", "audit: catatan nilai penghitung nomor, pengaturan dan "
                                         "akun diubah di luar Piket")]
    sealed = json.loads(head.state)
    now = json.loads(current_state(db))
    found: list[Finding] = []
    before_counters = {(d, y): s for d, y, s in sealed["counters"]}
    now_counters = {(d, y): s for d, y, s in now["counters"]}
    for doc, year in sorted(set(before_counters) | set(now_counters)):
        a, b = before_counters.get((doc, year)), now_counters.get((doc, year))
        if a != b:
            found.append(Finding("state_changed",
                                 f"penghitung nomor {doc} tahun {year}: tercatat "
                                 f"{'tidak ada' if a is None else a}, sekarang "
                                 f"{'tidak ada' if b is None else b}"))
    for name in sorted(set(sealed["settings"]) | set(now["settings"])):
        if sealed["settings"].get(name) != now["settings"].get(name):
            found.append(Finding("state_changed", f"pengaturan {name}: diubah tanpa jejak audit"))
    before_accounts, now_accounts = sealed.get("accounts", {}), now["accounts"]
    for nrp in sorted(set(before_accounts) | set(now_accounts)):
        a, b = before_accounts.get(nrp), now_accounts.get(nrp)
        if a != b:
            found.append(Finding("state_changed",
                                 f"akun NRP {nrp}: tercatat {a or 'tidak ada'}, sekarang "
                                 f"{b or 'tidak ada'}"))
    return found


# ------------------------------------------------------------------ re-keying
REKEY_ACTION = "rekey"
_NO_UPDATE_TRIGGER = ("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log "
                      "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def chain_is_unkeyed(db: sqlite_utils.Database) -> bool:
    """Whether the newest entry carries a plain SHA-256 (a chain written before the store
    had its key: a store of the previous version, or a plain store just encrypted)."""
    row = db.execute(
        "SELECT id, at, officer_id, action, kind, record_uuid, before, after, prev_hash, hash "
        "FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    if row is None:
        return False
    entry = dict(zip(_ENTRY_COLUMNS, row, strict=True))
    return bool(_plain(str(entry["prev_hash"]) + entry_body(entry)) == entry["hash"])


def rekey(db: sqlite_utils.Database, *, at: datetime, reason: str, batch: int = 2000) -> int:
    """Re-chain every entry with the store's key (inside a write transaction): the old
    unkeyed chain is checked first and what was broken in it is kept in the one entry that
    records the re-keying (`verify` reports it for ever after). Returns the entries re-keyed."""
    key = mac_key(db)
    assert key is not None, "a plain store keeps its unkeyed chain"
    old = [f.text for f in _unkeyed_findings(db)]
    head = db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    mac = hasher(key)
    db.execute("DROP TRIGGER IF EXISTS audit_no_update")
    count, prev, last = 0, GENESIS_HASH, 0
    while True:
        rows = db.execute(_ENTRY_SQL, [last, batch]).fetchall()
        if not rows:
            break
        updates = []
        for values in rows:
            entry = dict(zip(_ENTRY_COLUMNS, values, strict=True))
            new = mac(prev + entry_body(entry))
            updates.append([prev, new, entry["id"]])
            prev = new
        db.conn.executemany("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?", updates)
        count += len(rows)
        last = int(rows[-1][0])
    db.execute(_NO_UPDATE_TRIGGER)
    if "audit_head" in db.table_names():
        set_head(db, last, prev)
        seal_state(db)
    append(db, at=at, officer_id=None, action=REKEY_ACTION, kind="audit", record_uuid=None,
           after={"reason": reason, "entries": count,
                  "old_head": None if head is None else {"id": head[0], "hash": head[1]},
                  "old_problems": old})
    return count


def _unkeyed_findings(db: sqlite_utils.Database) -> list[Finding]:
    key = getattr(db, _KEY_ATTR, None)
    setattr(db, _KEY_ATTR, None)
    try:
        return chain_findings(db)
    finally:
        setattr(db, _KEY_ATTR, key)
