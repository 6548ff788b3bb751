"""The patrol list: light rows, filters and keyset paging, so a long history never loads every
patrol with its members and places (ARCHITECTURE.md "Qt conventions").

Text search uses LIKE over the few text columns of a patrol, its places and its officers'
names. A Polsek logs a handful of patrols a day (a few thousand a year), which LIKE scans in
milliseconds; an FTS table like the visits' would be the next step if that ever changes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from app.domain.codes import SITUATIONS
from app.store.records import (
    after_key_clause,
    count_where,
    key_stamp,
    like_terms,
    range_clauses,
    where_sql,
)
from app.store.serialize import dt_from_db

# Worst situation first: a place with a real disturbance outranks one that was calm.
SITUATION_RANK = {"aman": 0, "pg": 1, "ag": 2, "gn": 3}
ANY_FINDING = "temuan"  # filter value: any place that was not "aman"


@dataclass(frozen=True)
class PatrolFilter:
    start: datetime | None = None  # start_at >= start
    end: datetime | None = None  # start_at < end
    patrol_type: str | None = None
    desa: str | None = None  # a place visited in this desa
    situation: str | None = None  # a place with this situation, or ANY_FINDING
    text: str = ""
    include_voided: bool = True


@dataclass(frozen=True)
class PatrolPageKey:
    """Where a page starts: after the row with this start_at and id."""

    start_at: str
    id: int


@dataclass(frozen=True)
class PatrolRow:
    """One line of the patrol list: just what the list shows, cheap to page."""

    id: int
    uuid: str
    start_at: datetime
    end_at: datetime
    patrol_type: str
    mode: str
    leader_id: int | None
    operation_name: str
    desa: tuple[str, ...]  # desa visited, in visiting order, each once
    place_count: int
    worst_situation: str  # aman | pg | ag | gn
    people_reached: int
    lp_count: int  # LP model A made from this patrol
    voided: bool


_RANK_SQL = ("CASE situation WHEN 'gn' THEN 3 WHEN 'ag' THEN 2 WHEN 'pg' THEN 1 ELSE 0 END")

_TEXT_SQL = """(p.operation_name LIKE ? ESCAPE '\\' OR p.findings LIKE ? ESCAPE '\\'
    OR p.notes LIKE ? ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM patrol_places pp WHERE pp.patrol_id = p.id AND (
        pp.desa LIKE ? ESCAPE '\\' OR pp.place LIKE ? ESCAPE '\\'
        OR pp.himbauan LIKE ? ESCAPE '\\' OR pp.note LIKE ? ESCAPE '\\'))
    OR EXISTS (SELECT 1 FROM officers o WHERE o.name LIKE ? ESCAPE '\\' AND (
        o.id = p.leader_id OR o.id IN (SELECT officer_id FROM patrol_members m
                                       WHERE m.patrol_id = p.id))))"""
_TEXT_PARAMS = 8


def _where(flt: PatrolFilter) -> tuple[list[str], list[Any]]:
    clauses, params = range_clauses("p.start_at", flt.start, flt.end)
    if flt.patrol_type:
        clauses.append("p.patrol_type = ?")
        params.append(flt.patrol_type)
    if flt.desa:
        clauses.append("EXISTS (SELECT 1 FROM patrol_places pp WHERE pp.patrol_id = p.id "
                       "AND pp.desa = ? COLLATE NOCASE)")
        params.append(flt.desa)
    if flt.situation == ANY_FINDING:
        clauses.append("EXISTS (SELECT 1 FROM patrol_places pp WHERE pp.patrol_id = p.id "
                       "AND pp.situation <> 'aman')")
    elif flt.situation in SITUATIONS:
        clauses.append("EXISTS (SELECT 1 FROM patrol_places pp WHERE pp.patrol_id = p.id "
                       "AND pp.situation = ?)")
        params.append(flt.situation)
    if not flt.include_voided:
        clauses.append("p.voided_at IS NULL")
    for term in like_terms(flt.text):
        clauses.append(_TEXT_SQL)
        params.extend([term] * _TEXT_PARAMS)
    return clauses, params


_ROW_SQL = f"""SELECT p.id, p.uuid, p.start_at, p.end_at, p.patrol_type, p.mode, p.leader_id,
    p.operation_name, p.voided_at,
    (SELECT json_group_array(desa) FROM (SELECT desa, min(position) AS first
        FROM patrol_places WHERE patrol_id = p.id GROUP BY desa COLLATE NOCASE ORDER BY first))
        AS desa_list,
    (SELECT count(*) FROM patrol_places WHERE patrol_id = p.id) AS place_count,
    (SELECT max({_RANK_SQL}) FROM patrol_places WHERE patrol_id = p.id) AS worst,
    (SELECT coalesce(sum(people_reached), 0) FROM patrol_places WHERE patrol_id = p.id) AS people,
    (SELECT count(*) FROM visits v WHERE v.source_patrol_uuid = p.uuid) AS lp_count
    FROM patrols p"""


def page(db: sqlite_utils.Database, flt: PatrolFilter, after: PatrolPageKey | None,
         limit: int) -> list[PatrolRow]:
    """Up to `limit` rows after `after`, newest first."""
    clauses, params = _where(flt)
    if after is not None:
        clause, key_params = after_key_clause("p.start_at", "p.id", after.start_at, after.id)
        clauses.append(clause)
        params.extend(key_params)
    cursor = db.execute(f"{_ROW_SQL} {where_sql(clauses)} ORDER BY p.start_at DESC, p.id DESC LIMIT ?",
                        [*params, limit])
    return [_row(values) for values in cursor.fetchall()]


def count(db: sqlite_utils.Database, flt: PatrolFilter) -> int:
    clauses, params = _where(flt)
    return count_where(db, "patrols p", clauses, params)


def key_of(row: PatrolRow) -> PatrolPageKey:
    return PatrolPageKey(key_stamp(row.start_at), row.id)


def _row(values: tuple[Any, ...]) -> PatrolRow:
    (pid, uuid, start, end, ptype, mode, leader, operation, voided, desa_list, places, worst,
     people, lps) = values
    start_at, end_at = dt_from_db(start), dt_from_db(end)
    assert start_at is not None and end_at is not None
    ranks = {v: k for k, v in SITUATION_RANK.items()}
    return PatrolRow(id=pid, uuid=uuid, start_at=start_at, end_at=end_at, patrol_type=ptype,
                     mode=mode, leader_id=leader, operation_name=operation,
                     desa=tuple(json.loads(desa_list or "[]")), place_count=int(places),
                     worst_situation=ranks.get(int(worst or 0), "aman"),
                     people_reached=int(people), lp_count=int(lps), voided=voided is not None)
