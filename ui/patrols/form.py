"""The patrol form: every field of DOMAIN.md "Patrols". It takes a Patrol in (`load`), hands a
Patrol out (`build`, with what could not be read), and keeps its raw contents as a plain dict
(`state`/`restore`) for drafts, so nothing typed is ever lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time, timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import PATROL_MODES, PATROL_TARGETS, PATROL_TYPES
from app.domain.models import Desa, Officer, Patrol, Vehicle
from app.validation import Problem
from app.validation.problems import error
from ui.patrols.places import make_places_model, make_places_view, place_rows, places_from_rows
from ui.records.fields import code_combo, date_edit, text_edit, time_edit
from ui.records.officers import MembersEditor, OfficerPicker, OfficerResolver, not_on_roster
from ui.records.problems import Problems
from ui.records.rows import KEY_HINT
from ui.session import Session

END_ORDER_MESSAGE = ("Waktu selesai patroli harus sesudah waktu mulai. Patroli yang melewati "
                     "tengah malam: centang “hari berikutnya”.")


class PatrolForm(QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.record: Patrol | None = None
        self.problems = Problems()
        self.patrol_type = code_combo(PATROL_TYPES)
        self.operation_name = QLineEdit()
        self.operation_name.setPlaceholderText("mis. Operasi Pekat Musi 2024")
        self.basis = QLineEdit()
        self.basis.setPlaceholderText("mis. Surat Perintah Kapolsek Nomor Sprin/12/II/2026")
        self.day = date_edit()
        self.start = time_edit()
        self.end = time_edit()
        self.next_day = QCheckBox("hari berikutnya")
        self.mode = code_combo(PATROL_MODES)
        self.vehicle = QComboBox()
        self.leader = OfficerPicker()
        self.members = MembersEditor()
        self.targets: dict[str, QCheckBox] = {c: QCheckBox(lbl) for c, lbl in PATROL_TARGETS.items()}
        desa = [d.name for d in session.store.master.list(Desa, active_only=True)]
        self.places_model = make_places_model(desa, self)
        self.places = make_places_view(self.places_model)
        self.findings = text_edit()
        self.findings.setPlaceholderText("kejadian yang ditemukan (dapat dibuat LP model A)")
        self.notes = text_edit()
        self._place_rows: list[int] = []
        self._build()
        self._connect()
        self.load(None)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        b = self.problems
        times = QHBoxLayout()
        times.setContentsMargins(0, 0, 0, 0)
        for widget in (QLabel("mulai"), self.start, QLabel("selesai"), self.end, self.next_day):
            times.addWidget(widget)
        times.addStretch(1)
        time_box = QWidget()
        time_box.setLayout(times)
        time_box.setFocusProxy(self.start)  # Alt+W ("&Waktu") goes to the start time
        left = QFormLayout()
        left.addRow("&Jenis patroli", b.field(self.patrol_type, "patrol_type"))
        left.addRow("Nama &operasi", b.field(self.operation_name, "operation_name"))
        left.addRow("Da&sar", b.field(self.basis, "basis"))
        left.addRow("&Tanggal", b.field(self.day, "day"))
        left.addRow("&Waktu", b.field(time_box, "start_at", "end_at"))
        left.addRow("&Cara patroli", b.field(self.mode, "mode"))
        left.addRow("&Kendaraan", b.field(self.vehicle, "vehicle_id"))
        targets = QGridLayout()
        targets.setContentsMargins(0, 0, 0, 0)
        for i, box in enumerate(self.targets.values()):
            targets.addWidget(box, i // 3, i % 3)
        target_box = QWidget()
        target_box.setLayout(targets)
        right = QFormLayout()
        right.addRow("Ketua ti&m", b.field(self.leader, "leader_id"))
        right.addRow("&Anggota", b.field(self.members, "member_ids"))
        right.addRow("Sasaran", b.field(target_box, "targets"))
        top = QHBoxLayout()
        top.addLayout(left, 1)
        top.addSpacing(16)
        top.addLayout(right, 1)
        places_label = QLabel("Tempat yang &dikunjungi")
        places_label.setBuddy(self.places)
        places_label.setStyleSheet("font-weight: bold;")
        hint = QLabel(KEY_HINT)
        hint.setStyleSheet("color: #555555;")
        hint.setWordWrap(True)
        places_box = b.table("places", self.places, lambda: self._place_rows)
        texts = QGridLayout()
        findings_label = QLabel("Temuan / kejadian")
        findings_label.setBuddy(self.findings)
        notes_label = QLabel("Catatan")
        notes_label.setBuddy(self.notes)
        texts.addWidget(findings_label, 0, 0)
        texts.addWidget(notes_label, 0, 1)
        texts.addWidget(b.field(self.findings, "findings"), 1, 0)
        texts.addWidget(b.field(self.notes, "notes"), 1, 1)
        column = QVBoxLayout(self)
        column.addWidget(b.summary)
        column.addLayout(top)
        column.addWidget(places_label)
        column.addWidget(places_box, 3)
        column.addWidget(hint)
        column.addLayout(texts)
        self.setTabOrder(self.patrol_type, self.operation_name)

    def _connect(self) -> None:
        self.patrol_type.currentIndexChanged.connect(self._on_patrol_type_current_index_changed)
        self.vehicle.currentIndexChanged.connect(self._on_vehicle_current_index_changed)
        for widget in (self.patrol_type, self.mode, self.vehicle):
            widget.currentIndexChanged.connect(self._emit_changed)
        self.leader.editTextChanged.connect(self._emit_changed)
        for edit in (self.operation_name, self.basis):
            edit.textChanged.connect(self._emit_changed)
        for timed in (self.day, self.start, self.end):
            timed.edited.connect(self._emit_changed)
        self.next_day.toggled.connect(self._emit_changed)
        self.members.changed.connect(self._emit_changed)
        self.members.entry.textChanged.connect(self._emit_changed)
        for box in self.targets.values():
            box.toggled.connect(self._emit_changed)
        self.places_model.edited.connect(self._emit_changed)
        self.findings.textChanged.connect(self._emit_changed)
        self.notes.textChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    def _on_patrol_type_current_index_changed(self, _index: int) -> None:
        self.operation_name.setEnabled(self.patrol_type.currentData() == "operasi"
                                       or bool(self.operation_name.text()))

    def _on_vehicle_current_index_changed(self, _index: int) -> None:
        vehicle = self.vehicle.currentData()
        if isinstance(vehicle, Vehicle) and vehicle.mode in PATROL_MODES:
            self.mode.setCurrentIndex(self.mode.findData(vehicle.mode))

    # ------------------------------------------------------------------ master data
    def _load_master(self, patrol: Patrol | None) -> None:
        store = self._session.store
        resolver = OfficerResolver(store.master.list(Officer))
        keep = [patrol.leader_id, *patrol.member_ids] if patrol else []
        self.leader.set_roster(resolver, patrol.leader_id if patrol else None)
        self.members.set_roster(resolver, [k for k in keep if k is not None])
        self.vehicle.blockSignals(True)
        self.vehicle.clear()
        self.vehicle.addItem("(tanpa kendaraan)", None)
        for v in store.master.list(Vehicle):
            if v.active or (patrol is not None and v.id == patrol.vehicle_id):
                self.vehicle.addItem(f"{v.name} ({v.plate})" if v.plate else v.name, v)
        self.vehicle.blockSignals(False)

    # ------------------------------------------------------------------ in and out
    def load(self, patrol: Patrol | None) -> None:
        """Show `patrol` (None: a new one starting now, led by the officer on duty)."""
        self.record = patrol
        self._load_master(patrol)
        tz = self._session.tz()
        if patrol is None:
            now = self._session.local_now().replace(second=0, microsecond=0)
            end = now - timedelta(minutes=now.minute % 15)
            patrol = Patrol(patrol_type="rutin", mode="r2", start_at=end - timedelta(hours=2),
                            end_at=end, leader_id=self._session.officer_id)
        start, end = patrol.start_at.astimezone(tz), patrol.end_at.astimezone(tz)
        self.patrol_type.setCurrentIndex(max(0, self.patrol_type.findData(patrol.patrol_type)))
        self.operation_name.setText(patrol.operation_name)
        self.basis.setText(patrol.basis)
        self.day.set_value(start.date())
        self.start.set_value(start.time().replace(second=0, microsecond=0))
        self.end.set_value(end.time().replace(second=0, microsecond=0))
        self.next_day.setChecked(end.date() > start.date())
        self.mode.setCurrentIndex(max(0, self.mode.findData(patrol.mode)))
        self._select_vehicle(patrol.vehicle_id)
        self.leader.set_officer_id(patrol.leader_id)
        self.members.set_member_ids(patrol.member_ids)
        self.members.set_pending_text("")
        for code, box in self.targets.items():
            box.setChecked(code in patrol.targets)
        self.places_model.set_rows(place_rows(patrol.places, tz))
        self.findings.setPlainText(patrol.findings)
        self.notes.setPlainText(patrol.notes)
        self._on_patrol_type_current_index_changed(0)
        self.problems.clear()

    def _select_vehicle(self, vehicle_id: int | None) -> None:
        for i in range(self.vehicle.count()):
            data = self.vehicle.itemData(i)
            if (data is None and vehicle_id is None) or (
                    isinstance(data, Vehicle) and data.id == vehicle_id):
                self.vehicle.blockSignals(True)
                self.vehicle.setCurrentIndex(i)
                self.vehicle.blockSignals(False)
                return

    def _moments(self) -> tuple[datetime, datetime]:
        """Start and end as typed; a part that cannot be read yet counts as the record's
        (or today, midnight) here, and `_unreadable` reports it, so no save goes through."""
        tz = self._session.tz()
        before = self.record.start_at.astimezone(tz) if self.record else None
        day = self.day.value() or (before.date() if before else self._session.today())
        start_t = self.start.value() or time(0, 0)
        end_t = self.end.value() or start_t
        start = datetime.combine(day, start_t, tz)
        end_day = day + timedelta(days=1) if self.next_day.isChecked() else day
        end = datetime.combine(end_day, end_t, tz)
        return start, end

    def _unreadable(self) -> list[Problem]:
        found = []
        for field, widget, what in (("day", self.day, "Isi tanggal patroli, mis. 27-11-2026."),
                                    ("start_at", self.start, "Isi jam mulai, mis. 08.00."),
                                    ("end_at", self.end, "Isi jam selesai, mis. 10.00.")):
            if widget.value() is None:
                found.append(error(field, "format", widget.error() or what))
        return found

    def build(self) -> tuple[Patrol, list[Problem]]:
        """The patrol as typed, and the problems of reading it (names not on the roster,
        unreadable cells)."""
        start, end = self._moments()
        local: list[Problem] = self._unreadable()
        if end <= start and not local:
            local.append(error("end_at", "order", END_ORDER_MESSAGE))
        if self.leader.unknown_text():
            local.append(error("leader_id", "unknown_officer", not_on_roster(self.leader.unknown_text())))
        if self.members.unknown_text():
            local.append(error("member_ids", "unknown_officer",
                               not_on_roster(self.members.unknown_text())))
        blank = [self.places_model.is_blank(r) for r in range(self.places_model.rowCount())]
        places, self._place_rows, problems = places_from_rows(self.places_model.rows(), blank,
                                                              start, end)
        local += problems
        vehicle = self.vehicle.currentData()
        leader = self.leader.officer_id()
        members = tuple(m for m in dict.fromkeys(self.members.member_ids()) if m != leader)
        values: dict[str, Any] = dict(
            patrol_type=self.patrol_type.currentData(), mode=self.mode.currentData(),
            start_at=start, end_at=end, leader_id=leader, member_ids=members,
            vehicle_id=vehicle.id if isinstance(vehicle, Vehicle) else None,
            operation_name=self.operation_name.text().strip(),
            basis=" ".join(self.basis.text().split()),
            targets=tuple(c for c, box in self.targets.items() if box.isChecked()),
            places=places, findings=self.findings.toPlainText().strip(),
            notes=self.notes.toPlainText().strip())
        if self.record is not None:
            return replace(self.record, **values), local
        return Patrol(**values), local

    # ------------------------------------------------------------------ drafts
    def state(self) -> dict[str, Any]:
        vehicle = self.vehicle.currentData()
        return {
            "patrol_type": self.patrol_type.currentData(), "mode": self.mode.currentData(),
            "operation_name": self.operation_name.text(),
            "basis": self.basis.text(),
            "day": self.day.text(), "start": self.start.text(), "end": self.end.text(),
            "next_day": self.next_day.isChecked(),
            "vehicle_id": vehicle.id if isinstance(vehicle, Vehicle) else None,
            "leader": self.leader.currentText(), "members": list(self.members.member_ids()),
            "member_entry": self.members.pending_text(),
            "targets": [c for c, box in self.targets.items() if box.isChecked()],
            "places": self.places_model.rows(), "findings": self.findings.toPlainText(),
            "notes": self.notes.toPlainText(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.patrol_type.setCurrentIndex(max(0, self.patrol_type.findData(state.get("patrol_type"))))
        self.mode.setCurrentIndex(max(0, self.mode.findData(state.get("mode"))))
        self.operation_name.setText(state.get("operation_name", ""))
        self.basis.setText(state.get("basis", ""))
        self.day.set_text(state.get("day", ""))
        self.start.set_text(state.get("start", ""))
        self.end.set_text(state.get("end", ""))
        self.next_day.setChecked(bool(state.get("next_day")))
        self._select_vehicle(state.get("vehicle_id"))
        self.leader.setEditText(state.get("leader", ""))
        self.members.set_member_ids(state.get("members", []))
        self.members.set_pending_text(state.get("member_entry", ""))
        for code, box in self.targets.items():
            box.setChecked(code in state.get("targets", []))
        self.places_model.set_rows(state.get("places", []))
        self.findings.setPlainText(state.get("findings", ""))
        self.notes.setPlainText(state.get("notes", ""))
