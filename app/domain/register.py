"""The LP register (issue 18, docs/REGISTER.md): the investigation stage of every Laporan Polisi,
who investigates it, how hard it is, and the SP2HP letters that tell the reporter how it goes.
Pure: the allowed stage changes, the SP2HP code of a stage, and when the next letter is due."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from app.domain.models import RecordMeta

# Investigation stages, in their usual order; the endings close the case.
STAGES: dict[str, str] = {
    "diterima": "Diterima",
    "penelitian": "Penelitian",
    "penyelidikan": "Penyelidikan",
    "penyidikan": "Penyidikan",
    "tahap_ii": "Tahap II",
    "selesai": "Selesai",
    "rj": "Restorative Justice (RJ)",
    "sp3": "SP3 (dihentikan)",
    "dilimpahkan": "Dilimpahkan",
    "dicabut": "Dicabut",
}
ENDINGS = frozenset({"selesai", "rj", "sp3", "dilimpahkan", "dicabut"})
OPEN_STAGES = tuple(s for s in STAGES if s not in ENDINGS)
# Crime clearance (CC, docs/WEEKLY.md): an LP counts as cleared when it reaches one of these
# stages: handed to the prosecutor (Tahap II), solved, settled by RJ, or stopped by SP3.
# Withdrawn (dicabut) and handed to another unit (dilimpahkan) are closed here but not cleared.
CLEARED_STAGES = frozenset({"tahap_ii", "selesai", "rj", "sp3"})

_ENDS = ("selesai", "rj", "sp3", "dilimpahkan", "dicabut")
# Where an LP can go from each stage, the usual next step first. Forward through the
# investigation, or to an ending from any open stage (RJ and withdrawal can come at any time;
# SP3 only once an inquiry has begun). One step back is allowed from an open stage (a stage
# set by mistake); an ending is reopened only to penyelidikan or penyidikan (new evidence).
STAGE_TRANSITIONS: dict[str, tuple[str, ...]] = {
    "diterima": ("penelitian", "penyelidikan", "rj", "dilimpahkan", "dicabut"),
    "penelitian": ("penyelidikan", "rj", "dilimpahkan", "dicabut", "selesai", "diterima"),
    "penyelidikan": ("penyidikan", *_ENDS, "penelitian"),
    "penyidikan": ("tahap_ii", *_ENDS, "penyelidikan"),
    "tahap_ii": ("selesai", "penyidikan"),
    "selesai": ("penyidikan",),
    "rj": ("penyelidikan", "penyidikan"),
    "sp3": ("penyidikan",),
    "dilimpahkan": ("penyelidikan",),
    "dicabut": ("penyelidikan",),
}

# The walk-in statuses of the LPs made before the register (migration 0013), and the walk-in
# status a stage gives the LP (the walk-in list and its figures keep working on statuses).
STAGE_OF_STATUS: dict[str, str] = {
    "diterima": "diterima", "ditangani": "penyelidikan", "selesai": "selesai", "rj": "rj",
    "dilimpahkan": "dilimpahkan", "dicabut": "dicabut",
}
STATUS_OF_STAGE: dict[str, str] = {
    "diterima": "diterima", "penelitian": "ditangani", "penyelidikan": "ditangani",
    "penyidikan": "ditangani", "tahap_ii": "ditangani", "selesai": "selesai", "rj": "rj",
    "sp3": "selesai", "dilimpahkan": "dilimpahkan", "dicabut": "dicabut",
}

DIFFICULTIES: dict[str, str] = {
    "mudah": "Mudah", "sedang": "Sedang", "sulit": "Sulit", "sangat_sulit": "Sangat sulit",
}
INVESTIGATOR_ROLES: dict[str, str] = {
    "penyidik": "Penyidik", "penyidik_pembantu": "Penyidik Pembantu",
}

# SP2HP codes (top right corner of the letter) and what each says.
SP2HP_CODES: dict[str, str] = {
    "A1": "Laporan diterima dan sedang dipelajari",
    "A2": "Penyelidikan belum dapat ditingkatkan ke penyidikan",
    "A3": "Penyelidikan ditingkatkan ke penyidikan",
    "A4": "Perkembangan penyidikan",
    "A5": "Penyidikan/penyelidikan dihentikan",
}
DELIVERY_METHODS: dict[str, str] = {
    "tangan": "Diserahkan langsung", "pos": "Pos", "whatsapp": "WhatsApp",
}


class StageRefused(ValueError):
    """A stage change the table does not allow (the message is Indonesian)."""


def next_stages(current: str) -> tuple[str, ...]:
    return STAGE_TRANSITIONS.get(current, ())


def check_transition(current: str, new: str) -> None:
    """Raise StageRefused unless `current` → `new` is allowed."""
    if new not in STAGES:
        raise StageRefused(f"Tahap tidak dikenal: {new}.")
    if new not in next_stages(current):
        raise StageRefused(f"Tahap {STAGES.get(current, current)} tidak dapat diubah menjadi "
                           f"{STAGES[new]}.")


def sp2hp_code(stage: str, last_letter_stage: str | None = None) -> str:
    """The code of the letter for an LP in `stage`, given the stage its last letter was
    written in (None: no letter yet). A1 while the report is received and studied (and the
    first letter of an inquiry); A2 once an inquiry has been reported on and cannot yet go on;
    A3 the first letter after it became an investigation; A4 the investigation's progress up
    to Tahap II (and its end); A5 when it stopped (SP3, RJ, withdrawn, handed elsewhere)."""
    if stage in ("diterima", "penelitian"):
        return "A1"
    if stage == "penyelidikan":
        return "A1" if last_letter_stage is None else "A2"
    if stage == "penyidikan":
        return "A4" if last_letter_stage == "penyidikan" else "A3"
    if stage in ("tahap_ii", "selesai"):
        return "A4"
    return "A5"


@dataclass(frozen=True)
class Sp2hpRules:
    """When SP2HP letters are due (Pengaturan; docs/REGISTER.md). The first (A1) within
    `first_days` of the LP; then every so many days by the case's difficulty (Polres service
    pages: 30/20/15/14 days from easy to very hard); never longer than MAX_INTERVAL days
    (Perkap 12/2009 Pasal 39: at least once a month)."""

    first_days: int = 3
    mudah_days: int = 30
    sedang_days: int = 20
    sulit_days: int = 15
    sangat_sulit_days: int = 14

    def interval(self, difficulty: str) -> int:
        days = int(getattr(self, f"{difficulty}_days", self.sedang_days))
        return max(1, min(days, MAX_INTERVAL))

    def problems(self) -> list[str]:
        out = []
        if not 1 <= self.first_days <= MAX_INTERVAL:
            out.append(f"SP2HP pertama: 1 sampai {MAX_INTERVAL} hari.")
        for key, label in DIFFICULTIES.items():
            days = int(getattr(self, f"{key}_days"))
            if not 1 <= days <= MAX_INTERVAL:
                out.append(f"Jarak SP2HP perkara {label.lower()}: 1 sampai {MAX_INTERVAL} hari.")
        return out


MAX_INTERVAL = 30


def due_on(rules: Sp2hpRules, *, received_on: date, difficulty: str,
           last_letter_on: date | None, stage: str, ended_on: date | None = None) -> date | None:
    """The station-time day by which the next SP2HP must be sent (None: none is due).
    Calendar days: the desk and the investigators work through weekends, and a year's end
    is no pause. No letter yet: `first_days` after the LP. Then `interval(difficulty)` after
    the last letter. An LP that ended gets one closing letter (A5 or the final A4) within
    `first_days` of its end, unless a letter went out on or after that day."""
    if stage in ENDINGS:
        if ended_on is None or (last_letter_on is not None and last_letter_on >= ended_on):
            return None
        return ended_on + timedelta(days=rules.first_days)
    if last_letter_on is None:
        return received_on + timedelta(days=rules.first_days)
    return last_letter_on + timedelta(days=rules.interval(difficulty))


def is_overdue(due: date | None, today: date) -> bool:
    return due is not None and due < today


@dataclass(frozen=True)
class LpCase:
    """The register's line of one LP: its stage and who investigates it."""

    visit_id: int
    visit_uuid: str
    number: str
    received_at: datetime
    stage: str = "diterima"
    stage_at: datetime | None = None
    investigator_id: int | None = None
    investigator_role: str = ""  # INVESTIGATOR_ROLES or ""
    supervisor_id: int | None = None  # who acknowledges ("Mengetahui") the letters
    difficulty: str = "sedang"
    last_sp2hp_at: datetime | None = None
    sp2hp_count: int = 0
    due_on: date | None = None
    version: int = 1


