"""The register's counts, "LPs by stage at the week's end", the first letters and the waiting
LPs as migration 0015 (register speed) asks them: the same answers as the single queries they
replaced (kept here as the reference), on a store with LPs in every state; and the counts read
the indexes of 0015 (the query plan, not a time)."""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

import pytest

from app.domain.models import Officer
from app.domain.register import OPEN_STAGES, STAGE_TRANSITIONS, RegisterFilter, Sp2hpLetter
from app.store import Store
from app.store.duty.repo import MATTERS_NAMED
from app.store.register.listing import key_of, overdue_clause
from app.store.serialize import dt_to_db
from app.weekly.figures import station_week
from tests import factories
from tests.conftest import MutableClock

_OPEN = ", ".join(f"'{s}'" for s in OPEN_STAGES)
_FINAL = "'dicabut', 'dilimpahkan', 'rj', 'selesai'"


def _letter(store: Store, visit_id: int, at: datetime, by: int) -> None:
    case = store.register.case(visit_id)
    store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="s", actions="a", next_steps="n",
        advice="h", signer_id=by, issued_at=at), by)


@pytest.fixture
def busy(store: Store, officer: Officer, clock: MutableClock) -> Store:
    """Sixty LPs over seven weeks before 14 February 2024: some with letters (two at the same
    moment, one voided), stage changes and endings, closed by their walk-in status, voided,
    reached at the scene before and after the week's end."""
    by = officer.id
    assert by is not None
    rng = random.Random(18)
    clock.when = datetime(2024, 2, 21, 3, tzinfo=UTC)  # every event below is before it
    start = clock.when - timedelta(days=56)
    for n in range(60):
        received = start + timedelta(hours=rng.randrange(49 * 24))
        arrived = received + timedelta(minutes=rng.choice((5, 30, 60 * 24 * 6)))
        reached = {"dispatched_at": received + timedelta(minutes=2), "arrived_at": arrived} \
            if n % 3 and arrived < clock.when else {}
        visit = store.visits.create(factories.lp(received, by, **reached), by).record
        assert visit.id is not None
        when = received
        for _ in range(rng.randrange(4)):
            when += timedelta(days=rng.randrange(1, 9))
            if when >= clock.when:
                break
            action = rng.randrange(5)
            if action == 0:
                store.register.assign(visit.id, by, investigator_id=by,
                                      investigator_role="penyidik", supervisor_id=None,
                                      difficulty=rng.choice(("mudah", "sulit")))
            elif action in (1, 2):
                _letter(store, visit.id, when, by)
                if n % 7 == 0:  # a second letter at the very same moment
                    _letter(store, visit.id, when, by)
            elif action == 3:
                stage = store.register.case(visit.id).stage
                store.register.change_stage(visit.id, rng.choice(STAGE_TRANSITIONS[stage]),
                                            "perkembangan", by, at=when)
            else:
                store.visits.change_status(visit.id, rng.choice(("ditangani", "selesai")),
                                           "status", by, at=when)
        if n % 17 == 0:
            store.visits.void(visit.id, "salah input", by)
    first = store.db.execute("SELECT min(id) FROM sp2hp_letters").fetchone()[0]
    store.db.execute("UPDATE sp2hp_letters SET voided_at = ? WHERE id = ?",
                     [dt_to_db(start), first])
    store.db.conn.commit()
    return store


def _one(store: Store, sql: str, params: Sequence[object]) -> int:
    return int(store.db.execute(sql, params).fetchone()[0])


