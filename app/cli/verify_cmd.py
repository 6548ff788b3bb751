"""`piket verify`: integrity, foreign keys, audit chain, records against their audit trail;
`--fingerprint` checks a fingerprint printed on a weekly review; `--backups` also checks the
newest backup (integrity, Piket schema, and the same checks on a temporary copy of it)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from app.cli.parser import add_db_argument, db_path
from app.cli.signin import add_officer_argument, damaged_store_key, open_signed_in


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("verify", help="periksa keutuhan basis data dan jejak audit")
    add_db_argument(parser)
    add_officer_argument(parser)
    parser.add_argument("--fingerprint", metavar="KODE",
                        help="kode pemeriksaan keaslian yang tercetak di Anev, untuk dicocokkan")
    parser.add_argument("--backups", action="store_true",
                        help="periksa juga cadangan terbaru di folder cadangan")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from app.store import DamagedStore

    path = db_path(args)
    try:
        store = open_signed_in(args)
    except DamagedStore as exc:
        return _report_damaged(args, path, exc, getattr(args, "backups", False))
    with store:
        if store.read_only:
            print("Basis data dibuka hanya-baca (tidak dapat ditulisi); pemeriksaan tetap jalan.")
        problems = store.verify()
        if args.fingerprint:
            if store.has_audit_hash(args.fingerprint):
                print(f"Kode pemeriksaan keaslian {args.fingerprint} cocok: data yang mendasari "
                      "Anev itu tidak diubah sejak kode itu dibuat.")
            else:
                problems.append(f"kode pemeriksaan keaslian {args.fingerprint} tidak ada dalam "
                                "catatan perubahan basis data ini")
        if getattr(args, "backups", False):
            problems.extend(_check_newest_backup(store))
    if problems:
        print(f"Ditemukan {len(problems)} masalah:")
        for problem in problems:
            print(f"- {problem}")
        return 1
    print("Basis data utuh: integritas, kunci asing dan rantai jejak audit baik.")
    return 0


def _check_newest_backup(store: Any) -> list[str]:
    from app.backup import BackupFailed, inspect_backup, newest_backup
    from app.backup.messages import backup_failure_text, restore_refusal_text
    from app.backup.service import backup_folder
    from app.textid import format_datetime_long, to_local

    folder, is_default = backup_folder(store)
    profile = store.profile()
    try:
        newest = newest_backup(folder, profile.code)
    except BackupFailed as exc:
        if is_default and exc.reason == "missing_dir":
            return [f"cadangan: belum ada cadangan di {folder}"]
        return [f"cadangan: {backup_failure_text(exc)} ({folder})"]
    if newest is None:
        return [f"cadangan: belum ada cadangan di {folder}"]
    when = format_datetime_long(to_local(newest.taken_at, profile.timezone),
                                profile.tz_abbreviation)
    check = inspect_backup(newest.path, store.data_key)  # an encrypted store's backup is too
    if not check.ok:
        return [f"cadangan terbaru {newest.path.name}: {restore_refusal_text(check.problem or '')}"]
    print(f"Cadangan terbaru: {newest.path} ({when}) utuh dan dapat dipulihkan.")
    return [f"cadangan terbaru {newest.path.name}: {p}" for p in check.audit_problems]


def _report_damaged(args: argparse.Namespace, path: Path, error: Exception,
                    backups: bool) -> int:
    """The store itself is damaged: say so, and with --backups go on to check the backups
    (newest down to the first good one) and name the restore command."""
    from app.backup.messages import restore_refusal_text
    from app.backup.rescue import damaged_store_advice, find_rescue

    problems = [f"basis data rusak: {error}"]
    rescue = find_rescue(path, damaged_store_key(args))
    if backups:
        if not rescue.candidates.backups:
            problems.append("cadangan: belum ada cadangan di " + ", ".join(
                str(f) for f in rescue.candidates.folders))
        for info, check in rescue.checked:
            if check.ok:
                print(f"Cadangan {info.path} utuh dan dapat dipulihkan.")
                problems += [f"cadangan {info.path.name}: {p}" for p in check.audit_problems]
            else:
                problems.append(f"cadangan {info.path.name}: "
                                f"{restore_refusal_text(check.problem or '')}")
    print(f"Ditemukan {len(problems)} masalah:")
    for problem in problems:
        print(f"- {problem}")
    print(damaged_store_advice(path, rescue))
    return 1
