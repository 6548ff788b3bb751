"""Issue 20 items 1-4: the hub's tables, push (twice, cut between batches), bundles (imported
twice), a rewritten station history refused and flagged, a station role refused writing
another station's rows. A real PostgreSQL server (tests/pg_server.py)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest

from app.cli import main
from app.hub import HubRefused
from app.hub.connect import connect
from app.hub.ingest import accept, refusals
from app.hub.roles import add_station
from app.hub.schema import MIGRATIONS, migrate, pending
from app.sync.bundle import write_bundle, write_card
from app.sync.push import push
from app.sync.signing import sign_entries
from tests.cli_support import signed_in  # noqa: F401 (fixture)
from tests.hub_support import add_walk_ins, hub_count, local_entries, make_station, reopen
from tests.pg_server import hub_dsn, pg_server  # noqa: F401 (fixtures)


@pytest.fixture
def hub(hub_dsn: str) -> str:  # noqa: F811
    with connect(hub_dsn) as conn:
        migrate(conn)
    return hub_dsn


def test_hub_init_creates_then_has_nothing_to_do(hub_dsn: str, signed_in: None,  # noqa: F811
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with connect(hub_dsn) as conn:
        assert pending(conn) == [name for name, _ in MIGRATIONS]
    assert main(["hub", "init", "--dsn", hub_dsn]) == 0
    assert "0001_hub" in capsys.readouterr().out
    assert main(["hub", "init", "--dsn", hub_dsn]) == 0
    assert "sudah mutakhir" in capsys.readouterr().out
    with connect(hub_dsn) as conn:
        assert pending(conn) == []


def test_push_twice_adds_nothing_and_rebuilds_records(tmp_path: Path, hub: str) -> None:
    with make_station(tmp_path / "a.db", "PDM") as store:
        first = push(store, hub, batch=4)
        count = local_entries(store)
        assert first.added == count and first.batches == -(-count // 4)
        again = push(store, hub, batch=4)
        assert again.added == 0 and again.batches == 0
        assert store.sync.status("hub").waiting == 0
        uuids = {r[0] for r in store.db.execute("SELECT uuid FROM visits")}
    assert hub_count(hub, "hub_entries", "PDM") == count
    with psycopg.connect(hub) as conn:
        at_hub = {r[0] for r in conn.execute(
            "SELECT record_uuid FROM hub_records WHERE station_code = 'PDM' AND kind = 'visit'")}
    assert at_hub == uuids


def test_push_is_incremental(tmp_path: Path, hub: str) -> None:
    with make_station(tmp_path / "a.db", "PDM") as store:
        push(store, hub)
        before = local_entries(store)
        add_walk_ins(store, 2)
        result = push(store, hub)
        assert result.added == local_entries(store) - before
        assert result.known == 0


_CUT = """
import os, sys
from pathlib import Path
from app.sync.push import push
from tests.hub_support import reopen
store = reopen(Path(sys.argv[1]))
sent = []
def cut(accepted):
    sent.append(accepted)
    if len(sent) == 2:
        os._exit(9)  # killed after the hub committed the 2nd batch, before the station's ack
