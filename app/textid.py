"""Indonesian words for dates, times and money, for documents and the UI.

Everything goes through Babel with the locale passed explicitly, never the OS locale, so a PC
set to English (or with no locale at all) still prints "Senin, 12 Februari 2024".

Written forms chosen (change them here, every document follows):
- dates "12 Februari 2024", with the day "Senin, 12 Februari 2024";
- times "14.05" (a dot, as in EYD and Babel's "id" data), "pukul 14.05 WIB" in full;
- money "Rp12.500.000": Babel's form for "id", and the spelling guide's (EYD: "Rp" directly
  before the figure, dot for thousands). Rupiah are whole numbers, so no ",00".
"""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

LOCALE = "id"

_LONG_DATE = "EEEE, d MMMM y"
_DATE = "d MMMM y"
_TIME = "HH.mm"


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


def format_date_long(value: date | datetime) -> str:
    """ "Senin, 12 Februari 2024". A datetime must already be in station time."""
    from babel.dates import format_date  # Babel and its locale data: 40 ms, not at start

    return format_date(_as_date(value), _LONG_DATE, locale=LOCALE)


def format_date(value: date | datetime) -> str:
    """ "12 Februari 2024"."""
    from babel.dates import format_date

    return format_date(_as_date(value), _DATE, locale=LOCALE)


def format_month_year(value: date | datetime) -> str:
    """ "Februari 2024"."""
    from babel.dates import format_date

    return format_date(_as_date(value), "MMMM y", locale=LOCALE)


def format_weekday(value: date | datetime) -> str:
    """ "Senin"."""
    from babel.dates import format_date

    return format_date(_as_date(value), "EEEE", locale=LOCALE)


def format_time(value: time | datetime) -> str:
    """ "14.05" (24-hour clock). A datetime must already be in station time."""
    plain = value.time() if isinstance(value, datetime) else value.replace(tzinfo=None)
    from babel.dates import format_time

    return format_time(plain, _TIME, locale=LOCALE)


def format_datetime_long(dt_local: datetime, tz_abbr: str = "") -> str:
    """ "Senin, 12 Februari 2024 pukul 14.05 WIB" (the zone left off if ``tz_abbr`` is empty)."""
    text = f"{format_date_long(dt_local)} pukul {format_time(dt_local)}"
    return f"{text} {tz_abbr}" if tz_abbr else text


def format_rupiah(amount: int) -> str:
    """ "Rp12.500.000"; negative amounts "-Rp12.500"."""
    from babel.numbers import format_currency

    return format_currency(amount, "IDR", format="¤#,##0", locale=LOCALE, currency_digits=False)


def format_number(value: float, decimals: int = 0) -> str:
    """ "1.234" or, with decimals=1, "12,5" (Indonesian separators)."""
    if isinstance(value, int) and decimals == 0:
        # a count, as the walk-in list shows at start: the same text as Babel's (pinned by
        # tests/test_textid.py) without loading Babel's locale data first
        return f"{value:,}".replace(",", ".")
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return format_decimal(value, format=pattern, locale=LOCALE)


def format_week_title(start: date, end: date) -> str:
    """ "Senin, 12 Februari 2024 s.d. Minggu, 18 Februari 2024"."""
    return f"{format_date_long(start)} s.d. {format_date_long(end)}"


def to_local(dt_utc: datetime, tz_name: str) -> datetime:
    """An aware datetime shown in the station's zone (e.g. "Asia/Jakarta").

    A naive datetime is refused: the store keeps aware UTC times, and guessing would silently
    shift a report by seven hours.
    """
    if dt_utc.tzinfo is None or dt_utc.utcoffset() is None:
        raise ValueError("to_local needs an aware datetime")
    return dt_utc.astimezone(ZoneInfo(tz_name))


_ONES = ("nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
         "sepuluh", "sebelas")


def spell_number(n: int) -> str:
    """0..999 in Indonesian words, as letters spell a period ("14 (empat belas) hari")."""
    if not 0 <= n <= 999:
        return str(n)
    if n < 12:
        return _ONES[n]
    if n < 20:
        return f"{_ONES[n - 10]} belas"
    if n < 100:
        tens, rest = divmod(n, 10)
        return f"{_ONES[tens]} puluh" + (f" {_ONES[rest]}" if rest else "")
    hundreds, rest = divmod(n, 100)
    head = "seratus" if hundreds == 1 else f"{_ONES[hundreds]} ratus"
    return head + (f" {spell_number(rest)}" if rest else "")


def format_date_short(value: date | datetime) -> str:
    """20-09-2026: a date for a narrow table cell, which never breaks inside it."""
    d = _as_date(value)
    return f"{d.day:02d}-{d.month:02d}-{d.year:04d}"
