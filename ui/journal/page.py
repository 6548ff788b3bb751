"""Buku Mutasi: the journal of one shift (by default the current one), in time order: what
Piket recorded and what the desk typed. New entries, corrections (a new entry; the original
stays, struck through and marked "dikoreksi"), the handover and the printed page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.documents.printing import prepare
from app.documents.registry import JOURNAL_SHEET
from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.journal.codes import EVENT_KINDS
from app.journal.shifts import Shift, may_hand_over
from app.security.permissions import Action
from app.store import DutyInputError, ShiftJournal, StoreError
from app.textid import format_date_long, format_time
from ui.common.dialogs import disposing
from ui.common.errors import describe
from ui.common.figures import note
from ui.common.fit_columns import ColumnFitter
from ui.common.widgets import DateField, ask_reason
from ui.journal.entry_dialog import EntryDialog
from ui.journal.handover_dialog import HandoverDialog
from ui.journal.model import COL_KIND, COL_OFFICER, COL_TEXT, COL_TIME, JournalModel
from ui.records.documents import open_document, print_folder
from ui.roles import may, show_if
from ui.session import Session

RELOAD_KINDS: Changes = frozenset({
    ChangeKind.JOURNAL, ChangeKind.VISIT, ChangeKind.PATROL, ChangeKind.MEETING,
    ChangeKind.SETTINGS, ChangeKind.MASTER, ChangeKind.OFFICER, ChangeKind.BACKUP})


class JournalPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.day: date = session.store.duty.shift_at(session.now()).day
        self.journal: ShiftJournal | None = None
        self.open_printed = True  # tests print without opening a viewer
        self.title = QLabel()
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        self.title.setFont(font)
        self.shift_label = note()
        self.team_label = note()
        self.handover_label = QLabel()
        self.handover_label.setWordWrap(True)
        self.message = note()
        self.previous_button = QPushButton("◀ Dinas sebelumnya")
        self.current_button = QPushButton("Dinas saat ini")
        self.next_button = QPushButton("Dinas berikutnya ▶")
        self.day_field = DateField(session.today)
        self.day_field.setMaximumWidth(130)
        self.day_field.setToolTip("Tanggal mulai dinas (hh-bb-tttt), lalu Enter")
        self.model = JournalModel()
        self.model.setParent(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # one line a row (the whole text in its tooltip): measuring wrapped rows took 0.6 s
        # for a shift of 1,100 lines, on every change
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(COL_TEXT, QHeaderView.ResizeMode.Stretch)
        self._fit_columns()
        self.new_button = QPushButton("&Catatan baru (Ctrl+N)")
        self.correct_button = QPushButton("&Koreksi catatan…")
        self.handover_button = QPushButton("&Serah terima…")
        self.print_button = QPushButton("C&etak buku mutasi")
        self._build()
        self._connect()
        self.reload()
        # what the role may not do is not offered (ui/roles.py), again for the next officer
        show_if(session, Action.JOURNAL_WRITE, self.new_button, self.correct_button)
        show_if(session, Action.HANDOVER, self.handover_button)
        show_if(session, Action.PRINT, self.print_button)

    def _fit_columns(self) -> None:
        """The narrow columns as wide as their longest text can be (any kind of line, a time
        past midnight, the longest name of the roster), measured once, not per row (a shift
        of a thousand lines); in a narrow window they give way to the text."""
        metrics = self.table.fontMetrics()
        officers = self._session.store.master.list(Officer)
        longest = {
            COL_TIME: ("Pukul", "00.00 (00/00)"),
            COL_KIND: ("Jenis", *EVENT_KINDS.values()),
            COL_OFFICER: ("Petugas", *(o.display for o in officers)),
        }
        # at most as wide as "Laporan / panggilan telepon": the one longer kind (a perintah)
        # ends in "…" and shows whole in its tooltip, leaving the room to the text
        most = metrics.horizontalAdvance(EVENT_KINDS["telepon"]) + 20
        widths = {}
        for column, texts in longest.items():
            wide = min(max(metrics.horizontalAdvance(text) for text in texts) + 20, most)
            widths[column] = (wide, min(wide, 90))
        ColumnFitter(self.table, widths, (COL_TEXT,), 360, 200)

    def _build(self) -> None:
        nav = QHBoxLayout()
        nav.addWidget(self.previous_button)
        nav.addWidget(self.current_button)
        nav.addWidget(self.next_button)
        nav.addSpacing(12)
        day_label = QLabel("&Tanggal dinas")
        day_label.setBuddy(self.day_field)
        nav.addWidget(day_label)
        nav.addWidget(self.day_field)
        nav.addStretch(1)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.correct_button, self.handover_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.shift_label)
        layout.addWidget(self.team_label)
        layout.addWidget(self.handover_label)
        layout.addLayout(nav)
        layout.addWidget(self.table, 1)
        layout.addWidget(note("Catatan yang sudah disimpan tidak dapat diubah atau dihapus; "
                              "kesalahan dikoreksi dengan catatan baru, yang asli tetap terlihat "
                              "(dicoret, \u201cdikoreksi\u201d)."))
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def _connect(self) -> None:
        self.previous_button.clicked.connect(self._on_previous_button_clicked)
        self.current_button.clicked.connect(self._on_current_button_clicked)
        self.next_button.clicked.connect(self._on_next_button_clicked)
        self.day_field.returnPressed.connect(self._on_day_field_return_pressed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.correct_button.clicked.connect(self._on_correct_button_clicked)
        self.handover_button.clicked.connect(self._on_handover_button_clicked)
        self.print_button.clicked.connect(self._on_print_button_clicked)
        QShortcut(QKeySequence.StandardKey.New, self, self._on_new_button_clicked)
        self._session.changed.connect(self._on_session_changed)
        self._session.officer_changed.connect(self._refresh_buttons)

    # ------------------------------------------------------------------ data
    @property
    def shift(self) -> Shift:
        return self._session.store.duty.shift_on(self.day)

    def show_day(self, day: date) -> None:
        self.day = day
        self.reload()

    def reload(self) -> None:
        store = self._session.store
        try:
            journal = store.duty.journal(self.shift)
            officers = {o.id: o for o in store.master.list(Officer) if o.id is not None}
        except StoreError as exc:
            self.message.setText(f"Buku mutasi belum dapat dimuat. {describe(exc)}")
            return
        self.message.setText("")
        self.journal = journal
        self.day_field.set_value(self.day)
        zone = self._session.tz()
        start, end = journal.shift.start.astimezone(zone), journal.shift.end.astimezone(zone)
        tz = store.profile().tz_abbreviation
        self.title.setText(f"Buku Mutasi — {format_date_long(start)}")
        self.shift_label.setText(f"Dinas pukul {format_time(start)} {tz} s.d. "
                                 f"{format_date_long(end)} pukul {format_time(end)} {tz}; "
                                 f"{len(journal.events)} catatan.")
        team = journal.team
        members = ", ".join(officers[m].display for m in team.member_ids if m in officers) \
            if team else ""
        self.team_label.setText(f"Regu jaga: {team.name} ({members or 'belum ada anggota'})"
                                if team else "Regu jaga: belum diatur (Data Master › Regu "
                                             "jaga).")
        self.model.set_events(journal.events, officers, zone, start.date())
        handover = journal.handover
        if handover is not None:
            signed = handover.signed_at.astimezone(zone)
            outgoing = officers.get(handover.outgoing_officer_id)
            incoming = officers.get(handover.incoming_officer_id)
            self.handover_label.setText(
                f"Sudah diserahterimakan {format_date_long(signed)} pukul {format_time(signed)} "
                f"({'tepat waktu' if handover.on_time else 'terlambat'}): "
                f"{outgoing.display if outgoing else ''} kepada "
                f"{incoming.display if incoming else ''}.")
        else:
            self.handover_label.setText("Belum diserahterimakan.")
        previous = store.duty.handover(self.day - timedelta(days=1))
        current = store.duty.shift_at(self._session.now()).day
        if self.day == current and previous is None:
            self.handover_label.setText(
                self.handover_label.text() + " Dinas sebelumnya juga belum diserahterimakan: "
                "buka dengan “◀ Dinas sebelumnya”.")
        self._refresh_buttons()

    def _refresh_buttons(self) -> None:
        done = self.journal is not None and self.journal.handover is not None
        now = self._session.now()
        current = self._session.store.duty.shift_at(now).day
        self.next_button.setEnabled(self.day < current)
        self.handover_button.setEnabled(not done and may_hand_over(now, self.shift))

    # ------------------------------------------------------------------ actions
    def new_entry(self) -> EntryDialog:
        """The entry dialog, not yet shown (the button runs it modally; tests drive it)."""
        return EntryDialog(self._session, self)

    def selected_entry_uuid(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        event = self.model.row_at(rows[0].row()) if rows else None
        return event.entry.uuid if event is not None and event.entry is not None else None

    def correct(self, text: str | None = None) -> bool:
        """Correct the selected typed entry with a new one (asks for the text)."""
        if not may(self._session, Action.JOURNAL_WRITE):
            return False
        entry_uuid = self.selected_entry_uuid()
        if entry_uuid is None:
            self.message.setText("Pilih catatan yang diketik petugas untuk dikoreksi "
                                 "(catatan dari data Piket dikoreksi di datanya sendiri).")
            return False
        if text is None:
            text = ask_reason(self, "Koreksi catatan", "Tulis isi yang benar. Catatan asli "
                              "tetap tersimpan dan ditandai \u201cdikoreksi\u201d.",
                              label="Koreksi", ok_text="Simpan koreksi")
        if not text:
            return False
        store, by = self._session.store, self._session.officer_id
        try:
            self._session.write(lambda: store.duty.correct(entry_uuid, text, by))
        except StoreError as exc:
            self.message.setText(str(exc) if isinstance(exc, DutyInputError)
                                 else describe(exc))
            return False
        return True

    def hand_over(self) -> HandoverDialog:
        """The handover dialog of the shift shown, not yet shown."""
        return HandoverDialog(self._session, self.shift, self)

    def print_journal(self) -> Path | None:
        """Write the day's Buku Mutasi page with its handover sheet and open it."""
        if not may(self._session, Action.PRINT):
            return None
        store = self._session.store
        path = print_folder(self._session) / f"mutasi-{self.day.isoformat()}.pdf"
        try:
            prepared = prepare(store, JOURNAL_SHEET, self.shift)
            prepared.render(path)
            JOURNAL_SHEET.subject.log_print(store, self.shift, JOURNAL_SHEET.short,
                                            self._session.officer_id)
        except (StoreError, OSError) as exc:
            self.message.setText(f"Buku mutasi tidak dapat dicetak. "
                                 f"{describe(exc) if isinstance(exc, StoreError) else exc}")
            return None
        self.message.setText(f"Buku mutasi ditulis ke {path}")
        if self.open_printed:
            open_document(path)
        return path

    # ------------------------------------------------------------------ handlers
    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            self.reload()

    def _on_previous_button_clicked(self) -> None:
        self.show_day(self.day - timedelta(days=1))

    def _on_next_button_clicked(self) -> None:
        self.show_day(self.day + timedelta(days=1))

    def _on_current_button_clicked(self) -> None:
        self.show_day(self._session.store.duty.shift_at(self._session.now()).day)

    def _on_day_field_return_pressed(self) -> None:
        day = self.day_field.value()
        current = self._session.store.duty.shift_at(self._session.now()).day
        if day is None:
            self.message.setText(self.day_field.error() or "Tanggal tidak terbaca.")
        elif day > current:
            self.message.setText("Dinas itu belum dimulai.")
        else:
            self.show_day(day)

    def _on_new_button_clicked(self) -> None:
        if may(self._session, Action.JOURNAL_WRITE):  # Ctrl+N of a role that only reads
            with disposing(self.new_entry()) as dialog:
                dialog.exec()

    def _on_correct_button_clicked(self) -> None:
        self.correct()

    def _on_handover_button_clicked(self) -> None:
        if not may(self._session, Action.HANDOVER) or not self.handover_button.isEnabled():
            return
        with disposing(self.hand_over()) as dialog:
            dialog.exec()

    def _on_print_button_clicked(self) -> None:
        self.print_journal()
