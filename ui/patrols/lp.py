"""An incident found on patrol becomes a Laporan Polisi model A: the patrol's time, place and
officers are filled in, and the LP points back at the patrol (Visit.source_patrol_uuid; the
store finds the LP of a patrol with visits.uuids_of_patrol)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import QDialog, QWidget

from app.domain.codes import PATROL_TYPES, SITUATIONS
from app.domain.models import Officer, Patrol, PatrolPlace, Visit
from app.store import StoreError
from app.textid import format_date, format_time
from ui.session import Session


def lp_from_patrol(patrol: Patrol, place: PatrolPlace | None, received_at: datetime,
                   category: str = "", narrative: str | None = None,
                   officer_id: int | None = None) -> Visit:
    """An LP model A prefilled from a patrol: received now, occurred at the place's time (or
    the patrol's start), in the place's desa, made by the patrol leader."""
    assert patrol.meta is not None, "only a saved patrol can be the source of an LP"
    text = patrol.findings if narrative is None else narrative
    return Visit(
        service="lp", lp_model="A", received_at=received_at,
        receiving_officer_id=officer_id if officer_id is not None else patrol.leader_id,
        occurred_at=(place.at if place and place.at else patrol.start_at),
        incident_desa=place.desa if place else "",
        place_detail=place.place if place else "",
        category=category, narrative=text.strip(),
        source_patrol_uuid=patrol.meta.uuid)


def place_caption(place: PatrolPlace, tz: tzinfo) -> str:
    when = format_time(place.at.astimezone(tz)) if place.at else "--.--"
    where = " – ".join(x for x in (place.desa, place.place) if x)
    return f"{when}  {where}  ({SITUATIONS.get(place.situation, place.situation)})"


def linked_lp_numbers(session: Session, patrol_uuid: str) -> list[str]:
    """The numbers of the LP made from a patrol (voided ones marked)."""
    out = []
    for uuid in session.store.visits.uuids_of_patrol(patrol_uuid):
        visit = session.store.visits.get_by_uuid(uuid)
        number = visit.number or "(tanpa nomor)"
        voided = visit.meta is not None and visit.meta.voided
        out.append(f"{number} (dibatalkan)" if voided else number)
    return out


def patrol_caption(session: Session, patrol_uuid: str | None) -> str:
    """One line naming the patrol an LP model A came from (for the LP's form and list):
    "Patroli malam / KRYD, 13 Februari 2024 21.00, ketua BRIPKA ANDI SAPUTRA"."""
    if not patrol_uuid:
        return ""
    try:
        patrol = session.store.patrols.get_by_uuid(patrol_uuid)
    except StoreError:
        return "Patroli (tidak ditemukan)"
    start = patrol.start_at.astimezone(session.tz())
    leader = (session.store.master.get(Officer, patrol.leader_id)
              if patrol.leader_id is not None else None)
    bits = [PATROL_TYPES.get(patrol.patrol_type, patrol.patrol_type),
            f"{format_date(start)} {format_time(start)}"]
    if leader is not None:
        bits.append(f"ketua {leader.display}")
    return ", ".join(bits)


def open_lp_form(session: Session, patrol: Patrol, parent: QWidget | None) -> QDialog:
    """The walk-in form (ui.visits), prefilled as an LP model A from this patrol."""
    from ui.visits.dialog import VisitDialog

    place = next((p for p in patrol.places if p.situation == "gn"),
                 next((p for p in patrol.places if p.situation != "aman"),
                      patrol.places[0] if patrol.places else None))
    visit = lp_from_patrol(patrol, place, session.local_now())
    dialog = VisitDialog(session, visit, parent=parent)
    dialog.show()
    return dialog
