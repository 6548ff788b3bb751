"""The station's side of the sync to the Polres hub (docs/HUB.md): its key pair, the audit
entries read in batches to send, and per target ("hub": pushed over the network, "bundle":
written to a file for a flash disk) the newest entry acknowledged and the last error.
Neither table is part of a record: writing them adds no audit entry (an entry for every ack
would itself wait to be sent)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from app.security.permissions import Action
from app.store.db import write_transaction
from app.store.driver import OperationalError
from app.store.errors import StoreError
from app.store.records import StoreContext
from app.store.serialize import dt_from_db, dt_to_db

if TYPE_CHECKING:
    from app.sync.signing import StationKeys

ENTRY_FIELDS = ("id", "at", "officer_id", "action", "kind", "record_uuid", "before", "after",
                "prev_hash", "hash")
"""The fields of an audit entry that travel (signed: app/sync/signing.py)."""

TARGETS = ("hub", "bundle")


class SyncUnavailable(StoreError):
    """Sync needs what this store lacks (Indonesian message)."""


@dataclass(frozen=True)
class SyncStatus:
    target: str
    acked_id: int
    last_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    waiting: int  # audit entries newer than the acknowledged one


_ENTRY_SQL = (f"SELECT {', '.join(ENTRY_FIELDS)} FROM audit_log WHERE id > ? ORDER BY id "
              "LIMIT ?")


class SyncRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def keys(self) -> StationKeys:
        """The station's keys, the pair made at first need (sealed with the data key)."""
        from app.sync.signing import (  # it imports the audit chain's entry_body
            StationKeys,
            bundle_key,
            new_private_key,
            open_private,
            seal_private,
        )

        self._ctx.require(Action.SYNC)
        data_key = self._ctx.key
        if data_key is None:
            raise SyncUnavailable("Sinkronisasi ke Polres butuh basis data terenkripsi "
                                  "(masuk dengan akun petugas).")
        row = self._ctx.row("SELECT public_key, private_key FROM sync_keys WHERE id = 1")
        if row is None:
            private, public = new_private_key()
            with write_transaction(self._ctx.db):
                self._ctx.db.execute(
                    "INSERT OR IGNORE INTO sync_keys (id, public_key, private_key, created_at) "
                    "VALUES (1, ?, ?, ?)",
                    [public, seal_private(data_key, private), dt_to_db(self._ctx.now())])
            row = self._ctx.row("SELECT public_key, private_key FROM sync_keys WHERE id = 1")
            assert row is not None
        opened = open_private(data_key, bytes(row["private_key"]))
        if opened is None:
            raise SyncUnavailable("Kunci tanda tangan satuan tidak dapat dibuka dengan kunci "
                                  "basis data ini.")
        return StationKeys(opened, bytes(row["public_key"]), bundle_key(data_key))

    def entries_after(self, entry_id: int, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` audit entries after `entry_id`, oldest first, as dicts."""
        return self._ctx.rows(_ENTRY_SQL, [entry_id, limit])

    def entry_mac(self, entry_id: int) -> str | None:
        row = self._ctx.row("SELECT hash FROM audit_log WHERE id = ?", [entry_id])
        return None if row is None else str(row["hash"])

    def last_entry_id(self) -> int:
        row = self._ctx.db.execute("SELECT max(id) FROM audit_log").fetchone()
        return int(row[0] or 0)

    def ack(self, target: str, entry_id: int, mac: str) -> None:
        """Record that `target` holds every entry up to `entry_id` (one batch's end)."""
        self._ctx.require(Action.SYNC)
        with write_transaction(self._ctx.db):
            self._ctx.db.execute(
                "INSERT INTO sync_state (target, acked_id, acked_mac, last_at, last_error, "
                "last_error_at) VALUES (?, ?, ?, ?, NULL, NULL) ON CONFLICT (target) DO UPDATE "
                "SET acked_id = max(acked_id, excluded.acked_id), acked_mac = excluded.acked_mac, "
                "last_at = excluded.last_at, last_error = NULL, last_error_at = NULL",
                [_target(target), entry_id, mac, dt_to_db(self._ctx.now())])

    def note_error(self, target: str, text: str) -> None:
        """Keep the last error of a push or bundle (Indonesian, no personal data)."""
        self._ctx.require(Action.SYNC)
        with write_transaction(self._ctx.db):
            self._ctx.db.execute(
                "INSERT INTO sync_state (target, last_error, last_error_at) VALUES (?, ?, ?) "
                "ON CONFLICT (target) DO UPDATE SET last_error = excluded.last_error, "
                "last_error_at = excluded.last_error_at",
                [_target(target), text, dt_to_db(self._ctx.now())])

    def status(self, target: str) -> SyncStatus:
        try:
            row = self._ctx.row("SELECT * FROM sync_state WHERE target = ?", [_target(target)])
        except OperationalError:  # a store of an older version opened read-only
            row = None
        acked = int(row["acked_id"]) if row else 0
        # the trail is append-only (its ids have no gaps: deletes are refused), so the newest
        # id says how many wait: count(*) over the range read every entry's page, 7 s a
        # call on an encrypted store of 1M walk-ins, at every start of the window
        newest = self._ctx.db.execute("SELECT coalesce(max(id), 0) FROM audit_log").fetchone()[0]
        waiting = max(0, int(newest) - acked)
        return SyncStatus(target, acked,
                          dt_from_db(row["last_at"]) if row and row["last_at"] else None,
                          row["last_error"] if row else None,
                          dt_from_db(row["last_error_at"]) if row and row["last_error_at"]
                          else None, int(waiting))


def _target(target: str) -> str:
    assert target in TARGETS, target
    return target
