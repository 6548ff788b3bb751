"""The entry point of Piket (the `piket` command and the frozen build): its subcommands come
from app.cli and work without a display; without one the window opens, after a check that a
display and Qt's system libraries are there. Imports no Qt itself, so a subcommand never loads
Qt and a missing library gives a plain message."""

from __future__ import annotations

import ctypes
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from app.cli import main as run_command

# The shared libraries (exact sonames, as the dynamic linker looks them up) that Qt's X11
# plugin (PySide6/Qt/plugins/platforms/libqxcb.so, libQt6XcbQpa, libQt6Gui) needs and that a
# fresh Debian/Ubuntu desktop may lack, with the Debian package that ships each. Taken from
# `objdump -p` of the PySide6 6.12 wheel; libraries the wheel bundles (ICU) are not listed.
# An exact dlopen is used instead of ctypes.util.find_library: find_library("xcb-util") also
# accepts libxcb-util.so.0 (Ubuntu 18.04), which Qt cannot use, and it needs /sbin/ldconfig.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}


def _loadable(soname: str) -> bool:
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: dict[str, str] | os._Environ[str] | None = None) -> bool:
    """Whether Qt will pick its X11 (xcb) plugin: QT_QPA_PLATFORM says so, or it is unset
    and the session is not Wayland (Qt then tries its wayland plugin first)."""
    env = os.environ if environ is None else environ
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform:
        return platform.startswith("xcb")
    return not env.get("WAYLAND_DISPLAY")


def missing_display_packages(environ: dict[str, str] | None = None) -> list[str]:
    """Debian package names of the libraries Qt's window plugin needs and cannot load."""
    if not sys.platform.startswith("linux") or not uses_xcb(environ):
        return []
    packages: list[str] = []
    for soname, package in XCB_LIBRARIES.items():
        if not _loadable(soname) and package not in packages:
            packages.append(package)
    return packages


def display_problem(environ: dict[str, str] | None = None) -> str | None:
    """What stops the window from opening, in plain Indonesian, or None."""
    env = os.environ if environ is None else environ
    if not sys.platform.startswith("linux"):
        return None
    if not env.get("QT_QPA_PLATFORM") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        return ("Piket tidak menemukan layar (DISPLAY tidak diatur). Jalankan Piket dari desktop, "
                "atau pakai QT_QPA_PLATFORM=offscreen untuk uji tanpa layar.")
    missing = missing_display_packages(environ)
    if missing:
        return ("Jendela Piket butuh pustaka sistem yang belum terpasang. Pasang dengan:\n"
                f"  sudo apt-get install -y {' '.join(missing)}\nlalu jalankan Piket lagi.")
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """`piket [--db PATH] [PERINTAH ...]`: a subcommand, or the window when none is given."""
    return run_command(argv, open_window=run)


def run(path: Path) -> int:
    """Open the window on the store at `path`; say in plain words what is missing first."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from ui.startup import start

    return start(path)
