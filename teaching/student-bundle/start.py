#!/usr/bin/env python3
"""Set up and open the student handout with nothing but Python 3.11+ (standard library only).

    python3 start.py setup    # once: create .venv/ here and install the pinned packages (about a minute with uv)
    python3 start.py lab      # open JupyterLab on the notebooks
    python3 start.py check    # run every notebook top to bottom (what a teacher does to test a machine)
    python3 start.py handin YOUR-NAME   # collect every notebook's hand-in file into handin/YOUR-NAME.zip

Everything the notebooks write while you work (tables, charts, your exercises) goes to scratch/,
never over data/processed/: this script points the notebooks there (MRT_PROCESSED_DIR) and fills
scratch/processed/ with a copy of the tables the first time.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
import venv
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")
STAMP = VENV / ".mrt-student-installed"
SCRATCH = ROOT / "scratch"
WORKING_TABLES = SCRATCH / "processed"
NOTEBOOKS = ROOT / "notebooks"


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# matplotlib's, IPython's and the caches' folders, inside the bundle: nothing is written to the student's home
SETTINGS = VENV / "mrt-home"
SETTINGS_DIRS = {"MPLCONFIGDIR": "matplotlib", "IPYTHONDIR": "ipython", "XDG_CACHE_HOME": "cache", "XDG_CONFIG_HOME": "config"}


def working_env() -> dict[str, str]:
    """The environment of every kernel: tables and exercise output in scratch/, never in data/processed/;
    matplotlib's and IPython's own folders in the bundle (.venv/mrt-home/), never in the student's home."""
    env = dict(os.environ, MRT_PROCESSED_DIR=str(WORKING_TABLES), MRT_SCRATCH_DIR=str(SCRATCH), PYTHONHASHSEED="0")
    for name, folder in SETTINGS_DIRS.items():
        (SETTINGS / folder).mkdir(parents=True, exist_ok=True)
        env[name] = str(SETTINGS / folder)
    return env


def seed_working_tables() -> None:
    """Copy each shipped table into scratch/processed/ unless the student already has one there. mrt.paths says how
    (the one place that does): read from its file, since it needs only the standard library and this may run
    before the bundle's environment exists."""
    spec = importlib.util.spec_from_file_location("mrt_paths_for_start_py", ROOT / "src" / "mrt" / "paths.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.seed_working_tables(WORKING_TABLES)


def point_kernel_at_scratch() -> None:
    """Also set the variables in this environment's own kernel, for editors that start it without this script."""
    for spec in (VENV / "share" / "jupyter" / "kernels").glob("*/kernel.json"):
        data = json.loads(spec.read_text(encoding="utf-8"))
        data["env"] = {**data.get("env", {}), "MRT_PROCESSED_DIR": str(WORKING_TABLES), "MRT_SCRATCH_DIR": str(SCRATCH)}
        # a new file, never written in place: uv installs by hard links to its cache, so writing into the file
        # would change the kernel of every environment on this computer installed from the same cache
        fresh = spec.with_name(spec.name + ".new")
        fresh.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        os.replace(fresh, spec)


INSTALLER_ENV = "MRT_INSTALLER"  # MRT_INSTALLER=pip forces pip even where uv is installed


def uv() -> str | None:
    """uv on this computer's PATH (much faster than pip), unless MRT_INSTALLER=pip."""
    return None if os.environ.get(INSTALLER_ENV) == "pip" else shutil.which("uv")


def pip(*args: str) -> None:
    fast = uv()
    command = ([fast, "pip", "install", "--quiet", "--python", str(PYTHON)] if fast else
               [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "--quiet"])
    subprocess.run([*command, *args], cwd=ROOT, check=True)


def setup() -> int:
    if sys.version_info < (3, 11):
        say(f"error: Python 3.11 or newer is needed, this is {sys.version.split()[0]}")
        return 1
    started = time.monotonic()
    moved = installed_for() not in (None, str(ROOT))
    if not PYTHON.exists() or moved:
        say(f"creating {VENV}" + (f" again (it was set up in {installed_for()}; this folder was moved or copied)" if moved else ""))
        venv.EnvBuilder(with_pip=uv() is None, clear=True).create(VENV)
    say(f"installing the pinned packages with {'uv' if uv() else 'pip'} (a few minutes the first time with pip)")
    pip("-r", str(ROOT / "requirements.txt"), "-c", str(ROOT / "constraints.txt"))
    pip("--no-deps", "-r", str(ROOT / "requirements-no-deps.txt"))  # otter-grader without its PDF and Docker tools
    pip("--no-deps", "-e", str(ROOT))
    point_kernel_at_scratch()
    seed_working_tables()
    STAMP.write_text(str(ROOT) + "\n")  # where it was set up: a moved or copied folder needs setting up again
    say(f"ready in {time.monotonic() - started:.0f} s: now run  python3 start.py lab")
    return 0


def installed_for() -> str | None:
    """The folder the environment was set up in, or None when it was never set up."""
    return STAMP.read_text(encoding="utf-8").strip() if STAMP.is_file() else None


def ready() -> bool:
    where = installed_for()
    if where == str(ROOT) and PYTHON.exists():
        return True
    if where is not None and where != str(ROOT):
        say(f"error: this folder was set up in {where} and has been moved or copied since: run  python3 start.py setup  again")
    else:
        say("error: not set up yet: run  python3 start.py setup  first")
    return False


def lab(extra: list[str]) -> int:
    if not ready():
        return 1
    seed_working_tables()
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # Jupyter refuses root without it
    return subprocess.run([str(BIN / "jupyter"), "lab", "--notebook-dir", str(NOTEBOOKS), *root, *extra],
                          cwd=NOTEBOOKS, env=working_env()).returncode


def check() -> int:
    """Execute every notebook top to bottom into scratch/executed/ (the handout itself is not changed)."""
    if not ready():
        return 1
    seed_working_tables()
    out = SCRATCH / "executed"
    notebooks = sorted(str(p) for p in NOTEBOOKS.glob("*.ipynb"))
    handed_in = set(NOTEBOOKS.glob("*-submission.zip"))
    result = subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(out),
                             "--ExecutePreprocessor.timeout=600", *notebooks], cwd=NOTEBOOKS, env=working_env())
    for made in set(NOTEBOOKS.glob("*-submission.zip")) - handed_in:  # the hand-in cells ran too: not a student's hand-in
        made.unlink()
    if result.returncode == 0:
        say(f"every notebook ran top to bottom; executed copies in {out}")
    return result.returncode


