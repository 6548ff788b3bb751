"""The words of the walk-in search index, so that a typed word can be looked up whole.

Every typed word is a prefix ("pencuri" finds "pencurian"). FTS5 answers a prefix that
its prefix index does not cover (2 or 4 characters) by first merging the lists of every
word starting with it: "pelapor*" merges a list of half a million records before it hands
out the first row, twice per search (the count and the first page). The same records are
found by the words themselves, ("pelapor" OR "pelapornya"), which FTS5 reads as a stream.
So the store keeps the words of the index that contain a letter (`search_terms`, migration
0005) and a typed word is replaced by the words it starts, when they are few.

Words of digits only (NIKs, phones, document numbers: nearly all of the index's words at a
million records, and never few for a short prefix) are not kept; a typed number stays a
prefix (see visits.matches for how those are looked up).

A word is added when a record with it is indexed, never removed: a word no record has any
more only makes a search look for it in vain. The words are found by FTS5 itself (an
in-memory table with the same tokenizer), so they are exactly the index's words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable

import sqlite_utils

from app.store.driver import sqlite3

TOKENIZE = "unicode61 remove_diacritics 2"  # the tokenizer of visits_fts (migration 0001)

_ASCII_WORD = re.compile(r"[a-z0-9]+")
_local = threading.local()


def words_of(texts: Iterable[str]) -> set[str]:
    """The index words of `texts` that contain a letter, as the tokenizer spells them.

    ASCII text is split here: for it the tokenizer's words are the runs of letters and
    digits, lower-cased (tests/test_search_terms.py checks this against FTS5 on random
    text); other text goes through FTS5 itself, which is 50 times slower."""
    words: set[str] = set()
    other: list[str] = []
    for text in texts:
        if not text:
            continue
        if text.isascii():
            words.update(_ASCII_WORD.findall(text.lower()))
        else:
            other.append(text)
    if other:
        words |= _tokenized(other)
    return {word for word in words if not word.isdigit()}


def _tokenized(texts: list[str]) -> set[str]:
    conn = _tokenizer()
    conn.executemany("INSERT INTO words (text) VALUES (?)", ((t,) for t in texts))
    try:
        return {term for (term,) in conn.execute("SELECT term FROM words_vocab")}
    finally:
        conn.execute("DELETE FROM words")


def add_words(conn: sqlite3.Connection, texts: Iterable[str]) -> None:
    """Remember the words of `texts` (inside the write transaction that indexes them)."""
    insert_words(conn, sorted(words_of(texts)))


def insert_words(conn: sqlite3.Connection, words: list[str]) -> None:
    """Remember `words` found by `words_of` before (a bulk write finds them in the process
    that makes its rows)."""
    if words:
        conn.executemany("INSERT OR IGNORE INTO search_terms (term) VALUES (?)",
                         [(w,) for w in words])


def words_starting(db: sqlite_utils.Database, prefix: str, most: int) -> list[str] | None:
    """The index words that start with `prefix` (already in the tokenizer's spelling), or
    None when there are more than `most`."""
    found = [term for (term,) in db.execute(
        "SELECT term FROM search_terms WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
        [prefix, prefix + "\U0010ffff", most + 1])]
    return None if len(found) > most else found


def fill(db: sqlite_utils.Database) -> None:
    """Take the words of the whole index (migration 0005: seconds at a million records)."""
    db.execute("CREATE VIRTUAL TABLE temp.fill_vocab USING fts5vocab(main, visits_fts, 'row')")
    try:
        db.execute("INSERT OR IGNORE INTO search_terms (term) SELECT term FROM temp.fill_vocab "
                   "WHERE term GLOB '*[^0-9]*'")
    finally:
        db.execute("DROP TABLE temp.fill_vocab")


def _tokenizer() -> sqlite3.Connection:
    conn: sqlite3.Connection | None = getattr(_local, "conn", None)
    if conn is None:
        conn = sqlite3.connect(":memory:", isolation_level=None)
        conn.execute(f"CREATE VIRTUAL TABLE words USING fts5(text, tokenize = '{TOKENIZE}')")
        conn.execute("CREATE VIRTUAL TABLE words_vocab USING fts5vocab(words, 'row')")
        _local.conn = conn
    return conn
