"""Hostile conditions, each for real: disk full (a file-size limit in a child process, and a
tiny tmpfs when the system allows mounting one), a read-only store file (a child that drops
root), the store folder removed or moved while a Store is open. Each gives StoreUnavailable
with a reason the UI explains, and leaves the store intact."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.backup import BackupFailed, make_backup
from app.domain.models import Visit
from app.store import Store, StoreUnavailable
from ui.common.errors import describe

POSIX = pytest.mark.skipif(os.name != "posix", reason="POSIX resource limits / permissions")


def _visit(text: str = "", when: datetime | None = None) -> Visit:
    return Visit(service="lainnya", received_at=when or datetime.now(UTC),
                 other_reason=text or "tanya")


def _child(code: str, *args: str) -> dict[str, object]:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code), *args],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _reasons(store: Store) -> set[str]:
    return {r[0] for r in store.db.execute("SELECT other_reason FROM visits")}


DISK_FULL_CHILD = """
    import json, resource, signal, sys
    from datetime import UTC, datetime
    from app.domain.models import Visit
    from app.store import Store, StoreUnavailable
    from ui.common.errors import describe

    store = Store(sys.argv[1])
    limit = max(p.stat().st_size for p in store.path.parent.glob("piket.db*")) + 64 * 1024
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # else the kernel kills us at the limit
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
    saved = []
    try:
        for n in range(100000):
            store.visits.create(Visit(service="lainnya", received_at=datetime.now(UTC),
                                      other_reason=f"isi {n} " + "x" * 4000), None)
            saved.append(f"isi {n} " + "x" * 4000)
        print(json.dumps({"reason": "none"}))
    except StoreUnavailable as exc:
        print(json.dumps({"reason": exc.reason, "message": describe(exc), "saved": len(saved),
                          "still_open": store.db.conn.in_transaction}))
"""


@POSIX
def test_disk_full_is_a_clear_message_and_the_store_still_verifies(tmp_path: Path) -> None:
    path = tmp_path / "piket.db"
    with Store(path) as store:
        store.visits.create(_visit("sebelum"), None)
    result = _child(DISK_FULL_CHILD, str(path))
    assert result["reason"] == "disk_full"
    assert str(result["message"]).startswith("Disk penuh")
    assert result["still_open"] is False  # rolled back, nothing half-written
    with Store(path) as store:
        assert store.verify() == []
        reasons = _reasons(store)
        assert "sebelum" in reasons
        assert len(reasons) == int(str(result["saved"])) + 1  # every acknowledged save is there
        store.visits.create(_visit("sesudah"), None)  # room again: saving works again


@pytest.fixture
def tiny_disk() -> Iterator[Path]:
    """A 1 MB tmpfs: a real ENOSPC. Needs root and a kernel that lets us mount."""
    if os.name != "posix" or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    mount_point = Path(tempfile.mkdtemp(prefix="piket-tiny-"))
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)],
                          capture_output=True)
    if done.returncode != 0:
        mount_point.rmdir()
        pytest.skip("tmpfs cannot be mounted here")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", str(mount_point)], check=False)
        mount_point.rmdir()


def test_real_disk_full_on_a_tiny_disk(tiny_disk: Path, tmp_path: Path) -> None:
    path = tiny_disk / "piket.db"
    saved: list[str] = []
    with Store(path) as store:
        with pytest.raises(StoreUnavailable) as caught:
            for n in range(10000):
                text = f"isi {n} " + "y" * 3000
                store.visits.create(_visit(text), None)
                saved.append(text)
        assert caught.value.reason == "disk_full"
        assert describe(caught.value).startswith("Disk penuh")
        assert not store.db.conn.in_transaction
    with Store(path) as store:
        assert store.verify() == []
        assert set(saved) <= _reasons(store)
    # a backup to the full disk fails clearly and leaves no partial file behind
    source = tmp_path / "besar.db"
    with Store(source) as big:
        for n in range(300):
            big.visits.create(_visit(f"besar {n} " + "z" * 3000), None)
    with pytest.raises(BackupFailed) as failed:
        make_backup(source, tiny_disk, "PEDAMARAN")
    assert failed.value.reason == "disk_full"
    assert not list(tiny_disk.glob("*piket-PEDAMARAN*"))


BACKUP_LIMIT_CHILD = """
    import json, resource, signal, sys
    from pathlib import Path
    from app.backup import BackupFailed, make_backup

    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
    try:
        make_backup(Path(sys.argv[1]), Path(sys.argv[2]), "PEDAMARAN")
        print(json.dumps({"reason": "none"}))
    except BackupFailed as exc:
        print(json.dumps({"reason": exc.reason, "left": sorted(p.name for p in Path(sys.argv[2]).iterdir())}))