push(store, sys.argv[2], batch=3, on_sent=cut)
"""


def test_push_killed_between_batches_loses_and_duplicates_nothing(tmp_path: Path,
                                                                   hub: str) -> None:
    path = tmp_path / "a.db"
    make_station(path, "PDM", walk_ins=5).close()
    killed = subprocess.run([sys.executable, "-c", _CUT, str(path), hub],
                            cwd=Path(__file__).parent.parent, capture_output=True, text=True)
    assert killed.returncode == 9, killed.stderr
    assert hub_count(hub, "hub_entries", "PDM") == 6
    with reopen(path) as store:
        assert store.sync.status("hub").acked_id == 3  # the first batch's ack only
        result = push(store, hub, batch=3)
        total = local_entries(store)
        assert result.added == total - 6
        assert store.sync.status("hub").acked_id == total
    assert hub_count(hub, "hub_entries", "PDM") == total


def test_bundle_imported_twice_adds_nothing(tmp_path: Path, hub: str) -> None:
    with make_station(tmp_path / "a.db", "PDM") as store:
        write_card(store, tmp_path / "pdm.card")
        write_bundle(store, tmp_path / "b1.piket")
        count = local_entries(store)
    with connect(hub) as conn:
        from app.sync.bundle import import_file

        assert "terdaftar" in import_file(conn, (tmp_path / "pdm.card").read_bytes())
        first = import_file(conn, (tmp_path / "b1.piket").read_bytes())
        again = import_file(conn, (tmp_path / "b1.piket").read_bytes())
    assert f"{count} entri baru" in first
    assert "0 entri baru" in again and f"{count} sudah ada" in again
    assert hub_count(hub, "hub_entries", "PDM") == count
    assert not list(tmp_path.glob("*.tmp*"))


def test_bundle_by_the_commands(tmp_path: Path, hub: str, signed_in: None,  # noqa: F811
                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.db"
    make_station(path, "PDM").close()
    assert main(["sync", "card", "--db", str(path), "--out", str(tmp_path / "c")]) == 0
    assert main(["sync", "bundle", "--db", str(path), "--out", str(tmp_path / "b")]) == 0
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "c")]) == 0
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "b")]) == 0
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "b")]) == 0
    out = capsys.readouterr().out
    assert "0 entri baru" in out
    # the next bundle carries only what is new (the sign-ins of the commands above)
    assert main(["sync", "bundle", "--db", str(path), "--out", str(tmp_path / "b2")]) == 0
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "b2")]) == 0
    with reopen(path) as store:
        assert hub_count(hub, "hub_entries", "PDM") == local_entries(store)


def test_a_tampered_bundle_is_refused(tmp_path: Path, hub: str, signed_in: None,  # noqa: F811
                                      capsys: pytest.CaptureFixture[str]) -> None:
    with make_station(tmp_path / "a.db", "PDM") as store:
        write_card(store, tmp_path / "c")
        write_bundle(store, tmp_path / "b")
    data = bytearray((tmp_path / "b").read_bytes())
    data[-5] ^= 1
    (tmp_path / "b").write_bytes(bytes(data))
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "c")]) == 0
    assert main(["hub", "import", "--dsn", hub, str(tmp_path / "b")]) == 1
    assert "Tanda tangan bundel" in capsys.readouterr().err
    assert hub_count(hub, "hub_entries", "PDM") == 0


def test_a_rewritten_history_is_refused_and_flagged(tmp_path: Path, hub: str) -> None:
    path = tmp_path / "a.db"
    with make_station(path, "PDM") as store:
        push(store, hub)
    with reopen(path) as store:
        add_walk_ins(store, 2)
        push(store, hub)
        held = hub_count(hub, "hub_entries", "PDM")
        entries = store.sync.entries_after(0, 1000)
    # a batch whose entry differs from what the hub holds at the same id
    entries[2]["after"] = '{"changed": true}'
    entries[2]["hash"] = "f" * 64
    with reopen(path) as store:
        sign_entries(store.sync.keys(), "PDM", entries)
    with connect(hub) as conn:
        with pytest.raises(HubRefused) as refused:
            accept(conn, "PDM", entries)
        assert refused.value.reason == "rewritten"
        assert "ditulis ulang" in str(refused.value)
        assert [r[1] for r in refusals(conn, "PDM")] == ["rewritten"]
    assert hub_count(hub, "hub_entries", "PDM") == held


def test_a_station_back_on_an_old_copy_is_refused(tmp_path: Path, hub: str) -> None:
    """The station's store replaced by an older copy that then writes on: its chain no
    longer extends what the hub holds."""
    path = tmp_path / "a.db"
    with make_station(path, "PDM") as store:
        push(store, hub)
    old = tmp_path / "old.db"
    for suffix in ("", ".keys"):
        if Path(str(path) + suffix).exists():
            shutil.copy(Path(str(path) + suffix), Path(str(old) + suffix))
    with reopen(path) as store:
        add_walk_ins(store, 2)
        push(store, hub)
    held = hub_count(hub, "hub_entries", "PDM")
    with reopen(path) as store:
        key = store.data_key
    from app.store import Store

    with Store(old, key=key) as copy:
        add_walk_ins(copy, 5)
        with pytest.raises(HubRefused):
            push(copy, hub)
        assert "ditulis ulang" in (copy.sync.status("hub").last_error or "")
    assert hub_count(hub, "hub_entries", "PDM") == held
    with connect(hub) as conn:
        assert "rewritten" in [r[1] for r in refusals(conn, "PDM")]


def test_station_role_cannot_write_another_stations_rows(tmp_path: Path, hub: str,
                                                        pg_server: object) -> None:  # noqa: F811
    with connect(hub) as conn:
        add_station(conn, "PDM", "polsek_pdm")
        add_station(conn, "KAG", "polsek_kag")
    as_pdm = " ".join(p for p in hub.split() if not p.startswith("user=")) + " user=polsek_pdm"
    with make_station(tmp_path / "a.db", "PDM") as store:
        result = push(store, as_pdm)  # its own rows: allowed
        assert result.added == local_entries(store)
        entries = store.sync.entries_after(0, 2)
        sign_entries(store.sync.keys(), "KAG", entries)
    with psycopg.connect(as_pdm, autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO hub_entries (station_code, entry_id, at, action, kind, "
                         "prev_hash, hash, signature) VALUES ('KAG', 1, 'x', 'create', 'visit',"
                         " %s, 'h', '\\x00')", ["0" * 64])
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("UPDATE hub_stations SET head_id = 0")
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("DELETE FROM hub_entries")
        assert conn.execute("SELECT count(*) FROM hub_entries WHERE station_code = 'KAG'"
                            ).fetchone() == (0,)
        # it reads its own rows only
        assert conn.execute("SELECT DISTINCT station_code FROM hub_entries").fetchall() == [
            ("PDM",)]


def test_master_data_pull_adds_what_is_missing_and_overwrites_nothing(
        tmp_path: Path, hub: str, signed_in: None,  # noqa: F811
        capsys: pytest.CaptureFixture[str]) -> None:
    import json

    from app.domain.models import Category, LawArticle, Officer

    path = tmp_path / "a.db"
    with make_station(path, "PDM") as store:
        nrp_held = next(iter(store.master.officers_by_nrp()))
        held_name = store.master.officers_by_nrp()[nrp_held].name
        held_code = store.master.list(Category)[0].code
        held_label = store.master.list(Category)[0].label
    master = {
        "officer": [{"name": "SITI RAHMA", "rank": "BRIPDA", "nrp": "02030405"},
                    {"name": "NAMA LAIN", "rank": "AKP", "nrp": nrp_held}],
        "law_article": [{"code": "999 UU Uji", "title": "Pasal uji", "law": "lainnya"}],
        "category": [{"code": held_code, "label": "DIUBAH POLRES", "group": "lain"}],
    }
    (tmp_path / "master.json").write_text(json.dumps(master), encoding="utf-8")
    assert main(["hub", "publish", "--dsn", hub, str(tmp_path / "master.json")]) == 0
    assert main(["sync", "pull", "--db", str(path), "--hub", hub]) == 0
    out = capsys.readouterr().out
    assert "1 personel, 1 pasal, 0 kategori ditambahkan; 2 sudah ada" in out
    with reopen(path) as store:
        roster = store.master.officers_by_nrp()
        assert roster["02030405"].name == "SITI RAHMA"
        assert roster[nrp_held].name == held_name  # the station's own record kept
        assert {c.code: c.label for c in store.master.list(Category)}[held_code] == held_label
        assert "999 UU Uji" in {a.code for a in store.master.list(LawArticle)}
        assert isinstance(roster["02030405"], Officer)
    assert main(["sync", "pull", "--db", str(path), "--hub", hub]) == 0
    assert "0 personel, 0 pasal, 0 kategori ditambahkan; 4 sudah ada" in capsys.readouterr().out


def test_push_and_station_by_the_commands(tmp_path: Path, hub: str, signed_in: None,  # noqa: F811
                                          capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.db"
    make_station(path, "PDM").close()
    assert main(["hub", "station", "--dsn", hub, "--code", "PDM", "--role", "polsek_pdm"]) == 0
    assert main(["sync", "push", "--db", str(path), "--hub", hub, "--batch", "7"]) == 0
    assert "entri baru" in capsys.readouterr().out
    assert main(["sync", "push", "--db", str(path), "--hub", "host=/nonexistent dbname=x"]) == 1
    err = capsys.readouterr().err
    assert "tidak dapat dihubungi" in err and "nonexistent" not in err
    with reopen(path) as store:
        assert "tidak dapat dihubungi" in (store.sync.status("hub").last_error or "")


def _busy_station(path: Path, code: str, walk_ins: int) -> None:
    from dataclasses import replace
    from datetime import timedelta

    from tests import factories
    from tests.hub_support import AT

    moment = [AT + timedelta(days=3)]
    with make_station(path, code, walk_ins=walk_ins, clock=lambda: moment[0]) as store:
        by = min(store.master.officers_by_id())
        visit = store.visits.create(factories.lp(AT + timedelta(days=1), by), by).record
        store.visits.change_status(visit.id, "selesai", "perkara selesai", by)
        store.visits.create(factories.lp(AT - timedelta(days=7), by), by)  # the week before
        # long before: one still open (it may be waiting), one cleared in the week (CC)
        store.visits.create(factories.lp(AT - timedelta(weeks=30), by), by)
        old = store.visits.create(factories.lp(AT - timedelta(weeks=40), by), by).record
        store.visits.change_status(old.id, "selesai", "perkara selesai", by)
        # and one closed long ago: the Polres review leaves it out (it counts in no week)
        moment[0] = AT - timedelta(weeks=49)
        closed = store.visits.create(factories.lp(AT - timedelta(weeks=50), by), by).record
        store.visits.change_status(closed.id, "selesai", "perkara selesai", by)
        moment[0] = AT + timedelta(weeks=4)  # a walk-in of a later week
        store.visits.create(factories.lp(AT + timedelta(weeks=3), by), by)
        moment[0] = AT + timedelta(days=3)
        # renamed afterwards: the numbers made before no longer fit its pattern
        store.settings.save_station_profile(replace(store.profile(), name=f"{code} BARU"), None)
        store.patrols.save(factories.patrol(AT, by), by)
        meeting = store.meetings.save(factories.meeting(AT + timedelta(days=2), by), by).record
        store.meetings.set_issue_status(meeting.issues[0].uuid, "selesai", "sudah beres", by)
        store.meetings.save(factories.meeting(AT - timedelta(weeks=20), by), by)  # still open


def test_polres_review_numbers_equal_each_stations_own(tmp_path: Path, hub: str,
                                                       signed_in: None) -> None:  # noqa: F811
    from datetime import UTC, datetime

    from pypdf import PdfReader

    from app.hub.mirror import Mirrors
    from app.hub.weekly import FIGURE_FIELDS, StationLine, station_figures
    from app.weekly.figures import compute_weekly, station_week

    now = datetime(2024, 3, 1, tzinfo=UTC)
    for code, count in (("PDM", 3), ("KAG", 5)):
        _busy_station(tmp_path / f"{code}.db", code, count)
    own = {}
    own_figures = {}
    for code in ("PDM", "KAG"):
        with reopen(tmp_path / f"{code}.db") as store:
            push(store, hub)
            figures = compute_weekly(store, station_week(store.profile(), "2024-W07"), now=now)
            own[code] = StationLine.of(code, code, figures, 0, 0)
            own_figures[code] = figures
    with connect(hub) as conn:
        mirrors = Mirrors(conn, lambda: now, tmp_path / "mirror")
        for code in ("PDM", "KAG"):
            figures = station_figures(mirrors, code, "2024-W07", now)
            at_hub = StationLine.of(code, code, figures, 0, 0)
            assert at_hub == own[code]
            mine = own_figures[code]
            assert figures.summary == mine.summary
            assert figures.categories == mine.categories
            assert figures.response == mine.response
            assert figures.community == mine.community
            assert figures.patrols == mine.patrols
            assert figures.trend == mine.trend
            assert figures.services == mine.services
            assert figures.sp2hp == mine.sp2hp
            assert figures.handovers == mine.handovers
            assert figures.community.issues_closed == 1
            assert at_hub.ct >= 3 and at_hub.cc == 2 and at_hub.patrols == 1
            assert at_hub.meetings == 1
    out = tmp_path / "polres.pdf"
    assert main(["hub", "weekly", "--dsn", hub, "--week", "2024-W07", "--out", str(out),
                 "--mirror", str(tmp_path / "mirror")]) == 0
    text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(out).pages)
    assert "REKAP MINGGUAN POLRES 2024-W07" in text
    assert "PDM" in text and "KAG" in text
    total_ct = own["PDM"].ct + own["KAG"].ct
    assert f"Jumlah {total_ct} " in text
    assert all(f in FIGURE_FIELDS for f in ("ct", "cc", "three_c"))


def test_hub_mirror_command_builds_then_catches_up(tmp_path: Path, hub: str,  # noqa: F811
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`piket hub mirror`: every station's mirror built, then only what is new applied."""
    from datetime import timedelta

    from tests.hub_support import AT

    with make_station(tmp_path / "PDM.db", "PDM", walk_ins=3) as store:
        push(store, hub)
    with make_station(tmp_path / "KAG.db", "KAG", walk_ins=2) as store:
        push(store, hub)
    folder = str(tmp_path / "mirror")
    capsys.readouterr()
    assert main(["hub", "mirror", "--dsn", hub, "--mirror", folder]) == 0
    out = capsys.readouterr().out
    assert "KAG: dibangun dari awal" in out and "PDM: dibangun dari awal" in out
    assert "Cermin data 2 satuan terbaru" in out
    with reopen(tmp_path / "PDM.db") as store:
        add_walk_ins(store, 1, AT + timedelta(days=1))
        push(store, hub)
    assert main(["hub", "mirror", "--dsn", hub, "--mirror", folder]) == 0
    out = capsys.readouterr().out
    assert "KAG: sudah terbaru" in out
    assert "PDM: diperbarui, 1 catatan berubah" in out
