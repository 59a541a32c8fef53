"""Shared test set-up.

The notebooks write their tables when nbval re-executes them. So that a test
run never touches the committed ``data/processed/``, the whole session points
``MRT_PROCESSED_DIR`` at a temporary copy of it (kernels inherit the variable).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from faults.sitecustomize import FAULT_ENV  # the test-only fault points of the main job
from mrt import paths
from mrt.readme import replace_block

_SESSION_COPY: Path | None = None


def pytest_configure(config):
    global _SESSION_COPY
    _SESSION_COPY = Path(tempfile.mkdtemp(prefix="mrt-processed-"))
    shutil.copytree(paths.DATA / "processed", _SESSION_COPY / "processed")
    os.environ[paths.PROCESSED_ENV] = str(_SESSION_COPY / "processed")


def pytest_unconfigure(config):
    if _SESSION_COPY is not None:
        shutil.rmtree(_SESSION_COPY, ignore_errors=True)


COMMITTED_PROCESSED = paths.DATA / "processed"


@pytest.fixture(scope="session")
def guides_dir() -> Path:
    """The four guide texts, found through MRT_GUIDES_DIR (CI sets it to ../shared/guides)."""
    found = paths.guides_dir()
    if found is None:
        pytest.skip(f"guide texts not available: set {paths.GUIDES_ENV} to the folder holding the four guides "
                    "(for example ../shared/guides) to check the transcription against them")
    if not found.is_dir():
        pytest.fail(f"{paths.GUIDES_ENV}={found} is not a folder")
    return found


def guide_lines(guides: Path, guide_file: str) -> list[str]:
    """A guide's lines exactly as stored (no stripping, no normalising)."""
    return (guides / guide_file).read_text(encoding="utf-8").split("\n")


# -- a throwaway copy of the project, for tests that run the main job as a user would ---------------------------
#
# The real checkout is never run or interrupted by a test: the run-level tests copy the project (without
# .git, .venv and generated folders) and run `python run.py ...` there. The copy gets a stand-in .venv whose
# `python` hands over to this environment's interpreter, with a stamp for the copy's pins, so run.py finds a
# sound environment and hands over to `python -m mrt.cli` exactly as it does in a checkout (PYTHONPATH makes
# the copy's src/mrt the one imported, by the job and by its kernels).

import importlib.util  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import signal  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from dataclasses import dataclass  # noqa: E402

TOP_LEVEL_SKIPPED = {".git", ".venv", "mutants", "site", "student-edition", "runs", "scratch", ".mrt-staging",
                     "test-artifacts", ".hypothesis", ".pytest_cache"}
PREVIOUS_MARKER = "previous-set.txt"


