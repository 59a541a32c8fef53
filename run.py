#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3 and pip.

    python3 run.py            # create .venv if needed, install pinned packages, run every notebook, build the site
    python3 run.py test       # the same set-up, then every test (what CI runs)
    python3 run.py site       # rebuild the HTML site from the executed notebooks
    python3 run.py student    # build the student edition (solutions removed) in student-edition/
    python3 run.py education -p tuition_usd_per_year 0 ...   # rerun the education model with other assumptions
    python3 run.py benchmark  # time the main job against running each notebook in turn
    python3 run.py lab        # open JupyterLab with the project's environment

Standard library only: it must run before anything is installed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".mrt-installed"
INPUTS = ("requirements.txt", "constraints.txt", "pyproject.toml")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def _run(*args: object, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), file=sys.stderr, flush=True)
    subprocess.run([str(a) for a in args], check=True, cwd=ROOT, **kwargs)


def ensure_environment() -> None:
    """Create .venv and install the pinned packages, unless already done for these pins."""
    if STAMP.is_file() and STAMP.read_text() == _fingerprint() and PYTHON.exists():
        return
    if not PYTHON.exists():
        print(f"creating {VENV}", file=sys.stderr)
        venv.EnvBuilder(with_pip=True, clear=True).create(VENV)
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-r", ROOT / "requirements.txt", "-c", ROOT / "constraints.txt")
    _run(PYTHON, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ROOT)
    STAMP.write_text(_fingerprint())


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("run", [])
    ensure_environment()
    env = dict(os.environ, PYTHONHASHSEED="0")
    if command == "test":
        return subprocess.run([str(PYTHON), "-m", "pytest", *rest], cwd=ROOT, env=env).returncode
    if command == "benchmark":
        return subprocess.run([str(PYTHON), str(ROOT / "benchmarks" / "main_job.py"), *rest], cwd=ROOT, env=env).returncode
    if command == "education":
        return subprocess.run([str(PYTHON), "-m", "mrt.rerun", *rest], cwd=ROOT, env=env).returncode
    if command == "lab":
        root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # Jupyter refuses root without it
        return subprocess.run([str(BIN / "jupyter"), "lab", "--notebook-dir", str(ROOT / "notebooks"), *root, *rest], cwd=ROOT, env=env).returncode
    if command == "lock":
        frozen = subprocess.run([str(PYTHON), "-m", "pip", "freeze", "--exclude-editable"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
        header = ("# Every package the environment holds, pinned (pip freeze of a fresh install of requirements.txt).\n"
                  "# Used as pip constraints so that a new machine gets the same versions; regenerate with 'python3 run.py lock'.\n")
        (ROOT / "constraints.txt").write_text(header + frozen)
        return 0
    if command in ("run", "notebooks", "site", "student"):
        return subprocess.run([str(PYTHON), "-m", "mrt.cli", command, *rest], cwd=ROOT, env=env).returncode
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
