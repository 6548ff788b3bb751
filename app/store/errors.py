"""Typed errors the store raises; the UI and the CLI turn them into Indonesian words."""

from __future__ import annotations

from concurrent.futures import BrokenExecutor, Future
from typing import TypeVar

from app.store.driver import sqlite3

T = TypeVar("T")


class StoreError(Exception):
    """Base class of every error the store raises on purpose."""


class StoreUnavailable(StoreError):
    """The store file cannot be opened or written (missing folder, read-only, disk full)."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason  # disk_full | read_only | missing | locked | io
        self.detail = detail


class NotAPiketStore(StoreError):
    """The file is not a Piket store (or is damaged beyond reading)."""


class DamagedStore(NotAPiketStore):
    """The store failed SQLite's check at open (bytes damaged, e.g. by a power cut or a failing
    disk). It is never opened for writing; the user restores a backup or quits."""

    def __init__(self, detail: str) -> None:
        super().__init__(detail)
        self.detail = detail


class Encrypted(NotAPiketStore):
    """The file is an encrypted store and no key was given (sign in first)."""


class PermissionDenied(StoreError):
    """The signed-in officer's role may not do this; the message is for the user."""

    def __init__(self, message: str, action: str) -> None:
        super().__init__(message)
        self.action = action


class SignInFailed(StoreError):
    """Sign-in refused; `reason`: unknown | wrong | locked | inactive | no_accounts. The
    message is for the user and never says whether the NRP or the password was wrong."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


class NewerSchema(StoreError):
    """The store was written by a newer Piket; it is refused, never downgraded."""


class RecordNotFound(StoreError):
    pass


class StaleRecord(StoreError):
    """Somebody else changed the record since it was opened (version mismatch)."""

    def __init__(self, uuid: str, expected: int, actual: int) -> None:
        super().__init__(f"record {uuid} is at version {actual}, not {expected}")
        self.uuid = uuid
        self.expected = expected
        self.actual = actual


class InvalidRecord(StoreError):
    """Validation found blocking problems; `problems` names each field."""

    def __init__(self, problems: tuple[object, ...]) -> None:
        super().__init__(f"{len(problems)} problem(s)")
        self.problems = problems


class DuplicateNumber(StoreError):
    pass


class DuplicateEntry(StoreError, sqlite3.IntegrityError):
    """A value that must be unique is already taken (e.g. an officer's NRP). Still an
    sqlite3.IntegrityError for callers that catch that; `column` names the field."""

    def __init__(self, table: str, column: str) -> None:
        super().__init__(f"UNIQUE constraint failed: {table}.{column}")
        self.table = table
        self.column = column


class HelperProcessLost(StoreError, RuntimeError):
    """A process helping with a bulk write (reading rows, making them) ended without a word
    (killed by hand, or by the system when memory ran out); nothing was saved. The message
    is for the user."""


def helper_result(task: Future[T], helper: str) -> T:
    """The result of a task given to a helper process (`helper`: what it does, in
    Indonesian), HelperProcessLost when the process died."""
    try:
        return task.result()
    except BrokenExecutor as exc:
        raise HelperProcessLost(f"proses {helper} berhenti tanpa kabar; tidak ada yang "
                                "disimpan") from exc


class ItemFailed(Exception):
    """Making the rows of the record at `index` of the source failed with `error`."""

    def __init__(self, index: int, error: BaseException) -> None:
        super().__init__(f"record {index}: {error}")
        self.index = index
        self.error = error
