"""Rerun the education notebook with other assumptions, and say what changed against the default run.

    python3 run.py education -p promotion_probability 0.2
    python3 run.py education --name cheap-college -p two_year_tuition_usd_per_year 0 -p certificate_months 6

Parameter names are those of the notebook's parameters cell (``-p NAME VALUE``, repeatable; ``None`` for a
published figure, ``True``/``False`` for a yes/no parameter). Every value is checked before anything is
written; a wrong name or value stops with a message naming the parameter and what it expects.

Each run gets its own folder ``runs/<name>/`` (``MRT_RUNS_DIR`` moves ``runs/``, never into or around the
project's own folders) holding the executed notebook and every table and chart it wrote, and a ``.mrt-run``
marker: a rerun replaces only a folder that carries it. The notebook is executed into a partial folder of its
own (``runs/.<name>.XXXX.partial/``, under a lock of the run name) and moved into place only when it has run to
the end: a failed or interrupted run leaves no folder that looks like results, and a previous run of the same
name stays as it was. The tables are copied under the checkout's lock, after any interrupted main job has been
put right. Every failure ends in one ``error:`` line (``--verbose`` adds the traceback). The committed results in ``data/processed/`` are never
touched. When the run is done, what changed against the default run is printed: the parameters that differ,
the new ranking with its margins (under these values alone), what the joint analysis says (every assumption drawn
at once: whether the model can rank the routes), and where the full results are.
"""

from __future__ import annotations

import argparse
import ast
import asyncio
import math
import os
import re
import shutil
import signal
import sys
import tempfile
import traceback
from contextlib import contextmanager
from pathlib import Path

import nbformat
import pandas as pd
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from mrt import executor, occupation, paths, report, schema, words
from mrt.education import (ALL_ROUTES, base_year, PARAMETERS as SPECS, RANK_SHARE, ENTRY_ROUTES, ParameterError, check_parameters,
                           ordinal, value_text)
from mrt.preflight import check_notebook
from mrt.staging import checkout_lock
from mrt.vocab import PARAMETERS_TAG

NOTEBOOK = "04-education.ipynb"
RUNS_ENV = "MRT_RUNS_DIR"
RESULTS = "education_model_results.csv"
PARAMETERS = "education_model_parameters.csv"
JOINT = "education_joint_sensitivity.csv"


def runs_dir() -> Path:
    """Where runs are written: ``runs/`` in the repository unless ``MRT_RUNS_DIR`` says otherwise."""
    return Path(os.environ[RUNS_ENV]) if os.environ.get(RUNS_ENV) else paths.ROOT / "runs"


