"""Backups of an open store, as the window and the CLI make them: where they go, when one is
due, and the audit entry that records each (a backup is a copy of personal data)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.backup.backup import (
    BackupFailed,
    BackupInfo,
    default_backup_dir,
    list_backups,
    make_backup,
    newest_backup,
    read_anchor,
    resolve_backup_dir,
    rotate,
    tidy_partials,
)
from app.clock import utc_now
from app.store import Action, Store, StoreError

DUE_AFTER = timedelta(hours=24)  # a backup at start when the newest is older than this
STALE_AFTER = timedelta(days=2)  # the status bar turns red


@dataclass(frozen=True)
class BackupJob:
    """Everything a backup needs, read from the store on the caller's thread, so the backup
    itself can run on another thread with a connection of its own."""

    store_path: Path
    folder: Path
    create_folder: bool  # only the default folder beside the store is created
    station: str
    timezone: str
    key: bytes | None = None  # the data key of an encrypted store: the backup is encrypted


@dataclass(frozen=True)
class BackupOutcome:
    info: BackupInfo
    deleted: tuple[Path, ...]  # removed by rotation


def backup_folder(store: Store) -> tuple[Path, bool]:
    """(folder, is_default) for this store."""
    configured = store.settings.app_settings().backup_dir
    folder = resolve_backup_dir(configured, store.path)
    return folder, folder == default_backup_dir(store.path)


def job_for(store: Store, to: Path | None = None, *, automatic: bool = False) -> BackupJob:
    """What a backup of `store` needs. One asked for by an officer needs a role that may
    back up; the automatic ones (at start, at exit) are the store's own care of its data."""
    if not automatic:
        store.require(Action.BACKUP)
    folder, is_default = (Path(to), False) if to is not None else backup_folder(store)
    profile = store.profile()
    return BackupJob(store.path, folder, is_default, profile.code, profile.timezone,
                     store.data_key)


def run_job(job: BackupJob, now: datetime | None = None) -> BackupOutcome:
    """Make the backup, then rotate (thread-safe: no shared connection). Raises BackupFailed."""
    when = now or utc_now()
    info = make_backup(job.store_path, job.folder, job.station, now=when,
                       create_folder=job.create_folder, key=job.key)
    deleted = rotate(job.folder, job.station, when, ZoneInfo(job.timezone))
    return BackupOutcome(info, tuple(deleted))


def record_backup(store: Store, outcome: BackupOutcome, by: int | None, *,
                  automatic: bool = False) -> bool:
    """Audit entry for a backup made ("backup_auto" for the automatic ones, with the officer
    signed in at the time). False when the store cannot be written (the backup itself is
    good; a full disk must not turn it into a failure)."""
    try:
        store.record_activity("backup_auto" if automatic else "backup", "store", by,
                              detail=str(outcome.info.path))
    except StoreError:
        return False
    return True


def record_restore(store: Store | Path, backup: Path, by: int | None, *,
                   key: bytes | None = None) -> bool:
    """Audit entry in the restored store saying where it came from (False if not written)."""
    try:
        if isinstance(store, Store):
            store.record_activity("restore", "store", by, detail=str(backup))
        else:
            with Store(store, key=key) as opened:
                opened.record_activity("restore", "store", by, detail=str(backup))
    except StoreError:
        return False
    return True


def backup_store(store: Store, by: int | None, *, to: Path | None = None,
                 now: datetime | None = None) -> BackupOutcome:
    """Backup, rotation and audit entry in the calling thread (CLI, exit of the window)."""
    outcome = run_job(job_for(store, to), now)
    record_backup(store, outcome, by)
    return outcome


def last_backup_at(store: Store) -> datetime | None:
    """The newest good backup: the newer of the audit log's last backup entry and the newest
    file in the backup folder (which may be unplugged)."""
    logged = max((t for t in (store.last_activity_at("backup"),
                               store.last_activity_at("backup_auto")) if t is not None),
                 default=None)
    folder, _ = backup_folder(store)
    try:
        newest = newest_backup(folder, store.profile().code)
    except BackupFailed:
        newest = None
    found = [t for t in (logged, newest.taken_at if newest else None) if t is not None]
    return max(found) if found else None


def backup_due(store: Store, now: datetime | None = None) -> bool:
    last = last_backup_at(store)
    return last is None or (now or utc_now()) - last > DUE_AFTER


def tidy_backup_folders(store: Store, now: datetime | None = None) -> list[Path]:
    """At start: partial files of interrupted backups in the backup folder (and the default
    one beside the store), which otherwise go only after the next good backup."""
    folders = {backup_folder(store)[0], default_backup_dir(store.path)}
    when = now or utc_now()
    return [p for folder in sorted(folders) if folder.is_dir()
            for p in tidy_partials(folder, when)]


def anchor_findings(store: Store) -> tuple[list[tuple[str, str]], int]:
    """Every backup in the folder recorded the chain's head when it was made (`.head` beside
    it): that entry must still be in the store, with the same MAC. A backup taken before the
    store was restored from another one is not held to it (the restore is in the trail); one
    taken before the chain was keyed (its MACs then plain hashes) is held to its entry only.
    Returns (kind, line) of each problem (kinds of audit.FINDING_KINDS) and how many backups
    were checked."""
    folder, _ = backup_folder(store)
    try:
        backups = list_backups(folder, store.profile().code)
    except BackupFailed:
        return [], 0  # said by the check of the newest backup
    restored_at = store.last_activity_at("restore")
    rekeyed_at = store.last_activity_at("rekey")  # MACs before it were plain hashes
    problems: list[tuple[str, str]] = []
    checked = 0
    for backup in backups:
        anchor = read_anchor(backup.path)
        if anchor is None or (restored_at is not None and backup.taken_at < restored_at):
            continue
        checked += 1
        mac = store.audit_entry_mac(anchor.entry_id)
        if mac is None:
            problems.append(("tail_removed",
                             f"cadangan {backup.path.name} memuat jejak audit sampai entri "
                             f"{anchor.entry_id}, yang tidak ada lagi di basis data: entri "
                             "yang sudah ada saat cadangan itu dibuat telah dihapus dari "
                             "ujung rantai"))
        elif mac != anchor.mac and (rekeyed_at is None or backup.taken_at >= rekeyed_at):
            problems.append(("entry_changed",
                             f"cadangan {backup.path.name}: entri {anchor.entry_id} tidak sama "
                             "lagi dengan di cadangan: rantai jejak audit ditulis ulang sesudah "
                             "cadangan itu dibuat"))
    return problems, checked
