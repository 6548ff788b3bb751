"""Composition root of the window: resolve paths, open the store, build the window."""

from __future__ import annotations

import ctypes.util
import os
import sys
from pathlib import Path

# Libraries Qt's X11 plugin (xcb) needs that a fresh Debian/Ubuntu desktop may lack.
XCB_LIBRARIES = {
    "xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4",
    "xcb-keysyms": "libxcb-keysyms1", "xcb-image": "libxcb-image0",
    "xcb-render-util": "libxcb-render-util0", "xcb-xkb": "libxcb-xkb1",
    "xkbcommon-x11": "libxkbcommon-x11-0", "xcb-shape": "libxcb-shape0",
    "xcb-randr": "libxcb-randr0", "EGL": "libegl1", "GL": "libgl1",
    "fontconfig": "libfontconfig1", "dbus-1": "libdbus-1-3",
}


def missing_display_packages() -> list[str]:
    """Debian package names of the libraries Qt's window plugin needs and cannot find."""
    if not sys.platform.startswith("linux"):
        return []
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return []
    return [pkg for lib, pkg in XCB_LIBRARIES.items() if ctypes.util.find_library(lib) is None]


def run(path: Path) -> int:
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if (sys.platform.startswith("linux") and not platform and not os.environ.get("DISPLAY")
            and not os.environ.get("WAYLAND_DISPLAY")):
        print("Piket tidak menemukan layar (DISPLAY tidak diatur). Jalankan Piket dari desktop, "
              "atau pakai QT_QPA_PLATFORM=offscreen untuk uji tanpa layar.", file=sys.stderr)
        return 2
    missing = missing_display_packages()
    if missing:
        print("Jendela Piket butuh pustaka sistem yang belum terpasang. Pasang dengan:\n"
              f"  sudo apt-get install -y {' '.join(missing)}\nlalu jalankan Piket lagi.",
              file=sys.stderr)
        return 2
    from ui.startup import start

    return start(path)
