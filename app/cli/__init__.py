"""The `piket` command. Without a subcommand it opens the window; subcommands work without
a display. Messages are Indonesian; user errors exit non-zero with a message, never a
traceback."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli.parser import Parser
from app.paths import default_db_path

# Each module defines register(subparsers) and sets `func` on its parser.
COMMAND_MODULES = (
    "app.cli.info_cmd",
    "app.cli.verify_cmd",
    "app.cli.demo_cmd",
    "app.cli.csv_cmd",
    "app.cli.weekly_cmd",
    "app.cli.backup_cmd",
)


class CliError(Exception):
    """A user error: printed as is, exit code 1."""


def add_db_argument(parser: argparse.ArgumentParser, *, top: bool = False) -> None:
    """`--db` works before or after the subcommand (`piket --db X demo`, `piket demo --db X`)."""
    parser.add_argument("--db", type=Path, default=None if top else argparse.SUPPRESS,
                        metavar="PATH",
                        help="berkas basis data (bawaan: piket.db di folder data pengguna)")


def db_path(args: argparse.Namespace) -> Path:
    path: Path = args.db or default_db_path()
    if args.db is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    return path


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(prog="piket", description="Piket: aplikasi meja piket SPKT Polsek.")
    add_db_argument(parser, top=True)
    subparsers = parser.add_subparsers(dest="command", metavar="PERINTAH", title="perintah",
                                       parser_class=Parser)
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a command not built yet
                continue
            raise
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    from app.store import NewerSchema, NotAPiketStore, StoreUnavailable

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        if args.command is None:
            return open_window(db_path(args))
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"Kesalahan: {exc}", file=sys.stderr)
        return 1
    except StoreUnavailable as exc:
        print(f"Kesalahan: {store_unavailable_message(exc.reason)} ({exc.detail})",
              file=sys.stderr)
        return 1
    except NotAPiketStore as exc:
        print(f"Kesalahan: berkas ini bukan basis data Piket atau rusak ({exc}).", file=sys.stderr)
        return 1
    except NewerSchema:
        print("Kesalahan: basis data ini dibuat oleh Piket versi yang lebih baru. "
              "Perbarui Piket untuk membukanya.", file=sys.stderr)
        return 1


def store_unavailable_message(reason: str) -> str:
    return {
        "disk_full": "disk penuh, data tidak dapat disimpan",
        "read_only": "berkas basis data hanya-baca atau foldernya tidak dapat ditulisi",
        "missing": "folder basis data tidak ditemukan",
        "locked": "basis data sedang dipakai proses lain terlalu lama",
        "io": "gagal membaca atau menulis disk",
    }.get(reason, "basis data tidak dapat dipakai")


def open_window(path: Path) -> int:
    """Open the main window; say in plain words what is missing when Qt cannot start."""
    try:
        from ui.app import run
    except ImportError as exc:
        from app.cli.info_cmd import print_summary

        print(f"Jendela Piket belum dapat dibuka ({exc}); ringkasan basis data:")
        print_summary(path)
        return 0
    return run(path)


if __name__ == "__main__":
    sys.exit(main())
