#!/usr/bin/env bash
# Sets everything up and opens Piket on its default database (or pass --db PATH).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh ""
if [ "$(uname)" = Linux ]; then
  # Qt's window plugin (xcb) on a fresh Debian/Ubuntu desktop.
  apt_install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 \
    libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3
fi
exec .venv/bin/piket "$@"
