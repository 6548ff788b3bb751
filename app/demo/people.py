"""Demo citizens: plausible names, NIKs that decode (region, birth date, +40 for women,
serial), phones normalised to +62 the way the form does, addresses in the kecamatan."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from app.demo import names
from app.domain.models import Party
from app.validation import normalize_phone

T = TypeVar("T")

# Mobile prefixes after the 0 (Telkomsel, Indosat, XL, Axis, Tri, Smartfren).
_MOBILE_PREFIXES = ("811", "812", "813", "821", "822", "823", "852", "853", "814", "815",
                    "816", "855", "856", "857", "858", "817", "818", "819", "859", "877",
                    "878", "831", "832", "838", "895", "896", "897", "898", "881", "882")
_REPEAT_VISITOR = 0.08  # share of visitors who already came before (same person, same NIK)


def weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    """One value of (value, weight) pairs."""
    return rng.choices([o[0] for o in options], weights=[o[1] for o in options])[0]


@dataclass(frozen=True)
class Person:
    name: str
    sex: str
    nik: str
    birth_place: str
    birth_date: date
    occupation: str
    religion: str
    phone: str
    street: str
    rt_rw: str
    desa: str
    kecamatan: str
    kabupaten: str

    def party(self, role: str, note: str = "") -> Party:
        return Party(role=role, name=self.name, nik=self.nik, sex=self.sex,
                     birth_place=self.birth_place, birth_date=self.birth_date,
                     occupation=self.occupation, religion=self.religion, phone=self.phone,
                     street=self.street, rt_rw=self.rt_rw, desa=self.desa,
                     kecamatan=self.kecamatan, kabupaten=self.kabupaten, note=note)

    def brief(self, role: str, note: str = "") -> Party:
        """A witness or a named suspect: name, sex, occupation and desa only."""
        return Party(role=role, name=self.name, sex=self.sex, occupation=self.occupation,
                     desa=self.desa, kecamatan=self.kecamatan, kabupaten=self.kabupaten,
                     note=note)


class People:
    """Makes residents; remembers them so some visitors come back (same person, same NIK)."""

    def __init__(self, rng: random.Random, desa: Sequence[str], today: date, *,
                 kecamatan: str, kabupaten: str, remember: bool = True) -> None:
        self._rng = rng
        self._desa = list(desa)
        self._today = today
        self._kecamatan = kecamatan
        self._kabupaten = kabupaten
        self._remember = remember
        self._niks: set[str] = set()
        self._known: list[Person] = []

    def visitor(self, *, sex: str | None = None, desa: str | None = None) -> Person:
        """Someone at the desk: now and then a person who came before."""
        rng = self._rng
        if self._known and rng.random() < _REPEAT_VISITOR:
            known = rng.choice(self._known)
            if (sex is None or known.sex == sex) and (desa is None or known.desa == desa):
                return known
        return self.new(sex=sex, desa=desa)

    def new(self, *, sex: str | None = None, desa: str | None = None, min_age: int = 17,
            max_age: int = 72) -> Person:
        rng = self._rng
        origin = weighted(rng, [(o, o.weight) for o in names.ORIGINS])
        sex = sex or rng.choice("LLP")  # men come to the desk more often
        born = self._today - timedelta(days=rng.randint(min_age * 365 + 5, max_age * 365))
        name = self._name(origin, sex)
        region = weighted(rng, origin.nik_regions)
        occupation = self._occupation(sex, self._today.year - born.year)
        if rng.random() < 0.9 or desa is not None:
            home_desa = desa or rng.choice(self._desa)
            kecamatan, kabupaten = self._kecamatan, self._kabupaten
        else:
            home_desa, kecamatan, kabupaten = rng.choice(names.OUTSIDE_ADDRESSES)
        religion = weighted(rng, origin.religions) if rng.random() < 0.85 else ""
        person = Person(
            name=name, sex=sex, nik=self._nik(region, born, sex),
            birth_place=rng.choice(origin.birth_places), birth_date=born,
            occupation=occupation, religion=religion,
            phone=self.phone() if rng.random() < 0.92 else "",
            street=rng.choice(names.STREETS), rt_rw=f"{rng.randint(1, 12):03d}/{rng.randint(1, 5):03d}",
            desa=home_desa, kecamatan=kecamatan, kabupaten=kabupaten)
        if self._remember:
            self._known.append(person)
        return person

    def relative(self, person: Person, *, sex: str, ages: tuple[int, int] = (17, 70)) -> Person:
        """Someone of the same household (spouse, child, parent): same address."""
        other = self.new(sex=sex, desa=person.desa, min_age=ages[0], max_age=ages[1])
        return replace(other, street=person.street, rt_rw=person.rt_rw,
                       kecamatan=person.kecamatan, kabupaten=person.kabupaten)

    def phone(self) -> str:
        rng = self._rng
        local = "0" + rng.choice(_MOBILE_PREFIXES) + "".join(
            str(rng.randint(0, 9)) for _ in range(rng.choice((7, 8, 8, 9))))
        normalised = normalize_phone(local)
        assert normalised, local
        return normalised

    def _name(self, origin: names.Origin, sex: str) -> str:
        rng = self._rng
        first, second = ((origin.male, origin.male_second) if sex == "L"
                         else (origin.female, origin.female_second))
        parts = [rng.choice(first)]
        if rng.random() < 0.8:
            parts.append(rng.choice(second))
        if origin is names.LOCAL and rng.random() < 0.07:
            parts.insert(0, rng.choice(names.MALE_TITLES if sex == "L" else names.FEMALE_TITLES))
        if len(parts) == 1 and rng.random() < 0.5:
            parts.append(rng.choice(first))  # "Siti Fatimah", "Joko Slamet"
        return " ".join(dict.fromkeys(parts))

    def _occupation(self, sex: str, age: int) -> str:
        if age < 20:
            return "Pelajar"
        if age > 62 and self._rng.random() < 0.5:
            return "Pensiunan" if self._rng.random() < 0.3 else "Tidak bekerja"
        options = names.OCCUPATIONS_MALE if sex == "L" else names.OCCUPATIONS_FEMALE
        job = weighted(self._rng, options)
        return "Wiraswasta" if job in ("Pelajar", "Mahasiswa") and age > 26 else job

    def _nik(self, region: str, born: date, sex: str) -> str:
        """`PP KK CC DDMMYY SSSS`; women's day + 40; serials from 0001, low ones likelier."""
        day = born.day + (40 if sex == "P" else 0)
        stem = f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}"
        for _ in range(50):
            serial = min(int(self._rng.expovariate(1 / 180)) + 1, 9999)
            nik = f"{stem}{serial:04d}"
            if nik not in self._niks:
                if self._remember:
                    self._niks.add(nik)
                return nik
        return f"{stem}{self._rng.randint(1, 9999):04d}"
