"""Shared fixtures: a store on a temporary file with a clock the test controls."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from app.domain.models import Officer  # noqa: E402
from app.store import Store  # noqa: E402


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
