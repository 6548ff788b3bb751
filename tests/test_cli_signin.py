"""The command line signs in (issue 16 item 5): the officer from --officer or PIKET_OFFICER,
the password from PIKET_PASSWORD (or a prompt on a terminal), never from an argument; missing
or wrong credentials and locked accounts exit 1 with nothing read or written; exports and
prints only by roles that may, each recorded with what it held (item 8)."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.cli import build_parser, main
from app.domain.models import Officer, Patrol, PatrolPlace
from app.store import Store
from tests.cli_support import (
    ADMIN,
    PASSWORD,
    PETUGAS,
    PIMPINAN,
    make_store,
    open_store,
    sign_in_as,
)
from tests.factories import lp

AT = datetime(2024, 2, 12, 3, 0, tzinfo=UTC)

COMMANDS = {
    "info": ["info"],  # with --officer: the counts need a sign-in
    "verify": ["verify"],
    "export": ["export", "--kind", "reports", "--out", "{dir}/x.csv"],
    "import": ["import", "--kind", "reports", "{dir}/x.csv"],
    "weekly": ["weekly", "--week", "2024-W07", "--out", "{dir}/w.pdf"],
    "backup": ["backup", "--to", "{dir}"],
    "print": ["print", "--record", "1", "--doc", "patroli", "--out", "{dir}/p.pdf"],
    "documents": ["documents", "--sample", "--out", "{dir}/contoh"],
    "check-doc": ["check-doc", "PATROLI-1-20240212-AAAA-BBBB-CCCC"],
    "demo": ["demo", "--weeks", "1", "--force"],
    "restore": ["restore", "--from", "{dir}/cadangan.db"],
}


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "piket.db"
    with make_store(path) as store:
        leader = store.master.officers_by_nrp()[PIMPINAN.nrp]
        for day in (10, 12):
            start = datetime(2024, 2, day, 13, 0, tzinfo=UTC)
            store.patrols.save(Patrol("malam", "r2", start, start.replace(hour=15), leader.id,
                                      places=(PatrolPlace("Serinanti"),)), None)
        store.visits.create(lp(AT, leader.id), leader.id)
    return path


def fingerprint(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def argv(command: str, db: Path) -> list[str]:
    return [a.format(dir=db.parent) for a in COMMANDS[command]] + ["--db", str(db)]


def outputs(folder: Path) -> set[str]:
    return {p.name for p in folder.iterdir()}


@pytest.mark.parametrize("command", [c for c in COMMANDS if c != "info"])
def test_without_credentials_exit_1_and_nothing_read_or_written(
        command: str, db: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PIKET_OFFICER", raising=False)
    monkeypatch.delenv("PIKET_PASSWORD", raising=False)
    (db.parent / "x.csv").write_text("received_at\n", encoding="utf-8")
    keys = db.with_name(db.name + ".keys")
    before = fingerprint(db), fingerprint(keys), outputs(db.parent)
    assert main(argv(command, db)) == 1
    err = capsys.readouterr().err
    assert err.startswith("Kesalahan: NRP petugas belum diisi: pakai --officer NRP atau "
                          "variabel lingkungan PIKET_OFFICER.")
    assert (fingerprint(db), fingerprint(keys), outputs(db.parent)) == before
    monkeypatch.setenv("PIKET_OFFICER", ADMIN.nrp)  # the password is missing; stdin no tty
    assert main(argv(command, db)) == 1
    assert "atur variabel lingkungan PIKET_PASSWORD" in capsys.readouterr().err
    assert (fingerprint(db), fingerprint(keys), outputs(db.parent)) == before


def test_wrong_password_exit_1_store_untouched_and_lockout_after_five(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, PIMPINAN, "salah12345")
    before = fingerprint(db)
    for _ in range(4):
        assert main(argv("verify", db)) == 1
        assert capsys.readouterr().err == "Kesalahan: NRP atau kata sandi salah.\n"
    assert main(argv("verify", db)) == 1
    assert "terkunci karena 5 kali salah kata sandi" in capsys.readouterr().err
    assert fingerprint(db) == before
    sign_in_as(monkeypatch, PIMPINAN)  # the right password, but the account is locked
    assert main(argv("verify", db)) == 1
    assert "terkunci" in capsys.readouterr().err
    assert fingerprint(db) == before
    sign_in_as(monkeypatch, ADMIN)  # another account is not locked; the failures are audited
    assert main(argv("verify", db)) == 0
    with open_store(db) as store:
        events = [r[0] for r in store.db.execute(
            "SELECT action FROM audit_log WHERE kind = 'masuk' ORDER BY id")]
    assert events.count("sign_in_failed") == 5 and "lockout" in events
    assert "sign_in_locked" in events


def test_officer_argument_wins_over_the_environment(db: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, PETUGAS)  # petugas may not verify; --officer names the admin
    assert main([*argv("verify", db), "--officer", ADMIN.nrp]) == 0
    assert main(argv("verify", db)) == 1
    assert "Peran Anda (Petugas SPKT) tidak berwenang memeriksa jejak audit." in \
        capsys.readouterr().err


def test_the_password_is_never_an_argument(capsys: pytest.CaptureFixture[str],
                                           db: Path) -> None:
    for option in ("--password", "--pass", "--kata-sandi", "-p"):
        with pytest.raises(SystemExit) as exited:
            main([*argv("verify", db), option, PASSWORD])
        assert exited.value.code == 2
        assert "argumen tidak dikenal" in capsys.readouterr().err
    parser = build_parser()
    subparsers = next(a for a in parser._actions if a.dest == "command")
    for name, sub in subparsers.choices.items():  # type: ignore[union-attr]
        for action in sub._actions:
            for option in action.option_strings:
                assert "pass" not in option and "sandi" not in option, (name, option)


def test_info_without_credentials_says_only_where_and_whether_encrypted(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("PIKET_OFFICER", raising=False)
    monkeypatch.delenv("PIKET_PASSWORD", raising=False)
    before = fingerprint(db)
    assert main(["info", "--db", str(db)]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"Basis data : {db}", "Enkripsi   : ya (SQLCipher 4)",
        f"Berkas kunci: {db}.keys"]
    assert fingerprint(db) == before
    db.with_name(db.name + ".keys").rename(db.with_name("lain.keys"))
    assert main(["info", "--db", str(db)]) == 0
    assert "TIDAK ADA (salin dari cadangan terakhir)" in capsys.readouterr().out
    sign_in_as(monkeypatch, PIMPINAN)
    assert main(["info", "--db", str(db)]) == 1  # no key file: nobody signs in
    assert "tidak ditemukan di samping basis data" in capsys.readouterr().err


def test_a_plain_store_of_the_previous_version_is_refused_until_encrypted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "lama.db"
    with Store(path) as store:
        store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", ADMIN.nrp), None)
    sign_in_as(monkeypatch, ADMIN)
    before = fingerprint(path)
    assert main(["verify", "--db", str(path)]) == 1
    err = capsys.readouterr().err
    assert "belum terenkripsi" in err and "jendela Piket" in err and "piket encrypt" in err
    assert fingerprint(path) == before
    assert main(["info", "--db", str(path)]) == 0
    assert "Enkripsi   : TIDAK" in capsys.readouterr().out
    assert main(["encrypt", "--db", str(path)]) == 0
    out = capsys.readouterr().out
    assert "admin pertamanya NRP 85061234" in out and "KUNCI PEMULIHAN" in out
    assert not path.read_bytes().startswith(b"SQLite format 3")
    assert main(["verify", "--db", str(path)]) == 0


def test_export_by_a_role_that_may_not_is_refused_before_any_file(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    out = db.parent / "x.csv"
    for officer, role in ((PETUGAS, "Petugas SPKT"), (ADMIN, "Admin")):
        sign_in_as(monkeypatch, officer)
        assert main(argv("export", db)) == 1
        assert capsys.readouterr().err == (f"Kesalahan: Peran Anda ({role}) tidak berwenang "
                                           "mengekspor data.\n")
        assert not out.exists()
    with open_store(db) as store:
        exports = store.db.execute("SELECT count(*) FROM audit_log WHERE action = 'export'")
        assert exports.fetchone()[0] == 0


def test_export_is_recorded_with_kind_period_and_count(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, PIMPINAN)
    out = db.parent / "patroli.csv"
    assert main(["export", "--db", str(db), "--kind", "patrols", "--out", str(out)]) == 0
    assert main(argv("export", db)) == 0
    with open_store(db) as store:
        indra = store.master.officers_by_nrp()[PIMPINAN.nrp].id
        rows = store.db.execute("SELECT kind, officer_id, after FROM audit_log WHERE action = "
                                "'export' ORDER BY id").fetchall()
    details = [(kind, officer, json.loads(after)["detail"]) for kind, officer, after in rows]
    assert details == [
        ("patrol", indra, f"CSV 2 patroli (2 baris), periode 2024-02-10 s.d. 2024-02-12 ke "
                          f"{out.resolve()}"),
        ("visit", indra, f"CSV 1 laporan, periode 2024-02-12 s.d. 2024-02-12 ke "
                         f"{(db.parent / 'x.csv').resolve()}"),
    ]


def test_print_by_a_role_that_may_not_is_refused_before_any_file(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, ADMIN)
    assert main(argv("print", db)) == 1
    assert "Peran Anda (Admin) tidak berwenang mencetak dokumen." in capsys.readouterr().err
    assert not (db.parent / "p.pdf").exists()
    sign_in_as(monkeypatch, PETUGAS)
    assert main(argv("print", db)) == 0
    assert (db.parent / "p.pdf").exists()
    with open_store(db) as store:
        rudi = store.master.officers_by_nrp()[PETUGAS.nrp].id
        rows = store.db.execute("SELECT kind, officer_id FROM audit_log WHERE action = "
                                "'print'").fetchall()
    assert rows == [("patrol", rudi)]


def test_weekly_needs_pimpinan_and_records_its_period_when_asked(
        db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    sign_in_as(monkeypatch, PETUGAS)
    assert main(argv("weekly", db)) == 1
    assert "tidak berwenang menyusun rekap mingguan" in capsys.readouterr().err
    assert not (db.parent / "w.pdf").exists()
    sign_in_as(monkeypatch, PIMPINAN)
    before = fingerprint(db)
    assert main(argv("weekly", db)) == 0
    assert fingerprint(db)[0] == before[0]  # read only: even the sign-in waits in the key file
    assert main([*argv("weekly", db), "--record-print"]) == 0
    with open_store(db) as store:
        indra = store.master.officers_by_nrp()[PIMPINAN.nrp].id
        rows = store.db.execute("SELECT kind, officer_id, after FROM audit_log WHERE action = "
                                "'print'").fetchall()
    assert [(k, o, json.loads(a)["detail"]) for k, o, a in rows] == [("weekly", indra, "2024-W07")]


CHILD = "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))"


def _on_a_terminal(argv: list[str], env: dict[str, str], typed: bytes) -> tuple[int, str]:
    """Run the command with a real terminal (a pseudo-terminal) as its controlling tty and
    standard input; type `typed` once the password prompt shows. (exit code, all it showed)"""
    import os
    import pty
    import select
    import sys

    root = str(Path(__file__).resolve().parent.parent)
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command
        os.chdir(root)
        os.execve(sys.executable, [sys.executable, "-c", CHILD, *argv],
                  {**env, "PYTHONPATH": root})
    shown = b""
    answered = False
    while True:
        ready, _, _ = select.select([fd], [], [], 120)  # a safety net against a hang only
        if not ready:
            os.kill(pid, 9)
            break
        try:
            chunk = os.read(fd, 1024)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        shown += chunk
        if not answered and b"Kata sandi " in shown and shown.rstrip().endswith(b":"):
            os.write(fd, typed)
            answered = True
        elif answered and shown.rstrip().endswith(b"Ulangi kata sandi itu:"):
            os.write(fd, typed)
    _, status = os.waitpid(pid, 0)
    os.close(fd)
    return os.waitstatus_to_exitcode(status), shown.decode("utf-8", "replace")


def test_on_a_terminal_the_password_is_asked_without_echo(db: Path) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "PIKET_PASSWORD"}
    env["PIKET_OFFICER"] = ADMIN.nrp
    code, shown = _on_a_terminal(["verify", "--db", str(db)], env, PASSWORD.encode() + b"\n")
    assert code == 0, shown
    assert f"Kata sandi untuk NRP {ADMIN.nrp}: " in shown and "Basis data utuh" in shown
    assert PASSWORD not in shown  # not echoed
    code, shown = _on_a_terminal(["verify", "--db", str(db)], env, b"salah12345\n")
    assert code == 1 and "NRP atau kata sandi salah." in shown and "salah12345" not in shown


def test_a_new_store_asks_the_password_twice_on_a_terminal_and_refuses_a_weak_one(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import os

    env = {k: v for k, v in os.environ.items() if k != "PIKET_PASSWORD"}
    env["PIKET_OFFICER"] = ADMIN.nrp
    path = tmp_path / "baru.db"
    code, shown = _on_a_terminal(["demo", "--db", str(path), "--weeks", "1"], env,
                                 PASSWORD.encode() + b"\n")
    assert code == 0, shown
    assert f"Kata sandi baru untuk NRP {ADMIN.nrp}: " in shown
    assert "Ulangi kata sandi itu: " in shown and "KUNCI PEMULIHAN" in shown
    sign_in_as(monkeypatch, ADMIN, "123")  # too short: nothing is created
    assert main(["demo", "--db", str(tmp_path / "lemah.db"), "--weeks", "1"]) == 1
    assert "kata sandi ini tidak dapat dipakai: PIN paling sedikit 6 angka." in \
        capsys.readouterr().err
    assert not (tmp_path / "lemah.db").exists()
    assert not (tmp_path / "lemah.db.keys").exists()


def test_an_inactive_account_is_refused(db: Path, monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    with open_store(db) as store:
        rudi = store.master.officers_by_nrp()[PETUGAS.nrp]
        assert rudi.id is not None
        store.accounts.deactivate(rudi.id, None)
    sign_in_as(monkeypatch, PETUGAS)
    before = fingerprint(db)
    assert main(argv("print", db)) == 1
    err = capsys.readouterr().err
    assert err in ("Kesalahan: NRP atau kata sandi salah.\n",  # its key slot is gone
                   "Kesalahan: Akun ini tidak aktif. Hubungi admin.\n")
    assert fingerprint(db) == before and not (db.parent / "p.pdf").exists()
