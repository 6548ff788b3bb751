"""A window session prints nothing on stderr: no "Failed to disconnect … from signal" (a
slot disconnected that was never connected), no warning, no traceback. The session runs in
its own process (tests/window_session.py) with Python's warnings shown."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# what the offscreen platform says about itself, not Piket
PLATFORM_NOISE = ("This plugin does not support propagateSizeHints()",)


def test_a_window_session_prints_nothing_on_stderr(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONWARNINGS="default")
    result = subprocess.run([sys.executable, "-X", "dev", str(ROOT / "tests" / "window_session.py"),
                             str(tmp_path / "sesi.db")], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=120, check=False)
    lines = [line for line in result.stderr.splitlines()
             if line.strip() and not line.startswith(PLATFORM_NOISE)]
    assert result.returncode == 0, result.stderr
    assert lines == ["sesi selesai"], "\n".join(lines)
