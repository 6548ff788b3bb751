"""Who opens the store at start, by its state (app.store.signin.store_state): a new store
(first run, the first administrator, the recovery key), a plain store of the previous version
(encrypted now, see ui/signin/upgrade.py), an encrypted store (the sign-in dialog), or an
encrypted store without its key file (said, and a restore offered)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from app.domain.models import Officer
from app.store import (
    DamagedStore,
    SignInFailed,
    Store,
    StoreError,
    StoreUnavailable,
    store_state,
)
from ui.common.dialogs import message_box
from ui.first_run import DemoFn
from ui.signin.dialog import LAST_NRP_KEY, SignInDialog
from ui.signin.recovery_key import RecoveryKeyDialog


def sign_in_at_start(path: Path, settings: QSettings, parent: QWidget | None = None, *,
                     demo: DemoFn | None = None) -> Store | None:
    """The store at `path` opened by an officer who signed in, or None (cancelled, or it
    cannot be opened: said)."""
    from ui.backup_status import offer_restore
    from ui.startup import open_failure_message

    while True:
        state = store_state(path)
        try:
            if state == "new":
                if not path.parent.is_dir():  # a flash disk not plugged in: no new store there
                    raise StoreUnavailable("missing", str(path))
                return _first_run(path, settings, parent, demo)
            if state == "plain":
                return _upgrade(path, settings, parent)
            if state == "no_keys":
                _no_keys(path, parent)
                if offer_restore(path, parent):
                    continue
                return None
            dialog = SignInDialog(path, settings, parent)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                # the password was right but the store is damaged: its backups, with that key
                if dialog.damaged_key is not None and offer_restore(path, parent,
                                                                    key=dialog.damaged_key):
                    continue
                return None
            return dialog.store
        except DamagedStore:
            if offer_restore(path, parent):
                continue
            return None
        except StoreError as exc:
            message_box(parent, QMessageBox.Icon.Critical, "Piket tidak dapat dibuka",
                        open_failure_message(exc, path), QMessageBox.StandardButton.Ok).exec()
            return None


def show_recovery_key(store: Store, recovery_key: str, parent: QWidget | None) -> None:
    RecoveryKeyDialog(store, recovery_key, parent).exec()


def _first_run(path: Path, settings: QSettings, parent: QWidget | None,
               demo: DemoFn | None) -> Store | None:
    from ui.signin.first_run import NewStoreDialog

    dialog = NewStoreDialog(path, parent, demo=demo)
    dialog.exec()
    if dialog.store is None:
        return None
    show_recovery_key(dialog.store, dialog.recovery_key, parent)
    settings.setValue(LAST_NRP_KEY, dialog.store.access.nrp)
    return dialog.store


def _upgrade(path: Path, settings: QSettings, parent: QWidget | None) -> Store | None:
    from ui.signin.upgrade import UpgradeDialog

    with Store(path) as plain:  # migrated and checked; only the roster is read
        roster = list(plain.master.list(Officer, active_only=True))
    dialog = UpgradeDialog(path, roster, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.store is None:
        return None
    show_recovery_key(dialog.store, dialog.recovery_key, parent)
    settings.setValue(LAST_NRP_KEY, dialog.store.access.nrp)
    return dialog.store


def _no_keys(path: Path, parent: QWidget | None) -> None:
    try:
        from app.store import sign_in

        sign_in(path, "-", "-")
    except SignInFailed as exc:
        text = str(exc)
    else:  # pragma: no cover - a store without keys never opens
        text = ""
    message_box(parent, QMessageBox.Icon.Warning, "Berkas kunci tidak ditemukan",
                text + "\n\nAtau pulihkan basis data dan kuncinya dari cadangan.",
                QMessageBox.StandardButton.Ok).exec()
