"""The `piket` command for import, export, verify and info: run in-process through main(),
and once as a real process to see exit codes and that no traceback reaches the user. The
commands sign in (PIKET_OFFICER, PIKET_PASSWORD: tests/cli_support.py); signing in itself is
tested in tests/test_cli_signin.py."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import main
from app.domain.models import Meeting, Officer, Patrol, PatrolPlace
from tests.cli_support import ADMIN, PIMPINAN, make_store, open_store, sign_in_as, signed_in

pytestmark = pytest.mark.usefixtures("signed_in")
__all__ = ["signed_in"]

HEADER = ("received_at,service,category,reporter_name,reporter_nik,reporter_phone,desa,"
          "occurred_at,narrative,status,dispatched_at,arrived_at,resolved_at\n")
GOOD = (HEADER
        + "2024-02-10 09:30,lp,curanmor,Siti Aminah,1602075203900003,0812-3456-7890,Serinanti,"
          "2024-02-10 07:00,Motor hilang,selesai,2024-02-10 09:35,2024-02-10 09:44,"
          "2024-02-12 10:00\n"
        + "2024-02-11 10:00,pengaduan,,Budi,12345,,Pedamaran I,,Sengketa kebun,,,,\n")
BAD = (HEADER
       + "2024-02-10 09:30,lp,curanmor,Siti,,,Serinanti,,Motor hilang,,,,\n"
       + "2024-02-10 09:31,lp,,Siti,,,Serinanti,,Motor hilang,,,,\n"
       + "2024-02-10 09:32,lp,curat,Siti,,,Xyz,,Motor hilang,,,,\n")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")
    make_store(tmp_path / "piket.db").close()
    return {"db": tmp_path / "piket.db", "good": good, "bad": bad, "dir": tmp_path}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def visit_count(db: Path) -> int:
    with open_store(db) as store:
        return store.summary_counts()["Kunjungan"]


# ------------------------------------------------------------------ import


def test_import_good_file(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "import", "--db", str(files["db"]), "--kind", "reports",
                         str(files["good"]))
    assert code == 0 and err == ""
    assert out.splitlines()[-1] == "Berhasil mengimpor 2 laporan."
    assert "Catatan: Baris 3, kolom reporter_nik: NIK harus 16 angka" in out
    assert visit_count(files["db"]) == 2


def test_import_bad_file_lists_rows_and_saves_nothing(files: dict[str, Path],
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(files["db"]), "import", "--kind", "reports",
                         str(files["bad"]))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "Impor dibatalkan: 2 masalah di 2 baris; tidak ada data yang disimpan.",
        "Baris 3, kolom category: kategori wajib diisi untuk laporan polisi (lp).",
        "Baris 4, kolom desa: desa 'Xyz' tidak ada di daftar desa.",
    ]
    assert visit_count(files["db"]) == 0


def test_import_and_export_are_audited_under_the_officer_signed_in(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(files["db"])
    code, _, err = run(capsys, "import", "--db", db, "--kind", "reports", "--officer",
                       "8506 1234", str(files["good"]))
    assert code == 0 and err == ""
    sign_in_as(monkeypatch, PIMPINAN)
    code, _, err = run(capsys, "export", "--db", db, "--kind", "reports",
                       "--out", str(files["dir"] / "r.csv"))
    assert code == 0 and err == ""
    with open_store(files["db"]) as store:
        ids = {o.nrp: o.id for o in store.master.list(Officer)}
        rows = store.db.execute("SELECT action, officer_id FROM audit_log WHERE kind = 'visit' "
                                "ORDER BY id").fetchall()
    andi, indra = ids[ADMIN.nrp], ids[PIMPINAN.nrp]
    assert rows == [("create", andi), ("create", andi), ("import", andi), ("export", indra)]


def test_import_into_a_new_path_makes_the_officer_its_first_administrator(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    fresh = files["dir"] / "baru" / "piket.db"
    fresh.parent.mkdir()
    code, out, _ = run(capsys, "import", "--db", str(fresh), "--kind", "reports", "--check",
                       str(files["good"]))
    assert code == 1 and not fresh.exists()  # a check creates nothing
    code, out, err = run(capsys, "import", "--db", str(fresh), "--kind", "reports",
                         "--name", "Andi Saputra", "--rank", "BRIPKA", str(files["good"]))
    assert (code, err) == (0, "")
    assert f"Basis data baru dibuat: {fresh}; admin pertamanya NRP {ADMIN.nrp}." in out
    assert out.count("KUNCI PEMULIHAN") == 1 and "Berhasil mengimpor 2 laporan." in out
    assert not fresh.read_bytes().startswith(b"SQLite format 3")
    with open_store(fresh) as store:
        account = store.accounts.find(ADMIN.nrp)
        assert account is not None and account.role == "admin"
        assert store.summary_counts()["Kunjungan"] == 2
        andi = store.master.officers_by_nrp()[ADMIN.nrp]
        assert (andi.name, andi.rank) == ("ANDI SAPUTRA", "BRIPKA")


def test_import_check_only(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "import", "--db", str(files["db"]), "--kind", "reports",
                       "--check", str(files["good"]))
    assert code == 0 and "Berkas baik: 2 laporan siap diimpor (belum disimpan)." in out
    assert visit_count(files["db"]) == 0


def test_import_missing_or_unreadable_file(files: dict[str, Path],
                                           capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "--db", str(files["db"]), "--kind", "reports",
                       str(files["dir"] / "tidak-ada.csv"))
    assert code == 1 and err.startswith("Kesalahan: berkas tidak ditemukan:")
    latin = files["dir"] / "latin.csv"
    latin.write_bytes(HEADER.encode() + "2024-02-10 09:30,informasi,,,,,,,caf\xe9,,,,\n"
                      .encode("latin-1"))
    code, _, err = run(capsys, "import", "--db", str(files["db"]), "--kind", "reports",
                       str(latin))
    assert code == 1 and "berkas bukan UTF-8 (baris 2)" in err and "CSV UTF-8" in err


# ------------------------------------------------------------------ export


def test_export_each_kind(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
                          monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(files["db"])
    assert run(capsys, "import", "--db", db, "--kind", "reports", str(files["good"]))[0] == 0
    with open_store(files["db"]) as store:
        leader = store.master.officers_by_nrp()[PIMPINAN.nrp]
        start = datetime(2024, 2, 10, 13, 0, tzinfo=UTC)
        store.patrols.save(Patrol("malam", "r2", start, start.replace(hour=15), leader.id,
                                  places=(PatrolPlace("Serinanti"), PatrolPlace("Sukadamai"))),
                           None)
        store.meetings.save(Meeting("jumat_curhat", start, "Serinanti", leader_id=leader.id),
                            None)
    sign_in_as(monkeypatch, PIMPINAN)
    for kind, expected in (("reports", "2 laporan"), ("patrols", "1 patroli (2 baris)"),
                           ("meetings", "1 pertemuan (1 baris)")):
        out = files["dir"] / f"{kind}.csv"
        code, stdout, err = run(capsys, "export", "--db", db, "--kind", kind, "--out", str(out),
                                "--semicolon")
        assert (code, err) == (0, "")
        assert stdout == f"Berhasil mengekspor {expected} ke {out}.\n"
        assert ";" in out.read_text(encoding="utf-8-sig").splitlines()[0]


def test_export_refusals(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    sign_in_as(monkeypatch, PIMPINAN)
    out = str(files["dir"] / "a.csv")
    missing = files["dir"] / "lain.db"
    code, _, err = run(capsys, "export", "--db", str(missing), "--kind", "reports", "--out", out)
    assert code == 1 and err.startswith("Kesalahan: basis data tidak ditemukan")
    assert not missing.exists()  # an export never creates an empty store
    db = str(files["db"])
    code, _, err = run(capsys, "export", "--db", db, "--kind", "reports", "--out", out,
                       "--include-voided")
    assert code == 1 and "--include-voided hanya untuk patrols dan meetings" in err
    code, _, err = run(capsys, "export", "--db", db, "--kind", "patrols", "--out",
                       str(files["dir"] / "tidak-ada" / "a.csv"))
    assert code == 1 and "folder tujuan tidak ditemukan" in err
    code, _, err = run(capsys, "export", "--db", db, "--kind", "patrols", "--out",
                       str(files["dir"]))
    assert code == 1 and "adalah folder" in err


# ------------------------------------------------------------------ verify, info


def test_verify_intact_then_tampered(files: dict[str, Path],
                                     capsys: pytest.CaptureFixture[str]) -> None:
    db = str(files["db"])
    run(capsys, "import", "--db", db, "--kind", "reports", str(files["good"]))
    code, out, _ = run(capsys, "verify", "--db", db)
    assert code == 0 and out.startswith("Basis data utuh")
    with open_store(files["db"]) as store:  # an edit behind Piket's back (by an insider)
        store.db.execute("UPDATE visits SET narrative = 'diubah' WHERE id = 1")
    code, out, _ = run(capsys, "verify", "--db", db)
    assert code == 1 and "Ditemukan 1 masalah" in out and "narrative" in out
    code, _, err = run(capsys, "verify", "--db", str(files["dir"] / "lain.db"))
    assert code == 1 and err.startswith("Kesalahan: basis data tidak ditemukan")


def test_info(files: dict[str, Path], capsys: pytest.CaptureFixture[str],
              monkeypatch: pytest.MonkeyPatch) -> None:
    run(capsys, "import", "--db", str(files["db"]), "--kind", "reports", str(files["good"]))
    code, out, _ = run(capsys, "info", "--db", str(files["db"]))
    assert code == 0
    assert f"Basis data : {files['db']}" in out and "Enkripsi   : ya" in out
    assert "Kunjungan  : 2" in out and "POLSEK PEDAMARAN" in out


def test_not_a_store(files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    files["db"].write_bytes(b"bukan basis data " * 100)
    code, _, err = run(capsys, "import", "--db", str(files["db"]), "--kind", "reports",
                       str(files["good"]))
    assert code == 1 and err.startswith("Kesalahan:") and "Traceback" not in err


# ------------------------------------------------------------------ the window
def test_without_a_subcommand_the_opener_handed_in_opens_the_window(files: dict[str, Path]) -> None:
    opened: list[Path] = []

    def open_window(path: Path) -> int:
        opened.append(path)
        return 7

    assert main(["--db", str(files["db"])], open_window=open_window) == 7
    assert opened == [files["db"]]


def test_without_a_subcommand_or_an_opener_the_summary_is_printed(
        files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(files["db"]))
    assert code == 0
    assert out.startswith("Jendela Piket tidak dibuka dari sini; basis datanya:")
    assert f"Basis data : {files['db']}" in out


# ------------------------------------------------------------------ a real process


def test_piket_process_exit_codes_without_traceback(files: dict[str, Path],
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    piket = Path(sys.executable).parent / "piket"
    db = str(files["db"])
    # this tree's code, whichever checkout the command is installed from
    monkeypatch.setenv("PYTHONPATH", str(Path(__file__).resolve().parent.parent))
    bad = subprocess.run([str(piket), "import", "--db", db, "--kind", "reports",
                          str(files["bad"])], capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "Baris 4, kolom desa: desa 'Xyz' tidak ada di daftar desa." in bad.stderr
    assert "Traceback" not in bad.stderr + bad.stdout
    good = subprocess.run([str(piket), "import", "--db", db, "--kind", "reports",
                           str(files["good"])], capture_output=True, text=True, timeout=120)
    refused = subprocess.run([str(piket), "export", "--db", db, "--kind", "reports", "--out",
                              str(files["dir"] / "no.csv")], capture_output=True, text=True,
                             timeout=120)
    assert refused.returncode == 1 and "tidak berwenang mengekspor" in refused.stderr
    sign_in_as(monkeypatch, PIMPINAN)
    assert good.returncode == 0 and "Berhasil mengimpor 2 laporan." in good.stdout
    out = files["dir"] / "out.csv"
    exported = subprocess.run([str(piket), "export", "--db", db, "--kind", "reports", "--out",
                               str(out)], capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0 and out.exists()
    assert "Traceback" not in good.stderr + exported.stderr


ENTRY_POINT = """
import json, sys
from ui.app import main
code = main(sys.argv[1:])
qt = sorted(m for m in sys.modules if m.startswith(("PySide6", "shiboken6")))
print(json.dumps({"code": code, "qt": qt}))
"""


def test_the_entry_point_runs_subcommands_without_qt(files: dict[str, Path]) -> None:
    """`piket info` (ui.app:main, the installed command) neither needs a display nor loads
    Qt: subcommands stay quick and work on a server."""
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", ENTRY_POINT, "info", "--db", str(files["db"])],
                            cwd=root, capture_output=True, text=True, timeout=120, check=True)
    lines = result.stdout.strip().splitlines()
    assert f"Basis data : {files['db']}" in lines
    assert json.loads(lines[-1]) == {"code": 0, "qt": []}
