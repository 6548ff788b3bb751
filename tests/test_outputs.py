"""Issue 15, items 1, 2, 3 and 10: what Piket writes never lands on the store, its sidecars
or a backup, and is written whole or not at all; CSV cells are safe to open in Excel and come
back unchanged; files and temporary folders are private; an unexpected error in a command is
logged and told in Indonesian, never as a traceback. Real files, real SQLite, real PDFs."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import resource
import signal
import stat
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.backup.service import backup_store
from app.cli import EXIT_UNEXPECTED
from app.cli import main as cli_main
from app.csvio import export_reports, import_reports
from app.csvio.common import neutralise, unneutralise
from app.domain.models import Officer, Party
from app.outputs import OutputRefused, atomic_write, private_temp_dir, safe_output_path
from app.store import Store
from tests.cli_support import ADMIN, PIMPINAN, make_store, open_store, sign_in_as
from tests.conftest import MutableClock
from tests.factories import kehilangan, lp

ROOT = Path(__file__).resolve().parent.parent
NIK = "1602075203900003"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _fill(store: Store, officer: Officer, n: int = 3) -> None:
    for i in range(n):
        store.visits.create(lp(store.clock() - timedelta(days=3, hours=i), officer.id), officer.id)
        store.visits.create(kehilangan(store.clock() - timedelta(days=3, hours=i), officer.id),
                            officer.id)


@pytest.fixture
def umask_022() -> Iterator[None]:
    """The usual desktop umask: without Piket's own modes, files would be world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def encrypted(tmp_path: Path, clock: MutableClock) -> Iterator[tuple[Store, Officer]]:
    """An encrypted store, as the commands (which sign in) need, and its administrator."""
    with make_store(tmp_path / "piket.db", clock=clock) as store:
        yield store, store.master.officers_by_nrp()[ADMIN.nrp]


