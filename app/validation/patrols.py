"""Validation of a patrol record.

Rules: a known patrol type and mode; end after start (error on "end_at") and a patrol longer
than 24 hours is questioned (warning, usually the wrong end date); no time more than 5
minutes after `now`; a leader; leader and members on the roster (when `officer_ids` is
given); times between 1900 and next year; texts within their lengths (limits.LIMITS);
at least one place visited, each with its desa (in the desa list when `desa_names`
is given), a known situation (aman / PG / AG / GN), people reached >= 0, and a time, if
given, within the patrol's start and end (warning); a named operation needs its name.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, timedelta

from app.domain import codes
from app.domain.models import Patrol, PatrolPlace
from app.validation._checks import (
    check_code,
    check_lengths,
    check_listed,
    check_not_negative,
    check_officer,
    check_required,
    check_time,
    is_before,
    require_aware_now,
    shown,
)
from app.validation.problems import Problem, error, warning

# One patrol is one shift; more than a day between start and end is a date typo, though
# a long operation may really need it (hence a warning the officer can accept).
MAX_PATROL_DURATION = timedelta(hours=24)


def validate_patrol(
    patrol: Patrol,
    *,
    now: datetime,
    officer_ids: Collection[int] | None = None,
    desa_names: Collection[str] | None = None,
) -> tuple[Problem, ...]:
    """All problems of a patrol record, errors and warnings, in form order."""
    require_aware_now(now)
    out: list[Problem] = []
    check_code(out, "patrol_type", "Jenis patroli", patrol.patrol_type, codes.PATROL_TYPES)
    check_code(out, "mode", "Cara patroli", patrol.mode, codes.PATROL_MODES)
    if patrol.patrol_type == "operasi":
        check_required(out, "operation_name", "Nama operasi", patrol.operation_name)
    check_time(out, "start_at", "Waktu mulai patroli", patrol.start_at, now)
    check_time(out, "end_at", "Waktu selesai patroli", patrol.end_at, now)
    if not is_before(patrol.start_at, patrol.end_at):
        if is_before(patrol.end_at, patrol.start_at) or patrol.end_at == patrol.start_at:
            out.append(error("end_at", "order", "Waktu selesai patroli harus sesudah waktu mulai."))
    elif patrol.end_at - patrol.start_at > MAX_PATROL_DURATION:
        out.append(
            warning(
                "end_at",
                "too_long",
                "Patroli lebih dari 24 jam; periksa tanggal selesai.",
            )
        )
    _check_team(out, patrol, officer_ids)
    if not patrol.places:
        out.append(error("places", "required", "Isi paling sedikit satu tempat yang dikunjungi."))
    for i, place in enumerate(patrol.places):
        _check_place(out, i, place, patrol, now, desa_names)
    check_lengths(out, patrol)
    return tuple(out)


def _check_team(out: list[Problem], patrol: Patrol, officer_ids: Collection[int] | None) -> None:
    if patrol.leader_id is None:
        out.append(error("leader_id", "required", "Ketua tim patroli wajib diisi."))
    check_officer(out, "leader_id", "Ketua tim patroli", patrol.leader_id, officer_ids)
    for i, member in enumerate(patrol.member_ids):
        check_officer(out, f"member_ids[{i}]", f"Anggota ke-{i + 1}", member, officer_ids)


def _check_place(
    out: list[Problem],
    i: int,
    place: PatrolPlace,
    patrol: Patrol,
    now: datetime,
    desa_names: Collection[str] | None,
) -> None:
    at = f"places[{i}]"
    if check_required(out, f"{at}.desa", "Desa", place.desa):
        check_listed(
            out,
            f"{at}.desa",
            place.desa,
            desa_names,
            f"Desa {shown(place.desa)} tidak ada di daftar desa.",
        )
    check_code(out, f"{at}.situation", "Situasi", place.situation, codes.SITUATIONS)
    check_not_negative(out, f"{at}.people_reached", "Jumlah warga yang disapa", place.people_reached)
    if place.at is None:
        return
    before_problems = len(out)
    check_time(out, f"{at}.at", "Waktu di tempat ini", place.at, now)
    if len(out) > before_problems:
        return  # naive or in the future: already said
    if is_before(place.at, patrol.start_at) or is_before(patrol.end_at, place.at):
        out.append(
            warning(
                f"{at}.at",
                "outside_patrol",
                "Waktu di tempat ini di luar jam mulai dan selesai patroli.",
            )
        )
