"""The SQL scripts of the schema migrations (app/store/schema/migrations.py runs them, in
order). Released scripts never change: a new migration adds its own."""

from __future__ import annotations

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


# Indexes for stores of a million records (docs/BENCHMARKS.md). Without them two queries of
# the start of the app read a whole table: the time of the last backup (the newest audit
# entry of one action) and the reports still waiting for an officer at the scene.
SCHEMA_0003 = """
CREATE INDEX audit_action ON audit_log (action, id);
CREATE INDEX visits_waiting ON visits (service, needs_visit, voided_at, arrived_at, received_at)
    WHERE service = 'lp' AND needs_visit = 1 AND voided_at IS NULL;
"""


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


# Issue 17, the weekly review: the Kapolsek's "Analisa dan langkah-langkah", one per week
# (by the week's first day in station time, so a label that a changed week_start would give
# another meaning cannot mislead), and the disaster (bencana) categories counted beside the
# crime figures (seeds.add_disaster_categories, audited).
SCHEMA_0010 = f"""
CREATE TABLE weekly_analyses ({META_COLUMNS},
    week_start TEXT NOT NULL UNIQUE, week_label TEXT NOT NULL, text TEXT NOT NULL DEFAULT '');
"""


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
STAGE_OF_STATUS_SQL = "CASE {0} WHEN 'ditangani' THEN 'penyelidikan' ELSE {0} END"


STATUS_OF_STAGE_SQL = ("CASE {0} WHEN 'diterima' THEN 'diterima' WHEN 'selesai' THEN 'selesai' "
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
    SELECT NEW.id, NEW.received_at, 0, {STAGE_OF_STATUS_SQL.format("NEW.status")},
           NEW.updated_at WHERE NEW.service = 'lp';
    UPDATE lp_cases SET received_at = NEW.received_at,
        voided = (NEW.voided_at IS NOT NULL OR NEW.service != 'lp') WHERE visit_id = NEW.id;
END;
CREATE TRIGGER lp_stage_follows_status AFTER INSERT ON visit_status_history
BEGIN
    INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note)
    SELECT NEW.visit_id, {STAGE_OF_STATUS_SQL.format("NEW.status")}, NEW.at, NEW.officer_id,
           NEW.note
    FROM lp_cases WHERE visit_id = NEW.visit_id
        AND {STATUS_OF_STAGE_SQL.format("stage")} != NEW.status;
    UPDATE lp_cases SET stage = {STAGE_OF_STATUS_SQL.format("NEW.status")}, stage_at = NEW.at,
        due_on = CASE WHEN NEW.status IN ('selesai', 'rj', 'dilimpahkan', 'dicabut') THEN NULL
                      ELSE due_on END,
        version = version + 1
    WHERE visit_id = NEW.visit_id AND {STATUS_OF_STAGE_SQL.format("stage")} != NEW.status;
END;
"""


SCHEMA_0014 = """
CREATE TABLE sync_keys (
    id INTEGER PRIMARY KEY CHECK (id = 1), public_key BLOB NOT NULL,
    private_key BLOB NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE sync_state (
    target TEXT PRIMARY KEY, acked_id INTEGER NOT NULL DEFAULT 0, acked_mac TEXT,
    last_at TEXT, last_error TEXT, last_error_at TEXT);
"""


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
