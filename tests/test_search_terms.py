"""The words of the search index (search_terms, migration 0005) and the searches that look a
typed word up as the whole words it starts: the same records as the prefix query, for
words saved one by one, in bulk, edited, or already in a store made before 0005."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.models import Party, Visit
from app.store import SearchTuning, Store, VisitFilter
from app.store.visits import terms as search_terms
from app.store.visits.search import fts_query, search_query

START = datetime(2024, 1, 8, 1, 0, tzinfo=UTC)


def walkin(n: int, narrative: str, name: str = "Warga") -> Visit:
    return Visit(service="informasi", received_at=START + timedelta(minutes=n),
                 narrative=narrative, parties=(Party("pelapor", name, phone="081234567890"),))


def stored_words(store: Store) -> set[str]:
    return {term for (term,) in store.db.execute("SELECT term FROM search_terms")}


def index_words(store: Store) -> set[str]:
    """Every word of the FTS5 index that contains a letter, read from FTS5 itself."""
    conn: sqlite3.Connection = store.db.conn
    conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.check_vocab "
                 "USING fts5vocab(main, visits_fts, 'row')")
    return {t for (t,) in conn.execute("SELECT term FROM temp.check_vocab") if not t.isdigit()}


def prefix_ids(store: Store, text: str) -> set[int]:
    query = fts_query(text)
    return {r[0] for r in store.db.execute(
        "SELECT rowid FROM visits_fts WHERE visits_fts MATCH ?", [query])}


def listed_ids(store: Store, text: str) -> list[int]:
    flt = VisitFilter(text=text)
    rows = store.visits.page(flt, None, 10_000)
    assert store.visits.count(flt) == len(rows)
    return [row.id for row in rows]


def test_words_of_are_the_tokenizers_words_with_a_letter() -> None:
    words = search_terms.words_of(["Pencurian SEPEDA-motor di Désa Kotabaru",
                                   "NIK 1602010101900001, plat BG1234AB", ""])
    assert words == {"pencurian", "sepeda", "motor", "di", "desa", "kotabaru", "nik", "plat",
                     "bg1234ab"}


def test_saved_edited_and_bulk_records_add_their_words(store: Store) -> None:
    saved = store.visits.create(walkin(1, "Sepeda motor hilang di pasar", "Budi Santoso"), None)
    assert {"sepeda", "motor", "hilang", "pasar", "budi", "santoso"} <= stored_words(store)
    edited = dataclasses.replace(saved.record, narrative="Kerbau lepas ke sawah Pak Lurah")
    store.visits.update(edited, None)
    assert {"kerbau", "lepas", "sawah", "lurah"} <= stored_words(store)
    store.visits.create_many([(walkin(i, f"Kunjungan ke-{i} tentang jembatan rusak"), None)
                              for i in range(2, 700)], None)
    assert {"jembatan", "rusak", "kunjungan", "ke"} <= stored_words(store)
    # none missing; the edited-away words stay (a search for them finds nothing)
    assert index_words(store) <= stored_words(store)
    assert {"sepeda", "pasar"} <= stored_words(store) - index_words(store)
    assert not any(word.isdigit() for word in stored_words(store))


def test_a_store_made_before_0005_gets_the_words_of_its_index(tmp_path: Path) -> None:
    path = tmp_path / "lama.db"
    with Store(path) as store:
        store.visits.create_many([(walkin(i, f"Laporan nomor {i} soal ternak hilang"), None)
                                  for i in range(50)], None)
        store.db.execute("DROP TABLE search_terms")
        store.db.execute("DELETE FROM _sqlite_migrations WHERE name = '0005_search_terms'")
        store.db.conn.commit()
    with Store(path) as store:
        assert stored_words(store) == index_words(store)
        assert "ternak" in stored_words(store)
        assert listed_ids(store, "terna") == sorted(prefix_ids(store, "terna"), reverse=True)


def test_a_typed_word_is_looked_up_as_the_words_it_starts(store: Store) -> None:
    texts = ["pelapor datang", "pelaporan kehilangan", "pelapornya pergi", "pelari pagi",
             "Pelayanan désa", "kucing hilang", "dompet 0812 hilang"]
    store.visits.create_many([(walkin(i, t), None) for i, t in enumerate(texts)], None)

    query, merged = search_query(store.db, "Pelapo")
    assert query == '("pelapor" OR "pelaporan" OR "pelapornya")' and merged == []
    assert search_query(store.db, "zebra") == ('"zebra"', [])  # in no record: found at once
    assert search_query(store.db, "dompet pela") == ('("dompet") AND "pela"*', [])  # 4: indexed
    assert search_query(store.db, "k") == ('("kehilangan" OR "kucing")', [])  # few words with k
    assert search_query(store.db, "08123")[1] == ["08123"]  # digits: still a prefix
    assert search_query(store.db, "pel_dat") == ('"pel_dat"*', ["pel_dat"])  # split by FTS5

    for typed in ("pelapo", "Pelapor", "pelay", "desa", "Désa", "hilan", "pel", "kucing hilang",
                  "zebra", "p", "0812", "peLAPORAN kehilangan", "pelapor_data", "pel_pag"):
        assert set(listed_ids(store, typed)) == prefix_ids(store, typed), typed


def test_a_prefix_of_many_words_stays_a_prefix(tmp_path: Path) -> None:
    tuning = SearchTuning(max_words=3)
    with Store(tmp_path / "few.db", search_tuning=tuning) as store:
        texts = ["motor", "motoran", "motorik", "motorist", "motorboat"]
        store.visits.create_many([(walkin(i, t), None) for i, t in enumerate(texts)], None)
        assert search_query(store.db, "motor", tuning) == ('"motor"*', ["motor"])
        assert set(listed_ids(store, "motor")) == prefix_ids(store, "motor")
        assert search_query(store.db, "motori", tuning) == ('("motorik" OR "motorist")', [])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.characters(max_codepoint=127), max_size=40), max_size=5))
def test_ascii_text_is_split_as_the_tokenizer_splits_it(texts: list[str]) -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{search_terms.TOKENIZE}')")
    conn.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'row')")
    conn.executemany("INSERT INTO t (x) VALUES (?)", [(text,) for text in texts])
    expected = {term for (term,) in conn.execute("SELECT term FROM v") if not term.isdigit()}
    assert search_terms.words_of(texts) == expected
