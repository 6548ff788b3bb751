"""`piket demo`: fill a store with realistic, deterministic demo data for Polsek Pedamaran.

    PIKET_OFFICER=NRP PIKET_PASSWORD=... piket demo --db PATH [--weeks N] [--seed S]
        [--reports N] [--force] [--name NAMA] [--rank PANGKAT] [--accounts]
        [--recovery-out FILE.pdf]

The officer signs in (app/cli/signin.py). Into a path with no store yet, the demo creates an
encrypted store whose first administrator is that officer with that password: added to the
roster as --name/--rank (default ADMIN, AIPDA), beside the demo's own roster of Polsek
Pedamaran, whose officers have no accounts (the administrator gives them some in the window).
Its recovery key is printed once (and with --recovery-out FILE.pdf written as the window's
recovery key sheet, app/pdf/recovery_sheet.py). Into an existing store, only an administrator may add demo
data (with --force when it holds records). --accounts gives the Kapolsek, the Ka SPKT I and
one Anggota SPKT of the demo roster accounts (pimpinan, KA SPKT, petugas) with the same
password, to try every role from the command line (app/demo/accounts.py).

Refuses a store that already holds visits, patrols or meetings unless --force: a desk officer
must never mix demo records with real ones by accident. --reports N writes N walk-ins spread
over the weeks instead of the realistic daily rate (the million-record benchmark).
The hidden --today YYYY-MM-DD replaces the store clock's date (tests, reproducible demos).
"""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import (
    add_admin_arguments,
    add_officer_argument,
    add_recovery_out_argument,
    check_recovery_out,
    create_signed_in,
    credentials,
    open_signed_in,
    print_recovery_key,
    write_recovery_out,
)

MAX_WEEKS = 520


def register(subparsers: Any) -> None:
    from app.demo.generator import DEFAULT_SEED, DEFAULT_WEEKS

    parser = subparsers.add_parser(
        "demo", help="isi basis data dengan data contoh Polsek Pedamaran (untuk latihan dan uji)")
    add_db_argument(parser)
    add_officer_argument(parser)
    add_admin_arguments(parser)
    parser.add_argument("--weeks", type=int, default=DEFAULT_WEEKS, metavar="N",
                        help=f"jumlah minggu sampai hari Minggu lalu (bawaan: {DEFAULT_WEEKS})")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, metavar="S",
                        help=f"benih acak; benih yang sama memberi data yang sama (bawaan: "
                             f"{DEFAULT_SEED})")
    parser.add_argument("--reports", type=int, metavar="N",
                        help="buat N kunjungan tersebar di minggu-minggu itu (uji beban), "
                             "bukan jumlah harian yang wajar")
    parser.add_argument("--force", action="store_true",
                        help="tetap isi walaupun basis data sudah berisi catatan")
    parser.add_argument("--accounts", action="store_true",
                        help="beri akun kepada Kapolsek (pimpinan), Ka SPKT I (KA SPKT) dan "
                             "satu Anggota SPKT (petugas) contoh, dengan kata sandi yang sama: "
                             "untuk mencoba setiap peran (hanya basis data contoh)")
    add_recovery_out_argument(parser)
    parser.add_argument("--today", help=argparse.SUPPRESS)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.demo.accounts import give_demo_accounts
    from app.demo.generator import DemoOptions, DemoRefused, Progress, demo_clock, fill_demo
    from app.security.permissions import ROLE_LABELS
    from app.store import InvalidRecord, store_state

    if not 1 <= args.weeks <= MAX_WEEKS:
        raise CliError(f"--weeks harus antara 1 dan {MAX_WEEKS}.")
    if args.reports is not None and args.reports < 1:
        raise CliError("--reports harus 1 atau lebih.")
    today = _parse_today(args.today)
    path = db_path(args)
    options = DemoOptions(weeks=args.weeks, seed=args.seed, today=today, reports=args.reports,
                          force=args.force)
    sim = demo_clock()
    new_store = store_state(path) == "new"
    check_recovery_out(args, new_store=new_store)
    recovery_key = ""
    if new_store:
        store, recovery_key = create_signed_in(args, name=args.name, rank=args.rank, clock=sim)
        print(f"Basis data baru dibuat: {path}; admin pertamanya NRP {store.access.nrp}.")
        print_recovery_key(recovery_key)
    else:
        store = open_signed_in(args, clock=sim)
    try:
        with store:
            summary = fill_demo(store, sim, options, progress=Progress(_say))
            made = give_demo_accounts(store, credentials(args).password) if args.accounts else []
            if recovery_key:  # once the demo's station is in the profile: its letterhead
                write_recovery_out(args, store, recovery_key)
    except DemoRefused as exc:
        raise CliError(_refusal(exc)) from None
    except InvalidRecord as exc:  # a bug of the demo generator, said plainly
        details = "; ".join(f"{getattr(p, 'field', '?')}: {getattr(p, 'message', p)}"
                            for p in exc.problems)
        raise CliError(f"data contoh ditolak validasi ({details}). Laporkan ke pengembang.") from None
    for line in summary.lines():
        print(line)
    for account in made:
        print(f"Akun contoh: NRP {account.nrp} {account.rank} {account.name} "
              f"({ROLE_LABELS[account.role]}), kata sandi sama dengan admin.")
    print(f"Buka jendelanya dengan: scripts/run.sh --db {path} lalu masuk dengan NRP "
          f"{store.access.nrp} dan kata sandi itu.")
    print(f"Periksa keutuhan dengan: piket verify --db {path}")
    return 0


def _say(text: str) -> None:
    print(text, flush=True)


def _parse_today(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CliError(f"--today harus bertanggal TAHUN-BULAN-HARI, misalnya 2024-02-19 "
                       f"(terisi {text!r}).") from None


def _refusal(exc: Any) -> str:
    held = []
    if exc.visits:
        held.append(f"{exc.visits} kunjungan")
    if exc.has_patrols:
        held.append("patroli")
    if exc.has_meetings:
        held.append("pertemuan warga")
    listed = ", ".join(held[:-1]) + " dan " + held[-1] if len(held) > 1 else held[0]
    return ("basis data ini sudah berisi " + listed + ". Data contoh tidak dicampur "
            "dengan catatan nyata. Pakai --db dengan berkas baru, atau --force bila memang "
            "disengaja.")
