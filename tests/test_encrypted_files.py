"""The store's copies stay encrypted (issue 16 item 4): backups, restores, the upgrade of a
plain store of the previous version, and the files outputs may not overwrite."""

from __future__ import annotations

import json
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.backup.backup import key_slots_of, make_backup, rotate
from app.backup.restore import inspect_backup, restore_store
from app.backup.service import backup_store
from app.domain.models import Officer
from app.outputs import OutputRefused, safe_output_path
from app.security.keyslots import KeySlots
from app.security.permissions import Role
from app.store import Store, VisitFilter
from app.store.encrypting import upgrade_plain_store
from app.store.errors import SignInFailed
from app.store.leftovers import tidy_beside
from app.store.signin import (
    create_store,
    recovery_data_key,
    sign_in,
    store_state,
    switch_officer,
    unlock_key,
)
from tests import factories
from tests.conftest import MutableClock

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001")
PASSWORD = "Pedamaran2024"
SECRETS = (b"1602075203900003", b"Siti Aminah", b"Honda Beat", b"+6281234567890")


def _fill(store: Store, clock: MutableClock) -> None:
    desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    store.accounts.create(desk.id, Role.PETUGAS, "123790", None)
    switch_officer(store, "85061234", "123790")
    for hours in range(3):
        store.visits.create(factories.lp(clock(), desk.id), desk.id)
        clock.advance(hours=hours + 1)
    switch_officer(store, ADMIN.nrp, PASSWORD)


@pytest.fixture
def encrypted(tmp_path: Path, clock: MutableClock) -> tuple[Store, str]:
    store, recovery = create_store(tmp_path / "piket.db", ADMIN, PASSWORD, clock=clock)
    _fill(store, clock)
    yield store, recovery
    store.close()


def _no_secrets(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"SQLite format 3")
    for secret in SECRETS:
        assert secret not in raw, secret


def test_a_backup_is_encrypted_with_its_key_slots(encrypted: tuple[Store, str],
                                                  tmp_path: Path, clock: MutableClock) -> None:
    store, _ = encrypted
    (tmp_path / "usb").mkdir()
    outcome = backup_store(store, store.access.officer_id, to=tmp_path / "usb", now=clock())
    backup = outcome.info.path
    _no_secrets(backup)
    slots = key_slots_of(backup)
    assert slots.read_bytes() == KeySlots.path_for(store.path).read_bytes()
    assert oct(slots.stat().st_mode & 0o777) == "0o600"
    assert oct(backup.stat().st_mode & 0o777) == "0o600"
    assert inspect_backup(backup).problem == "needs_key"
    check = inspect_backup(backup, store.data_key)
    assert check.ok and check.counts["Kunjungan"] == 3


def test_rotation_removes_a_backups_key_slots_with_it(encrypted: tuple[Store, str],
                                                      tmp_path: Path, clock: MutableClock) -> None:
    store, _ = encrypted
    folder = tmp_path / "usb"
    old = make_backup(store.path, folder, "PDM", now=clock(), create_folder=True,
                      key=store.data_key)
    clock.advance(days=100)
    make_backup(store.path, folder, "PDM", now=clock(), key=store.data_key)
    clock.advance(days=1)
    make_backup(store.path, folder, "PDM", now=clock(), key=store.data_key)
    deleted = rotate(folder, "PDM", clock(), ZoneInfo("Asia/Jakarta"))
    assert old.path in deleted
    assert not key_slots_of(old.path).exists()
    assert len(list(folder.glob("*.keys"))) == len(list(folder.glob("*.db"))) == 2


def test_restore_with_a_password_or_after_the_pc_is_gone_with_the_recovery_key(
        encrypted: tuple[Store, str], tmp_path: Path, clock: MutableClock) -> None:
    store, recovery = encrypted
    (tmp_path / "usb").mkdir()
    backup = backup_store(store, None, to=tmp_path / "usb", now=clock()).info.path
    path = store.path
    store.close()
    key = unlock_key(KeySlots.path_for(path), ADMIN.nrp, PASSWORD, clock())
    restore_store(path, backup, key=key, now=clock())
    with sign_in(path, ADMIN.nrp, PASSWORD, clock=clock) as again:
        assert again.visits.count(VisitFilter()) == 3
    # a new PC: no store, no key slots beside it; only the flash disk and the recovery key
    new_pc = tmp_path / "baru" / "piket.db"
    new_pc.parent.mkdir()
    with pytest.raises(SignInFailed):
        recovery_data_key(key_slots_of(backup), "0000-0000-0000-0000-0000-0000-0000-0000")
    key = recovery_data_key(key_slots_of(backup), recovery)
    restore_store(new_pc, backup, key=key, now=clock())
    assert store_state(new_pc) == "encrypted"
    with sign_in(new_pc, ADMIN.nrp, PASSWORD, clock=clock) as restored:
        assert restored.visits.count(VisitFilter()) == 3
    _no_secrets(new_pc)


