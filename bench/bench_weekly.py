"""How long the weekly review (Anev) takes: figures + PDF, for a typical Polsek week (about
300 records of all kinds) and for a week of 10,000 walk-ins. Prints a table; not a test.

    .venv/bin/python bench/bench_weekly.py [--walkins 10000] [--keep DIR]

Targets (issue 5): typical week < 1 s, 10,000 walk-ins < 10 s. The stores are built with the
store's bulk API (one transaction) so setting up takes seconds, not minutes; the records are
the same rows `create` writes (numbers, status history, search entries, audit entries).
"""

from __future__ import annotations

import argparse
import io
import random
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.domain.models import (  # noqa: E402
    LostItem,
    Meeting,
    MeetingIssue,
    Officer,
    ParticipantCount,
    Party,
    Patrol,
    PatrolPlace,
    StatusChange,
    Visit,
)
from app.store import Store  # noqa: E402
from app.store.schema.seeds import CATEGORIES, DESA  # noqa: E402
from app.weekly.figures import compute_weekly, station_week  # noqa: E402
from app.weekly.pdf import render_weekly_pdf  # noqa: E402

WEEK = "2024-W07"
WIB = timedelta(hours=7)
# A typical week of one Polsek desk, by service (about 300 records with patrols and meetings).
TYPICAL_MIX = {"lp": 45, "kehilangan": 95, "pengaduan": 35, "dumas": 5, "informasi": 70,
               "lainnya": 15}
PATROLS_PER_WEEK = 28
MEETINGS_PER_WEEK = 6
NARRATIVES = ("Rumah dibobol saat ditinggal ke kebun. Pelaku masuk lewat jendela belakang.",
              "Sepeda motor hilang di parkiran pasar. Kunci stang tidak dipasang.",
              "Terjadi perkelahian antarpemuda di depan warung. Satu orang luka ringan.")


def walkins(rng: random.Random, start: datetime, mix: dict[str, int], officer: int
            ) -> Iterator[tuple[Visit, str | None]]:
    codes = [c for c, _, _ in CATEGORIES]
    for service, count in mix.items():
        for _ in range(count):
            received = start + timedelta(seconds=rng.randrange(7 * 24 * 3600))
            name = f"Warga {rng.randrange(10**6):06d}"
            extra: dict[str, object] = {}
            if service == "lp":
                arrived = received + timedelta(minutes=rng.randrange(4, 45))
                needs = rng.random() < 0.6
                cleared = rng.random() < 0.4
                history = [StatusChange("diterima", received, officer)]
                if cleared:
                    history.append(StatusChange("selesai", received + timedelta(days=2), officer,
                                                "selesai"))
                extra = dict(lp_model="B", category=rng.choice(codes),
                             incident_desa=rng.choice(DESA), place_type="rumah",
                             narrative=rng.choice(NARRATIVES), occurred_at=received
                             - timedelta(hours=rng.randrange(1, 12)), needs_visit=needs,
                             notable=rng.random() < 0.05,
                             dispatched_officer_id=officer if needs else None,
                             dispatched_at=received + timedelta(minutes=2) if needs else None,
                             arrived_at=arrived if needs else None,
                             status="selesai" if cleared else "diterima",
                             resolved_at=history[-1].at if cleared else None,
                             status_history=tuple(history))
            elif service == "kehilangan":
                extra = dict(lost_items=(LostItem("KTP", "", "KTP-el"),))
            elif service == "lainnya":
                extra = dict(other_reason="Legalisir")
            parties = (Party(role="pelapor", name=name),) if service in (
                "lp", "kehilangan", "pengaduan", "dumas") else ()
            yield Visit(service=service, received_at=received, receiving_officer_id=officer,
                        parties=parties, **extra), None  # type: ignore[arg-type]


