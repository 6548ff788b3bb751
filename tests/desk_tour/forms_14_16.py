"""Items 14-16 of issue 15 in a real window (run by forms_14_16.sh under Xvfb + openbox):
the mouse wheel over a saved LP's Kategori scrolls the form and leaves the value; a status
note and a reason typed right after their dialogs open land in their text fields; a date
and a time typed over a selection in the patrol form are taken."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from app.domain.models import Officer
from app.store import Store
from tests.factories import lp
from ui.common.widgets import ask_reason
from ui.patrols.dialog import PatrolDialog
from ui.session import Session
from ui.visits.dialog import VisitDialog
from ui.visits.handling import StatusDialog


def xdo(*args: object) -> None:
    subprocess.run(["xdotool", *map(str, args)], check=True)


def main() -> int:
    app = QApplication(sys.argv)

    def pump(seconds: float = 0.4) -> None:
        end = time.time() + seconds
        while time.time() < end:
            app.processEvents()
            time.sleep(0.02)

    def point_at(widget: QWidget) -> None:
        centre = widget.mapToGlobal(widget.rect().center())
        xdo("mousemove", centre.x(), centre.y())
        pump(0.3)

    store = Store(Path(tempfile.mkdtemp()) / "piket.db")
    officer = store.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None).record
    session = Session(store)
    session.set_officer(officer.id)
    saved = store.visits.create(lp(datetime(2024, 2, 14, 3, 0, tzinfo=UTC), officer.id),
                                officer.id).record
    checks: dict[str, tuple[object, object]] = {}

    dialog = VisitDialog(session, saved)
    dialog.resize(1000, 600)
    dialog.show()
    pump(1.0)
    category, bar = dialog.form.s.category, dialog.scroll_area.verticalScrollBar()
    dialog.scroll_area.ensureWidgetVisible(category)
    pump()
    before = (category.currentText(), bar.value())
    point_at(category)
    for _ in range(2):
        xdo("click", 5)  # a wheel notch down
        pump()
    checks["14 Kategori unchanged"] = (category.currentText(), before[0])
    checks["14 the form scrolled"] = (bar.value() > before[1], True)
    checks["14 nothing to save"] = (dialog.is_dirty(), False)
    subprocess.run(["import", "-window", "root", f"{os.environ.get('OUT', '/tmp')}/visit.png"],
                   check=False)

    status = StatusDialog("ditangani", session.local_now, dialog)
    QTimer.singleShot(600, lambda: (xdo("type", "--delay", "40", "Pelaku diamankan"),
                                    xdo("key", "Return")))
    status.exec()
    checks["15 status note typed at once"] = (status.note.text(), "Pelaku diamankan")
    checks["15 next step offered first"] = (status.status.currentData(), "selesai")
    QTimer.singleShot(600, lambda: (xdo("type", "--delay", "40", "tanpa KTP"),
                                    xdo("key", "Return")))
    checks["15 reason typed at once"] = (
        ask_reason(dialog, "Terima peringatan", "NIK?", "Alasan", "Terima"), "tanpa KTP")
    dialog.mark_clean()
    dialog.close()
    pump()

    patrol = PatrolDialog(session)
    patrol.ask_close = lambda: "discard"
    patrol.show()
    pump(1.0)
    for field, typed in ((patrol.form.day.line, "27/11/2026"), (patrol.form.start, "14.30")):
        point_at(field)
        xdo("click", 1)
        pump()
        xdo("key", "ctrl+a")
        xdo("type", "--delay", "60", typed)
        xdo("key", "Tab")
        pump()
    checks["16 date typed over a selection"] = (patrol.form.day.text(), "27-11-2026")
    checks["16 time typed over a selection"] = (patrol.form.start.text(), "14.30")
    patrol.close()
    pump()
    store.close()

    failed = 0
    for name, (seen, wanted) in checks.items():
        ok = seen == wanted
        failed += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {name}: {seen!r}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
