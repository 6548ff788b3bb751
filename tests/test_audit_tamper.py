"""The audit trail cannot be quietly rewritten (issue 16 item 7): a real encrypted store is
tampered with as an insider who has its data key would (SQLCipher through app.store.driver,
triggers dropped, rows edited, hashes recomputed), and `verify` names each kind."""

from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.backup.service import anchor_findings, backup_store
from app.cli import main
from app.domain.models import Officer
from app.security.permissions import Role
from app.store import Store, audit
from app.store.driver import connect, sqlite3
from tests import factories
from tests.conftest import MutableClock

ADMIN = Officer("BUDI SANTOSO", "AKP", "75010001")
PASSWORD = "Pedamaran2024"


@pytest.fixture
def encrypted(tmp_path: Path, clock: MutableClock) -> Iterator[tuple[Path, bytes]]:
    """An encrypted store with three LPs (numbered: the counters move) and a saved station
    profile, closed: (path, data key)."""
    from app.store import create_store

    store, _recovery = create_store(tmp_path / "piket.db", ADMIN, PASSWORD, clock=clock)
    key = store.data_key
    assert key is not None
    store.close()
    with _open(tmp_path / "piket.db", key, clock) as work:
        desk = work.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
        work.settings.save_station_profile(work.profile(), desk.id)
        for _ in range(3):
            work.visits.create(factories.lp(clock(), desk.id), desk.id)
            clock.advance(hours=1)
    yield tmp_path / "piket.db", key


@contextlib.contextmanager
def _open(path: Path, key: bytes, clock: MutableClock) -> Iterator[Store]:
    """The store as Piket opens it once signed in (unrestricted: the role is not the point)."""
    with Store(path, key=key, clock=clock) as store:
        yield store


@contextlib.contextmanager
def _insider(path: Path, key: bytes) -> Iterator[sqlite3.Connection]:
    """A bare SQLCipher connection with the data key: no Piket code, no MAC key."""
    conn = connect(path, key=key)
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def _kinds(path: Path, key: bytes, clock: MutableClock) -> dict[str, list[str]]:
    with _open(path, key, clock) as store:
        found: dict[str, list[str]] = {}
        for finding in store.verify_findings():
            found.setdefault(finding.kind, []).append(finding.text)
        return found


def _rehash_plain(conn: sqlite3.Connection, from_id: int) -> None:
    """What the unkeyed chain let anyone do: recompute every hash from `from_id` on."""
    prev = conn.execute("SELECT hash FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT 1",
                        [from_id]).fetchone()
    prev_hash = prev[0] if prev else audit.GENESIS_HASH
    cursor = conn.execute("SELECT id, at, officer_id, action, kind, record_uuid, before, after "
                          "FROM audit_log WHERE id >= ? ORDER BY id", [from_id])
    names = [d[0] for d in cursor.description]
    for values in cursor.fetchall():
        row = dict(zip(names, values, strict=True))
        digest = hashlib.sha256((prev_hash + audit.entry_body(row)).encode()).hexdigest()
        conn.execute("UPDATE audit_log SET prev_hash = ?, hash = ? WHERE id = ?",
                     [prev_hash, digest, row["id"]])
        prev_hash = digest


