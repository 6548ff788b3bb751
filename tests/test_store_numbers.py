"""Document numbers: yearly counters in station time, never reused, unique across processes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

from app.domain.models import Officer
from app.store import Store, VisitFilter
from tests.conftest import MutableClock
from tests.factories import lp


def test_year_rolls_over_at_midnight_wib(tmp_path: Path) -> None:
    clock = MutableClock(datetime(2025, 1, 1, 6, 0, tzinfo=UTC))
    with Store(tmp_path / "p.db", clock=clock) as store:
        officer = store.master.save(Officer("ANDI", "BRIPKA", "85061234"), None).record
        # 31 Dec 2024 23:59:59 WIB is 16:59:59 UTC: still 2024
        late = store.visits.create(
            lp(datetime(2024, 12, 31, 16, 59, 59, tzinfo=UTC), officer.id), officer.id).record
        # 1 Jan 2025 00:00 WIB is 17:00 UTC on 31 Dec: already 2025, counter back at 1
        early = store.visits.create(
            lp(datetime(2024, 12, 31, 17, 0, tzinfo=UTC), officer.id), officer.id).record
        again = store.visits.create(
            lp(datetime(2024, 12, 31, 18, 0, tzinfo=UTC), officer.id), officer.id).record
    assert late.number.startswith("LP/B/1/XII/2024/")
    assert early.number.startswith("LP/B/1/I/2025/")
    assert again.number.startswith("LP/B/2/I/2025/")


def test_model_a_and_b_have_their_own_counters(store: Store, officer: Officer, clock) -> None:
    b = store.visits.create(lp(clock(), officer.id), officer.id).record
    a = store.visits.create(lp(clock(), officer.id, lp_model="A", parties=()), officer.id).record
    assert b.number.startswith("LP/B/1/") and a.number.startswith("LP/A/1/")


CHILD = textwrap.dedent("""
    import sys
    from datetime import UTC, datetime
    from pathlib import Path
    from app.store import Store
    from tests.factories import lp
    path, officer_id, count = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    with Store(path) as store:
        for _ in range(count):
            when = datetime(2024, 2, 14, 7, 0, tzinfo=UTC)
            store.visits.create(lp(when, officer_id), officer_id)
""")


def test_two_processes_saving_at_once_never_share_a_number(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    with Store(path) as store:
        officer = store.master.save(Officer("ANDI", "BRIPKA", "85061234"), None).record
    per_process = 40
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, str(path), str(officer.id),
                               str(per_process)], cwd=Path(__file__).parent.parent)
             for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    with Store(path) as store:
        rows = store.visits.page(VisitFilter(), limit=1000)
        numbers = [r.number for r in rows]
        assert store.verify() == []
    assert len(numbers) == 2 * per_process == len(set(numbers))
    seqs = sorted(int(n.split("/")[2]) for n in numbers)
    assert seqs == list(range(1, 2 * per_process + 1))
