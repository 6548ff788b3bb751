"""A store that cannot be written (issue 15, item 6: a locked USB stick): it opens for
reading, `info`, `verify`, `export`, `weekly` and the window work, and every save is refused
with "hanya-baca". For real: a child process that is not root (root ignores permissions)
on a folder it may not write, and a read-only bind mount when the system lets the test make
one; and with the flag forced, for the window."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from app.domain.models import Visit
from app.store import Store, StoreUnavailable
from tests.test_weekly_figures import build_scenario
from ui.common.errors import describe

POSIX = pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0,
                           reason="needs root to drop to another user / to mount")


def _others_can_read(folder: Path) -> bool:
    """Whether another user can reach `folder` (Piket's sources and fonts): a checkout in a
    private folder, e.g. one made by mktemp -d, cannot be run by "nobody"."""
    return all(part.stat().st_mode & 0o005 == 0o005 for part in (folder, *folder.parents))


NOBODY_CAN_RUN_PIKET = pytest.mark.skipif(
    os.name == "posix" and not _others_can_read(Path(__file__).resolve().parent.parent),
    reason='the checkout is in a folder the user "nobody" cannot read')
CLI_CHILD = """
import contextlib, io, json, os, sys
from app.cli import main
# everything the commands import later, while still root: "nobody" may not read the
# interpreter's own folders (the test environment's Python lives under /root)
import app.backup.service, app.csvio.reports_export, app.csvio.patrols_meetings_export
import app.store.stats, app.weekly.figures, app.weekly.pdf, app.weekly.week, app.textid
import _strptime, app.weekly.charts, encodings.utf_8_sig, reportlab.graphics.renderPDF, uuid6
from sqlite_utils.plugins import ensure_plugins_loaded
ensure_plugins_loaded()
if sys.argv[1] == "nobody":
    os.setgid(65534)
    os.setuid(65534)
results = []
for line in sys.argv[2:]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(json.loads(line))
    results.append([code, out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""

def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _visit(when: datetime | None = None) -> Visit:
    return Visit(service="informasi", received_at=when or datetime.now(UTC))


@pytest.fixture(scope="module")
def scenario_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = build_scenario(tmp_path_factory.mktemp("ro") / "piket.db")
    scenario.store.close()
    return scenario.path


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder outside pytest's (0700) temporary root, reachable by the user "nobody"."""
    folder = Path(tempfile.mkdtemp(prefix="piket-ro-"))
    folder.chmod(0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _run_cli(commands: list[list[str]], *, as_nobody: bool = False) -> list[list[object]]:
    """Each command through app.cli.main in one child: [exit code, stdout, stderr] each."""
    done = subprocess.run(
        [sys.executable, "-c", CLI_CHILD, "nobody" if as_nobody else "same",
         *(json.dumps(c) for c in commands)], capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    assert done.returncode == 0, done.stderr
    results: list[list[object]] = json.loads(done.stdout.strip().splitlines()[-1])
    return results


def _all_commands_work(path: Path, out: Path, *, as_nobody: bool = False) -> None:
    csv, pdf = out / "lp.csv", out / "anev.pdf"
    db = ["--db", str(path)]
    info, verify, export, weekly, backup = _run_cli([
        ["info", *db], ["verify", *db], ["export", *db, "--kind", "reports", "--out", str(csv)],
        ["weekly", *db, "--week", "2024-W07", "--out", str(pdf), "--record-print"],
        ["backup", *db, "--to", str(out)]], as_nobody=as_nobody)
    assert info[0] == 0, info
    assert "hanya-baca" in str(info[1]) and "Kunjungan" in str(info[1])
    assert verify[0] == 0 and "Basis data utuh" in str(verify[1]), verify
    assert export[0] == 0, export
    assert csv.read_text(encoding="utf-8-sig").count("\n") > 1
    assert weekly[0] == 0, weekly
    first_page = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "MINGGU KE-3 BULAN FEBRUARI 2024" in first_page
    assert backup[0] == 0, backup  # a copy of a read-only store can be made elsewhere


@POSIX
@NOBODY_CAN_RUN_PIKET
def test_folder_this_user_may_not_write_opens_read_only(scenario_store: Path,
                                                         shared: Path) -> None:
    store_dir = shared / "flashdisk"
    store_dir.mkdir()
    path = store_dir / "piket.db"
    shutil.copyfile(scenario_store, path)
    path.chmod(0o644)
    store_dir.chmod(0o555)  # root's folder: "nobody" may read, not write (no -wal, no -shm)
    out = shared / "keluar"
    out.mkdir()
    out.chmod(0o777)
    before = _sha(path)
    _all_commands_work(path, out, as_nobody=True)
    assert _sha(path) == before
    assert sorted(p.name for p in store_dir.iterdir()) == ["piket.db"]


@pytest.fixture
def read_only_mount(shared: Path) -> Iterator[tuple[Path, Path]]:
    """(source, mount): `mount` shows `source` read-only (a locked stick), when allowed."""
    source, mount = shared / "sumber", shared / "flashdisk"
    source.mkdir()
    mount.mkdir()
    done = subprocess.run(["mount", "--bind", str(source), str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot bind-mount here")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(mount)], check=True,
                       capture_output=True)
        yield source, mount
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)


@POSIX
def test_store_on_a_read_only_mount_is_read_not_refused(
        scenario_store: Path, read_only_mount: tuple[Path, Path], shared: Path) -> None:
    source, mount = read_only_mount
    shutil.copyfile(scenario_store, source / "piket.db")
    path = mount / "piket.db"
    before = _sha(path)
    with Store(path) as store:
        assert store.read_only
        assert store.verify() == []
        with pytest.raises(StoreUnavailable) as caught:
            store.visits.create(_visit(), None)
    assert caught.value.reason == "read_only"
    assert "hanya-baca" in describe(caught.value)
    out = shared / "keluar"
    out.mkdir()
    _all_commands_work(path, out)  # as root: the mount, not permissions, refuses writes
    assert _sha(path) == before


@POSIX
def test_read_only_mount_with_a_wal_left_reads_the_latest_saves(
        read_only_mount: tuple[Path, Path]) -> None:
    """A stick pulled out of a running Piket (-wal and -shm left), then locked."""
    source, mount = read_only_mount
    code = ("import os, sys; from datetime import UTC, datetime; from app.store import Store; "
            "from app.domain.models import Visit; s = Store(sys.argv[1]); "
            "s.visits.create(Visit(service='informasi', received_at=datetime.now(UTC)), None); "
            "os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(source / "piket.db")], check=True)
    assert (source / "piket.db-wal").stat().st_size > 0
    with Store(mount / "piket.db") as store:
        assert store.read_only
        assert store.summary_counts()["Kunjungan"] == 1  # the save still in the -wal


def test_forced_read_only_reads_refuses_writes_and_leaves_the_file(store: Store) -> None:
    store.visits.create(_visit(store.clock()), None)
    path = store.path
    store.close()
    before = _sha(path)
    with Store(path, read_only=True) as ro:
        assert ro.read_only
        assert ro.summary_counts()["Kunjungan"] == 1
        ro.record_activity("view", "visit", None)  # not logged, not refused: a view works
        with pytest.raises(StoreUnavailable) as caught:
            ro.visits.create(_visit(ro.clock()), None)
        assert caught.value.reason == "read_only"
    assert _sha(path) == before
    with Store(path) as rw:
        assert not rw.read_only
        rw.visits.create(_visit(rw.clock()), None)


def test_window_says_read_only_and_a_save_is_refused_with_the_message(
        store: Store, qtbot: QtBot) -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QLabel

    from ui.main_window import MainWindow
    from ui.session import Session
    from ui.startup import show_read_only

    path = store.path
    store.close()
    with Store(path, read_only=True) as ro:
        session = Session(ro)
        settings = QSettings(str(path.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
        qtbot.addWidget(window)
        label = show_read_only(window, ro)
        window.show()
        assert isinstance(label, QLabel) and label.isVisible() and label.text() == "HANYA-BACA"
        assert "hanya-baca" in window.windowTitle()
        assert "menyimpan ditolak" in window.statusBar().currentMessage()
        with pytest.raises(StoreUnavailable) as caught:
            session.write(lambda: ro.visits.create(_visit(ro.clock()), None))
        assert "hanya-baca" in describe(caught.value)
        window.close()
