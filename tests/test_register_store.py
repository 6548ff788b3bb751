"""The LP register in the store (issue 18): stages follow the allowed transitions with a note,
are audited and move the walk-in status; investigator and difficulty; SP2HP letters numbered
by template with their delivery; the register's list with its filters and keyset paging."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.models import Officer
from app.domain.register import (
    ENDINGS,
    STAGE_TRANSITIONS,
    STAGES,
    RegisterFilter,
    Sp2hpLetter,
    StageRefused,
    check_transition,
    sp2hp_code,
)
from app.store import InvalidRecord, Store
from app.store.register.listing import key_of
from tests import factories
from tests.conftest import MutableClock

AT = datetime(2024, 2, 14, 3, 0, tzinfo=UTC)


def test_every_stage_has_its_transitions() -> None:
    assert set(STAGE_TRANSITIONS) == set(STAGES)
    for stage, targets in STAGE_TRANSITIONS.items():
        assert stage not in targets
        assert set(targets) <= set(STAGES)


@pytest.mark.parametrize(("current", "new"), [
    ("diterima", "penelitian"), ("penelitian", "penyelidikan"), ("penyelidikan", "penyidikan"),
    ("penyidikan", "tahap_ii"), ("tahap_ii", "selesai"), ("penyelidikan", "sp3"),
    ("diterima", "rj"), ("penyidikan", "dicabut"), ("sp3", "penyidikan"),
    ("penyelidikan", "penelitian")])
def test_allowed_transitions(current: str, new: str) -> None:
    check_transition(current, new)


@pytest.mark.parametrize(("current", "new"), [
    ("diterima", "tahap_ii"), ("diterima", "sp3"), ("diterima", "penyidikan"),
    ("selesai", "diterima"), ("tahap_ii", "sp3"), ("penyidikan", "diterima"),
    ("sp3", "selesai"), ("diterima", "diterima"), ("diterima", "tamat")])
def test_refused_transitions(current: str, new: str) -> None:
    with pytest.raises(StageRefused):
        check_transition(current, new)


def test_codes_of_the_stages() -> None:
    assert sp2hp_code("diterima") == "A1"
    assert sp2hp_code("penyelidikan") == "A1"
    assert sp2hp_code("penyelidikan", "penyelidikan") == "A2"
    assert sp2hp_code("penyidikan", "penyelidikan") == "A3"
    assert sp2hp_code("penyidikan", "penyidikan") == "A4"
    assert sp2hp_code("tahap_ii", "penyidikan") == "A4"
    for ending in ENDINGS - {"selesai"}:
        assert sp2hp_code(ending, "penyidikan") == "A5"


@pytest.fixture
def lp_id(store: Store, officer: Officer) -> int:
    visit = store.visits.create(factories.lp(AT, officer.id), officer.id).record
    assert visit.id is not None
    return visit.id


def test_a_new_lp_gets_its_register_line(store: Store, lp_id: int) -> None:
    case = store.register.case(lp_id)
    assert case.stage == "diterima"
    assert case.difficulty == "sedang"
    assert case.due_on == date(2024, 2, 17)  # 14 Feb + 3 days
    assert store.register.count(RegisterFilter()) == 1
    other = store.visits.create(factories.kehilangan(AT, None), None).record
    assert other.id is not None
    assert store.register.count(RegisterFilter()) == 1  # only LPs


def test_stage_change_needs_a_note_follows_the_table_and_is_audited(
        store: Store, lp_id: int, officer: Officer) -> None:
    with pytest.raises(InvalidRecord):
        store.register.change_stage(lp_id, "penelitian", "  ", officer.id)
    with pytest.raises(StageRefused):
        store.register.change_stage(lp_id, "tahap_ii", "langsung", officer.id)
    saved = store.register.change_stage(lp_id, "penelitian", "laporan dipelajari", officer.id)
    assert saved.record.stage == "penelitian"
    assert store.visits.get(lp_id).status == "ditangani"
    store.register.change_stage(lp_id, "penyelidikan", "saksi diperiksa", officer.id)
    store.register.change_stage(lp_id, "sp3", "tidak cukup bukti", officer.id)
    assert store.visits.get(lp_id).status == "selesai"
    history = store.register.stage_history(lp_id)
    assert [h.stage for h in history] == ["penelitian", "penyelidikan", "sp3"]
    assert history[-1].note == "tidak cukup bukti"
    visit_uuid = store.register.case(lp_id).visit_uuid
    actions = [e.action for e in store.history(visit_uuid)]
    assert actions.count("stage") == 3
    assert store.verify() == []


def test_walk_in_status_moves_the_stage(store: Store, lp_id: int, officer: Officer) -> None:
    store.visits.change_status(lp_id, "rj", "damai di kantor desa", officer.id)
    assert store.register.case(lp_id).stage == "rj"
    store.visits.change_status(lp_id, "ditangani", "dibuka kembali", officer.id)
    assert store.register.case(lp_id).stage == "penyelidikan"
    store.register.change_stage(lp_id, "penyidikan", "bukti cukup", officer.id)
    assert store.visits.get(lp_id).status == "ditangani"


def test_assign_investigator_and_difficulty(store: Store, lp_id: int,
                                            officer: Officer) -> None:
    with pytest.raises(InvalidRecord):
        store.register.assign(lp_id, None, investigator_id=officer.id, investigator_role="x",
                              supervisor_id=None, difficulty="sedang")
    with pytest.raises(InvalidRecord):
        store.register.assign(lp_id, None, investigator_id=9999,
                              investigator_role="penyidik", supervisor_id=None,
                              difficulty="sedang")
    saved = store.register.assign(lp_id, None, investigator_id=officer.id,
                                  investigator_role="penyidik_pembantu", supervisor_id=None,
                                  difficulty="sulit")
    assert saved.record.investigator_id == officer.id
    assert saved.record.difficulty == "sulit"
    rows = store.register.page(RegisterFilter(investigator_id=officer.id))
    assert [r.investigator for r in rows] == ["BRIPKA ANDI SAPUTRA"]


def _letter(store: Store, lp_id: int, signer: int | None, **changes: object) -> Sp2hpLetter:
    case = store.register.case(lp_id)
    values: dict[str, object] = dict(
        visit_uuid=case.visit_uuid, code="A1", stage=case.stage,
        summary="Perkara curanmor", actions="Laporan dipelajari", obstacles="Tidak ada",
        next_steps="Memeriksa saksi", advice="Hak dan kewajiban", signer_id=signer,
        recipient="Siti Aminah")
    values.update(changes)
    return Sp2hpLetter(**values)  # type: ignore[arg-type]


def test_sp2hp_numbered_by_template_and_due_days(store: Store, lp_id: int, officer: Officer,
                                                 clock: MutableClock) -> None:
    with pytest.raises(InvalidRecord) as missing:
        store.register.issue_letter(_letter(store, lp_id, None, advice=""), officer.id)
    assert "Hak dan kewajiban pelapor: wajib diisi." in missing.value.problems
    clock.advance(days=1)
    first = store.register.issue_letter(_letter(store, lp_id, officer.id), officer.id).record
    assert first.number == "B/1/II/2024/RESKRIM/POLSEK PEDAMARAN"
    case = store.register.case(lp_id)
    assert case.sp2hp_count == 1
    assert case.due_on == date(2024, 2, 15) + timedelta(days=20)  # sedang: 20 days
    second = store.register.issue_letter(_letter(store, lp_id, officer.id), officer.id).record
    assert second.number == "B/2/II/2024/RESKRIM/POLSEK PEDAMARAN"
    delivered = store.register.update_letter(
        _with_delivery(first, clock.when), officer.id).record
    assert delivered.delivery_method == "whatsapp"
    assert delivered.number == first.number
    assert store.register.current_letter(lp_id) == store.register.letter(second.meta.id)  # type: ignore[union-attr]
    assert store.verify() == []


def test_a_letter_issued_in_error_is_voided_with_a_reason_and_stops_counting(
        store: Store, lp_id: int, officer: Officer, clock: MutableClock) -> None:
    clock.advance(days=1)
    first = store.register.issue_letter(_letter(store, lp_id, officer.id), officer.id).record
    clock.advance(days=2)
    wrong = store.register.issue_letter(_letter(store, lp_id, officer.id), officer.id).record
    assert first.meta is not None and wrong.meta is not None
    assert store.register.case(lp_id).sp2hp_count == 2
    with pytest.raises(InvalidRecord):
        store.register.void_letter(wrong.meta.id, "  ", officer.id)
    voided = store.register.void_letter(wrong.meta.id, "salah LP", officer.id).record
    assert voided.meta is not None and voided.meta.voided_at is not None
    assert voided.number == wrong.number  # the number stays used: never issued again
    case = store.register.case(lp_id)
    assert case.sp2hp_count == 1
    assert case.last_sp2hp_at == first.issued_at
    assert case.due_on == date(2024, 2, 15) + timedelta(days=20)  # from the first again
    assert [x.number for x in store.register.letters_of(lp_id)] == [first.number]
    assert store.register.current_letter(lp_id) == store.register.letter(first.meta.id)
    start = datetime(2024, 2, 12, tzinfo=UTC)
    assert store.stats.sp2hp_sent(start, start + timedelta(days=7)) == 1
    with pytest.raises(InvalidRecord):  # twice, or an edit of a voided letter
        store.register.void_letter(wrong.meta.id, "lagi", officer.id)
    with pytest.raises(InvalidRecord):
        store.register.update_letter(_with_delivery(voided, clock.when), officer.id)
    actions = [e.action for e in store.history(wrong.meta.uuid)]
    assert actions == ["create", "void"]
    assert store.verify() == []
    third = store.register.issue_letter(_letter(store, lp_id, officer.id), officer.id).record
    assert third.number == "B/3/II/2024/RESKRIM/POLSEK PEDAMARAN"


def _with_delivery(letter: Sp2hpLetter, when: datetime) -> Sp2hpLetter:
    from dataclasses import replace

    return replace(letter, delivery_method="whatsapp", delivered_at=when,
                   delivered_to="Siti Aminah (pelapor)")


def test_overdue_filter_and_keyset_paging(store: Store, officer: Officer,
                                          clock: MutableClock) -> None:
    ids = [store.visits.create(factories.lp(AT - timedelta(days=n), officer.id),
                               officer.id).record.id for n in range(7)]
    # today 14 Feb: LPs of 10 Feb and before are past their first 3 days
    overdue = store.register.page(RegisterFilter(overdue=True))
    assert [r.received_at.date() for r in overdue] == [
        date(2024, 2, 10), date(2024, 2, 9), date(2024, 2, 8)]
    assert store.register.overdue_count() == 3
    assert ids[5] is not None
    store.register.issue_letter(_letter(store, ids[5], officer.id), officer.id)
    assert store.register.overdue_count() == 2
    first = store.register.page(RegisterFilter(), limit=4)
    rest = store.register.page(RegisterFilter(), key_of(first[-1]), limit=10)
    assert [r.visit_id for r in first + rest] == ids
    store.register.change_stage(ids[6], "penelitian", "dipelajari", officer.id)  # type: ignore[arg-type]
    assert [r.visit_id for r in store.register.page(RegisterFilter(stage="penelitian"))] == [
        ids[6]]
    assert store.register.count(RegisterFilter(stage="open")) == 7
    assert store.register.count(RegisterFilter(text="Honda")) == 7


def test_migration_0013_maps_walk_in_statuses_onto_stages(tmp_path, clock) -> None:  # type: ignore[no-untyped-def]
    """An older store's LPs get their stage from their walk-in status (docs/REGISTER.md).
    The store is made with the register and then set back to before 0013 (its tables
    dropped, the migration forgotten), so its LPs are written by today's code."""
    path = tmp_path / "lama.db"
    statuses = ["diterima", "ditangani", "selesai", "rj", "dilimpahkan", "dicabut"]
    with Store(path, clock=clock) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        ids = []
        for status in statuses:
            visit = store.visits.create(factories.lp(AT, officer.id), officer.id).record
            assert visit.id is not None
            if status != "diterima":
                store.visits.change_status(visit.id, status, "catatan", officer.id)
            ids.append(visit.id)
        kehilangan = store.visits.create(factories.kehilangan(AT, None), None).record
        for statement in ("DROP TRIGGER lp_cases_new", "DROP TRIGGER lp_cases_sync",
                          "DROP TRIGGER lp_stage_follows_status", "DROP TABLE lp_cases",
                          "DROP TABLE lp_stage_history", "DROP TABLE sp2hp_letters",
                          "DELETE FROM _sqlite_migrations WHERE name = '0013_lp_register_sp2hp'"):
            store.db.execute(statement)
        store.db.conn.commit()
    with Store(path, clock=clock) as store:
        stages = [store.register.case(i).stage for i in ids]
        assert stages == ["diterima", "penyelidikan", "selesai", "rj", "dilimpahkan", "dicabut"]
        assert store.register.count(RegisterFilter()) == 6
        assert kehilangan.id is not None
        history = store.register.stage_history(ids[1])
        assert [h.stage for h in history] == ["diterima", "penyelidikan"]
        assert history[-1].note == "status ditangani: catatan (migrasi 0013)"
        assert store.verify() == []
