"""`piket export --kind register`: one row per LP with its stage, investigator, dates and SP2HP
history, as .xlsx for the Polres (openpyxl: a sheet of LPs, one of letters, one of stage
changes) or as .csv that `piket import --kind register` reads back (the stage history and
letters in JSON cells, times in UTC ISO there; docs/CSV.md). Voided LPs are left out."""

from __future__ import annotations

import json
from datetime import datetime, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from app.csvio.common import Span, format_local, log_export, neutralise, require_export, write_table
from app.domain.register import (
    DELIVERY_METHODS,
    DIFFICULTIES,
    INVESTIGATOR_ROLES,
    STAGES,
    Sp2hpLetter,
)
from app.outputs import atomic_write

if TYPE_CHECKING:
    from app.store import CaseRecord, Store

REGISTER_COLUMNS = ("number", "uuid", "received_at", "reporter_name", "category", "stage",
                    "investigator_nrp", "investigator_role", "supervisor_nrp", "difficulty",
                    "sp2hp_count", "last_sp2hp_at", "next_due", "stage_history",
                    "sp2hp_history")
LETTER_FIELDS = ("summary", "actions", "obstacles", "next_steps", "advice", "recipient",
                 "delivery_method", "delivered_to")


def _iso(value: datetime | None) -> str:
    from app.store import dt_to_db

    return dt_to_db(value) or ""


def letter_json(letter: Sp2hpLetter, nrps: dict[int, str]) -> dict[str, Any]:
    return {"uuid": letter.meta.uuid if letter.meta else "", "number": letter.number or "",
            "code": letter.code, "stage": letter.stage, "issued_at": _iso(letter.issued_at),
            "signer_nrp": nrps.get(letter.signer_id or 0, ""),
            "supervisor_nrp": nrps.get(letter.supervisor_id or 0, ""),
            "delivered_at": _iso(letter.delivered_at),
            **{name: getattr(letter, name) for name in LETTER_FIELDS}}


def _csv_row(item: CaseRecord, tz: tzinfo, nrps: dict[int, str], span: Span) -> list[str]:
    case = item.case
    span.see(case.received_at)
    history = [{"stage": h.stage, "at": _iso(h.at), "officer_nrp": nrps.get(h.officer_id or 0, ""),
                "note": h.note} for h in item.history]
    cells = {
        "number": case.number, "uuid": case.visit_uuid,
        "received_at": format_local(case.received_at, tz),
        "reporter_name": item.reporter_name, "category": item.category, "stage": case.stage,
        "investigator_nrp": nrps.get(case.investigator_id or 0, ""),
        "investigator_role": case.investigator_role,
        "supervisor_nrp": nrps.get(case.supervisor_id or 0, ""),
        "difficulty": case.difficulty, "sp2hp_count": str(case.sp2hp_count),
        "last_sp2hp_at": format_local(case.last_sp2hp_at, tz),
        "next_due": case.due_on.isoformat() if case.due_on else "",
        "stage_history": json.dumps(history, ensure_ascii=False),
        "sp2hp_history": json.dumps([letter_json(x, nrps) for x in item.letters],
                                    ensure_ascii=False),
    }
    return [cells[c] for c in REGISTER_COLUMNS]


def export_register(store: Store, out: Path, *, by: int | None = None,
                    delimiter: str = ",") -> int:
    """Write the register as CSV (.csv) or as a workbook (.xlsx); returns the LPs written.
    Logged as a processing activity; a role that may not export is refused first."""
    require_export(store)
    tz = ZoneInfo(store.profile().timezone)
    span = Span(tz)
    nrps = {officer_id: o.nrp for officer_id, o in store.master.officers_by_id().items()}
    if Path(out).suffix.lower() == ".xlsx":
        count = _write_xlsx(store, Path(out), tz, span)
        what = f"XLSX {count} LP (register)"
    else:
        rows = (_csv_row(item, tz, nrps, span) for item in store.register.iter_cases())
        count = write_table(Path(out), REGISTER_COLUMNS, rows, delimiter=delimiter,
                            protected=(store.path,))
        what = f"{count} LP (register)"
    log_export(store, Path(out), "register_lp", by, what, span)
    return count


# ---------------------------------------------------------------------- the workbook
CASE_HEADERS = ("Nomor LP", "Diterima", "Pelapor", "Kategori", "Tahap", "Sejak", "Penyidik",
                "Sebagai", "Pengawas", "Kesulitan", "Jumlah SP2HP", "SP2HP terakhir",
                "SP2HP berikutnya", "Riwayat SP2HP")
LETTER_HEADERS = ("Nomor LP", "Nomor SP2HP", "Kode", "Tahap", "Tanggal surat",
                  "Ketua tim penyidik", "Dikirim dengan", "Diterima pada", "Diterima oleh")
HISTORY_HEADERS = ("Nomor LP", "Tahap", "Waktu", "Petugas", "Catatan")


def _write_xlsx(store: Store, out: Path, tz: tzinfo, span: Span) -> int:
    from openpyxl import Workbook  # 0.2 s: only for a workbook

    names = {i: o.display for i, o in store.master.officers_by_id().items()}

    def who(officer_id: int | None) -> str:
        return names.get(officer_id or 0, "")

    def when(value: datetime | None) -> str:
        return format_local(value, tz)

    book = Workbook(write_only=True)
    cases, letters, history = (book.create_sheet(t) for t in ("Register LP", "SP2HP",
                                                               "Riwayat tahap"))
    for sheet, header in ((cases, CASE_HEADERS), (letters, LETTER_HEADERS),
                          (history, HISTORY_HEADERS)):
        sheet.append(header)
    count = 0
    for item in store.register.iter_cases():
        case = item.case
        span.see(case.received_at)
        trail = "; ".join(f"{x.number} ({x.code}, {when(x.issued_at)[:10]}"
                          + (f", {DELIVERY_METHODS[x.delivery_method]}" if x.delivery_method
                             else "") + ")" for x in item.letters)
        cases.append([neutralise(v) for v in (
            case.number, when(case.received_at), item.reporter_name, item.category,
            STAGES.get(case.stage, case.stage), when(case.stage_at), who(case.investigator_id),
            INVESTIGATOR_ROLES.get(case.investigator_role, ""), who(case.supervisor_id),
            DIFFICULTIES.get(case.difficulty, case.difficulty), case.sp2hp_count,
            when(case.last_sp2hp_at), case.due_on.isoformat() if case.due_on else "", trail)])
        for x in item.letters:
            letters.append([neutralise(v) for v in (
                case.number, x.number, x.code, STAGES.get(x.stage, x.stage), when(x.issued_at),
                who(x.signer_id), DELIVERY_METHODS.get(x.delivery_method, ""),
                when(x.delivered_at), x.delivered_to)])
        for h in item.history:
            history.append([neutralise(v) for v in (
                case.number, STAGES.get(h.stage, h.stage), when(h.at), who(h.officer_id),
                h.note)])
        count += 1
    with atomic_write(out, protected=(store.path,)) as handle:
        book.save(handle)
    return count
