#!/usr/bin/env bash
# Shared set-up for scripts/run.sh and scripts/test.sh: a virtual environment in .venv with
# Piket installed (editable), plus the system libraries Qt needs when we may install them.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
extras=${1:-}

apt_install() {
  # Installs Debian/Ubuntu packages when running as root (or with passwordless sudo);
  # otherwise prints the exact command to run.
  local missing=()
  for pkg in "$@"; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || { echo "Catatan: pasang paket sistem ini: ${missing[*]}" >&2; return 0; }
  if [ "$(id -u)" = 0 ]; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null \
      || echo "Peringatan: gagal memasang ${missing[*]}" >&2
  elif sudo -n true 2>/dev/null; then
    (sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}") >/dev/null \
      || echo "Peringatan: gagal memasang ${missing[*]}" >&2
  else
    echo "Piket butuh paket sistem berikut. Pasang dengan:" >&2
    echo "  sudo apt-get install -y ${missing[*]}" >&2
  fi
}

if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null 2>&1 || true
if [ -n "$extras" ]; then
  .venv/bin/python -m pip install -q -e ".[$extras]" 2>&1 | grep -v "^WARNING: Location" || true
else
  .venv/bin/python -m pip install -q -e . 2>&1 | grep -v "^WARNING: Location" || true
fi
.venv/bin/python -c "import app, PySide6" || { echo "Pemasangan gagal" >&2; exit 1; }
# Piket's own modules compiled once here, as pip does for installed packages: a machine with
# PYTHONDONTWRITEBYTECODE set would otherwise compile them at every start (0.1 s).
.venv/bin/python -m compileall -q app ui >/dev/null || true
# the translations (.qm, not committed) beside their .ts: Piket's and Qt's own dialogs in
# Indonesian; the window builds them itself when this could not
.venv/bin/python -m ui.i18n >/dev/null || echo "Catatan: terjemahan dibuat saat Piket dibuka" >&2
