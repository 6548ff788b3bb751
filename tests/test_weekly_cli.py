"""`piket weekly`: a PDF for a named or the default week, byte-identical reruns, Indonesian
errors with exit code 1."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.cli import main
from app.store import Store
from app.weekly.figures import default_week
from tests.test_weekly_figures import build_scenario


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = build_scenario(tmp_path_factory.mktemp("cli") / "anev.db")
    scenario.store.close()
    return scenario.path


def test_named_week_twice_is_byte_identical(db: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    first, second = tmp_path / "a.pdf", tmp_path / "b.pdf"
    assert main(["weekly", "--db", str(db), "--week", "2024-W07", "--out", str(first)]) == 0
    assert main(["weekly", "--db", str(db), "--week", "2024-W07", "--out", str(second)]) == 0
    assert first.read_bytes() == second.read_bytes()
    out = capsys.readouterr().out
    assert "Anev mingguan 2024-W07" in out and "Kode pemeriksaan keaslian:" in out
    text = PdfReader(io.BytesIO(first.read_bytes())).pages[0].extract_text()
    assert "MINGGU KE-3 BULAN FEBRUARI 2024" in text


def test_f4_paper(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "f4.pdf"
    assert main(["weekly", "--db", str(db), "--week", "2024-W07", "--out", str(out),
                 "--paper", "f4"]) == 0
    page = PdfReader(out).pages[0]
    assert round(float(page.mediabox.height)) == 935


def test_record_print_logs_after_rendering(db: Path, tmp_path: Path) -> None:
    with Store(db) as store:
        before = store.audit_fingerprint()
    out = tmp_path / "r.pdf"
    assert main(["weekly", "--db", str(db), "--week", "2024-W07", "--out", str(out),
                 "--record-print"]) == 0
    with Store(db) as store:
        after = store.audit_fingerprint()
        entry = store.db.execute(
            "SELECT action, kind, after FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert after != before
    assert entry[:2] == ("print", "weekly") and "2024-W07" in entry[2]
    # the file carries the fingerprint taken before the print was logged
    text = "".join(" ".join(p.extract_text().split()) for p in PdfReader(out).pages)
    assert f"Kode pemeriksaan keaslian: {before[:16]}" in text
    assert "Sidik jejak audit" not in text


def test_verify_takes_the_printed_code(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The code printed on the Anev is what `verify --fingerprint` checks, in the same words."""
    with Store(db) as store:
        code = store.audit_fingerprint()[:16]
    assert main(["verify", "--db", str(db), "--fingerprint", code]) == 0
    assert f"Kode pemeriksaan keaslian {code} cocok" in capsys.readouterr().out
    assert main(["verify", "--db", str(db), "--fingerprint", "0" * 16]) == 1
    out = capsys.readouterr().out
    assert "kode pemeriksaan keaslian 0000000000000000 tidak ada" in out and "sidik" not in out


def test_default_week_is_the_last_complete_one(db: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with Store(db) as store:
        expected = default_week(store.profile(), store.clock())
    assert main(["weekly", "--db", str(db)]) == 0
    assert (tmp_path / f"anev-{expected.label}.pdf").exists()


@pytest.mark.parametrize("week", ["2024-07", "minggu-7", "2024-W54", "W7"])
def test_malformed_week_exits_1(db: Path, tmp_path: Path, week: str,
                                capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "x.pdf"
    assert main(["weekly", "--db", str(db), "--week", week, "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kesalahan:") and "minggu" in err and "Traceback" not in err
    assert not out.exists()


def test_missing_store_and_folder(tmp_path: Path, db: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["weekly", "--db", str(tmp_path / "tidak-ada.db")]) == 1
    assert "tidak ditemukan" in capsys.readouterr().err
    assert main(["weekly", "--db", str(db), "--week", "2024-W07",
                 "--out", str(tmp_path / "no" / "x.pdf")]) == 1
    assert "folder tujuan tidak ditemukan" in capsys.readouterr().err
