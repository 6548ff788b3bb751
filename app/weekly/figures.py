"""Every figure of the weekly review (Anev mingguan) and of the home page, computed in this one
module from the store's facts (app/store/stats.py). The PDF and the screens only render the
WeeklyFigures / HomeFigures trees built here. Definitions: docs/WEEKLY.md.

Voided records never count; drafts are never read. Weeks and days are station time.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from app.domain.codes import MEETING_TYPES, PATROL_TYPES, SERVICES, SITUATIONS
from app.domain.models import Category, PlaceType, StationProfile
from app.domain.register import STAGES
from app.store import Store
from app.store.stats import KeyCount, LpFact, NotableFact
from app.weekly.model import (
    RESPONSE_TARGET_MINUTES,
    CategoryRow,
    Community,
    DayCount,
    Disasters,
    Handovers,
    HomeFigures,
    NotableLine,
    Patrols,
    Response,
    Row,
    Sp2hpFigures,
    Summary,
    TrendPoint,
    WeeklyFigures,
)
from app.weekly.week import Week, local_midnight_utc, parse_week, week_of_date, week_of_instant

TREND_WEEKS = 8
# Time bands of the day, station time: (first hour, end hour, label).
TIME_BANDS: tuple[tuple[int, int, str], ...] = (
    (0, 6, "00.00–06.00"), (6, 12, "06.00–12.00"), (12, 18, "12.00–18.00"),
    (18, 24, "18.00–24.00"),
)
NO_DESA = "(desa tidak diisi)"
NOTABLE_MAX_CHARS = 160


# ---------------------------------------------------------------------- weeks of a station


def station_week(profile: StationProfile, label: str) -> Week:
    """The station's week named ``label`` ("2024-W07"); WeekFormatError if malformed."""
    return parse_week(label, profile.week_start, profile.timezone)


def current_week(profile: StationProfile, now: datetime) -> Week:
    return week_of_instant(now, profile.week_start, profile.timezone)


def default_week(profile: StationProfile, now: datetime) -> Week:
    """The last complete week: what the Kapolsek reviews on Monday morning."""
    return current_week(profile, now).previous()


# ---------------------------------------------------------------------- the weekly review


def compute_weekly(store: Store, week: Week, *, now: datetime | None = None) -> WeeklyFigures:
    """All figures of the review of ``week``, as the store holds them now."""
    now = now or store.clock()
    fingerprint = store.audit_fingerprint()  # first: nothing below writes, but be explicit
    profile = store.profile()
    stats = store.stats
    last = week.previous()
    categories = store.master.list(Category)
    codes_3c = tuple(c.code for c in categories if c.is_3c)

    ct_now = _counts(stats.lp_counts_by_category(week.start_utc, week.end_utc))
    ct_last = _counts(stats.lp_counts_by_category(last.start_utc, last.end_utc))
    cc_now = _counts(stats.cleared_lp_by_category(week.start_utc, week.end_utc))
    cc_last = _counts(stats.cleared_lp_by_category(last.start_utc, last.end_utc))
    ct = Row("ct", "Jumlah tindak pidana (CT)", sum(ct_now.values()), sum(ct_last.values()))
    cc = Row("cc", "Penyelesaian tindak pidana (CC)", sum(cc_now.values()), sum(cc_last.values()))
    three_c = Row("3c", "3C (curat, curas, curanmor)", _sum_of(ct_now, codes_3c),
                  _sum_of(ct_last, codes_3c))
    summary = Summary(ct, cc, three_c, _ratio(cc.current, ct.current),
                      _ratio(cc.previous, ct.previous))

    facts_now = stats.lp_facts(week.start_utc, week.end_utc)
    facts_last = stats.lp_facts(last.start_utc, last.end_utc)
    return WeeklyFigures(
        week=week,
        profile=profile,
        summary=summary,
        categories=_category_rows(categories, ct_now, ct_last, cc_now),
        services=_service_rows(_counts(stats.visit_counts_by_service(week.start_utc, week.end_utc)),
                               _counts(stats.visit_counts_by_service(last.start_utc, last.end_utc))),
        trend=_trend(store, week, codes_3c),
        response=_response(facts_now, facts_last, stats.waiting_lp_count(week.end_utc)),
        by_desa=_desa_rows(facts_now, facts_last),
        by_time_band=_band_rows(facts_now, facts_last, profile.timezone),
        patrols=_patrols(store, week),
        community=_community(store, week),
        notable=_notable(store, stats.notable(week.start_utc, week.end_utc), categories,
                         profile.timezone),
        signed_on=min(week.end + timedelta(days=1), now.astimezone(week.zone).date()),
        audit_fingerprint=fingerprint,
        complete=now >= week.end_utc,
        handovers=_handovers(store, week, now),
        disasters=_disasters(store, week, categories),
        analysis=store.analyses.text(week),
        sp2hp=_sp2hp(store, week, now),
    )


