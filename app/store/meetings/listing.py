"""The community meeting list: light rows, filters and keyset paging (see patrols.listing for why
text search is LIKE and not FTS)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import sqlite_utils

from app.store.records import (
    after_key_clause,
    count_where,
    key_stamp,
    like_terms,
    range_clauses,
    where_sql,
)
from app.store.serialize import dt_from_db

_OPEN = "('terbuka', 'dalam_proses')"


@dataclass(frozen=True)
class MeetingFilter:
    start: datetime | None = None  # held_at >= start
    end: datetime | None = None  # held_at < end
    meeting_type: str | None = None
    desa: str | None = None
    text: str = ""
    open_issues_only: bool = False  # meetings with an issue still open
    include_voided: bool = True


@dataclass(frozen=True)
class MeetingPageKey:
    held_at: str
    id: int


@dataclass(frozen=True)
class MeetingRow:
    """One line of the meeting list."""

    id: int
    uuid: str
    held_at: datetime
    meeting_type: str
    desa: str
    place: str
    leader_id: int | None
    participant_total: int
    issue_count: int
    open_issue_count: int
    overdue_count: int  # open issues past their due date (0 when no `today` was given)
    voided: bool


_TEXT_SQL = """(m.desa LIKE ? ESCAPE '\\' OR m.place LIKE ? ESCAPE '\\'
    OR m.topics LIKE ? ESCAPE '\\' OR m.notes LIKE ? ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM meeting_issues i WHERE i.meeting_id = m.id AND (
        i.description LIKE ? ESCAPE '\\' OR i.action LIKE ? ESCAPE '\\'
        OR i.owner_agency LIKE ? ESCAPE '\\'))
    OR EXISTS (SELECT 1 FROM officers o WHERE o.id = m.leader_id AND o.name LIKE ? ESCAPE '\\'))"""
_TEXT_PARAMS = 8


def _where(flt: MeetingFilter) -> tuple[list[str], list[Any]]:
    clauses, params = range_clauses("m.held_at", flt.start, flt.end)
    if flt.meeting_type:
        clauses.append("m.meeting_type = ?")
        params.append(flt.meeting_type)
    if flt.desa:
        clauses.append("m.desa = ? COLLATE NOCASE")
        params.append(flt.desa)
    if flt.open_issues_only:
        clauses.append("EXISTS (SELECT 1 FROM meeting_issues i WHERE i.meeting_id = m.id "
                       f"AND i.status IN {_OPEN})")
    if not flt.include_voided:
        clauses.append("m.voided_at IS NULL")
    for term in like_terms(flt.text):
        clauses.append(_TEXT_SQL)
        params.extend([term] * _TEXT_PARAMS)
    return clauses, params


_ROW_SQL = f"""SELECT m.id, m.uuid, m.held_at, m.meeting_type, m.desa, m.place, m.leader_id,
    m.voided_at,
    (SELECT coalesce(sum(count), 0) FROM meeting_participants WHERE meeting_id = m.id) AS people,
    (SELECT count(*) FROM meeting_issues WHERE meeting_id = m.id) AS issues,
    (SELECT count(*) FROM meeting_issues WHERE meeting_id = m.id AND status IN {_OPEN}) AS open,
    (SELECT count(*) FROM meeting_issues WHERE meeting_id = m.id AND status IN {_OPEN}
        AND due_date IS NOT NULL AND due_date < ?) AS overdue
    FROM meetings m"""


def page(db: sqlite_utils.Database, flt: MeetingFilter, after: MeetingPageKey | None,
         limit: int, today: date | None = None) -> list[MeetingRow]:
    """Up to `limit` rows after `after`, newest first. `today` (station time) counts the
    overdue issues of each meeting."""
    clauses, params = _where(flt)
    if after is not None:
        clause, key_params = after_key_clause("m.held_at", "m.id", after.held_at, after.id)
        clauses.append(clause)
        params.extend(key_params)
    # without a day nothing is overdue: "" sorts before every ISO date
    cutoff = today.isoformat() if today is not None else ""
    cursor = db.execute(f"{_ROW_SQL} {where_sql(clauses)} ORDER BY m.held_at DESC, m.id DESC LIMIT ?",
                        [cutoff, *params, limit])
    return [_row(values) for values in cursor.fetchall()]


def count(db: sqlite_utils.Database, flt: MeetingFilter) -> int:
    clauses, params = _where(flt)
    return count_where(db, "meetings m", clauses, params)


def key_of(row: MeetingRow) -> MeetingPageKey:
    return MeetingPageKey(key_stamp(row.held_at), row.id)


def _row(values: tuple[Any, ...]) -> MeetingRow:
    (mid, uuid, held, mtype, desa, place, leader, voided, people, issues, open_, overdue) = values
    held_at = dt_from_db(held)
    assert held_at is not None
    return MeetingRow(id=mid, uuid=uuid, held_at=held_at, meeting_type=mtype, desa=desa,
                      place=place, leader_id=leader, participant_total=int(people),
                      issue_count=int(issues), open_issue_count=int(open_),
                      overdue_count=int(overdue), voided=voided is not None)
