"""How a record names a record of another kind it is linked to: the LP model A made from a
patrol's finding points back at the patrol (Visit.source_patrol_uuid). The walk-in form
shows the patrol; the patrol form shows the LP numbers."""

from __future__ import annotations

from app.documents.render import linked_lp_numbers as lp_numbers_of
from app.domain.codes import PATROL_TYPES
from app.domain.models import Officer
from app.store import StoreError
from app.textid import format_date, format_time
from ui.session import Session


def linked_lp_numbers(session: Session, patrol_uuid: str) -> list[str]:
    """The numbers of the LP made from a patrol (voided ones marked)."""
    return lp_numbers_of(session.store, patrol_uuid)


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
