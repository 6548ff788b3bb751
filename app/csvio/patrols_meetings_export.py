"""`piket export --kind patrols|meetings`: one row per place visited / per issue raised.

A patrol's own columns are repeated on each of its places (`place_no` 1, 2, …); a patrol
with no places still has one row, with `place_no` and the place columns empty. Meetings do
the same with the issues residents raised (`issue_no`). To count patrols or meetings (or sum
hours and participants) in a spreadsheet, take the rows whose `place_no` / `issue_no` is 1 or
empty. Codes are written as codes (`rutin`, `r2`, `pg`, `jumat_curhat`), times in station
time `YYYY-MM-DD HH:MM`, due dates `YYYY-MM-DD`, lists inside a cell separated by "; ".

Voided records are left out unless asked for (`include_voided`); the columns `voided_at` and
`void_reason` are always there, so a file has the same columns either way. These files are
for reading and sums, not for importing back.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.csvio.common import (
    DATE_FORMAT,
    Span,
    format_local,
    log_export,
    require_export,
    write_table,
)
from app.domain.codes import PARTICIPANT_GROUPS
from app.domain.models import Meeting, Officer, Patrol, RecordMeta, Vehicle

if TYPE_CHECKING:
    from app.store import Store

_ALL = 10**9
LIST_SEPARATOR = "; "

PATROL_COLUMNS = (
    "patrol_uuid", "start_at", "end_at", "patrol_type", "mode", "operation_name",
    "leader_nrp", "leader_name", "members", "vehicle", "targets", "findings", "notes",
    "voided_at", "void_reason",
    "place_no", "place_desa", "place", "place_at", "situation", "himbauan", "people_reached",
    "place_note",
)
MEETING_COLUMNS = (
    "meeting_uuid", "held_at", "meeting_type", "desa", "place", "leader_nrp", "leader_name",
    *(f"participants_{group}" for group in PARTICIPANT_GROUPS), "participant_total",
    "topics", "notes", "voided_at", "void_reason",
    "issue_no", "issue_uuid", "issue_description", "issue_category", "issue_desa",
    "issue_action", "issue_owner_nrp", "issue_owner_name", "issue_owner_agency",
    "issue_due_date", "issue_status",
)


def export_patrols(store: Store, out: Path, *, include_voided: bool = False,
                   by: int | None = None, delimiter: str = ",") -> tuple[int, int]:
    """Write the patrols, oldest first; returns (patrols, rows). Logged with the number and
    the period; a role that may not export is refused first."""
    require_export(store)
    tz = ZoneInfo(store.profile().timezone)
    officers = store.master.officers_by_id()
    vehicles = {v.id: v for v in store.master.list(Vehicle)}
    patrols = tuple(reversed(store.patrols.list(limit=_ALL, include_voided=include_voided)))
    rows = (row for patrol in patrols for row in _patrol_rows(patrol, tz, officers, vehicles))
    count = write_table(Path(out), PATROL_COLUMNS, rows, delimiter=delimiter,
                        protected=(store.path,))
    log_export(store, Path(out), "patrol", by, f"{len(patrols)} patroli ({count} baris)",
               _span(tz, (p.start_at for p in patrols)))
    return len(patrols), count


def export_meetings(store: Store, out: Path, *, include_voided: bool = False,
                    by: int | None = None, delimiter: str = ",") -> tuple[int, int]:
    """Write the meetings, oldest first; returns (meetings, rows). Logged with the number
    and the period; a role that may not export is refused first."""
    require_export(store)
    tz = ZoneInfo(store.profile().timezone)
    officers = store.master.officers_by_id()
    meetings = tuple(reversed(store.meetings.list(limit=_ALL, include_voided=include_voided)))
    rows = (row for meeting in meetings for row in _meeting_rows(meeting, tz, officers))
    count = write_table(Path(out), MEETING_COLUMNS, rows, delimiter=delimiter,
                        protected=(store.path,))
    log_export(store, Path(out), "meeting", by, f"{len(meetings)} pertemuan ({count} baris)",
               _span(tz, (m.held_at for m in meetings)))
    return len(meetings), count


def _span(tz: tzinfo, moments: Iterator[datetime]) -> Span:
    span = Span(tz)
    for moment in moments:
        span.see(moment)
    return span


def _officer(officers: dict[int, Officer], officer_id: int | None) -> tuple[str, str]:
    """(NRP, "RANK NAME") of an officer; empty when none, the id when not on the roster."""
    if officer_id is None:
        return "", ""
    officer = officers.get(officer_id)
    if officer is None:
        return "", f"(personel #{officer_id})"
    return officer.nrp, officer.display


def _void_cells(meta: RecordMeta | None, tz: tzinfo) -> dict[str, str]:
    if meta is None or meta.voided_at is None:
        return {"voided_at": "", "void_reason": ""}
    return {"voided_at": format_local(meta.voided_at, tz), "void_reason": meta.void_reason or ""}


def _patrol_rows(patrol: Patrol, tz: tzinfo, officers: dict[int, Officer],
                 vehicles: dict[int | None, Vehicle]) -> Iterator[list[str]]:
    assert patrol.meta is not None
    leader_nrp, leader_name = _officer(officers, patrol.leader_id)
    members = [_officer(officers, m) for m in patrol.member_ids]
    vehicle = vehicles.get(patrol.vehicle_id) if patrol.vehicle_id is not None else None
    base = {
        "patrol_uuid": patrol.meta.uuid,
        "start_at": format_local(patrol.start_at, tz),
        "end_at": format_local(patrol.end_at, tz),
        "patrol_type": patrol.patrol_type,
        "mode": patrol.mode,
        "operation_name": patrol.operation_name,
        "leader_nrp": leader_nrp,
        "leader_name": leader_name,
        "members": LIST_SEPARATOR.join(f"{name} ({nrp})" if nrp else name
                                       for nrp, name in members),
        "vehicle": f"{vehicle.name} ({vehicle.plate})" if vehicle else "",
        "targets": LIST_SEPARATOR.join(patrol.targets),
        "findings": patrol.findings,
        "notes": patrol.notes,
        **_void_cells(patrol.meta, tz),
    }
    if not patrol.places:
        yield [base.get(column, "") for column in PATROL_COLUMNS]
        return
    for number, place in enumerate(patrol.places, start=1):
        cells = {
            **base,
            "place_no": str(number),
            "place_desa": place.desa,
            "place": place.place,
            "place_at": format_local(place.at, tz),
            "situation": place.situation,
            "himbauan": place.himbauan,
            "people_reached": str(place.people_reached),
            "place_note": place.note,
        }
        yield [cells[column] for column in PATROL_COLUMNS]


def _meeting_rows(meeting: Meeting, tz: tzinfo,
                  officers: dict[int, Officer]) -> Iterator[list[str]]:
    assert meeting.meta is not None
    leader_nrp, leader_name = _officer(officers, meeting.leader_id)
    counts = dict.fromkeys(PARTICIPANT_GROUPS, 0)
    for participant in meeting.participants:
        # a group outside the code list (older data) still counts, under "lainnya"
        group = participant.group if participant.group in counts else "lainnya"
        counts[group] += participant.count
    base = {
        "meeting_uuid": meeting.meta.uuid,
        "held_at": format_local(meeting.held_at, tz),
        "meeting_type": meeting.meeting_type,
        "desa": meeting.desa,
        "place": meeting.place,
        "leader_nrp": leader_nrp,
        "leader_name": leader_name,
        **{f"participants_{group}": str(n) for group, n in counts.items()},
        "participant_total": str(meeting.participant_total),
        "topics": meeting.topics,
        "notes": meeting.notes,
        **_void_cells(meeting.meta, tz),
    }
    if not meeting.issues:
        yield [base.get(column, "") for column in MEETING_COLUMNS]
        return
    for number, issue in enumerate(meeting.issues, start=1):
        owner_nrp, owner_name = _officer(officers, issue.owner_officer_id)
        cells = {
            **base,
            "issue_no": str(number),
            "issue_uuid": issue.uuid or "",
            "issue_description": issue.description,
            "issue_category": issue.category,
            "issue_desa": issue.desa,
            "issue_action": issue.action,
            "issue_owner_nrp": owner_nrp,
            "issue_owner_name": owner_name,
            "issue_owner_agency": issue.owner_agency,
            "issue_due_date": issue.due_date.strftime(DATE_FORMAT) if issue.due_date else "",
            "issue_status": issue.status,
        }
        yield [cells[column] for column in MEETING_COLUMNS]
