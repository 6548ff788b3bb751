"""`piket sync push`: the station's audit entries the hub does not hold yet, in batches.

Where a push starts is what the hub holds (its head for this station), checked against the
station's own entry at that id: a push cut anywhere resumes where the hub stands, and an
entry the hub already holds is never sent again unless its ack was lost (then the hub finds
it the same and adds nothing). After each batch the hub has committed, the station records
the hub's acknowledgement (app/store/sync.py), so the status bar knows what is waiting."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from app.hub import HubError, HubRefused
from app.hub.connect import connect, hub_errors
from app.hub.ingest import Accepted, accept, flag, register
from app.store import Store
from app.sync.signing import sign_entries

DEFAULT_BATCH = 500


@dataclass(frozen=True)
class PushResult:
    added: int
    known: int
    batches: int
    head_id: int


def push(store: Store, dsn: str, *, batch: int = DEFAULT_BATCH,
         on_sent: Callable[[Accepted], None] | None = None) -> PushResult:
    """Send every entry the hub lacks. `on_sent` is called after the hub committed a batch
    and before the station records it (progress; tests cut the push there). HubError (and
    HubRefused) in Indonesian, also kept as the last error of the "hub" target."""
    try:
        with hub_errors():
            return _push(store, dsn, batch, on_sent)
    except HubError as exc:
        store.sync.note_error("hub", str(exc))
        raise


def _push(store: Store, dsn: str, batch: int,
          on_sent: Callable[[Accepted], None] | None) -> PushResult:
    keys = store.sync.keys()
    profile = store.profile()
    code = profile.code
    added = known = batches = 0
    with connect(dsn) as conn:
        at_hub = register(conn, code, profile.name, keys.public, keys.bundle_key)
        start, head_hash = at_hub.head_id, at_hub.head_hash
        if start > 0 and store.sync.entry_mac(start) != head_hash:
            refused = HubRefused("rewritten", f"Hub menolak kiriman satuan {code}: riwayat "
                                 "satuan ditulis ulang (tidak menyambung riwayat di hub).")
            flag(conn, code, refused, start)
            raise refused
        while True:
            entries = store.sync.entries_after(start, batch)
            if not entries:
                break
            sign_entries(keys, code, entries)
            accepted = accept(conn, code, entries)
            if on_sent is not None:
                on_sent(accepted)
            store.sync.ack("hub", accepted.head_id, accepted.head_hash)
            added, known, batches = added + accepted.added, known + accepted.known, batches + 1
            start, head_hash = accepted.head_id, accepted.head_hash
    if batches == 0 and start > 0:
        store.sync.ack("hub", start, head_hash)
    return PushResult(added, known, batches, start)
