"""`piket info`: where the store is and what it holds."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.parser import add_db_argument, db_path


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("info", help="lokasi dan ringkasan basis data")
    add_db_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print_summary(db_path(args))
    return 0


def print_summary(path: Path) -> None:
    from app.store import Store

    with Store(path) as store:
        profile = store.profile()
        counts = store.summary_counts()
        read_only = store.read_only
    print(f"Basis data : {path}")
    if read_only:
        print("Mode       : hanya-baca (berkas, folder atau flashdisk tidak dapat ditulisi; "
              "perubahan tidak dapat disimpan)")
    print(f"Satuan     : POLSEK {profile.name} / POLRES {profile.polres} / POLDA {profile.polda}")
    for label, value in counts.items():
        print(f"{label:<11}: {value}")