def parse_value(text: str):
    """A command-line value as Python reads it: ``0.2`` -> 0.2, ``None``, ``True``; ``inf`` and ``nan`` -> floats
    (so that the check can say they are not finite); anything else stays text."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        try:
            value = float(text)
        except ValueError:
            return text
    if isinstance(value, float) and value == 0:
        return 0.0  # -0.0 is zero: never shown as "-0%"
    return value


def parse_parameters(pairs: list[tuple[str, str]]) -> dict:
    """``[("a", "1"), ...]`` -> ``{"a": 1}``; a name given twice is refused."""
    parameters: dict = {}
    for name, text in pairs:
        if name in parameters:
            raise ParameterError(f"parameter {name!r}: given twice ({parameters[name]!r} and {parse_value(text)!r}); give it once")
        parameters[name] = parse_value(text)
    return parameters


RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._=+-]{0,99}")


class RunNameError(ValueError):
    """A run name that is not a plain folder name inside runs/."""


class RunFailed(RuntimeError):
    """The notebook failed; the message names the cell and the error."""


def run_folder(name: str, root: Path) -> Path:
    """The folder ``root/name``, refusing any name that is not one plain folder name inside ``root``.

    A run name is letters, digits and ``. _ = + -`` (not starting with a dot or dash), so ``..``,
    ``../data`` or an absolute path can never point outside ``runs/``; the resolved path is checked too.
    """
    if not isinstance(name, str) or not RUN_NAME.fullmatch(name) or set(name) <= {"."}:
        raise RunNameError(f"run name {name!r} is not a plain folder name: use letters, digits and . _ = + - "
                           f"(at most 100 characters, not starting with '.' or '-'); runs are written to {paths.relative(root)}/NAME")
    root = Path(root).resolve()
    out = (root / name).resolve()
    if out.parent != root:
        raise RunNameError(f"run name {name!r} resolves to {out}, outside {root}")
    return out


def default_name(parameters: dict) -> str:
    """A run name built from the parameters, with any character a run name cannot hold replaced by '_'."""
    text = "-".join(f"{k}={v}" for k, v in parameters.items()) or "defaults"
    return re.sub(r"[^A-Za-z0-9._=+-]", "_", text).lstrip(".-")[:100] or "run"


def partial_folder(out: Path) -> Path:
    """Where a run is built before it is complete: ``.NAME.partial`` beside it (a dot name no run can have)."""
    return out.parent / f".{out.name}.partial"


INJECTED_TAG = "injected-parameters"  # the cell that sets a rerun's values, right after the notebook's parameters cell


def parameters_cell(nb: nbformat.NotebookNode) -> int:
    """Index of the notebook's cell tagged ``parameters`` (mrt.vocab.PARAMETERS_TAG)."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and PARAMETERS_TAG in cell.metadata.get("tags", []):
            return index
    raise RunFailed(f"{NOTEBOOK}: no code cell tagged {PARAMETERS_TAG!r}, so there is nothing to rerun with other values")


def with_parameters(nb: nbformat.NotebookNode, parameters: dict) -> nbformat.NotebookNode:
    """A copy of ``nb`` with a cell tagged ``injected-parameters`` after its parameters cell that sets each given value
    (the cell after wins, so the notebook's own defaults stay visible above it)."""
    out = nbformat.from_dict(nb)
    lines = "".join(f"{name} = {value!r}\n" for name, value in parameters.items())
    cell = nbformat.v4.new_code_cell("# Parameters\n" + lines, metadata={"tags": [INJECTED_TAG]})
    cell.id = INJECTED_TAG
    out.cells.insert(parameters_cell(out) + 1, cell)
    return out


def _failed_cell(nb: nbformat.NotebookNode) -> str:
    """The execution count of the cell whose output is an error ("?" when none shows one)."""
    for cell in nb.cells:
        if any(output.get("output_type") == "error" for output in cell.get("outputs", [])):
            return str(cell.get("execution_count") or "?")
    return "?"


def execute(folder: Path, parameters: dict) -> None:
    """Execute the notebook with ``parameters`` into ``folder``, its tables and charts into ``folder/processed``,
    with the main job's executor (nbclient) and kernel set-up."""
    # the kernel's own messages (and asyncio's, if the run is cut off) go to logs kept with the kernels' home
    # folders (they may be written as the process exits, after the run folder is gone), not to the terminal
    logs = executor.kernel_home() / "logs"
    log = logs / "rerun-kernel.log"
    runtime = Path(tempfile.mkdtemp(prefix="mrt-rerun-"))
    env = executor.kernel_environment(folder / "processed", runtime)
    executor.prepare_kernel_home(env)
    executor.quiet_asyncio_reports(logs / "rerun-asyncio.log")
    previous = os.environ.get(paths.PROCESSED_ENV)
    os.environ[paths.PROCESSED_ENV] = str((folder / "processed").resolve())
    nb = with_parameters(nbformat.read(paths.NOTEBOOKS / NOTEBOOK, as_version=4), parameters)
    client = NotebookClient(nb, kernel_name=executor.KERNEL_NAME, resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                            extra_arguments=["--IPKernelApp.log_level=ERROR"], record_timing=False,
                            kernel_manager_class=executor.logged_kernel_manager_class(env, log))
    try:
        with asyncio.Runner(loop_factory=_RerunLoop) as runner:
            runner.run(_execute(client))
    except CellExecutionError as error:
        raise RunFailed(f"{NOTEBOOK}, cell {_failed_cell(nb)}: {error.ename}: {error.evalue}") from None
    finally:
        if folder.is_dir():  # the executed notebook, up to the failing cell when one failed
            nbformat.write(nb, folder / NOTEBOOK)
        shutil.rmtree(runtime, ignore_errors=True)
        if previous is None:
            os.environ.pop(paths.PROCESSED_ENV, None)
        else:
            os.environ[paths.PROCESSED_ENV] = previous