def test_a_plain_backup_is_encrypted_on_its_way_in(encrypted: tuple[Store, str],
                                                   tmp_path: Path, clock: MutableClock) -> None:
    store, _ = encrypted
    plain = tmp_path / "lama.db"
    with Store(plain, clock=clock) as old:
        officer = old.master.save(Officer("LAMA", "BRIPDA", "99010001"), None).record
        old.visits.create(factories.lp(clock(), officer.id), officer.id)
    path, key = store.path, store.data_key
    store.close()
    restore_store(path, plain, key=key, now=clock())
    _no_secrets(path)
    with sign_in(path, ADMIN.nrp, PASSWORD, clock=clock) as restored:
        assert restored.visits.count(VisitFilter()) == 1


def test_upgrade_of_a_plain_store_keeps_every_record_and_its_audit_chain(
        tmp_path: Path, clock: MutableClock) -> None:
    path = tmp_path / "piket.db"
    with Store(path, clock=clock) as old:
        officer = old.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        for _ in range(5):
            old.visits.create(factories.lp(clock(), officer.id), officer.id)
        old.meetings.save(factories.meeting(clock(), officer.id), officer.id)
        head = old.audit_fingerprint()
        entries = old.summary_counts()["Jejak audit"]
    store, recovery = upgrade_plain_store(path, Officer("ANDI SAPUTRA", "BRIPKA", "85061234"),
                                          "Andi12345", clock=clock)
    with store:
        assert store.access.role is Role.ADMIN and store.access.officer_id == officer.id
        assert store.visits.count(VisitFilter()) == 5
        assert store.verify() == []
        counts = store.summary_counts()
        assert counts["Jejak audit"] >= entries + 2  # the account and the encryption
        # the old chain, checked then re-chained with the store's key (one entry says so,
        # naming the old head and that nothing was broken); verify above found every MAC
        (rekey,) = [json.loads(r[0]) for r in store.db.execute(
            "SELECT after FROM audit_log WHERE action = 'rekey'")]
        assert rekey["old_head"] == {"id": entries, "hash": head}
        assert rekey["old_problems"] == [] and rekey["reason"] == "encrypt"
    _no_secrets(path)
    assert store_state(path) == "encrypted"
    assert not list(tmp_path.glob("piket.db.before-*"))  # no plain copy left beside it
    assert len(recovery) == 39


def test_upgrade_refuses_a_weak_password_and_changes_nothing(tmp_path: Path,
                                                             clock: MutableClock) -> None:
    from app.store import InvalidPassword

    path = tmp_path / "piket.db"
    Store(path, clock=clock).close()
    before = path.read_bytes()
    with pytest.raises(InvalidPassword):
        upgrade_plain_store(path, ADMIN, "123456", clock=clock)
    assert path.read_bytes() == before and store_state(path) == "plain"


def test_outputs_never_overwrite_an_encrypted_store_or_its_key_slots(
        encrypted: tuple[Store, str]) -> None:
    store, _ = encrypted
    for target in (store.path, KeySlots.path_for(store.path)):
        with pytest.raises(OutputRefused):
            safe_output_path(target)


def test_leftovers_of_a_cut_encryption_are_removed(encrypted: tuple[Store, str]) -> None:
    store, _ = encrypted
    plain_copy = store.path.with_name(f"{store.path.name}.before-encryption-20240214T070000Z")
    plain_copy.write_bytes(b"SQLite format 3\x00" + b"\0" * 4080)
    half = store.path.with_name(f".{store.path.name}.encrypting-abcd1234")
    half.write_bytes(b"x" * 4096)
    old = 1_000_000_000
    for leftover in (plain_copy, half):
        os.utime(leftover, (old, old))
    removed = tidy_beside(store.path, set())
    assert set(removed) == {plain_copy, half}
    assert KeySlots.path_for(store.path).exists()
