"""Week arithmetic in station time, for the weekly review (Anev mingguan).

A week runs from its start day 00.00 to the day before the next start day 24.00, in the
station's time zone (StationProfile.timezone), whatever UTC says: with WIB a report received
on Sunday 23.59 belongs to that week and one received on Monday 00.00 to the next.

The start day is a station setting (StationProfile.week_start: 0 = Monday ... 6 = Sunday).
Weeks are numbered the ISO way, generalised to any start day: a week belongs to the year that
holds its fourth day, and week 1 is the first week with four or more days in that year. For
Monday-start weeks this is exactly ISO 8601 ("2024-W07" = Monday 12 to Sunday 18 February
2024); for other start days the same label format names the station's own week.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from app.textid import format_month_year, format_week_title

_LABEL = re.compile(r"^\s*(\d{4})\s*-?\s*[wW]\s*(\d{1,2})\s*$")
WEEKDAY_NAMES = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")


class WeekFormatError(ValueError):
    """A week label that cannot be read; the message is Indonesian and shown as is."""


@dataclass(frozen=True, order=True)
class Week:
    """One statistics week: its first day (a station-time calendar date) and the rules that
    place it in time. Compare and sort by start date."""

    start: date
    week_start: int = 0
    timezone: str = "Asia/Jakarta"

    def __post_init__(self) -> None:
        if not 0 <= self.week_start <= 6:
            raise ValueError(f"week_start must be 0..6, not {self.week_start}")
        if self.start.weekday() != self.week_start:
            raise ValueError(f"{self.start} is not a {WEEKDAY_NAMES[self.week_start]}")

    # ------------------------------------------------------------------ calendar
    @property
    def end(self) -> date:
        """The last day of the week (inclusive)."""
        return self.start + timedelta(days=6)

    @property
    def days(self) -> tuple[date, ...]:
        return tuple(self.start + timedelta(days=i) for i in range(7))

    @property
    def year(self) -> int:
        """The year the week is numbered in: the year of its fourth day."""
        return (self.start + timedelta(days=3)).year

    @property
    def number(self) -> int:
        first = first_week_start(self.year, self.week_start)
        return (self.start - first).days // 7 + 1

    @property
    def label(self) -> str:
        """"2024-W07"."""
        return f"{self.year}-W{self.number:02d}"

    @property
    def month_day(self) -> date:
        """The day that places the week in a month: its fourth day (Thursday for a Monday
        start), the same rule that places it in a year."""
        return self.start + timedelta(days=3)

    @property
    def number_in_month(self) -> int:
        """Its number within the month of ``month_day``: 1 for the first week whose fourth
        day falls in that month (docs/WEEKLY.md "The week")."""
        return (self.month_day.day - 1) // 7 + 1

    @property
    def police_title(self) -> str:
        """"Minggu ke-3 Bulan November 2026": the week by police usage."""
        return month_week_title(self.start, self.week_start)

    @property
    def title(self) -> str:
        """"Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024"."""
        return format_week_title(self.start, self.end)

    # ------------------------------------------------------------------ instants
    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def start_utc(self) -> datetime:
        """The first instant of the week (station midnight), as aware UTC."""
        return local_midnight_utc(self.start, self.timezone)

    @property
    def end_utc(self) -> datetime:
        """The first instant after the week (exclusive bound), as aware UTC."""
        return local_midnight_utc(self.start + timedelta(days=7), self.timezone)

    def contains(self, instant: datetime) -> bool:
        return self.start_utc <= instant < self.end_utc

    # ------------------------------------------------------------------ moving
    def shift(self, weeks: int) -> Week:
        return Week(self.start + timedelta(weeks=weeks), self.week_start, self.timezone)

    def previous(self) -> Week:
        return self.shift(-1)

    def next(self) -> Week:
        return self.shift(1)

    def trailing(self, count: int) -> tuple[Week, ...]:
        """This week and the ``count - 1`` before it, oldest first."""
        return tuple(self.shift(-i) for i in range(count - 1, -1, -1))


def month_week_title(start: date, week_start: int = 0) -> str:
    """"Minggu ke-3 Bulan November 2026" for the week starting on ``start``: the week belongs
    to the month holding its fourth day (a Thursday for Monday-start weeks), counted from the
    first such week of that month. A week over a month's end thus belongs wholly to one month,
    and the week of 1 January belongs to the year its ISO number names (2026-W53 runs from
    28 December 2026 to 3 January 2027: "Minggu ke-5 Bulan Desember 2026")."""
    week = Week(start, week_start)
    return (f"Minggu ke-{week.number_in_month} Bulan "
            f"{format_month_year(week.month_day)}")


def local_midnight_utc(day: date, timezone: str) -> datetime:
    """Station midnight at the start of ``day`` as an aware UTC datetime."""
    return datetime.combine(day, time(0), tzinfo=ZoneInfo(timezone)).astimezone(UTC)


def first_week_start(year: int, week_start: int) -> date:
    """The first day of week 1 of ``year``: the start day on or before 4 January."""
    jan4 = date(year, 1, 4)
    return jan4 - timedelta(days=(jan4.weekday() - week_start) % 7)


def weeks_in_year(year: int, week_start: int) -> int:
    return (first_week_start(year + 1, week_start) - first_week_start(year, week_start)).days // 7


def week_of_date(day: date, week_start: int = 0, timezone: str = "Asia/Jakarta") -> Week:
    """The week holding the station-time calendar day ``day``."""
    return Week(day - timedelta(days=(day.weekday() - week_start) % 7), week_start, timezone)


def week_of_instant(instant: datetime, week_start: int = 0,
                    timezone: str = "Asia/Jakarta") -> Week:
    """The week holding an aware instant, judged by the station's wall clock."""
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ValueError("week_of_instant needs an aware datetime")
    return week_of_date(instant.astimezone(ZoneInfo(timezone)).date(), week_start, timezone)


def last_complete_week(now: datetime, week_start: int = 0,
                       timezone: str = "Asia/Jakarta") -> Week:
    """The newest week that has ended by ``now`` (the week before the running one)."""
    return week_of_instant(now, week_start, timezone).previous()


def parse_week(text: str, week_start: int = 0, timezone: str = "Asia/Jakarta") -> Week:
    """Read "2024-W07" (also "2024W7", "2024-w07"); raise WeekFormatError otherwise."""
    match = _LABEL.match(text or "")
    if match is None:
        raise WeekFormatError(
            f"format minggu {text!r} tidak dikenal; tulis tahun dan nomor minggu, "
            "misalnya 2024-W07")
    year, number = int(match.group(1)), int(match.group(2))
    if year < 1900:
        raise WeekFormatError(f"tahun {year} tidak masuk akal")
    count = weeks_in_year(year, week_start)
    if not 1 <= number <= count:
        raise WeekFormatError(f"tahun {year} hanya punya minggu ke-1 sampai ke-{count}, "
                              f"bukan minggu ke-{number}")
    start = first_week_start(year, week_start) + timedelta(weeks=number - 1)
    return Week(start, week_start, timezone)
