"""Buku Ekspedisi: the documents sent out of the station in a date range (a surat pengantar
writes its own line), a form to type a line or record who received a document and when, and
the printable page of the range (PDF, opened in the PC's viewer)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.documents.errors import DocumentError
from app.documents.printing import print_to_file
from app.documents.registry import DISPATCH_BOOK
from app.domain.changes import ChangeKind, Changes
from app.domain.outgoing import DateRange, Dispatch
from app.outputs import OutputRefused
from app.security.permissions import Action
from app.store import InvalidRecord, StoreError
from app.textid import format_date, format_time, to_local
from app.weekly.week import local_midnight_utc
from ui.common.errors import describe
from ui.common.table_model import Index, RowTableModel
from ui.common.widgets import Banner, DateField, DateTimeField
from ui.records.documents import open_document, print_folder
from ui.roles import may, on_role_change, show_if
from ui.session import Session

RELOAD_KINDS: Changes = frozenset({ChangeKind.DISPATCH, ChangeKind.SETTINGS})
COL_SENT, COL_DOCUMENT, COL_NUMBER, COL_RECIPIENT, COL_RECEIVED_BY, COL_RECEIVED = range(6)
LIST_LIMIT = 2000  # lines of one range shown (a Polsek sends a few a day)


class DispatchModel(RowTableModel[Dispatch]):
    HEADERS = ("Dikirim", "Dokumen", "Nomor", "Kepada", "Diterima oleh", "Diterima")

    def __init__(self, timezone: str) -> None:
        super().__init__()
        self._rows: list[Dispatch] = []
        self._tz = timezone

    def set_rows(self, rows: tuple[Dispatch, ...], timezone: str) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._tz = timezone
        self.endResetModel()

    def _when(self, moment: datetime | None) -> str:
        if moment is None:
            return ""
        local = to_local(moment, self._tz)
        return f"{format_date(local)} {format_time(local)}"

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        row = self.row_at(index.row()) if index.isValid() else None
        if row is None or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {COL_SENT: self._when(row.sent_at), COL_DOCUMENT: row.document,
                COL_NUMBER: row.number, COL_RECIPIENT: row.recipient,
                COL_RECEIVED_BY: row.received_by,
                COL_RECEIVED: self._when(row.received_at)}.get(index.column())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


class DispatchPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._editing: Dispatch | None = None
        today = session.today()
        self.first = DateField(session.today)
        self.last = DateField(session.today)
        self.first.set_value(today.replace(day=1))
        self.last.set_value(today)
        self.show_button = QPushButton("&Tampilkan")
        self.pdf_button = QPushButton("&Cetak PDF rentang ini…")
        self.count_label = QLabel()
        self.model = DispatchModel(session.store.profile().timezone)
        self.table = QTableView()
        self.banner = Banner()
        self.sent = DateTimeField(session.local_now)
        self.document = QLineEdit()
        self.number = QLineEdit()
        self.recipient = QLineEdit()
        self.received_by = QLineEdit()
        self.received_at = DateTimeField(session.local_now)
        self.note = QLineEdit()
        self.new_button = QPushButton("&Baru")
        self.save_button = QPushButton("&Simpan baris")
        self.form_box = QGroupBox("Baris buku ekspedisi")
        self.last_pdf: Path | None = None
        self._dirty = True
        self._build()
        self._connect()
        self._clear_form()

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in ((COL_SENT, 140), (COL_DOCUMENT, 200), (COL_NUMBER, 220),
                              (COL_RECIPIENT, 200), (COL_RECEIVED_BY, 150)):
            self.table.setColumnWidth(column, width)
        bar = QHBoxLayout()
        first_label = QLabel("Dari &tanggal")
        first_label.setBuddy(self.first)
        last_label = QLabel("s&ampai")
        last_label.setBuddy(self.last)
        for widget in (first_label, self.first, last_label, self.last, self.show_button,
                       self.count_label):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.pdf_button)
        self.document.setPlaceholderText("mis. Surat pengantar, SP2HP, Surat undangan")
        self.recipient.setPlaceholderText("mis. Kapolres Ogan Komering Ilir u.p. Kasat Reskrim")
        self.received_by.setPlaceholderText("nama (dan jabatan) penerima")
        form = QFormLayout()
        form.addRow("Tanggal &kirim", self.sent)
        form.addRow("&Dokumen", self.document)
        form.addRow("&Nomor", self.number)
        form.addRow("Kepa&da", self.recipient)
        form.addRow("Diterima &oleh", self.received_by)
        form.addRow("Tanggal dite&rima", self.received_at)
        form.addRow("Keteran&gan", self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        box = QVBoxLayout(self.form_box)
        box.addLayout(form)
        box.addLayout(buttons)
        layout = QVBoxLayout(self)
        title = QLabel("<b>Buku Ekspedisi</b> — dokumen yang dikirim keluar dan tanda "
                       "terimanya")
        layout.addWidget(title)
        layout.addLayout(bar)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.form_box)
        on_role_change(self._session, self.form_box, self._apply_role)
        show_if(self._session, Action.PRINT, self.pdf_button)  # not the admin's: no papers
        QShortcut(QKeySequence("Ctrl+S"), self, self._on_save_button_clicked)
        QShortcut(QKeySequence("Ctrl+N"), self, self._on_new_button_clicked)

    def _apply_role(self) -> None:
        """Only the desk fills the book (ui/roles.py); applied again for the next officer."""
        allowed = may(self._session, Action.DISPATCH)
        self.form_box.setEnabled(allowed)
        self.form_box.setToolTip("" if allowed else "Hanya petugas SPKT dan Ka SPKT yang "
                                 "mengisi buku ekspedisi.")

    def _connect(self) -> None:
        self.show_button.clicked.connect(self._on_show_button_clicked)
        self.pdf_button.clicked.connect(self._on_pdf_button_clicked)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self._session.changed.connect(self._on_session_changed)

    # ------------------------------------------------------------------ the range
    def period(self) -> tuple[date, date] | None:
        first, last = self.first.value(), self.last.value()
        if first is None or last is None:
            self.banner.show_message("Isi kedua tanggal dengan format hh-bb-tttt.", "warning")
            return None
        if last < first:
            self.banner.show_message("Tanggal akhir tidak boleh sebelum tanggal awal.",
                                     "warning")
            return None
        return first, last

    def _window(self, first: date, last: date) -> tuple[datetime, datetime]:
        tz = self._session.store.profile().timezone
        return local_midnight_utc(first, tz), local_midnight_utc(last + timedelta(days=1), tz)

    def reload(self) -> None:
        self._dirty = False
        period = self.period()
        if period is None:
            return
        start, end = self._window(*period)
        rows = self._session.store.dispatches.list(start, end, limit=LIST_LIMIT)
        self.model.set_rows(rows, self._session.store.profile().timezone)
        self.count_label.setText(f"{len(rows)} baris")

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        if self._dirty:
            self.reload()

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            if self.isVisible():
                self.reload()
            else:
                self._dirty = True

    def _on_show_button_clicked(self) -> None:
        self.banner.clear_message()
        self.reload()

    # ------------------------------------------------------------------ the form
    def _clear_form(self) -> None:
        self._editing = None
        self.sent.set_value(self._session.now())
        for edit in (self.document, self.number, self.recipient, self.received_by, self.note):
            edit.clear()
        self.received_at.set_value(None)
        self._lock_letter_fields(False)
        self.form_box.setTitle("Baris baru buku ekspedisi")

    def _lock_letter_fields(self, locked: bool) -> None:
        """A surat pengantar's line says what the letter says: only its receipt and note
        are typed here (the store keeps the rest as well)."""
        for edit in (self.document, self.number, self.recipient, self.sent.line):
            edit.setReadOnly(locked)
        self.sent.now_button.setEnabled(not locked)

    def _on_new_button_clicked(self) -> None:
        self.table.clearSelection()
        self._clear_form()
        self.document.setFocus()

    def _on_table_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row())
        if row is None:
            return
        self._editing = row
        self.sent.set_value(row.sent_at)
        self.document.setText(row.document)
        self.number.setText(row.number)
        self.recipient.setText(row.recipient)
        self.received_by.setText(row.received_by)
        self.received_at.set_value(row.received_at)
        self.note.setText(row.note)
        self._lock_letter_fields(row.cover_letter_uuid is not None)
        self.form_box.setTitle("Ubah baris (mis. isi siapa yang menerima dan kapan)")

    def typed(self) -> Dispatch | None:
        for field, label in ((self.sent, "Tanggal kirim"), (self.received_at,
                                                            "Tanggal diterima")):
            if field.error():
                self.banner.show_message(f"{label}: {field.error()}")
                return None
        sent = self.sent.value()
        if sent is None:
            self.banner.show_message("Tanggal kirim: wajib diisi.")
            return None
        line = Dispatch(sent, self.document.text(), self.number.text(), self.recipient.text(),
                        self.received_by.text(), self.received_at.value(), self.note.text())
        if self._editing is not None:
            line = replace(line, meta=self._editing.meta,
                           cover_letter_uuid=self._editing.cover_letter_uuid)
        return line

    def _on_save_button_clicked(self) -> None:
        if not self.form_box.isEnabled():
            return
        line = self.typed()
        if line is None:
            return
        store, by = self._session.store, self._session.officer_id
        version = line.meta.version if line.meta else None
        try:
            saved = self._session.write(lambda: store.dispatches.save(
                line, by, expected_version=version))
        except InvalidRecord as exc:  # the form keeps what was typed
            self.banner.show_message(" ".join(str(p) for p in exc.problems))
            return
        except StoreError as exc:
            self.banner.show_message(f"Baris belum tersimpan. {describe(exc)}")
            return
        self.banner.show_message(f"Tersimpan: {saved.document} kepada {saved.recipient}.",
                                 "info")
        self._clear_form()

    # ------------------------------------------------------------------ the paper
    def _on_pdf_button_clicked(self) -> None:
        self.export_pdf()

    def export_pdf(self, *, open_after: bool = True) -> None:
        """The book of the range as a PDF in the "cetak" folder beside the store (with its
        check code, logged as a print like every document), then opened."""
        if not may(self._session, Action.PRINT):
            return
        period = self.period()
        if period is None:
            return
        pages = DateRange(*period)
        path = print_folder(self._session) / f"ekspedisi-{pages.first}-{pages.last}.pdf"
        try:
            print_to_file(self._session.store, DISPATCH_BOOK, pages, path,
                          self._session.officer_id)
        except (DocumentError, OutputRefused) as exc:
            self.banner.show_message(str(exc))
            return
        except (StoreError, OSError) as exc:
            self.banner.show_message(f"PDF tidak dapat dibuat: {describe(exc)}")
            return
        self.last_pdf = path
        if open_after and not open_document(path):
            self.banner.show_message(f"PDF tersimpan di {path}.", "info")
        else:
            self.banner.show_message(f"PDF dibuat: {path}", "info")
