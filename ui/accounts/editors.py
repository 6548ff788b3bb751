"""The dialogs of Akun Petugas: a new account for an officer of the roster (role and first
password), a new role, a password reset. Each hands its value to the `save` the page gives
(ui.common.editor): a refusal of the store (the rule, the last admin) stays in the dialog,
next to its field."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import QComboBox, QLabel, QWidget

from app.domain.models import Officer
from app.security.permissions import ROLE_LABELS, Role
from app.store import Account, InvalidPassword, StoreError
from ui.accounts.passwords import add_new_password, new_password_problems
from ui.common.editor import EditorDialog, SaveFn


@dataclass(frozen=True)
class NewAccount:
    role: Role
    password: str


def role_combo(current: Role = Role.PETUGAS) -> QComboBox:
    combo = QComboBox()
    for role, label in ROLE_LABELS.items():
        combo.addItem(label, role.value)  # a StrEnum comes back from Qt as a plain str
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


def chosen_role(combo: QComboBox) -> Role:
    return Role(combo.currentData())


def password_refusal(error: StoreError) -> dict[str, str]:
    """The store's password rule beside the password field (other refusals: under the form)."""
    text = str(error)
    if isinstance(error, InvalidPassword) and ("sandi" in text or "PIN" in text) \
            and "sudah punya akun" not in text:
        return {"password": text}
    return {}


def _who(officer_text: str) -> QLabel:
    label = QLabel(officer_text)
    label.setWordWrap(True)
    return label


class CreateAccountEditor(EditorDialog):
    """An account for `officer` (who has none): role and first password, typed twice."""

    TITLE_EDIT = "Buat akun petugas"

    def __init__(self, officer: Officer, save: SaveFn, parent: QWidget | None = None) -> None:
        self._officer = officer
        super().__init__(officer, save, parent)
        self.set_intro("Petugas masuk dengan NRP dan kata sandi ini. Sampaikan kata sandinya "
                       "secara langsung; petugas dapat menggantinya sendiri (menu Akun).")

    def _build_fields(self) -> None:
        self.form.add_field("officer", "Petugas", _who(
            f"{self._officer.display} (NRP {self._officer.nrp})"))
        self.role = self.form.add_field("role", "Peran", role_combo())
        self.password, self.repeat = add_new_password(self.form, "Kata sandi awal")

    def _load(self, item: Any) -> None:
        pass

    def _problems(self) -> dict[str, str]:
        return new_password_problems(self.password.text(), self.repeat.text(), self._officer.nrp)

    def _store_problems(self, error: StoreError) -> dict[str, str]:
        return password_refusal(error)

    def _value(self) -> NewAccount:
        assert isinstance(self.role, QComboBox)
        return NewAccount(chosen_role(self.role), self.password.text())


class RoleEditor(EditorDialog):
    """Another role for an account."""

    TITLE_EDIT = "Ubah peran"

    def _build_fields(self) -> None:
        self.who = self.form.add_field("officer", "Petugas", _who(""))
        self.role = self.form.add_field("role", "Peran", role_combo())

    def _load(self, item: Any) -> None:
        assert isinstance(item, Account) and isinstance(self.who, QLabel)
        assert isinstance(self.role, QComboBox)
        self.who.setText(f"{item.rank} {item.name} (NRP {item.nrp})")
        self.role.setCurrentIndex(max(0, self.role.findData(item.role.value)))

    def _problems(self) -> dict[str, str]:
        return {}

    def _value(self) -> Role:
        assert isinstance(self.role, QComboBox)
        return chosen_role(self.role)


class ResetPasswordEditor(EditorDialog):
    """A new password set by an administrator (the officer forgot theirs); it also ends a
    lockout and reactivates a deactivated account."""

    TITLE_EDIT = "Atur ulang kata sandi"

    def __init__(self, account: Account, save: SaveFn, parent: QWidget | None = None) -> None:
        super().__init__(account, save, parent)
        self.set_intro("Kata sandi lama tidak berlaku lagi. Akun yang terkunci atau nonaktif "
                       "aktif kembali.")

    def _build_fields(self) -> None:
        self.who = self.form.add_field("officer", "Petugas", _who(""))
        self.password, self.repeat = add_new_password(self.form)

    def _load(self, item: Any) -> None:
        assert isinstance(item, Account) and isinstance(self.who, QLabel)
        self.who.setText(f"{item.rank} {item.name} (NRP {item.nrp})")

    def _problems(self) -> dict[str, str]:
        account = self.original
        assert isinstance(account, Account)
        return new_password_problems(self.password.text(), self.repeat.text(), account.nrp)

    def _store_problems(self, error: StoreError) -> dict[str, str]:
        return password_refusal(error)

    def _value(self) -> str:
        return self.password.text()
