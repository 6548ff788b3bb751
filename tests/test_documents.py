"""Every registered document (app/documents): rendered from a real store, read back as text
and as a QR code by a standard decoder (zbarimg on a 200-dpi rendering), and its check code
checked against the store: genuine, altered, voided since, changed since, another store."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from app.documents import checkcode
from app.documents.printing import prepare
from app.documents.registry import KINDS, PATROL_REPORT, STTLP, WEEKLY_REVIEW, citizen_kind
from app.documents.verify import GENUINE, NOT_MATCHING, VOIDED, check_document
from app.store import Store
from app.weekly.figures import station_week
from tests.document_records import Records, fill, page_count, read_qr, text_of
from tests.factories import lp

RECORD_KINDS = [k for k in KINDS if k is not WEEKLY_REVIEW]


@pytest.fixture
def records(store: Store) -> Records:
    return fill(store)


def record_for(store: Store, records: Records, name: str) -> object:
    if name == "anev":
        return station_week(store.profile(), "2024-W07")
    if name == "mutasi":  # the shift of the records' first day
        return store.duty.shift_on(records.sttlp.received_at.date())
    return records.of(name)


def test_the_registry() -> None:
    assert [k.name for k in KINDS] == ["lp", "sttlp", "sktlk", "stpp", "stpd", "patroli",
                                       "notulen", "anev", "pengantar", "ekspedisi", "mutasi",
                                       "sp2hp"]
    assert len({k.short for k in KINDS}) == len(KINDS)
    assert all(re.fullmatch(r"[A-Z]{2,12}", k.short) for k in KINDS)


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_document_carries_its_code_as_text_and_qr(
        kind: object, store: Store, records: Records, tmp_path: Path) -> None:
    assert kind in KINDS
    record = record_for(store, records, kind.name)  # type: ignore[attr-defined]
    prepared = prepare(store, kind, record)  # type: ignore[arg-type]
    pdf = prepared.pdf()
    code = prepared.check_code
    text = text_of(pdf)
    assert f"Kode cek dokumen: {code}" in text
    assert code.startswith(f"{kind.short}-")  # type: ignore[attr-defined]
    pages = page_count(pdf)
    assert text.count(f"Kode cek dokumen: {code}") == pages  # on every page
    assert read_qr(pdf, tmp_path, page=1) == [code]
    if pages > 1:
        assert read_qr(pdf, tmp_path, page=pages) == [code]
    result = check_document(store, code)
    assert result.verdict == GENUINE, result.lines()
    assert result.kind is kind and result.number == prepared.number


def test_what_the_check_says_of_a_genuine_sttlp(store: Store, records: Records) -> None:
    code = prepare(store, STTLP, records.sttlp).check_code
    assert re.fullmatch(r"STTLP-B1\.2024-20240212-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    assert check_document(store, code).lines() == [
        "ASLI: dokumen ini cocok dengan catatan di basis data.",
        "  Jenis   : Surat Tanda Terima Laporan Polisi (STTLP)",
        f"  Nomor   : {records.sttlp.number}",
        "  Tanggal : 12 Februari 2024"]
    assert check_document(store, code.lower().replace("-", " - ")).genuine


def test_an_altered_code_is_refused(store: Store, records: Records) -> None:
    code = checkcode.parse(prepare(store, STTLP, records.sttlp).check_code)
    assert code is not None
    altered = [replace(code, reference="B2.2024"), replace(code, day=code.day + timedelta(days=1)),
               replace(code, kind="SKTLK"),
               replace(code, mac=code.mac[:5] + ("X" if code.mac[5] != "X" else "Y") + code.mac[6:])]
    for bad in altered:
        result = check_document(store, bad.text)
        assert result.verdict == NOT_MATCHING
        assert result.kind is None and result.number == ""  # nothing about the store's records
        assert result.headline.startswith("TIDAK COCOK")
    unreadable = check_document(store, "STTLP-B1.2024")
    assert unreadable.verdict == NOT_MATCHING and "tidak terbaca" in unreadable.reason


def test_a_voided_record_is_reported(store: Store, records: Records) -> None:
    officer_id = records.officer.id
    code = prepare(store, PATROL_REPORT, records.patroli).check_code
    store.patrols.void(records.patroli.meta.id, "Salah input", officer_id)
    result = check_document(store, code)
    assert result.verdict == VOIDED and not result.genuine
    assert result.number == str(records.patroli.id)
    lines = result.lines()
    assert lines[0].startswith("DIBATALKAN: dokumen ini dibuat oleh Piket")
    assert "  Dibatalkan pada 14 Februari 2024." in lines  # by the store's clock
    assert "Salah input" not in "\n".join(lines)  # the reason may hold personal data


def test_a_record_changed_since_does_not_match(store: Store, records: Records) -> None:
    visit = records.sttlp
    code = prepare(store, STTLP, visit).check_code
    moved = replace(visit, received_at=visit.received_at + timedelta(days=1),
                    occurred_at=visit.occurred_at)
    store.visits.update(moved, records.officer.id)
    result = check_document(store, code)
    assert result.verdict == NOT_MATCHING
    assert "catatan diubah sesudah dokumen dicetak" in result.reason
    assert result.number == visit.number


def test_another_store_does_not_accept_it(store: Store, records: Records, tmp_path: Path,
                                          clock: object) -> None:
    code = prepare(store, STTLP, records.sttlp).check_code
    with Store(tmp_path / "other.db", clock=clock) as other:  # type: ignore[arg-type]
        fill(other)  # the same records, its own key
        assert prepare(other, STTLP, other.visits.get(records.sttlp.id)).check_code != code
        assert check_document(other, code).verdict == NOT_MATCHING


def test_a_copy_of_the_store_keeps_its_key(store: Store, records: Records, tmp_path: Path) -> None:
    """A backup restored (or the file copied) still checks the papers printed before."""
    code = prepare(store, STTLP, records.sttlp).check_code
    store.close()
    copy = tmp_path / "copy.db"
    shutil.copy(store.path, copy)
    with Store(copy, read_only=True) as restored:
        assert check_document(restored, code).genuine


def test_the_key_is_made_once_per_store(store: Store) -> None:
    rows = store.db.execute("SELECT length(secret) FROM document_key").fetchall()
    assert rows == [(32,)]


def test_the_kind_a_record_does_not_have_is_refused(store: Store, records: Records) -> None:
    from app.documents.errors import DocumentError
    from app.documents.registry import SKTLK

    with pytest.raises(DocumentError, match="hanya untuk laporan kehilangan"):
        prepare(store, SKTLK, records.sttlp)
    model_a = store.visits.create(lp(records.sttlp.received_at, records.officer.id, lp_model="A"),
                                  records.officer.id).record
    assert citizen_kind(model_a) is None
    with pytest.raises(DocumentError, match="LP model A"):
        prepare(store, STTLP, model_a)
    store.visits.void(records.sttlp.id, "Laporan ganda", records.officer.id)
    with pytest.raises(DocumentError, match="sudah dibatalkan"):
        prepare(store, STTLP, store.visits.get(records.sttlp.id))


def test_salinan_once_an_original_was_printed_on_paper(store: Store, records: Records) -> None:
    visit = records.sttlp
    assert not prepare(store, STTLP, visit).copy
    store.visits.record_print(visit.id, None, "STTLP", output="pdf")  # a file: no original
    assert not prepare(store, STTLP, visit).copy
    store.visits.record_print(visit.id, None, "STTLP", output="kertas")
    prepared = prepare(store, STTLP, visit)
    assert prepared.copy and prepared.earlier_papers == 1
    assert "SALINAN" in text_of(prepared.pdf())


def test_the_original_is_counted_per_document(store: Store, records: Records) -> None:
    """A visit with several documents (the LP form and its STTLP): printing one on paper
    leaves the other an original."""
    visit = records.sttlp
    store.visits.record_print(visit.id, None, "LP", output="kertas")
    assert store.visits.paper_prints(visit.id) == 1
    assert store.visits.paper_prints(visit.id, "STTLP") == 0
    assert not prepare(store, STTLP, visit).copy
