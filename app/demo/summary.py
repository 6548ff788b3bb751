"""What the demo wrote, counted back from the store (not from the plan), in Indonesian."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from app.domain.codes import SERVICES
from app.domain.models import Officer, Vehicle
from app.store import Store, VisitFilter
from app.textid import format_date, format_number


@dataclass(frozen=True)
class DemoSummary:
    first: date
    last: date
    today: date
    seed: int
    officers: int
    vehicles: int
    visits: dict[str, int]  # service code -> records, voided ones included
    voided: int
    patrols: int
    meetings: int
    issues: int
    open_issues: int
    overdue_issues: int
    seconds: float

    @property
    def total_visits(self) -> int:
        return sum(self.visits.values())

    def lines(self) -> list[str]:
        weeks = ((self.last - self.first).days + 1) // 7
        out = [f"Data contoh dibuat untuk {format_date(self.first)} s.d. {format_date(self.last)} "
               f"({weeks} minggu, benih {self.seed}).",
               _row("Personel", self.officers), _row("Kendaraan", self.vehicles),
               _row("Kunjungan SPKT", self.total_visits,
                    f"{format_number(self.voided)} dibatalkan" if self.voided else "")]
        out.extend(_row(f"  {SERVICES[code]}", count) for code, count in self.visits.items())
        out.append(_row("Patroli", self.patrols))
        out.append(_row("Pertemuan warga", self.meetings))
        out.append(_row("Masalah warga", self.issues,
                        f"{format_number(self.open_issues)} masih terbuka, "
                        f"{format_number(self.overdue_issues)} lewat batas waktu"))
        out.append(f"{'Waktu':<32}: {format_number(self.seconds, 1)} detik")
        return out


def _row(label: str, count: int, detail: str = "") -> str:
    text = f"{label:<32}: {format_number(count)}"
    return f"{text} ({detail})" if detail else text


def summarize(store: Store, first: date, last: date, today: date, seed: int,
              seconds: float) -> DemoSummary:
    visits = {code: store.visits.count(VisitFilter(service=code)) for code in SERVICES}
    counting = store.visits.count(VisitFilter(include_voided=False))
    meetings = store.meetings.list(limit=10**9)
    return DemoSummary(
        first=first, last=last, today=today, seed=seed,
        officers=len(store.master.list(Officer)), vehicles=len(store.master.list(Vehicle)),
        visits=visits, voided=sum(visits.values()) - counting,
        patrols=len(store.patrols.list(limit=10**9)), meetings=len(meetings),
        issues=sum(len(m.issues) for m in meetings),
        open_issues=len(store.meetings.follow_ups(today=today)),
        overdue_issues=store.meetings.overdue_count(today), seconds=seconds)
