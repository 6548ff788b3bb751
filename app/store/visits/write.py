"""Writing batches of new walk-ins (visits.rows) into the store: each table with one
statement a batch, the audit entries chained as the batches come in, the counters stored at
the end. `save_new` is the loop a single save and a bulk write share."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import sqlite_utils

from app.domain.models import StationProfile, Visit
from app.store import audit
from app.store.bulk import insert_rows
from app.store.driver import sqlite3
from app.store.errors import DuplicateNumber
from app.store.records import StoreContext
from app.store.visits import rows as visit_rows
from app.store.visits import terms

DEFAULT_BATCH = 500  # records a batch: big enough for one statement to pay, small in memory
_FTS_SQL = "INSERT INTO visits_fts (rowid, number, names, niks, body) VALUES (?, ?, ?, ?, ?)"


def save_new(ctx: StoreContext, profile: StationProfile,
             items: Iterable[tuple[Visit, str | None]], by: int | None, *,
             keep_number: bool = False, progress: Callable[[int], None] | None = None,
             batch_size: int = DEFAULT_BATCH) -> range:
    """Save new records (visit, uuid or None); returns their ids. Must run inside a write
    transaction, which makes it all or nothing. The caller has validated the records. A kept
    number that is malformed raises ValueError, one already taken DuplicateNumber."""
    batch = visit_rows.start(ctx, profile, by, keep_number)
    first_id = batch.next_id
    prev_hash = audit.latest_hash(ctx.db)
    count = 0
    for visit, record_uuid in items:
        batch.add(visit, record_uuid)
        if batch.size >= batch_size:
            count += batch.size
            prev_hash = write_rows(ctx.db, batch.take(), prev_hash)
            if progress is not None:
                progress(count)
    count += batch.size
    write_rows(ctx.db, batch.take(), prev_hash)
    batch.counters.save(ctx.db)
    if progress is not None:
        progress(count)
    return range(first_id, first_id + count)


def write_rows(db: sqlite_utils.Database, rows: visit_rows.Rows, prev_hash: str) -> str:
    """Insert one batch (parents first), its audit entries chained after `prev_hash` (and
    the audit head moved to the last); returns the last MAC."""
    conn = db.conn
    last_hash = audit.link(prev_hash, rows.audit, rows.bodies, audit.mac_key(db))
    for table in visit_rows.TABLES:
        found = rows.tables.get(table)
        if found:
            try:
                insert_rows(conn, table, rows.columns[table], found)
            except sqlite3.IntegrityError as exc:
                if table == "visits" and "number" in str(exc):
                    raise DuplicateNumber(str(exc)) from exc
                raise
    if rows.tables.get("visits_fts"):
        conn.executemany(_FTS_SQL, rows.tables["visits_fts"])
    terms.insert_words(conn, rows.words)
    audit.append_linked(db, rows.audit, last_hash)
    return last_hash
