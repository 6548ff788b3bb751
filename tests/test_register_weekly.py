"""The LP register in the weekly review (issue 18): SP2HP sent, due and late, the median days
from LP to first SP2HP, LPs by stage, and CC counted on stages; on a fixture with known
answers (week 2024-W07: Monday 12 to Sunday 18 February, WIB)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.domain.models import Officer
from app.domain.register import Sp2hpLetter
from app.store import Store
from app.weekly.figures import compute_weekly, station_week
from tests import factories
from tests.conftest import MutableClock


def wib(day: int, hour: int = 9) -> datetime:
    return datetime(2024, 2, day, hour, tzinfo=UTC) - timedelta(hours=7)


def _letter(store: Store, visit_id: int, at: datetime, by: int) -> None:
    case = store.register.case(visit_id)
    store.register.issue_letter(Sp2hpLetter(
        case.visit_uuid, "A1", case.stage, summary="s", actions="a", next_steps="n",
        advice="h", signer_id=by, issued_at=at), by)


def test_weekly_register_figures(store: Store, officer: Officer, clock: MutableClock) -> None:
    by = officer.id
    assert by is not None

    def lp(day: int) -> int:
        clock.when = wib(day) if day > 1 else wib(2)
        made = store.visits.create(factories.lp(clock.when, by), by).record.id
        assert made is not None
        return made

    lp4 = lp(2)       # 2 Feb: no letter, due 5 Feb: late
    lp2 = lp(10)      # Saturday before the week
    lp1 = lp(12)      # Monday
    lp3 = lp(15)      # Thursday: no letter, due Sunday 18: late at the week's end
    for visit_id in (lp1, lp2):
        store.register.assign(visit_id, by, investigator_id=by, investigator_role="penyidik",
                              supervisor_id=None, difficulty="sedang")
    clock.when = wib(19, 10)  # Monday after the week
    _letter(store, lp1, wib(14), by)  # 2 days after its LP
    _letter(store, lp2, wib(13), by)  # 3 days after its LP
    for stage, day in (("penyelidikan", 14), ("penyidikan", 15), ("tahap_ii", 16)):
        store.register.change_stage(lp2, stage, f"tahap {stage}", by, at=wib(day))

    figures = compute_weekly(store, station_week(store.profile(), "2024-W07"))
    r = figures.sp2hp
    assert r is not None
    assert (r.sent.current, r.sent.previous) == (2, 0)
    assert r.first_letters == 2
    assert r.median_days_to_first == 2.5
    assert r.due == 1  # lp3 (18 Feb); lp1 and lp2 are next due in March
    assert r.overdue == 2  # lp3 and lp4
    stages = {row.key: (row.current, row.previous) for row in r.by_stage}
    assert stages["diterima"] == (3, 2)
    assert stages["tahap_ii"] == (1, 0)
    assert sum(c for c, _p in stages.values()) == 4
    # CC on stages: Tahap II clears an LP (whenever received); CT counts LPs of the week
    assert figures.summary.crime_total.current == 2
    assert figures.summary.crime_cleared.current == 1
    assert figures.summary.clearance_rate == 0.5
    assert lp3 and lp4


def test_rekap_mingguan_page_shows_the_register(qtbot, store: Store, officer: Officer,  # type: ignore[no-untyped-def]
                                                clock: MutableClock) -> None:
    from PySide6.QtWidgets import QLabel

    from ui.weekly.sections import WeeklyView

    clock.when = wib(13)
    store.visits.create(factories.lp(wib(12), officer.id), officer.id)
    view = WeeklyView()
    qtbot.addWidget(view)
    view.show_figures(compute_weekly(store, station_week(store.profile(), "2024-W07")))
    texts = [w.text() for w in view.findChildren(QLabel)]
    assert "SP2HP jatuh tempo minggu ini" in texts
    assert "Diterima 1 (minggu lalu 0)" in texts
