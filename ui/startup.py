"""Start-up of the window: QApplication, translations, a last-resort error hook, the sign-in
that opens the store (ui/signin/start.py: first run, the upgrade of a plain store, the
sign-in dialog), then the main window and any unfinished drafts."""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget

from app.errorlog import ERROR_LOG, LOG, install_log, log_exception
from app.paths import default_data_dir
from app.store import (
    NewerSchema,
    NotAPiketStore,
    Store,
    StoreError,
    StoreUnavailable,
)
from ui import gc_guard
from ui.common.dialogs import message_box
from ui.common.errors import describe
from ui.i18n import install_translations
from ui.session import Session

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# The window, the backup status and the first run are imported once they are needed: the
# sign-in screen comes first and fast (bench/bench_signin.py).


def start(path: Path, *, settings: QSettings | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    gc_guard.install(app)  # never in a worker thread: see ui/gc_guard.py
    assert isinstance(app, QApplication)
    app.setApplicationName("Piket")
    app.setOrganizationName("Piket")
    data_dir = default_data_dir()
    install_excepthook(data_dir / ERROR_LOG)
    install_log(data_dir / LOG)
    translators = install_translations(app, "id", data_dir / "i18n")
    qsettings = settings or QSettings("Piket", "Piket")
    from ui.first_run import demo_generator
    from ui.signin.start import sign_in_at_start

    store = sign_in_at_start(path, qsettings, demo=demo_generator())
    if store is None:
        return 1
    try:
        if not store.read_only:
            from app.backup.service import tidy_backup_folders

            tidy_backup_folders(store)  # beside the store: done when it was opened
        language = store.settings.app_settings().language
        if language != "id":
            translators = install_translations(app, language, data_dir / "i18n", translators)
        session = Session(store)
        if not prepare_session(session):
            return 0
        from ui.backup_status import BackupStatusLabel, backup_at_start_if_due
        from ui.main_window import MainWindow

        window = MainWindow(session, qsettings)
        window.add_status_widget(BackupStatusLabel(session, window))
        from ui.sync_status import SyncStatusLabel

        window.add_status_widget(SyncStatusLabel(session, window))
        show_read_only(window, store)
        window.show()
        window.raise_()
        window.activateWindow()  # the dialogs before it had the focus
        QTimer.singleShot(0, lambda: offer_drafts(session, window))
        if not store.read_only:  # nothing changes on a read-only store: no backup to make
            QTimer.singleShot(0, lambda: backup_at_start_if_due(session))
        code = int(app.exec())
        if store.read_only:
            return code
        from ui.backup_exit import backup_at_exit  # only needed now

        backup_at_exit(session, window)
        return code
    finally:
        store.close()


# ---------------------------------------------------------------------- the store
def open_failure_message(error: StoreError, path: Path) -> str:
    """Why the store at `path` cannot be opened, for someone at the desk."""
    if isinstance(error, StoreUnavailable):
        reason = {
            "missing": f"Folder basis data tidak ditemukan: {path.parent}\nPasang kembali "
                       "flashdisk/folder itu, atau buka berkas lain dengan --db.",
            "read_only": "Berkas basis data hanya-baca (flashdisk terkunci, izin berkas atau "
                         "folder) dan tidak dapat dibuka untuk dibaca saja "
                         "(mis. perlu diperbarui ke versi Piket ini). Salin ke folder yang dapat "
                         "ditulisi.",
            "locked": "Basis data sedang dipakai jendela Piket lain terlalu lama. Tutup jendela "
                      "Piket lain lalu coba lagi.",
            "disk_full": "Disk penuh. Kosongkan ruang disk lalu buka Piket lagi.",
        }.get(error.reason, "Berkas basis data tidak dapat dibaca dari disk.")
    elif isinstance(error, NotAPiketStore):
        reason = "Berkas ini bukan basis data Piket, atau rusak. Pulihkan dari cadangan."
    elif isinstance(error, NewerSchema):
        reason = ("Basis data ini dibuat oleh Piket versi lebih baru. Perbarui Piket di komputer "
                  "ini; berkasnya tidak diubah.")
    else:
        reason = describe(error)
    return f"{reason}\n\nBerkas: {path}"


READ_ONLY_TEXT = ("HANYA-BACA: berkas basis data ini tidak dapat ditulisi (flashdisk terkunci, "
                  "izin berkas atau folder). Data dapat dilihat dan dicetak; menyimpan ditolak.")


def show_read_only(window: MainWindow, store: Store) -> QLabel | None:
    """On a read-only store: a red "HANYA-BACA" in the status bar and the window title, so
    the officer knows before typing a form that nothing can be saved (a save is refused
    with the same words, next to the form)."""
    if not store.read_only:
        return None
    label = QLabel("HANYA-BACA", window)
    label.setObjectName("readOnlyStatus")
    label.setStyleSheet("QLabel { color: white; background: #b3261e; padding: 0 6px; "
                        "font-weight: bold; }")
    label.setToolTip(READ_ONLY_TEXT)
    window.add_status_widget(label)
    window.setWindowTitle(f"{window.windowTitle()} [hanya-baca]")
    window.statusBar().showMessage(READ_ONLY_TEXT)
    return label


# ---------------------------------------------------------------------- after sign-in
def prepare_session(session: Session, parent: QWidget | None = None) -> bool:
    """The station profile of a store that has none yet (a plain store just encrypted that
    was never set up). False when the user cancels (Piket then closes)."""
    if session.store.settings.has_station_profile() or session.store.read_only:
        return True
    from ui.first_run import FirstRunDialog, demo_generator

    return bool(FirstRunDialog(session, parent, demo=demo_generator()).exec())


def offer_drafts(session: Session, window: QWidget) -> None:
    """Offer the drafts left by a crash. Imported here, after the window is shown: the draft
    code and the forms it opens are not needed to show the window."""
    from ui.records.drafts import offer_drafts as offer

    offer(session, window)


# ---------------------------------------------------------------------- unexpected errors
def unexpected_message(error: BaseException, log_path: Path | None) -> str:
    if isinstance(error, StoreError):
        text = describe(error)
    else:
        text = ("Terjadi kesalahan yang tidak terduga. Data yang sudah disimpan tetap aman; isian "
                "yang belum disimpan masih ada di formulir.")
    if log_path is not None:
        text += f"\n\nBila berulang, serahkan berkas catatan ini kepada admin:\n{log_path}"
    return text


def _show_unexpected(text: str) -> None:
    if QApplication.instance() is None:
        print(text, file=sys.stderr)
        return
    message_box(QApplication.activeWindow(), QMessageBox.Icon.Warning, "Terjadi kesalahan",
                text, QMessageBox.StandardButton.Ok).exec()


def install_excepthook(log_path: Path, show: Callable[[str], None] = _show_unexpected
                       ) -> Callable[..., None]:
    """Log every uncaught exception and show a short Indonesian message instead of a
    traceback. Exceptions of worker threads are only logged (no widgets off the GUI thread)."""
    busy = False

    def hook(exc_type: type[BaseException], exc: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal busy
        if issubclass(exc_type, KeyboardInterrupt):
            sys.__excepthook__(exc_type, exc, tb)
            return
        logged = log_exception(log_path, (exc_type, exc, tb))
        if busy:  # an error while the message is open: logged, not stacked
            return
        busy = True
        try:
            show(unexpected_message(exc, log_path if logged else None))
        finally:
            busy = False

    def thread_hook(args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            log_exception(log_path, (args.exc_type, args.exc_value, args.exc_traceback))

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return hook
