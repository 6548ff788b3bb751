"""What to say when the store itself is damaged (it failed SQLite's check at open, or its
bytes are no SQLite file at all: random bytes, a destroyed header): which backup to restore
and the command that does it. The window offers the same backups (ui.backup_status)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.backup.backup import BackupInfo
from app.backup.restore import BackupCheck, RestoreCandidates, inspect_backup, restore_candidates


@dataclass(frozen=True)
class Rescue:
    """The backups found for a damaged store, and those checked, newest first, up to and
    including the first good one (`good`)."""

    candidates: RestoreCandidates
    checked: tuple[tuple[BackupInfo, BackupCheck], ...]

    @property
    def good(self) -> BackupInfo | None:
        return next((info for info, check in self.checked if check.ok), None)


def find_rescue(store_path: Path, key: bytes | None = None) -> Rescue:
    """Check the backups of `store_path` from the newest down until one is good (each check
    is a restore on a temporary copy: integrity, schema, migration, verify). `key`: the data
    key of an encrypted store (from a password its key slots open), which opens its backups."""
    candidates = restore_candidates(Path(store_path))
    checked: list[tuple[BackupInfo, BackupCheck]] = []
    for info in candidates.backups:
        check = inspect_backup(info.path, key)
        checked.append((info, check))
        if check.ok:
            break
    return Rescue(candidates, tuple(checked))


def restore_command(store_path: Path, backup: Path) -> str:
    return f'piket restore --db "{store_path}" --from "{backup}"'


def damaged_store_advice(store_path: Path, rescue: Rescue | None = None,
                         key: bytes | None = None) -> str:
    """Indonesian lines for the command line: the store is damaged and left as it is, and
    how to restore the newest good backup (or where none was found)."""
    rescue = rescue or find_rescue(store_path, key)
    lines = [f"basis data rusak dan tidak dapat dibuka: {store_path}",
             "Berkasnya dibiarkan apa adanya."]
    good = rescue.good
    if good is not None:
        lines += ["Pulihkan dari cadangan baik terbaru:", f"  {restore_command(store_path, good.path)}",
                  "(basis data yang rusak disimpan di sampingnya dengan nama bercap waktu)"]
    elif rescue.candidates.backups:
        lines.append("Tidak ada cadangan yang baik di " + ", ".join(
            str(f) for f in rescue.candidates.folders) + "; semua cadangan yang ada gagal "
            "diperiksa. Cari cadangan lain (flashdisk) lalu: piket restore --from BERKAS")
    else:
        lines.append("Tidak ditemukan cadangan di " + ", ".join(
            str(f) for f in rescue.candidates.folders) + ". Bila ada cadangan di flashdisk: "
            f'piket restore --db "{store_path}" --from BERKAS')
    return "\n".join(lines)
