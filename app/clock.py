"""The one place that reads the wall clock, so tests can inject time instead of sleeping."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]


def utc_now() -> datetime:
    return datetime.now(UTC)


def fixed_clock(when: datetime) -> Clock:
    """A clock that always says `when` (tests)."""
    return lambda: when
