"""The password fields of the account dialogs: a hidden field with the rule shown under it,
and a second field to type it again. The rule is app/security/passwords.py's; the store
checks it again."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from app.security.passwords import MIN_PASSWORD, MIN_PIN, password_problem
from ui.common.forms import FieldForm

RULE = (f"PIN paling sedikit {MIN_PIN} angka, atau kata sandi paling sedikit {MIN_PASSWORD} "
        "karakter berisi huruf dan angka; tidak sama dengan NRP.")


def password_edit() -> QLineEdit:
    edit = QLineEdit()
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def add_new_password(form: FieldForm, label: str = "Kata sandi baru") -> tuple[QLineEdit, QLineEdit]:
    """The new password (the rule under it) and its repetition, as fields "password" and
    "repeat" of `form`."""
    new = form.add_field("password", label, password_edit(), hint=RULE)
    repeat = form.add_field("repeat", "Ulangi kata sandi", password_edit())
    assert isinstance(new, QLineEdit) and isinstance(repeat, QLineEdit)
    return new, repeat


def new_password_problems(new: str, repeat: str, nrp: str) -> dict[str, str]:
    """{field: message} for the two fields of add_new_password."""
    problem = password_problem(new, nrp)
    if problem:
        return {"password": problem}
    if new != repeat:
        return {"repeat": "Kata sandi yang diulang tidak sama."}
    return {}
