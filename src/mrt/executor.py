"""Executing notebooks: the project's kernels, and the notebook graph run in parallel where independent.

:func:`run_notebooks` executes every notebook of a graph (:data:`mrt.vocab.STEPS`): each starts when the notebooks it
needs are done, and independent ones run side by side. Every kernel starts at once and imports its modules straight
away, so kernel start-up overlaps with the work of the notebooks it waits for; on Linux the kernels are forked from one
process that has imported those modules once (:mod:`mrt.kernelfork`), so the imports are paid once, not per notebook.
This module is the executor only, and light to import (no pandas, no analysis): :mod:`mrt.pipeline` adds the checks, the
staging and the swap of the main job.

Kernels always run the project's own interpreter (``sys.executable``), whatever kernelspecs ``JUPYTER_PATH`` or the
user's folders hold, with their own HOME, matplotlib, IPython and Jupyter folders: outputs never depend on the user's
HOME or Jupyter set-up. With timing metadata off and fixed chart bytes a second run changes nothing.
"""

from __future__ import annotations

import ast
import asyncio
import logging
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from pathlib import Path

# jsonschema imports rfc3987-syntax when it is installed (jupyterlab pulls it in) and builds a grammar
# that costs about a second at start-up. Notebook validation never checks URI formats, so this process
# tells jsonschema the package is absent. Kernels are separate processes and are not affected.
sys.modules.setdefault("rfc3987_syntax", None)

import nbformat  # noqa: E402
from jupyter_client.kernelspec import KernelSpec, KernelSpecManager  # noqa: E402
from jupyter_client.manager import AsyncKernelManager  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402
from traitlets import default  # noqa: E402

from mrt import paths  # noqa: E402
from mrt.io import write_text  # noqa: E402
from mrt.kernelfork import ForkingProvisioner, ForkServer, available as forking_available  # noqa: E402
from mrt.vocab import SETUP_TAG, STEPS, Step  # noqa: E402


KERNEL_NAME = "python3"
LANGUAGE_INFO = {"name": "python", "mimetype": "text/x-python", "file_extension": ".py",
                 "codemirror_mode": {"name": "ipython", "version": 3}, "nbconvert_exporter": "python",
                 "pygments_lexer": "ipython3"}
KERNELSPEC = {"name": KERNEL_NAME, "display_name": "Python 3 (ipykernel)", "language": "python"}


def tidy_metadata(nb: nbformat.NotebookNode) -> None:
    """Keep only metadata that does not change between machines or runs."""
    nb.metadata = nbformat.from_dict({"kernelspec": KERNELSPEC, "language_info": LANGUAGE_INFO})
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("collapsed", None)
        cell.metadata.pop("scrolled", None)


class NotebookFailed(RuntimeError):
    """A notebook cell raised; the message names the notebook, the cell and the error (one line)."""

    def __init__(self, message: str, details: str = ""):
        super().__init__(message)
        self.details = details  # the cell's traceback, shown under --verbose


class Interrupted(BaseException):
    """SIGINT or SIGTERM stopped the run (a BaseException, like KeyboardInterrupt, so no handler swallows it)."""

    def __init__(self, signum: int, outcome: str = ""):
        super().__init__(signum)
        self.signum, self.outcome = signum, outcome

    def __str__(self) -> str:
        text = f"interrupted by {signal.Signals(self.signum).name}"
        return f"{text}; {self.outcome}" if self.outcome else text


def install_interrupt_handlers() -> None:
    """Make the first SIGINT or SIGTERM raise Interrupted, so the run stops its kernels and clears its build;
    later ones are ignored while it does (SIGKILL still stops everything, and the next run clears up)."""
    def handler(signum, frame):
        for other in (signal.SIGINT, signal.SIGTERM):
            signal.signal(other, signal.SIG_IGN)
        raise Interrupted(signum)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, handler)


@dataclass(frozen=True)
class CellTime:
    """How long one code cell took to execute (kept in memory for the benchmark, never written into a notebook)."""

    notebook: str
    cell: int  # 1-based, counting every cell as Jupyter shows them
    first_line: str
    seconds: float


class Progress:
    def __init__(self, total: int, stream=None, cell_times: list[CellTime] | None = None):
        self.total, self.done, self.stream, self.start = total, 0, stream, time.perf_counter()
        self.cell_times = cell_times  # when a list, every executed code cell's time is appended to it

    def say(self, text: str) -> None:
        elapsed = time.perf_counter() - self.start
        # sys.stderr is looked up at each call: a stream bound when the module was imported may be closed by now
        print(f"[{self.done}/{self.total} done, {elapsed:5.1f} s] {text}", file=self.stream or sys.stderr, flush=True)


