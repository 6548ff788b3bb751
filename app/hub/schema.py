"""The hub's named, append-only migrations (PostgreSQL 15 or later), applied by
`piket hub init --dsn DSN` in one transaction each and recorded in hub_migrations.

Who may do what (docs/HUB.md "Peran"): the hub's owner (the role that ran `hub init`) does
everything and bypasses row-level security; every station connects with its own login role,
a member of `piket_station`, which may read what is published, read its own station's rows
and insert entries and refusals of its own station only. A station's entries can be neither
changed nor deleted by anyone but the owner, and the trigger `hub_entries_in` (0003; before it
`hub_entry_in`, a row at a time) accepts entries only when they extend the station's chain as
the hub holds it, whoever inserts them."""

from __future__ import annotations

import psycopg

RECORD_ACTIONS = ("create", "update", "status", "void", "correct", "handover")
"""Entries whose `after` is the record's whole state (app.store.audit_reads.latest_after_of)."""

GENESIS = "0" * 64

HUB_0001 = f"""
CREATE TABLE hub_stations (
    code text PRIMARY KEY,
    name text NOT NULL DEFAULT '',
    public_key bytea,
    bundle_key bytea,
    db_role text UNIQUE,
    head_id bigint NOT NULL DEFAULT 0,
    head_hash text NOT NULL DEFAULT '{GENESIS}',
    registered_at timestamptz NOT NULL DEFAULT now(),
    last_received_at timestamptz
);
CREATE TABLE hub_entries (
    station_code text NOT NULL REFERENCES hub_stations (code),
    entry_id bigint NOT NULL,
    at text NOT NULL,
    officer_id bigint,
    action text NOT NULL,
    kind text NOT NULL,
    record_uuid text,
    before text,
    after text,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    signature bytea NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (station_code, entry_id)
);
CREATE TABLE hub_records (
    station_code text NOT NULL REFERENCES hub_stations (code),
    record_uuid text NOT NULL,
    kind text NOT NULL,
    entry_id bigint NOT NULL,
    data jsonb NOT NULL,
    PRIMARY KEY (station_code, record_uuid)
);
CREATE INDEX hub_records_kind ON hub_records (kind, station_code);
CREATE TABLE hub_refusals (
    id bigserial PRIMARY KEY,
    station_code text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(),
    reason text NOT NULL,
    entry_id bigint,
    detail text NOT NULL DEFAULT ''
);
CREATE INDEX hub_refusals_station ON hub_refusals (station_code, at);
-- master data the Polres publishes to every station (roster, law articles, categories),
-- keyed by the entry's natural key (NRP, code)
CREATE TABLE hub_published (
    kind text NOT NULL,
    key text NOT NULL,
    data jsonb NOT NULL,
    published_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, key)
);

-- The caller's station (security invoker: current_user is the station's role; the policy
-- own_station lets it see that one row).
CREATE FUNCTION hub_my_station() RETURNS text LANGUAGE sql STABLE
    SET search_path = public
    AS $$ SELECT code FROM hub_stations WHERE db_role = current_user $$;

-- The chain check and the record rebuild run as the owner (SECURITY DEFINER): a station
-- role may insert entries, never move its head or write records by hand.
CREATE FUNCTION hub_entry_in() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$
DECLARE
    head record;
BEGIN
    SELECT head_id, head_hash INTO head FROM hub_stations
        WHERE code = NEW.station_code FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'piket: station % unknown', NEW.station_code;
    END IF;
    IF NEW.entry_id <> head.head_id + 1 OR NEW.prev_hash <> head.head_hash THEN
        RAISE EXCEPTION 'piket: entry % of % does not extend the chain',
            NEW.entry_id, NEW.station_code;
    END IF;
    UPDATE hub_stations SET head_id = NEW.entry_id, head_hash = NEW.hash,
        last_received_at = now() WHERE code = NEW.station_code;
    IF NEW.record_uuid IS NOT NULL AND NEW.after IS NOT NULL
            AND NEW.action IN ({", ".join(f"'{a}'" for a in RECORD_ACTIONS)}) THEN
        INSERT INTO hub_records (station_code, record_uuid, kind, entry_id, data)
            VALUES (NEW.station_code, NEW.record_uuid, NEW.kind, NEW.entry_id,
                    NEW.after::jsonb)
            ON CONFLICT (station_code, record_uuid) DO UPDATE
            SET kind = EXCLUDED.kind, entry_id = EXCLUDED.entry_id, data = EXCLUDED.data;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER hub_entry_in BEFORE INSERT ON hub_entries
    FOR EACH ROW EXECUTE FUNCTION hub_entry_in();

DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'piket_station') THEN
        CREATE ROLE piket_station NOLOGIN;
    END IF;
END $$;
REVOKE ALL ON hub_stations, hub_entries, hub_records, hub_refusals, hub_published FROM PUBLIC;
GRANT SELECT ON hub_stations, hub_published TO piket_station;
GRANT SELECT, INSERT ON hub_entries, hub_refusals TO piket_station;
GRANT SELECT ON hub_records TO piket_station;
GRANT USAGE ON SEQUENCE hub_refusals_id_seq TO piket_station;
GRANT EXECUTE ON FUNCTION hub_my_station() TO piket_station;
-- a station registers its own keys once (the owner registers them from a card)
GRANT UPDATE (public_key, bundle_key) ON hub_stations TO piket_station;

ALTER TABLE hub_stations ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub_entries ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub_records ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub_refusals ENABLE ROW LEVEL SECURITY;
ALTER TABLE hub_published ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_station ON hub_stations FOR SELECT TO piket_station
    USING (db_role = current_user);
CREATE POLICY own_keys ON hub_stations FOR UPDATE TO piket_station
    USING (db_role = current_user AND public_key IS NULL) WITH CHECK (db_role = current_user);
CREATE POLICY own_read ON hub_entries FOR SELECT TO piket_station
    USING (station_code = hub_my_station());
CREATE POLICY own_insert ON hub_entries FOR INSERT TO piket_station
    WITH CHECK (station_code = hub_my_station());
CREATE POLICY own_read ON hub_records FOR SELECT TO piket_station
    USING (station_code = hub_my_station());
CREATE POLICY own_read ON hub_refusals FOR SELECT TO piket_station
    USING (station_code = hub_my_station());
CREATE POLICY own_insert ON hub_refusals FOR INSERT TO piket_station
    WITH CHECK (station_code = hub_my_station());
CREATE POLICY published ON hub_published FOR SELECT TO piket_station USING (true);
"""

