"""Backups of the store through SQLite's online backup API (never a file copy of a live
database): named with station and UTC time, checked with PRAGMA integrity_check after
writing, then moved into place, so a file with a backup name is always a complete,
checked copy. Rotation rules: docs/RELIABILITY.md."""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import re
import secrets
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.clock import utc_now
from app.outputs import fsync_dir, private_file, replace_private_file
from app.store import (
    DatabaseError,
    SourceUnreadable,
    audit_anchor,
    copy_online,
    integrity_problems,
)

log = logging.getLogger("piket.leftovers")
DEFAULT_FOLDER = "backups"  # beside the store when no folder is set in Pengaturan
KEEP_DAYS = 14
KEEP_WEEKS = 8
STALE_PARTIAL = timedelta(hours=1)
# a second backup of the same second gets "-2", "-3"… before ".db" (backup_name_taken)
_NAME = re.compile(r"^piket-(?P<station>[A-Z0-9-]+)-(?P<stamp>\d{8}T\d{4}(?:\d{2})?Z)"
                   r"(?:-(?P<n>[2-9]|[1-9]\d+))?\.db$")
PARTIAL_GLOB = ".piket-*.partial"
KEYS_SUFFIX = ".keys"
HEAD_SUFFIX = ".head"  # the audit chain's head at the backup's time (its anchor)


class BackupFailed(Exception):
    """A backup could not be made. `reason`: missing_dir | disk_full | read_only | io |
    damaged | source (the store itself could not be read)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    station: str
    taken_at: datetime  # UTC, from the file name (copying a file changes its mtime)
    size: int


def station_slug(code: str) -> str:
    slug = re.sub(r"[^A-Z0-9]+", "-", code.upper()).strip("-")
    return slug or "PIKET"


def backup_file_name(station: str, when: datetime) -> str:
    """e.g. piket-PEDAMARAN-20261128T140512Z.db"""
    return f"piket-{station_slug(station)}-{when.astimezone(UTC):%Y%m%dT%H%M%SZ}.db"


def parse_backup_name(name: str) -> tuple[str, datetime] | None:
    match = _NAME.match(name)
    if match is None:
        return None
    stamp = match["stamp"]
    fmt = "%Y%m%dT%H%M%SZ" if len(stamp) == 16 else "%Y%m%dT%H%MZ"
    try:
        when = datetime.strptime(stamp, fmt).replace(tzinfo=UTC)
    except ValueError:
        return None
    return match["station"], when


def backup_order(backup: BackupInfo) -> tuple[datetime, int, str]:
    """Sort key, oldest first: time in the name, then its "-2", "-3"… of the same second."""
    match = _NAME.match(backup.path.name)
    return backup.taken_at, int(match["n"]) if match and match["n"] else 1, backup.path.name


def default_backup_dir(store_path: Path) -> Path:
    return Path(store_path).parent / DEFAULT_FOLDER


def resolve_backup_dir(configured: str, store_path: Path) -> Path:
    """The folder set in Pengaturan (AppSettings.backup_dir), or the default one."""
    return Path(configured).expanduser() if configured.strip() else default_backup_dir(store_path)


def list_backups(folder: Path, station: str | None = None) -> list[BackupInfo]:
    """Backups in `folder` (of one station when given), newest first. Other files are
    ignored. Raises BackupFailed("missing_dir") when the folder cannot be read."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError as exc:
        raise BackupFailed("missing_dir", str(folder)) from exc
    except OSError as exc:
        raise BackupFailed(_os_reason(exc), str(folder)) from exc
    wanted = station_slug(station) if station is not None else None
    found: list[BackupInfo] = []
    for entry in entries:
        parsed = parse_backup_name(entry.name)
        if parsed is None or (wanted is not None and parsed[0] != wanted):
            continue
        with contextlib.suppress(OSError):
            found.append(BackupInfo(Path(entry.path), parsed[0], parsed[1], entry.stat().st_size))
    return sorted(found, key=backup_order, reverse=True)


def newest_backup(folder: Path, station: str | None = None) -> BackupInfo | None:
    found = list_backups(folder, station)
    return found[0] if found else None


