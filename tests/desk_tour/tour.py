"""Desk tours: the real Piket window under X (Xvfb + openbox), driven by xdotool as a desk
officer drives it, each tour checking its result in the store and saving a screenshot.
Run them with ./tests/desk_tour/run.sh (see README.md beside this file).

    python tests/desk_tour/tour.py [TOUR ...]      (needs DISPLAY; default: all tours)

Screen positions (the wheel in tour b, the void button in tour c) are those of a
1366x768 screen with openbox, where run.sh puts the window; the keyboard does the rest."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from app.store import Store, VisitFilter, sign_in, store_state  # noqa: E402

OUT = Path(os.environ.get("TOUR_OUT", ROOT / "tests" / "desk_tour" / "out"))
PYTHON = os.environ.get("TOUR_PYTHON", sys.executable)
# where the controls are on the 1366x768 screen (the form opened over the maximised window)
PIN = "730915"  # the desk officer's (tours sign in as a KA SPKT: void needs that role)
INCOMING_PIN = "582914"  # the incoming officer's of the handover (tour f)
ADMIN_PASSWORD = "Tur2026admin"
ADMIN_NRP = "79010001"  # the officer who makes the tour's store (piket demo): its admin
KATEGORI_COMBO = (700, 493)  # "Kategori kejadian" of a walk-in form, scrolled to the top
VOID_BUTTON = (528, 705)  # "Batalkan catatan…" of a walk-in form
REGISTER_LIST = (683, 520)  # the middle of the Register LP page's list


class TourFailed(Exception):
    pass


# ---------------------------------------------------------------------- X and the app
def xdo(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True,
                          check=False).stdout.strip()


def key(*keys: str) -> None:
    for k in keys:
        xdo("key", "--clearmodifiers", k)
        time.sleep(0.15)


def type_text(text: str) -> None:
    xdo("type", "--delay", "40", text)
    time.sleep(0.3)


def wheel_over(point: tuple[int, int], notches: int = 1, down: bool = True) -> None:
    xdo("mousemove", str(point[0]), str(point[1]))
    time.sleep(0.4)
    for _ in range(notches):
        xdo("click", "5" if down else "4")
        time.sleep(0.2)
    time.sleep(0.5)


def click(point: tuple[int, int]) -> None:
    xdo("mousemove", str(point[0]), str(point[1]))
    time.sleep(0.3)
    xdo("click", "1")
    time.sleep(0.5)


def window_titles() -> list[str]:
    ids = xdo("search", "--onlyvisible", "--name", ".").split()
    return [xdo("getwindowname", i) for i in ids]


def wait_window(prefix: str, timeout: float = 20) -> str:
    """The title of a visible window starting with `prefix`, once there."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for title in window_titles():
            if title.startswith(prefix):
                time.sleep(0.5)  # drawn and focused
                return title
        time.sleep(0.2)
    raise TourFailed(f"jendela '{prefix}…' tidak muncul; ada: {window_titles()}")


def wait_gone(prefix: str, timeout: float = 10) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if not any(t.startswith(prefix) for t in window_titles()):
            return
        time.sleep(0.2)
    raise TourFailed(f"jendela '{prefix}…' tidak tertutup")


def shot(name: str) -> Path:
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.png"
    subprocess.run(["import", "-window", "root", str(path)], check=False)
    return path


def fresh_store(name: str) -> tuple[Path, str]:
    """An encrypted store with a week of demo data (profile, roster): the demo's first
    officer is its admin, the second a KA SPKT with the PIN `PIN`; that one's NRP."""
    db, nrp, _admin = fresh_store_and_admin(name)
    return db, nrp


def fresh_store_and_admin(name: str) -> tuple[Path, str, str]:
    """fresh_store, and the admin's NRP (password ADMIN_PASSWORD): `piket demo` into a new
    path makes an encrypted store whose first administrator is the officer signing in."""
    from app.domain.models import Officer
    from app.security.permissions import Role

    folder = OUT / "stores"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"{name}.db"
    for old in folder.glob(f"{name}.db*"):
        old.unlink()
    piket(["demo", "--db", str(db), "--weeks", "1"],
          {"PIKET_OFFICER": ADMIN_NRP, "PIKET_PASSWORD": ADMIN_PASSWORD})
    if store_state(db) == "plain":
        raise TourFailed("piket demo membuat basis data tanpa enkripsi: sesuaikan fresh_store")
    with sign_in(db, ADMIN_NRP, ADMIN_PASSWORD) as store:
        roster = [o for o in store.master.list(Officer, active_only=True)
                  if o.nrp != ADMIN_NRP and store.accounts.find(o.nrp) is None]
        desk = next((o for o in roster if o.position == "Ka SPKT I"), roster[0])
        assert desk.id is not None
        store.accounts.create(desk.id, Role.KA_SPKT, PIN, store.access.officer_id)
    return db, desk.nrp, ADMIN_NRP


