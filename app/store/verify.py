"""`piket verify`: SQLite integrity, foreign keys, the audit chain, and every record against
the newest audit entry that describes it (a row changed behind Piket's back shows up here)."""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator
from typing import Any

from app.store import audit, audit_reads
from app.store.master import TABLES
from app.store.records import StoreContext


def verify_store(ctx: StoreContext, snapshots: Iterable[tuple[str, str, str]], *,
                 batch: int = 500) -> list[audit.Finding]:
    """Every problem found, in Indonesian, each with its kind (audit.FINDING_KINDS); empty
    when all is well.
    `snapshots`: (uuid, kind, canonical JSON of the record as the store reads it now), read
    as they come: a batch of records is compared with its audit entries and let go, so a
    store of a million walk-ins is checked in bounded memory (holding every record's JSON
    and every entry's took gigabytes)."""
    problems: list[audit.Finding] = []
    integrity = [r[0] for r in ctx.db.execute("PRAGMA integrity_check").fetchall()]
    if integrity != ["ok"]:
        problems.extend(audit.Finding("integrity", f"integritas SQLite: {line}")
                        for line in integrity)
    for table, rowid, parent, _ in ctx.db.execute("PRAGMA foreign_key_check").fetchall():
        problems.append(audit.Finding(
            "foreign_key", f"kunci asing: baris {rowid} di tabel {table} menunjuk ke {parent} "
                           "yang tidak ada"))
    problems.extend(audit.chain_findings(ctx.db))
    problems.extend(_deleted_records(ctx))
    for chunk in _batched(snapshots, batch):
        logged = audit_reads.latest_after_of(ctx.db, [record_uuid for record_uuid, _k, _j in chunk])
        for record_uuid, kind, current in chunk:
            after = logged.get(record_uuid)
            if after is None:
                problems.append(audit.Finding(
                    "record_unaudited", f"{kind} {record_uuid}: tidak ada jejak audit (dibuat "
                                        "di luar Piket)"))
                continue
            if after == current:  # the same text: nothing to compare field by field
                continue
            differing = _differences(json.loads(after), json.loads(current))
            if differing:
                problems.append(audit.Finding(
                    "record_changed", f"{kind} {record_uuid}: diubah di luar Piket "
                                      f"(kolom: {', '.join(differing[:8])})"))
    return problems


RECORD_WORDS = {"visit": ("visits", "laporan"), "patrol": ("patrols", "patroli"),
                "meeting": ("meetings", "pertemuan"),
                **{kind: (table, "data master") for table, kind, _order in TABLES.values()}}
"""Audit kind: (its table, the word verify uses for it); other kinds are named as they are."""


def _record_tables(ctx: StoreContext) -> list[str]:
    """Every table of records (those with a `uuid` column), walk-ins first."""
    names = [str(r[0]) for r in ctx.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name != 'visits', name")]
    return [name for name in names
            if any(col[1] == "uuid" for col in ctx.db.execute(f'PRAGMA table_info("{name}")'))]


def _deleted_records(ctx: StoreContext) -> list[audit.Finding]:
    """Records are voided, never deleted: a record a `create` entry made that is in no table
    of records was deleted behind Piket's back. One pass over the create entries (index
    audit_action); each uuid is looked up in the unique indexes, walk-ins first (most of
    them: one lookup each)."""
    missing = " AND ".join(f'NOT EXISTS (SELECT 1 FROM "{table}" t WHERE t.uuid = a.record_uuid)'
                           for table in _record_tables(ctx))
    found: list[audit.Finding] = []
    for record_uuid, kind in ctx.db.execute(
            "SELECT DISTINCT a.record_uuid, a.kind FROM audit_log a WHERE a.action = 'create' "
            f"AND a.record_uuid IS NOT NULL AND {missing}"):
        table, word = RECORD_WORDS.get(kind, ("", kind))
        found.append(audit.Finding(
            "record_deleted", f"{word} {record_uuid}: tercatat di jejak audit tetapi tidak ada "
                              f"lagi di {f'tabel {table}' if table else 'tabelnya'} (dihapus di "
                              "luar Piket)"))
    return found


def _batched(items: Iterable[tuple[str, str, str]],
             size: int) -> Iterator[tuple[tuple[str, str, str], ...]]:
    """`itertools.batched` (Python 3.12)."""
    iterator = iter(items)
    while chunk := tuple(itertools.islice(iterator, size)):
        yield chunk


def _differences(logged: Any, current: Any, path: str = "") -> list[str]:
    """Fields whose current value differs from the logged one. Fields the log does not know
    (added by a later migration) are ignored, so schema growth is not mistaken for tampering."""
    if isinstance(logged, dict) and isinstance(current, dict):
        out: list[str] = []
        for key, value in logged.items():
            out.extend(_differences(value, current.get(key), f"{path}.{key}" if path else key))
        return out
    if isinstance(logged, list) and isinstance(current, list):
        if len(logged) != len(current):
            return [path]
        out = []
        for i, (a, b) in enumerate(zip(logged, current, strict=True)):
            out.extend(_differences(a, b, f"{path}[{i}]"))
        return out
    return [] if logged == current else [path or "(record)"]
