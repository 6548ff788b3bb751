"""The Polres hub at scale (issue 20 item 9): stations × walk-ins pushed to a throwaway
PostgreSQL server over its local socket, the Polres weekly review on a cold mirror (every
station's mirror built from the hub) and on a warm one, then a typical week (~300 records)
pushed from one station, its bundle's size per record, and the review after it (that
station's mirror caught up). Prints a table.

    .venv/bin/python bench/bench_hub.py                          # 20 stations x 10,000
    .venv/bin/python bench/bench_hub.py --walk-ins 100000 --cache /work/benchcache
    .venv/bin/python bench/bench_hub.py --stations 3 --quick     # a quick look
    .venv/bin/python bench/bench_hub.py --stations 1 --only mirror --walk-ins 100000 \
        --cache /work/benchcache                                 # one station's first build

Every station is a copy of bench_scale's cached encrypted demo store (with --cache, the
`scale-v1-N-sqlcipher.db` there is only copied, never opened in place), migrated once and
then copied under a station code of its own, with a key pair of its own (made at its first
push), and pushed whole: every station's entries are signed by it and checked by the hub
one by one, as a real first push. Each station's copy is deleted once pushed (but the
first's). The server is tests/pg_server.py's (initdb in a temporary folder, as a non-root
user; fsync off: it measures Piket, not the disk), deleted at the end."""

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
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_scale  # noqa: E402  (after the path: it sits beside this file)
import bench_weekly  # noqa: E402

REVIEW_WEEK, NEW_WEEK = bench_scale.TYPICAL_WEEK, "2024-W08"
TARGET_REVIEW_S = 2.0
PUSH_BATCH = 2000


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def source_store(walk_ins: int, cache: Path | None) -> Path:
    """The encrypted demo store to copy: the one in `cache` as it is, or bench_scale's."""
    if cache is not None:
        found = cache / f"scale-{bench_scale.VERSION}-{walk_ins}-sqlcipher.db"
        if found.exists():
            return found
    plain, _facts = bench_scale.ensure_store(walk_ins, say)
    return bench_scale.encrypted_copy(plain, say)


