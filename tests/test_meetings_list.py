"""The meeting list query, the follow-up query and the meeting checks that depend on the
station's day, over a real store."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

from app.domain.models import MeetingIssue, Officer
from app.store import Store
from app.store.meetings.listing import MeetingFilter, key_of
from tests.factories import meeting as make_meeting

T0 = datetime(2024, 2, 2, 7, 0, tzinfo=UTC)  # Friday 14.00 WIB


def seed(store: Store, officer: Officer) -> list[int]:
    ids = []
    for week in range(4):
        meeting = make_meeting(T0 + timedelta(days=3 * week), officer.id or 0)
        if week == 1:
            meeting = replace(meeting, meeting_type="mediasi", desa="Serinanti",
                              topics="Sengketa batas kebun sawit", issues=())
        ids.append(store.meetings.save(meeting, officer.id).record.id or 0)
    return ids


def test_rows_count_people_and_issues(store: Store, officer: Officer) -> None:
    ids = seed(store, officer)
    rows = store.meetings.page(MeetingFilter(), None, 10, today=date(2024, 2, 14))
    assert [r.id for r in rows] == list(reversed(ids))
    oldest = rows[-1]  # 2 February, issue due 9 February: overdue on the 14th
    assert oldest.participant_total == 16 and oldest.issue_count == 1
    assert oldest.open_issue_count == 1 and oldest.overdue_count == 1
    assert rows[0].overdue_count == 0  # 11 February: due 18 February
    assert store.meetings.page(MeetingFilter(), None, 10)[-1].overdue_count == 0  # no day given


def test_filters_and_paging(store: Store, officer: Officer) -> None:
    seed(store, officer)
    count = store.meetings.count
    assert count(MeetingFilter(meeting_type="mediasi")) == 1
    assert count(MeetingFilter(desa="SERINANTI")) == 1
    assert count(MeetingFilter(open_issues_only=True)) == 3
    assert count(MeetingFilter(text="sawit")) == 1
    assert count(MeetingFilter(text="mawar andi")) == 3  # an issue and the leader's name
    assert count(MeetingFilter(start=T0 + timedelta(days=1), end=T0 + timedelta(days=7))) == 2
    seen: list[int] = []
    after = None
    while page := store.meetings.page(MeetingFilter(), after, 3):
        seen += [r.id for r in page]
        after = key_of(page[-1])
    assert len(seen) == 4 and len(set(seen)) == 4


def test_follow_ups_by_owner_and_status(store: Store, officer: Officer) -> None:
    seed(store, officer)
    today = date(2024, 2, 14)
    open_ = store.meetings.follow_ups(today=today)
    assert len(open_) == 3 and [f.overdue for f in open_] == [True, False, False]
    assert len(store.meetings.follow_ups(today=today, owner_agency="pemerintah desa")) == 3
    assert store.meetings.follow_ups(today=today, owner_officer_id=officer.id) == ()
    uuid = open_[0].issue.uuid
    assert uuid is not None
    store.meetings.set_issue_status(uuid, "diteruskan", "Surat ke Dinas PU", officer.id)
    assert store.meetings.overdue_count(today) == 0
    forwarded = store.meetings.follow_ups(today=today, status="diteruskan", open_only=False)
    assert [f.issue.uuid for f in forwarded] == [uuid]
    assert forwarded[0].issue.history[-1].note == "Surat ke Dinas PU"


def test_due_date_compares_with_the_meeting_day_in_station_time(store: Store,
                                                               officer: Officer) -> None:
    # 06.30 WIB on 9 February is still 8 February in UTC
    held = datetime(2024, 2, 8, 23, 30, tzinfo=UTC)
    meeting = replace(make_meeting(held, officer.id or 0), issues=(
        MeetingIssue("Jalan berlubang", owner_agency="Dinas PU", due_date=date(2024, 2, 8)),))
    problems = store.meetings.check(meeting)
    assert any(p.field == "issues[0].due_date" and p.code == "order" for p in problems)
    same_day = replace(meeting, issues=(replace(meeting.issues[0], due_date=date(2024, 2, 9)),))
    assert not [p for p in store.meetings.check(same_day) if p.field == "issues[0].due_date"]
