"""Validation of a community meeting (pertemuan warga) and the issues residents raised.

Rules: a known meeting type; times and dates between 1900 and next year; texts within their
lengths (limits.LIMITS); held_at not more than 5 minutes after `now`; a desa (in the desa
list when `desa_names` is given); the leader on the roster (when `officer_ids` is given);
participant groups known and counts >= 0; each issue: a description, a known status, a due
date not before the meeting's day (in station time), an owner: an officer or an agency
(warning if neither), and an agency when the issue was forwarded (diteruskan, warning).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime, tzinfo

from app.domain import codes
from app.domain.models import Meeting, MeetingIssue
from app.validation._checks import (
    check_code,
    check_date,
    check_lengths,
    check_listed,
    check_not_negative,
    check_officer,
    check_required,
    check_time,
    local_date,
    require_aware_now,
    shown,
)
from app.validation.problems import Problem, error, is_blank, warning


def validate_meeting(
    meeting: Meeting,
    *,
    now: datetime,
    desa_names: Collection[str] | None = None,
    officer_ids: Collection[int] | None = None,
    tz: tzinfo | None = None,
) -> tuple[Problem, ...]:
    """All problems of a meeting record, errors and warnings, in form order.

    `tz` is the station's time zone, used to find the meeting's calendar day for due dates;
    by default the zone of `now` (pass station time as `now`, or give `tz`).
    """
    require_aware_now(now)
    out: list[Problem] = []
    check_code(out, "meeting_type", "Jenis pertemuan", meeting.meeting_type, codes.MEETING_TYPES)
    check_time(out, "held_at", "Waktu pertemuan", meeting.held_at, now)
    if check_required(out, "desa", "Desa", meeting.desa):
        check_listed(
            out,
            "desa",
            meeting.desa,
            desa_names,
            f"Desa {shown(meeting.desa)} tidak ada di daftar desa.",
        )
    check_officer(out, "leader_id", "Pemimpin pertemuan", meeting.leader_id, officer_ids)
    for i, group in enumerate(meeting.participants):
        at = f"participants[{i}]"
        check_code(out, f"{at}.group", "Kelompok peserta", group.group, codes.PARTICIPANT_GROUPS)
        check_not_negative(out, f"{at}.count", "Jumlah peserta", group.count)
    day = local_date(meeting.held_at, tz if tz is not None else now.tzinfo)
    for i, issue in enumerate(meeting.issues):
        _check_issue(out, i, issue, day, desa_names, officer_ids, now.date())
    check_lengths(out, meeting)
    return tuple(out)


def _check_issue(
    out: list[Problem],
    i: int,
    issue: MeetingIssue,
    meeting_day: date,
    desa_names: Collection[str] | None,
    officer_ids: Collection[int] | None,
    today: date,
) -> None:
    at = f"issues[{i}]"
    check_required(out, f"{at}.description", "Uraian masalah", issue.description)
    check_code(out, f"{at}.status", "Status tindak lanjut", issue.status, codes.ISSUE_STATUSES)
    check_listed(
        out,
        f"{at}.desa",
        issue.desa,
        desa_names,
        f"Desa {shown(issue.desa)} tidak ada di daftar desa.",
    )
    due_ok = check_date(out, f"{at}.due_date", "Batas waktu tindak lanjut", issue.due_date,
                        today)
    if due_ok and issue.due_date is not None and issue.due_date < meeting_day:
        out.append(
            error(
                f"{at}.due_date",
                "order",
                "Batas waktu tindak lanjut tidak boleh sebelum tanggal pertemuan.",
            )
        )
    check_officer(out, f"{at}.owner_officer_id", "Penanggung jawab", issue.owner_officer_id, officer_ids)
    if issue.owner_officer_id is None and is_blank(issue.owner_agency):
        out.append(
            warning(
                f"{at}.owner",
                "required",
                "Tentukan penanggung jawab: petugas atau instansi.",
            )
        )
    if issue.status == "diteruskan" and is_blank(issue.owner_agency):
        out.append(
            warning(
                f"{at}.owner_agency",
                "required",
                "Masalah diteruskan: sebutkan instansi yang menerimanya.",
            )
        )
