"""Writes of the LP register: an LP's stage (with its note, the allowed transitions of
app/domain/register.py, its history and its walk-in status), its investigator and difficulty,
and its SP2HP letters (numbered by template_sp2hp, delivery recorded). One write path each;
every write is audited against the LP (`stage`, `assign`) or the letter (`create`, `update`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.domain.changes import ChangeKind
from app.domain.codes import DOC_SP2HP
from app.domain.models import StationProfile
from app.domain.register import (
    DELIVERY_METHODS,
    DIFFICULTIES,
    ENDINGS,
    INVESTIGATOR_ROLES,
    SP2HP_CODES,
    STAGE_TRANSITIONS,
    STAGES,
    STATUS_OF_STAGE,
    LpCase,
    RegisterFilter,
    RegisterRow,
    Sp2hpLetter,
    Sp2hpRules,
    StageChange,
    StageRefused,
    check_transition,
    due_on,
)
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.errors import InvalidRecord, RecordNotFound, StaleRecord
from app.store.numbers import Counters
from app.store.records import Saved, StoreContext, meta_from_row, void_record
from app.store.register import CASE_KIND, LETTER_KIND, listing
from app.store.serialize import canonical_json, dt_from_db, dt_to_db, from_row, to_row
from app.store.settings import SettingsRepo
from app.store.visits.repo import VisitRepo
from app.store.visits.search import PageKey
from app.validation.limits import clean_record, length_problems

if TYPE_CHECKING:
    from app.store.register.bulk import CaseRecord, ImportedCase

CHANGED = frozenset({ChangeKind.VISIT, ChangeKind.REGISTER})  # a stage moves the status
_CONTENTS = (("summary", "Perkara singkat"), ("actions", "Tindakan dan hasil"),
             ("next_steps", "Rencana tindak lanjut"), ("advice", "Hak dan kewajiban pelapor"))


class RegisterRepo:
    def __init__(self, ctx: StoreContext, settings: SettingsRepo, visits: VisitRepo) -> None:
        self._ctx = ctx
        self._settings = settings
        self._visits = visits

    # ------------------------------------------------------------------ reads
    def case(self, visit_id: int) -> LpCase:
        row = self._ctx.row(
            "SELECT c.*, v.uuid AS visit_uuid, v.number FROM lp_cases c "
            "JOIN visits v ON v.id = c.visit_id WHERE c.visit_id = ?", [visit_id])
        if row is None:
            raise RecordNotFound(f"lp_cases {visit_id}")
        return self._case(row)

    def case_by_number(self, number: str) -> LpCase | None:
        visit = self._visits.find_by_number(number)
        if visit is None or visit.meta is None or visit.service != "lp":
            return None
        return self.case(visit.meta.id)

    def stage_history(self, visit_id: int) -> tuple[StageChange, ...]:
        """Oldest first."""
        return tuple(StageChange(r["stage"], _dt(r["at"]), r["officer_id"], r["note"])
                     for r in self._ctx.rows("SELECT * FROM lp_stage_history WHERE visit_id = ? "
                                             "ORDER BY at, id", [visit_id]))

    def letters_of(self, visit_id: int) -> tuple[Sp2hpLetter, ...]:
        """The LP's SP2HP letters, oldest first."""
        return tuple(_letter(r) for r in self._ctx.rows(
            "SELECT * FROM sp2hp_letters WHERE visit_id = ? AND voided_at IS NULL "
            "ORDER BY issued_at, id", [visit_id]))

    def letter(self, letter_id: int) -> Sp2hpLetter:
        row = self._ctx.row("SELECT * FROM sp2hp_letters WHERE id = ?", [letter_id])
        if row is None:
            raise RecordNotFound(f"sp2hp_letters {letter_id}")
        return _letter(row)

    def current_letter(self, visit_id: int) -> Sp2hpLetter | None:
        """The newest letter written in the LP's current stage (what `piket print --doc
        sp2hp` prints), or None."""
        case = self.case(visit_id)
        row = self._ctx.row("SELECT * FROM sp2hp_letters WHERE visit_id = ? AND stage = ? AND "
                            "voided_at IS NULL ORDER BY issued_at DESC, id DESC LIMIT 1",
                            [visit_id, case.stage])
        return _letter(row) if row else None

    def newest_letter(self) -> Sp2hpLetter | None:
        row = self._ctx.row("SELECT * FROM sp2hp_letters ORDER BY id DESC LIMIT 1")
        return _letter(row) if row else None

    def letter_by_number(self, number: str) -> Sp2hpLetter | None:
        row = self._ctx.row("SELECT * FROM sp2hp_letters WHERE number = ? COLLATE NOCASE",
                            [" ".join(number.split())])
        return _letter(row) if row else None

    def letter_parts(self, letter: Sp2hpLetter) -> tuple[int, int]:
        assert letter.meta is not None
        row = self._ctx.row("SELECT number_year, number_seq FROM sp2hp_letters WHERE id = ?",
                            [letter.meta.id])
        assert row is not None
        return int(row["number_year"]), int(row["number_seq"])

    def letter_by_parts(self, year: int, seq: int) -> Sp2hpLetter | None:
        row = self._ctx.row("SELECT * FROM sp2hp_letters WHERE number_year = ? AND "
                            "number_seq = ?", [year, seq])
        return _letter(row) if row else None

    # ------------------------------------------------------------------ the list
    def page(self, flt: RegisterFilter, after: PageKey | None = None,
             limit: int = 100) -> list[RegisterRow]:
        """Up to `limit` LPs after `after`, newest first (keyset paging)."""
        return listing.page(self._ctx, flt, after, limit, today=self.today(),
                            rules=self._settings.sp2hp_rules(), tz=self._tz())

    def count(self, flt: RegisterFilter, *, today: date | None = None) -> int:
        """How many LPs the list of `flt` has (`today`: the day "overdue" is judged on)."""
        return listing.count(self._ctx, flt, today=today or self.today(),
                             rules=self._settings.sp2hp_rules(), tz=self._tz())

    def overdue_count(self, *, today: date | None = None) -> int:
        """Live LPs whose next SP2HP is late (Beranda, the status bar, the handover)."""
        return self.count(RegisterFilter(overdue=True), today=today)

    def due_count(self, first: date, last: date) -> int:
        """Live LPs whose next SP2HP falls due on a day in [first, last]."""
        return listing.due_count(self._ctx, first, last, self._settings.sp2hp_rules(),
                                 self._tz())

    # ------------------------------------------------------------------ stage
    def change_stage(self, visit_id: int, stage: str, note: str, by: int | None, *,
                     at: datetime | None = None,
                     expected_version: int | None = None) -> Saved[LpCase]:
        """Move the LP to `stage` with a note (InvalidRecord: no note; StageRefused: the
        transition table does not allow it). The walk-in status follows the stage
        (STATUS_OF_STAGE) and the next SP2HP's due day is worked out again."""
        self._ctx.require(Action.STAGE)
        note = " ".join(note.split())
        if not note:
            raise InvalidRecord(("Catatan perubahan tahap wajib diisi.",))
        when = at or self._ctx.now()
        with write_transaction(self._ctx.db):
            before = self.case(visit_id)
            self._check_version(before, expected_version)
            check_transition(before.stage, stage)
            self._ctx.db.execute(
                "UPDATE lp_cases SET stage = ?, stage_at = ?, version = version + 1 "
                "WHERE visit_id = ?", [stage, dt_to_db(when), visit_id])
            self._ctx.db.execute(
                "INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note) "
                "VALUES (?, ?, ?, ?, ?)", [visit_id, stage, dt_to_db(when), by, note])
            visit = self._visits.get(visit_id)
            if visit.status != STATUS_OF_STAGE[stage]:
                self._visits.set_status(visit_id, STATUS_OF_STAGE[stage],
                                        f"tahap {STAGES[stage]}: {note}", by, at=when)
            saved = self._refresh_due(visit_id)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="stage",
                         kind=CASE_KIND, record_uuid=before.visit_uuid,
                         before=canonical_json(before), after=canonical_json(saved))
        return Saved(saved, CHANGED)

    def assign(self, visit_id: int, by: int | None, *, investigator_id: int | None,
               investigator_role: str, supervisor_id: int | None, difficulty: str,
               expected_version: int | None = None) -> Saved[LpCase]:
        """Who investigates the LP (an officer of the roster, penyidik or penyidik
        pembantu), who supervises, and how hard the case is (its SP2HP interval)."""
        self._ctx.require(Action.STAGE)
        problems: list[str] = []
        if difficulty not in DIFFICULTIES:
            problems.append("Tingkat kesulitan: pilih mudah, sedang, sulit atau sangat sulit.")
        if investigator_id is not None and investigator_role not in INVESTIGATOR_ROLES:
            problems.append("Penyidik: pilih penyidik atau penyidik pembantu.")
        for officer_id, label in ((investigator_id, "Penyidik"), (supervisor_id, "Pengawas")):
            if officer_id is not None and self._ctx.row(
                    "SELECT 1 FROM officers WHERE id = ? AND voided_at IS NULL",
                    [officer_id]) is None:
                problems.append(f"{label}: tidak ada di daftar personel.")
        if problems:
            raise InvalidRecord(tuple(problems))
        with write_transaction(self._ctx.db):
            before = self.case(visit_id)
            self._check_version(before, expected_version)
            self._ctx.db.execute(
                "UPDATE lp_cases SET investigator_id = ?, investigator_role = ?, "
                "supervisor_id = ?, difficulty = ?, version = version + 1 WHERE visit_id = ?",
                [investigator_id, investigator_role if investigator_id is not None else "",
                 supervisor_id, difficulty, visit_id])
            saved = self._refresh_due(visit_id)
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="assign",
                         kind=CASE_KIND, record_uuid=before.visit_uuid,
                         before=canonical_json(before), after=canonical_json(saved))
        return Saved(saved, frozenset({ChangeKind.REGISTER}))

    # ------------------------------------------------------------------ SP2HP
    def issue_letter(self, letter: Sp2hpLetter, by: int | None) -> Saved[Sp2hpLetter]:
        """Number and keep an SP2HP (its text as the investigator edited it; drafted by
        app/documents/sp2hp_text.py). InvalidRecord (Indonesian) for what is missing."""
        self._ctx.require(Action.SP2HP)
        letter = _clean(letter)
        issued_at = letter.issued_at or self._ctx.now()
        with write_transaction(self._ctx.db):
            visit = self._visits.get_by_uuid(letter.visit_uuid)
            assert visit.meta is not None
            if visit.service != "lp":
                raise InvalidRecord(("SP2HP hanya untuk Laporan Polisi.",))
            if visit.meta.voided_at is not None:
                raise InvalidRecord(("Laporan ini sudah dibatalkan.",))
            problems = _letter_problems(letter)
            if problems:
                raise InvalidRecord(tuple(problems))
            counters = Counters.load(self._ctx.db, self._settings.station_profile())
            saved = self.insert_letter(replace(letter, issued_at=issued_at), visit.meta.id,
                                       counters.issue(DOC_SP2HP, issued_at), by)
            counters.save(self._ctx.db)
            self._after_letter(visit.meta.id)
        return Saved(saved, frozenset({ChangeKind.REGISTER}))

    def insert_letter(self, letter: Sp2hpLetter, visit_id: int, number: dict[str, Any],
                      by: int | None, record_uuid: str | None = None) -> Sp2hpLetter:
        """The one insert of a letter (a new one, or one an import brings with its number
        and uuid), audited; inside the caller's write transaction."""
        values = to_row(letter, exclude=frozenset({"meta", "number"}))
        record_id = self._ctx.insert("sp2hp_letters", {
            **self._ctx.new_meta(by, record_uuid), **values, **number, "visit_id": visit_id})
        saved = self.letter(record_id)
        assert saved.meta is not None
        audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="create",
                     kind=LETTER_KIND, record_uuid=saved.meta.uuid, after=saved)
        return saved

    def update_letter(self, letter: Sp2hpLetter, by: int | None) -> Saved[Sp2hpLetter]:
        """An issued letter's text corrected, or its delivery recorded (by hand, post or
        WhatsApp; when; to whom). Its number, LP, code and stage stay."""
        self._ctx.require(Action.SP2HP)
        meta = letter.meta
        if meta is None:
            raise RecordNotFound("sp2hp without id")
        letter = _clean(letter)
        with write_transaction(self._ctx.db):
            before = self.letter(meta.id)
            if before.meta is not None and before.meta.voided_at is not None:
                raise InvalidRecord((f"SP2HP {before.number} sudah dibatalkan: tidak dapat "
                                     "diubah lagi.",))
            letter = replace(letter, visit_uuid=before.visit_uuid, code=before.code,
                             stage=before.stage, number=before.number,
                             issued_at=before.issued_at)
            problems = _letter_problems(letter)
            if problems:
                raise InvalidRecord(tuple(problems))
            bump = self._ctx.bump("sp2hp_letters", meta.id, by, meta.version)
            values = to_row(letter, exclude=frozenset({"meta", "number"}))
            self._ctx.db.table("sp2hp_letters").update(meta.id, {**values, **bump})
            saved = self.letter(meta.id)
            assert saved.meta is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="update",
                         kind=LETTER_KIND, record_uuid=saved.meta.uuid,
                         before=canonical_json(before), after=saved)
        return Saved(saved, frozenset({ChangeKind.REGISTER}))

    def void_letter(self, letter_id: int, reason: str, by: int | None) -> Saved[Sp2hpLetter]:
        """Cancel a letter issued in error (a reason is required): it stays, with its number,
        marked void, and no longer counts: the LP's last letter, letter count and next due
        day are worked out again from its other letters; the weekly figures leave it out."""
        self._ctx.require(Action.VOID)
        if not reason.strip():
            raise InvalidRecord(("Alasan pembatalan SP2HP wajib diisi.",))
        with write_transaction(self._ctx.db):
            letter = self.letter(letter_id)
            if letter.meta is not None and letter.meta.voided_at is not None:
                raise InvalidRecord((f"SP2HP {letter.number} sudah dibatalkan.",))
            visit_id = self._visit_id_of(letter_id)
            saved = void_record(self._ctx, "sp2hp_letters", LETTER_KIND, letter_id, reason, by,
                                self.letter)
            self._after_letter(visit_id)
        return Saved(saved, frozenset({ChangeKind.REGISTER}))

    def _visit_id_of(self, letter_id: int) -> int:
        row = self._ctx.row("SELECT visit_id FROM sp2hp_letters WHERE id = ?", [letter_id])
        if row is None:
            raise RecordNotFound(f"sp2hp_letters {letter_id}")
        return int(row["visit_id"])

    # ------------------------------------------------------------------ the Polres mirror
    def apply_case(self, visit_id: int, case: LpCase, by: int | None, *, stage_moved: bool,
                   whole: bool) -> None:
        """An LP's line as another store wrote it (the Polres mirror, app/hub/mirror.py,
        from the station's register entries in their order): a stage change adds its row to
        the stage history (as change_stage does; the note stays at the station); `whole`
        (the entry is newer than the walk-in's last change) sets the whole line, else only
        what the register alone writes (investigator, supervisor, difficulty). Inside the
        caller's write transaction. Needs Action.IMPORT."""
        self._ctx.require(Action.IMPORT)
        at = dt_to_db(case.stage_at or case.received_at)
        if stage_moved and self._ctx.row(
                "SELECT 1 FROM lp_stage_history WHERE visit_id = ? AND stage = ? AND at = ?",
                [visit_id, case.stage, at]) is None:
            self._ctx.db.execute(
                "INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note) "
                "VALUES (?, ?, ?, ?, '')", [visit_id, case.stage, at, by])
        values: dict[str, Any] = {
            "investigator_id": case.investigator_id, "investigator_role": case.investigator_role,
            "supervisor_id": case.supervisor_id, "difficulty": case.difficulty}
        if whole:
            values.update({"stage": case.stage, "stage_at": dt_to_db(case.stage_at),
                           "last_sp2hp_at": dt_to_db(case.last_sp2hp_at),
                           "sp2hp_count": case.sp2hp_count,
                           "due_on": case.due_on.isoformat() if case.due_on else None,
                           "version": case.version})
        self._ctx.db.table("lp_cases").update(visit_id, values)

    def apply_letter(self, letter: Sp2hpLetter, visit_id: int, by: int | None) -> None:
        """An SP2HP letter as another store holds it (the Polres mirror): inserted under its
        uuid and number, or brought to that state (delivery, void); the LP's line worked out
        again as after issue_letter. Inside the caller's write transaction. Needs
        Action.IMPORT."""
        self._ctx.require(Action.IMPORT)
        meta = letter.meta
        assert meta is not None and letter.number is not None and letter.issued_at is not None
        row = self._ctx.row("SELECT id FROM sp2hp_letters WHERE uuid = ?", [meta.uuid])
        if row is None:
            number = {"number": letter.number, "number_doc": DOC_SP2HP,
                      "number_year": letter.issued_at.year, "number_seq": 0}
            saved = self.insert_letter(letter, visit_id, number, by, record_uuid=meta.uuid)
            assert saved.meta is not None
            letter_id = saved.meta.id
        else:
            letter_id = int(row["id"])
            self._ctx.db.table("sp2hp_letters").update(letter_id, {
                **to_row(letter, exclude=frozenset({"meta", "number"})),
                **self._ctx.bump("sp2hp_letters", letter_id, by, None)})
        self._ctx.db.table("sp2hp_letters").update(letter_id, {
            "voided_at": dt_to_db(meta.voided_at), "voided_by": meta.voided_by,
            "void_reason": meta.void_reason})
        self._after_letter(visit_id)

    def iter_cases(self, *, batch: int = 500) -> Iterator[CaseRecord]:
        """Every live LP with its stage history and letters, oldest first (an export)."""
        from app.store.register.bulk import iter_cases

        return iter_cases(self._ctx, self, batch=batch)

    def import_cases(self, items: Sequence[ImportedCase], by: int | None) -> Saved[int]:
        """Stages, investigators, histories and letters from an import, all or nothing."""
        from app.store.register.bulk import import_cases

        return import_cases(self._ctx, self, self._settings, items, by)

    def snapshots(self) -> dict[str, str]:
        """uuid -> canonical JSON of every letter, for `verify`."""
        return {r["uuid"]: canonical_json(_letter(r))
                for r in self._ctx.rows("SELECT * FROM sp2hp_letters ORDER BY id")}

    # ------------------------------------------------------------------ due days
    def today(self) -> date:
        return self._ctx.now().astimezone(self._tz()).date()

    def _tz(self) -> ZoneInfo:
        """The station's zone, read alone: the whole profile carries the emblem (an image),
        too much to decode for every page of the list."""
        row = self._ctx.row("SELECT value FROM settings WHERE key = 'station.timezone'")
        return ZoneInfo(str(json.loads(row["value"])) if row else StationProfile().timezone)

    def after_letters(self, visit_id: int) -> None:
        """The LP's line after letters were written: count, last letter, due day."""
        self._after_letter(visit_id)

    def refresh_due(self, visit_id: int) -> LpCase:
        return self._refresh_due(visit_id)

    def _after_letter(self, visit_id: int) -> None:
        row = self._ctx.row("SELECT count(*) AS n, max(issued_at) AS last FROM sp2hp_letters "
                            "WHERE visit_id = ? AND voided_at IS NULL", [visit_id])
        assert row is not None
        last = self._ctx.row("SELECT stage FROM sp2hp_letters WHERE visit_id = ? AND "
                             "voided_at IS NULL ORDER BY issued_at DESC, id DESC LIMIT 1",
                             [visit_id])
        self._ctx.db.execute(
            "UPDATE lp_cases SET sp2hp_count = ?, last_sp2hp_at = ?, last_sp2hp_stage = ? "
            "WHERE visit_id = ?", [row["n"], row["last"], last["stage"] if last else None,
                                   visit_id])
        self._refresh_due(visit_id)

    def _refresh_due(self, visit_id: int) -> LpCase:
        """Work out the case's next SP2HP day again (after any write to it)."""
        case = self.case(visit_id)
        due = due_for(case, self._settings.sp2hp_rules(), self._tz())
        self._ctx.db.execute("UPDATE lp_cases SET due_on = ? WHERE visit_id = ?",
                             [due.isoformat() if due else None, visit_id])
        return replace(case, due_on=due)

    def _check_version(self, case: LpCase, expected: int | None) -> None:
        if expected is not None and case.version != expected:
            raise StaleRecord(case.visit_uuid, expected, case.version)

    def _case(self, row: dict[str, Any]) -> LpCase:
        case = LpCase(
            visit_id=row["visit_id"], visit_uuid=row["visit_uuid"], number=row["number"] or "",
            received_at=_dt(row["received_at"]), stage=row["stage"],
            stage_at=dt_from_db(row["stage_at"]), investigator_id=row["investigator_id"],
            investigator_role=row["investigator_role"], supervisor_id=row["supervisor_id"],
            difficulty=row["difficulty"], last_sp2hp_at=dt_from_db(row["last_sp2hp_at"]),
            sp2hp_count=row["sp2hp_count"],
            due_on=date.fromisoformat(row["due_on"]) if row["due_on"] else None,
            version=row["version"])
        if case.due_on is None and case.sp2hp_count == 0 and case.stage not in ENDINGS:
            # a new LP (its line made by the trigger): the first letter's day
            case = replace(case, due_on=due_for(case, self._settings.sp2hp_rules(), self._tz()))
        return case


