"""Pengaturan › Polres and the status bar (issue 20 item 8 of the issue): the hub's address
and the bundle folder are settings, a push and a bundle run in the background, the label
shows the last one, the entries waiting and the last error in Indonesian."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from app.store import Store
from tests.hub_support import hub_count, local_entries, make_station
from tests.pg_server import hub_dsn, pg_server  # noqa: F401 (fixtures)
from ui.session import Session
from ui.settings.sync import SyncPanel
from ui.sync_status import SyncStatusLabel, sync_service


@pytest.fixture
def station(tmp_path: Path, qtbot: QtBot) -> Store:
    store = make_station(tmp_path / "a.db", "PDM")
    yield store
    store.close()


def test_push_in_the_background_and_the_status_label(station: Store, qtbot: QtBot,
                                                     hub_dsn: str) -> None:  # noqa: F811
    from app.hub.connect import connect
    from app.hub.schema import migrate

    with connect(hub_dsn) as conn:
        migrate(conn)
    session = Session(station)
    panel = SyncPanel(session)
    qtbot.addWidget(panel)
    label = SyncStatusLabel(session)
    qtbot.addWidget(label)
    assert label.text().startswith("Polres: belum pernah dikirim")
    panel.dsn_edit.setText(hub_dsn)
    panel.dsn_edit.setModified(True)
    with qtbot.waitSignal(sync_service(session).finished, timeout=60_000):
        panel.push_button.click()
    assert station.settings.app_settings().hub_dsn == hub_dsn
    assert "entri baru" in panel.result.text()
    assert hub_count(hub_dsn, "hub_entries", "PDM") == station.sync.status("hub").acked_id
    assert label.text().startswith("Polres: terkirim hari ini")
    assert not label.alarm
    panel.grab().save("/tmp/i20_sync_panel.png")


def test_a_failed_push_shows_in_indonesian(station: Store, qtbot: QtBot,
                                           tmp_path: Path) -> None:
    session = Session(station)
    panel = SyncPanel(session)
    qtbot.addWidget(panel)
    label = SyncStatusLabel(session)
    qtbot.addWidget(label)
    panel.dsn_edit.setText(f"host={tmp_path / 'tidak-ada'} dbname=piket connect_timeout=2")
    panel.dsn_edit.setModified(True)
    with qtbot.waitSignal(sync_service(session).failed, timeout=60_000):
        panel.push_button.click()
    assert "tidak dapat dihubungi" in panel.result.text()
    assert label.alarm and label.text().startswith("Polres: gagal dikirim")
    assert f"{local_entries(station)} entri menunggu" in label.text()
    assert "tidak dapat dihubungi" in label.toolTip()


def test_bundle_into_the_folder(station: Store, qtbot: QtBot, tmp_path: Path) -> None:
    session = Session(station)
    panel = SyncPanel(session)
    qtbot.addWidget(panel)
    folder = tmp_path / "flashdisk"
    folder.mkdir()
    panel.folder_edit.setText(str(folder))
    panel.folder_edit.setModified(True)
    with qtbot.waitSignal(sync_service(session).finished, timeout=60_000):
        panel.bundle_button.click()
    written = list(folder.iterdir())
    assert len(written) == 1 and written[0].name.startswith("piket-PDM-")
    assert "Bundel ditulis" in panel.result.text()
