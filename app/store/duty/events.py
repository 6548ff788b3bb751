"""The events of one shift that Piket recorded, read as ranges of indexed columns (a shift of
a million-record store reads a few hundred rows): walk-ins by `visits_received`, status
changes by `visit_status_history_at`, patrols by `patrols_start`, meetings by
`meetings_held`, prints and backups by `audit_action_at`, typed entries by
`journal_entries_at`."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from app.domain.codes import MEETING_TYPES, PATROL_TYPES, SERVICES, SITUATIONS, STATUSES
from app.journal.codes import CORRECTION, ENTRY_KINDS
from app.store.duty.models import JournalEntry, JournalEvent
from app.store.records import StoreContext
from app.store.serialize import dt_from_db, dt_to_db

PATROL_LONGEST = timedelta(days=2)  # a patrol back in a shift started at most this long before
PRINT_ACTIONS = ("print",)
VOID_ACTIONS = ("void",)
VOID_LABELS = {"laporan": "laporan/kunjungan", "visit": "laporan/kunjungan", "patroli": "patroli",
               "patrol": "patroli", "meeting": "pertemuan warga"}
BACKUP_ACTIONS = ("backup", "backup_auto")
_STATUS_CODES = tuple(s for s in STATUSES if s != "diterima")  # the first status is the walk-in


def _when(text: str) -> datetime:
    moment = dt_from_db(text)
    assert moment is not None
    return moment


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def entry_from_row(row: dict[str, Any]) -> JournalEntry:
    return JournalEntry(uuid=row["uuid"], at=_when(row["at"]), kind=row["kind"],
                        text=row["text"], officer_id=row["officer_id"],
                        corrects_uuid=row["corrects_uuid"],
                        created_at=dt_from_db(row["created_at"]), id=row["id"])


def shift_events(ctx: StoreContext, start: datetime, end: datetime) -> list[JournalEvent]:
    """Every event from `start` (inclusive) to `end` (exclusive), in time order."""
    window = [dt_to_db(start), dt_to_db(end)]
    events = [*_visits(ctx, window), *_statuses(ctx, window), *_patrols(ctx, start, window),
              *_meetings(ctx, window), *_activities(ctx, window), *_entries(ctx, window)]
    events.sort(key=lambda e: e.at)
    return events


def _visits(ctx: StoreContext, window: list[Any]) -> list[JournalEvent]:
    rows = ctx.rows(
        "SELECT uuid, received_at, service, lp_model, number, status, category, "
        "receiving_officer_id, voided_at FROM visits "
        "WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id", window)
    labels = {r["code"]: r["label"] for r in ctx.rows("SELECT code, label FROM categories")}
    out = []
    for r in rows:
        service = SERVICES.get(r["service"], r["service"])
        if r["service"] == "lp" and r["lp_model"]:
            service = f"{service} model {r['lp_model']}"
        bits = [service]
        if r["number"]:
            bits.append(f"nomor {r['number']}")
        if r["category"]:
            bits.append(labels.get(r["category"], r["category"]))
        bits.append(f"status: {STATUSES.get(r['status'], r['status'])}")
        out.append(JournalEvent(_when(r["received_at"]), "kunjungan", "; ".join(bits),
                                r["receiving_officer_id"], r["uuid"],
                                voided=r["voided_at"] is not None))
    return out


def _statuses(ctx: StoreContext, window: list[Any]) -> list[JournalEvent]:
    marks = ", ".join("?" * len(_STATUS_CODES))
    rows = ctx.rows(
        "SELECT h.status, h.at, h.officer_id, h.note, v.uuid, v.number, v.service "
        "FROM visit_status_history h JOIN visits v ON v.id = h.visit_id "
        f"WHERE h.status IN ({marks}) AND h.at >= ? AND h.at < ?",
        [*_STATUS_CODES, *window])
    out = []
    for r in rows:
        what = r["number"] or SERVICES.get(r["service"], r["service"])
        text = f"{what}: status menjadi {STATUSES.get(r['status'], r['status'])}"
        if r["note"].strip():
            text += f" ({_short(r['note'], 100)})"
        out.append(JournalEvent(_when(r["at"]), "status", text, r["officer_id"], r["uuid"]))
    return out


def _patrols(ctx: StoreContext, start: datetime, window: list[Any]) -> list[JournalEvent]:
    out = []
    for r in ctx.rows("SELECT uuid, patrol_type, start_at, leader_id, voided_at FROM patrols "
                      "WHERE start_at >= ? AND start_at < ?", window):
        out.append(JournalEvent(_when(r["start_at"]), "patroli_berangkat",
                                PATROL_TYPES.get(r["patrol_type"], r["patrol_type"]),
                                r["leader_id"], r["uuid"], voided=r["voided_at"] is not None))
    back = ctx.rows(
        "SELECT p.id, p.uuid, p.patrol_type, p.end_at, p.leader_id, p.findings, p.voided_at "
        "FROM patrols p WHERE p.start_at >= ? AND p.start_at < ? "
        "AND p.end_at >= ? AND p.end_at < ?",
        [dt_to_db(start - PATROL_LONGEST), window[1], *window])
    for r in back:
        situations = ctx.rows("SELECT situation, count(*) AS n FROM patrol_places "
                              "WHERE patrol_id = ? GROUP BY situation", [r["id"]])
        found = ", ".join(f"{SITUATIONS.get(s['situation'], s['situation'])} {s['n']}"
                          for s in situations)
        text = PATROL_TYPES.get(r["patrol_type"], r["patrol_type"])
        if found:
            text += f"; situasi: {found}"
        text += f"; temuan: {_short(r['findings']) if r['findings'].strip() else 'nihil'}"
        out.append(JournalEvent(_when(r["end_at"]), "patroli_kembali", text, r["leader_id"],
                                r["uuid"], voided=r["voided_at"] is not None))
    return out


def _meetings(ctx: StoreContext, window: list[Any]) -> list[JournalEvent]:
    return [JournalEvent(_when(r["held_at"]), "pertemuan",
                         f"{MEETING_TYPES.get(r['meeting_type'], r['meeting_type'])} di "
                         f"{r['desa']}", r["leader_id"], r["uuid"],
                         voided=r["voided_at"] is not None)
            for r in ctx.rows("SELECT uuid, meeting_type, held_at, desa, leader_id, voided_at "
                              "FROM meetings WHERE held_at >= ? AND held_at < ?", window)]


PRINT_LABELS = {"patrol": "laporan hasil patroli", "meeting": "notulen pertemuan warga",
                "weekly": "Anev mingguan", "mutasi": "buku mutasi",
                "surat_pengantar": "surat pengantar", "ekspedisi": "buku ekspedisi"}


def _activities(ctx: StoreContext, window: list[Any]) -> list[JournalEvent]:
    actions = (*PRINT_ACTIONS, *BACKUP_ACTIONS, *VOID_ACTIONS)
    marks = ", ".join("?" * len(actions))
    rows = ctx.rows(f"SELECT action, at, officer_id, kind, record_uuid, after FROM audit_log "
                    f"WHERE action IN ({marks}) AND at >= ? AND at < ?", [*actions, *window])
    printed = [r["record_uuid"] for r in rows if r["kind"] == "visit" and r["record_uuid"]]
    numbers: dict[str, str] = {}
    if printed:
        numbers = {r["uuid"]: r["number"] or "" for r in ctx.rows(
            f"SELECT uuid, number FROM visits WHERE uuid IN ({', '.join('?' * len(printed))})",
            printed)}
    out = []
    for r in rows:
        if r["action"] in PRINT_ACTIONS:
            out.append(JournalEvent(_when(r["at"]), "cetak", _print_text(r, numbers),
                                    r["officer_id"], r["record_uuid"]))
        elif r["action"] in VOID_ACTIONS:
            out.append(JournalEvent(_when(r["at"]), "status", _void_text(r), r["officer_id"],
                                    r["record_uuid"]))
        else:
            text = ("Cadangan otomatis dibuat" if r["action"] == "backup_auto"
                    else "Cadangan dibuat")  # the backup's path is not repeated here
            out.append(JournalEvent(_when(r["at"]), "cadangan", text, r["officer_id"]))
    return out


def _print_text(row: dict[str, Any], numbers: dict[str, str]) -> str:
    after = _after(row["after"])
    if row["kind"] == "visit":
        document = str(after.get("document", "")).upper() or "dokumen"
        number = numbers.get(row["record_uuid"] or "", "")
        return f"Cetak {document} {number}".strip()
    label = PRINT_LABELS.get(row["kind"], "dokumen")
    detail = str(after.get("detail", ""))
    return f"Cetak {label} {detail}".strip() if row["kind"] in ("weekly", "mutasi", "ekspedisi") \
        else f"Cetak {label}"


def _void_text(row: dict[str, Any]) -> str:
    after = _after(row["after"])
    meta = after.get("meta") if isinstance(after.get("meta"), dict) else {}
    what = VOID_LABELS.get(row["kind"], row["kind"])
    number = after.get("number") or ""
    text = f"Catatan {what} {number}".replace("  ", " ").strip() + " dibatalkan"
    reason = str(meta.get("void_reason") or "") if meta else ""
    return f"{text}; alasan: {_short(reason, 100)}" if reason else text


def _after(after: str | None) -> dict[str, Any]:
    if not after:
        return {}
    try:
        value = json.loads(after)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _entries(ctx: StoreContext, window: list[Any]) -> list[JournalEvent]:
    entries = [entry_from_row(r) for r in ctx.rows(
        "SELECT * FROM journal_entries WHERE at >= ? AND at < ? ORDER BY at, id", window)]
    uuids = [e.uuid for e in entries]
    corrected: dict[str, list[JournalEntry]] = {}
    if uuids:
        marks = ", ".join("?" * len(uuids))
        for r in ctx.rows(f"SELECT * FROM journal_entries "
                          f"WHERE corrects_uuid IN ({marks}) ORDER BY id", uuids):
            corrected.setdefault(r["corrects_uuid"], []).append(entry_from_row(r))
    return [JournalEvent(e.at, e.kind if e.kind in ENTRY_KINDS else CORRECTION, e.text,
                         e.officer_id, e.uuid, entry=e,
                         corrections=tuple(corrected.get(e.uuid, ())))
            for e in entries]
