"""Store errors in the words of a desk officer."""

from __future__ import annotations

from app.store import (
    InvalidPassword,
    InvalidRecord,
    NewerSchema,
    NotAPiketStore,
    PermissionDenied,
    RecordNotFound,
    StaleRecord,
    StoreError,
    StoreUnavailable,
)

UNAVAILABLE = {
    "disk_full": "Disk penuh: data belum tersimpan. Kosongkan ruang disk lalu simpan lagi; "
                 "isian formulir tetap ada.",
    "read_only": "Berkas basis data tidak dapat ditulisi (hanya-baca atau flashdisk dicabut). "
                 "Isian formulir tetap ada; periksa berkasnya lalu simpan lagi.",
    "missing": "Folder basis data tidak ditemukan (flashdisk dicabut?). Isian formulir tetap "
               "ada; pasang kembali lalu simpan lagi.",
    "locked": "Basis data sedang dipakai komputer/jendela lain. Tunggu sebentar lalu simpan lagi.",
    "io": "Gagal menulis ke disk. Isian formulir tetap ada; coba simpan lagi.",
}


def describe(error: Exception) -> str:
    """One Indonesian sentence for a store error (never a traceback)."""
    if isinstance(error, PermissionDenied | InvalidPassword):
        return str(error)  # written for the user (the role's refusal, the password rule)
    if isinstance(error, StoreUnavailable):
        return UNAVAILABLE.get(error.reason, UNAVAILABLE["io"])
    if isinstance(error, StaleRecord):
        return ("Data ini sudah diubah oleh petugas lain sejak dibuka. Tutup lalu buka kembali "
                "untuk melihat perubahan terbaru; isian Anda tetap tersimpan sebagai draf.")
    if isinstance(error, InvalidRecord):
        return "Ada isian yang belum benar. Periksa pesan di samping kolom yang ditandai."
    if isinstance(error, RecordNotFound):
        return "Data tidak ditemukan."
    if isinstance(error, NotAPiketStore):
        return "Berkas ini bukan basis data Piket atau rusak."
    if isinstance(error, NewerSchema):
        return "Basis data ini dibuat oleh Piket versi lebih baru. Perbarui Piket."
    if isinstance(error, StoreError):
        return "Data tidak dapat disimpan."
    return f"Terjadi kesalahan: {error}"
