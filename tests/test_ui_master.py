"""Data Master and Pengaturan, built directly on a temporary store: table models (checked by
qtmodeltester), duplicate NRP, deactivation, stable codes, number templates with their
preview, and Indonesian buttons in every dialog of the shell."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QWidget,
)

from app.domain.models import Category, Desa, LawArticle, Officer, StationProfile
from app.store import Store
from tests.factories import lp
from tests.test_ui_shell import answer_next, click_button, english_buttons, on_next_modal
from ui.common.dialogs import ask_save_discard_cancel, ask_yes_no, inform
from ui.first_run import FirstRunDialog
from ui.master.officers import OfficerEditor
from ui.master.page import KINDS, MasterPage
from ui.master.table import MasterTableModel
from ui.session import Session
from ui.settings.page import SettingsPage
from ui.signin.dialog import RecoveryDialog, SignInDialog
from ui.signin.first_run import NewStoreDialog
from ui.signin.upgrade import UpgradeDialog


@pytest.fixture
def session(qapp: QApplication, store: Store, officer: Officer) -> Session:
    store.settings.save_station_profile(StationProfile(), None)
    session = Session(store)
    session.set_officer(officer.id)
    return session


@pytest.fixture
def master(qtbot, session: Session) -> MasterPage:
    page = MasterPage(session)
    qtbot.addWidget(page)
    return page


def type_into(qtbot, edit: QWidget, text: str) -> None:
    """Replace the text of a line edit by typing, as a user does (emits textEdited)."""
    assert isinstance(edit, QLineEdit)
    edit.selectAll()
    qtbot.keyClicks(edit, text)  # replaces the selection


# ---------------------------------------------------------------------- models
@pytest.mark.parametrize("spec", KINDS, ids=[spec.kind for spec in KINDS])
def test_every_master_model_passes_qtmodeltester(qtmodeltester, session: Session, spec) -> None:
    model: MasterTableModel = spec.model()
    model.set_items(session.store.master.list(spec.cls))
    assert model.columnCount() == len(model.HEADERS)
    qtmodeltester.check(model, force_py=True)


def test_models_name_their_columns(session: Session) -> None:
    from ui.master.officers import OfficerTableModel

    model = OfficerTableModel()
    model.set_items(session.store.master.list(Officer))
    assert model.headerData(OfficerTableModel.NRP, Qt.Orientation.Horizontal) == "NRP"
    assert model.index(0, OfficerTableModel.NRP).data() == "85061234"
    assert model.index(0, OfficerTableModel.ACTIVE).data() == "Aktif"


# ---------------------------------------------------------------------- roster
def test_adding_an_officer_with_a_duplicate_nrp_shows_the_message_next_to_the_field(
        qtbot, master: MasterPage, session: Session) -> None:
    panel = master.panel("Personel")
    editor = panel.open_editor(None)
    qtbot.addWidget(editor)
    assert isinstance(editor, OfficerEditor)
    type_into(qtbot, editor.form.field("name"), "Joko Widodo")
    type_into(qtbot, editor.form.field("nrp"), "85061234")  # BRIPKA ANDI SAPUTRA's NRP
    click_button(editor, "Simpan")
    assert editor.result() != QDialog.DialogCode.Accepted  # stays open: nothing typed is lost
    assert editor.problem("nrp") == ("NRP 85061234 sudah dipakai oleh BRIPKA ANDI SAPUTRA. "
                                     "Periksa kembali NRP-nya.")
    assert editor.form.field("name").text() == "Joko Widodo"  # type: ignore[attr-defined]
    assert len(session.store.master.list(Officer)) == 1

    type_into(qtbot, editor.form.field("nrp"), "90010101")
    click_button(editor, "Simpan")
    assert editor.result() == QDialog.DialogCode.Accepted
    officers = session.store.master.list(Officer)
    assert [o.nrp for o in officers] == ["85061234", "90010101"]
    added = next(o for o in officers if o.nrp == "90010101")
    assert added.meta is not None and added.meta.created_by == session.officer_id
    assert panel.model.rowCount() == 2  # the list reloaded from the change signal


def test_nrp_must_be_eight_digits(qtbot, master: MasterPage) -> None:
    editor = master.panel("Personel").open_editor(None)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.form.field("name"), "Rina")
    type_into(qtbot, editor.form.field("nrp"), "8506 123")
    click_button(editor, "Simpan")
    assert editor.result() != QDialog.DialogCode.Accepted
    assert editor.problem("nrp").startswith("NRP harus 8 angka")


# ---------------------------------------------------------------------- desa
def test_deactivate_a_desa(qtbot, master: MasterPage, session: Session) -> None:
    panel = master.panel("Desa")
    serinanti = next(d for d in session.store.master.list(Desa) if d.name == "Serinanti")
    assert serinanti.meta is not None and panel.select_id(serinanti.meta.id)
    assert panel.toggle_button.text().replace("&", "") == "Nonaktifkan"

    seen = answer_next("Ya")
    panel.toggle_button.click()
    assert seen and isinstance(seen[0], QMessageBox) and "Serinanti" in seen[0].text()
    active = [d.name for d in session.store.master.list(Desa, active_only=True)]
    assert "Serinanti" not in active and len(active) == 14
    row = panel.model.row_of(serinanti.meta.id)
    assert row is not None and panel.model.index(row, 1).data() == "Nonaktif"
    assert panel.toggle_button.text().replace("&", "") == "Aktifkan kembali"
    assert "1 nonaktif" in panel._count.text()
    # kept, never deleted: still in the full list
    assert "Serinanti" in [d.name for d in session.store.master.list(Desa)]

    answer_next("Ya")
    panel.toggle_button.click()
    assert "Serinanti" in [d.name for d in session.store.master.list(Desa, active_only=True)]


def test_deactivation_can_be_declined(qtbot, master: MasterPage, session: Session) -> None:
    panel = master.panel("Desa")
    desa = session.store.master.list(Desa)[0]
    assert desa.meta is not None and panel.select_id(desa.meta.id)
    answer_next("Tidak")
    panel.toggle_button.click()
    assert session.store.master.list(Desa)[0].active


def test_duplicate_desa_name(qtbot, master: MasterPage) -> None:
    editor = master.panel("Desa").open_editor(None)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.form.field("name"), "sukadamai")
    click_button(editor, "Simpan")
    assert editor.result() != QDialog.DialogCode.Accepted
    assert "sudah ada" in editor.problem("name")


# ---------------------------------------------------------------------- categories, laws
def test_category_code_is_suggested_then_fixed_once_saved(
        qtbot, master: MasterPage, session: Session) -> None:
    panel = master.panel("Kategori")
    editor = panel.open_editor(None)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.form.field("label"), "Pencurian ternak")
    assert editor.form.field("code").text() == "pencurian_ternak"  # type: ignore[attr-defined]
    click_button(editor, "Simpan")
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = next(c for c in session.store.master.list(Category) if c.code == "pencurian_ternak")

    again = panel.open_editor(saved)
    qtbot.addWidget(again)
    code = again.form.field("code")
    assert isinstance(code, QLineEdit) and code.isReadOnly()
    type_into(qtbot, again.form.field("label"), "Pencurian hewan ternak")
    click_button(again, "Simpan")
    updated = next(c for c in session.store.master.list(Category) if c.code == "pencurian_ternak")
    assert updated.label == "Pencurian hewan ternak"


def test_category_code_rules(qtbot, master: MasterPage) -> None:
    editor = master.panel("Kategori").open_editor(None)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.form.field("label"), "Curat lagi")
    type_into(qtbot, editor.form.field("code"), "curat")
    click_button(editor, "Simpan")
    assert "sudah dipakai" in editor.problem("code")
    type_into(qtbot, editor.form.field("code"), "Curat Baru")
    click_button(editor, "Simpan")
    assert "huruf kecil" in editor.problem("code")


def test_law_article_replaces_an_old_article(qtbot, master: MasterPage, session: Session) -> None:
    editor = master.panel("Pasal").open_editor(None)
    qtbot.addWidget(editor)
    type_into(qtbot, editor.form.field("code"), "999 KUHP")
    type_into(qtbot, editor.form.field("title"), "Pasal uji")
    replaces = editor.form.field("replaces")
    replaces.setCurrentIndex(replaces.findData("362 KUHP (lama)"))  # type: ignore[attr-defined]
    law = editor.form.field("law")
    law.setCurrentIndex(law.findData("lainnya"))  # type: ignore[attr-defined]
    click_button(editor, "Simpan")
    assert "Hanya pasal KUHP baru" in editor.problem("replaces")
    law.setCurrentIndex(law.findData("kuhp_baru"))  # type: ignore[attr-defined]
    click_button(editor, "Simpan")
    assert editor.result() == QDialog.DialogCode.Accepted
    saved = next(a for a in session.store.master.list(LawArticle) if a.code == "999 KUHP")
    assert saved.replaces_code == "362 KUHP (lama)" and saved.law == "kuhp_baru"


# ---------------------------------------------------------------------- settings
def test_edit_a_number_template_and_see_the_preview(
        qtbot, session: Session, officer: Officer, clock) -> None:
    store = session.store
    for hours in (1, 2, 3):  # three LP model B issued this year
        store.visits.create(lp(clock() - timedelta(hours=hours), officer.id), officer.id)
    page = SettingsPage(session)
    qtbot.addWidget(page)
    form = page.templates_form
    assert form.preview("lp_b") == ("Nomor berikutnya: LP/B/4/II/2024/SPKT/POLSEK PEDAMARAN/"
                                    "POLRES OGAN KOMERING ILIR/POLDA SUMATERA SELATAN")
    assert form.preview("sktlk") == "Nomor berikutnya: SKTLK/1/II/2024/SPKT/POLSEK PEDAMARAN"

    edit = form.form.field("lp_b")
    type_into(qtbot, edit, "LP/B/{n}/{month}/{year}/SPKT/POLSEK {station}")
    assert form.preview("lp_b") == "Nomor berikutnya: LP/B/4/II/2024/SPKT/POLSEK PEDAMARAN"

    type_into(qtbot, edit, "LP/B/{n}/{bulan}/{year}")
    assert "Isian {bulan} tidak dikenal" in form.form.message("lp_b")
    assert form.preview("lp_b") == ""
    page.tabs.setCurrentIndex(0)
    assert not page.save()
    assert page.tabs.currentIndex() == 1  # shows the tab with the problem
    assert store.profile().template_lp_b == StationProfile().template_lp_b

    type_into(qtbot, edit, "LP/B/{n}/{month}/SPKT")
    assert "{year}" in form.form.message("lp_b")

    type_into(qtbot, edit, "LP/B/{n}/{month}/{year}/SPKT/POLSEK {station}")
    assert form.form.message("lp_b") == ""
    assert page.save()
    assert store.profile().template_lp_b == "LP/B/{n}/{month}/{year}/SPKT/POLSEK {station}"
    assert "tersimpan" in page.status.text()


def test_station_names_typed_in_the_profile_show_in_the_preview(qtbot, session: Session) -> None:
    page = SettingsPage(session)
    qtbot.addWidget(page)
    type_into(qtbot, page.profile_form.station_form.field("name"), "kayuagung")
    assert page.templates_form.preview("sktlk") == (
        "Nomor berikutnya: SKTLK/1/II/2024/SPKT/POLSEK KAYUAGUNG")
    assert page.is_dirty()
    assert page.save()
    assert session.store.profile().name == "KAYUAGUNG"
    assert session.store.profile().code == StationProfile().code  # the code stays stable


def test_backup_section_is_a_separate_slot(qtbot, session: Session) -> None:
    import importlib.util

    page = SettingsPage(session)
    qtbot.addWidget(page)
    titles = [page.tabs.tabText(i) for i in range(page.tabs.count())]
    assert titles == ["Profil Polsek", "Pola nomor", "Dokumen", "Umum", "Cadangan"]
    if importlib.util.find_spec("ui.settings.backup") is None:
        labels = [w.text() for w in page.backup.findChildren(QLabel)]
        assert any("belum tersedia" in text for text in labels)


# ---------------------------------------------------------------------- Indonesian buttons
def test_every_dialog_of_the_shell_has_indonesian_buttons(
        qtbot, session: Session, master: MasterPage, tmp_path) -> None:
    new = tmp_path / "baru.db"
    dialogs: list[QWidget] = [
        SignInDialog(new, QSettings(str(tmp_path / "x.ini"), QSettings.Format.IniFormat)),
        RecoveryDialog(new), NewStoreDialog(new), UpgradeDialog(new, []),
        SettingsPage(session), master]
    empty = Session(Store(tmp_path / "kosong.db"))
    dialogs.append(FirstRunDialog(empty))
    for spec in KINDS:
        panel = master.panel(spec.title)
        dialogs.append(panel.open_editor(None))
        if panel.model.rowCount():
            dialogs.append(panel.open_editor(panel.model.item(0)))
    for widget in dialogs:
        qtbot.addWidget(widget)
        assert english_buttons(widget) == [], widget
    boxes: list[QWidget] = []

    def check(box: QWidget) -> None:
        boxes.append(box)
        assert english_buttons(box) == []
        assert "Ya" in [b.text() for b in box.findChildren(QPushButton)]
        click_button(box, "Ya")

    on_next_modal(check)
    ask_yes_no(None, "Data Master", "Nonaktifkan?")
    on_next_modal(lambda box: click_button(box, "Kembali ke formulir"))
    ask_save_discard_cancel(None, "Piket", "Simpan perubahan?")
    on_next_modal(lambda box: click_button(box, "OK"))
    inform(None, "Piket", "Tersimpan.")
    assert boxes
    empty.store.close()


def test_main_window_pages_have_no_english_buttons(
        qtbot, session: Session, tmp_path) -> None:
    from ui.main_window import MainWindow
    from ui.pages import Page

    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    for page in (Page.MASTER, Page.SETTINGS):
        assert english_buttons(window.page(page)) == []
