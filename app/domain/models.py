"""Frozen dataclasses for every record kind. The store returns these; forms hand these out.

Times are timezone-aware datetimes (the store keeps them as UTC ISO-8601 text); calendar
dates (birth dates, due dates) are plain dates. Money is integer Rupiah.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class RecordMeta:
    """Bookkeeping every record carries (ARCHITECTURE.md "Data rules")."""

    id: int
    uuid: str
    station_code: str
    created_at: datetime
    created_by: int | None
    updated_at: datetime
    updated_by: int | None
    version: int
    voided_at: datetime | None = None
    voided_by: int | None = None
    void_reason: str | None = None

    @property
    def voided(self) -> bool:
        return self.voided_at is not None


# ---------------------------------------------------------------- master data


@dataclass(frozen=True)
class StationProfile:
    code: str = "PEDAMARAN"
    name: str = "PEDAMARAN"
    polres: str = "OGAN KOMERING ILIR"
    polda: str = "SUMATERA SELATAN"
    kecamatan: str = "Pedamaran"
    kabupaten: str = "Ogan Komering Ilir"
    address: str = "Jl. Lintas Timur, Pedamaran"
    timezone: str = "Asia/Jakarta"
    commander_name: str = "INDRA GUNAWAN"  # the rank is commander_rank
    commander_rank: str = "IPTU"
    commander_nrp: str = "79051234"
    paper: str = "a4"  # a4 | f4
    week_start: int = 0  # 0 = Monday (ISO week) ... 6 = Sunday
    template_lp_b: str = (
        "LP/B/{n}/{month}/{year}/SPKT/POLSEK {station}/POLRES {polres}/POLDA {polda}"
    )
    template_lp_a: str = (
        "LP/A/{n}/{month}/{year}/SPKT/POLSEK {station}/POLRES {polres}/POLDA {polda}"
    )
    template_sktlk: str = "SKTLK/{n}/{month}/{year}/SPKT/POLSEK {station}"
    template_pengaduan: str = "STPP/{n}/{month}/{year}/SPKT/POLSEK {station}"
    template_dumas: str = "STPD/{n}/{month}/{year}/SPKT/POLSEK {station}"
    template_pengantar: str = "B/{n}/{month}/{year}/SPKT/POLSEK {station}"
    # SP2HP letters to reporters (issue 18), counted per year like the others
    template_sp2hp: str = "B/{n}/{month}/{year}/RESKRIM/POLSEK {station}"
    # The STTLP's own number: the LP's counter, month and year under this template (one STTLP
    # per LP, so it needs no counter of its own; app/documents/render.py sttlp_number)
    template_sttlp: str = (
        "STTLP/B/{n}/{month}/{year}/SPKT/POLSEK {station}/POLRES {polres}/POLDA {polda}"
    )
    sktlk_title: str = "SURAT KETERANGAN TANDA LAPOR KEHILANGAN"
    sktlk_valid_days: int = 14
    sktlk_warning: str = (
        "Apabila keterangan yang diberikan pelapor ternyata tidak benar (laporan palsu), "
        "pelapor dapat dituntut menurut Pasal 220 KUHP."
    )
    # The emblem printed beside the letterhead: a PNG or JPEG image, base64 (empty: none).
    # Kept in the store so a backup carries it and no file outside the data folder is needed.
    emblem: str = ""

    def template_for(self, doc_kind: str) -> str:
        return str(getattr(self, f"template_{doc_kind}"))

    @property
    def tz_abbreviation(self) -> str:
        return {"Asia/Jakarta": "WIB", "Asia/Pontianak": "WIB", "Asia/Makassar": "WITA",
                "Asia/Jayapura": "WIT"}.get(self.timezone, self.timezone)


@dataclass(frozen=True)
class Officer:
    name: str
    rank: str
    nrp: str
    active: bool = True
    position: str = ""  # e.g. "Ka SPKT I", "Bhabinkamtibmas Desa Serinanti" (Position)
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None

    @property
    def display(self) -> str:
        return f"{self.rank} {self.name}"


@dataclass(frozen=True)
class Position:
    """A position (jabatan) of the roster and what it allows on paper: signing "a.n. KEPALA
    KEPOLISIAN SEKTOR ..." for the commander, and countersigning documents ("Mengetahui").
    An officer holds it when their position text is this name, or starts with it followed by
    a space ("Bhabinkamtibmas Desa Serinanti" holds "Bhabinkamtibmas"); case does not matter.
    """

    name: str
    signs_for_commander: bool = False
    countersigns: bool = False
    active: bool = True
    meta: RecordMeta | None = None


@dataclass(frozen=True)
class Desa:
    name: str
    active: bool = True
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None


@dataclass(frozen=True)
class Category:
    code: str
    label: str
    group: str
    active: bool = True
    meta: RecordMeta | None = None

    @property
    def is_3c(self) -> bool:
        return self.group == "3C"

    @property
    def is_disaster(self) -> bool:
        """A disaster (bencana), counted beside the crime figures of the weekly review."""
        return self.group == "bencana"


@dataclass(frozen=True)
class LawArticle:
    """A law article; old (KUHP lama, before 2 Jan 2026) and new (UU 1/2023) side by side."""

    code: str  # e.g. "476 KUHP" or "362 KUHP (lama)"
    title: str
    law: str  # "kuhp_baru" | "kuhp_lama" | "lainnya"
    category_code: str | None = None
    replaces_code: str | None = None  # new article -> old article it renumbered
    active: bool = True
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None


@dataclass(frozen=True)
class PlaceType:
    code: str
    label: str
    active: bool = True
    meta: RecordMeta | None = None


@dataclass(frozen=True)
class Vehicle:
    name: str
    plate: str
    mode: str  # jalan_kaki | r2 | r4 | perairan
    active: bool = True
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None


# ---------------------------------------------------------------- walk-in visits


@dataclass(frozen=True)
class Party:
    """A person in a record: reporter (pelapor), suspect (terlapor), victim, witness..."""

    role: str
    name: str = ""
    unknown: bool = False  # a suspect not (yet) known: "tidak dikenal"
    nik: str = ""
    sex: str = ""  # L | P
    birth_place: str = ""
    birth_date: date | None = None
    occupation: str = ""
    religion: str = ""
    phone: str = ""  # normalised +62...
    street: str = ""
    rt_rw: str = ""
    desa: str = ""
    kecamatan: str = ""
    kabupaten: str = ""
    note: str = ""  # e.g. relation to the victim, description of an unknown suspect
    nationality: str = "WNI"  # kewarganegaraan: WNI, or the country of a foreign national


@dataclass(frozen=True)
class LostItem:
    doc_type: str  # KTP, SIM, STNK, BPKB, ATM, buku tabungan, ijazah, HP, lainnya
    number: str = ""
    description: str = ""


@dataclass(frozen=True)
class Loss:
    description: str
    value_rp: int = 0


@dataclass(frozen=True)
class StatusChange:
    status: str
    at: datetime
    officer_id: int | None
    note: str = ""


@dataclass(frozen=True)
class AcceptedWarning:
    """A validation warning the officer overrode, with the reason given."""

    field: str
    code: str
    reason: str


@dataclass(frozen=True)
class Visit:
    """A walk-in visit at the desk, whatever it became (service), or an LP model A."""

    service: str
    received_at: datetime
    receiving_officer_id: int | None = None
    lp_model: str | None = None  # "A" | "B" for service "lp"
    parties: tuple[Party, ...] = ()
    # the incident
    occurred_at: datetime | None = None
    incident_desa: str = ""
    place_type: str = ""  # PlaceType.code
    place_detail: str = ""
    category: str = ""  # Category.code
    narrative: str = ""
    modus_operandi: str = ""
    law_articles: tuple[str, ...] = ()  # LawArticle.code
    losses: tuple[Loss, ...] = ()
    evidence: str = ""
    lost_items: tuple[LostItem, ...] = ()
    complaint_subject: str = ""  # pengaduan/dumas: about whom / what
    other_reason: str = ""  # service "lainnya": why they came
    # handling
    dispatched_officer_id: int | None = None
    dispatched_at: datetime | None = None
    arrived_at: datetime | None = None
    resolved_at: datetime | None = None
    status: str = "diterima"
    notable: bool = False
    needs_visit: bool = False  # an LP that needs an officer at the scene (TKP)
    source_patrol_uuid: str | None = None  # LP model A found on a patrol
    accepted_warnings: tuple[AcceptedWarning, ...] = ()
    # given by the store
    number: str | None = None
    status_history: tuple[StatusChange, ...] = ()
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None

    @property
    def reporter(self) -> Party | None:
        for party in self.parties:
            if party.role in ("pelapor", "pengadu"):
                return party
        return None

    @property
    def total_loss_rp(self) -> int:
        return sum(loss.value_rp for loss in self.losses)

    @property
    def response_minutes(self) -> float | None:
        if self.arrived_at is None:
            return None
        return (self.arrived_at - self.received_at).total_seconds() / 60


@dataclass(frozen=True)
class VisitRow:
    """One line of the walk-in list: just what the list shows, cheap to page."""

    id: int
    number: str | None
    received_at: datetime
    service: str
    category: str
    reporter_name: str
    desa: str
    status: str
    response_minutes: float | None
    waiting: bool  # an LP needing a visit that nobody has reached yet
    voided: bool


# ---------------------------------------------------------------- patrols


@dataclass(frozen=True)
class PatrolPlace:
    desa: str
    place: str = ""
    at: datetime | None = None
    situation: str = "aman"  # aman | pg | ag | gn
    himbauan: str = ""
    people_reached: int = 0
    note: str = ""


@dataclass(frozen=True)
class Patrol:
    patrol_type: str
    mode: str
    start_at: datetime
    end_at: datetime
    leader_id: int | None
    member_ids: tuple[int, ...] = ()
    vehicle_id: int | None = None
    operation_name: str = ""
    targets: tuple[str, ...] = ()
    places: tuple[PatrolPlace, ...] = ()
    findings: str = ""  # incidents found
    notes: str = ""
    basis: str = ""  # "Surat Perintah Nomor Sprin/…": the order the patrol was made under
    accepted_warnings: tuple[AcceptedWarning, ...] = ()
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None

    @property
    def hours(self) -> float:
        return (self.end_at - self.start_at).total_seconds() / 3600

    @property
    def people_reached(self) -> int:
        return sum(place.people_reached for place in self.places)


# ---------------------------------------------------------------- community meetings


@dataclass(frozen=True)
class ParticipantCount:
    group: str
    count: int


@dataclass(frozen=True)
class IssueStatusChange:
    status: str
    at: datetime
    officer_id: int | None
    note: str = ""


@dataclass(frozen=True)
class MeetingIssue:
    """An issue residents raised at a meeting, followed up until closed or forwarded."""

    description: str
    category: str = ""
    desa: str = ""
    action: str = ""  # follow-up action (tindak lanjut)
    owner_officer_id: int | None = None
    owner_agency: str = ""  # an outside agency, e.g. "Pemerintah Desa", "Dinas PU"
    due_date: date | None = None
    status: str = "terbuka"
    history: tuple[IssueStatusChange, ...] = ()
    uuid: str | None = None
    id: int | None = None


@dataclass(frozen=True)
class Meeting:
    meeting_type: str
    held_at: datetime
    desa: str
    place: str = ""
    leader_id: int | None = None
    participants: tuple[ParticipantCount, ...] = ()
    topics: str = ""
    notes: str = ""
    issues: tuple[MeetingIssue, ...] = ()
    accepted_warnings: tuple[AcceptedWarning, ...] = ()
    meta: RecordMeta | None = None

    @property
    def id(self) -> int | None:
        return self.meta.id if self.meta else None

    @property
    def participant_total(self) -> int:
        return sum(p.count for p in self.participants)


# ---------------------------------------------------------------- audit, drafts


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    officer_id: int | None
    action: str  # create | update | status | void | print | export | view | import
    kind: str  # visit | patrol | meeting | officer | ...
    record_uuid: str | None
    before: str | None  # canonical JSON
    after: str | None
    prev_hash: str
    hash: str


@dataclass(frozen=True)
class Draft:
    id: int
    kind: str  # visit | patrol | meeting
    record_uuid: str | None  # the record being edited, None for a new one
    payload: str  # JSON of the form's contents
    officer_id: int | None
    updated_at: datetime
