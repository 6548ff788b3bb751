"""Surat pengantar of a walk-in handed to the Polres (status "dilimpahkan"), from the walk-in's
"Cetak dokumen" menu: the letters already made (open one again), and a form for a new one:
to whom, what is sent (one line each; the LP, the BAP and the evidence are offered), the
official who signs a.n. Kapolsek, a note. Saving issues its number (Pengaturan, template
"Surat pengantar"), writes its line in the buku ekspedisi and opens the PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.documents.errors import DocumentError
from app.documents.printing import print_to_file
from app.documents.registry import COVER
from app.documents.signing import commander_signers
from app.domain.models import Officer, Position, Visit
from app.domain.outgoing import HANDED_OVER, CoverLetter
from app.outputs import OutputRefused
from app.security.permissions import Action
from app.store import InvalidRecord, StoreError
from app.textid import format_date, to_local
from ui.common.errors import describe
from ui.common.screen_size import resize_within_screen
from ui.common.widgets import Banner
from ui.records.documents import open_document, print_folder
from ui.roles import may, on_role_change, show_if
from ui.session import Session


def default_items(visit: Visit) -> str:
    """What a case handed over usually goes with: the LP, the BAP, the evidence."""
    lines = [f"Laporan Polisi Nomor {visit.number}",
             "Berita acara pemeriksaan (BAP) pelapor dan saksi"]
    if visit.evidence.strip():
        lines.append(f"Daftar barang bukti: {' '.join(visit.evidence.split())}")
    return "\n".join(lines)


def why_no_letter(visit: Visit) -> str | None:
    if visit.meta is None or not visit.number:
        return "Simpan laporan ini dulu."
    if visit.meta.voided:
        return "Laporan ini sudah dibatalkan."
    if visit.status != HANDED_OVER:
        return ("Surat pengantar hanya untuk laporan berstatus dilimpahkan; ubah dulu "
                "statusnya.")
    return None


class CoverLetterDialog(QDialog):
    def __init__(self, session: Session, visit: Visit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        assert visit.meta is not None
        self._session = session
        self._visit = visit
        self._letters: tuple[CoverLetter, ...] = ()
        self.setWindowTitle(f"Surat pengantar — {visit.number}")
        self.banner = Banner()
        self.letters = QListWidget()
        self.letters_label = QLabel("Surat pengantar yang sudah dibuat:")
        self.open_button = QPushButton("&Buka PDF surat terpilih")
        polres = session.store.profile().polres.title()
        self.recipient = QLineEdit(f"Kapolres {polres} u.p. Kasat Reskrim")
        self.items = QPlainTextEdit(default_items(visit))
        self.signer = QComboBox()
        self.note = QLineEdit()
        self.create_button = QPushButton("Buat surat && buka &PDF")
        self.close_button = QPushButton("Tutup (Esc)")
        self.last_pdf: Path | None = None
        self._build()
        self._connect()
        self._reload()

    def _build(self) -> None:
        master = self._session.store.master
        # only those whose position may sign for the Kapolsek (Data Master → Jabatan), the
        # desk heads first: the first of them is proposed
        officers = commander_signers(master.list(Officer, active_only=True),
                                     master.list(Position))
        self.signer.addItem("(ditandatangani tangan, tanpa nama)", None)
        for officer in officers:
            position = f" — {officer.position}" if officer.position.strip() else ""
            self.signer.addItem(f"{officer.rank} {officer.name}{position}", officer.id)
        self.signer.setCurrentIndex(1 if officers else 0)
        self.items.setTabChangesFocus(True)
        self.items.setMinimumHeight(90)
        self.items.setMaximumHeight(160)
        self.note.setPlaceholderText("Dikirim dengan hormat untuk diproses lebih lanjut "
                                     "sesuai ketentuan hukum.")
        form = QFormLayout()
        form.addRow("&Kepada (Yth.)", self.recipient)
        form.addRow("&Yang dikirim\n(satu per baris)", self.items)
        form.addRow("&Ditandatangani a.n. Kapolsek", self.signer)
        form.addRow("Kete&rangan", self.note)
        for label in (form.labelForField(w) for w in (self.recipient, self.items, self.signer,
                                                       self.note)):
            if isinstance(label, QLabel):
                label.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.create_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.letters_label)
        layout.addWidget(self.letters)
        layout.addWidget(self.open_button)
        self.new_box = QWidget()  # a new letter: only for a role that may send (DISPATCH)
        new_layout = QVBoxLayout(self.new_box)
        new_layout.setContentsMargins(0, 0, 0, 0)
        new_layout.addWidget(QLabel("<b>Surat pengantar baru</b>"))
        new_layout.addLayout(form)
        layout.addWidget(self.new_box)
        layout.addStretch(1)
        layout.addLayout(buttons)
        reason = why_no_letter(self._visit)
        if reason:
            self.create_button.setEnabled(False)
            self.banner.show_message(reason, "warning")
        show_if(self._session, Action.DISPATCH, self.new_box, self.create_button)
        on_role_change(self._session, self, self._apply_role)
        resize_within_screen(self, 760, 480)

    def _apply_role(self) -> None:
        if not may(self._session, Action.DISPATCH) and not why_no_letter(self._visit):
            self.banner.show_message("Peran Anda hanya dapat membuka surat pengantar yang "
                                     "sudah dibuat.", "info")

    def _connect(self) -> None:
        self.create_button.clicked.connect(self._on_create_button_clicked)
        self.open_button.clicked.connect(self._on_open_button_clicked)
        self.close_button.clicked.connect(self.reject)
        self.letters.currentRowChanged.connect(self._on_letters_current_row_changed)

    def _reload(self) -> None:
        assert self._visit.meta is not None
        self._letters = self._session.store.dispatches.cover_letters_of(self._visit.meta.uuid)
        tz = self._session.store.profile().timezone
        self.letters.clear()
        for letter in self._letters:
            assert letter.issued_at is not None
            self.letters.addItem(f"{letter.number} — {format_date(to_local(letter.issued_at, tz))}"
                                 f" — kepada {letter.recipient}")
        for widget in (self.letters, self.letters_label, self.open_button):
            widget.setVisible(bool(self._letters))
        self.letters.setMaximumHeight(110)
        if self._letters:
            self.letters.setCurrentRow(0)
        self.open_button.setEnabled(bool(self._letters))

    def typed(self) -> CoverLetter:
        assert self._visit.meta is not None
        items = tuple(line for line in self.items.toPlainText().splitlines() if line.strip())
        return CoverLetter(self._visit.meta.uuid, self.recipient.text(), items,
                           self.signer.currentData(), note=self.note.text())

    # ------------------------------------------------------------------ handlers
    def _on_letters_current_row_changed(self, row: int) -> None:
        self.open_button.setEnabled(row >= 0)

    def _on_create_button_clicked(self) -> None:
        if not may(self._session, Action.DISPATCH):
            return
        store, by = self._session.store, self._session.officer_id
        letter = self.typed()
        try:
            saved = self._session.write(lambda: store.dispatches.create_cover_letter(letter, by))
        except InvalidRecord as exc:  # what was typed stays in the form
            self.banner.show_message(" ".join(str(p) for p in exc.problems))
            return
        except StoreError as exc:
            self.banner.show_message(f"Surat pengantar belum dibuat. {describe(exc)}")
            return
        self._reload()
        self.banner.show_message(f"Surat pengantar {saved.number} dibuat dan dicatat di buku "
                                 "ekspedisi.", "info")
        self.open_letter(saved)

    def _on_open_button_clicked(self) -> None:
        row = self.letters.currentRow()
        if 0 <= row < len(self._letters):
            self.open_letter(self._letters[row])

    def open_letter(self, letter: CoverLetter) -> None:
        """Write the letter's PDF beside the store ("cetak"), log the print, open it."""
        store = self._session.store
        safe = (letter.number or "surat").replace("/", "-").replace(" ", "_")
        path = print_folder(self._session) / f"pengantar-{safe}.pdf"
        try:
            print_to_file(store, COVER, letter, path, self._session.officer_id)
        except (DocumentError, OutputRefused) as exc:
            self.banner.show_message(str(exc))
            return
        except (StoreError, OSError) as exc:
            self.banner.show_message(f"PDF tidak dapat dibuat: {describe(exc)}")
            return
        self.last_pdf = path
        if not open_document(path):
            self.banner.show_message(f"PDF tersimpan di {path}.", "info")
