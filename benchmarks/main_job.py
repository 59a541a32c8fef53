"""Benchmark: the main job against the common practice, and against the floor.

Prints, all measured in this one run on this machine (shared machines are noisy,
so compare the ratios, not the seconds):

- main job: the notebook graph of ``mrt.cli run`` (``mrt.executor.run_notebooks``, in parallel where independent), as a fresh process,
  with and without building the site (the ratios use the notebook part, the work both practices share);
- sequential practice: ``jupyter nbconvert --to notebook --execute`` on each notebook in turn;
- floor: the time to start one kernel and import the stack (pandas, matplotlib, seaborn),
  times the number of notebooks, divided by the cores.

Aims: main job <= 0.5 x sequential practice, and <= 2.0 x floor (issue 21).
Then the slowest code cells of the main job (notebook, cell number, first line, seconds: the median over
the repeats of the notebook-only runs; cells run side by side on few cores, so a cell's seconds include
waiting for a core), and the machine's load average before and after, to judge how noisy the run was.
Everything is written to temporary folders; the repository is not touched.

    python3 run.py benchmark [--repeat 3] [--cells 10]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mrt import paths  # noqa: E402
from mrt.vocab import STEPS  # noqa: E402

PYTHON = sys.executable
BIN = Path(PYTHON).parent


def fresh_processed(tmp: Path) -> dict[str, str]:
    processed = tmp / "processed"
    shutil.rmtree(processed, ignore_errors=True)
    shutil.copytree(paths.DATA / "processed", processed)
    return dict(os.environ, **{paths.PROCESSED_ENV: str(processed)})


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main_job(tmp: Path, with_site: bool, cells: list[dict] | None = None) -> float:
    """The main job as a fresh process: the notebook graph, and optionally the site. ``cells``, when a list,
    receives each executed code cell's time (notebook, cell, first_line, seconds), written by that process."""
    env = fresh_processed(tmp)
    times = tmp / "cell-times.json"
    times.unlink(missing_ok=True)
    code = ("import dataclasses, json; from mrt.executor import run_notebooks; times = []; "
            f"run_notebooks(out_dir=r'{tmp / 'nb'}', cell_times=times)")
    if with_site:
        code += f"; from mrt.site import build_site; build_site(r'{tmp / 'site'}', r'{tmp / 'nb'}')"
    code += f"; open(r'{times}', 'w').write(json.dumps([dataclasses.asdict(t) for t in times]))"
    seconds = timed([PYTHON, "-c", code], env)
    if cells is not None:
        cells.extend(json.loads(times.read_text(encoding="utf-8")))
    return seconds


def slowest_cells(runs: list[list[dict]], count: int) -> list[tuple[str, int, str, float]]:
    """The ``count`` slowest code cells: (notebook, cell, first line, median seconds over the runs)."""
    seconds: dict[tuple[str, int, str], list[float]] = {}
    for run in runs:
        for cell in run:
            seconds.setdefault((cell["notebook"], cell["cell"], cell["first_line"]), []).append(cell["seconds"])
    medians = [(*key, statistics.median(values)) for key, values in seconds.items()]
    return sorted(medians, key=lambda row: (-row[3], row[0], row[1]))[:count]


def notebook_totals(runs: list[list[dict]]) -> dict[str, float]:
    """Seconds spent executing each notebook's code cells (median over the runs), waiting for others not counted."""
    totals: dict[str, list[float]] = {}
    for run in runs:
        per_run: dict[str, float] = {}
        for cell in run:
            per_run[cell["notebook"]] = per_run.get(cell["notebook"], 0.0) + cell["seconds"]
        for notebook, total in per_run.items():
            totals.setdefault(notebook, []).append(total)
    return {notebook: statistics.median(values) for notebook, values in totals.items()}


def sequential_practice(tmp: Path) -> float:
    env = fresh_processed(tmp)
    start = time.perf_counter()
    for step in STEPS:
        subprocess.run([str(BIN / "jupyter"), "nbconvert", "--to", "notebook", "--execute", "--output-dir", str(tmp / "seq"),
                        str(paths.NOTEBOOKS / step.notebook)], env=env, check=True, cwd=paths.NOTEBOOKS,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def kernel_and_stack() -> float:
    """Start one kernel, import the stack in it, stop it: measured from inside this process."""
    from jupyter_client.manager import start_new_kernel

    start = time.perf_counter()
    km, kc = start_new_kernel(kernel_name="python3", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        kc.execute_interactive("import pandas, matplotlib, matplotlib.pyplot, seaborn", timeout=120)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the median is reported")
    parser.add_argument("--cells", type=int, default=10, help="how many of the slowest code cells to list")
    args = parser.parse_args(argv)
    cores = os.cpu_count() or 1
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(prefix="mrt-bench-") as name:
        tmp = Path(name)
        kernel_and_stack()  # warm the file cache once, so the first measurement is not penalised
        results = {"main": [], "main_site": [], "sequential": [], "kernel": []}
        cell_runs: list[list[dict]] = []
        for _ in range(args.repeat):  # interleaved, so drifting load hits all of them alike
            cell_runs.append([])
            results["main"].append(main_job(tmp, with_site=False, cells=cell_runs[-1]))
            results["main_site"].append(main_job(tmp, with_site=True))
            results["sequential"].append(sequential_practice(tmp))
            results["kernel"].append(kernel_and_stack())
    main_s, site_s, seq_s, kernel_s = (statistics.median(results[k]) for k in ("main", "main_site", "sequential", "kernel"))
    floor_s = kernel_s * len(STEPS) / cores
    print(f"notebooks: {len(STEPS)}   cores: {cores}   repeats: {args.repeat} (medians below)")
    print(f"main job, notebooks (graph, parallel):            {main_s:6.2f} s")
    print(f"main job, notebooks and site:                     {site_s:6.2f} s")
    print(f"sequential practice (nbconvert --execute each):   {seq_s:6.2f} s")
    print(f"one kernel start + stack import:                  {kernel_s:6.2f} s")
    print(f"floor = {kernel_s:.2f} s x {len(STEPS)} notebooks / {cores} cores:       {floor_s:6.2f} s")
    print(f"main / sequential: {main_s / seq_s:5.2f}   (aim <= 0.50: {'met' if main_s / seq_s <= 0.5 else 'not met'})")
    print(f"main / floor:      {main_s / floor_s:5.2f}   (aim <= 2.00: {'met' if main_s / floor_s <= 2.0 else 'not met'})")
    print("(ratios compare the notebook part, the work both practices do; the site adds "
          f"{site_s - main_s:.2f} s)")
    totals = notebook_totals(cell_runs)
    print("code cells' seconds per notebook (main job, side by side): "
          + ", ".join(f"{nb.split('-')[0]} {s:.1f}" for nb, s in totals.items()))
    print(f"slowest {args.cells} code cells (main job, median of {args.repeat}):")
    for notebook, cell, first_line, seconds in slowest_cells(cell_runs, args.cells):
        shown = first_line if len(first_line) <= 60 else first_line[:57] + "..."
        print(f"  {seconds:6.2f} s  {notebook} cell {cell:>2}: {shown}")
    if load_before is not None:
        load_after = os.getloadavg()
        print(f"load average (1, 5, 15 min) before: {', '.join(f'{x:.2f}' for x in load_before)}; "
              f"after: {', '.join(f'{x:.2f}' for x in load_after)} (on {cores} cores; this run's own work is in it)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
