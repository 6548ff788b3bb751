"""The register's list: LPs newest first with their stage, investigator and SP2HP days, by
keyset paging (ORDER BY received_at DESC, visit_id DESC on the indexes of lp_cases; never
OFFSET). A new LP's line has no stored due day until its first write: it is due `first_days`
after the LP, which the overdue filter reads as "received before the cut-off"."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.domain.register import OPEN_STAGES, RegisterFilter, RegisterRow, Sp2hpRules, due_on
from app.store.records import StoreContext, after_key_clause, where_sql
from app.store.serialize import dt_from_db, dt_to_db
from app.store.visits.search import PageKey, fts_query

_COLUMNS = ("c.visit_id, v.uuid, v.number, c.received_at, v.reporter_name, v.category, "
            "c.stage, CASE WHEN o.id IS NULL THEN '' ELSE o.rank || ' ' || o.name END, "
            "c.difficulty, c.last_sp2hp_at, c.sp2hp_count, c.due_on, c.voided")
_SOURCE = ("lp_cases c JOIN visits v ON v.id = c.visit_id "
           "LEFT JOIN officers o ON o.id = c.investigator_id")
_OPEN = ", ".join(f"'{s}'" for s in OPEN_STAGES)


def overdue_clause(today: date, rules: Sp2hpRules, tz: ZoneInfo) -> tuple[str, list[Any]]:
    """LPs whose next SP2HP day is before `today` (station time)."""
    cutoff = datetime.combine(today - timedelta(days=rules.first_days), time(), tz)
    return (f"(c.due_on < ? OR (c.due_on IS NULL AND c.sp2hp_count = 0 AND c.stage IN ({_OPEN}) "
            "AND c.received_at < ?))", [today.isoformat(), dt_to_db(cutoff)])


def due_count(ctx: StoreContext, first: date, last: date, rules: Sp2hpRules,
              tz: ZoneInfo) -> int:
    """Live LPs whose next SP2HP falls due on a day in [first, last] (station time)."""
    start = datetime.combine(first - timedelta(days=rules.first_days), time(), tz)
    end = datetime.combine(last + timedelta(days=1 - rules.first_days), time(), tz)
    # two counts (due_on set, or not): each reads its own index (lp_cases_due with "+" on
    # voided); the two in one OR read every live LP (30 ms against 0.5 ms at 100k)
    row = ctx.db.execute(
        "SELECT (SELECT count(*) FROM lp_cases c WHERE +c.voided = 0 AND c.due_on >= ? AND "
        "c.due_on <= ?) + (SELECT count(*) FROM lp_cases c WHERE c.voided = 0 AND "
        f"c.due_on IS NULL AND c.sp2hp_count = 0 AND c.stage IN ({_OPEN}) "
        "AND c.received_at >= ? AND c.received_at < ?)",
        [first.isoformat(), last.isoformat(), dt_to_db(start), dt_to_db(end)]).fetchone()
    return int(row[0])


def where(flt: RegisterFilter, today: date, rules: Sp2hpRules,
          tz: ZoneInfo, *, ordered: bool = True) -> tuple[list[str], list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    # "+" (a page, `ordered`): these terms filter rows read in the list's order (index
    # lp_cases_received); as index terms they made SQLite read every open LP and sort them
    # (380 ms at 200,000 LPs). A count has no order: there they pick the index.
    plus = "+" if ordered else ""
    if not flt.include_voided:
        clauses.append(f"{plus}c.voided = 0")
    if flt.stage == "open":
        clauses.append(f"{plus}c.stage IN ({_OPEN})")
    elif flt.stage:
        clauses.append("c.stage = ?")
        params.append(flt.stage)
    if flt.investigator_id is not None:
        clauses.append("c.investigator_id = ?")
        params.append(flt.investigator_id)
    if flt.start is not None:
        clauses.append("c.received_at >= ?")
        params.append(dt_to_db(flt.start))
    if flt.end is not None:
        clauses.append("c.received_at < ?")
        params.append(dt_to_db(flt.end))
    if flt.overdue:
        clause, more = overdue_clause(today, rules, tz)
        clauses.append(clause)
        params.extend(more)
    query = fts_query(flt.text) if flt.text.strip() else None
    if query is not None:
        clauses.append("c.visit_id IN (SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?)")
        params.append(query)
    return clauses, params


def page(ctx: StoreContext, flt: RegisterFilter, after: PageKey | None, limit: int, *,
         today: date, rules: Sp2hpRules, tz: ZoneInfo) -> list[RegisterRow]:
    clauses, params = where(flt, today, rules, tz)
    if after is not None:
        clause, more = after_key_clause("c.received_at", "c.visit_id", after.received_at,
                                        after.id)
        clauses.append(clause)
        params.extend(more)
    rows = ctx.db.execute(f"SELECT {_COLUMNS} FROM {_SOURCE} {where_sql(clauses)} "
                          "ORDER BY c.received_at DESC, c.visit_id DESC LIMIT ?",
                          [*params, limit]).fetchall()
    return [_row(r, rules, tz) for r in rows]


def count(ctx: StoreContext, flt: RegisterFilter, *, today: date, rules: Sp2hpRules,
          tz: ZoneInfo) -> int:
    clauses, params = where(flt, today, rules, tz, ordered=False)
    source = _SOURCE if flt.text.strip() else "lp_cases c"
    return int(ctx.db.execute(f"SELECT count(*) FROM {source} {where_sql(clauses)}",
                              params).fetchone()[0])


def key_of(row: RegisterRow) -> PageKey:
    stamp = dt_to_db(row.received_at)
    assert stamp is not None
    return PageKey(stamp, row.visit_id)


def _row(values: tuple[Any, ...], rules: Sp2hpRules, tz: ZoneInfo) -> RegisterRow:
    (visit_id, uuid, number, received, reporter, category, stage, investigator, difficulty,
     last, letters, due, voided) = values
    received_at = dt_from_db(received)
    assert received_at is not None
    due_day = date.fromisoformat(due) if due else None
    if due_day is None and letters == 0:
        due_day = due_on(rules, received_on=received_at.astimezone(tz).date(),
                         difficulty=difficulty, last_letter_on=None, stage=stage)
    return RegisterRow(visit_id=visit_id, visit_uuid=uuid, number=number or "",
                       received_at=received_at, reporter_name=reporter or "",
                       category=category or "", stage=stage, investigator=investigator,
                       difficulty=difficulty, last_sp2hp_at=dt_from_db(last),
                       sp2hp_count=letters, due_on=due_day, voided=bool(voided))
