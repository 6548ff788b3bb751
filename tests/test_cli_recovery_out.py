"""`--recovery-out FILE.pdf` of `piket demo` and `piket import` into a new path: the window's
recovery key sheet (app/pdf/recovery_sheet.py) written through app.outputs, with the key the
command printed; refused before anything is made when it cannot be written."""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader

from app.cli import main
from app.clock import utc_now
from app.store import open_with_recovery
from app.textid import format_date_long
from tests.cli_support import ADMIN, make_store, signed_in
from tests.test_cli import BAD

pytestmark = pytest.mark.usefixtures("signed_in")
__all__ = ["signed_in"]

TODAY = "2024-02-19"


def printed_key(out: str) -> str:
    return out.split("KUNCI PEMULIHAN (hanya ditampilkan sekali ini):\n")[1].split()[0]


def sheet_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def test_demo_into_a_new_path_writes_the_sheet(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    db, sheet = tmp_path / "demo.db", tmp_path / "kunci.pdf"
    assert main(["demo", "--db", str(db), "--weeks", "1", "--today", TODAY,
                 "--name", "Siti Rahma", "--recovery-out", str(sheet)]) == 0
    out = capsys.readouterr().out
    key = printed_key(out)
    assert f"Lembar kunci pemulihan ditulis ke {sheet}" in out
    text = sheet_text(sheet)
    assert "LEMBAR KUNCI PEMULIHAN BASIS DATA PIKET" in text
    assert "PEDAMARAN" in text  # the demo's station, filled before the sheet is written
    assert "SITI RAHMA" in text and f"NRP {ADMIN.nrp}" in text  # who hands it over
    groups = key.split("-")
    assert all(group in text for group in groups)
    made = utc_now().astimezone(ZoneInfo("Asia/Jakarta")).date()  # not the demo's clock
    assert format_date_long(made) in text or format_date_long(made - timedelta(days=1)) in text
    if os.name == "posix":
        assert stat.S_IMODE(sheet.stat().st_mode) == 0o600  # a secret: the owner's only
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp
    with open_with_recovery(db, key) as store:  # the sheet's key opens the store
        assert store.accounts.find(ADMIN.nrp) is not None


def test_import_into_a_new_path_writes_the_sheet_whatever_the_file(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rows, db, sheet = tmp_path / "data.csv", tmp_path / "baru.db", tmp_path / "kunci.pdf"
    rows.write_text(BAD, encoding="utf-8")  # bad rows: nothing is imported
    code = main(["import", "--db", str(db), "--kind", "reports", "--recovery-out", str(sheet),
                 str(rows)])
    out = capsys.readouterr().out
    assert code == 1 and db.exists()  # the store is made, the rows are refused ...
    assert all(group in sheet_text(sheet) for group in printed_key(out).split("-"))  # ... kept


@pytest.mark.parametrize(("target", "says"), [
    ("demo.db", "tidak ditulis"),  # the store being made
    ("demo.db-wal", "tidak ditulis"),
    ("nowhere/kunci.pdf", "folder tujuan tidak ditemukan"),
    ("kunci.txt", "harus berkas PDF"),
])
def test_a_sheet_that_cannot_be_written_is_refused_before_the_store_is_made(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], target: str, says: str) -> None:
    db = tmp_path / "demo.db"
    assert main(["demo", "--db", str(db), "--weeks", "1", "--today", TODAY,
                 "--recovery-out", str(tmp_path / target)]) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []  # no store, no key file, no sheet


def test_an_existing_store_gives_no_sheet(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "piket.db"
    make_store(db).close()
    sheet = tmp_path / "kunci.pdf"
    assert main(["demo", "--db", str(db), "--weeks", "1", "--today", TODAY,
                 "--recovery-out", str(sheet)]) == 1
    assert "hanya untuk basis data baru" in capsys.readouterr().err
    assert not sheet.exists()
