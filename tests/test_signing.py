"""Who signs what, by position (app/documents/signing.py; issue 17 item 4), and the positions
of Data Master in the store (migration 0009)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from app.documents.signing import (
    DOTTED_NRP,
    commander_signers,
    countersignatory,
    countersigners,
    default_signers,
    may_countersign,
    may_sign_for_commander,
    official_signatory,
    position_of,
    receiver_signatory,
)
from app.domain.models import Officer, Position, RecordMeta
from app.store import Store
from app.store.schema.seeds import POSITIONS

SEEDED = tuple(Position(name, an, knows) for name, an, knows in POSITIONS)
AN = "a.n. KEPALA KEPOLISIAN SEKTOR PEDAMARAN"


def officer(name: str, rank: str, position: str, officer_id: int) -> Officer:
    from datetime import UTC, datetime

    at = datetime(2026, 1, 5, tzinfo=UTC)
    meta = RecordMeta(officer_id, f"u{officer_id}", "PEDAMARAN", at, None, at, None, 1)
    return Officer(name, rank, f"8{officer_id:07d}", position=position, meta=meta)


MEMBER = officer("Rudi Hartono", "BRIPDA", "Anggota SPKT", 1)
KA_SPKT = officer("Andi Saputra", "AIPDA", "KA SPKT I", 2)
KANIT_RESKRIM = officer("Joko Susilo", "AIPTU", "Kanit Reskrim", 3)
WAKA = officer("Budi Santoso", "IPDA", "Wakapolsek", 4)
KAPOLSEK = officer("Indra Gunawan", "IPTU", "Kapolsek", 5)
BHABIN = officer("Yusuf Kadir", "BRIPKA", "Bhabinkamtibmas Desa Serinanti, Sukadamai", 6)
KA_SPKT_II = officer("Hadi Wijaya", "BRIPKA", "Ka SPKT II", 7)
ROSTER = (MEMBER, KA_SPKT, KANIT_RESKRIM, WAKA, KAPOLSEK, BHABIN, KA_SPKT_II)


@pytest.mark.parametrize(("who", "position", "signs_an", "countersigns"), [
    (MEMBER, "Anggota SPKT", False, False),
    (KA_SPKT, "Ka SPKT", True, True),
    (KA_SPKT_II, "Ka SPKT", True, True),
    (KANIT_RESKRIM, "Kanit Reskrim", True, False),
    (WAKA, "Wakapolsek", True, True),
    (KAPOLSEK, "Kapolsek", True, True),
    (BHABIN, "Bhabinkamtibmas", False, False),
])
def test_what_each_position_may_sign(who: Officer, position: str, signs_an: bool,
                                     countersigns: bool) -> None:
    held = position_of(who, SEEDED)
    assert held is not None and held.name == position
    assert may_sign_for_commander(who, SEEDED) is signs_an
    assert may_countersign(who, SEEDED) is countersigns


def test_a_position_matches_whole_words_and_the_longest_name() -> None:
    assert position_of(officer("A", "BRIPDA", "Kapolsekta", 9), SEEDED) is None
    assert position_of(officer("A", "BRIPDA", "", 9), SEEDED) is None
    assert position_of(officer("A", "BRIPDA", "Anggota Unit Reskrim", 9), SEEDED) is None
    both = (Position("Kanit"), Position("Kanit Reskrim", signs_for_commander=True))
    found = position_of(KANIT_RESKRIM, both)
    assert found is not None and found.name == "Kanit Reskrim"
    inactive = tuple(replace(p, active=False) if p.name == "Ka SPKT" else p for p in SEEDED)
    assert not may_sign_for_commander(KA_SPKT, inactive)


def test_a_member_signs_as_the_one_who_received_without_an() -> None:
    sig = receiver_signatory(MEMBER, SEEDED, "Pedamaran")
    assert sig.heading == ("Yang menerima laporan,",)
    assert sig.name == "RUDI HARTONO" and sig.detail == "BRIPDA NRP 80000001"
    assert not any("a.n." in line for line in sig.heading)


def test_a_desk_head_signs_for_the_commander_over_the_position() -> None:
    sig = receiver_signatory(KA_SPKT, SEEDED, "Pedamaran")
    assert sig.heading == ("Yang menerima laporan,", AN, "KA SPKT I")
    sig = receiver_signatory(KANIT_RESKRIM, SEEDED, "Pedamaran", "Yang mengeluarkan,")
    assert sig.heading == ("Yang mengeluarkan,", AN, "KANIT RESKRIM")


def test_the_commander_signs_as_himself() -> None:
    sig = receiver_signatory(KAPOLSEK, SEEDED, "Pedamaran")
    assert sig.heading == ("Yang menerima laporan,", "KEPALA KEPOLISIAN SEKTOR PEDAMARAN")
    sig = countersignatory(KAPOLSEK, SEEDED, "Pedamaran")
    assert sig.heading == ("Mengetahui,", "KEPALA KEPOLISIAN SEKTOR PEDAMARAN")


def test_mengetahui_by_the_ka_spkt_or_a_blank_to_sign_by_hand() -> None:
    sig = countersignatory(KA_SPKT, SEEDED, "Pedamaran")
    assert sig.heading == ("Mengetahui,", AN, "KA SPKT I") and sig.name == "ANDI SAPUTRA"
    blank = countersignatory(None, SEEDED, "Pedamaran")
    assert blank.heading[0] == "Mengetahui," and blank.name == ""
    assert blank.detail == DOTTED_NRP
    nobody = receiver_signatory(None, SEEDED, "Pedamaran")
    assert nobody.heading == ("Yang menerima laporan,",) and nobody.detail == DOTTED_NRP


def test_default_signers_prefer_a_desk_head_on_duty_and_never_the_receiver() -> None:
    assert [o.name for o in countersigners(ROSTER, SEEDED)] == [
        "Andi Saputra", "Hadi Wijaya", "Budi Santoso", "Indra Gunawan"]
    chosen = default_signers(MEMBER, ROSTER, SEEDED)
    assert chosen.receiver == MEMBER and chosen.countersigner == KA_SPKT
    assert default_signers(MEMBER, ROSTER, SEEDED, on_duty=[KA_SPKT_II]).countersigner == KA_SPKT_II
    assert default_signers(KA_SPKT, ROSTER, SEEDED).countersigner == KA_SPKT_II
    gone = tuple(replace(o, active=False) if o in (KA_SPKT, KA_SPKT_II) else o for o in ROSTER)
    assert default_signers(MEMBER, gone, SEEDED).countersigner == WAKA
    assert default_signers(MEMBER, (MEMBER,), SEEDED).countersigner is None


def test_positions_are_master_data_with_their_audit(store: Store) -> None:
    positions = store.master.list(Position)
    assert {p.name for p in positions} == {name for name, _a, _k in POSITIONS}
    ka_spkt = next(p for p in positions if p.name == "Ka SPKT")
    assert ka_spkt.signs_for_commander and ka_spkt.countersigns
    changed = store.master.save(replace(ka_spkt, countersigns=False), None)
    assert not changed.record.countersigns
    assert [e.action for e in store.history(ka_spkt.meta.uuid)] == ["create", "update"]  # type: ignore[union-attr]
    added = store.master.save(Position("Panit Reskrim", signs_for_commander=True), None).record
    assert may_sign_for_commander(officer("X", "IPDA", "Panit Reskrim", 9),
                                  store.master.list(Position))
    assert added.meta is not None
    assert store.verify() == []


def test_who_signs_a_letter_for_the_station() -> None:
    assert [o.name for o in commander_signers(ROSTER, SEEDED)] == [
        "Andi Saputra", "Hadi Wijaya", "Joko Susilo", "Budi Santoso", "Indra Gunawan"]
    assert official_signatory(KA_SPKT, SEEDED, "Pedamaran").heading == (AN, "KA SPKT I")
    assert official_signatory(KAPOLSEK, SEEDED, "Pedamaran").heading == (
        "KEPALA KEPOLISIAN SEKTOR PEDAMARAN",)
    # a member never signs "a.n." (the window does not offer him; an old letter shows why)
    assert official_signatory(MEMBER, SEEDED, "Pedamaran").heading == ("ANGGOTA SPKT",)
    blank = official_signatory(None, SEEDED, "Pedamaran")
    assert blank.heading == (AN,) and blank.detail == DOTTED_NRP


def test_migration_0009_upgrades_a_store_with_records(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite_utils

    from app.store.driver import connect
    from app.store.schema.migrations import MIGRATIONS
    from tests.factories import lp, patrol

    path = tmp_path / "lama.db"
    db = sqlite_utils.Database(connect(path, key=None))  # Piket's one SQLite library
    MIGRATIONS.apply(db, stop_before="0009_signing_positions_and_documents")
    db.close()
    # an older store is upgraded at open: positions seeded (audited), the new fields default
    with Store(path) as store:
        officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234",
                                            position="Ka SPKT I"), None).record
        visit = store.visits.create(lp(store.clock(), officer.id), officer.id).record
        made = store.patrols.save(patrol(store.clock() - timedelta(hours=3), officer.id or 0),
                                  officer.id).record
        assert all(p.nationality == "WNI" for p in visit.parties)
        assert made.basis == ""
        assert may_sign_for_commander(officer, store.master.list(Position))
        assert store.verify() == []
