"""The recovery key, shown once after the store is created or encrypted: large, in groups,
copyable, with a one-page sheet to print for the Kapolsek's safe. The officer must tick that
it was kept before going on: the key is not stored anywhere and cannot be shown again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.outputs import OutputRefused, os_error_text
from app.store import Store
from ui.common.forms import MessageLabel

KEPT_TEXT = "Saya sudah menyimpan/mencetak kunci pemulihan"


def grouped(recovery_key: str) -> str:
    """The key in two lines of four groups, as printed on the sheet."""
    groups = recovery_key.split("-")
    half = (len(groups) + 1) // 2
    return "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])


class RecoveryKeyDialog(QDialog):
    def __init__(self, store: Store, recovery_key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._store = store
        self.recovery_key = recovery_key
        self.key_label = QLabel(grouped(recovery_key))
        self.copy_button = QPushButton("&Salin")
        self.print_button = QPushButton("&Cetak lembar kunci pemulihan\u2026")
        self.kept = QCheckBox(KEPT_TEXT)
        self.message = MessageLabel()
        self.continue_button = QPushButton("&Lanjutkan")
        self.sheet_path: Path | None = None
        self._build()
        self._connect()
        self._on_kept_toggled(False)

    def _build(self) -> None:
        self.setWindowTitle("Kunci pemulihan")
        self.setWindowFlag(Qt.WindowType.WindowCloseButtonHint, False)
        intro = QLabel(
            "Basis data Piket kini terenkripsi. Inilah <b>kunci pemulihan</b>: satu-satunya cara "
            "membuka data bila semua kata sandi admin terlupa. Kunci ini <b>hanya ditampilkan "
            "sekali</b> dan tidak disimpan di komputer ini. Cetak lembarnya dan serahkan kepada "
            "Kapolsek untuk disimpan di brankas.")
        intro.setWordWrap(True)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(20)
        font.setBold(True)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setStyleSheet("QLabel#recoveryKey { border: 2px solid #444; "
                                     "padding: 12px; background: white; color: black; }")
        buttons = QHBoxLayout()
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        note = QLabel("Berkas PDF lembar itu memuat kunci: hapus berkasnya setelah dicetak.")
        note.setWordWrap(True)
        self.continue_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.key_label)
        layout.addLayout(buttons)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.kept)
        layout.addWidget(self.continue_button, 0, Qt.AlignmentFlag.AlignRight)
        self.setMinimumWidth(max(560, self.key_label.sizeHint().width() + 60))

    def _connect(self) -> None:
        self.copy_button.clicked.connect(self._on_copy_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        self.kept.toggled.connect(self._on_kept_toggled)
        self.continue_button.clicked.connect(self.accept)

    def _on_kept_toggled(self, checked: bool) -> None:
        self.continue_button.setEnabled(checked)

    def _on_copy_button_clicked(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard is not None:
            clipboard.setText(self.recovery_key)
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.set_message("Kunci disalin. Tempel hanya ke tempat yang aman, lalu hapus.")

    def _on_print_button_clicked(self) -> None:
        name = f"kunci-pemulihan-{self._store.profile().code.lower()}.pdf"
        path, _ = QFileDialog.getSaveFileName(self, "Simpan lembar kunci pemulihan (PDF)",
                                              str(Path.home() / name), "Dokumen PDF (*.pdf)")
        if not path:
            return
        target = Path(path if path.lower().endswith(".pdf") else path + ".pdf")
        if self.save_sheet(target):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))

    def save_sheet(self, target: Path) -> bool:
        """Write the one-page sheet to `target` (refused over the store or beside it)."""
        from app.pdf.recovery_sheet import save_recovery_sheet

        try:
            save_recovery_sheet(self._store, self.recovery_key, target)
        except OutputRefused as exc:
            self._say_error(str(exc))
            return False
        except OSError as exc:
            self._say_error(f"Lembar tidak dapat disimpan: {os_error_text(exc)}")
            return False
        self.sheet_path = target
        self.message.setStyleSheet("color: #1b5e20;")
        self.message.set_message(f"Lembar disimpan: {target}. Cetak, lalu hapus berkasnya.")
        return True

    def _say_error(self, text: str) -> None:
        self.message.setStyleSheet("color: #b3261e;")
        self.message.set_message(text)

    def reject(self) -> None:
        """Esc does not skip the key: it is shown only once."""
        if self.kept.isChecked():
            super().reject()