def _sp2hp(store: Store, week: Week, now: datetime) -> Sp2hpFigures:
    """SP2HP letters and the LP register (docs/WEEKLY.md "The LP register"). Due and late
    are read from the register as it stands now: a letter sent after the week was late in
    it, but no longer shows as late."""
    stats, last = store.stats, week.previous()
    today = now.astimezone(week.zone).date()
    judged_on = min(week.end + timedelta(days=1), today)
    delays = stats.first_sp2hp_delays(week.start_utc, week.end_utc)
    at_end, at_last_end = (_counts(counts) for counts in
                           stats.lp_stages_at(week.end_utc, last.end_utc))
    return Sp2hpFigures(
        sent=Row("sp2hp_sent", "SP2HP terkirim", stats.sp2hp_sent(week.start_utc, week.end_utc),
                 stats.sp2hp_sent(last.start_utc, last.end_utc)),
        due=store.register.due_count(week.start, week.end),
        overdue=store.register.overdue_count(today=judged_on),
        first_letters=len(delays),
        median_days_to_first=statistics.median(delays) if delays else None,
        by_stage=tuple(Row(code, label, at_end.get(code, 0), at_last_end.get(code, 0))
                       for code, label in STAGES.items()))


def _handovers(store: Store, week: Week, now: datetime) -> Handovers:
    this = store.duty.handover_counts(week.start, week.end, now)
    last = week.previous()
    before = store.duty.handover_counts(last.start, last.end, now)
    return Handovers(Row("on_time", "Tepat waktu", this.on_time, before.on_time),
                     Row("late", "Terlambat", this.late, before.late),
                     Row("missing", "Belum diserahterimakan", this.missing, before.missing))


def _counts(rows: Iterable[KeyCount]) -> dict[str, int]:
    return {r.key: r.count for r in rows}


def _sum_of(counts: dict[str, int], keys: Iterable[str]) -> int:
    return sum(counts.get(k, 0) for k in keys)


def _ratio(part: int, whole: int) -> float | None:
    return None if whole == 0 else part / whole


def _category_rows(categories: tuple[Category, ...], now: dict[str, int], last: dict[str, int],
                   cleared: dict[str, int]) -> tuple[CategoryRow, ...]:
    """3C always (the Kapolsek looks there first), other categories when they have a count
    this week or last; codes missing from the master list keep their code as label."""
    known = {c.code for c in categories}
    rows = [CategoryRow(c.code, c.label, now.get(c.code, 0), last.get(c.code, 0),
                        cleared.get(c.code, 0), c.is_3c) for c in categories]
    for code in sorted((set(now) | set(last) | set(cleared)) - known):
        rows.append(CategoryRow(code, code or "(kategori tidak diisi)", now.get(code, 0),
                                last.get(code, 0), cleared.get(code, 0), False))
    rows = [r for r in rows if r.is_3c or r.current or r.previous or r.cleared]
    rows.sort(key=lambda r: not r.is_3c)  # stable: 3C first, then master-list order
    return tuple(rows)


def _disasters(store: Store, week: Week, categories: tuple[Category, ...]) -> Disasters:
    kinds = tuple(c for c in categories if c.is_disaster)
    codes = tuple(c.code for c in kinds)
    last = week.previous()
    now = _counts(store.stats.visit_counts_by_category(week.start_utc, week.end_utc, codes))
    before = _counts(store.stats.visit_counts_by_category(last.start_utc, last.end_utc, codes))
    rows = tuple(Row(c.code, c.label, now.get(c.code, 0), before.get(c.code, 0)) for c in kinds)
    total = Row("bencana", "Jumlah bencana (banjir, kebakaran, longsor, dll.)",
                sum(now.values()), sum(before.values()))
    return Disasters(total, rows)


def _service_rows(now: dict[str, int], last: dict[str, int]) -> tuple[Row, ...]:
    return tuple(Row(code, label, now.get(code, 0), last.get(code, 0))
                 for code, label in SERVICES.items())


def _trend(store: Store, week: Week, codes_3c: tuple[str, ...]) -> tuple[TrendPoint, ...]:
    points = []
    for w in week.trailing(TREND_WEEKS):
        counts = _counts(store.stats.lp_counts_by_category(w.start_utc, w.end_utc))
        points.append(TrendPoint(w, sum(counts.values()), _sum_of(counts, codes_3c)))
    return tuple(points)


