"""`piket journal`: the buku mutasi of one shift and its handover sheet, as a PDF.

    piket journal --db PATH [--officer NRP] [--date YYYY-MM-DD] [--out FILE.pdf]
                  [--record-print]

The officer signs in (app/cli/signin.py) with a role that may print (the desk, the leaders).

--date is the day the shift starts (08.00 that day to 08.00 the next, by the station's shift
settings); without it, the last shift that has ended by the store's clock. Without --out:
mutasi-<date>.pdf in the current folder. Like `piket weekly`, the print is logged only with
--record-print (two runs over the same store give the same file); without it the store is
opened for reading only."""

from __future__ import annotations

import argparse
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import add_officer_argument, open_signed_in, signed_in_officer


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("journal", help="buat PDF buku mutasi dan serah terima dinas")
    add_db_argument(parser)
    add_officer_argument(parser)
    parser.add_argument("--date", metavar="TTTT-BB-HH",
                        help="tanggal mulai dinas, misalnya 2024-02-14 (bawaan: dinas terakhir "
                             "yang sudah selesai)")
    parser.add_argument("--out", type=Path, metavar="BERKAS.pdf",
                        help="berkas PDF hasil (bawaan: mutasi-<tanggal>.pdf di folder ini)")
    parser.add_argument("--record-print", action="store_true",
                        help="catat pencetakan ini di jejak audit (sesudah PDF dibuat)")
    parser.set_defaults(func=run)


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CliError(f"tanggal tidak sah: {text} (tulis TTTT-BB-HH, misalnya 2024-02-14)") \
            from None


def run(args: argparse.Namespace) -> int:
    from app.domain.models import Officer
    from app.journal.pdf import render_journal_pdf
    from app.outputs import os_error_text, safe_output_path, write_bytes
    from app.store import Action

    path = db_path(args)
    with open_signed_in(args, read_only=not args.record_print) as store:
        store.require(Action.PRINT)
        day = (parse_day(args.date) if args.date
               else store.duty.shift_at(store.clock()).day - timedelta(days=1))
        out: Path = args.out or Path(f"mutasi-{day.isoformat()}.pdf")
        if not out.parent.exists():
            raise CliError(f"folder tujuan tidak ditemukan: {out.parent}")
        safe_output_path(out, protected=(path,))
        journal = store.duty.journal(store.duty.shift_on(day))
        officers = {o.id: o for o in store.master.list(Officer) if o.id is not None}
        import io

        buffer = io.BytesIO()
        render_journal_pdf(journal, profile=store.profile(), officers=officers, out=buffer,
                           check_code=journal_check_code(store, day))
        try:
            write_bytes(out, buffer.getvalue(), protected=(path,))
        except OSError as exc:
            raise CliError(f"PDF tidak dapat ditulis ke {out}: {os_error_text(exc)}") from None
        if args.record_print:
            store.record_activity("print", "mutasi", signed_in_officer(store), None,
                                  detail=f"MUTASI {day}")
    state = "sudah" if journal.handover is not None else "belum"
    print(f"Buku mutasi dinas {day.isoformat()} ({len(journal.events)} catatan, {state} "
          f"diserahterimakan) ditulis ke {out}")
    return 0


def journal_check_code(store: Any, day: date) -> str:
    """The check code of the shift's sheet (app/documents: kind MUTASI, reference the day)."""
    from app.documents.printing import check_code
    from app.documents.registry import JOURNAL_SHEET

    return check_code(store, JOURNAL_SHEET, store.duty.shift_on(day))