# The Polres mirror (app/hub/mirror.py): the hub's identity, which names the folder of the
# mirror (a hub made anew, even at the same address, is another hub: its mirror is built
# anew), and the index its catch-up reads (a station's records changed after an entry id).
HUB_0002 = """
CREATE TABLE hub_identity (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO hub_identity DEFAULT VALUES;
REVOKE ALL ON hub_identity FROM PUBLIC;
CREATE INDEX hub_records_station_entry ON hub_records (station_code, entry_id);
CREATE INDEX hub_entries_station_kind ON hub_entries (station_code, kind, entry_id);
"""

# A batch of entries checked and applied as one statement (a push or an import sends each
# batch with COPY): the chain check, the head and the records rebuilt once a statement from
# its transition table instead of once a row (the row trigger moved the head row 142,668
# times in a station's first push: 220 us an entry at the server). Same rules, whoever
# inserts, however many rows a statement holds: each station's new entries must run on from
# its head without a gap, each linking to the one before (the first to the head's MAC).
# Concurrent batches of one station: the head row is locked, then read as committed.
HUB_0003 = f"""
DROP TRIGGER hub_entry_in ON hub_entries;
DROP FUNCTION hub_entry_in();
CREATE FUNCTION hub_entries_in() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$
DECLARE
    batch record;
    head record;
    broken bigint;
BEGIN
    FOR batch IN SELECT station_code, min(entry_id) AS first, max(entry_id) AS last,
            count(*) AS n FROM new_entries GROUP BY station_code LOOP
        SELECT head_id, head_hash INTO head FROM hub_stations
            WHERE code = batch.station_code FOR UPDATE;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'piket: station % unknown', batch.station_code;
        END IF;
        IF batch.first <> head.head_id + 1 OR batch.last - batch.first + 1 <> batch.n THEN
            RAISE EXCEPTION 'piket: entries of % do not extend the chain', batch.station_code;
        END IF;
        SELECT count(*) INTO broken FROM (
            SELECT prev_hash, lag(hash, 1, head.head_hash) OVER (ORDER BY entry_id) AS before
            FROM new_entries WHERE station_code = batch.station_code) AS links
            WHERE prev_hash <> before;
        IF broken > 0 THEN
            RAISE EXCEPTION 'piket: entries of % do not extend the chain', batch.station_code;
        END IF;
        UPDATE hub_stations SET head_id = batch.last, last_received_at = now(),
            head_hash = (SELECT hash FROM new_entries WHERE station_code = batch.station_code
                         AND entry_id = batch.last)
            WHERE code = batch.station_code;
        INSERT INTO hub_records (station_code, record_uuid, kind, entry_id, data)
            SELECT DISTINCT ON (record_uuid) station_code, record_uuid, kind, entry_id,
                   after::jsonb
            FROM new_entries WHERE station_code = batch.station_code
                AND record_uuid IS NOT NULL AND after IS NOT NULL
                AND action IN ({", ".join(f"'{a}'" for a in RECORD_ACTIONS)})
            ORDER BY record_uuid, entry_id DESC
            ON CONFLICT (station_code, record_uuid) DO UPDATE
            SET kind = EXCLUDED.kind, entry_id = EXCLUDED.entry_id, data = EXCLUDED.data;
    END LOOP;
    RETURN NULL;
END $$;
CREATE TRIGGER hub_entries_in AFTER INSERT ON hub_entries
    REFERENCING NEW TABLE AS new_entries FOR EACH STATEMENT EXECUTE FUNCTION hub_entries_in();
"""

MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_hub", HUB_0001),
    ("0002_hub_mirror", HUB_0002),
    ("0003_hub_batch_ingest", HUB_0003),
)
"""(name, SQL) in order; never edit a released one: append."""


def migrate(conn: psycopg.Connection) -> list[str]:
    """Create or bring the hub's tables up to date; returns the migrations applied now."""
    applied: list[str] = []
    with conn.transaction():
        conn.execute("CREATE TABLE IF NOT EXISTS hub_migrations (name text PRIMARY KEY, "
                     "applied_at timestamptz NOT NULL DEFAULT now())")
        conn.execute("LOCK TABLE hub_migrations IN EXCLUSIVE MODE")
        done = {str(r[0]) for r in conn.execute("SELECT name FROM hub_migrations")}
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            conn.execute(sql.encode())
            conn.execute("INSERT INTO hub_migrations (name) VALUES (%s)", [name])
            applied.append(name)
    return applied


def pending(conn: psycopg.Connection) -> list[str]:
    """Migrations not applied yet (all of them on a database without the hub's tables)."""
    exists = conn.execute("SELECT to_regclass('hub_migrations')").fetchone()
    if exists is None or exists[0] is None:
        return [name for name, _ in MIGRATIONS]
    done = {str(r[0]) for r in conn.execute("SELECT name FROM hub_migrations")}
    return [name for name, _ in MIGRATIONS if name not in done]
