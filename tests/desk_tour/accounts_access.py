"""Akun Petugas and Riwayat akses in a real window (issue 16 items 1, 2, 6; run by
accounts_access.sh under Xvfb + openbox): an encrypted store whose administrator opens Akun
Petugas, starts an account with a password that breaks the rule, then reads Riwayat akses
after a desk officer opened a record and searched a name; the desk officer's window lists
neither page. Screenshots go to $OUT; exits non-zero when a check fails."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QLineEdit

from app.domain.models import Officer, StationProfile
from app.security.permissions import Role
from app.store import Access
from app.store.signin import create_store
from tests.factories import lp
from ui.main_window import MainWindow
from ui.pages import Page
from ui.session import Session
from ui.visits.opening import open_visit

OUT = Path(os.environ.get("OUT", tempfile.mkdtemp()))


def main() -> int:
    app = QApplication(sys.argv)

    def pump(seconds: float = 0.5) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

    def shot(name: str) -> Path:
        path = OUT / f"{name}.png"
        subprocess.run(["import", "-window", "root", str(path)], check=False)
        print(f"  gambar: {path}")
        return path

    folder = Path(tempfile.mkdtemp())
    admin = Officer("INDRA GUNAWAN", "IPTU", "78020002", position="Kapolsek")
    store, _recovery = create_store(folder / "piket.db", admin, "Pedamaran2024")
    admin_id = store.access.officer_id
    store.settings.save_station_profile(StationProfile(), admin_id)
    roster = [store.master.save(Officer(name, rank, nrp, position=position), admin_id).record
              for name, rank, nrp, position in (
                  ("ANDI SAPUTRA", "BRIPKA", "85061234", "Piket SPKT"),
                  ("DEWI LESTARI", "BRIPTU", "96030456", "Piket SPKT"),
                  ("RUDI HARTONO", "AIPTU", "80110987", "Ka SPKT"),
                  ("SITI NURHALIZA", "BRIGPOL", "92050321", "Bhabinkamtibmas Serinanti"))]
    andi, _dewi, rudi, _siti = roster
    assert andi.id is not None and rudi.id is not None
    store.accounts.create(andi.id, Role.PETUGAS, "Andi2024x", admin_id)
    store.accounts.create(rudi.id, Role.KA_SPKT, "Rudi2024x", admin_id)
    session = Session(store)

    # the desk officer records a walk-in, opens it and searches a name
    store.set_access(Access(andi.id, andi.nrp, Role.PETUGAS))
    session.set_officer(andi.id)
    visit = store.visits.create(lp(store.clock() - timedelta(hours=1), andi.id), andi.id).record
    assert visit.id is not None
    settings = QSettings(str(folder / "q.ini"), QSettings.Format.IniFormat)
    window = MainWindow(session, settings)
    window.resize(1366, 740)
    window.show()
    pump(1.0)
    checks: dict[str, tuple[object, object]] = {}
    nav = window._nav  # noqa: SLF001
    labels = [nav.item(r).text() for r in range(nav.count()) if not nav.isRowHidden(r)]
    checks["petugas: tanpa Akun Petugas/Riwayat Akses/Pengaturan"] = (
        any(t in labels for t in ("Akun Petugas", "Riwayat Akses", "Pengaturan")), False)
    visits = window.show_page(Page.VISITS)
    dialog = open_visit(session, visit.id, window)
    pump(1.0)
    if dialog is not None:
        dialog.close()
    pump(0.3)
    search = visits.filters.search  # type: ignore[attr-defined]
    search.setFocus()
    for ch in "Siti":
        search.setText(search.text() + ch)
        pump(0.1)
    visits.searches.commit()  # type: ignore[attr-defined]  (Enter)
    shot("petugas_window")

    # the administrator signs in: Akun Petugas, a new account refused by the rule
    store.set_access(Access(admin_id, admin.nrp, Role.ADMIN))
    session.set_officer(admin_id)
    pump(0.5)
    accounts = window.show_page(Page.ACCOUNTS)
    pump(0.8)
    shot("akun_petugas")
    dewi_row = accounts.model.row_of(roster[1].id)  # type: ignore[attr-defined]
    accounts.table.selectRow(dewi_row)  # type: ignore[attr-defined]
    editor = accounts.create_account()  # type: ignore[attr-defined]
    pump(0.8)
    editor.form.field("password").setText("12345")
    editor.form.field("repeat").setText("12345")
    editor.accept()
    pump(0.5)
    shot("akun_baru_ditolak")
    checks["aturan kata sandi di samping kolom"] = (editor.problem("password"),
                                                   "PIN paling sedikit 6 angka.")
    for key, text in (("password", "Dewi2024x"), ("repeat", "Dewi2024x")):
        field = editor.form.field(key)
        assert isinstance(field, QLineEdit)
        field.setText(text)
    editor.accept()
    pump(0.8)
    state = accounts.model.index(dewi_row, 5).data()  # type: ignore[attr-defined]
    checks["akun Dewi dibuat"] = (state, "Aktif")
    shot("akun_dibuat")

    log = window.show_page(Page.ACCESS_LOG)
    pump(0.8)
    shot("riwayat_akses")
    model = log.model  # type: ignore[attr-defined]
    actions = [model.index(r, 2).data() for r in range(model.rowCount())]
    checks["riwayat: mencari dan membuka catatan"] = (
        "Mencari" in actions and "Membuka catatan" in actions, True)

    failed = 0
    for what, (seen, wanted) in checks.items():
        ok = seen == wanted
        failed += not ok
        print(f"{'OK ' if ok else 'GAGAL'} {what}: {seen!r}" + ("" if ok else f" (harus {wanted!r})"))
    window.close()
    store.close()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
