"""The SQL behind the weekly review (Anev) and the home page: small, read-only queries over a
time window [start, end) that return compact frozen facts. What the facts mean, and every
figure made from them, is decided in app/weekly/figures.py (definitions: docs/WEEKLY.md).

Rules every query here keeps: voided records never count (``voided_at IS NULL``); drafts live
in their own table and are never read; times are compared as the UTC ISO text the store
writes (dt_to_db), which sorts like the instants it names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from app.domain.codes import FINAL_STATUSES, OPEN_ISSUE_STATUSES
from app.domain.register import CLEARED_STAGES
from app.store.records import StoreContext
from app.store.serialize import dt_from_db, dt_to_db

_CLEARED = ", ".join(f"'{s}'" for s in sorted(CLEARED_STAGES))
_FINAL = ", ".join(f"'{s}'" for s in sorted(FINAL_STATUSES))
_OPEN = ", ".join(f"'{s}'" for s in sorted(OPEN_ISSUE_STATUSES))
_LIVE_LP = "v.service = 'lp' AND v.voided_at IS NULL"


@dataclass(frozen=True)
class KeyCount:
    key: str
    count: int


@dataclass(frozen=True)
class LpFact:
    """One counted LP: what "where and when" and "response" need, and nothing personal."""

    id: int
    category: str
    desa: str
    received_at: datetime
    occurred_at: datetime | None
    needs_visit: bool
    arrived_at: datetime | None


@dataclass(frozen=True)
class NotableFact:
    """A visit flagged as a notable incident (kejadian menonjol). ``names`` are the names of
    every party of the record: they are only there so the line printed from the narrative
    can be checked not to contain them, and must never be shown."""

    id: int
    service: str
    category: str
    desa: str
    place_type: str
    received_at: datetime
    occurred_at: datetime | None
    narrative: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class PatrolFact:
    id: int
    patrol_type: str
    start_at: datetime
    end_at: datetime


@dataclass(frozen=True)
class PatrolPlaceFact:
    patrol_id: int
    desa: str
    situation: str
    people_reached: int


@dataclass(frozen=True)
class MeetingFact:
    id: int
    meeting_type: str
    held_at: datetime
    participants: int


@dataclass(frozen=True)
class IssueCounts:
    raised: int  # issues of meetings held in the window
    closed: int  # issues first closed (selesai / diteruskan) in the window
    open: int  # issues open at the end of the window
    overdue: int  # of those, past their due date at the end of the window


class StatsRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    def _all(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        return list(self._ctx.db.execute(sql, params).fetchall())

    @staticmethod
    def _window(start: datetime, end: datetime) -> list[Any]:
        return [dt_to_db(start), dt_to_db(end)]

    # ------------------------------------------------------------------ visits
    def visit_counts_by_service(self, start: datetime, end: datetime) -> tuple[KeyCount, ...]:
        rows = self._all(
            "SELECT service, count(*) FROM visits WHERE voided_at IS NULL "
            "AND received_at >= ? AND received_at < ? GROUP BY service ORDER BY service",
            self._window(start, end))
        return tuple(KeyCount(str(k), int(n)) for k, n in rows)

    def visit_counts_by_category(self, start: datetime, end: datetime,
                                 codes: tuple[str, ...]) -> tuple[KeyCount, ...]:
        """Walk-ins of any service received in the window whose category is one of
        `codes` (the disasters of the weekly review), per category code."""
        if not codes:
            return ()
        marks = ", ".join("?" * len(codes))
        rows = self._all(
            "SELECT category, count(*) FROM visits WHERE voided_at IS NULL "
            f"AND received_at >= ? AND received_at < ? AND category IN ({marks}) "
            "GROUP BY category ORDER BY category", [*self._window(start, end), *codes])
        return tuple(KeyCount(str(k), int(n)) for k, n in rows)

    def lp_counts_by_category(self, start: datetime, end: datetime) -> tuple[KeyCount, ...]:
        """LP (model A and B) received in the window, per category code."""
        rows = self._all(
            f"SELECT v.category, count(*) FROM visits v WHERE {_LIVE_LP} "
            "AND v.received_at >= ? AND v.received_at < ? GROUP BY v.category "
            "ORDER BY v.category", self._window(start, end))
        return tuple(KeyCount(str(k), int(n)) for k, n in rows)

    def lp_facts(self, start: datetime, end: datetime) -> tuple[LpFact, ...]:
        rows = self._all(
            "SELECT v.id, v.category, v.incident_desa, v.received_at, v.occurred_at, "
            f"v.needs_visit, v.arrived_at FROM visits v WHERE {_LIVE_LP} "
            "AND v.received_at >= ? AND v.received_at < ? ORDER BY v.received_at, v.id",
            self._window(start, end))
        out = []
        for vid, category, desa, received, occurred, needs, arrived in rows:
            received_at = dt_from_db(received)
            assert received_at is not None
            out.append(LpFact(int(vid), str(category), str(desa), received_at,
                              dt_from_db(occurred), bool(needs), dt_from_db(arrived)))
        return tuple(out)

    def cleared_lp_by_category(self, start: datetime, end: datetime) -> tuple[KeyCount, ...]:
        """LP whose investigation stage first became a cleared one (CLEARED_STAGES: Tahap II,
        selesai, RJ, SP3) inside the window, whenever received (from the stage history),
        per category code (docs/WEEKLY.md)."""
        rows = self._all(
            "SELECT v.category, count(*) FROM lp_stage_history h "
            f"JOIN visits v ON v.id = h.visit_id WHERE {_LIVE_LP} "
            f"AND h.stage IN ({_CLEARED}) AND h.at >= ? AND h.at < ? "
            "AND NOT EXISTS (SELECT 1 FROM lp_stage_history e WHERE e.visit_id = h.visit_id "
            f"  AND e.stage IN ({_CLEARED}) AND (e.at < h.at OR (e.at = h.at AND e.id < h.id))) "
            "GROUP BY v.category ORDER BY v.category", self._window(start, end))
        return tuple(KeyCount(str(k), int(n)) for k, n in rows)

    # ------------------------------------------------------------------ the LP register
    # The letters of the window first (index sp2hp_letters_issued), then their LP by its id:
    # "CROSS JOIN" keeps that order. As a plain JOIN SQLite started from the LPs (index
    # visits_service) and looked up each one's letters: 0.3 s a call at a million records.
    def sp2hp_sent(self, start: datetime, end: datetime) -> int:
        """SP2HP letters issued in the window (of live LPs; voided letters never count)."""
        row = self._ctx.db.execute(
            "SELECT count(*) FROM sp2hp_letters s CROSS JOIN visits v ON v.id = s.visit_id "
            f"WHERE {_LIVE_LP} AND s.voided_at IS NULL AND s.issued_at >= ? AND s.issued_at < ?",
            self._window(start, end)).fetchone()
        return int(row[0])

    def first_sp2hp_delays(self, start: datetime, end: datetime) -> tuple[float, ...]:
        """Days from the LP to its first SP2HP, for the LPs whose first letter was issued in
        the window: the letters of the window with no earlier one of their LP (by issue time,
        then id), so only the window's letters are read, not every letter ever issued."""
        rows = self._all(
            "SELECT v.received_at, s.issued_at FROM sp2hp_letters s "
            f"CROSS JOIN visits v ON v.id = s.visit_id WHERE {_LIVE_LP} AND s.voided_at IS NULL "
            "AND s.issued_at >= ? AND s.issued_at < ? "
            "AND NOT EXISTS (SELECT 1 FROM sp2hp_letters e WHERE e.visit_id = s.visit_id "
            "  AND e.voided_at IS NULL AND (e.issued_at < s.issued_at "
            "  OR (e.issued_at = s.issued_at AND e.id < s.id)))",
            self._window(start, end))
        out = []
        for received, first in rows:
            received_at, first_at = dt_from_db(received), dt_from_db(first)
            assert received_at is not None and first_at is not None
            out.append((first_at - received_at).total_seconds() / 86400)
        return tuple(out)

    def lp_stages_at(self, *ends: datetime) -> tuple[tuple[KeyCount, ...], ...]:
        """For each of `ends`: live LPs received before it by their stage at it. Counted from
        the live LPs by their stage now (one pass over the narrow index lp_cases_live_stage,
        once for all `ends`), less those received or moved since the end (indexes
        lp_cases_received and lp_cases_changed), which count by their stage then (the newest
        stage-history row before the end; "diterima" when there is none). The work past the
        one pass grows with the LPs received or moved since the end: little for last week."""
        now: Counter[str] = Counter()
        for stage, n in self._all("SELECT stage, count(*) FROM lp_cases WHERE voided = 0 "
                                  "GROUP BY stage", []):
            now[str(stage)] += int(n)
        out = []
        for end in ends:
            at = dt_to_db(end)
            counts = Counter(now)
            for stage, stage_then, n in self._all(
                    "SELECT c.stage, CASE WHEN c.received_at < ? THEN coalesce(("
                    "  SELECT h.stage FROM lp_stage_history h WHERE h.visit_id = c.visit_id "
                    "  AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1), 'diterima') END, "
                    "count(*) FROM lp_cases c WHERE +c.voided = 0 AND c.visit_id IN ("
                    "  SELECT visit_id FROM lp_cases WHERE received_at >= ? UNION ALL "
                    "  SELECT visit_id FROM lp_cases WHERE stage_at >= ?) GROUP BY 1, 2",
                    [at, at, at, at]):
                counts[str(stage)] -= int(n)
                if stage_then is not None:
                    counts[str(stage_then)] += int(n)
            out.append(tuple(KeyCount(k, n) for k, n in sorted(counts.items()) if n))
        return tuple(out)

    def waiting_lp_count(self, as_of: datetime) -> int:
        """LP needing a visit to the scene, received before ``as_of``, that at ``as_of`` had
        no arrival yet and no final status (their status then, from the history)."""
        at = dt_to_db(as_of)
        total = 0
        # Not arrived, or arrived since: each a range of the small index of live LP needing a
        # visit (visits_waiting). Asked as one OR, SQLite read all of that index (every LP
        # that ever needed a visit: 150 ms at a million records encrypted).
        for arrival, params in (("v.arrived_at IS NULL", []), ("v.arrived_at >= ?", [at])):
            total += int(self._ctx.db.execute(
                f"SELECT count(*) FROM visits v WHERE {_LIVE_LP} AND v.needs_visit = 1 "
                f"AND {arrival} AND v.received_at < ? "
                "AND coalesce((SELECT h.status FROM visit_status_history h "
                "  WHERE h.visit_id = v.id AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1), "
                f"  'diterima') NOT IN ({_FINAL})", [*params, at, at]).fetchone()[0])
        return total

    def notable(self, start: datetime, end: datetime) -> tuple[NotableFact, ...]:
        """Visits of any service flagged notable, received in the window, oldest first."""
        rows = self._all(
            "SELECT id, service, category, incident_desa, place_type, received_at, "
            "occurred_at, narrative FROM visits WHERE voided_at IS NULL AND notable = 1 "
            "AND received_at >= ? AND received_at < ? ORDER BY received_at, id",
            self._window(start, end))
        if not rows:
            return ()
        ids = [int(r[0]) for r in rows]
        names: dict[int, list[str]] = {i: [] for i in ids}
        marks = ", ".join("?" * len(ids))
        for visit_id, name in self._all(
                f"SELECT visit_id, name FROM visit_parties WHERE visit_id IN ({marks}) "
                "AND name != '' ORDER BY visit_id, position", ids):
            names[int(visit_id)].append(str(name))
        out = []
        for vid, service, category, desa, place, received, occurred, narrative in rows:
            received_at = dt_from_db(received)
            assert received_at is not None
            out.append(NotableFact(int(vid), str(service), str(category), str(desa), str(place),
                                   received_at, dt_from_db(occurred), str(narrative),
                                   tuple(names[int(vid)])))
        return tuple(out)

    # ------------------------------------------------------------------ patrols
    def patrols(self, start: datetime, end: datetime) -> tuple[PatrolFact, ...]:
        """Patrols that started in the window, oldest first."""
        rows = self._all(
            "SELECT id, patrol_type, start_at, end_at FROM patrols WHERE voided_at IS NULL "
            "AND start_at >= ? AND start_at < ? ORDER BY start_at, id", self._window(start, end))
        out = []
        for pid, kind, start_at, end_at in rows:
            begun, ended = dt_from_db(start_at), dt_from_db(end_at)
            assert begun is not None and ended is not None
            out.append(PatrolFact(int(pid), str(kind), begun, ended))
        return tuple(out)

    def patrol_places(self, start: datetime, end: datetime) -> tuple[PatrolPlaceFact, ...]:
        """The places visited by the patrols that started in the window."""
        rows = self._all(
            "SELECT p.patrol_id, p.desa, p.situation, p.people_reached FROM patrol_places p "
            "JOIN patrols t ON t.id = p.patrol_id WHERE t.voided_at IS NULL "
            "AND t.start_at >= ? AND t.start_at < ? ORDER BY t.start_at, t.id, p.position",
            self._window(start, end))
        return tuple(PatrolPlaceFact(int(a), str(b), str(c), int(d)) for a, b, c, d in rows)

    # ------------------------------------------------------------------ meetings
    def meetings(self, start: datetime, end: datetime) -> tuple[MeetingFact, ...]:
        rows = self._all(
            "SELECT m.id, m.meeting_type, m.held_at, "
            "  (SELECT coalesce(sum(p.count), 0) FROM meeting_participants p "
            "   WHERE p.meeting_id = m.id) "
            "FROM meetings m WHERE m.voided_at IS NULL AND m.held_at >= ? AND m.held_at < ? "
            "ORDER BY m.held_at, m.id", self._window(start, end))
        out = []
        for mid, kind, held, participants in rows:
            held_at = dt_from_db(held)
            assert held_at is not None
            out.append(MeetingFact(int(mid), str(kind), held_at, int(participants)))
        return tuple(out)

    def issue_counts(self, start: datetime, end: datetime, first_day_after: date) -> IssueCounts:
        """Issues raised in the window, first closed in it, and open / overdue at its end.
        An issue's status at the end is the newest history entry before it ("terbuka" when
        none: it was raised at the meeting but entered later); overdue = open with a due
        date before ``first_day_after`` (the first station-time day after the window)."""
        window = self._window(start, end)
        live = "JOIN meetings m ON m.id = i.meeting_id AND m.voided_at IS NULL"
        raised = self._ctx.db.execute(
            f"SELECT count(*) FROM meeting_issues i {live} WHERE m.held_at >= ? "
            "AND m.held_at < ?", window).fetchone()[0]
        closed_set = "'selesai', 'diteruskan'"
        closed = self._ctx.db.execute(
            "SELECT count(*) FROM meeting_issue_history h "
            f"JOIN meeting_issues i ON i.id = h.issue_id {live} "
            f"WHERE h.status IN ({closed_set}) AND h.at >= ? AND h.at < ? "
            "AND NOT EXISTS (SELECT 1 FROM meeting_issue_history e WHERE e.issue_id = h.issue_id "
            f"  AND e.status IN ({closed_set}) AND (e.at < h.at OR (e.at = h.at AND e.id < h.id)))",
            window).fetchone()[0]
        at_end = dt_to_db(end)
        open_rows = self._all(
            f"SELECT i.due_date FROM meeting_issues i {live} WHERE m.held_at < ? "
            "AND coalesce((SELECT h.status FROM meeting_issue_history h WHERE h.issue_id = i.id "
            "  AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1), 'terbuka') "
            f"  IN ({_OPEN})", [at_end, at_end])
        cutoff = first_day_after.isoformat()
        overdue = sum(1 for (due,) in open_rows if due and str(due) < cutoff)
        return IssueCounts(int(raised), int(closed), len(open_rows), overdue)
