"""Crime reports of the demo: a citizen's LP model B from a story, and an officer's LP model A
for what a patrol found. Times and handling are planned in `walkins` / `handling`."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.demo import slots as slot_values
from app.demo.people import People, Person, weighted
from app.demo.stories import DRY_MONTHS, KINDS, Kind, Story
from app.domain.models import Loss, Party, Visit

# The new criminal code (UU 1/2023) applies to acts from this day; older acts keep the old
# article numbers. Which one a report cites follows the time of the act.
NEW_KUHP_FROM = date(2026, 1, 2)


@dataclass(frozen=True)
class LawBook:
    """Article codes per category, old and new KUHP (laws outside the KUHP apply to both)."""

    old: dict[str, tuple[str, ...]]
    new: dict[str, tuple[str, ...]]

    def cite(self, category: str, when: date) -> tuple[str, ...]:
        table = self.new if when >= NEW_KUHP_FROM else self.old
        code = "curat" if category == "curanmor" else category  # no article of its own
        return table.get(code, ())[:2]


@dataclass(frozen=True)
class Incident:
    visit: Visit  # the report's content; received time, officers and handling come later
    kind: Kind
    reporter: Person | None


class IncidentWriter:
    def __init__(self, rng: random.Random, people: People, desa: list[str], laws: LawBook,
                 tz_abbr: str, kecamatan: str) -> None:
        self._rng = rng
        self._people = people
        self._desa = desa
        self._laws = laws
        self._tz = tz_abbr
        self._kecamatan = kecamatan

    def pick_kind(self, month: int) -> Kind:
        options = [(k, k.weight * (4 if k.code == "kebakaran" and month in DRY_MONTHS else 1))
                   for k in KINDS]
        return weighted(self._rng, options)

    def citizen_report(self, kind: Kind, occurred_local: datetime) -> Incident:
        """An LP model B: the reporter, the story, suspects, victims, witnesses, losses."""
        rng = self._rng
        story = rng.choice(kind.stories)
        desa = rng.choice(self._desa)
        values = self._slots(occurred_local, desa)
        reporter = self._people.visitor(sex="P" if kind.code == "kdrt" else None,
                                        desa=desa if rng.random() < 0.8 else None)
        parties = [reporter.party("pelapor", self._reporter_note(story))]
        parties.extend(self._victims(story, reporter))
        parties.extend(self._suspects(story, reporter, kind, values))
        for _ in range(rng.choice((0, 1, 1, 2))):
            parties.append(self._people.new(desa=desa).brief("saksi"))
        losses = tuple(Loss(desc.format(**values), int(values[key])) for desc, key in story.losses)
        notable = rng.random() < kind.notable
        visit = Visit(
            service="lp", lp_model="B", received_at=occurred_local, parties=tuple(parties),
            occurred_at=occurred_local, incident_desa=desa, place_type=story.place_type,
            place_detail=story.place.format(**values), category=kind.code,
            narrative=self._narrative(story, values, losses),
            modus_operandi=story.modus.format(**values),
            law_articles=self._laws.cite(kind.code, occurred_local.date()), losses=losses,
            evidence=story.evidence.format(**values), notable=notable)
        return Incident(visit, kind, reporter)

    def officer_report(self, category: str, occurred_local: datetime, desa: str, place: str,
                       text: str, evidence: str) -> Visit:
        """An LP model A made by a patrol that caught someone in the act."""
        suspects = [self._people.new(sex="L", desa=desa, min_age=18, max_age=45).brief(
            "terlapor", "diamankan di tempat") for _ in range(self._rng.choice((1, 1, 2)))]
        witness = self._people.new(desa=desa).brief("saksi", "warga sekitar")
        values = self._slots(occurred_local, desa)
        text = (f"Pada {values['hari']}, {values['tanggal']}, sekitar pukul {values['jam']} di "
                f"{place}, Desa {desa}: {text}")
        return Visit(
            service="lp", lp_model="A", received_at=occurred_local,
            parties=(*suspects, witness), occurred_at=occurred_local, incident_desa=desa,
            place_type="lainnya", place_detail=place, category=category, narrative=text,
            modus_operandi="tertangkap tangan saat patroli", evidence=evidence,
            law_articles=self._laws.cite(category, occurred_local.date()),
            notable=category == "narkoba")

    # ------------------------------------------------------------------ pieces
    def _slots(self, when: datetime, desa: str) -> dict[str, Any]:
        others = [d for d in self._desa if d != desa] or [desa]
        return slot_values.slots(self._rng, when, desa, self._rng.choice(others), self._tz)

    def _reporter_note(self, story: Story) -> str:
        if story.victim:
            return {"anak": "orang tua korban", "orang tua": "anak korban"}.get(
                story.victim, "keluarga korban")
        return "" if story.suspect == "none" else "pelapor sekaligus korban"

    def _victims(self, story: Story, reporter: Person) -> list[Party]:
        if not story.victim:
            return []
        ages = {"anak": (12, 25), "orang tua": (50, 80)}.get(story.victim, (17, 70))
        relative = self._people.relative(reporter, sex=self._rng.choice("LP"), ages=ages)
        return [relative.party("korban", f"{story.victim} pelapor")]

    def _suspects(self, story: Story, reporter: Person, kind: Kind,
                  values: dict[str, Any]) -> list[Party]:
        rng = self._rng
        if story.suspect == "none":
            return []
        if story.suspect == "unknown":
            return [Party(role="terlapor", unknown=True, note=str(values["ciri"]))]
        if kind.code == "kdrt":
            husband = self._people.relative(reporter, sex="L")
            return [husband.brief("terlapor", "suami pelapor")]
        count = rng.randint(2, 4) if story.suspect == "many" else 1
        out = [self._people.new(sex="L", min_age=17, max_age=55).brief("terlapor")
               for _ in range(count)]
        if story.suspect == "many" and rng.random() < 0.5:
            out.append(Party(role="terlapor", unknown=True, note="beberapa orang lain belum dikenal"))
        return out

    def _narrative(self, story: Story, values: dict[str, Any], losses: tuple[Loss, ...]) -> str:
        rng = self._rng
        body = story.text.format(**values)
        place = story.place.format(**values)
        when = f"{values['hari']}, {values['tanggal']}, sekitar pukul {values['jam']}"
        opening = rng.randrange(4)
        if opening == 0:
            text = f"Pada hari {when} di {place}, Desa {values['desa']}, {body}"
        elif opening == 1:
            text = f"{_cap(values['waktu'])} {when}: {_cap(body)}"
        elif opening == 2:
            text = f"{_cap(body)} Kejadian {values['waktu']} {when} di {place}."
        else:
            text = (f"Menurut keterangan pelapor, pada {values['waktu']} {when}, di Desa "
                    f"{values['desa']} Kecamatan {self._kecamatan}, {body}")
        total = sum(loss.value_rp for loss in losses)
        endings = ["", " Pelapor datang ke SPKT untuk membuat laporan polisi."]
        if total:
            endings.append(f" Atas kejadian tersebut pelapor mengalami kerugian sekitar "
                           f"{slot_values.rupiah(total)} dan melapor guna pengusutan lebih lanjut.")
        return text + rng.choice(endings)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]