class _RerunLoop(asyncio.SelectorEventLoop):
    """The rerun's event loop. While the rerun holds SIGINT and SIGTERM (``held``), nbclient cannot put its own
    handlers in their place: those shut the kernel down without telling the rerun that a signal stopped it."""

    held = False

    def add_signal_handler(self, sig, callback, *args):
        if not self.held:
            super().add_signal_handler(sig, callback, *args)

    def remove_signal_handler(self, sig):
        return False if self.held else super().remove_signal_handler(sig)


async def _execute(client: NotebookClient) -> None:
    """Run the notebook; SIGINT or SIGTERM cancels it (nbclient shuts the kernel down) and ends as :class:`Terminated`."""
    loop = asyncio.get_running_loop()
    with executor._signals_cancel(asyncio.current_task()) as received:
        loop.held = True
        try:
            await client.async_execute()
        except BaseException:  # cancelled, or the kernel reported dead while it was being stopped
            if received:
                raise Terminated(received[0]) from None
            raise
        finally:
            loop.held = False


def notebook_defaults() -> dict:
    """The values of the notebook's parameters cell, as the notebook would use them when not overridden: each
    ``name = literal`` line of the cell tagged ``parameters``."""
    nb = nbformat.read(paths.NOTEBOOKS / NOTEBOOK, as_version=4)
    tree = ast.parse(nb.cells[parameters_cell(nb)].source)
    return {node.targets[0].id: ast.literal_eval(node.value) for node in tree.body
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name)}


def check_model_inputs(values: dict) -> None:
    """Refuse a run the model cannot make: the year of its inputs (``base_year``, given or, when None, chosen from the
    data) lacks a published input that no parameter gives. The message names the parameter, the year and what is missing."""
    if not paths.processed_dir().is_dir():
        return  # no tables at all: copy_processed says so in one line, naming the folder
    costs, bls_wages, cpi = (schema.read_processed(f"{name}.csv") for name in ("education_costs_and_pay", "bls_wages", "cpi_u"))
    job = occupation.current()
    year, lacking = base_year(bls_wages, costs, cpi, job.advancement, job.dollar_year, values)
    if not lacking:
        return
    if values.get("base_year") is not None:
        raise ParameterError(f"parameter 'base_year': the data cannot serve {year}: they lack {report.listing(lacking)}")
    on = "any year" if year is None else f"its latest year of published pay, {year}"
    raise ParameterError(f"the education model cannot run on {on}: the data lack {report.listing(lacking)}; "
                         "give base_year or the missing values with -p")

RUN_MARKER = ".mrt-run"  # written into every run folder: a rerun replaces a folder only when it carries this


class RunBusy(RuntimeError):
    """Another rerun of the same name is running."""