def make_backup(store_path: Path, folder: Path, station: str, *, now: datetime | None = None,
                create_folder: bool = False, key: bytes | None = None) -> BackupInfo:
    """Copy the store into `folder` with the online backup API on a connection of its own
    (safe from any thread, while other connections write), check the copy, move it into
    place. A configured folder (a USB drive) is never created: missing means not plugged in.
    An encrypted store (`key`) gives an encrypted backup, with the store's key slots beside
    it (`<backup>.keys`): a password valid then, or the recovery key, opens it even when the
    PC and its store are gone."""
    folder = Path(folder)
    if not folder.is_dir():
        if not create_folder:
            raise BackupFailed("missing_dir", str(folder))
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise BackupFailed(_os_reason(exc), str(folder)) from exc
    when = now or utc_now()
    name = backup_file_name(station, when)
    partial = partial_name(folder, name)
    try:
        _copy_online(Path(store_path), partial, key)
        problems = integrity_problems(partial, key)
        if problems:
            raise BackupFailed("damaged", "; ".join(problems[:3]))
        anchor = audit_anchor(partial, key)
        if anchor is None:
            raise BackupFailed("damaged", "jejak audit salinan tidak terbaca")
        _fsync(partial)
        final = _move_into_place(partial, folder / name)
        _write_anchor(final, anchor, when)
        if key is not None:
            _copy_key_slots(Path(store_path), final)
        fsync_dir(folder)
        size = final.stat().st_size
    except BackupFailed:
        _remove_quietly(partial)
        raise
    except DatabaseError as exc:
        _remove_quietly(partial)
        raise BackupFailed(_sqlite_reason(exc, folder, Path(store_path)), str(exc)) from exc
    except OSError as exc:
        _remove_quietly(partial)
        raise BackupFailed(_os_reason(exc), str(exc)) from exc
    parsed = parse_backup_name(final.name)
    assert parsed is not None
    return BackupInfo(final, parsed[0], parsed[1], size)


def partial_name(folder: Path, name: str) -> Path:
    """The hidden file a backup is written to before it is checked and renamed: one of its
    own per process and attempt (two backups started in the same second, from two windows
    or a window and `piket backup`, used to write into one file and break each other)."""
    return folder / f".{name}.{os.getpid()}-{secrets.token_hex(4)}.partial"


def _move_into_place(partial: Path, final: Path) -> Path:
    """Rename the checked copy to `final`, or to `final` with "-2", "-3"… when a backup of
    the same second is already there: a backup never replaces another one."""
    stem = final.name[: -len(".db")]
    for n in range(1, 1000):
        target = final if n == 1 else final.with_name(f"{stem}-{n}.db")
        try:
            os.link(partial, target)  # fails if the name is taken: no check-then-rename race
        except FileExistsError:
            continue
        except OSError:  # FAT/exFAT drives have no hard links
            if target.exists():
                continue
            os.replace(partial, target)
            return target
        os.unlink(partial)
        return target
    raise BackupFailed("io", f"terlalu banyak cadangan bernama {final.name}")


def key_slots_of(backup: Path) -> Path:
    """The key slots kept beside a backup of an encrypted store."""
    return backup.with_name(backup.name + KEYS_SUFFIX)


def anchor_of(backup: Path) -> Path:
    """The audit chain's head kept beside a backup (`<backup>.head`)."""
    return backup.with_name(backup.name + HEAD_SUFFIX)


@dataclass(frozen=True)
class Anchor:
    """The newest audit entry a backup holds: the store's chain must still hold it
    unchanged (entries are only ever added after it)."""

    entry_id: int
    mac: str


def _write_anchor(backup: Path, anchor: tuple[int, str], when: datetime) -> None:
    """The backup's chain head beside it (no personal data: an entry number and a MAC),
    whole or not at all; without it the backup is removed too (it is what lets `piket
    verify --backups` see entries removed after it)."""
    data = json.dumps({"entry_id": anchor[0], "mac": anchor[1],
                       "taken_at": when.astimezone(UTC).isoformat()}).encode()
    try:
        replace_private_file(anchor_of(backup), data)
    except OSError:
        _remove_quietly(backup)
        raise


