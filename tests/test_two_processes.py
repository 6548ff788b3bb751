"""Two real processes at the same moment (issue 15, items 4 and 5): opening a brand-new store
(migrations are serialised, both succeed) and two backups started in the same second (each
writes its own partial file, neither replaces the other's backup)."""

from __future__ import annotations

import multiprocessing
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.backup import list_backups
from app.backup.backup import parse_backup_name
from app.store import Store, integrity_problems
from app.store.schema.migrations import MIGRATIONS

ROUNDS = 12
SPAWN = multiprocessing.get_context("spawn")  # a fresh interpreter each, as two windows are


def _open_store(path: str, barrier: Any, results: Any) -> None:
    barrier.wait()
    try:
        with Store(Path(path)) as store:
            results.put(("ok", store.summary_counts()["Personel"],
                         len(MIGRATIONS.applied(store.db))))
    except BaseException as exc:  # noqa: BLE001 - the parent reports what went wrong
        results.put(("failed", f"{type(exc).__name__}: {exc}", 0))


def _back_up(path: str, folder: str, barrier: Any, results: Any) -> None:
    from app.backup import BackupFailed, make_backup

    barrier.wait()
    try:
        info = make_backup(Path(path), Path(folder), "PEDAMARAN",
                           now=datetime(2026, 11, 28, 14, 5, 12, tzinfo=UTC))
        results.put(("ok", info.path.name))
    except BackupFailed as exc:
        results.put(("failed", f"{exc.reason}: {exc.detail}"))


def _run_pair(target: Any, *args: object) -> list[tuple[object, ...]]:
    barrier = SPAWN.Barrier(2)
    results = SPAWN.Queue()
    procs = [SPAWN.Process(target=target, args=(*args, barrier, results)) for _ in range(2)]
    for proc in procs:
        proc.start()
    out = [results.get(timeout=120) for _ in procs]
    for proc in procs:
        proc.join(timeout=60)
        assert proc.exitcode == 0
    return out


def test_two_processes_opening_a_brand_new_store_both_succeed(tmp_path: Path) -> None:
    failures = []
    for round_no in range(ROUNDS):
        path = tmp_path / f"r{round_no}" / "piket.db"
        path.parent.mkdir()
        outcomes = _run_pair(_open_store, str(path))
        failures += [o for o in outcomes if o[0] != "ok"]
        assert all(o[2] in (0, len(MIGRATIONS._migrations)) for o in outcomes)
        # a brand-new store is not copied aside: there was nothing in it to keep
        assert sorted(p.name for p in path.parent.iterdir() if "before-" in p.name) == []
        with Store(path) as store:
            assert len(MIGRATIONS.applied(store.db)) == len(MIGRATIONS._migrations)
            assert store.verify() == []
    assert failures == []


def test_two_backups_in_the_same_second_both_succeed(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    for _round in range(4):
        outcomes = _run_pair(_back_up, str(store.path), str(folder))
        assert [o[0] for o in outcomes] == ["ok", "ok"], outcomes
        names = {str(o[1]) for o in outcomes}
        assert len(names) == 2  # neither replaced the other's backup
    files = sorted(p.name for p in folder.iterdir())
    assert not [name for name in files if name.endswith(".partial")]
    backups = list_backups(folder, "PEDAMARAN")
    assert len(backups) == 8
    for backup in backups:
        assert integrity_problems(backup.path) == []
    # the same second: one plain name, then "-2"… in the order they were made
    assert backups[-1].path.name == "piket-PEDAMARAN-20261128T140512Z.db"
    assert backups[0].path.name == "piket-PEDAMARAN-20261128T140512Z-8.db"


@pytest.mark.parametrize(("name", "ok"), [
    ("piket-PEDAMARAN-20261128T140512Z-2.db", True),
    ("piket-PEDAMARAN-20261128T140512Z-10.db", True),
    ("piket-PEDAMARAN-20261128T140512Z-1.db", False),
    ("piket-PEDAMARAN-20261128T140512Z-02.db", False),
])
def test_same_second_suffix_is_part_of_a_backup_name(name: str, ok: bool) -> None:
    parsed = parse_backup_name(name)
    assert (parsed is not None) == ok
    if parsed:
        assert parsed == ("PEDAMARAN", datetime(2026, 11, 28, 14, 5, 12, tzinfo=UTC))
