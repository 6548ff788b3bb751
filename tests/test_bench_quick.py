"""The scale benchmark runs: `bench/bench_scale.py --quick` (10,000 walk-ins, a few
repetitions) exits 0 and prints its table. Its figures are printed, not asserted: timings
belong to benchmarks, not to tests (docs/BENCHMARKS.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# kept between runs (gitignored) and apart from the stores of a benchmark run by hand
CACHE = ROOT / "bench" / ".cache" / "quick-test"
ROWS = ("cold start", "save one LP", "jump to last row", "filter one week",
        "search: common word", "search: rare word", "search: reporter name",
        "search: exact number", "search: NIK", "register: all LPs",
        "register: stage penyelidikan", "register: SP2HP overdue", "register: next page",
        "weekly PDF, typical week",
        "weekly PDF, 10,000 walk-ins", "peak RSS", "import 10,000 rows")


def test_quick_benchmark_runs_and_prints_its_table() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "bench_scale.py"), "--quick", "--cache",
         str(CACHE)], capture_output=True, text=True, cwd=ROOT, env=env, timeout=900)
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "| operation | Piket median | Piket p95 | bare median | ratio |" in out
    assert "### 10,000 walk-ins" in out
    for row in ROWS:
        assert f"| {row}" in out, row
    assert "Traceback" not in done.stderr
