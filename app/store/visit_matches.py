"""A page of full-text matches in list order without reading every match.

The list shows matches newest first by (received_at, id). The search index (FTS5) can only
hand out matches in id order, and a common word matches half of a million records: reading
every match, looking each one up and sorting them costs seconds. But ids almost always
follow the received order (records are entered as people arrive), so the page is among the
matches with the newest ids:

1. Read the CANDIDATES newest ids from the index (one statement, in id order) and take the
   page from those records (other filters applied, sorted by received time).
2. The page is exact unless a record with an older id comes before its last row. Those
   records ("late entries": received later than records entered after them) are found
   from the order index alone: records beyond the ids read that pass the other filters and
   come before the last row. Usually there are none; a few are tested against the words in
   one statement (the index read restricted to their id range) and added.
3. When the page is not full yet, more matches are read (GROWTH times more each round);
   when there are too many late entries or rounds, None tells the caller to read every
   match (the plain query), so the answer is always the exact one.

Oldest first (`oldest_first`, the end of the list) is the mirror image: oldest ids first.
"""

from __future__ import annotations

import json
from typing import Any

import sqlite_utils

CANDIDATES = 2000  # matches read in the first round
GROWTH = 8  # each further round reads this many times more
ROUNDS = 3  # then the caller reads every match
LATE_LIMIT = 2000  # more late entries than this: the caller reads every match

Row = tuple[Any, ...]  # (received_at, id, *columns)


def page_of_matches(db: sqlite_utils.Database, query: str, clauses: list[str],
                    params: list[Any], select: str, order: str, limit: int,
                    oldest_first: bool) -> list[Row] | None:
    """The first `limit` rows of `select ... WHERE clauses AND <matches query> order`, or
    None when they are not settled cheaply. `select` starts with v.received_at, v.id."""
    direction = "ASC" if oldest_first else "DESC"
    matches = db.conn.execute(
        f"SELECT rowid FROM visits_fts WHERE visits_fts MATCH ? ORDER BY rowid {direction}",
        [query])
    try:
        best: list[Row] = []
        size = CANDIDATES
        for _round in range(ROUNDS):
            ids = [rowid for (rowid,) in matches.fetchmany(size)]
            best = _merge(best, _rows(db, ids, clauses, params, select, order, limit),
                          limit, oldest_first)
            if len(ids) < size:
                return best  # every match has been read
            if len(best) >= limit:
                late = _late_entries(db, clauses, params, best[-1], ids[-1], oldest_first)
                if late is None:
                    return None
                if late:
                    found = _matching(db, query, late)
                    best = _merge(best, _rows(db, found, clauses, params, select, order,
                                              limit), limit, oldest_first)
                return best
            size *= GROWTH
        return None
    finally:
        matches.close()


def _rows(db: sqlite_utils.Database, ids: list[int], clauses: list[str], params: list[Any],
          select: str, order: str, limit: int) -> list[Row]:
    if not ids:
        return []
    where = " AND ".join(["v.id IN (SELECT value FROM json_each(?))", *clauses])
    return list(db.execute(f"{select} WHERE {where} {order} LIMIT ?",
                           [json.dumps(ids), *params, limit]).fetchall())


def _merge(best: list[Row], more: list[Row], limit: int, oldest_first: bool) -> list[Row]:
    if not more:
        return best
    merged = sorted([*best, *more], key=lambda values: (values[0], values[1]),
                    reverse=not oldest_first)
    return merged[:limit]


def _late_entries(db: sqlite_utils.Database, clauses: list[str], params: list[Any],
                  last: Row, edge: int, oldest_first: bool) -> list[int] | None:
    """Ids beyond `edge` (not read yet) of records that pass the other filters and come
    before `last` in the list; None when more than LATE_LIMIT. Reads the order index from
    `last` towards the start of the list (the "+" keeps SQLite off the id range)."""
    beyond, before = ("+v.id > ?", "<") if oldest_first else ("+v.id < ?", ">")
    received, vid = last[0], last[1]
    where = " AND ".join([*clauses, beyond, f"(v.received_at {before} ? OR "
                          f"(v.received_at = ? AND v.id {before} ?))"])
    found = [int(r[0]) for r in db.execute(
        f"SELECT v.id FROM visits v WHERE {where} LIMIT ?",
        [*params, edge, received, received, vid, LATE_LIMIT + 1]).fetchall()]
    return None if len(found) > LATE_LIMIT else found


def _matching(db: sqlite_utils.Database, query: str, ids: list[int]) -> list[int]:
    """Which of `ids` match `query`: one index read over their id range (asking the index
    about each id alone would repeat its setup, costly for a common prefix)."""
    rows = db.execute(
        "SELECT value FROM json_each(?) WHERE value IN (SELECT rowid FROM visits_fts "
        "WHERE visits_fts MATCH ? AND rowid BETWEEN ? AND ?)",
        [json.dumps(ids), query, min(ids), max(ids)]).fetchall()
    return [int(r[0]) for r in rows]