def check_runs_root(root: Path) -> None:
    """The runs folder must be one of its own: not the checkout (nor a folder holding it), and not inside or
    holding the raw data, the processed tables, the code, the notebooks, the tests, the site, the environment
    or git's history. Raises RunNameError naming the folder."""
    target = Path(root).resolve()
    checkout = paths.ROOT.resolve()
    if target == checkout or target in checkout.parents:
        raise RunNameError(f"runs folder {root} ({RUNS_ENV}) holds the whole project: runs must go to a folder of "
                           f"their own (the default is runs/)")
    protected = {"the raw data": paths.RAW, "the project's raw data": paths.DEFAULT_RAW, "the processed tables": paths.processed_dir(),
                 "the shipped tables": paths.DATA / "processed", "the notebooks": paths.NOTEBOOKS, "the code": paths.ROOT / "src",
                 "the tests": paths.ROOT / "tests", "the site": paths.ROOT / "site", "the environment": paths.ROOT / ".venv",
                 "git's history": paths.ROOT / ".git"}
    for what, folder in protected.items():
        folder = Path(folder).resolve()
        if target == folder or target in folder.parents or folder in target.parents:
            relation = "is" if target == folder else ("holds" if target in folder.parents else "is inside")
            raise RunNameError(f"runs folder {root} ({RUNS_ENV}) {relation} {what} ({paths.relative(folder)}): runs must go "
                               f"to a folder of their own (the default is runs/)")


def check_replaceable(out: Path) -> None:
    """A folder ``out`` may be replaced by a run only if a run wrote it (it carries the run marker)."""
    if os.path.lexists(out) and (out.is_symlink() or not out.is_dir() or not (out / RUN_MARKER).is_file()):
        raise RunNameError(f"{out} exists and was not written by a rerun (it has no {RUN_MARKER}): a rerun never "
                           f"replaces it; choose another --name or another {RUNS_ENV}")