def test_a_clean_encrypted_store_verifies_clean_and_its_entries_are_keyed(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    assert _kinds(path, key, clock) == {}
    with _insider(path, key) as conn:
        prev, body_row, mac = _last_entry(conn)
    # the MAC is HMAC-SHA256 under subkey(data_key, "audit"), not a plain hash
    from app.security.keyslots import subkey

    assert mac == audit.hasher(subkey(key, "audit"))(prev + audit.entry_body(body_row))
    assert mac != hashlib.sha256((prev + audit.entry_body(body_row)).encode()).hexdigest()


def _last_entry(conn: sqlite3.Connection) -> tuple[str, dict[str, object], str]:
    cursor = conn.execute("SELECT at, officer_id, action, kind, record_uuid, before, after, "
                          "prev_hash, hash FROM audit_log ORDER BY id DESC LIMIT 1")
    names = [d[0] for d in cursor.description]
    row = dict(zip(names, cursor.fetchone(), strict=True))
    return str(row["prev_hash"]), row, str(row["hash"])


def test_a_record_deleted_behind_piket_is_named(encrypted: tuple[Path, bytes],
                                                clock: MutableClock) -> None:
    path, key = encrypted
    with _insider(path, key) as conn:
        visit_id, uuid = conn.execute("SELECT id, uuid FROM visits ORDER BY id LIMIT 1").fetchone()
        for child in ("visit_parties", "visit_lost_items", "visit_losses",
                      "visit_status_history", "lp_stage_history", "lp_cases"):
            conn.execute(f"DELETE FROM {child} WHERE visit_id = ?", [visit_id])
        conn.execute("DELETE FROM visits_fts WHERE rowid = ?", [visit_id])
        conn.execute("DELETE FROM visits WHERE id = ?", [visit_id])
        (desa,) = conn.execute("SELECT uuid FROM desa ORDER BY id LIMIT 1").fetchone()
        conn.execute("DELETE FROM desa WHERE uuid = ?", [desa])
    found = _kinds(path, key, clock)
    assert list(found) == ["record_deleted"]
    assert sorted(found["record_deleted"]) == [
        f"data master {desa}: tercatat di jejak audit tetapi tidak ada lagi di tabel desa "
        "(dihapus di luar Piket)",
        f"laporan {uuid}: tercatat di jejak audit tetapi tidak ada lagi di tabel visits "
        "(dihapus di luar Piket)"]


def test_entries_removed_from_the_end_are_named_and_stay_named(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    """The newest entries (say, the record of an export) deleted: the head row still names
    the last entry Piket wrote; after the next save the chain itself shows the gap."""
    path, key = encrypted
    with _open(path, key, clock) as store:
        store.record_activity("view", "visit", None)
        store.record_activity("export", "visit", None, detail="laporan minggu ini")
        last = store.audit_head()[0]
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id > ?", [last - 2])
    found = _kinds(path, key, clock)
    assert list(found) == ["tail_removed"]
    assert found["tail_removed"] == [
        f"audit: entri {last - 1} sampai {last} dihapus dari ujung rantai (kepala rantai "
        f"tercatat di entri {last})"]
    with _open(path, key, clock) as store:  # Piket goes on writing: the new entry reuses the
        store.record_activity("view", "visit", None)  # id, but links to the entry deleted
    found = _kinds(path, key, clock)
    assert list(found) == ["tail_removed"]
    assert "tidak tersambung ke entri sebelumnya" in found["tail_removed"][0]


def test_the_head_moved_back_by_hand_stays_named_after_piket_writes_on(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    """Entries deleted and the head row pointed at the new last entry (its seal cannot be
    made without the key): Piket writing on does not reseal it away."""
    path, key = encrypted
    with _open(path, key, clock) as store:
        store.record_activity("export", "visit", None, detail="laporan minggu ini")
        last = store.audit_head()[0]
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id = ?", [last])
        conn.execute("UPDATE audit_head SET entry_id = id_, mac = mac_ FROM (SELECT id AS id_, "
                     "hash AS mac_ FROM audit_log ORDER BY id DESC LIMIT 1)")
    assert _kinds(path, key, clock) == {
        "tail_removed": ["audit: catatan kepala rantai (audit_head) diubah di luar Piket"]}
    with _open(path, key, clock) as store:
        store.record_activity("view", "visit", None)
    found = _kinds(path, key, clock)
    assert list(found) == ["tail_removed"] and len(found["tail_removed"]) == 1
    assert f"entri {last} tidak tersambung ke entri sebelumnya" in found["tail_removed"][0]


def test_the_head_table_dropped_is_named(encrypted: tuple[Path, bytes],
                                        clock: MutableClock) -> None:
    path, key = encrypted
    with _insider(path, key) as conn:
        conn.execute("DROP TABLE audit_head")
    expected = {"tail_removed": ["audit: tabel kepala rantai (audit_head) dihapus di luar Piket"]}
    assert _kinds(path, key, clock) == expected
    with _open(path, key, clock) as store:  # writing on does not make it go away
        store.record_activity("view", "visit", None)
    assert _kinds(path, key, clock) == expected


def test_counters_and_settings_changed_without_an_entry_are_named(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    with _insider(path, key) as conn:
        doc, year, seq = conn.execute(
            "SELECT doc_kind, year, last_seq FROM number_counters LIMIT 1").fetchone()
        conn.execute("UPDATE number_counters SET last_seq = 1 WHERE doc_kind = ? AND year = ?",
                     [doc, year])
        conn.execute("UPDATE settings SET value = '\"LAIN\"' WHERE key = 'station.name'")
    found = _kinds(path, key, clock)
    assert list(found) == ["state_changed"]
    assert found["state_changed"] == [
        f"penghitung nomor {doc} tahun {year}: tercatat {seq}, sekarang 1",
        "pengaturan station.name: diubah tanpa jejak audit"]
    with _insider(path, key) as conn:  # the sealed values edited too: the seal fails
        conn.execute("UPDATE audit_head SET state = replace(state, ?, ?)",
                     [f'["{doc}",{year},{seq}]', f'["{doc}",{year},1]'])
    assert _kinds(path, key, clock)["state_changed"] == [
        "audit: catatan nilai penghitung nomor, pengaturan dan akun diubah di luar Piket"]


def test_an_account_promoted_behind_piket_is_named(encrypted: tuple[Path, bytes],
                                                   clock: MutableClock) -> None:
    """Roles are enforced by the store from the accounts table: an insider giving an account
    the admin role by SQL is named (the role is not in any record's entry)."""
    path, key = encrypted
    with _open(path, key, clock) as store:
        store.accounts.create(2, Role.PETUGAS, "123790", None)
    assert _kinds(path, key, clock) == {}
    with _insider(path, key) as conn:
        conn.execute("UPDATE accounts SET role = 'admin' WHERE nrp = '85061234'")
    assert _kinds(path, key, clock) == {"state_changed": [
        "akun NRP 85061234: tercatat petugas/aktif, sekarang admin/aktif"]}


def test_counters_and_settings_changed_by_piket_verify_clean(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    with _open(path, key, clock) as store:
        from dataclasses import replace

        store.settings.save_station_profile(replace(store.profile(), name="PEDAMARAN II"), None)
        store.visits.create(factories.lp(clock(), None), None)
    assert _kinds(path, key, clock) == {}


def test_a_chain_recomputed_with_plain_hashes_is_named_re_hashed(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    """The old attack: change a record and its audit entry, recompute the chain from there
    with SHA-256 (and even put the new head into the head row)."""
    path, key = encrypted
    with _insider(path, key) as conn:
        uuid = conn.execute("SELECT uuid FROM visits ORDER BY id LIMIT 1").fetchone()[0]
        entry_id, after = conn.execute(
            "SELECT id, after FROM audit_log WHERE record_uuid = ? ORDER BY id DESC LIMIT 1",
            [uuid]).fetchone()
        changed = json.loads(after)
        changed["narrative"] = "tidak terjadi apa-apa"
        conn.execute("UPDATE visits SET narrative = ? WHERE uuid = ?", [changed["narrative"], uuid])
        conn.execute("DROP TRIGGER audit_no_update")
        conn.execute("UPDATE audit_log SET after = ? WHERE id = ?",
                     [json.dumps(changed, separators=(",", ":"), sort_keys=True,
                                 ensure_ascii=False), entry_id])
        _rehash_plain(conn, entry_id)
        last_id, last_hash = conn.execute(
            "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
        conn.execute("UPDATE audit_head SET mac = ? WHERE entry_id = ?", [last_hash, last_id])
    found = _kinds(path, key, clock)
    assert "record_changed" not in found  # the record and its entry agree: only the MACs tell
    assert found["rehashed"] == [
        f"audit: entri {entry_id} sampai {last_id} membawa hash SHA-256 biasa, bukan MAC "
        "berkunci: rantai dihitung ulang di luar Piket"]
    assert found["tail_removed"] == ["audit: catatan kepala rantai (audit_head) diubah di luar "
                                     "Piket"]


def test_a_backup_then_the_newest_entries_deleted_shows_against_the_backup(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    """Even with the head row rewritten to match (here: the head row of an older copy put
    back), the backup on the flash disk holds the head that is gone."""
    path, key = encrypted
    with _insider(path, key) as conn:
        old_head = conn.execute("SELECT * FROM audit_head").fetchone()
        before = conn.execute("SELECT max(id) FROM audit_log").fetchone()[0]
    with _open(path, key, clock) as store:
        store.record_activity("export", "visit", None, detail="semua laporan")
        outcome = backup_store(store, None)
        anchor = json.loads(outcome.info.path.with_name(outcome.info.path.name + ".head")
                            .read_text())
        assert anchor["mac"] == store.audit_entry_mac(anchor["entry_id"])
        assert anchor_findings(store) == ([], 1)
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id > ?", [before])
        conn.execute("DELETE FROM audit_head")
        conn.execute("INSERT INTO audit_head VALUES (?, ?, ?, ?, ?, ?)", list(old_head))
    assert _kinds(path, key, clock) == {}  # inside the file, nothing is left to tell
    with _open(path, key, clock) as store:
        problems, checked = anchor_findings(store)
    assert checked == 1 and problems == [(
        "tail_removed",
        f"cadangan {outcome.info.path.name} memuat jejak audit sampai entri "
        f"{anchor['entry_id']}, yang tidak ada lagi di basis data: entri yang sudah ada saat "
        "cadangan itu dibuat telah dihapus dari ujung rantai")]


def test_a_chain_rewritten_after_a_backup_shows_against_the_backup(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    with _open(path, key, clock) as store:
        outcome = backup_store(store, None)
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        _rehash_plain(conn, 1)
    with _open(path, key, clock) as store:
        problems, _checked = anchor_findings(store)
    assert [kind for kind, _text in problems] == ["entry_changed"]
    assert outcome.info.path.name in problems[0][1]


def _as_previous_version(path: Path, key: bytes, *, break_entry: int | None = None) -> None:
    """Turn a store into one of the version before 0008_audit_keyed: an unkeyed SHA-256
    chain, no head row (optionally with one entry edited behind Piket's back)."""
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_update")
        _rehash_plain(conn, 1)
        if break_entry is not None:
            conn.execute("UPDATE audit_log SET officer_id = 99 WHERE id = ?", [break_entry])
        conn.execute(audit._NO_UPDATE_TRIGGER)
        conn.execute("DROP TABLE audit_head")
        conn.execute("DELETE FROM _sqlite_migrations WHERE name = '0008_audit_keyed'")


def test_upgrade_of_a_store_with_an_unkeyed_chain_keeps_it_valid(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    _as_previous_version(path, key)
    with _insider(path, key) as conn:
        entries, head = conn.execute(
            "SELECT count(*), (SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1) "
            "FROM audit_log").fetchone()
    assert _kinds(path, key, clock) == {}  # opening migrates: checked, re-keyed, recorded
    with _insider(path, key) as conn:
        rekeys = [json.loads(r[0]) for r in conn.execute(
            "SELECT after FROM audit_log WHERE action = 'rekey'")]
        assert conn.execute("SELECT count(*) FROM audit_log").fetchone()[0] == entries + 1
    assert rekeys == [{"entries": entries, "old_head": {"id": entries, "hash": head},
                       "old_problems": [], "reason": "0008_audit_keyed"}]


def test_upgrade_of_a_store_whose_old_chain_is_broken_keeps_the_break_reported(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    path, key = encrypted
    _as_previous_version(path, key, break_entry=3)
    found = _kinds(path, key, clock)
    assert found == {"old_chain": ["audit (sebelum diberi kunci): audit: isi entri 3 telah "
                                   "diubah"]}
    with _open(path, key, clock) as store:  # and it stays reported after more work
        store.visits.create(factories.lp(clock(), None), None)
    assert _kinds(path, key, clock) == found


def test_verify_prints_findings_by_kind_with_counts(tmp_path: Path, clock: MutableClock,
                                                    capsys: pytest.CaptureFixture[str],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """`piket verify` (signed in): one heading a kind with its count, one line a finding;
    `--backups` holds the chain to the backups' anchors."""
    from tests.cli_support import make_store, sign_in_as

    path = tmp_path / "piket.db"
    with make_store(path, clock=clock) as store:
        desk = store.master.save(Officer("ANDI WIJAYA", "BRIPKA", "85069999"), None).record
        for _ in range(2):
            store.visits.create(factories.lp(clock(), desk.id), desk.id)
        store.record_activity("export", "visit", desk.id, detail="semua laporan")
        backup_store(store, None)
        last = store.audit_head()[0]
        key = store.data_key
    assert key is not None
    with _insider(path, key) as conn:
        conn.execute("DROP TRIGGER audit_no_delete")
        conn.execute("DELETE FROM audit_log WHERE id >= ?", [last - 1])  # the backup's too
        conn.execute("UPDATE number_counters SET last_seq = 7")
    sign_in_as(monkeypatch)
    capsys.readouterr()
    assert main(["verify", "--db", str(path), "--backups"]) == 1
    out = capsys.readouterr().out
    assert "Ditemukan 3 masalah:" in out
    assert "Entri jejak audit dihapus dari ujung rantai: 2\n- audit: entri " in out
    assert ("Penghitung nomor, pengaturan atau akun diubah tanpa jejak audit: 1\n"
            "- penghitung") in out
    assert "Kepala rantai jejak audit dari 1 cadangan diperiksa." in out


def test_a_restore_from_an_older_backup_is_not_taken_for_removed_entries(
        encrypted: tuple[Path, bytes], clock: MutableClock) -> None:
    """Restoring an older backup takes the trail back to it: the backups taken after it no
    longer match, which the restore's own entry explains. Anchors go with their backups."""
    from datetime import timedelta

    from app.backup import restore_store
    from app.backup.backup import anchor_of, rotate
    from app.backup.service import record_restore

    path, key = encrypted
    with _open(path, key, clock) as store:
        older = backup_store(store, None, now=clock()).info.path
        store.visits.create(factories.lp(clock(), None), None)
        clock.advance(days=1)  # one backup a day is kept
        newer = backup_store(store, None, now=clock()).info.path
    clock.advance(days=1)
    restore_store(path, older, key=key, now=clock())
    with _open(path, key, clock) as store:
        assert record_restore(store, older, None)  # the restore's entry, on the test's clock
        store.record_activity("view", "visit", None)
        assert anchor_findings(store) == ([], 0)  # both taken before the restore
        assert store.verify() == []
        later = backup_store(store, None, now=clock()).info.path
        assert anchor_findings(store) == ([], 1)
    assert anchor_of(newer).exists()
    from zoneinfo import ZoneInfo

    rotate(later.parent, "PEDAMARAN", clock() + timedelta(days=400), ZoneInfo("Asia/Jakarta"))
    remaining = {p.name for p in later.parent.iterdir()}
    assert remaining == {later.name, later.name + ".head", later.name + ".keys"}
