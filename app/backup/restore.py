"""Checking a backup and restoring it over the store.

A backup is checked on a temporary copy (the file itself is never changed): it must be an
intact SQLite file holding a Piket store of a schema this Piket knows; an older one is
migrated on the copy. Only then is the current store set aside (kept, with a timestamp in
its name) and the checked copy moved into its place."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from app.backup.backup import (
    KEYS_SUFFIX,
    BackupFailed,
    BackupInfo,
    backup_order,
    default_backup_dir,
    key_slots_of,
    list_backups,
    resolve_backup_dir,
)
from app.clock import utc_now
from app.outputs import SQLITE_HEADER, make_private, private_file, replace_private_file
from app.store import (
    DamagedStore,
    DatabaseError,
    NewerSchema,
    NotAPiketStore,
    StoreError,
    copy_consistent,
    encrypt_copy,
    integrity_problems,
    leave_wal,
    readable_settings,
    schema_state,
)

IN_USE_TIMEOUT_S = 2.0


class RestoreRefused(Exception):
    """The restore did not happen and nothing was changed. `problem`: not_found | not_sqlite |
    damaged | not_piket | newer | same_file | in_use | io | audit (the backup is intact but
    its audit chain fails: `audit_problems` says how; restored only when forced)."""

    def __init__(self, problem: str, detail: str = "",
                 audit_problems: tuple[str, ...] = ()) -> None:
        super().__init__(f"{problem}: {detail}" if detail else problem)
        self.problem = problem
        self.detail = detail
        self.audit_problems = audit_problems


@dataclass(frozen=True)
class BackupCheck:
    path: Path
    problem: str | None  # None: usable; else a RestoreRefused problem code
    detail: str = ""
    older_schema: bool = False  # usable after migrating
    counts: dict[str, int] = field(default_factory=dict)
    audit_problems: tuple[str, ...] = ()  # what `piket verify` finds in it (not blocking)

    @property
    def ok(self) -> bool:
        return self.problem is None


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    kept_aside: tuple[Path, ...]  # the previous store (and its -wal), renamed with a timestamp
    check: BackupCheck


def inspect_backup(path: Path, key: bytes | None = None) -> BackupCheck:
    """Everything restore checks, without restoring: on a copy in a private temporary
    folder (an encrypted backup stays encrypted there: `key`)."""
    with tempfile.TemporaryDirectory(prefix="piket-check-") as tmp:
        return _prepare(Path(path), Path(tmp) / "check.db", key)


def restore_store(store_path: Path, backup: Path, *, now: datetime | None = None,
                  force: bool = False, key: bytes | None = None) -> RestoreResult:
    """Replace the store at `store_path` with `backup`. Raises RestoreRefused (nothing
    changed) when the backup is not usable or another Piket has the store open, and
    RestoreRefused("audit") when its audit chain fails (records changed behind Piket's
    back) unless `force`: the user must have been told and agreed. The caller must have
    closed its own connections to the store.

    `key`: the data key (from a password or the recovery key, app.store.signin.unlock_key):
    an encrypted backup is opened with it, a plain backup of the previous version is
    encrypted with it on the way in. The store's key slots stay; a store that has none gets
    the backup's."""
    store_path, backup = Path(store_path), Path(backup)
    if store_path.exists() and backup.exists() and os.path.samefile(store_path, backup):
        raise RestoreRefused("same_file", str(backup))
    stamp = (now or utc_now()).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    staged = store_path.with_name(f".{store_path.name}.restore-{stamp}")
    try:
        _create_private(staged)
        check = _prepare(backup, staged, key)
        if not check.ok:
            raise RestoreRefused(check.problem or "damaged", check.detail)
        if check.audit_problems and not force:
            raise audit_refusal(check)
        make_private(staged)  # a plain copy (read-only drive) is made with the umask's mode
        if key is not None:
            _carry_accounts_over(store_path, staged, key)
        if store_path.exists():
            _settle_current(store_path)
        kept = _keep_aside(store_path, stamp)
        os.replace(staged, store_path)
        _take_key_slots(store_path, backup)
        _fsync_dir(store_path.parent)
    except OSError as exc:
        raise RestoreRefused("io", str(exc)) from exc
    finally:
        _remove(staged, staged.with_name(staged.name + "-wal"),
                staged.with_name(staged.name + "-shm"), *staged.parent.glob(staged.name + ".before-*"))
    return RestoreResult(backup, kept, check)