def open_store(db: Path, nrp: str) -> Store:
    """The tour's store, signed in as the officer of the tour, to check what was saved."""
    return sign_in(db, nrp, PIN)


def sign_in_window(nrp: str, password: str) -> None:
    """Type the NRP (over the one remembered) and the password into the sign-in screen."""
    key("alt+n")
    key("ctrl+a")
    type_text(nrp)
    key("Tab")
    type_text(password)
    key("Return")


def piket(args: list[str], env: dict[str, str] | None = None) -> None:
    done = subprocess.run(
        [PYTHON, "-c", "import sys; from ui.app import main; sys.exit(main(sys.argv[1:]))",
         *args], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT), **(env or {})),
        capture_output=True, text=True)
    if done.returncode:
        raise TourFailed(f"piket {args[0]} gagal: {done.stderr.strip()[-300:]}")


class App:
    """The window on `db`, the officer `nrp` put on duty."""

    def __init__(self, db: Path, nrp: str, password: str = PIN) -> None:
        self.db = db
        self.log = open(OUT / f"{db.stem}.stderr.txt", "w")  # noqa: SIM115
        self.proc = subprocess.Popen(
            [PYTHON, "-c", "import sys; from ui.app import main; sys.exit(main(sys.argv[1:]))",
             "--db", str(db)], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
            stdout=self.log, stderr=self.log)
        wait_window("Masuk ke Piket", 40)
        sign_in_window(nrp, password)
        self.title = wait_window("Piket —")

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
        self.log.close()


# ---------------------------------------------------------------------- steps
def keyboard_lp(reporter: str, narrative: str) -> str:
    """Ctrl+N on the walk-in page, an LP typed with the keyboard only, saved with Ctrl+S
    (each Ctrl+S that cannot save puts the cursor in the field that needs it). The number
    the window shows after saving."""
    key("alt+2")
    key("ctrl+n")
    wait_window("Kunjungan baru")
    key("Tab", "Tab", "Tab", "Tab", "Tab")  # layanan (LP), model, diterima, sekarang, petugas
    type_text(reporter)  # -> Nama pelapor
    key("ctrl+s")  # Kategori wajib diisi: the cursor goes there
    type_text("curanmor")
    key("Return")
    key("ctrl+s")  # Uraian wajib diisi
    type_text(narrative)
    key("ctrl+s")
    title = wait_window("Laporan Polisi — LP/")
    return title.split(" — ", 1)[1]


def find_visit(store: Store, reporter: str):  # type: ignore[no-untyped-def]
    rows = store.visits.page(VisitFilter(text=reporter))
    if not rows:
        raise TourFailed(f"tidak ada data dengan pelapor {reporter} di basis data")
    return store.visits.get(rows[0].id)


# ---------------------------------------------------------------------- the tours
def tour_a_keyboard_lp() -> None:
    """(a) An LP typed from Ctrl+N to saved with the keyboard only."""
    db, nrp = fresh_store("a")
    app = App(db, nrp)
    try:
        number = keyboard_lp("Budi Tur Papan", "Sepeda motor hilang dari teras rumah.")
        shot("a_lp_tersimpan")
    finally:
        app.close()
    with open_store(db, nrp) as store:
        visit = find_visit(store, "Budi Tur Papan")
    if visit.number != number or visit.category != "curanmor" or visit.service != "lp":
        raise TourFailed(f"tersimpan {visit.number} {visit.category}, jendela {number}")
    print(f"  tersimpan {number}")


