"""The first pass of an import, each row read on its own (`RowReader.read`), in file order.

A small file is read here. From the `from_row`-th row on (a register of many thousands), the
rows go in chunks to two other processes (there are two cores; reading a row costs about
110 us of Python, 11 s for 100,000), while this process reads the file and takes the results
in order. What needs all rows (numbers and uuids seen before, the counts) stays with the
caller, which gets every row's result in the order of the file.

A result sent back carries the row's parsed values, not its record (`RowResult.visit` is
None): the caller builds the record again from them when it saves (reports_import).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from app.csvio.report_rows import RowReader, RowResult
from app.store import helper_result

CHUNK = 1000  # rows per task
IN_FLIGHT = 4  # tasks sent and not yet taken
PROCESSES = 2

Row = tuple[int, dict[str, str]]  # (line, values)


class RowChecks:
    """`add` rows in file order; `ready` and `finish` give back (line, values, result) in
    the same order. Close it (a `with` block) to stop the other processes."""

    def __init__(self, reader: RowReader, *, from_row: int, chunk: int = CHUNK,
                 in_flight: int = IN_FLIGHT) -> None:
        self._reader = reader
        self._from_row = from_row
        self._chunk_size = chunk
        self._in_flight = in_flight
        self._chunk: list[Row] = []
        self._added = 0
        self._tasks: deque[tuple[list[Row], Future[list[RowResult]]]] = deque()
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> RowChecks:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def executor(self) -> ProcessPoolExecutor:
        """The other processes (started at the first use), for more work of the same file
        (the import's second pass makes its rows there: store.visits.import_many)."""
        if self._pool is None:
            self._pool = ProcessPoolExecutor(PROCESSES, mp_context=multiprocessing.get_context(
                "spawn"))  # the same on Windows and Linux
        return self._pool

    def add(self, line: int, values: dict[str, str]) -> list[tuple[int, dict[str, str], RowResult]]:
        """Take one row; returns the rows whose results are ready (maybe none)."""
        self._chunk.append((line, values))
        self._added += 1
        if len(self._chunk) < self._chunk_size:
            return []
        return list(self._send())

    def finish(self) -> Iterator[tuple[int, dict[str, str], RowResult]]:
        """The results of every row not given back yet."""
        yield from self._send()
        while self._tasks:
            yield from self._take()

    def _send(self) -> Iterator[tuple[int, dict[str, str], RowResult]]:
        chunk, self._chunk = self._chunk, []
        if not chunk:
            return
        if self._pool is None and self._added < self._from_row:
            yield from ((line, values, self._reader.read(values)) for line, values in chunk)
            return
        self._tasks.append((chunk, self.executor().submit(read_rows, self._reader,
                                                     [values for _line, values in chunk])))
        while len(self._tasks) > self._in_flight:
            yield from self._take()

    def _take(self) -> Iterator[tuple[int, dict[str, str], RowResult]]:
        chunk, task = self._tasks.popleft()
        results = helper_result(task, "pemeriksa baris")
        for (line, values), result in zip(chunk, results, strict=True):
            yield line, values, result


def read_rows(reader: RowReader, rows: list[dict[str, str]]) -> list[RowResult]:
    """In another process: the results of `rows`, without their records."""
    return [replace(result, visit=None) for result in map(reader.read, rows)]
