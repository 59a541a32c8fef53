"""The main job: execute the notebooks as the dependency graph they are.

Cleaning runs first; the three analyses run side by side once it is done; the
fact-check runs last. Every kernel starts at once and runs its setup cells
(imports) straight away, so kernel start-up overlaps with the work of the
notebooks it waits for. Executed notebooks are written whole, then moved into
place; with timing metadata off and fixed chart bytes a second run changes
nothing.
"""

from __future__ import annotations

import asyncio
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

# jsonschema imports rfc3987-syntax when it is installed (jupyterlab pulls it in) and builds a grammar
# that costs about a second at start-up. Notebook validation never checks URI formats, so this process
# tells jsonschema the package is absent. Kernels are separate processes and are not affected.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError  # noqa: E402

from mrt import paths  # noqa: E402
from mrt.io import write_text  # noqa: E402


@dataclass(frozen=True)
class Step:
    notebook: str
    needs: tuple[str, ...]
    summary: str
    has_exercises: bool = True


ALL_STEPS: tuple[Step, ...] = (
    Step("01-clean.ipynb", (), "Transcribed guide figures and BLS tables cleaned into tidy, validated tables"),
    Step("02-salaries.ipynb", ("01-clean.ipynb",), "Which pay figure came from which BLS release, and what means, medians, ranges and real dollars say"),
    Step("03-projections.ipynb", ("01-clean.ipynb",), "How the BLS outlook shrank from 22% (2012-2022) to 13% (2016-2026), and every vintage since"),
    Step("04-education.ipynb", ("01-clean.ipynb",), "Time, money and pay on each route into the job, as a model with parameters you can change"),
    Step("05-fact-check.ipynb", ("01-clean.ipynb", "02-salaries.ipynb", "03-projections.ipynb", "04-education.ipynb"),
         "Every checkable claim in the four guides with a verdict and its evidence"),
    Step("06-findings.ipynb", ("01-clean.ipynb", "02-salaries.ipynb", "03-projections.ipynb", "04-education.ipynb", "05-fact-check.ipynb"),
         "Which headline findings hold under other reasonable methods, and which change", has_exercises=False),
)

# Only the notebooks that exist so far (the graph grows as notebooks land).
STEPS: tuple[Step, ...] = tuple(s for s in ALL_STEPS if (paths.NOTEBOOKS / s.notebook).is_file())

SETUP_TAG = "setup"
LANGUAGE_INFO = {"name": "python", "mimetype": "text/x-python", "file_extension": ".py",
                 "codemirror_mode": {"name": "ipython", "version": 3}, "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3"}
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def tidy_metadata(nb: nbformat.NotebookNode) -> None:
    """Keep only metadata that does not change between machines or runs."""
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)


class NotebookFailed(RuntimeError):
    """A notebook cell raised; the message names the notebook, the cell and the error."""


class Progress:
    def __init__(self, total: int, stream=None):
        self.total, self.done, self.stream, self.start = total, 0, stream, time.perf_counter()

    def say(self, text: str) -> None:
        elapsed = time.perf_counter() - self.start
        # sys.stderr is looked up at each call: a stream bound when the module was imported may be closed by now
        print(f"[{self.done}/{self.total} done, {elapsed:5.1f} s] {text}", file=self.stream or sys.stderr, flush=True)


async def _run_one(step: Step, source: Path, target: Path, finished: dict[str, asyncio.Event], progress: Progress,
                   timeout: int, env: dict[str, str]) -> None:
    nb = nbformat.read(source, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3", record_timing=False, coalesce_streams=True,
                            resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                            # the kernel's own start-up log (a notice about local TCP sockets) would read like an error
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    started = time.perf_counter()
    async with client.async_setup_kernel(env=env):
        waited = not step.needs
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            if not waited and SETUP_TAG not in cell.metadata.get("tags", []):
                progress.say(f"{step.notebook} waits for {', '.join(step.needs)}")
                await asyncio.gather(*(finished[n].wait() for n in step.needs if n in finished))
                waited = True
            try:
                await client.async_execute_cell(cell, index)
            except CellExecutionError as error:
                raise NotebookFailed(f"{step.notebook}, cell {index + 1}: {error.ename}: {error.evalue}") from None
    tidy_metadata(nb)
    write_text(nbformat.writes(nb) + "\n", target)
    progress.done += 1
    progress.say(f"{step.notebook} finished ({time.perf_counter() - started:.1f} s)")
    finished[step.notebook].set()


async def _run_graph(steps: tuple[Step, ...], out_dir: Path, timeout: int, env: dict[str, str], source_dir: Path = paths.NOTEBOOKS) -> None:
    finished = {s.notebook: asyncio.Event() for s in steps}
    progress = Progress(len(steps))
    progress.say("starting " + ", ".join(s.notebook for s in steps))
    tasks = [asyncio.create_task(_run_one(s, source_dir / s.notebook, out_dir / s.notebook, finished, progress, timeout, env))
             for s in steps]
    try:
        await asyncio.gather(*tasks)
    except BaseException:
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        raise


def run_notebooks(out_dir: Path | None = None, processed_dir: Path | None = None, timeout: int = 600,
                  steps: tuple[Step, ...] | None = None, source_dir: Path | None = None) -> None:
    """Execute every notebook in dependency order, in parallel where independent.

    ``out_dir`` receives the executed notebooks (default: in place);
    ``processed_dir`` redirects the tables and charts they write; ``source_dir``
    reads the notebooks from elsewhere (the student edition).
    """
    env = dict(os.environ)
    if processed_dir is not None:
        env[paths.PROCESSED_ENV] = str(Path(processed_dir).resolve())
    asyncio.run(_run_graph(steps or STEPS, Path(out_dir or paths.NOTEBOOKS), timeout, env, Path(source_dir or paths.NOTEBOOKS)))
