"""Stores for the command-line tests: encrypted, with accounts, as the commands need them
(app/cli/signin.py). Key slots use cheap argon2id parameters so that a test signs in in
milliseconds; the commands read the parameters from the key file, as they do in use."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.clock import Clock, utc_now
from app.domain.models import Officer
from app.security.keyslots import Argon2Params, KeySlots
from app.security.permissions import Role
from app.store import UNRESTRICTED, Store, create_store, unlock_key
from app.store.signin import slots_path

PASSWORD = "rahasia123"
ADMIN = Officer("ANDI SAPUTRA", "BRIPKA", "85061234")
PIMPINAN = Officer("INDRA GUNAWAN", "IPTU", "79051234")
PETUGAS = Officer("RUDI HARTONO", "BRIPDA", "01020304")
FAST = Argon2Params(time_cost=1, memory_cost=8, parallelism=1)


def make_store(path: Path, *, clock: Clock = utc_now, **store_kwargs: Any) -> Store:
    """A new encrypted store whose first administrator is ADMIN (PASSWORD), with PIMPINAN and
    PETUGAS on the roster with accounts of their role; open UNRESTRICTED, for a test to fill."""
    store, _ = create_store(path, ADMIN, PASSWORD, clock=clock, slots=KeySlots(params=FAST),
                            **store_kwargs)
    store.set_access(UNRESTRICTED)
    for officer, role in ((PIMPINAN, Role.PIMPINAN), (PETUGAS, Role.PETUGAS)):
        saved = store.master.save(officer, None).record
        assert saved.id is not None
        store.accounts.create(saved.id, role, PASSWORD, None)
    return store


_KEYS: dict[Path, bytes] = {}


def open_store(path: Path, **store_kwargs: Any) -> Store:
    """The encrypted store at `path`, opened UNRESTRICTED with the data key (for checks).
    The key is kept per path: a store `piket demo` made has the real argon2id parameters."""
    key = _KEYS.get(Path(path))
    if key is None:
        key = _KEYS[Path(path)] = unlock_key(slots_path(path), ADMIN.nrp, PASSWORD, utc_now())
    return Store(path, key=key, **store_kwargs)


def sign_in_as(monkeypatch: pytest.MonkeyPatch, officer: Officer = ADMIN,
               password: str = PASSWORD) -> None:
    monkeypatch.setenv("PIKET_OFFICER", officer.nrp)
    monkeypatch.setenv("PIKET_PASSWORD", password)


@pytest.fixture
def signed_in(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The commands run as ADMIN (PIKET_OFFICER, PIKET_PASSWORD)."""
    sign_in_as(monkeypatch)
    yield
