"""Restoring an encrypted store that cannot be signed into (damaged): the key comes from a
password or the recovery key typed into KeyPrompt (ui/key_prompt.py)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from app.domain.models import Officer
from app.security.keyslots import KeySlots
from app.store.signin import create_store
from tests.conftest import MutableClock
from ui.key_prompt import KeyPrompt


def test_a_wrong_password_is_said_under_the_field_and_the_right_one_opens(
        qtbot: QtBot, tmp_path: Path, clock: MutableClock) -> None:
    store, recovery = create_store(tmp_path / "piket.db", Officer("BUDI", "AKP", "75010001"),
                                   "Pedamaran2024", clock=clock)
    key = store.data_key
    store.close()
    prompt = KeyPrompt(KeySlots.path_for(tmp_path / "piket.db"), "Pulihkan.")
    qtbot.addWidget(prompt)
    prompt.show()
    prompt.nrp.setText("75010001")
    prompt.password.setText("Salah12345")
    assert not prompt.try_open()
    assert prompt.form.message("password") == "NRP atau kata sandi salah."
    prompt.use_recovery.setChecked(True)
    assert not prompt.nrp.isVisible() and prompt.recovery.isVisible()
    prompt.recovery.setText(recovery.lower())
    assert prompt.try_open()
    assert prompt.data_key == key
