"""Ganti kata sandi (menu Akun, every role): the signed-in officer types the old password
and the new one twice. Only the officer's key slot is rewrapped; the store is not
re-encrypted (app/store/accounts.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit, QWidget

from app.store import InvalidPassword, StoreError
from ui.accounts.passwords import add_new_password, new_password_problems, password_edit
from ui.common.editor import EditorDialog
from ui.session import Session

WRONG_OLD = "Kata sandi lama salah."  # app/store/accounts.py


class ChangePasswordDialog(EditorDialog):
    TITLE_EDIT = "Ganti kata sandi"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        self._session = session
        access = session.store.access
        super().__init__(access, self._change, parent)
        self.set_intro(f"Kata sandi untuk masuk dengan NRP {access.nrp}." if access.nrp else
                       "Masuk dengan akun Anda untuk mengganti kata sandi.")

    def _build_fields(self) -> None:
        self.old = self.form.add_field("old", "Kata sandi lama", password_edit())
        self.password, self.repeat = add_new_password(self.form)

    def _load(self, item: Any) -> None:
        pass

    def _problems(self) -> dict[str, str]:
        assert isinstance(self.old, QLineEdit)
        if not self.old.text():
            return {"old": "Kata sandi lama wajib diisi."}
        return new_password_problems(self.password.text(), self.repeat.text(),
                                     self._session.store.access.nrp)

    def _value(self) -> tuple[str, str]:
        assert isinstance(self.old, QLineEdit)
        return self.old.text(), self.password.text()

    def _change(self, value: tuple[str, str]) -> None:
        old, new = value
        self._session.store.accounts.change_own_password(old, new)

    def _store_problems(self, error: StoreError) -> dict[str, str]:
        if not isinstance(error, InvalidPassword):
            return {}
        text = str(error)
        # a wrong old password beside the old one; the new one's rule beside the new one
        return {"old" if text == WRONG_OLD else "password": text}
