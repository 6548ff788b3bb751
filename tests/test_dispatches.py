"""Surat pengantar and buku ekspedisi (issue 17 item 8): a letter only for a walk-in handed to
the Polres, numbered by its own template and counter, its line written in the book by
itself, lines typed at the desk and their receipt, audited; both papers read back."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.documents.printing import prepare
from app.documents.registry import COVER
from app.domain.models import Officer, Visit
from app.domain.outgoing import CoverLetter, Dispatch
from app.pdf.dispatch_book import NONE_SENT, render_dispatch_book
from app.store import Access, InvalidRecord, PermissionDenied, Role, StaleRecord, Store
from tests.conftest import MutableClock
from tests.document_records import page_count
from tests.factories import lp

WIB = timedelta(hours=7)
RECIPIENT = "Kapolres Ogan Komering Ilir u.p. Kasat Reskrim"


def text_of(data: bytes) -> str:
    return " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)


@pytest.fixture
def desk(store: Store) -> tuple[Officer, Visit]:
    ka_spkt = store.master.save(Officer("RUDI HARTONO", "AIPTU", "80010001",
                                        position="Ka SPKT I"), None).record
    assert ka_spkt.id is not None
    visit = store.visits.create(lp(store.clock() - timedelta(days=1), ka_spkt.id,
                                   category="curas"), ka_spkt.id).record
    return ka_spkt, visit


def hand_over(store: Store, visit: Visit, by: int | None) -> None:
    assert visit.id is not None
    store.visits.change_status(visit.id, "dilimpahkan", "Dilimpahkan ke Satreskrim", by)


def letter_of(visit: Visit, signer: Officer) -> CoverLetter:
    assert visit.meta is not None
    return CoverLetter(visit.meta.uuid, RECIPIENT,
                       (f"Laporan Polisi Nomor {visit.number}", "BAP pelapor dan 2 saksi",
                        "Barang bukti: 1 unit sepeda motor Honda Beat"), signer.id,
                       note="Untuk proses penyidikan lebih lanjut.")


def test_only_a_case_handed_over_gets_a_letter(store: Store, desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    with pytest.raises(InvalidRecord) as refused:
        store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)
    assert "berstatus dilimpahkan" in str(refused.value.problems)
    assert store.dispatches.list() == ()
    hand_over(store, visit, officer.id)
    with pytest.raises(InvalidRecord) as refused:
        store.dispatches.create_cover_letter(replace(letter_of(visit, officer), items=(" ",),
                                                     recipient=""), officer.id)
    assert refused.value.problems == ("Kepada: wajib diisi.",
                                      "Yang dikirim: isi paling sedikit satu baris.")


def test_letters_are_numbered_by_their_template(store: Store, clock: MutableClock,
                                                desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    first = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    assert first.number == "B/1/II/2024/SPKT/POLSEK PEDAMARAN"
    profile = replace(store.profile(), template_pengantar="B/{n}/{month}/{year}/Reskrim")
    store.settings.save_station_profile(profile, None)
    second = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    assert second.number == "B/2/II/2024/Reskrim"
    clock.when = datetime(2024, 12, 31, 17, 0, tzinfo=UTC)  # 1 January 2025, 00.00 WIB
    third = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    assert third.number == "B/1/I/2025/Reskrim"
    assert visit.meta is not None
    assert [c.number for c in store.dispatches.cover_letters_of(visit.meta.uuid)] == [
        third.number, second.number, first.number]
    assert store.dispatches.cover_letter_by_number("b/2/ii/2024/reskrim") == second


def test_a_letter_writes_its_line_in_the_book(store: Store, clock: MutableClock,
                                              desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    saved = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)
    letter = saved.record
    assert letter.meta is not None
    (line,) = store.dispatches.list()
    assert (line.document, line.number, line.recipient, line.sent_at) == (
        "Surat pengantar", letter.number, RECIPIENT, clock.when)
    assert line.cover_letter_uuid == letter.meta.uuid
    assert "BAP pelapor dan 2 saksi" in line.note and not line.received
    # the Polres signs for it two days later: the desk writes who received it
    assert line.meta is not None
    clock.advance(days=2)
    received = store.dispatches.save(replace(line, received_by="BRIPTU SARI, SPKT Polres",
                                             received_at=clock.when), officer.id,
                                     expected_version=line.meta.version).record
    assert received.received and received.cover_letter_uuid == letter.meta.uuid
    with pytest.raises(StaleRecord):
        store.dispatches.save(replace(line, received_by="lain"), officer.id,
                              expected_version=line.meta.version)
    assert [e.action for e in store.history(line.meta.uuid)] == ["create", "update"]
    assert [e.action for e in store.history(letter.meta.uuid)] == ["create"]
    assert store.verify() == []


def test_lines_typed_at_the_desk(store: Store, clock: MutableClock,
                                 desk: tuple[Officer, Visit]) -> None:
    officer, _ = desk
    sent = clock.when
    line = store.dispatches.save(Dispatch(sent, "  SP2HP A1 ", "B/12/II/2024/Reskrim",
                                          "Sdr. pelapor"), officer.id).record
    assert (line.document, line.received) == ("SP2HP A1", False)
    with pytest.raises(InvalidRecord) as refused:
        store.dispatches.save(Dispatch(sent, "", "", "Camat", received_at=sent - timedelta(1)),
                              officer.id)
    assert refused.value.problems == (
        "Dokumen: wajib diisi.", "Tanggal diterima tidak boleh sebelum tanggal dikirim.")
    assert store.dispatches.count() == 1
    assert store.dispatches.list(sent + timedelta(seconds=1)) == ()


def test_only_the_desk_writes_the_book(store: Store, desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    assert officer.id is not None
    store.set_access(Access(officer.id, officer.nrp, Role.PIMPINAN))
    with pytest.raises(PermissionDenied):
        store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)
    with pytest.raises(PermissionDenied):
        store.dispatches.save(Dispatch(store.clock(), "Surat", "", "Camat"), officer.id)
    store.set_access(Access(officer.id, officer.nrp, Role.PETUGAS))
    store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)


def test_the_letter_on_paper(store: Store, desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    letter = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    prepared = prepare(store, COVER, letter)
    pdf = prepared.pdf()
    text = text_of(pdf)
    for expected in ("SURAT PENGANTAR", "Nomor: B/1/II/2024/SPKT/POLSEK PEDAMARAN",
                     "Pedamaran, 14 Februari 2024", f"Yth. {RECIPIENT}",
                     "BAP pelapor dan 2 saksi", "Barang bukti: 1 unit sepeda motor Honda Beat",
                     "Untuk proses penyidikan lebih lanjut.",
                     "a.n. KEPALA KEPOLISIAN SEKTOR PEDAMARAN", "KA SPKT I", "RUDI HARTONO",
                     "AIPTU NRP 80010001", "Yang menerima,", f"Kode cek dokumen: {prepared.check_code}"):
        assert expected in text, expected
    assert str(visit.number) in text.replace(" ", "").replace("\n", "") or \
        "LP/B/1/II/2024" in text
    assert page_count(pdf) == 1
    assert prepared.check_code.startswith("PENGANTAR-1.2024-")
    assert "Siti Aminah" not in text  # the reporter's name is not on the cover letter


def test_the_book_on_paper(store: Store, clock: MutableClock, tmp_path: Path,
                           desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)
    store.dispatches.save(Dispatch(clock.when + timedelta(hours=1), "Surat undangan rapat",
                                   "B/3/II/2024/SPKT", "Camat Pedamaran",
                                   received_by="Budi (staf kecamatan)",
                                   received_at=clock.when + timedelta(hours=3)), officer.id)
    start = datetime(2024, 2, 13, 17, 0, tzinfo=UTC)  # 14 Feb 2024 00.00 WIB
    lines = store.dispatches.list(start, start + timedelta(days=1))
    out = tmp_path / "ekspedisi.pdf"
    render_dispatch_book(lines, first=date(2024, 2, 14), last=date(2024, 2, 14),
                         profile=store.profile(), out=out)
    text = text_of(out.read_bytes())
    for expected in ("BUKU EKSPEDISI", "14 Februari 2024 (waktu WIB)", "Surat pengantar",
                     "Nomor: B/1/II/2024/SPKT/POLSEK PEDAMARAN", "Surat undangan rapat",
                     "Camat Pedamaran", "Budi (staf kecamatan)", "14 Februari 2024, 14.00 WIB",
                     "14 Februari 2024, 17.00 WIB"):
        assert expected in text, expected
    empty = io.BytesIO()
    render_dispatch_book((), first=date(2024, 3, 1), last=date(2024, 3, 31),
                         profile=store.profile(), out=empty)
    assert NONE_SENT in text_of(empty.getvalue())
    assert "1 Maret 2024 s.d. 31 Maret 2024" in text_of(empty.getvalue())


def test_the_longest_letter_keeps_its_signature_with_text(store: Store,
                                                          desk: tuple[Officer, Visit]) -> None:
    """Every field at its limit: the letter runs on, but its last page never holds the
    signatures alone (the closing line goes with them)."""
    from app.store.dispatches import ITEM, MAX_ITEMS

    officer, visit = desk
    hand_over(store, visit, officer.id)
    words = ("Barang bukti berupa satu unit sepeda motor dengan nomor rangka dan mesin "
             "sesuai BPKB ") * 10
    long = replace(letter_of(visit, officer), items=tuple(
        f"{i}. {words}"[:ITEM] for i in range(1, MAX_ITEMS + 1)),
        recipient="Kapolres Ogan Komering Ilir u.p. Kasat Reskrim " * 3, note="n " * 500)
    with pytest.raises(InvalidRecord):
        store.dispatches.create_cover_letter(
            replace(long, items=(*long.items, "satu lagi")), officer.id)
    letter = store.dispatches.create_cover_letter(replace(long, recipient=long.recipient[:150]),
                                                  officer.id).record
    pdf = prepare(store, COVER, letter).pdf()
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) > 1
    last = pages[-1]
    assert "RUDI HARTONO" in last and "Yang menerima," in last
    assert last.index("Demikian untuk menjadi maklum.") < last.index("a.n. KEPALA KEPOLISIAN")


def test_piket_print_finds_the_letter_by_the_reports_number(
        store: Store, desk: tuple[Officer, Visit], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    officer, visit = desk
    hand_over(store, visit, officer.id)
    store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id)
    newest = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    out = tmp_path / "pengantar.pdf"
    assert main(["print", "--db", str(store.path), "--record", str(visit.number), "--doc",
                 "pengantar", "--out", str(out)]) == 0
    stdout = capsys.readouterr().out
    assert f"Surat Pengantar nomor {newest.number}" in stdout
    code = stdout.split("Kode cek dokumen: ")[1].strip()
    assert code.startswith("PENGANTAR-2.2024-")
    assert main(["check-doc", "--db", str(store.path), code]) == 0
    assert "ASLI" in capsys.readouterr().out


def test_a_letters_line_keeps_what_the_letter_says(store: Store,
                                                  desk: tuple[Officer, Visit]) -> None:
    officer, visit = desk
    hand_over(store, visit, officer.id)
    letter = store.dispatches.create_cover_letter(letter_of(visit, officer), officer.id).record
    (line,) = store.dispatches.list()
    changed = store.dispatches.save(replace(line, number="B/99/II/2024", recipient="Lain",
                                            received_by="Sari"), officer.id).record
    assert (changed.number, changed.recipient) == (letter.number, RECIPIENT)
    assert changed.received_by == "Sari"
