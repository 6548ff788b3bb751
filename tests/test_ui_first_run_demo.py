"""The demo data of the first run is made off the GUI thread (ui.common.jobs): a generator
that fails leaves the dialog open with the reason, the profile saved."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.changes import ChangeKind, Changes
from app.store import Store
from tests.test_ui_shell import click_button
from ui.first_run import DEMO_KINDS, FirstRunDialog
from ui.session import Session


def test_a_failing_demo_keeps_the_dialog_open_with_the_reason(
        qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []

    def broken(path: Path) -> None:
        threads.append(threading.get_ident())
        raise RuntimeError("generator rusak")

    monkeypatch.setattr(threading, "excepthook", lambda args: None)  # logged, not printed
    session = Session(store)
    dialog = FirstRunDialog(session, demo=broken)
    qtbot.addWidget(dialog)
    dialog.demo_check.setChecked(True)
    changes: list[Changes] = []
    session.changed.connect(changes.append)
    click_button(dialog, "Simpan dan mulai")
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert threads and threads[0] != threading.get_ident()
    assert store.settings.has_station_profile()
    assert "Data contoh gagal dibuat (generator rusak)" in dialog._general.text()
    assert changes[-1] == DEMO_KINDS and ChangeKind.VISIT in DEMO_KINDS