def test_late_and_due_counts_as_one_query(busy: Store) -> None:
    register = busy.register
    rules, tz = busy.settings.sp2hp_rules(), register._tz()
    for today in (date(2024, 1, 10), date(2024, 2, 1), date(2024, 2, 14), date(2024, 3, 30)):
        clause, params = overdue_clause(today, rules, tz)
        late = _one(busy, f"SELECT count(*) FROM lp_cases c WHERE c.voided = 0 AND {clause}",
                    params)
        assert register.overdue_count(today=today) == late
    assert late > 0  # the fixture has late LPs
    # the pages (judged today) walk the late LPs newest first, as the single query did
    today = register.today()
    clause, params = overdue_clause(today, rules, tz)
    investigator = busy.db.execute("SELECT max(investigator_id) FROM lp_cases").fetchone()[0]
    for flt, more, more_params in (
            (RegisterFilter(overdue=True), "1", []),
            (RegisterFilter(overdue=True, stage="open"), f"c.stage IN ({_OPEN})", []),
            (RegisterFilter(overdue=True, stage="diterima"), "c.stage = 'diterima'", []),
            (RegisterFilter(overdue=True, investigator_id=investigator),
             "c.investigator_id = ?", [investigator]),
            (RegisterFilter(overdue=True, start=datetime(2024, 1, 10, tzinfo=UTC),
                            end=datetime(2024, 2, 1, tzinfo=UTC)),
             "c.received_at >= ? AND c.received_at < ?",
             [dt_to_db(datetime(2024, 1, 10, tzinfo=UTC)),
              dt_to_db(datetime(2024, 2, 1, tzinfo=UTC))]),
            (RegisterFilter(overdue=True, text="Siti"), "1", []),
            (RegisterFilter(overdue=True, include_voided=True), "c.voided IN (0, 1)", [])):
        live = "1" if flt.include_voided else "c.voided = 0"
        expected = [r[0] for r in busy.db.execute(
            f"SELECT c.visit_id FROM lp_cases c WHERE {live} AND {more} AND {clause} "
            "ORDER BY c.received_at DESC, c.visit_id DESC", [*more_params, *params])]
        rows, seen = register.page(flt, None, 7), []
        while rows:
            seen += [r.visit_id for r in rows]
            rows = register.page(flt, key_of(rows[-1]), 7)
        assert seen == expected
        assert register.count(flt) == len(expected)
    assert investigator is not None and len(seen) > 7
    # late by the days the register shows (case(): a new LP's first-letter day)
    live = [r[0] for r in busy.db.execute("SELECT visit_id FROM lp_cases WHERE voided = 0")]
    today = register.today()
    shown = sum(1 for i in live if (d := register.case(i).due_on) is not None and d < today)
    assert register.overdue_count() == shown
    week = station_week(busy.profile(), "2024-W07")
    start = datetime.combine(week.start - timedelta(days=rules.first_days), datetime.min.time(),
                             tz)
    end = datetime.combine(week.end + timedelta(days=1 - rules.first_days),
                           datetime.min.time(), tz)
    due = _one(busy, "SELECT count(*) FROM lp_cases c WHERE c.voided = 0 AND ((c.due_on >= ? "
               f"AND c.due_on <= ?) OR (c.due_on IS NULL AND c.sp2hp_count = 0 AND c.stage IN "
               f"({_OPEN}) AND c.received_at >= ? AND c.received_at < ?))",
               [week.start.isoformat(), week.end.isoformat(), dt_to_db(start), dt_to_db(end)])
    assert register.due_count(week.start, week.end) == due


def test_open_matters_name_the_oldest_late(busy: Store, clock: MutableClock) -> None:
    matters = busy.duty.open_matters(clock.when)
    clause, params = overdue_clause(busy.register.today(), busy.settings.sp2hp_rules(),
                                    busy.register._tz())
    rows = busy.db.execute(
        "SELECT v.number FROM lp_cases c JOIN visits v ON v.id = c.visit_id WHERE c.voided = 0 "
        f"AND {clause} ORDER BY c.received_at, c.visit_id LIMIT ?",
        [*params, MATTERS_NAMED]).fetchall()
    assert len(rows) == MATTERS_NAMED
    assert matters.sp2hp_overdue == tuple(r[0] for r in rows)
    assert matters.sp2hp_overdue_count == busy.register.overdue_count()


def test_stages_at_week_ends_as_before(busy: Store) -> None:
    ends = [datetime(2024, 1, d, 17, tzinfo=UTC) for d in (7, 14, 21, 28)]
    ends += [datetime(2024, 2, d, 17, tzinfo=UTC) for d in (4, 11, 18, 25)]
    found = busy.stats.lp_stages_at(*ends)
    assert len(found) == len(ends)
    for end, counts in zip(ends, found, strict=True):
        at = dt_to_db(end)
        before: dict[str, int] = {}
        for sql, params in (
                ("SELECT stage, count(*) FROM lp_cases WHERE voided = 0 AND received_at < ? "
                 "AND (stage_at IS NULL OR stage_at < ?) GROUP BY stage", [at, at]),
                ("SELECT coalesce((SELECT h.stage FROM lp_stage_history h WHERE h.visit_id = "
                 "c.visit_id AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1), 'diterima'), "
                 "count(*) FROM lp_cases c WHERE c.voided = 0 AND c.received_at < ? "
                 "AND c.stage_at >= ? GROUP BY 1", [at, at, at])):
            for stage, n in busy.db.execute(sql, params).fetchall():
                before[stage] = before.get(stage, 0) + n
        assert {c.key: c.count for c in counts} == before
    assert len({tuple(c) for c in found}) > 2  # the stages moved between the ends


