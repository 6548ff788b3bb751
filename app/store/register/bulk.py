"""The register in bulk: every LP's line with its stage history and SP2HP letters, read in
batches for an export, and written back by an import (app/csvio/register_*.py; docs/CSV.md).
An import runs the same inserts as the window's writes (RegisterRepo.insert_letter, the
numbers by Counters.keep) in one transaction: all or nothing."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.domain.changes import ChangeKind
from app.domain.codes import DOC_SP2HP
from app.domain.register import LpCase, Sp2hpLetter, StageChange
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.driver import sqlite3
from app.store.errors import DuplicateNumber
from app.store.numbers import Counters
from app.store.records import Saved, StoreContext
from app.store.register import CASE_KIND
from app.store.serialize import canonical_json, dt_from_db, dt_to_db
from app.store.settings import SettingsRepo


@dataclass(frozen=True)
class CaseRecord:
    """One LP of the register with everything an export carries."""

    case: LpCase
    reporter_name: str
    category: str
    history: tuple[StageChange, ...]
    letters: tuple[Sp2hpLetter, ...]


def iter_cases(ctx: StoreContext, register: Any, *,
               batch: int = 500) -> Iterator[CaseRecord]:
    """Every live LP, oldest first (received_at, id), with its history and letters."""
    after: tuple[str, int] = ("", 0)
    while True:
        # "+": walk the list's order (lp_cases_received); as an index term SQLite read every
        # live LP and sorted them for each batch (0.3 s a batch of 500 at a million records)
        rows = ctx.rows(
            "SELECT c.visit_id, c.received_at, v.reporter_name, v.category FROM lp_cases c "
            "JOIN visits v ON v.id = c.visit_id WHERE +c.voided = 0 AND "
            "(c.received_at > ? OR (c.received_at = ? AND c.visit_id > ?)) "
            "ORDER BY c.received_at, c.visit_id LIMIT ?", [after[0], after[0], after[1], batch])
        if not rows:
            return
        ids = [r["visit_id"] for r in rows]
        marks = ", ".join("?" * len(ids))
        history: dict[int, list[StageChange]] = {}
        for h in ctx.rows(f"SELECT * FROM lp_stage_history WHERE visit_id IN ({marks}) "
                          "ORDER BY at, id", ids):
            at = dt_from_db(h["at"])
            assert at is not None
            history.setdefault(h["visit_id"], []).append(
                StageChange(h["stage"], at, h["officer_id"], h["note"]))
        letters: dict[int, list[Sp2hpLetter]] = {}
        for row in ctx.rows(f"SELECT id, visit_id FROM sp2hp_letters WHERE visit_id IN ({marks}) "
                            "AND voided_at IS NULL ORDER BY issued_at, id", ids):
            letters.setdefault(row["visit_id"], []).append(register.letter(row["id"]))
        for r in rows:
            yield CaseRecord(register.case(r["visit_id"]), r["reporter_name"] or "",
                             r["category"] or "", tuple(history.get(r["visit_id"], ())),
                             tuple(letters.get(r["visit_id"], ())))
        after = (rows[-1]["received_at"], rows[-1]["visit_id"])


@dataclass(frozen=True)
class ImportedCase:
    """What an import sets on one LP (found by its uuid)."""

    visit_id: int
    stage: str
    investigator_id: int | None
    investigator_role: str
    supervisor_id: int | None
    difficulty: str
    history: tuple[StageChange, ...]  # replaces the history its walk-in statuses gave it
    letters: tuple[Sp2hpLetter, ...]  # with their numbers and uuids (meta.uuid)


def import_cases(ctx: StoreContext, register: Any, settings: SettingsRepo,
                 items: Sequence[ImportedCase], by: int | None) -> Saved[int]:
    """Write the LPs' stages, investigators, histories and letters (checked by the caller);
    DuplicateNumber when a letter's number is taken, ValueError when one does not fit the
    station's SP2HP template. Needs Action.IMPORT."""
    ctx.require(Action.IMPORT)
    with write_transaction(ctx.db):
        counters = Counters.load(ctx.db, settings.station_profile())
        for item in items:
            before = register.case(item.visit_id)
            last = item.history[-1].at if item.history else before.stage_at
            ctx.db.execute(
                "UPDATE lp_cases SET stage = ?, stage_at = ?, investigator_id = ?, "
                "investigator_role = ?, supervisor_id = ?, difficulty = ?, "
                "version = version + 1 WHERE visit_id = ?",
                [item.stage, dt_to_db(last) if last else None, item.investigator_id,
                 item.investigator_role, item.supervisor_id, item.difficulty, item.visit_id])
            ctx.db.execute("DELETE FROM lp_stage_history WHERE visit_id = ?", [item.visit_id])
            ctx.db.conn.executemany(
                "INSERT INTO lp_stage_history (visit_id, stage, at, officer_id, note) "
                "VALUES (?, ?, ?, ?, ?)",
                [[item.visit_id, h.stage, dt_to_db(h.at), h.officer_id, h.note]
                 for h in item.history])
            for letter in item.letters:
                assert letter.number is not None
                try:
                    register.insert_letter(letter, item.visit_id,
                                           counters.keep(DOC_SP2HP, letter.number), by,
                                           record_uuid=letter.meta.uuid if letter.meta else None)
                except sqlite3.IntegrityError as exc:
                    raise DuplicateNumber(str(exc)) from exc
            register.after_letters(item.visit_id)
            after = register.case(item.visit_id)
            audit.append(ctx.db, at=ctx.now(), officer_id=by, action="stage", kind=CASE_KIND,
                         record_uuid=before.visit_uuid, before=canonical_json(before),
                         after=canonical_json(after))
        counters.save(ctx.db)
    return Saved(len(items), frozenset({ChangeKind.REGISTER}))


