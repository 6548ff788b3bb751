"""Opening a store: pragmas, migrations at open (after a copy aside), refusals."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils

from app.store import NewerSchema, NotAPiketStore, Store
from app.store.opening import open_database
from app.store.schema.migrations import MIGRATIONS


def test_new_file_gets_every_migration_and_pragmas(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        names = {m.name for m in MIGRATIONS.applied(store.db)}
        assert names == {m.name for m in MIGRATIONS._migrations}
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert store.db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
        assert store.verify() == []


def test_pending_migration_copies_the_old_file_aside(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(path)
    MIGRATIONS.apply(db, stop_before="0002_seed_master_data")
    db.close()
    with Store(path) as store:
        assert len(store.master.category_codes()) == 21  # 18 seeded, 3 disasters (0010)
    copies = list(tmp_path.glob("old.db.before-0002_seed_master_data-*"))
    assert len(copies) == 1
    check = sqlite3.connect(copies[0])
    assert check.execute("SELECT count(*) FROM categories").fetchone()[0] == 0
    check.close()


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    Store(tmp_path / "b.db").close()
    with Store(tmp_path / "b.db") as store:
        assert len(store.master.category_codes()) == 21  # 18 seeded, 3 disasters (0010)
    assert not list(tmp_path.glob("b.db.before-*"))


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('piket', '9999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    with pytest.raises(NewerSchema):
        open_database(path)


def test_other_sqlite_file_and_garbage_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE x (a)")
    conn.commit()
    conn.close()
    with pytest.raises(NotAPiketStore):
        Store(other)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(NotAPiketStore):
        Store(garbage)