def fill_week(store: Store, rng: random.Random, start: datetime, mix: dict[str, int],
              officer: int) -> int:
    count = store.visits.create_many(walkins(rng, start, mix, officer), officer)
    for _ in range(PATROLS_PER_WEEK):
        begin = start + timedelta(hours=rng.randrange(0, 7 * 24 - 4))
        places = tuple(PatrolPlace(rng.choice(DESA), "Simpang", None,
                                   rng.choice(("aman", "aman", "aman", "pg", "ag")), "",
                                   rng.randrange(0, 20)) for _ in range(3))
        store.patrols.save(Patrol("rutin", "r2", begin, begin + timedelta(hours=3), officer,
                                  places=places), officer, validate=False)
    for _ in range(MEETINGS_PER_WEEK):
        held = start + timedelta(hours=rng.randrange(0, 7 * 24 - 4))
        store.meetings.save(Meeting("jumat_curhat", held, rng.choice(DESA), leader_id=officer,
                                    participants=(ParticipantCount("pemuda", 12),),
                                    issues=(MeetingIssue("Lampu jalan", due_date=held.date()
                                                         + timedelta(days=7)),)),
                            officer, validate=False)
    return count + PATROLS_PER_WEEK + MEETINGS_PER_WEEK


def build(path: Path, review_week_walkins: int | None) -> int:
    """Eight weeks of typical records; the reviewed week typical or with N walk-ins."""
    rng = random.Random(7)
    week = station_week(Store(path).profile(), WEEK)
    with Store(path, clock=lambda: datetime(2024, 2, 21, 3, tzinfo=UTC)) as store:
        officer = store.master.save(Officer("INDRA GUNAWAN", "IPTU", "79051234"), None).record.id
        assert officer is not None
        in_week = 0
        for back in range(8, -1, -1):
            start = week.shift(-back).start_utc
            mix = TYPICAL_MIX
            if back == 0 and review_week_walkins is not None:
                scale = review_week_walkins / sum(TYPICAL_MIX.values())
                mix = {k: round(v * scale) for k, v in TYPICAL_MIX.items()}
            n = fill_week(store, rng, start, mix, officer)
            if back == 0:
                in_week = n
        return in_week


def measure(path: Path, paper: str = "a4", week: str = WEEK,
            key: bytes | None = None) -> tuple[float, float, int, int]:
    with Store(path, clock=lambda: datetime(2024, 2, 21, 3, tzinfo=UTC), key=key) as store:
        started = time.perf_counter()
        figures = compute_weekly(store, station_week(store.profile(), week))
        computed = time.perf_counter()
        buffer = io.BytesIO()
        render_weekly_pdf(figures, buffer, paper=paper)
        rendered = time.perf_counter()
    data = buffer.getvalue()
    return computed - started, rendered - computed, data.count(b"/Type /Page\n"), len(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--walkins", type=int, default=10_000)
    parser.add_argument("--keep", type=Path, help="keep the stores in this folder")
    args = parser.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="bench-weekly-"))
    folder.mkdir(parents=True, exist_ok=True)
    cases = (("minggu biasa", None, 1.0), (f"{args.walkins:,} kunjungan", args.walkins, 10.0))
    rows = []
    for name, walkins_count, target in cases:
        path = folder / f"{name.split()[0]}.db"
        path.unlink(missing_ok=True)
        setup = time.perf_counter()
        records = build(path, walkins_count)
        setup = time.perf_counter() - setup
        figures_s, pdf_s, pages, size = measure(path)
        total = figures_s + pdf_s
        rows.append((name, records, setup, figures_s, pdf_s, total, target, pages, size))
    header = ("kasus", "data/minggu", "siapkan s", "angka s", "PDF s", "total s", "target s",
              "halaman", "ukuran")
    print(" | ".join(f"{h:>12}" for h in header))
    for name, records, setup, fig, pdf, total, target, pages, size in rows:
        verdict = "OK" if total < target else "LAMBAT"
        print(" | ".join(f"{v:>12}" for v in (
            name, records, f"{setup:.1f}", f"{fig:.3f}", f"{pdf:.3f}", f"{total:.3f}",
            f"{target:.0f} {verdict}", pages, f"{size // 1024} KB")))
    return 0 if all(r[5] < r[6] for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
