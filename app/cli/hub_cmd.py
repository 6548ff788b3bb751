"""`piket hub ...`: the Polres hub on PostgreSQL (docs/HUB.md).

    piket hub init --dsn DSN                         create or migrate the hub's tables
    piket hub station --dsn DSN --code KODE --role PERAN [--name NAMA]
                                                     a station and its PostgreSQL login role
    piket hub import --dsn DSN FILE                  a bundle (or a station's card) from a flash disk
    piket hub weekly --dsn DSN --week 2024-W07 --out FILE.pdf [--mirror FOLDER]
                                                     the Polres weekly review (every station)
    piket hub mirror --dsn DSN [--mirror FOLDER]     bring every station's mirror up to date
                                                     (after imports, or at night: the review
                                                     then only computes)
    piket hub publish --dsn DSN FILE.json            master data for every station:
                                                     {"officer": [...], "law_article": [...],
                                                      "category": [...]}
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

DSN_HELP = "alamat basis data hub PostgreSQL, misalnya \"host=10.0.0.5 dbname=piket user=polres\""
MIRROR_HELP = ("folder cermin data satuan di Polres (bawaan: folder cache pengguna, menurut "
               "identitas hub)")


def register(subparsers: Any) -> None:
    hub = subparsers.add_parser("hub", help="hub Polres (PostgreSQL): buat, satuan, impor")
    commands = hub.add_subparsers(dest="hub_command", metavar="PERINTAH", title="perintah",
                                  required=True)
    init = commands.add_parser("init", help="buat atau perbarui tabel hub")
    init.add_argument("--dsn", required=True, help=DSN_HELP)
    init.set_defaults(func=run_init)
    station = commands.add_parser("station", help="daftarkan satuan (Polsek) dan peran "
                                                  "PostgreSQL-nya")
    station.add_argument("--dsn", required=True, help=DSN_HELP)
    station.add_argument("--code", required=True, metavar="KODE", help="kode satuan (profil)")
    station.add_argument("--role", required=True, metavar="PERAN",
                         help="nama peran login PostgreSQL satuan itu")
    station.add_argument("--name", default="", metavar="NAMA", help="nama satuan")
    station.set_defaults(func=run_station)
    imp = commands.add_parser("import", help="terapkan berkas bundel (atau kartu satuan)")
    imp.add_argument("--dsn", required=True, help=DSN_HELP)
    imp.add_argument("file", type=Path, metavar="BERKAS")
    imp.set_defaults(func=run_import)
    weekly = commands.add_parser("weekly", help="rekap mingguan Polres (semua satuan), PDF")
    weekly.add_argument("--dsn", required=True, help=DSN_HELP)
    weekly.add_argument("--week", required=True, metavar="TAHUN-Wnn",
                        help="minggu yang direkap, misalnya 2024-W07")
    weekly.add_argument("--out", required=True, type=Path, metavar="BERKAS.pdf")
    weekly.add_argument("--paper", choices=("a4", "f4"), type=str.lower, default="a4")
    weekly.add_argument("--mirror", type=Path, metavar="FOLDER", help=MIRROR_HELP)
    weekly.set_defaults(func=run_weekly)
    mirror = commands.add_parser("mirror", help="perbarui cermin data semua satuan (setelah "
                                                "impor atau malam hari)")
    mirror.add_argument("--dsn", required=True, help=DSN_HELP)
    mirror.add_argument("--mirror", type=Path, metavar="FOLDER", help=MIRROR_HELP)
    mirror.set_defaults(func=run_mirror)
    pub = commands.add_parser("publish", help="terbitkan data master (JSON) untuk semua satuan")
    pub.add_argument("--dsn", required=True, help=DSN_HELP)
    pub.add_argument("file", type=Path, metavar="BERKAS.json")
    pub.set_defaults(func=run_publish)


def run_init(args: argparse.Namespace) -> int:
    from app.hub.connect import connect, hub_errors
    from app.hub.schema import migrate

    with hub_errors(), connect(args.dsn) as conn:
        applied = migrate(conn)
    if applied:
        print(f"Hub siap; pembaruan tabel diterapkan: {', '.join(applied)}")
    else:
        print("Hub sudah mutakhir; tidak ada yang diubah.")
    return 0


def run_station(args: argparse.Namespace) -> int:
    from app.hub.connect import connect, hub_errors
    from app.hub.roles import add_station

    with hub_errors(), connect(args.dsn) as conn:
        add_station(conn, args.code, args.role, args.name)
    print(f"Satuan {args.code} terdaftar dengan peran PostgreSQL {args.role}.")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from app.cli.parser import CliError
    from app.hub.connect import connect, hub_errors
    from app.sync.bundle import import_file

    if not args.file.is_file():
        raise CliError(f"berkas tidak ditemukan: {args.file}")
    with hub_errors(), connect(args.dsn) as conn:
        print(import_file(conn, args.file.read_bytes()))
    return 0


def run_publish(args: argparse.Namespace) -> int:
    import json

    from app.cli.parser import CliError
    from app.hub.connect import connect, hub_errors
    from app.hub.published import PUBLISHED_KINDS, publish

    try:
        data = json.loads(args.file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CliError(f"berkas JSON tidak dapat dibaca: {args.file}") from None
    if not isinstance(data, dict) or set(data) - set(PUBLISHED_KINDS):
        raise CliError("isi berkas harus objek JSON dengan kunci " + ", ".join(PUBLISHED_KINDS))
    counts = []
    with hub_errors(), connect(args.dsn) as conn:
        for kind, items in data.items():
            field = PUBLISHED_KINDS[kind]
            if not isinstance(items, list) or not all(
                    isinstance(i, dict) and str(i.get(field, "")).strip() for i in items):
                raise CliError(f"{kind}: setiap entri harus objek dengan {field}")
            counts.append(f"{publish(conn, kind, items)} {kind}")
    print(f"Diterbitkan untuk semua satuan: {', '.join(counts) or 'tidak ada'}.")
    return 0


def run_mirror(args: argparse.Namespace) -> int:
    import time

    from app.cli.parser import CliError
    from app.clock import utc_now
    from app.hub.connect import connect, hub_errors
    from app.hub.mirror import Mirrors
    from app.outputs import os_error_text
    from app.textid import format_number

    with hub_errors(), connect(args.dsn) as conn:
        try:
            mirrors = Mirrors(conn, utc_now, args.mirror)
            codes = mirrors.codes()
            for code in codes:
                started = time.perf_counter()
                done = mirrors.refresh(code)
                seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
                if done.built:
                    what = f"dibangun dari awal, {format_number(done.records)} catatan"
                elif done.records:
                    what = f"diperbarui, {format_number(done.records)} catatan berubah"
                else:
                    what = "sudah terbaru"
                print(f"{code}: {what} ({seconds} detik)", flush=True)
        except OSError as exc:  # the mirror's folder (its path is the user's, no personal data)
            raise CliError(f"folder cermin data satuan tidak dapat ditulis: "
                           f"{os_error_text(exc)}") from None
    print(f"Cermin data {len(codes)} satuan terbaru di {mirrors.folder}.")
    return 0


def run_weekly(args: argparse.Namespace) -> int:
    from app.cli.parser import CliError
    from app.clock import utc_now
    from app.hub.connect import connect, hub_errors
    from app.hub.pdf import render_polres_pdf
    from app.hub.weekly import polres_week
    from app.outputs import os_error_text, safe_output_path
    from app.weekly.week import WeekFormatError

    if not args.out.parent.exists():
        raise CliError(f"folder tujuan tidak ditemukan: {args.out.parent}")
    safe_output_path(args.out)
    with hub_errors(), connect(args.dsn) as conn:
        try:
            week = polres_week(conn, args.week, utc_now(), folder=args.mirror)
        except WeekFormatError as exc:
            raise CliError(str(exc)) from None
        except OSError as exc:  # the mirror's folder (its path is the user's, no personal data)
            raise CliError(f"folder cermin data satuan tidak dapat ditulis: "
                           f"{os_error_text(exc)}") from None
    try:
        render_polres_pdf(week, args.out, paper=args.paper)
    except OSError as exc:
        raise CliError(f"PDF tidak dapat ditulis ke {args.out}: {os_error_text(exc)}") from None
    print(f"Rekap mingguan Polres {week.label}: {len(week.lines)} satuan, ditulis ke {args.out}")
    return 0
