"""Forms and questions are deleted once closed, and charts do not keep their old axes.

A dialog made with a parent belongs to it: a patrol or meeting form closed without being
deleted stayed, hidden, under its page until the window closed (3 MB each: 126 forms opened
and closed took the window from 99 MB to 501 MB). The home page's chart, redrawn every
minute, kept the two axes it replaced each time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSettings, QTimer
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from app.domain.models import Officer, StationProfile
from app.store import Store
from tests.factories import patrol as make_patrol
from ui.common.dialogs import disposing
from ui.common.figures import BarChart
from ui.main_window import MainWindow
from ui.pages import Page
from ui.records.history import HistoryDialog
from ui.session import Session
from ui.visits.dialog import VisitDialog


def deleted_later() -> None:
    """What the event loop does next: delete what deleteLater() asked for."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


@pytest.fixture
def session(qapp: QApplication, store: Store) -> Session:
    store.settings.save_station_profile(StationProfile(), None)
    officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    session = Session(store)
    assert officer.id is not None
    session.set_officer(officer.id)
    return session


@pytest.fixture
def window(qtbot, session: Session, tmp_path: Path) -> MainWindow:
    window = MainWindow(session, QSettings(str(tmp_path / "q.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.mark.parametrize("page", [Page.VISITS, Page.PATROLS, Page.MEETINGS])
def test_a_closed_form_is_deleted(window: MainWindow, page: Page) -> None:
    shown = window.show_page(page)
    for _ in range(3):
        dialog = shown.new_visit() if page is Page.VISITS else shown.new_record()  # type: ignore[attr-defined]
        assert dialog is not None and dialog.isVisible()
        dialog.reject()  # nothing typed: closes without asking
        deleted_later()
        assert not shiboken6.isValid(dialog)
    assert window.findChildren(QDialog) == []


def test_an_lp_being_typed_outlives_the_patrol_form_it_came_from(
        window: MainWindow, session: Session, store: Store) -> None:
    officer_id = session.officer_id
    assert officer_id is not None
    patrol = store.patrols.save(make_patrol(datetime(2024, 2, 13, 14, 0, tzinfo=UTC), officer_id),
                                officer_id).record
    assert patrol.meta is not None
    page = window.show_page(Page.PATROLS)
    form = page.open_patrol(patrol.meta.id)  # type: ignore[attr-defined]
    form.lp_button.click()
    (lp,) = [w for w in QApplication.topLevelWidgets() if isinstance(w, VisitDialog)]
    lp.keeper.stop()  # no draft timer in a test
    # the patrol form is window-modal: the LP form still takes typing, as the window system
    # delivers it (to its window, where a window blocked by a modal one gets nothing)
    name = lp.form.s.reporter.name
    name.setFocus()
    QTest.keyClick(lp.windowHandle(), "S")  # (a blocked window gets nothing: "")
    assert name.text() == "S"
    form.reject()  # the patrol form closes (nothing changed in it)
    deleted_later()
    assert shiboken6.isValid(lp) and lp.isVisible()  # the LP being typed stays
    lp.mark_clean()
    lp.reject()
    deleted_later()
    assert not shiboken6.isValid(lp) and not shiboken6.isValid(form)


def test_a_closed_history_window_is_deleted(window: MainWindow, session: Session) -> None:
    dialog = HistoryDialog(session, "0192f0c4-7a1b-7c3d-8e9f-0123456789ab", "LP/B/1/XI/2026",
                           window)
    dialog.open()
    dialog.reject()
    deleted_later()
    assert not shiboken6.isValid(dialog)


def test_a_print_dialog_used_through_disposing_is_deleted(window: MainWindow) -> None:
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())  # type: ignore[union-attr]
    printer = QPrinter()
    with disposing(QPrintDialog(printer, window)) as dialog:
        assert dialog.exec() == QDialog.DialogCode.Rejected
    deleted_later()
    assert window.findChildren(QPrintDialog) == []


def test_a_redrawn_chart_deletes_the_axes_it_replaces(qtbot) -> None:
    chart = BarChart("Tren 8 minggu: LP (CT) dan 3C")
    qtbot.addWidget(chart)
    old_axes = []
    for week in range(5):
        old_axes.extend(chart.chart().axes())
        chart.set_data(["W01", "W02"], [("CT", [week, 2]), ("3C", [0, 1])])
        deleted_later()
    assert len(old_axes) == 8
    assert not any(shiboken6.isValid(axis) for axis in old_axes)
    assert len(chart.chart().axes()) == 2
