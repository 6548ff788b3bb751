"""`--reports N`: N walk-ins spread evenly over the period, for the million-record benchmark.

Each record is saved whole (its handling folded in, see `handling.completed`) through
`store.visits.create` with validation, BATCH records per write transaction (each create
inside becomes a savepoint), in time order. Progress is reported about every 10 %.
"""

from __future__ import annotations

import time as wallclock
from collections.abc import Callable
from datetime import date, datetime

from app.demo.handling import completed
from app.demo.timeline import SimClock
from app.demo.walkins import WalkinPlanner
from app.domain.models import Visit
from app.store import Store
from app.store.db import write_transaction
from app.textid import format_number

BATCH = 1000


def write_bulk_visits(store: Store, clock: SimClock, planner: WalkinPlanner, days: list[date],
                      total: int, end: datetime, say: Callable[[str], None]) -> int:
    started = wallclock.perf_counter()
    per_day, extra = divmod(total, len(days))
    step = max(BATCH, total // 10)
    done = 0
    pending: list[tuple[datetime, int, Visit]] = []
    for index, day in enumerate(days):
        for plan in planner.plan_bulk_day(day, per_day + (1 if index < extra else 0)):
            visit, last = completed(plan, end)
            pending.append((max(last, plan.entered_at), len(pending), visit))
        pending.sort(key=lambda item: (item[0], item[1]))
        while pending:
            batch, pending = pending[:BATCH], pending[BATCH:]
            with write_transaction(store.db):
                for at, _order, visit in batch:
                    clock.when = at
                    store.visits.create(visit, visit.receiving_officer_id)
            before, done = done, done + len(batch)
            if done // step != before // step or done == total:
                seconds = wallclock.perf_counter() - started
                say(f"  {format_number(done)}/{format_number(total)} kunjungan "
                    f"({format_number(seconds, 1)} detik, {format_number(done / seconds)} per detik)")
    return done
