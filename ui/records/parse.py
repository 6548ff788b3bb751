"""Reading what an officer typed into a table cell: times, head counts, dates. Each parser
returns the value or an Indonesian message for the cell; blank text is "nothing", not an error.
"""

from __future__ import annotations

import re
from datetime import date, time, timedelta

_TIME = re.compile(r"^(\d{1,2})(?:[.:,h ]?(\d{2}))?$")
_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*(hari)?$", re.IGNORECASE)

TIME_HINT = "jj.mm"
DATE_HINT = "hh-bb-tttt atau +7"


def parse_time(text: str) -> tuple[time | None, str]:
    """ "21.30", "21:30", "2130", "930", "21" -> 21:30, 9:30, 21:00."""
    typed = text.strip()
    if not typed:
        return None, ""
    match = _TIME.match(typed)
    if match:
        hour = int(match.group(1))
        minute = int(match.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute), ""
    return None, f"Jam “{typed}” tidak dikenali; tulis seperti 21.30."


def parse_count(text: str) -> tuple[int, str]:
    """A head count: blank is 0; "-3" is read (validation says it may not be negative)."""
    typed = text.strip().replace(".", "")
    if not typed:
        return 0, ""
    try:
        return int(typed), ""
    except ValueError:
        return 0, f"“{text.strip()}” bukan angka; tulis jumlah orang dengan angka."


def parse_date(text: str, base: date | None = None) -> tuple[date | None, str]:
    """ "23-02-2024", "23/2/24", or "+7" (days after `base`, e.g. the meeting's day)."""
    typed = text.strip()
    if not typed:
        return None, ""
    relative = _RELATIVE.match(typed)
    if relative and base is not None:
        return base + timedelta(days=int(relative.group(1))), ""
    match = _DATE.match(typed)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            year += 2000
        try:
            return date(year, month, day), ""
        except ValueError:
            pass
    return None, f"Tanggal “{typed}” tidak dikenali; tulis seperti 23-02-2024 atau +7."


def format_date_cell(value: date | None) -> str:
    return value.strftime("%d-%m-%Y") if value else ""


def format_time_cell(value: time | None) -> str:
    return f"{value.hour:02d}.{value.minute:02d}" if value else ""
