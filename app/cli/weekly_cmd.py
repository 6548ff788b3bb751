"""`piket weekly`: the Kapolsek's weekly review (Anev mingguan) as a PDF.

    piket weekly --db PATH [--week 2024-W07] [--out FILE.pdf] [--paper a4|f4] [--record-print]

Without --week: the last complete week by the store's clock. Without --out: anev-<week>.pdf
in the current folder.

Printing is a processing activity (UU PDP), and the desk app logs every print it makes. This
command, by default, does not: a print entry is an audit entry, it would change the audit
fingerprint the next review prints, and two runs over the same store and week must give
byte-identical files (that is how a Polres checks a review it received against the store).
--record-print logs the print after the file is written (the file itself still carries the
fingerprint taken before), for when the command is used to hand out a review.
"""

from __future__ import annotations

import argparse
import io
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("weekly", help="buat PDF Anev mingguan (analisa dan evaluasi)")
    add_db_argument(parser)
    parser.add_argument("--week", metavar="TAHUN-Wnn",
                        help="minggu yang direkap, misalnya 2024-W07 (bawaan: minggu lengkap "
                             "terakhir)")
    parser.add_argument("--out", type=Path, metavar="BERKAS.pdf",
                        help="berkas PDF hasil (bawaan: anev-<minggu>.pdf di folder ini)")
    parser.add_argument("--paper", choices=("a4", "f4"), type=str.lower,
                        help="ukuran kertas (bawaan: pengaturan satuan)")
    parser.add_argument("--record-print", action="store_true",
                        help="catat pencetakan ini di jejak audit (sesudah PDF dibuat)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.documents.printing import check_code
    from app.documents.registry import WEEKLY_REVIEW
    from app.outputs import os_error_text, safe_output_path, write_bytes
    from app.store import Store
    from app.weekly.figures import compute_weekly, default_week, station_week
    from app.weekly.pdf import (
        FINGERPRINT_HINT,
        FINGERPRINT_LABEL,
        fingerprint_text,
        render_weekly_pdf,
    )
    from app.weekly.week import WeekFormatError

    path = db_path(args)
    if not path.exists():
        raise CliError(f"basis data tidak ditemukan: {path}")
    with Store(path) as store:
        profile = store.profile()
        try:
            week = (station_week(profile, args.week) if args.week
                    else default_week(profile, store.clock()))
        except WeekFormatError as exc:
            raise CliError(str(exc)) from None
        out: Path = args.out or Path(f"anev-{week.label}.pdf")
        if not out.parent.exists():
            raise CliError(f"folder tujuan tidak ditemukan: {out.parent}")
        safe_output_path(out, protected=(path,))  # before any work: never over the store
        figures = compute_weekly(store, week)
        buffer = io.BytesIO()
        render_weekly_pdf(figures, buffer, paper=args.paper,
                          check_code=check_code(store, WEEKLY_REVIEW, week))
        try:
            write_bytes(out, buffer.getvalue(), protected=(path,))
        except OSError as exc:
            raise CliError(f"PDF tidak dapat ditulis ke {out}: {os_error_text(exc)}") from None
        if args.record_print:
            store.record_activity("print", "weekly", None, None, detail=week.label)
    print(f"Anev mingguan {week.label}, {week.police_title} ({week.title}) ditulis ke {out}")
    print(f"{FINGERPRINT_LABEL}: {fingerprint_text(figures)}")
    print(f"  ({FINGERPRINT_HINT})")
    return 0