def _response(facts: tuple[LpFact, ...], last: tuple[LpFact, ...], waiting: int) -> Response:
    needing = [f for f in facts if f.needs_visit]
    minutes = [_minutes(f) for f in needing if f.arrived_at is not None]
    within = sum(1 for m in minutes if m <= RESPONSE_TARGET_MINUTES)
    last_minutes = [_minutes(f) for f in last if f.needs_visit and f.arrived_at is not None]
    return Response(
        needing_visit=len(needing), reached=len(minutes), within_target=within,
        median_minutes=statistics.median(minutes) if minutes else None, waiting=waiting,
        share_within_target=_ratio(within, len(needing)),
        previous_median_minutes=statistics.median(last_minutes) if last_minutes else None)


def _minutes(fact: LpFact) -> float:
    assert fact.arrived_at is not None
    return (fact.arrived_at - fact.received_at).total_seconds() / 60


def _desa_rows(now: tuple[LpFact, ...], last: tuple[LpFact, ...]) -> tuple[Row, ...]:
    c_now = Counter(f.desa.strip() or NO_DESA for f in now)
    c_last = Counter(f.desa.strip() or NO_DESA for f in last)
    names = sorted(set(c_now) | set(c_last),
                   key=lambda n: (-c_now[n], -c_last[n], n.casefold()))
    return tuple(Row(n, n, c_now[n], c_last[n]) for n in names)


def _band_of(fact: LpFact, zone: ZoneInfo) -> str:
    """The band of the incident's time (occurred_at), or of the report when it is unknown."""
    hour = (fact.occurred_at or fact.received_at).astimezone(zone).hour
    return next(label for first, end, label in TIME_BANDS if first <= hour < end)


def _band_rows(now: tuple[LpFact, ...], last: tuple[LpFact, ...], tz: str) -> tuple[Row, ...]:
    zone = ZoneInfo(tz)
    c_now = Counter(_band_of(f, zone) for f in now)
    c_last = Counter(_band_of(f, zone) for f in last)
    return tuple(Row(label, label, c_now[label], c_last[label]) for _, _, label in TIME_BANDS)


def _patrols(store: Store, week: Week) -> Patrols:
    last = week.previous()
    stats = store.stats
    now, before = stats.patrols(week.start_utc, week.end_utc), stats.patrols(last.start_utc,
                                                                             last.end_utc)
    places = stats.patrol_places(week.start_utc, week.end_utc)
    places_last = stats.patrol_places(last.start_utc, last.end_utc)
    found, found_last = Counter(p.situation for p in places), Counter(p.situation for p in
                                                                      places_last)
    types, types_last = Counter(p.patrol_type for p in now), Counter(p.patrol_type for p in before)
    per_day = Counter(p.start_at.astimezone(week.zone).date() for p in now)
    return Patrols(
        count=Row("patrols", "Jumlah patroli", len(now), len(before)),
        hours=sum((p.end_at - p.start_at).total_seconds() for p in now) / 3600,
        previous_hours=sum((p.end_at - p.start_at).total_seconds() for p in before) / 3600,
        desa_covered=tuple(sorted({p.desa.strip() for p in places if p.desa.strip()},
                                  key=str.casefold)),
        findings=tuple(Row(code, label, found[code], found_last[code])
                       for code, label in SITUATIONS.items()),
        people_reached=Row("people", "Warga yang disapa", sum(p.people_reached for p in places),
                           sum(p.people_reached for p in places_last)),
        by_type=tuple(Row(code, label, types[code], types_last[code])
                      for code, label in PATROL_TYPES.items() if types[code] or types_last[code]),
        per_day=tuple(DayCount(day, per_day[day]) for day in week.days),
    )


def _community(store: Store, week: Week) -> Community:
    last = week.previous()
    stats = store.stats
    now, before = stats.meetings(week.start_utc, week.end_utc), stats.meetings(last.start_utc,
                                                                               last.end_utc)
    types, types_last = Counter(m.meeting_type for m in now), Counter(m.meeting_type for m in
                                                                      before)
    issues = stats.issue_counts(week.start_utc, week.end_utc, week.end + timedelta(days=1))
    return Community(
        meetings=Row("meetings", "Pertemuan warga", len(now), len(before)),
        participants=Row("participants", "Peserta", sum(m.participants for m in now),
                         sum(m.participants for m in before)),
        by_type=tuple(Row(code, label, types[code], types_last[code])
                      for code, label in MEETING_TYPES.items() if types[code] or types_last[code]),
        issues_raised=issues.raised, issues_closed=issues.closed, issues_open=issues.open,
        issues_overdue=issues.overdue,
    )


