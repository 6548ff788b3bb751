"""Shifts in station time: which shift a moment belongs to, which regu is on it, and when its
handover is late. Pure functions (no store, no clock): the store and the window hand them the
settings and the moment.

Assumptions (docs/JOURNAL.md; change them here):
- One shift a day: it starts at `shift_start` (08.00) and ends at the same time the next day.
  A shift is named by the station-time date it starts on (`Shift.day`).
- Regu rotate one shift each, in their order, counting from `rotation_start` (the date the
  first regu was on duty); no rotation date or no regu: nobody is named.
- A handover is on time when it is signed before `shift end + handover_grace_minutes` (09.00).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

DEFAULT_START = "08:00"


@dataclass(frozen=True)
class DutySettings:
    """Shift times (Pengaturan; persisted in the store under "duty.")."""

    shift_start: str = DEFAULT_START  # "HH:MM", station time
    handover_grace_minutes: int = 60  # not handed over this long after the end: late
    rotation_start: str = ""  # ISO date the first regu was on duty ("" : no rotation)


class ShiftTimeError(ValueError):
    """A shift time that is not HH:MM (the message is Indonesian, for the field)."""


def parse_start(text: str) -> time:
    """ "08:00" or "08.00" as a time; ShiftTimeError otherwise."""
    cleaned = text.strip().replace(".", ":")
    try:
        hours, minutes = (int(part) for part in cleaned.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ShiftTimeError("Jam mulai dinas harus berbentuk JJ.MM, misalnya 08.00.") from None


@dataclass(frozen=True)
class Shift:
    day: date  # the station-time date the shift starts on
    start: datetime  # aware, station time
    end: datetime  # aware, station time (the next day's start)

    @property
    def start_utc(self) -> datetime:
        return self.start.astimezone(ZoneInfo("UTC"))

    @property
    def end_utc(self) -> datetime:
        return self.end.astimezone(ZoneInfo("UTC"))

    def deadline(self, settings: DutySettings) -> datetime:
        """When its handover becomes late (09.00 the next day by default)."""
        return self.end + timedelta(minutes=settings.handover_grace_minutes)


def shift_on(day: date, settings: DutySettings, tz: str) -> Shift:
    """The shift that starts on station-time date `day`."""
    zone = ZoneInfo(tz)
    start_time = parse_start(settings.shift_start)
    start = datetime.combine(day, start_time, tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), start_time, tzinfo=zone)
    return Shift(day, start, end)


def shift_at(moment: datetime, settings: DutySettings, tz: str) -> Shift:
    """The shift a moment (aware, any zone) belongs to: before the start time of its
    station-time day, it is still the previous day's shift."""
    if moment.tzinfo is None:
        raise ValueError("shift_at needs an aware datetime")
    local = moment.astimezone(ZoneInfo(tz))
    day = local.date()
    if local.time() < parse_start(settings.shift_start):
        day -= timedelta(days=1)
    return shift_on(day, settings, tz)


def team_index(day: date, settings: DutySettings, team_count: int) -> int | None:
    """Which regu (by position) is on the shift of `day`, or None (no rotation set)."""
    if team_count <= 0 or not settings.rotation_start:
        return None
    try:
        anchor = date.fromisoformat(settings.rotation_start)
    except ValueError:
        return None
    return (day - anchor).days % team_count


HANDOVER_EARLIEST = timedelta(hours=2)  # a shift is handed over from this long before its end


def may_hand_over(now: datetime, shift: Shift) -> bool:
    """Whether the shift can be handed over at `now`: near its end or after it."""
    return now >= shift.end - HANDOVER_EARLIEST


def on_time(signed_at: datetime, shift: Shift, settings: DutySettings) -> bool:
    return signed_at < shift.deadline(settings)


def is_overdue(now: datetime, shift: Shift, settings: DutySettings, handed_over: bool) -> bool:
    """The shift ended, its deadline passed and nobody handed it over (the Beranda warning)."""
    return not handed_over and now >= shift.deadline(settings)


def shifts_between(first: date, last: date, settings: DutySettings, tz: str) -> Sequence[Shift]:
    """Every shift starting on a date from `first` to `last` inclusive."""
    days = (last - first).days + 1
    return [shift_on(first + timedelta(days=i), settings, tz) for i in range(max(days, 0))]
