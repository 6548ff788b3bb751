"""Translations (Qt Linguist). Indonesian is the source language of Piket's own strings and
needs no file; English is a translation (resources/i18n/piket_en.ts).

Qt ships no Indonesian translation of its own strings (there is no qtbase_id.qm under
QLibraryInfo.path(TranslationsPath)), so resources/i18n/qt_id.ts carries the Qt strings a
desk officer meets: standard buttons (QPlatformTheme), the edit context menus of text fields,
the file dialog (QFileDialog, QFileSystemModel: the non-native one used on Linux) and the
print dialog with its options and printer properties (QPrintDialog, QPrintWidget,
QPrintSettingsOutput, QPageSetupWidget, QPrintPropertiesWidget, QCupsJobWidget) and print
preview. Source texts are Qt 6 qtbase strings, taken from the catalogues the PySide6 wheel
ships (a missing or misspelt source simply stays English: tests/test_ui_qt_dialogs_id.py
walks both dialogs and finds any). ui/common/dialogs still labels every standard button
itself.

.qm files are built from the .ts with Qt's lrelease (shipped in the PySide6 wheel) at set-up
(scripts/setup.sh runs `python -m ui.i18n`; also for a PyInstaller build), and at start-up
when missing or older than the .ts. They are never committed. Update the English catalogue after
changing strings with:
    .venv/bin/pyside6-lupdate ui/main_window.py ui/pages.py \
        ui/first_run.py ui/settings/page.py ui/master/page.py ui/backup_exit.py \
        -ts resources/i18n/piket_en.ts
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from app.resources import resource_path

CATALOGUES: dict[str, tuple[str, ...]] = {"id": ("qt_id",), "en": ("piket_en",)}
LOCALES: dict[str, QLocale] = {
    "id": QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia),
    "en": QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom),
}


def lrelease_path() -> Path | None:
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    bundled = Path(PySide6.__file__).parent / name
    if bundled.exists():
        return bundled
    found = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    return Path(found) if found else None


def build_qm(ts: Path, qm: Path) -> bool:
    """Compile one .ts to .qm; False (and no exception) when lrelease is missing or fails."""
    tool = lrelease_path()
    if tool is None:
        return False
    try:
        qm.parent.mkdir(parents=True, exist_ok=True)
        result = subprocess.run([str(tool), "-silent", str(ts), "-qm", str(qm)],
                                capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return False
    return result.returncode == 0 and qm.exists()


def _fresh(qm: Path, ts: Path) -> bool:
    return qm.exists() and (not ts.exists() or qm.stat().st_mtime >= ts.stat().st_mtime)


def compiled(name: str, build_dir: Path) -> Path | None:
    """The .qm of catalogue `name`: shipped beside the .ts, or built into `build_dir`."""
    ts = resource_path("i18n", f"{name}.ts")
    shipped = resource_path("i18n", f"{name}.qm")
    if _fresh(shipped, ts):
        return shipped
    if not ts.exists():
        return None
    built = build_dir / f"{name}.qm"
    if _fresh(built, ts) or build_qm(ts, built):
        return built
    return None


def install_translations(app: QCoreApplication, language: str, build_dir: Path,
                         previous: list[QTranslator] | None = None) -> list[QTranslator]:
    """Load the catalogues of `language` ("id" | "en") into `app`, replacing `previous`.
    Returns the installed translators (keep them: Qt does not own them)."""
    for translator in previous or ():
        app.removeTranslator(translator)
    QLocale.setDefault(LOCALES.get(language, LOCALES["id"]))
    installed: list[QTranslator] = []
    for name in CATALOGUES.get(language, ()):
        qm = compiled(name, build_dir)
        translator = QTranslator(app)
        if qm is not None and translator.load(str(qm)) and app.installTranslator(translator):
            installed.append(translator)
    return installed


def main() -> int:
    """Build every .qm beside its .ts (packaging)."""
    failed = 0
    for ts in sorted(resource_path("i18n").glob("*.ts")):
        ok = build_qm(ts, ts.with_suffix(".qm"))
        print(f"{'ok   ' if ok else 'GAGAL'} {ts.with_suffix('.qm')}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
