"""`piket verify`: integrity, foreign keys, audit chain, records against their audit trail;
`--fingerprint` checks a fingerprint printed on a weekly review."""

from __future__ import annotations

import argparse
from typing import Any


def register(subparsers: Any) -> None:
    from app.cli import add_db_argument

    parser = subparsers.add_parser("verify", help="periksa keutuhan basis data dan jejak audit")
    add_db_argument(parser)
    parser.add_argument("--fingerprint", metavar="SIDIK",
                        help="sidik jejak audit yang tercetak di Anev, untuk dicocokkan")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.cli import CliError, db_path
    from app.store import Store

    path = db_path(args)
    if not path.exists():
        raise CliError(f"basis data tidak ditemukan: {path}")
    with Store(path) as store:
        problems = store.verify()
        if args.fingerprint:
            if store.has_audit_hash(args.fingerprint):
                print(f"Sidik {args.fingerprint} cocok dengan jejak audit basis data ini.")
            else:
                problems.append(f"sidik {args.fingerprint} tidak ada dalam jejak audit")
    if problems:
        print(f"Ditemukan {len(problems)} masalah:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    print("Basis data utuh: integritas, kunci asing dan rantai jejak audit baik.")
    return 0
