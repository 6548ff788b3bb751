"""`piket demo --reports N` (the stores of the scale benchmark): the bulk path gives the
same records for the same seed, every record is saved after its last step and passes
`piket verify`, and the list pages through it newest first, every record once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.store import PageKey, Store, VisitFilter
from app.store.visits.search import key_of
from tests.cli_support import open_store, signed_in

pytestmark = pytest.mark.usefixtures("signed_in")  # the demo's first administrator
__all__ = ["signed_in"]

ARGS = ["--weeks", "2", "--reports", "300", "--seed", "5", "--today", "2024-02-05"]


def build(path: Path) -> None:
    assert main(["demo", "--db", str(path), *ARGS]) == 0


def fingerprint(store: Store) -> list[tuple[object, ...]]:
    out = []
    for row in store.visits.page(VisitFilter(), None, 10**6):
        visit = store.visits.get(row.id)
        assert visit.meta is not None
        out.append((row.id, visit.number, visit.service, visit.received_at, visit.status,
                    visit.narrative, [(p.name, p.nik) for p in visit.parties],
                    visit.meta.created_at, visit.meta.created_by))
    return out


def test_bulk_demo_is_deterministic_and_verifies(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    build(first)
    build(second)
    with open_store(first) as a, open_store(second) as b:
        assert fingerprint(a) == fingerprint(b)
        assert a.verify() == []
        bulk = [v for v in (a.visits.get(r.id) for r in a.visits.page(VisitFilter(), None,
                                                                        10**6))
                if not (v.number or "").startswith("LP/A/")]
        assert len(bulk) == 300
        for visit in bulk:
            assert visit.meta is not None
            last_step = max(change.at for change in visit.status_history)
            assert visit.meta.created_at >= max(last_step, visit.received_at)
            assert visit.meta.created_at - last_step < timedelta(days=2)  # the same day


def test_list_pages_through_a_bulk_store_once_each(tmp_path: Path) -> None:
    path = tmp_path / "c.db"
    build(path)
    with open_store(path) as store:
        expected = [r.id for r in store.visits.page(VisitFilter(), None, 10**6)]
        seen: list[int] = []
        after: PageKey | None = None
        while True:
            rows = store.visits.page(VisitFilter(), after, 37)
            seen.extend(r.id for r in rows)
            if len(rows) < 37:
                break
            after = key_of(rows[-1])
        assert seen == expected and len(set(seen)) == len(seen)
        assert store.visits.count(VisitFilter()) == len(expected)
