"""The fields every sign-in screen shares: a new password typed twice with the rule beside
it, and the NRP + password form with its message (a wrong password, a lockout)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget

from app.outputs import os_error_text
from app.security.passwords import MIN_PASSWORD, MIN_PIN, password_problem
from app.store import SignInFailed, StoreError
from ui.common.errors import describe
from ui.common.forms import FieldForm, MessageLabel

RULE_TEXT = (f"PIN minimal {MIN_PIN} angka (bukan 111111/123456), atau kata sandi minimal "
             f"{MIN_PASSWORD} karakter berisi huruf dan angka; bukan NRP.")

# what a sign-in attempt does: opens or switches the store, or raises SignInFailed
Attempt = Callable[[str, str], None]


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(128)
    return edit


class NewPassword:
    """Two password fields in a FieldForm (keys "password" and "repeat"), the rule as the
    first one's hint; `problems()` checks them with app.security.passwords."""

    def __init__(self, form: FieldForm, nrp: Callable[[], str]) -> None:
        self._form = form
        self._nrp = nrp
        self.password = password_edit()
        self.repeat = password_edit()
        form.add_field("password", "&Kata sandi/PIN", self.password, hint=RULE_TEXT)
        form.add_field("repeat", "&Ulangi kata sandi", self.repeat)

    def value(self) -> str:
        return self.password.text()

    def set_value(self, text: str) -> None:
        self.password.setText(text)
        self.repeat.setText(text)

    def problems(self) -> dict[str, str]:
        problem = password_problem(self.password.text(), self._nrp())
        if problem:
            return {"password": problem}
        if self.repeat.text() != self.password.text():
            return {"repeat": "Kedua kata sandi tidak sama. Ketik ulang."}
        return {}


class SignInForm(QWidget):
    """NRP, password and "Masuk"; calls `attempt(nrp, password)` and shows what went wrong
    under the fields. `signed_in` once it succeeded."""

    signed_in = Signal()

    def __init__(self, attempt: Attempt, parent: QWidget | None = None, *,
                 button_text: str = "&Masuk") -> None:
        super().__init__(parent)
        self._attempt = attempt
        self.nrp = QLineEdit()
        self.nrp.setMaxLength(20)
        self.nrp.setPlaceholderText("8 angka")
        self.password = password_edit()
        self.message = MessageLabel()
        self.message.setObjectName("signInMessage")
        self.button = QPushButton(button_text)
        # Enter is handled by the fields themselves (NRP: to the password; password:
        # submit); a default button would take the same Enter in a dialog and submit twice
        self.button.setAutoDefault(False)
        self.form = FieldForm()
        self.form.add_field("nrp", "&NRP", self.nrp)
        self.form.add_field("password", "&Kata sandi/PIN", self.password)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignRight)
        self._connect()

    def _connect(self) -> None:
        self.button.clicked.connect(self.submit)
        self.nrp.returnPressed.connect(self._on_nrp_return_pressed)
        self.password.returnPressed.connect(self.submit)

    def _on_nrp_return_pressed(self) -> None:
        self.password.setFocus()

    def set_nrp(self, nrp: str, *, fixed: bool = False) -> None:
        self.nrp.setText(nrp)
        self.nrp.setReadOnly(fixed)
        self.focus_first()

    def focus_first(self) -> None:
        (self.password if self.nrp.text().strip() else self.nrp).setFocus()

    def clear(self) -> None:
        self.password.clear()
        self.message.set_message("")

    def submit(self) -> bool:
        nrp, password = self.nrp.text().strip(), self.password.text()
        self.message.set_message("")
        if not nrp:
            self.message.set_message("Isi NRP.")
            self.nrp.setFocus()
            return False
        try:
            self._attempt(nrp, password)
        except SignInFailed as exc:
            self._failed(str(exc))
            return False
        except StoreError as exc:
            self._failed(describe(exc))
            return False
        except OSError as exc:  # the key-slot file beside the store cannot be written
            self._failed(f"Berkas kunci tidak dapat ditulis: {os_error_text(exc)}")
            return False
        self.password.clear()
        self.signed_in.emit()
        return True

    def _failed(self, text: str) -> None:
        self.message.set_message(text)
        self.password.clear()
        self.password.setFocus()
