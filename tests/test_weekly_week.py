"""Week arithmetic in station time: boundaries whatever UTC says, ISO labels for Monday-start
weeks, other start days, other time zones, malformed labels."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.weekly.week import (
    Week,
    WeekFormatError,
    last_complete_week,
    parse_week,
    week_of_date,
    week_of_instant,
    weeks_in_year,
)


def test_iso_week_2024_w07() -> None:
    week = parse_week("2024-W07")
    assert (week.start, week.end) == (date(2024, 2, 12), date(2024, 2, 18))
    assert week.label == "2024-W07"
    assert week.title == "Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024"
    # WIB midnight is 17.00 UTC the evening before
    assert week.start_utc == datetime(2024, 2, 11, 17, 0, tzinfo=UTC)
    assert week.end_utc == datetime(2024, 2, 18, 17, 0, tzinfo=UTC)


def test_boundaries_are_station_time() -> None:
    sunday_2359 = datetime(2024, 2, 18, 16, 59, tzinfo=UTC)  # Minggu 23.59 WIB
    monday_0000 = datetime(2024, 2, 18, 17, 0, tzinfo=UTC)  # Senin 00.00 WIB (still Sunday UTC)
    assert week_of_instant(sunday_2359).label == "2024-W07"
    assert week_of_instant(monday_0000).label == "2024-W08"
    assert parse_week("2024-W07").contains(sunday_2359)
    assert not parse_week("2024-W07").contains(monday_0000)


def test_other_time_zone() -> None:
    # 16.30 UTC on Sunday is 00.30 Monday WITA but 23.30 Sunday WIB
    instant = datetime(2024, 2, 18, 16, 30, tzinfo=UTC)
    assert week_of_instant(instant, 0, "Asia/Makassar").label == "2024-W08"
    assert week_of_instant(instant, 0, "Asia/Jakarta").label == "2024-W07"
    assert parse_week("2024-W07", 0, "Asia/Jayapura").start_utc == datetime(
        2024, 2, 11, 15, 0, tzinfo=UTC)


def test_saturday_start() -> None:
    week = week_of_date(date(2024, 2, 14), week_start=5)  # a Wednesday
    assert (week.start, week.end) == (date(2024, 2, 10), date(2024, 2, 16))
    assert week.title.startswith("Sabtu, 10 Februari 2024 s.d. Jumat, 16 Februari 2024")
    assert parse_week(week.label, 5) == week
    # Friday 23.59 WIB is in this week, Saturday 00.00 WIB in the next
    assert week.contains(datetime(2024, 2, 16, 16, 59, tzinfo=UTC))
    assert week_of_instant(datetime(2024, 2, 16, 17, 0, tzinfo=UTC), 5) == week.next()
    with pytest.raises(ValueError):
        Week(date(2024, 2, 12), week_start=5)  # a Monday cannot start a Saturday week


def test_sunday_start_numbering_follows_the_fourth_day() -> None:
    # Sunday 31 Dec 2023 - Saturday 6 Jan 2024: its fourth day is in 2024, so week 1 of 2024
    week = week_of_date(date(2024, 1, 2), week_start=6)
    assert week.start == date(2023, 12, 31) and week.label == "2024-W01"


def test_year_edges_and_53_weeks() -> None:
    assert week_of_date(date(2021, 1, 1)).label == "2020-W53"
    assert week_of_date(date(2024, 12, 30)).label == "2025-W01"
    assert weeks_in_year(2020, 0) == 53 and weeks_in_year(2024, 0) == 52
    assert parse_week("2020-W53").start == date(2020, 12, 28)


def test_moving_and_last_complete_week() -> None:
    week = parse_week("2024-W01")
    assert week.previous().label == "2023-W52" and week.next().label == "2024-W02"
    assert [w.label for w in week.trailing(3)] == ["2023-W51", "2023-W52", "2024-W01"]
    wednesday = datetime(2024, 2, 14, 7, 0, tzinfo=UTC)
    assert last_complete_week(wednesday).label == "2024-W06"
    monday_0000 = datetime(2024, 2, 18, 17, 0, tzinfo=UTC)
    assert last_complete_week(monday_0000).label == "2024-W07"


@pytest.mark.parametrize("text", ["2024w7", " 2024-w07 ", "2024 W07", "2024W07"])
def test_lenient_labels(text: str) -> None:
    assert parse_week(text).label == "2024-W07"


@pytest.mark.parametrize("text", ["", "2024", "W07", "2024-07", "2024-W", "24-W07",
                                  "2024-W00", "2024-W53", "2024-W7x", "minggu 7"])
def test_malformed_labels(text: str) -> None:
    with pytest.raises(WeekFormatError) as info:
        parse_week(text)
    assert "minggu" in str(info.value)


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_every_day_is_in_exactly_its_week(day: date, start: int) -> None:
    week = week_of_date(day, start)
    assert week.start <= day <= week.end and week.start.weekday() == start
    assert parse_week(week.label, start) == week
    if start == 0:
        iso = day.isocalendar()
        assert week.label == f"{iso.year}-W{iso.week:02d}"
    assert week.next().start - week.start == timedelta(days=7)


# ---------------------------------------------------------------- titles by police usage
@pytest.mark.parametrize(("label", "title"), [
    ("2026-W47", "Minggu ke-3 Bulan November 2026"),  # the example
    ("2024-W07", "Minggu ke-3 Bulan Februari 2024"),  # DOMAIN.md's example
    ("2026-W45", "Minggu ke-1 Bulan November 2026"),  # 2-8 Nov
    ("2026-W44", "Minggu ke-5 Bulan Oktober 2026"),  # 26 Oct-1 Nov: Thursday 29 Oct
    ("2026-W49", "Minggu ke-1 Bulan Desember 2026"),  # 30 Nov-6 Dec: Thursday 3 Dec
    ("2026-W53", "Minggu ke-5 Bulan Desember 2026"),  # 28 Dec 2026-3 Jan 2027
    ("2027-W01", "Minggu ke-1 Bulan Januari 2027"),
    ("2026-W01", "Minggu ke-1 Bulan Januari 2026"),  # starts Monday 29 Dec 2025
    ("2025-W01", "Minggu ke-1 Bulan Januari 2025"),  # starts Monday 30 Dec 2024
    ("2024-W09", "Minggu ke-5 Bulan Februari 2024"),  # 26 Feb-3 Mar 2024, leap year
])
def test_police_titles(label: str, title: str) -> None:
    assert parse_week(label).police_title == title


def test_police_title_other_start_day() -> None:
    # Sunday-start week 29 Nov-5 Dec 2026: its fourth day is Wednesday 2 December
    week = week_of_date(date(2026, 11, 30), 6)
    assert week.start == date(2026, 11, 29)
    assert week.police_title == "Minggu ke-1 Bulan Desember 2026"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 31)),
       st.integers(min_value=0, max_value=6))
def test_month_weeks_are_consecutive(day: date, start: int) -> None:
    """Every week belongs to one month; the next week is the next number in the same month,
    or week 1 of the next month; the month's year is the week's ISO-style year."""
    week = week_of_date(day, start)
    nxt = week.next()
    assert 1 <= week.number_in_month <= 5
    if nxt.month_day.month == week.month_day.month:
        assert nxt.number_in_month == week.number_in_month + 1
    else:
        assert nxt.number_in_month == 1
    assert week.month_day.year == week.year
