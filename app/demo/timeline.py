"""Replaying planned events in time order on a simulated store clock.

Every demo write happens "when it would have happened": the store's clock is set to the
event's time, so created/updated times, status and issue histories and the audit trail read
like a real desk's. Events after the end of the period are dropped (a report received late
on Sunday is still waiting on Monday morning). One write transaction per station day keeps
thousands of small writes fast; each store call inside it becomes a savepoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from app.store import Store

Action = Callable[["Run"], None]


class SimClock:
    """The store's clock during the demo: says whatever time the current event has."""

    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when


@dataclass
class Run:
    """What actions share while the timeline runs: the store and the records made so far."""

    store: Store
    ids: dict[str, int] = field(default_factory=dict)  # plan key -> visit / patrol / meeting id
    extra: dict[str, Any] = field(default_factory=dict)  # e.g. patrol uuid, issue uuids


@dataclass(order=True)
class _Event:
    at: datetime
    order: int
    action: Action = field(compare=False)


class Timeline:
    def __init__(self, end: datetime) -> None:
        self.end = end
        self._events: list[_Event] = []

    def add(self, at: datetime, action: Action) -> None:
        self._events.append(_Event(at.astimezone(UTC), len(self._events), action))

    def __len__(self) -> int:
        return len(self._events)

    def run(self, run: Run, clock: SimClock, tz: tzinfo,
            progress: Callable[[date], None] | None = None) -> int:
        """Run every event up to the end; returns how many ran."""
        events = sorted(e for e in self._events if e.at <= self.end)
        done = 0
        i = 0
        while i < len(events):
            day = events[i].at.astimezone(tz).date()
            with run.store.unit_of_work():
                while i < len(events) and events[i].at.astimezone(tz).date() == day:
                    clock.when = events[i].at
                    events[i].action(run)
                    i += 1
                    done += 1
            if progress is not None:
                progress(day)
        return done


def chain(start: datetime, *gaps: timedelta) -> list[datetime]:
    """Times of a record's successive events: each strictly after the one before."""
    out = [start]
    for gap in gaps:
        out.append(out[-1] + max(gap, timedelta(minutes=1)))
    return out
