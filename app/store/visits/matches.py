"""Full-text matches at scale: a page of them in list order without reading every match,
and the matches of a query whose words are costly to look up.

The list shows matches newest first by (received_at, id). The search index (FTS5) hands
out matches in id order only, and a common word matches half of a million records:
reading every match, looking each one up and sorting them costs seconds. But ids almost
always follow the received order (records are entered as people arrive), so the page is
among the matches with the newest ids (`page_of_matches`):

1. Take the newest matching ids (twice the page, at least `first_round`) and the page from
   those records (other filters applied, sorted by received time). A word found in fewer
   than `all_below` records is rare enough to take the page from all of them (as the plain
   query does; the checks below would cost more).
2. The page is exact unless a record with an older id comes before its last row. Those
   records ("late entries": received later than records entered after them) are found
   on the order index alone: records beyond the ids taken that pass the other filters
   and come before the last row. Usually there are none or a few, checked one by one; an
   old register imported late or a store merged from two desks gives many, read from
   the index within the span of their ids.
3. When the page is not full yet, more matches are taken (`growth` times more each round);
   after `rounds` rounds None tells the caller to read every match with the plain query.

Oldest first (`oldest_first`, the end of the list) is the mirror image.

Some queries are costly to look up at all: FTS5 merges the lists of every word starting
with a prefix before it hands out the first row (see visits.search.fts_cheap_query), so a
typed document number ("LP/B/7/II/2024/SPKT/POLSEK ...": "b*", "polsek*", ...) costs a
quarter of a second on a million records. When a cheaper query that finds every match
and a few more finds at most `few` records, those are checked against the full query in a
private in-memory FTS5 table with the same tokenizer (`Checker`): the same answer.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

import sqlite_utils

from app.store.driver import sqlite3


@dataclass(frozen=True)
class SearchTuning:
    """How the search of the walk-in list divides its work (measured on the bench's stores;
    tests make the pieces small). Whatever the numbers, the answer is the same."""

    all_below: int = 2048  # fewer matches than this: take the page from all of them
    first_round: int = 256  # at least this many matches in the first round
    growth: int = 8  # each further round takes this many times more
    rounds: int = 3  # then the caller reads every match
    few_late: int = 64  # up to this many late entries are checked one by one
    few: int = 256  # a cheap query finding at most this many records: check them all
    costly: int = 1000  # a prefix of more records than this makes a longer prefix costly
    max_words: int = 32  # a prefix starting more words than this stays a prefix (terms)


DEFAULT_TUNING = SearchTuning()

Row = tuple[Any, ...]  # (received_at, id, *columns)
_FTS_IDS = "SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?"
MATCH_SPAN_SQL = ("v.id IN (SELECT rowid FROM visits_fts WHERE visits_fts MATCH ? "
                  "AND rowid BETWEEN ? AND ?)")


class Checker:
    """Which records match a query, checked on their own text: the records' search
    entries are copied into an in-memory FTS5 table with the tokenizer of visits_fts.
    Same text, same tokenizer, same query: the same answer as the store's index, without
    the index's word lists."""

    def __init__(self, db: sqlite_utils.Database, query: str) -> None:
        self._db = db
        self._query = query
        self._tokenize = _tokenizer(db)

    def matching(self, ids: list[int]) -> list[int]:
        """The ids of `ids` whose record matches, in the order given."""
        if not ids:
            return []
        entries = self._db.execute(
            "SELECT rowid, number, names, niks, body FROM visits_fts "
            "WHERE rowid IN (SELECT value FROM json_each(?))", [json.dumps(ids)]).fetchall()
        probe = sqlite3.connect(":memory:")
        try:
            probe.execute(f"CREATE VIRTUAL TABLE probe USING fts5(number, names, niks, body"
                          f"{self._tokenize})")
            probe.executemany("INSERT INTO probe (rowid, number, names, niks, body) "
                              "VALUES (?, ?, ?, ?, ?)", entries)
            found = {int(r[0]) for r in probe.execute(
                "SELECT rowid FROM probe WHERE probe MATCH ?", [self._query])}
        finally:
            probe.close()
        return [i for i in ids if i in found]


def _tokenizer(db: sqlite_utils.Database) -> str:
    row = db.execute("SELECT sql FROM sqlite_master WHERE name = 'visits_fts'").fetchone()
    found = re.search(r"tokenize\s*=\s*('(?:[^']|'')*')", row[0] if row else "")
    return f", tokenize = {found.group(1)}" if found else ""


