"""The Beranda's view of the duty: the current shift, its regu and officers, its open matters,
and a warning when the previous shift was not handed over by its deadline (09.00). It reloads
itself: on changes, and every minute while shown (the deadline passes without any write).
ui/pages.py puts it on the Beranda."""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.journal.shifts import is_overdue
from app.security.permissions import Action
from app.store import StoreError
from app.textid import format_date_long, format_time
from ui.common.errors import describe
from ui.common.figures import heading, note
from ui.roles import may, on_role_change
from ui.session import Session

RELOAD_KINDS: Changes = frozenset({ChangeKind.JOURNAL, ChangeKind.VISIT, ChangeKind.MEETING,
                                   ChangeKind.ISSUE, ChangeKind.SETTINGS, ChangeKind.MASTER,
                                   ChangeKind.OFFICER})
REFRESH_MS = 60_000
WARNING_STYLE = ("background: #fff3cd; color: #7a4b00; border: 1px solid #e0b040; "
                 "padding: 6px; font-weight: bold;")


class ShiftPanel(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.shift_label = QLabel()
        self.shift_label.setWordWrap(True)
        self.officers_label = note()
        self.matters_label = note()
        self.warning = QLabel()
        self.warning.setObjectName("handover_warning")
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet(WARNING_STYLE)
        self.warning.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(heading("Dinas jaga"))
        layout.addWidget(self.shift_label)
        layout.addWidget(self.officers_label)
        layout.addWidget(self.matters_label)
        layout.addWidget(self.warning)
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        session.changed.connect(self._on_session_changed)
        on_role_change(session, self, self._on_role_change)  # loads now, and per officer

    def _on_role_change(self) -> None:
        self.reload(self._session.now())

    def _on_session_changed(self, kinds: Changes) -> None:
        if kinds & RELOAD_KINDS:
            self.reload(self._session.now())

    def _on_timer_timeout(self) -> None:
        self.reload(self._session.now())

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        super().showEvent(event)
        self.reload(self._session.now())
        self._timer.start()

    def hideEvent(self, event: object) -> None:  # noqa: N802 (Qt naming)
        self._timer.stop()
        super().hideEvent(event)  # type: ignore[arg-type]

    def reload(self, now: datetime) -> None:
        store = self._session.store
        duty = store.duty
        try:
            shift = duty.shift_at(now)
            settings = duty.settings.duty_settings()
            team = duty.team_on(shift.day)
            officers = {o.id: o for o in store.master.list(Officer) if o.id is not None}
            matters = duty.open_matters(now)
            previous = duty.shift_on(shift.day - timedelta(days=1))
            late = is_overdue(now, previous, settings, duty.handover(previous.day) is not None)
        except StoreError as exc:
            self.shift_label.setText(f"Dinas jaga belum dapat dimuat. {describe(exc)}")
            return
        zone = self._session.tz()
        tz = store.profile().tz_abbreviation
        start, end = shift.start.astimezone(zone), shift.end.astimezone(zone)
        self.shift_label.setText(f"Dinas {format_date_long(start)} pukul {format_time(start)} "
                                 f"s.d. {format_date_long(end)} pukul {format_time(end)} {tz}")
        if team is not None:
            names = ", ".join(officers[m].display for m in team.member_ids if m in officers)
            self.officers_label.setText(f"{team.name}: {names or 'belum ada anggota'}")
        else:
            self.officers_label.setText("Regu jaga belum diatur (Data Master › Regu "
                                        "jaga).")
        self.matters_label.setText("Masalah terbuka: " + "; ".join(
            line for line in matters.lines() if not line.startswith("–")))
        if late:
            deadline = previous.deadline(settings).astimezone(zone)
            self.warning.setText(
                f"\u26a0 Dinas {format_date_long(previous.start.astimezone(zone))} belum "
                f"diserahterimakan (batas pukul {format_time(deadline)} {tz})."
                # the way to it only for a role that signs handovers (ui/roles.py)
                + (" Buka Buku Mutasi › Dinas sebelumnya › Serah terima."
                   if may(self._session, Action.HANDOVER) else ""))
        self.warning.setVisible(late)
