"""The demo data of the first run is made off the GUI thread (ui.common.jobs): a generator
that fails leaves the dialog open with the reason, the profile saved."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from app.domain.changes import ChangeKind, Changes
from app.store import Store, VisitFilter, store_state
from tests.test_ui_shell import click_button
from ui.first_run import DEMO_KINDS, FirstRunDialog, demo_generator
from ui.session import Session
from ui.signin.first_run import NewStoreDialog


def test_a_failing_demo_keeps_the_dialog_open_with_the_reason(
        qtbot: QtBot, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    threads: list[int] = []

    def broken(path: Path, key: bytes | None) -> None:
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



def test_the_demo_goes_into_the_new_encrypted_store(qtbot: QtBot, tmp_path: Path) -> None:
    path = tmp_path / "latihan.db"
    dialog = NewStoreDialog(path, demo=demo_generator())
    qtbot.addWidget(dialog)
    dialog.set_officer("ANDI SAPUTRA", "BRIPKA", "85061234")
    dialog.new_password.set_value("Latihan2024")
    dialog.demo_check.setChecked(True)
    click_button(dialog, "Simpan dan mulai")
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog._general.text()
    assert dialog.store is not None and store_state(path) == "encrypted"
    with dialog.store as store:
        assert store.visits.count(VisitFilter()) > 0
        assert store.access.nrp == "85061234"
        assert store.accounts.find("85061234") is not None
    assert b"SQLite format 3" not in path.read_bytes()[:16]
