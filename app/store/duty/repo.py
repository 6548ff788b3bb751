"""The duty repository: shift times, regu, the journal of a shift (typed entries and what
Piket recorded) and the handover. Journal entries and handovers are append-only (triggers of
migration 0012 refuse UPDATE and DELETE; this class has no method that would try)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from app.domain.changes import ChangeKind
from app.journal.codes import CORRECTION, ENTRY_KINDS, INVENTORY
from app.journal.shifts import (
    HANDOVER_EARLIEST,
    DutySettings,
    Shift,
    ShiftTimeError,
    may_hand_over,
    on_time,
    parse_start,
    shift_at,
    shift_on,
    team_index,
)
from app.security.permissions import Action
from app.store import audit
from app.store.bulk import TableRows
from app.store.db import write_transaction
from app.store.duty import events
from app.store.duty.models import (
    DutyInputError,
    DutyTeam,
    Handover,
    HandoverCounts,
    InventoryCount,
    JournalEntry,
    JournalEvent,
    OpenMatters,
    ShiftJournal,
)
from app.store.errors import RecordNotFound
from app.store.records import Saved, StoreContext, new_uuid
from app.store.serialize import canonical_json, dt_from_db, dt_to_db
from app.store.settings import SettingsRepo

CHANGED = frozenset({ChangeKind.JOURNAL})
MAX_TEXT = 4000  # characters of one entry, summary or note
FUTURE_SLACK = timedelta(minutes=5)  # an entry's time may be this far ahead of the clock
CONFIRM_VALID = timedelta(minutes=15)  # a password confirmation counts this long for a handover
MATTERS_NAMED = 10  # open matters named one by one; the rest are counted
KIND_ENTRY = "mutasi"
KIND_HANDOVER = "serah_terima"


class DutySettingsRepo(SettingsRepo):
    """The shift times, stored like every other settings group (prefix "duty")."""

    def duty_settings(self) -> DutySettings:
        return self._load(DutySettings, "duty")

    def save_duty_settings(self, value: DutySettings, by: int | None) -> Saved[DutySettings]:
        self._ctx.require(Action.SETTINGS)
        try:
            parse_start(value.shift_start)
        except ShiftTimeError as exc:
            raise DutyInputError("shift_start", str(exc)) from None
        if not 0 <= value.handover_grace_minutes <= 24 * 60:
            raise DutyInputError("grace", "Batas serah terima antara 0 dan 1440 menit.")
        if value.rotation_start:
            try:
                date.fromisoformat(value.rotation_start)
            except ValueError:
                raise DutyInputError("rotation_start", "Tanggal awal giliran tidak sah.") from None
        self._save(value, "duty", by)
        return Saved(value, frozenset({ChangeKind.SETTINGS, ChangeKind.JOURNAL}))


class DutyRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx
        self.settings = DutySettingsRepo(ctx)

    # -------------------------------------------------------------- shifts and regu
    def _tz(self) -> str:
        row = self._ctx.row("SELECT value FROM settings WHERE key = 'station.timezone'")
        return str(json.loads(row["value"])) if row else "Asia/Jakarta"

    def shift_at(self, moment: datetime) -> Shift:
        return shift_at(moment, self.settings.duty_settings(), self._tz())

    def shift_on(self, day: date) -> Shift:
        return shift_on(day, self.settings.duty_settings(), self._tz())

    def teams(self, *, active_only: bool = False) -> tuple[DutyTeam, ...]:
        where = "WHERE active = 1 " if active_only else ""
        return tuple(_team(r) for r in self._ctx.rows(
            f"SELECT * FROM duty_teams {where}ORDER BY position, id"))

    def team_on(self, day: date) -> DutyTeam | None:
        teams = self.teams(active_only=True)
        index = team_index(day, self.settings.duty_settings(), len(teams))
        return teams[index] if index is not None else None

    def save_team(self, team: DutyTeam, by: int | None) -> Saved[DutyTeam]:
        """Create or change a regu (Data Master). Regu are never deleted: set inactive."""
        self._ctx.require(Action.MASTER)
        name = " ".join(team.name.split())
        if not name:
            raise DutyInputError("name", "Nama regu wajib diisi.")
        known = {r["id"] for r in self._ctx.rows("SELECT id FROM officers")}
        if any(m not in known for m in team.member_ids):
            raise DutyInputError("members", "Anggota regu harus dari daftar personel.")
        values = {"name": name, "position": team.position,
                  "members": json.dumps(list(dict.fromkeys(team.member_ids))),
                  "active": int(team.active)}
        with write_transaction(self._ctx.db):
            before = None
            if team.id is None:
                team_id = self._ctx.insert("duty_teams", {**values, **self._ctx.new_meta(by)})
            else:
                before = self._team(team.id)
                bump = self._ctx.bump("duty_teams", team.id, by, None)
                self._ctx.db.table("duty_teams").update(team.id, {**values, **bump})
                team_id = team.id
            saved = self._team(team_id)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="create" if before is None else "update", kind="regu",
                         record_uuid=saved.uuid, before=before, after=saved)
        return Saved(saved, frozenset({ChangeKind.JOURNAL, ChangeKind.MASTER}))

    def _team(self, team_id: int) -> DutyTeam:
        row = self._ctx.row("SELECT * FROM duty_teams WHERE id = ?", [team_id])
        if row is None:
            raise RecordNotFound(f"regu {team_id}")
        return _team(row)

    # -------------------------------------------------------------- journal
    def add_entry(self, kind: str, text: str, at: datetime, officer_id: int | None,
                  by: int | None, *, corrects_uuid: str | None = None) -> Saved[JournalEntry]:
        """A typed line of the journal (kinds of app.journal.codes.ENTRY_KINDS; a correction
        through `correct`). `at` is when it happened (aware)."""
        self._ctx.require(Action.JOURNAL_WRITE)
        if kind not in ENTRY_KINDS and not (kind == CORRECTION and corrects_uuid):
            raise DutyInputError("kind", "Pilih jenis catatan.")
        text = _clean(text)
        if not text:
            raise DutyInputError("text", "Isi catatan wajib diisi.")
        if len(text) > MAX_TEXT:
            raise DutyInputError("text", f"Isi catatan paling banyak {MAX_TEXT} karakter.")
        if at.tzinfo is None:
            raise ValueError("an entry's time must be aware")
        if at > self._ctx.now() + FUTURE_SLACK:
            raise DutyInputError("at", "Waktu catatan tidak boleh di masa depan.")
        values = {"uuid": new_uuid(), "station_code": self._ctx.station_code,
                  "at": dt_to_db(at), "kind": kind, "text": text, "officer_id": officer_id,
                  "corrects_uuid": corrects_uuid, "created_at": dt_to_db(self._ctx.now()),
                  "created_by": by}
        with write_transaction(self._ctx.db):
            entry_id = self._ctx.insert("journal_entries", values)
            entry = self.entry(entry_id)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by,
                         action="correct" if corrects_uuid else "create", kind=KIND_ENTRY,
                         record_uuid=entry.uuid, after=entry)
        return Saved(entry, CHANGED)

    def correct(self, entry_uuid: str, text: str, by: int | None) -> Saved[JournalEntry]:
        """A new entry that corrects `entry_uuid`; the original stays as it was, marked as
        corrected wherever it is shown."""
        original = self._ctx.row("SELECT uuid FROM journal_entries WHERE uuid = ?", [entry_uuid])
        if original is None:
            raise RecordNotFound(f"catatan mutasi {entry_uuid}")
        return self.add_entry(CORRECTION, text, self._ctx.now(), by, by,
                              corrects_uuid=entry_uuid)

    def entry(self, entry_id: int) -> JournalEntry:
        row = self._ctx.row("SELECT * FROM journal_entries WHERE id = ?", [entry_id])
        if row is None:
            raise RecordNotFound(f"catatan mutasi {entry_id}")
        return events.entry_from_row(row)

    def journal(self, shift: Shift) -> ShiftJournal:
        """The shift's journal: every event in time order, its regu and its handover."""
        self._ctx.require(Action.READ)
        found = events.shift_events(self._ctx, shift.start_utc, shift.end_utc)
        handover = self.handover(shift.day)
        if handover is not None:
            found.append(JournalEvent(handover.signed_at, "serah_terima",
                                      "Serah terima dinas ditandatangani",
                                      handover.outgoing_officer_id, handover.uuid))
        return ShiftJournal(shift, tuple(found), self.team_on(shift.day), handover)

    # -------------------------------------------------------------- handover
    def open_matters(self, now: datetime) -> OpenMatters:
        """LP waiting for an officer at the scene and overdue follow-ups, at `now`: how many,
        and the first MATTERS_NAMED of each (index `visits_waiting`, `meeting_issues_open`)."""
        waiting_where = ("FROM visits WHERE service = 'lp' AND needs_visit = 1 "
                         "AND voided_at IS NULL AND arrived_at IS NULL "
                         "AND status NOT IN ('selesai', 'rj', 'dilimpahkan', 'dicabut')")
        waiting = tuple(str(r["number"] or "(tanpa nomor)") for r in self._ctx.rows(
            f"SELECT number {waiting_where} ORDER BY received_at LIMIT ?", [MATTERS_NAMED]))
        waiting_count = int(self._ctx.db.execute(f"SELECT count(*) {waiting_where}")
                            .fetchone()[0])
        today = now.astimezone(self.shift_at(now).start.tzinfo).date()
        overdue_where = ("FROM meeting_issues i JOIN meetings m ON m.id = i.meeting_id "
                         "WHERE m.voided_at IS NULL AND i.status IN ('terbuka', 'dalam_proses') "
                         "AND i.due_date IS NOT NULL AND i.due_date < ?")
        overdue = tuple(
            f"{r['description'][:80]} (batas {date.fromisoformat(r['due_date']):%d-%m-%Y})"
            for r in self._ctx.rows(f"SELECT i.description, i.due_date {overdue_where} "
                                    "ORDER BY i.due_date LIMIT ?",
                                    [today.isoformat(), MATTERS_NAMED]))
        overdue_count = int(self._ctx.db.execute(f"SELECT count(*) {overdue_where}",
                                                 [today.isoformat()]).fetchone()[0])
        late, late_count = self._late_sp2hp(today)
        return OpenMatters(waiting, overdue, waiting_count, overdue_count, late, late_count)

    def _late_sp2hp(self, today: date) -> tuple[tuple[str, ...], int]:
        """LPs whose SP2HP is late (the register's overdue filter): the first
        MATTERS_NAMED numbers, and how many."""
        from zoneinfo import ZoneInfo

        from app.domain.register import RegisterFilter
        from app.store.register import listing

        rules, tz = SettingsRepo(self._ctx).sp2hp_rules(), ZoneInfo(self._tz())
        return (listing.late_numbers(self._ctx, today, rules, tz, MATTERS_NAMED),
                listing.count(self._ctx, RegisterFilter(overdue=True), today=today,
                              rules=rules, tz=tz))

    def previous_inventory(self, day: date) -> dict[str, InventoryCount]:
        """The counts of the newest handover before the shift of `day`, by category."""
        row = self._ctx.row("SELECT id FROM handovers WHERE shift_day < ? "
                            "ORDER BY shift_day DESC LIMIT 1", [day.isoformat()])
        if row is None:
            return {}
        return {item.category: item for item in self._items(row["id"])}

    def check_inventory(self, day: date, items: tuple[InventoryCount, ...]) -> None:
        """DutyInputError for the first count that differs from the previous handover's
        without an explanation (field "inventory:<category>")."""
        previous = self.previous_inventory(day)
        for item in items:
            if item.category not in INVENTORY:
                raise DutyInputError(f"inventory:{item.category}", "Jenis inventaris tidak dikenal.")
            if item.count < 0:
                raise DutyInputError(f"inventory:{item.category}", "Jumlah tidak boleh negatif.")
            before = previous.get(item.category)
            before_count = before.count if before is not None else None
            if before_count is not None and before_count != item.count \
                    and not item.explanation.strip():
                raise DutyInputError(
                    f"inventory:{item.category}",
                    f"{INVENTORY[item.category]}: jumlah {item.count} berbeda dari serah terima "
                    f"sebelumnya ({before_count}). Tulis penjelasannya.")

    def hand_over(self, shift: Shift, *, outgoing_officer_id: int, incoming_officer_id: int,
                  summary: str, incoming_notes: str, items: tuple[InventoryCount, ...],
                  by: int | None) -> Saved[Handover]:
        """The outgoing officer closes the shift and the incoming one acknowledges it (both
        confirmed their password first: app.store.signin.confirm_password). Written once."""
        self._ctx.require(Action.HANDOVER)
        if outgoing_officer_id == incoming_officer_id:
            raise DutyInputError("incoming", "Petugas penerima harus orang lain.")
        self._check_signatures(outgoing_officer_id, incoming_officer_id)
        summary, notes = _clean(summary), _clean(incoming_notes)
        if not summary:
            raise DutyInputError("summary", "Ringkasan dinas wajib diisi.")
        if len(summary) > MAX_TEXT or len(notes) > MAX_TEXT:
            raise DutyInputError("summary", f"Paling banyak {MAX_TEXT} karakter.")
        if self.handover(shift.day) is not None:
            raise DutyInputError("shift", "Dinas ini sudah diserahterimakan.")
        if not may_hand_over(self._ctx.now(), shift):
            earliest = (shift.end - HANDOVER_EARLIEST).strftime("%H.%M")
            raise DutyInputError("shift", f"Dinas ini baru dapat diserahterimakan menjelang "
                                          f"akhirnya (mulai pukul {earliest}).")
        self.check_inventory(shift.day, items)
        previous = self.previous_inventory(shift.day)
        now = self._ctx.now()
        matters = self.open_matters(now).lines()
        team = self.team_on(shift.day)
        record_uuid = new_uuid()
        with write_transaction(self._ctx.db):
            self._insert(Handover(
                shift_day=shift.day, outgoing_officer_id=outgoing_officer_id,
                incoming_officer_id=incoming_officer_id, signed_at=now,
                on_time=on_time(now, shift, self.settings.duty_settings()), summary=summary,
                open_matters=tuple(matters), incoming_notes=notes,
                items=tuple(replace(item, details=_clean(item.details),
                                    explanation=_clean(item.explanation)) for item in items),
                team_id=team.id if team else None, uuid=record_uuid), previous, by)
            saved = self.handover(shift.day)
            assert saved is not None
            audit.append(self._ctx.db, at=now, officer_id=by, action="handover",
                         kind=KIND_HANDOVER, record_uuid=record_uuid, after=saved)
        return Saved(saved, CHANGED)

    def _insert(self, handover: Handover, previous: dict[str, InventoryCount],
                by: int | None) -> None:
        """The one insert of a handover and its items (inside the caller's transaction)."""
        rows = TableRows()
        self._add_rows(rows, self._next_id(), handover, previous, by)
        rows.insert(self._ctx.db.conn)

    def _next_id(self) -> int:
        return int(self._ctx.db.execute(
            "SELECT coalesce(max(id), 0) + 1 FROM handovers").fetchone()[0])

    def _add_rows(self, rows: TableRows, handover_id: int, handover: Handover,
                  previous: dict[str, InventoryCount], by: int | None) -> None:
        """The rows of a handover and its items."""
        rows.add("handovers", {
            "id": handover_id, "uuid": handover.uuid, "station_code": self._ctx.station_code,
            "shift_day": handover.shift_day.isoformat(), "team_id": handover.team_id,
            "outgoing_officer_id": handover.outgoing_officer_id,
            "incoming_officer_id": handover.incoming_officer_id,
            "signed_at": dt_to_db(handover.signed_at), "on_time": int(handover.on_time),
            "summary": handover.summary, "open_matters": json.dumps(list(handover.open_matters)),
            "incoming_notes": handover.incoming_notes, "created_by": by})
        for position, item in enumerate(handover.items):
            before = previous.get(item.category)
            rows.add("handover_items", {
                "handover_id": handover_id, "position": position,
                "category": item.category, "count": item.count,
                "previous_count": before.count if before else None,
                "details": item.details, "explanation": item.explanation})

    def add_handovers(self, handovers: tuple[Handover, ...], by: int | None) -> int:
        """Handovers another store holds (the Polres mirror, app/hub/mirror.py), those not
        held yet (by uuid or shift day), with their audit entries, in one transaction, each
        table written with one statement; returns how many were added. Needs
        Action.IMPORT."""
        self._ctx.require(Action.IMPORT)
        with write_transaction(self._ctx.db):
            held = {str(v) for r in self._ctx.db.execute(
                "SELECT uuid, shift_day FROM handovers") for v in r}
            rows = TableRows()
            next_id = self._next_id()
            days = []
            for handover in handovers:
                day = handover.shift_day.isoformat()
                if handover.uuid not in held and day not in held:
                    self._add_rows(rows, next_id, handover, {}, by)
                    held.update((handover.uuid, day))
                    days.append(handover.shift_day)
                    next_id += 1
            rows.insert(self._ctx.db.conn)
            now = self._ctx.now()
            audit.append_many(self._ctx.db, [
                {"at": now, "officer_id": by, "action": "handover", "kind": KIND_HANDOVER,
                 "record_uuid": saved.uuid, "after": saved}
                for saved in (self.handover(day) for day in days) if saved is not None])
        return len(days)

    def _check_signatures(self, outgoing_id: int, incoming_id: int) -> None:
        """Both sides signed in: the outgoing officer is the one signed in (when someone is),
        and on an encrypted store the incoming one confirmed their password moments ago (the
        `confirm` entry app.store.signin.confirm_password writes). Not for the store's own
        work under UNRESTRICTED access (the demo writing its handovers)."""
        access = self._ctx.access
        if access.officer_id is not None and access.officer_id != outgoing_id:
            raise DutyInputError("outgoing", "Petugas yang menyerahkan harus petugas yang "
                                             "sedang masuk.")
        if self._ctx.key is None or access.role is None:
            return  # a plain store has no passwords; the store's own work (the demo) no desk
        since = dt_to_db(self._ctx.now() - CONFIRM_VALID)
        if self._ctx.row("SELECT 1 FROM audit_log WHERE action = 'confirm' AND at >= ? "
                         "AND officer_id = ? LIMIT 1", [since, incoming_id]) is None:
            raise DutyInputError("password", "Petugas penerima harus mengetik kata sandinya.")

    def handover(self, day: date) -> Handover | None:
        row = self._ctx.row("SELECT * FROM handovers WHERE shift_day = ?", [day.isoformat()])
        if row is None:
            return None
        signed = dt_from_db(row["signed_at"])
        assert signed is not None
        return Handover(shift_day=date.fromisoformat(row["shift_day"]),
                        outgoing_officer_id=row["outgoing_officer_id"],
                        incoming_officer_id=row["incoming_officer_id"], signed_at=signed,
                        on_time=bool(row["on_time"]), summary=row["summary"],
                        open_matters=tuple(json.loads(row["open_matters"])),
                        incoming_notes=row["incoming_notes"], items=self._items(row["id"]),
                        team_id=row["team_id"], uuid=row["uuid"], id=row["id"])

    def _items(self, handover_id: int) -> tuple[InventoryCount, ...]:
        return tuple(InventoryCount(r["category"], r["count"], r["details"], r["explanation"],
                                    r["previous_count"]) for r in self._ctx.rows(
            "SELECT * FROM handover_items WHERE handover_id = ? ORDER BY position",
            [handover_id]))

    def handover_counts(self, first: date, last: date, now: datetime) -> HandoverCounts:
        """Shifts starting from `first` to `last` (inclusive): handed over on time, late, and
        not handed over (only those whose deadline has passed at `now`)."""
        rows = self._ctx.rows("SELECT shift_day, on_time FROM handovers "
                              "WHERE shift_day >= ? AND shift_day <= ?",
                              [first.isoformat(), last.isoformat()])
        done = {r["shift_day"]: bool(r["on_time"]) for r in rows}
        settings = self.settings.duty_settings()
        missing = 0
        day = first
        while day <= last:
            if day.isoformat() not in done and now >= self.shift_on(day).deadline(settings):
                missing += 1
            day += timedelta(days=1)
        on = sum(1 for v in done.values() if v)
        return HandoverCounts(on, len(done) - on, missing)

    def snapshots(self) -> Iterator[tuple[str, str, str]]:
        """(uuid, kind, canonical JSON) of every regu, journal entry and handover, for
        `verify`: a row changed behind the triggers' back differs from its audit entry."""
        for team in self.teams():
            yield team.uuid, "regu", canonical_json(team)
        cursor = self._ctx.db.execute("SELECT * FROM journal_entries ORDER BY id")
        columns = [d[0] for d in cursor.description]
        for values in cursor:
            entry = events.entry_from_row(dict(zip(columns, values, strict=True)))
            yield entry.uuid, "catatan mutasi", canonical_json(entry)
        for row in self._ctx.rows("SELECT shift_day FROM handovers ORDER BY id"):
            handover = self.handover(date.fromisoformat(row["shift_day"]))
            assert handover is not None
            yield handover.uuid, "serah terima", canonical_json(handover)


def _team(row: dict[str, Any]) -> DutyTeam:
    return DutyTeam(name=row["name"], position=row["position"],
                    member_ids=tuple(json.loads(row["members"])), active=bool(row["active"]),
                    id=row["id"], uuid=row["uuid"])


def _clean(text: str) -> str:
    """Trimmed, with control characters other than line breaks and tabs removed."""
    return "".join(c for c in text if c in "\n\t" or c.isprintable()).strip()
