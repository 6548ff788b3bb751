"""The demo's buku mutasi (issue 19): three regu rotating with the walk-ins' duty team, typed
lines every shift, handovers mostly on time and now and then late or forgotten, the inventory
changes explained."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.demo.generator import DemoOptions, generate_demo
from app.store import Store
from app.weekly.figures import compute_weekly, station_week

TODAY = date(2026, 11, 25)  # the demo covers Monday 9 to Sunday 22 November 2026


def test_the_demo_keeps_a_buku_mutasi(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    generate_demo(path, DemoOptions(weeks=2, seed=7, today=TODAY))
    with Store(path) as store:
        teams = store.duty.teams()
        assert [t.name for t in teams] == ["Regu I", "Regu II", "Regu III"]
        assert all(t.member_ids for t in teams)
        first = date(2026, 11, 9)
        journal = store.duty.journal(store.duty.shift_on(first))
        assert journal.team is not None
        assert {e.kind for e in journal.events} & {"kunjungan", "patroli_berangkat"}
        assert any(e.entry is not None for e in journal.events)  # typed lines
        counts = store.duty.handover_counts(first, date(2026, 11, 21), store.clock())
        assert counts.on_time + counts.late + counts.missing == 13
        assert counts.on_time >= 8
        assert store.duty.handover(date(2026, 11, 22)) is None  # its handover is after the end
        for day in range(9, 22):
            handover = store.duty.handover(date(2026, 11, day))
            for item in handover.items if handover else ():
                if item.previous_count is not None and item.count != item.previous_count:
                    assert item.explanation
        figures = compute_weekly(store, station_week(store.profile(), "2026-W46"))
        assert figures.handovers is not None
        assert store.verify() == []
