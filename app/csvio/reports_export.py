"""`piket export --kind reports`: walk-in records to CSV, in the import's own columns
(plus number and uuid), so the file imports back into an empty store unchanged.

Voided records are left out: the import's column list is fixed and has no place to say a
record is void, and a voided record must not come back as a counting one.
Order: received_at (to the minute, station time), then uuid. The import keeps minutes only,
so ordering by the exact second would put two records of the same minute in a different
order after a round trip.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import tzinfo
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from app.csvio.common import Span, format_local, log_export, minute_key, require_export, write_table
from app.csvio.report_rows import COLUMNS
from app.domain.models import Visit

if TYPE_CHECKING:
    from app.store import Store

EXPORT_COLUMNS = ("number", *COLUMNS, "uuid")


def export_reports(store: Store, out: Path, *, by: int | None = None,
                   delimiter: str = ",") -> int:
    """Write every non-voided record; returns how many. Logged as a processing activity,
    with the number and the period; a role that may not export is refused first."""
    require_export(store)
    tz = ZoneInfo(store.profile().timezone)
    span = Span(tz)
    nrps = {officer_id: o.nrp for officer_id, o in store.master.officers_by_id().items()}
    rows = (_row(visit, tz, nrps, span)
            for visit in _in_export_order(store.visits.iter_all(), tz))
    count = write_table(Path(out), EXPORT_COLUMNS, rows, delimiter=delimiter,
                        protected=(store.path,))
    log_export(store, Path(out), "visit", by, f"{count} laporan", span)
    return count


def _in_export_order(visits: Iterator[Visit], tz: tzinfo) -> Iterator[Visit]:
    """The store yields (received_at, id); re-sort each minute by uuid, holding one minute's
    records at a time."""
    group: list[Visit] = []
    key = None
    for visit in visits:
        this = minute_key(visit.received_at, tz)
        if this != key and group:
            yield from sorted(group, key=_uuid)
            group = []
        key = this
        group.append(visit)
    yield from sorted(group, key=_uuid)


def _uuid(visit: Visit) -> str:
    assert visit.meta is not None
    return visit.meta.uuid


def _row(visit: Visit, tz: tzinfo, nrps: dict[int, str], span: Span) -> list[str]:
    span.see(visit.received_at)
    reporter = visit.reporter
    cells = {
        "number": visit.number or "",
        "received_at": format_local(visit.received_at, tz),
        "service": visit.service,
        "category": visit.category,
        "reporter_name": reporter.name if reporter else "",
        "reporter_nik": reporter.nik if reporter else "",
        "reporter_phone": reporter.phone if reporter else "",
        "desa": visit.incident_desa,
        "occurred_at": format_local(visit.occurred_at, tz),
        "narrative": visit.narrative,
        "status": visit.status,
        "dispatched_at": format_local(visit.dispatched_at, tz),
        "arrived_at": format_local(visit.arrived_at, tz),
        "resolved_at": format_local(visit.resolved_at, tz),
        "lp_model": visit.lp_model or "",
        "officer_nrp": nrps.get(visit.receiving_officer_id or 0, ""),
        "uuid": _uuid(visit),
    }
    return [cells[column] for column in EXPORT_COLUMNS]
