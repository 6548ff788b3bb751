"""Backup and restore outcomes in Indonesian (shared by the CLI and the window)."""

from __future__ import annotations

from app.backup.backup import BackupFailed
from app.backup.restore import RestoreRefused

BACKUP_FAILED: dict[str, str] = {
    "missing_dir": "folder cadangan tidak ditemukan (flashdisk belum dipasang atau dicabut?)",
    "disk_full": "ruang di folder cadangan habis",
    "read_only": "folder cadangan tidak dapat ditulisi (hanya-baca atau dikunci)",
    "damaged": "salinan tidak lolos pemeriksaan integritas (basis data atau media cadangan "
               "rusak); salinan dibuang",
    "source": "basis data tidak dapat dibaca untuk dicadangkan",
    "io": "gagal menulis ke folder cadangan",
}

RESTORE_REFUSED: dict[str, str] = {
    "not_found": "berkas cadangan tidak ditemukan",
    "not_sqlite": "berkas ini bukan basis data (bukan cadangan Piket)",
    "needs_key": "cadangan ini terenkripsi: masuk dengan kata sandi atau kunci pemulihan untuk "
                 "membukanya",
    "wrong_key": "cadangan ini terenkripsi dengan kunci lain (cadangan basis data lain, atau "
                 "kata sandi/kunci pemulihan yang dipakai bukan untuk cadangan ini)",
    "damaged": "berkas cadangan rusak (gagal pemeriksaan integritas)",
    "not_piket": "berkas ini basis data lain, bukan cadangan Piket",
    "newer": "cadangan ini dibuat oleh Piket versi lebih baru; perbarui Piket dulu",
    "same_file": "berkas yang dipilih adalah basis data yang sedang dipakai",
    "in_use": "basis data masih dibuka oleh jendela atau komputer lain; tutup Piket di sana dulu",
    "io": "gagal menulis berkas basis data",
    "audit": "jejak audit cadangan ini tidak utuh: ada data yang diubah atau dihapus di luar "
             "Piket",
}


def backup_failure_text(error: BackupFailed) -> str:
    return BACKUP_FAILED.get(error.reason, BACKUP_FAILED["io"])


def restore_refusal_text(error: RestoreRefused | str) -> str:
    problem = error.problem if isinstance(error, RestoreRefused) else error
    return RESTORE_REFUSED.get(problem, RESTORE_REFUSED["damaged"])


def size_text(size: int) -> str:
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB".replace(".", ",")
    return f"{max(1, size // 1024)} KB"