@contextmanager
def name_lock(out: Path):
    """Hold the lock of one run name (``.NAME.lock`` beside the run, removed when done); RunBusy if another
    rerun of that name holds it."""
    out.parent.mkdir(parents=True, exist_ok=True)
    path = out.parent / f".{out.name}.lock"
    try:
        import fcntl  # deferred: fcntl exists only on POSIX systems
    except ImportError:  # Windows: no advisory locks; the unique partial folder still keeps runs apart
        yield
        return
    while True:
        handle = open(path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise RunBusy(f"another rerun named {out.name!r} is running (process {holder}); wait for it to "
                          f"finish or choose another --name") from None
        try:
            same = os.path.exists(path) and os.stat(path).st_ino == os.fstat(handle.fileno()).st_ino
        except OSError:
            same = False
        if same:
            break
        handle.close()  # the holder removed the file between our open and our lock: take the new one
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        path.unlink(missing_ok=True)  # while still held: a waiting run then locks a new file
        handle.close()


def promote(partial: Path, out: Path) -> None:
    """Move a complete run into place, replacing a previous run of the same name only once the new one is whole
    (and only if that folder is a run: it carries the run marker)."""
    check_replaceable(out)
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        out.rename(old)
    partial.rename(out)
    shutil.rmtree(old, ignore_errors=True)


def stale_partials(out: Path) -> list[Path]:
    """Partial folders of this run name left by runs killed outright (call with the name's lock held)."""
    return [p for p in out.parent.glob(f".{out.name}.*.partial") if p.is_dir()] + [p for p in [partial_folder(out)] if p.is_dir()]


def copy_processed(to: Path) -> None:
    """Copy the processed tables for a run, under the checkout's lock and after its recovery (so a main job
    stopped half-way through its swap is put right first, and never copied half-swapped)."""
    source = paths.processed_dir()
    with checkout_lock(paths.ROOT, say=lambda text: print(text, file=sys.stderr, flush=True)):
        if not source.is_dir():
            raise RunFailed(f"{paths.relative(source)}: no processed tables to start from (run 'python3 run.py' first)")
        shutil.copytree(source, to)


def rerun(parameters: dict, name: str, root: Path | None = None, on_done=None) -> Path:
    """Execute the education notebook with ``parameters`` into ``runs/<name>/``; return that folder.

    The name, the runs folder and every parameter are checked before anything is written. The run is built
    in a partial folder of its own (``runs/.<name>.XXXX.partial/``) under a lock of the run name, and moved
    into place only when complete; on any failure or interruption the partial folder is removed and a
    previous ``runs/<name>/`` is left as it was. Only a folder a rerun wrote is ever replaced.
    """
    root = root or runs_dir()
    check_runs_root(root)
    out = run_folder(name, root)
    check_replaceable(out)
    check_parameters(parameters)

    check_notebook(paths.NOTEBOOKS / NOTEBOOK)  # a truncated or broken notebook is named before it is read
    check_parameters({**notebook_defaults(), **parameters})  # the values together (months of study within the horizon)
    check_model_inputs({**notebook_defaults(), **parameters})  # a year the data cannot serve, named before anything is written
    with name_lock(out):
        for stale in stale_partials(out):  # left by a run killed outright
            shutil.rmtree(stale, ignore_errors=True)
        partial = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
        try:
            copy_processed(partial / "processed")
            execute(partial, parameters)
            (partial / RUN_MARKER).write_text(f"a rerun of {NOTEBOOK} (python3 run.py education)\n", encoding="utf-8")
            promote(partial, out)
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        if on_done is not None:  # still under the name's lock: no other run of this name can replace it meanwhile
            on_done(out)
    return out


# What changed ---------------------------------------------------------------------------------------

def _tables(folder: Path):
    return (pd.read_csv(folder / PARAMETERS).set_index("parameter"), pd.read_csv(folder / RESULTS).set_index("route"))


def _place(rank: int) -> str:
    return ordinal(int(rank))


def changes(default: Path, run: Path, run_name: str, where: Path) -> str:
    """What a run changed against the default run: parameters (old -> new), ranking with margins, where the results are.

    ``default`` and ``run`` are the folders holding each run's processed tables; ``where`` is the run's folder as shown.
    """
    old_parameters, old = _tables(default)
    new_parameters, new = _tables(run)
    lines = [f"Education model, run '{run_name}': what changed against the default run", ""]
    # a parameter the default run does not have yet (the model gained it since) counts as changed
    differ = [n for n in new_parameters.index
              if n not in old_parameters.index or not math.isclose(new_parameters.loc[n, "value"], old_parameters.loc[n, "value"])]
    if differ:
        lines.append("Parameters changed (default -> this run):")
        lines += [f"  {SPECS[n].label} ({n}): "
                  f"{value_text(n, old_parameters.loc[n, 'value']) if n in old_parameters.index else 'not in the default run'} -> "
                  f"{value_text(n, new_parameters.loc[n, 'value'])}" for n in differ]
    else:
        lines.append("No parameter differs from the default run.")
    rate = value_text("discount_rate_pct", new_parameters.loc["discount_rate_pct", "value"])
    lines += ["", f"Ranking by present value over {value_text('horizon_years', new_parameters.loc['horizon_years', 'value'])} "
                  f"(discounted {rate} a year, money in the model's dollar year):"]
    width = max(len(label) for label in new["label"])
    for route, row in new.sort_values("rank_by_present_value").iterrows():
        lead = ("last" if math.isnan(row["lead_over_next_usd"]) else
                f"leads the next by {report.money(row['lead_over_next_usd'])} ({report.percent(row['lead_over_next_pct'])})")
        was = old.loc[route]
        lines.append(f"  {int(row['rank_by_present_value'])}. {row['label']:<{width}}  {report.money(row['net_present_value_usd']):>11}  {lead}"
                     f"   [default: {_place(was['rank_by_present_value'])}, {report.money(was['net_present_value_usd'])}]")
    for scope, routes in (("best route", list(new.index)), ("best route among those that stay in the job", list(ENTRY_ROUTES))):
        now, before = new.loc[routes, "net_present_value_usd"].idxmax(), old.loc[routes, "net_present_value_usd"].idxmax()
        verdict = "unchanged" if now == before else f"changed from {old.loc[before, 'label']}"
        lines.append(f"The {scope}: {new.loc[now, 'label']} ({verdict}).")
    lines += joint_lines(run)
    lines += ["", f"Full results: {where / NOTEBOOK} (open it in JupyterLab: every table, chart and sentence of the page)",
              f"              {where / 'processed'}/education_*.csv and charts/education_*.png"]
    return "\n".join(lines)


def joint_lines(run: Path) -> list[str]:
    """What the run's joint analysis says (every assumption drawn at once): whether the model can rank the routes.
    Nothing when the run has no such table."""
    table = run / JOINT
    if not table.exists():
        return []
    shares = pd.read_csv(table)
    own = shares[shares["ranking"] == ALL_ROUTES].sort_values("sets_led", ascending=False, kind="stable")
    if own.empty:
        return []
    sentence = words.ranking_sentence(list(zip(own["label"], own["share_led"])), int(own["assumption_sets"].iloc[0]), RANK_SHARE)
    return ["", f"Every assumption at once: {sentence}"]


# Command line ---------------------------------------------------------------------------------------

def kept(name: str) -> str:
    folder = paths.relative(runs_dir() / name)
    return f"{folder} is as it was before" if (runs_dir() / name).exists() else f"no {folder} was written"


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C (the partial run is removed) but reported with its own exit code."""

    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def _interrupted(signum, frame):
    raise Terminated(signum)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py education", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"), default=[],
                        help="a notebook parameter and its value (repeatable)")
    parser.add_argument("--name", help="folder name under runs/ (default: built from the parameters)")
    parser.add_argument("-v", "--verbose", action="store_true", help="on failure, print the traceback too")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, _interrupted)  # a terminated run cleans up like an interrupted one
    name = args.name if args.name is not None else "run"
    report = lambda out: print(changes(paths.processed_dir(), out / "processed", name, Path(paths.relative(out))))  # noqa: E731
    try:
        parameters = parse_parameters(args.parameter)
        name = args.name if args.name is not None else default_name(parameters)
        rerun(parameters, name, on_done=report)
    except (ParameterError, RunNameError) as error:
        _verbose(args)
        print(f"error: {error}\nnothing was written.", file=sys.stderr)
        return 2
    except RunFailed as error:
        _verbose(args)
        print(f"error: the rerun failed in {error}\nthe partial run was removed; {kept(name)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as error:
        print(f"interrupted: the partial run was removed; {kept(name)}", file=sys.stderr)
        return 128 + getattr(error, "signum", signal.SIGINT)   # 130 for Ctrl-C, 143 for SIGTERM, as run.py
    except Exception as error:  # noqa: BLE001 - every failure ends in one line naming what and where
        _verbose(args)
        hint = "" if args.verbose or _says_it_all(error) else " (rerun with --verbose for the traceback)"
        print(f"error: {one_line(error)}{hint}\n"
              f"{kept(name) if _safe_name(name) else 'nothing was written'}", file=sys.stderr)
        return 1
    return 0


def one_line(error: BaseException) -> str:
    """An error in one line: an OSError as 'what: the file' (no class name when the message says it all)."""
    if isinstance(error, OSError) and error.strerror:
        where = f": {error.filename}" if error.filename else ""
        return f"{error.strerror}{where}" + (f" -> {error.filename2}" if error.filename2 else "")
    text = " ".join(str(error).split()) or type(error).__name__
    return text if _says_it_all(error) else f"{type(error).__name__}: {text}"


def _says_it_all(error: BaseException) -> bool:
    """Errors whose message already names what and where (as in mrt.cli): shown without class name or hint."""
    return type(error).__name__ in ("PreflightError", "RunBusy", "StagingError", "ConfigError", "DataError")


def _safe_name(name: str) -> bool:
    try:
        run_folder(name, runs_dir())
        return True
    except (RunNameError, OSError):
        return False


def _verbose(args) -> None:
    if args.verbose:
        traceback.print_exc(file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
