"""Accounts, sign-in, lockout and the recovery key on an encrypted store (issue 16 items 1, 3,
4). Real argon2id, real SQLCipher files."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.domain.models import Officer
from app.security.keyslots import KeySlots
from app.security.permissions import Role
from app.store import InvalidPassword, Store
from app.store.errors import SignInFailed
from app.store.signin import (
    create_store,
    lock,
    open_with_recovery,
    sign_in,
    sign_out,
    store_state,
    switch_officer,
)
from tests import factories
from tests.conftest import MutableClock

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001", position="Kapolsek")
PASSWORD = "Pedamaran2024"
NIK = "1602075203900003"  # the reporter's in factories.lp


@pytest.fixture
def made(tmp_path: Path, clock: MutableClock) -> tuple[Path, str]:
    path = tmp_path / "piket.db"
    store, recovery = create_store(path, ADMIN, PASSWORD, clock=clock)
    with store:
        desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), 1).record
        store.accounts.create(desk.id, Role.PETUGAS, "123790", 1)
        switch_officer(store, "85061234", "123790")  # an admin records no walk-ins
        store.visits.create(factories.lp(clock(), desk.id), desk.id)
    return path, recovery


def audit_actions(store: Store, kind: str = "masuk") -> list[str]:
    return [r[0] for r in store.db.execute(
        "SELECT action FROM audit_log WHERE kind = ? ORDER BY id", [kind]).fetchall()]


def test_the_store_file_is_encrypted(made: tuple[Path, str]) -> None:
    path, _ = made
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for secret in (NIK.encode(), b"Siti Aminah", b"BUDI SANTOSO", b"Honda Beat"):
        assert secret not in raw
    assert store_state(path) == "encrypted"
    assert oct(path.stat().st_mode & 0o777) == "0o600"
    assert oct(KeySlots.path_for(path).stat().st_mode & 0o777) == "0o600"


def test_sign_in_gives_the_role(made: tuple[Path, str], clock: MutableClock) -> None:
    path, _ = made
    with sign_in(path, "85061234", "123790", clock=clock) as store:
        assert store.access.role is Role.PETUGAS
        assert store.visits.count(factories_filter()) == 1
        assert audit_actions(store)[-1] == "sign_in"


def factories_filter():  # noqa: ANN201
    from app.store import VisitFilter

    return VisitFilter()


def test_wrong_password_and_unknown_nrp_say_the_same(made: tuple[Path, str],
                                                     clock: MutableClock) -> None:
    path, _ = made
    with pytest.raises(SignInFailed, match="NRP atau kata sandi salah") as wrong:
        sign_in(path, "85061234", "000000", clock=clock)
    with pytest.raises(SignInFailed, match="NRP atau kata sandi salah") as unknown:
        sign_in(path, "99999999", "000000", clock=clock)
    assert wrong.value.reason == unknown.value.reason == "wrong"
    with sign_in(path, "85061234", "123790", clock=clock) as store:  # failures written now
        assert audit_actions(store)[-3:] == ["sign_in_failed", "sign_in_failed", "sign_in"]


def test_five_wrong_passwords_lock_the_account_for_ten_minutes(made: tuple[Path, str],
                                                               clock: MutableClock) -> None:
    path, _ = made
    for _ in range(4):
        with pytest.raises(SignInFailed) as failed:
            sign_in(path, "85061234", "000000", clock=clock)
        assert failed.value.reason == "wrong"
    with pytest.raises(SignInFailed, match="terkunci") as fifth:
        sign_in(path, "85061234", "000000", clock=clock)
    assert fifth.value.reason == "locked"
    clock.advance(minutes=9)
    with pytest.raises(SignInFailed) as still:  # even the right password, while locked
        sign_in(path, "85061234", "123790", clock=clock)
    assert still.value.reason == "locked"
    with sign_in(path, ADMIN.nrp, PASSWORD, clock=clock):  # other accounts are not locked
        pass
    clock.advance(minutes=1, seconds=1)
    with sign_in(path, "85061234", "123790", clock=clock) as store:
        actions = audit_actions(store)
    assert actions.count("sign_in_failed") == 5
    assert "lockout" in actions and "sign_in_locked" in actions


def test_lock_and_unlock_in_an_open_store(made: tuple[Path, str], clock: MutableClock) -> None:
    path, _ = made
    with sign_in(path, "85061234", "123790", clock=clock) as store:
        lock(store)
        assert not store.access.signed_in
        with pytest.raises(SignInFailed):
            switch_officer(store, "85061234", "999999", event="unlock")
        switch_officer(store, "85061234", "123790", event="unlock")
        assert store.access.role is Role.PETUGAS
        sign_out(store)
        switch_officer(store, ADMIN.nrp, PASSWORD)
        assert store.access.role is Role.ADMIN
        assert audit_actions(store)[-5:] == ["lock", "sign_in_failed", "unlock", "sign_out",
                                             "sign_in"]


def test_recovery_key_opens_after_every_password_is_forgotten(made: tuple[Path, str],
                                                              clock: MutableClock) -> None:
    path, recovery = made
    with pytest.raises(SignInFailed, match="Kunci pemulihan salah"):
        open_with_recovery(path, "0000-0000-0000-0000-0000-0000-0000-0000", clock=clock)
    with open_with_recovery(path, recovery.lower().replace("-", " "), clock=clock) as store:
        assert store.access.role is Role.ADMIN
        store.accounts.reset_password(1, "BaruSekali99", None)
        assert audit_actions(store)[-1] == "recovery"
    with sign_in(path, ADMIN.nrp, "BaruSekali99", clock=clock):
        pass


def test_password_change_rewraps_one_slot_and_keeps_the_store(made: tuple[Path, str],
                                                              clock: MutableClock) -> None:
    path, _ = made
    pages_before = _pages(path)
    slots_before = KeySlots.load(KeySlots.path_for(path))
    with sign_in(path, "85061234", "123790", clock=clock) as store:
        pages_before = _pages(path)  # the sign-in's own audit entry is written by now
        with pytest.raises(InvalidPassword, match="lama salah"):
            store.accounts.change_own_password("000000", "Rahasia2024")
        with pytest.raises(InvalidPassword, match="huruf dan angka"):
            store.accounts.change_own_password("123790", "rahasiasekali")
        store.accounts.change_own_password("123790", "Rahasia2024")
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages_after = _pages(path)
    changed = sum(a != b for a, b in zip(pages_before, pages_after, strict=False))
    # audit entries and the audit head row (audit_head), not a re-encryption (which changes
    # every page): usually 6 of 152 pages, 8 once when an entry split a page
    assert changed <= 12 < len(pages_before) // 4
    slots_after = KeySlots.load(KeySlots.path_for(path))
    assert slots_after.accounts[ADMIN.nrp] == slots_before.accounts[ADMIN.nrp]
    assert slots_after.accounts["85061234"].wrapped != slots_before.accounts["85061234"].wrapped
    with pytest.raises(SignInFailed):
        sign_in(path, "85061234", "123790", clock=clock)
    with sign_in(path, "85061234", "Rahasia2024", clock=clock):
        pass


def _pages(path: Path) -> list[bytes]:
    raw = path.read_bytes()
    return [raw[i:i + 4096] for i in range(0, len(raw), 4096)]


def test_deactivated_officer_cannot_sign_in(made: tuple[Path, str], clock: MutableClock) -> None:
    path, _ = made
    with sign_in(path, ADMIN.nrp, PASSWORD, clock=clock) as store:
        with pytest.raises(InvalidPassword, match="setidaknya satu admin"):
            store.accounts.set_role(1, Role.PIMPINAN, 1)
        desk = store.accounts.deactivate(2, 1)
        assert not desk.active
        assert [a.nrp for a in store.accounts.list()] == [ADMIN.nrp, "85061234"]
    with pytest.raises(SignInFailed) as refused:
        sign_in(path, "85061234", "123790", clock=clock)
    assert refused.value.reason == "wrong"  # its slot is gone: the password opens nothing
    with sign_in(path, ADMIN.nrp, PASSWORD, clock=clock) as store:
        store.accounts.reset_password(2, "Kembali2024", 1)
    with sign_in(path, "85061234", "Kembali2024", clock=clock) as store:
        assert store.access.role is Role.PETUGAS


def test_password_rule(made: tuple[Path, str], clock: MutableClock) -> None:
    from app.security.passwords import password_problem

    assert password_problem("12345") == "PIN paling sedikit 6 angka."
    assert password_problem("111111") is not None and password_problem("123456") is not None
    assert password_problem("590217") is None
    assert password_problem("abcdefgh") == "Kata sandi harus memuat huruf dan angka."
    assert password_problem("85061234", "85061234") == "Kata sandi tidak boleh sama dengan NRP."
    assert password_problem("Polsek2024") is None


def test_no_store_no_keys(tmp_path: Path, clock: MutableClock) -> None:
    path = tmp_path / "p.db"
    store, _ = create_store(path, ADMIN, PASSWORD, clock=clock)
    store.close()
    KeySlots.path_for(path).rename(tmp_path / "elsewhere.keys")
    with pytest.raises(SignInFailed, match="Berkas kunci p.db.keys tidak ditemukan"):
        sign_in(path, ADMIN.nrp, PASSWORD, clock=clock)
    assert store_state(tmp_path / "none.db") == "new"


def test_lockout_expires_by_the_clock_not_by_a_restart(made: tuple[Path, str],
                                                       clock: MutableClock) -> None:
    path, _ = made
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(path, "85061234", "000000", clock=clock)
    slots = KeySlots.load(KeySlots.path_for(path))
    assert slots.locked_until("85061234", clock()) == clock() + timedelta(minutes=10)
