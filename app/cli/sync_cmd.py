"""`piket sync ...`: the station's side of the sync to the Polres hub (docs/HUB.md).

    piket sync push --db PATH --hub DSN [--batch N]   send what the hub lacks, over the network
    piket sync bundle --db PATH --out FILE [--all]    the same entries into one file (flash disk)
    piket sync pull --db PATH --hub DSN               master data published by the Polres
    piket sync card --db PATH --out FILE              the station's card for the Polres (keys)

The officer signs in (app/cli/signin.py) as for every command that reads the store.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.parser import add_db_argument
from app.cli.signin import add_officer_argument, open_signed_in


def register(subparsers: Any) -> None:
    sync = subparsers.add_parser("sync", help="kirim jejak audit satuan ke hub Polres")
    commands = sync.add_subparsers(dest="sync_command", metavar="PERINTAH", title="perintah",
                                   required=True)
    push = commands.add_parser("push", help="kirim lewat jaringan ke hub PostgreSQL")
    add_db_argument(push)
    add_officer_argument(push)
    push.add_argument("--hub", required=True, metavar="DSN", help="alamat hub PostgreSQL")
    push.add_argument("--batch", type=int, default=500, metavar="N",
                      help="entri per kiriman (bawaan 500)")
    push.set_defaults(func=run_push)
    bundle = commands.add_parser("bundle", help="tulis berkas bundel terenkripsi (flash disk)")
    add_db_argument(bundle)
    add_officer_argument(bundle)
    bundle.add_argument("--out", required=True, type=Path, metavar="BERKAS")
    bundle.add_argument("--all", action="store_true",
                        help="sertakan seluruh riwayat, bukan hanya sejak bundel terakhir")
    bundle.set_defaults(func=run_bundle)
    pull = commands.add_parser("pull", help="ambil data master yang diterbitkan Polres")
    add_db_argument(pull)
    add_officer_argument(pull)
    pull.add_argument("--hub", required=True, metavar="DSN", help="alamat hub PostgreSQL")
    pull.set_defaults(func=run_pull)
    card = commands.add_parser("card", help="tulis kartu satuan (kunci) untuk didaftarkan di "
                                            "Polres")
    add_db_argument(card)
    add_officer_argument(card)
    card.add_argument("--out", required=True, type=Path, metavar="BERKAS")
    card.set_defaults(func=run_card)


def run_push(args: argparse.Namespace) -> int:
    from app.sync.push import push

    with open_signed_in(args) as store:
        result = push(store, args.hub, batch=max(1, args.batch))
    print(f"Terkirim ke hub: {result.added} entri baru ({result.batches} kiriman); "
          f"hub memegang sampai entri {result.head_id}.")
    return 0


def run_pull(args: argparse.Namespace) -> int:
    from app.cli.signin import signed_in_officer
    from app.sync.pull import pull

    with open_signed_in(args) as store:
        result = pull(store, args.hub, signed_in_officer(store))
    print(f"Data master dari Polres: {result.added['officer']} personel, "
          f"{result.added['law_article']} pasal, {result.added['category']} kategori "
          f"ditambahkan; {result.kept} sudah ada di satuan (tidak diubah)"
          + (f"; {result.skipped} tidak sah (dilewati)" if result.skipped else "") + ".")
    return 0


def run_bundle(args: argparse.Namespace) -> int:
    from app.cli.parser import db_path
    from app.sync.bundle import write_bundle

    path = db_path(args)
    with open_signed_in(args) as store:
        count = write_bundle(store, args.out, everything=args.all, protected=(path,))
    print(f"Bundel ditulis ke {args.out}: {count} entri.")
    return 0


def run_card(args: argparse.Namespace) -> int:
    from app.cli.parser import db_path
    from app.sync.bundle import write_card

    path = db_path(args)
    with open_signed_in(args) as store:
        write_card(store, args.out, protected=(path,))
    print(f"Kartu satuan ditulis ke {args.out}. Serahkan ke Polres lewat jalur yang aman: "
          "kartu ini membuka bundel satuan.")
    return 0
