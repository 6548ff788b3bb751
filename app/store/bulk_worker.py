"""A bulk write whose rows are made in a second process (large CSV imports).

Of an import of 100,000 walk-ins, about 20 s go to Python making each record's rows, its
canonical audit JSON and the hash chain (visit_bulk._Batch), and about 20 to 30 s to SQLite
writing them. In one process they add up. Threads do not help: the writer's `executemany`
lets go of Python's lock for every row and then waits for the other thread to hand it back
(docs/BENCHMARKS.md). So a second process (there are two cores) makes the batches and sends
them over a pipe, while this one writes the previous batch; at most one batch waits in the
pipe. The second process holds no connection: the batch it starts from (`start_batch`) was
made here inside the write transaction, and only this process touches the store.

`source` must be picklable and yield (visit, uuid or None) when iterated in the second
process (the import sends its checked rows and builds the records there). A failure while
making a record's rows raises ItemFailed with the record's position in `source`; any
failure rolls the whole write back, as `create_many` does.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Iterable
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from app.domain.models import Visit
from app.store.db import write_transaction
from app.store.visit_bulk import BATCH, Rows, start_batch, write_rows

if TYPE_CHECKING:
    from app.store.visit_bulk import _Batch
    from app.store.visits import VisitRepo


class ItemFailed(Exception):
    """Making the rows of the record at `index` of the source failed with `error`."""

    def __init__(self, index: int, error: BaseException) -> None:
        super().__init__(f"record {index}: {error}")
        self.index = index
        self.error = error


def create_many_in_worker(repo: VisitRepo, source: Iterable[tuple[Visit, str | None]],
                          by: int | None, *, keep_number: bool = False,
                          progress: Callable[[int], None] | None = None) -> int:
    """`visit_bulk.create_many`, with the rows made in a second process."""
    db = repo._ctx.db
    count = 0
    with write_transaction(db, savepoint=False):
        batch = start_batch(repo, by, keep_number)
        context = multiprocessing.get_context("spawn")  # the same on Windows and Linux
        receive, send = context.Pipe(duplex=False)
        worker = context.Process(target=_make_rows, args=(send, batch, source),
                                 name="piket-bulk-rows", daemon=True)
        worker.start()
        send.close()  # this end belongs to the worker now: its exit is our EOF
        try:
            while True:
                message = _receive(receive)
                if isinstance(message, Rows):
                    count += write_rows(db.conn, message)
                    if progress is not None:
                        progress(count)
                elif message[0] == "done":
                    counters = message[1]
                    break
                else:
                    raise ItemFailed(message[1], message[2])
        finally:
            receive.close()
            if worker.is_alive():
                worker.terminate()
            worker.join()
        counters.save(db)
        if progress is not None:
            progress(count)
    return count


def _receive(receive: Connection) -> Any:
    try:
        return receive.recv()
    except EOFError:
        raise RuntimeError("proses pembuat baris berhenti tanpa kabar; tidak ada yang "
                           "disimpan") from None


def _make_rows(send: Connection, batch: _Batch, source: Iterable[tuple[Visit, str | None]]
               ) -> None:
    """The second process: the batches of `source`, then ("done", counters)."""
    index = -1
    try:
        for index, (visit, record_uuid) in enumerate(source):  # noqa: B007 - told on failure
            batch.add(visit, record_uuid)
            if batch.size >= BATCH:
                send.send(batch.take())
        send.send(batch.take())
        send.send(("done", batch.counters))
    except Exception as exc:  # noqa: BLE001 - reported to the writer, which raises it
        try:
            send.send(("error", index, exc))
        except Exception:  # noqa: BLE001 - an error that does not pickle: its text then
            send.send(("error", index, RuntimeError(repr(exc))))
    finally:
        send.close()
