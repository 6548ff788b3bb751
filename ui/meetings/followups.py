"""Tindak Lanjut: every issue residents raised, across all meetings, until it is closed or
forwarded. Overdue issues come first and are highlighted; filters by desa, owner and status.
Each step (in progress, closed, forwarded, reopened) asks for a note and is kept with who and
when (store.meetings.set_issue_status). `OverdueBadge` shows the overdue count anywhere (the
main window's status bar), refreshed on every change and as the days pass."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.codes import ISSUE_STATUSES, OPEN_ISSUE_STATUSES
from app.domain.models import Desa, Officer
from app.security.permissions import Action
from app.store import FollowUp, StoreError
from app.textid import format_date, format_time
from ui.common.dialogs import warn
from ui.common.errors import describe
from ui.common.filter_combo import narrow
from ui.common.fit_columns import ColumnFitter
from ui.common.list_view import page_title
from ui.common.widgets import ask_reason
from ui.meetings.editors import AGENCIES
from ui.meetings.followup_model import COL_ISSUE, COLUMN_WIDTHS, ISSUE_MIN, FollowUpModel
from ui.meetings.overdue_badge import CHANGED_KINDS, ms_until_next_check
from ui.roles import show_if
from ui.session import Session

# (status filter code, label): "open" = terbuka + dalam proses, "all" = every status
STATUS_FILTERS = (("open", "Belum selesai"), *ISSUE_STATUSES.items(), ("all", "Semua status"))

# (action, new status, button, dialog title, prompt)
STEPS = (
    ("progress", "dalam_proses", "Dalam &proses…", "Tindak lanjut sedang dikerjakan",
     "Apa yang sudah dikerjakan?"),
    ("close", "selesai", "&Selesai…", "Tutup masalah",
     "Bagaimana masalah ini diselesaikan?"),
    ("forward", "diteruskan", "&Teruskan…", "Teruskan ke instansi lain",
     "Diteruskan ke instansi mana, dan bagaimana (mis. surat nomor…)?"),
    ("reopen", "terbuka", "Buka &kembali…", "Buka kembali masalah",
     "Mengapa masalah ini dibuka kembali?"),
)


class FollowUpsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.desa = narrow(QComboBox())
        self.owner = narrow(QComboBox())
        self.status = narrow(QComboBox())
        for code, label in STATUS_FILTERS:
            self.status.addItem(label, code)
        self.summary = QLabel()
        self.model = FollowUpModel(session, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        ColumnFitter(self.table, COLUMN_WIDTHS, (COL_ISSUE,), ISSUE_MIN + 50, ISSUE_MIN)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.detail = QTextBrowser()
        self.detail.setMinimumHeight(90)
        self.step_buttons = {action: QPushButton(button) for action, _s, button, _t, _p in STEPS}
        self.open_meeting_button = QPushButton("Buka &pertemuan")
        self._day_timer = QTimer(self)  # overdue changes as the days pass, with no write
        self._day_timer.setSingleShot(True)
        self._build()
        self._connect()
        show_if(session, Action.FOLLOW_UP, *self.step_buttons.values())
        self._load_choices()
        self.reload()

    def _build(self) -> None:
        filters = QHBoxLayout()
        for label, combo in (("Desa", self.desa), ("Penanggung jawab", self.owner),
                             ("Status", self.status)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        filters.addStretch(1)
        filters.addWidget(self.summary)
        actions = QHBoxLayout()
        for button in self.step_buttons.values():
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.open_meeting_button)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(QLabel("Riwayat tindak lanjut"))
        right_layout.addWidget(self.detail, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        title = page_title("Tindak Lanjut Masalah Warga")
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addLayout(actions)
        layout.addWidget(splitter, 1)

    def _connect(self) -> None:
        self._session.changed.connect(self._on_session_changed)
        for combo in (self.desa, self.owner, self.status):
            combo.currentIndexChanged.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.activated.connect(lambda _i: self.open_meeting())
        for action, status, *_ in STEPS:
            self.step_buttons[action].clicked.connect(
                lambda _=False, s=status: self.change_status(s))
        self.open_meeting_button.clicked.connect(lambda: self.open_meeting())
        self._day_timer.timeout.connect(self.reload)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        if self.model.today() != self._session.today():
            self.reload()

    # ------------------------------------------------------------------ loading
    def _load_choices(self) -> None:
        store = self._session.store
        desa, owner = self.desa.currentData(), self.owner.currentData()
        for combo in (self.desa, self.owner):
            combo.blockSignals(True)
            combo.clear()
        self.desa.addItem("Semua desa", None)
        for d in store.master.list(Desa):
            self.desa.addItem(d.name, d.name)
        self.owner.addItem("Semua", None)
        for o in store.master.list(Officer, active_only=True):
            self.owner.addItem(o.display, f"officer:{o.id}")
        for agency in AGENCIES:
            self.owner.addItem(agency, f"agency:{agency}")
        self.desa.setCurrentIndex(max(0, self.desa.findData(desa)))
        self.owner.setCurrentIndex(max(0, self.owner.findData(owner)))
        for combo in (self.desa, self.owner):
            combo.blockSignals(False)

    def query(self) -> dict[str, Any]:
        status = self.status.currentData()
        kind, _, owner = str(self.owner.currentData() or "").partition(":")
        return {
            "today": self._session.today(), "desa": self.desa.currentData(),
            "owner_officer_id": int(owner) if kind == "officer" else None,
            "owner_agency": owner if kind == "agency" else None,
            "status": status if status not in ("open", "all") else None,
            "open_only": status == "open",
        }

    def reload(self) -> None:
        selected = self.selected()
        rows = self._session.store.meetings.follow_ups(**self.query())
        self.model.set_rows(rows)
        overdue = sum(1 for f in rows if f.overdue)
        self.summary.setText(f"{len(rows)} masalah" + (f", {overdue} terlambat" if overdue else ""))
        if selected is not None and selected.issue.uuid:
            row = self.model.row_of_uuid(selected.issue.uuid)
            if row >= 0:
                self.table.selectRow(row)
        self._on_current_row_changed(self.table.currentIndex(), QModelIndex())
        self._day_timer.start(ms_until_next_check(self._session.local_now()))

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & CHANGED_KINDS:
            if ChangeKind.MASTER in kinds:
                self._load_choices()
            self.reload()

    def _on_filter_changed(self, *_args: object) -> None:
        self.reload()

    def selected(self) -> FollowUp | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        f = self.model.row_at(current.row()) if current.isValid() else None
        is_open = f is not None and f.issue.status in OPEN_ISSUE_STATUSES
        self.step_buttons["progress"].setEnabled(f is not None and f.issue.status == "terbuka")
        self.step_buttons["close"].setEnabled(is_open)
        self.step_buttons["forward"].setEnabled(is_open)
        self.step_buttons["reopen"].setEnabled(f is not None and not is_open)
        self.open_meeting_button.setEnabled(f is not None)
        self.detail.setHtml(self._history_html(f) if f else "")

    def _history_html(self, f: FollowUp) -> str:
        officers = {i: o.display for i, o in self._session.store.master.officers_by_id().items()}
        tz = self._session.tz()
        lines = [f"<p><b>{_esc(f.issue.description)}</b><br>Penanggung jawab: "
                 f"{_esc(self.model.owner(f))}</p>"]
        for step in reversed(f.issue.history):
            at = step.at.astimezone(tz)
            who = officers.get(step.officer_id, "-") if step.officer_id is not None else "-"
            lines.append(f"<p><b>{ISSUE_STATUSES.get(step.status, step.status)}</b> — "
                         f"{format_date(at)} {format_time(at)}, {_esc(who)}<br>"
                         f"{_esc(step.note)}</p>")
        return "".join(lines)

    # ------------------------------------------------------------------ actions
    def change_status(self, status: str, note: str | None = None,
                      issue_uuid: str | None = None) -> bool:
        """One follow-up step on the selected issue (or `issue_uuid`), with a note that is
        asked for when not given; kept with the officer on duty and the time."""
        f = self.selected()
        uuid = issue_uuid or (f.issue.uuid if f else None)
        if uuid is None:
            return False
        if note is None:
            _, _, _, title, prompt = next(s for s in STEPS if s[1] == status)
            note = ask_reason(self, title, prompt, "Catatan", "Simpan")
        if not note or not note.strip():
            return False
        try:
            self._session.write(lambda: self._session.store.meetings.set_issue_status(
                uuid, status, note, self._session.officer_id))
        except (StoreError, ValueError) as exc:
            warn(self, "Tindak lanjut tidak tersimpan",
                 describe(exc) if isinstance(exc, StoreError) else str(exc))
            return False
        return True

    def open_meeting(self) -> QWidget | None:
        f = self.selected()
        if f is None:
            return None
        from ui.meetings.dialog import MeetingDialog

        dialog = MeetingDialog(self._session, self._session.store.meetings.get(f.meeting_id), self)
        dialog.open()
        return dialog


def _esc(text: str) -> str:
    return escape(text).replace("\n", "<br>")
