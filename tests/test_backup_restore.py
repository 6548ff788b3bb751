"""Restore: round trip, refusals (nothing changed), older schemas, damaged store at open,
newer schema, the CLI."""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from datetime import timedelta
from pathlib import Path

import pytest
import sqlite_utils

from app.backup import RestoreRefused, inspect_backup, make_backup, restore_store
from app.backup.service import backup_store
from app.cli import main as cli_main
from app.domain.models import Officer
from app.store import DamagedStore, NewerSchema, Store
from app.store.schema.migrations import MIGRATIONS
from tests.factories import kehilangan, lp, meeting, patrol
from tests.test_backup import _damage


def _state(store: Store) -> tuple[object, ...]:
    numbers = [r[0] for r in store.db.execute("SELECT number FROM visits ORDER BY id")]
    chain = [r[0] for r in store.db.execute("SELECT hash FROM audit_log ORDER BY id")]
    return store.summary_counts(), numbers, chain, store.audit_fingerprint()


def _fill(store: Store, officer: Officer) -> None:
    now = store.clock()
    for i in range(4):
        store.visits.create(lp(now - timedelta(hours=i + 1), officer.id), officer.id)
        store.visits.create(kehilangan(now - timedelta(hours=i + 1), officer.id), officer.id)
    assert officer.id is not None
    store.patrols.save(patrol(now - timedelta(hours=6), officer.id), officer.id)
    store.meetings.save(meeting(now - timedelta(days=1), officer.id), officer.id)


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_round_trip_gives_back_counts_numbers_and_audit_chain(
        store: Store, officer: Officer, tmp_path: Path) -> None:
    _fill(store, officer)
    saved = _state(store)
    outcome = backup_store(store, officer.id)  # its audit entry comes after the copy
    store.visits.create(lp(store.clock(), officer.id), officer.id)  # after the backup
    first = store.visits.get(1)
    store.visits.void(1, "salah input", officer.id)
    assert _state(store) != saved
    store.close()
    result = restore_store(store.path, outcome.info.path)
    assert result.check.ok and result.check.audit_problems == ()
    with Store(store.path) as restored:
        assert _state(restored) == saved
        assert restored.visits.get(1) == first
        assert restored.verify() == []
    # the store as it was before the restore is kept, with the later changes
    (aside,) = result.kept_aside
    assert aside.name.startswith("piket.db.before-restore-")
    with Store(aside) as before:
        assert before.summary_counts()["Kunjungan"] == 9
        assert before.visits.get(1).meta.voided  # type: ignore[union-attr]


def test_restore_refuses_what_is_not_a_piket_backup_and_changes_nothing(
        store: Store, officer: Officer, tmp_path: Path) -> None:
    _fill(store, officer)
    good = make_backup(store.path, tmp_path, "PEDAMARAN").path
    store.close()
    before = _sha(store.path)
    text = tmp_path / "catatan.db"
    text.write_text("bukan basis data")
    other = tmp_path / "lain.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    empty = tmp_path / "kosong.db"
    sqlite3.connect(empty).close()
    empty.write_bytes(b"SQLite format 3\x00" + bytes(4096 - 16))  # a header and nothing else
    conn = sqlite3.connect(tmp_path / "kosong2.db")
    conn.execute("VACUUM")
    conn.close()
    damaged = tmp_path / "rusak.db"
    damaged.write_bytes(good.read_bytes())
    _damage(damaged)
    newer = tmp_path / "baru.db"
    newer.write_bytes(good.read_bytes())
    conn = sqlite3.connect(newer)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('piket', '9999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    cases = {text: "not_sqlite", other: "not_piket", damaged: "damaged", newer: "newer",
             tmp_path / "tidak-ada.db": "not_found", store.path: "same_file"}
    for path, problem in cases.items():
        with pytest.raises(RestoreRefused) as caught:
            restore_store(store.path, path)
        assert caught.value.problem == problem, path
        assert _sha(store.path) == before
    for path in (empty, tmp_path / "kosong2.db"):
        with pytest.raises(RestoreRefused) as caught:
            restore_store(store.path, path)
        assert caught.value.problem in ("not_piket", "damaged")
    assert sorted(p.name for p in store.path.parent.glob("piket.db*")) == ["piket.db"]
    assert inspect_backup(good).ok


