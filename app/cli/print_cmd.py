"""`piket print`: one document of one record as a PDF, from the registry of document kinds
(app/documents/registry.py).

    piket print --db PATH --record NUMBER --doc KIND --out FILE.pdf [--officer NRP]

The officer signs in (app/cli/signin.py); a role that may not print is refused before
anything is written. The print is logged in the record's audit trail as the window logs it,
under the signed-in officer, after the file is written. A citizen document is marked
SALINAN as in the window (docs/DOCUMENTS.md): once its original was printed on paper; the
file itself is a PDF output and uses no original up.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import add_officer_argument, open_signed_in, signed_in_officer


def register(subparsers: Any) -> None:
    # the registry is not imported here: it loads the store and the layouts, too much for
    # every start of `piket` (the window too); `piket documents` lists the kinds
    parser = subparsers.add_parser(
        "print", help="cetak satu dokumen sebuah catatan ke berkas PDF",
        description="Cetak satu dokumen sebuah catatan ke PDF. Jenis dokumen dan nomor yang "
                    "diminta masing-masing: lihat `piket documents`.")
    add_db_argument(parser)
    parser.add_argument("--record", required=True, metavar="NOMOR",
                        help="nomor catatan: nomor dokumen laporan (mis. LP/B/7/II/2024/...), "
                             "nomor catatan patroli atau pertemuan, atau minggu (2026-W47)")
    parser.add_argument("--doc", required=True, metavar="JENIS",
                        help="jenis dokumen, mis. sttlp, sktlk, stpp, stpd, patroli, notulen, "
                             "anev (semuanya: piket documents)")
    parser.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf",
                        help="berkas PDF yang ditulis (ditimpa bila sudah ada)")
    add_officer_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.documents.errors import DocumentError
    from app.documents.printing import print_to_file
    from app.documents.registry import KINDS, kind_named
    from app.outputs import os_error_text, safe_output_path
    from app.store import Action

    kind = kind_named(args.doc)
    if kind is None:
        raise CliError(f"jenis dokumen {args.doc!r} tidak dikenal; pilih salah satu: "
                       + ", ".join(k.name for k in KINDS) + ".")
    out: Path = args.out
    if not out.parent.exists():
        raise CliError(f"folder tujuan tidak ditemukan: {out.parent}")
    safe_output_path(out, protected=(db_path(args),))  # before any work: never over the store
    with open_signed_in(args) as store:
        store.require(Action.PRINT)  # refused before the record is even looked up
        by = signed_in_officer(store)
        record = kind.subject.find(store, args.record)
        if record is None:
            raise CliError(f"tidak ada {kind.subject.noun} dengan nomor {args.record.strip()!r}. "
                           f"Untuk {kind.name} tulis {kind.subject.asks_for}.")
        try:
            prepared = print_to_file(store, kind, record, out, by)
        except DocumentError as exc:
            raise CliError(f"{kind.short} tidak dapat dicetak untuk {kind.subject.noun} "
                           f"{kind.subject.number(record)}: {exc}") from None
        except OSError as exc:
            raise CliError(f"PDF tidak dapat ditulis ke {out}: {os_error_text(exc)}") from None
    mark = " (bertanda SALINAN: aslinya sudah dicetak)" if prepared.copy else ""
    print(f"{kind.title} nomor {prepared.number} ditulis ke {out}{mark}")
    print(f"Kode cek dokumen: {prepared.check_code}")
    return 0
