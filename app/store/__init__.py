"""The store: one SQLite file behind one facade. All SQL of Piket lives in this package."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from app.clock import Clock, utc_now
from app.domain.changes import ChangeKind, Changes
from app.domain.models import AuditEntry, StationProfile
from app.security.permissions import Action, Role
from app.store import audit, audit_reads, documents
from app.store.access import SIGNED_OUT, UNRESTRICTED, Access
from app.store.accounts import Account, AccountRepo, InvalidPassword
from app.store.analyses import AnalysisRepo
from app.store.audit import FINDING_KINDS, Finding
from app.store.audit import entry_body as audit_entry_body
from app.store.db import is_read_only, write_transaction
from app.store.dispatches import DispatchRepo
from app.store.drafts import DraftRepo
from app.store.driver import DatabaseError, IntegrityError
from app.store.duty.models import (
    DutyInputError,
    DutyTeam,
    Handover,
    InventoryCount,
    JournalEntry,
    JournalEvent,
    ShiftJournal,
)
from app.store.duty.repo import DutyRepo
from app.store.errors import (
    DamagedStore,
    DuplicateEntry,
    DuplicateNumber,
    Encrypted,
    HelperProcessLost,
    InvalidRecord,
    ItemFailed,
    NewerSchema,
    NotAPiketStore,
    PermissionDenied,
    RecordNotFound,
    SignInFailed,
    StaleRecord,
    StoreError,
    StoreUnavailable,
    helper_result,
)
from app.store.files import (
    SourceUnreadable,
    audit_anchor,
    copy_consistent,
    copy_online,
    encrypt_copy,
    integrity_problems,
    leave_wal,
    readable_settings,
    schema_state,
)
from app.store.master import MasterRepo
from app.store.meetings.listing import MeetingFilter, MeetingRow
from app.store.meetings.listing import key_of as meeting_key
from app.store.meetings.repo import FollowUp, MeetingRepo
from app.store.opening import open_database
from app.store.patrols.listing import ANY_FINDING, PatrolFilter, PatrolRow
from app.store.patrols.listing import key_of as patrol_key
from app.store.patrols.repo import PatrolRepo
from app.store.records import Saved, StoreContext
from app.store.register.bulk import CaseRecord, ImportedCase
from app.store.register.listing import key_of as register_key
from app.store.register.repo import RegisterRepo
from app.store.serialize import (
    canonical_json,
    dt_from_db,
    dt_to_db,
    from_json_payload,
    quick_replace,
    to_json_payload,
)
from app.store.settings import IDLE_LOCK_MINUTES, AppSettings, SettingsRepo
from app.store.sync import SyncRepo, SyncStatus, SyncUnavailable
from app.store.verify import verify_store
from app.store.visits.matches import DEFAULT_TUNING, SearchTuning
from app.store.visits.repo import VisitRepo
from app.store.visits.rows import BulkSource
from app.store.visits.search import PageKey, VisitFilter, fts_query
from app.store.visits.search import key_of as visit_key
from app.store.visits.write import DEFAULT_BATCH as BULK_BATCH

if TYPE_CHECKING:
    from app.store.stats import StatsRepo

__all__ = [
    "SIGNED_OUT", "UNRESTRICTED", "Access", "Account", "Action", "DatabaseError", "Encrypted",
    "IntegrityError", "InvalidPassword", "PermissionDenied", "Role", "IDLE_LOCK_MINUTES",
    "ANY_FINDING", "FINDING_KINDS", "Finding",
    "AppSettings", "BULK_BATCH", "BulkSource", "ChangeKind", "Changes", "DamagedStore",
    "DuplicateEntry", "DuplicateNumber", "FollowUp", "HelperProcessLost", "InvalidRecord",
    "ItemFailed", "MeetingFilter", "MeetingRow", "NewerSchema", "NotAPiketStore", "PageKey",
    "PatrolFilter", "PatrolRow", "RecordNotFound", "Saved", "SearchTuning", "SourceUnreadable", "StaleRecord",
    "Store",
    "StoreError", "StoreUnavailable", "VisitFilter", "audit_anchor", "dt_from_db", "dt_to_db",
    "copy_consistent", "copy_online", "encrypt_copy", "from_json_payload", "fts_query", "helper_result",
    "integrity_problems", "leave_wal", "meeting_key", "patrol_key", "quick_replace", "readable_settings",
    "schema_state",
    "to_json_payload", "visit_key",
    "DutyInputError", "DutyTeam", "Handover", "InventoryCount", "JournalEntry", "JournalEvent",
    "ShiftJournal", "CaseRecord", "ImportedCase", "register_key",
    "ShiftJournal", "SyncStatus", "SyncUnavailable", "audit_entry_body",
]


ACTIVITY_PERMISSIONS = {"print": Action.PRINT, "export": Action.EXPORT, "import": Action.IMPORT,
                        "backup": Action.BACKUP, "restore": Action.RESTORE,
                        "weekly": Action.WEEKLY}
"""What the role must be allowed to log an activity (view, search and others: READ)."""


class Store:
    """Facade over the repositories. Writes are units of work and return `Saved`
    (the record and the kinds of records they changed)."""

    def __init__(self, path: Path, *, clock: Clock = utc_now,
                 search_tuning: SearchTuning = DEFAULT_TUNING, read_only: bool = False,
                 key: bytes | None = None, access: Access = UNRESTRICTED) -> None:
        """`key`: the data key of an encrypted store (None: a plain SQLite file, as in the
        tests and the benchmark). `access`: who works with it; the window and the commands
        open stores through app.store.signin, which sets the signed-in officer."""
        self.path = Path(path)
        self._force_read_only = read_only
        self.db = open_database(self.path, read_only=read_only, key=key)
        self._ctx = StoreContext(self.db, clock, "", access=access, key=key)
        self.accounts = AccountRepo(self._ctx)
        self.settings = SettingsRepo(self._ctx)
        self._ctx.station_code = self.settings.station_profile().code
        self.master = MasterRepo(self._ctx)
        self.visits = VisitRepo(self._ctx, self.settings.station_profile,
                                search_tuning=search_tuning)
        self.patrols = PatrolRepo(self._ctx)
        self.meetings = MeetingRepo(self._ctx)
        self.drafts = DraftRepo(self._ctx)
        self.duty = DutyRepo(self._ctx)
        self.analyses = AnalysisRepo(self._ctx)
        self.dispatches = DispatchRepo(self._ctx, self.settings)
        self.register = RegisterRepo(self._ctx, self.settings, self.visits)
        self.sync = SyncRepo(self._ctx)

    @functools.cached_property
    def stats(self) -> StatsRepo:
        """The weekly review's and home page's queries (imported when first asked: its fact
        classes cost 10 ms of every start, and the first screen is the walk-in list)."""
        from app.store.stats import StatsRepo

        return StatsRepo(self._ctx)

    @property
    def read_only(self) -> bool:
        """Opened for reading only (asked for, or the file, its folder or the medium cannot
        be written): reads work, every write raises StoreUnavailable("read_only")."""
        return is_read_only(self.db)

    @property
    def clock(self) -> Clock:
        return self._ctx.clock

    def profile(self) -> StationProfile:
        return self.settings.station_profile()

    def close(self) -> None:
        self.db.close()

    @property
    def access(self) -> Access:
        """Who is signed in, and what their role may do (`store.access.may(Action.X)`)."""
        return self._ctx.access

    @property
    def encrypted(self) -> bool:
        return self._ctx.key is not None

    @property
    def data_key(self) -> bytes | None:
        """The key of an encrypted store, for its copies (backups, restores) made on other
        connections: they are encrypted with it. Never logged, shown or written anywhere
        but into SQLCipher and the key slots."""
        return self._ctx.key

    def set_access(self, access: Access) -> None:
        """Change who works with the store (app.store.signin does this at sign-in, lock,
        unlock and sign-out)."""
        self._ctx.access = access

    def require(self, action: Action) -> None:
        """Refuse (PermissionDenied, Indonesian) what the signed-in officer may not do: for
        work done outside the store's repositories (a PDF, an export file) that the store
        must still allow."""
        self._ctx.require(action)

    def opener(self) -> Callable[[], Store]:
        """Opens another connection to this store, with the same key and the same officer
        (for work on another thread: a connection belongs to the thread that made it)."""
        path, clock, key, access = self.path, self._ctx.clock, self._ctx.key, self._ctx.access
        return lambda: Store(path, clock=clock, key=key, access=access)

    def reopen(self) -> None:
        """Open the file again after close() (a restore replaced it); the repositories
        share the context, so every reference to this store keeps working."""
        self.db = open_database(self.path, read_only=self._force_read_only, key=self._ctx.key)
        self._ctx.db = self.db
        self._ctx.station_code = self.settings.station_profile().code

    def last_activity_at(self, action: str) -> datetime | None:
        """When the newest audit entry with `action` (e.g. "backup") was written."""
        row = self.db.execute("SELECT at FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1",
                              [action]).fetchone()
        return dt_from_db(row[0]) if row else None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def audit_fingerprint(self) -> str:
        """The MAC of the newest audit entry, the chain's keyed head (printed on the weekly
        review; `piket verify --fingerprint` looks it up)."""
        return self.audit_head()[1]

    def document_mac(self, message: bytes) -> bytes:
        """HMAC-SHA256 of `message` with the station's document key (the check codes of
        app/documents/checkcode.py); the key itself never leaves the store."""
        return documents.mac(self.db, message)

    def key_audit_trail(self, reason: str) -> int:
        """Re-chain an unkeyed audit trail with this store's key (a plain store just
        encrypted): the old chain is checked first and its breaks kept in the one entry
        that records this. Returns the entries re-chained (0: nothing to do)."""
        self._ctx.require(Action.SETTINGS)
        if not self.encrypted or not audit.chain_is_unkeyed(self.db):
            return 0
        with write_transaction(self.db):
            return audit.rekey(self.db, at=self._ctx.now(), reason=reason)

    def audit_head(self) -> tuple[int, str]:
        """(id, MAC) of the newest audit entry as Piket recorded it: the anchor a backup
        keeps beside it (`piket verify --backups` checks the chain still extends it)."""
        head = audit.read_head(self.db)
        if head is not None:
            return head.entry_id, head.mac
        row = self.db.execute("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else (0, audit.GENESIS_HASH)

    def audit_entry_mac(self, entry_id: int) -> str | None:
        """The MAC of audit entry `entry_id` (None: no such entry)."""
        row = self.db.execute("SELECT hash FROM audit_log WHERE id = ?", [entry_id]).fetchone()
        return None if row is None else str(row[0])

    def has_audit_hash(self, prefix: str) -> bool:
        """Whether an audit entry's hash starts with `prefix` (a printed fingerprint)."""
        prefix = prefix.strip().lower()
        if len(prefix) < 8:
            return False
        # a range on the unique index of `hash` (LIKE would read the whole trail)
        row = self.db.execute("SELECT 1 FROM audit_log WHERE hash >= ? AND hash < ? LIMIT 1",
                              [prefix, prefix + "~"]).fetchone()
        return row is not None

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[None]:
        """Several writes as one: all or nothing, one commit (the demo writes a day at a
        time this way). Writes inside join it."""
        with write_transaction(self.db):
            yield

    def record_activity(self, action: str, kind: str, by: int | None,
                        record_uuid: str | None = None, detail: str | None = None) -> None:
        """Log a processing activity that changes no record (view, export, import, print).
        A read-only store cannot hold it: the activity is not logged there (the view,
        export or print itself is not refused for that; docs/RELIABILITY.md)."""
        self._ctx.require(ACTIVITY_PERMISSIONS.get(action, Action.READ))
        if self.read_only:
            return
        with write_transaction(self.db):
            audit.append(self.db, at=self._ctx.now(), officer_id=by, action=action, kind=kind,
                         record_uuid=record_uuid, after=None if detail is None else
                         canonical_json({"detail": detail}))

    def history(self, record_uuid: str) -> tuple[AuditEntry, ...]:
        """Every audit entry of one record, oldest first (the record's history)."""
        return audit_reads.history(self.db, record_uuid)

    def summary_counts(self) -> dict[str, int]:
        """Record counts for `piket info` (voided records included)."""
        labels = {"visits": "Kunjungan", "patrols": "Patroli", "meetings": "Pertemuan",
                  "officers": "Personel", "audit_log": "Jejak audit"}
        return {label: int(self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
                for table, label in labels.items()}

    def access_log(self, *, officer_id: int | None = None, start: datetime | None = None,
                   end: datetime | None = None, limit: int = 500,
                   before_id: int | None = None) -> tuple[AuditEntry, ...]:
        """Riwayat akses: who opened, searched, printed, exported, backed up, restored and
        signed in, newest first, `limit` at a time (`before_id`: the next page)."""
        self._ctx.require(Action.ACCESS_LOG)
        return audit_reads.access_entries(self.db, officer_id=officer_id, start=start, end=end,
                                    limit=limit, before_id=before_id)

    def verify(self, *, batch: int = 500) -> list[str]:
        """Every problem of the store, in Indonesian (empty: all is well); records are
        compared with their audit entries `batch` at a time."""
        return [finding.text for finding in self.verify_findings(batch=batch)]

    def verify_findings(self, *, batch: int = 500) -> list[audit.Finding]:
        """`verify`, each problem with its kind (audit.FINDING_KINDS: `piket verify` counts
        them by kind)."""
        self._ctx.require(Action.VERIFY)
        return verify_store(self._ctx, self._snapshots(), batch=batch)

    def _snapshots(self) -> Iterator[tuple[str, str, str]]:
        """(uuid, kind, canonical JSON) of every record as the store reads it now."""
        # walk-ins read in batches with their children (as the export reads them), not one
        # by one: 108 s for 110,000 walk-ins before
        for visit in self.visits.iter_all(include_voided=True):
            assert visit.meta is not None
            yield visit.meta.uuid, "laporan", canonical_json(visit)
        for uuid in self.patrols.all_uuids():
            yield uuid, "patroli", canonical_json(self.patrols.get_by_uuid(uuid))
        for meeting in self.meetings.list(limit=10**9):
            assert meeting.meta is not None
            yield meeting.meta.uuid, "pertemuan", canonical_json(meeting)
        for uuid, snap in self.master.snapshots().items():
            yield uuid, "data master", snap
        yield from self.duty.snapshots()
        for uuid, snap in self.analyses.snapshots().items():
            yield uuid, "analisa mingguan", snap
        for uuid, (kind, snap) in self.dispatches.snapshots().items():
            yield uuid, kind, snap
        for uuid, snap in self.register.snapshots().items():
            yield uuid, "SP2HP", snap


# Signing in opens a Store, so it comes after the class (app/store/signin.py, encrypting.py);
# the window and the commands take it from here like the rest of the facade.
from app.store.encrypting import EncryptionFailed, upgrade_plain_store  # noqa: E402
from app.store.signin import (  # noqa: E402
    confirm_password,
    create_store,
    lock,
    open_with_recovery,
    recovery_data_key,
    sign_in,
    sign_out,
    slots_path,
    store_state,
    switch_officer,
    unlock_key,
)

__all__ += ["EncryptionFailed", "SignInFailed", "confirm_password", "create_store", "lock",
            "open_with_recovery",
            "recovery_data_key", "sign_in", "sign_out", "slots_path", "store_state", "switch_officer",
            "unlock_key", "upgrade_plain_store"]
