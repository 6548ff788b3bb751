"""How the figures of the weekly review are written, the same on paper and on screen:
changes "+2 (+50,0%)", shares "75,0%", durations "7,5 menit" / "1 jam 5 menit"."""

from __future__ import annotations

from app.textid import format_number
from app.weekly.model import Row

MINUS = "−"  # a real minus sign: a hyphen is easy to miss on a cheap printer
NONE = "-"


def signed(value: float, decimals: int = 0) -> str:
    text = format_number(abs(value), decimals)
    if value > 0:
        return f"+{text}"
    if value < 0:
        return f"{MINUS}{text}"
    return text


def change_text(row: Row) -> str:
    """"+2 (+50,0%)", "−1 (−25,0%)", "0 (0,0%)"; "+3 (baru)" when last week had none,
    "0" when both weeks had none."""
    if row.previous == 0:
        return "0" if row.current == 0 else f"{signed(row.delta)} (baru)"
    percent = row.percent
    assert percent is not None
    return f"{signed(row.delta)} ({signed(percent, 1)}%)"


def percent_text(share: float | None) -> str:
    """A fraction as "75,0%"; "-" when there is nothing to divide."""
    return NONE if share is None else f"{format_number(100 * share, 1)}%"


def minutes_text(minutes: float | None) -> str:
    """"7,5 menit", "12 menit", "1 jam 5 menit"; "-" when unknown."""
    if minutes is None:
        return NONE
    if minutes < 60:
        rounded = round(minutes, 1)
        decimals = 0 if rounded == int(rounded) else 1
        return f"{format_number(rounded, decimals)} menit"
    whole = int(round(minutes))
    hours, rest = divmod(whole, 60)
    return f"{hours} jam" + (f" {rest} menit" if rest else "")


def hours_text(hours: float) -> str:
    """"12,5 jam"."""
    rounded = round(hours, 1)
    decimals = 0 if rounded == int(rounded) else 1
    return f"{format_number(rounded, decimals)} jam"


def count_text(value: int) -> str:
    return format_number(value)
