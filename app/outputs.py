"""Every file Piket writes for a user (PDFs, CSV exports, receipts to print) and the copies it
makes of the store (backups, restores) go through here:

- `safe_output_path` refuses a target that is a database (the store, a backup, a copy set
  aside), a store's `-wal`/`-shm`/`-journal`, or a folder, with an Indonesian message naming
  why. It needs no store path: any file starting with the SQLite header is refused, and so
  is a sidecar of one; a store path handed in is refused even while it is still empty.
- `atomic_write` writes a temporary file in the target's folder, fsyncs it and renames it
  over the target (os.replace), so a write that fails half-way leaves neither a truncated
  file nor the temporary one.
- Files are created readable by their owner only (0600; folders 0700): they hold personal
  data. `private_file` creates an empty one for SQLite to fill (backups, restores), and
  `private_temp_dir` a folder of this process that is removed at exit at the latest.

Pure Python, no Qt: the CLI and the window share it."""

from __future__ import annotations

import atexit
import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Literal, overload

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
SQLITE_HEADER = b"SQLite format 3\x00"
SIDECARS = ("-wal", "-shm", "-journal")
KEY_SLOTS = ".keys"  # beside an encrypted store or backup (app/security/keyslots.py)

REASONS: dict[str, str] = {
    "store": "berkas itu adalah basis data Piket yang sedang dipakai",
    "sidecar": "berkas itu adalah bagian dari basis data ({name}); menimpanya merusak data",
    "database": "berkas itu adalah basis data atau cadangan Piket",
    "folder": "itu adalah folder; sebutkan nama berkas",
}


class OutputRefused(Exception):
    """Writing to `path` was refused; nothing was written. `reason`: a key of REASONS. The
    text (str(exc)) is Indonesian and names the file and why."""

    def __init__(self, reason: str, path: Path, detail: str = "") -> None:
        why = REASONS[reason].format(name=detail or path.name)
        super().__init__(f"{path} tidak ditulis: {why}. Pilih nama berkas lain.")
        self.reason = reason
        self.path = path


def os_error_text(exc: OSError) -> str:
    """Why a file could not be written, in Indonesian (strerror is English)."""
    return {
        errno.ENOSPC: "disk penuh",
        errno.EFBIG: "disk penuh atau berkas terlalu besar untuk media ini",
        getattr(errno, "EDQUOT", -1): "jatah disk habis",
        errno.EACCES: "tidak ada izin menulis",
        errno.EPERM: "tidak ada izin menulis",
        errno.EROFS: "media hanya-baca",
        errno.ENOENT: "folder tidak ditemukan",
        errno.EIO: "gagal menulis ke disk",
    }.get(exc.errno or 0, "gagal menulis")


def sidecars(database: Path) -> list[Path]:
    """The files SQLite keeps beside a database: its WAL, shared memory and rollback journal."""
    return [database.with_name(database.name + suffix) for suffix in SIDECARS]


def _is_sqlite(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _key_slots(database: Path) -> Path:
    return database.with_name(database.name + KEY_SLOTS)


def _is_database(path: Path) -> bool:
    """A plain SQLite file, or an encrypted store or backup (its key slots beside it: its
    own bytes are indistinguishable from random ones)."""
    return _is_sqlite(path) or _key_slots(path).exists()


def _same(a: Path, b: Path) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def safe_output_path(target: Path | str, *, protected: Iterable[Path] = ()) -> Path:
    """`target` as a Path when a user's output may be written there; else OutputRefused.
    `protected`: stores (each with its sidecars) refused even when not yet a database."""
    target = Path(target)
    for store in protected:
        if _same(target, store):
            raise OutputRefused("store", target)
        for sidecar in [*sidecars(Path(store)), _key_slots(Path(store))]:
            if _same(target, sidecar):
                raise OutputRefused("sidecar", target, f"pendamping {Path(store).name}")
    if target.is_dir():
        raise OutputRefused("folder", target)
    if target.exists() and _is_database(target):
        raise OutputRefused("database", target)
    real = Path(os.path.realpath(target))
    for suffix in (*SIDECARS, KEY_SLOTS):
        for name in {target.name, real.name}:
            if name.endswith(suffix):
                base = (target if name == target.name else real).with_name(name[:-len(suffix)])
                if base.exists() and _is_database(base):
                    raise OutputRefused("sidecar", target, f"pendamping {base.name}")
    return target


@overload
def atomic_write(target: Path | str, *, text: Literal[False] = False,
                 protected: Iterable[Path] = ()) -> contextlib.AbstractContextManager[IO[bytes]]:
    ...


@overload
def atomic_write(target: Path | str, *, text: Literal[True], encoding: str = "utf-8",
                 newline: str | None = None, protected: Iterable[Path] = ()
                 ) -> contextlib.AbstractContextManager[IO[str]]:
    ...


def atomic_write(target: Path | str, *, text: bool = False, encoding: str = "utf-8",
                 newline: str | None = None, protected: Iterable[Path] = ()
                 ) -> contextlib.AbstractContextManager[IO[Any]]:
    """A file to write `target` through: checked by safe_output_path, written to a private
    temporary file beside it, fsynced and renamed over `target` when the block ends without
    an exception. On an exception (or a refusal) nothing is left behind."""
    return _atomic_write(Path(target), text, encoding, newline, tuple(protected))


@contextmanager
def _atomic_write(target: Path, text: bool, encoding: str, newline: str | None,
                  protected: tuple[Path, ...]) -> Iterator[IO[Any]]:
    safe_output_path(target, protected=protected)
    # mkstemp: a new name (O_EXCL, so no planted file or link is followed), mode 0600
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    temp = Path(temp_name)
    try:
        handle: IO[Any] = (os.fdopen(fd, "w", encoding=encoding, newline=newline) if text
                           else os.fdopen(fd, "wb"))
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        safe_output_path(target, protected=protected)  # still not a database now
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(target.parent)


def replace_private_file(target: Path, data: bytes) -> None:
    """Piket's own file beside a store (its key slots, a backup's key slots): written whole
    or not at all like atomic_write, owner-only, but not refused as a user's output would be
    (safe_output_path keeps users' outputs off exactly these files)."""
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp",
                                     dir=target.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    fsync_dir(target.parent)


def write_bytes(target: Path | str, data: bytes, *, protected: Iterable[Path] = ()) -> Path:
    """Write `data` to `target` whole or not at all (atomic_write); returns the path."""
    with atomic_write(target, protected=protected) as handle:
        handle.write(data)
    return Path(target)


def fsync_dir(folder: Path) -> None:
    """Make a rename in `folder` durable (POSIX; Windows cannot open a folder, NTFS journals)."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def private_file(path: Path) -> Path:
    """Create `path` as an empty file readable by its owner only, for SQLite to fill (a
    backup, a restore, a new store): SQLite itself creates files 0644, and gives a WAL the
    mode of its database. Never follows a planted link (O_EXCL); raises FileExistsError."""
    flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
    os.close(os.open(path, flags, PRIVATE_FILE_MODE))
    return path


def make_private(path: Path) -> None:
    """Owner-only access to an existing file (POSIX; quietly nothing where it cannot)."""
    if os.name == "posix":
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE_MODE)


def private_temp_dir(prefix: str) -> Path:
    """A new folder (mode 0700, a fresh random name: nothing planted is followed) that is
    removed with everything in it when the process exits; remove it earlier when done."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
