"""`piket encrypt`: a plain store of the previous version encrypted in place, as the window
does at its first sign-in (app.store.upgrade_plain_store: a copy aside first, checked table
by table, the plain copies removed last). The officer signing in (PIKET_OFFICER or --officer,
PIKET_PASSWORD or the prompt) becomes its first administrator: the roster's entry when the
NRP is on it, else added as --name/--rank. The recovery key is printed once."""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import (
    add_admin_arguments,
    add_officer_argument,
    encrypt_signed_in,
    print_recovery_key,
    refuse_unless_encrypted,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "encrypt", help="enkripsi basis data Piket versi sebelumnya; Anda jadi admin pertamanya")
    add_db_argument(parser)
    add_officer_argument(parser)
    add_admin_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.store import store_state

    path = db_path(args)
    if store_state(path) != "plain":
        refuse_unless_encrypted(path)  # missing, or without its key file: said so
        raise CliError(f"basis data {path} sudah terenkripsi; tidak ada yang diubah.")
    store, recovery_key = encrypt_signed_in(args, name=args.name, rank=args.rank)
    with store:
        nrp = store.access.nrp
    print(f"Basis data {path} sudah dienkripsi; admin pertamanya NRP {nrp}.")
    print_recovery_key(recovery_key)
    return 0
