"""`piket import` and `piket export`: CSV files in and out (docs/CSV.md).

The officer signs in (app/cli/signin.py). Import into a path with no store yet creates an
encrypted store whose first administrator is that officer (its recovery key is printed once;
--recovery-out FILE.pdf also writes the recovery key sheet).
Export needs a role that may export (pimpinan); the store refuses the others before any file
is written, and each export is recorded with what it held (kind, period, number of records).

Import is all or nothing: any bad row and nothing is saved; every bad row is listed with
its line, column and reason, and the exit code is 1. Notes (warnings that do not block, such
as an odd NIK) are listed on success.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import (
    add_admin_arguments,
    add_officer_argument,
    add_recovery_out_argument,
    check_recovery_out,
    create_signed_in,
    open_signed_in,
    print_recovery_key,
    signed_in_officer,
    write_recovery_out,
)

KINDS_EXPORT = ("reports", "patrols", "meetings", "register")


def register(subparsers: Any) -> None:
    imp = subparsers.add_parser(
        "import", help="impor laporan dari berkas CSV (semua atau tidak sama sekali)",
        description="Impor laporan dari berkas CSV UTF-8 (pemisah koma atau titik koma). "
                    "Bila satu baris saja salah, tidak ada yang disimpan.")
    add_db_argument(imp)
    imp.add_argument("--kind", required=True, choices=("reports", "register"),
                     help="jenis data: reports (laporan/kunjungan) atau register (tahap dan "
                          "SP2HP LP yang sudah ada, dari ekspor --kind register)")
    imp.add_argument("--check", action="store_true",
                     help="periksa berkas saja, tanpa menyimpan apa pun")
    add_officer_argument(imp)
    add_admin_arguments(imp)
    add_recovery_out_argument(imp)
    imp.add_argument("file", type=Path, metavar="BERKAS.csv", help="berkas CSV yang diimpor")
    imp.set_defaults(func=run_import)

    exp = subparsers.add_parser("export", help="ekspor laporan, patroli, pertemuan atau register "
                                "LP ke CSV (register juga .xlsx)")
    add_db_argument(exp)
    exp.add_argument("--kind", required=True, choices=KINDS_EXPORT,
                     help="jenis data: reports, patrols, meetings atau register (register LP: "
                          "tahap, penyidik, SP2HP)")
    exp.add_argument("--out", required=True, type=Path, metavar="BERKAS.csv",
                     help="berkas yang ditulis (ditimpa bila sudah ada); register: .csv atau "
                          ".xlsx")
    add_officer_argument(exp)
    exp.add_argument("--include-voided", action="store_true",
                     help="sertakan data yang dibatalkan (hanya patrols dan meetings)")
    exp.add_argument("--semicolon", action="store_true",
                     help="pakai titik koma (;) sebagai pemisah, untuk Excel berbahasa Indonesia")
    exp.set_defaults(func=run_export)


def run_import(args: argparse.Namespace) -> int:
    from app.csvio import CsvFileError, import_reports
    from app.store import HelperProcessLost, store_state

    if args.kind == "register":
        return _import_register(args)
    if not args.file.exists():  # before a store is created for it
        raise CliError(f"berkas tidak ditemukan: {args.file}")
    new_store = store_state(db_path(args)) == "new"
    check_recovery_out(args, new_store=new_store)
    if new_store:
        if args.check:  # a check writes nothing: not even a new store
            raise CliError(f"basis data tidak ditemukan: {db_path(args)}. --check memeriksa "
                           "berkas terhadap basis data yang sudah ada (daftar desa, personel).")
        opened, recovery_key = create_signed_in(args, name=args.name, rank=args.rank)
        print(f"Basis data baru dibuat: {db_path(args)}; admin pertamanya NRP "
              f"{opened.access.nrp}.")
        print_recovery_key(recovery_key)
        try:  # the store is made: its sheet now, whatever the file to import holds
            write_recovery_out(args, opened, recovery_key)
        except CliError:
            opened.close()
            raise
    else:
        opened = open_signed_in(args)
    try:
        with opened as store:
            report = import_reports(store, args.file, by=signed_in_officer(store),
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


def _import_register(args: argparse.Namespace) -> int:
    """Stages and SP2HP letters into a store that already holds the LPs."""
    from app.csvio import CsvFileError
    from app.csvio.register_import import import_register
    from app.store import store_state

    if not args.file.exists():
        raise CliError(f"berkas tidak ditemukan: {args.file}")
    if store_state(db_path(args)) == "new":
        raise CliError(f"basis data tidak ditemukan: {db_path(args)}. Impor dulu laporannya "
                       "(--kind reports).")
    try:
        with open_signed_in(args) as store:
            report = import_register(store, args.file, by=signed_in_officer(store),
                                     check_only=args.check)
    except CsvFileError as exc:
        raise CliError(str(exc)) from exc
    if not report.ok:
        print(f"Impor dibatalkan: {len(report.errors)} masalah; tidak ada data yang disimpan.",
              file=sys.stderr)
        for problem in report.errors:
            print(problem.text(), file=sys.stderr)
        return 1
    if args.check:
        print(f"Berkas baik: {report.rows} LP siap diimpor (belum disimpan).")
    else:
        print(f"Berhasil mengimpor tahap dan SP2HP {report.imported} LP.")
    return 0


def run_export(args: argparse.Namespace) -> int:
    from app.csvio import export_meetings, export_patrols, export_reports
    from app.outputs import os_error_text, safe_output_path
    from app.store import Action

    path = db_path(args)
    if args.include_voided and args.kind == "reports":
        raise CliError("--include-voided hanya untuk patrols dan meetings: ekspor laporan "
                       "memakai kolom impor, yang tidak memuat status batal.")
    out: Path = args.out
    if args.kind != "register" and out.suffix.lower() == ".xlsx":
        raise CliError("berkas .xlsx hanya untuk --kind register; jenis lain ditulis sebagai CSV")
    if out.is_dir():
        raise CliError(f"{out} adalah folder; sebutkan nama berkas, misalnya {out / 'data.csv'}")
    if not out.parent.exists():
        raise CliError(f"folder tujuan tidak ditemukan: {out.parent}")
    safe_output_path(out, protected=(path,))  # never over the store, its -wal or a backup
    delimiter = ";" if args.semicolon else ","
    try:
        with open_signed_in(args) as store:
            store.require(Action.EXPORT)  # before anything is read or written
            by = signed_in_officer(store)
            if args.kind == "reports":
                count = export_reports(store, out, by=by, delimiter=delimiter)
                what = f"{count} laporan"
            elif args.kind == "register":
                from app.csvio.register_export import export_register

                count = export_register(store, out, by=by, delimiter=delimiter)
                what = f"register {count} LP"
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
