"""The community meeting form (DOMAIN.md "Community meetings"): type, day and time, desa and
place, who led it, participant groups with head counts, topics, and the issues residents raised
with their follow-up. Takes a Meeting in (`load`), hands one out (`build`), and keeps its raw
contents as a dict (`state`/`restore`) for drafts."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, time
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import MEETING_TYPES
from app.domain.models import Category, Desa, Meeting, Officer
from app.validation import Problem
from app.validation.problems import error
from ui.common.master_combo import MasterCombo
from ui.meetings.editors import (
    ISSUE_ALIASES,
    IssueText,
    make_issues,
    make_participants,
    participant_rows,
    participants_from_rows,
)
from ui.records.fields import code_combo, date_edit, text_edit, time_edit
from ui.records.officers import OfficerPicker, OfficerResolver, not_on_roster
from ui.records.problems import Problems
from ui.records.rows import KEY_HINT
from ui.session import Session


def bold(text: str, buddy: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(buddy)
    label.setStyleSheet("font-weight: bold;")
    return label


class MeetingForm(QWidget):
    changed = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.record: Meeting | None = None
        self.problems = Problems()
        self.meeting_type = code_combo(MEETING_TYPES)
        self.day = date_edit()
        self.at = time_edit()
        self.desa = MasterCombo(placeholder="Ketik nama desa")
        self.place = QLineEdit()
        self.place.setPlaceholderText("mis. Masjid Al-Ikhlas, balai desa")
        self.leader = OfficerPicker()
        self.participants_model, self.participants = make_participants(self)
        self.total = QLabel()
        self.topics = text_edit(56)
        self.notes = text_edit(56)
        self.issues_model, self.issues = make_issues(self)
        self._participant_rows: list[int] = []
        self._issue_rows: list[int] = []
        self._text = IssueText({}, OfficerResolver(()))
        self._build()
        self._connect()
        self.load(None)

    # ------------------------------------------------------------------ layout
    def _build(self) -> None:
        b = self.problems
        when = QHBoxLayout()
        when.setContentsMargins(0, 0, 0, 0)
        when.addWidget(self.day)
        when.addWidget(QLabel("pukul"))
        when.addWidget(self.at)
        when.addStretch(1)
        when_box = QWidget()
        when_box.setLayout(when)
        when_box.setFocusProxy(self.day)  # Alt+T ("&Tanggal") goes to the date
        left = QFormLayout()
        left.addRow("&Jenis kegiatan", b.field(self.meeting_type, "meeting_type"))
        left.addRow("&Tanggal", b.field(when_box, "held_at"))
        left.addRow("&Desa", b.field(self.desa, "desa"))
        left.addRow("Tem&pat", b.field(self.place, "place"))
        left.addRow("Dipimpin &oleh", b.field(self.leader, "leader_id"))
        left.addRow(bold("Pokok &bahasan", self.topics), b.field(self.topics, "topics"))
        left.addRow("Catatan", b.field(self.notes, "notes"))
        right = QVBoxLayout()
        right.addWidget(bold("Pe&serta (jumlah orang per kelompok)", self.participants))
        right.addWidget(b.table("participants", self.participants,
                                lambda: self._participant_rows), 1)
        right.addWidget(self.total)
        top = QGridLayout()
        top.addLayout(left, 0, 0)
        top.addLayout(right, 0, 1)
        top.setColumnStretch(0, 3)
        top.setColumnStretch(1, 2)
        hint = QLabel(KEY_HINT)
        hint.setStyleSheet("color: #555555;")
        hint.setWordWrap(True)
        column = QVBoxLayout(self)
        column.addWidget(b.summary)
        column.addLayout(top)
        column.addWidget(bold("&Masalah yang disampaikan warga dan tindak lanjutnya", self.issues))
        column.addWidget(b.table("issues", self.issues, lambda: self._issue_rows, ISSUE_ALIASES), 1)
        column.addWidget(hint)

    def _connect(self) -> None:
        self.meeting_type.currentIndexChanged.connect(self._emit_changed)
        self.desa.edited.connect(self._emit_changed)
        self.desa.currentIndexChanged.connect(self._emit_changed)
        self.place.textChanged.connect(self._emit_changed)
        self.leader.editTextChanged.connect(self._emit_changed)
        for timed in (self.day, self.at):
            timed.edited.connect(self._emit_changed)
        self.participants_model.edited.connect(self._on_participants_edited)
        self.issues_model.edited.connect(self._emit_changed)
        self.topics.textChanged.connect(self._emit_changed)
        self.notes.textChanged.connect(self._emit_changed)

    def _emit_changed(self, *_args: object) -> None:
        self.changed.emit()

    def _on_participants_edited(self) -> None:
        participants, _, _ = participants_from_rows(self.participants_model.rows())
        total = sum(p.count for p in participants if p.count > 0)
        self.total.setText(f"Jumlah peserta: {total} orang")
        self.changed.emit()

    # ------------------------------------------------------------------ master data
    def _load_master(self, meeting: Meeting | None) -> None:
        master = self._session.store.master
        resolver = OfficerResolver(master.list(Officer))
        keep = [meeting.leader_id, *(i.owner_officer_id for i in meeting.issues)] if meeting else []
        self.leader.set_roster(resolver, meeting.leader_id if meeting else None)
        self._text = IssueText({c.code: c.label for c in master.list(Category)}, resolver)
        desa = [d.name for d in master.list(Desa, active_only=True)]
        self.desa.set_items([(name, name) for name in desa])
        self.issues_model.set_choices("desa", [(n, n) for n in desa])
        self.issues_model.set_choices("category", self._text.category_choices())
        self.issues_model.set_choices("owner", self._text.owner_choices(keep))

    # ------------------------------------------------------------------ in and out
    def load(self, meeting: Meeting | None) -> None:
        """Show `meeting` (None: a new one now, led by the officer on duty)."""
        self.record = meeting
        self._load_master(meeting)
        if meeting is None:
            now = self._session.local_now().replace(second=0, microsecond=0)
            meeting = Meeting(meeting_type="jumat_curhat", held_at=now, desa="",
                              leader_id=self._session.officer_id)
        held = meeting.held_at.astimezone(self._session.tz())
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(meeting.meeting_type)))
        self.day.set_value(held.date())
        self.at.set_value(held.time().replace(second=0, microsecond=0))
        self.desa.set_text(meeting.desa)
        self.place.setText(meeting.place)
        self.leader.set_officer_id(meeting.leader_id)
        participant_rows(self.participants_model, meeting.participants)
        self._on_participants_edited()
        rows = [self._text.row(issue) for issue in meeting.issues]
        self.issues_model.set_rows(rows, locked=[i for i, r in enumerate(rows) if r["uuid"]])
        self.topics.setPlainText(meeting.topics)
        self.notes.setPlainText(meeting.notes)
        self.problems.clear()

    def held_at(self) -> datetime:
        """The moment typed; a part that cannot be read yet counts as the record's (or
        today, midnight) here, and `build` reports it, so no save goes through."""
        tz = self._session.tz()
        before = self.record.held_at.astimezone(tz) if self.record else None
        day = self.day.value() or (before.date() if before else self._session.today())
        return datetime.combine(day, self.at.value() or time(0, 0), tz)

    def build(self) -> tuple[Meeting, list[Problem]]:
        """The meeting as typed, and the problems of reading it."""
        held = self.held_at()
        local: list[Problem] = []
        if self.day.value() is None:
            local.append(error("held_at", "format",
                               self.day.error() or "Isi tanggal kegiatan, mis. 27-11-2026."))
        elif self.at.value() is None:
            local.append(error("held_at", "format",
                               self.at.error() or "Isi jam kegiatan, mis. 13.30."))
        if self.leader.unknown_text():
            local.append(error("leader_id", "unknown_officer", not_on_roster(self.leader.unknown_text())))
        participants, self._participant_rows, problems = participants_from_rows(
            self.participants_model.rows())
        local += problems
        blank = [self.issues_model.is_blank(r) for r in range(self.issues_model.rowCount())]
        saved = {i.uuid: i for i in self.record.issues if i.uuid} if self.record else {}
        issues, self._issue_rows, problems = self._text.issues(
            self.issues_model.rows(), blank, held.date(), saved)
        local += problems
        values: dict[str, Any] = dict(
            meeting_type=self.meeting_type.currentData(), held_at=held,
            desa=self.desa.text(), place=self.place.text().strip(),
            leader_id=self.leader.officer_id(), participants=participants,
            topics=self.topics.toPlainText().strip(), notes=self.notes.toPlainText().strip(),
            issues=issues)
        if self.record is not None:
            return replace(self.record, **values), local
        return Meeting(**values), local

    # ------------------------------------------------------------------ drafts
    def state(self) -> dict[str, Any]:
        return {
            "meeting_type": self.meeting_type.currentData(),
            "day": self.day.text(), "at": self.at.text(), "desa": self.desa.currentText(),
            "place": self.place.text(), "leader": self.leader.currentText(),
            "participants": self.participants_model.rows(), "issues": self.issues_model.rows(),
            "topics": self.topics.toPlainText(), "notes": self.notes.toPlainText(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.meeting_type.setCurrentIndex(max(0, self.meeting_type.findData(state.get("meeting_type"))))
        self.day.set_text(state.get("day", ""))
        self.at.set_text(state.get("at", ""))
        self.desa.set_text(state.get("desa", ""))
        self.place.setText(state.get("place", ""))
        self.leader.setEditText(state.get("leader", ""))
        self.participants_model.set_rows(state.get("participants", []))
        self._on_participants_edited()
        rows = state.get("issues", [])
        self.issues_model.set_rows(rows, locked=[i for i, r in enumerate(rows) if r.get("uuid")])
        self.topics.setPlainText(state.get("topics", ""))
        self.notes.setPlainText(state.get("notes", ""))
