"""The sign-in at start: NRP (the last one remembered in QSettings, never the password) and
password; a wrong password or a lockout is said under the fields. "Lupa semua kata sandi?"
opens the store with the recovery key, and an administrator's password is set anew there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.clock import Clock, utc_now
from app.domain.models import Officer
from app.security.permissions import Role
from app.store import (
    DamagedStore,
    InvalidPassword,
    SignInFailed,
    Store,
    StoreError,
    open_with_recovery,
    sign_in,
    slots_path,
    switch_officer,
    unlock_key,
)
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel
from ui.signin.fields import NewPassword, SignInForm

LAST_NRP_KEY = "signin/last_nrp"


class SignInDialog(QDialog):
    """`store`, signed in, once accepted."""

    def __init__(self, path: Path, settings: QSettings, parent: QWidget | None = None, *,
                 clock: Clock = utc_now) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._settings = settings
        self._clock = clock
        self.store: Store | None = None
        self.damaged_key: bytes | None = None
        self.form = SignInForm(self._attempt)
        self.recovery_link = QLabel('<a href="#">Lupa semua kata sandi? Pakai kunci '
                                    'pemulihan</a>')
        self._build()
        self._connect()
        self.form.set_nrp(str(settings.value(LAST_NRP_KEY, "") or ""))

    def _build(self) -> None:
        self.setWindowTitle("Masuk ke Piket")
        intro = QLabel("Masukkan NRP dan kata sandi (atau PIN) Anda. Setiap data yang diisi "
                       "dicatat atas nama Anda.")
        intro.setWordWrap(True)
        self.recovery_link.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                                   | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.recovery_link)
        self.setMinimumWidth(460)

    def _connect(self) -> None:
        self.form.signed_in.connect(self.accept)
        self.recovery_link.linkActivated.connect(self._on_recovery_link_activated)

    def _attempt(self, nrp: str, password: str) -> None:
        try:
            self.store = sign_in(self._path, nrp, password, clock=self._clock)
        except DamagedStore:
            # the key slots opened (the password is right) but the store file is damaged:
            # the dialog closes and the start offers a restore with this key (ui/signin/start.py)
            self.damaged_key = unlock_key(slots_path(self._path), nrp, password, self._clock())
            QTimer.singleShot(0, self.reject)
            raise
        self._settings.setValue(LAST_NRP_KEY, nrp)

    def _on_recovery_link_activated(self, _link: str) -> None:
        self.use_recovery()

    def use_recovery(self) -> bool:
        dialog = RecoveryDialog(self._path, self)
        if not dialog.exec() or dialog.store is None:
            return False
        self.store = dialog.store
        self.accept()
        return True


class RecoveryDialog(QDialog):
    """The recovery key opens the store; then an administrator (chosen here) gets a new
    password and is signed in with it. `store` once accepted; cancelled, the store closes."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self.store: Store | None = None
        self.key = QLineEdit()
        self.admin = QComboBox()
        self.form = FieldForm()
        self.message = MessageLabel()
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        self._build()
        self.new_password = NewPassword(self.form, self._admin_nrp)
        self._show_step(opened=False)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _build(self) -> None:
        self.setWindowTitle("Buka dengan kunci pemulihan")
        intro = QLabel("Ketik kunci pemulihan dari lembar yang disimpan di brankas Kapolsek "
                       "(32 huruf/angka; tanda hubung dan spasi boleh). Setelah itu, tentukan "
                       "kata sandi baru untuk satu admin.")
        intro.setWordWrap(True)
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.key.setFont(mono)
        self.key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.key.setMinimumWidth(self.key.fontMetrics().horizontalAdvance("X" * 44))
        self.form.add_field("key", "Kunci &pemulihan", self.key)
        self.form.add_field("admin", "A&dmin", self.admin)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(640)

    def _show_step(self, *, opened: bool) -> None:
        self.key.setReadOnly(opened)
        for key in ("admin", "password", "repeat"):
            field = self.form.field(key)
            field.setEnabled(opened)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Simpan kata sandi dan masuk" if opened else "&Buka")

    def _admin_nrp(self) -> str:
        return str(self.admin.currentData() or "")

    def accept(self) -> None:
        self.message.set_message("")
        if self.store is None:
            self._open()
        else:
            self._reset_and_sign_in()

    def _open(self) -> None:
        try:
            self.store = open_with_recovery(self._path, self.key.text())
        except SignInFailed as exc:
            self.form.show_problems({"key": str(exc)})
            return
        except StoreError as exc:
            self.message.set_message(describe(exc))
            return
        names = {o.id: o for o in self.store.master.list(Officer)}
        for account in self.store.accounts.list(include_inactive=False):
            if account.role is Role.ADMIN:
                officer = names.get(account.officer_id)
                text = f"{officer.display} \u2014 NRP {account.nrp}" if officer else account.nrp
                self.admin.addItem(text, account.nrp)
        self.form.clear_problems()
        self._show_step(opened=True)
        if self.admin.count() == 0:
            self.message.set_message("Tidak ada akun admin aktif. Hubungi pengembang.")
            return
        self.new_password.password.setFocus()

    def _reset_and_sign_in(self) -> None:
        store = self.store
        assert store is not None
        problems = self.new_password.problems()
        if self.form.show_problems(problems):
            return
        nrp, password = self._admin_nrp(), self.new_password.value()
        account = store.accounts.find(nrp)
        if account is None:
            return
        try:
            store.accounts.reset_password(account.officer_id, password, None)
            switch_officer(store, nrp, password)
        except InvalidPassword as exc:
            self.form.show_problems({"password": str(exc)})
            return
        except StoreError as exc:
            self.message.set_message(describe(exc))
            return
        super().accept()

    def reject(self) -> None:
        if self.store is not None:  # opened with the key but no password set: closed again
            self.store.close()
            self.store = None
        super().reject()
