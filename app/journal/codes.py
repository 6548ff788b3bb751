"""Codes of the journal and the handover, with their Indonesian labels (identifiers stay
English; the labels are what the desk reads)."""

from __future__ import annotations

ENTRY_KINDS: dict[str, str] = {
    "kejadian_menonjol": "Kejadian menonjol",
    "tamu_dinas": "Tamu dinas",
    "telepon": "Laporan / panggilan telepon",
    "perintah": "Perintah diterima (surat perintah / lisan)",
    "situasi": "Catatan situasi",
}
"""What the desk types into the journal."""

CORRECTION = "koreksi"  # the kind of an entry that corrects another

EVENT_KINDS: dict[str, str] = {
    **ENTRY_KINDS,
    CORRECTION: "Koreksi",
    "kunjungan": "Kunjungan / laporan",
    "status": "Perubahan status",
    "patroli_berangkat": "Patroli berangkat",
    "patroli_kembali": "Patroli kembali",
    "pertemuan": "Pertemuan warga",
    "cetak": "Dokumen dicetak",
    "cadangan": "Cadangan data",
    "serah_terima": "Serah terima",
}
"""Every line of the journal, typed or taken from what Piket recorded."""

INVENTORY: dict[str, str] = {
    "tahanan": "Tahanan",
    "barang_titipan": "Barang titipan",
    "barang_bukti": "Barang bukti",
    "senjata": "Senjata api",
    "amunisi": "Amunisi (butir)",
    "ht": "Radio (HT)",
    "kendaraan": "Kendaraan dinas",
}
"""What is counted at the handover, in the order of the sheet."""

INVENTORY_DETAIL_HINTS: dict[str, str] = {
    "tahanan": "nama-nama tahanan",
    "barang_titipan": "uraian barang",
    "barang_bukti": "uraian barang bukti",
    "senjata": "jenis dan nomor senjata",
    "amunisi": "jenis/kaliber",
    "ht": "nomor HT",
    "kendaraan": "kendaraan dan kondisinya",
}
