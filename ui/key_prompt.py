"""Asks for what opens an encrypted store when it cannot be signed into normally: to restore
a damaged store (or one whose PC is gone) from its backup. An NRP and password valid in the
key slots, or the recovery key from the Kapolsek's safe."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.clock import utc_now
from app.store import SignInFailed, recovery_data_key, unlock_key
from ui.common.forms import FieldForm


class KeyPrompt(QDialog):
    """`data_key` holds the key once accepted."""

    def __init__(self, keys_file: Path, why: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keys_file = keys_file
        self.data_key: bytes | None = None
        self.setWindowTitle("Buka basis data terenkripsi")
        text = QLabel(why)
        text.setWordWrap(True)
        self.nrp = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.recovery = QLineEdit()
        self.recovery.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.recovery.setFont(mono)
        self.recovery.setMinimumWidth(self.recovery.fontMetrics().horizontalAdvance("X" * 44))
        self.use_recovery = QCheckBox("Pakai &kunci pemulihan (semua kata sandi terlupa)")
        self.form = FieldForm()
        self.form.add_field("nrp", "&NRP:", self.nrp)
        self.form.add_field("password", "&Kata sandi/PIN:", self.password)
        self.form.add_field("recovery", "Kunci &pemulihan:", self.recovery,
                            hint="32 huruf/angka dari lembar kunci pemulihan")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Buka")
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Ba&tal")
        buttons.accepted.connect(self.try_open)
        buttons.rejected.connect(self.reject)
        self.use_recovery.toggled.connect(self._show_fields)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.use_recovery)
        layout.addLayout(self.form)
        layout.addWidget(buttons)
        self._show_fields(False)

    def _show_fields(self, recovery: bool) -> None:
        for key, shown in (("nrp", not recovery), ("password", not recovery),
                           ("recovery", recovery)):
            field = self.form.field(key)
            box = field.parentWidget()  # FieldForm puts each field in a box with its messages
            if box is None:
                continue
            box.setVisible(shown)
            label = self.form.labelForField(box)
            if label is not None:
                label.setVisible(shown)
        self.form.clear_problems()
        (self.recovery if recovery else self.nrp).setFocus()

    def try_open(self) -> bool:
        try:
            if self.use_recovery.isChecked():
                self.data_key = recovery_data_key(self.keys_file, self.recovery.text())
            else:
                self.data_key = unlock_key(self.keys_file, self.nrp.text(),
                                           self.password.text(), utc_now())
        except SignInFailed as exc:
            field = "recovery" if self.use_recovery.isChecked() else "password"
            self.form.show_problems({field: str(exc)})
            return False
        except (OSError, ValueError):
            self.form.show_problems({"recovery" if self.use_recovery.isChecked() else "nrp":
                                     f"Berkas kunci {self.keys_file.name} tidak dapat dibaca."})
            return False
        self.accept()
        return True


def ask_data_key(keys_file: Path, why: str, parent: QWidget | None = None) -> bytes | None:
    """The data key, or None when the user cancelled."""
    dialog = KeyPrompt(keys_file, why, parent)
    return dialog.data_key if dialog.exec() else None
