"""argparse speaking Indonesian: usage, help and error texts (argparse itself is English)."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

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
