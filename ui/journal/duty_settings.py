"""Shift times (a tab of Pengaturan) and the regu with their members (a tab of Data Master).
Each has its own save button: they are written by the duty repository, not by the page's
save bar."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.journal.shifts import DutySettings
from app.security.permissions import Action
from app.store import DutyInputError, DutyTeam, StoreError
from ui.common.errors import describe
from ui.common.figures import heading, note
from ui.common.forms import FieldForm, MessageLabel
from ui.common.widgets import DateField
from ui.roles import may, on_role_change, show_if
from ui.session import Session

SAVED_STYLE = "color: #1b5e20;"


class ShiftTimesPanel(QWidget):
    """Pengaturan › Jam dinas: when a shift starts, how late a handover may be, and the day
    the first regu was on duty (the rotation counts from it)."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.start = QLineEdit()
        self.grace = QSpinBox()
        self.grace.setRange(0, 24 * 60)
        self.grace.setSuffix(" menit")
        self.rotation = DateField(session.today)
        self.form = FieldForm()
        self.form.add_field("shift_start", "Jam &mulai dinas", self.start,
                            "Dinas berganti pada jam ini (serah terima), misalnya 08.00.")
        self.form.add_field("grace", "&Batas serah terima", self.grace,
                            "Lewat selang ini sesudah dinas berakhir, Beranda memberi peringatan "
                            "dan serah terima dihitung terlambat.")
        self.form.add_field("rotation_start", "&Giliran regu mulai", self.rotation,
                            "Tanggal regu pertama (urutan 0) berdinas; regu bergiliran tiap hari.")
        self.save_button = QPushButton("&Simpan jam dinas")
        self.status = MessageLabel(SAVED_STYLE)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addStretch(1)  # the status line hides when empty; keep the button at the right
        bar.addWidget(self.save_button)
        layout.addLayout(bar)
        layout.addStretch(1)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        self.reload()
        show_if(session, Action.SETTINGS, self.save_button)
        on_role_change(session, self, self._apply_role)

    def _apply_role(self) -> None:
        allowed = may(self._session, Action.SETTINGS)
        self.start.setReadOnly(not allowed)
        self.grace.setReadOnly(not allowed)
        self.rotation.setReadOnly(not allowed)

    def reload(self) -> None:
        value = self._session.store.duty.settings.duty_settings()
        self.start.setText(value.shift_start.replace(":", "."))
        self.grace.setValue(value.handover_grace_minutes)
        self.rotation.set_value(date.fromisoformat(value.rotation_start)
                                if value.rotation_start else None)
        self.form.clear_problems()

    def value(self) -> DutySettings:
        day = self.rotation.value()
        return DutySettings(shift_start=self.start.text().strip().replace(".", ":"),
                            handover_grace_minutes=self.grace.value(),
                            rotation_start=day.isoformat() if day else "")

    def save(self) -> bool:
        if not may(self._session, Action.SETTINGS):
            return False
        error = self.rotation.error()
        if error:
            self.form.show_problems({"rotation_start": error})
            return False
        store, by = self._session.store, self._session.officer_id
        value = self.value()
        try:
            self._session.write(lambda: store.duty.settings.save_duty_settings(value, by))
        except DutyInputError as exc:
            self.form.show_problems({exc.field: exc.message})
            return False
        except StoreError as exc:
            self.status.set_message(describe(exc))
            return False
        self.form.clear_problems()
        self.status.set_message("Jam dinas disimpan.")
        return True

    def _on_save_button_clicked(self) -> None:
        self.save()


