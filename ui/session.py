"""What every page gets handed: the store, the officer on duty, the clock, and the one
signal that tells views which record kinds changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from app.domain.changes import Changes
from app.store import Saved, Store

T = TypeVar("T")


class Session(QObject):
    # Carries the `Changes` (a frozenset of ChangeKind) of a write or an announcement. Views
    # reload when a kind they show is in it.
    changed = Signal(object)
    officer_changed = Signal()

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._officer_id: int | None = None

    @property
    def officer_id(self) -> int | None:
        """The signed-in officer (store.access); on a store opened unrestricted (tests, the
        benchmark) the one set by `set_officer`."""
        access = self.store.access
        if access.role is not None or not access.signed_in:
            return access.officer_id
        return self._officer_id

    def now(self) -> datetime:
        return self.store.clock()

    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.store.profile().timezone)

    def local_now(self) -> datetime:
        return self.now().astimezone(self.tz())

    def today(self) -> date:
        return self.local_now().date()

    def set_officer(self, officer_id: int | None) -> None:
        """Who works on a store opened unrestricted (tests); a signed-in store follows its
        sign-in (app.store.signin), announced with `access_changed`."""
        self._officer_id = officer_id
        self.officer_changed.emit()

    def access_changed(self) -> None:
        """The store's officer changed (sign-in, lock, unlock, sign-out)."""
        self.officer_changed.emit()

    def write(self, action: Callable[[], Saved[T]]) -> T:
        """Run a store write and announce what it changed. Store errors propagate to the
        caller, which shows them next to the form that caused them."""
        saved = action()
        self.changed.emit(saved.changed)
        return saved.record

    def announce(self, kinds: Changes) -> None:
        self.changed.emit(kinds)
