"""Qt's own file dialog (the non-native one Piket uses on Linux) and print dialog speak
Indonesian: every text they show (labels, buttons, group boxes, tabs, combo items, column
headers, tooltips, the title) is walked with findChildren and none is English. The words
come from resources/i18n/qt_id.ts (Qt ships no qtbase_id.qm)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabWidget,
    QWidget,
)

from app.resources import resource_path
from ui.i18n import install_translations

# English words of those dialogs, whatever the catalogue holds (a missing translation shows
# Qt's English source, made of these words)
ENGLISH = {
    "look", "in", "file", "files", "name", "type", "print", "properties", "options", "copies",
    "collate", "reverse", "pages", "page", "location", "size", "date", "modified", "back",
    "forward", "parent", "directory", "detail", "list", "view", "create", "new", "color",
    "grayscale", "double", "sided", "side", "binding", "selection", "current", "output",
    "settings", "range", "all", "preview", "local", "write", "save", "open", "cancel", "even",
    "odd", "from", "to", "set", "off", "mode", "of", "specify", "e", "g", "prints", "and",
}
# words both languages use (KBBI loanwords, names, units)
SHARED = {"printer", "folder", "pdf", "mm", "pt", "in", "per"}
DIALOG_CONTEXTS = ("QFileDialog", "QFileSystemModel", "QPrintDialog", "QPrintWidget",
                   "QPrintSettingsOutput", "QPageSetupWidget", "QPrintPropertiesWidget")


def _english_words() -> set[str]:
    """ENGLISH plus every word of the Qt sources of these dialogs in the catalogue."""
    words = set(ENGLISH)
    root = ElementTree.parse(resource_path("i18n", "qt_id.ts")).getroot()
    for context in root.iter("context"):
        if context.findtext("name") in DIALOG_CONTEXTS:
            for message in context.iter("message"):
                words |= {w.lower() for w in re.findall(r"[A-Za-z]+", message.findtext("source") or "")}
    return words - SHARED


def visible_texts(dialog: QWidget) -> list[str]:
    texts = [dialog.windowTitle()]
    for child in dialog.findChildren(QWidget):
        texts.append(child.toolTip())
        if isinstance(child, QAbstractButton | QLabel):
            texts.append(child.text())
        elif isinstance(child, QGroupBox):
            texts.append(child.title())
        elif isinstance(child, QComboBox):
            texts += [child.itemText(i) for i in range(child.count())]
        elif isinstance(child, QTabWidget):
            texts += [child.tabText(i) for i in range(child.count())]
        elif isinstance(child, QLineEdit):
            texts.append(child.placeholderText())
        if isinstance(child, QAbstractItemView) and child.model() is not None:
            model = child.model()
            texts += [str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                      for c in range(model.columnCount())]
    return [t for t in texts if t.strip()]


def english_in(texts: list[str]) -> list[str]:
    words = _english_words()
    return [t for t in texts if not t.startswith("/")  # a folder's path is no English
            and {w.lower() for w in re.findall(r"[A-Za-z]+", t.replace("&", ""))} & words]


@pytest.fixture
def indonesian(qapp: QApplication, tmp_path: Path) -> Iterator[None]:
    translators = install_translations(qapp, "id", tmp_path)
    if not translators:
        pytest.skip("lrelease not available to build the .qm")
    yield
    for translator in translators:
        qapp.removeTranslator(translator)


def _shown(qtbot, dialog: QDialog) -> QDialog:  # type: ignore[no-untyped-def]
    qtbot.addWidget(dialog)
    dialog.show()
    QCoreApplication.processEvents()
    return dialog


@pytest.mark.parametrize("mode", [QFileDialog.AcceptMode.AcceptSave,
                                  QFileDialog.AcceptMode.AcceptOpen])
def test_file_dialog_is_indonesian(qtbot, indonesian: None, tmp_path: Path,  # type: ignore[no-untyped-def]
                                   mode: QFileDialog.AcceptMode) -> None:
    (tmp_path / "anev.pdf").write_bytes(b"%PDF-1.4\n")
    dialog = QFileDialog(None, "Simpan dokumen sebagai PDF", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setAcceptMode(mode)
    dialog.setNameFilters(["PDF (*.pdf)", "Semua berkas (*)"])
    _shown(qtbot, dialog)
    texts = visible_texts(dialog)
    assert "&Nama berkas:" in texts and "&Jenis berkas:" in texts and "&Lokasi:" in texts
    assert english_in(texts) == []
    # the context menu of the file list too
    assert QCoreApplication.translate("QFileDialog", "Show &hidden files") != "Show &hidden files"


def test_print_dialog_is_indonesian(qtbot, indonesian: None) -> None:  # type: ignore[no-untyped-def]
    printer = QPrinter()
    dialog = _shown(qtbot, QPrintDialog(printer))
    texts = visible_texts(dialog)
    assert "&Cetak" in texts and "Cetak" in texts  # the button and the title
    assert english_in(texts) == []


def test_the_check_finds_english() -> None:
    """Untranslated, the dialog's words are caught (what the test above would see)."""
    assert english_in(["&Look in:", "File &name:", "Files of &type:", "P&roperties",
                       "&Options >>", "&Print"]) == ["&Look in:", "File &name:",
                                                      "Files of &type:", "P&roperties",
                                                      "&Options >>", "&Print"]
    assert english_in(["&Lokasi:", "Printer", "Cetak ke berkas (PDF)"]) == []
