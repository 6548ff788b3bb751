"""When the next SP2HP is due (issue 18): the pure rule, and the store's due day and overdue
filter as a fake clock moves, across a weekend and the year's end."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.models import Officer
from app.domain.register import MAX_INTERVAL, RegisterFilter, Sp2hpLetter, Sp2hpRules, due_on, is_overdue
from app.store import Store
from tests import factories
from tests.conftest import MutableClock

RULES = Sp2hpRules()


def test_first_letter_within_three_days_over_a_weekend() -> None:
    # Friday 9 Feb 2024: due Monday 12 Feb (the desk works weekends: calendar days)
    assert due_on(RULES, received_on=date(2024, 2, 9), difficulty="sedang",
                  last_letter_on=None, stage="diterima") == date(2024, 2, 12)
    assert not is_overdue(date(2024, 2, 12), date(2024, 2, 12))
    assert is_overdue(date(2024, 2, 12), date(2024, 2, 13))


def test_by_difficulty_across_the_year_end() -> None:
    last = date(2024, 12, 20)
    expected = {"mudah": date(2025, 1, 19), "sedang": date(2025, 1, 9),
                "sulit": date(2025, 1, 4), "sangat_sulit": date(2025, 1, 3)}
    for difficulty, day in expected.items():
        assert due_on(RULES, received_on=date(2024, 12, 1), difficulty=difficulty,
                      last_letter_on=last, stage="penyidikan") == day
    # an LP of 30 December: its first letter is due in the new year
    assert due_on(RULES, received_on=date(2024, 12, 30), difficulty="sedang",
                  last_letter_on=None, stage="diterima") == date(2025, 1, 2)


def test_never_longer_than_a_month_and_endings() -> None:
    long = Sp2hpRules(mudah_days=90)
    assert long.problems()
    assert long.interval("mudah") == MAX_INTERVAL
    # an ended LP gets one closing letter, then nothing is due
    assert due_on(RULES, received_on=date(2024, 1, 1), difficulty="sedang",
                  last_letter_on=date(2024, 1, 20), stage="sp3",
                  ended_on=date(2024, 2, 1)) == date(2024, 2, 4)
    assert due_on(RULES, received_on=date(2024, 1, 1), difficulty="sedang",
                  last_letter_on=date(2024, 2, 2), stage="sp3",
                  ended_on=date(2024, 2, 1)) is None


def test_store_due_days_follow_the_clock_and_settings(store: Store, officer: Officer,
                                                      clock: MutableClock) -> None:
    # Friday 27 Dec 2024 10.00 WIB
    clock.when = datetime(2024, 12, 27, 3, 0, tzinfo=UTC)
    visit = store.visits.create(factories.lp(clock.when, officer.id), officer.id).record
    assert visit.id is not None
    assert store.register.case(visit.id).due_on == date(2024, 12, 30)
    clock.advance(days=3)  # Monday 30 Dec: due today, not late
    assert store.register.overdue_count() == 0
    clock.advance(days=1)  # Tuesday 31 Dec
    assert store.register.overdue_count() == 1
    store.settings.save_sp2hp_rules(Sp2hpRules(first_days=7), None)
    assert store.register.overdue_count() == 0  # A1 now within 7 days
    store.register.assign(visit.id, None, investigator_id=officer.id,
                          investigator_role="penyidik", supervisor_id=None,
                          difficulty="sangat_sulit")
    case = store.register.case(visit.id)
    store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="s", actions="a", next_steps="n",
        advice="h", signer_id=officer.id), officer.id)
    assert store.register.case(visit.id).due_on == date(2024, 12, 31) + timedelta(days=14)
    clock.advance(days=15)
    assert [r.visit_id for r in store.register.page(RegisterFilter(overdue=True))] == [visit.id]
    with pytest.raises(ValueError, match="1 sampai 30"):
        store.settings.save_sp2hp_rules(Sp2hpRules(sedang_days=45), None)


def test_handover_open_matters_name_late_sp2hp(store: Store, officer: Officer,
                                               clock: MutableClock) -> None:
    for days in (1, 5, 6):
        store.visits.create(factories.lp(clock.when - timedelta(days=days), officer.id),
                            officer.id)
    matters = store.duty.open_matters(clock.when)
    assert matters.sp2hp_overdue_count == 2
    line = next(x for x in matters.lines() if x.startswith("SP2HP terlambat"))
    assert line.endswith(": 2 (LP/B/3/II/2024/SPKT/POLSEK PEDAMARAN/POLRES OGAN KOMERING "
                         "ILIR/POLDA SUMATERA SELATAN, LP/B/2/II/2024/SPKT/POLSEK PEDAMARAN/"
                         "POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN)")


def test_an_lp_closed_by_its_walk_in_status_is_not_late(store: Store, officer: Officer,
                                                         clock: MutableClock) -> None:
    visit = store.visits.create(factories.lp(clock.when - timedelta(days=40), officer.id),
                                officer.id).record
    assert visit.id is not None
    store.register.assign(visit.id, None, investigator_id=officer.id,
                          investigator_role="penyidik", supervisor_id=None, difficulty="mudah")
    case = store.register.case(visit.id)
    store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="s", actions="a", next_steps="n",
        advice="h", signer_id=officer.id, issued_at=clock.when - timedelta(days=35)),
        officer.id)
    assert store.register.overdue_count() == 1  # 30 days after the letter: late
    store.visits.change_status(visit.id, "selesai", "pelaku diamankan", officer.id)
    assert store.register.case(visit.id).stage == "selesai"
    assert store.register.overdue_count() == 0
