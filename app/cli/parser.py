"""What every `piket` command shares: argparse speaking Indonesian (usage, help and error
texts; argparse itself is English), the `--db` argument and the user error."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import Any, NoReturn

from app.paths import default_db_path

_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"argumen wajib belum diisi: \1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
     r"argumen \1: pilihan \2 tidak dikenal (pilih dari \3)"),
    (r"argument (\S+): expected one argument", r"argumen \1 butuh satu nilai"),
    (r"argument (\S+): invalid (\w+) value: (.*)", r"argumen \1: nilai \3 tidak sah"),
    (r"unrecognized arguments: (.*)", r"argumen tidak dikenal: \1"),
    (r"ambiguous option: (.*)", r"pilihan ambigu: \1"),
)


def translate_error(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, replacement, message)
    return message


class HelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix="Penggunaan: " if prefix is None
                          else prefix)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose own texts are Indonesian; subparsers are of the same class."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "argumen"
        self._optionals.title = "pilihan"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="tampilkan bantuan ini lalu keluar")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: kesalahan: {translate_error(message)}\n")


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


def open_existing_store(args: argparse.Namespace, **kwargs: Any) -> Any:
    """The store of `--db`, opened by the officer who signs in: the same door as
    app.cli.signin.open_signed_in (kept under this name for commands written before the
    command line signed in; a missing store is an error, never a new empty one)."""
    from app.cli.signin import open_signed_in

    return open_signed_in(args, **kwargs)
