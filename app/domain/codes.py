"""Stable codes of the domain. Labels shown to users live here too (Indonesian first),
so the UI and the printed documents name things the same way."""

from __future__ import annotations

SERVICES: dict[str, str] = {
    "lp": "Laporan Polisi",
    "kehilangan": "Laporan Kehilangan",
    "pengaduan": "Pengaduan",
    "dumas": "Pengaduan Masyarakat (Dumas)",
    "informasi": "Informasi / Konsultasi",
    "lainnya": "Lainnya",
}

# Status flow of a walk-in record (DOMAIN.md "Statuses of a report").
STATUSES: dict[str, str] = {
    "diterima": "Diterima",
    "ditangani": "Ditangani",
    "selesai": "Selesai",
    "rj": "Restorative Justice",
    "dilimpahkan": "Dilimpahkan",
    "dicabut": "Dicabut",
}
FINAL_STATUSES = frozenset({"selesai", "rj", "dilimpahkan", "dicabut"})
CLEARED_STATUSES = frozenset({"selesai", "rj"})

# Where a record can go from each status, the usual next step first (what "Ubah status"
# offers and preselects). Going back is allowed, last: a correction ("ditangani" chosen by
# mistake), or a closed case reopened (new evidence, a withdrawn withdrawal).
STATUS_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "diterima": ("ditangani", "selesai", "rj", "dilimpahkan", "dicabut"),
    "ditangani": ("selesai", "rj", "dilimpahkan", "dicabut", "diterima"),
    "selesai": ("ditangani", "rj", "dilimpahkan", "dicabut"),
    "rj": ("ditangani", "selesai", "dilimpahkan", "dicabut"),
    "dilimpahkan": ("ditangani", "selesai", "rj", "dicabut"),
    "dicabut": ("ditangani", "selesai", "rj", "dilimpahkan"),
}

# Services the desk usually finishes while the visitor is there (no document, nothing to
# follow up): the form offers to save them as "selesai" at once.
SERVED_AT_DESK = frozenset({"informasi", "lainnya"})


def next_statuses(current: str) -> tuple[str, ...]:
    """The statuses a record in `current` can change to, the usual next step first."""
    return STATUS_TRANSITIONS.get(current, tuple(s for s in STATUSES if s != current))

LP_MODELS = ("A", "B")

PARTY_ROLES: dict[str, str] = {
    "pelapor": "Pelapor",
    "terlapor": "Terlapor",
    "korban": "Korban",
    "saksi": "Saksi",
    "pengadu": "Pengadu",
    "teradu": "Teradu",
}

SEXES: dict[str, str] = {"L": "Laki-laki", "P": "Perempuan"}

RELIGIONS = ("Islam", "Kristen", "Katolik", "Hindu", "Buddha", "Khonghucu", "Kepercayaan")

PATROL_TYPES: dict[str, str] = {
    "rutin": "Patroli rutin",
    "dialogis": "Patroli dialogis",
    "malam": "Patroli malam / KRYD",
    "sambang": "Sambang Bhabinkamtibmas",
    "perintis": "Patroli Perintis",
    "operasi": "Operasi",
}

PATROL_MODES: dict[str, str] = {
    "jalan_kaki": "Jalan kaki",
    "r2": "R2 (sepeda motor)",
    "r4": "R4 (mobil)",
    "perairan": "Perairan (perahu)",
}

PATROL_TARGETS: dict[str, str] = {
    "3c": "3C (curat, curas, curanmor)",
    "balap_liar": "Balap liar",
    "miras": "Miras",
    "judi": "Perjudian",
    "narkoba": "Narkoba",
    "karhutla": "Karhutla",
    "tawuran": "Tawuran",
}

SITUATIONS: dict[str, str] = {
    "aman": "Aman",
    "pg": "Potensi Gangguan (PG)",
    "ag": "Ambang Gangguan (AG)",
    "gn": "Gangguan Nyata (GN)",
}

MEETING_TYPES: dict[str, str] = {
    "jumat_curhat": "Jumat Curhat",
    "sambang_dds": "Sambang / DDS",
    "fkpm": "Forum FKPM",
    "sosialisasi": "Sosialisasi / penyuluhan",
    "mediasi": "Mediasi",
    "rakor": "Rapat koordinasi",
}

PARTICIPANT_GROUPS: dict[str, str] = {
    "tokoh_masyarakat": "Tokoh masyarakat",
    "tokoh_agama": "Tokoh agama",
    "tokoh_adat": "Tokoh adat",
    "pemuda": "Pemuda",
    "ormas": "Ormas",
    "perangkat_desa": "Perangkat desa",
    "babinsa": "Babinsa",
    "perempuan": "Perempuan",
    "lainnya": "Lainnya",
}

ISSUE_STATUSES: dict[str, str] = {
    "terbuka": "Terbuka",
    "dalam_proses": "Dalam proses",
    "selesai": "Selesai",
    "diteruskan": "Diteruskan",
}
OPEN_ISSUE_STATUSES = frozenset({"terbuka", "dalam_proses"})

RANKS = ("BRIPDA", "BRIPTU", "BRIGPOL", "BRIPKA", "AIPDA", "AIPTU", "IPDA", "IPTU", "AKP", "KOMPOL")

# Document kinds that take a number, and the service they belong to.
DOC_LP_B = "lp_b"
DOC_LP_A = "lp_a"
DOC_SKTLK = "sktlk"
DOC_PENGADUAN = "pengaduan"
DOC_DUMAS = "dumas"
DOC_PENGANTAR = "pengantar"  # surat pengantar of a case handed to the Polres
DOC_SP2HP = "sp2hp"  # SP2HP letters to reporters (the LP register)

ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")


def doc_kind_for(service: str, lp_model: str | None) -> str | None:
    """Which numbered document a walk-in of this service gets (None: no number)."""
    if service == "lp":
        return DOC_LP_A if lp_model == "A" else DOC_LP_B
    if service == "kehilangan":
        return DOC_SKTLK
    if service == "pengaduan":
        return DOC_PENGADUAN
    if service == "dumas":
        return DOC_DUMAS
    return None
