"""Pengaturan → Dokumen: what the station's papers carry that is not a number (issue 17 items
1 and 5): the emblem beside the letterhead, and the SKTLK's title, validity and warning
against false reports. Takes a StationProfile in, hands one out (`apply`)."""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.documents.emblem import EMBLEM_MAX_BYTES, emblem_problem
from app.domain.models import StationProfile
from ui.common.forms import HINT_STYLE, FieldForm, MessageLabel

SKTLK_TITLES = ("SURAT KETERANGAN TANDA LAPOR KEHILANGAN",
                "SURAT TANDA PENERIMAAN LAPORAN KEHILANGAN")
EMBLEM_FILTER = "Gambar PNG atau JPEG (*.png *.jpg *.jpeg)"
PREVIEW_SIZE = 72


class DocumentSettingsForm(QWidget):
    edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._emblem = ""  # base64, as StationProfile.emblem
        self.emblem_form = FieldForm()
        self.sktlk_form = FieldForm()
        self.preview = QLabel()
        self.preview.setObjectName("emblemPreview")
        self.preview.setFixedSize(PREVIEW_SIZE + 8, PREVIEW_SIZE + 8)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #bbbbbb;")
        self.choose_button = QPushButton("&Pilih gambar…")
        self.clear_button = QPushButton("&Hapus lambang")
        self.emblem_message = MessageLabel("color: #b00020;")
        self.title = QComboBox()
        self.title.setEditable(True)
        self.title.addItems(SKTLK_TITLES)
        self.valid_days = QSpinBox()
        self.valid_days.setRange(1, 365)
        self.valid_days.setSuffix(" hari")
        self.warning = QPlainTextEdit()
        self.warning.setTabChangesFocus(True)
        self.warning.setFixedHeight(70)
        self._build()
        self._connect()

    def _build(self) -> None:
        buttons = QVBoxLayout()
        buttons.addWidget(self.choose_button)
        buttons.addWidget(self.clear_button)
        buttons.addStretch(1)
        row = QWidget()
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.addWidget(self.preview)
        row_layout.addLayout(buttons)
        row_layout.addStretch(1)
        self.emblem_form.add_field(
            "emblem", "&Lambang", row,
            "Dicetak di tengah di bawah kop surat, di atas judul dokumen. PNG atau JPEG, paling "
            "besar 1 MB (gambar SVG: simpan dulu sebagai PNG). Tanpa lambang, dokumen dicetak "
            "tanpa gambar.")
        self.emblem_form.set_focus_widget("emblem", self.choose_button)
        self.sktlk_form.add_field("sktlk_title", "&Judul SKTLK", self.title)
        self.sktlk_form.add_field("sktlk_valid_days", "&Masa berlaku", self.valid_days,
                                  "Dihitung dari tanggal laporan diterima.")
        self.sktlk_form.add_field("sktlk_warning", "Peri&ngatan laporan palsu", self.warning,
                                  "Dicetak di bawah masa berlaku. Kosongkan bila tidak dipakai.")
        emblem_box = QGroupBox("Kop surat")
        emblem_layout = QVBoxLayout(emblem_box)
        emblem_layout.addLayout(self.emblem_form)
        emblem_layout.addWidget(self.emblem_message)
        sktlk_box = QGroupBox("Surat keterangan kehilangan (SKTLK)")
        sktlk_box.setLayout(self.sktlk_form)
        layout = QVBoxLayout(self)
        layout.addWidget(emblem_box)
        layout.addWidget(sktlk_box)
        hint = QLabel("Penandatangan dokumen diatur per jabatan di Data Master → Jabatan.")
        hint.setWordWrap(True)
        hint.setStyleSheet(HINT_STYLE)
        layout.addWidget(hint)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.choose_button.clicked.connect(self._on_choose_button_clicked)
        self.clear_button.clicked.connect(self._on_clear_button_clicked)
        self.title.editTextChanged.connect(self._on_any_edited)
        self.valid_days.valueChanged.connect(self._on_any_edited)
        self.warning.textChanged.connect(self._on_any_edited)

    def _on_any_edited(self, *_args: object) -> None:
        self.edited.emit()

    def _on_choose_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Pilih gambar lambang", str(Path.home()),
                                              EMBLEM_FILTER)
        if path:
            self.load_emblem_file(Path(path))

    def _on_clear_button_clicked(self) -> None:
        self._set_emblem("")
        self.emblem_message.set_message("")
        self.edited.emit()

    def load_emblem_file(self, path: Path) -> bool:
        """Take the image at `path` as the emblem; an Indonesian message when it cannot be."""
        try:
            if path.stat().st_size > EMBLEM_MAX_BYTES:
                problem = "Gambar lambang terlalu besar (paling besar 1 MB)."
            else:
                data = path.read_bytes()
                problem = emblem_problem(data)
        except OSError as exc:
            problem = f"Berkas tidak dapat dibaca: {exc.strerror or exc}"
        self.emblem_message.set_message(problem)
        if problem:
            return False
        self._set_emblem(base64.b64encode(data).decode("ascii"))
        self.edited.emit()
        return True

    def _set_emblem(self, encoded: str) -> None:
        self._emblem = encoded
        pixmap = QPixmap()
        if encoded and pixmap.loadFromData(base64.b64decode(encoded)):
            self.preview.setPixmap(pixmap.scaled(
                PREVIEW_SIZE, PREVIEW_SIZE, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
        else:
            self.preview.clear()
            self.preview.setText("(tanpa\nlambang)")
        self.clear_button.setEnabled(bool(encoded))

    # ------------------------------------------------------------------ in and out
    def set_profile(self, profile: StationProfile) -> None:
        for widget in (self.title, self.valid_days, self.warning):
            widget.blockSignals(True)
        self._set_emblem(profile.emblem)
        self.emblem_message.set_message("")
        self.title.setCurrentText(profile.sktlk_title)
        self.valid_days.setValue(profile.sktlk_valid_days)
        self.warning.setPlainText(profile.sktlk_warning)
        for widget in (self.title, self.valid_days, self.warning):
            widget.blockSignals(False)

    def apply(self, profile: StationProfile) -> StationProfile:
        """`profile` with what this form shows."""
        title = " ".join(self.title.currentText().split()).upper() or SKTLK_TITLES[0]
        return replace(profile, emblem=self._emblem, sktlk_title=title,
                       sktlk_valid_days=self.valid_days.value(),
                       sktlk_warning=" ".join(self.warning.toPlainText().split()))