@dataclass(frozen=True)
class StageChange:
    stage: str
    at: datetime
    officer_id: int | None
    note: str


@dataclass(frozen=True)
class Sp2hpLetter:
    """One SP2HP: its code and contents (Perkap 21/2011 Pasal 11), signer, and delivery."""

    visit_uuid: str
    code: str
    stage: str
    summary: str = ""        # the case in brief
    actions: str = ""        # what the investigator did and found
    obstacles: str = ""
    next_steps: str = ""
    advice: str = ""         # the reporter's rights and duties
    signer_id: int | None = None       # head of the investigating team
    supervisor_id: int | None = None   # acknowledges: "Mengetahui"
    recipient: str = ""                 # the reporter, as addressed
    issued_at: datetime | None = None
    number: str | None = None
    delivery_method: str = ""           # DELIVERY_METHODS or "" (not yet delivered)
    delivered_at: datetime | None = None
    delivered_to: str = ""
    meta: RecordMeta | None = None


@dataclass(frozen=True)
class RegisterFilter:
    """What the register shows: LPs of these stages ("" any; "open" any open stage), overdue
    only, of one investigator, received in [start, end), matching the search text."""

    stage: str = ""
    overdue: bool = False
    investigator_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    text: str = ""
    include_voided: bool = False


@dataclass(frozen=True)
class RegisterRow:
    visit_id: int
    visit_uuid: str
    number: str
    received_at: datetime
    reporter_name: str
    category: str
    stage: str
    investigator: str
    difficulty: str
    last_sp2hp_at: datetime | None
    sp2hp_count: int
    due_on: date | None
    voided: bool


def station_day(moment: datetime, tz: object) -> date:
    """The station-time date of an aware datetime (tz: a ZoneInfo)."""
    return moment.astimezone(tz).date()  # type: ignore[arg-type]
