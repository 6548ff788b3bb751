"""Piket at 10,000, 100,000 and 1,000,000 walk-ins: how long the desk waits, beside the same
work done directly (bare sqlite3, bare reportlab, an empty PySide6 window). Prints a table.

    .venv/bin/python bench/bench_scale.py                 # 10k, 100k, 1M (builds, then caches)
    .venv/bin/python bench/bench_scale.py --quick         # 10k only, few repetitions (CI)
    .venv/bin/python bench/bench_scale.py --sizes 100000 --reps 10
    .venv/bin/python bench/bench_scale.py --sizes 100000 --encrypted   # + SQLCipher, side by side
    .venv/bin/python bench/bench_scale.py --sizes 1000000 --only register,weekly   # some rows

Stores are built once as `piket demo --reports N` builds them (plain: the generator itself,
the command would sign in and encrypt) plus the two weeks of the weekly review
benchmark (bench_weekly.fill_week), and cached in bench/.cache/ (gitignored). Writes (save,
import) run on a copy that is deleted afterwards. docs/BENCHMARKS.md explains every row and
records a run.
"""

from __future__ import annotations

import argparse
import compileall
import csv
import dataclasses
import hashlib
import io
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CACHE = ROOT / "bench" / ".cache"
VERSION = "v1"  # change when the generated stores change
SEED = 1
DEMO_TODAY = date(2024, 2, 5)  # demo data ends Sunday 4 Feb 2024 (ISO week 5)
BIG_WEEK, TYPICAL_WEEK = "2024-W06", "2024-W07"  # added after the demo period
BIG_WEEK_WALKINS = 10_000
IMPORT_ROWS = 100_000
SIZES = (10_000, 100_000, 1_000_000)
TARGETS_MS = {"cold start": 800, "save one LP": 25, "search": 50, "jump to last row": 100,
              "filter one week": 50, "register": 50, "home": 1000,
              "weekly PDF, typical week": 1000,
              "weekly PDF, 10,000 walk-ins": 10_000, "import 100,000 rows": 20_000}
TARGET_RSS_MB = 300
# the groups of rows --only can pick, in the order of the table
GROUPS = ("coldstart", "save", "list", "search", "register", "home", "weekly", "rss", "import")
RATIO_TARGET = 2.0
ENCRYPTED_RATIO_TARGET = 1.3  # the encrypted store against the plain one, same run
# the encrypted copies are keyed with this (bench only: a real store's key is random and
# kept only in its key slots); children get it through the environment
BENCH_KEY = bytes(range(32))
KEY_ENV = "PIKET_BENCH_KEY"
# the bare search: the FTS count and the 200 newest matches by rowid (no ordering by time)
BARE_SEARCH_SQL = ("SELECT v.id, v.number, v.received_at, v.reporter_name FROM visits v "
                   "WHERE v.id IN (SELECT rowid FROM visits_fts WHERE visits_fts MATCH ? "
                   "ORDER BY rowid DESC LIMIT 200)")


# ---------------------------------------------------------------------------- stores


def weeks_for(size: int) -> int:
    """A Polsek's year (10k), a Polsek's decade (100k), a Polres's decade (1M)."""
    return 52 if size <= 10_000 else 520


# `piket demo --reports N` into a plain store: the command signs in and makes an encrypted
# one; the benchmark measures the plain store and an encrypted copy of it side by side
BUILD_DEMO = """
import sys
from datetime import date
from pathlib import Path
from app.demo.generator import DemoOptions, Progress, generate_demo
path, size, weeks, seed, today = sys.argv[1:]
options = DemoOptions(weeks=int(weeks), seed=int(seed), today=date.fromisoformat(today),
                      reports=int(size))
for line in generate_demo(Path(path), options, progress=Progress(print)).lines():
    print(line)
"""


