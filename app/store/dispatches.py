"""Documents sent out of the station: the surat pengantar of a case handed to the Polres
(status "dilimpahkan"), numbered by the station's template, and the buku ekspedisi, the log of
every document sent out with who received it. A surat pengantar writes its line in the book
itself, in the same transaction; other lines are typed at the desk. Every write is audited
and needs Action.DISPATCH."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import Any

from app.domain.changes import ChangeKind
from app.domain.codes import DOC_PENGANTAR
from app.domain.outgoing import HANDED_OVER, CoverLetter, Dispatch
from app.security.permissions import Action
from app.store import audit
from app.store.db import write_transaction
from app.store.errors import InvalidRecord, RecordNotFound
from app.store.numbers import Counters
from app.store.records import Saved, StoreContext, meta_from_row, range_clauses, where_sql
from app.store.serialize import canonical_json, from_row, to_row
from app.store.settings import SettingsRepo
from app.validation.limits import (
    NOTE,
    TEXT,
    clean_record,
    clean_text,
    length_message,
    length_problems,
)

COVER_KIND = "surat_pengantar"  # audit kinds
DISPATCH_KIND = "ekspedisi"
COVER_DOCUMENT = "Surat pengantar"  # what the book says was sent
MAX_ITEMS = 15  # lines of what a letter sends (the letter stays one page)
ITEM = TEXT // 2  # characters of one line (500: a long list of evidence)


class DispatchRepo:
    def __init__(self, ctx: StoreContext, settings: SettingsRepo) -> None:
        self._ctx = ctx
        self._settings = settings

    # ------------------------------------------------------------------ surat pengantar
    def create_cover_letter(self, letter: CoverLetter, by: int | None) -> Saved[CoverLetter]:
        """Issue a surat pengantar for a walk-in handed to the Polres: its number from the
        station's template (counter "pengantar", per year), and its line in the buku
        ekspedisi. InvalidRecord (Indonesian messages) when the walk-in is not handed over,
        or a field is missing or too long."""
        self._ctx.require(Action.DISPATCH)
        letter = clean_record(letter)
        letter = replace(letter, recipient=letter.recipient.strip(), note=letter.note.strip(),
                         items=tuple(" ".join(clean_text(i).split()) for i in letter.items
                                     if i.strip()))
        issued_at = letter.issued_at or self._ctx.now()
        with write_transaction(self._ctx.db):
            visit = self._ctx.row("SELECT status, voided_at FROM visits WHERE uuid = ?",
                                  [letter.visit_uuid])
            problems = [message for _field, message in length_problems(letter)]
            if visit is None:
                raise RecordNotFound(letter.visit_uuid)
            if visit["voided_at"] is not None:
                problems.append("Laporan ini sudah dibatalkan: tidak dapat dilimpahkan.")
            elif visit["status"] != HANDED_OVER:
                problems.append("Surat pengantar hanya untuk laporan berstatus dilimpahkan; "
                                "ubah dulu statusnya.")
            if not letter.recipient:
                problems.append("Kepada: wajib diisi.")
            if not letter.items:
                problems.append("Yang dikirim: isi paling sedikit satu baris.")
            if len(letter.items) > MAX_ITEMS:
                problems.append(f"Yang dikirim: paling banyak {MAX_ITEMS} baris.")
            problems.extend(length_message(f"Yang dikirim baris {i}", ITEM, len(item))
                            for i, item in enumerate(letter.items, start=1) if len(item) > ITEM)
            if problems:
                raise InvalidRecord(tuple(problems))
            counters = Counters.load(self._ctx.db, self._settings.station_profile())
            number = counters.issue(DOC_PENGANTAR, issued_at)
            values = to_row(replace(letter, number=None, issued_at=issued_at),
                            exclude=frozenset({"meta", "number"}))
            record_id = self._ctx.insert("cover_letters",
                                         {**self._ctx.new_meta(by), **values, **number})
            counters.save(self._ctx.db)
            saved = self.cover_letter(record_id)
            assert saved.meta is not None and saved.number is not None
            audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="create",
                         kind=COVER_KIND, record_uuid=saved.meta.uuid, after=saved)
            self._insert_dispatch(Dispatch(
                sent_at=issued_at, document=COVER_DOCUMENT, number=saved.number,
                recipient=saved.recipient, note=_cover_contents(saved),
                cover_letter_uuid=saved.meta.uuid), by)
        return Saved(saved, frozenset({ChangeKind.DISPATCH}))

    def cover_letter(self, record_id: int) -> CoverLetter:
        row = self._ctx.row("SELECT * FROM cover_letters WHERE id = ?", [record_id])
        if row is None:
            raise RecordNotFound(f"cover_letters {record_id}")
        return _cover(row)

    def cover_letters_of(self, visit_uuid: str) -> tuple[CoverLetter, ...]:
        """The surat pengantar of a walk-in, newest first."""
        return tuple(_cover(r) for r in self._ctx.rows(
            "SELECT * FROM cover_letters WHERE visit_uuid = ? ORDER BY id DESC", [visit_uuid]))

    def newest_cover_letter(self) -> CoverLetter | None:
        row = self._ctx.row("SELECT * FROM cover_letters ORDER BY id DESC LIMIT 1")
        return _cover(row) if row else None

    def cover_letter_by_number(self, number: str) -> CoverLetter | None:
        """By its number as printed (letter case and runs of spaces do not matter)."""
        wanted = " ".join(number.split())
        row = self._ctx.row("SELECT * FROM cover_letters WHERE number = ? COLLATE NOCASE",
                            [wanted])
        return _cover(row) if row else None

    def cover_letter_by_parts(self, year: int, seq: int) -> CoverLetter | None:
        row = self._ctx.row("SELECT * FROM cover_letters WHERE number_year = ? AND "
                            "number_seq = ?", [year, seq])
        return _cover(row) if row else None

    def cover_letter_parts(self, letter: CoverLetter) -> tuple[int, int]:
        """(year, seq) of its number, for its check code."""
        assert letter.meta is not None
        row = self._ctx.row("SELECT number_year, number_seq FROM cover_letters WHERE id = ?",
                            [letter.meta.id])
        assert row is not None
        return int(row["number_year"]), int(row["number_seq"])

    # ------------------------------------------------------------------ buku ekspedisi
    def save(self, dispatch: Dispatch, by: int | None, *,
             expected_version: int | None = None) -> Saved[Dispatch]:
        """A line typed at the desk (dispatch.meta None), or a change of one (e.g. who
        received it and when)."""
        self._ctx.require(Action.DISPATCH)
        dispatch = clean_record(dispatch)
        dispatch = replace(dispatch, document=dispatch.document.strip(),
                           number=dispatch.number.strip(), recipient=dispatch.recipient.strip(),
                           received_by=dispatch.received_by.strip(), note=dispatch.note.strip())
        problems = [message for _field, message in length_problems(dispatch)]
        if not dispatch.document:
            problems.append("Dokumen: wajib diisi.")
        if not dispatch.recipient:
            problems.append("Kepada: wajib diisi.")
        if dispatch.received_at is not None and dispatch.received_at < dispatch.sent_at:
            problems.append("Tanggal diterima tidak boleh sebelum tanggal dikirim.")
        if problems:
            raise InvalidRecord(tuple(problems))
        with write_transaction(self._ctx.db):
            if dispatch.meta is None:
                saved = self._insert_dispatch(dispatch, by)
            else:
                record_id = dispatch.meta.id
                before = self.get(record_id)
                if before.cover_letter_uuid is not None:
                    # a letter's line says what the letter says: only its receipt and note
                    # are written at the desk
                    dispatch = replace(before, received_by=dispatch.received_by,
                                       received_at=dispatch.received_at, note=dispatch.note,
                                       meta=dispatch.meta)
                bump = self._ctx.bump("dispatches", record_id, by, expected_version)
                values = to_row(dispatch, exclude=frozenset({"meta", "cover_letter_uuid"}))
                self._ctx.db.table("dispatches").update(record_id, {**values, **bump})
                saved = self.get(record_id)
                assert saved.meta is not None
                audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="update",
                             kind=DISPATCH_KIND, record_uuid=saved.meta.uuid,
                             before=canonical_json(before), after=saved)
        return Saved(saved, frozenset({ChangeKind.DISPATCH}))

    def _insert_dispatch(self, dispatch: Dispatch, by: int | None) -> Dispatch:
        values = to_row(dispatch, exclude=frozenset({"meta"}))
        record_id = self._ctx.insert("dispatches", {**self._ctx.new_meta(by), **values})
        saved = self.get(record_id)
        assert saved.meta is not None
        audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action="create",
                     kind=DISPATCH_KIND, record_uuid=saved.meta.uuid, after=saved)
        return saved

    def get(self, record_id: int) -> Dispatch:
        row = self._ctx.row("SELECT * FROM dispatches WHERE id = ?", [record_id])
        if row is None:
            raise RecordNotFound(f"dispatches {record_id}")
        return _dispatch(row)

    def list(self, start: datetime | None = None, end: datetime | None = None, *,
             limit: int = 1000) -> tuple[Dispatch, ...]:
        """Lines sent in [start, end), oldest first (the order of the book)."""
        clauses, params = range_clauses("sent_at", start, end)
        rows = self._ctx.rows(f"SELECT * FROM dispatches {where_sql(clauses)} "
                              "ORDER BY sent_at, id LIMIT ?", [*params, limit])
        return tuple(_dispatch(r) for r in rows)

    def count(self, start: datetime | None = None, end: datetime | None = None) -> int:
        clauses, params = range_clauses("sent_at", start, end)
        row = self._ctx.db.execute(f"SELECT count(*) FROM dispatches {where_sql(clauses)}",
                                   params).fetchone()
        return int(row[0])

    # ------------------------------------------------------------------ verify
    def snapshots(self) -> dict[str, tuple[str, str]]:
        """uuid -> (kind, canonical JSON) of every letter and line, for `verify`."""
        out: dict[str, tuple[str, str]] = {}
        for row in self._ctx.rows("SELECT * FROM cover_letters ORDER BY id"):
            out[row["uuid"]] = ("surat pengantar", canonical_json(_cover(row)))
        for row in self._ctx.rows("SELECT * FROM dispatches ORDER BY id"):
            out[row["uuid"]] = ("buku ekspedisi", canonical_json(_dispatch(row)))
        return out


def _cover_contents(letter: CoverLetter) -> str:
    """What the letter carried, as the book's note ("LP ...; BAP ...")."""
    text = "; ".join(letter.items)
    return text if len(text) <= NOTE else text[:NOTE - 1].rstrip() + "…"


def _cover(row: dict[str, Any]) -> CoverLetter:
    return from_row(CoverLetter, row, meta=meta_from_row(row))


def _dispatch(row: dict[str, Any]) -> Dispatch:
    return from_row(Dispatch, row, meta=meta_from_row(row))

