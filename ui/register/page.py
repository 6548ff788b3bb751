"""Register LP: every LP with its stage, investigator, difficulty, last SP2HP and when the next
is due; filters (stage, overdue, investigator, period) and search as in the walk-in list;
keyset paging from the store. The investigators (KA SPKT / Kanit role) change the stage with a
note, name the investigator, write SP2HP letters and record their delivery; anyone who may
print prints the current stage's letter. What a role may not do is not offered."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.documents.printing import print_to_file
from app.documents.registry import SP2HP
from app.documents.sp2hp_text import draft_letter
from app.domain.changes import ChangeKind, Changes
from app.domain.models import Category, Officer
from app.domain.register import STAGES, LpCase, RegisterFilter, Sp2hpLetter
from app.outputs import private_temp_dir
from app.security.permissions import Action
from app.store import StoreError
from ui.common.dialogs import warn
from ui.common.errors import describe
from ui.common.list_view import list_table, page_title
from ui.common.widgets import ask_reason
from ui.records.access import log_searches
from ui.records.documents import open_document
from ui.records.filters import FilterBar
from ui.records.history import HistoryDialog
from ui.register.dialogs import AssignDialog, Sp2hpDialog, StageDialog
from ui.register.model import COL_REPORTER, RegisterModel
from ui.roles import may, show_if
from ui.session import Session

RELOAD_KINDS: Changes = frozenset({ChangeKind.VISIT, ChangeKind.REGISTER, ChangeKind.MASTER,
                                   ChangeKind.OFFICER, ChangeKind.SETTINGS})
SEARCH_KIND = "register_lp"


class RegisterPage(QWidget):
    title = "Register LP"

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.open_printed = True  # open the PDF in the PC's viewer after printing
        self.filters = FilterBar(session, "Cari nomor LP, nama pelapor, NIK, uraian…")
        self.filters.period.setCurrentIndex(self.filters.period.findData("all"))
        self.stage = QComboBox()
        self.stage.setToolTip("Tahap penanganan")
        self.stage.addItem("Semua tahap", "")
        self.stage.addItem("Belum selesai", "open")
        for code, label in STAGES.items():
            self.stage.addItem(label, code)
        self.investigator = QComboBox()
        self.investigator.setToolTip("Penyidik")
        self.overdue = QCheckBox("&Hanya SP2HP terlambat")
        self.model = RegisterModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        list_table(self.table, COL_REPORTER)
        self.count_label = QLabel()
        self.stage_button = QPushButton("Ubah &tahap…")
        self.assign_button = QPushButton("&Penyidik…")
        self.letter_button = QPushButton("SP2HP &baru…")
        self.delivery_button = QPushButton("SP2HP ter&akhir…")
        self.delivery_button.setToolTip("Ubah isi SP2HP terakhir atau catat pengirimannya "
                                         "(tangan, pos, WhatsApp).")
        self.void_letter_button = QPushButton("Batalkan SP2HP…")
        self.void_letter_button.setToolTip("SP2HP terakhir yang salah dibuat: tetap tercatat "
                                           "dengan nomornya, tetapi tidak dihitung lagi.")
        self.print_button = QPushButton("&Cetak SP2HP")
        self.print_button.setToolTip("SP2HP tahap sekarang (Ctrl+P)")
        self.history_button = QPushButton("&Riwayat")
        self._folders: list[Path] = []  # private print folders, removed with the page
        self._build()
        self._connect()
        self._load_investigators()
        self.reload()

    def _build(self) -> None:
        for widget in (self.overdue, self.stage, self.investigator):
            self.filters.add(widget)
        self.filters.finish()
        buttons = QHBoxLayout()
        for button in (self.stage_button, self.assign_button, self.letter_button,
                       self.delivery_button, self.void_letter_button, self.print_button,
                       self.history_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        title = page_title(self.title)
        layout.addWidget(title)
        layout.addWidget(self.filters)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        show_if(self._session, Action.STAGE, self.stage_button, self.assign_button)
        show_if(self._session, Action.SP2HP, self.letter_button, self.delivery_button)
        show_if(self._session, Action.VOID, self.void_letter_button)
        show_if(self._session, Action.PRINT, self.print_button)

    def _connect(self) -> None:
        self._session.changed.connect(self._on_session_changed)
        self.filters.changed.connect(self._on_filter_changed)
        self.searches = log_searches(self._session, self.filters.search, SEARCH_KIND)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.stage_button.clicked.connect(lambda: self.change_stage())
        self.assign_button.clicked.connect(lambda: self.assign())
        self.letter_button.clicked.connect(lambda: self.new_letter())
        self.delivery_button.clicked.connect(lambda: self.edit_last_letter())
        self.void_letter_button.clicked.connect(lambda: self.void_last_letter())
        self.print_button.clicked.connect(lambda: self.print_letter())
        self.history_button.clicked.connect(lambda: self.show_history())
        QShortcut(QKeySequence.StandardKey.Print, self).activated.connect(
            lambda: self.print_letter())
        QShortcut(QKeySequence.StandardKey.Find, self).activated.connect(
            self.filters.search.setFocus)
        folders = self._folders  # not self: the page is gone when this runs
        self.destroyed.connect(lambda *_: _remove(folders))

    # ------------------------------------------------------------------ loading
    def current_filter(self) -> RegisterFilter:
        start, end = self.filters.bounds()
        return RegisterFilter(stage=str(self.stage.currentData() or ""),
                              overdue=self.overdue.isChecked(),
                              investigator_id=self.investigator.currentData(),
                              start=start, end=end, text=self.filters.search.text())

    def reload(self) -> None:
        self.filters.settle()
        selected = self.selected_id()
        try:
            self.model.set_filter(self.current_filter())
        except StoreError as exc:
            self.count_label.setText(describe(exc))
            return
        self.count_label.setText(f"{self.model.total} LP")
        if selected is not None:
            self.select_id(selected)
        self._on_current_row_changed(self.table.currentIndex(), QModelIndex())

    def show_overdue(self) -> None:
        """Only the LPs whose SP2HP is late, of any stage, period and investigator (what
        Beranda and the status bar count)."""
        for widget, value in ((self.stage, ""), (self.investigator, None),
                              (self.filters.period, "all")):
            widget.blockSignals(True)
            widget.setCurrentIndex(max(0, widget.findData(value)))
            widget.blockSignals(False)
        self.filters.search.blockSignals(True)
        self.filters.search.clear()
        self.filters.search.blockSignals(False)
        self.overdue.blockSignals(True)
        self.overdue.setChecked(True)
        self.overdue.blockSignals(False)
        self.reload()

    def _load_investigators(self) -> None:
        current = self.investigator.currentData()
        self.investigator.blockSignals(True)
        self.investigator.clear()
        self.investigator.addItem("Semua penyidik", None)
        for officer in self._roster():
            self.investigator.addItem(officer.display, officer.id)
        self.investigator.setCurrentIndex(max(0, self.investigator.findData(current)))
        self.investigator.blockSignals(False)

    def _roster(self) -> list[Officer]:
        return [o for o in self._session.store.master.list(Officer) if o.active]

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            if kinds & {ChangeKind.MASTER, ChangeKind.OFFICER}:
                self._load_investigators()
            self.reload()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        live = row is not None and not row.voided
        for button in (self.stage_button, self.assign_button, self.letter_button):
            button.setEnabled(live)
        has_letter = live and row is not None and row.sp2hp_count > 0
        self.delivery_button.setEnabled(has_letter)
        self.void_letter_button.setEnabled(has_letter)
        self.print_button.setEnabled(has_letter)
        self.history_button.setEnabled(row is not None)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        if may(self._session, Action.STAGE):
            self.change_stage()

    # ------------------------------------------------------------------ selection
    def selected_id(self) -> int | None:
        return self.model.id_at(self.table.currentIndex().row())

    def select_id(self, visit_id: int) -> bool:
        row = self.model.row_of_id(visit_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _case(self, action: Action = Action.READ) -> LpCase | None:
        """The selected LP's line, when the role may `action` (None: no LP selected, or a
        role that may not)."""
        visit_id = self.selected_id()
        if visit_id is None or not may(self._session, action):
            return None
        return self._session.store.register.case(visit_id)

    # ------------------------------------------------------------------ actions
    def change_stage(self) -> StageDialog | None:
        case = self._case(Action.STAGE)
        if case is None:
            return None
        register, by = self._session.store.register, self._session.officer_id

        def save(value: tuple[str, str]) -> None:
            stage, note = value
            self._session.write(lambda: register.change_stage(
                case.visit_id, stage, note, by, expected_version=case.version))

        dialog = StageDialog(case, save, self)
        dialog.open()
        return dialog

    def assign(self) -> AssignDialog | None:
        case = self._case(Action.STAGE)
        if case is None:
            return None
        register, by = self._session.store.register, self._session.officer_id

        def save(value: dict[str, Any]) -> None:
            self._session.write(lambda: register.assign(
                case.visit_id, by, expected_version=case.version, **value))

        dialog = AssignDialog(case, self._roster(), save, self)
        dialog.open()
        return dialog

    def new_letter(self) -> Sp2hpDialog | None:
        """A new SP2HP drafted from the LP and its stage, for the investigator to edit."""
        case = self._case(Action.SP2HP)
        if case is None:
            return None
        store = self._session.store
        visit = store.visits.get(case.visit_id)
        letters = store.register.letters_of(case.visit_id)
        labels = {c.code: c.label for c in store.master.list(Category)}
        draft = draft_letter(visit, case, labels.get(visit.category, ""), store.profile(),
                             last_letter_stage=letters[-1].stage if letters else None,
                             at=self._session.now())
        return self._letter_dialog(draft, store.register.issue_letter)

    def edit_last_letter(self) -> Sp2hpDialog | None:
        """The newest SP2HP of the LP: correct its text, record its delivery."""
        case = self._case(Action.SP2HP)
        if case is None:
            return None
        letters = self._session.store.register.letters_of(case.visit_id)
        if not letters:
            return None
        return self._letter_dialog(letters[-1], self._session.store.register.update_letter)

    def void_last_letter(self, reason: str | None = None) -> bool:
        """Cancel the LP's newest SP2HP, made in error, with a reason (asked for when not
        given): it stays in the register's history with its number, and no longer counts."""
        case = self._case(Action.VOID)
        if case is None:
            return False
        letters = self._session.store.register.letters_of(case.visit_id)
        letter = letters[-1] if letters else None
        if letter is None or letter.meta is None:
            return False
        letter_id = letter.meta.id
        if reason is None:
            reason = ask_reason(self, "Batalkan SP2HP",
                                f"SP2HP {letter.number} ({letter.code}) tidak dihapus: tetap "
                                "tercatat dengan nomornya, tetapi tidak dihitung lagi dan "
                                "jadwal SP2HP berikutnya dihitung ulang.",
                                "Alasan pembatalan", "Batalkan SP2HP")
        if not reason:
            return False
        register, by = self._session.store.register, self._session.officer_id
        try:
            self._session.write(lambda: register.void_letter(letter_id, reason, by))
        except StoreError as exc:
            warn(self, "Gagal membatalkan", describe(exc))
            return False
        return True

    def _letter_dialog(self, letter: Sp2hpLetter, write: Any) -> Sp2hpDialog:
        by = self._session.officer_id

        def save(value: Sp2hpLetter) -> None:
            self._session.write(lambda: write(value, by))

        dialog = Sp2hpDialog(letter, self._roster(), self._session.tz(), save, self)
        dialog.open()
        return dialog

    def print_letter(self) -> Path | None:
        """The SP2HP of the LP's current stage (its newest), written to a private folder
        and opened; the print is logged."""
        case = self._case(Action.PRINT)
        if case is None:
            return None
        store = self._session.store
        letter = store.register.current_letter(case.visit_id)
        if letter is None:
            warn(self, "Belum ada SP2HP", "Belum ada SP2HP untuk tahap "
                 f"{STAGES.get(case.stage, case.stage)} LP ini. Buat dulu dengan "
                 "\"SP2HP baru\".")
            return None
        assert letter.meta is not None
        path = self._print_dir() / f"sp2hp-{letter.meta.id}.pdf"
        try:
            print_to_file(store, SP2HP, letter, path, self._session.officer_id)
        except (OSError, StoreError) as exc:
            warn(self, "Gagal mencetak", describe(exc) if isinstance(exc, StoreError) else
                 f"Berkas tidak dapat ditulis: {exc}")
            return None
        if self.open_printed and not open_document(path):
            warn(self, "PDF tersimpan", f"SP2HP tersimpan di {path}, tetapi tidak ada "
                 "aplikasi pembuka PDF di komputer ini.")
        return path

    def _print_dir(self) -> Path:
        """Private to this process (the letter names the reporter), removed with the page."""
        if not self._folders or not self._folders[-1].is_dir():
            self._folders.append(private_temp_dir("piket-sp2hp-"))
        return self._folders[-1]

    def show_history(self) -> HistoryDialog | None:
        case = self._case()
        if case is None:
            return None
        dialog = HistoryDialog(self._session, case.visit_uuid, f"LP {case.number}", self)
        dialog.open()
        return dialog


def _remove(folders: list[Path]) -> None:
    for folder in folders:
        shutil.rmtree(folder, ignore_errors=True)