def ensure_store(size: int, say: Callable[[str], None]) -> tuple[Path, dict[str, Any]]:
    """The cached store of `size` demo walk-ins (built if missing) and its facts."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"scale-{VERSION}-{size}.db"
    facts_path = path.with_suffix(".json")
    if path.exists() and facts_path.exists():
        _migrate(path)
        return path, json.loads(facts_path.read_text())
    demo = path.with_name(path.name + ".demo")
    if not demo.exists():
        part = demo.with_name(demo.name + ".part")
        for stale in CACHE.glob(part.name + "*"):
            stale.unlink()
        say(f"building {size:,} walk-ins over {weeks_for(size)} weeks (once; cached) ...")
        subprocess.run([sys.executable, "-c", BUILD_DEMO, str(part), str(size),
                        str(weeks_for(size)), str(SEED), DEMO_TODAY.isoformat()],
                       check=True, cwd=ROOT, stdout=sys.stderr)
        part.rename(demo)
    for stale in CACHE.glob(path.name + "*"):
        if stale != demo:
            stale.unlink()
    shutil.copyfile(demo, path)
    _migrate(path)
    say("adding the weekly review weeks and choosing search words ...")
    facts = _finish_store(path)
    facts_path.write_text(json.dumps(facts, indent=1))
    demo.unlink()
    return path, facts


def _migrate(path: Path, key: bytes | None = None) -> None:
    """Apply new migrations now, not in a timed start, and drop the copy made before."""
    from app.store import Store

    Store(path, key=key).close()
    for copy in CACHE.glob(f"{path.name}.before-*"):
        copy.unlink()


def _finish_store(path: Path) -> dict[str, Any]:
    import bench_weekly

    from app.domain.models import Officer
    from app.store import Store
    from app.weekly.figures import station_week

    clock = lambda: datetime(2024, 2, 21, 3, tzinfo=UTC)  # noqa: E731 (as bench_weekly)
    with Store(path, clock=clock) as store:
        facts = _facts(store)  # from the demo records alone
        officer = store.master.list(Officer, active_only=True)[0].id
        assert officer is not None
        profile = store.profile()
        rng = random.Random(SEED)
        scale = BIG_WEEK_WALKINS / sum(bench_weekly.TYPICAL_MIX.values())
        big = {k: round(v * scale) for k, v in bench_weekly.TYPICAL_MIX.items()}
        for week, mix in ((BIG_WEEK, big), (TYPICAL_WEEK, bench_weekly.TYPICAL_MIX)):
            bench_weekly.fill_week(store, rng, station_week(profile, week).start_utc, mix,
                                   officer)
        facts["visits"] = int(store.db.execute("SELECT count(*) FROM visits").fetchone()[0])
        return facts


def _facts(store: Any) -> dict[str, Any]:
    """The search words, record and week the benchmark uses, chosen from the data."""
    db = store.db
    db.execute("CREATE VIRTUAL TABLE temp.vocab USING fts5vocab(main, visits_fts, 'col')")
    terms = db.execute("SELECT term, doc FROM temp.vocab WHERE col = 'body' AND length(term) >= 5"
                       " AND term GLOB '[a-z]*' AND term NOT GLOB '*[0-9]*'").fetchall()
    common = max(terms, key=lambda t: (t[1], t[0]))
    rare = min(terms, key=lambda t: (t[1], t[0]))  # the demo's texts have no long tail
    total = int(db.execute("SELECT count(*) FROM visits").fetchone()[0])
    middle = db.execute("SELECT v.id, v.number, v.reporter_name, p.nik FROM visits v JOIN "
                        "visit_parties p ON p.visit_id = v.id AND p.role = 'pelapor' "
                        "WHERE v.service = 'lp' AND v.id >= ? AND p.nik != '' "
                        "ORDER BY v.id LIMIT 1", [total // 2]).fetchone()
    return {"visits": total, "common": common[0], "common_docs": common[1], "rare": rare[0],
            "rare_docs": rare[1], "record": middle[0], "number": middle[1],
            "name": middle[2], "nik": middle[3], "week": "2024-W03"}


# ---------------------------------------------------------------------------- timing


@dataclasses.dataclass
class Result:
    name: str
    piket: list[float]  # ms (or MB for memory)
    bare: list[float] | None = None
    target: float | None = None
    unit: str = "ms"
    note: str = ""

    @staticmethod
    def stat(values: list[float]) -> tuple[float, float]:
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        return statistics.median(ordered), p95


def timed(action: Callable[[], Any], reps: int) -> list[float]:
    out = []
    for _ in range(reps):
        started = time.perf_counter()
        action()
        out.append((time.perf_counter() - started) * 1000)
    return out


# ---------------------------------------------------------------------------- children


def child_main(kind: str, db: str) -> None:
    """Runs in a child process: build the window (or an empty one) and say "ready"."""
    import resource

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

    app = QApplication([sys.argv[0]])
    if kind.startswith("bare"):
        window = QMainWindow()
        window.setCentralWidget(QTableView())
        window.resize(1200, 800)
        window.show()
        app.processEvents()
        from app.store.driver import connect

        conn = connect(db, key=_env_key())
        conn.execute("SELECT id, received_at FROM visits ORDER BY received_at DESC LIMIT 200"
                     ).fetchall()
    else:
        from app.domain.models import Officer
        from app.store import Store
        from ui.i18n import install_translations
        from ui.main_window import MainWindow
        from ui.pages import Page
        from ui.session import Session

        install_translations(app, "id", Path(db).parent / "i18n")
        store = Store(Path(db), key=_env_key())
        session = Session(store)
        session.set_officer(store.master.list(Officer, active_only=True)[0].id)
        settings = QSettings(str(Path(db).parent / "bench-window.ini"), QSettings.Format.IniFormat)
        window = MainWindow(session, settings)
        window.resize(1200, 800)
        window.show_page(Page.VISITS)
        window.show()
        app.processEvents()
        page: Any = window.page(Page.VISITS)
        assert page.model.rowCount() > 0 and page.model.row_at(0) is not None
        if kind == "memory":
            bar = page.table.verticalScrollBar()
            for fraction in (0.1, 0.5, 1.0, 0.25, 0.75, 0.0, 1.0):
                bar.setValue(int(bar.maximum() * fraction))
                app.processEvents()
    if kind.endswith("memory"):
        print(f"rss {_peak_rss_kib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)}",
              flush=True)
    print("ready", flush=True)
    os._exit(0)  # the parent measured what it wanted; skip the teardown


def _env_key() -> bytes | None:
    text = os.environ.get(KEY_ENV)
    return bytes.fromhex(text) if text else None


def _peak_rss_kib(maxrss: int) -> int:
    """Peak RSS of this process in KiB. Linux keeps ru_maxrss across exec, so a child
    forked from a large parent would report the parent's size: VmHWM (this program's own
    peak) is read when /proc has it, ru_maxrss otherwise."""
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return maxrss


def run_child(kind: str, db: Path, key: bytes | None = None) -> tuple[float, str]:
    """(ms from Popen to the child's "ready" line, everything it printed)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    env.pop(KEY_ENV, None)
    if key is not None:
        env[KEY_ENV] = key.hex()
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", kind, "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if line.strip() == "ready":
            break
    elapsed = (time.perf_counter() - started) * 1000
    _out, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or not lines or lines[-1].strip() != "ready":
        raise RuntimeError(f"child {kind} failed: {err[-2000:]}")
    return elapsed, "".join(lines)


# ---------------------------------------------------------------------------- in-process


class Bench:
    """The measurements of one store; each returns a Result."""

    def __init__(self, path: Path, facts: dict[str, Any], reps: int,
                 key: bytes | None = None) -> None:
        from app.store import Store
        from app.store.driver import connect

        self.path = path
        self.facts = facts
        self.reps = reps
        self.key = key
        self.store = Store(path, key=key)
        # the bare side: same file, same pragmas (same SQLCipher key when encrypted)
        self.conn = connect(path, key=key)
        self.conn.execute("PRAGMA synchronous = FULL")

    def close(self) -> None:
        self.store.close()
        self.conn.close()

    def bare_rows(self, where: str, params: list[Any], order: str = "DESC",
                  limit: int = 200) -> None:
        self.conn.execute(f"SELECT count(*) FROM visits WHERE {where}", params).fetchone()
        self.conn.execute(
            f"SELECT id, number, received_at, service, category, reporter_name, incident_desa, "
            f"status, arrived_at, voided_at FROM visits WHERE {where} "
            f"ORDER BY received_at {order}, id {order} LIMIT {limit}", params).fetchall()

    # ------------------------------------------------------------------ the list
    def model(self) -> Any:
        from zoneinfo import ZoneInfo

        from ui.visits.list_model import VisitListModel

        return VisitListModel(self.store.visits, ZoneInfo(self.store.profile().timezone))

    def list_open(self) -> list[Result]:
        from app.store import VisitFilter
        from app.store.serialize import dt_to_db

        models: list[Any] = []
        opened = timed(lambda: models.append(self.model()) or models[-1].row_at(0), self.reps)
        model = models[-1]
        last = model.rowCount() - 1

        def jump() -> None:
            model._forget()  # as freshly opened: no rows, no anchors (bench pokes inside)
            model.row_at(last)

        jumped = timed(jump, self.reps)
        bare_open = timed(lambda: self.bare_rows("1", []), self.reps)
        bare_last = timed(lambda: self.conn.execute(
            "SELECT id, received_at FROM visits ORDER BY received_at ASC, id ASC LIMIT 200"
        ).fetchall(), self.reps)
        week = self._week()
        flt = VisitFilter(start=week[0], end=week[1])
        filtered = timed(lambda: (model.set_filter(flt), model.row_at(0)), self.reps)
        stamps = [dt_to_db(week[0]), dt_to_db(week[1])]
        bare_week = timed(lambda: self.bare_rows("received_at >= ? AND received_at < ?", stamps),
                          self.reps)
        rows = model.rowCount()
        return [Result("open the list (count + first page)", opened, bare_open),
                Result("jump to last row", jumped, bare_last, TARGETS_MS["jump to last row"]),
                Result("filter one week", filtered, bare_week, TARGETS_MS["filter one week"],
                       note=f"{rows:,} rows")]

    def _week(self) -> tuple[datetime, datetime]:
        from app.weekly.figures import station_week

        week = station_week(self.store.profile(), self.facts["week"])
        return week.start_utc, week.end_utc

    # ------------------------------------------------------------------ the LP register
    def register(self) -> list[Result]:
        """The Register LP page's queries (issue 18): count + first page of all LPs, of one
        stage, of the late SP2HPs, and the next page; against bare SQL on lp_cases."""
        from app.domain.register import RegisterFilter
        from app.store.register.listing import key_of, overdue_clause

        register = self.store.register
        today = register.today()
        rules = self.store.settings.sp2hp_rules()
        from zoneinfo import ZoneInfo

        clause, late_params = overdue_clause(today, rules,
                                             ZoneInfo(self.store.profile().timezone))

        def bare(where: str, params: list[Any]) -> None:
            self.conn.execute(f"SELECT count(*) FROM lp_cases c WHERE c.voided = 0 AND {where}",
                              params).fetchone()
            self.conn.execute(
                "SELECT c.visit_id, v.number, c.received_at, c.stage, c.due_on FROM lp_cases c "
                f"JOIN visits v ON v.id = c.visit_id WHERE c.voided = 0 AND {where} "
                "ORDER BY c.received_at DESC, c.visit_id DESC LIMIT 100", params).fetchall()

        out = []
        for label, flt, where, params in (
                ("all LPs", RegisterFilter(), "1", []),
                ("stage penyelidikan", RegisterFilter(stage="penyelidikan"), "c.stage = ?",
                 ["penyelidikan"]),
                ("SP2HP overdue", RegisterFilter(overdue=True), clause, late_params)):
            def piket(flt: Any = flt) -> None:
                register.count(flt)
                register.page(flt, None, 100)

            found = register.count(flt)
            out.append(Result(f"register: {label}", timed(piket, self.reps),
                              timed(lambda w=where, p=params: bare(w, p), self.reps),
                              TARGETS_MS["register"], note=f"{found:,} LP"))
        first = register.page(RegisterFilter(), None, 100)
        if first:
            after = key_of(first[-1])
            out.append(Result("register: next page", timed(
                lambda: register.page(RegisterFilter(), after, 100), self.reps),
                target=TARGETS_MS["register"]))
        return out

    # ------------------------------------------------------------------ Beranda
    def home(self) -> list[Result]:
        """What Beranda asks of the store when it is shown, as its widgets ask it: the
        figures (ui/home/page.py: compute_home), the shift panel (ui/journal/home_panel.py:
        shift, regu, roster, open matters, yesterday's handover) and the two status-bar
        badges (late SP2HP, overdue follow-ups). Timed at the bench's clock (the store's
        last week), not the machine's. No bare side: it is many small questions."""
        from zoneinfo import ZoneInfo

        from app.domain.models import Officer
        from app.journal.shifts import is_overdue
        from app.weekly.figures import compute_home

        store = self.store
        now = datetime(2024, 2, 21, 3, tzinfo=UTC)  # as _finish_store's clock
        today = now.astimezone(ZoneInfo(store.profile().timezone)).date()

        def panel() -> None:
            duty = store.duty
            shift = duty.shift_at(now)
            settings = duty.settings.duty_settings()
            duty.team_on(shift.day)
            store.master.list(Officer)
            duty.open_matters(now)
            previous = duty.shift_on(shift.day - timedelta(days=1))
            is_overdue(now, previous, settings, duty.handover(previous.day) is not None)

        def badges() -> None:
            store.register.overdue_count(today=today)
            store.meetings.overdue_count(today)

        figures = timed(lambda: compute_home(store, now=now), self.reps)
        matters = timed(panel, self.reps)
        late = timed(badges, self.reps)
        total = [a + b + c for a, b, c in zip(figures, matters, late, strict=True)]
        target = TARGETS_MS["home"]
        return [Result("Beranda: figures (compute_home)", figures, target=target),
                Result("Beranda: shift panel (open matters)", matters, target=target),
                Result("Beranda: status-bar badges", late, target=target),
                Result("Beranda: all of it", total, target=target)]

    # ------------------------------------------------------------------ search
    def search(self) -> list[Result]:
        from app.store import VisitFilter
        from app.store.visits.search import fts_query

        facts = self.facts
        model = self.model()
        cases = (("common word", facts["common"]), ("rare word", facts["rare"]),
                 ("reporter name", facts["name"]), ("exact number", facts["number"]),
                 ("NIK", facts["nik"]))
        out = []
        for label, text in cases:
            flt = VisitFilter(text=text)

            def piket(flt: Any = flt) -> None:
                model.set_filter(flt)
                model.row_at(0)

            query = fts_query(text)

            def bare(query: Any = query) -> None:
                self.conn.execute("SELECT count(*) FROM visits_fts WHERE visits_fts MATCH ?",
                                  [query]).fetchone()
                self.conn.execute(BARE_SEARCH_SQL, [query]).fetchall()

            piket()
            found = model.rowCount()
            out.append(Result(f"search: {label}", timed(piket, self.reps),
                              timed(bare, self.reps), TARGETS_MS["search"],
                              note=f"{found:,} found"))
        return out

    # ------------------------------------------------------------------ writes
    def save(self) -> Result:
        from app.domain.models import Visit

        template = self.store.visits.get(self.facts["record"])
        officer = template.receiving_officer_id
        reps = max(self.reps * 2, 10)

        def fresh() -> Visit:
            now = datetime.now(UTC).replace(microsecond=0)
            return dataclasses.replace(
                template, meta=None, number=None, status_history=(), status="diterima",
                received_at=now - timedelta(minutes=10), occurred_at=now - timedelta(hours=2),
                dispatched_officer_id=None, dispatched_at=None, arrived_at=None,
                resolved_at=None, source_patrol_uuid=None)

        visits = [fresh() for _ in range(reps)]
        saved = iter(visits)
        piket = timed(lambda: self.store.visits.create(next(saved), officer), reps)
        counter = iter(range(reps))
        bare = timed(lambda: self._bare_save(visits[0], next(counter)), reps)
        return Result("save one LP", piket, bare, TARGETS_MS["save one LP"])

    def _bare_save(self, visit: Any, n: int) -> None:
        """What a save writes, done directly: row, reporter, status, counter, search entry,
        audit entry with its hash; BEGIN IMMEDIATE ... COMMIT, synchronous=FULL."""
        from app.store.serialize import canonical_json

        conn = self.conn
        stamp = datetime.now(UTC).isoformat(timespec="seconds")
        body = canonical_json(visit)
        conn.execute("BEGIN IMMEDIATE")
        seq = conn.execute("UPDATE number_counters SET last_seq = last_seq + 0 WHERE "
                           "doc_kind = 'lp_b' RETURNING last_seq").fetchall()
        cur = conn.execute(
            "INSERT INTO visits (uuid, station_code, created_at, updated_at, service, number, "
            "received_at, category, narrative, incident_desa, reporter_name) "
            "VALUES (?, 'X', ?, ?, 'lp', ?, ?, ?, ?, ?, ?)",
            [f"bare-{n}-{time.time_ns()}", stamp, stamp, f"BARE/{n}/{time.time_ns()}/{seq}",
             stamp, visit.category, visit.narrative, visit.incident_desa,
             visit.parties[0].name if visit.parties else ""])
        vid = cur.lastrowid
        conn.execute("INSERT INTO visit_parties (visit_id, position, role, name, nik) "
                     "VALUES (?, 0, 'pelapor', ?, ?)", [vid, "Bare", "1602000000000000"])
        conn.execute("INSERT INTO visit_status_history (visit_id, status, at) "
                     "VALUES (?, 'diterima', ?)", [vid, stamp])
        conn.execute("INSERT INTO visits_fts (rowid, number, names, niks, body) "
                     "VALUES (?, '', 'Bare', '', ?)", [vid, visit.narrative])
        prev = conn.execute("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()[0]
        digest = hashlib.sha256((prev + body).encode()).hexdigest()
        conn.execute("INSERT INTO audit_log (at, action, kind, after, prev_hash, hash) "
                     "VALUES (?, 'create', 'visit', ?, ?, ?)", [stamp, body, prev, digest])
        conn.execute("COMMIT")

    def import_csv(self, source: Path, rows: int) -> Result:
        from app.csvio import import_reports

        started = time.perf_counter()
        report = import_reports(self.store, source)
        piket = (time.perf_counter() - started) * 1000
        if not report.ok or report.imported != rows:
            raise RuntimeError(f"import failed: {report.errors[:3]}")
        started = time.perf_counter()
        self._bare_import(source)
        bare = (time.perf_counter() - started) * 1000
        return Result(f"import {rows:,} rows", [piket], [bare],
                      TARGETS_MS["import 100,000 rows"] * rows / IMPORT_ROWS)

    def _bare_import(self, source: Path) -> None:
        """Read the CSV and insert its rows (record, reporter, search entry) in one
        transaction: no checks, no numbers, no audit."""
        conn = self.conn
        with open(source, encoding="utf-8-sig", newline="") as handle:
            reader = csv.DictReader(handle)
            conn.execute("BEGIN IMMEDIATE")
            first = int(conn.execute("SELECT max(id) FROM visits").fetchone()[0]) + 1
            visits, parties, fts = [], [], []
            for i, row in enumerate(reader):
                vid = first + i
                visits.append([vid, f"bare-import-{vid}", row["received_at"], row["service"],
                               row.get("category", ""), row.get("narrative", ""),
                               row.get("desa", ""), row.get("reporter_name", "")])
                parties.append([vid, row.get("reporter_name", ""), row.get("reporter_nik", "")])
                fts.append([vid, row.get("reporter_name", ""), row.get("reporter_nik", ""),
                            row.get("narrative", "")])
            conn.executemany(
                "INSERT INTO visits (id, uuid, station_code, created_at, updated_at, "
                "received_at, service, category, narrative, incident_desa, reporter_name) "
                "VALUES (?, ?, 'X', '', '', ?, ?, ?, ?, ?, ?)", visits)
            conn.executemany("INSERT INTO visit_parties (visit_id, position, role, name, nik) "
                             "VALUES (?, 0, 'pelapor', ?, ?)", parties)
            conn.executemany("INSERT INTO visits_fts (rowid, number, names, niks, body) "
                             "VALUES (?, '', ?, ?, ?)", fts)
            conn.execute("COMMIT")

    # ------------------------------------------------------------------ weekly review
    def weekly(self) -> list[Result]:
        import bench_weekly

        out = []
        for label, week, reps in (("weekly PDF, typical week", TYPICAL_WEEK, self.reps),
                                  ("weekly PDF, 10,000 walk-ins", BIG_WEEK,
                                   max(2, self.reps // 5))):
            pages = [0]

            def piket(week: str = week, pages: list[int] = pages) -> None:
                pages[0] = bench_weekly.measure(self.path, week=week, key=self.key)[2]

            measured = timed(piket, reps)
            bare = timed(lambda week=week, pages=pages: self._bare_weekly(week, pages[0]), reps)
            out.append(Result(label, measured, bare, TARGETS_MS[label],
                              note=f"{pages[0]} pages"))
        return out

    def _bare_weekly(self, week: str, pages: int) -> None:
        """The week's counts by service and category in one query each, as a reportlab
        table of the same number of pages."""
        from reportlab.lib.pagesizes import A4
        from reportlab.platypus import PageBreak, SimpleDocTemplate, Table

        start, end = _week_bounds(self.store, week)
        rows: list[list[Any]] = [["kode", "jumlah"]]
        for column in ("service", "category", "incident_desa", "status"):
            rows.extend([list(r) for r in self.conn.execute(
                f"SELECT {column}, count(*) FROM visits WHERE received_at >= ? AND "
                f"received_at < ? GROUP BY 1 ORDER BY 1", [start, end])])
        story: list[Any] = []
        for page in range(max(1, pages)):
            if page:
                story.append(PageBreak())
            story.append(Table(rows[:40]))
        SimpleDocTemplate(io.BytesIO(), pagesize=A4).build(story)


def _week_bounds(store: Any, week: str) -> tuple[str, str]:
    from app.store.serialize import dt_to_db
    from app.weekly.figures import station_week

    found = station_week(store.profile(), week)
    return str(dt_to_db(found.start_utc)), str(dt_to_db(found.end_utc))


# ---------------------------------------------------------------------------- one size


def import_source(size: int, rows: int, say: Callable[[str], None]) -> Path:
    """A CSV of `rows` walk-ins in the import's columns, exported from the store of `size`
    without its number and uuid columns (so it imports into any store: new numbers)."""
    target = CACHE / f"import-{VERSION}-{rows}.csv"
    if target.exists():
        return target
    from app.csvio import export_reports
    from app.store import Store

    path, _facts = ensure_store(size, say)
    say(f"exporting {rows:,} rows for the import benchmark (once; cached) ...")
    work = CACHE / "export-work.db"
    shutil.copyfile(path, work)
    full = CACHE / "export-work.csv"
    with Store(work) as store:
        export_reports(store, full)
    with open(full, encoding="utf-8-sig", newline="") as src, \
            open(target.with_suffix(".part"), "w", encoding="utf-8", newline="") as dst:
        reader = csv.reader(src)
        header = next(reader)
        keep = [i for i, name in enumerate(header) if name not in ("number", "uuid")]
        writer = csv.writer(dst)
        writer.writerow([header[i] for i in keep])
        service, reporter = header.index("service"), header.index("reporter_name")
        written = 0
        for row in reader:
            if written >= rows:
                break
            if row[service] == "lp" and not row[reporter]:
                # an LP model A: left out, so that a file made now holds the rows of the files
                # cached before the import took model A (lp_model, officer_nrp)
                continue
            writer.writerow([row[i] for i in keep])
            written += 1
    target.with_suffix(".part").rename(target)
    for stale in CACHE.glob("export-work*"):
        stale.unlink()
    return target


def encrypted_copy(path: Path, say: Callable[[str], None]) -> Path:
    """The cached store encrypted with BENCH_KEY (SQLCipher's export; cached beside it)."""
    from app.store import Store, encrypt_copy

    target = path.with_name(path.stem + "-sqlcipher.db")
    # stale when the plain store was built after it (its facts are written once, at the
    # build): a migration of the plain store (ensure_store) changes its file, not its facts,
    # and must not start a 30-minute encryption of the 1M store; it is applied here instead
    built = path.with_suffix(".json")
    built_at = (built if built.exists() else path).stat().st_mtime
    if target.exists() and target.stat().st_mtime >= built_at:
        _migrate(target, BENCH_KEY)
    else:
        say(f"encrypting a copy of {path.name} (once; cached) ...")
        part = target.with_name(target.name + ".part")
        part.unlink(missing_ok=True)
        encrypt_copy(path, part, BENCH_KEY)
        with Store(part, key=BENCH_KEY) as copy:  # its audit trail keyed, as Piket's own
            copy.key_audit_trail("encrypt")  # encryption of a plain store does
        part.rename(target)
    return target


def bench_size(size: int, reps: int, csv_path: Path | None, csv_rows: int,
               say: Callable[[str], None], *, encrypted: bool = False,
               only: frozenset[str] = frozenset(GROUPS)
               ) -> tuple[dict[str, Any], list[Result]]:
    """The rows of the groups in `only` (GROUPS), measured on the store of `size`."""
    path, facts = ensure_store(size, say)
    key = BENCH_KEY if encrypted else None
    if encrypted:
        path = encrypted_copy(path, say)
    say(f"measuring {size:,} ({facts['visits']:,} walk-ins in the store"
        f"{', encrypted' if encrypted else ''}) ...")
    results: list[Result] = []
    if "coldstart" in only:
        cold_reps = max(3, reps // 2)
        # bytecode as an installed Piket has it (scripts/setup.sh compiles it too): with
        # PYTHONDONTWRITEBYTECODE set, every start would otherwise compile app/ and ui/ again
        compileall.compile_dir(ROOT / "app", quiet=1)
        compileall.compile_dir(ROOT / "ui", quiet=1)
        run_child("coldstart", path, key)  # first run after a change: fill the OS cache
        results.append(Result("cold start (window shown, list filled)",
                              [run_child("coldstart", path, key)[0] for _ in range(cold_reps)],
                              [run_child("bare", path, key)[0] for _ in range(cold_reps)],
                              TARGETS_MS["cold start"]))
    bench = Bench(path, facts, reps, key)
    try:
        for group, measure in (("list", bench.list_open), ("search", bench.search),
                               ("register", bench.register), ("home", bench.home),
                               ("weekly", bench.weekly)):
            if group in only:
                results += measure()
    finally:
        bench.close()
    if "rss" in only:
        rss = [_rss_mb(run_child("memory", path, key)[1]) for _ in range(2)]
        bare_rss = [_rss_mb(run_child("bare-memory", path, key)[1]) for _ in range(2)]
        results.append(Result("peak RSS, list open and scrolled", rss, bare_rss,
                              TARGET_RSS_MB, unit="MB"))
    if not only & {"save", "import"}:
        return facts, results
    work = CACHE / f"work-{size}.db"
    say("copying the store for the writes ...")
    shutil.copyfile(path, work)
    bench = Bench(work, facts, reps, key)
    try:
        if "save" in only:
            results.insert(1 if "coldstart" in only else 0, bench.save())
        if "import" in only:
            assert csv_path is not None
            results.append(bench.import_csv(csv_path, csv_rows))
    finally:
        bench.close()
        for stale in CACHE.glob(work.name + "*"):
            stale.unlink()
    return facts, results


def _rss_mb(output: str) -> float:
    for line in output.splitlines():
        if line.startswith("rss "):
            return int(line.split()[1]) / 1024  # ru_maxrss is in KiB on Linux
    raise RuntimeError("no rss line")


# ---------------------------------------------------------------------------- report


def _sqlite_version() -> str:
    from app.store.driver import sqlite3 as driver

    return str(driver.sqlite_version)


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in
                Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
               "?") if Path("/proc/cpuinfo").exists() else "?"
    ram = "?"
    if Path("/proc/meminfo").exists():
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    import PySide6
    return (f"{date.today().isoformat()}, {os.cpu_count()} CPUs ({cpu}), RAM {ram}, "
            f"Python {sys.version.split()[0]}, SQLite {_sqlite_version()} (SQLCipher build), "
            f"PySide6 {PySide6.__version__}")


def table(size: int, facts: dict[str, Any], results: list[Result]) -> str:
    lines = [f"### {size:,} walk-ins ({facts['visits']:,} in the store with the weekly "
             f"review weeks)", "",
             "| operation | Piket median | Piket p95 | bare median | ratio | ratio ≤ 2 | target "
             "| met | note |",
             "|---|---:|---:|---:|---:|:-:|---:|:-:|---|"]
    for r in results:
        median, p95 = Result.stat(r.piket)
        bare = ratio = ratio_ok = ""
        ok = True
        if r.bare:
            bare_median = Result.stat(r.bare)[0]
            bare = _fmt(bare_median, r.unit)
            value = median / bare_median if bare_median else float("inf")
            ratio = f"{value:.1f}"
            ratio_ok = "yes" if value <= RATIO_TARGET else "NO"
        if r.target is not None:
            ok = p95 <= r.target
        lines.append(f"| {r.name} | {_fmt(median, r.unit)} | {_fmt(p95, r.unit)} | {bare} | "
                     f"{ratio} | {ratio_ok} | {_fmt(r.target, r.unit) if r.target else ''} | "
                     f"{'yes' if ok else 'NO'} | {r.note} |")
    return "\n".join(lines)


def comparison(size: int, plain: list[Result], encrypted: list[Result]) -> str:
    """The encrypted store beside the plain one of the same run: p95 and their ratio."""
    lines = [f"### {size:,} walk-ins: SQLCipher 4 against plain SQLite (same run)", "",
             f"| operation | plain p95 | encrypted p95 | ratio | ratio ≤ "
             f"{ENCRYPTED_RATIO_TARGET} | target | met |",
             "|---|---:|---:|---:|:-:|---:|:-:|"]
    for a, b in zip(plain, encrypted, strict=True):
        p95_a, p95_b = Result.stat(a.piket)[1], Result.stat(b.piket)[1]
        ratio = p95_b / p95_a if p95_a else float("inf")
        ok = b.target is None or p95_b <= b.target
        lines.append(f"| {a.name} | {_fmt(p95_a, a.unit)} | {_fmt(p95_b, b.unit)} | "
                     f"{ratio:.2f} | {'yes' if ratio <= ENCRYPTED_RATIO_TARGET else 'NO'} | "
                     f"{_fmt(b.target, b.unit) if b.target else ''} | {'yes' if ok else 'NO'} |")
    return "\n".join(lines)


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "MB":
        return f"{value:.0f} MB"
    return f"{value / 1000:.2f} s" if value >= 1000 else f"{value:.1f} ms"


def main() -> int:
    global CACHE
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="10,000 walk-ins, few repetitions, a 10,000-row import (CI)")
    parser.add_argument("--sizes", help="comma-separated store sizes (default 10k,100k,1M)")
    parser.add_argument("--reps", type=int, help="repetitions of each timed operation")
    parser.add_argument("--cache", type=Path, default=CACHE,
                        help=f"folder of the stores built once (default {CACHE})")
    parser.add_argument("--encrypted", action="store_true",
                        help="also measure an encrypted (SQLCipher) copy, side by side")
    parser.add_argument("--only", help=f"comma-separated groups of rows: {', '.join(GROUPS)} "
                                       "(default all)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.child, args.db)
        return 0
    CACHE = args.cache.resolve()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else list(SIZES)
    reps = args.reps or 20
    csv_size, csv_rows = 100_000, IMPORT_ROWS
    if args.quick:
        sizes, reps, csv_size, csv_rows = [10_000], args.reps or 5, 10_000, 10_000

    def say(text: str) -> None:
        print(f"[bench] {text}", file=sys.stderr, flush=True)

    only = frozenset(args.only.split(",")) if args.only else frozenset(GROUPS)
    if only - set(GROUPS):
        parser.error(f"--only: unknown {', '.join(sorted(only - set(GROUPS)))}; "
                     f"choose from {', '.join(GROUPS)}")
    csv_path = import_source(csv_size, csv_rows, say) if "import" in only else None
    print(f"Machine: {machine()}\n")
    for size in sizes:
        facts, results = bench_size(size, reps, csv_path, csv_rows, say, only=only)
        print(table(size, facts, results))
        print(f"\nSearch words: common {facts['common']!r} ({facts['common_docs']:,} records), "
              f"rare {facts['rare']!r} ({facts['rare_docs']}), name {facts['name']!r}, "
              f"number {facts['number']!r}, NIK {facts['nik']}; week {facts['week']}.\n",
              flush=True)
        if args.encrypted:
            _, secret = bench_size(size, reps, csv_path, csv_rows, say, encrypted=True,
                                   only=only)
            print("Encrypted store (SQLCipher 4, bare side SQLCipher too):\n")
            print(table(size, facts, secret) + "\n")
            print(comparison(size, results, secret) + "\n", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