def load_run_py():
    """run.py as a module (it is a script at the top of the repository, not part of the package)."""
    spec = importlib.util.spec_from_file_location("mrt_run_py", paths.ROOT / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def copy_project(dest: Path) -> Path:
    def skipped(folder, names):
        top = Path(folder) == paths.ROOT
        return [n for n in names if (top and n in TOP_LEVEL_SKIPPED) or n == "__pycache__" or n.endswith(".egg-info")
                or n == PREVIOUS_MARKER]

    shutil.copytree(paths.ROOT, dest, ignore=skipped)
    run_py = load_run_py()
    python = run_py.python_of(dest / ".venv")
    python.parent.mkdir(parents=True)
    python.write_text(f"#!/bin/sh\nexec '{sys.executable}' \"$@\"\n")
    python.chmod(0o755)
    stamp = {"groups": {"main": run_py.fingerprint("main", dest)}, "installer": "test stand-in"}
    (dest / ".venv" / run_py.STAMP_NAME).write_text(json.dumps(stamp))
    return dest


def stub_notebooks(root: Path) -> None:
    """Replace the copy's notebooks by stubs with the same names and graph: the first copies the committed
    tables and charts into the folder the run writes; the others only wait for it. The run's machinery
    (staging, swap, signals, README, site) is then exercised in seconds; the real notebooks' own work is
    checked by test_reproducible.py."""
    import nbformat

    from mrt.executor import KERNELSPEC, LANGUAGE_INFO
    from mrt.vocab import STEPS

    for number, step in enumerate(STEPS):
        setup = nbformat.v4.new_code_cell("from mrt import paths")
        setup.metadata["tags"] = ["setup"]
        if number == 0:
            work = ("import shutil\n"
                    "shutil.copytree(paths.DATA / 'processed', paths.processed_dir(), dirs_exist_ok=True,\n"
                    f"                ignore=shutil.ignore_patterns('{PREVIOUS_MARKER}'))\n")
        else:
            work = f"print('{step.notebook} ran after its dependencies')"
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(f"# Stand-in for {step.notebook}"), setup,
                                             nbformat.v4.new_code_cell(work)],
                                      metadata={"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
        (root / "notebooks" / step.notebook).write_text(nbformat.writes(nb) + "\n", encoding="utf-8")


def mark_previous_set(root: Path) -> None:
    """Make the outputs in place recognisable as 'the previous set' (a fresh build never holds the markers)."""
    (root / "data" / "processed" / PREVIOUS_MARKER).write_text("previous\n")
    (root / "site").mkdir(exist_ok=True)
    (root / "site" / "index.html").write_text("<p>previous site</p>\n")
    (root / "site" / PREVIOUS_MARKER).write_text("previous\n")
    readme = root / "README.md"  # a generated block no run writes: a fresh run rewrites it
    readme.write_text(replace_block(readme.read_text(encoding="utf-8"), "outputs", "previous set"), encoding="utf-8")


def output_files(root: Path) -> dict[str, bytes]:
    """Every output of the main job in a copy, path -> bytes: data/processed, the notebooks, site, README."""
    found = {}
    for folder in ("data/processed", "site"):
        for path in sorted((root / folder).rglob("*")) if (root / folder).is_dir() else []:
            if path.is_file():
                found[path.relative_to(root).as_posix()] = path.read_bytes()
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        found[path.relative_to(root).as_posix()] = path.read_bytes()
    found["README.md"] = (root / "README.md").read_bytes()
    return found


@dataclass
class Finished:
    code: int
    stderr: str

    @property
    def lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    @property
    def errors(self) -> list[str]:
        return [line for line in self.lines if line.startswith("error:")]


PROGRESS = re.compile(r"^\[\d+/\d+ done, +[\d.]+ s\] ")
KNOWN_LINES = (PROGRESS, re.compile(r"^(WARNING: redirected by .*|reads .*; writes .*)$"), re.compile(r"^paused at .*"),
               re.compile(r"^an earlier run was stopped .*"), re.compile(r"^site written: "),
               re.compile(r"^README\.md: findings and outputs refreshed"), re.compile(r"^\w+: done in "),
               re.compile(r"^data/processed: removed \d+ file"), re.compile(r"^moved \d+ file\(s\) this run does not write to "),
               re.compile(r"^guide line numbers checked only as "))


def unexplained_lines(finished: Finished) -> list[str]:
    """stderr lines that are neither the job's own progress and notes nor its one error line: noise."""
    return [line for line in finished.lines
            if not line.startswith("error:") and not any(p.match(line) for p in KNOWN_LINES)]


def project_env(root: Path, **overrides: str | None) -> dict[str, str]:
    env = dict(os.environ)
    for name in (paths.PROCESSED_ENV, paths.RAW_ENV, FAULT_ENV, "VIRTUAL_ENV", "PYTHONWARNINGS"):
        env.pop(name, None)
    env["PYTHONPATH"] = str(root / "src")
    if overrides.get(FAULT_ENV):  # the test-only fault points (tests/faults/sitecustomize.py), never in src/mrt
        env["PYTHONPATH"] += os.pathsep + str(Path(__file__).resolve().parent / "faults")
    env["MRT_TEST_RUN_ID"] = uuid.uuid4().hex  # every process of this run inherits it: see stray_processes
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def start_project(root: Path, *args: str, env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(root / "run.py"), *args], cwd=root, env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def run_project(root: Path, *args: str, timeout: float = 600, **overrides: str | None) -> Finished:
    process = start_project(root, *args, env=project_env(root, **overrides))
    _, stderr = process.communicate(timeout=timeout)
    return Finished(process.returncode, stderr)


def wait_for_line(process: subprocess.Popen, pattern: str, timeout: float = 300) -> str:
    """Read the process's stderr until a line contains ``pattern``; return everything read so far."""
    seen = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        if not line:
            raise AssertionError(f"the job ended before printing {pattern!r}: {''.join(seen)}")
        seen.append(line)
        if pattern in line:
            return "".join(seen)
    raise AssertionError(f"no {pattern!r} within {timeout} s")


def stray_processes(run_id: str) -> list[str]:
    """Processes still alive that carry this run's MRT_TEST_RUN_ID (kernels it started, for instance)."""
    found = []
    marker = f"MRT_TEST_RUN_ID={run_id}".encode()
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            if marker in (proc / "environ").read_bytes().split(b"\0"):
                command = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                found.append(f"{proc.name}: {command}")
        except OSError:
            continue
    return found


def no_strays_within(run_id: str, seconds: float = 10) -> list[str]:
    deadline = time.monotonic() + seconds
    while (strays := stray_processes(run_id)) and time.monotonic() < deadline:
        time.sleep(0.2)
    return strays


SIGNALS = {"SIGTERM": signal.SIGTERM, "SIGKILL": signal.SIGKILL}


def unwritable_folder(tmp_path: Path) -> Path:
    """A folder nobody can write to, root included: a read-only mount (/sys) as root, a 0555 folder otherwise."""
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        candidate = Path("/sys")
    else:
        candidate = tmp_path / "read-only"
        candidate.mkdir()
        candidate.chmod(0o555)
    try:
        with tempfile.TemporaryFile(dir=candidate):
            pass
    except OSError:
        return candidate
    pytest.skip(f"no unwritable folder found here ({candidate} accepts files)")
