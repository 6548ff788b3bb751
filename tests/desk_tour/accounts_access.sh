#!/usr/bin/env bash
# Akun Petugas and Riwayat akses in a real window: Xvfb + openbox (see accounts_access.py).
#   apt-get install -y xvfb openbox xdotool imagemagick
#   tests/desk_tour/accounts_access.sh            (from the repository root)
# Prints what it checked; exits non-zero when a check fails. Screenshots: $OUT/*.png.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${PYTHON:-$root/.venv/bin/python}
export OUT=${OUT:-$(mktemp -d)}
tmp=$(mktemp -d)
Xvfb -displayfd 3 -screen 0 1366x768x24 -nolisten tcp 3>"$tmp/d" >/dev/null 2>&1 & xv=$!
trap 'kill $wm $xv 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 100); do [ -s "$tmp/d" ] && break; sleep 0.1; done
export DISPLAY=":$(head -1 "$tmp/d")"
openbox >/dev/null 2>&1 & wm=$!
sleep 1
unset QT_QPA_PLATFORM
cd "$root" && PYTHONPATH=$root timeout 180 "$python" tests/desk_tour/accounts_access.py