def few_matches(db: sqlite_utils.Database, query: str, cheap: str | None,
                probes: list[str], tuning: SearchTuning) -> list[int] | None:
    """Every match of `query` (ascending ids) when looking it up is costly and the cheap
    query finds at most `few` records (checked one by one); None otherwise.

    `probes` are the prefix-index terms of the words whose own term is not served by a
    prefix index: when each of them is in at most `tuning.costly` records, the longer words are
    rare too and the index answers `query` quickly itself."""
    if cheap is None or not _costly(db, probes, tuning.costly):
        return None
    ids = [int(r[0]) for r in db.execute(f"{_FTS_IDS} ORDER BY rowid LIMIT ?",
                                         [cheap, tuning.few + 1]).fetchall()]
    if len(ids) > tuning.few:
        return None
    return Checker(db, query).matching(ids)


def _costly(db: sqlite_utils.Database, probes: list[str], costly: int) -> bool:
    for probe in probes:
        if not probe:
            return True  # a one-letter word: every word starting with it
        row = db.execute(f"SELECT count(*) FROM ({_FTS_IDS} LIMIT ?)",
                         [probe, costly + 1]).fetchone()
        if int(row[0]) > costly:
            return True
    return False


class MatchStream:
    """The ids of the records matching `query`, in id order (newest first, or oldest
    first), taken as needed from one statement."""

    def __init__(self, db: sqlite_utils.Database, query: str, *, oldest_first: bool,
                 tuning: SearchTuning) -> None:
        self.query = query
        self.tuning = tuning
        self.checker = Checker(db, query)
        direction = "ASC" if oldest_first else "DESC"
        self._cursor = db.conn.execute(f"{_FTS_IDS} ORDER BY rowid {direction}", [query])

    def take(self, count: int) -> list[int]:
        """Up to `count` further ids; fewer only at the end of the matches."""
        return [int(r[0]) for r in self._cursor.fetchmany(count)]

    def close(self) -> None:
        self._cursor.close()


def page_of_matches(db: sqlite_utils.Database, stream: MatchStream, clauses: list[str],
                    params: list[Any], select: str, order: str, limit: int,
                    oldest_first: bool) -> list[Row] | None:
    """The first `limit` rows of `select ... WHERE clauses AND <matches> order`, or None
    when they are not settled cheaply. `select` starts with v.received_at, v.id."""
    tuning = stream.tuning
    first = stream.take(tuning.all_below)
    if len(first) < tuning.all_below:  # few matches: all of them, as the plain query would
        return _rows(db, first, clauses, params, select, order, limit)
    best: list[Row] = []
    size = max(tuning.first_round, 2 * limit)
    for _round in range(tuning.rounds):
        ids, first = first[:size], first[size:]
        if len(ids) < size:
            ids += stream.take(size - len(ids))
        best = _merge(best, _rows(db, ids, clauses, params, select, order, limit), limit,
                      oldest_first)
        if len(ids) < size:
            return best  # every match has been read
        if len(best) >= limit:
            late = _late_rows(db, stream, clauses, params, select, order, limit,
                              (best[-1], ids[-1]), oldest_first)
            return _merge(best, late, limit, oldest_first)
        size *= tuning.growth
    return None


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


def _late_rows(db: sqlite_utils.Database, stream: MatchStream, clauses: list[str],
               params: list[Any], select: str, order: str, limit: int,
               bounds: tuple[Row, int], oldest_first: bool) -> list[Row]:
    """Matching rows among the late entries: records beyond the ids taken (`edge`) that
    pass the other filters and come before `last` in the list. They are found on the
    order index, from `last` towards the start of the list (the "+" keeps SQLite off the
    id range). A few are checked one by one; many (an old register imported late, a
    store merged from two desks) through the index, in the id span they cover."""
    last, edge = bounds
    beyond, before = ("+v.id > ?", "<") if oldest_first else ("+v.id < ?", ">")
    late = [*clauses, beyond, f"(v.received_at, v.id) {before} (?, ?)"]  # a row value:
    values = [*params, edge, last[0], last[1]]  # SQLite seeks the order index to it
    where = " AND ".join(late)
    ids = [int(r[0]) for r in db.execute(f"SELECT v.id FROM visits v WHERE {where} LIMIT ?",
                                         [*values, stream.tuning.few_late + 1]).fetchall()]
    if len(ids) <= stream.tuning.few_late:
        return _rows(db, stream.checker.matching(ids), clauses, params, select, order, limit)
    low, high = db.execute(f"SELECT min(v.id), max(v.id) FROM visits v WHERE {where}",
                           values).fetchone()
    return list(db.execute(f"{select} WHERE {where} AND {MATCH_SPAN_SQL} {order} LIMIT ?",
                           [*values, stream.query, low, high, limit]).fetchall())
