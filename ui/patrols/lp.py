"""An incident found on patrol becomes a Laporan Polisi model A: the patrol's time, place and
officers are filled in, and the LP points back at the patrol (Visit.source_patrol_uuid; the
store finds the LP of a patrol with visits.uuids_of_patrol)."""

from __future__ import annotations

from datetime import datetime, tzinfo

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SITUATIONS
from app.domain.models import Category, Officer, Patrol, PatrolPlace, Visit
from app.store import StoreError
from app.textid import format_time
from app.validation import Problem, blocking
from app.validation.problems import error
from ui.common.dialogs import button_box
from ui.common.errors import describe
from ui.patrols.fields import OfficerPicker, OfficerResolver, ProblemBoard, not_on_roster
from ui.session import Session


def lp_from_patrol(patrol: Patrol, place: PatrolPlace | None, received_at: datetime,
                   category: str = "", narrative: str | None = None,
                   officer_id: int | None = None) -> Visit:
    """An LP model A prefilled from a patrol: received now, occurred at the place's time (or
    the patrol's start), in the place's desa, made by the patrol leader."""
    assert patrol.meta is not None, "only a saved patrol can be the source of an LP"
    text = patrol.findings if narrative is None else narrative
    return Visit(
        service="lp", lp_model="A", received_at=received_at,
        receiving_officer_id=officer_id if officer_id is not None else patrol.leader_id,
        occurred_at=(place.at if place and place.at else patrol.start_at),
        incident_desa=place.desa if place else "",
        place_detail=place.place if place else "",
        category=category, narrative=text.strip(),
        source_patrol_uuid=patrol.meta.uuid)


def place_caption(place: PatrolPlace, tz: tzinfo) -> str:
    when = format_time(place.at.astimezone(tz)) if place.at else "--.--"
    where = " – ".join(x for x in (place.desa, place.place) if x)
    return f"{when}  {where}  ({SITUATIONS.get(place.situation, place.situation)})"


def linked_lp_numbers(session: Session, patrol_uuid: str) -> list[str]:
    """The numbers of the LP made from a patrol (voided ones marked)."""
    out = []
    for uuid in session.store.visits.uuids_of_patrol(patrol_uuid):
        visit = session.store.visits.get_by_uuid(uuid)
        number = visit.number or "(tanpa nomor)"
        voided = visit.meta is not None and visit.meta.voided
        out.append(f"{number} (dibatalkan)" if voided else number)
    return out


class LpFromPatrolDialog(QDialog):
    """Makes the LP model A: which place, which category, what happened, who reports it."""

    def __init__(self, session: Session, patrol: Patrol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Buat LP model A dari temuan patroli")
        self.setMinimumWidth(560)
        self._session = session
        self._patrol = patrol
        self.created: Visit | None = None
        self.board = ProblemBoard()
        tz = session.tz()
        self.place = QComboBox()
        self.place.addItem("(tanpa tempat tertentu)", None)
        for place in patrol.places:
            self.place.addItem(place_caption(place, tz), place)
        worst = next((i for i, p in enumerate(patrol.places) if p.situation == "gn"),
                     next((i for i, p in enumerate(patrol.places) if p.situation != "aman"), 0))
        self.place.setCurrentIndex(worst + 1 if patrol.places else 0)
        self.category = QComboBox()
        self.category.addItem("(pilih kategori)", "")
        for cat in session.store.master.list(Category, active_only=True):
            self.category.addItem(cat.label, cat.code)
        self.narrative = QPlainTextEdit(patrol.findings)
        self.narrative.setTabChangesFocus(True)
        self.officer = OfficerPicker()
        self.officer.set_roster(OfficerResolver(session.store.master.list(Officer)), patrol.leader_id)
        self.officer.set_officer_id(patrol.leader_id)
        self.buttons = button_box(QDialogButtonBox.StandardButton.Save
                                  | QDialogButtonBox.StandardButton.Cancel, self)
        intro = QLabel("Laporan Polisi model A dibuat oleh petugas yang menemukan kejadian. "
                       "Waktu, tempat dan petugas diisi dari patroli; periksa lalu simpan.")
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("&Tempat", self.board.field(self.place, "incident_desa", "occurred_at"))
        form.addRow("&Kategori", self.board.field(self.category, "category"))
        form.addRow("&Uraian singkat", self.board.field(self.narrative, "narrative"))
        form.addRow("&Petugas pembuat", self.board.field(self.officer, "receiving_officer_id"))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.board.summary)
        layout.addWidget(self.buttons)
        self._connect()

    def _connect(self) -> None:
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

    def visit(self) -> Visit:
        place = self.place.currentData()
        return lp_from_patrol(self._patrol, place if isinstance(place, PatrolPlace) else None,
                              self._session.now(), self.category.currentData() or "",
                              self.narrative.toPlainText(), self.officer.officer_id())

    def save(self) -> Visit | None:
        """Create the LP (it takes its number); None while something still needs fixing."""
        visit = self.visit()
        problems: list[Problem] = list(self._session.store.visits.check(visit))
        if self.officer.unknown_text():
            problems.insert(0, error("receiving_officer_id", "unknown_officer",
                                       not_on_roster(self.officer.unknown_text())))
        if blocking(problems, ()):
            self.board.show(problems)
            return None
        try:
            self.created = self._session.write(
                lambda: self._session.store.visits.create(visit, self._session.officer_id))
        except StoreError as exc:
            self.board.summary.set_message(describe(exc))
            return None
        self.accept()
        return self.created
