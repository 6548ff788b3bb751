"""Pengaturan › Polres: where the station's trail goes (the hub's address, or a folder for
bundles on a flash disk), with its own buttons: save, send now, write a bundle now. Sending
runs in the background (ui/sync_status.py): typing elsewhere never waits for the network."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.domain.changes import ChangeKind, Changes
from app.store import Action, StoreError
from ui.backup_status import choose_path
from ui.common.errors import describe
from ui.common.forms import ERROR_STYLE, SPACING, FieldForm, MessageLabel
from ui.roles import show_if
from ui.session import Session
from ui.sync_status import SyncStatusLabel, sync_service

OK_STYLE = "color: #1b5e20;"


class SyncPanel(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._service = sync_service(session)
        self.form = FieldForm()
        self.dsn_edit = QLineEdit()
        self.folder_edit = QLineEdit()
        self.choose_button = QPushButton("Pilih &folder…")
        self.save_button = QPushButton("&Simpan")
        self.push_button = QPushButton("&Kirim ke hub sekarang")
        self.bundle_button = QPushButton("Tulis &bundel sekarang")
        self.status_label = SyncStatusLabel(session, self)
        self.result = MessageLabel(OK_STYLE)
        self._build()
        self._connect()
        show_if(session, Action.SETTINGS, self.save_button, self.choose_button)
        show_if(session, Action.SYNC, self.push_button, self.bundle_button)
        self.reload()

    def _build(self) -> None:
        intro = QLabel(
            "Jejak audit satuan dikirim ke hub Polres, ditandatangani satuan: lewat jaringan "
            "(alamat hub PostgreSQL dari Polres) atau lewat flashdisk (bundel terenkripsi yang "
            "diimpor di Polres). Pengiriman berjalan di latar belakang.")
        intro.setWordWrap(True)
        self.dsn_edit.setPlaceholderText("host=10.0.0.5 dbname=piket user=polsek_pdm")
        self.dsn_edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.folder_edit.setPlaceholderText("(kosong: tidak memakai bundel)")
        folder = QWidget()
        folder_row = QHBoxLayout(folder)
        folder_row.setContentsMargins(0, 0, 0, 0)
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(self.choose_button)
        self.form.add_field("hub_dsn", "Alamat &hub Polres", self.dsn_edit,
                            "Diberikan admin basis data Polres (peran PostgreSQL satuan ini).")
        self.form.add_field("bundle_dir", "Folder &bundel", folder,
                            "Misalnya flashdisk yang dibawa ke Polres.")
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(self.bundle_button)
        buttons.addWidget(self.push_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.status_label)
        layout.addLayout(buttons)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.setFocusProxy(self.dsn_edit)

    def _connect(self) -> None:
        self.save_button.clicked.connect(self.save)
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.push_button.clicked.connect(self._on_push_button_clicked)
        self.bundle_button.clicked.connect(self._on_bundle_button_clicked)
        self._service.started.connect(self._update_buttons)
        self._service.finished.connect(self._on_service_finished)
        self._service.failed.connect(self._on_service_failed)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ handlers
    def _on_choose_button_clicked(self) -> None:
        chosen = choose_path(self, "Pilih folder bundel", None, folder=True)
        if chosen is not None:
            self.folder_edit.setText(str(chosen))

    def _on_push_button_clicked(self) -> None:
        if self.save() and not self._service.push():
            self._show("Isi alamat hub Polres dulu.", ok=False)

    def _on_bundle_button_clicked(self) -> None:
        if self.save() and not self._service.bundle():
            self._show("Pilih folder bundel dulu.", ok=False)

    def _on_service_finished(self, text: str) -> None:
        self._show(text, ok=True)

    def _on_service_failed(self, text: str) -> None:
        self._show(f"{text} Data tetap tersimpan di komputer ini; kirim lagi nanti.", ok=False)

    def _on_session_changed(self, kinds: Changes) -> None:
        if ChangeKind.SETTINGS in kinds:
            self.reload()

    # ------------------------------------------------------------------ state
    def reload(self) -> None:
        settings = self._session.store.settings.app_settings()
        if not self.dsn_edit.isModified():
            self.dsn_edit.setText(settings.hub_dsn)
        if not self.folder_edit.isModified():
            self.folder_edit.setText(settings.bundle_dir)
        self._update_buttons()

    def save(self) -> bool:
        """Save the two settings when changed (an officer who may not change settings uses
        them as they are)."""
        store = self._session.store
        current = store.settings.app_settings()
        edited = replace(current, hub_dsn=self.dsn_edit.text().strip(),
                         bundle_dir=self.folder_edit.text().strip())
        if edited == current:
            return True
        self.form.clear_problems()
        if "\n" in edited.hub_dsn or len(edited.hub_dsn) > 500:
            self.form.show_problems({"hub_dsn": "Alamat hub tidak sah."})
            return False
        try:
            self._session.write(lambda: store.settings.save_app_settings(edited,
                                                                         self._session.officer_id))
        except StoreError as exc:
            self._show(describe(exc), ok=False)
            return False
        self.dsn_edit.setModified(False)
        self.folder_edit.setModified(False)
        self._show("Pengaturan Polres tersimpan.", ok=True)
        return True

    def _update_buttons(self) -> None:
        busy = self._service.running
        self.push_button.setEnabled(not busy)
        self.bundle_button.setEnabled(not busy)

    def _show(self, text: str, *, ok: bool) -> None:
        self._update_buttons()
        self.result.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        self.result.set_message(text)


