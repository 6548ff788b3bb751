"""`piket check-doc`: is a printed document genuine? The code printed under its QR code (or
read from it) is checked against the store (app/documents/verify.py).

    piket check-doc --db PATH [--officer NRP] CODE

Exit 0: genuine (the code was made by this station's store, for a record it holds with that
date, not voided). Exit 1: not matching, or the record was voided since.
"""

from __future__ import annotations

import argparse
from typing import Any

from app.cli.parser import add_db_argument
from app.cli.signin import add_officer_argument, open_signed_in


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "check-doc", help="periksa keaslian dokumen dari kode ceknya",
        description="Periksa kode cek yang tercetak di kaki dokumen (di bawah kode QR) "
                    "terhadap basis data: asli, tidak cocok, atau catatannya sudah dibatalkan.")
    add_db_argument(parser)
    add_officer_argument(parser)
    parser.add_argument("code", nargs="+", metavar="KODE",
                        help="kode cek seperti tercetak, mis. STTLP-B7.2024-20240212-K7M2-QX9P-DA3F")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.documents.verify import check_document

    with open_signed_in(args, read_only=True) as store:
        result = check_document(store, " ".join(args.code))
    for line in result.lines():
        print(line)
    return 0 if result.genuine else 1
