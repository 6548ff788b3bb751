"""`piket documents`: the kinds of document Piket prints, and with --sample one PDF of each.

    piket documents                       the registered kinds
    piket documents --sample --out DIR [--db PATH --officer NRP]

--sample renders one document of every kind into DIR (sttlp.pdf, sktlk.pdf, ...) from the
newest fitting record of the store, and prints an index. Without --db a small demo store is
made for it in a private temporary folder and removed afterwards (made-up data: no one signs
in to it). With --db the officer signs in (app/cli/signin.py), and every document is logged in
the audit trail like any print (they may hold personal data).
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument
from app.cli.signin import add_officer_argument, open_private_demo, open_signed_in


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "documents", help="daftar jenis dokumen; --sample: contoh PDF setiap jenis")
    add_db_argument(parser)
    add_officer_argument(parser)
    parser.add_argument("--sample", action="store_true",
                        help="buat satu PDF contoh untuk setiap jenis dokumen")
    parser.add_argument("--out", type=Path, metavar="FOLDER",
                        help="folder tujuan PDF contoh (dibuat bila belum ada)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.documents.registry import KINDS

    if not args.sample:
        if args.out is not None:
            raise CliError("--out hanya dipakai bersama --sample.")
        print("Jenis dokumen (piket print --doc JENIS --record NOMOR):")
        for kind in KINDS:
            print(f"  {kind.name:<9} {kind.title}; --record: {kind.subject.asks_for}")
        return 0
    if args.out is None:
        raise CliError("--sample butuh --out FOLDER (tempat PDF contoh ditulis).")
    out: Path = args.out
    if out.exists() and not out.is_dir():
        raise CliError(f"--out harus sebuah folder: {out}")
    if not out.parent.exists():
        raise CliError(f"folder induk tidak ditemukan: {out.parent}")
    if args.db is not None:
        opened = open_signed_in(args)  # before anything is written
        out.mkdir(exist_ok=True)
        return _samples(opened, out)
    out.mkdir(exist_ok=True)
    return _samples_from_demo(args, out)


def _samples_from_demo(args: argparse.Namespace, out: Path) -> int:
    from app.documents.sample import make_demo_store
    from app.outputs import private_temp_dir

    folder = private_temp_dir("piket-contoh-")
    try:
        print("Membuat basis data contoh sementara ...", flush=True)
        demo = make_demo_store(folder)
        return _samples(open_private_demo(demo), out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _samples(opened: Any, out: Path) -> int:
    from app.documents.sample import render_samples
    from app.outputs import os_error_text

    with opened as store:
        try:
            entries = render_samples(store, out, store.access.officer_id)
        except OSError as exc:
            raise CliError(f"PDF contoh tidak dapat ditulis ke {out}: {os_error_text(exc)}") from None
    print(f"Contoh dokumen di {out}:")
    width = max(len(e.kind.title) for e in entries)
    for e in entries:
        if e.path is None:
            print(f"  {e.kind.title:<{width}}  (tidak ada catatan yang cocok untuk contoh)")
            continue
        mark = ", SALINAN" if e.copy else ""
        print(f"  {e.kind.title:<{width}}  {e.path.name:<12} nomor {e.number}{mark}")
    missing = [e for e in entries if e.path is None]
    return 1 if missing else 0