def handin(name: str) -> int:
    """Put the hand-in file of every notebook (written by its last cell) into handin/NAME.zip."""
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name.strip()).strip("-.")
    files = sorted(NOTEBOOKS.glob("*-submission.zip"))
    if not safe or not files:
        say("error: " + ("give your name: python3 start.py handin YOUR-NAME" if not safe else
                         "no hand-in file yet: save a notebook, then run its last cell (it writes NN-name-submission.zip)"))
        return 1
    target = ROOT / "handin" / f"{safe}.zip"
    target.parent.mkdir(exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            archive.write(path, f"{safe}/{path.name}")
    with_handin = {p.stem for p in NOTEBOOKS.glob("*.ipynb") if f"{p.stem}-submission.zip" in p.read_text(encoding="utf-8")}
    missing = sorted(with_handin - {p.name.removesuffix("-submission.zip") for p in files})
    say(f"written: {target} with {', '.join(p.name for p in files)}" + (f"; no hand-in file yet for {', '.join(missing)}" if missing else ""))
    return 0


def main(argv: list[str]) -> int:
    command, rest = (argv[0], argv[1:]) if argv else ("help", [])
    if command == "handin":
        return handin(" ".join(rest))
    if command == "setup":
        try:
            return setup()
        except subprocess.CalledProcessError as error:
            step = " ".join(str(a) for a in error.cmd[3:6]) if isinstance(error.cmd, list) else str(error.cmd)
            say(f"error: installing the packages failed (pip {step} ..., exit {error.returncode}): pip's message above says "
                f"why (no network or package index?); fix that, then run  python3 start.py setup  again")
            return 1
        except OSError as error:
            say(f"error: setting up {VENV} failed: {error.strerror or error}"
                + (f" ({error.filename})" if getattr(error, "filename", None) else ""))
            return 1
    if command == "lab":
        return lab(rest)
    if command == "check":
        return check()
    print(__doc__, file=sys.stderr)
    return 0 if command in ("help", "-h", "--help") else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
