"""Reading and writing what a desk officer types in date, time and Rupiah fields
(Indonesian conventions: 12-02-2024, 14.05, Rp12.500.000). Pure functions, no widgets."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

_DATE_RE = re.compile(r"^\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{4}|\d{2})(?!\d)")
_TIME_RE = re.compile(r"^\s*(?:pukul|jam|pkl\.?)?\s*(\d{1,2})\s*[.:]\s*(\d{2})\s*(?:wib|wita|wit)?\s*$",
                      re.IGNORECASE)
DATETIME_HINT = "Tulis tanggal dan jam seperti 12-02-2024 14.05 (atau jam saja: 14.05)."
DATE_HINT = "Tulis tanggal seperti 05-07-1985."


def format_datetime_text(value: datetime, tz: tzinfo) -> str:
    return value.astimezone(tz).strftime("%d-%m-%Y %H.%M")


def format_date_text(value: date) -> str:
    return value.strftime("%d-%m-%Y")


def _year(text: str, today: date) -> int:
    year = int(text)
    if len(text) == 2:  # the most recent century that is not in the future
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def parse_date_text(text: str, today: date) -> date | None:
    """A typed date ("05-07-1985", "5/7/85"); None when empty; ValueError with an Indonesian
    message when it cannot be read."""
    text = text.strip()
    if not text:
        return None
    match = _DATE_RE.match(text)
    if not match or text[match.end():].strip():
        raise ValueError(DATE_HINT)
    day, month, year = int(match[1]), int(match[2]), _year(match[3], today)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"Tanggal {day}-{month}-{year} tidak ada di kalender.") from None


def parse_datetime_text(text: str, now_local: datetime) -> datetime | None:
    """A typed moment in station time ("12-02-2024 14.05", "14.05" = today). The result
    carries now_local's time zone. None when empty; ValueError with a message otherwise."""
    text = text.strip()
    if not text:
        return None
    tz = now_local.tzinfo
    day = now_local.date()
    rest = text
    match = _DATE_RE.match(text)
    if match:
        try:
            day = date(_year(match[3], now_local.date()), int(match[2]), int(match[1]))
        except ValueError:
            raise ValueError("Tanggal itu tidak ada di kalender. " + DATETIME_HINT) from None
        rest = text[match.end():].strip(" ,")
        if not rest:
            raise ValueError("Isi juga jamnya, mis. 14.05.")
    time_match = _TIME_RE.match(rest)
    if not time_match:
        raise ValueError(DATETIME_HINT)
    hour, minute = int(time_match[1]), int(time_match[2])
    if hour > 23 or minute > 59:
        raise ValueError("Jam harus antara 00.00 dan 23.59.")
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz)


def parse_rupiah_text(text: str) -> int:
    """ "Rp12.500.000", "12500000", "12 500 000" -> 12500000; "" -> 0."""
    cleaned = re.sub(r"(?i)^\s*rp\.?", "", text).strip()
    cleaned = re.sub(r"[\s.]", "", cleaned)
    if cleaned.endswith(",-"):
        cleaned = cleaned[:-2]
    if not cleaned:
        return 0
    if not cleaned.isdigit() or not cleaned.isascii():
        raise ValueError("Tulis nilai dalam rupiah, angka saja, mis. 12.500.000.")
    if len(cleaned) > 15:
        raise ValueError("Nilai terlalu besar.")
    return int(cleaned)


def format_rupiah_text(value: int) -> str:
    return f"{value:,}".replace(",", ".")


# ------------------------------------------------------------------ inline messages
