"""Accounts for three officers of the demo roster (`piket demo --accounts`), so that a demo
store can be tried with every role from the command line too: the Kapolsek (pimpinan: the
weekly review, exports), the Kanit SPKT I (KA SPKT) and an Anggota SPKT (petugas: the desk).
They get the password of the administrator who made the demo: a demo store only."""

from __future__ import annotations

from app.domain.models import Officer
from app.security.permissions import Role
from app.store import Account, Store

DEMO_ROLES: tuple[tuple[str, Role], ...] = (
    ("Kapolsek", Role.PIMPINAN), ("Kanit SPKT I", Role.KA_SPKT), ("Anggota SPKT", Role.PETUGAS))


def give_demo_accounts(store: Store, password: str) -> list[Account]:
    """An account for the first officer of each position in DEMO_ROLES that has none yet,
    made by the administrator signed in (the store refuses anyone else)."""
    by = store.access.officer_id
    made = []
    for position, role in DEMO_ROLES:
        officer = next((o for o in store.master.list(Officer, active_only=True)
                        if o.position == position), None)
        if officer is None or officer.id is None or store.accounts.find(officer.nrp):
            continue
        made.append(store.accounts.create(officer.id, role, password, by))
    return made
