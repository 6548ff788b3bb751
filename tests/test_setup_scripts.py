"""The README's set-up in a fresh clone: `pip install -e .` (what scripts/setup.sh runs)
prints no setuptools warning block, and the README's `./scripts/piket …` examples run the
installed `piket` of the clone's .venv.

The clone's .venv gets Piket installed for real (editable, with pip and setuptools in build
isolation as setup.sh does); its dependencies are borrowed from the environment running the
tests through a .pth file, so the test needs no download of PySide6."""

from __future__ import annotations

import os
import shutil
import subprocess
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README_EXAMPLE_PREFIX = "./scripts/piket "


def _run(cmd: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: int = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout,
                          check=False)


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    target = tmp_path_factory.mktemp("clone") / "piket"
    result = _run(["git", "clone", "-q", "--no-hardlinks", str(ROOT), str(target)], ROOT)
    assert result.returncode == 0, result.stderr
    # what is being tested is the working tree (CI's is a fresh clone already)
    for name in ("pyproject.toml", "scripts/piket", "scripts/setup.sh", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    return target


@pytest.fixture(scope="module")
def installed(clone: Path) -> tuple[Path, str]:
    """The clone with .venv made and Piket installed editable into it; pip's output."""
    env_dir = clone / ".venv"
    venv.EnvBuilder(with_pip=True, symlinks=True).create(env_dir)
    purelib = Path(sysconfig.get_path("purelib", vars={"base": str(env_dir),
                                                       "platbase": str(env_dir)}))
    here = {sysconfig.get_path("purelib"), sysconfig.get_path("platlib")}
    (purelib / "_piket_test_deps.pth").write_text("\n".join(sorted(here)) + "\n")
    python = env_dir / "bin" / "python"
    # as scripts/setup.sh: the newest pip (it shows what the build backend prints, the
    # bundled one hid it), then pip install -q -e . (dependencies already there, see above)
    _run([str(python), "-m", "pip", "install", "-q", "--upgrade", "pip"], clone)
    result = _run([str(python), "-m", "pip", "install", "-q", "--no-deps", "-e", "."], clone)
    output = result.stdout + result.stderr
    if result.returncode != 0 and "setuptools" in output and "No matching distribution" in output:
        pytest.skip("no package index to build with")
    assert result.returncode == 0, output
    return clone, output


def test_editable_install_prints_no_warning_block(installed: tuple[Path, str]) -> None:
    _clone, output = installed
    lines = [line for line in output.splitlines() if not line.startswith("WARNING: Location")]
    assert not any("BuildBackendWarning" in line or line.strip() == "!!" for line in lines), output
    assert not any("Warning" in line for line in lines), output


def test_readme_examples_use_the_wrapper(installed: tuple[Path, str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [line.strip("| `") for line in readme.splitlines() if "piket " in line
                and "scripts/piket" not in line and line.lstrip("| `").startswith("piket ")]
    assert commands == [], "README examples that need the wrapper"
    assert README_EXAMPLE_PREFIX + "info --db demo.db" in readme


def test_wrapper_runs_info_from_anywhere(installed: tuple[Path, str], tmp_path: Path) -> None:
    clone, _output = installed
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    env["PATH"] = "/usr/bin:/bin"  # no piket on the PATH: the wrapper finds the clone's
    env["QT_QPA_PLATFORM"] = "offscreen"
    # the demo's first administrator, as the README writes it (no prompt: not a terminal)
    env["PIKET_OFFICER"], env["PIKET_PASSWORD"] = "85061234", "rahasia123"
    # from the clone, as the README writes it; a relative --db stays relative to the caller
    result = _run(["./scripts/piket", "demo", "--db", str(tmp_path / "demo.db"), "--weeks", "1"],
                  clone, env)
    assert result.returncode == 0, result.stdout + result.stderr
    result = _run([str(clone / "scripts" / "piket"), "info", "--db", "demo.db"], tmp_path, env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Basis data : demo.db" in result.stdout and "Kunjungan  : 0" not in result.stdout
    assert "Enkripsi   : ya" in result.stdout
    # it is the clone's code that ran (its editable install), not the tests' checkout
    probe = _run([str(clone / ".venv" / "bin" / "python"), "-c",
                  "import app, sys; print(app.__file__)"], tmp_path, env)
    assert probe.stdout.strip().startswith(str(clone)), probe.stdout + probe.stderr


def test_wrapper_without_venv_says_it_sets_up(tmp_path: Path) -> None:
    """Without .venv the wrapper sets Piket up (here: no python3 to do it, so it fails
    with the set-up's message, not "command not found")."""
    (tmp_path / "scripts").mkdir()
    shutil.copy2(ROOT / "scripts" / "piket", tmp_path / "scripts" / "piket")
    (tmp_path / "scripts" / "setup.sh").write_text("echo 'setup dipanggil'; exit 3\n")
    result = _run(["bash", str(tmp_path / "scripts" / "piket"), "info"], tmp_path)
    assert result.returncode == 3
    assert "Piket belum dipasang" in result.stderr and "setup dipanggil" in result.stderr

