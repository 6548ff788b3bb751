"""Cek keaslian dokumen: the code printed under a document's QR code is typed (or read by a
QR scanner that types like a keyboard, then Enter) and checked against the store, as
`piket check-doc` does (app/documents/verify.py): genuine, not matching, or voided since."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.store import StoreError
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.common.forms import MessageLabel
from ui.session import Session

COLOURS = {"asli": "#1b5e20", "dibatalkan": "#8a4b00", "tidak_cocok": "#b71c1c"}
SPACING = 8


class CheckDocumentDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.code_edit = QLineEdit()
        self.message = MessageLabel()
        self.check_button = QPushButton(self.tr("&Periksa"))
        self.verdict_label = QLabel()
        self.details_label = QLabel()
        self._buttons = button_box(QDialogButtonBox.StandardButton.Close, self)
        self._build()
        self._connect()

    def _build(self) -> None:
        self.setWindowTitle(self.tr("Cek keaslian dokumen"))
        self.setMinimumWidth(600)
        intro = QLabel(self.tr(
            "Ketik kode cek yang tercetak di kaki dokumen, di samping kode QR, atau pindai kode "
            "QR-nya dengan pemindai. Piket mencocokkannya dengan basis data ini."))
        intro.setWordWrap(True)
        self.code_edit.setPlaceholderText("mis. STTLP-B7.2024-20240212-K7M2-QX9P-DA3F")
        self.code_edit.setMaxLength(80)
        self.code_edit.setAccessibleName(self.tr("Kode cek dokumen"))
        label = QLabel(self.tr("&Kode cek:"))
        label.setBuddy(self.code_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.check_button)
        self.check_button.setDefault(True)
        self.verdict_label.setWordWrap(True)
        self.verdict_label.hide()
        self.details_label.setWordWrap(True)
        self.details_label.setTextFormat(Qt.TextFormat.RichText)
        self.details_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_label.hide()
        layout = QVBoxLayout(self)
        layout.setSpacing(SPACING)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addWidget(self.verdict_label)
        layout.addWidget(self.details_label)
        layout.addStretch(1)
        layout.addWidget(self._buttons)

    def _connect(self) -> None:
        self.check_button.clicked.connect(self._on_check_button_clicked)
        self.code_edit.returnPressed.connect(self._on_check_button_clicked)
        self.code_edit.textEdited.connect(self._on_code_edit_text_edited)
        self._buttons.rejected.connect(self.reject)

    def _on_check_button_clicked(self) -> None:
        self.check()

    def _on_code_edit_text_edited(self, _text: str) -> None:
        # a new code: the answer shown was about the old one
        self.message.set_message("")
        self.verdict_label.hide()
        self.details_label.hide()

    def check(self) -> str | None:
        """Check the code in the box; returns the verdict ("asli", "tidak_cocok",
        "dibatalkan"), or None when nothing could be checked (the reason is shown)."""
        from app.documents.verify import check_document

        text = self.code_edit.text().strip()
        if not text:
            self.message.set_message(self.tr("Isi kode cek dokumen dulu."))
            self.code_edit.setFocus()
            return None
        try:
            result = check_document(self._session.store, text)
        except StoreError as exc:
            self.message.set_message(describe(exc))
            return None
        self.message.set_message("")
        colour = COLOURS.get(result.verdict, COLOURS["tidak_cocok"])
        self.verdict_label.setStyleSheet(f"color: {colour}; font-weight: bold; font-size: 12pt;")
        self.verdict_label.setText(result.headline)
        rows = [f"<b>{escape(label)}:</b> {escape(value)}" for label, value in result.details()]
        if result.reason:
            rows.append(escape(result.explanation))
        self.details_label.setText("<br>".join(rows))
        self.verdict_label.show()
        self.details_label.setVisible(bool(rows))
        self.adjustSize()  # room for the answer (wrapped labels do not grow a shown dialog)
        self.code_edit.selectAll()  # the next scan replaces it
        return result.verdict
