"""`piket info`: where the store is and whether it is encrypted (and its key file is beside
it), which anyone at the PC may know. Its contents (the unit, record counts) only to an
officer who signs in: `--officer NRP` or PIKET_OFFICER (app/cli/signin.py)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.parser import add_db_argument, db_path
from app.cli.signin import add_officer_argument, officer_given, open_signed_in


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "info", help="lokasi basis data dan apakah terenkripsi; isinya setelah masuk")
    add_db_argument(parser)
    add_officer_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.store import store_state

    path = db_path(args)
    print_location(path)
    if officer_given(args) and store_state(path) not in ("new", "plain"):  # no one signs in
        print_counts(args)
    return 0


def print_location(path: Path) -> None:
    """What is said without signing in: the file, whether it is encrypted, its key file."""
    from app.store import store_state

    state = store_state(path)
    keys = path.with_name(path.name + ".keys")
    print(f"Basis data : {path}")
    if state == "new":
        print("Status     : belum ada (dibuat saat Piket atau `piket demo` pertama kali "
              "membukanya)")
    elif state == "plain":
        print("Enkripsi   : TIDAK (basis data Piket versi sebelumnya; dienkripsi saat dibuka "
              "di jendela Piket atau dengan `piket encrypt`)")
    else:
        print("Enkripsi   : ya (SQLCipher 4)")
        print(f"Berkas kunci: {keys}" + ("" if state == "encrypted" else
                                       " TIDAK ADA (salin dari cadangan terakhir)"))


def print_counts(args: argparse.Namespace) -> None:
    """The unit and the record counts, for an officer who signed in."""
    with open_signed_in(args) as store:
        profile = store.profile()
        counts = store.summary_counts()
        read_only = store.read_only
        nrp = store.access.nrp
    print(f"Masuk sebagai: NRP {nrp}")
    if read_only:
        print("Mode       : hanya-baca (berkas, folder atau flashdisk tidak dapat ditulisi; "
              "perubahan tidak dapat disimpan)")
    print(f"Satuan     : POLSEK {profile.name} / POLRES {profile.polres} / POLDA {profile.polda}")
    for label, value in counts.items():
        print(f"{label:<11}: {value}")
