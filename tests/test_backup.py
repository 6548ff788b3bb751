"""Backups: online copy, names, integrity check, listing, rotation, failures."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from app.backup import (
    BackupFailed,
    BackupInfo,
    backup_file_name,
    list_backups,
    make_backup,
    plan_rotation,
    rotate,
)
from app.backup.backup import KEEP_DAYS, KEEP_WEEKS, parse_backup_name, read_anchor
from app.backup.service import backup_due, backup_store, last_backup_at
from app.domain.models import Officer
from app.store import AppSettings, Store
from tests.factories import kehilangan, lp

WIB = ZoneInfo("Asia/Jakarta")


def _fill(store: Store, officer: Officer, n: int = 5) -> None:
    when = store.clock()
    for i in range(n):
        store.visits.create(lp(when - timedelta(hours=i + 1), officer.id), officer.id)
        store.visits.create(kehilangan(when - timedelta(hours=i + 1), officer.id), officer.id)


def test_backup_is_a_checked_single_file_with_station_and_time(store: Store, officer: Officer,
                                                               tmp_path: Path) -> None:
    _fill(store, officer)
    folder = tmp_path / "usb"
    folder.mkdir()
    when = datetime(2026, 11, 28, 14, 5, 12, tzinfo=UTC)
    info = make_backup(store.path, folder, "PEDAMARAN", now=when)
    assert info.path.name == "piket-PEDAMARAN-20261128T140512Z.db"
    assert info.taken_at == when and info.size == info.path.stat().st_size
    # no -wal, no partial; the audit chain's head at that time beside it (its anchor)
    assert sorted(p.name for p in folder.iterdir()) == [info.path.name, info.path.name + ".head"]
    anchor = read_anchor(info.path)
    assert anchor is not None and (anchor.entry_id, anchor.mac) == store.audit_head()
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with Store(info.path) as copy:
        assert copy.summary_counts() == store.summary_counts()
        assert copy.audit_fingerprint() == store.audit_fingerprint()
        assert copy.verify() == []


def test_names_round_trip_and_listing_ignores_other_files(tmp_path: Path) -> None:
    when = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert parse_backup_name(backup_file_name("Pedamaran Ulu", when)) == ("PEDAMARAN-ULU", when)
    assert parse_backup_name("piket-PEDAMARAN-20261128T1405Z.db") == (
        "PEDAMARAN", datetime(2026, 11, 28, 14, 5, tzinfo=UTC))
    assert parse_backup_name("piket-PEDAMARAN-20261328T1405Z.db") is None  # month 13
    for name in ("piket-PEDAMARAN-20260101T000000Z.db", "piket-PEDAMARAN-20260103T000000Z.db",
                 "piket-KAYUAGUNG-20260104T000000Z.db", "notes.txt", "piket.db",
                 ".piket-PEDAMARAN-20260105T000000Z.db.partial"):
        (tmp_path / name).write_bytes(b"x")
    names = [b.path.name for b in list_backups(tmp_path, "PEDAMARAN")]
    assert names == ["piket-PEDAMARAN-20260103T000000Z.db", "piket-PEDAMARAN-20260101T000000Z.db"]
    assert len(list_backups(tmp_path)) == 3
    with pytest.raises(BackupFailed) as caught:
        list_backups(tmp_path / "absent")
    assert caught.value.reason == "missing_dir"


def test_missing_configured_folder_fails_but_default_folder_is_created(store: Store,
                                                                     tmp_path: Path) -> None:
    with pytest.raises(BackupFailed) as caught:
        make_backup(store.path, tmp_path / "usb-not-plugged", "PEDAMARAN")
    assert caught.value.reason == "missing_dir"
    assert not (tmp_path / "usb-not-plugged").exists()
    outcome = backup_store(store, None)  # default: "backups" beside the store
    assert outcome.info.path.parent == store.path.parent / "backups"


def test_backup_of_a_damaged_store_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "piket.db"
    with Store(path) as store:
        for i in range(300):
            store.settings.save_app_settings(AppSettings(draft_interval_s=i + 1), None)
    _damage(path)
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(BackupFailed) as caught:
        make_backup(path, folder, "PEDAMARAN")
    assert caught.value.reason == "damaged"
    assert list(folder.iterdir()) == []


def test_backup_is_logged_and_due_after_a_day(store: Store, clock: object) -> None:
    assert backup_due(store)
    outcome = backup_store(store, None, now=store.clock())
    assert last_backup_at(store) == store.clock()
    assert store.last_activity_at("backup") == store.clock()
    assert not backup_due(store, store.clock() + timedelta(hours=23))
    assert backup_due(store, store.clock() + timedelta(hours=25))
    outcome.info.path.unlink()  # the audit log still knows (the drive may be unplugged)
    assert last_backup_at(store) == store.clock()


def _info(when: datetime, station: str = "PEDAMARAN") -> BackupInfo:
    return BackupInfo(Path(backup_file_name(station, when)), station, when, 1)


def test_rotation_keeps_newest_of_14_days_and_8_iso_weeks() -> None:
    now = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)  # Sabtu 14.00 WIB, ISO week 48
    backups = [_info(now - timedelta(hours=8 * i)) for i in range(3 * 120)]  # 3 a day, 120 days
    keep, drop = plan_rotation(backups, now, WIB)
    kept_days = {b.taken_at.astimezone(WIB).date() for b in keep}
    today = now.astimezone(WIB).date()
    recent = {today - timedelta(days=d) for d in range(KEEP_DAYS)}
    assert recent <= kept_days
    weeks = {b.taken_at.astimezone(WIB).isocalendar()[:2] for b in keep}
    assert len(weeks) == KEEP_WEEKS and max(weeks) == (2026, 48)
    for day in recent:  # the newest of each recent day, and only one per day
        of_day = [b for b in backups if b.taken_at.astimezone(WIB).date() == day]
        assert [b for b in keep if b.taken_at.astimezone(WIB).date() == day] == [max(
            of_day, key=lambda b: b.taken_at)]
    # 14 days (spanning 3 ISO weeks) + one per older week
    assert len(keep) == KEEP_DAYS + KEEP_WEEKS - 3
    assert len(keep) + len(drop) == len(backups)


def test_rotation_never_drops_the_newest_or_future_backups() -> None:
    now = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    old = [_info(now - timedelta(days=400 + i)) for i in range(5)]
    keep, drop = plan_rotation(old, now, WIB)
    assert keep == [old[0]] and len(drop) == 4
    future = _info(now + timedelta(days=30))  # the PC's clock was wrong once
    keep, _ = plan_rotation([*old, future], now, WIB)
    assert future in keep and old[0] in keep


def test_rotate_deletes_only_this_stations_unkept_backups(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "usb"
    folder.mkdir()
    now = datetime(2026, 11, 28, 7, 0, tzinfo=UTC)
    for day in range(40):
        make_backup(store.path, folder, "PEDAMARAN", now=now - timedelta(days=day))
    other = folder / backup_file_name("KAYUAGUNG", now - timedelta(days=300))
    other.write_bytes(b"x")
    mine = folder / "catatan.txt"
    mine.write_text("jangan dihapus")
    deleted = rotate(folder, "PEDAMARAN", now, WIB)
    left = list_backups(folder, "PEDAMARAN")
    assert len(left) + len(deleted) == 40
    assert len(left) == len(plan_rotation(left, now, WIB)[0])
    assert other.exists() and mine.exists()
    assert left[0].taken_at == now


def _damage(path: Path) -> None:
    """Overwrite two pages in the middle of the file (as a failing disk would). Damage inside
    the text of a record is invisible to SQLite; the audit chain (verify) catches that."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = (len(data) // page // 2) * page
    data[middle: middle + 2 * page] = bytes((i * 37 + 11) % 256 for i in range(2 * page))
    path.write_bytes(bytes(data))
