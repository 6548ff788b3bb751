"""Signing in: a password opens the account's key slot, which gives the data key of the
encrypted store; the account's row in the store gives the role. The window and every command
open a store only through here (tests/test_layering.py). Five wrong passwords in a row lock
the account for ten minutes. Every sign-in, failure, lockout, lock, unlock and sign-out is
written into the audit trail; those that happen while the store is closed (a failed sign-in
cannot open it) wait in the key-slot file and are written at the next sign-in."""

from __future__ import annotations

import errno
from datetime import datetime
from pathlib import Path
from typing import Any

from app.clock import Clock, utc_now
from app.domain.models import Officer
from app.security.keyslots import KeySlots, new_data_key, new_recovery_key
from app.security.permissions import Role
from app.store import Store
from app.store.access import SIGNED_OUT, Access
from app.store.accounts import Account
from app.store.errors import SignInFailed, StoreUnavailable
from app.store.opening import is_encrypted_file

WRONG = "NRP atau kata sandi salah."


def slots_path(store_path: Path) -> Path:
    return KeySlots.path_for(Path(store_path))


def store_state(path: Path) -> str:
    """new (no file yet, or empty) | plain (a store of the previous version, not encrypted)
    | encrypted | no_keys (encrypted, but its `.keys` file is missing)."""
    path = Path(path)
    if not path.exists() or path.stat().st_size == 0:
        return "new"
    if not is_encrypted_file(path):
        return "plain"
    return "encrypted" if slots_path(path).exists() else "no_keys"


def create_store(path: Path, officer: Officer, password: str, *, clock: Clock = utc_now,
                 slots: KeySlots | None = None, **store_kwargs: Any) -> tuple[Store, str]:
    """A new encrypted store at `path` whose first administrator is `officer` (added to the
    roster) with `password`. Returns the store, signed in as that administrator, and the
    recovery key, to be shown once (and printed for the Kapolsek's safe)."""
    from app.security.passwords import password_problem
    from app.store.accounts import InvalidPassword

    path = Path(path)
    if store_state(path) != "new":
        raise StoreUnavailable("exists", str(path))
    problem = password_problem(password, officer.nrp)
    if problem:
        raise InvalidPassword(problem)
    data_key = new_data_key()
    recovery_key = new_recovery_key()
    slots = slots or KeySlots()
    slots.set_recovery(recovery_key, data_key)
    keys_file = slots_path(path)
    slots.save(keys_file)
    try:
        store = Store(path, clock=clock, key=data_key, **store_kwargs)
    except BaseException:
        keys_file.unlink(missing_ok=True)
        raise
    try:
        saved = store.master.save(officer, None).record
        assert saved.id is not None
        with store.unit_of_work():
            store.accounts.create(saved.id, Role.ADMIN, password, None)
            store.accounts.record_events([_event(clock(), officer.nrp.strip(), "sign_in")])
        account = store.accounts.get(saved.id)
        store.set_access(_access_of(account))
    except BaseException:
        store.close()
        raise
    return store, recovery_key


def sign_in(path: Path, nrp: str, password: str, *, clock: Clock = utc_now,
            **store_kwargs: Any) -> Store:
    """The store at `path` opened by the officer `nrp`, or SignInFailed (Indonesian)."""
    path = Path(path)
    nrp = nrp.strip()
    keys_file = _keys_file(path)
    now = clock()
    data_key = unlock_key(keys_file, nrp, password, now)
    slots = KeySlots.load(keys_file)
    store = Store(path, clock=clock, key=data_key, **store_kwargs)
    try:
        account = store.accounts.find(nrp)
        if account is None or not account.active:
            slots.add_event(now, nrp, "sign_in_inactive")
            _save_slots(slots, keys_file)
            raise SignInFailed("inactive", "Akun ini tidak aktif. Hubungi admin.")
        slots.note_success(nrp)
        _flush_events(store, slots, keys_file, _event(now, nrp, "sign_in"))
        store.set_access(_access_of(account))
    except BaseException:
        store.close()
        raise
    return store


