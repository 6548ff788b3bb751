"""The Polres weekly review (`piket hub weekly`): one line per station and the totals, each
station's figures computed by the station's own figures module (app/weekly/figures.py) over
its records as the hub rebuilt them (app/hub/mirror.py), for the same week label in the
station's own time zone and week start. Stations whose history was refused are flagged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import psycopg

from app.hub.mirror import mirror_store
from app.weekly.figures import TREND_WEEKS, compute_weekly, station_week
from app.weekly.model import WeeklyFigures
from app.weekly.week import parse_week


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
    refusals: int  # histories refused by the hub (rewritten, bad signature): ever
    entries: int   # entries the hub holds

    @staticmethod
    def of(code: str, name: str, figures: WeeklyFigures, refusals: int,
           entries: int) -> StationLine:
        s, r = figures.summary, figures.response
        return StationLine(code, name, s.crime_total.current, s.crime_cleared.current,
                           s.three_c.current, r.needing_visit, r.reached, r.within_target,
                           figures.patrols.count.current, figures.community.meetings.current,
                           figures.community.issues_overdue, refusals, entries)


FIGURE_FIELDS = ("ct", "cc", "three_c", "needing_visit", "reached", "within_target",
                 "patrols", "meetings", "overdue_follow_ups")


@dataclass(frozen=True)
class PolresWeek:
    label: str
    lines: tuple[StationLine, ...]

    def total(self, field: str) -> int:
        return sum(int(getattr(line, field)) for line in self.lines)


LOOK_BACK = timedelta(weeks=TREND_WEEKS + 2)
"""How far before the week (by its label, in UTC) records are rebuilt: the trend's weeks,
the week before, and a margin for the station's own time zone and week start."""
LOOK_AHEAD = timedelta(days=8)
"""How far after the week's end (by its label, in UTC) records are rebuilt: the same margin
(a station's week may start up to six days after the ISO week, in a time zone up to 14 hours
off); records of later weeks never count in this one."""


def station_figures(conn: psycopg.Connection, code: str, label: str,
                    now: datetime) -> WeeklyFigures:
    """Station `code`'s review of week `label`, from its records at the hub."""
    iso = parse_week(label, 0, "UTC")
    with mirror_store(conn, code, lambda: now, since=iso.start_utc - LOOK_BACK,
                      until=iso.end_utc + LOOK_AHEAD) as store:
        week = station_week(store.profile(), label)
        return compute_weekly(store, week, now=now)


def polres_week(conn: psycopg.Connection, label: str, now: datetime) -> PolresWeek:
    """Every station's line of week `label` (WeekFormatError when the label is malformed)."""
    stations = conn.execute(
        "SELECT s.code, s.name, s.head_id, (SELECT count(*) FROM hub_refusals r "
        "WHERE r.station_code = s.code) FROM hub_stations s ORDER BY s.code").fetchall()
    lines = []
    for code, name, head, refused in stations:
        figures = station_figures(conn, str(code), label, now)
        lines.append(StationLine.of(str(code), str(name or figures.profile.name), figures,
                                    int(refused), int(head)))
    return PolresWeek(label, tuple(lines))