"""


@POSIX
def test_backup_that_does_not_fit_fails_clearly(store: Store, tmp_path: Path) -> None:
    for n in range(60):
        store.visits.create(_visit(f"isi {n} " + "x" * 3000, store.clock()), None)
    folder = tmp_path / "usb"
    folder.mkdir()
    result = _child(BACKUP_LIMIT_CHILD, str(store.path), str(folder))
    assert result == {"reason": "disk_full", "left": []}


READ_ONLY_CHILD = """
    import importlib.metadata, json, os, sys
    from datetime import UTC, datetime
    import uuid6  # imported at the first save (app/store/records.py): before dropping root
    from sqlite_utils.plugins import ensure_plugins_loaded
    from app.domain.models import Visit
    from app.store import Store, StoreUnavailable
    from app.validation import validate_visit
    from ui.common.errors import describe

    ensure_plugins_loaded()  # lazy imports from a folder "nobody" may not read
    if os.geteuid() == 0:  # root ignores file permissions: become "nobody"
        os.setgid(65534)
        os.setuid(65534)
    try:
        store = Store(sys.argv[1])
        n = store.summary_counts()["Kunjungan"]
        store.visits.create(Visit(service="informasi", received_at=datetime.now(UTC)), None)
        print(json.dumps({"reason": "none"}))
    except StoreUnavailable as exc:
        print(json.dumps({"reason": exc.reason, "message": describe(exc), "read": n}))
"""


@POSIX
def test_read_only_store_file_is_a_clear_message_and_stays_intact() -> None:
    shared = Path(tempfile.mkdtemp(prefix="piket-ro-"))
    try:
        shared.chmod(0o777)  # the unprivileged child must reach it
        path = shared / "piket.db"
        with Store(path) as store:
            store.visits.create(_visit("sebelum"), None)
        path.chmod(0o444)
        before = _sha(path)
        result = _child(READ_ONLY_CHILD, str(path))
        assert result["reason"] == "read_only"
        assert "tidak dapat ditulisi" in str(result["message"])
        assert result["read"] == 1  # reading still works: the desk can look things up
        assert _sha(path) == before
        path.chmod(0o644)
        with Store(path) as store:
            assert store.verify() == []
    finally:
        shutil.rmtree(shared)


def test_store_folder_removed_while_running(tmp_path: Path) -> None:
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    store = Store(folder / "piket.db")
    store.visits.create(_visit("sebelum"), None)
    shutil.rmtree(folder)
    with pytest.raises(StoreUnavailable) as caught:
        store.visits.create(_visit("hilang"), None)  # would go into a deleted file otherwise
    assert caught.value.reason == "missing"
    assert "tidak ditemukan" in describe(caught.value)
    store.close()


def test_store_folder_moved_away_and_back(tmp_path: Path) -> None:
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    with Store(folder / "piket.db") as store:
        store.visits.create(_visit("sebelum"), None)
        folder.rename(tmp_path / "tercabut")
        with pytest.raises(StoreUnavailable) as caught:
            store.visits.create(_visit("saat dicabut"), None)
        assert caught.value.reason == "missing"
        (tmp_path / "tercabut").rename(folder)
        store.visits.create(_visit("sesudah"), None)  # plugged back: saving works again
        assert store.verify() == []
        assert _reasons(store) == {"sebelum", "sesudah"}


def test_backup_folder_pulled_out_is_reported(store: Store, tmp_path: Path) -> None:
    usb = tmp_path / "usb"
    usb.mkdir()
    make_backup(store.path, usb, "PEDAMARAN")
    shutil.rmtree(usb)
    with pytest.raises(BackupFailed) as caught:
        make_backup(store.path, usb, "PEDAMARAN")
    assert caught.value.reason == "missing_dir"
    store.visits.create(_visit("kerja jalan terus", store.clock()), None)  # not disturbed