# -- kernels: the project's interpreter, the project's folders -------------------------------------------------

def kernel_argv() -> list[str]:
    """The command that starts a kernel: this interpreter (the project's .venv), never a kernelspec found elsewhere."""
    return [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]


class ProjectKernelSpecs(KernelSpecManager):
    """A kernelspec manager that knows one kernel, built from ``sys.executable``.

    Jupyter looks kernelspecs up by name in ``JUPYTER_PATH``, the user's data folder and the
    environment, first match wins: a foreign ``python3`` spec (another Python, another venv) would
    silently run the notebooks with other packages. The main job asks this manager instead.
    """

    def find_kernel_specs(self) -> dict[str, str]:
        return {KERNEL_NAME: sys.prefix}

    def get_kernel_spec(self, kernel_name: str) -> KernelSpec:
        return KernelSpec(argv=kernel_argv(), display_name=KERNELSPEC["display_name"], language="python",
                          resource_dir=sys.prefix, metadata={}, env={})


class ProjectKernelManager(AsyncKernelManager):
    """A kernel manager that always starts the project's interpreter: for tools that take a kernel
    manager class (``NotebookClient(kernel_manager_class=...)``, as the education rerun does). Given a
    ``fork_server`` (:mod:`mrt.kernelfork`), its kernel is forked from it when it can be."""

    fork_server: ForkServer | None = None

    @default("kernel_spec_manager")
    def _project_kernel_specs(self) -> KernelSpecManager:
        return ProjectKernelSpecs()

    async def _async_pre_start_kernel(self, **kw):
        if self.provisioner is None and self.fork_server is not None:
            self.kernel_id = self.kernel_id or kw.pop("kernel_id", str(uuid.uuid4()))
            self.provisioner = ForkingProvisioner(kernel_id=self.kernel_id, kernel_spec=self.kernel_spec, parent=self)
            self.provisioner.server = self.fork_server
        return await super()._async_pre_start_kernel(**kw)


def logged_kernel_manager_class(env: dict[str, str], log: Path) -> type[ProjectKernelManager]:
    """A ProjectKernelManager class for a client given a class rather than an instance (the education rerun): its
    kernels run with ``env`` and write their own stdout and stderr (start-up notices, a traceback when they
    are cut off) to ``log`` instead of the terminal. The notebook's outputs are not affected."""

    class LoggedKernelManager(ProjectKernelManager):
        async def start_kernel(self, **kwargs):
            kwargs.setdefault("env", env)
            log.parent.mkdir(parents=True, exist_ok=True)
            with open(log, "ab") as handle:
                kwargs.setdefault("stdout", handle)
                kwargs.setdefault("stderr", handle)
                return await super().start_kernel(**kwargs)

    return LoggedKernelManager


def quiet_asyncio_reports(log: Path, loggers: tuple[str, ...] = ("asyncio", "traitlets")) -> None:
    """Send asyncio's own reports ("Task exception was never retrieved" from a helper task nbclient leaves
    behind when a run is cut off) and the notebook client's ("Kernel died while waiting for execute reply" on
    Ctrl-C) to ``log``: for a client that runs its own event loop (the education rerun). The caller reports in one line."""
    log.parent.mkdir(parents=True, exist_ok=True)
    for name in loggers:
        logger = logging.getLogger(name)
        logger.handlers[:] = [logging.FileHandler(log, encoding="utf-8", delay=True)]
        logger.propagate = False


def project_kernel_manager(connection_file: Path, fork_server: ForkServer | None = None) -> AsyncKernelManager:
    km = ProjectKernelManager(kernel_name=KERNEL_NAME, connection_file=str(connection_file))
    km.fork_server = fork_server
    return km


KERNEL_HOME_DIRS = {"HOME": "home", "MPLCONFIGDIR": "matplotlib", "IPYTHONDIR": "ipython",
                    "JUPYTER_CONFIG_DIR": "jupyter-config", "JUPYTER_DATA_DIR": "jupyter-data",
                    "XDG_CONFIG_HOME": "config", "XDG_CACHE_HOME": "cache", "XDG_DATA_HOME": "data"}
# Variables that would make a kernel's outputs depend on the user's set-up rather than the project's.
KERNEL_ENV_DROPPED = ("JUPYTER_PATH", "JUPYTER_CONFIG_PATH", "MPLBACKEND", "PYTHONSTARTUP", "PYTHONWARNINGS",
                      "JUPYTER_PLATFORM_DIRS")


