"""The figures of the weekly review as a tree of frozen dataclasses (WeeklyFigures, and the
smaller HomeFigures of the home page). app/weekly/figures.py fills them from the store; the PDF
(app/weekly/pdf.py) and the screens (ui/weekly, ui/home) only render them.
Definitions of every figure: docs/WEEKLY.md."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from app.domain.models import StationProfile
from app.weekly.week import Week

RESPONSE_TARGET_MINUTES = 10  # the national target since 2026 (DOMAIN.md, weekly review 4)


@dataclass(frozen=True)
class Row:
    """A labelled count this week and the week before."""

    key: str
    label: str
    current: int
    previous: int

    @property
    def delta(self) -> int:
        return self.current - self.previous

    @property
    def percent(self) -> float | None:
        """Change against last week in percent; None when last week was 0."""
        if self.previous == 0:
            return None
        return 100.0 * self.delta / self.previous


@dataclass(frozen=True)
class CategoryRow(Row):
    cleared: int = 0  # LP of this category cleared this week (part of CC)
    is_3c: bool = False


@dataclass(frozen=True)
class TrendPoint:
    week: Week
    crimes: int  # CT
    crimes_3c: int


@dataclass(frozen=True)
class Summary:
    crime_total: Row  # CT
    crime_cleared: Row  # CC
    three_c: Row
    clearance_rate: float | None  # CC / CT as a fraction; None for a week without LP
    previous_clearance_rate: float | None


@dataclass(frozen=True)
class Response:
    needing_visit: int  # LP of the week that needed an officer at the scene
    reached: int  # of those, with an arrival time
    within_target: int  # reached within RESPONSE_TARGET_MINUTES
    median_minutes: float | None  # over the reached ones
    waiting: int  # LP still waiting for a visit at the end of the week (any week received)
    share_within_target: float | None  # within_target / needing_visit; None when 0 needed
    previous_median_minutes: float | None = None
    target_minutes: int = RESPONSE_TARGET_MINUTES


@dataclass(frozen=True)
class DayCount:
    day: date
    count: int


@dataclass(frozen=True)
class Patrols:
    count: Row
    hours: float
    previous_hours: float
    desa_covered: tuple[str, ...]
    findings: tuple[Row, ...]  # aman, pg, ag, gn: places visited with that situation
    people_reached: Row
    by_type: tuple[Row, ...]
    per_day: tuple[DayCount, ...]


@dataclass(frozen=True)
class Community:
    meetings: Row
    participants: Row
    by_type: tuple[Row, ...]
    issues_raised: int
    issues_closed: int
    issues_open: int
    issues_overdue: int


@dataclass(frozen=True)
class NotableLine:
    """One notable incident, without citizen names: when (station time), what, where, and a
    short description (the narrative's first sentence, or category and place only)."""

    at: datetime
    category: str
    desa: str
    text: str


@dataclass(frozen=True)
class Handovers:
    """Shifts of the week (by the day they start) handed over on time, late, and not at all
    (only shifts whose deadline had passed); `current` this week, `previous` last week."""

    on_time: Row
    late: Row
    missing: Row

    def text(self) -> str:
        def part(row_now: int, row_late: int, row_missing: int) -> str:
            return (f"{row_now} tepat waktu, {row_late} terlambat, {row_missing} belum "
                    "diserahterimakan")

        return (f"{part(self.on_time.current, self.late.current, self.missing.current)} "
                f"(minggu lalu: {part(self.on_time.previous, self.late.previous, self.missing.previous)})")


@dataclass(frozen=True)
class Disasters:
    """Disasters (bencana) reported in the week: walk-ins of any service received in the week
    whose category is in the group "bencana", per category and in all."""

    total: Row
    by_kind: tuple[Row, ...]  # every disaster category, in the order of the category list


@dataclass(frozen=True)
class Sp2hpFigures:
    """The LP register in the week (issue 18; docs/WEEKLY.md): SP2HP letters sent, due and
    late, the days from the LP to its first letter, and LPs by stage at the week's end."""

    sent: Row  # letters issued this week (and last week)
    due: int  # LPs whose next SP2HP falls due within the week (the register as it is now)
    overdue: int  # LPs whose SP2HP was due before the week ended and is still not sent
    first_letters: int  # LPs whose first SP2HP went out this week
    median_days_to_first: float | None  # over those; None without any
    by_stage: tuple[Row, ...]  # every stage in order: at the end of this week and of last


@dataclass(frozen=True)
class WeeklyFigures:
    week: Week
    profile: StationProfile
    summary: Summary
    categories: tuple[CategoryRow, ...]
    services: tuple[Row, ...]
    trend: tuple[TrendPoint, ...]
    response: Response
    by_desa: tuple[Row, ...]
    by_time_band: tuple[Row, ...]
    patrols: Patrols
    community: Community
    notable: tuple[NotableLine, ...]
    signed_on: date  # the date above the signature
    audit_fingerprint: str  # of the newest audit entry when the figures were taken
    complete: bool  # False while the week is still running
    handovers: Handovers | None = None  # serah terima dinas (the buku mutasi, issue 19)
    disasters: Disasters = Disasters(Row("bencana", "Bencana", 0, 0), ())
    analysis: str = ""  # the Kapolsek's "Analisa dan langkah-langkah" ("" not written yet)
    sp2hp: Sp2hpFigures | None = None  # the LP register (issue 18)

    @property
    def empty(self) -> bool:
        """No LP at all this week (the review says so)."""
        return self.summary.crime_total.current == 0


@dataclass(frozen=True)
class HomeFigures:
    """The home page: this week so far against last week up to the same moment."""

    week: Week
    as_of: datetime
    crime_total: Row
    three_c: Row
    waiting: int
    overdue_follow_ups: int
    patrols_today: int
    trend: tuple[TrendPoint, ...]
    three_c_codes: tuple[str, ...]
    overdue_sp2hp: int = 0  # LPs whose SP2HP is late today (the LP register)
