"""Akun Petugas (admin): the roster with each officer's account, and what an administrator
does with them: create an account (role and first password), change its role, reset its
password, deactivate it (with a reason; accounts are never deleted). The store refuses what
breaks a rule (the password rule, the last active admin, one's own account); the refusal is
shown in the dialog or above the list."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain.changes import ChangeKind, Changes
from app.domain.models import Officer
from app.security.permissions import Action, Role
from app.store import Account, StoreError
from ui.accounts.editors import CreateAccountEditor, NewAccount, ResetPasswordEditor, RoleEditor
from ui.accounts.model import AccountRow, AccountsTableModel
from ui.common.editor import EditorDialog
from ui.common.errors import describe
from ui.common.list_view import list_table, page_title
from ui.common.widgets import Banner, ask_reason
from ui.roles import may, on_role_change
from ui.session import Session


class AccountsPage(QWidget):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._shown_once = False
        self.model = AccountsTableModel(session.tz(), self)
        self.table = QTableView()
        self.banner = Banner()
        self.create_button = QPushButton("&Buat akun\u2026")
        self.role_button = QPushButton("Ubah &peran\u2026")
        self.reset_button = QPushButton("&Atur ulang kata sandi\u2026")
        self.deactivate_button = QPushButton("&Nonaktifkan\u2026")
        self.count_label = QLabel()
        self._build()
        self._connect()
        on_role_change(session, self, self.reload)  # loads now, and for the next officer

    def _build(self) -> None:
        title = page_title("Akun Petugas")
        intro = QLabel("Setiap petugas dalam daftar personel dapat punya akun: masuk dengan NRP "
                       "dan kata sandi. Akun tidak pernah dihapus; petugas yang pindah atau "
                       "pensiun dinonaktifkan.")
        intro.setWordWrap(True)
        self.table.setModel(self.model)
        list_table(self.table, AccountsTableModel.NAME)
        buttons = QHBoxLayout()
        for button in (self.create_button, self.role_button, self.reset_button,
                       self.deactivate_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.setFocusProxy(self.table)

    def _connect(self) -> None:
        self._session.changed.connect(self._on_session_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.create_button.clicked.connect(lambda: self.create_account())
        self.role_button.clicked.connect(lambda: self.change_role())
        self.reset_button.clicked.connect(lambda: self.reset_password())
        self.deactivate_button.clicked.connect(lambda: self.deactivate())

    # ------------------------------------------------------------------ loading
    def reload(self) -> None:
        if not may(self._session, Action.ACCOUNTS):
            self.model.set_rows(())  # another officer signed in: nothing to show them
            return
        selected = self.selected()
        store = self._session.store
        try:
            accounts = {a.officer_id: a for a in store.accounts.list()}
            locked = store.accounts.lockouts()
            rows = [AccountRow(o, account, locked.get(account.nrp) if account else None)
                    for o in store.master.list(Officer)
                    for account in (accounts.get(o.id or 0),)
                    if o.active or account is not None]
        except StoreError as exc:
            self.banner.show_message(describe(exc))
            return
        self.model.set_rows(rows)
        with_account = sum(1 for r in rows if r.account is not None and r.account.active)
        self.count_label.setText(f"{with_account} akun aktif, {len(rows)} personel")
        if not store.encrypted:
            self.banner.show_message(
                "Basis data ini belum terenkripsi: akun baru dibuat setelah admin pertama "
                "dibuat saat Piket dibuka (basis data lalu dienkripsi).", "warning")
        if selected is not None:
            self.select_officer(selected.officer_id)
        self._on_current_row_changed(self.table.currentIndex(), QModelIndex())

    def _on_session_changed(self, kinds: Changes) -> None:
        if ChangeKind.OFFICER in kinds:
            self.reload()

    # ------------------------------------------------------------------ selection
    def selected(self) -> AccountRow | None:
        index = self.table.currentIndex()
        return self.model.row_at(index.row()) if index.isValid() else None

    def select_officer(self, officer_id: int) -> bool:
        row = self.model.row_of(officer_id)
        if row >= 0:
            self.table.selectRow(row)
        return row >= 0

    def _on_current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row_at(current.row()) if current.isValid() else None
        account = row.account if row else None
        self.create_button.setEnabled(row is not None and account is None)
        self.role_button.setEnabled(account is not None and account.active)
        self.reset_button.setEnabled(account is not None)
        self.deactivate_button.setEnabled(account is not None and account.active)

    def _on_table_double_clicked(self, _index: QModelIndex) -> None:
        row = self.selected()
        if row is not None and row.account is None:
            self.create_account()
        elif row is not None:
            self.reset_password()

    # ------------------------------------------------------------------ actions
    def _open(self, dialog: EditorDialog, done: str) -> EditorDialog:
        """Opened window-modal; once the dialog saved, the list reloads and says `done`."""
        dialog.accepted.connect(self.reload)
        dialog.accepted.connect(lambda: self.banner.show_message(done, "info"))
        dialog.open()
        return dialog

    def create_account(self) -> EditorDialog | None:
        row = self.selected()
        if row is None or row.account is not None:
            return None
        officer_id, by = row.officer_id, self._session.officer_id

        def save(value: NewAccount) -> Account:
            return self._session.store.accounts.create(officer_id, value.role, value.password, by)

        self.banner.clear_message()
        return self._open(CreateAccountEditor(row.officer, save, self),
                          f"Akun {row.officer.display} dibuat. Sampaikan kata sandinya secara "
                          "langsung.")

    def change_role(self) -> EditorDialog | None:
        row = self.selected()
        if row is None or row.account is None:
            return None
        officer_id, by = row.officer_id, self._session.officer_id
        self.banner.clear_message()
        account = row.account

        def save(role: Role) -> Account:
            if role is account.role:
                return account  # nothing changed: no entry in the audit trail
            return self._session.store.accounts.set_role(officer_id, role, by)

        return self._open(RoleEditor(account, save, self),
                          f"Peran {row.officer.display} disimpan; berlaku saat ia masuk lagi.")

    def reset_password(self) -> EditorDialog | None:
        row = self.selected()
        if row is None or row.account is None:
            return None
        officer_id, by = row.officer_id, self._session.officer_id
        self.banner.clear_message()
        return self._open(ResetPasswordEditor(
            row.account, lambda password: self._session.store.accounts.reset_password(
                officer_id, password, by), self),
            f"Kata sandi {row.officer.display} diatur ulang; akunnya aktif.")

    def deactivate(self, reason: str | None = None) -> bool:
        """Deactivate the selected account with a reason (asked for when not given)."""
        row = self.selected()
        if row is None or row.account is None or not row.account.active:
            return False
        if reason is None:
            reason = ask_reason(
                self, "Nonaktifkan akun",
                f"{row.officer.display} tidak dapat masuk lagi. Akun dan semua catatannya tetap "
                "tersimpan; akun dapat diaktifkan kembali dengan mengatur ulang kata sandinya.",
                "Alasan (mis. pindah tugas, pensiun)", "Nonaktifkan")
        if not reason:
            return False
        try:
            self._session.store.accounts.deactivate(row.officer_id, self._session.officer_id,
                                                    reason)
        except StoreError as exc:
            self.banner.show_message(describe(exc))
            return False
        self.reload()
        self.banner.show_message(f"Akun {row.officer.display} dinonaktifkan. Catatannya tetap "
                                 "tersimpan.", "info")
        return True

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt naming)
        """Shown again: read again (what it lists changes without an announcement: sign-ins,
        lockouts, searches, records opened)."""
        if self._shown_once:
            self.reload()
        self._shown_once = True
        super().showEvent(event)
