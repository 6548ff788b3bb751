"""The Polres hub at scale (issue 20 item 9): stations × walk-ins pushed to a throwaway
PostgreSQL server over its local socket, then a typical week (~300 records) pushed, its
bundle's size per record, and the Polres weekly review (every station's figures by the
station's own figures module over its records rebuilt at the hub, and the PDF). Prints a
table.

    .venv/bin/python bench/bench_hub.py                          # 20 stations x 10,000
    .venv/bin/python bench/bench_hub.py --walk-ins 100000        # the issue's scale
    .venv/bin/python bench/bench_hub.py --stations 3 --quick     # a quick look

Each station is a copy of bench_scale's cached demo store (bench/.cache/, encrypted with its
bench key) under a station code of its own; the server is tests/pg_server.py's (initdb in a
temporary folder, as a non-root user; fsync off: it measures Piket, not the disk)."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_scale  # noqa: E402  (after the path: it sits beside this file)
import bench_weekly  # noqa: E402

REVIEW_WEEK, NEW_WEEK = bench_scale.TYPICAL_WEEK, "2024-W08"
QUIET_WEEK = "2024-W04"  # inside the demo period: a Polsek's ordinary weeks before it
TARGET_REVIEW_S = 2.0


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=20)
    parser.add_argument("--walk-ins", type=int, default=10_000, choices=bench_scale.SIZES)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one repetition")
    args = parser.parse_args()
    reps = 1 if args.quick else args.reps
    # stopped with `kill`: leave through the finally blocks (the server is stopped)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))

    import psycopg

    from app.domain.models import Officer
    from app.hub.connect import connect
    from app.hub.pdf import render_polres_pdf
    from app.hub.schema import migrate
    from app.hub.weekly import polres_week
    from app.store import Store
    from app.sync.bundle import write_bundle
    from app.sync.push import push
    from app.weekly.figures import station_week
    from tests.pg_server import running_server

    plain, _facts = bench_scale.ensure_store(args.walk_ins, say)
    base = bench_scale.encrypted_copy(plain, say)
    key = bench_scale.BENCH_KEY
    now = datetime(2024, 3, 1, 3, tzinfo=UTC)
    rows: list[tuple[str, str, str]] = []
    with running_server() as server, tempfile.TemporaryDirectory(prefix="piket-bench-") as tmp:
        dsn = server.dsn(server.new_database())
        with connect(dsn) as conn:
            migrate(conn)
        first_push: list[float] = []
        entries = 0
        for n in range(args.stations):
            path = Path(tmp) / f"station-{n:02d}.db"
            shutil.copyfile(base, path)
            with Store(path, key=key, clock=lambda: now) as store:
                profile = store.profile()
                store.settings.save_station_profile(
                    replace(profile, code=f"PS{n:02d}", name=f"POLSEK {n + 1:02d}"), None)
                started = time.perf_counter()
                result = push(store, dsn, batch=1000)
                first_push.append(time.perf_counter() - started)
                entries += result.added
            say(f"station {n + 1}/{args.stations}: {result.added:,} entries pushed in "
                f"{first_push[-1]:.1f} s")
        rows.append((f"first push of one station ({entries // args.stations:,} entries)",
                     f"{statistics.median(first_push):.1f} s",
                     f"{entries / sum(first_push):,.0f} entries/s"))
        with psycopg.connect(dsn) as pg:
            size = pg.execute("SELECT pg_database_size(current_database())").fetchone()
        rows.append((f"hub database, {args.stations} stations", f"{(size or [0])[0] / 2**20:,.0f} MB",
                     f"{entries:,} entries"))

        station = Path(tmp) / "station-00.db"
        with Store(station, key=key, clock=lambda: now) as store:
            store.sync.ack("bundle", *store.audit_head())
            officer = store.master.list(Officer, active_only=True)[0].id
            assert officer is not None
            # the week's walk-ins, patrols and meetings
            records = bench_weekly.fill_week(store, random.Random(7),
                                             station_week(store.profile(), NEW_WEEK).start_utc,
                                             bench_weekly.TYPICAL_MIX, officer)
            started = time.perf_counter()
            result = push(store, dsn)
            took = time.perf_counter() - started
            rows.append((f"push of a typical week ({records} records)", f"{took:.2f} s",
                         f"{result.added} entries"))
            bundle = Path(tmp) / "week.bundle"
            count = write_bundle(store, bundle)
            rows.append(("bundle of that week", f"{bundle.stat().st_size / 1024:,.0f} KiB",
                         f"{bundle.stat().st_size / records / 1024:.1f} KiB per record, "
                         f"{count} entries"))
        for label, what in ((QUIET_WEEK, "a demo week"),
                            (REVIEW_WEEK, "after the 10,000-walk-in week")):
            times = []
            for _ in range(reps):
                started = time.perf_counter()
                with connect(dsn) as conn:
                    week = polres_week(conn, label, now)
                render_polres_pdf(week, Path(tmp) / "polres.pdf")
                times.append(time.perf_counter() - started)
            rows.append((f"Polres weekly review {label}, {what} ({args.stations} stations, "
                         "PDF)", f"{statistics.median(times):.2f} s",
                         f"target {TARGET_REVIEW_S:.0f} s; CT total {week.total('ct')}"))
    print(f"### Hub: {args.stations} stations × {args.walk_ins:,} walk-ins "
          f"({bench_scale.machine()})\n")
    print("| measure | value | note |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