def timed(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stations", type=int, default=20)
    parser.add_argument("--walk-ins", type=int, default=10_000, choices=bench_scale.SIZES)
    parser.add_argument("--cache", type=Path, help="folder of bench_scale's cached stores "
                        "(read only: copied)")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="one repetition")
    parser.add_argument("--only", choices=["mirror"], help="mirror: after the pushes, only "
                        "the first build of each station's mirror, --reps times (--profile: "
                        "the first under cProfile, its top functions printed)")
    parser.add_argument("--profile", action="store_true", help="with --only mirror")
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

    source = source_store(args.walk_ins, args.cache)
    key = bench_scale.BENCH_KEY
    now = datetime(2024, 3, 1, 3, tzinfo=UTC)
    rows: list[tuple[str, str, str]] = []
    with running_server() as server, tempfile.TemporaryDirectory(prefix="piket-bench-") as tmp:
        dsn = server.dsn(server.new_database())
        with connect(dsn) as conn:
            migrate(conn)
        base = Path(tmp) / "base.db"
        shutil.copyfile(source, base)
        Store(base, key=key).close()  # migrated once, before any key pair is made
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
                result = push(store, dsn, batch=PUSH_BATCH)
                first_push.append(time.perf_counter() - started)
                entries += result.added
            if n > 0:
                path.unlink()
            say(f"station {n + 1}/{args.stations}: {result.added:,} entries pushed in "
                f"{first_push[-1]:.1f} s")
        base.unlink()
        rows.append((f"first push of one station ({entries // args.stations:,} entries, "
                     f"batches of {PUSH_BATCH:,})", f"{statistics.median(first_push):.1f} s",
                     f"{entries / sum(first_push):,.0f} entries/s (median of "
                     f"{args.stations})"))
        with psycopg.connect(dsn) as pg:
            size = pg.execute("SELECT pg_database_size(current_database())").fetchone()
        rows.append((f"hub database, {args.stations} stations",
                     f"{(size or [0])[0] / 2**30:,.2f} GiB", f"{entries:,} entries"))

        mirror = Path(tmp) / "mirror"
        if args.only == "mirror":
            rows.extend(_mirror_builds(dsn, mirror, now, args.stations, reps, args.profile))
            _print(args, rows)
            return 0
        pdf = Path(tmp) / "polres.pdf"

        def review(label: str) -> None:
            with connect(dsn) as conn:
                week = polres_week(conn, label, now, folder=mirror)
            render_polres_pdf(week, pdf)

        took = timed(lambda: review(REVIEW_WEEK))
        rows.append((f"Polres weekly review {REVIEW_WEEK}, cold mirror: every station's "
                     "mirror built from the hub, PDF", f"{took:.0f} s",
                     f"{took / args.stations:.1f} s a station; once per Polres"))
        disk = sum(f.stat().st_size for f in mirror.iterdir())
        rows.append(("mirror folder", f"{disk / 2**30:,.2f} GiB",
                     f"{disk / args.stations / 2**20:,.0f} MiB a station"))

        def uncached(label: str) -> float:
            for lines in mirror.glob("*.lines.json"):
                lines.unlink()
            return timed(lambda: review(label))

        times = [uncached(REVIEW_WEEK) for _ in range(reps)]
        rows.append((f"Polres weekly review {REVIEW_WEEK}, warm mirror, nothing new, every "
                     "station's figures computed, PDF", f"{statistics.median(times):.2f} s",
                     f"target {TARGET_REVIEW_S:.0f} s; {_runs(times)}"))

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
        first = uncached(NEW_WEEK)  # station PS00's mirror caught up in it
        rows.append((f"Polres weekly review {NEW_WEEK} right after that push (PS00's mirror "
                     "caught up in it), every station's figures computed, PDF",
                     f"{first:.2f} s", f"target {TARGET_REVIEW_S:.0f} s"))
        times = [uncached(NEW_WEEK) for _ in range(reps)]
        rows.append((f"Polres weekly review {NEW_WEEK} again, nothing new, every station's "
                     "figures computed, PDF", f"{statistics.median(times):.2f} s",
                     f"target {TARGET_REVIEW_S:.0f} s; {_runs(times)}"))
        times = [timed(lambda: review(NEW_WEEK)) for _ in range(reps)]
        rows.append((f"Polres weekly review {NEW_WEEK} again (each station's line kept "
                     "for its mirror's entry)", f"{statistics.median(times):.2f} s",
                     _runs(times)))
    _print(args, rows)
    return 0


def _mirror_builds(dsn: str, folder: Path, now: datetime, stations: int, reps: int,
                   profile: bool) -> list[tuple[str, str, str]]:
    """Each station's mirror built from the hub `reps` times (its folder emptied first)."""
    from app.hub.connect import connect
    from app.hub.mirror import Mirrors

    rows = []
    for n in range(stations):
        code = f"PS{n:02d}"
        times = []
        for rep in range(reps):
            shutil.rmtree(folder, ignore_errors=True)
            with connect(dsn) as conn:
                mirrors = Mirrors(conn, lambda: now, folder)
                if profile and rep == 0:
                    import cProfile
                    import pstats

                    profiler = cProfile.Profile()
                    took = timed(partial(profiler.runcall, mirrors.refresh, code))
                    pstats.Stats(profiler, stream=sys.stderr).sort_stats(
                        "cumulative").print_stats(45)
                    say(f"{code}: built under cProfile in {took:.1f} s (not counted)")
                    continue
                times.append(timed(partial(mirrors.refresh, code)))
            say(f"{code}: mirror built in {times[-1]:.1f} s")
        if times:
            rows.append((f"first build of {code}'s mirror from the hub",
                         f"{statistics.median(times):.1f} s", _runs(times)))
    shutil.rmtree(folder, ignore_errors=True)
    return rows


def _print(args: argparse.Namespace, rows: list[tuple[str, str, str]]) -> None:
    print(f"### Hub: {args.stations} stations × {args.walk_ins:,} walk-ins "
          f"({bench_scale.machine()})\n")
    print("| measure | value | note |")
    print("|---|---|---|")
    for name, value, note in rows:
        print(f"| {name} | {value} | {note} |")


def _runs(times: list[float]) -> str:
    return "runs " + ", ".join(f"{t:.2f}" for t in times) + " s"


if __name__ == "__main__":
    sys.exit(main())
