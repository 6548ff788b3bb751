"""Shared fixtures: a store on a temporary file with a clock the test controls."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.models import Officer  # noqa: E402
from app.store import Store  # noqa: E402
from ui.gc_guard import collect_all, collect_if_due  # noqa: E402

_THRESHOLDS: tuple[int, int, int] = gc.get_threshold()  # type: ignore[assignment]


@pytest.fixture(autouse=True, scope="session")
def _garbage_collected_on_the_main_thread() -> Iterator[None]:
    """As in the app (ui.gc_guard): no automatic collection, which could run in a worker
    thread and destroy Qt widgets there; the main thread collects after each test."""
    gc.disable()
    yield
    collect_all()  # in order before the automatic collection takes over (ui.gc_guard)
    gc.enable()


@pytest.fixture(autouse=True)
def _collect_after_the_test() -> Iterator[None]:
    yield
    collect_if_due(_THRESHOLDS)


class MutableClock:
    """A clock a test moves by hand (inject time, never sleep)."""

    def __init__(self, when: datetime) -> None:
        self.when = when

    def __call__(self) -> datetime:
        return self.when

    def advance(self, **delta: float) -> None:
        self.when += timedelta(**delta)


@pytest.fixture
def clock() -> MutableClock:
    return MutableClock(datetime(2024, 2, 14, 7, 0, tzinfo=UTC))  # Rabu 14.00 WIB


@pytest.fixture
def store(tmp_path: Path, clock: MutableClock) -> Iterator[Store]:
    with Store(tmp_path / "piket.db", clock=clock) as s:
        yield s


@pytest.fixture
def officer(store: Store) -> Officer:
    return store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
