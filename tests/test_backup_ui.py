"""The backup parts of the window, built directly on a temporary store: status label,
background service, start/exit hooks, Pengaturan › Cadangan, the restore offer at start."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel
from pytestqt.qtbot import QtBot

from app.backup import list_backups, make_backup
from app.backup.service import backup_store
from app.domain.models import Officer
from app.store import DamagedStore, Store, VisitFilter
from tests.conftest import MutableClock
from tests.factories import kehilangan
from tests.test_backup import _damage
from ui.backup_exit import backup_at_exit
from ui.backup_status import (
    RESTORED_KINDS,
    BackupStatusLabel,
    RestoreOfferDialog,
    backup_at_start_if_due,
    backup_service,
    offer_restore,
)
from ui.session import Session
from ui.settings.backup import BackupPage, BackupPanel


@pytest.fixture
def session(store: Store, qtbot: QtBot) -> Session:
    return Session(store)


def _answer(*labels: str) -> list[str]:
    """Click, in turn, the button labelled `labels[i]` of each modal box that opens (a real
    click on the real dialog). Returns the texts of the boxes seen."""
    seen: list[str] = []
    pending = list(labels)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if box is not None and pending:
            seen.append(getattr(box, "text", lambda: box.windowTitle())())
            for button in box.findChildren(QAbstractButton):
                if button.text().replace("&", "") == pending[0]:
                    pending.pop(0)
                    QTimer.singleShot(0, button.click)  # a click may open the next box
                    break
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_status_label_shows_none_then_today_then_red_after_two_days(
        session: Session, clock: MutableClock, qtbot: QtBot) -> None:
    label = BackupStatusLabel(session)
    qtbot.addWidget(label)
    assert label.text() == "Belum ada cadangan" and label.alarm
    backup_store(session.store, None, now=clock())
    session.announce(frozenset({"backup"}))
    assert label.text() == "Cadangan: hari ini 14.00 WIB" and not label.alarm
    clock.advance(days=1)
    label.refresh()
    assert label.text() == "Cadangan: kemarin 14.00 WIB" and not label.alarm
    clock.advance(days=2)
    label.refresh()
    assert label.text() == "Cadangan: 14 Februari 2024 14.00 WIB (3 hari lalu)"
    assert label.alarm and "Lebih dari 2 hari" in label.toolTip()


def test_background_backup_is_logged_and_refreshes_the_label(session: Session,
                                                            qtbot: QtBot) -> None:
    label = BackupStatusLabel(session)
    qtbot.addWidget(label)
    service = backup_service(session)
    assert backup_service(session) is service  # one per session
    with qtbot.waitSignal(service.finished, timeout=10_000):
        assert service.start()
        assert not service.start()  # one at a time
        assert label.text() == "Cadangan: sedang dibuat…"
    assert len(list_backups(session.store.path.parent / "backups")) == 1
    assert session.store.last_activity_at("backup_auto") is not None  # start(): automatic
    assert label.text().startswith("Cadangan: hari ini")


def test_failed_background_backup_is_reported_and_work_goes_on(
        session: Session, officer: Officer, tmp_path: Path, qtbot: QtBot) -> None:
    store = session.store
    store.settings.save_app_settings(
        store.settings.app_settings().__class__(backup_dir=str(tmp_path / "usb")), None)
    label = BackupStatusLabel(session)
    qtbot.addWidget(label)
    service = backup_service(session)
    with qtbot.waitSignal(service.failed, timeout=10_000) as blocker:
        service.start()
    assert blocker.args[0].reason == "missing_dir"
    assert label.alarm and label.text() == "Cadangan gagal: folder cadangan tidak ditemukan"
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)  # not disturbed


def test_start_hook_backs_up_only_when_due_and_exit_hook_always(
        session: Session, clock: MutableClock, qtbot: QtBot) -> None:
    service = backup_service(session)
    with qtbot.waitSignal(service.finished, timeout=10_000):
        assert backup_at_start_if_due(session)
    assert not backup_at_start_if_due(session)  # the newest is not 24 hours old
    clock.advance(hours=25)
    assert backup_at_start_if_due(session)
    service.wait()
    assert backup_at_exit(session)
    assert len(list_backups(session.store.path.parent / "backups")) >= 2


def test_exit_backup_shows_a_window_until_it_is_done(session: Session, qtbot: QtBot) -> None:
    service = backup_service(session)
    seen: list[tuple[bool, str]] = []

    def look(_outcome: object) -> None:  # connected first: runs before the wait ends
        shown = [w for w in QApplication.topLevelWidgets()
                 if w.objectName() == "exitBackupWindow" and w.isVisible()]
        seen.extend((True, w.findChildren(QLabel)[0].text()) for w in shown)

    service.finished.connect(look)
    assert backup_at_exit(session, show_after_ms=0)
    assert seen == [(True, "Membuat cadangan data sebelum Piket ditutup…")]
    assert not [w for w in QApplication.topLevelWidgets()
                if w.objectName() == "exitBackupWindow" and w.isVisible()]
    assert len(list_backups(session.store.path.parent / "backups")) == 1


def test_exit_backup_failure_is_shown_with_a_parent(session: Session, tmp_path: Path,
                                                    qtbot: QtBot) -> None:
    store = session.store
    store.settings.save_app_settings(
        store.settings.app_settings().__class__(backup_dir=str(tmp_path / "usb")), None)
    panel = BackupPanel(session)
    qtbot.addWidget(panel)
    seen = _answer("OK")
    assert not backup_at_exit(session, panel)
    assert "folder cadangan tidak ditemukan" in seen[0]
    assert "Data tetap tersimpan" in seen[0]


def test_panel_folder_problem_shows_next_to_the_field_and_keeps_the_text(
        session: Session, tmp_path: Path, qtbot: QtBot) -> None:
    panel = BackupPage(session)
    qtbot.addWidget(panel)
    typed = str(tmp_path / "flashdisk-belum-dipasang")
    panel.folder_edit.setText(typed)
    panel.folder_edit.setModified(True)
    assert not panel.save_folder()
    assert panel.folder_message.text().startswith("Folder tidak ditemukan")
    assert panel.folder_edit.text() == typed  # nothing typed is lost
    session.announce(frozenset({"settings"}))  # a reload keeps unsaved typing too
    assert panel.folder_edit.text() == typed
    usb = tmp_path / "usb"
    usb.mkdir()
    panel.folder_edit.setText(str(usb))
    assert panel.save_folder()
    assert panel.folder_message.text() == ""
    assert session.store.settings.app_settings().backup_dir == str(usb)
    assert panel.list_message.text() == "Belum ada cadangan di folder ini."


def test_panel_backup_now_then_restore_in_place(session: Session, officer: Officer,
                                               qtbot: QtBot) -> None:
    store = session.store
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)
    panel = BackupPanel(session)
    qtbot.addWidget(panel)
    with qtbot.waitSignal(backup_service(session).finished, timeout=10_000):
        panel.backup_button.click()
    assert panel.table.rowCount() == 1
    assert panel.result.text().startswith("Cadangan dibuat: piket-PEDAMARAN-")
    visits = store.visits  # a page holding a repository keeps working after the restore
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)
    assert store.summary_counts()["Kunjungan"] == 2
    announced: list[object] = []
    session.changed.connect(announced.append)
    seen = _answer("Ya")
    panel.table.selectRow(0)
    panel.restore_button.click()
    assert "Data yang disimpan sesudah cadangan ini dibuat" in seen[0]
    assert panel.result.text().startswith("Dipulihkan dari piket-PEDAMARAN-")
    assert announced[-1] == RESTORED_KINDS
    assert visits.count(VisitFilter()) == 1  # the same repository, on the reopened file
    assert store.summary_counts()["Kunjungan"] == 1
    assert store.last_activity_at("restore") is not None
    assert store.verify() == []
    assert list(store.path.parent.glob("piket.db.before-restore-*"))
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)  # usable


def test_panel_refuses_a_file_that_is_not_a_backup(session: Session, tmp_path: Path,
                                                  qtbot: QtBot) -> None:
    panel = BackupPanel(session)
    qtbot.addWidget(panel)
    text = tmp_path / "catatan.db"
    text.write_text("bukan cadangan")
    _answer("Ya")
    assert not panel.restore(text)
    assert panel.result.text().startswith("Pemulihan ditolak: berkas ini bukan basis data")
    assert session.store.verify() == []  # reopened, untouched


def _damaged_store_with_backups(tmp_path: Path, clock: MutableClock) -> tuple[Path, Path]:
    path = tmp_path / "piket.db"
    with Store(path, clock=clock) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        store.visits.create(kehilangan(clock(), officer.id), officer.id)
        older = make_backup(path, tmp_path / "backups", "PEDAMARAN", now=clock(),
                            create_folder=True).path
        newest = make_backup(path, tmp_path / "backups", "PEDAMARAN",
                             now=clock() + timedelta(days=1)).path
        for _ in range(30):
            store.visits.create(kehilangan(clock(), officer.id), officer.id)
    _damage(path)
    return older, newest


def test_restore_offer_lists_the_newest_good_backup_and_restores_it(
        tmp_path: Path, clock: MutableClock, qtbot: QtBot) -> None:
    older, newest = _damaged_store_with_backups(tmp_path, clock)
    _damage(newest)  # the newest backup is bad too: the one before is offered
    path = tmp_path / "piket.db"
    with pytest.raises(DamagedStore):
        Store(path)
    dialog = RestoreOfferDialog(path)
    qtbot.addWidget(dialog)
    items = [dialog.backups.item(i).text() for i in range(dialog.backups.count())]
    assert items[0].startswith("Kamis, 15 Februari 2024 pukul 14.00") and "TIDAK DAPAT" in items[0]
    assert items[1].startswith("Rabu, 14 Februari 2024 pukul 14.00") and items[1].endswith("baik")
    assert dialog.backups.currentRow() == 1 and dialog.restore_button.isEnabled()
    seen = _answer("OK")
    dialog.restore_button.click()
    assert "Basis data dipulihkan dari" in seen[0]
    assert dialog.restored_from == older
    with Store(path) as store:
        assert store.summary_counts()["Kunjungan"] == 1
        assert store.verify() == []


def test_offer_restore_returns_false_when_the_user_quits(tmp_path: Path, clock: MutableClock,
                                                         qtbot: QtBot) -> None:
    _damaged_store_with_backups(tmp_path, clock)
    path = tmp_path / "piket.db"
    before = path.read_bytes()
    _answer("Keluar")
    assert offer_restore(path) is False
    assert path.read_bytes() == before


def test_offer_restore_restores_and_returns_true(tmp_path: Path, clock: MutableClock,
                                                 qtbot: QtBot) -> None:
    _, newest = _damaged_store_with_backups(tmp_path, clock)
    seen = _answer("Pulihkan cadangan terpilih", "OK")
    assert offer_restore(tmp_path / "piket.db") is True
    assert newest.name in seen[-1]
    with Store(tmp_path / "piket.db") as store:
        assert store.verify() == []


def test_restore_offer_without_backups_can_only_pick_a_file_or_quit(tmp_path: Path,
                                                                    qtbot: QtBot) -> None:
    path = tmp_path / "piket.db"
    Store(path).close()
    _damage(path)
    dialog = RestoreOfferDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.backups.count() == 0 and not dialog.restore_button.isEnabled()
    labels = dialog.findChildren(type(dialog.quit_button))
    assert {b.text() for b in labels} >= {"&Keluar", "Pilih berkas &lain…"}


def test_file_and_folder_dialogs_speak_indonesian(tmp_path: Path, qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QFileDialog, QTreeView

    from ui.backup_status import path_dialog

    for folder in (False, True):
        dialog = path_dialog(None, "Pilih", tmp_path, folder=folder)
        qtbot.addWidget(dialog)
        assert dialog.labelText(QFileDialog.DialogLabel.Accept) == "Pilih"
        assert dialog.labelText(QFileDialog.DialogLabel.Reject) == "Batal"
        assert dialog.labelText(QFileDialog.DialogLabel.LookIn) == "Lihat di:"
        tree = dialog.findChild(QTreeView, "treeView")
        model = tree.model()
        titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
        assert titles == ["Nama", "Ukuran", "Diubah"]
        assert all("Computer" not in url.toString() for url in dialog.sidebarUrls())


# ---------------------------------------------------------------------- issue 15, item 9
def _answer_noting_defaults(*labels: str) -> list[tuple[str, str]]:
    """As _answer, and note each box's default button: (text, default button's label)."""
    from PySide6.QtWidgets import QMessageBox

    seen: list[tuple[str, str]] = []
    pending = list(labels)

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and pending:
            default = box.defaultButton()
            seen.append((box.text(), default.text() if default is not None else ""))
            for button in box.findChildren(QAbstractButton):
                if button.text().replace("&", "") == pending[0]:
                    pending.pop(0)
                    QTimer.singleShot(0, button.click)
                    break
        if pending:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return seen


def test_panel_asks_before_restoring_a_backup_whose_audit_chain_fails(
        session: Session, officer: Officer, qtbot: QtBot) -> None:
    from tests.test_backup_restore import tampered_backup

    store = session.store
    backup = tampered_backup(store, officer)
    store.visits.create(kehilangan(store.clock(), officer.id), officer.id)
    counts = store.summary_counts()
    panel = BackupPanel(session)
    qtbot.addWidget(panel)
    seen = _answer_noting_defaults("Ya", "Tidak")  # restore? yes; despite the audit? no
    assert not panel.restore(backup)
    question, default = seen[1]
    assert "jejak audit cadangan ini tidak utuh" in question
    assert "diubah di luar Piket (kolom: narrative)" in question and backup.name in question
    assert default == "Tidak"
    assert panel.result.text().startswith("Pemulihan dibatalkan: jejak audit cadangan")
    assert store.summary_counts() == counts and store.verify() == []  # reopened, unchanged
    assert not list(store.path.parent.glob("piket.db.before-restore-*"))

    seen = _answer_noting_defaults("Ya", "Ya")
    assert panel.restore(backup)
    assert panel.result.text().startswith("Dipulihkan dari")
    assert store.summary_counts()["Kunjungan"] == counts["Kunjungan"] - 1
    assert any("diubah di luar Piket" in p for p in store.verify())


def test_restore_offer_at_start_asks_about_a_failing_audit_chain(
        tmp_path: Path, clock: MutableClock, qtbot: QtBot) -> None:
    from tests.test_backup_restore import tampered_backup

    path = tmp_path / "piket.db"
    with Store(path, clock=clock) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        backup = tampered_backup(store, officer)
        for _ in range(30):
            store.visits.create(kehilangan(clock(), officer.id), officer.id)
    _damage(path)
    damaged = path.read_bytes()
    dialog = RestoreOfferDialog(path)
    qtbot.addWidget(dialog)
    assert dialog.backups.item(0).text().endswith("jejak audit tidak utuh")
    seen = _answer_noting_defaults("Tidak")
    assert not dialog.restore(backup)
    assert "diubah di luar Piket" in seen[0][0] and seen[0][1] == "Tidak"
    assert path.read_bytes() == damaged and dialog.restored_from is None
    seen = _answer_noting_defaults("Ya", "OK")
    assert dialog.restore(backup)
    assert "Basis data dipulihkan" in seen[1][0]
    with Store(path) as restored:
        assert any("diubah di luar Piket" in p for p in restored.verify())
