"""Named, append-only schema migrations. Never edit a released migration: add a new one."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from app.store.schema import seeds

MIGRATIONS = Migrations("piket")

# Columns every record table carries (ARCHITECTURE.md "Data rules").
META_COLUMNS = """
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    station_code TEXT NOT NULL,
    created_at TEXT NOT NULL,
    created_by INTEGER,
    updated_at TEXT NOT NULL,
    updated_by INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    voided_at TEXT,
    voided_by INTEGER,
    void_reason TEXT
"""

SCHEMA_0001 = f"""
CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE officers ({META_COLUMNS},
    name TEXT NOT NULL, rank TEXT NOT NULL, nrp TEXT NOT NULL UNIQUE,
    active INTEGER NOT NULL DEFAULT 1, position TEXT NOT NULL DEFAULT '');
CREATE TABLE desa ({META_COLUMNS},
    name TEXT NOT NULL UNIQUE COLLATE NOCASE, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE categories ({META_COLUMNS},
    code TEXT NOT NULL UNIQUE, label TEXT NOT NULL, "group" TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE law_articles ({META_COLUMNS},
    code TEXT NOT NULL UNIQUE, title TEXT NOT NULL, law TEXT NOT NULL,
    category_code TEXT, replaces_code TEXT, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE place_types ({META_COLUMNS},
    code TEXT NOT NULL UNIQUE, label TEXT NOT NULL, active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE vehicles ({META_COLUMNS},
    name TEXT NOT NULL, plate TEXT NOT NULL, mode TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1);

CREATE TABLE number_counters (
    doc_kind TEXT NOT NULL, year INTEGER NOT NULL, last_seq INTEGER NOT NULL,
    PRIMARY KEY (doc_kind, year));

CREATE TABLE visits ({META_COLUMNS},
    service TEXT NOT NULL, lp_model TEXT,
    number TEXT UNIQUE, number_doc TEXT, number_year INTEGER, number_seq INTEGER,
    received_at TEXT NOT NULL, receiving_officer_id INTEGER REFERENCES officers(id),
    occurred_at TEXT, incident_desa TEXT NOT NULL DEFAULT '',
    place_type TEXT NOT NULL DEFAULT '', place_detail TEXT NOT NULL DEFAULT '',
    category TEXT NOT NULL DEFAULT '', narrative TEXT NOT NULL DEFAULT '',
    modus_operandi TEXT NOT NULL DEFAULT '', evidence TEXT NOT NULL DEFAULT '',
    complaint_subject TEXT NOT NULL DEFAULT '', other_reason TEXT NOT NULL DEFAULT '',
    law_articles TEXT NOT NULL DEFAULT '[]',
    dispatched_officer_id INTEGER REFERENCES officers(id),
    dispatched_at TEXT, arrived_at TEXT, resolved_at TEXT,
    status TEXT NOT NULL DEFAULT 'diterima',
    notable INTEGER NOT NULL DEFAULT 0, needs_visit INTEGER NOT NULL DEFAULT 0,
    source_patrol_uuid TEXT,
    accepted_warnings TEXT NOT NULL DEFAULT '[]',
    reporter_name TEXT NOT NULL DEFAULT '', total_loss_rp INTEGER NOT NULL DEFAULT 0,
    UNIQUE (number_doc, number_year, number_seq));
CREATE INDEX visits_received ON visits (received_at DESC, id DESC);
CREATE INDEX visits_service ON visits (service, received_at DESC, id DESC);
CREATE INDEX visits_category ON visits (category, received_at DESC, id DESC);
CREATE INDEX visits_status ON visits (status, received_at DESC, id DESC);
CREATE INDEX visits_desa ON visits (incident_desa COLLATE NOCASE, received_at DESC, id DESC);
CREATE INDEX visits_patrol ON visits (source_patrol_uuid) WHERE source_patrol_uuid IS NOT NULL;

CREATE TABLE visit_parties (
    id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL REFERENCES visits(id), position INTEGER NOT NULL,
    role TEXT NOT NULL, name TEXT NOT NULL DEFAULT '', unknown INTEGER NOT NULL DEFAULT 0,
    nik TEXT NOT NULL DEFAULT '', sex TEXT NOT NULL DEFAULT '',
    birth_place TEXT NOT NULL DEFAULT '', birth_date TEXT,
    occupation TEXT NOT NULL DEFAULT '', religion TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '', street TEXT NOT NULL DEFAULT '', rt_rw TEXT NOT NULL DEFAULT '',
    desa TEXT NOT NULL DEFAULT '', kecamatan TEXT NOT NULL DEFAULT '',
    kabupaten TEXT NOT NULL DEFAULT '', note TEXT NOT NULL DEFAULT '');
CREATE INDEX visit_parties_visit ON visit_parties (visit_id, position);
CREATE TABLE visit_lost_items (
    id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL REFERENCES visits(id), position INTEGER NOT NULL,
    doc_type TEXT NOT NULL, number TEXT NOT NULL DEFAULT '', description TEXT NOT NULL DEFAULT '');
CREATE INDEX visit_lost_items_visit ON visit_lost_items (visit_id, position);
CREATE TABLE visit_losses (
    id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL REFERENCES visits(id), position INTEGER NOT NULL,
    description TEXT NOT NULL, value_rp INTEGER NOT NULL DEFAULT 0 CHECK (value_rp >= 0));
CREATE INDEX visit_losses_visit ON visit_losses (visit_id, position);
CREATE TABLE visit_status_history (
    id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL REFERENCES visits(id),
    status TEXT NOT NULL, at TEXT NOT NULL, officer_id INTEGER REFERENCES officers(id),
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX visit_status_history_visit ON visit_status_history (visit_id, at);
CREATE INDEX visit_status_history_at ON visit_status_history (status, at);

CREATE VIRTUAL TABLE visits_fts USING fts5(
    number, names, niks, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 4');

CREATE TABLE patrols ({META_COLUMNS},
    patrol_type TEXT NOT NULL, mode TEXT NOT NULL,
    start_at TEXT NOT NULL, end_at TEXT NOT NULL,
    leader_id INTEGER REFERENCES officers(id), vehicle_id INTEGER REFERENCES vehicles(id),
    operation_name TEXT NOT NULL DEFAULT '', targets TEXT NOT NULL DEFAULT '[]',
    findings TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    accepted_warnings TEXT NOT NULL DEFAULT '[]');
CREATE INDEX patrols_start ON patrols (start_at DESC, id DESC);
CREATE TABLE patrol_members (
    patrol_id INTEGER NOT NULL REFERENCES patrols(id), officer_id INTEGER NOT NULL REFERENCES officers(id),
    position INTEGER NOT NULL, PRIMARY KEY (patrol_id, officer_id));
CREATE TABLE patrol_places (
    id INTEGER PRIMARY KEY, patrol_id INTEGER NOT NULL REFERENCES patrols(id), position INTEGER NOT NULL,
    desa TEXT NOT NULL, place TEXT NOT NULL DEFAULT '', at TEXT,
    situation TEXT NOT NULL DEFAULT 'aman', himbauan TEXT NOT NULL DEFAULT '',
    people_reached INTEGER NOT NULL DEFAULT 0 CHECK (people_reached >= 0),
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX patrol_places_patrol ON patrol_places (patrol_id, position);

CREATE TABLE meetings ({META_COLUMNS},
    meeting_type TEXT NOT NULL, held_at TEXT NOT NULL, desa TEXT NOT NULL,
    place TEXT NOT NULL DEFAULT '', leader_id INTEGER REFERENCES officers(id),
    topics TEXT NOT NULL DEFAULT '', notes TEXT NOT NULL DEFAULT '',
    accepted_warnings TEXT NOT NULL DEFAULT '[]');
CREATE INDEX meetings_held ON meetings (held_at DESC, id DESC);
CREATE TABLE meeting_participants (
    meeting_id INTEGER NOT NULL REFERENCES meetings(id), "group" TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0), PRIMARY KEY (meeting_id, "group"));
CREATE TABLE meeting_issues (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id), position INTEGER NOT NULL,
    description TEXT NOT NULL, category TEXT NOT NULL DEFAULT '', desa TEXT NOT NULL DEFAULT '',
    action TEXT NOT NULL DEFAULT '', owner_officer_id INTEGER REFERENCES officers(id),
    owner_agency TEXT NOT NULL DEFAULT '', due_date TEXT,
    status TEXT NOT NULL DEFAULT 'terbuka');
CREATE INDEX meeting_issues_open ON meeting_issues (status, due_date);
CREATE TABLE meeting_issue_history (
    id INTEGER PRIMARY KEY, issue_id INTEGER NOT NULL REFERENCES meeting_issues(id),
    status TEXT NOT NULL, at TEXT NOT NULL, officer_id INTEGER REFERENCES officers(id),
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX meeting_issue_history_issue ON meeting_issue_history (issue_id, at);

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY, kind TEXT NOT NULL, record_uuid TEXT, payload TEXT NOT NULL,
    officer_id INTEGER, updated_at TEXT NOT NULL);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY, at TEXT NOT NULL, officer_id INTEGER, action TEXT NOT NULL,
    kind TEXT NOT NULL, record_uuid TEXT, before TEXT, after TEXT,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL UNIQUE);
CREATE INDEX audit_record ON audit_log (record_uuid, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_log
    BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
"""


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


# Indexes for stores of a million records (docs/BENCHMARKS.md). Without them two queries of
# the start of the app read a whole table: the time of the last backup (the newest audit
# entry of one action) and the reports still waiting for an officer at the scene.
SCHEMA_0003 = """
CREATE INDEX audit_action ON audit_log (action, id);
CREATE INDEX visits_waiting ON visits (service, needs_visit, voided_at, arrived_at, received_at)
    WHERE service = 'lp' AND needs_visit = 1 AND voided_at IS NULL;
"""


@MIGRATIONS(name="0003_indexes_for_large_stores")
def m0003_indexes_for_large_stores(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0003):
        db.execute(statement)


# The number of walk-ins, kept by triggers: the list's count of everything (its first
# screen) reads one row instead of an index of a million entries (tens of ms with the file
# in the OS cache, seconds right after a reboot).
SCHEMA_0004 = """
CREATE TABLE visit_total (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
INSERT INTO visit_total (id, n) SELECT 1, count(*) FROM visits;
CREATE TRIGGER visit_total_insert AFTER INSERT ON visits
    BEGIN UPDATE visit_total SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER visit_total_delete AFTER DELETE ON visits
    BEGIN UPDATE visit_total SET n = n - 1 WHERE id = 1; END;
"""


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


# Issue 17, the weekly review: the Kapolsek's "Analisa dan langkah-langkah", one per week
# (by the week's first day in station time, so a label that a changed week_start would give
# another meaning cannot mislead), and the disaster (bencana) categories counted beside the
# crime figures (seeds.add_disaster_categories, audited).
SCHEMA_0010 = f"""
CREATE TABLE weekly_analyses ({META_COLUMNS},
    week_start TEXT NOT NULL UNIQUE, week_label TEXT NOT NULL, text TEXT NOT NULL DEFAULT '');
"""


@MIGRATIONS(name="0010_weekly_analyses_and_disasters")
def m0010_weekly_analyses_and_disasters(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0010):
        db.execute(statement)
    seeds.add_disaster_categories(db)


# Issue 17: the surat pengantar of a case handed to the Polres (numbered by its own template,
# `template_pengantar`, counter "pengantar") and the buku ekspedisi, the log of documents
# sent out (a surat pengantar writes its line itself).
SCHEMA_0011 = f"""
CREATE TABLE cover_letters ({META_COLUMNS},
    visit_uuid TEXT NOT NULL, recipient TEXT NOT NULL, items TEXT NOT NULL DEFAULT '[]',
    signer_id INTEGER REFERENCES officers(id), note TEXT NOT NULL DEFAULT '',
    number TEXT NOT NULL UNIQUE, number_doc TEXT NOT NULL, number_year INTEGER NOT NULL,
    number_seq INTEGER NOT NULL, issued_at TEXT NOT NULL);
CREATE INDEX cover_letters_visit ON cover_letters (visit_uuid, id);
CREATE TABLE dispatches ({META_COLUMNS},
    sent_at TEXT NOT NULL, document TEXT NOT NULL, number TEXT NOT NULL DEFAULT '',
    recipient TEXT NOT NULL, received_by TEXT NOT NULL DEFAULT '', received_at TEXT,
    note TEXT NOT NULL DEFAULT '', cover_letter_uuid TEXT);
CREATE INDEX dispatches_sent ON dispatches (sent_at, id);
"""


@MIGRATIONS(name="0011_cover_letters_and_dispatches")
def m0011_cover_letters_and_dispatches(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0011):
        db.execute(statement)


# The shift's duty journal and its handover (issue 19, docs/JOURNAL.md). Journal entries and
# handovers are append-only: triggers refuse UPDATE and DELETE; a correction is a new entry
# that names the one it corrects. audit_action_at: the journal reads the prints and backups
# of one shift as a range of it, not the whole trail.
SCHEMA_0012 = f"""
CREATE TABLE duty_teams ({META_COLUMNS},
    name TEXT NOT NULL, position INTEGER NOT NULL DEFAULT 0,
    members TEXT NOT NULL DEFAULT '[]', active INTEGER NOT NULL DEFAULT 1);
CREATE TABLE journal_entries (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, station_code TEXT NOT NULL,
    at TEXT NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
    officer_id INTEGER REFERENCES officers(id), corrects_uuid TEXT,
    created_at TEXT NOT NULL, created_by INTEGER);
CREATE INDEX journal_entries_at ON journal_entries (at, id);
CREATE INDEX journal_entries_corrects ON journal_entries (corrects_uuid)
    WHERE corrects_uuid IS NOT NULL;
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal_entries
    BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal_entries
    BEGIN SELECT RAISE(ABORT, 'journal_entries is append-only'); END;
CREATE TABLE handovers (
    id INTEGER PRIMARY KEY, uuid TEXT NOT NULL UNIQUE, station_code TEXT NOT NULL,
    shift_day TEXT NOT NULL UNIQUE, team_id INTEGER REFERENCES duty_teams(id),
    outgoing_officer_id INTEGER NOT NULL REFERENCES officers(id),
    incoming_officer_id INTEGER NOT NULL REFERENCES officers(id),
    signed_at TEXT NOT NULL, on_time INTEGER NOT NULL,
    summary TEXT NOT NULL DEFAULT '', open_matters TEXT NOT NULL DEFAULT '[]',
    incoming_notes TEXT NOT NULL DEFAULT '', created_by INTEGER);
CREATE INDEX handovers_signed ON handovers (signed_at);
CREATE TABLE handover_items (
    id INTEGER PRIMARY KEY, handover_id INTEGER NOT NULL REFERENCES handovers(id),
    position INTEGER NOT NULL, category TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0), previous_count INTEGER,
    details TEXT NOT NULL DEFAULT '', explanation TEXT NOT NULL DEFAULT '');
CREATE INDEX handover_items_handover ON handover_items (handover_id, position);
CREATE TRIGGER handovers_no_update BEFORE UPDATE ON handovers
    BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
    BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
CREATE TRIGGER handover_items_no_update BEFORE UPDATE ON handover_items
    BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
CREATE TRIGGER handover_items_no_delete BEFORE DELETE ON handover_items
    BEGIN SELECT RAISE(ABORT, 'handovers are append-only'); END;
CREATE INDEX audit_action_at ON audit_log (action, at);
"""


@MIGRATIONS(name="0012_duty_journal")
def m0012_duty_journal(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0012):
        db.execute(statement)


# Issue 18, the LP register (docs/REGISTER.md): the investigation stage, investigator and
# difficulty of every LP (lp_cases, one row per LP walk-in, kept by triggers so that every
# write path of walk-ins, single, bulk and import, gives an LP its line), the stage history,
# and the SP2HP letters (numbered by template_sp2hp, counter "sp2hp"). The walk-in statuses
# of LPs made before map onto stages: diterima → diterima, ditangani → penyelidikan, and the
# endings selesai, rj, dilimpahkan, dicabut to the stages of the same name; their status
# history becomes the stage history. A walk-in status change of an LP (a row of
# visit_status_history, on any write path) moves its stage when the two no longer agree
# (lp_stage_follows_status; an LP closed that way has no SP2HP due any more, its next write
# works the day out again); a stage change moves the status (app/store/register).
_STAGE_OF_STATUS_SQL = "CASE {0} WHEN 'ditangani' THEN 'penyelidikan' ELSE {0} END"
_STATUS_OF_STAGE_SQL = ("CASE {0} WHEN 'diterima' THEN 'diterima' WHEN 'selesai' THEN 'selesai' "
                        "WHEN 'sp3' THEN 'selesai' WHEN 'rj' THEN 'rj' WHEN 'dilimpahkan' THEN "
                        "'dilimpahkan' WHEN 'dicabut' THEN 'dicabut' ELSE 'ditangani' END")
SCHEMA_0013 = f"""
CREATE TABLE lp_cases (
    visit_id INTEGER PRIMARY KEY REFERENCES visits(id), received_at TEXT NOT NULL,
    voided INTEGER NOT NULL DEFAULT 0, stage TEXT NOT NULL DEFAULT 'diterima', stage_at TEXT,
    investigator_id INTEGER REFERENCES officers(id),
    investigator_role TEXT NOT NULL DEFAULT '', supervisor_id INTEGER REFERENCES officers(id),
    difficulty TEXT NOT NULL DEFAULT 'sedang', last_sp2hp_at TEXT, last_sp2hp_stage TEXT,
    sp2hp_count INTEGER NOT NULL DEFAULT 0, due_on TEXT, version INTEGER NOT NULL DEFAULT 1);
CREATE INDEX lp_cases_received ON lp_cases (received_at DESC, visit_id DESC);
CREATE INDEX lp_cases_stage ON lp_cases (stage, received_at DESC, visit_id DESC);
CREATE INDEX lp_cases_investigator ON lp_cases (investigator_id, received_at DESC, visit_id DESC);
CREATE INDEX lp_cases_due ON lp_cases (due_on) WHERE due_on IS NOT NULL;
CREATE INDEX lp_cases_first_due ON lp_cases (received_at) WHERE sp2hp_count = 0;
CREATE INDEX lp_cases_at_end ON lp_cases (voided, stage, received_at, stage_at);
CREATE INDEX lp_cases_changed ON lp_cases (stage_at);
CREATE TABLE lp_stage_history (
    id INTEGER PRIMARY KEY, visit_id INTEGER NOT NULL REFERENCES visits(id),
    stage TEXT NOT NULL, at TEXT NOT NULL, officer_id INTEGER REFERENCES officers(id),
    note TEXT NOT NULL DEFAULT '');
CREATE INDEX lp_stage_history_visit ON lp_stage_history (visit_id, at);
CREATE INDEX lp_stage_history_at ON lp_stage_history (stage, at);
CREATE TABLE sp2hp_letters ({META_COLUMNS},
    visit_id INTEGER NOT NULL REFERENCES visits(id), visit_uuid TEXT NOT NULL,
    code TEXT NOT NULL, stage TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '', actions TEXT NOT NULL DEFAULT '',
    obstacles TEXT NOT NULL DEFAULT '', next_steps TEXT NOT NULL DEFAULT '',
    advice TEXT NOT NULL DEFAULT '', signer_id INTEGER REFERENCES officers(id),
    supervisor_id INTEGER REFERENCES officers(id), recipient TEXT NOT NULL DEFAULT '',
    issued_at TEXT NOT NULL,
    number TEXT NOT NULL UNIQUE, number_doc TEXT NOT NULL, number_year INTEGER NOT NULL,
    number_seq INTEGER NOT NULL,
    delivery_method TEXT NOT NULL DEFAULT '', delivered_at TEXT,
    delivered_to TEXT NOT NULL DEFAULT '');
CREATE INDEX sp2hp_letters_visit ON sp2hp_letters (visit_id, issued_at);
CREATE INDEX sp2hp_letters_issued ON sp2hp_letters (issued_at);
CREATE TRIGGER lp_cases_new AFTER INSERT ON visits WHEN NEW.service = 'lp'
BEGIN
    INSERT OR IGNORE INTO lp_cases (visit_id, received_at, voided, stage, stage_at)
    VALUES (NEW.id, NEW.received_at, NEW.voided_at IS NOT NULL, 'diterima', NEW.received_at);
END;
CREATE TRIGGER lp_cases_sync AFTER UPDATE OF received_at, voided_at, service ON visits
BEGIN
    INSERT OR IGNORE INTO lp_cases (visit_id, received_at, voided, stage, stage_at)
    SELECT NEW.id, NEW.received_at, 0, {_STAGE_OF_STATUS_SQL.format("NEW.status")},
           NEW.updated_at WHERE NEW.service = 'lp';
    UPDATE lp_cases SET received_at = NEW.received_at,
        voided = (NEW.voided_at IS NOT NULL OR NEW.service != 'lp') WHERE visit_id = NEW.id;
END;
CREATE TRIGGER lp_stage_follows_status AFTER INSERT ON visit_status_history
BEGIN
    INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note)
    SELECT NEW.visit_id, {_STAGE_OF_STATUS_SQL.format("NEW.status")}, NEW.at, NEW.officer_id,
           NEW.note
    FROM lp_cases WHERE visit_id = NEW.visit_id
        AND {_STATUS_OF_STAGE_SQL.format("stage")} != NEW.status;
    UPDATE lp_cases SET stage = {_STAGE_OF_STATUS_SQL.format("NEW.status")}, stage_at = NEW.at,
        due_on = CASE WHEN NEW.status IN ('selesai', 'rj', 'dilimpahkan', 'dicabut') THEN NULL
                      ELSE due_on END,
        version = version + 1
    WHERE visit_id = NEW.visit_id AND {_STATUS_OF_STAGE_SQL.format("stage")} != NEW.status;
END;
"""


@MIGRATIONS(name="0013_lp_register_sp2hp")
def m0013_lp_register_sp2hp(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0013):
        db.execute(statement)
    db.execute(f"""INSERT INTO lp_cases (visit_id, received_at, voided, stage, stage_at)
        SELECT id, received_at, voided_at IS NOT NULL, {_STAGE_OF_STATUS_SQL.format("status")},
               updated_at FROM visits WHERE service = 'lp'""")
    # the walk-in status history becomes the stage history (CC counts first clearances)
    db.execute(f"""INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note)
        SELECT h.visit_id, {_STAGE_OF_STATUS_SQL.format("h.status")}, h.at, h.officer_id,
               'status ' || h.status || (CASE WHEN h.note = '' THEN '' ELSE ': ' || h.note END)
               || ' (migrasi 0013)'
        FROM visit_status_history h JOIN visits v ON v.id = h.visit_id
        WHERE v.service = 'lp' ORDER BY h.id""")


SCHEMA_0014 = """
CREATE TABLE sync_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1), public_key BLOB NOT NULL,
    private_key BLOB NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE sync_state (
    target TEXT PRIMARY KEY, acked_id INTEGER NOT NULL DEFAULT 0, acked_mac TEXT,
    last_at TEXT, last_error TEXT, last_error_at TEXT);
"""


@MIGRATIONS(name="0014_sync_state")
def m0014_sync_state(db: sqlite_utils.Database) -> None:
    """The station's Ed25519 key pair for the Polres hub (the private key sealed with the data
    key) and, per target (hub, bundle), the newest audit entry acknowledged (docs/HUB.md)."""
    for statement in _statements(SCHEMA_0014):
        db.execute(statement)


# The register's counts, Beranda and the weekly review at a million records (issue 18; docs/
# BENCHMARKS.md). Without them every count read each LP's row (lp_cases_at_end holds neither
# due_on nor sp2hp_count): the late-SP2HP count took 144 ms plain and 406 ms encrypted at 1M.
# - lp_cases_live_stage: live LPs, all or of some stages, and the count by stage that "LPs by
#   stage at the week's end" starts from, read from a narrow index.
# - lp_cases_live_due: LPs with a stored next-SP2HP day (due_on), late or due in a week, with
#   their stage and when they came in (the open late ones are counted, and a page of the
#   late ones sorted, from the index alone).
# - lp_cases_no_letter: LPs with no letter and no stored day yet, whose first letter is due
#   `first_days` after the LP by the rules of Pengaturan as they are when asked (the query
#   turns the rule into a cut-off on received_at; nothing of the rules is stored here).
# They replace lp_cases_first_due (received_at WHERE sp2hp_count = 0), which the counts
# could not use without reading every row.
# - visits_waiting (0003) holds the walk-in status too: Beranda's open matters count the LP
#   still waiting for an officer at the scene by their status now, and read each one's row
#   for it (4,696 rows, 80 ms encrypted at 1M); from the index alone now.
SCHEMA_0015 = """
CREATE INDEX lp_cases_live_stage ON lp_cases (voided, stage);
CREATE INDEX lp_cases_live_due ON lp_cases (voided, due_on, stage, received_at)
    WHERE due_on IS NOT NULL;
CREATE INDEX lp_cases_no_letter ON lp_cases (voided, stage, received_at)
    WHERE sp2hp_count = 0 AND due_on IS NULL;
DROP INDEX lp_cases_first_due;
DROP INDEX visits_waiting;
CREATE INDEX visits_waiting ON visits (service, needs_visit, voided_at, arrived_at, received_at,
    status) WHERE service = 'lp' AND needs_visit = 1 AND voided_at IS NULL;
"""


@MIGRATIONS(name="0015_register_speed")
def m0015_register_speed(db: sqlite_utils.Database) -> None:
    for statement in _statements(SCHEMA_0015):
        db.execute(statement)
