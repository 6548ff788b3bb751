"""The first run of a new store: the station profile and the first officer of ui/first_run.py,
who becomes the first administrator with the password typed here; `create_store` makes the
encrypted store, and the recovery key is shown next (ui/signin/recovery_key.py)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from app.domain.models import Officer
from app.store import InvalidPassword, Store, StoreError, create_store
from ui.common.errors import describe
from ui.common.forms import check_nrp, required
from ui.first_run import DemoFn, FirstRunDialog
from ui.session import Session
from ui.signin.fields import NewPassword


class NewStoreDialog(FirstRunDialog):
    """`store` (signed in as the first administrator) and `recovery_key` once accepted."""

    officer_title = "Admin pertama (petugas yang mengisi ini)"
    officer_hint = ("Personel ini menjadi admin pertama: masuk dengan NRP dan kata sandi ini. "
                    "Personel lain dan akunnya ditambah nanti.")

    def __init__(self, path: Path, parent: QWidget | None = None, *,
                 demo: DemoFn | None = None) -> None:
        self._path = Path(path)
        self.store: Store | None = None
        self.recovery_key = ""
        super().__init__(None, parent, demo=demo)

    def _add_officer_fields(self) -> None:
        self.new_password = NewPassword(self.officer_form, lambda: self.officer_nrp())

    def officer_nrp(self) -> str:
        officer = self.officer()
        return officer.nrp if officer else ""

    def _officer_problems(self) -> dict[str, str]:
        problems: dict[str, str] = {}
        officer = self.officer()
        required(problems, "name", officer.name if officer else "", "Nama")
        check_nrp(problems, "nrp", officer.nrp if officer else "")
        problems.update(self.new_password.problems())
        return problems

    def _open_session(self) -> Session | None:
        if self._session is not None:  # created on an earlier Simpan (the demo failed)
            return self._session
        officer = self.officer()
        assert officer is not None  # _officer_problems made sure
        try:
            self.store, self.recovery_key = create_store(self._path, officer,
                                                         self.new_password.value())
        except InvalidPassword as exc:
            self.officer_form.show_problems({"password": str(exc)})
            return None
        except StoreError as exc:
            self._general.set_message(describe(exc))
            return None
        self._session = Session(self.store)
        self.saved_officer = None if self.store.access.officer_id is None else \
            self.store.master.get(Officer, self.store.access.officer_id)
        return self._session

    def reject(self) -> None:
        if self.store is None:
            super().reject()
        else:  # the store exists (the demo failed): go on without it, to the recovery key
            QDialog.accept(self)
