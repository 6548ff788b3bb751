"""Sign-in speed of the window (issue 16 item 9): the cold start to the sign-in screen, and
from the password's Enter to the filled walk-in list, on an encrypted store. Prints a table.

    .venv/bin/python bench/bench_signin.py                 # 2,000 walk-ins (+ the weekly
                                                          # review weeks), 5 runs: ~1 min
    .venv/bin/python bench/bench_signin.py --size 10000 --reps 10

The store is bench_scale's cached demo store (bench/.cache/, built once), encrypted with its
bench key, then given key slots: the recovery key and one desk officer's account with the
real argon2id parameters (app/security/keyslots.py). Each run is a child process
(QT_QPA_PLATFORM=offscreen, a home folder of its own) that runs Piket's own start,
ui.startup.start: imports, QApplication, translations, the store's state, the sign-in
dialog; when that is up it says "ready" (the cold start is Popen to that line), types the
NRP and the PIN and submits as Enter does (argon2id, SQLCipher open, the audit of the
sign-in), and the start goes on to the main window; once that is shown, its *Kunjungan &
Laporan* page is opened and its list's first row read (timed inside the child from Enter)."""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import bench_scale  # noqa: E402  (after the path: it sits beside this file)

NRP_ENV, PIN = "PIKET_BENCH_NRP", "730915"
TARGETS_MS = {"cold start to the sign-in screen": 800.0,
              "Enter to the filled walk-in list": 1000.0}


def prepared_store(size: int, say: Callable[[str], None]) -> tuple[Path, str]:
    """A copy of the encrypted bench store with key slots and one account; (path, NRP)."""
    from app.domain.models import Officer
    from app.security.keyslots import KeySlots, new_recovery_key
    from app.security.permissions import Role
    from app.store import Store

    plain, _facts = bench_scale.ensure_store(size, say)
    encrypted = bench_scale.encrypted_copy(plain, say)
    folder = bench_scale.CACHE / f"signin-{size}"
    path = folder / "piket.db"
    nrp_file = folder / "nrp.txt"
    if (path.exists() and nrp_file.exists()
            and path.stat().st_mtime >= encrypted.stat().st_mtime):
        return path, nrp_file.read_text().strip()
    say("giving the encrypted copy key slots and an account (once; cached) ...")
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(encrypted, path)
    slots = KeySlots()
    slots.set_recovery(new_recovery_key(), bench_scale.BENCH_KEY)
    slots.save(KeySlots.path_for(path))
    with Store(path, key=bench_scale.BENCH_KEY) as store:
        officer = store.master.list(Officer, active_only=True)[0]
        assert officer.id is not None
        store.accounts.create(officer.id, Role.PETUGAS, PIN, None)
    nrp_file.write_text(officer.nrp)
    return path, officer.nrp


def child_main(db: Path) -> None:
    """In the child: Piket's own start (ui.startup.start, as `piket` runs it) until the
    sign-in dialog is up ("ready"); then the NRP and PIN, Enter, and the time until the main
    window is shown and its walk-in list has its first row ("signin_ms")."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    from ui import startup  # what `piket` imports to open the window

    settings = QSettings(str(db.parent / "bench-window.ini"), QSettings.Format.IniFormat)
    started: list[float] = []

    def poll() -> None:
        from ui.main_window import MainWindow
        from ui.pages import Page
        from ui.signin.dialog import SignInDialog

        modal = QApplication.activeModalWidget()
        if not started and isinstance(modal, SignInDialog) and modal.isVisible():
            print("ready", flush=True)
            modal.form.nrp.setText(os.environ[NRP_ENV])
            modal.form.password.setText(PIN)
            started.append(time.perf_counter())
            modal.form.submit()  # as Enter in the password field does
        elif started:
            for widget in QApplication.topLevelWidgets():
                if isinstance(widget, MainWindow) and widget.isVisible():
                    page: Any = widget.show_page(Page.VISITS)
                    app.processEvents()
                    assert page.model.rowCount() > 0 and page.model.row_at(0) is not None
                    print(f"signin_ms {(time.perf_counter() - started[0]) * 1000:.1f}",
                          flush=True)
                    os._exit(0)
        QTimer.singleShot(2, poll)

    QTimer.singleShot(0, poll)
    startup.start(db, settings=settings)
    os._exit(3)  # the window closed before it was measured


def run_child(db: Path, nrp: str) -> tuple[float, float]:
    """(ms from Popen to the sign-in screen, ms from Enter to the filled list)."""
    # a home of its own: the window's error log and data folder stay out of the user's
    home = db.parent / "home"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", NRP_ENV: nrp, "HOME": str(home),
           "XDG_DATA_HOME": str(home / ".local" / "share"),
           "XDG_CONFIG_HOME": str(home / ".config")}
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", "--db", str(db)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=ROOT, env=env)
    assert proc.stdout is not None
    cold = signin = -1.0
    for line in proc.stdout:
        if line.strip() == "ready":
            cold = (time.perf_counter() - started) * 1000
        elif line.startswith("signin_ms "):
            signin = float(line.split()[1])
    _out, err = proc.communicate(timeout=120)
    if proc.returncode != 0 or cold < 0 or signin < 0:
        raise RuntimeError(f"child failed: {err[-2000:]}")
    return cold, signin


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def table(size: int, visits: int, rows: dict[str, list[float]]) -> str:
    lines = [f"### Sign-in, encrypted store of {size:,} walk-ins ({visits:,} in the store)", "",
             "| operation | median | p95 | target | met |", "|---|---:|---:|---:|:-:|"]
    for name, values in rows.items():
        target = TARGETS_MS[name]
        median = statistics.median(values)
        lines.append(f"| {name} | {median:.0f} ms | {p95(values):.0f} ms | {target:.0f} ms | "
                     f"{'yes' if p95(values) <= target else 'NO'} |")
    return "\n".join(lines)



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=2000, help="walk-ins of the demo store")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--cache", type=Path, default=bench_scale.CACHE,
                        help=f"folder of bench_scale's stores (default {bench_scale.CACHE})")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_main(args.db)
        return 0

    def say(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    bench_scale.CACHE = args.cache.resolve()  # the stores bench_scale built there
    path, nrp = prepared_store(args.size, say)
    _plain, facts = bench_scale.ensure_store(args.size, say)
    import compileall

    compileall.compile_dir(ROOT / "app", quiet=1)
    compileall.compile_dir(ROOT / "ui", quiet=1)
    say("measuring ...")
    run_child(path, nrp)  # warms the OS file cache
    runs = [run_child(path, nrp) for _ in range(args.reps)]
    print(table(args.size, int(facts["visits"]), {
        "cold start to the sign-in screen": [r[0] for r in runs],
        "Enter to the filled walk-in list": [r[1] for r in runs]}))
    print(f"\n{bench_scale.machine()}; {args.reps} runs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
