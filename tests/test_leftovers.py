"""Leftovers of interrupted runs (issue 15, item 8) go at the next start once nothing can
need them, and the log says so without personal data: staged restore copies, partial
backups, migration copies (rules in docs/RELIABILITY.md, "Leftovers")."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.backup.service import tidy_backup_folders
from app.domain.models import Officer
from app.store import Store
from app.store.leftovers import tidy_beside
from app.store.schema.migrations import MIGRATIONS

HOURS = 3600


def _age(path: Path, seconds: float) -> None:
    when = time.time() - seconds
    os.utime(path, (when, when))


def _stamp(days_ago: float) -> str:
    return (datetime.now(UTC) - timedelta(days=days_ago)).strftime("%Y%m%dT%H%M%SZ")


@pytest.fixture
def kept_store(tmp_path: Path) -> Path:
    path = tmp_path / "piket.db"
    with Store(path) as store:
        store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None)
    return path


def test_interrupted_restore_copies_go_at_the_next_start(
        kept_store: Path, caplog: pytest.LogCaptureFixture) -> None:
    folder = kept_store.parent
    old = folder / ".piket.db.restore-20260101T000000Z"
    shutil.copyfile(kept_store, old)  # full size, as a restore killed halfway leaves it
    (folder / (old.name + "-journal")).write_bytes(b"x" * 512)
    young = folder / f".piket.db.restore-{_stamp(0)}"  # a restore running right now
    shutil.copyfile(kept_store, young)
    for leftover in (old, folder / (old.name + "-journal")):
        _age(leftover, 2 * HOURS)
    with caplog.at_level(logging.INFO, logger="piket"):
        Store(kept_store).close()
    assert not old.exists() and not (folder / (old.name + "-journal")).exists()
    assert young.exists()
    logged = caplog.text
    assert f"Sisa berkas dihapus: {old.name}" in logged
    assert "ANDI" not in logged and "85061234" not in logged  # names only, nothing personal


def test_partial_backups_go_at_the_next_start(kept_store: Path,
                                              caplog: pytest.LogCaptureFixture) -> None:
    folder = kept_store.parent / "backups"
    folder.mkdir()
    old = folder / ".piket-PEDAMARAN-20260101T000000Z.db.4242-0a1b2c3d.partial"
    legacy = folder / ".piket-PEDAMARAN-20251231T000000Z.db.partial"  # named by older Pikets
    young = folder / f".piket-PEDAMARAN-{_stamp(0)}.db.4243-0a1b2c3e.partial"
    for partial in (old, legacy, young):
        shutil.copyfile(kept_store, partial)
    _age(old, 2 * HOURS)
    _age(legacy, 30 * 24 * HOURS)
    with Store(kept_store) as store, caplog.at_level(logging.INFO, logger="piket"):
        removed = tidy_backup_folders(store)
    assert sorted(removed) == sorted([old, legacy])
    assert young.exists()
    assert "cadangan yang terputus" in caplog.text


def test_migration_copies_follow_the_rule(kept_store: Path) -> None:
    folder = kept_store.parent
    applied = "0005_search_terms"
    # a first start cut short (older Pikets copied even an empty file): nothing to keep
    empty = folder / f"piket.db.before-0002_seed_master_data-{_stamp(0.5)}"
    conn = sqlite3.connect(empty)
    conn.execute("CREATE TABLE _sqlite_migrations (id INTEGER PRIMARY KEY, migration_set TEXT, "
                 "name TEXT, applied_at TEXT)")
    conn.commit()
    conn.close()
    # an upgrade that completed: the state before it, kept 14 days after the upgrade
    recent = folder / f"piket.db.before-{applied}-{_stamp(3)}"
    month = folder / f"piket.db.before-{applied}-{_stamp(20)}"
    # an upgrade that never committed (power cut): the store itself still is that state
    never = folder / f"piket.db.before-0099_not_applied-{_stamp(0.5)}"
    # the same, being made right now by another process: too young to judge
    running = folder / f"piket.db.before-0098_running-{_stamp(0)}"
    kept_aside = folder / f"piket.db.before-restore-{_stamp(40)}"  # the user's, never ours
    for copy in (recent, month, never, running, kept_aside):
        shutil.copyfile(kept_store, copy)
    for copy in (empty, recent, month, never, kept_aside):
        _age(copy, 2 * HOURS)
    with Store(kept_store) as store:  # the next start
        assert applied in {m.name for m in MIGRATIONS.applied(store.db)}
    assert not empty.exists() and not month.exists() and not never.exists()
    assert recent.exists() and running.exists() and kept_aside.exists()
    _age(running, 2 * HOURS)  # that process is gone, its upgrade never committed
    assert tidy_beside(kept_store, {applied}) == [running]


def test_a_store_opened_read_only_touches_nothing(kept_store: Path) -> None:
    old = kept_store.parent / ".piket.db.restore-20260101T000000Z"
    shutil.copyfile(kept_store, old)
    _age(old, 2 * HOURS)
    Store(kept_store, read_only=True).close()
    assert old.exists()
