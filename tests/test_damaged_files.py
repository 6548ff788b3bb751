"""A store file of random bytes or with a destroyed header (issue 15, item 7) is a damaged
store, not "not a Piket store": the window offers the newest good backup, the command line
names `piket restore --from` it, and `verify --backups` goes on to check the backups. A real
SQLite file of another program stays "not a Piket store"."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from app.backup import make_backup
from app.cli import main
from app.domain.models import Officer
from app.store import UNRESTRICTED, DamagedStore, NotAPiketStore, Store
from tests.cli_support import make_store, open_store, sign_in_as
from tests.conftest import MutableClock
from tests.factories import kehilangan
from tests.test_backup import _damage
from tests.test_backup_ui import _answer


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(path.stat().st_size))


def _destroyed_header(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[:100] = bytes(100)  # the 100-byte database header, zeroed (as a bad sector would)
    path.write_bytes(bytes(data))


DAMAGE: dict[str, Callable[[Path], None]] = {"random": _random_bytes, "header": _destroyed_header}


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _store_with_backups(tmp_path: Path, clock: MutableClock, damage: str, *,
                        encrypted: bool = False) -> tuple[Path, Path, Path]:
    """(store, older good backup, newest backup made bad) with the store then damaged; an
    encrypted store (tests/cli_support.py) for the commands, which sign in."""
    path = tmp_path / "piket.db"
    with make_store(path, clock=clock) if encrypted else Store(path, clock=clock) as store:
        officer = (store.master.officers_by_nrp().get("85061234")
                   or store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"),
                                        None).record)
        store.visits.create(kehilangan(clock(), officer.id), officer.id)
        older = make_backup(path, tmp_path / "backups", "PEDAMARAN", now=clock(),
                            create_folder=True, key=store.data_key).path
        newest = make_backup(path, tmp_path / "backups", "PEDAMARAN",
                             now=clock() + timedelta(days=1), key=store.data_key).path
    _damage(newest)
    DAMAGE[damage](path)
    return path, older, newest


def _close_modal() -> None:
    box = QApplication.activeModalWidget()
    if box is not None:
        box.close()


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_random_bytes_or_a_destroyed_header_is_a_damaged_store(tmp_path: Path,
                                                                damage: str) -> None:
    path = tmp_path / "piket.db"
    Store(path).close()
    DAMAGE[damage](path)
    before = _sha(path)
    with pytest.raises(DamagedStore):
        Store(path)
    assert _sha(path) == before  # left as it is, for a restore to keep aside


def test_another_programs_sqlite_file_is_still_not_a_piket_store(tmp_path: Path) -> None:
    other = tmp_path / "kontak.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE kontak (nama TEXT)")
    conn.execute("INSERT INTO kontak VALUES ('x')")
    conn.commit()
    conn.close()
    with pytest.raises(NotAPiketStore) as caught:
        Store(other)
    assert not isinstance(caught.value, DamagedStore)
    note = tmp_path / "catatan.db"  # a text file given as --db: some other file, too
    note.write_text("nama;alamat\nAndi;Pedamaran\n" * 200, encoding="utf-8")
    with pytest.raises(NotAPiketStore) as caught:
        Store(note)
    assert not isinstance(caught.value, DamagedStore)


@pytest.mark.parametrize("damage", sorted(DAMAGE))
def test_cli_names_the_restore_of_the_newest_good_backup(
        tmp_path: Path, clock: MutableClock, damage: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, older, newest = _store_with_backups(tmp_path, clock, damage, encrypted=True)
    sign_in_as(monkeypatch)
    assert main(["info", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "basis data rusak" in err
    assert f'piket restore --db "{path}" --from "{older}"' in err  # the newest is bad
    assert "Traceback" not in err
    # and the command it names works: the password opens the backup's key slots
    assert main(["restore", "--db", str(path), "--from", str(older)]) == 0
    with open_store(path) as store:
        assert store.summary_counts()["Kunjungan"] == 1
        assert store.verify() == []


def test_verify_backups_goes_on_to_check_the_backups(
        tmp_path: Path, clock: MutableClock, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, older, newest = _store_with_backups(tmp_path, clock, "random", encrypted=True)
    sign_in_as(monkeypatch)
    assert main(["verify", "--db", str(path), "--backups"]) == 1
    out = capsys.readouterr().out
    assert "basis data rusak" in out
    assert f"cadangan {newest.name}: berkas cadangan rusak" in out
    assert f"Cadangan {older} utuh dan dapat dipulihkan." in out
    assert f'--from "{older}"' in out


def test_window_offers_the_newest_good_backup_for_random_bytes(
        tmp_path: Path, clock: MutableClock, qtbot: QtBot) -> None:
    """The officer signs in to a damaged encrypted store: the password opens its key slots,
    the window offers the newest good backup with that key, then asks to sign in again."""
    from PySide6.QtCore import QSettings

    from tests.cli_support import ADMIN, PASSWORD
    from ui.signin.dialog import SignInDialog
    from ui.signin.start import sign_in_at_start

    path, older, _ = _store_with_backups(tmp_path, clock, "random", encrypted=True)
    signed: list[int] = []

    def sign_in_when_asked() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, SignInDialog) and box.isVisible() and len(signed) < 2:
            if not box.form.nrp.text() or box.form.password.text() != PASSWORD:
                signed.append(1)
                box.form.nrp.setText(ADMIN.nrp)
                box.form.password.setText(PASSWORD)
                QTimer.singleShot(0, box.form.submit)
        if len(signed) < 2:
            QTimer.singleShot(30, sign_in_when_asked)

    QTimer.singleShot(0, sign_in_when_asked)
    seen = _answer("Pulihkan cadangan terpilih", "OK")
    QTimer.singleShot(30_000, _close_modal)  # a box without those buttons fails, never hangs
    store = sign_in_at_start(path, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    assert store is not None
    try:
        assert any(older.name in text for text in seen)
        assert store.access.nrp == ADMIN.nrp  # signed in again after the restore
        assert store.summary_counts()["Kunjungan"] == 1
        store.set_access(UNRESTRICTED)
        assert store.verify() == []
    finally:
        store.close()
    assert list(tmp_path.glob("piket.db.before-restore-*"))  # the damaged file, kept aside
