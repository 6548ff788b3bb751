"""Roles and what each may do: the one table the store checks before every action
(app/store/access.py), and the window reads to show only what the signed-in officer may do."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    PETUGAS = "petugas"      # petugas SPKT: the desk
    KA_SPKT = "ka_spkt"      # Ka SPKT, Kanit
    PIMPINAN = "pimpinan"    # Kapolsek, Wakapolsek
    ADMIN = "admin"          # accounts, settings, backup and restore


class Action(StrEnum):
    READ = "read"                  # see records and figures
    VISIT_WRITE = "visit_write"    # create and edit walk-ins (laporan, pengaduan, ...)
    PATROL_WRITE = "patrol_write"
    MEETING_WRITE = "meeting_write"
    PRINT = "print"                # print a record's papers
    DRAFTS = "drafts"              # keep drafts of own open forms
    VOID = "void"                  # void a record (with a reason)
    STATUS = "status"              # change a walk-in's status
    FOLLOW_UP = "follow_up"        # close or reopen a meeting's follow-up
    MASTER = "master"              # roster, categories, places, laws, vehicles
    WEEKLY = "weekly"              # the weekly review (Anev) and its PDF
    EXPORT = "export"              # CSV and other files of many records
    IMPORT = "import"              # records from a CSV file
    ACCOUNTS = "accounts"          # create, reset, deactivate accounts
    SETTINGS = "settings"          # station profile and Pengaturan
    BACKUP = "backup"
    RESTORE = "restore"
    ACCESS_LOG = "access_log"      # Riwayat akses: who opened, searched, printed, exported
    VERIFY = "verify"              # check the audit trail
    JOURNAL_WRITE = "journal_write"  # write (and correct) entries of the buku mutasi
    HANDOVER = "handover"          # sign the shift's handover (serah terima)
    DISPATCH = "dispatch"          # surat pengantar and the buku ekspedisi (documents sent out)
    STAGE = "stage"                # an LP's investigation stage, investigator and difficulty
    SP2HP = "sp2hp"                # write, number and record the delivery of SP2HP letters
    SYNC = "sync"                  # send the audit trail to the Polres hub (push, bundle, pull)


_DESK = frozenset({Action.READ, Action.VISIT_WRITE, Action.PATROL_WRITE, Action.MEETING_WRITE,
                   Action.PRINT, Action.DRAFTS, Action.DISPATCH, Action.JOURNAL_WRITE,
                   Action.HANDOVER, Action.SYNC})

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.PETUGAS: _DESK,
    # STAGE and SP2HP: the investigators' work. Piket has no role of its own for a penyidik:
    # at a Polsek the Kanit Reskrim and his penyidik (pembantu) sign in with the KA SPKT /
    # Kanit role; the desk records the LP, the Kapolsek reads the register (docs/REGISTER.md).
    Role.KA_SPKT: _DESK | {Action.VOID, Action.STATUS, Action.FOLLOW_UP, Action.MASTER,
                           Action.IMPORT, Action.STAGE, Action.SP2HP},
    Role.PIMPINAN: frozenset({Action.READ, Action.PRINT, Action.WEEKLY, Action.EXPORT,
                              Action.ACCESS_LOG, Action.VERIFY, Action.SYNC}),
    Role.ADMIN: frozenset({Action.READ, Action.ACCOUNTS, Action.SETTINGS, Action.BACKUP,
                           Action.RESTORE, Action.MASTER, Action.IMPORT, Action.ACCESS_LOG,
                           Action.VERIFY, Action.SYNC}),
}

ROLE_LABELS: dict[Role, str] = {
    Role.PETUGAS: "Petugas SPKT",
    Role.KA_SPKT: "KA SPKT / Kanit",
    Role.PIMPINAN: "Pimpinan (Kapolsek/Wakapolsek)",
    Role.ADMIN: "Admin",
}

# what the refusal says: "Peran Anda (Petugas SPKT) tidak berwenang <this>."
ACTION_TEXTS: dict[Action, str] = {
    Action.READ: "melihat data",
    Action.VISIT_WRITE: "mencatat atau mengubah laporan/kunjungan",
    Action.PATROL_WRITE: "mencatat atau mengubah patroli",
    Action.MEETING_WRITE: "mencatat atau mengubah pertemuan warga",
    Action.PRINT: "mencetak dokumen",
    Action.DRAFTS: "menyimpan draf",
    Action.VOID: "membatalkan catatan",
    Action.STATUS: "mengubah status laporan",
    Action.FOLLOW_UP: "mengubah tindak lanjut pertemuan",
    Action.MASTER: "mengubah data master",
    Action.WEEKLY: "menyusun rekap mingguan (Anev)",
    Action.EXPORT: "mengekspor data",
    Action.IMPORT: "mengimpor data",
    Action.ACCOUNTS: "mengelola akun petugas",
    Action.SETTINGS: "mengubah pengaturan",
    Action.BACKUP: "membuat cadangan",
    Action.RESTORE: "memulihkan dari cadangan",
    Action.ACCESS_LOG: "melihat riwayat akses",
    Action.VERIFY: "memeriksa jejak audit",
    Action.JOURNAL_WRITE: "menulis buku mutasi",
    Action.HANDOVER: "menandatangani serah terima dinas",
    Action.DISPATCH: "membuat surat pengantar atau mengisi buku ekspedisi",
    Action.STAGE: "mengubah tahap penanganan laporan polisi",
    Action.SP2HP: "membuat atau mengirim SP2HP",
    Action.SYNC: "mengirim atau menerima data sinkronisasi Polres",
}


def allowed(role: Role, action: Action) -> bool:
    return action in PERMISSIONS[role]


def refusal_text(role: Role, action: Action) -> str:
    return f"Peran Anda ({ROLE_LABELS[role]}) tidak berwenang {ACTION_TEXTS[action]}."