def tour_b_wheel_over_kategori() -> None:
    """(b) One wheel notch over the Kategori box of a saved LP changes nothing."""
    db, nrp = fresh_store("b")
    app = App(db, nrp)
    try:
        keyboard_lp("Budi Tur Roda", "Sepeda motor hilang dari teras rumah.")
        key("Escape")
        wait_gone("Laporan Polisi")
        key("ctrl+f")
        type_text("Budi Tur Roda")
        key("Return")  # the search, then the list's first row
        time.sleep(0.8)
        key("Return")  # opens the LP
        wait_window("Laporan Polisi — LP/")
        wheel_over(KATEGORI_COMBO)
        shot("b_setelah_roda")
        key("ctrl+s")  # whatever the form shows now is saved
        time.sleep(1.5)
        shot("b_setelah_simpan")
    finally:
        app.close()
    with open_store(db, nrp) as store:
        visit = find_visit(store, "Budi Tur Roda")
    if visit.category != "curanmor":
        raise TourFailed(f"kategori berubah karena roda tetikus: curanmor -> {visit.category}")


def tour_c_reason_dialog() -> None:
    """(c) The reason dialog of "Batalkan catatan…" takes what is typed at once."""
    db, nrp = fresh_store("c")
    app = App(db, nrp)
    reason = "Laporan ganda sudah dicatat"
    try:
        keyboard_lp("Budi Tur Alasan", "Sepeda motor hilang dari teras rumah.")
        click(VOID_BUTTON)
        time.sleep(1)
        shot("c_dialog_alasan")
        type_text(reason)
        shot("c_alasan_diketik")
        key("Return")
        time.sleep(1.5)
        shot("c_setelah_alasan")
    finally:
        app.close()
    with open_store(db, nrp) as store:
        visit = find_visit(store, "Budi Tur Alasan")
    got = visit.meta.void_reason if visit.meta is not None else None
    if got != reason:
        raise TourFailed(f"alasan tersimpan {got!r}, diketik {reason!r}")


def tour_d_patrol_date() -> None:
    """(d) 27/11/2026 typed over the selected date of a new patrol gives the 27th."""
    today = date.today()
    day = (today.replace(day=1) - timedelta(days=1)).replace(day=27)  # last month's 27th
    typed = day.strftime("%d/%m/%Y")
    db, nrp = fresh_store("d")
    app = App(db, nrp)
    try:
        key("alt+4")  # Patroli (Register LP is the third page)
        key("ctrl+n")
        wait_window("Patroli baru")
        key("alt+t")  # Tanggal
        key("ctrl+a")
        type_text(typed)
        shot("d_tanggal_diketik")
        key("Tab")
        key("ctrl+s")  # no place yet: the cursor goes to the places' table
        time.sleep(0.8)  # the refusal is shown and the table takes the focus
        type_text("Serinanti")
        time.sleep(0.5)  # the desa suggestions open; Tab settles on the one that fits
        key("Tab")
        type_text("Pasar")
        key("Tab")
        time.sleep(0.5)
        shot("d_tempat_diketik")
        key("ctrl+s")
        wait_gone("Patroli baru")
        shot("d_patroli_tersimpan")
    finally:
        app.close()
    with open_store(db, nrp) as store:
        newest = max(store.patrols.list(), key=lambda p: p.id or 0)
        zone = store.profile().timezone
    from zoneinfo import ZoneInfo

    got = newest.start_at.astimezone(ZoneInfo(zone)).date()
    if got != day:
        raise TourFailed(f"diketik {typed}, tersimpan {got:%d/%m/%Y}")


