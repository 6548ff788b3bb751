"""Accounts: which officers may sign in, with which role. An account's password opens its
key slot beside the store (app/security/keyslots.py); this table says whether the account is
active and what its role may do. Accounts are never deleted: an officer who leaves is
deactivated (the slot is removed, the row and its history stay)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from app.security.keyslots import KeySlots
from app.security.passwords import password_problem
from app.security.permissions import Action, Role
from app.store import audit
from app.store.db import store_file, write_transaction
from app.store.errors import RecordNotFound, StoreError
from app.store.records import StoreContext
from app.store.serialize import canonical_json, dt_from_db, dt_to_db

KIND = "akun"


class InvalidPassword(StoreError):
    """The new password breaks the rule (app/security/passwords.py), or the old one given to
    change it is wrong; the message is for the user, next to the password field."""


@dataclass(frozen=True)
class Account:
    officer_id: int
    nrp: str
    name: str
    rank: str
    position: str
    role: Role
    active: bool
    created_at: datetime
    password_set_at: datetime
    deactivated_at: datetime | None = None


_SELECT = ("SELECT a.*, o.name, o.rank, o.position FROM accounts a "
           "JOIN officers o ON o.id = a.officer_id")


def _account(row: dict[str, Any]) -> Account:
    return Account(officer_id=row["officer_id"], nrp=row["nrp"], name=row["name"],
                   rank=row["rank"], position=row["position"], role=Role(row["role"]),
                   active=bool(row["active"]), created_at=_when(row["created_at"]),
                   password_set_at=_when(row["password_set_at"]),
                   deactivated_at=(dt_from_db(row["deactivated_at"]) if row["deactivated_at"]
                                   else None))


def _when(text: str) -> datetime:
    moment = dt_from_db(text)
    assert moment is not None  # NOT NULL columns
    return moment


class AccountRepo:
    def __init__(self, ctx: StoreContext) -> None:
        self._ctx = ctx

    # -------------------------------------------------------------- reading
    def list(self, *, include_inactive: bool = True) -> tuple[Account, ...]:
        self._ctx.require(Action.ACCOUNTS)
        where = "" if include_inactive else " WHERE a.active = 1"
        return tuple(_account(r) for r in self._ctx.rows(
            f"{_SELECT}{where} ORDER BY a.active DESC, o.name COLLATE NOCASE"))

    def find(self, nrp: str) -> Account | None:
        """The account of `nrp` (active or not), without a permission check: sign-in asks."""
        row = self._ctx.row(f"{_SELECT} WHERE a.nrp = ?", [nrp.strip()])
        return _account(row) if row else None

    def get(self, officer_id: int) -> Account:
        row = self._ctx.row(f"{_SELECT} WHERE a.officer_id = ?", [officer_id])
        if row is None:
            raise RecordNotFound(f"akun petugas {officer_id}")
        return _account(row)

    def count_active(self) -> int:
        return int(self._ctx.db.execute(
            "SELECT count(*) FROM accounts WHERE active = 1").fetchone()[0])

    def count_admins(self) -> int:
        return int(self._ctx.db.execute(
            "SELECT count(*) FROM accounts WHERE active = 1 AND role = ?",
            [Role.ADMIN.value]).fetchone()[0])

    def lockouts(self) -> dict[str, datetime]:
        """Accounts locked out now by five wrong passwords: NRP -> until when."""
        self._ctx.require(Action.ACCOUNTS)
        path = self._slots_path()
        if not path.exists():
            return {}
        slots, now = KeySlots.load(path), self._ctx.now()
        found = {nrp: slots.locked_until(nrp, now) for nrp in slots.accounts}
        return {nrp: until for nrp, until in found.items() if until is not None}

    # -------------------------------------------------------------- writing
    def create(self, officer_id: int, role: Role, password: str, by: int | None) -> Account:
        """An account for an officer of the roster, with a first password."""
        self._ctx.require(Action.ACCOUNTS)
        officer = self._ctx.row("SELECT nrp FROM officers WHERE id = ?", [officer_id])
        if officer is None:
            raise RecordNotFound(f"petugas {officer_id}")
        nrp = str(officer["nrp"]).strip()
        self._check_password(password, nrp)
        if self._ctx.row("SELECT 1 FROM accounts WHERE officer_id = ? OR nrp = ?",
                         [officer_id, nrp]):
            raise InvalidPassword("Petugas ini sudah punya akun; ubah perannya atau atur ulang "
                                  "kata sandinya.")
        now = dt_to_db(self._ctx.now())
        with write_transaction(self._ctx.db):
            self._ctx.db.table("accounts").insert({
                "officer_id": officer_id, "nrp": nrp, "role": role.value, "active": 1,
                "created_at": now, "created_by": by, "password_set_at": now})
            self._audit("create", by, {"nrp": nrp, "role": role.value})
            self._update_slots(lambda slots: slots.set_account(nrp, password, self._key()))
        return self.get(officer_id)

    def set_role(self, officer_id: int, role: Role, by: int | None) -> Account:
        self._ctx.require(Action.ACCOUNTS)
        account = self.get(officer_id)
        if account.role is Role.ADMIN and role is not Role.ADMIN:
            self._keep_an_admin(account)
        with write_transaction(self._ctx.db):
            self._ctx.db.execute("UPDATE accounts SET role = ? WHERE officer_id = ?",
                                 [role.value, officer_id])
            self._audit("role", by, {"nrp": account.nrp, "role": role.value},
                        before={"nrp": account.nrp, "role": account.role.value})
        return self.get(officer_id)

    def reset_password(self, officer_id: int, password: str, by: int | None) -> Account:
        """An administrator sets a new password (the officer forgot theirs); it also
        reactivates a deactivated account and ends a lockout."""
        self._ctx.require(Action.ACCOUNTS)
        account = self.get(officer_id)
        self._check_password(password, account.nrp)
        self._set_password(account, password, by, "reset_password")
        return self.get(officer_id)

    def change_own_password(self, old: str, new: str) -> None:
        """The signed-in officer changes their own password (the old one proves it is them)."""
        officer_id = self._ctx.access.officer_id
        if officer_id is None:
            raise InvalidPassword("Masuk dengan akun Anda untuk mengganti kata sandi.")
        account = self.get(officer_id)
        slots = KeySlots.load(self._slots_path())
        if slots.open_account(account.nrp, old) is None:
            raise InvalidPassword("Kata sandi lama salah.")
        if old == new:
            raise InvalidPassword("Kata sandi baru harus berbeda dari yang lama.")
        self._check_password(new, account.nrp)
        self._set_password(account, new, officer_id, "change_password")

    def deactivate(self, officer_id: int, by: int | None, reason: str | None = None) -> Account:
        """The officer left: they can no longer sign in (their slot is removed); the account
        and everything they recorded stay. `reason` goes into the audit entry."""
        self._ctx.require(Action.ACCOUNTS)
        account = self.get(officer_id)
        if officer_id == self._ctx.access.officer_id:
            raise InvalidPassword("Akun yang sedang dipakai tidak dapat dinonaktifkan.")
        if account.role is Role.ADMIN:
            self._keep_an_admin(account)
        with write_transaction(self._ctx.db):
            self._ctx.db.execute(
                "UPDATE accounts SET active = 0, deactivated_at = ?, deactivated_by = ? "
                "WHERE officer_id = ?", [dt_to_db(self._ctx.now()), by, officer_id])
            self._audit("deactivate", by, {"nrp": account.nrp, "reason": reason}
                        if reason else {"nrp": account.nrp})
            self._update_slots(lambda slots: slots.remove_account(account.nrp))
        return self.get(officer_id)

    def carry_over(self, accounts: Iterable[Account]) -> None:
        """After a restore: the accounts of the store that was replaced, so that who may sign
        in does not go back in time with the data (the key slots beside the store stay too).
        An officer missing from the restored roster is added to it."""
        from app.domain.models import Officer
        from app.store.master import MasterRepo

        master = MasterRepo(self._ctx)
        with write_transaction(self._ctx.db):
            for account in accounts:
                officer = master.officers_by_nrp().get(account.nrp)
                if officer is None:
                    officer = master.save(Officer(account.name, account.rank, account.nrp,
                                                  position=account.position), None).record
                self._ctx.db.execute("DELETE FROM accounts WHERE nrp = ? OR officer_id = ?",
                                     [account.nrp, officer.id])
                self._ctx.db.table("accounts").insert({
                    "officer_id": officer.id, "nrp": account.nrp, "role": account.role.value,
                    "active": int(account.active), "created_at": dt_to_db(account.created_at),
                    "created_by": None, "password_set_at": dt_to_db(account.password_set_at),
                    "deactivated_at": (dt_to_db(account.deactivated_at)
                                       if account.deactivated_at else None)})
                self._audit("carry_over", None, {"nrp": account.nrp, "role": account.role.value})

    def record_events(self, events: Iterable[dict[str, Any]]) -> None:
        """Sign-in events (sign_in, sign_in_failed, lockout, lock, unlock, sign_out) into the
        audit trail, each at its own time; the officer is named when the NRP is an account."""
        events = list(events)
        if not events:
            return
        with write_transaction(self._ctx.db):
            for event in events:
                account = self.find(event["nrp"])
                audit.append(self._ctx.db, at=datetime.fromisoformat(event["at"]),
                             officer_id=account.officer_id if account else None,
                             action=event["event"], kind="masuk", record_uuid=None,
                             after=canonical_json({"nrp": event["nrp"]}))

    # -------------------------------------------------------------- helpers
    def _set_password(self, account: Account, password: str, by: int | None,
                      action: str) -> None:
        with write_transaction(self._ctx.db):
            self._ctx.db.execute(
                "UPDATE accounts SET password_set_at = ?, active = 1, deactivated_at = NULL, "
                "deactivated_by = NULL WHERE officer_id = ?",
                [dt_to_db(self._ctx.now()), account.officer_id])
            self._audit(action, by, {"nrp": account.nrp})
            self._update_slots(lambda slots: slots.set_account(account.nrp, password,
                                                               self._key()))

    def _keep_an_admin(self, account: Account) -> None:
        if account.active and self.count_admins() <= 1:
            raise InvalidPassword("Harus tetap ada setidaknya satu admin yang aktif.")

    @staticmethod
    def _check_password(password: str, nrp: str) -> None:
        problem = password_problem(password, nrp)
        if problem:
            raise InvalidPassword(problem)

    def _key(self) -> bytes:
        if self._ctx.key is None:
            raise StoreError("basis data ini belum terenkripsi; akun hanya ada di basis data "
                             "terenkripsi")
        return self._ctx.key

    def _slots_path(self) -> Path:
        path = store_file(self._ctx.db)
        assert path is not None
        return KeySlots.path_for(path)

    def _update_slots(self, change: Any) -> None:
        """Change the key slots inside the write transaction of the change in the table: a
        failure to write them rolls the row back too."""
        path = self._slots_path()
        slots = KeySlots.load(path) if path.exists() else KeySlots()
        change(slots)
        slots.save(path)

    def _audit(self, action: str, by: int | None, after: dict[str, Any],
               before: dict[str, Any] | None = None) -> None:
        audit.append(self._ctx.db, at=self._ctx.now(), officer_id=by, action=action,
                     kind=KIND, record_uuid=None,
                     before=canonical_json(before) if before else None,
                     after=canonical_json(after))
        audit.seal_state(self._ctx.db)  # who may do what, as Piket left it (verify)
