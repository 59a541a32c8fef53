"""Benchmark: a fresh clone to a built site, with uv and with pip.

For each installer, in one run on one machine (shared machines are noisy: compare the ratios):

- clone the repository into a temporary folder (``git clone``, so only committed files);
- time ``python3 run.py where`` there with ``MRT_INSTALLER=uv`` or ``pip``: the set-up alone (creating ``.venv``,
  installing ``requirements.txt`` under ``constraints.txt``, the project) and the checks; then ``python3 run.py``,
  the main job on the environment just made (every notebook, the README, the site);
- measure the size of ``.venv``, and the same for ``python3 run.py test``'s set-up on top (test packages),
  timed up to the moment pytest starts (``--collect-only``, so no test runs);
- build the student bundle (``python3 run.py student``), unzip it elsewhere and time a student's set-up
  (``python3 start.py setup``: uv when it is on PATH, pip otherwise) and the size of the student's ``.venv``.

Package downloads come from each installer's cache when it is warm (a second clone on the same machine);
``--cold`` gives each run an empty cache of its own, so everything is downloaded, as on a new machine.
Nothing in this checkout is touched.

    python3 run.py benchmark setup [--cold] [--repeat 1]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    total = 0
    for item in path.rglob("*"):
        try:
            if item.is_file() and not item.is_symlink():
                total += item.stat().st_size
        except OSError:
            continue
    return total


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"error: {' '.join(command)} failed in {cwd} (exit {done.returncode}): "
                         f"{done.stderr.strip().splitlines()[-1] if done.stderr.strip() else 'no output'}")
    return elapsed


def one_clone(installer: str, tmp: Path, cold: bool) -> dict[str, float]:
    clone = tmp / f"clone-{installer}"
    shutil.rmtree(clone, ignore_errors=True)
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(clone)], check=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("MRT_", "VIRTUAL_ENV", "PYTHONPATH"))}
    env["MRT_INSTALLER"] = installer
    if cold:
        env["PIP_NO_CACHE_DIR"] = "1"
        env["UV_CACHE_DIR"] = str(tmp / f"uv-cache-{installer}")
    python = shutil.which("python3") or sys.executable
    setup_s = timed([python, "run.py", "where"], clone, env)
    main_mb = folder_size(clone / ".venv") / 1e6
    job_s = timed([python, "run.py"], clone, env)
    test_s = timed([python, "run.py", "test", "-o", "addopts=", "--collect-only", "-q", "tests/test_environment.py"], clone, env)
    test_mb = folder_size(clone / ".venv") / 1e6
    student_s, student_mb = student_setup(clone, tmp / f"student-{installer}", python, env, installer)
    shutil.rmtree(clone, ignore_errors=True)
    shutil.rmtree(tmp / f"uv-cache-{installer}", ignore_errors=True)
    return {"total_s": setup_s + job_s, "setup_s": setup_s, "job_s": job_s, "main_mb": main_mb, "test_s": test_s,
            "test_mb": test_mb, "student_s": student_s, "student_mb": student_mb}


def student_setup(clone: Path, folder: Path, python: str, env: dict[str, str], installer: str) -> tuple[float, float]:
    """A student's machine: the bundle built in the clone, unzipped elsewhere, ``python3 start.py setup`` timed
    (uv when it is on PATH, as the clone's own .venv has it; pip when MRT_INSTALLER=pip); the size of its .venv."""
    import zipfile

    timed([python, "run.py", "student"], clone, env)
    shutil.rmtree(folder, ignore_errors=True)
    with zipfile.ZipFile(clone / "dist" / "student.zip") as archive:
        archive.extractall(folder)
    student_env = dict(env)
    if installer == "uv":
        student_env["PATH"] = os.pathsep.join([str(clone / ".venv" / "bin"), env.get("PATH", "")])
    seconds = timed([python, "start.py", "setup"], folder / "student", student_env)
    size = folder_size(folder / "student" / ".venv") / 1e6
    shutil.rmtree(folder, ignore_errors=True)
    return seconds, size


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cold", action="store_true", help="empty download caches (as on a new machine)")
    parser.add_argument("--repeat", type=int, default=1, help="clones per installer; the median is reported")
    args = parser.parse_args(argv)
    results: dict[str, list[dict[str, float]]] = {"uv": [], "pip": []}
    with tempfile.TemporaryDirectory(prefix="mrt-clone-bench-") as name:
        for _ in range(args.repeat):  # interleaved, so drifting load hits both alike
            for installer in ("uv", "pip"):
                results[installer].append(one_clone(installer, Path(name), args.cold))
    med = {i: {k: statistics.median(r[k] for r in runs) for k in runs[0]} for i, runs in results.items()}
    cache = "cold caches (everything downloaded)" if args.cold else "warm download caches"
    print(f"fresh clone to a built site, {cache}, {os.cpu_count()} cores, {args.repeat} clone(s) per installer (medians)")
    print(f"{'':44} {'uv':>8} {'pip':>8} {'uv/pip':>7}")
    rows = [("fresh clone to a built site, s", "total_s"), ("  set-up (.venv, main packages), s", "setup_s"),
            ("  main job (notebooks, README, site), s", "job_s"), ("  .venv size, MB", "main_mb"),
            ("python3 run.py test: test packages on top, s", "test_s"), ("  .venv size after it, MB", "test_mb"),
            ("student bundle: python3 start.py setup, s", "student_s"), ("  student .venv size, MB", "student_mb")]
    for label, key in rows:
        uv, pip = med["uv"][key], med["pip"][key]
        print(f"{label:44} {uv:8.1f} {pip:8.1f} {uv / pip:7.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
