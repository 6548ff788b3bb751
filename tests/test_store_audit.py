"""The audit trail: append-only, hash-chained, and `verify` names what was changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.cli import main
from app.domain.models import Officer
from app.store import Store
from tests.factories import lp


def _tamper(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.executescript(sql)
    conn.commit()
    conn.close()


def test_raw_sql_change_of_a_record_is_named(store: Store, officer: Officer, clock,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    path = store.path
    store.close()
    assert main(["verify", "--db", str(path)]) == 0
    _tamper(path, f"UPDATE visits SET category = 'pencurian' WHERE id = {visit.id};")
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