class TeamsPanel(QWidget):
    """Data Master › Regu jaga: the regu in their order of duty, each with its members."""

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.teams = QListWidget()
        self.name = QLineEdit()
        self.position = QSpinBox()
        self.position.setRange(0, 99)
        self.active = QCheckBox("Aktif")
        self.members = QListWidget()
        self.form = FieldForm()
        self.form.add_field("name", "&Nama regu", self.name)
        self.form.add_field("position", "&Urutan giliran", self.position,
                            "0 berdinas pada tanggal awal giliran (Pengaturan › Jam dinas), "
                            "1 hari berikutnya, dan seterusnya.")
        self.form.add_field("active", "", self.active)
        self.form.add_field("members", "&Anggota", self.members)
        self.new_button = QPushButton("Regu &baru")
        self.save_button = QPushButton("&Simpan regu")
        self.status = MessageLabel(SAVED_STYLE)
        self._editing: DutyTeam | None = None
        left = QVBoxLayout()
        left.addWidget(heading("Regu jaga"))
        left.addWidget(self.teams, 1)
        new_row = QHBoxLayout()
        new_row.addWidget(self.new_button)
        new_row.addStretch(1)
        left.addLayout(new_row)
        right = QVBoxLayout()
        right.addLayout(self.form, 1)
        bar = QHBoxLayout()
        bar.addWidget(self.status, 1)
        bar.addStretch(1)  # the status line hides when empty; keep the button at the right
        bar.addWidget(self.save_button)
        right.addLayout(bar)
        columns = QHBoxLayout()
        columns.addLayout(left, 1)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(note("Regu tidak pernah dihapus: nonaktifkan bila tidak dipakai lagi."))
        layout.addLayout(columns, 1)
        self.teams.currentRowChanged.connect(self._on_teams_current_row_changed)
        self.new_button.clicked.connect(self._on_new_button_clicked)
        self.save_button.clicked.connect(self._on_save_button_clicked)
        session.changed.connect(self._on_session_changed)
        self.reload()
        show_if(session, Action.MASTER, self.new_button, self.save_button)
        on_role_change(session, self, self._apply_role)

    def _apply_role(self) -> None:
        """A role that only reads sees the regu and their members, unchangeable."""
        allowed = may(self._session, Action.MASTER)
        self.name.setReadOnly(not allowed)
        self.position.setReadOnly(not allowed)
        self.active.setEnabled(allowed)
        self._mark_members()

    def _mark_members(self) -> None:
        allowed = may(self._session, Action.MASTER)
        for i in range(self.members.count()):
            item = self.members.item(i)
            flags = item.flags() | Qt.ItemFlag.ItemIsUserCheckable
            if not allowed:
                flags &= ~Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)

    def reload(self) -> None:
        self._all = self._session.store.duty.teams()
        self.teams.blockSignals(True)
        self.teams.clear()
        for team in self._all:
            self.teams.addItem(f"{team.position}. {team.name}" + ("" if team.active
                                                                 else " (nonaktif)"))
        if self._all:
            self.teams.setCurrentRow(0)
        self.teams.blockSignals(False)
        self.edit(self._all[0] if self._all else None)

    def edit(self, team: DutyTeam | None) -> None:
        self._editing = team
        self.name.setText(team.name if team else "")
        self.position.setValue(team.position if team else len(self._all))
        self.active.setChecked(team.active if team else True)
        chosen = set(team.member_ids) if team else set()
        self.members.clear()
        for officer in self._session.store.master.list(Officer, active_only=True):
            item = QListWidgetItem(f"{officer.display} (NRP {officer.nrp})")
            item.setData(Qt.ItemDataRole.UserRole, officer.id)
            item.setCheckState(Qt.CheckState.Checked if officer.id in chosen
                               else Qt.CheckState.Unchecked)
            self.members.addItem(item)
        self._mark_members()
        self.form.clear_problems()

    def value(self) -> DutyTeam:
        members = tuple(int(self.members.item(i).data(Qt.ItemDataRole.UserRole))
                        for i in range(self.members.count())
                        if self.members.item(i).checkState() == Qt.CheckState.Checked)
        base = self._editing or DutyTeam("")
        return replace(base, name=self.name.text(), position=self.position.value(),
                       member_ids=members, active=self.active.isChecked())

    def save(self) -> bool:
        if not may(self._session, Action.MASTER):
            return False
        store, by = self._session.store, self._session.officer_id
        team = self.value()
        try:
            saved = self._session.write(lambda: store.duty.save_team(team, by))
        except DutyInputError as exc:
            self.form.show_problems({exc.field: exc.message})
            return False
        except StoreError as exc:
            self.status.set_message(describe(exc))
            return False
        self.status.set_message(f"{saved.name} disimpan.")
        return True

    def _on_teams_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self._all):
            self.edit(self._all[row])

    def _on_new_button_clicked(self) -> None:
        self.teams.clearSelection()
        self.edit(None)
        self.name.setFocus()

    def _on_save_button_clicked(self) -> None:
        self.save()

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & {ChangeKind.OFFICER, ChangeKind.MASTER, ChangeKind.JOURNAL}:
            current = self._editing.id if self._editing else None
            self.reload()
            match = next((i for i, t in enumerate(self._all) if t.id == current), None)
            if match is not None:
                self.teams.setCurrentRow(match)