def test_restore_refuses_while_another_process_has_the_store_open(
        store: Store, officer: Officer, tmp_path: Path) -> None:
    _fill(store, officer)
    good = make_backup(store.path, tmp_path, "PEDAMARAN").path
    store.close()
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from app.store import Store
            s = Store({str(store.path)!r})
            print("open", flush=True)
            sys.stdin.readline()
        """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(RestoreRefused) as caught:
            restore_store(store.path, good)
        assert caught.value.problem == "in_use"
    finally:
        holder.communicate("\n", timeout=30)
    assert restore_store(store.path, good).check.ok  # once the other Piket is closed


def test_restore_migrates_an_older_backup_and_removes_stale_wal(tmp_path: Path) -> None:
    old = tmp_path / "lama.db"
    db = sqlite_utils.Database(old)
    MIGRATIONS.apply(db, stop_before="0002_seed_master_data")
    db.close()
    target = tmp_path / "piket.db"
    Store(target).close()
    stale = target.with_name("piket.db-wal")
    stale.write_bytes(b"stale")
    target.with_name("piket.db-shm").write_bytes(b"stale")
    result = restore_store(target, old)
    assert result.check.older_schema
    assert _sha(old) == _sha(old)  # the backup file itself is untouched
    with Store(target) as store:
        assert len(store.master.category_codes()) == 21  # 18 seeded, 3 disasters (0010)
        assert store.verify() == []
    assert not list(tmp_path.glob(".piket.db.restore-*"))


def test_restore_onto_a_machine_without_a_store(store: Store, officer: Officer,
                                                tmp_path: Path) -> None:
    _fill(store, officer)
    good = make_backup(store.path, tmp_path, "PEDAMARAN").path
    fresh = tmp_path / "pc-baru" / "piket.db"
    fresh.parent.mkdir()
    result = restore_store(fresh, good)
    assert result.kept_aside == ()
    with Store(fresh) as restored:
        assert restored.summary_counts() == store.summary_counts()


def test_damaged_store_is_detected_at_open_and_left_as_it_is(store: Store, officer: Officer,
                                                            tmp_path: Path) -> None:
    _fill(store, officer)
    good = backup_store(store, officer.id).info.path
    for _ in range(40):
        store.visits.create(kehilangan(store.clock(), officer.id), officer.id)
    store.close()
    _damage(store.path)
    before = _sha(store.path)
    with pytest.raises(DamagedStore):
        Store(store.path)
    assert _sha(store.path) == before  # never opened for writing, never replaced
    result = restore_store(store.path, good)
    assert _sha(result.kept_aside[0]) == before  # the damaged file kept byte for byte
    with Store(store.path) as restored:
        assert restored.verify() == []


def test_newer_schema_is_refused_by_the_cli_and_left_alone(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "piket.db"
    Store(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                 "VALUES ('piket', '9999_from_the_future', 'x')")
    conn.commit()
    conn.close()
    before = _sha(path)
    with pytest.raises(NewerSchema):
        Store(path)
    assert cli_main(["info", "--db", str(path)]) == 1
    assert "versi yang lebih baru" in capsys.readouterr().err
    assert _sha(path) == before


def test_cli_backup_restore_and_verify_backups(store: Store, officer: Officer, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    _fill(store, officer)
    store.close()
    db = str(store.path)
    usb = tmp_path / "usb"
    assert cli_main(["backup", "--db", db, "--to", str(tmp_path / "absent")]) == 1
    assert "folder cadangan tidak ditemukan" in capsys.readouterr().err
    usb.mkdir()
    assert cli_main(["backup", "--db", db, "--to", str(usb)]) == 0
    out = capsys.readouterr().out
    assert "Cadangan dibuat" in out and "diperiksa: utuh" in out
    (made,) = usb.glob("piket-PEDAMARAN-*.db")
    assert cli_main(["backup", "--db", db, "--to", str(usb), "--list"]) == 0
    assert made.name in capsys.readouterr().out
    assert cli_main(["verify", "--db", db, "--backups"]) == 1  # default folder: none yet
    assert "belum ada cadangan" in capsys.readouterr().out
    assert cli_main(["backup", "--db", db]) == 0
    capsys.readouterr()
    assert cli_main(["verify", "--db", db, "--backups"]) == 0
    assert "Cadangan terbaru" in capsys.readouterr().out
    (newest,) = (store.path.parent / "backups").glob("piket-*.db")
    _damage(newest)
    assert cli_main(["verify", "--db", db, "--backups"]) == 1
    assert "rusak" in capsys.readouterr().out
    assert cli_main(["restore", "--db", db, "--from", str(newest)]) == 1
    assert "pemulihan ditolak" in capsys.readouterr().err
    assert cli_main(["restore", "--db", db, "--from", str(made), "--check"]) == 0
    assert cli_main(["restore", "--db", db, "--from", str(made)]) == 0
    out = capsys.readouterr().out
    assert "dipulihkan" in out and "before-restore" in out


# ---------------------------------------------------------------------- issue 15, item 9
def tampered_backup(store: Store, officer: Officer) -> Path:
    """A backup that is intact as a file but whose records were edited behind Piket's back:
    its audit chain fails (store.verify() on the prepared copy)."""
    _fill(store, officer)
    backup = backup_store(store, officer.id).info.path
    with sqlite3.connect(backup) as conn:
        conn.execute("UPDATE visits SET narrative = 'diubah di luar' WHERE id = 1")
    conn.close()
    return backup


def test_cli_refuses_a_backup_whose_audit_chain_fails_unless_forced(
        store: Store, officer: Officer, capsys: pytest.CaptureFixture[str]) -> None:
    backup = tampered_backup(store, officer)
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)  # after the backup
    counts = store.summary_counts()
    store.close()
    db = str(store.path)
    before = _sha(store.path)
    assert cli_main(["restore", "--db", db, "--from", str(backup)]) == 1
    err = capsys.readouterr().err
    assert "pemulihan ditolak: jejak audit cadangan ini tidak utuh" in err
    assert "diubah di luar Piket (kolom: narrative)" in err and "--force" in err
    assert "Traceback" not in err
    assert _sha(store.path) == before  # not replaced
    assert not list(store.path.parent.glob("piket.db.before-restore-*"))
    assert cli_main(["restore", "--db", db, "--from", str(backup), "--check"]) == 1
    assert "diubah di luar Piket" in capsys.readouterr().err
    with Store(store.path) as same:
        assert same.summary_counts() == counts and same.verify() == []
    assert cli_main(["restore", "--db", db, "--from", str(backup), "--force"]) == 0
    out = capsys.readouterr().out
    assert "dipulihkan" in out and "diubah di luar Piket" in out  # still told
    with Store(store.path) as restored:
        assert restored.summary_counts()["Kunjungan"] == counts["Kunjungan"] - 1
        assert any("diubah di luar Piket" in p for p in restored.verify())


def test_restore_store_names_the_audit_problems(store: Store, officer: Officer) -> None:
    backup = tampered_backup(store, officer)
    store.close()
    with pytest.raises(RestoreRefused) as refused:
        restore_store(store.path, backup)
    assert refused.value.problem == "audit"
    assert len(refused.value.audit_problems) == 1
    assert "diubah di luar Piket" in refused.value.detail
    assert inspect_backup(backup).ok  # the file itself is intact: --check names it, see above