def tour_e_sign_in_and_idle_lock() -> None:
    """(e) Sign-in with a wrong PIN then the right one; a half-typed walk-in survives the
    idle lock (1 minute) and the unlock."""
    from dataclasses import replace

    db, nrp, admin_nrp = fresh_store_and_admin("e")
    with sign_in(db, admin_nrp, ADMIN_PASSWORD) as admin:
        admin.settings.save_app_settings(
            replace(admin.settings.app_settings(), idle_lock_minutes=1), admin.access.officer_id)
    log = open(OUT / "e.stderr.txt", "w")  # noqa: SIM115
    proc = subprocess.Popen(
        [PYTHON, "-c", "import sys; from ui.app import main; sys.exit(main(sys.argv[1:]))",
         "--db", str(db)], cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)),
        stdout=log, stderr=log)
    reporter = "Budi Tur Kunci"
    try:
        wait_window("Masuk ke Piket", 40)
        sign_in_window(nrp, "999999")
        time.sleep(1.5)
        shot("e_sandi_salah")
        if not any(t.startswith("Masuk ke Piket") for t in window_titles()):
            raise TourFailed("PIN salah tetapi jendela masuk tertutup")
        sign_in_window(nrp, PIN)
        wait_window("Piket —")
        shot("e_masuk")
        key("alt+2")
        key("ctrl+n")
        wait_window("Kunjungan baru")
        key("Tab", "Tab", "Tab", "Tab", "Tab")
        type_text(reporter)
        shot("e_formulir_diisi")
        time.sleep(70)  # idle: the lock after 1 minute
        shot("e_terkunci")
        if any(t.startswith("Kunjungan baru") for t in window_titles()):
            raise TourFailed("formulir masih tampak setelah layar terkunci")
        type_text("111111")
        key("Return")
        time.sleep(1.5)
        shot("e_terkunci_sandi_salah")
        type_text(PIN)
        key("Return")
        wait_window("Kunjungan baru")
        shot("e_dibuka_formulir_kembali")
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait(10)
        log.close()
    with open_store(db, nrp) as store:
        actions = [r[0] for r in store.db.execute(
            "SELECT action FROM audit_log WHERE kind = 'masuk' ORDER BY id").fetchall()]
        drafts = store.drafts.list()
    for wanted in ("sign_in_failed", "lock", "unlock"):
        if wanted not in actions:
            raise TourFailed(f"{wanted} tidak tercatat di jejak audit: {actions}")
    if not any(reporter in d.payload for d in drafts):
        raise TourFailed("isian formulir tidak tersimpan sebagai draf petugas")
    print(f"  jejak audit: {', '.join(actions[-6:])}")


def tour_f_handover() -> None:
    """(f) The serah terima of the last shift: a wrong password of the incoming officer is
    refused beside its field, the right one signs; the page says it is handed over."""
    from app.domain.models import Officer
    from app.security.permissions import Role

    db, nrp, admin_nrp = fresh_store_and_admin("f")
    with sign_in(db, admin_nrp, ADMIN_PASSWORD) as admin:
        incoming = next(o for o in admin.master.list(Officer, active_only=True)
                        if o.position == "Anggota SPKT" and admin.accounts.find(o.nrp) is None)
        assert incoming.id is not None
        admin.accounts.create(incoming.id, Role.PETUGAS, INCOMING_PIN, admin.access.officer_id)
        day = admin.duty.shift_at(admin.clock()).day - timedelta(days=1)
        if admin.duty.handover(day) is not None:
            raise TourFailed(f"data contoh sudah menyerahterimakan dinas {day:%d-%m-%Y}")
    app = App(db, nrp)
    try:
        key("alt+7")  # Buku Mutasi: the current shift, the previous one not handed over
        time.sleep(1)
        shot("f_buku_mutasi")
        key("alt+t", "ctrl+a")
        type_text(f"{day:%d-%m-%Y}")
        key("Return")
        time.sleep(1)
        key("alt+s")
        wait_window("Serah terima dinas")
        key("alt+r")
        type_text("Dinas aman, dua LP curanmor ditangani.")
        key("alt+n")
        type_text(incoming.nrp)
        key("alt+k")
        type_text("000000")
        key("alt+t")
        time.sleep(2)
        shot("f_sandi_penerima_salah")
        if not any(t.startswith("Serah terima dinas") for t in window_titles()):
            raise TourFailed("kata sandi penerima salah tetapi serah terima tertutup")
        key("alt+k", "ctrl+a")
        type_text(INCOMING_PIN)
        key("alt+t")
        wait_gone("Serah terima dinas")
        time.sleep(1)
        shot("f_diserahterimakan")
    finally:
        app.close()
    with open_store(db, nrp) as store:
        handover = store.duty.handover(day)
    if handover is None or handover.incoming_officer_id != incoming.id:
        raise TourFailed(f"serah terima dinas {day:%d-%m-%Y} tidak tersimpan untuk penerima")
    print(f"  dinas {day:%d-%m-%Y} diserahterimakan kepada NRP {incoming.nrp}")