def unlock_key(keys_file: Path, nrp: str, password: str, now: datetime) -> bytes:
    """The data key that `password` opens in the key slots `keys_file` (a store's, or a
    backup's when the store is gone), with the lockout rules; SignInFailed otherwise. For a
    restore, which needs the key of a store that may be too damaged to open."""
    nrp = nrp.strip()
    slots = KeySlots.load(keys_file)
    if not nrp or not password:
        raise SignInFailed("wrong", "Isi NRP dan kata sandi.")
    locked = slots.locked_until(nrp, now)
    if locked is not None:
        slots.add_event(now, nrp, "sign_in_locked")
        _save_slots(slots, keys_file)
        raise SignInFailed("locked", locked_text(locked))
    data_key = slots.open_account(nrp, password)
    if data_key is None:
        _refuse(slots, keys_file, nrp, now)
    assert data_key is not None
    slots.note_success(nrp)
    _save_slots(slots, keys_file)
    return data_key


def recovery_data_key(keys_file: Path, recovery_key: str) -> bytes:
    """The data key the recovery key opens in `keys_file`; SignInFailed otherwise."""
    data_key = KeySlots.load(keys_file).open_recovery(recovery_key)
    if data_key is None:
        raise SignInFailed("wrong", "Kunci pemulihan salah.")
    return data_key


def open_with_recovery(path: Path, recovery_key: str, *, clock: Clock = utc_now,
                       **store_kwargs: Any) -> Store:
    """The store opened with the recovery key (every password forgotten): as an
    administrator with no officer, to reset passwords. Audited."""
    path = Path(path)
    keys_file = _keys_file(path)
    slots = KeySlots.load(keys_file)
    data_key = slots.open_recovery(recovery_key)
    if data_key is None:
        slots.add_event(clock(), "", "recovery_failed")
        _save_slots(slots, keys_file)
        raise SignInFailed("wrong", "Kunci pemulihan salah.")
    store = Store(path, clock=clock, key=data_key, **store_kwargs)
    _flush_events(store, slots, keys_file, _event(clock(), "", "recovery"))
    store.set_access(Access(None, "", Role.ADMIN))
    return store


def switch_officer(store: Store, nrp: str, password: str, *, event: str = "sign_in") -> Account:
    """Another (or the same) officer signs in to an open store: at the lock screen (event
    "unlock") or after "Ganti petugas". Lockout and audit as at start."""
    account = _check_password(store, nrp.strip(), password, event)
    store.set_access(_access_of(account))
    return account


def confirm_password(store: Store, nrp: str, password: str) -> Account:
    """The account of `nrp` when `password` is its password, without changing who is signed
    in (a second signature: the incoming officer of a handover). Lockout and audit as at
    sign-in (events "confirm", "sign_in_failed", "lockout"). On a plain store (tests, the
    benchmark) there are no key slots: only an unrestricted store accepts an active officer
    of the roster by NRP; a signed-in plain store refuses."""
    nrp = nrp.strip()
    if not nrp or not password:
        raise SignInFailed("wrong", "Isi NRP dan kata sandi.")
    if store.data_key is None:
        return _roster_account(store, nrp)
    return _check_password(store, nrp, password, "confirm")


def _check_password(store: Store, nrp: str, password: str, event: str) -> Account:
    """The active account whose key slot `password` opens to this store's data key, with the
    lockout rules; every success and failure goes into the audit trail (`event` on success)."""
    keys_file = slots_path(store.path)
    slots = KeySlots.load(keys_file)
    now = store.clock()
    locked = slots.locked_until(nrp, now)
    if locked is not None:
        slots.add_event(now, nrp, "sign_in_locked")
        _flush_events(store, slots, keys_file)
        raise SignInFailed("locked", locked_text(locked))
    data_key = slots.open_account(nrp, password) if nrp and password else None
    if data_key is None or data_key != store.data_key:
        try:
            _refuse(slots, keys_file, nrp, now)
        finally:
            _flush_events(store, KeySlots.load(keys_file), keys_file)
    account = store.accounts.find(nrp)
    if account is None or not account.active:
        slots.add_event(now, nrp, "sign_in_inactive")
        _flush_events(store, slots, keys_file)
        raise SignInFailed("inactive", "Akun ini tidak aktif. Hubungi admin.")
    slots.note_success(nrp)
    _flush_events(store, slots, keys_file, _event(now, nrp, event))
    return account


