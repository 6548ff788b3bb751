"""The demo roster of Polsek Pedamaran (about 25 personnel in a rank pyramid) and its vehicles.

The commander comes from the station profile, so the name printed under the weekly review is
on the roster. Each Bhabinkamtibmas covers two desa (the last one three when the count is odd).
An existing officer (same NRP) or vehicle (same plate) is reused, so `--force` can run twice.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

from app.demo import names
from app.domain.models import Officer, StationProfile, Vehicle
from app.store import Store

# Birth years by rank: the NRP starts with the officer's birth year and month (YYMM).
_BORN: dict[str, tuple[int, int]] = {
    "BRIPDA": (2000, 2005), "BRIPTU": (1996, 2001), "BRIGPOL": (1991, 1997),
    "BRIPKA": (1984, 1992), "AIPDA": (1979, 1987), "AIPTU": (1973, 1982),
    "IPDA": (1971, 1980), "IPTU": (1970, 1982), "AKP": (1968, 1980), "KOMPOL": (1966, 1976),
}

# (position, rank, unit) for everyone but the commander and the Bhabinkamtibmas.
_POSTS: tuple[tuple[str, str, str], ...] = (
    ("Wakapolsek", "IPDA", "pimpinan"),
    ("Kanit Reskrim", "AIPTU", "reskrim"),
    ("Kanit Samapta", "AIPTU", "samapta"),
    ("Kanit Intelkam", "AIPDA", "intelkam"),
    ("Kanit Binmas", "AIPDA", "binmas"),
    ("Ka SPKT I", "AIPDA", "spkt1"),  # a Polsek's desk heads (DOMAIN.md), not Polres' Kanit
    ("Ka SPKT II", "BRIPKA", "spkt2"),
    ("Ka SPKT III", "BRIPKA", "spkt3"),
    ("Anggota Unit Reskrim", "BRIGPOL", "reskrim"),
    ("Anggota Unit Reskrim", "BRIPTU", "reskrim"),
    ("Anggota Unit Reskrim", "BRIPDA", "reskrim"),
    ("Anggota Unit Samapta", "BRIPTU", "samapta"),
    ("Anggota Unit Samapta", "BRIPDA", "samapta"),
    ("Anggota Unit Samapta", "BRIPDA", "samapta"),
    ("Anggota Unit Intelkam", "BRIPTU", "intelkam"),
    ("Anggota SPKT", "BRIPDA", "spkt1"),
    ("Anggota SPKT", "BRIPDA", "spkt2"),
)
_BHABIN_RANKS = ("BRIPKA", "BRIGPOL", "BRIPKA", "BRIGPOL", "BRIPTU", "BRIGPOL", "BRIPTU", "AIPDA")

VEHICLES: tuple[Vehicle, ...] = (
    # Polri plates: number, dash, the Polda code (illustrative here, not checked anywhere).
    Vehicle("Honda Verza 150 (R2 patroli)", "2318-VII", "r2"),
    Vehicle("Kawasaki KLX 150 (R2 Bhabinkamtibmas)", "2461-VII", "r2"),
    Vehicle("Honda Supra X 125 (R2 Bhabinkamtibmas)", "2467-VII", "r2"),
    Vehicle("Toyota Hilux (R4 patroli)", "1127-VII", "r4"),
    Vehicle("Mitsubishi L200 Strada (R4 Reskrim)", "1134-VII", "r4"),
    Vehicle("Speedboat patroli 40 PK (perairan)", "Lambung PDM-01", "perairan"),
)


@dataclass
class Roster:
    """The saved officers by what they do, for picking who receives, patrols and leads."""

    officers: list[Officer] = field(default_factory=list)
    commander: Officer | None = None
    units: dict[str, list[Officer]] = field(default_factory=dict)
    bhabin_of: dict[str, Officer] = field(default_factory=dict)  # desa -> Bhabinkamtibmas
    vehicles: dict[str, list[Vehicle]] = field(default_factory=dict)  # mode -> vehicles

    def unit(self, name: str) -> list[Officer]:
        return self.units.get(name, [])

    def ids(self, officers: Sequence[Officer]) -> list[int]:
        return [o.id for o in officers if o.id is not None]

    @property
    def bhabins(self) -> list[Officer]:
        return list(dict.fromkeys(self.bhabin_of.values()))

    def duty_team(self, day_index: int) -> list[Officer]:
        """The SPKT team on duty (three teams, 24 hours each from 08.00)."""
        team = self.unit(f"spkt{day_index % 3 + 1}")
        samapta = self.unit("samapta")
        return team + ([samapta[day_index % len(samapta)]] if samapta else [])


def commander_name(profile: StationProfile) -> str:
    """"IPTU INDRA GUNAWAN" -> "INDRA GUNAWAN" (the rank is a field of its own)."""
    name = profile.commander_name.strip()
    rank = profile.commander_rank.strip().upper()
    if rank and name.upper().startswith(rank + " "):
        name = name[len(rank) + 1:]
    return name.strip().upper() or "INDRA GUNAWAN"


def build_roster(store: Store, rng: random.Random, desa: Sequence[str], by: int | None) -> Roster:
    profile = store.profile()
    existing = {o.nrp: o for o in store.master.list(Officer)}
    nrps: set[str] = set()  # issued in this run; one already on the roster is reused
    used = {commander_name(profile).split()[0].title()}
    roster = Roster()

    def add(name: str, rank: str, nrp: str, position: str, unit: str) -> Officer:
        officer = existing.get(nrp) or store.master.save(
            Officer(name, rank, nrp, position=position), by).record
        roster.officers.append(officer)
        roster.units.setdefault(unit, []).append(officer)
        return officer

    commander_rank = profile.commander_rank.strip().upper() or "IPTU"
    roster.commander = add(commander_name(profile), commander_rank,
                           profile.commander_nrp.strip() or _nrp(rng, commander_rank, nrps),
                           "Kapolsek", "pimpinan")
    nrps.add(roster.commander.nrp)
    for position, rank, unit in _POSTS:
        add(_officer_name(rng, used), rank, _nrp(rng, rank, nrps), position, unit)
    for i, group in enumerate(_desa_groups(desa)):
        rank = _BHABIN_RANKS[i % len(_BHABIN_RANKS)]
        officer = add(_officer_name(rng, used), rank, _nrp(rng, rank, nrps),
                      "Bhabinkamtibmas Desa " + ", ".join(group), "binmas")
        for name in group:
            roster.bhabin_of[name] = officer
    plates = {v.plate: v for v in store.master.list(Vehicle)}
    for vehicle in VEHICLES:
        saved = plates.get(vehicle.plate) or store.master.save(vehicle, by).record
        roster.vehicles.setdefault(saved.mode, []).append(saved)
    return roster


def _desa_groups(desa: Sequence[str]) -> list[list[str]]:
    groups = [list(desa[i:i + 2]) for i in range(0, len(desa), 2)]
    if len(groups) > 1 and len(groups[-1]) == 1:
        groups[-2].extend(groups.pop())
    return groups


def _officer_name(rng: random.Random, used: set[str]) -> str:
    """A name whose first part nobody else on the roster has (they call each other by it)."""
    while True:
        origin = rng.choices(names.ORIGINS, weights=[o.weight for o in names.ORIGINS])[0]
        if rng.random() < 0.12:  # Polwan
            first, second = origin.female, origin.female_second
        else:
            first, second = origin.male, origin.male_second
        given = rng.choice(first)
        if given not in used:
            used.add(given)
            return f"{given} {rng.choice(second)}".upper()


def _nrp(rng: random.Random, rank: str, taken: set[str]) -> str:
    low, high = _BORN.get(rank, (1975, 1995))
    while True:
        nrp = f"{rng.randint(low, high) % 100:02d}{rng.randint(1, 12):02d}{rng.randint(0, 9999):04d}"
        if nrp not in taken:
            taken.add(nrp)
            return nrp
