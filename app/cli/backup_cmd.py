"""`piket backup` (make a checked backup, rotate old ones, or list them) and `piket restore`
(check a backup, keep the current store aside, put the backup in its place).

Both sign in (app/cli/signin.py) and need a role that may back up or restore (admin). A
restore onto a store that does not open (missing, damaged, its key file lost) takes the
password against the key slots kept beside the backup instead (signin.restore_key)."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path
from typing import Any

from app.cli.parser import CliError, add_db_argument, db_path
from app.cli.signin import add_officer_argument, open_signed_in, restore_key, signed_in_officer


def register(subparsers: Any) -> None:
    backup = subparsers.add_parser(
        "backup", help="buat cadangan basis data (diperiksa, dirotasi)",
        description="Membuat cadangan dengan API cadangan SQLite, memeriksanya, lalu menghapus "
                    "cadangan lama: disimpan yang terbaru tiap hari (14 hari terakhir) dan tiap "
                    "minggu (8 minggu terakhir).")
    add_db_argument(backup)
    add_officer_argument(backup)
    backup.add_argument("--to", type=Path, metavar="FOLDER",
                        help="folder cadangan (bawaan: folder di Pengaturan, atau 'backups' di "
                             "samping basis data)")
    backup.add_argument("--list", action="store_true", help="hanya tampilkan cadangan yang ada")
    backup.set_defaults(func=run_backup)

    restore = subparsers.add_parser(
        "restore", help="pulihkan basis data dari berkas cadangan",
        description="Memeriksa cadangan (integritas, versi skema Piket), menyimpan basis data "
                    "sekarang dengan nama bercap waktu, lalu menggantinya dengan cadangan.")
    add_db_argument(restore)
    add_officer_argument(restore)
    restore.add_argument("--from", dest="source", type=Path, required=True, metavar="BERKAS",
                         help="berkas cadangan (mis. piket-PEDAMARAN-20261128T140512Z.db)")
    restore.add_argument("--check", action="store_true",
                         help="hanya periksa berkas cadangan, jangan pulihkan")
    restore.add_argument("--force", action="store_true",
                         help="pulihkan juga bila jejak audit cadangan tidak utuh (data diubah "
                              "di luar Piket); tanpa ini pemulihan seperti itu ditolak")
    restore.set_defaults(func=run_restore)


def run_backup(args: argparse.Namespace) -> int:
    from app.backup import BackupFailed, list_backups
    from app.backup.messages import backup_failure_text, size_text
    from app.backup.service import backup_folder, backup_store
    from app.store import Action

    path = db_path(args)
    if args.to is not None and args.to.exists() and not args.to.is_dir():
        raise CliError(f"--to harus sebuah folder, bukan berkas: {args.to} tidak diubah"
                       + (" (itu basis data Piket yang dipakai)." if _same_file(args.to, path)
                          else "."))
    with open_signed_in(args) as store:
        store.require(Action.BACKUP)
        profile = store.profile()
        if args.list:
            folder = args.to or backup_folder(store)[0]
            try:
                found = list_backups(folder, profile.code)
            except BackupFailed as exc:
                raise CliError(f"{backup_failure_text(exc)}: {folder}") from exc
            print(f"Folder cadangan: {folder}")
            if not found:
                print("Belum ada cadangan.")
            for item in found:
                when = _when(item.taken_at, profile.timezone, profile.tz_abbreviation)
                print(f"  {when}  {size_text(item.size):>9}  {item.path.name}")
            return 0
        try:
            outcome = backup_store(store, signed_in_officer(store), to=args.to)
        except BackupFailed as exc:
            raise CliError(f"cadangan gagal: {backup_failure_text(exc)} ({exc.detail})") from exc
    info = outcome.info
    print(f"Cadangan dibuat: {info.path} ({size_text(info.size)}), diperiksa: utuh.")
    if outcome.deleted:
        print(f"Rotasi: {len(outcome.deleted)} cadangan lama dihapus.")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    from app.backup import RestoreRefused, inspect_backup, restore_store
    from app.backup.messages import restore_refusal_text
    from app.backup.service import record_restore

    path = db_path(args)
    source: Path = args.source
    opened = restore_key(args, source)
    if args.check:
        check = inspect_backup(source, opened.key)
        if not check.ok:
            raise CliError(f"cadangan ditolak: {restore_refusal_text(check.problem or '')} "
                           f"({check.detail})")
        if check.audit_problems:
            from app.backup.restore import audit_refusal

            raise CliError(_audit_refusal_text(audit_refusal(check)))
        print(f"Cadangan {source} utuh dan dapat dipulihkan.")
        _print_check(check)
        return 0
    try:
        result = restore_store(path, source, force=args.force, key=opened.key)
    except RestoreRefused as exc:
        if exc.problem == "audit":
            raise CliError(_audit_refusal_text(exc)) from exc
        raise CliError(f"pemulihan ditolak: {restore_refusal_text(exc)} ({exc.detail}). "
                       "Basis data tidak diubah.") from exc
    record_restore(path, source, opened.officer_id, key=opened.key)
    print(f"Basis data {path} dipulihkan dari {source}.")
    for kept in result.kept_aside:
        print(f"Basis data sebelumnya disimpan sebagai: {kept}")
    _print_check(result.check)
    return 0


def _audit_refusal_text(exc: Any) -> str:
    from app.backup.messages import restore_refusal_text

    problems = exc.audit_problems
    lines = [f"pemulihan ditolak: {restore_refusal_text(exc)} ({len(problems)} masalah):"]
    lines += [f"  - {problem}" for problem in problems[:20]]
    if len(problems) > 20:
        lines.append(f"  … dan {len(problems) - 20} masalah lain")
    lines.append("Basis data tidak diubah. Pakai cadangan lain, atau ulangi dengan --force bila "
                 "cadangan ini tetap harus dipulihkan (masalahnya ikut terbawa).")
    return "\n".join(lines)


def _print_check(check: Any) -> None:
    if check.older_schema:
        print("Cadangan dari Piket versi lama: skemanya sudah diperbarui.")
    for label, value in check.counts.items():
        print(f"  {label:<11}: {value}")
    if check.audit_problems:
        print(f"Perhatian: pemeriksaan jejak audit cadangan menemukan {len(check.audit_problems)} "
              "masalah:")
        for problem in check.audit_problems[:20]:
            print(f"  - {problem}")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return False


def _when(moment: datetime, tz: str, abbreviation: str) -> str:
    from app.textid import format_datetime_long, to_local

    return format_datetime_long(to_local(moment, tz), abbreviation)