def test_letters_and_first_letters_as_before(busy: Store) -> None:
    live = "v.service = 'lp' AND v.voided_at IS NULL"
    first = 0
    for day in range(0, 56, 7):
        start = datetime(2024, 1, 1, 17, tzinfo=UTC) + timedelta(days=day)
        window = [dt_to_db(start), dt_to_db(start + timedelta(days=7))]
        rows = busy.db.execute(
            "SELECT v.received_at, min(s.issued_at) FROM sp2hp_letters s JOIN visits v ON "
            f"v.id = s.visit_id WHERE {live} AND s.voided_at IS NULL GROUP BY s.visit_id "
            "HAVING min(s.issued_at) >= ? AND min(s.issued_at) < ?", window).fetchall()
        delays = busy.stats.first_sp2hp_delays(start, start + timedelta(days=7))
        assert len(delays) == len(rows)
        first += len(rows)
        sent = _one(busy, "SELECT count(*) FROM sp2hp_letters s JOIN visits v ON v.id = "
                    f"s.visit_id WHERE {live} AND s.voided_at IS NULL AND s.issued_at >= ? "
                    "AND s.issued_at < ?", window)
        assert busy.stats.sp2hp_sent(start, start + timedelta(days=7)) == sent
    assert first > 3


def test_waiting_lps_as_before(busy: Store) -> None:
    for day in range(0, 56, 5):
        as_of = datetime(2024, 1, 1, 17, tzinfo=UTC) + timedelta(days=day)
        at = dt_to_db(as_of)
        before = _one(
            busy, "SELECT count(*) FROM visits v WHERE v.service = 'lp' AND v.voided_at IS "
            "NULL AND v.needs_visit = 1 AND v.received_at < ? AND (v.arrived_at IS NULL OR "
            "v.arrived_at >= ?) AND coalesce((SELECT h.status FROM visit_status_history h "
            "WHERE h.visit_id = v.id AND h.at < ? ORDER BY h.at DESC, h.id DESC LIMIT 1), "
            f"'diterima') NOT IN ({_FINAL})", [at, at, at])
        assert busy.stats.waiting_lp_count(as_of) == before


def _plan(store: Store, sql: str, params: Sequence[object]) -> str:
    return " | ".join(str(r[3]) for r in store.db.execute("EXPLAIN QUERY PLAN " + sql, params))


def test_counts_read_the_indexes_of_0015(busy: Store) -> None:
    """The counts stay on the narrow indexes: were a query changed so that SQLite could no
    longer use them, it would read every LP's row again (the time issue 18 missed at 1M)."""
    ran: list[tuple[str, list[object]]] = []
    execute = busy.db.execute

    def recording(sql: str, params: list[object] | None = None):  # type: ignore[no-untyped-def]
        ran.append((sql, list(params or [])))
        return execute(sql, params or [])

    busy.db.execute = recording  # type: ignore[method-assign, assignment]
    try:
        busy.register.overdue_count()
        busy.register.count(RegisterFilter())
        busy.register.count(RegisterFilter(stage="penyelidikan"))
        busy.stats.lp_stages_at(datetime(2024, 2, 18, 17, tzinfo=UTC))
        busy.duty.open_matters(datetime(2024, 2, 21, 3, tzinfo=UTC))
    finally:
        busy.db.execute = execute  # type: ignore[method-assign]
    waiting = [_plan(busy, sql, params) for sql, params in ran
               if sql.startswith("SELECT count(*) FROM visits WHERE")]
    assert waiting and "COVERING INDEX visits_waiting" in waiting[0]
    plans = [_plan(busy, sql, params) for sql, params in ran
             if "lp_cases" in sql and "sp2hp_letters" not in sql]
    text = "\n".join(plans)
    assert "COVERING INDEX lp_cases_live_due" in text
    assert "INDEX lp_cases_no_letter" in text
    assert text.count("COVERING INDEX lp_cases_live_stage") >= 3
    assert "SCAN c\n" not in text + "\n" and "SCAN lp_cases\n" not in text + "\n"


def test_migration_0015_indexes(busy: Store) -> None:
    names = {r[0] for r in busy.db.execute(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'lp_cases'")}
    assert {"lp_cases_live_stage", "lp_cases_live_due", "lp_cases_no_letter"} <= names
    assert "lp_cases_first_due" not in names
    waiting = busy.db.execute("SELECT sql FROM sqlite_master WHERE name = 'visits_waiting'"
                              ).fetchone()[0]
    assert "received_at,\n    status)" in waiting and "WHERE service = 'lp'" in waiting
