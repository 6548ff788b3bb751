"""Data Master: one tab per kind of master data. The station profile (names, Kapolsek, paper,
number templates) is edited in Pengaturan; its tab here links there."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from app.domain.changes import ChangeKind
from app.domain.models import Category, Desa, LawArticle, Officer, PlaceType, Position, Vehicle
from app.security.permissions import Action
from ui.common.editor import EditorDialog, SaveFn
from ui.master.categories import CategoryEditor, CategoryTableModel
from ui.master.desa import DesaEditor, DesaTableModel
from ui.master.laws import LawArticleEditor, LawArticleTableModel
from ui.master.officers import OfficerEditor, OfficerTableModel
from ui.master.panel import KindSpec, MasterListPanel
from ui.master.place_types import PlaceTypeEditor, PlaceTypeTableModel
from ui.master.positions import PositionEditor, PositionTableModel
from ui.master.vehicles import VehicleEditor, VehicleTableModel
from ui.roles import show_if
from ui.session import Session


def _officer_editor(session: Session, item: Any, save: SaveFn, parent: QWidget) -> EditorDialog:
    return OfficerEditor(item, save, parent,
                         roster=lambda: session.store.master.list(Officer),
                         positions=session.store.master.list(Position, active_only=True))


def _category_editor(session: Session, item: Any, save: SaveFn, parent: QWidget) -> EditorDialog:
    groups = lambda: tuple(c.group for c in session.store.master.list(Category))  # noqa: E731
    return CategoryEditor(item, save, parent, groups=groups)


def _law_editor(session: Session, item: Any, save: SaveFn, parent: QWidget) -> EditorDialog:
    master = session.store.master
    return LawArticleEditor(item, save, parent, categories=master.list(Category, active_only=True),
                            articles=master.list(LawArticle))


def _plain(editor: type[EditorDialog]) -> Any:
    return lambda session, item, save, parent: editor(item, save, parent)


# QT_TRANSLATE_NOOP marks a tab title for lupdate and returns it (typed `object`, hence str())
KINDS: tuple[KindSpec, ...] = (
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Personel")), "personel", Officer,
             ChangeKind.OFFICER, OfficerTableModel, _officer_editor, lambda o: o.display),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Jabatan")), "jabatan", Position,
             ChangeKind.POSITION, PositionTableModel, _plain(PositionEditor), lambda p: p.name,
             stretch_column=PositionTableModel.NAME),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Desa")), "desa", Desa, ChangeKind.DESA,
             DesaTableModel, _plain(DesaEditor), lambda d: d.name),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Kategori")), "kategori", Category,
             ChangeKind.CATEGORY, CategoryTableModel, _category_editor, lambda c: c.label,
             stretch_column=CategoryTableModel.LABEL),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Pasal")), "pasal", LawArticle,
             ChangeKind.LAW_ARTICLE, LawArticleTableModel, _law_editor, lambda a: a.code,
             stretch_column=LawArticleTableModel.TITLE),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Jenis tempat")), "jenis tempat", PlaceType,
             ChangeKind.PLACE_TYPE, PlaceTypeTableModel, _plain(PlaceTypeEditor), lambda p: p.label,
             stretch_column=PlaceTypeTableModel.LABEL),
    KindSpec(str(QT_TRANSLATE_NOOP("MasterPage", "Kendaraan")), "kendaraan", Vehicle,
             ChangeKind.VEHICLE, VehicleTableModel, _plain(VehicleEditor),
             lambda v: f"{v.name} ({v.plate})"),
)


class MasterPage(QWidget):
    # The profile tab's button: the station profile is edited in Pengaturan (ui/pages.py)
    settings_requested = Signal()

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.tabs = QTabWidget()
        self.panels: dict[str, MasterListPanel] = {}
        for spec in KINDS:
            panel = MasterListPanel(session, spec)
            self.panels[spec.title] = panel
            self.tabs.addTab(panel, QCoreApplication.translate("MasterPage", spec.title))
        self.tabs.addTab(self._profile_tab(), self.tr("Profil Polsek"))
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("<b>Data Master</b> \u2014 data yang dipakai di semua isian. "
                                 "Data tidak pernah dihapus: nonaktifkan bila tidak dipakai lagi."))
        heading.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)
        self.setFocusProxy(self.tabs)

    def add_tab(self, widget: QWidget, title: str) -> None:
        """A tab from another part of the window (the regu of ui/journal), before the
        profile tab (ui/pages.py wires it)."""
        self.tabs.insertTab(self.tabs.count() - 1, widget, title)

    def panel(self, title: str) -> MasterListPanel:
        return self.panels[title]

    def _profile_tab(self) -> QWidget:
        tab = QWidget()
        layout = QVBoxLayout(tab)
        text = QLabel(self.tr(
            "Nama Polsek, Polres dan Polda, Kapolsek, zona waktu, ukuran kertas dan pola nomor "
            "surat (LP, SKTLK, STPP, STPD) diatur di halaman Pengaturan."))
        text.setWordWrap(True)
        button = QPushButton(self.tr("Buka Pengaturan \u203a Profil Polsek"))
        button.clicked.connect(self.settings_requested)
        layout.addWidget(text)
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        show_if(self._session, Action.SETTINGS, button)
        return tab
