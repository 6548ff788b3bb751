"""A store with one record of every kind of document (tests of app/documents), and the tools
that look at a printed document as a reader would: its text (pypdf) and its QR code read by a
standard decoder (zbar's zbarimg) from a 200-dpi rendering of a page (pdftoppm)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from app.domain.models import Officer, Party, Visit
from app.domain.outgoing import CoverLetter, DateRange
from app.store import Store
from tests.factories import kehilangan, lp, meeting, patrol

T0 = datetime(2024, 2, 12, 7, 5, tzinfo=UTC)  # Senin 12 Februari 2024, 14.05 WIB
SCAN_DPI = 200


@dataclass(frozen=True)
class Records:
    sttlp: Visit
    sktlk: Visit
    stpp: Visit
    stpd: Visit
    patroli: Any
    notulen: Any
    officer: Officer
    pengantar: Any = None  # a surat pengantar (CoverLetter) of an LP handed to the Polres
    ekspedisi: Any = None  # a page (DateRange) of the buku ekspedisi holding its line
    sp2hp: Any = None  # an SP2HP (Sp2hpLetter) of the LP, in its current stage
    sp2hp_lp: Any = None  # that LP (under inquiry; received two days before the others)

    @property
    def lp(self) -> Visit:  # the LP form is printed from the same walk-in as its STTLP
        return self.sttlp

    def of(self, kind_name: str) -> Any:
        return getattr(self, kind_name)


def complaint(service: str, received_at: datetime, officer_id: int | None) -> Visit:
    return Visit(service=service, received_at=received_at, receiving_officer_id=officer_id,
                 parties=(Party(role="pengadu", name="Wati Lestari", phone="+628117000123"),
                          Party(role="teradu", name="Joko Susilo")),
                 complaint_subject="Sengketa batas kebun karet",
                 narrative="Patok batas kebun dipindahkan.")


def fill(store: Store) -> Records:
    officer = (store.master.officers_by_nrp().get("85061234")  # an encrypted store's admin
               or store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234",
                                            position="KA SPKT I"), None).record)
    assert officer.id is not None
    oid = officer.id
    made = [store.visits.create(v, oid).record for v in (
        lp(T0, oid), kehilangan(T0 + timedelta(hours=1), oid),
        complaint("pengaduan", T0 + timedelta(hours=2), oid),
        complaint("dumas", T0 + timedelta(hours=3), oid))]
    p = store.patrols.save(patrol(T0 + timedelta(hours=6), oid), oid).record
    m = store.meetings.save(meeting(T0 + timedelta(days=1), oid), oid).record
    # received before the others: the newest LP (the sample sheet's STTLP) stays the first
    handed = store.visits.create(lp(T0 - timedelta(days=1), oid, category="curas",
                                    evidence="1 bilah parang"), oid).record
    assert handed.id is not None and handed.meta is not None
    store.visits.change_status(handed.id, "dilimpahkan", "Dilimpahkan ke Satreskrim", oid)
    letter = store.dispatches.create_cover_letter(CoverLetter(
        handed.meta.uuid, "Kapolres Ogan Komering Ilir u.p. Kasat Reskrim",
        (f"Laporan Polisi Nomor {handed.number}", "Berita acara pemeriksaan (BAP) pelapor",
         "Barang bukti: 1 bilah parang"), oid), oid).record
    day = (T0 + timedelta(hours=7)).date()  # station time
    assert letter.issued_at is not None
    sp2hp_lp = store.visits.create(lp(T0 - timedelta(days=2), oid), oid).record
    sp2hp = _sp2hp(store, sp2hp_lp, oid)
    return Records(*made, p, m, officer, pengantar=letter, sp2hp=sp2hp, sp2hp_lp=sp2hp_lp,
                   ekspedisi=DateRange(day.replace(day=1), max(day, (letter.issued_at
                                                                     + timedelta(hours=7)).date())))


def _sp2hp(store: Store, visit: Visit, oid: int) -> Any:
    """The LP under inquiry, its investigator named and its first SP2HP (A1) drafted and
    issued as the register does."""
    from app.documents.sp2hp_text import draft_letter

    assert visit.id is not None
    store.register.change_stage(visit.id, "penyelidikan", "Saksi-saksi diperiksa", oid)
    case = store.register.assign(visit.id, oid, investigator_id=oid,
                                 investigator_role="penyidik", supervisor_id=None,
                                 difficulty="sedang").record
    draft = draft_letter(visit, case, "Pencurian kendaraan bermotor (Curanmor)",
                         store.profile(), last_letter_stage=None, at=store.clock())
    return store.register.issue_letter(draft, oid).record


def text_of(pdf: bytes | Path) -> str:
    """The document's words, one space between each (pypdf breaks lines where the PDF draws
    separate pieces, e.g. between "Kode cek dokumen:" and the bold code)."""
    import io

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_count(pdf: bytes | Path) -> int:
    import io

    return len(PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf).pages)


def read_qr(pdf: bytes | Path, folder: Path, page: int = 1) -> list[str]:
    """The QR codes zbarimg reads on one page rendered at 200 dpi (a scan of the paper)."""
    zbarimg, pdftoppm = shutil.which("zbarimg"), shutil.which("pdftoppm")
    if zbarimg is None or pdftoppm is None:
        pytest.skip("zbarimg or pdftoppm missing (apt-get install -y zbar-tools poppler-utils; "
                    "scripts/test.sh installs them)")
    source = folder / "scan.pdf"
    if isinstance(pdf, bytes):
        source.write_bytes(pdf)
    else:
        source = pdf
    prefix = folder / f"scan-{page}"
    subprocess.run([pdftoppm, "-r", str(SCAN_DPI), "-png", "-singlefile", "-f", str(page),
                    "-l", str(page), str(source), str(prefix)], check=True, timeout=60)
    result = subprocess.run([zbarimg, "--quiet", "--raw", str(prefix) + ".png"],
                            capture_output=True, text=True, timeout=60)
    return [line for line in result.stdout.splitlines() if line.strip()]
