"""An incident found on patrol becomes a Laporan Polisi model A: the patrol's time, place and
officers are filled in, and the LP points back at the patrol (Visit.source_patrol_uuid; the
store finds the LP of a patrol with visits.uuids_of_patrol; ui.records.links names them)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialog, QWidget

from app.domain.models import Patrol, PatrolPlace, Visit
from ui.records.kinds import open_walk_in
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


def open_lp_form(session: Session, patrol: Patrol, parent: QWidget | None) -> QDialog:
    """The walk-in form (ui.visits, through ui.records.kinds), prefilled as an LP model A
    from this patrol."""
    place = next((p for p in patrol.places if p.situation == "gn"),
                 next((p for p in patrol.places if p.situation != "aman"),
                      patrol.places[0] if patrol.places else None))
    visit = lp_from_patrol(patrol, place, session.local_now())
    return open_walk_in(session, visit, parent)
