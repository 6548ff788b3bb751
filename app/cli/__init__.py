"""The `piket` command's subcommands, which work without a display. Messages are Indonesian;
user errors exit non-zero with a message, never a traceback. An unexpected error is written
to the error log the window uses too (app.errorlog: piket-error.log in the data folder) and
told in one Indonesian sentence with that file's path. Every command that reads or writes
a store's contents signs in first (app/cli/signin.py: PIKET_OFFICER or --officer, and
PIKET_PASSWORD or a prompt on the terminal); a refused sign-in or a role that may not do it
exits 1. Without a subcommand the window opens: the opener is handed in by the entry point on
the ui side (ui/app.py:main), since `app` never imports `ui`; without one where the store is
(and whether it is encrypted) is printed instead."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.cli import (
    backup_cmd,
    checkdoc_cmd,
    csv_cmd,
    demo_cmd,
    documents_cmd,
    encrypt_cmd,
    hub_cmd,
    info_cmd,
    journal_cmd,
    print_cmd,
    sync_cmd,
    verify_cmd,
    weekly_cmd,
)
from app.cli.parser import CliError, Parser, add_db_argument, db_path
from app.errorlog import LOG, error_log_path, install_log, log_exception

# Each module defines register(subparsers) and sets `func` on its parser.
COMMANDS = (info_cmd, verify_cmd, demo_cmd, csv_cmd, weekly_cmd, backup_cmd, print_cmd,
            documents_cmd, checkdoc_cmd, encrypt_cmd, journal_cmd, sync_cmd, hub_cmd)

WindowOpener = Callable[[Path], int]
"""Opens the window on the store at a path and returns the exit code."""


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="piket", description="Piket: aplikasi meja piket SPKT Polsek.")
    add_db_argument(parser, top=True)
    subparsers = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah",
                                       parser_class=Parser)
    for command in COMMANDS:
        command.register(subparsers)
    return parser


EXIT_UNEXPECTED = 70  # EX_SOFTWARE of sysexits.h: an internal error, not the user's


def main(argv: Sequence[str] | None = None, *, open_window: WindowOpener | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    install_log(error_log_path().with_name(LOG))  # e.g. leftovers removed at open
    try:
        return _run(args, open_window)
    except KeyboardInterrupt:
        print("Dihentikan (Ctrl+C).", file=sys.stderr)
        return 130
    except Exception:  # noqa: BLE001 (the last resort: logged, told in one sentence)
        print(unexpected_error_message(sys.exc_info()), file=sys.stderr)
        return EXIT_UNEXPECTED


def _run(args: argparse.Namespace, open_window: WindowOpener | None) -> int:
    from app.hub import HubError
    from app.outputs import OutputRefused
    from app.store import (
        DamagedStore,
        NewerSchema,
        NotAPiketStore,
        PermissionDenied,
        SignInFailed,
        StoreUnavailable,
        SyncUnavailable,
    )

    try:
        if args.command is None:
            return (open_window or print_summary_instead)(db_path(args))
        return int(args.func(args) or 0)
    except (CliError, OutputRefused, PermissionDenied, SignInFailed, HubError,
            SyncUnavailable) as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return 1
    except StoreUnavailable as exc:
        print(f"Kesalahan: {store_unavailable_message(exc.reason)} ({exc.detail})",
              file=sys.stderr)
        return 1
    except DamagedStore:
        from app.backup.rescue import damaged_store_advice
        from app.cli.signin import damaged_store_key

        advice = damaged_store_advice(db_path(args), key=damaged_store_key(args))
        print(f"Kesalahan: {advice}", file=sys.stderr)
        return 1
    except NotAPiketStore as exc:
        print(f"Kesalahan: berkas ini bukan basis data Piket atau rusak ({exc}).", file=sys.stderr)
        return 1
    except NewerSchema:
        print("Kesalahan: basis data ini dibuat oleh Piket versi yang lebih baru. "
              "Perbarui Piket untuk membukanya.", file=sys.stderr)
        return 1


def unexpected_error_message(info: Any) -> str:
    """Log the traceback; the message names no data (an exception's text may hold some)."""
    log = error_log_path()
    text = ("Kesalahan: terjadi kesalahan yang tidak terduga; perintah tidak selesai. Data yang "
            "sudah disimpan tetap aman.")
    if log_exception(log, info):
        return f"{text}\nRincian teknisnya dicatat di berkas ini (serahkan kepada admin):\n{log}"
    return f"{text}\nRinciannya juga tidak dapat dicatat di {log}."


def store_unavailable_message(reason: str) -> str:
    return {
        "disk_full": "disk penuh, data tidak dapat disimpan",
        "read_only": "berkas basis data hanya-baca atau foldernya tidak dapat ditulisi",
        "missing": "folder basis data tidak ditemukan",
        "locked": "basis data sedang dipakai proses lain terlalu lama",
        "io": "gagal membaca atau menulis disk",
    }.get(reason, "basis data tidak dapat dipakai")


def print_summary_instead(path: Path) -> int:
    """What `piket` without a subcommand does when no window can be opened from here."""
    print("Jendela Piket tidak dibuka dari sini; basis datanya:")
    info_cmd.print_location(path)
    return 0
