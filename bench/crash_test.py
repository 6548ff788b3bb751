"""Crash test: a child process saves police reports (LP, each taking a number) in a loop and
prints each one's sequence once the save has returned; the parent kills it with SIGKILL at a
random moment. After every round the store must pass `piket verify` (store.verify() == [])
and hold every record the child reported saved, with LP numbers 1..n without a gap or a
duplicate (a save killed halfway takes no number).

    python bench/crash_test.py [--rounds 100] [--seed N] [--db PATH] [--max-delay 0.4]

tests/test_crash.py runs the same rounds in reduced form (10 rounds). A SIGKILL tests what
the process leaves behind (transactions, WAL); a power cut additionally needs every commit to
reach the disk, which PRAGMA synchronous=FULL asks of the OS (see docs/RELIABILITY.md)."""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

CHILD = """
import sys
from datetime import UTC, datetime
from app.domain.models import Party, Visit
from app.store import Store

store = Store(sys.argv[1])
n = int(sys.argv[2])
while True:
    visit = Visit(service="lp", lp_model="B", received_at=datetime.now(UTC),
                  category="curanmor", incident_desa="Serinanti", place_type="rumah",
                  narrative=f"crash-test {n}: sepeda motor hilang dari teras rumah",
                  parties=(Party(role="pelapor", name=f"Pelapor {n}"),))
    store.visits.create(visit, None)
    sys.stdout.write(f"{n}\\n")
    sys.stdout.flush()
    n += 1
"""


@dataclass(frozen=True)
class RoundResult:
    acknowledged: int  # saves the child reported done in this round
    lost: tuple[int, ...]  # reported saved, not in the store
    problems: tuple[str, ...]  # store.verify() and number checks


def run_round(db: Path, start: int, delay: float) -> tuple[RoundResult, int]:
    """One child, killed `delay` seconds after its first reported save. Returns the result and
    the next marker number."""
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(db), str(start)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert child.stdout is not None
    acknowledged: list[int] = []
    first = child.stdout.readline()
    if first.endswith("\n"):
        acknowledged.append(int(first))
        time.sleep(delay)
    os.kill(child.pid, signal.SIGKILL)
    rest, errors = child.communicate(timeout=60)
    if not acknowledged and child.returncode != -signal.SIGKILL:
        raise RuntimeError(f"the child failed before saving anything:\n{errors}")
    for line in rest.splitlines(keepends=True):
        if line.endswith("\n"):  # a line cut by the kill was never a complete report
            acknowledged.append(int(line))
    lost, problems = check_store(db, acknowledged)
    return RoundResult(len(acknowledged), lost, problems), max(acknowledged, default=start - 1) + 1


def check_store(db: Path, acknowledged: list[int]) -> tuple[tuple[int, ...], tuple[str, ...]]:
    from app.store import Store

    with Store(db) as store:
        problems = list(store.verify())
        rows = store.db.execute(
            "SELECT narrative, number_seq FROM visits WHERE service = 'lp' ORDER BY id").fetchall()
    present = {int(text.split()[1].rstrip(":")) for text, _ in rows}
    seqs = [seq for _, seq in rows]
    if sorted(seqs) != list(range(1, len(seqs) + 1)):
        problems.append(f"nomor LP tidak berurutan atau ganda: {sorted(seqs)[-5:]}")
    return tuple(sorted(set(acknowledged) - present)), tuple(problems)


def run(rounds: int, db: Path, seed: int, max_delay: float, *, quiet: bool = False
        ) -> list[RoundResult]:
    rng = random.Random(seed)
    results: list[RoundResult] = []
    marker = 1
    for index in range(rounds):
        result, marker = run_round(db, marker, rng.uniform(0.0, max_delay))
        results.append(result)
        if not quiet:
            status = "ok" if not result.lost and not result.problems else "GAGAL"
            print(f"{index + 1:>5}  {result.acknowledged:>6}  {len(result.lost):>6}  {status}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument("--max-delay", type=float, default=0.4,
                        help="longest wait (s) after the first save before the kill")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="piket-crash-") as tmp:
        db = args.db or Path(tmp) / "piket.db"
        print(f"store: {db}   seed: {args.seed}   rounds: {args.rounds}")
        print("round  acked    lost  status")
        started = time.monotonic()
        results = run(args.rounds, db, args.seed, args.max_delay)
        elapsed = time.monotonic() - started
    acked = sum(r.acknowledged for r in results)
    lost = sum(len(r.lost) for r in results)
    failed = [i + 1 for i, r in enumerate(results) if r.lost or r.problems]
    print()
    print(f"{'rounds':<22}{len(results):>8}")
    print(f"{'records acknowledged':<22}{acked:>8}")
    print(f"{'records lost':<22}{lost:>8}")
    print(f"{'rounds failing verify':<22}{len(failed):>8}")
    print(f"{'seconds':<22}{elapsed:>8.1f}")
    for i in failed[:10]:
        print(f"round {i}: lost {results[i - 1].lost[:10]} problems {results[i - 1].problems[:3]}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
