"""Roles enforced in the store: every role x every action, at store level (issue 16 item 2).
The window hides what a role may not do; these tests show that the store refuses it too."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from app.domain.models import Desa, Officer
from app.domain.outgoing import Dispatch
from app.domain.register import Sp2hpLetter
from app.security.permissions import PERMISSIONS, Action, Role, allowed, refusal_text
from app.store import SIGNED_OUT, Access, PermissionDenied, Store
from tests import factories

AT = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)


@pytest.fixture
def world(store: Store, officer: object) -> dict[str, object]:
    """A store with one record of each kind, written before anyone signs in."""
    officer_id = officer.id  # type: ignore[attr-defined]
    visit = store.visits.create(factories.lp(AT, officer_id), officer_id).record
    patrol = store.patrols.save(factories.patrol(AT, officer_id), officer_id).record
    meeting = store.meetings.save(factories.meeting(AT, officer_id), officer_id).record
    other = store.master.save(Officer("DEWI LESTARI", "BRIPTU", "96010001"), None).record.id
    return {"officer": officer_id, "visit": visit, "patrol": patrol, "meeting": meeting,
            "other": other}


def _run(action: Action, store: Store, w: dict[str, object]) -> Callable[[], object]:
    """One store call that needs `action` (and nothing more)."""
    by = w["officer"]
    visit, patrol, meeting = w["visit"], w["patrol"], w["meeting"]
    calls: dict[Action, Callable[[], object]] = {
        Action.READ: lambda: store.record_activity("view", "visit", by, visit.meta.uuid),
        Action.VISIT_WRITE: lambda: store.visits.create(factories.lp(AT, by), by),
        Action.PATROL_WRITE: lambda: store.patrols.save(factories.patrol(AT, by), by),
        Action.MEETING_WRITE: lambda: store.meetings.save(factories.meeting(AT, by), by),
        Action.PRINT: lambda: store.visits.record_print(visit.id, by, "sttlp"),
        Action.DRAFTS: lambda: store.drafts.save("visit", "{}", by),
        Action.VOID: lambda: store.patrols.void(patrol.id, "salah input ganda", by),
        Action.STATUS: lambda: store.visits.change_status(visit.id, "ditangani", "ke TKP", by),
        Action.FOLLOW_UP: lambda: store.meetings.set_issue_status(
            meeting.issues[0].uuid, "dalam_proses", "sudah dikoordinasikan", by),
        Action.MASTER: lambda: store.master.save(Desa("Desa Uji Coba"), by),
        Action.WEEKLY: lambda: store.record_activity("weekly", "weekly", by, detail="2024-W07"),
        Action.EXPORT: lambda: store.record_activity("export", "visit", by, detail="csv"),
        Action.IMPORT: lambda: store.visits.import_many([], by, note="kosong"),
        Action.ACCOUNTS: lambda: store.accounts.list(),
        Action.SETTINGS: lambda: store.settings.save_app_settings(
            replace(store.settings.app_settings(), draft_interval_s=7), by),
        Action.BACKUP: lambda: store.record_activity("backup", "store", by, detail="x"),
        Action.RESTORE: lambda: store.record_activity("restore", "store", by, detail="x"),
        Action.ACCESS_LOG: lambda: store.access_log(),
        Action.VERIFY: lambda: store.verify(),
        Action.JOURNAL_WRITE: lambda: store.duty.add_entry("situasi", "Situasi aman", AT, by, by),
        Action.HANDOVER: lambda: store.duty.hand_over(
            store.duty.shift_at(AT - timedelta(days=1)), outgoing_officer_id=by,
            incoming_officer_id=w["other"],
            summary="Situasi aman terkendali", incoming_notes="", items=(), by=by),
        Action.DISPATCH: lambda: store.dispatches.save(
            Dispatch(AT, "Surat undangan", "B/1/II/2024", "Camat Pedamaran"), by),
        Action.STAGE: lambda: store.register.change_stage(visit.id, "penelitian",
                                                          "laporan dipelajari", by),
        Action.SP2HP: lambda: store.register.issue_letter(Sp2hpLetter(
            visit.meta.uuid, "A1", "diterima", summary="Perkara", actions="Dipelajari",
            next_steps="Periksa saksi", advice="Hak pelapor", signer_id=by), by),
        Action.SYNC: lambda: store.sync.note_error("hub", "uji"),
    }
    return calls[action]


def test_every_action_has_a_call_here() -> None:
    assert set(Action) == {a for a in Action if a in _actions_covered()}


def _actions_covered() -> set[Action]:
    import inspect

    source = inspect.getsource(_run)
    return {a for a in Action if f"Action.{a.name}:" in source}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("action", list(Action))
def test_role_action_matrix(store: Store, world: dict[str, object], role: Role,
                            action: Action) -> None:
    store.set_access(Access(world["officer"], "85061234", role))  # type: ignore[arg-type]
    call = _run(action, store, world)
    if allowed(role, action):
        call()
    else:
        before = store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert str(refused.value) == refusal_text(role, action)
        assert refused.value.action == action
        assert store.db.execute("SELECT count(*) FROM audit_log").fetchone()[0] == before


def test_the_roles_of_the_issue() -> None:
    desk = {Action.VISIT_WRITE, Action.PATROL_WRITE, Action.MEETING_WRITE, Action.PRINT,
            Action.DRAFTS, Action.JOURNAL_WRITE, Action.HANDOVER}
    assert desk <= PERMISSIONS[Role.PETUGAS]
    assert not {Action.VOID, Action.STATUS, Action.EXPORT, Action.BACKUP} & PERMISSIONS[Role.PETUGAS]
    assert desk | {Action.VOID, Action.STATUS, Action.FOLLOW_UP, Action.MASTER} <= PERMISSIONS[
        Role.KA_SPKT]
    assert {Action.READ, Action.WEEKLY, Action.EXPORT, Action.ACCESS_LOG} <= PERMISSIONS[
        Role.PIMPINAN]
    assert Action.VISIT_WRITE not in PERMISSIONS[Role.PIMPINAN]
    assert {Action.ACCOUNTS, Action.SETTINGS, Action.BACKUP, Action.RESTORE,
            Action.ACCESS_LOG} <= PERMISSIONS[Role.ADMIN]
    assert Action.EXPORT not in PERMISSIONS[Role.ADMIN] | PERMISSIONS[Role.KA_SPKT]
    # issue 17: the desk keeps the buku ekspedisi and makes surat pengantar; the Kapolsek
    # writes the week's analysis (Action.WEEKLY)
    assert Action.DISPATCH in PERMISSIONS[Role.PETUGAS] & PERMISSIONS[Role.KA_SPKT]
    assert Action.DISPATCH not in PERMISSIONS[Role.PIMPINAN] | PERMISSIONS[Role.ADMIN]
    assert {r for r in Role if Action.WEEKLY in PERMISSIONS[r]} == {Role.PIMPINAN}
    # issue 18: stages and SP2HP letters are the investigators' (KA SPKT / Kanit accounts);
    # the desk records the LP, the Kapolsek reads the register
    assert {r for r in Role if Action.STAGE in PERMISSIONS[r]} == {Role.KA_SPKT}
    assert {r for r in Role if Action.SP2HP in PERMISSIONS[r]} == {Role.KA_SPKT}
    # issue 20: whoever is at the desk may send the trail to the Polres (push in the background)
    assert all(Action.SYNC in PERMISSIONS[r] for r in Role)


def test_signed_out_store_refuses_every_action(store: Store, world: dict[str, object]) -> None:
    store.set_access(SIGNED_OUT)
    for action in Action:
        with pytest.raises(PermissionDenied, match="Belum masuk"):
            _run(action, store, world)()


def test_refusals_are_indonesian() -> None:
    assert refusal_text(Role.PETUGAS, Action.VOID) == (
        "Peran Anda (Petugas SPKT) tidak berwenang membatalkan catatan.")


def test_own_drafts_only(store: Store, world: dict[str, object]) -> None:
    other = store.master.save(Officer("RINA MARLINA", "BRIPTU", "95070001"), None).record
    store.drafts.save("visit", '{"a": 1}', world["officer"])  # type: ignore[arg-type]
    store.drafts.save("visit", '{"b": 2}', other.id)
    store.set_access(Access(other.id, other.nrp, Role.PETUGAS))
    assert [d.payload for d in store.drafts.list("visit")] == ['{"b": 2}']
