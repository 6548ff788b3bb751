"""A bulk write whose rows are made in other processes (large CSV imports).

Of an import of 100,000 walk-ins, about 25 s of CPU go to Python making each record's rows
and its canonical audit JSON (visits.rows), and about 20 s to SQLite writing them. In
one process they add up. Threads do not help: the writer's `executemany` lets go of
Python's lock for every row and then waits for the other thread to hand it back
(docs/BENCHMARKS.md). So a pool of processes makes the batches, a few ahead, while this one
writes them in order. (With one process making them, that process was the slower half.)
An import hands over the pool that read its rows (row_checks), whose processes have
already started and imported Piket.

What needs every record before it, this process does: the numbers are counted first, over
light stand-ins of the records (`BulkSource.numbering`), and each record's id follows from
its position; the audit entries come without their hashes, which are chained here
(visits.write, one sha256 an entry) as the batches are written. The other processes hold no
connection: the batch they start from (`rows.start`) was made here inside the write
transaction, and only this process touches the store.

A failure while making a record's rows, or a kept number that does not parse, raises
ItemFailed with the record's position in the source; any failure rolls the whole write
back, as `write.save_new` does.
"""

from __future__ import annotations

import multiprocessing
import pickle
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from app.domain.models import StationProfile, Visit
from app.store import audit
from app.store.errors import ItemFailed, helper_result
from app.store.records import StoreContext
from app.store.visits import rows as visit_rows
from app.store.visits.rows import BulkSource
from app.store.visits.write import DEFAULT_BATCH, write_rows

PROCESSES = 2
IN_FLIGHT = 4  # batches asked for and not written yet


def save_new_in_workers(ctx: StoreContext, profile: StationProfile, source: BulkSource,
                        by: int | None, *, keep_number: bool = False,
                        progress: Callable[[int], None] | None = None,
                        executor: Executor | None = None,
                        batch_size: int = DEFAULT_BATCH) -> int:
    """`write.save_new`, with the rows made in other processes: those of `executor` (an
    import passes the pool that read its rows: no new process to start), else two started
    here. Must run inside a write transaction; returns how many records were saved."""
    db = ctx.db
    count = 0
    with ExitStack() as stack:
        if executor is None:
            executor = stack.enter_context(ProcessPoolExecutor(
                PROCESSES, mp_context=multiprocessing.get_context("spawn")))
        batch = visit_rows.start(ctx, profile, by, keep_number)
        numbers = _count_numbers(batch, source, keep_number)
        size = batch_size
        first_id = batch.next_id
        tasks: deque[Future[bytes | Failure]] = deque()
        starts = iter(range(0, len(source), size))
        prev_hash = audit.latest_hash(db)
        try:
            while True:
                while len(tasks) < IN_FLIGHT and (start := next(starts, None)) is not None:
                    stop = min(start + size, len(source))
                    tasks.append(executor.submit(make_rows, batch, first_id + start, start,
                                                 source.part(start, stop), numbers[start:stop]))
                if not tasks:
                    break
                made = helper_result(tasks.popleft(), "pembuat baris")
                if isinstance(made, Failure):
                    raise ItemFailed(made.index, made.error)
                rows: visit_rows.Rows = pickle.loads(made)  # here, not in the pool's thread: see make_rows
                prev_hash = write_rows(db, rows, prev_hash)
                count += rows.size
                if progress is not None:
                    progress(count)
        finally:
            for task in tasks:
                task.cancel()
        batch.counters.save(db)
        if progress is not None:
            progress(count)
    return count


def _count_numbers(batch: visit_rows.NewVisits, source: BulkSource, keep_number: bool
                   ) -> list[dict[str, Any]]:
    """Every record's number columns, counted in order as `write.save_new` counts them."""
    numbers = []
    for index, record in enumerate(source.numbering()):
        try:
            numbers.append(batch.counters.number_values(record, keep_number))
        except ValueError as exc:
            raise ItemFailed(index, exc) from exc
    return numbers


@dataclass(frozen=True)
class Failure:
    """What a process making rows sends back instead: the record's position, the error."""

    index: int
    error: BaseException


def make_rows(batch: visit_rows.NewVisits, first_id: int, start: int,
              part: Iterable[tuple[Visit, str | None]],
              numbers: list[dict[str, Any]]) -> bytes | Failure:
    """In another process: the rows of the records at `start` and after (one batch, its
    first record's id `first_id`), the audit entries not chained yet; pickled, so that the
    pool's result thread in the writing process only passes bytes on. Unpickling 500
    records' rows there took the interpreter's lock for milliseconds at a time while the
    writer's `executemany` kept giving it up and waiting to get it back (the writes of an
    import into the 1M store: 29-30 s in two runs that way, 25-27 s in the next two)."""
    batch.seek(first_id)
    index = start  # of the record being built or added, told on failure
    try:
        for (visit, record_uuid), numbered in zip(part, numbers, strict=True):
            batch.add(visit, record_uuid, numbered)
            index += 1
        return pickle.dumps(batch.take(), pickle.HIGHEST_PROTOCOL)
    except Exception as exc:  # noqa: BLE001 - reported to the writer, which raises it
        try:
            pickle.dumps(exc)
        except Exception:  # noqa: BLE001 - an error that does not pickle: its text then
            exc = RuntimeError(repr(exc))
        return Failure(index, exc)