def due_for(case: LpCase, rules: Sp2hpRules, tz: ZoneInfo) -> date | None:
    """The due day of `case` by the rules (app/domain/register.due_on)."""
    def day(moment: datetime | None) -> date | None:
        return moment.astimezone(tz).date() if moment else None

    received = day(case.received_at)
    assert received is not None
    return due_on(rules, received_on=received, difficulty=case.difficulty,
                  last_letter_on=day(case.last_sp2hp_at), stage=case.stage,
                  ended_on=day(case.stage_at) if case.stage in ENDINGS else None)


def _clean(letter: Sp2hpLetter) -> Sp2hpLetter:
    letter = clean_record(letter)
    return replace(letter, **{name: getattr(letter, name).strip() for name in (
        "summary", "actions", "obstacles", "next_steps", "advice", "recipient",
        "delivered_to")})


def _letter_problems(letter: Sp2hpLetter) -> list[str]:
    problems = [message for _field, message in length_problems(letter)]
    if letter.code not in SP2HP_CODES:
        problems.append("Kode SP2HP: pilih A1 sampai A5.")
    if letter.stage not in STAGES:
        problems.append("Tahap tidak dikenal.")
    problems.extend(f"{label}: wajib diisi." for name, label in _CONTENTS
                    if not getattr(letter, name))
    if letter.signer_id is None:
        problems.append("Penandatangan (ketua tim penyidik): wajib dipilih.")
    if letter.delivery_method and letter.delivery_method not in DELIVERY_METHODS:
        problems.append("Cara pengiriman: pilih tangan, pos atau WhatsApp.")
    if letter.delivery_method and letter.delivered_at is None:
        problems.append("Tanggal diterima: wajib diisi bila pengiriman dicatat.")
    if letter.delivery_method and not letter.delivered_to:
        problems.append("Diterima oleh: wajib diisi bila pengiriman dicatat.")
    if (letter.delivered_at is not None and letter.issued_at is not None
            and letter.delivered_at < letter.issued_at):
        problems.append("Tanggal diterima tidak boleh sebelum tanggal surat.")
    return problems


def _letter(row: dict[str, Any]) -> Sp2hpLetter:
    return from_row(Sp2hpLetter, row, meta=meta_from_row(row))


def _dt(value: str) -> datetime:
    moment = dt_from_db(value)
    assert moment is not None
    return moment


__all__ = ["CASE_KIND", "LETTER_KIND", "RegisterRepo", "StageRefused", "STAGE_TRANSITIONS",
           "due_for"]