# ---------------------------------------------------------------------- item 1: --out
def test_weekly_export_and_backup_naming_the_store_or_its_wal_are_refused(
        encrypted: tuple[Store, Officer], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    store, officer = encrypted
    _fill(store, officer)
    backup = backup_store(store, officer.id).info.path
    db = str(store.path)
    wal = store.path.with_name(store.path.name + "-wal")
    assert wal.exists()  # the store is open (this test holds it), as at a desk
    link = tmp_path / "laporan.pdf"
    link.symlink_to(store.path)  # a harmless-looking name that points at the store
    counts = store.summary_counts()
    backup_sha = _sha(backup)
    for target in (store.path, wal, link, backup):
        commands = (["weekly", "--db", db, "--out", str(target)],
                    ["export", "--db", db, "--kind", "reports", "--out", str(target)],
                    ["export", "--db", db, "--kind", "patrols", "--out", str(target)],
                    ["backup", "--db", db, "--to", str(target)])
        for argv in commands:
            sign_in_as(monkeypatch, ADMIN if argv[0] == "backup" else PIMPINAN)
            assert cli_main(argv) == 1, argv
            err = capsys.readouterr().err
            assert err.startswith("Kesalahan: ") and "Traceback" not in err, err
            assert str(target) in err and ("basis data" in err or "folder" in err), err
    assert store.verify() == []
    assert store.summary_counts() == counts
    assert link.is_symlink() and _sha(backup) == backup_sha
    with open_store(store.path) as again:  # another process opens it as before
        assert again.verify() == []
        assert again.summary_counts()["Kunjungan"] == counts["Kunjungan"]
    assert cli_main(["verify", "--db", db]) == 0


def test_the_refusal_names_why(store: Store, tmp_path: Path) -> None:
    wal = store.path.with_name(store.path.name + "-wal")
    shm = store.path.with_name(store.path.name + "-shm")
    journal = store.path.with_name(store.path.name + "-journal")  # absent: still refused
    with pytest.raises(OutputRefused, match="basis data Piket yang sedang dipakai"):
        safe_output_path(store.path, protected=(store.path,))
    for sidecar in (wal, shm, journal):
        with pytest.raises(OutputRefused, match="bagian dari basis data") as refused:
            safe_output_path(sidecar)  # no store named: found from the file beside it
        assert refused.value.reason == "sidecar"
    new_store = tmp_path / "baru.db"  # not yet created: refused when named as protected
    with pytest.raises(OutputRefused):
        safe_output_path(new_store, protected=(new_store,))
    with pytest.raises(OutputRefused, match="folder"):
        safe_output_path(tmp_path)
    assert safe_output_path(tmp_path / "anev.pdf", protected=(store.path,)) == tmp_path / "anev.pdf"


def test_a_writer_failing_midway_leaves_no_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "laporan.csv"
    with pytest.raises(RuntimeError), atomic_write(target, text=True) as handle:
        handle.write("number,received_at\n" * 1000)
        raise RuntimeError("disk dicabut")
    assert list(tmp_path.iterdir()) == []
    target.write_text("versi lama\n")
    with pytest.raises(RuntimeError), atomic_write(target) as binary:
        binary.write(b"%PDF-1.4 separuh")
        raise RuntimeError("habis")
    assert target.read_text() == "versi lama\n"  # the old file, whole
    assert list(tmp_path.iterdir()) == [target]


def test_an_export_cut_by_a_full_disk_leaves_the_old_file_and_no_temporary(
        encrypted: tuple[Store, Officer], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A real failure half-way: the process may write files of 64 KB at most (EFBIG, as a
    full FAT stick gives), and the export is larger."""
    store, officer = encrypted
    sign_in_as(monkeypatch, PIMPINAN)
    for i in range(120):
        visit = lp(store.clock() - timedelta(days=2, minutes=i), officer.id,
                   narrative=f"Kejadian nomor {i}. " + "Pelaku membawa kabur sepeda motor. " * 20)
        store.visits.create(visit, officer.id)
    store.close()
    out = tmp_path / "ekspor"
    out.mkdir()
    target = out / "laporan.csv"
    target.write_text("ekspor kemarin\n")

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))

    result = subprocess.run(
        [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main(sys.argv[1:]))",
         "export", "--db", str(store.path), "--kind", "reports", "--out", str(target)],
        cwd=ROOT, capture_output=True, text=True, timeout=120, preexec_fn=limited,
        env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 1, result.stderr
    assert "berkas tidak dapat ditulis" in result.stderr and "Traceback" not in result.stderr
    assert target.read_text() == "ekspor kemarin\n"
    assert sorted(p.name for p in out.iterdir()) == ["laporan.csv"]


def test_window_save_as_naming_the_store_writes_nothing_and_logs_no_print(
        qtbot: object, store: Store, officer: Officer, clock: MutableClock) -> None:
    from ui.session import Session
    from ui.visits.printing import DocumentPrinter

    session = Session(store)
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    before = store.path.read_bytes()[:100]
    printer = DocumentPrinter(session)
    failed: list[str] = []
    printer.failed.connect(failed.append)
    wal = store.path.with_name(store.path.name + "-wal")
    link = store.path.with_name("STTLP.pdf")  # a link: the old code wrote through it
    link.symlink_to(store.path)
    for target in (store.path, wal, link):
        printer.save_to(visit, target)
    assert len(failed) == 3 and all("tidak ditulis" in text for text in failed)
    assert store.path.read_bytes()[:100] == before and store.verify() == []
    assert visit.meta is not None
    assert "print" not in [e.action for e in store.history(visit.meta.uuid)]


# ---------------------------------------------------------------------- item 2: CSV for Excel
@pytest.mark.parametrize(("cell", "written"), [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+6281234567890", "'+6281234567890"),
    ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("'=1", "''=1"), ("''", "'''"), ("'abc", "'abc"), ("'", "'"), ("Budi", "Budi"), ("", ""),
    ("2024-02-10 09:30", "2024-02-10 09:30"),
])
def test_a_formula_gets_an_apostrophe_and_the_import_takes_it_off(cell: str, written: str) -> None:
    assert neutralise(cell) == written
    assert unneutralise(neutralise(cell)) == cell
    assert neutralise(7) == 7  # numbers are left to the csv module


def test_export_import_export_with_a_phone_and_a_formula_is_byte_identical(
        store: Store, officer: Officer, clock: MutableClock, tmp_path: Path) -> None:
    reporter = Party(role="pelapor", name="Siti Aminah", nik=NIK, sex="P", phone="+6281234567890")
    for narrative in ("=HYPERLINK(\"http://contoh.test\",\"klik\")", "'=1+1 tertulis begitu",
                      "-- pelaku dua orang", "@pelaku kabur"):
        store.visits.create(lp(clock() - timedelta(hours=len(narrative)), officer.id,
                               parties=(reporter,), narrative=narrative), officer.id)
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert export_reports(store, first) == 4
    with first.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert {row["reporter_phone"] for row in rows} == {"'+6281234567890"}
    assert sorted(row["narrative"] for row in rows) == [
        "''=1+1 tertulis begitu", "'-- pelaku dua orang", "'=HYPERLINK(\"http://contoh.test\",\"klik\")",
        "'@pelaku kabur"]
    assert not [cell for row in rows for cell in row.values() if cell[:1] in "=+-@\t\r" and cell]
    with Store(tmp_path / "kantor-lain.db", clock=clock) as other:
        other.master.save(Officer("ANDI SAPUTRA", "BRIPKA", "85061234"), None)
        report = import_reports(other, first)
        assert report.ok and report.imported == 4, [p.text() for p in report.errors]
        stored = {v.narrative for v in other.visits.iter_all()}
        assert "=HYPERLINK(\"http://contoh.test\",\"klik\")" in stored
        assert "'=1+1 tertulis begitu" in stored
        assert {v.reporter.phone for v in other.visits.iter_all() if v.reporter} == {
            "+6281234567890"}
        assert export_reports(other, second) == 4
    assert second.read_bytes() == first.read_bytes()


# ---------------------------------------------------------------------- item 3: private files
def test_store_backup_and_export_are_owner_only(tmp_path: Path, clock: MutableClock,
                                                umask_022: None,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "piket.db"
    with make_store(path, clock=clock) as store:
        officer = store.master.officers_by_nrp()[ADMIN.nrp]
        _fill(store, officer, 1)
        wal = path.with_name(path.name + "-wal")
        assert _mode(path) == 0o600 and _mode(wal) == 0o600
        backup = backup_store(store, officer.id).info.path
        assert _mode(backup) == 0o600
        export_reports(store, tmp_path / "laporan.csv")
        assert _mode(tmp_path / "laporan.csv") == 0o600
    sign_in_as(monkeypatch, PIMPINAN)
    assert cli_main(["weekly", "--db", str(path), "--out", str(tmp_path / "anev.pdf")]) == 0
    assert _mode(tmp_path / "anev.pdf") == 0o600
    sign_in_as(monkeypatch, ADMIN)
    assert cli_main(["restore", "--db", str(path), "--from", str(backup)]) == 0
    assert _mode(path) == 0o600  # the restored store too
    kept = sorted(tmp_path.glob("piket.db.before-restore-*"))  # with its -wal, if one was left
    assert kept and not kept[0].name.endswith("-wal")
    assert all(_mode(p) == 0o600 for p in kept)


def test_receipts_go_to_a_private_folder_not_a_planted_link(
        qtbot: object, store: Store, officer: Officer, clock: MutableClock, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, umask_022: None) -> None:
    """Someone else on the PC planted /tmp/piket-cetak as a link to a folder of theirs:
    the citizen's document must not go there."""
    from PySide6.QtCore import QObject, QUrl, Slot
    from PySide6.QtGui import QDesktopServices

    from ui.session import Session
    from ui.visits.printing import DocumentPrinter, print_folder

    system_tmp = tmp_path / "tmp"
    theirs = tmp_path / "milik-orang-lain"
    system_tmp.mkdir()
    theirs.mkdir()
    (system_tmp / "piket-cetak").symlink_to(theirs)
    monkeypatch.setattr("tempfile.tempdir", str(system_tmp))

    class Viewer(QObject):  # Qt's own hook for opening URLs: the "viewer" of this test
        def __init__(self) -> None:
            super().__init__()
            self.opened: list[str] = []

        @Slot(QUrl)
        def show(self, url: QUrl) -> None:
            self.opened.append(url.toLocalFile())

    viewer = Viewer()
    QDesktopServices.setUrlHandler("file", viewer, "show")
    try:
        session = Session(store)
        visit = store.visits.create(lp(clock(), officer.id), officer.id).record
        printer = DocumentPrinter(session)
        with qtbot.waitSignal(printer.finished, timeout=20_000) as done:  # type: ignore[attr-defined]
            printer.open_document(visit)
    finally:
        QDesktopServices.unsetUrlHandler("file")
    pdf = Path(done.args[0])
    assert viewer.opened == [str(pdf)]
    assert list(theirs.iterdir()) == []
    folder = print_folder(session)
    assert pdf.parent == folder and folder.parent == system_tmp
    assert folder.name.startswith("piket-cetak-") and not folder.is_symlink()
    assert _mode(folder) == 0o700 and _mode(pdf) == 0o600
    assert visit.number and visit.number in PdfReader(io.BytesIO(pdf.read_bytes())).pages[0] \
        .extract_text()
    session.deleteLater()  # the session ends (the window closes): its documents go
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not folder.exists()


def test_a_printed_receipt_is_removed_once_on_paper(
        qtbot: object, store: Store, officer: Officer, clock: MutableClock, tmp_path: Path) -> None:
    from PySide6.QtPrintSupport import QPrinter

    from ui.session import Session
    from ui.visits.printing import DocumentPrinter, print_and_remove, print_folder

    session = Session(store)
    visit = store.visits.create(lp(clock(), officer.id), officer.id).record
    device = QPrinter(QPrinter.PrinterMode.HighResolution)
    device.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    device.setOutputFileName(str(tmp_path / "kertas.pdf"))
    printer = DocumentPrinter(session)
    folder = print_folder(session)
    with qtbot.waitSignal(printer.finished, timeout=20_000) as done:  # type: ignore[attr-defined]
        printer.produce(visit, lambda copy: folder / f"sttlp-{copy}.pdf",
                        lambda path: print_and_remove(path, device))
    assert not Path(done.args[0]).exists() and list(folder.iterdir()) == []
    assert len(PdfReader(tmp_path / "kertas.pdf").pages) >= 1


def test_a_private_temporary_folder_is_removed_at_exit(tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from app.outputs import private_temp_dir
        folder = private_temp_dir("piket-uji-")
        (folder / "tanda-terima.pdf").write_bytes(b"%PDF")
        print(folder)
    """)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                            text=True, timeout=60, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT), "TMPDIR": str(tmp_path)})
    folder = Path(result.stdout.strip())
    assert folder.parent == tmp_path and not folder.exists()
    inside = private_temp_dir("piket-uji-")
    assert _mode(inside) == 0o700


# ---------------------------------------------------------------------- item 10: no traceback
def test_an_unexpected_error_in_a_command_is_logged_not_shown(
        store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import info_cmd

    def broken(args: object) -> int:
        raise ZeroDivisionError(f"bagi nol saat membaca NIK {NIK}")

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(info_cmd, "run", broken)
    assert cli_main(["info", "--db", str(store.path)]) == EXIT_UNEXPECTED != 0
    captured = capsys.readouterr()
    log = tmp_path / "data" / "Piket" / "piket-error.log"
    assert "Traceback" not in captured.err + captured.out
    assert "kesalahan yang tidak terduga" in captured.err and str(log) in captured.err
    assert NIK not in captured.err and "ZeroDivisionError" not in captured.err  # no data shown
    logged = log.read_text(encoding="utf-8")
    assert "Traceback" in logged and "ZeroDivisionError: bagi nol" in logged
    assert _mode(log) == 0o600


def test_the_piket_process_prints_no_traceback_on_an_unexpected_error(
        store: Store, tmp_path: Path) -> None:
    script = textwrap.dedent("""
        import sys
        from app.cli import info_cmd
        def broken(args):
            raise KeyError("kolom hilang")
        info_cmd.run = broken
        from ui.app import main
        sys.exit(main(sys.argv[1:]))
    """)
    result = subprocess.run(
        [sys.executable, "-c", script, "info", "--db", str(store.path)], cwd=ROOT,
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONPATH": str(ROOT), "XDG_DATA_HOME": str(tmp_path / "data")})
    log = tmp_path / "data" / "Piket" / "piket-error.log"
    assert result.returncode == EXIT_UNEXPECTED
    assert "Traceback" not in result.stderr and str(log) in result.stderr
    assert "KeyError: 'kolom hilang'" in log.read_text(encoding="utf-8")


def test_weekly_save_as_dialog_naming_the_store_is_refused(
        qtbot: object, store: Store, officer: Officer) -> None:
    """The real Save-as dialog of Rekap Mingguan: the officer picks anev.pdf, which is a link
    to piket.db (a name typed without .pdf gets .pdf, so only a link reaches the store), and
    confirms Qt's own "replace it?": Piket says why not, writes nothing, logs no print."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from ui.session import Session
    from ui.weekly.page import WeeklyPage

    _fill(store, officer)
    session = Session(store)
    page = WeeklyPage(session)
    qtbot.addWidget(page)  # type: ignore[attr-defined]
    before = store.path.read_bytes()[:4096]
    prints = store.last_activity_at("print")
    link = store.path.with_name("anev.pdf")
    link.symlink_to(store.path)
    seen: list[str] = []

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if isinstance(modal, QFileDialog):
            modal.selectFile(str(link))
            QTimer.singleShot(0, modal.accept)
        elif isinstance(modal, QMessageBox):
            seen.append(modal.text())
            yes = modal.button(QMessageBox.StandardButton.Yes)  # Qt's "replace it?"
            (yes if yes is not None else modal.button(QMessageBox.StandardButton.Ok)).click()
            if yes is None:
                return
        QTimer.singleShot(30, poll)

    QTimer.singleShot(0, poll)
    page.export_button.click()
    assert seen and "tidak ditulis: berkas itu adalah basis data Piket" in seen[-1]
    assert page.wait_for_jobs()
    assert store.path.read_bytes()[:4096] == before and store.verify() == []
    assert store.last_activity_at("print") == prints
    assert link.is_symlink() and not list(store.path.parent.glob("*.pdf.*"))