# ---------------------------------------------------------------------- notable incidents

# Abbreviations whose dot does not end a sentence ("Jl. Lintas Timur", "No. 12").
_ABBREVIATIONS = frozenset({
    "jl", "jln", "no", "sdr", "sdri", "bpk", "ibu", "rt", "rw", "kec", "kab", "ds", "dsn",
    "gg", "tgl", "pkl", "an", "dr", "ir", "h", "hj", "kel", "prov", "kp", "dkk", "dll", "st",
})
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_LONG_DIGITS = re.compile(r"\d[\d .\-]{6,}\d")  # NIK, phone or account numbers
_WORD = re.compile(r"\w+", re.UNICODE)


def first_sentence(text: str) -> str:
    """The first sentence of a narrative, whitespace collapsed."""
    flat = " ".join(text.split())
    for match in _SENTENCE_END.finditer(flat):
        before = _WORD.findall(flat[:match.start()][-12:])
        word = before[-1].lower() if before else ""
        if word in _ABBREVIATIONS or word.isdigit():
            continue
        return flat[:match.end()]
    return flat


def _shorten(text: str, limit: int = NOTABLE_MAX_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def names_in(text: str, names: Iterable[str]) -> bool:
    """Whether ``text`` holds any of ``names``, whole or any word of three letters or more
    of it (a narrative saying "korban Budi dipukul" names Budi Santoso)."""
    words = {w.casefold() for w in _WORD.findall(text)}
    folded = text.casefold()
    for name in names:
        name = " ".join(name.split())
        if not name:
            continue
        if name.casefold() in folded:
            return True
        if any(len(part) >= 3 and part.casefold() in words for part in _WORD.findall(name)):
            return True
    return False


def notable_text(narrative: str, names: Iterable[str], fallback: str) -> str:
    """The narrative's first sentence, unless it may name a person or carries a long number
    (NIK, phone): then ``fallback`` (category and place only)."""
    sentence = first_sentence(narrative)
    if not sentence or names_in(sentence, names) or _LONG_DIGITS.search(sentence):
        return fallback
    return _shorten(sentence)


def _notable(store: Store, facts: tuple[NotableFact, ...], categories: tuple[Category, ...],
             tz: str) -> tuple[NotableLine, ...]:
    if not facts:
        return ()
    labels = {c.code: c.label for c in categories}
    places = {p.code: p.label for p in store.master.list(PlaceType)}
    zone = ZoneInfo(tz)
    out = []
    for fact in facts:
        what = labels.get(fact.category) or SERVICES.get(fact.service, fact.service)
        place = places.get(fact.place_type, fact.place_type).strip().lower()
        desa = fact.desa.strip()
        where = f"di {place}" if place else (f"di Desa {desa}" if desa else "")
        fallback = f"{what} {where}".strip() + "."
        out.append(NotableLine((fact.occurred_at or fact.received_at).astimezone(zone), what,
                               desa or "-", notable_text(fact.narrative, fact.names, fallback)))
    return tuple(out)


# ---------------------------------------------------------------------- the home page


def compute_home(store: Store, *, now: datetime | None = None) -> HomeFigures:
    """This week so far, against last week up to the same moment, and today's patrols."""
    now = now or store.clock()
    profile = store.profile()
    week = current_week(profile, now)
    zone = week.zone
    categories = store.master.list(Category)
    codes_3c = tuple(c.code for c in categories if c.is_3c)
    stats = store.stats
    so_far = _counts(stats.lp_counts_by_category(week.start_utc, now))
    last = _counts(stats.lp_counts_by_category(week.previous().start_utc, now - timedelta(weeks=1)))
    today = now.astimezone(zone).date()
    day_start = local_midnight_utc(today, profile.timezone)
    day_end = local_midnight_utc(today + timedelta(days=1), profile.timezone)
    return HomeFigures(
        week=week, as_of=now,
        crime_total=Row("ct", "Laporan polisi (CT)", sum(so_far.values()), sum(last.values())),
        three_c=Row("3c", "3C", _sum_of(so_far, codes_3c), _sum_of(last, codes_3c)),
        waiting=stats.waiting_lp_count(now),
        overdue_follow_ups=store.meetings.overdue_count(today),
        patrols_today=len(stats.patrols(day_start, day_end)),
        trend=_trend(store, week, codes_3c),
        three_c_codes=codes_3c,
        overdue_sp2hp=store.register.overdue_count(today=today),
    )


def week_of_day(profile: StationProfile, day: date) -> Week:
    return week_of_date(day, profile.week_start, profile.timezone)
