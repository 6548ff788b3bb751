"""The audit trail: append-only, hash-chained, and `verify` names what was changed."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.cli import main
from app.domain.models import Officer, RecordMeta
from app.store import Store, audit
from app.store.driver import connect, sqlite3
from app.store.serialize import canonical_json
from tests.factories import lp
from tests.test_validation_properties import aware as aware_times
from tests.test_validation_properties import visits


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()


def test_raw_sql_change_of_a_record_is_named(tmp_path: Path, clock,
                                             monkeypatch: pytest.MonkeyPatch,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    from tests.cli_support import ADMIN, make_store, sign_in_as

    with make_store(tmp_path / "piket.db", clock=clock) as store:
        officer = store.master.officers_by_nrp()[ADMIN.nrp]
        visit = store.visits.create(lp(clock(), officer.id), officer.id).record
        path, key = store.path, store.data_key
    sign_in_as(monkeypatch)
    assert main(["verify", "--db", str(path)]) == 0
    conn = connect(path, key=key)  # an insider who can open the store
    conn.executescript(f"UPDATE visits SET category = 'pencurian' WHERE id = {visit.id};")
    conn.commit()
    conn.close()
    capsys.readouterr()
    assert main(["verify", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert visit.meta.uuid in out and "category" in out


def test_child_rows_are_covered_too(store: Store, officer: Officer, clock) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    store.db.execute("UPDATE visit_losses SET value_rp = 1 WHERE visit_id = ?", [visit.id])
    store.db.conn.commit()
    problems = store.verify()
    assert len(problems) == 1 and "losses" in problems[0]


def test_verify_reads_a_large_store_in_batches_and_names_every_problem(
        store: Store, officer: Officer, clock) -> None:
    """Records are compared with their audit entries a batch at a time: a change in any
    batch, a record written without Piket, and an old entry lacking a field added later
    (schema growth, not tampering) are told as before."""
    store.visits.create_many([(lp(clock(), officer.id), None) for _ in range(11)], officer.id)
    ids = [row[0] for row in store.db.execute("SELECT id FROM visits ORDER BY id").fetchall()]
    uuids = {row[0]: row[1] for row in store.db.execute("SELECT id, uuid FROM visits")}
    store.db.execute("UPDATE visits SET narrative = 'diubah' WHERE id = ?", [ids[6]])
    store.db.execute("UPDATE visits SET uuid = 'tanpa-jejak' WHERE id = ?", [ids[9]])
    store.db.execute("DROP TRIGGER audit_no_update")  # an entry from before a new field
    changed = store.db.execute(
        "UPDATE audit_log SET after = json_remove(after, '$.notable') "
        "WHERE record_uuid = ? AND json_extract(after, '$.notable') IS NOT NULL",
        [uuids[ids[2]]]).rowcount
    store.db.conn.commit()
    assert changed == 1
    problems = [p for p in store.verify(batch=4) if not p.startswith("audit: isi entri")]
    assert problems == [
        f"laporan {uuids[ids[6]]}: diubah di luar Piket (kolom: narrative)",
        "laporan tanpa-jejak: tidak ada jejak audit (dibuat di luar Piket)",
    ]


def test_audit_log_refuses_updates_and_deletes(store: Store, officer: Officer, clock) -> None:
    store.visits.create(lp(clock(), officer.id), officer.id)
    with pytest.raises(sqlite3.DatabaseError):
        store.db.execute("UPDATE audit_log SET officer_id = 99")
    with pytest.raises(sqlite3.DatabaseError):
        store.db.execute("DELETE FROM audit_log")


def test_edited_audit_entry_breaks_the_chain(store: Store, officer: Officer, clock) -> None:
    store.visits.create(lp(clock(), officer.id), officer.id)
    store.db.execute("DROP TRIGGER audit_no_update")
    store.db.execute("UPDATE audit_log SET officer_id = 99 WHERE id = "
                     "(SELECT max(id) FROM audit_log)")
    store.db.conn.commit()
    problems = store.verify()
    assert any("telah diubah" in p for p in problems)


def test_fingerprint_is_latest_chain_hash(store: Store, officer: Officer, clock) -> None:
    store.visits.create(lp(clock(), officer.id), officer.id)
    fingerprint = store.audit_fingerprint()
    assert len(fingerprint) == 64 and store.has_audit_hash(fingerprint[:16])
    assert not store.has_audit_hash("0123456789abcdef")


_TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=60)


@settings(max_examples=300, deadline=None)
@given(st.fixed_dictionaries({
    "at": _TEXT, "action": _TEXT, "kind": _TEXT,
    "officer_id": st.none() | st.integers(min_value=-2**63, max_value=2**63 - 1),
    "record_uuid": st.none() | _TEXT, "before": st.none() | _TEXT,
    "after": st.none() | _TEXT | st.builds(
        lambda d: canonical_json(d), st.dictionaries(_TEXT, _TEXT | st.integers())),
}))
def test_entry_body_is_the_canonical_json_of_the_hashed_fields(row: dict) -> None:
    """The hash covers `canonical_json` of the entry's fields; `entry_body` writes the
    same text by hand, for any text (quotes, backslashes, control characters, any script)."""
    assert audit.entry_body(row) == canonical_json(row)


def test_entry_body_of_other_values_falls_back_to_canonical_json() -> None:
    row = {"at": "x", "action": "a", "kind": "k", "officer_id": True, "record_uuid": None,
           "before": None, "after": None}
    assert audit.entry_body(row) == canonical_json(row)


@settings(max_examples=200, deadline=None)
@given(visits, st.none() | st.builds(
    RecordMeta, id=st.integers(1, 2**40), uuid=st.uuids().map(str), station_code=st.text(),
    created_at=aware_times, created_by=st.none() | st.integers(1, 99),
    updated_at=aware_times, updated_by=st.none() | st.integers(1, 99),
    version=st.integers(1, 9)))
def test_canonical_json_of_a_walk_in_is_sorted_plain_json(visit, meta) -> None:
    """The audit trail hashes `canonical_json` and `piket verify` compares it: whatever the
    record holds, it is the plain JSON of the record's fields (dataclasses.asdict with UTC
    times, sorted keys, no spaces), written by orjson where that gives the same text."""
    import dataclasses
    import json

    from app.store.serialize import dt_to_db

    def plain(value: object) -> object:
        if isinstance(value, datetime):
            return dt_to_db(value)
        if isinstance(value, date):
            return value.isoformat()
        raise TypeError(type(value))

    visit = dataclasses.replace(visit, meta=meta)
    try:
        expected = json.dumps(dataclasses.asdict(visit), sort_keys=True, ensure_ascii=False,
                              separators=(",", ":"), default=plain)
    except (ValueError, OverflowError):  # a naive time, or beyond year 1..9999: refused both ways
        with pytest.raises((ValueError, OverflowError)):
            canonical_json(visit)
        return
    assert canonical_json(visit) == expected