def tour_g_every_role_of_the_demo() -> None:
    """(g) `piket demo --accounts` into a new path, then the window as its admin and as each
    demo account: the title names the role; screenshots of what each role is offered."""
    from app.security.permissions import ROLE_LABELS, Role

    folder = OUT / "stores"
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "g.db"
    for old in folder.glob("g.db*"):
        old.unlink()
    piket(["demo", "--db", str(db), "--weeks", "1", "--accounts"],
          {"PIKET_OFFICER": ADMIN_NRP, "PIKET_PASSWORD": ADMIN_PASSWORD})
    with sign_in(db, ADMIN_NRP, ADMIN_PASSWORD) as store:
        accounts = [(a.nrp, a.role) for a in store.accounts.list() if a.active]
    if sorted(role for _nrp, role in accounts) != sorted(Role):
        raise TourFailed(f"akun contoh tidak lengkap: {accounts}")
    for nrp, role in accounts:
        app = App(db, nrp, ADMIN_PASSWORD)
        try:
            if f"({ROLE_LABELS[role]})" not in app.title:
                raise TourFailed(f"judul jendela {app.title!r} tanpa peran {ROLE_LABELS[role]}")
            for keys, page in (("alt+1", "beranda"), ("alt+3", "register_lp"),
                               ("alt+7", "buku_mutasi"), ("alt+0", "data_master")):
                key(keys)
                time.sleep(1.5)
                shot(f"g_{role.value}_{page}")
        finally:
            app.close()
        print(f"  {ROLE_LABELS[role]}: NRP {nrp}")


def tour_h_register_filters() -> None:
    """(h) Register LP by keyboard and wheel: Alt+H shows the late SP2HPs only, Ctrl+F and
    a reporter's name typed filter the list after the pause (the search is logged), the
    wheel scrolls the list."""
    from app.domain.register import RegisterFilter

    db, nrp = fresh_store("h")
    with open_store(db, nrp) as store:
        name = next(r.reporter_name for r in store.register.page(RegisterFilter())
                    if r.reporter_name)
    app = App(db, nrp)
    try:
        key("alt+3")
        time.sleep(1.5)
        shot("h_register")
        key("alt+h")
        time.sleep(1)
        shot("h_hanya_terlambat")
        key("alt+h")
        time.sleep(1)
        key("ctrl+f")
        type_text(name)
        time.sleep(2)  # the list's pause (250 ms) and the search log's
        shot("h_cari_pelapor")
        key("ctrl+a")
        key("BackSpace")
        time.sleep(1)
        wheel_over(REGISTER_LIST, notches=3)
        shot("h_roda_daftar")
        if app.proc.poll() is not None:
            raise TourFailed("jendela tertutup saat menelusuri Register LP")
    finally:
        app.close()
    with sign_in(db, ADMIN_NRP, ADMIN_PASSWORD) as store:
        searches = [e for e in store.access_log(limit=50)
                    if e.action == "search" and e.kind == "register_lp"]
    if not any(name in (e.after or "") for e in searches):
        raise TourFailed(f"pencarian Register LP tidak tercatat ({len(searches)} pencarian)")


TOURS: dict[str, Callable[[], None]] = {
    "a": tour_a_keyboard_lp, "b": tour_b_wheel_over_kategori, "c": tour_c_reason_dialog,
    "d": tour_d_patrol_date, "e": tour_e_sign_in_and_idle_lock, "f": tour_f_handover,
    "g": tour_g_every_role_of_the_demo, "h": tour_h_register_filters,
}


def main(names: list[str]) -> int:
    for tool in ("xdotool", "import"):
        if shutil.which(tool) is None:
            print(f"{tool} tidak ada: apt-get install xvfb openbox xdotool imagemagick")
            return 2
    if not os.environ.get("DISPLAY"):
        print("DISPLAY tidak diatur: jalankan lewat tests/desk_tour/run.sh")
        return 2
    failed = []
    for name in names or list(TOURS):
        tour = TOURS[name]
        print(f"[{name}] {(tour.__doc__ or '').strip().splitlines()[0]}", flush=True)
        try:
            tour()
            print(f"[{name}] LULUS", flush=True)
        except (TourFailed, subprocess.CalledProcessError) as exc:
            failed.append(name)
            shot(f"{name}_gagal")
            print(f"[{name}] GAGAL: {exc}", flush=True)
    print(f"{len(names or TOURS) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
