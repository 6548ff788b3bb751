"""Community meetings, their participant counts and the issues residents raised, with the
follow-up of each issue (close, forward, reopen) kept as a status history."""

from __future__ import annotations

import builtins
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.changes import ChangeKind
from app.domain.codes import ISSUE_STATUSES, OPEN_ISSUE_STATUSES
from app.domain.models import (
    IssueStatusChange,
    Meeting,
    MeetingIssue,
    ParticipantCount,
    StationProfile,
)
from app.security.permissions import Action
from app.store import audit
from app.store.bulk import TableRows
from app.store.db import bulk_cache, write_transaction
from app.store.errors import InvalidRecord, RecordNotFound
from app.store.meetings import listing as meeting_list
from app.store.meetings.listing import MeetingFilter, MeetingPageKey, MeetingRow
from app.store.records import (
    Saved,
    StoreContext,
    audit_imported,
    meta_from_row,
    new_uuid,
    range_clauses,
    void_record,
    warnings_from_json,
    warnings_to_json,
)
from app.store.serialize import dt_from_db, dt_to_db, from_row, to_row
from app.validation import blocking, clean_record, validate_meeting

CHANGED = frozenset({ChangeKind.MEETING, ChangeKind.ISSUE})


@dataclass(frozen=True)
class FollowUp:
    """An issue in the follow-up (tindak lanjut) view, with the meeting it came from."""

    issue: MeetingIssue
    meeting_id: int
    meeting_type: str
    held_at: datetime
    overdue: bool


class MeetingRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def get(self, meeting_id: int) -> Meeting:
        row = self._ctx.row("SELECT * FROM meetings WHERE id = ?", [meeting_id])
        if row is None:
            raise RecordNotFound(f"meeting {meeting_id}")
        return self._build(row)

    def _build(self, row: dict[str, Any]) -> Meeting:
        participants = self._ctx.rows(
            'SELECT "group", count FROM meeting_participants WHERE meeting_id = ? '
            'ORDER BY rowid', [row["id"]])
        issues = self._ctx.rows(
            "SELECT * FROM meeting_issues WHERE meeting_id = ? ORDER BY position", [row["id"]])
        return from_row(
            Meeting, row, meta=meta_from_row(row),
            participants=tuple(ParticipantCount(p["group"], p["count"]) for p in participants),
            issues=tuple(self._issue(i) for i in issues),
            accepted_warnings=warnings_from_json(row["accepted_warnings"]))

    def _issue(self, row: dict[str, Any]) -> MeetingIssue:
        history = self._ctx.rows(
            "SELECT status, at, officer_id, note FROM meeting_issue_history "
            "WHERE issue_id = ? ORDER BY at, id", [row["id"]])
        return from_row(MeetingIssue, row,
                        history=tuple(from_row(IssueStatusChange, h) for h in history))

    def list(self, *, start: datetime | None = None, end: datetime | None = None,
             limit: int = 500, include_voided: bool = True) -> tuple[Meeting, ...]:
        clauses, params = range_clauses("held_at", start, end)
        if not include_voided:
            clauses.append("voided_at IS NULL")
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        rows = self._ctx.rows(
            f"SELECT * FROM meetings {where} ORDER BY held_at DESC, id DESC LIMIT ?",
            [*params, limit])
        return tuple(self._build(r) for r in rows)

    def get_by_uuid(self, record_uuid: str) -> Meeting:
        row = self._ctx.row("SELECT * FROM meetings WHERE uuid = ?", [record_uuid])
        if row is None:
            raise RecordNotFound(f"meeting {record_uuid}")
        return self._build(row)

    def page(self, flt: MeetingFilter, after: MeetingPageKey | None = None, limit: int = 100,
             *, today: date | None = None) -> builtins.list[MeetingRow]:
        """A page of the meeting list, newest first (keyset paging; see meetings.listing)."""
        return meeting_list.page(self._ctx.db, flt, after, limit, today)

    def count(self, flt: MeetingFilter) -> int:
        return meeting_list.count(self._ctx.db, flt)

    def check(self, meeting: Meeting) -> tuple[Any, ...]:
        desa = frozenset(r["name"] for r in self._ctx.rows("SELECT name FROM desa"))
        officers = frozenset(r["id"] for r in self._ctx.rows("SELECT id FROM officers"))
        # due dates compare with the meeting's day in station time, not in UTC
        return validate_meeting(meeting, now=self._ctx.now(), desa_names=desa,
                                officer_ids=officers, tz=self._station_tz())

    def _station_tz(self) -> ZoneInfo | None:
        row = self._ctx.row("SELECT value FROM settings WHERE key = 'station.timezone'")
        name = json.loads(row["value"]) if row else StationProfile().timezone
        try:
            return ZoneInfo(str(name))
        except (ValueError, KeyError):
            return None

    def save(self, meeting: Meeting, by: int | None, *, validate: bool = True,
             keep_history: bool = False, record_uuid: str | None = None) -> Saved[Meeting]:
        """Create or update a meeting with its participants and issues in one transaction.
        Issues keep their uuid across edits; a new issue starts its own status history, or
        with `keep_history` keeps the one it carries (a meeting rebuilt elsewhere: the
        Polres hub, app/hub/mirror.py); `record_uuid`: a new meeting's uuid (the one it has
        elsewhere)."""
        self._ctx.require(Action.MEETING_WRITE)
        meeting = clean_record(meeting)  # invisible control characters are never stored
        if validate:
            problems = blocking(self.check(meeting), meeting.accepted_warnings)
            if problems:
                raise InvalidRecord(problems)
        values = _values(meeting)
        db = self._ctx.db
        with write_transaction(db):
            before = None
            if meeting.meta is None:
                meeting_id = self._ctx.insert("meetings", {**values,
                                                            **self._ctx.new_meta(by, record_uuid)})
            else:
                meeting_id = meeting.meta.id
                before = self.get(meeting_id)
                bump = self._ctx.bump("meetings", meeting_id, by, meeting.meta.version)
                db.table("meetings").update(meeting_id, {**values, **bump})
                db.execute("DELETE FROM meeting_participants WHERE meeting_id = ?", [meeting_id])
            participants = TableRows()
            _participant_rows(participants, meeting_id, meeting)
            participants.insert(db.conn)
            self._write_issues(meeting_id, meeting, by, keep_history)
            saved = self.get(meeting_id)
            assert saved.meta is not None
            audit.append(db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind="meeting",
                         record_uuid=saved.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def _write_issues(self, meeting_id: int, meeting: Meeting, by: int | None,
                      keep_history: bool = False) -> None:
        db = self._ctx.db
        existing = {r["uuid"]: r for r in self._ctx.rows(
            "SELECT id, uuid, status FROM meeting_issues WHERE meeting_id = ?", [meeting_id])}
        kept: set[str] = set()
        for position, issue in enumerate(meeting.issues):
            values = _issue_values(meeting_id, position, issue)
            if issue.uuid and issue.uuid in existing:
                current = existing[issue.uuid]
                db.table("meeting_issues").update(current["id"], values)
                kept.add(issue.uuid)
                if current["status"] != issue.status:
                    self._insert_history(current["id"], issue.status, by, "diubah melalui formulir")
            else:
                issue_uuid = issue.uuid or new_uuid()
                issue_id = self._ctx.insert("meeting_issues", {**values, "uuid": issue_uuid})
                kept.add(issue_uuid)
                history = TableRows()
                self._first_history(history, issue_id, issue, by, keep_history)
                history.insert(db.conn)
        removed = set(existing) - kept
        if removed:
            # issues are never deleted: one taken out of the form is parked, not dropped
            raise InvalidRecord(("issues",))

    def _first_history(self, rows: TableRows, issue_id: int, issue: MeetingIssue,
                       by: int | None, keep_history: bool) -> None:
        """A new issue's status history: the one it carries (`keep_history`), or its first."""
        if keep_history and issue.history:
            for change in issue.history:
                rows.add("meeting_issue_history", _history_row(
                    issue_id, change.status, dt_to_db(change.at), change.officer_id,
                    change.note))
        else:
            rows.add("meeting_issue_history", _history_row(
                issue_id, issue.status, dt_to_db(self._ctx.now()), by,
                "dicatat pada pertemuan"))

    def _insert_history(self, issue_id: int, status: str, by: int | None, note: str) -> None:
        self._ctx.db.table("meeting_issue_history").insert(
            _history_row(issue_id, status, dt_to_db(self._ctx.now()), by, note))

    def import_many(self, items: Sequence[tuple[Meeting, str | None]], by: int | None, *,
                    note: str) -> int:
        """New meetings (meeting, uuid or None; checked by the caller) with their
        participants, issues (each with the status history it carries, or its first) and
        audit entries, and one activity entry ("import", `note`), in one transaction: each
        table written with one statement, the entries chained in bulk, as the patrols'
        import. Returns how many."""
        self._ctx.require(Action.IMPORT)
        ctx = self._ctx
        with bulk_cache(ctx.db), write_transaction(ctx.db):
            first_id = int(ctx.db.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM meetings").fetchone()[0])
            issue_id = int(ctx.db.execute(
                "SELECT coalesce(max(id), 0) + 1 FROM meeting_issues").fetchone()[0])
            rows = TableRows()
            for meeting_id, (meeting, record_uuid) in enumerate(items, first_id):
                meeting = clean_record(meeting)  # invisible control characters are never stored
                rows.add("meetings", {**_values(meeting), "id": meeting_id,
                                      **ctx.new_meta(by, record_uuid)})
                _participant_rows(rows, meeting_id, meeting)
                for position, issue in enumerate(meeting.issues):
                    rows.add("meeting_issues", {**_issue_values(meeting_id, position, issue),
                                                "id": issue_id, "uuid": issue.uuid or new_uuid()})
                    self._first_history(rows, issue_id, issue, by, True)
                    issue_id += 1
            rows.insert(ctx.db.conn)
            saved = [self._build(r) for r in ctx.rows(
                "SELECT * FROM meetings WHERE id >= ? ORDER BY id", [first_id])]
            audit_imported(ctx, "meeting", saved, by, note)
        return len(saved)

    def set_issue_status(self, issue_uuid: str, status: str, note: str,
                         by: int | None) -> Saved[Meeting]:
        """Close, forward or reopen an issue; the note is required and kept with who and when."""
        self._ctx.require(Action.FOLLOW_UP)
        if status not in ISSUE_STATUSES:
            raise ValueError(f"unknown issue status {status}")
        if not note.strip():
            raise ValueError("a status change of an issue needs a note")
        row = self._ctx.row("SELECT id, meeting_id FROM meeting_issues WHERE uuid = ?",
                            [issue_uuid])
        if row is None:
            raise RecordNotFound(f"issue {issue_uuid}")
        db = self._ctx.db
        with write_transaction(db):
            before = self.get(row["meeting_id"])
            bump = self._ctx.bump("meetings", row["meeting_id"], by, None)
            db.table("meetings").update(row["meeting_id"], bump)
            db.table("meeting_issues").update(row["id"], {"status": status})
            self._insert_history(row["id"], status, by, note.strip())
            saved = self.get(row["meeting_id"])
            assert before.meta is not None
            audit.append(db, at=self._ctx.now(), officer_id=by, action="status", kind="meeting",
                         record_uuid=before.meta.uuid, before=before, after=saved)
        return Saved(saved, CHANGED)

    def follow_ups(self, *, today: date, desa: str | None = None, owner_officer_id: int | None = None,
                   status: str | None = None, open_only: bool = True,
                   owner_agency: str | None = None) -> tuple[FollowUp, ...]:
        """Issues across all meetings that still count (meeting not voided), overdue first."""
        clauses = ["m.voided_at IS NULL"]
        params: list[Any] = []
        if open_only:
            clauses.append("i.status IN ({})".format(
                ", ".join("?" * len(OPEN_ISSUE_STATUSES))))
            params.extend(sorted(OPEN_ISSUE_STATUSES))
        if status:
            clauses.append("i.status = ?")
            params.append(status)
        if desa:
            clauses.append("i.desa = ? COLLATE NOCASE")
            params.append(desa)
        if owner_officer_id is not None:
            clauses.append("i.owner_officer_id = ?")
            params.append(owner_officer_id)
        if owner_agency:
            clauses.append("i.owner_agency = ? COLLATE NOCASE")
            params.append(owner_agency)
        rows = self._ctx.rows(
            "SELECT i.*, m.meeting_type, m.held_at FROM meeting_issues i "
            "JOIN meetings m ON m.id = i.meeting_id WHERE " + " AND ".join(clauses), params)
        out = []
        for r in rows:
            issue = self._issue(r)
            overdue = (issue.status in OPEN_ISSUE_STATUSES and issue.due_date is not None
                       and issue.due_date < today)
            held = dt_from_db(r["held_at"])
            assert held is not None
            out.append(FollowUp(issue, r["meeting_id"], r["meeting_type"], held, overdue))
        out.sort(key=lambda f: (not f.overdue, f.issue.due_date or date.max, f.held_at))
        return tuple(out)

    def overdue_count(self, today: date) -> int:
        row = self._ctx.row(
            "SELECT count(*) AS n FROM meeting_issues i JOIN meetings m ON m.id = i.meeting_id "
            "WHERE m.voided_at IS NULL AND i.status IN ('terbuka', 'dalam_proses') "
            "AND i.due_date IS NOT NULL AND i.due_date < ?", [today.isoformat()])
        return int(row["n"]) if row else 0

    def void(self, meeting_id: int, reason: str, by: int | None) -> Saved[Meeting]:
        self._ctx.require(Action.VOID)
        return Saved(void_record(self._ctx, "meetings", "meeting", meeting_id, reason, by,
                                 self.get), CHANGED)

    def id_by_uuid(self, record_uuid: str) -> int | None:
        row = self._ctx.row("SELECT id FROM meetings WHERE uuid = ?", [record_uuid])
        return None if row is None else int(row["id"])

    def all_uuids(self) -> builtins.list[str]:
        return [r["uuid"] for r in self._ctx.rows("SELECT uuid FROM meetings ORDER BY id")]


def _values(meeting: Meeting) -> dict[str, Any]:
    """The `meetings` row of a meeting, but its meta (and id)."""
    values = to_row(meeting, exclude=frozenset({"meta"}))
    values["accepted_warnings"] = warnings_to_json(meeting.accepted_warnings)
    return values


def _participant_rows(rows: TableRows, meeting_id: int, meeting: Meeting) -> None:
    """The participant counts, one row a group (a group given twice is added up)."""
    groups: dict[str, int] = {}
    for p in meeting.participants:
        groups[p.group] = groups.get(p.group, 0) + p.count
    for group, count in groups.items():
        rows.add("meeting_participants", {"meeting_id": meeting_id, "group": group,
                                          "count": count})


def _issue_values(meeting_id: int, position: int, issue: MeetingIssue) -> dict[str, Any]:
    values = to_row(issue, exclude=frozenset({"history", "id", "uuid"}))
    values.update({"meeting_id": meeting_id, "position": position})
    return values


def _history_row(issue_id: int, status: str, at: str | None, officer_id: int | None,
                 note: str) -> dict[str, Any]:
    return {"issue_id": issue_id, "status": status, "at": at, "officer_id": officer_id,
            "note": note}
