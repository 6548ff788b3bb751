"""The Polres weekly review (`piket hub weekly`): one line per station and the totals, each
station's figures computed by the station's own figures module (app/weekly/figures.py) over
its records as the hub rebuilt them (the Polres mirror, app/hub/mirror.py, brought up to
date first), for the same week label in the station's own time zone and week start.
Stations whose history was refused are flagged. A station's line is kept beside its mirror
for the week, the entry the mirror stands at and the moment the figures were judged at (up
to a few days after the week: later, nothing of a week's figures moves with the clock), so
that a review again reads it instead of computing it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import psycopg

from app.hub.mirror import Mirrors
from app.outputs import write_bytes
from app.weekly.figures import compute_weekly, station_week
from app.weekly.model import WeeklyFigures


@dataclass(frozen=True)
class StationLine:
    """What the Polres table shows of one station's week (the station review's figures)."""

    code: str
    name: str
    ct: int
    cc: int
    three_c: int
    needing_visit: int
    reached: int
    within_target: int
    patrols: int
    meetings: int
    overdue_follow_ups: int
    sp2hp_sent: int
    sp2hp_due: int
    sp2hp_overdue: int
    refusals: int  # histories refused by the hub (rewritten, bad signature): ever
    entries: int   # entries the hub holds

    @staticmethod
    def of(code: str, name: str, figures: WeeklyFigures, refusals: int,
           entries: int) -> StationLine:
        s, r, letters = figures.summary, figures.response, figures.sp2hp
        sent, due, overdue = (0, 0, 0) if letters is None else (
            letters.sent.current, letters.due, letters.overdue)
        return StationLine(code, name, s.crime_total.current, s.crime_cleared.current,
                           s.three_c.current, r.needing_visit, r.reached, r.within_target,
                           figures.patrols.count.current, figures.community.meetings.current,
                           figures.community.issues_overdue, sent, due, overdue, refusals,
                           entries)


FIGURE_FIELDS = ("ct", "cc", "three_c", "needing_visit", "reached", "within_target",
                 "patrols", "meetings", "overdue_follow_ups", "sp2hp_sent", "sp2hp_due",
                 "sp2hp_overdue")


@dataclass(frozen=True)
class PolresWeek:
    label: str
    lines: tuple[StationLine, ...]

    def total(self, field: str) -> int:
        return sum(int(getattr(line, field)) for line in self.lines)


SETTLED = timedelta(days=3)
"""After a week's end, how long its figures may still move with the clock (the late SP2HP
judged on the day after it, the last shift's handover deadline in any time zone): the
moment a cached line was judged at is the review's, capped there."""
KEPT_LINES = 64  # cached lines kept a station


def station_figures(mirrors: Mirrors, code: str, label: str, now: datetime) -> WeeklyFigures:
    """Station `code`'s review of week `label`, from its records at the hub."""
    with mirrors.station(code) as (store, _):
        return compute_weekly(store, station_week(store.profile(), label), now=now)


def polres_week(conn: psycopg.Connection, label: str, now: datetime, *,
                folder: Path | None = None) -> PolresWeek:
    """Every station's line of week `label` (WeekFormatError when the label is malformed);
    `folder`: the mirror's (default: in the user cache folder, by the hub's identity)."""
    mirrors = Mirrors(conn, lambda: now, folder)
    stations = conn.execute(
        "SELECT s.code, s.name, s.head_id, (SELECT count(*) FROM hub_refusals r "
        "WHERE r.station_code = s.code) FROM hub_stations s ORDER BY s.code").fetchall()
    lines = []
    for code, name, head, refused in stations:
        lines.append(_line(mirrors, str(code), str(name or ""), label, now, int(refused),
                           int(head)))
    return PolresWeek(label, tuple(lines))


def _line(mirrors: Mirrors, code: str, name: str, label: str, now: datetime, refused: int,
          head: int) -> StationLine:
    cache_path = mirrors.path(code).with_suffix(".lines.json")
    with mirrors.station(code) as (store, caught_up):
        cache = {} if caught_up.built else _read_cache(cache_path)
        week = station_week(store.profile(), label)
        key = f"{label}|{caught_up.applied_id}|{min(now, week.end_utc + SETTLED).isoformat()}"
        kept = cache.get(key)
        if not isinstance(kept, dict) or set(kept) != {*FIGURE_FIELDS, "name"}:
            figures = compute_weekly(store, week, now=now)
            line = StationLine.of(code, name or figures.profile.name, figures, 0, 0)
            kept = {f: getattr(line, f) for f in (*FIGURE_FIELDS, "name")}
            cache = dict(list(cache.items())[-(KEPT_LINES - 1):])
            cache[key] = kept
            write_bytes(cache_path, json.dumps(cache).encode())
    return StationLine(code=code, name=str(kept["name"]), refusals=refused, entries=head,
                       **{f: int(kept[f]) for f in FIGURE_FIELDS})


def _read_cache(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
