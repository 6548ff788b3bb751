"""The sections of the walk-in form and how a Visit maps onto their widgets (see form.py)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.codes import SERVED_AT_DESK
from app.domain.models import LawArticle, Party
from ui.common.master_combo import MasterCombo
from ui.common.widgets import SPACING, DateTimeField, FieldBox
from ui.session import Session
from ui.visits.handling import HandlingSection
from ui.visits.items import LossesEditor, LostItemsEditor
from ui.visits.law import LawArticlePicker
from ui.visits.parties import PartyList, PersonEditor

SERVICE_CHOICES = (("lp", "LP — Laporan Polisi"), ("kehilangan", "Kehilangan"),
                   ("pengaduan", "Pengaduan"), ("dumas", "Dumas — pengaduan masyarakat"),
                   ("informasi", "Informasi / konsultasi"), ("lainnya", "Lainnya"))
MODEL_CHOICES = (("B", "B — laporan dari warga"), ("A", "A — dibuat petugas"))

# which sections each service shows
SECTIONS: dict[str, frozenset[str]] = {
    "lp": frozenset({"reporter", "incident", "narrative", "parties", "losses", "law", "flags"}),
    "kehilangan": frozenset({"reporter", "incident", "lost_items", "narrative"}),
    "pengaduan": frozenset({"reporter", "complaint", "narrative"}),
    "dumas": frozenset({"reporter", "complaint", "narrative"}),
    "informasi": frozenset({"reporter", "narrative"}),
    "lainnya": frozenset({"reporter", "other"}),
}
REPORTER_ROLE = {"pengaduan": "pengadu", "dumas": "pengadu"}  # else "pelapor"
REPORTER_REQUIRED = frozenset({"lp", "kehilangan", "pengaduan", "dumas"})
# (section title, occurred label, desa label, place label, narrative label) per service
LABELS: dict[str, dict[str, str]] = {
    "reporter": {"lp": "Pelapor", "kehilangan": "Pelapor", "pengaduan": "Pengadu",
                 "dumas": "Pengadu", "informasi": "Pengunjung", "lainnya": "Pengunjung"},
    "incident": {"lp": "Kejadian", "kehilangan": "Waktu dan tempat hilang"},
    "occurred_at": {"lp": "Waktu kejadian", "kehilangan": "Hilang pada (perkiraan)"},
    "incident_desa": {"lp": "Desa kejadian", "kehilangan": "Hilang di desa"},
    "place_detail": {"lp": "Lokasi (rinci)", "kehilangan": "Lokasi hilang (rinci)"},
    "narrative": {"lp": "Uraian singkat kejadian", "kehilangan": "Keterangan (bila perlu)",
                  "pengaduan": "Uraian pengaduan", "dumas": "Uraian pengaduan",
                  "informasi": "Topik / pertanyaan"},
}


def _text_edit(height: int = 70) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class FormSections(QWidget):
    edited = Signal()
    service_changed = Signal()
    restructured = Signal()  # rows or people added/removed: new boxes, new Tab order

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        now, today = session.local_now, session.today
        self.service = QComboBox()
        for code, label in SERVICE_CHOICES:
            self.service.addItem(label, code)
        self.lp_model = QComboBox()
        for code, label in MODEL_CHOICES:
            self.lp_model.addItem(label, code)
        self.received_at = DateTimeField(now)
        self.receiving_officer = MasterCombo(placeholder="Ketik nama petugas")
        self.reporter = PersonEditor(today)
        self.complaint_subject = QLineEdit()
        self.complaint_subject.setPlaceholderText("Siapa / apa yang diadukan, mis. tetangga, "
                                                  "pelayanan SPKT")
        self.teradu = PartyList("teradu", "Teradu", today, allow_unknown=True, compact=True)
        self.other_reason = QLineEdit()
        self.occurred_at = DateTimeField(now)
        self.incident_desa = MasterCombo(placeholder="Ketik nama desa")
        self.place_type = MasterCombo(placeholder="mis. rumah, jalan, pasar")
        self.place_detail = QLineEdit()
        self.category = MasterCombo(placeholder="Ketik jenis kejadian, mis. curanmor")
        self.lost_items = LostItemsEditor()
        self.narrative = _text_edit(90)
        self.modus_operandi = QLineEdit()
        self.evidence = _text_edit(50)
        self.suspects = PartyList("terlapor", "Terlapor", today, allow_unknown=True,
                                  note_label="Ciri-ciri / keterangan")
        self.victims = PartyList("korban", "Korban", today)
        self.witnesses = PartyList("saksi", "Saksi", today)
        self.losses = LossesEditor()
        self.law = LawArticlePicker()
        self.notable = QCheckBox("Kejadian menonjol (masuk rekap mingguan)")
        self.needs_visit = QCheckBox("Perlu petugas ke TKP (dipantau sampai petugas tiba)")
        self.handling = HandlingSection(now)
        # informasi / lainnya are usually done while the visitor is there: saved as selesai
        self.served = QCheckBox("Selesai dilayani (disimpan langsung dengan status Selesai)")
        self.served.setToolTip("Kunjungan ini tidak perlu ditindaklanjuti. Hapus centang bila "
                               "masih ada yang harus dikerjakan.")
        self.boxes: dict[str, FieldBox] = {}
        self.groups: dict[str, QGroupBox] = {}
        self._saved = False  # a stored record: the handling section shows
        self.extra_parties: tuple[Party, ...] = ()  # roles the form has no editor for
        self._labels: dict[str, QLabel] = {}
        self._build()
        self._connect()

    # ------------------------------------------------------------------ building
    def _box(self, name: str, widget: QWidget) -> FieldBox:
        box = FieldBox(widget)
        self.boxes[name] = box
        return box

    def _form(self, group: QGroupBox, rows: Sequence[tuple[str, str, QWidget]]) -> QFormLayout:
        form = QFormLayout(group)
        form.setHorizontalSpacing(SPACING * 2)
        form.setVerticalSpacing(SPACING)
        for name, text, widget in rows:
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[name] = label
            form.addRow(label, self._box(name, widget))
        return form

    def _group(self, name: str, title: str) -> QGroupBox:
        group = QGroupBox(title)
        self.groups[name] = group
        return group

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING * 2)
        group = self._group("reception", "Penerimaan")
        grid = QGridLayout(group)
        grid.setHorizontalSpacing(SPACING * 2)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        for i, (name, text, widget) in enumerate((
                ("service", "Jenis layanan", self.service), ("lp_model", "Model LP", self.lp_model),
                ("received_at", "Diterima", self.received_at),
                ("receiving_officer_id", "Petugas penerima", self.receiving_officer))):
            row, col = divmod(i, 2)
            label = QLabel(text)
            label.setBuddy(widget)
            self._labels[name] = label
            label.setContentsMargins(0, 4, 0, 0)
            grid.addWidget(label, row, col * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self._box(name, widget), row, col * 2 + 1, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.served, 2, 1, 1, 3)
        layout.addWidget(group)

        group = self._group("reporter", "Pelapor")
        QVBoxLayout(group).addWidget(self.reporter)
        layout.addWidget(group)

        group = self._group("complaint", "Pengaduan")
        form = self._form(group, (("complaint_subject", "Hal yang diadukan", self.complaint_subject),))
        form.addRow(QLabel("Teradu (bila ada)"), self.teradu)
        layout.addWidget(group)

        group = self._group("other", "Keperluan")
        self._form(group, (("other_reason", "Keperluan kedatangan", self.other_reason),))
        layout.addWidget(group)

        group = self._group("incident", "Kejadian")
        self._form(group, (("occurred_at", "Waktu kejadian", self.occurred_at),
                           ("category", "Kategori kejadian", self.category),
                           ("incident_desa", "Desa kejadian", self.incident_desa),
                           ("place_type", "Jenis tempat", self.place_type),
                           ("place_detail", "Lokasi (rinci)", self.place_detail)))
        layout.addWidget(group)

        group = self._group("lost_items", "Surat / barang yang hilang")
        QVBoxLayout(group).addWidget(self._box("lost_items", self.lost_items))
        layout.addWidget(group)

        group = self._group("narrative", "Uraian")
        self._form(group, (("narrative", "Uraian singkat kejadian", self.narrative),
                           ("modus_operandi", "Modus operandi", self.modus_operandi),
                           ("evidence", "Barang bukti", self.evidence)))
        layout.addWidget(group)

        group = self._group("parties", "Pihak terkait")
        inner = QVBoxLayout(group)
        for title, people in (("Terlapor (boleh tidak dikenal)", self.suspects),
                              ("Korban", self.victims), ("Saksi", self.witnesses)):
            inner.addWidget(QLabel(f"<b>{title}</b>"))
            inner.addWidget(people)
        layout.addWidget(group)

        group = self._group("losses", "Kerugian")
        QVBoxLayout(group).addWidget(self._box("losses", self.losses))
        layout.addWidget(group)

        group = self._group("law", "Pasal yang dipersangkakan")
        QVBoxLayout(group).addWidget(self._box("law_articles", self.law))
        layout.addWidget(group)

        group = self._group("flags", "Tanda")
        line = QHBoxLayout(group)
        line.addWidget(self.notable)
        line.addWidget(self.needs_visit)
        line.addStretch(1)
        layout.addWidget(group)

        self.groups["handling"] = self.handling
        layout.addWidget(self.handling)
        layout.addStretch(1)

    def _connect(self) -> None:
        self.service.currentIndexChanged.connect(self._on_service_changed)
        self.lp_model.currentIndexChanged.connect(self._on_service_changed)
        for widget in (self.received_at, self.receiving_officer, self.reporter, self.teradu,
                       self.occurred_at, self.incident_desa, self.place_type, self.category,
                       self.lost_items, self.suspects, self.victims, self.witnesses,
                       self.losses, self.law, self.handling):
            widget.edited.connect(self.edited)
        for line in (self.complaint_subject, self.other_reason, self.place_detail,
                     self.modus_operandi):
            line.textEdited.connect(self.edited)
        for text in (self.narrative, self.evidence):
            text.textChanged.connect(self.edited)
        self.notable.toggled.connect(self.edited)
        self.served.toggled.connect(self.edited)
        self.needs_visit.toggled.connect(self.edited)
        for editor in (self.teradu, self.suspects, self.victims, self.witnesses):
            editor.add_button.clicked.connect(self.restructured)
        for rows in (self.lost_items, self.losses):
            rows.add_button.clicked.connect(self.restructured)

    def _on_service_changed(self, *_args: object) -> None:
        if not self._saved:  # the officer chose the service: offer what usually follows
            self.served.setChecked(self.current_service() in SERVED_AT_DESK)
        self.apply_service()
        self.service_changed.emit()

    # ------------------------------------------------------------------ service
    def current_service(self) -> str:
        return str(self.service.currentData())

    def apply_service(self, saved: bool | None = None) -> None:
        service = self.current_service()
        shown = set(SECTIONS.get(service, ()))
        model_a = service == "lp" and self.lp_model.currentData() == "A"
        if model_a:
            shown.discard("reporter")
        if saved is not None:
            self._saved = saved
        if self._saved:
            shown.add("handling")
        for name, group in self.groups.items():
            if name != "reception":
                group.setVisible(name in shown)
        for widget in (self._labels["lp_model"], self.boxes["lp_model"]):
            widget.setVisible(service == "lp")
        self.groups["reporter"].setTitle(LABELS["reporter"].get(service, "Pelapor"))
        self.reporter.set_compact(service in ("informasi", "lainnya"))
        self.groups["incident"].setTitle(LABELS["incident"].get(service, "Kejadian"))
        for name in ("occurred_at", "incident_desa", "place_detail", "narrative"):
            self._labels[name].setText(LABELS[name].get(service, self._labels[name].text()))
        for name in ("category", "place_type", "modus_operandi", "evidence"):
            self._labels[name].setVisible(service == "lp")
            self.boxes[name].setVisible(service == "lp")
        self._labels["receiving_officer_id"].setText(
            "Petugas pembuat" if model_a else "Petugas penerima")
        self.handling.set_dispatch_visible(service == "lp")
        self.served.setVisible(not self._saved and service in SERVED_AT_DESK)

    def closes_when_saved(self) -> bool:
        """A new informasi / lainnya visit the officer marked as served: saved as selesai."""
        return (not self._saved and self.current_service() in SERVED_AT_DESK
                and self.served.isChecked())

    # ------------------------------------------------------------------ master data
    def set_master(self, *, officers: Sequence[tuple[str, int]],
                   categories: Sequence[tuple[str, str]], desa: Sequence[str],
                   place_types: Sequence[tuple[str, str]], laws: Sequence[LawArticle],
                   area: tuple[str, str] | None = None) -> None:
        self.receiving_officer.set_items(officers)
        self.handling.set_officers(officers)
        self.category.set_items(categories)
        self.incident_desa.set_items([(name, name) for name in desa])
        self.place_type.set_items(place_types)
        self.law.set_articles(laws)
        for people in (self.teradu, self.suspects, self.victims, self.witnesses):
            people.set_desa_names(desa, area)
        self.reporter.set_desa_names(desa, area)