def kernel_home() -> Path:
    """Folders the kernels use for HOME, matplotlib, IPython and Jupyter: inside the environment
    (``.venv/mrt-kernel-home``), kept between runs so matplotlib's font cache is built once;
    a per-user temporary folder when the environment is not writable."""
    candidates = [Path(sys.prefix) / "mrt-kernel-home"] if sys.prefix != sys.base_prefix else []
    candidates.append(Path(tempfile.gettempdir()) / f"mrt-kernel-home-{os.getuid() if hasattr(os, 'getuid') else 'user'}")
    for home in candidates:
        try:
            home.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryFile(dir=home):
                return home
        except OSError:
            continue
    return Path(tempfile.mkdtemp(prefix="mrt-kernel-home-"))


def kernel_environment(processed_dir: Path | None, runtime_dir: Path, base: dict[str, str] | None = None) -> dict[str, str]:
    """The kernels' environment: the caller's, with the project's own HOME, matplotlib, IPython and
    Jupyter folders, no foreign Jupyter paths, and ``MRT_PROCESSED_DIR`` where this run writes."""
    env = dict(os.environ if base is None else base)
    for name in KERNEL_ENV_DROPPED:
        env.pop(name, None)
    home = kernel_home()
    for name, folder in KERNEL_HOME_DIRS.items():
        (home / folder).mkdir(exist_ok=True)
        env[name] = str(home / folder)
    env["JUPYTER_RUNTIME_DIR"] = str(runtime_dir)
    env["PYTHONHASHSEED"] = "0"
    if processed_dir is not None:
        env[paths.PROCESSED_ENV] = str(Path(processed_dir).resolve())
    if env.get(paths.RAW_ENV):  # absolute: a kernel runs in notebooks/, not where the command was typed
        env[paths.RAW_ENV] = str(paths.env_path(env[paths.RAW_ENV]))
    return env


