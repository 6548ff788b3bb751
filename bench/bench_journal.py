"""How long the buku mutasi of one shift takes to read on a large store: a plain store with N
walk-ins and N audit entries (prints, views, searches, ...) spread over three years, then the
journal of a few shifts. Prints a table; not a test.

    .venv/bin/python bench/bench_journal.py [--rows 1000000] [--keep DIR]

The rows are written with plain INSERTs (only the columns the journal reads), so setting up a
million takes a minute or two rather than hours; what is measured is the journal's reading,
which goes through indexed ranges only (docs/JOURNAL.md).
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.store import Store  # noqa: E402

START = datetime(2022, 1, 1, tzinfo=UTC)
SPAN_S = 3 * 365 * 24 * 3600
SHIFTS = (date(2022, 6, 1), date(2023, 5, 10), date(2024, 8, 1))


def fill(store: Store, rows: int, rng: random.Random) -> None:
    def stamp() -> str:
        return (START + timedelta(seconds=rng.randrange(SPAN_S))).isoformat(timespec="seconds")

    conn = store.db.conn
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO visits (uuid, station_code, created_at, updated_at, service, received_at, "
        "status) VALUES (?, 'X', ?, ?, 'informasi', ?, 'diterima')",
        ((str(uuid.uuid4()), s, s, s) for s in (stamp() for _ in range(rows))))
    conn.executemany(
        "INSERT INTO audit_log (at, action, kind, prev_hash, hash) VALUES (?, ?, 'visit', '', ?)",
        ((stamp(), rng.choice(("create", "update", "print", "view", "search")),
          uuid.uuid4().hex + uuid.uuid4().hex) for _ in range(rows)))
    conn.execute("COMMIT")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="build the store in this folder and keep it")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-journal-"))
    folder.mkdir(parents=True, exist_ok=True)
    with Store(folder / "journal.db") as store:
        started = time.perf_counter()
        fill(store, args.rows, random.Random(19))
        print(f"{args.rows:,} walk-ins + {args.rows:,} audit entries written in "
              f"{time.perf_counter() - started:.0f} s")
        print(f"{'shift':<12} {'lines':>6} {'first read ms':>14} {'again ms':>9}")
        for day in SHIFTS:
            shift = store.duty.shift_on(day)
            times = []
            for _ in range(2):
                started = time.perf_counter()
                journal = store.duty.journal(shift)
                times.append((time.perf_counter() - started) * 1000)
            print(f"{day.isoformat():<12} {len(journal.events):>6} {times[0]:>14.1f} "
                  f"{times[1]:>9.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
