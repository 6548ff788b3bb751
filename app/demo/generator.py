"""`generate_demo`: fill a store with deterministic demo data for the weeks before today.

The period is `weeks` whole weeks (Monday-Sunday, station time) ending on the last Sunday
before `today`; `today` comes from the store's clock unless given. Everything is planned
from random.Random(seed) first, then written through the store API (with validation) on a
simulated clock, so the audit trail, numbers and histories are those of a real desk.
"""

from __future__ import annotations

import random
import time as wallclock
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from app.clock import Clock, utc_now
from app.demo.bulk import write_bulk_visits
from app.demo.desk import DeskWriter
from app.demo.handling import VisitPlan, schedule
from app.demo.incidents import IncidentWriter, LawBook
from app.demo.meetings import MeetingPlanner
from app.demo.patrols import PatrolPlanner, operation_name
from app.demo.people import People
from app.demo.roster import build_roster
from app.demo.summary import DemoSummary, summarize
from app.demo.timeline import Run, SimClock, Timeline
from app.demo.walkins import WalkinPlanner
from app.domain.models import Desa, LawArticle
from app.store import Store, VisitFilter

DEFAULT_WEEKS = 12
DEFAULT_SEED = 1


class DemoRefused(Exception):
    """The store already holds records; demo data is not mixed with real ones by accident."""

    def __init__(self, visits: int, has_patrols: bool, has_meetings: bool) -> None:
        super().__init__(f"{visits} visits, patrols: {has_patrols}, meetings: {has_meetings}")
        self.visits = visits
        self.has_patrols = has_patrols
        self.has_meetings = has_meetings


@dataclass(frozen=True)
class DemoOptions:
    weeks: int = DEFAULT_WEEKS
    seed: int = DEFAULT_SEED
    today: date | None = None  # None: the store clock's date in station time
    reports: int | None = None  # bulk: this many walk-ins instead of the daily rate
    force: bool = False


@dataclass(frozen=True)
class Period:
    first: date  # a Monday
    last: date  # a Sunday
    today: date

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=i) for i in range((self.last - self.first).days + 1)]


@dataclass
class Progress:
    """Messages for the CLI; silent by default."""

    say: Callable[[str], None] = field(default=lambda _text: None)


def demo_period(today: date, weeks: int) -> Period:
    """`weeks` whole weeks ending on the last Sunday before `today`."""
    last = today - timedelta(days=today.weekday() + 1)
    return Period(last - timedelta(days=7 * weeks - 1), last, today)


def generate_demo(path: Path, options: DemoOptions, *, clock: Clock = utc_now,
                  progress: Progress | None = None, key: bytes | None = None) -> DemoSummary:
    """Fill the store at `path` (encrypted: opened with its data `key`); raises DemoRefused
    when it already has records (unless `force`), InvalidRecord if a demo record fails
    validation (a bug of the demo)."""
    if options.weeks < 1:
        raise ValueError("weeks must be at least 1")
    say = (progress or Progress()).say
    started = wallclock.perf_counter()
    sim = SimClock(clock())
    with Store(path, clock=sim, key=key) as store:
        _refuse_if_not_empty(store, options.force)
        profile = store.profile()
        tz = ZoneInfo(profile.timezone)
        period = demo_period(options.today or sim().astimezone(tz).date(), options.weeks)
        end = datetime.combine(period.last + timedelta(days=1), time(), tz)
        say(f"Membuat data contoh di {path} ...")
        rng = random.Random(options.seed)
        desa = [d.name for d in store.master.list(Desa, active_only=True)]
        sim.when = datetime.combine(period.first - timedelta(days=14), time(9), tz)
        if not store.settings.has_station_profile():  # set up, so the app opens at once
            store.settings.save_station_profile(profile, None)
        roster = build_roster(store, rng, desa, None)
        people = People(rng, desa, period.today, kecamatan=profile.kecamatan,
                        kabupaten=profile.kabupaten, remember=options.reports is None)
        incidents = IncidentWriter(rng, people, desa, _law_book(store), profile.tz_abbreviation,
                                   profile.kecamatan)
        walkins = WalkinPlanner(rng, roster, incidents, DeskWriter(rng, people, desa), tz, end)
        timeline = Timeline(end)
        _plan(rng, period, timeline, walkins, PatrolPlanner(rng, roster, desa, tz, incidents),
              MeetingPlanner(rng, roster, desa, tz, period.today), bulk=options.reports is not None)
        say(f"Menulis {len(timeline)} kejadian terencana ...")
        timeline.run(Run(store), sim, tz)
        if options.reports is not None:
            write_bulk_visits(store, sim, walkins, period.days, options.reports, end, say)
        return summarize(store, period.first, period.last, period.today, options.seed,
                         wallclock.perf_counter() - started)


def _plan(rng: random.Random, period: Period, timeline: Timeline, walkins: WalkinPlanner,
          patrols: PatrolPlanner, meetings: MeetingPlanner, *, bulk: bool) -> None:
    days = period.days
    operation_days: set[date] = set()
    operation = ""
    if len(days) >= 21:
        start = rng.randrange(7, len(days) - 12)
        operation_days = set(days[start:start + 12])
        operation = operation_name(days[start], rng)
    plans: list[VisitPlan] = []
    for week_start in range(0, len(days), 7):
        week = days[week_start:week_start + 7]
        if not bulk:
            plans.extend(walkins.plan_week(week))
        catch_day = rng.choice(week) if week_start == 0 or rng.random() < 0.8 else None
        for day in week:
            patrols.plan_day(timeline, day, operation=operation if day in operation_days else "",
                             catch=day == catch_day)
        meetings.plan_week(timeline, week, timeline.end)
    for plan in plans + walkins.duplicates(plans):
        schedule(timeline, plan)


def _law_book(store: Store) -> LawBook:
    old: dict[str, list[str]] = {}
    new: dict[str, list[str]] = {}
    for article in store.master.list(LawArticle, active_only=True):
        if not article.category_code:
            continue
        targets = {"kuhp_lama": (old,), "kuhp_baru": (new,)}.get(article.law, (old, new))
        for table in targets:
            table.setdefault(article.category_code, []).append(article.code)
    return LawBook({k: tuple(v) for k, v in old.items()}, {k: tuple(v) for k, v in new.items()})


def _refuse_if_not_empty(store: Store, force: bool) -> None:
    visits = store.visits.count(VisitFilter())
    patrols = bool(store.patrols.list(limit=1))
    meetings = bool(store.meetings.list(limit=1))
    if (visits or patrols or meetings) and not force:
        raise DemoRefused(visits, patrols, meetings)
