"""Property tests of app.validation: odd input gives problems, never exceptions."""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import codes
from app.domain.models import (
    AcceptedWarning,
    Loss,
    LostItem,
    Meeting,
    MeetingIssue,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    Visit,
)
from app.validation import (
    Problem,
    blocking,
    check_nik,
    check_phone,
    decode_nik,
    normalize_phone,
    validate_meeting,
    validate_patrol,
    validate_visit,
)

T = TypeVar("T")
FAST = settings(max_examples=200, deadline=None)

# Mostly digits and separators, so the interesting branches are reached, plus any text.
digitish = st.text(alphabet="0123456789 .-+()０１２\u200b", max_size=24)
texts = st.one_of(st.text(max_size=40), digitish)
aware = st.datetimes(timezones=st.timezones())
any_datetime = st.one_of(aware, st.datetimes())  # naive ones too: reported, not raised
maybe_datetime = st.one_of(st.none(), any_datetime)
ints = st.integers()
maybe_int = st.one_of(st.none(), ints)
id_sets = st.one_of(st.none(), st.frozensets(st.integers(-3, 10), max_size=5))
name_sets = st.one_of(st.none(), st.lists(texts, max_size=4))


def code_or_text(table: Mapping[str, str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(sorted(table)), texts)


def tuples(strategy: st.SearchStrategy[T], size: int = 3) -> st.SearchStrategy[tuple[T, ...]]:
    return st.lists(strategy, max_size=size).map(tuple)


parties = st.builds(
    Party,
    role=code_or_text(codes.PARTY_ROLES),
    name=texts,
    unknown=st.booleans(),
    nik=st.one_of(texts, st.from_regex(r"\A16[0-9]{14}\Z")),
    sex=st.one_of(st.sampled_from(["", "L", "P"]), texts),
    birth_date=st.one_of(st.none(), st.dates()),
    religion=texts,
    phone=texts,
    desa=texts,
)
accepted = st.builds(AcceptedWarning, field=texts, code=texts, reason=texts)

visits = st.builds(
    Visit,
    service=code_or_text(codes.SERVICES),
    received_at=any_datetime,
    receiving_officer_id=maybe_int,
    lp_model=st.one_of(st.none(), st.sampled_from(["A", "B"]), texts),
    parties=tuples(parties, 4),
    occurred_at=maybe_datetime,
    incident_desa=texts,
    category=texts,
    narrative=texts,
    losses=tuples(st.builds(Loss, description=texts, value_rp=ints)),
    lost_items=tuples(st.builds(LostItem, doc_type=texts, number=texts)),
    other_reason=texts,
    dispatched_officer_id=maybe_int,
    dispatched_at=maybe_datetime,
    arrived_at=maybe_datetime,
    resolved_at=maybe_datetime,
    status=code_or_text(codes.STATUSES),
    accepted_warnings=tuples(accepted),
)

patrols = st.builds(
    Patrol,
    patrol_type=code_or_text(codes.PATROL_TYPES),
    mode=code_or_text(codes.PATROL_MODES),
    start_at=any_datetime,
    end_at=any_datetime,
    leader_id=maybe_int,
    member_ids=tuples(ints),
    operation_name=texts,
    targets=tuples(texts),
    places=tuples(
        st.builds(
            PatrolPlace,
            desa=texts,
            place=texts,
            at=maybe_datetime,
            situation=code_or_text(codes.SITUATIONS),
            people_reached=ints,
        )
    ),
)

meetings = st.builds(
    Meeting,
    meeting_type=code_or_text(codes.MEETING_TYPES),
    held_at=any_datetime,
    desa=texts,
    leader_id=maybe_int,
    participants=tuples(
        st.builds(ParticipantCount, group=code_or_text(codes.PARTICIPANT_GROUPS), count=ints)
    ),
    issues=tuples(
        st.builds(
            MeetingIssue,
            description=texts,
            desa=texts,
            owner_officer_id=maybe_int,
            owner_agency=texts,
            due_date=st.one_of(st.none(), st.dates()),
            status=code_or_text(codes.ISSUE_STATUSES),
        )
    ),
)

_PHONE = re.compile(r"\+62[1-9][0-9]{7,12}")


def _well_formed(problems: tuple[Problem, ...]) -> None:
    assert isinstance(problems, tuple)
    for problem in problems:
        assert isinstance(problem, Problem)
        assert problem.severity in ("error", "warning")
        assert problem.field and problem.code and problem.message


@FAST
@given(st.one_of(texts, st.text()), st.one_of(st.none(), st.dates()))
def test_decode_nik_never_raises(text: str, today: date | None) -> None:
    info = decode_nik(text, today=today)
    if info is not None:
        assert info.sex in ("L", "P")
        assert info.birth_date is not None


@FAST
@given(texts, st.one_of(st.sampled_from(["", "L", "P"]), texts), st.one_of(st.none(), st.dates()))
def test_check_nik_never_raises(text: str, sex: str, born: date | None) -> None:
    problems = check_nik(text, sex, born, field="parties[0].nik", today=date(2024, 2, 14))
    _well_formed(problems)
    assert all(p.is_warning for p in problems)


@FAST
@given(
    st.sampled_from(["11", "16", "31", "35", "65", "94"]),
    st.integers(1, 28),
    st.integers(1, 12),
    st.integers(0, 99),
    st.sampled_from(["L", "P"]),
    st.integers(1, 9999),
)
def test_nik_round_trip(province: str, day: int, month: int, yy: int, sex: str, serial: int) -> None:
    dd = day + (40 if sex == "P" else 0)
    nik = f"{province}0207{dd:02d}{month:02d}{yy:02d}{serial:04d}"
    info = decode_nik(nik, today=date(2024, 2, 14))
    assert info is not None
    assert info.sex == sex
    assert info.birth_date is not None
    assert (info.birth_date.day, info.birth_date.month, info.birth_date.year % 100) == (
        day,
        month,
        yy,
    )
    assert info.birth_date <= date(2024, 2, 14)
    assert check_nik(nik, sex, info.birth_date, today=date(2024, 2, 14)) == ()


@FAST
@given(st.one_of(texts, st.text()))
def test_normalize_phone_never_raises_and_is_idempotent(text: str) -> None:
    result = normalize_phone(text)
    if result is None:
        return
    assert result == "" or _PHONE.fullmatch(result)
    assert normalize_phone(result) == result


@FAST
@given(st.one_of(texts, st.text()))
def test_check_phone_never_raises(text: str) -> None:
    problems = check_phone(text, field="parties[0].phone")
    _well_formed(problems)
    assert bool(problems) == (normalize_phone(text) is None)


@FAST
@given(visits, aware, name_sets, name_sets, id_sets)
def test_validate_visit_never_raises(
    visit: Visit,
    now: datetime,
    categories: list[str] | None,
    desa: list[str] | None,
    officers: frozenset[int] | None,
) -> None:
    problems = validate_visit(visit, now=now, categories=categories, desa_names=desa, officer_ids=officers)
    _well_formed(problems)
    remaining = blocking(problems, visit.accepted_warnings)
    assert all(p in problems for p in remaining)
    assert all(p in remaining for p in problems if not p.is_warning)


@FAST
@given(patrols, aware, id_sets, name_sets)
def test_validate_patrol_never_raises(
    patrol: Patrol, now: datetime, officers: frozenset[int] | None, desa: list[str] | None
) -> None:
    _well_formed(validate_patrol(patrol, now=now, officer_ids=officers, desa_names=desa))


@FAST
@given(meetings, aware, name_sets, id_sets)
def test_validate_meeting_never_raises(
    meeting: Meeting, now: datetime, desa: list[str] | None, officers: frozenset[int] | None
) -> None:
    _well_formed(validate_meeting(meeting, now=now, desa_names=desa, officer_ids=officers))


@settings(max_examples=100, deadline=None)
@given(visits, aware)
def test_accepting_every_warning_with_a_reason_leaves_only_errors(visit: Visit, now: datetime) -> None:
    problems = validate_visit(visit, now=now)
    accepted = [AcceptedWarning(p.field, p.code, "alasan petugas") for p in problems]
    assert blocking(problems, accepted) == tuple(p for p in problems if not p.is_warning)
