"""`piket import` and `piket export`: CSV files in and out (docs/CSV.md).

Import is all or nothing: any bad row and nothing is saved; every bad row is listed with
its line, column and reason, and the exit code is 1. Notes (warnings that do not block, such
as an odd NIK) are listed on success.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, add_officer_argument, db_path, officer_id

KINDS_EXPORT = ("reports", "patrols", "meetings")


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="impor laporan dari berkas CSV (semua atau tidak sama sekali)",
        description="Impor laporan dari berkas CSV UTF-8 (pemisah koma atau titik koma). "
                    "Bila satu baris saja salah, tidak ada yang disimpan.")
    add_db_argument(imp)
    imp.add_argument("--kind", required=True, choices=("reports",),
                     help="jenis data: reports (laporan/kunjungan)")
    imp.add_argument("--check", action="store_true",
                     help="periksa berkas saja, tanpa menyimpan apa pun")
    add_officer_argument(imp)
    imp.add_argument("file", type=Path, metavar="BERKAS.csv", help="berkas CSV yang diimpor")
    imp.set_defaults(func=run_import)

    exp = subparsers.add_parser("export", help="ekspor laporan, patroli atau pertemuan ke CSV")
    add_db_argument(exp)
    exp.add_argument("--kind", required=True, choices=KINDS_EXPORT,
                     help="jenis data: reports, patrols atau meetings")
    exp.add_argument("--out", required=True, type=Path, metavar="BERKAS.csv",
                     help="berkas CSV yang ditulis (ditimpa bila sudah ada)")
    add_officer_argument(exp)
    exp.add_argument("--include-voided", action="store_true",
                     help="sertakan data yang dibatalkan (hanya patrols dan meetings)")
    exp.add_argument("--semicolon", action="store_true",
                     help="pakai titik koma (;) sebagai pemisah, untuk Excel berbahasa Indonesia")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    from app.csvio import CsvFileError, import_reports
    from app.store import HelperProcessLost, Store

    path = db_path(args)
    try:
        with Store(path) as store:
            report = import_reports(store, args.file, by=officer_id(store, args.officer),
                                    check_only=args.check)
    except (CsvFileError, HelperProcessLost) as exc:
        raise CliError(str(exc)) from exc
    if not report.ok:
        bad_lines = len({p.line for p in report.errors})
        print(f"Impor dibatalkan: {len(report.errors)} masalah di {bad_lines} baris; "
              "tidak ada data yang disimpan.", file=sys.stderr)
        for problem in report.errors:
            print(problem.text(), file=sys.stderr)
        return 1
    for note in report.notes:
        print(f"Catatan: {note.text()}")
    if args.check:
        print(f"Berkas baik: {report.rows} laporan siap diimpor (belum disimpan).")
    else:
        print(f"Berhasil mengimpor {report.imported} laporan.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.csvio import export_meetings, export_patrols, export_reports
    from app.outputs import os_error_text, safe_output_path
    from app.store import Store

    path = db_path(args)
    if not path.exists():
        raise CliError(f"basis data tidak ditemukan: {path}")
    if args.include_voided and args.kind == "reports":
        raise CliError("--include-voided hanya untuk patrols dan meetings: ekspor laporan "
                       "memakai kolom impor, yang tidak memuat status batal.")
    out: Path = args.out
    if out.is_dir():
        raise CliError(f"{out} adalah folder; sebutkan nama berkas, misalnya {out / 'data.csv'}")
    if not out.parent.exists():
        raise CliError(f"folder tujuan tidak ditemukan: {out.parent}")
    safe_output_path(out, protected=(path,))  # never over the store, its -wal or a backup
    delimiter = ";" if args.semicolon else ","
    try:
        with Store(path) as store:
            by = officer_id(store, args.officer)
            if args.kind == "reports":
                count = export_reports(store, out, by=by, delimiter=delimiter)
                what = f"{count} laporan"
            elif args.kind == "patrols":
                records, rows = export_patrols(store, out, include_voided=args.include_voided,
                                               by=by, delimiter=delimiter)
                what = f"{records} patroli ({rows} baris)"
            else:
                records, rows = export_meetings(store, out, include_voided=args.include_voided,
                                                by=by, delimiter=delimiter)
                what = f"{records} pertemuan ({rows} baris)"
    except PermissionError as exc:
        raise CliError(f"berkas tidak dapat ditulis (tidak ada izin): {out}") from exc
    except OSError as exc:
        raise CliError(f"berkas tidak dapat ditulis: {out} ({os_error_text(exc)}); "
                       "tidak ada berkas setengah jadi yang tertinggal") from exc
    print(f"Berhasil mengekspor {what} ke {out}.")
    return 0
