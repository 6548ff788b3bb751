"""Pengaturan › Cadangan: the backup folder, the backups in it, a backup on demand, and
restoring one (the store is closed, replaced, and opened again in place)."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.backup import (
    BackupFailed,
    BackupInfo,
    RestoreRefused,
    RestoreResult,
    list_backups,
    restore_store,
)
from app.backup.backup import KEEP_DAYS, KEEP_WEEKS, default_backup_dir
from app.backup.messages import backup_failure_text, restore_refusal_text, size_text
from app.backup.service import BackupOutcome, backup_folder, record_restore
from app.domain.changes import ChangeKind, Changes
from app.store import Action, StoreError
from app.textid import format_date, format_time, to_local
from ui.backup_status import (
    RESTORED_KINDS,
    BackupStatusLabel,
    backup_service,
    choose_path,
    confirm_audit_problems,
)
from ui.common.dialogs import ask_yes_no, warn
from ui.common.errors import describe
from ui.common.forms import ERROR_STYLE, HINT_STYLE, SPACING, MessageLabel
from ui.roles import show_if
from ui.session import Session

OK_STYLE = "color: #1b5e20;"
COL_WHEN, COL_FILE, COL_SIZE = 0, 1, 2


class BackupPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._service = backup_service(session)
        self.folder_edit = QLineEdit()
        self.choose_button = QPushButton("Pilih &folder…")
        self.default_button = QPushButton("Pakai ba&waan")
        self.save_folder_button = QPushButton("Simpan f&older")
        self.folder_message = MessageLabel()
        self.status_label = BackupStatusLabel(session, self)
        self.table = QTableWidget(0, 3)
        self.list_message = MessageLabel(HINT_STYLE)
        self.backup_button = QPushButton("&Buat cadangan sekarang")
        self.restore_button = QPushButton("&Pulihkan cadangan terpilih…")
        self.restore_file_button = QPushButton("Pulihkan dari berkas &lain…")
        self.result = MessageLabel(OK_STYLE)
        self._backups: list[BackupInfo] = []
        self._build()
        self._connect()
        show_if(session, Action.BACKUP, self.backup_button)
        show_if(session, Action.RESTORE, self.restore_button, self.restore_file_button)
        self.reload()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        intro = QLabel(
            "Cadangan dibuat otomatis saat Piket dibuka (bila yang terakhir lebih dari 24 jam "
            "lalu) dan saat Piket ditutup, lalu diperiksa keutuhannya. Yang disimpan: cadangan "
            f"terbaru tiap hari untuk {KEEP_DAYS} hari terakhir dan tiap minggu untuk "
            f"{KEEP_WEEKS} minggu terakhir; yang lebih lama dihapus.")
        intro.setWordWrap(True)
        hint = MessageLabel(HINT_STYLE)
        hint.set_message("Sebaiknya flashdisk atau disk lain, agar cadangan selamat bila komputer "
                         f"rusak. Bawaan: {default_backup_dir(self._session.store.path)}")
        self.folder_edit.setPlaceholderText("(bawaan: folder backups di samping basis data)")
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        folder_row.addWidget(self.default_button)
        folder_row.addWidget(self.save_folder_button)
        caption = QLabel("Folder &cadangan:")
        caption.setBuddy(self.folder_edit)
        self.table.setHorizontalHeaderLabels(["Waktu", "Berkas", "Ukuran"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_WHEN, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_FILE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_SIZE, QHeaderView.ResizeMode.ResizeToContents)
        buttons = QHBoxLayout()
        buttons.addWidget(self.backup_button)
        buttons.addStretch(1)
        buttons.addWidget(self.restore_file_button)
        buttons.addWidget(self.restore_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addSpacing(SPACING)
        layout.addWidget(caption)
        layout.addLayout(folder_row)
        layout.addWidget(hint)
        layout.addWidget(self.folder_message)
        layout.addSpacing(SPACING)
        layout.addWidget(self.status_label)
        layout.addWidget(QLabel("Cadangan di folder ini (terbaru di atas):"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.list_message)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        self.setFocusProxy(self.folder_edit)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.default_button.clicked.connect(self._on_default_button_clicked)
        self.save_folder_button.clicked.connect(self.save_folder)
        self.folder_edit.returnPressed.connect(self.save_folder)
        self.backup_button.clicked.connect(self._on_backup_button_clicked)
        self.restore_button.clicked.connect(self._on_restore_button_clicked)
        self.restore_file_button.clicked.connect(self._on_restore_file_button_clicked)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self._service.started.connect(self._update_buttons)
        self._service.finished.connect(self._on_service_finished)
        self._service.failed.connect(self._on_service_failed)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ handlers
    def _on_choose_button_clicked(self) -> None:
        start = Path(self.folder_edit.text().strip() or backup_folder(self._session.store)[0])
        chosen = choose_path(self, "Pilih folder cadangan", start if start.is_dir() else None,
                             folder=True)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))
            self.save_folder()

    def _on_default_button_clicked(self) -> None:
        self.folder_edit.setText("")
        self.save_folder()

    def _on_backup_button_clicked(self) -> None:
        self.result.set_message("")
        self._service.start(automatic=False)

    def _on_service_finished(self, outcome: BackupOutcome) -> None:
        info = outcome.info
        self._show_result(f"Cadangan dibuat: {info.path.name} ({size_text(info.size)}), "
                          "diperiksa: utuh.", ok=True)
        self.reload_list()

    def _on_service_failed(self, error: BackupFailed) -> None:
        self._show_result(f"Cadangan gagal: {backup_failure_text(error)}. Pekerjaan lain tidak "
                          "terganggu; data tetap tersimpan di komputer ini.", ok=False)
        self._update_buttons()

    def _on_restore_button_clicked(self) -> None:
        row = self.table.currentRow()
        if 0 <= row < len(self._backups):
            self.restore(self._backups[row].path)

    def _on_restore_file_button_clicked(self) -> None:
        folder, _ = backup_folder(self._session.store)
        chosen = choose_path(self, "Pilih berkas cadangan Piket", folder if folder.is_dir() else None)
        if chosen is not None:
            self.restore(chosen)

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & {ChangeKind.SETTINGS, ChangeKind.BACKUP}:
            self.reload()

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        if not self.folder_edit.isModified():  # typed, not saved yet: keep it
            self.folder_edit.setText(self._session.store.settings.app_settings().backup_dir)
        self.reload_list()

    def reload_list(self) -> None:
        store = self._session.store
        folder, is_default = backup_folder(store)
        try:
            self._backups = list_backups(folder, store.profile().code)
            self.list_message.set_message("" if self._backups else "Belum ada cadangan di folder ini.")
        except BackupFailed as exc:
            self._backups = []
            missing = is_default and exc.reason == "missing_dir"
            self.list_message.set_message("Belum ada cadangan." if missing else
                                          f"Folder cadangan tidak dapat dibaca: "
                                          f"{backup_failure_text(exc)}.")
        profile = store.profile()
        self.table.setRowCount(len(self._backups))
        for row, backup in enumerate(self._backups):
            local = to_local(backup.taken_at, profile.timezone)
            when = f"{format_date(local)} {format_time(local)} {profile.tz_abbreviation}"
            size = QTableWidgetItem(size_text(backup.size))
            size.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, COL_WHEN, QTableWidgetItem(when))
            name = QTableWidgetItem(backup.path.name)
            name.setToolTip(str(backup.path))
            self.table.setItem(row, COL_FILE, name)
            self.table.setItem(row, COL_SIZE, size)
        if self._backups:
            self.table.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self._service.running
        self.backup_button.setEnabled(not running)
        self.backup_button.setText("Sedang membuat cadangan…" if running
                                   else "&Buat cadangan sekarang")
        self.restore_button.setEnabled(not running and self.table.currentRow() >= 0
                                       and bool(self._backups))
        self.restore_file_button.setEnabled(not running)

    def _show_result(self, text: str, *, ok: bool) -> None:
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.set_message(text)

    # ------------------------------------------------------------------ actions
    def folder_problem(self, text: str) -> str:
        if not text:
            return ""
        path = Path(text).expanduser()
        if not path.exists():
            return "Folder tidak ditemukan. Pasang flashdisk atau pilih folder yang ada."
        if not path.is_dir():
            return "Ini sebuah berkas, bukan folder. Pilih folder."
        if not os.access(path, os.W_OK):
            return "Folder ini tidak dapat ditulisi (hanya-baca). Pilih folder lain."
        return ""

    def save_folder(self) -> bool:
        text = self.folder_edit.text().strip()
        problem = self.folder_problem(text)
        self.folder_message.set_message(problem)
        if problem:
            self.folder_edit.setFocus()
            return False
        store, by = self._session.store, self._session.officer_id
        current = store.settings.app_settings()
        if current.backup_dir != text:
            try:
                self._session.write(lambda: store.settings.save_app_settings(
                    replace(current, backup_dir=text), by))
            except StoreError as exc:
                self.folder_message.set_message(describe(exc))
                return False
        self.folder_edit.setModified(False)
        self._show_result("Folder cadangan tersimpan.", ok=True)
        self.reload()
        return True

    def restore(self, backup: Path) -> bool:
        """Ask, then replace the store with `backup` and open it again in place."""
        if not ask_yes_no(self, "Pulihkan dari cadangan",
                          f"Pulihkan basis data dari cadangan {backup.name}?\n\nData yang disimpan "
                          "sesudah cadangan ini dibuat tidak akan tampil lagi. Basis data sekarang "
                          "tidak dihapus: disimpan di sampingnya dengan nama bercap waktu."):
            return False
        self._service.wait()
        store = self._session.store
        outcome = self._replace_store(backup, force=False)
        if isinstance(outcome, RestoreRefused) and outcome.problem == "audit":
            # intact, but its audit chain fails: restored only when the officer agrees
            if not confirm_audit_problems(self, backup, outcome):
                self._show_result(f"Pemulihan dibatalkan: {restore_refusal_text(outcome)}. "
                                  "Basis data tidak diubah.", ok=False)
                return False
            outcome = self._replace_store(backup, force=True)
        if outcome is None:
            return False
        if isinstance(outcome, RestoreRefused):
            self._show_result(f"Pemulihan ditolak: {restore_refusal_text(outcome)}. Basis data "
                              "tidak diubah.", ok=False)
            return False
        record_restore(store, backup, self._session.officer_id)
        self._session.announce(RESTORED_KINDS)
        kept = ", ".join(p.name for p in outcome.kept_aside)
        self._show_result(f"Dipulihkan dari {backup.name}." +
                          (f" Basis data sebelumnya disimpan sebagai {kept}." if kept else ""),
                          ok=True)
        return True

    def _replace_store(self, backup: Path, *, force: bool
                       ) -> RestoreResult | RestoreRefused | None:
        """Close the store, restore `backup` over it, open it again: the result, the
        refusal (nothing changed), or None when the store could not be opened again."""
        store = self._session.store
        store.require(Action.RESTORE)
        outcome: RestoreResult | RestoreRefused
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        store.close()
        try:
            outcome = restore_store(store.path, backup, force=force, key=store.data_key)
        except RestoreRefused as exc:
            outcome = exc
        finally:
            reopened = self._reopen()
            QApplication.restoreOverrideCursor()
        return outcome if reopened else None

    def _reopen(self) -> bool:
        try:
            self._session.store.reopen()
        except StoreError as exc:
            warn(self, "Basis data tidak dapat dibuka lagi",
                 f"{describe(exc)}\n\nTutup Piket lalu buka kembali.")
            return False
        return True


BackupPage = BackupPanel  # the name ui/settings/page.py loads
