"""Crash test in reduced form (bench/crash_test.py runs 100 rounds): SIGKILL at random
moments while saving; every acknowledged record survives and the store verifies."""

from __future__ import annotations

import importlib.util
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import ModuleType

import pytest

from app.store import Store

BENCH = Path(__file__).resolve().parents[1] / "bench" / "crash_test.py"
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL (POSIX)")


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("crash_test", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["crash_test"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_ten_rounds_of_sigkill_lose_nothing(tmp_path: Path) -> None:
    bench = _bench()
    results = bench.run(10, tmp_path / "piket.db", seed=20261128, max_delay=0.3, quiet=True)
    assert sum(r.acknowledged for r in results) >= 10
    assert [r.lost for r in results] == [()] * 10
    assert [r.problems for r in results] == [()] * 10


def test_killed_while_creating_a_new_store_it_still_opens(tmp_path: Path) -> None:
    """Kills during the first start (migrations, seeding) at random moments."""
    rng = random.Random(7)
    for attempt in range(6):
        db = tmp_path / f"baru{attempt}.db"
        child = subprocess.Popen([sys.executable, "-c",
                                  f"from app.store import Store; Store({str(db)!r}).close()"])
        time.sleep(rng.uniform(0.15, 0.9))
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        with Store(db) as store:
            assert store.verify() == []
            assert len(store.master.category_codes()) == 21  # 18 seeded, 3 disasters (0010)


def test_first_start_killed_before_its_first_migration_is_still_a_new_store(tmp_path: Path) -> None:
    db = tmp_path / "piket.db"
    conn = sqlite3.connect(db)  # what such a kill leaves: the bookkeeping table, nothing else
    conn.execute("CREATE TABLE _sqlite_migrations (migration_set TEXT, name TEXT, applied_at TEXT)")
    conn.commit()
    conn.close()
    with Store(db) as store:
        assert store.verify() == []
