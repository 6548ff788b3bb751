"""The second signature of a handover (issue 19 item 4): the incoming officer's password
checked against their key slot, without changing who is signed in; wrong passwords count
towards the lockout and are audited like sign-ins. Real argon2id, real SQLCipher files."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.domain.models import Officer
from app.security.permissions import Role
from app.store import Access, Store, confirm_password
from app.store.errors import SignInFailed
from app.store.signin import create_store, switch_officer
from tests.conftest import MutableClock

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001", position="Kapolsek")


def test_confirm_password_keeps_the_signed_in_officer(tmp_path: Path,
                                                      clock: MutableClock) -> None:
    store, _ = create_store(tmp_path / "piket.db", ADMIN, "Pedamaran2024", clock=clock)
    with store:
        desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), 1).record
        relief = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), 1).record
        store.accounts.create(desk.id, Role.PETUGAS, "123790", 1)
        store.accounts.create(relief.id, Role.PETUGAS, "582914", 1)
        switch_officer(store, "85061234", "123790")
        with pytest.raises(SignInFailed, match="NRP atau kata sandi salah"):
            confirm_password(store, "90010002", "salah")
        account = confirm_password(store, " 90010002 ", "582914")
        assert account.officer_id == relief.id
        assert store.access.nrp == "85061234"  # still the outgoing officer
        actions = [r[0] for r in store.db.execute(
            "SELECT action FROM audit_log WHERE kind = 'masuk' ORDER BY id")]
        assert actions[-2:] == ["sign_in_failed", "confirm"]


def test_an_encrypted_store_signs_a_handover_only_after_the_confirmation(
        tmp_path: Path, clock: MutableClock) -> None:
    from datetime import date

    from app.store import DutyInputError

    store, _ = create_store(tmp_path / "piket.db", ADMIN, "Pedamaran2024", clock=clock)
    with store:
        desk = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), 1).record
        relief = store.master.save(Officer("RINA WATI", "BRIPTU", "90010002"), 1).record
        store.accounts.create(desk.id, Role.PETUGAS, "123790", 1)
        store.accounts.create(relief.id, Role.PETUGAS, "582914", 1)
        switch_officer(store, "85061234", "123790")
        shift = store.duty.shift_on(date(2024, 2, 13))

        def hand_over(outgoing: int, incoming: int) -> object:
            return store.duty.hand_over(shift, outgoing_officer_id=outgoing,
                                        incoming_officer_id=incoming, summary="Aman",
                                        incoming_notes="", items=(), by=desk.id)

        with pytest.raises(DutyInputError) as unconfirmed:
            hand_over(desk.id, relief.id)
        assert unconfirmed.value.field == "password"
        with pytest.raises(DutyInputError) as other:
            hand_over(relief.id, desk.id)  # the outgoing officer must be the one signed in
        assert other.value.field == "outgoing"
        confirm_password(store, "90010002", "582914")
        clock.advance(minutes=20)
        with pytest.raises(DutyInputError):
            hand_over(desk.id, relief.id)  # too long ago
        confirm_password(store, "90010002", "582914")
        clock.advance(minutes=1)
        assert hand_over(desk.id, relief.id).record.incoming_officer_id == relief.id  # type: ignore[attr-defined]


def test_a_plain_store_confirms_only_when_unrestricted(store: Store, officer: Officer) -> None:
    assert confirm_password(store, officer.nrp, "apa saja").officer_id == officer.id
    with pytest.raises(SignInFailed):
        confirm_password(store, "99999999", "apa saja")
    store.set_access(Access(officer.id, officer.nrp, Role.PETUGAS))
    with pytest.raises(SignInFailed, match="belum terenkripsi"):
        confirm_password(store, officer.nrp, "apa saja")
