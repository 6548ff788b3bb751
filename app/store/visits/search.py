"""The walk-in list: full-text index, filters and keyset paging (never OFFSET).

Order is newest first: (received_at DESC, id DESC). A page is asked for with the key of the
last row already shown; the store reads just the next rows from the index.
Full-text results are ordered by recency too, not by BM25 relevance: ranking every match
over a million rows is slow in SQLite, and a desk officer looks for recent records.

A page of full-text matches is found among the matches with the newest ids, without
reading every match (see visits.matches): exact, and fast while ids follow the received
order, as they do when records are entered as people arrive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlite_utils

from app.domain.codes import FINAL_STATUSES
from app.domain.models import Visit, VisitRow
from app.store.serialize import dt_from_db, dt_to_db
from app.store.visits import terms as search_terms
from app.store.visits.matches import (
    DEFAULT_TUNING,
    MATCH_SPAN_SQL,
    MatchStream,
    SearchTuning,
    few_matches,
    page_of_matches,
)

_TOKEN = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class VisitFilter:
    start: datetime | None = None  # received_at >= start
    end: datetime | None = None  # received_at < end
    service: str | None = None
    category: str | None = None
    status: str | None = None
    desa: str | None = None
    text: str = ""
    waiting_only: bool = False
    include_voided: bool = True
    categories: tuple[str, ...] = ()  # any of these codes, e.g. the 3C group (home page)


@dataclass(frozen=True)
class PageKey:
    """Where a page starts: after the row with this received_at and id."""

    received_at: str
    id: int


def fts_query(text: str) -> str | None:
    """Turn whatever was typed into a safe FTS5 query: every word a quoted prefix term,
    all required. Quotes, asterisks, operators and odd Unicode never reach MATCH raw."""
    tokens = _tokens(text)
    if not tokens:
        return None
    return " AND ".join(_term(t) for t in tokens)


def fts_cheap_query(text: str) -> str | None:
    """A query that every match of `fts_query(text)` matches too (usually a few more) and
    that the index answers without reading whole word lists; None when `fts_query` is
    such a query already, or when no cheaper one exists.

    FTS5 reads a prefix term through its prefix index when the prefix has 2 or 4
    characters (`prefix = '2 4'` in the schema); any other prefix first merges the lists
    of every word starting with it, however few rows are wanted: "pedamaran*" merges
    a list as long as the store, "b*" the lists of every word starting with b. Here a
    longer word is cut to its first 4 characters, a 3-letter one to 2, a 1-letter one is
    left out, and only the CHEAP_TERMS likely rarest words are kept; the records found are
    then checked against the full query (visits.matches)."""
    tokens = _tokens(text)
    if not tokens or all(_indexed(t) for t in tokens):
        return None
    # fewer terms, less for the index to walk: the likely rarest ones (with digits: a
    # number, a year, a NIK; then the longest words) are enough to find every match
    ranked = sorted(tokens, key=lambda t: (not any(c.isdigit() for c in t), -len(t)))
    terms = [term for term in (_cheap_term(t) for t in ranked) if term][:CHEAP_TERMS]
    return " AND ".join(terms) if terms else None


def search_query(db: sqlite_utils.Database, text: str,
                 tuning: SearchTuning = DEFAULT_TUNING) -> tuple[str | None, list[str]]:
    """The query of `fts_query(text)` as the store looks it up, and the typed words whose
    terms FTS5 still merges before it hands out a row.

    A typed word containing a letter is looked up as the whole words of the index it
    starts, when they are few (see search_terms): ("pelapor" OR "pelapornya") finds what
    "pelapor"* finds, read as a stream instead of merged first."""
    tokens = _tokens(text)
    if not tokens:
        return None, []
    terms, merged = [], []
    for token in tokens:
        term = _words_term(db, token, tuning.max_words)
        if term is None:
            term = _term(token)
            if not _indexed(token):
                merged.append(token)
        terms.append(term)
    return " AND ".join(terms), merged


def _words_term(db: sqlite_utils.Database, token: str, most: int) -> str | None:
    """("word" OR ...) for the index words starting with `token`, or None (a word of digits,
    one the prefix index serves, one the tokenizer splits, or one that starts too many
    words)."""
    if len(token) in _PREFIX_INDEX or not token.isalnum() or token.isdigit():
        return None
    folded = token.lower() if token.isascii() else _fold(token)
    if folded is None:
        return None
    words = search_terms.words_starting(db, folded, most)
    if words is None:
        return None
    if not words:
        return _quoted(folded)  # no record has it: a whole word, found missing at once
    return "(" + " OR ".join(_quoted(w) for w in words) + ")"


def _fold(token: str) -> str | None:
    """The tokenizer's spelling of a non-ASCII word (case and diacritics folded)."""
    words = search_terms.words_of([token])
    return next(iter(words)) if len(words) == 1 else None


