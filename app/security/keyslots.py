"""The key slots of a store (like LUKS): one random data key encrypts the store (SQLCipher);
it is kept here wrapped once per account, with a key derived from that account's password
(argon2id), and once with the recovery key. Changing a password rewraps one slot and never
re-encrypts the store. The slots live beside the store in `<store>.keys` (a store's file is
encrypted whole, so nothing readable can sit inside it) and are copied with every backup.

The file also keeps each account's wrong-password count and lockout, and the sign-in events
that happened while the store was closed (a failed sign-in cannot be written into a store it
could not open); the store takes them into its audit trail at the next sign-in.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from argon2.low_level import Type, hash_secret_raw
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

KEY_BYTES = 32
FORMAT = "piket-keys"
VERSION = 1
SUFFIX = ".keys"

MAX_FAILURES = 5                     # wrong passwords in a row ...
LOCKOUT = timedelta(minutes=10)      # ... lock the account this long


@dataclass(frozen=True)
class Argon2Params:
    """argon2id as RFC 9106's second recommended option, with 64 MiB (docs/SECURITY.md):
    about 0.2 s per derivation on a 2-core office PC (bench/bench_signin.py)."""

    time_cost: int = 3
    memory_cost: int = 64 * 1024  # KiB
    parallelism: int = 2


DEFAULT_PARAMS = Argon2Params()


def derive(secret: str, salt: bytes, params: Argon2Params = DEFAULT_PARAMS) -> bytes:
    return hash_secret_raw(secret.encode("utf-8"), salt, time_cost=params.time_cost,
                           memory_cost=params.memory_cost, parallelism=params.parallelism,
                           hash_len=KEY_BYTES, type=Type.ID)


def subkey(data_key: bytes, purpose: str) -> bytes:
    """A key for one purpose (the audit trail's MAC, the papers' check code) derived from the
    data key: whoever can open the store can make it, nobody else."""
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=None,
                info=f"piket:{purpose}".encode()).derive(data_key)


def new_data_key() -> bytes:
    return secrets.token_bytes(KEY_BYTES)


# ------------------------------------------------------------------ recovery key
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_RECOVERY_CHARS = 32  # 160 bits


def new_recovery_key() -> str:
    chars = "".join(secrets.choice(_ALPHABET) for _ in range(_RECOVERY_CHARS))
    return "-".join(chars[i:i + 4] for i in range(0, _RECOVERY_CHARS, 4))


def normalize_recovery_key(text: str) -> str | None:
    """The recovery key as typed (any case, spaces or dashes, O for 0, I or L for 1) in its
    canonical form, or None when it cannot be one."""
    cleaned = "".join(c for c in text.upper() if c.isalnum())
    cleaned = cleaned.translate(str.maketrans("OIL", "011"))
    if len(cleaned) != _RECOVERY_CHARS or any(c not in _ALPHABET for c in cleaned):
        return None
    return "-".join(cleaned[i:i + 4] for i in range(0, _RECOVERY_CHARS, 4))


# ------------------------------------------------------------------ slots
def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


@dataclass
class Slot:
    salt: str
    nonce: str
    wrapped: str
    failures: int = 0
    locked_until: str | None = None  # ISO time, UTC

    def locked_at(self, now: datetime) -> datetime | None:
        """Until when the account is locked at `now` (None: it is not)."""
        if self.locked_until is None:
            return None
        until = datetime.fromisoformat(self.locked_until)
        return until if until > now else None


def _aad(name: str) -> bytes:
    return f"{FORMAT}/{VERSION}/{name}".encode()


def _wrap(name: str, kek: bytes, salt: bytes, data_key: bytes) -> Slot:
    nonce = secrets.token_bytes(12)
    wrapped = AESGCM(kek).encrypt(nonce, data_key, _aad(name))
    return Slot(salt=_b64(salt), nonce=_b64(nonce), wrapped=_b64(wrapped))


def _unwrap(name: str, kek: bytes, slot: Slot) -> bytes | None:
    from cryptography.exceptions import InvalidTag

    try:
        return AESGCM(kek).decrypt(_unb64(slot.nonce), _unb64(slot.wrapped), _aad(name))
    except InvalidTag:
        return None


def _recovery_kek(recovery_key: str, salt: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=KEY_BYTES, salt=salt,
                info=b"piket:recovery").derive(recovery_key.encode("ascii"))


@dataclass
class KeySlots:
    """The `<store>.keys` file: account slots by NRP, the recovery slot, sign-in events."""

    accounts: dict[str, Slot] = field(default_factory=dict)
    recovery: Slot | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    params: Argon2Params = DEFAULT_PARAMS

    # -------------------------------------------------------------- files
    @staticmethod
    def path_for(store_path: Path) -> Path:
        return store_path.with_name(store_path.name + SUFFIX)

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("format") != FORMAT or raw.get("version") != VERSION:
            raise ValueError("bukan berkas kunci Piket")
        return cls(accounts={nrp: Slot(**slot) for nrp, slot in raw["accounts"].items()},
                   recovery=Slot(**raw["recovery"]) if raw.get("recovery") else None,
                   events=list(raw.get("events", [])),
                   params=Argon2Params(**raw.get("argon2id", {})))

    def to_json(self) -> str:
        return json.dumps({"format": FORMAT, "version": VERSION,
                           "argon2id": asdict(self.params),
                           "accounts": {nrp: asdict(s) for nrp, s in sorted(self.accounts.items())},
                           "recovery": asdict(self.recovery) if self.recovery else None,
                           "events": self.events}, indent=1)

    def save(self, path: Path) -> None:
        """Whole or not at all (a temporary file in the same folder, fsynced, renamed), owner
        only."""
        from app.outputs import replace_private_file

        replace_private_file(path, self.to_json().encode("utf-8"))

    # -------------------------------------------------------------- slots
    def set_account(self, nrp: str, password: str, data_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        old = self.accounts.get(nrp)
        slot = _wrap(nrp, derive(password, salt, self.params), salt, data_key)
        if old is not None:
            slot.locked_until = None  # a new password ends a lockout
        self.accounts[nrp] = slot

    def remove_account(self, nrp: str) -> None:
        self.accounts.pop(nrp, None)

    def set_recovery(self, recovery_key: str, data_key: bytes) -> None:
        salt = secrets.token_bytes(16)
        self.recovery = _wrap("recovery", _recovery_kek(recovery_key, salt), salt, data_key)

    def open_account(self, nrp: str, password: str) -> bytes | None:
        """The data key, or None for an unknown NRP or a wrong password."""
        slot = self.accounts.get(nrp)
        if slot is None:
            derive(password, secrets.token_bytes(16), self.params)  # same time either way
            return None
        return _unwrap(nrp, derive(password, _unb64(slot.salt), self.params), slot)

    def open_recovery(self, recovery_key: str) -> bytes | None:
        canonical = normalize_recovery_key(recovery_key)
        if canonical is None or self.recovery is None:
            return None
        return _unwrap("recovery", _recovery_kek(canonical, _unb64(self.recovery.salt)),
                       self.recovery)

    # -------------------------------------------------------------- lockout
    def locked_until(self, nrp: str, now: datetime) -> datetime | None:
        slot = self.accounts.get(nrp)
        return slot.locked_at(now) if slot else None

    def note_failure(self, nrp: str, now: datetime) -> bool:
        """Count a wrong password; True when it locks the account (the fifth in a row)."""
        slot = self.accounts.get(nrp)
        if slot is None:
            return False
        slot.failures += 1
        if slot.failures >= MAX_FAILURES:
            slot.failures = 0
            slot.locked_until = (now + LOCKOUT).isoformat()
            return True
        return False

    def note_success(self, nrp: str) -> None:
        slot = self.accounts.get(nrp)
        if slot is not None:
            slot.failures = 0
            slot.locked_until = None

    def add_event(self, at: datetime, nrp: str, event: str) -> None:
        self.events.append({"at": at.isoformat(), "nrp": nrp, "event": event})

    def take_events(self) -> list[dict[str, Any]]:
        events, self.events = self.events, []
        return events
