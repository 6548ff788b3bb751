"""A store of the previous version (not encrypted) opened by this one: the officer who does
it becomes the first administrator (picked from the roster, or added) with a password;
`upgrade_plain_store` copies the store aside, encrypts it and removes the plain copies."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import RANKS
from app.domain.models import Officer
from app.store import InvalidPassword, Store, StoreError, upgrade_plain_store
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import NRP_LENGTH, FieldForm, MessageLabel, check_nrp, required
from ui.records.officers import OfficerPicker, OfficerResolver
from ui.signin.fields import NewPassword


class UpgradeDialog(QDialog):
    """`store` (signed in as the new administrator) and `recovery_key` once accepted."""

    def __init__(self, path: Path, roster: list[Officer], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._path = Path(path)
        self._resolver = OfficerResolver(roster)
        self.store: Store | None = None
        self.recovery_key = ""
        self.from_roster = QRadioButton("Pilih dari daftar &personel")
        self.new_officer = QRadioButton("Personel &baru")
        self.picker = OfficerPicker()
        self.name = QLineEdit()
        self.rank = QComboBox()
        self.nrp = QLineEdit()
        self.form = FieldForm()
        self.message = MessageLabel()
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        self._build()
        self._connect()
        self._on_choice_toggled()

    def _build(self) -> None:
        self.setWindowTitle("Enkripsi basis data")
        intro = QLabel(
            "Basis data ini dibuat oleh Piket versi sebelumnya dan <b>belum terenkripsi</b>: "
            "siapa pun yang menyalin berkasnya dapat membaca NIK, alamat dan laporan warga. "
            "Piket akan menyalinnya dulu sebagai cadangan, lalu mengenkripsinya. Sejak itu "
            "setiap petugas masuk dengan NRP dan kata sandi.<br><br>"
            "Tentukan <b>admin pertama</b> (biasanya petugas yang mengurus Piket) dan kata "
            "sandinya. Akun petugas lain dibuat admin nanti.")
        intro.setWordWrap(True)
        self.picker.set_roster(self._resolver)
        self.picker.setEditText("")
        self.rank.addItems(RANKS)
        self.rank.setCurrentText("BRIPKA")
        self.nrp.setMaxLength(NRP_LENGTH + 4)
        self.nrp.setPlaceholderText("8 angka")
        self.form.add_field("officer", "Ad&min", self.picker)
        self.form.add_field("name", "Na&ma", self.name)
        self.form.add_field("rank", "Pa&ngkat", self.rank)
        self.form.add_field("nrp", "NR&P", self.nrp)
        self.new_password = NewPassword(self.form, self.admin_nrp)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("&Enkripsi dan mulai")
        self.from_roster.setChecked(bool(self._resolver.officers))
        self.new_officer.setChecked(not self._resolver.officers)
        self.from_roster.setEnabled(bool(self._resolver.officers))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.from_roster)
        layout.addWidget(self.new_officer)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(620)

    def _connect(self) -> None:
        self.from_roster.toggled.connect(self._on_choice_toggled)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def _on_choice_toggled(self) -> None:
        pick = self.from_roster.isChecked()
        for key, shown in (("officer", pick), ("name", not pick), ("rank", not pick),
                           ("nrp", not pick)):
            self.form.field(key).setEnabled(shown)

    # ------------------------------------------------------------------ values
    def admin(self) -> Officer | None:
        if self.from_roster.isChecked():
            return self._resolver.find(self.picker.currentText())
        return Officer(" ".join(self.name.text().split()), self.rank.currentText(),
                       self.nrp.text().strip())

    def admin_nrp(self) -> str:
        admin = self.admin()
        return admin.nrp if admin else ""

    def problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        if self.from_roster.isChecked():
            if self.admin() is None:
                problems["officer"] = "Pilih satu nama dari daftar personel (ketik nama atau NRP)."
        else:
            required(problems, "name", self.name.text(), "Nama")
            check_nrp(problems, "nrp", self.nrp.text())
            taken = {o.nrp for o in self._resolver.officers}
            if "nrp" not in problems and self.nrp.text().strip() in taken:
                problems["nrp"] = "NRP ini sudah ada di daftar personel: pilih dari daftar."
        problems.update(self.new_password.problems())
        return problems

    def accept(self) -> None:
        self.message.set_message("")
        if self.form.show_problems(self.problems()):
            return
        admin = self.admin()
        assert admin is not None
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.store, self.recovery_key = upgrade_plain_store(self._path, admin,
                                                                self.new_password.value())
        except InvalidPassword as exc:
            self.form.show_problems({"password": str(exc)})
            return
        except StoreError as exc:
            self.message.set_message(f"Basis data tidak diubah: {describe(exc)}")
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        super().accept()
