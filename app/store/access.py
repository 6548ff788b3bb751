"""Who is working with the store and what they may do: the store checks `require` before
every action (the window only hides what the role may not do; the store refuses it)."""

from __future__ import annotations

from dataclasses import dataclass

from app.security.permissions import Action, Role, allowed, refusal_text
from app.store.errors import PermissionDenied


@dataclass(frozen=True)
class Access:
    """The signed-in officer (`role` None with `officer_id` None: unrestricted, for the
    store's own maintenance, the tests and the benchmark; never the window's or a command's)."""

    officer_id: int | None
    nrp: str
    role: Role | None
    signed_in: bool = True

    def may(self, action: Action) -> bool:
        if not self.signed_in:
            return False
        return self.role is None or allowed(self.role, action)

    def require(self, action: Action) -> None:
        if not self.signed_in:
            raise PermissionDenied("Belum masuk: masukkan NRP dan kata sandi terlebih dahulu.",
                                   action)
        if self.role is not None and not allowed(self.role, action):
            raise PermissionDenied(refusal_text(self.role, action), action)


UNRESTRICTED = Access(None, "", None)
SIGNED_OUT = Access(None, "", None, signed_in=False)
"""After "Ganti petugas" or while the lock screen is up: nothing is read or written."""
