#!/usr/bin/env bash
# The desk tours in one command: a virtual screen (Xvfb, 1366x768) with a window manager
# (openbox), then tests/desk_tour/tour.py drives the real window with xdotool.
#   ./tests/desk_tour/run.sh            all tours
#   ./tests/desk_tour/run.sh b c        some of them
# Screenshots and the stores used go to tests/desk_tour/out/ (TOUR_OUT to change).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
for tool in Xvfb openbox xdotool import; do
  command -v "$tool" >/dev/null || { echo "$tool tidak ada: apt-get install xvfb openbox xdotool imagemagick" >&2; exit 2; }
done
python="${TOUR_PYTHON:-$root/.venv/bin/python}"
[ -x "$python" ] || { echo "Jalankan dulu ./scripts/run.sh atau ./scripts/test.sh (membuat .venv)" >&2; exit 2; }
display=":$(( 90 + RANDOM % 9 ))"
Xvfb "$display" -screen 0 1366x768x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
sleep 1
DISPLAY="$display" openbox >/dev/null 2>&1 &
wm=$!
cleanup() { kill "$wm" "$xvfb" 2>/dev/null || true; }
trap cleanup EXIT
sleep 1
# a fixed home: the window's remembered geometry, Qt's settings and the backups of the
# tour stores stay out of the user's own
export HOME="${TOUR_HOME:-$(mktemp -d)}"
DISPLAY="$display" TOUR_PYTHON="$python" "$python" "$root/tests/desk_tour/tour.py" "$@"
