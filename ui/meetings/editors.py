"""The two tables of the meeting form: participant groups with head counts (one fixed row per
group of codes.PARTICIPANT_GROUPS; type the counts, leave the others empty) and the issues
residents raised (one row per issue; see ui.records.rows for the keys). Both keep the text
as typed; `*_from_rows` read it back with what could not be read."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from PySide6.QtWidgets import QWidget

from app.domain.codes import ISSUE_STATUSES, PARTICIPANT_GROUPS
from app.domain.models import MeetingIssue, ParticipantCount
from app.validation import Problem
from app.validation.problems import error
from ui.records.officers import OfficerResolver, officer_choice
from ui.records.parse import DATE_HINT, format_date_cell, parse_count, parse_date
from ui.records.rows import Column, RowsModel, RowsView

# Outside agencies offered as owners of an issue; anything else can be typed.
AGENCIES = ("Pemerintah Desa", "Kecamatan", "Babinsa / Koramil", "Puskesmas", "Dinas PU",
            "Dinas Sosial", "Satpol PP", "PLN", "Polres OKI")

PARTICIPANT_COLUMNS = (
    Column("group", "Kelompok peserta", width=200, editable=False, stretch=True),
    Column("count", "Jumlah (orang)", "number", width=110, placeholder="0"),
)

ISSUE_COLUMNS = (
    Column("description", "Masalah yang disampaikan", stretch=True),
    Column("category", "Kategori", "complete", width=150),
    Column("desa", "Desa", "complete", width=120),
    Column("action", "Tindak lanjut", width=190),
    Column("owner", "Penanggung jawab", "complete", width=190,
           placeholder="petugas atau instansi"),
    Column("due_date", "Batas waktu", "date", width=95, placeholder=DATE_HINT),
    Column("status", "Status", "choice", tuple(ISSUE_STATUSES.items()), width=105),
)
ISSUE_DEFAULTS = {"status": "terbuka"}
ISSUE_ALIASES = {"owner_officer_id": "owner", "owner_agency": "owner"}


# ---------------------------------------------------------------- participants


def make_participants(parent: QWidget | None = None) -> tuple[RowsModel, RowsView]:
    model = RowsModel(PARTICIPANT_COLUMNS, parent=parent)
    model.fixed_rows = True
    model.set_rows([{"group": label, "code": code} for code, label in PARTICIPANT_GROUPS.items()])
    view = RowsView(model)
    view.setObjectName("participants")
    view.setMinimumHeight(120)
    return model, view


def participant_rows(model: RowsModel, participants: Sequence[ParticipantCount]) -> None:
    counts = {p.group: p.count for p in participants}
    rows = [{"group": label, "code": code, "count": str(counts.pop(code, "") or "")}
            for code, label in PARTICIPANT_GROUPS.items()]
    # a group no longer in the code list still shows, so an old record loses nothing
    rows += [{"group": code, "code": code, "count": str(n)} for code, n in counts.items()]
    model.set_rows(rows)


def participants_from_rows(rows: Sequence[Mapping[str, str]]
                           ) -> tuple[tuple[ParticipantCount, ...], list[int], list[Problem]]:
    """Groups with a count typed (0 and empty are left out), their table rows, and what
    could not be read (field paths participants[i].count)."""
    out: list[ParticipantCount] = []
    table_rows: list[int] = []
    problems: list[Problem] = []
    for row, values in enumerate(rows):
        text = values.get("count", "").strip()
        if not text:
            continue
        count, message = parse_count(text)
        if message:
            problems.append(error(f"participants[{len(out)}].count", "unreadable", message))
        elif count == 0:
            continue
        out.append(ParticipantCount(values.get("code", ""), count))
        table_rows.append(row)
    return tuple(out), table_rows, problems


# ---------------------------------------------------------------- issues


def make_issues(parent: QWidget | None = None) -> tuple[RowsModel, RowsView]:
    model = RowsModel(ISSUE_COLUMNS, ISSUE_DEFAULTS, parent)
    view = RowsView(model)
    view.setObjectName("issues")
    view.setMinimumHeight(130)
    return model, view


class IssueText:
    """Between issues and the text of their cells: category labels and owners (an officer of
    the roster, or an outside agency)."""

    def __init__(self, categories: Mapping[str, str], resolver: OfficerResolver) -> None:
        self.categories = dict(categories)  # code -> label
        self._codes = {label.casefold(): code for code, label in categories.items()}
        self.resolver = resolver

    def owner_choices(self, keep: Sequence[int | None] = ()) -> list[tuple[str, str]]:
        names = self.resolver.choices(keep) + list(AGENCIES)
        return [(n, n) for n in names]

    def category_choices(self) -> list[tuple[str, str]]:
        return [(label, label) for label in self.categories.values()]

    def owner_text(self, issue: MeetingIssue) -> str:
        officer = self.resolver.by_id(issue.owner_officer_id)
        if officer is not None:
            return officer_choice(officer)
        return issue.owner_agency

    def row(self, issue: MeetingIssue) -> dict[str, str]:
        return {"description": issue.description,
                "category": self.categories.get(issue.category, issue.category),
                "desa": issue.desa, "action": issue.action, "owner": self.owner_text(issue),
                "due_date": format_date_cell(issue.due_date), "status": issue.status,
                "uuid": issue.uuid or ""}

    def issues(self, rows: Sequence[Mapping[str, str]], blank: Sequence[bool], meeting_day: date,
               saved: Mapping[str, MeetingIssue]
               ) -> tuple[tuple[MeetingIssue, ...], list[int], list[Problem]]:
        """Issues typed (blank new rows skipped), their table rows, and what could not be
        read. `saved` (by uuid) keeps each stored issue's identity and history."""
        out: list[MeetingIssue] = []
        table_rows: list[int] = []
        problems: list[Problem] = []
        for row, values in enumerate(rows):
            uuid = values.get("uuid", "")
            if blank[row] and not uuid:
                continue
            i = len(out)
            due, message = parse_date(values.get("due_date", ""), meeting_day)
            if message:
                problems.append(error(f"issues[{i}].due_date", "unreadable", message))
            owner = values.get("owner", "").strip()
            officer = self.resolver.find(owner) if owner else None
            category = values.get("category", "").strip()
            base = saved.get(uuid) if uuid else None
            issue = MeetingIssue(
                description=values.get("description", "").strip(),
                category=self._codes.get(category.casefold(), category),
                desa=values.get("desa", "").strip(), action=values.get("action", "").strip(),
                owner_officer_id=officer.id if officer else None,
                owner_agency="" if officer else owner, due_date=due,
                status=values.get("status", "terbuka") or "terbuka",
                history=base.history if base else (), uuid=uuid or None,
                id=base.id if base else None)
            out.append(issue)
            table_rows.append(row)
        return tuple(out), table_rows, problems
