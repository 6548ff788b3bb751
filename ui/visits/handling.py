"""Handling of a saved report: who was dispatched and when, arrival at the scene (TKP),
resolution, and the status with its history. A status change needs a note; the dialog that
asks for it hands the change out and the caller writes it (store.visits.change_status)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import STATUSES, next_statuses
from app.domain.models import StatusChange, Visit
from app.validation import Problem
from app.validation.problems import error
from ui.common.dialogs import button_box
from ui.common.master_combo import MasterCombo
from ui.common.wheel import guard_wheel
from ui.common.widgets import SPACING, DateTimeField, FieldBox

TIME_FIELDS = ("dispatched_at", "arrived_at", "resolved_at")


class HandlingSection(QGroupBox):
    edited = Signal()
    status_change_requested = Signal()

    def __init__(self, now_local: Callable[[], datetime], parent: QWidget | None = None) -> None:
        super().__init__("Penanganan", parent)
        self._now_local = now_local
        self._officer_names: dict[int, str] = {}
        self._received: datetime | None = None
        self.dispatched_officer = MasterCombo(placeholder="Petugas yang diberangkatkan")
        self.dispatched_at = DateTimeField(now_local)
        self.arrived_at = DateTimeField(now_local)
        self.resolved_at = DateTimeField(now_local)
        self.response = QLabel()
        self.status = QLabel()
        self.change_status = QPushButton("Ubah status…")
        self.change_status.setAutoDefault(False)
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(["Waktu", "Status", "Petugas", "Catatan"])
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setFocusPolicy(self.history.focusPolicy().NoFocus)
        header = self.history.horizontalHeader()
        for col in range(3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.boxes: dict[str, FieldBox] = {}
        self._dispatch_rows: list[QWidget] = []
        self._build()
        self._connect()

    def _build(self) -> None:
        grid = QGridLayout()
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        cells = (("dispatched_officer_id", "Petugas diberangkatkan", self.dispatched_officer),
                 ("dispatched_at", "Waktu berangkat", self.dispatched_at),
                 ("arrived_at", "Tiba di TKP", self.arrived_at),
                 ("resolved_at", "Waktu selesai", self.resolved_at))
        places = ((0, 0), (0, 1), (1, 0), (2, 0))
        for (name, text, widget), (row, col) in zip(cells, places, strict=True):
            label = QLabel(text)
            label.setBuddy(widget)
            box = FieldBox(widget)
            self.boxes[name] = box
            label.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(box, row, col * 2 + 1, Qt.AlignmentFlag.AlignTop)
            if name != "resolved_at":
                self._dispatch_rows += [label, box]
        grid.addWidget(self.response, 1, 2, 1, 2)
        self._dispatch_rows.append(self.response)
        status_line = QHBoxLayout()
        status_line.addWidget(QLabel("Status:"))
        status_line.addWidget(self.status)
        status_line.addStretch(1)
        status_line.addWidget(self.change_status)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(status_line)
        layout.addWidget(QLabel("Riwayat status:"))
        layout.addWidget(self.history)
        self.boxes["status"] = FieldBox(QWidget())
        layout.addWidget(self.boxes["status"])

    def _connect(self) -> None:
        self.dispatched_officer.edited.connect(self._on_field_edited)
        for name in TIME_FIELDS:
            field = getattr(self, name)
            assert isinstance(field, DateTimeField)
            field.edited.connect(self._on_field_edited)
        self.change_status.clicked.connect(self.status_change_requested)

    def _on_field_edited(self) -> None:
        self._show_response()
        self.edited.emit()

    def set_officers(self, items: Sequence[tuple[str, int]]) -> None:
        self._officer_names = {officer_id: text for text, officer_id in items}
        self.dispatched_officer.set_items(items)

    def set_dispatch_visible(self, visible: bool) -> None:
        for widget in self._dispatch_rows:
            widget.setVisible(visible)

    # ------------------------------------------------------------------ data
    def load(self, visit: Visit, raw: dict[str, str] | None = None) -> None:
        raw = raw or {}
        self.dispatched_officer.set_current_data(visit.dispatched_officer_id,
                                                 raw.get("dispatched_officer_id", ""))
        for name in TIME_FIELDS:
            field = getattr(self, name)
            field.set_value(getattr(visit, name))
            if raw.get(name):
                field.set_text(raw[name])
        self.show_status(visit.status, visit.status_history)
        self._received = visit.received_at
        self._show_response()

    def show_status(self, status: str, history: Sequence[StatusChange]) -> None:
        self.status.setText(f"<b>{STATUSES.get(status, status)}</b>")
        self.history.setRowCount(len(history))
        tz = self._now_local().tzinfo
        for row, change in enumerate(reversed(history)):
            texts = (change.at.astimezone(tz).strftime("%d-%m-%Y %H.%M"),
                     STATUSES.get(change.status, change.status),
                     self._officer_names.get(change.officer_id or -1, ""), change.note)
            for col, text in enumerate(texts):
                self.history.setItem(row, col, QTableWidgetItem(text))
        rows = sum(self.history.rowHeight(r) for r in range(self.history.rowCount()))
        self.history.setFixedHeight(min(180, self.history.horizontalHeader().sizeHint().height()
                                        + rows + 2 * self.history.frameWidth()))

    def values(self) -> dict[str, object]:
        return {"dispatched_officer_id": self.dispatched_officer.current_data(),
                **{name: getattr(self, name).value() for name in TIME_FIELDS}}

    def raw(self) -> dict[str, str]:
        out = {name: getattr(self, name).text() for name in TIME_FIELDS
               if getattr(self, name).error()}
        if self.dispatched_officer.is_unmatched():
            out["dispatched_officer_id"] = self.dispatched_officer.text()
        return out

    def raw_problems(self) -> list[Problem]:
        problems = [error(name, "format", getattr(self, name).error())
                    for name in TIME_FIELDS if getattr(self, name).error()]
        if self.dispatched_officer.is_unmatched():
            problems.append(error("dispatched_officer_id", "unknown_officer",
                                  "Pilih petugas dari daftar personel."))
        return problems

    def _show_response(self) -> None:
        arrived = self.arrived_at.value()
        received = self._received
        if arrived is None or received is None:
            self.response.setText("")
            return
        minutes = round((arrived - received).total_seconds() / 60)
        self.response.setText(f"Waktu respons: <b>{minutes} menit</b> sejak laporan diterima")


class StatusDialog(QDialog):
    """New status (the usual next step chosen: app.domain.codes.STATUS_TRANSITIONS), the
    time it applies from, and the note every change needs. It opens with the focus in the
    note: the officer types it straight away."""

    def __init__(self, current: str, now_local: Callable[[], datetime],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ubah status laporan")
        self.setMinimumWidth(480)
        self.status = QComboBox()
        for code in next_statuses(current):
            self.status.addItem(STATUSES[code], code)
        self.status.setCurrentIndex(0)
        self.at = DateTimeField(now_local)
        self.at.set_value(now_local())
        self.note = QLineEdit()
        self.note.setPlaceholderText("Wajib diisi, mis. pelaku sudah diamankan")
        self.message = QLabel()
        self.message.setStyleSheet("color: #b00020")
        # made without a parent: made with one, the buttons came first in the focus chain
        # and the dialog opened on them (typing was lost, a space pressed a button)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Ok
                                  | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Ubah status")
        form = QFormLayout(self)
        form.addRow(QLabel(f"Status sekarang: <b>{STATUSES.get(current, current)}</b>"))
        form.addRow("Status baru", self.status)
        form.addRow("Berlaku sejak", self.at)
        form.addRow("Catatan", self.note)
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        guard_wheel(self)
        self.note.setFocus(Qt.FocusReason.OtherFocusReason)

    def _on_buttons_accepted(self) -> None:
        if not self.note.text().strip():
            self.message.setText("Catatan wajib diisi untuk setiap perubahan status.")
            self.note.setFocus()
            return
        if self.at.value() is None:
            self.message.setText(self.at.error() or "Isi waktu perubahan status.")
            self.at.setFocus()
            return
        self.accept()

    def value(self) -> tuple[str, str, datetime]:
        at = self.at.value()
        assert at is not None
        return str(self.status.currentData()), self.note.text().strip(), at
