"""How a command signs in: every command that reads or writes a store's contents opens it
here (tests/test_layering.py checks that no other module of app/cli opens a Store).

The officer comes from `--officer NRP` or the environment variable PIKET_OFFICER; the
password from the environment variable PIKET_PASSWORD or, when the command runs on a
terminal, from a prompt that does not echo it. Never from a command-line argument: those are
visible to every user of the PC (`ps`) and kept in the shell's history.

Missing or wrong credentials, a locked or inactive account, a store without its key file, a
plain store of the previous version: CliError (exit code 1, Indonesian), and the store is
neither read nor written. The lockout of the window applies (app.store.signin: five wrong
passwords lock the account for ten minutes).
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, db_path

OFFICER_ENV = "PIKET_OFFICER"
PASSWORD_ENV = "PIKET_PASSWORD"

DEFAULT_ADMIN_NAME = "ADMIN"
DEFAULT_ADMIN_RANK = "AIPDA"


@dataclass(frozen=True)
class Credentials:
    nrp: str
    password: str

    def __repr__(self) -> str:  # never the password, in a traceback or a log
        return f"Credentials(nrp={self.nrp!r}, password=***)"


def add_officer_argument(parser: argparse.ArgumentParser) -> None:
    """`--officer NRP`; the password is never an argument (see the module's notes)."""
    parser.add_argument("--officer", metavar="NRP",
                        help=f"NRP petugas yang masuk (atau variabel lingkungan {OFFICER_ENV}); "
                             f"kata sandinya dari variabel lingkungan {PASSWORD_ENV} atau "
                             "ditanyakan di terminal, tidak pernah sebagai argumen")


def add_admin_arguments(parser: argparse.ArgumentParser) -> None:
    """`--name`, `--rank`: the first administrator of a store this command creates."""
    from app.domain.codes import RANKS

    parser.add_argument("--name", metavar="NAMA",
                        help="nama petugas itu di daftar personel bila perintah ini membuat "
                             f"basis data baru (admin pertamanya; bawaan: {DEFAULT_ADMIN_NAME})")
    parser.add_argument("--rank", type=str.upper, choices=RANKS, metavar="PANGKAT",
                        help=f"pangkatnya (bawaan: {DEFAULT_ADMIN_RANK}; pilih dari "
                             f"{', '.join(RANKS)})")


def add_recovery_out_argument(parser: argparse.ArgumentParser) -> None:
    """`--recovery-out FILE.pdf`: the recovery key sheet of a store this command creates."""
    parser.add_argument("--recovery-out", type=Path, metavar="BERKAS.pdf",
                        help="bila perintah ini membuat basis data baru: tulis juga lembar "
                             "kunci pemulihan (PDF) ke berkas ini, untuk dicetak dan disimpan "
                             "di brankas Kapolsek; hapus berkasnya sesudah dicetak")


def check_recovery_out(args: argparse.Namespace, *, new_store: bool) -> None:
    """Refuse a `--recovery-out` that cannot be written, before anything is made: for a
    store that exists already (its key was given once, when it was made), a folder, a
    missing folder, the store itself, its sidecars or another database."""
    from app.outputs import safe_output_path

    target: Path | None = getattr(args, "recovery_out", None)
    if target is None:
        return
    if not new_store:
        raise CliError("--recovery-out hanya untuk basis data baru: kunci pemulihan basis data "
                       "yang sudah ada hanya diberikan sekali, ketika dibuat.")
    if not target.parent.is_dir():
        raise CliError(f"folder tujuan tidak ditemukan: {target.parent}")
    safe_output_path(target, protected=(db_path(args),))
    if target.suffix.lower() != ".pdf":
        raise CliError(f"--recovery-out harus berkas PDF (berakhiran .pdf), terisi {target}.")


def write_recovery_out(args: argparse.Namespace, store: Any, recovery_key: str) -> None:
    """The sheet of the new `store` to `--recovery-out`, when given (app/pdf/recovery_sheet.py,
    the window's sheet). A failure is said plainly: the key was printed above all the same."""
    from app.clock import utc_now
    from app.outputs import OutputRefused, os_error_text
    from app.pdf.recovery_sheet import save_recovery_sheet

    target: Path | None = getattr(args, "recovery_out", None)
    if target is None:
        return
    try:
        # the day it is made (the demo's store runs on its simulated clock meanwhile)
        save_recovery_sheet(store, recovery_key, target, now=utc_now())
    except OutputRefused as exc:
        raise CliError(f"{exc} Kunci pemulihan tercetak di atas: catat dari sana.") from None
    except OSError as exc:
        raise CliError(f"lembar kunci pemulihan tidak dapat ditulis: {os_error_text(exc)}. "
                       "Kunci pemulihan tercetak di atas: catat dari sana.") from None
    print(f"Lembar kunci pemulihan ditulis ke {target}: cetak, simpan di brankas Kapolsek, "
          "lalu hapus berkasnya.")


def officer_given(args: argparse.Namespace) -> bool:
    return bool(_officer_text(args))


def credentials(args: argparse.Namespace, *, new: bool = False) -> Credentials:
    """The officer and the password, or CliError saying how to give them (asked once per
    command: kept on `args` for a second use, such as the rescue of a damaged store). `new`:
    the password of a new account, typed twice when asked for at the prompt."""
    given = getattr(args, "_credentials", None)
    if isinstance(given, Credentials):
        return given
    nrp = "".join(_officer_text(args).split())
    if not nrp:
        raise CliError(f"NRP petugas belum diisi: pakai --officer NRP atau variabel lingkungan "
                       f"{OFFICER_ENV}. Perintah ini hanya untuk petugas yang punya akun.")
    password = os.environ.get(PASSWORD_ENV, "")
    if not password:
        password = _prompt(f"Kata sandi {'baru ' if new else ''}untuk NRP {nrp}: ")
        if new and password and _prompt("Ulangi kata sandi itu: ") != password:
            raise CliError("kedua kata sandi tidak sama; tidak ada yang dibuat.")
    if not password:
        raise CliError("kata sandi belum diisi.")
    args._credentials = Credentials(nrp, password)
    return args._credentials


def open_signed_in(args: argparse.Namespace, *, who: Credentials | None = None,
                   **store_kwargs: Any) -> Any:
    """The store of `--db`, opened by the officer who signs in (app.store.sign_in); the
    officer's role decides what the command may do (the store refuses the rest)."""
    from app.store import SignInFailed, sign_in

    path = db_path(args)
    refuse_unless_encrypted(path)
    who = who or credentials(args)
    try:
        return sign_in(path, who.nrp, who.password, **store_kwargs)
    except SignInFailed as exc:
        raise CliError(str(exc)) from None


def create_signed_in(args: argparse.Namespace, *, name: str | None = None,
                     rank: str | None = None, **store_kwargs: Any) -> tuple[Any, str]:
    """A new encrypted store at `--db` whose first administrator is the officer signing in
    (added to the roster as `name`, `rank`); returns (store, recovery key)."""
    from app.domain.models import Officer
    from app.store import InvalidPassword, create_store

    who = credentials(args, new=True)
    officer = Officer(_name(name), _rank(rank), who.nrp, position="Admin Piket")
    try:
        return create_store(db_path(args), officer, who.password, **store_kwargs)
    except InvalidPassword as exc:
        raise CliError(f"kata sandi ini tidak dapat dipakai: {exc}") from None


def encrypt_signed_in(args: argparse.Namespace, *, name: str | None = None,
                      rank: str | None = None) -> tuple[Any, str]:
    """The plain store of `--db` (previous version) encrypted in place; the officer signing
    in becomes its first administrator (the roster's entry when the NRP is on it)."""
    from app.domain.models import Officer
    from app.store import InvalidPassword, upgrade_plain_store

    who = credentials(args, new=True)
    officer = Officer(_name(name), _rank(rank), who.nrp, position="Admin Piket")
    try:
        return upgrade_plain_store(db_path(args), officer, who.password)
    except InvalidPassword as exc:
        raise CliError(f"kata sandi ini tidak dapat dipakai: {exc}") from None


def damaged_store_key(args: argparse.Namespace) -> bytes | None:
    """The data key of a damaged encrypted store whose key slots are intact, from the
    officer's password (already given: never asked for again): it opens the store's backups,
    to name the newest good one. None when there is none to be had."""
    from app.clock import utc_now
    from app.store import SignInFailed, store_state, unlock_key

    path = db_path(args)
    given = getattr(args, "_credentials", None)
    if store_state(path) != "encrypted" or not isinstance(given, Credentials):
        return None
    try:
        return unlock_key(path.with_name(path.name + ".keys"), given.nrp, given.password,
                          utc_now())
    except SignInFailed:
        return None


def refuse_unless_encrypted(path: Path) -> None:
    """CliError for a store that no one can sign in to from here: missing, plain (the
    previous version), or without its key file."""
    from app.store import store_state

    state = store_state(path)
    if state == "new":
        raise CliError(f"basis data tidak ditemukan: {path}")
    if state == "plain":
        raise CliError(plain_store_text(path))
    if state == "no_keys":
        raise CliError(f"berkas kunci {path.name}.keys tidak ditemukan di samping basis data "
                       f"{path}. Salin berkas itu dari cadangan terakhir ke folder yang sama.")


def plain_store_text(path: Path) -> str:
    return (f"basis data {path} dari Piket versi sebelumnya dan belum terenkripsi. Bukalah "
            "sekali di jendela Piket (admin pertama dibuat dan basis data dienkripsi), atau "
            f"jalankan: piket encrypt --db {path} (dengan {OFFICER_ENV} dan {PASSWORD_ENV}).")


def print_recovery_key(recovery_key: str) -> None:
    """The recovery key, shown this once (it is never stored in clear anywhere)."""
    line = "=" * 68
    print(line)
    print("KUNCI PEMULIHAN (hanya ditampilkan sekali ini):")
    print(f"    {recovery_key}")
    print("Tulis atau cetak kunci ini dan simpan di brankas Kapolsek. Bila semua kata sandi")
    print("terlupa, hanya kunci ini yang dapat membuka basis data; tanpa kunci ini data hilang.")
    print(line)


def signed_in_officer(store: Any) -> int | None:
    """Who the command's audit entries name: the officer who signed in."""
    officer_id: int | None = store.access.officer_id
    return officer_id


# ---------------------------------------------------------------------- helpers
def _officer_text(args: argparse.Namespace) -> str:
    given = getattr(args, "officer", None)
    return given if given else os.environ.get(OFFICER_ENV, "")


def _prompt(prompt: str) -> str:
    if not _on_a_terminal():
        raise CliError(f"kata sandi belum diisi: atur variabel lingkungan {PASSWORD_ENV} "
                       "(perintah ini tidak berjalan di terminal yang dapat menanyakannya; "
                       "kata sandi tidak diterima sebagai argumen).")
    try:
        return getpass.getpass(prompt)
    except EOFError:
        return ""


def _on_a_terminal() -> bool:
    try:
        return sys.stdin is not None and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _name(name: str | None) -> str:
    return " ".join((name or DEFAULT_ADMIN_NAME).split()).upper()


def _rank(rank: str | None) -> str:
    return (rank or DEFAULT_ADMIN_RANK).strip().upper()


def open_private_demo(path: Path) -> Any:
    """A demo store this command made itself in a private temporary folder (made-up data,
    removed when the command ends): opened without signing in, as the tests open stores."""
    from app.store import Store

    return Store(path)


@dataclass(frozen=True)
class RestoreKey:
    key: bytes
    officer_id: int | None  # None: signed in with the backup's key slots (no store to ask)


def restore_key(args: argparse.Namespace, backup: Path) -> RestoreKey:
    """The data key a restore of `backup` onto `--db` needs, from the officer's password.

    A store that opens: the officer signs in to it and must be allowed to restore (admin).
    A store that is missing, damaged or without its key file (the rescue a restore is for):
    the password must open the key slots kept beside the backup; the role cannot be asked
    of a store that does not open, so any account of that backup may rescue it."""
    from app.backup.backup import key_slots_of
    from app.clock import utc_now
    from app.store import Action, DamagedStore, SignInFailed, store_state, unlock_key

    path = db_path(args)
    state = store_state(path)
    if state == "plain":
        raise CliError(plain_store_text(path))
    who = credentials(args)
    if state == "encrypted":
        try:
            # read only: the store stays as it is until the restore replaces it (the sign-in
            # waits in the key file and goes into the restored store's trail)
            with open_signed_in(args, who=who, read_only=True) as store:
                store.require(Action.RESTORE)
                return RestoreKey(store.data_key, store.access.officer_id)
        except DamagedStore:
            pass
    slots = key_slots_of(backup)
    if not slots.exists():
        raise CliError(f"berkas kunci cadangan {slots.name} tidak ditemukan di samping "
                       f"{backup}: cadangan tanpa berkas kuncinya tidak dapat dibuka dari sini "
                       "(cadangan Piket versi sebelumnya: pulihkan dari jendela Piket).")
    try:
        return RestoreKey(unlock_key(slots, who.nrp, who.password, utc_now()), None)
    except SignInFailed as exc:
        raise CliError(str(exc)) from None
