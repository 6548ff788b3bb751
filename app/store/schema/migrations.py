"""Named, append-only schema migrations. Never edit a released migration: add a new one."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from app.store.schema import seeds
from app.store.schema.scripts import (
    META_COLUMNS,
    SCHEMA_0001,
    SCHEMA_0003,
    SCHEMA_0004,
    SCHEMA_0010,
    SCHEMA_0011,
    SCHEMA_0012,
    SCHEMA_0013,
    SCHEMA_0014,
    SCHEMA_0015,
    STAGE_OF_STATUS_SQL,
)

MIGRATIONS = Migrations("piket")


@MIGRATIONS(name="0001_initial_schema")
def m0001_initial_schema(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0001):
        db.execute(statement)


@MIGRATIONS(name="0002_seed_master_data")
def m0002_seed_master_data(db: sqlite_utils.Database) -> None:
    seeds.insert_seed_master_data(db)


def _statements(script: str) -> list[str]:
    """Split a schema script at statement ends (triggers keep their inner semicolons)."""
    out: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        current.append(line)
        joined = "\n".join(current).strip()
        if joined.endswith(";") and _complete(joined):
            out.append(joined)
            current = []
    if "\n".join(current).strip():
        out.append("\n".join(current).strip())
    return out


def _complete(statement: str) -> bool:
    import sqlite3

    return sqlite3.complete_statement(statement)


@MIGRATIONS(name="0003_indexes_for_large_stores")
def m0003_indexes_for_large_stores(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0003):
        db.execute(statement)


@MIGRATIONS(name="0004_visit_total")
def m0004_visit_total(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0004):
        db.execute(statement)


# The words of the search index that contain a letter, so a typed word is looked up as the
# whole words it starts instead of a prefix FTS5 merges first (see search_terms).
@MIGRATIONS(name="0005_search_terms")
def m0005_search_terms(db: sqlite_utils.Database) -> None:
    from app.store.visits import terms as search_terms

    db.execute("CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID")
    search_terms.fill(db)


# Accounts of the sign-in (issue 16): one per officer who may sign in, never deleted (an
# officer who leaves is deactivated). The password is not here: its key slot, beside the
# store in `<store>.keys`, is what a password opens (app/security/keyslots.py).
@MIGRATIONS(name="0006_accounts")
def m0006_accounts(db: sqlite_utils.Database) -> None:
    db.execute("""CREATE TABLE accounts (
        officer_id INTEGER PRIMARY KEY REFERENCES officers(id),
        nrp TEXT NOT NULL UNIQUE,
        role TEXT NOT NULL,
        active INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by INTEGER,
        password_set_at TEXT NOT NULL,
        deactivated_at TEXT,
        deactivated_by INTEGER)""")


# The station's key for the check codes printed on documents (app/documents/checkcode.py):
# 32 random bytes made once per store, here, so every store has one before anything is
# printed (also one opened read-only later). It never leaves the store: the store computes
# the codes with it (documents.mac). Backups carry it, so a restored store still checks
# the papers it printed.
@MIGRATIONS(name="0007_document_check_key")
def m0007_document_check_key(db: sqlite_utils.Database) -> None:
    import secrets

    db.execute("CREATE TABLE document_key (id INTEGER PRIMARY KEY CHECK (id = 1), "
               "secret BLOB NOT NULL)")
    db.execute("INSERT INTO document_key (id, secret) VALUES (1, ?)", [secrets.token_bytes(32)])


# The audit trail authenticated (issue 16 item 7, app/store/audit.py): in an encrypted store
# every entry's hash becomes an HMAC-SHA256 with a key derived from the data key. The chain
# of a store that has its key already (encrypted before this version) is checked as it was
# (unkeyed), then re-chained keyed; what was broken in it is kept in the one entry recording
# this. A plain store keeps its unkeyed chain (re-keyed when it is encrypted). Every store
# gets the head row: the newest entry and the counters and settings, sealed.
@MIGRATIONS(name="0008_audit_keyed")
def m0008_audit_keyed(db: sqlite_utils.Database) -> None:
    from app.clock import utc_now
    from app.store import audit

    if audit.is_keyed(db) and audit.chain_is_unkeyed(db):
        audit.rekey(db, at=utc_now(), reason="0008_audit_keyed")
    audit.create_head(db)


# Issue 17: who signs what (positions of the roster with what they may sign), the reporter's
# nationality on citizen documents, and the order a patrol was made under.
@MIGRATIONS(name="0009_signing_positions_and_documents")
def m0009_signing_positions_and_documents(db: sqlite_utils.Database) -> None:
    db.execute(f"""CREATE TABLE positions ({META_COLUMNS},
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        signs_for_commander INTEGER NOT NULL DEFAULT 0,
        countersigns INTEGER NOT NULL DEFAULT 0,
        active INTEGER NOT NULL DEFAULT 1)""")
    db.execute("ALTER TABLE visit_parties ADD COLUMN nationality TEXT NOT NULL DEFAULT 'WNI'")
    db.execute("ALTER TABLE patrols ADD COLUMN basis TEXT NOT NULL DEFAULT ''")
    seeds.insert_seed_positions(db)


@MIGRATIONS(name="0010_weekly_analyses_and_disasters")
def m0010_weekly_analyses_and_disasters(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0010):
        db.execute(statement)
    seeds.add_disaster_categories(db)


@MIGRATIONS(name="0011_cover_letters_and_dispatches")
def m0011_cover_letters_and_dispatches(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0011):
        db.execute(statement)


@MIGRATIONS(name="0012_duty_journal")
def m0012_duty_journal(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0012):
        db.execute(statement)


@MIGRATIONS(name="0013_lp_register_sp2hp")
def m0013_lp_register_sp2hp(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0013):
        db.execute(statement)
    db.execute(f"""INSERT INTO lp_cases (visit_id, received_at, voided, stage, stage_at)
        SELECT id, received_at, voided_at IS NOT NULL, {STAGE_OF_STATUS_SQL.format("status")},
               updated_at FROM visits WHERE service = 'lp'""")
    # the walk-in status history becomes the stage history (CC counts first clearances)
    db.execute(f"""INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note)
        SELECT h.visit_id, {STAGE_OF_STATUS_SQL.format("h.status")}, h.at, h.officer_id,
               'status ' || h.status || (CASE WHEN h.note = '' THEN '' ELSE ': ' || h.note END)
               || ' (migrasi 0013)'
        FROM visit_status_history h JOIN visits v ON v.id = h.visit_id
        WHERE v.service = 'lp' ORDER BY h.id""")


@MIGRATIONS(name="0014_sync_state")
def m0014_sync_state(db: sqlite_utils.Database) -> None:
    """The station's Ed25519 key pair for the Polres hub (the private key sealed with the data
    key) and, per target (hub, bundle), the newest audit entry acknowledged (docs/HUB.md)."""
    for statement in _statements(SCHEMA_0014):
        db.execute(statement)


@MIGRATIONS(name="0015_register_speed")
def m0015_register_speed(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0015):
        db.execute(statement)