def _quoted(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _tokens(text: str) -> list[str]:
    normalized = unicodedata.normalize("NFKC", text)
    return [t for t in _TOKEN.findall(normalized) if t.strip("_")][:16]


def _term(token: str) -> str:
    quoted = '"' + token.replace('"', '""') + '"*'
    if _is_phone_start(token):
        # phones are indexed as 62812...: a number typed as 0812... finds them too
        return f'({quoted} OR "62{token[1:]}"*)'
    return quoted


def _is_phone_start(token: str) -> bool:
    return token.isdigit() and token.startswith("0") and len(token) >= 4


_PREFIX_INDEX = (2, 4)  # prefix = '2 4' of visits_fts
CHEAP_TERMS = 3  # terms of a cheap query


def _indexed(token: str) -> bool:
    """Whether the term of `token` reads prefix indexes only (no merged word lists)."""
    lengths = [len(token)] + ([len(token) + 1] if _is_phone_start(token) else [])
    return all(n in _PREFIX_INDEX for n in lengths)


def _cheap_term(token: str) -> str:
    """A term the prefix index serves that matches wherever `_term(token)` does ("" when
    there is none). Only plain ASCII letters and digits are cut (their characters and
    FTS5's are the same); other words are kept whole."""
    if not (token.isascii() and token.isalnum()):
        return _term(token)
    if _is_phone_start(token):  # "0812..." or "62812...": 4 digits of each
        return f'("{token[:4]}"* OR "62{token[1:3]}"*)'
    if len(token) in _PREFIX_INDEX:
        return _term(token)
    if len(token) > 4:
        return _term(token[:4])
    return _term(token[:2]) if len(token) == 3 else ""


def index_visit(db: sqlite_utils.Database, visit: Visit) -> None:
    """(Re)write the search entry of one visit; called inside the visit's write transaction."""
    assert visit.meta is not None
    db.execute("DELETE FROM visits_fts WHERE rowid = ?", [visit.meta.id])
    values = fts_values(visit)
    db.execute("INSERT INTO visits_fts (rowid, number, names, niks, body) VALUES (?, ?, ?, ?, ?)",
               [visit.meta.id, *values])
    search_terms.add_words(db.conn, values)


def fts_values(visit: Visit) -> tuple[str, str, str, str]:
    """The (number, names, niks, body) columns of a visit's search entry (no SQL: bulk
    imports build them off the writing thread)."""
    names = " ".join(p.name for p in visit.parties if p.name)
    ids = " ".join(filter(None, [p.nik for p in visit.parties]
                          + [p.phone.lstrip("+") for p in visit.parties]))
    body = " ".join(filter(None, [
        visit.narrative, visit.modus_operandi, visit.place_detail, visit.incident_desa,
        visit.complaint_subject, visit.other_reason, visit.evidence,
        *(f"{i.doc_type} {i.number} {i.description}" for i in visit.lost_items),
        *(loss.description for loss in visit.losses),
    ]))
    return visit.number or "", names, ids, body


def _where(flt: VisitFilter) -> tuple[list[str], list[Any]]:
    """SQL conditions of the filter on `visits v`, but its words (see `_add_match`)."""
    clauses: list[str] = []
    params: list[Any] = []
    if flt.start is not None:
        clauses.append("v.received_at >= ?")
        params.append(dt_to_db(flt.start))
    if flt.end is not None:
        clauses.append("v.received_at < ?")
        params.append(dt_to_db(flt.end))
    for column, value in (("service", flt.service), ("category", flt.category),
                          ("status", flt.status)):
        if value:
            clauses.append(f"v.{column} = ?")
            params.append(value)
    if flt.categories:
        clauses.append(f"v.category IN ({', '.join('?' * len(flt.categories))})")
        params.extend(flt.categories)
    if flt.desa:
        clauses.append("v.incident_desa = ? COLLATE NOCASE")
        params.append(flt.desa)
    if flt.waiting_only:
        clauses.append(_WAITING_SQL)
    if not flt.include_voided:
        clauses.append("v.voided_at IS NULL")
    return clauses, params


_MATCH_SQL = "v.id IN (SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?)"


def _few(db: sqlite_utils.Database, text: str, query: str, merged: list[str],
         tuning: SearchTuning) -> list[int] | None:
    """Every match, when the query is costly for the index (words in `merged`) and
    matches few records."""
    if not merged:
        return None
    return few_matches(db, query, fts_cheap_query(text), [_cheap_term(t) for t in merged],
                       tuning)


def _in_period(flt: VisitFilter) -> bool:
    return flt.start is not None and flt.end is not None


def _add_match(db: sqlite_utils.Database, flt: VisitFilter, query: str, clauses: list[str],
               params: list[Any]) -> None:
    """Add "matches `query`" to the other conditions. In a period only the matches with ids
    in the span of the period's records are read (ids follow time, so a week's records
    have a narrow span; the answer is exact whatever the span)."""
    if _in_period(flt):
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        low, high = db.execute(f"SELECT min(v.id), max(v.id) FROM visits v {where}",
                               params).fetchone()
        clauses.append(MATCH_SPAN_SQL)
        params.extend([query, 0, -1] if low is None else [query, int(low), int(high)])
    else:
        clauses.append(_MATCH_SQL)
        params.append(query)


_FINAL = ", ".join(f"'{s}'" for s in sorted(FINAL_STATUSES))
_WAITING_SQL = (f"(v.service = 'lp' AND v.needs_visit = 1 AND v.arrived_at IS NULL "
                f"AND v.voided_at IS NULL AND v.status NOT IN ({_FINAL}))")

_ROW_COLUMNS = f"""v.id, v.number, v.received_at, v.service, v.category, v.reporter_name,
    v.incident_desa, v.status, v.arrived_at, v.voided_at, {_WAITING_SQL} AS waiting"""


def page(db: sqlite_utils.Database, flt: VisitFilter, after: PageKey | None,
         limit: int, *, oldest_first: bool = False,
         tuning: SearchTuning = DEFAULT_TUNING) -> list[VisitRow]:
    """Up to `limit` rows after `after`, newest first (or oldest first, to reach the end
    of the list without walking it)."""
    return [_row(values) for values in _ordered(db, flt, after, limit, oldest_first,
                                                _ROW_COLUMNS, tuning)]


def page_keys(db: sqlite_utils.Database, flt: VisitFilter, after: PageKey | None,
              limit: int, *, oldest_first: bool = False,
              tuning: SearchTuning = DEFAULT_TUNING) -> list[PageKey]:
    """Just the keys of the rows `page` would return: a cheap keyset walk (the order index
    covers it) for a list that jumps far from the rows it has seen. No OFFSET."""
    return [PageKey(received, vid) for received, vid in
            _ordered(db, flt, after, limit, oldest_first, "v.received_at, v.id", tuning)]


def count(db: sqlite_utils.Database, flt: VisitFilter, limit: int | None = None,
          tuning: SearchTuning = DEFAULT_TUNING) -> int:
    """How many rows the list of `flt` has; with `limit`, counting stops there (the answer
    is then min(count, limit)): a word in half of a million records is counted in 1 ms
    instead of 25."""
    query, merged = search_query(db, flt.text, tuning)
    clauses, params = _where(flt)
    if query is None and not clauses:  # the whole list: kept by triggers (visit_total)
        total = int(db.execute("SELECT n FROM visit_total WHERE id = 1").fetchone()[0])
        return total if limit is None else min(total, limit)
    few = None if query is None else _few(db, flt.text, query, merged, tuning)
    if few is not None:
        if not clauses:
            return len(few) if limit is None else min(len(few), limit)
        clauses.append("v.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(few))
        query = None
    if query is not None and not clauses:
        # words alone: every search entry is the entry of exactly one record (index_visit)
        return _count_of(db, "SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?", [query],
                         limit)
    if query is not None:
        _add_match(db, flt, query, clauses, params)
    where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
    return _count_of(db, f"SELECT 1 FROM visits v {where}", params, limit)


def _count_of(db: sqlite_utils.Database, select: str, params: list[Any], limit: int | None) -> int:
    if limit is not None:
        select, params = f"{select} LIMIT ?", [*params, limit]
    return int(db.execute(f"SELECT count(*) FROM ({select})", params).fetchone()[0])


def _ordered(db: sqlite_utils.Database, flt: VisitFilter, after: PageKey | None, limit: int,
             oldest_first: bool, columns: str, tuning: SearchTuning) -> list[tuple[Any, ...]]:
    """`columns` of up to `limit` rows of the list after `after`, in list order."""
    clauses, params = _where(flt)
    op, direction = (">", "ASC") if oldest_first else ("<", "DESC")
    if after is not None:
        # a row value: SQLite seeks the (received_at, id) index to the key; the spelled-out
        # OR form made it scan from the top of the list on every page
        clauses.append(f"(v.received_at, v.id) {op} (?, ?)")
        params.extend([after.received_at, after.id])
    select = f"SELECT v.received_at, v.id, {columns} FROM visits v"
    order = f"ORDER BY v.received_at {direction}, v.id {direction}"
    query, merged = search_query(db, flt.text, tuning)
    found = None
    if query is not None:
        few = _few(db, flt.text, query, merged, tuning)
        if few is not None:
            clauses.append("v.id IN (SELECT value FROM json_each(?))")
            params.append(json.dumps(few))
        elif _in_period(flt):
            _add_match(db, flt, query, clauses, params)
        else:
            stream = MatchStream(db, query, oldest_first=oldest_first, tuning=tuning)
            try:
                found = page_of_matches(db, stream, clauses, params, select, order, limit,
                                        oldest_first)
            finally:
                stream.close()
            if found is None:  # not settled among the newest ids: read every match
                _add_match(db, flt, query, clauses, params)
    if found is None:
        where = f"WHERE {' AND '.join(clauses)}" if clauses else ""
        found = db.execute(f"{select} {where} {order} LIMIT ?", [*params, limit]).fetchall()
    return [values[2:] for values in found]


def key_of(row: VisitRow) -> PageKey:
    stamp = dt_to_db(row.received_at)
    assert stamp is not None
    return PageKey(stamp, row.id)


def _row(values: tuple[Any, ...]) -> VisitRow:
    (vid, number, received, service, category, reporter, desa, status, arrived, voided,
     waiting) = values
    received_at = dt_from_db(received)
    arrived_at = dt_from_db(arrived)
    assert received_at is not None
    minutes = None
    if arrived_at is not None:
        minutes = (arrived_at - received_at).total_seconds() / 60
    return VisitRow(id=vid, number=number, received_at=received_at, service=service,
                    category=category, reporter_name=reporter, desa=desa, status=status,
                    response_minutes=minutes, waiting=bool(waiting), voided=voided is not None)