def _prepare(backup: Path, copy: Path, key: bytes | None = None) -> BackupCheck:
    """Copy `backup` to `copy`, check it, migrate it if older. `copy` stays for the caller
    (encrypted with `key` when given, whether the backup was or not)."""
    if not backup.is_file():
        return BackupCheck(backup, "not_found", str(backup))
    try:
        with open(backup, "rb") as fh:
            header = fh.read(len(SQLITE_HEADER))
        if header != SQLITE_HEADER and key is None:
            return BackupCheck(backup, "needs_key" if key_slots_of(backup).exists()
                               else "not_sqlite", str(backup))
        if header == SQLITE_HEADER and key is not None:  # a backup of the previous version
            encrypt_copy(backup, copy, key)
        else:
            copy_consistent(backup, copy, key)
        damaged = integrity_problems(copy, key)
    except (OSError, DatabaseError) as exc:
        return BackupCheck(backup, "damaged", str(exc))
    if damaged and header != SQLITE_HEADER and any("not a database" in d for d in damaged):
        return BackupCheck(backup, "wrong_key", str(backup))  # another store's backup
    if damaged:
        return BackupCheck(backup, "damaged", "; ".join(damaged[:3]))
    schema = schema_state(copy, key)
    if schema == "none":  # an empty SQLite file would otherwise become a fresh, empty store
        return BackupCheck(backup, "not_piket", "tanpa tabel migrasi Piket")
    from app.store import Store  # the facade imports much; only needed here

    try:
        with Store(copy, key=key) as store:  # migrates an older schema, refuses a newer one
            if header == SQLITE_HEADER and key is not None:
                store.key_audit_trail("restore")  # its unkeyed chain, checked and keyed
            counts = store.summary_counts()
            audit = tuple(store.verify())
    except NewerSchema as exc:
        return BackupCheck(backup, "newer", str(exc))
    except DamagedStore as exc:
        return BackupCheck(backup, "damaged", str(exc))
    except NotAPiketStore as exc:
        return BackupCheck(backup, "not_piket", str(exc))
    except (StoreError, DatabaseError) as exc:
        return BackupCheck(backup, "damaged", str(exc))
    return BackupCheck(backup, None, "", schema == "older", counts, audit)


def audit_refusal(check: BackupCheck) -> RestoreRefused:
    """The refusal of a backup whose audit chain fails, naming the first problems."""
    shown = "; ".join(check.audit_problems[:3])
    more = len(check.audit_problems) - 3
    detail = f"{shown}; dan {more} masalah lain" if more > 0 else shown
    return RestoreRefused("audit", detail, check.audit_problems)


def _carry_accounts_over(store_path: Path, staged: Path, key: bytes) -> None:
    """The accounts of the store being replaced go into the restored copy (who may sign in
    does not go back in time with the data). A store too damaged to read has none to give:
    the backup's own accounts apply."""
    from app.store import Store

    try:
        with Store(store_path, key=key, read_only=True) as current:
            accounts = current.accounts.list()
    except (StoreError, DatabaseError, OSError):
        return
    with Store(staged, key=key) as restored:
        restored.accounts.carry_over(accounts)


def _take_key_slots(store_path: Path, backup: Path) -> None:
    """A store whose key slots are gone (a new PC, a lost disk) gets the backup's."""
    mine = store_path.with_name(store_path.name + KEYS_SUFFIX)
    theirs = key_slots_of(backup)
    if not mine.exists() and theirs.exists():
        replace_private_file(mine, theirs.read_bytes())


def _create_private(path: Path) -> None:
    """The staged copy is created owner-only before SQLite fills it (issue 15)."""
    _remove(path)
    with contextlib.suppress(OSError):  # the copy below reports a folder it cannot write
        private_file(path)


def _keep_aside(store_path: Path, stamp: str) -> tuple[Path, ...]:
    """Put the current store (and a -wal still beside it) under a timestamped name, keeping
    the original in place until the new file replaces it: the store path is never empty."""
    kept: list[Path] = []
    aside = store_path.with_name(f"{store_path.name}.before-restore-{stamp}")
    for suffix in ("", "-wal"):
        current = store_path.with_name(store_path.name + suffix)
        if not current.exists():
            continue
        target = aside.with_name(aside.name + suffix)
        try:
            os.link(current, target)
        except OSError:  # FAT/exFAT drives have no hard links
            shutil.copy2(current, target)
        kept.append(target)
    # A stale -wal or -shm would be replayed onto the restored file: remove them.
    _remove(store_path.with_name(store_path.name + "-wal"),
            store_path.with_name(store_path.name + "-shm"))
    return tuple(kept)


def _remove(*paths: Path) -> None:
    for path in paths:
        with contextlib.suppress(OSError):
            path.unlink()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class RestoreCandidates:
    """What start-up can offer when the store cannot be opened: the backups found, newest
    first, and the station's zone for showing their dates."""

    backups: tuple[BackupInfo, ...]
    folders: tuple[Path, ...]
    timezone: str


def restore_candidates(store_path: Path) -> RestoreCandidates:
    """Backups for a store that cannot be opened: from the folder set in its settings (read
    as far as the damage allows) and the default folder beside it."""
    settings = readable_settings(Path(store_path))
    folders: list[Path] = []
    configured = settings.get("app.backup_dir")
    for folder in (resolve_backup_dir(configured if isinstance(configured, str) else "", store_path),
                   default_backup_dir(store_path)):
        if folder not in folders:
            folders.append(folder)
    station = settings.get("station.code")
    found: dict[Path, BackupInfo] = {}
    for folder in folders:
        try:
            listed = list_backups(folder, station if isinstance(station, str) else None)
        except BackupFailed:
            continue
        found.update({b.path: b for b in listed})
    ordered = sorted(found.values(), key=backup_order, reverse=True)
    tz = settings.get("station.timezone")
    return RestoreCandidates(tuple(ordered), tuple(folders),
                             tz if isinstance(tz, str) and tz else "Asia/Jakarta")


def _settle_current(store_path: Path) -> None:
    """Refuse when another Piket has the store open; otherwise fold its WAL into the file.
    Leaving WAL mode needs the only connection, so it doubles as the "in use" test."""
    if leave_wal(store_path, IN_USE_TIMEOUT_S) == "in_use":
        raise RestoreRefused("in_use", str(store_path))
