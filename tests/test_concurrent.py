"""One store, several Piket processes: read-write for all, with a busy timeout, numbers that
never collide, and edits made against an older version detected (StaleRecord), not silently
overwritten. Backups run while another process writes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.backup import make_backup
from app.domain.models import Officer, Visit
from app.store import StaleRecord, Store, StoreUnavailable, integrity_problems
from tests.factories import lp
from ui.common.errors import describe

ROOT = Path(__file__).resolve().parents[1]


def _start(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code), *args], cwd=ROOT,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def _run(code: str, *args: str) -> str:
    child = _start(code, *args)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    return out


@pytest.fixture
def shared(tmp_path: Path) -> tuple[Path, int]:
    """A store on disk with one officer (real clock: several processes share it)."""
    path = tmp_path / "piket.db"
    with Store(path) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    assert officer.id is not None
    return path, officer.id


def test_edit_of_a_record_changed_by_another_process_is_refused(shared: tuple[Path, int]) -> None:
    path, officer_id = shared
    with Store(path) as desk_a:
        created = desk_a.visits.create(lp(datetime.now(UTC), officer_id), officer_id).record
        assert created.meta is not None
        opened = desk_a.visits.get(created.meta.id)  # desk A opens the form
        _run("""
            import sys
            from dataclasses import replace
            from app.store import Store
            with Store(sys.argv[1]) as desk_b:
                v = desk_b.visits.get(int(sys.argv[2]))
                desk_b.visits.update(replace(v, narrative="Diperbaiki di komputer kedua."), None)
        """, str(path), str(created.meta.id))
        edited = replace(opened, narrative="Diubah di komputer pertama.")
        with pytest.raises(StaleRecord) as caught:
            desk_a.visits.update(edited, officer_id)
        assert caught.value.expected == 1 and caught.value.actual == 2
        assert "diubah oleh petugas lain" in describe(caught.value)
        with pytest.raises(StaleRecord):
            desk_a.visits.change_status(created.meta.id, "ditangani", "berangkat ke TKP",
                                        officer_id, expected_version=1)
        current = desk_a.visits.get(created.meta.id)
        assert current.narrative == "Diperbaiki di komputer kedua."  # not overwritten
        assert desk_a.verify() == []
        # reopened at the new version, desk A's edit goes through
        assert desk_a.visits.update(replace(current, narrative="Disepakati."), officer_id
                                    ).record.meta.version == 3  # type: ignore[union-attr]


CREATOR = """
    import sys
    from datetime import UTC, datetime
    from app.store import Store
    from tests.factories import lp
    with Store(sys.argv[1]) as store:
        sys.stdin.readline()  # start together
        for _ in range(int(sys.argv[3])):
            store.visits.create(lp(datetime.now(UTC), int(sys.argv[2])), int(sys.argv[2]))
"""


def test_three_processes_saving_at_once_get_distinct_gapless_numbers(
        shared: tuple[Path, int]) -> None:
    path, officer_id = shared
    children = [_start(CREATOR, str(path), str(officer_id), "40") for _ in range(2)]
    with Store(path) as store:
        for child in children:
            assert child.stdin is not None
            child.stdin.write("\n")
            child.stdin.flush()
        for _ in range(40):
            store.visits.create(lp(datetime.now(UTC), officer_id), officer_id)
        for child in children:
            _, err = child.communicate(timeout=120)
            assert child.returncode == 0, err
        seqs = sorted(r[0] for r in store.db.execute("SELECT number_seq FROM visits"))
        assert seqs == list(range(1, 121))
        assert store.verify() == []


HOLDER = """
    import sys, time
    from app.store import Store
    store = Store(sys.argv[1])
    store.db.conn.execute("BEGIN IMMEDIATE")  # another desk in the middle of a long save
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    store.db.conn.execute("COMMIT")
"""


def test_a_save_waits_for_another_process_holding_the_lock(shared: tuple[Path, int]) -> None:
    path, officer_id = shared
    holder = _start(HOLDER, str(path), "1.5")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with Store(path) as store:
            started = time.monotonic()
            store.visits.create(lp(datetime.now(UTC), officer_id), officer_id)
            assert time.monotonic() - started > 0.5  # it waited (busy timeout), then saved
    finally:
        holder.communicate(timeout=30)


def test_a_lock_held_too_long_is_a_clear_message(shared: tuple[Path, int]) -> None:
    path, officer_id = shared
    holder = _start(HOLDER, str(path), "3")
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with Store(path) as store:
            store.db.execute("PRAGMA busy_timeout = 200")  # instead of waiting 10 s in a test
            visit: Visit = lp(datetime.now(UTC), officer_id)
            with pytest.raises(StoreUnavailable) as caught:
                store.visits.create(visit, officer_id)
            assert caught.value.reason == "locked"
            assert "dipakai komputer/jendela lain" in describe(caught.value)
    finally:
        holder.communicate(timeout=30)
    with Store(path) as store:
        store.visits.create(visit, officer_id)  # the form still holds it: save again
        assert store.summary_counts()["Kunjungan"] == 1


WRITER = """
    import sys
    from datetime import UTC, datetime
    from app.store import Store
    from tests.factories import lp
    with Store(sys.argv[1]) as store:
        print("writing", flush=True)
        n = 0
        while not sys.stdin.closed:
            store.visits.create(lp(datetime.now(UTC), int(sys.argv[2])), int(sys.argv[2]))
            n += 1
            if n % 5 == 0:
                import select
                if select.select([sys.stdin], [], [], 0)[0]:
                    break
        print(n, flush=True)
"""


def _wait_for_a_visit(path: Path, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with Store(path) as store:
            if store.summary_counts()["Kunjungan"] > 0:
                return
        time.sleep(0.05)


def test_backups_taken_while_another_process_writes_are_consistent(
        shared: tuple[Path, int], tmp_path: Path) -> None:
    path, officer_id = shared
    writer = _start(WRITER, str(path), str(officer_id))
    folder = tmp_path / "usb"
    folder.mkdir()
    counts: list[int] = []
    try:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "writing"
        _wait_for_a_visit(path)  # on a busy machine the writer may not have saved one yet
        for i in range(5):
            time.sleep(0.2)
            info = make_backup(path, folder, "PEDAMARAN", now=datetime(2026, 1, 1, 0, i, tzinfo=UTC))
            assert integrity_problems(info.path) == []
            with Store(info.path) as copy:
                assert copy.verify() == []
                counts.append(copy.summary_counts()["Kunjungan"])
    finally:
        out, err = writer.communicate("stop\n", timeout=60)
    assert writer.returncode == 0, err
    written = int(out.split()[-1])
    assert counts == sorted(counts) and counts[-1] > counts[0] > 0  # taken mid-stream
    assert counts[-1] <= written
