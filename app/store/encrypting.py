"""A plain store of the previous version becomes an encrypted one at its first sign-in:
a copy aside first (so nothing is lost if anything fails), then SQLCipher's own export into a
new file under a random data key, checked table by table, its audit trail re-chained with the
new key (app/store/audit.py), renamed over the store; the plain copies are removed last. The
officer who does it becomes the first administrator."""

from __future__ import annotations

import contextlib
import os
import secrets
from datetime import UTC, datetime
from pathlib import Path

from app.clock import Clock, utc_now
from app.domain.models import Officer
from app.outputs import fsync_dir, private_file
from app.security.keyslots import KeySlots, new_data_key, new_recovery_key
from app.security.passwords import password_problem
from app.security.permissions import Role
from app.store import Store
from app.store.access import Access
from app.store.accounts import InvalidPassword
from app.store.driver import connect
from app.store.errors import StoreError, StoreUnavailable
from app.store.files import copy_consistent, encrypt_copy
from app.store.signin import slots_path, store_state


class EncryptionFailed(StoreError):
    """The encrypted copy did not match the plain store; the plain store is unchanged."""


def upgrade_plain_store(path: Path, admin: Officer, password: str, *, clock: Clock = utc_now
                        ) -> tuple[Store, str]:
    """Encrypt the plain store at `path` in place; `admin` (found in the roster by NRP, or
    added to it) becomes its first administrator with `password`. Returns the store, signed
    in as that administrator, and the recovery key to show once."""
    path = Path(path)
    if store_state(path) != "plain":
        raise StoreUnavailable("exists", f"{path} bukan basis data tanpa enkripsi")
    problem = password_problem(password, admin.nrp)
    if problem:
        raise InvalidPassword(problem)
    with Store(path, clock=clock):  # migrates a store of an older version first, and checks it
        pass
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    safety = path.with_name(f"{path.name}.before-encryption-{stamp}")
    private_file(safety)
    copy_consistent(path, safety)
    data_key, recovery = new_data_key(), new_recovery_key()
    encrypted = path.with_name(f".{path.name}.encrypting-{secrets.token_hex(4)}")
    try:
        private_file(encrypted)
        encrypt_copy(path, encrypted, data_key)
        _check_same(path, encrypted, data_key)
        with Store(encrypted, clock=clock, key=data_key) as copy:
            # the unkeyed chain of the plain store, checked and re-chained with the new key
            # (one entry records it), before the copy becomes the store
            copy.key_audit_trail("encrypt")
        slots = KeySlots()
        slots.set_recovery(recovery, data_key)
        slots.save(slots_path(path))
        os.replace(encrypted, path)
        for sidecar in ("-wal", "-shm", "-journal"):
            path.with_name(path.name + sidecar).unlink(missing_ok=True)
        fsync_dir(path.parent)
    except BaseException:
        encrypted.unlink(missing_ok=True)
        if store_state(path) == "plain":  # not renamed yet: the plain store stays as it was
            slots_path(path).unlink(missing_ok=True)
        raise
    store = Store(path, clock=clock, key=data_key)
    try:
        officer = store.master.officers_by_nrp().get(admin.nrp.strip())
        if officer is None:
            officer = store.master.save(admin, None).record
        assert officer.id is not None
        with store.unit_of_work():
            store.accounts.create(officer.id, Role.ADMIN, password, None)
            store.record_activity("encrypt", "store", officer.id, detail="SQLCipher 4")
        store.set_access(Access(officer.id, officer.nrp, Role.ADMIN))
    except BaseException:
        store.close()
        raise
    _remove_plain_copies(path)
    return store, recovery


def _check_same(plain: Path, encrypted: Path, key: bytes) -> None:
    """Every table has the same rows in both files (counts and the audit trail's head), and
    the encrypted file passes SQLite's integrity check."""
    with contextlib.closing(connect(plain, key=None)) as a, \
            contextlib.closing(connect(encrypted, key=key)) as b:
        if b.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            raise EncryptionFailed("integrity_check")
        tables = [r[0] for r in a.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE "
            "'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            query = f'SELECT count(*) FROM "{table}"'
            if a.execute(query).fetchone() != b.execute(query).fetchone():
                raise EncryptionFailed(table)
        head = "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1"
        if a.execute(head).fetchone() != b.execute(head).fetchone():
            raise EncryptionFailed("audit_log")


def _remove_plain_copies(path: Path) -> None:
    """The copies of the plain store left beside it (before this encryption and before
    earlier migrations): they hold everything in clear."""
    for copy in path.parent.glob(f"{path.name}.before-*"):
        with contextlib.suppress(OSError):
            head = copy.read_bytes()[:16]
            if head == b"SQLite format 3\x00":
                copy.unlink()
    fsync_dir(path.parent)

