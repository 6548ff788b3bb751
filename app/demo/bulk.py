"""`--reports N`: N walk-ins spread evenly over the period, for the million-record benchmark.

Each record is saved whole (its handling folded in, see `handling.completed`), in time order,
through the store's bulk path: `store.visits.check` (the validation `create` runs; a
blocking problem is a bug of the demo and raises InvalidRecord) and then
`store.visits.create_many`, which stores what `create` stores (row, children, status
history, number, search entry, audit entry) with one `executemany` per table.

A record is saved once its last step has happened. Records are written per station day:
when the plans of a day are made, every record whose last touch falls before the next day
is saved with the store clock at the latest of those touches, so created times and audit
times stay within the day of the record's last step (a record saved one by one would carry
the minute itself). Up to COMMIT_EVERY records share one write transaction (each day's
`create_many` joins it). Same seed and options, same records: only the
uuids are random, as with `create`. Progress is reported about every 10 %.
"""

from __future__ import annotations

import time as wallclock
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from app.demo.handling import completed
from app.demo.timeline import SimClock
from app.demo.walkins import WalkinPlanner
from app.domain.models import Visit
from app.store import InvalidRecord, Store
from app.textid import format_number
from app.validation import blocking

COMMIT_EVERY = 20_000


class _Writer:
    """Saves due records in day groups and reports progress."""

    def __init__(self, store: Store, clock: SimClock, total: int,
                 say: Callable[[str], None]) -> None:
        self._store = store
        self._clock = clock
        self._total = total
        self._say = say
        self._step = max(1000, total // 10)
        self._started = wallclock.perf_counter()
        self._in_transaction = 0
        self.done = 0

    def save(self, due: list[tuple[datetime, int, Visit]]) -> None:
        if not due:
            return
        self._clock.when = max(at for at, _order, _visit in due)
        visits = self._store.visits
        for _at, _order, visit in due:
            problems = blocking(visits.check(visit), visit.accepted_warnings)
            if problems:
                raise InvalidRecord(problems)
        # the officer who received a record creates it, as `create(visit, officer)` did
        # (one bulk write per officer and day: within a day, ids follow the officers)
        by_officer: dict[int | None, list[Visit]] = {}
        for _at, _order, visit in due:
            by_officer.setdefault(visit.receiving_officer_id, []).append(visit)
        for officer, group in by_officer.items():
            visits.create_many(((visit, None) for visit in group), officer)
        before, self.done = self.done, self.done + len(due)
        self._in_transaction += len(due)
        if self.done // self._step != before // self._step or self.done == self._total:
            seconds = max(wallclock.perf_counter() - self._started, 1e-9)
            self._say(f"  {format_number(self.done)}/{format_number(self._total)} kunjungan "
                      f"({format_number(seconds, 1)} detik, "
                      f"{format_number(self.done / seconds)} per detik)")

    def commit_due(self) -> bool:
        if self._in_transaction >= COMMIT_EVERY:
            self._in_transaction = 0
            return True
        return False


def write_bulk_visits(store: Store, clock: SimClock, planner: WalkinPlanner, days: list[date],
                      total: int, end: datetime, say: Callable[[str], None]) -> int:
    per_day, extra = divmod(total, len(days))
    writer = _Writer(store, clock, total, say)
    pending: list[tuple[datetime, int, Visit]] = []
    order = 0
    index = 0
    while index < len(days):
        with store.unit_of_work():
            while index < len(days):
                day = days[index]
                for plan in planner.plan_bulk_day(day, per_day + (1 if index < extra else 0)):
                    visit, last = completed(plan, end)
                    pending.append((max(last, plan.entered_at), order, visit))
                    order += 1
                index += 1
                pending.sort(key=lambda item: (item[0], item[1]))
                # plans of later days are entered from the next day on: what is due before
                # then can be saved now
                if index < len(days):
                    tz = end.tzinfo
                    limit = datetime.combine(days[index], time(), tz)
                else:
                    limit = end + timedelta(days=36500)
                cut = next((i for i, item in enumerate(pending) if item[0] >= limit),
                           len(pending))
                due, pending = pending[:cut], pending[cut:]
                writer.save(due)
                if writer.commit_due():
                    break
    return writer.done
