"""Indonesian dates, times and money, independent of the OS locale."""

from __future__ import annotations

import locale
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta

import pytest

from app import textid


@pytest.fixture(autouse=True)
def _english_os_locale(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Babel reads LC_TIME/LANG when no locale is given; ours must never look.
    for name in ("LANG", "LC_ALL", "LC_TIME", "LC_NUMERIC", "LC_MONETARY", "LANGUAGE"):
        monkeypatch.setenv(name, "en_US.UTF-8")
    saved = locale.setlocale(locale.LC_ALL)
    locale.setlocale(locale.LC_ALL, "C")
    yield
    locale.setlocale(locale.LC_ALL, saved)


def test_dates() -> None:
    day = date(2024, 2, 12)
    assert textid.format_date_long(day) == "Senin, 12 Februari 2024"
    assert textid.format_date(day) == "12 Februari 2024"
    assert textid.format_month_year(day) == "Februari 2024"
    assert textid.format_weekday(date(2024, 2, 18)) == "Minggu"
    assert textid.format_date(date(2024, 1, 1)) == "1 Januari 2024"
    assert textid.format_date_long(datetime(2024, 12, 25, 23, 0)) == "Rabu, 25 Desember 2024"


def test_all_weekdays_and_months() -> None:
    days = [textid.format_weekday(date(2024, 2, 12) + timedelta(d)) for d in range(7)]
    assert days == ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
    months = [textid.format_month_year(date(2024, m, 1)).split()[0] for m in range(1, 13)]
    assert months == [
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ]


def test_times() -> None:
    assert textid.format_time(time(14, 5)) == "14.05"
    assert textid.format_time(time(0, 0)) == "00.00"
    assert textid.format_time(datetime(2024, 2, 12, 8, 30)) == "08.30"


def test_datetime_long() -> None:
    when = datetime(2024, 2, 12, 14, 5)
    assert textid.format_datetime_long(when, "WIB") == "Senin, 12 Februari 2024 pukul 14.05 WIB"
    assert textid.format_datetime_long(when, "") == "Senin, 12 Februari 2024 pukul 14.05"


def test_rupiah() -> None:
    assert textid.format_rupiah(12_500_000) == "Rp12.500.000"
    assert textid.format_rupiah(0) == "Rp0"
    assert textid.format_rupiah(999) == "Rp999"
    assert textid.format_rupiah(1_000) == "Rp1.000"
    assert textid.format_rupiah(-12_500) == "-Rp12.500"


def test_numbers() -> None:
    assert textid.format_number(1234567) == "1.234.567"
    assert textid.format_number(12.5, 1) == "12,5"
    assert textid.format_number(0.25, 2) == "0,25"


def test_whole_counts_are_formatted_as_babel_formats_them() -> None:
    from babel.numbers import format_decimal

    for value in (0, 7, 999, 1_000, -1_234, 12_345, 999_999, 1_010_689, -10**12, 10**15 + 3):
        assert textid.format_number(value) == format_decimal(value, format="#,##0", locale="id")


def test_week_title() -> None:
    assert textid.format_week_title(date(2024, 2, 12), date(2024, 2, 18)) == (
        "Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024"
    )


def test_to_local() -> None:
    utc = datetime(2024, 2, 12, 7, 5, tzinfo=UTC)
    local = textid.to_local(utc, "Asia/Jakarta")
    assert (local.hour, local.minute, local.utcoffset()) == (14, 5, timedelta(hours=7))
    assert textid.to_local(utc, "Asia/Makassar").hour == 15
    assert textid.to_local(utc, "Asia/Jayapura").hour == 16
    # late evening UTC is already the next day in WIB
    late = textid.to_local(datetime(2024, 2, 11, 20, 0, tzinfo=UTC), "Asia/Jakarta")
    assert textid.format_datetime_long(late, "WIB") == "Senin, 12 Februari 2024 pukul 03.00 WIB"


def test_to_local_refuses_naive() -> None:
    with pytest.raises(ValueError):
        textid.to_local(datetime(2024, 2, 12, 7, 5), "Asia/Jakarta")
