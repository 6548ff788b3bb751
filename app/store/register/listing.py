"""The register's list: LPs newest first with their stage, investigator and SP2HP days, by
keyset paging (ORDER BY received_at DESC, visit_id DESC on the indexes of lp_cases; never
OFFSET). A new LP's line has no stored due day until its first write: it is due `first_days`
after the LP, which the overdue filter reads as "received before the cut-off".

Late (and due) is therefore two disjoint sets: LPs with a stored day (index lp_cases_live_due)
and LPs with no letter and no stored day (index lp_cases_no_letter, the cut-off worked out from
the rules when asked). A count counts each set on its own index and adds them: asked as one OR,
SQLite read every LP's row (144 ms plain, 406 ms encrypted at a million records)."""

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


Clause = tuple[str, list[Any]]
# an LP with no letter and no stored day: its first letter is due `first_days` after the LP
_NO_LETTER = f"c.sp2hp_count = 0 AND c.due_on IS NULL AND c.stage IN ({_OPEN})"


def _first_letter_cutoff(day: date, rules: Sp2hpRules, tz: ZoneInfo) -> str:
    """The instant before which an LP without a letter is due before `day` (station time)."""
    stamp = dt_to_db(datetime.combine(day - timedelta(days=rules.first_days), time(), tz))
    assert stamp is not None
    return stamp


def overdue_parts(today: date, rules: Sp2hpRules, tz: ZoneInfo) -> tuple[Clause, Clause]:
    """The late LPs as two disjoint sets: a stored day before `today`, or no letter and no
    stored day and received before the cut-off of the first-letter rule."""
    return (("c.due_on < ?", [today.isoformat()]),
            (f"{_NO_LETTER} AND c.received_at < ?", [_first_letter_cutoff(today, rules, tz)]))


def overdue_clause(today: date, rules: Sp2hpRules, tz: ZoneInfo) -> Clause:
    """LPs whose next SP2HP day is before `today` (station time)."""
    (stored, stored_params), (first, first_params) = overdue_parts(today, rules, tz)
    return f"({stored} OR ({first}))", [*stored_params, *first_params]


def due_count(ctx: StoreContext, first: date, last: date, rules: Sp2hpRules,
              tz: ZoneInfo) -> int:
    """Live LPs whose next SP2HP falls due on a day in [first, last] (station time)."""
    return _count_parts(ctx, ["c.voided = 0"], [], (
        ("c.due_on >= ? AND c.due_on <= ?", [first.isoformat(), last.isoformat()]),
        (f"{_NO_LETTER} AND c.received_at >= ? AND c.received_at < ?",
         [_first_letter_cutoff(first, rules, tz),
          _first_letter_cutoff(last + timedelta(days=1), rules, tz)])))


def late_numbers(ctx: StoreContext, today: date, rules: Sp2hpRules, tz: ZoneInfo,
                 limit: int) -> tuple[str, ...]:
    """The numbers of the `limit` oldest live LPs whose SP2HP is late (the handover's open
    matters), each set read on its own index."""
    parts = overdue_parts(today, rules, tz)
    late = " UNION ALL ".join(f"SELECT c.visit_id, c.received_at FROM lp_cases c "
                              f"WHERE c.voided = 0 AND {clause}" for clause, _ in parts)
    # the oldest first, then their numbers: joined before the LIMIT, SQLite read the walk-in
    # of every late LP (1 s at a million records encrypted)
    rows = ctx.db.execute(
        f"SELECT v.number FROM ({late} ORDER BY 2, 1 LIMIT ?) l "
        "JOIN visits v ON v.id = l.visit_id ORDER BY l.received_at, l.visit_id",
        [*(p for _, params in parts for p in params), limit]).fetchall()
    return tuple(str(r[0] or "(tanpa nomor)") for r in rows)


def _count_parts(ctx: StoreContext, clauses: list[str], params: list[Any],
                 parts: tuple[Clause, Clause], source: str = "lp_cases c") -> int:
    """The count of `clauses` AND (either of two disjoint `parts`), one part at a time."""
    total = 0
    for clause, more in parts:
        total += int(ctx.db.execute(f"SELECT count(*) FROM {source} "
                                    f"{where_sql([*clauses, clause])}",
                                    [*params, *more]).fetchone()[0])
    return total


def where(flt: RegisterFilter, today: date, rules: Sp2hpRules,
          tz: ZoneInfo, *, ordered: bool = True,
          overdue: bool = True) -> tuple[list[str], list[Any]]:
    """The terms of `flt` (`overdue` False: without the late-SP2HP term, which the count
    adds part by part)."""
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
    if flt.overdue and overdue:
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
    if flt.overdue:
        return _late_page(ctx, flt, after, limit, today=today, rules=rules, tz=tz)
    clauses, params = where(flt, today, rules, tz)
    if after is not None:
        clause, more = after_key_clause("c.received_at", "c.visit_id", after.received_at,
                                        after.id)
        clauses.append(clause)
        params.extend(more)
    rows = ctx.db.execute(f"SELECT {_COLUMNS} FROM {_SOURCE} {where_sql(clauses)} "
                          f"{_ORDER} LIMIT ?", [*params, limit]).fetchall()
    return [_row(r, rules, tz) for r in rows]


_ORDER = "ORDER BY c.received_at DESC, c.visit_id DESC"
# the index each late set is read on (INDEXED BY: walking the list's order instead read the
# row of every LP newer than the late ones, 110-190 ms a page at 1M when few are late)
_LATE_INDEXES = ("lp_cases_live_due", "lp_cases_no_letter")


def _late_page(ctx: StoreContext, flt: RegisterFilter, after: PageKey | None, limit: int, *,
               today: date, rules: Sp2hpRules, tz: ZoneInfo) -> list[RegisterRow]:
    """A page of the late LPs: the newest `limit` of each late set after `after`, each on
    its own index, then the newest `limit` of both."""
    clauses, params = where(flt, today, rules, tz, ordered=False, overdue=False)
    if after is not None:
        clause, more = after_key_clause("c.received_at", "c.visit_id", after.received_at,
                                        after.id)
        clauses += ["c.received_at <= ?", clause]  # the first: a range the index can use
        params += [after.received_at, *more]
    parts, part_params = [], []
    for (late, more), index in zip(overdue_parts(today, rules, tz), _LATE_INDEXES, strict=True):
        parts.append(f"SELECT * FROM (SELECT c.visit_id FROM lp_cases c INDEXED BY {index} "
                     f"{where_sql([*clauses, late])} {_ORDER} LIMIT ?)")
        part_params += [*params, *more, limit]
    rows = ctx.db.execute(f"SELECT {_COLUMNS} FROM {_SOURCE} WHERE c.visit_id IN "
                          f"({' UNION ALL '.join(parts)}) {_ORDER} LIMIT ?",
                          [*part_params, limit]).fetchall()
    return [_row(r, rules, tz) for r in rows]


def count(ctx: StoreContext, flt: RegisterFilter, *, today: date, rules: Sp2hpRules,
          tz: ZoneInfo) -> int:
    clauses, params = where(flt, today, rules, tz, ordered=False, overdue=False)
    source = _SOURCE if flt.text.strip() else "lp_cases c"
    if flt.overdue:
        return _count_parts(ctx, clauses, params, overdue_parts(today, rules, tz), source)
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