def read_anchor(backup: Path) -> Anchor | None:
    """The anchor kept beside `backup` (None: a backup made before anchors, or unreadable)."""
    try:
        data = json.loads(anchor_of(backup).read_text(encoding="utf-8"))
        return Anchor(int(data["entry_id"]), str(data["mac"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _copy_key_slots(store_path: Path, backup: Path) -> None:
    """The store's key slots beside its backup, whole or not at all; without them the backup
    is removed too (it could be opened only while the store's own slots exist)."""
    source = store_path.with_name(store_path.name + KEYS_SUFFIX)
    try:
        replace_private_file(key_slots_of(backup), source.read_bytes())
    except OSError:
        _remove_quietly(backup)
        raise


def _copy_online(store_path: Path, target: Path, key: bytes | None = None) -> None:
    if not store_path.is_file():
        raise BackupFailed("source", str(store_path))
    _remove_quietly(target)
    with contextlib.suppress(OSError):  # owner-only (issue 15); the copy reports a bad folder
        private_file(target)
    try:
        copy_online(store_path, target, key)
    except SourceUnreadable as exc:
        raise BackupFailed("source", str(exc)) from exc


def plan_rotation(backups: list[BackupInfo], now: datetime, tz: ZoneInfo
                  ) -> tuple[list[BackupInfo], list[BackupInfo]]:
    """(keep, delete). Kept: the newest backup of each of the last KEEP_DAYS days and of each
    of the last KEEP_WEEKS ISO weeks (station time, today and this week included), the
    newest backup up to today whatever its age, and any dated in the future (a wrong clock)."""
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    first_day = today - timedelta(days=KEEP_DAYS - 1)
    first_monday = this_monday - timedelta(weeks=KEEP_WEEKS - 1)
    keep: set[Path] = set()
    seen_days: set[object] = set()
    seen_weeks: set[object] = set()
    ordered = sorted(backups, key=backup_order, reverse=True)
    past = [b for b in ordered if b.taken_at.astimezone(tz).date() <= today]
    if past:
        keep.add(past[0].path)
    for backup in ordered:
        local = backup.taken_at.astimezone(tz).date()
        if local > today:
            keep.add(backup.path)
            continue
        if local >= first_day and local not in seen_days:
            seen_days.add(local)
            keep.add(backup.path)
        monday = local - timedelta(days=local.weekday())
        if monday >= first_monday and monday not in seen_weeks:
            seen_weeks.add(monday)
            keep.add(backup.path)
    return ([b for b in ordered if b.path in keep], [b for b in ordered if b.path not in keep])


def rotate(folder: Path, station: str, now: datetime, tz: ZoneInfo) -> list[Path]:
    """Delete the backups of `station` that plan_rotation does not keep, and partial files
    left by an interrupted backup. Returns what was deleted; files that cannot be deleted
    are left (a full or read-only drive must not turn a good backup into a failure)."""
    _, drop = plan_rotation(list_backups(folder, station), now, tz)
    deleted: list[Path] = []
    for backup in drop:
        with contextlib.suppress(OSError):
            backup.path.unlink()
            deleted.append(backup.path)
            key_slots_of(backup.path).unlink(missing_ok=True)
            anchor_of(backup.path).unlink(missing_ok=True)
    deleted += tidy_partials(folder, now)
    return deleted


def tidy_partials(folder: Path, now: datetime) -> list[Path]:
    """Remove the partial files interrupted backups left in `folder` (older than
    STALE_PARTIAL: a younger one may be a backup running in another process), with their
    -journal. Logged by name and size. Returns what was removed."""
    deleted: list[Path] = []
    try:
        leftovers = list(Path(folder).glob(PARTIAL_GLOB))
        leftovers += list(Path(folder).glob(PARTIAL_GLOB + "-journal"))
    except OSError:
        return deleted
    for leftover in leftovers:
        with contextlib.suppress(OSError):
            stat = leftover.stat()
            if now.timestamp() - stat.st_mtime > STALE_PARTIAL.total_seconds():
                leftover.unlink()
                deleted.append(leftover)
                log.info("Sisa berkas dihapus: %s (cadangan yang terputus, %d KB)",
                         leftover.name, stat.st_size // 1024)
    return deleted


def _room_for(folder: Path, source: Path) -> bool:
    """Whether a copy of `source` fits in `folder` (free space, and the process's file-size
    limit: SQLite reports EFBIG, e.g. FAT32's 4 GB, as a plain I/O error)."""
    try:
        needed = source.stat().st_size + (1 << 20)
        if shutil.disk_usage(folder).free < needed:
            return False
    except OSError:
        return True
    try:
        import resource  # POSIX only
    except ImportError:
        return True
    soft, _ = resource.getrlimit(resource.RLIMIT_FSIZE)
    return soft == resource.RLIM_INFINITY or soft >= needed


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDWR)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    for candidate in (path, path.with_name(path.name + "-journal")):
        with contextlib.suppress(OSError):
            candidate.unlink()


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.ENOSPC, errno.EFBIG, getattr(errno, "EDQUOT", -1)):
        return "disk_full"
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return "read_only"
    if exc.errno in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
        return "missing_dir"
    return "io"


def _sqlite_reason(exc: DatabaseError, folder: Path, source: Path) -> str:
    text = str(exc).lower()
    if "malformed" in text or "not a database" in text:
        return "damaged"  # e.g. the schema page of the store is broken: the copy is too
    if not folder.is_dir():
        return "missing_dir"
    if "full" in text or ("disk i/o" in text and not _room_for(folder, source)):
        return "disk_full"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    if "unable to open" in text:
        return "read_only" if not os.access(folder, os.W_OK) else "io"
    return "io"
