"""What the duty repository returns: frozen dataclasses (times aware UTC)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.journal.shifts import Shift
from app.store.errors import StoreError


class DutyInputError(StoreError):
    """A journal entry or handover the store refuses; `field` names the field the Indonesian
    `message` belongs next to ("text", "at", "kind", "incoming", "inventory:<category>")."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class DutyTeam:
    """A regu: its name, its place in the rotation and its members (officer ids)."""

    name: str
    position: int = 0
    member_ids: tuple[int, ...] = ()
    active: bool = True
    id: int | None = None
    uuid: str = ""


@dataclass(frozen=True)
class JournalEntry:
    """A line the desk typed. Never changed: a correction is another entry whose
    `corrects_uuid` names this one."""

    uuid: str
    at: datetime
    kind: str
    text: str
    officer_id: int | None
    corrects_uuid: str | None = None
    created_at: datetime | None = None
    id: int | None = None


@dataclass(frozen=True)
class JournalEvent:
    """One line of a shift's journal: a typed entry or something Piket recorded."""

    at: datetime
    kind: str  # app.journal.codes.EVENT_KINDS
    text: str
    officer_id: int | None = None
    record_uuid: str | None = None
    entry: JournalEntry | None = None  # the typed entry behind the line
    corrections: tuple[JournalEntry, ...] = ()  # later entries that correct this one
    voided: bool = False


@dataclass(frozen=True)
class InventoryCount:
    """One line of the handover inventory."""

    category: str  # app.journal.codes.INVENTORY
    count: int
    details: str = ""
    explanation: str = ""  # required when `count` differs from `previous_count`
    previous_count: int | None = None


SP2HP_LINE = "SP2HP terlambat (belum dikirim sampai batas waktunya)"


@dataclass(frozen=True)
class OpenMatters:
    """What is still open at a handover (computed, not typed)."""

    waiting_lp: tuple[str, ...]  # numbers of the first LP waiting for an officer at the scene
    overdue_follow_ups: tuple[str, ...]  # the first overdue follow-ups
    waiting_count: int = 0  # all of them
    overdue_count: int = 0
    sp2hp_overdue: tuple[str, ...] = ()  # numbers of the first LP whose SP2HP is late
    sp2hp_overdue_count: int = 0  # all of them (the LP register, issue 18)

    def lines(self) -> tuple[str, ...]:
        more = self.waiting_count - len(self.waiting_lp)
        named = ", ".join(self.waiting_lp) + (f", dan {more} lainnya" if more > 0 else "")
        out = [f"LP menunggu petugas ke TKP: {self.waiting_count}"
               + (f" ({named})" if self.waiting_lp else "")]
        out.append(f"Tindak lanjut pertemuan melewati batas waktu: {self.overdue_count}")
        out += [f"– {text}" for text in self.overdue_follow_ups]
        if self.overdue_count > len(self.overdue_follow_ups):
            out.append(f"– dan {self.overdue_count - len(self.overdue_follow_ups)} lainnya")
        more = self.sp2hp_overdue_count - len(self.sp2hp_overdue)
        named = ", ".join(self.sp2hp_overdue) + (f", dan {more} lainnya" if more > 0 else "")
        out.append(f"{SP2HP_LINE}: {self.sp2hp_overdue_count}"
                   + (f" ({named})" if self.sp2hp_overdue else ""))
        return tuple(out)


@dataclass(frozen=True)
class Handover:
    shift_day: date
    outgoing_officer_id: int
    incoming_officer_id: int
    signed_at: datetime
    on_time: bool
    summary: str
    open_matters: tuple[str, ...]
    incoming_notes: str
    items: tuple[InventoryCount, ...]
    team_id: int | None = None
    uuid: str = ""
    id: int | None = None


@dataclass(frozen=True)
class ShiftJournal:
    """A shift's journal: its events in time order, its regu and its handover (if any)."""

    shift: Shift
    events: tuple[JournalEvent, ...]
    team: DutyTeam | None
    handover: Handover | None


@dataclass(frozen=True)
class HandoverCounts:
    """Shifts of a period: handed over on time, late, not (yet) handed over."""

    on_time: int
    late: int
    missing: int