def _roster_account(store: Store, nrp: str) -> Account:
    if store.access.role is not None or not store.access.signed_in:
        raise SignInFailed("plain", "Basis data ini belum terenkripsi: tanda tangan dengan "
                                    "kata sandi belum dapat dipakai.")
    officer = store.master.officers_by_nrp().get("".join(nrp.split()))
    if officer is None or officer.id is None or not officer.active:
        raise SignInFailed("wrong", WRONG)
    return Account(officer.id, officer.nrp, officer.name, officer.rank, officer.position,
                   Role.PETUGAS, True, store.clock(), store.clock())


def lock(store: Store) -> None:
    """The idle lock: nothing is read or written until an officer signs in again."""
    _leave(store, "lock")


def sign_out(store: Store) -> None:
    """"Ganti petugas": the officer signs out; the window asks who signs in next."""
    _leave(store, "sign_out")


def locked_text(until: datetime) -> str:
    return (f"Akun ini terkunci karena 5 kali salah kata sandi, sampai pukul "
            f"{until.astimezone().strftime('%H.%M')}. Coba lagi nanti atau hubungi admin.")


# ---------------------------------------------------------------------- helpers
def _keys_file(path: Path) -> Path:
    state = store_state(path)
    if state == "new":
        raise StoreUnavailable("missing", str(path))
    if state == "plain":
        raise SignInFailed("plain", "Basis data ini belum terenkripsi: buat akun admin pertama "
                                    "untuk mengenkripsinya.")
    if state == "no_keys":
        raise SignInFailed("no_keys", f"Berkas kunci {slots_path(path).name} tidak ditemukan di "
                                      "samping basis data. Salin berkas itu dari cadangan "
                                      "terakhir ke folder yang sama.")
    return slots_path(path)


def _save_slots(slots: KeySlots, keys_file: Path) -> None:
    """Save the failure counts and waiting events; on a medium that cannot be written (a
    locked USB stick, a folder of another user) they cannot be kept, and the store opens for
    reading all the same (docs/RELIABILITY.md): a copy of such a file could be tried offline
    anyway, so the lockout protects the writable store only."""
    try:
        slots.save(keys_file)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.EACCES, errno.EPERM):
            raise


def _refuse(slots: KeySlots, keys_file: Path, nrp: str, now: datetime) -> None:
    locked = slots.note_failure(nrp, now)
    slots.add_event(now, nrp, "sign_in_failed")
    if locked:
        slots.add_event(now, nrp, "lockout")
    _save_slots(slots, keys_file)
    if locked:
        until = slots.locked_until(nrp, now)
        assert until is not None
        raise SignInFailed("locked", locked_text(until))
    raise SignInFailed("wrong", WRONG)


def _leave(store: Store, event: str) -> None:
    access = store.access
    if access.signed_in and not store.read_only:
        store.accounts.record_events([_event(store.clock(), access.nrp, event)])
    store.set_access(SIGNED_OUT)


def _flush_events(store: Store, slots: KeySlots, keys_file: Path,
                  *extra: dict[str, Any]) -> None:
    """Write the waiting events and `extra` into the audit trail, then save the slots (a
    read-only store keeps them waiting)."""
    if store.read_only:
        _save_slots(slots, keys_file)
        return
    store.accounts.record_events([*slots.take_events(), *extra])
    _save_slots(slots, keys_file)


def _event(at: datetime, nrp: str, event: str) -> dict[str, Any]:
    return {"at": at.isoformat(), "nrp": nrp, "event": event}


def _access_of(account: Account) -> Access:
    return Access(account.officer_id, account.nrp, account.role)