def prepare_kernel_home(env: dict[str, str]) -> None:
    """Build matplotlib's font cache once, outside the notebooks: building it prints a notice that
    would otherwise land in the first run's outputs on a fresh machine."""
    if any(Path(env["MPLCONFIGDIR"]).glob("fontlist-*.json")):
        return
    subprocess.run([sys.executable, "-c", "import matplotlib.font_manager"], env=env, check=False,
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


# -- executing the graph ---------------------------------------------------------------------------------------

def _first_line(text: str) -> str:
    lines = [line.strip() for line in str(text).splitlines() if line.strip()]
    if not lines:
        return ""
    return lines[0] + (" [...]" if len(lines) > 1 else "")


def imported_modules(nb: nbformat.NotebookNode) -> list[str]:
    """The modules a notebook's code cells import at their top level, in order, each once: for ``from a import b``
    both ``a`` and ``a.b`` (which may be a module or a name: a name is skipped when warming up)."""
    names: list[str] = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        try:
            tree = ast.parse(cell.source)
        except SyntaxError:  # a cell with IPython magics: its imports are left to the cell
            continue
        for node in tree.body:
            if isinstance(node, ast.Import):
                names += [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names += [node.module] + [f"{node.module}.{alias.name}" for alias in node.names if alias.name != "*"]
    return list(dict.fromkeys(names))


WARM_UP = """def _mrt_warm_up(names):
    import importlib
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:
            pass
_mrt_warm_up({names!r})
del _mrt_warm_up"""


def _warm_up(client: NotebookClient, nb: nbformat.NotebookNode) -> str | None:
    """While a notebook waits for the notebooks it needs, its kernel imports the modules its cells will import: a silent
    request (no output, no execution count, no history), so the notebook's cells and outputs are exactly as without it,
    and its first cells after the wait find the modules loaded. Anything that fails to import is left to its cell.
    Returns the request's id (its reply is awaited after the wait), or None when the notebook imports nothing."""
    names = imported_modules(nb)
    if not names:
        return None
    return client.kc.execute(WARM_UP.format(names=names), silent=True, store_history=False)


async def _stop_kernel(client: NotebookClient, km: AsyncKernelManager, now: bool) -> None:
    """Stop one kernel and its channels; kill its process group if it will not go."""
    if client.kc is not None:
        client.kc.stop_channels()
        client.kc = None
    try:
        if km.has_kernel:
            await km.shutdown_kernel(now=now)
    except Exception:  # noqa: BLE001 - the kernel may be gone already; the kill below makes sure
        pass
    provisioner = getattr(km, "provisioner", None)
    process = getattr(provisioner, "process", None)
    if process is not None and process.poll() is None:
        try:
            os.killpg(provisioner.pgid, signal.SIGKILL) if getattr(provisioner, "pgid", None) else process.kill()
        except OSError:
            pass


async def _run_one(step: Step, source: Path, target: Path, finished: dict[str, asyncio.Event], progress: Progress,
                   timeout: int, env: dict[str, str], runtime: Path, forks: ForkServer | None = None) -> None:
    nb = nbformat.read(source, as_version=4)
    stem = Path(step.notebook).stem
    forks = forks if step.needs else None  # a notebook that waits for nothing starts at once, beside the server's imports
    km = project_kernel_manager(runtime / f"kernel-{stem}.json", forks)
    client = NotebookClient(nb, km=km, timeout=timeout, record_timing=False, coalesce_streams=True,
                            resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                            # the kernel's own start-up log (a notice about local TCP sockets) would read like an error
                            extra_arguments=["--IPKernelApp.log_level=ERROR"])
    started = time.perf_counter()
    succeeded = False
    # the kernel process's own stdout and stderr (not the notebook's outputs) go to a log, not the terminal
    with open(runtime / f"kernel-{stem}.log", "ab") as log:
        try:
            km = await _start_kernel(client, step, env, log, lambda attempt: project_kernel_manager(
                runtime / f"kernel-{stem}{'' if attempt == 1 else f'-{attempt}'}.json", forks))
            waited = not step.needs
            for index, cell in enumerate(nb.cells):
                if cell.cell_type != "code":
                    continue
                if not waited and SETUP_TAG not in cell.metadata.get("tags", []):
                    progress.say(f"{step.notebook} waits for {', '.join(step.needs)}")
                    warming = _warm_up(client, nb)
                    await asyncio.gather(*(finished[n].wait() for n in step.needs if n in finished))
                    if warming is not None:
                        try:
                            await client.async_wait_for_reply(warming, cell)  # a cell: nbclient's timeout needs one
                        except DeadKernelError:
                            raise NotebookFailed(f"{step.notebook}: the kernel died while importing its modules (out of "
                                                 "memory, or killed?)") from None
                        except CellTimeoutError:
                            raise NotebookFailed(f"{step.notebook}: importing its modules did not finish within {timeout} s") from None
                    waited = True
                cell_started = time.perf_counter()
                try:
                    await client.async_execute_cell(cell, index)
                except CellExecutionError as error:
                    raise NotebookFailed(f"{step.notebook}, cell {index + 1}: {error.ename}: {_first_line(error.evalue)}",
                                         details=str(error)) from None
                except CellTimeoutError:
                    raise NotebookFailed(f"{step.notebook}, cell {index + 1}: did not finish within {timeout} s") from None
                except DeadKernelError:
                    raise NotebookFailed(f"{step.notebook}, cell {index + 1}: the kernel died (out of memory, or killed?)") from None
                if progress.cell_times is not None:
                    progress.cell_times.append(CellTime(step.notebook, index + 1, _first_line(cell.source),
                                                        time.perf_counter() - cell_started))
            succeeded = True
        finally:
            await _stop_kernel(client, km, now=not succeeded)
    tidy_metadata(nb)
    write_text(nbformat.writes(nb) + "\n", target)
    progress.done += 1
    progress.say(f"{step.notebook} finished ({time.perf_counter() - started:.1f} s)")
    finished[step.notebook].set()


KERNEL_START_ATTEMPTS = 2


async def _start_kernel(client: NotebookClient, step: Step, env: dict[str, str], log, new_manager) -> AsyncKernelManager:
    """Start a kernel and its client; return the kernel manager in use. A kernel that dies while starting (on a
    loaded machine two processes can race for the same free port) is started once more, with a fresh manager
    (fresh ports), before the step fails."""
    for attempt in range(1, KERNEL_START_ATTEMPTS + 1):
        km = client.km if attempt == 1 else new_manager(attempt)
        client.km = km
        try:
            await client.async_start_new_kernel(env=env, stdout=log, stderr=log)
            await client.async_start_new_kernel_client()
            return km
        except (OSError, RuntimeError, TimeoutError) as error:
            await _stop_kernel(client, km, now=True)
            if attempt == KERNEL_START_ATTEMPTS:
                raise NotebookFailed(f"{step.notebook}: the kernel ({sys.executable}) did not start "
                                     f"({attempt} attempts): {_first_line(error)}") from None
            log.write(f"kernel start failed ({_first_line(error)}); starting it again\n".encode())
            log.flush()
    raise AssertionError("unreachable")


async def _run_graph(steps: tuple[Step, ...], out_dir: Path, timeout: int, env: dict[str, str], source_dir: Path,
                     runtime: Path, cell_times: list[CellTime] | None = None, forks: ForkServer | None = None) -> None:
    finished = {s.notebook: asyncio.Event() for s in steps}
    _quiet_orphaned_tasks(runtime)
    progress = Progress(len(steps), cell_times=cell_times)
    progress.say("starting " + ", ".join(s.notebook for s in steps))
    tasks = [asyncio.create_task(_run_one(s, source_dir / s.notebook, out_dir / s.notebook, finished, progress, timeout,
                                          env, runtime, forks)) for s in steps]
    with _signals_cancel(asyncio.current_task()) as received:
        try:
            await asyncio.gather(*tasks)
        except BaseException as error:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)  # every kernel is stopped before this returns
            if received:  # whatever the signal made fail (a kernel cut off while starting, say), the signal is why
                raise Interrupted(received[0]) from None
            raise


def _quiet_orphaned_tasks(runtime: Path) -> None:
    """nbclient starts a helper task per cell that polls the kernel; when a run is cancelled mid-cell (SIGTERM,
    Ctrl-C, a failure elsewhere) that task can end with an exception nobody retrieves, which asyncio would print
    as a traceback. Such reports go to the kernels' log file instead, so every exit stays one line."""
    loop = asyncio.get_running_loop()
    log = Path(runtime) / "asyncio.log"

    def handler(loop, context) -> None:
        log.parent.mkdir(parents=True, exist_ok=True)
        with open(log, "a", encoding="utf-8") as handle:
            handle.write(f"{context.get('message')}: {context.get('exception')!r} {context.get('future')!r}\n")

    loop.set_exception_handler(handler)


@contextmanager
def _signals_cancel(task: asyncio.Task):
    """While the graph runs, SIGINT and SIGTERM cancel it (so every kernel is shut down) instead of killing the process."""
    loop = asyncio.get_running_loop()
    received: list[int] = []

    def on_signal(signum: int) -> None:
        if not received:
            received.append(signum)
            task.cancel()

    installed = {}
    for signum in (signal.SIGINT, signal.SIGTERM):
        try:
            previous = signal.getsignal(signum)
            loop.add_signal_handler(signum, on_signal, signum)
            installed[signum] = previous
        except (ValueError, RuntimeError, NotImplementedError):  # not the main thread, or Windows
            pass
    try:
        yield received
    finally:
        for signum, previous in installed.items():
            loop.remove_signal_handler(signum)
            signal.signal(signum, previous if previous is not None else signal.SIG_DFL)


def run_notebooks(out_dir: Path | None = None, processed_dir: Path | None = None, timeout: int = 600,
                  steps: tuple[Step, ...] | None = None, source_dir: Path | None = None,
                  cell_times: list[CellTime] | None = None) -> None:
    """Execute every notebook in dependency order, in parallel where independent.

    ``out_dir`` receives the executed notebooks (default: in place);
    ``processed_dir`` redirects the tables and charts they write; ``source_dir``
    reads the notebooks from elsewhere (the student edition). ``cell_times``, when a
    list, receives a :class:`CellTime` per executed code cell (the benchmark's slowest
    cells; the notebooks themselves keep no timing metadata). This is the
    executor only: :func:`run_main_job` adds the checks, the staging and the swap.
    """
    with tempfile.TemporaryDirectory(prefix="mrt-kernels-") as runtime_name:
        runtime = Path(runtime_name)
        env = kernel_environment(processed_dir, runtime)
        prepare_kernel_home(env)
        steps, source_dir = steps or STEPS, Path(source_dir or paths.NOTEBOOKS)
        with fork_server(steps, source_dir, env, runtime, timeout) as forks:
            asyncio.run(_run_graph(steps, Path(out_dir or paths.NOTEBOOKS), timeout, env, source_dir, runtime, cell_times,
                                   forks))


def fork_server(steps: tuple[Step, ...], source_dir: Path, env: dict[str, str], runtime: Path, timeout: float = 600):
    """A fork server (:mod:`mrt.kernelfork`) for the kernels of the notebooks that wait for others, importing every
    module they import while the notebooks they wait for run. Nothing where kernels cannot be forked, or when no
    notebook waits: those kernels start the usual way, at once (waiting for the server's imports would only delay them)."""
    waiting = [step for step in steps if step.needs]
    if not forking_available() or not waiting:
        return nullcontext(None)
    modules: list[str] = []
    for step in waiting:
        try:
            modules += imported_modules(nbformat.read(source_dir / step.notebook, as_version=4))
        except (OSError, ValueError):  # the notebook's own run reports it
            continue
    return ForkServer(env, paths.NOTEBOOKS, list(dict.fromkeys(modules)), runtime / "fork-server.log", timeout)
