"""Small checks shared by the record validators. Each appends to a list of problems."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping
from datetime import date, datetime, timedelta, tzinfo

from app.validation.limits import length_problems, year_message, year_out_of_range
from app.validation.problems import Problem, error, is_blank

# A clock a few minutes apart between the two desk PCs is normal; a time further ahead
# than this is a typo (wrong day, AM/PM) and is refused.
FUTURE_TOLERANCE = timedelta(minutes=5)
_SHOWN_CHARS = 40
_HIDDEN = ("Cc", "Cf")  # control and zero-width characters: invisible in a message


def shown(value: str) -> str:
    """User text quoted inside a message, cut so a pasted novel does not flood the form."""
    value = " ".join(value[: _SHOWN_CHARS * 4].split())
    value = "".join(ch for ch in value if unicodedata.category(ch) not in _HIDDEN).strip()
    if len(value) > _SHOWN_CHARS:
        value = value[: _SHOWN_CHARS - 1] + "…"
    return f"“{value}”"


def is_aware(value: datetime) -> bool:
    try:
        return value.tzinfo is not None and value.utcoffset() is not None
    except (ValueError, OverflowError):  # a tzinfo that cannot answer for this moment
        return False


def is_before(earlier: datetime | None, later: datetime | None) -> bool:
    """earlier < later, False when either is missing or naive (reported elsewhere)."""
    if earlier is None or later is None or not (is_aware(earlier) and is_aware(later)):
        return False
    try:
        return earlier < later
    except (ValueError, OverflowError):
        return False


def local_date(value: datetime, tz: tzinfo | None) -> date:
    """The calendar date of a moment in station time (tz), falling back to its own zone."""
    if tz is not None and is_aware(value):
        try:
            return value.astimezone(tz).date()
        except (ValueError, OverflowError):
            pass
    return value.date()


def require_aware_now(now: datetime) -> None:
    # `now` comes from the caller's clock, not from the officer: a naive one is a bug.
    if not is_aware(now):
        raise ValueError("now must be a timezone-aware datetime")


def check_time(out: list[Problem], field: str, label: str, value: datetime | None, now: datetime) -> None:
    """A moment must carry a time zone and may not lie in the future (beyond the tolerance)."""
    if value is None:
        return
    if not is_aware(value):
        out.append(error(field, "timezone", f"{label} harus memakai zona waktu."))
        return
    if year_out_of_range(value.year, now.date()):
        out.append(error(field, "year", year_message(label, value.year, now.date())))
        return
    try:
        ahead = value - now
    except (ValueError, OverflowError):
        return
    if ahead > FUTURE_TOLERANCE:
        out.append(error(field, "future", f"{label} tidak boleh di masa depan."))


def check_required(out: list[Problem], field: str, label: str, value: str) -> bool:
    """Append a "required" error when value is blank; True when it is filled in."""
    if is_blank(value):
        out.append(error(field, "required", f"{label} wajib diisi."))
        return False
    return True


def check_code(out: list[Problem], field: str, label: str, value: str, codes: Mapping[str, str]) -> bool:
    """A code from a fixed list: required and known. True when it is a known code."""
    if not check_required(out, field, label, value):
        return False
    if value not in codes:
        out.append(error(field, "unknown", f"{label} {shown(value)} tidak dikenal."))
        return False
    return True


def check_listed(
    out: list[Problem],
    field: str,
    value: str,
    names: Collection[str] | None,
    message: str,
) -> None:
    """A filled-in value must be in an editable master list, when the caller gave the list."""
    if names is None or is_blank(value) or value in names:
        return
    out.append(error(field, "unknown", message))


def check_officer(
    out: list[Problem],
    field: str,
    label: str,
    officer_id: int | None,
    officer_ids: Collection[int] | None,
) -> None:
    if officer_ids is None or officer_id is None or officer_id in officer_ids:
        return
    out.append(error(field, "unknown_officer", f"{label} tidak ada di daftar personel."))


def check_not_negative(out: list[Problem], field: str, label: str, value: int) -> None:
    if value < 0:
        out.append(error(field, "negative", f"{label} tidak boleh negatif."))


def check_date(out: list[Problem], field: str, label: str, value: date | None, today: date) -> bool:
    """A calendar date within the years records may hold (limits.MIN_YEAR to next year).
    True when it is (or is empty)."""
    if value is None or not year_out_of_range(value.year, today):
        return True
    out.append(error(field, "year", year_message(label, value.year, today)))
    return False


def check_lengths(out: list[Problem], record: object) -> None:
    """Every text of the record (and its parts) within its limit (limits.LIMITS)."""
    for field, message in length_problems(record):
        out.append(error(field, "too_long", message))
