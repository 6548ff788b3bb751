"""`piket import --kind register`: the register's CSV (app/csvio/register_export.py) read back
into a store that holds its LPs (imported first with `--kind reports`, which keeps their
uuids): each LP's stage, investigator, difficulty, stage history and SP2HP letters with their
numbers. All or nothing: any bad row and nothing is saved (docs/CSV.md)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.csvio.common import CsvFileError, RowProblem, read_table, unneutralise
from app.csvio.register_export import LETTER_FIELDS, REGISTER_COLUMNS
from app.csvio.reports_import import ImportReport
from app.domain.models import RecordMeta
from app.domain.register import (
    DELIVERY_METHODS,
    DIFFICULTIES,
    INVESTIGATOR_ROLES,
    SP2HP_CODES,
    STAGES,
    Sp2hpLetter,
    StageChange,
)

if TYPE_CHECKING:
    from app.store import ImportedCase, Store

REQUIRED = ("uuid", "stage", "difficulty", "stage_history", "sp2hp_history")


class _Bad(Exception):
    def __init__(self, column: str, message: str) -> None:
        super().__init__(message)
        self.column = column
        self.message = message


def import_register(store: Store, path: Path, *, by: int | None = None,
                    check_only: bool = False) -> ImportReport:
    """Import the file; raises CsvFileError when it cannot be read at all."""
    from app.store import DuplicateNumber, ImportedCase, RecordNotFound, StoreError

    header, rows = read_table(Path(path))
    columns = [h.strip() for h in header]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        return ImportReport(0, 0, (RowProblem(1, "", "kolom wajib tidak ada: "
                                              + ", ".join(missing)),), ())
    officers = {nrp: o.id for nrp, o in store.master.officers_by_nrp().items()}
    items: list[ImportedCase] = []
    errors: list[RowProblem] = []
    count = 0
    try:
        for line, fields in rows:
            count += 1
            if len(fields) != len(columns):
                errors.append(RowProblem(line, "", f"baris ini berisi {len(fields)} kolom, "
                                         f"judul berisi {len(columns)}."))
                continue
            values = {c: unneutralise(f.strip()) for c, f in zip(columns, fields, strict=True)}
            try:
                try:
                    visit = store.visits.get_by_uuid(values["uuid"])
                except RecordNotFound as exc:
                    raise _Bad("uuid", "LP ini tidak ada di basis data; impor dulu laporannya "
                                       "(--kind reports).") from exc
                if visit.service != "lp" or visit.meta is None:
                    raise _Bad("uuid", "catatan ini bukan Laporan Polisi.")
                items.append(_case(visit.meta.id, values, officers, ImportedCase))
            except _Bad as bad:
                errors.append(RowProblem(line, bad.column, bad.message))
    except CsvFileError as exc:
        errors.append(RowProblem(0, "", str(exc)))
    if errors or check_only:
        return ImportReport(count, 0, tuple(errors), ())
    try:
        saved = store.register.import_cases(items, by)
    except (DuplicateNumber, ValueError) as exc:
        return ImportReport(count, 0, (RowProblem(0, "sp2hp_history", f"nomor SP2HP: {exc}"),),
                            ())
    except StoreError:
        raise
    store.record_activity("import", "register_lp", by,
                          detail=f"CSV {saved.record} LP (register) dari {Path(path).resolve()}")
    return ImportReport(count, saved.record, (), ())


def _officer(officers: dict[str, int | None], nrp: str, column: str) -> int | None:
    if not nrp:
        return None
    if nrp not in officers:
        raise _Bad(column, f"NRP {nrp} tidak ada di daftar personel.")
    return officers[nrp]


def _time(text: str, column: str) -> datetime | None:
    from app.store import dt_from_db

    if not text:
        return None
    try:
        return dt_from_db(text)
    except ValueError as exc:
        raise _Bad(column, f"waktu tidak dikenal: {text}") from exc


def _json_list(text: str, column: str) -> list[dict[str, Any]]:
    try:
        value = json.loads(text or "[]")
    except json.JSONDecodeError as exc:
        raise _Bad(column, "isi kolom ini bukan JSON yang dapat dibaca.") from exc
    if not isinstance(value, list) or not all(isinstance(x, dict) for x in value):
        raise _Bad(column, "isi kolom ini harus daftar JSON.")
    return value


def _case(visit_id: int, values: dict[str, str], officers: dict[str, int | None],
          make: Any) -> ImportedCase:
    stage = values["stage"]
    if stage not in STAGES:
        raise _Bad("stage", f"tahap tidak dikenal: {stage}")
    difficulty = values["difficulty"]
    if difficulty not in DIFFICULTIES:
        raise _Bad("difficulty", f"tingkat kesulitan tidak dikenal: {difficulty}")
    role = values.get("investigator_role", "")
    if role and role not in INVESTIGATOR_ROLES:
        raise _Bad("investigator_role", f"peran penyidik tidak dikenal: {role}")
    history = []
    for h in _json_list(values["stage_history"], "stage_history"):
        at = _time(str(h.get("at", "")), "stage_history")
        if h.get("stage") not in STAGES or at is None:
            raise _Bad("stage_history", "setiap perubahan tahap perlu tahap dan waktu.")
        history.append(StageChange(str(h["stage"]), at,
                                   _officer(officers, str(h.get("officer_nrp", "")),
                                            "stage_history"), str(h.get("note", ""))))
    letters = []
    for x in _json_list(values["sp2hp_history"], "sp2hp_history"):
        if not x.get("number") or x.get("code") not in SP2HP_CODES or x.get("stage") not in STAGES:
            raise _Bad("sp2hp_history", "setiap SP2HP perlu nomor, kode A1-A5 dan tahap.")
        method = str(x.get("delivery_method", ""))
        if method and method not in DELIVERY_METHODS:
            raise _Bad("sp2hp_history", f"cara pengiriman tidak dikenal: {method}")
        letter = Sp2hpLetter(
            visit_uuid=values["uuid"], code=str(x["code"]), stage=str(x["stage"]),
            signer_id=_officer(officers, str(x.get("signer_nrp", "")), "sp2hp_history"),
            supervisor_id=_officer(officers, str(x.get("supervisor_nrp", "")), "sp2hp_history"),
            issued_at=_time(str(x.get("issued_at", "")), "sp2hp_history"),
            delivered_at=_time(str(x.get("delivered_at", "")), "sp2hp_history"),
            number=str(x["number"]), summary=_text(x, "summary"), actions=_text(x, "actions"),
            obstacles=_text(x, "obstacles"), next_steps=_text(x, "next_steps"),
            advice=_text(x, "advice"), recipient=_text(x, "recipient"),
            delivery_method=method, delivered_to=_text(x, "delivered_to"))
        if x.get("uuid"):
            letter = replace(letter, meta=_meta(str(x["uuid"])))
        letters.append(letter)
    return make(visit_id=visit_id, stage=stage,
                investigator_id=_officer(officers, values.get("investigator_nrp", ""),
                                         "investigator_nrp"),
                investigator_role=role,
                supervisor_id=_officer(officers, values.get("supervisor_nrp", ""),
                                       "supervisor_nrp"),
                difficulty=difficulty, history=tuple(history), letters=tuple(letters))


def _text(x: dict[str, Any], name: str) -> str:
    assert name in LETTER_FIELDS
    return str(x.get(name, ""))


def _meta(record_uuid: str) -> RecordMeta:
    """Only the uuid matters: the import keeps it (the rest is the new store's)."""
    epoch = datetime(1970, 1, 1, tzinfo=UTC)
    return RecordMeta(0, record_uuid, "", epoch, None, epoch, None, 1)


assert set(REQUIRED) <= set(REGISTER_COLUMNS)
