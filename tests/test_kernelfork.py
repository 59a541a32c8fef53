"""Kernels forked from a fork server that has imported the notebooks' modules once (mrt.kernelfork).

A forked kernel must be indistinguishable, to its notebook, from one started the usual way: a process of its own in
a session of its own, the environment, working folder, arguments and log it was given, a fresh execution count, fresh
random numbers; what it gains is modules already loaded. When the server cannot serve, the kernel starts the usual way.
"""

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time

import nbformat
import pytest
from nbclient import NotebookClient

from mrt import kernelfork
from mrt.executor import Step, kernel_environment, project_kernel_manager, run_notebooks
from mrt.kernelfork import ForkedKernel, ForkServer, _fd

pytestmark = pytest.mark.skipif(not kernelfork.available(), reason="kernels are forked on Linux only")

PROBE = """import os, sys, json
print(json.dumps({"pid": os.getpid(), "ppid": os.getppid(), "sid": os.getsid(0), "cwd": os.getcwd(),
                  "mark": os.environ.get("MRT_FORK_TEST"), "loaded": "colorsys" in sys.modules,
                  "argv0": os.path.basename(sys.argv[0]), "parent_pid": os.environ.get("JPY_PARENT_PID")}))"""


def run_cells(cells: list[str], km, cwd) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    with open(os.devnull, "ab") as log:
        client = NotebookClient(nb, km=km, timeout=60, resources={"metadata": {"path": str(cwd)}})

        async def run():
            await client.async_start_new_kernel(stdout=log, stderr=log, env=dict(os.environ, MRT_FORK_TEST="marked"))
            await client.async_start_new_kernel_client()
            try:
                for index, cell in enumerate(nb.cells):
                    await client.async_execute_cell(cell, index)
            finally:
                client.kc.stop_channels()
                await km.shutdown_kernel(now=False)

        asyncio.run(run())
    return nb


def probe(nb: nbformat.NotebookNode, index: int = 0) -> dict:
    import json

    return json.loads(nb.cells[index].outputs[0].text)


@pytest.fixture
def server(tmp_path):
    env = kernel_environment(None, tmp_path / "runtime")
    (tmp_path / "runtime").mkdir()
    forks = ForkServer(env, tmp_path, ["colorsys", "no_such_module_anywhere"], tmp_path / "fork-server.log")
    yield forks
    forks.close()


def test_a_forked_kernel_is_a_fresh_kernel_in_its_own_session_with_the_modules_loaded(tmp_path, server):
    work = tmp_path / "work"
    work.mkdir()
    km = project_kernel_manager(tmp_path / "kernel.json", server)
    nb = run_cells([PROBE, "x = 1"], km, work)
    seen = probe(nb)
    assert seen["ppid"] == server.process.pid, "the kernel is the server's child"
    assert seen["sid"] == seen["pid"], "in a session (and process group) of its own: signalling it never reaches the server"
    assert seen["cwd"] == str(work) and seen["mark"] == "marked", "the working folder and environment it was given"
    assert seen["loaded"] is True, "a module the server imported is loaded before any cell asks for it"
    assert seen["argv0"] == "ipykernel_launcher.py"
    assert seen["parent_pid"] == str(server.process.pid), "it stops when the server is gone"
    assert [c.execution_count for c in nb.cells] == [1, 2], "a fresh shell: execution counts start at 1"
    assert km.provisioner.pid == km.provisioner.pgid == seen["pid"]


def test_two_forked_kernels_draw_their_own_random_numbers(tmp_path):
    env = kernel_environment(None, tmp_path)
    with ForkServer(env, tmp_path, ["numpy", "random"], tmp_path / "fork-server.log") as forks:
        draws = [run_cells(["import numpy, random; print(numpy.random.randint(1 << 30), random.getrandbits(30))"],
                           project_kernel_manager(tmp_path / f"k{i}.json", forks), tmp_path).cells[0].outputs[0].text
                 for i in range(2)]
    assert draws[0] != draws[1], "each kernel is seeded afresh, as a new process is, not with the server's state"


def test_without_a_server_the_kernel_starts_the_usual_way(tmp_path, server):
    server.close()
    km = project_kernel_manager(tmp_path / "kernel.json", server)
    seen = probe(run_cells([PROBE], km, tmp_path))
    assert seen["ppid"] == os.getpid(), "started by this process, as jupyter_client does"
    assert seen["loaded"] is False


def test_a_command_other_than_the_kernel_launcher_is_not_forked(tmp_path, server):
    provisioner = kernelfork.ForkingProvisioner()
    provisioner.server = server
    asked = asyncio.run(provisioner._forked(["/bin/sh", "-c", "true"], {}))
    also = asyncio.run(provisioner._forked([sys.executable, "-m", "ipykernel_launcher"], {"stdout": subprocess.PIPE}))
    assert asked is None and also is None, "another program, or output to a pipe, starts the usual way"


def test_the_server_refuses_a_request_without_the_kernels_output_files(server):
    sock = server.socket
    sock.setblocking(True)
    socket.send_fds(sock, [b'{"argv": []}'], [1])
    assert b"needs the kernel's stdout and stderr, got 1 files" in sock.recv(4096)
    assert server.process.poll() is None, "and goes on serving"


@pytest.mark.parametrize("request_text", [b"not json", b'{"argv": []}', b"[1, 2]"])
def test_the_server_answers_a_request_it_does_not_understand_and_goes_on_serving(tmp_path, server, request_text):
    sock = server.socket
    sock.setblocking(True)
    with open(os.devnull, "ab") as log:
        socket.send_fds(sock, [request_text], [log.fileno(), log.fileno()])
    assert sock.recv(4096).startswith(b'{"error": "no kernel forked: ')
    sock.setblocking(False)
    km = project_kernel_manager(tmp_path / "kernel.json", server)
    assert probe(run_cells([PROBE], km, tmp_path))["ppid"] == server.process.pid, "the next request is served"


def test_the_server_stops_when_its_socket_closes_and_a_kernel_stops_with_the_server(tmp_path, server):
    km = project_kernel_manager(tmp_path / "kernel.json", server)
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    client = NotebookClient(nb, km=km, timeout=60, resources={"metadata": {"path": str(tmp_path)}})
    with open(os.devnull, "ab") as log:
        asyncio.run(client.async_start_new_kernel(stdout=log, stderr=log))
    kernel = km.provisioner.process
    assert isinstance(kernel, ForkedKernel) and kernel.poll() is None
    server.process.kill()  # the server gone without a word: its kernel's parent watch stops it
    kernel.wait(timeout=20)
    assert kernel.poll() == 0
    fresh = ForkServer(kernel_environment(None, tmp_path), tmp_path, [], tmp_path / "second.log")
    fresh.close(timeout=20)
    assert fresh.process.returncode == 0, "closing the socket ends the server's loop: it exits on its own"


def test_forked_kernel_tracks_a_process_it_did_not_start():
    process = subprocess.Popen(["sleep", "30"])
    kernel = ForkedKernel(process.pid)
    assert kernel.poll() is None
    with pytest.raises(subprocess.TimeoutExpired):
        kernel.wait(timeout=0.1)
    kernel.terminate()
    assert kernel.wait(timeout=10) == 0, "ended (its exit status is its parent's to read)"
    kernel.kill()  # an ended kernel is not signalled again
    process.wait()


def test_a_process_with_the_kernels_number_but_another_start_is_not_the_kernel():
    kernel = ForkedKernel(os.getpid())
    assert kernel.poll() is None
    kernel.started = "0"  # as if this process had ended and its number gone to another
    assert kernel.poll() == 0
    assert ForkedKernel(2 ** 22 + 12345).poll() == 0, "no such process"


def test_a_request_cancelled_while_the_server_starts_stops_the_server(tmp_path):
    """An answer left unread would reach the next request: the server is stopped instead (its kernels end with it)."""
    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(30)\n")
    env = dict(kernel_environment(None, tmp_path), PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    forks = ForkServer(env, tmp_path, ["slow_to_import"], tmp_path / "fork-server.log")

    async def cancelled():
        with open(os.devnull, "ab") as log:
            task = asyncio.create_task(forks.fork([sys.executable, "-m", "ipykernel_launcher"], env, str(tmp_path),
                                                  log.fileno(), log.fileno()))
            await asyncio.sleep(0.5)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

    started = time.monotonic()
    asyncio.run(cancelled())
    assert forks.socket is None and forks.process.returncode is not None
    assert time.monotonic() - started < 10, "stopped at once, not after its imports"


def test_the_output_files_a_kernel_is_given():
    with open(os.devnull, "wb") as handle:
        assert _fd(handle, 1) == handle.fileno()
    assert _fd(None, 2) == 2 and _fd(7, 1) == 7
    assert _fd(subprocess.PIPE, 1) is None and _fd(object(), 1) is None


FIRST = Step("first.ipynb", (), "")


def write_first(folder):
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)]), folder / "first.ipynb")


def test_the_main_job_forks_its_kernels_and_its_outputs_are_those_of_usual_kernels(tmp_path, monkeypatch):
    """The same notebook run with forked kernels and with kernels started the usual way gives the same file, byte
    for byte, a figure shown by the inline backend included (matplotlib was loaded by the server, before any kernel)."""
    write_first(tmp_path)
    nbformat.write(nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("import colorsys\nprint(colorsys.rgb_to_hsv(0.2, 0.4, 0.4))"),
        nbformat.v4.new_code_cell("import matplotlib.pyplot as plt\nfig, ax = plt.subplots()\nax.plot([1, 2])\nplt.show()")]),
        tmp_path / "a.ipynb")
    steps = (FIRST, Step("a.ipynb", ("first.ipynb",), ""))
    run_notebooks(out_dir=tmp_path / "forked", processed_dir=tmp_path / "p", steps=steps, source_dir=tmp_path)
    monkeypatch.setattr("mrt.executor.forking_available", lambda: False)
    run_notebooks(out_dir=tmp_path / "usual", processed_dir=tmp_path / "p", steps=steps, source_dir=tmp_path)
    assert (tmp_path / "forked" / "a.ipynb").read_bytes() == (tmp_path / "usual" / "a.ipynb").read_bytes()


def test_the_main_job_forks_the_kernels_of_the_notebooks_that_wait(tmp_path):
    """A notebook that waits for others gets a kernel forked from the server, which imported its modules meanwhile; one
    that waits for nothing starts its kernel at once, the usual way, rather than wait for the server's imports."""
    write_first(tmp_path)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(PROBE)]), tmp_path / "a.ipynb")
    run_notebooks(out_dir=tmp_path / "out", processed_dir=tmp_path / "p", steps=(FIRST, Step("a.ipynb", ("first.ipynb",), "")),
                  source_dir=tmp_path)
    first, waited = (probe(nbformat.read(tmp_path / "out" / name, as_version=4)) for name in ("first.ipynb", "a.ipynb"))
    assert first["ppid"] == os.getpid(), "started by this process"
    assert waited["ppid"] != os.getpid() and waited["sid"] == waited["pid"]
    assert str(waited["ppid"]) == waited["parent_pid"], "the fork server is its parent, and watched"
    assert waited["loaded"] is False, "the server imports what the notebooks import, nothing more (PROBE imports os, sys, json)"


def test_requests_queued_behind_one_the_dead_server_never_answered_start_the_usual_way(tmp_path):
    """The server killed while several kernels wait for it: the first request reads the end of the socket and closes
    it; the ones queued behind it must fail as OSError (the provisioner's cue for a usual start), not AttributeError."""
    (tmp_path / "slow_to_import.py").write_text("import time\ntime.sleep(30)\n")
    env = dict(kernel_environment(None, tmp_path), PYTHONPATH=f"{tmp_path}{os.pathsep}{os.environ.get('PYTHONPATH', '')}")
    forks = ForkServer(env, tmp_path, ["slow_to_import"], tmp_path / "fork-server.log")

    async def three_requests():
        with open(os.devnull, "ab") as log:
            tasks = [asyncio.create_task(forks.fork([sys.executable, "-m", "ipykernel_launcher"], env, str(tmp_path),
                                                    log.fileno(), log.fileno())) for _ in range(3)]
            await asyncio.sleep(0.5)
            forks.process.kill()
            return await asyncio.gather(*tasks, return_exceptions=True)

    try:
        outcomes = asyncio.run(three_requests())
    finally:
        forks.close(timeout=0)
    assert all(isinstance(o, OSError) for o in outcomes), outcomes


ORPHANED = """
import asyncio, ctypes, os, sys, time
from pathlib import Path
from jupyter_client.connect import write_connection_file
from mrt.executor import kernel_environment
from mrt.kernelfork import ForkServer, _process_state
assert ctypes.CDLL(None, use_errno=True).prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER, as systemd --user is
tmp = Path(sys.argv[1])
env = kernel_environment(None, tmp)
forks = ForkServer(env, tmp, [], tmp / "fork-server.log")
connection, _ = write_connection_file(str(tmp / "kernel.json"))
with open(tmp / "kernel.log", "ab") as log:
    pid = asyncio.run(forks.fork([sys.executable, "-m", "ipykernel_launcher", "-f", connection], env, str(tmp),
                                 log.fileno(), log.fileno()))
forks.process.kill()  # at once: before the kernel's parent watch has started
forks.process.wait()
deadline = time.monotonic() + 10
while time.monotonic() < deadline and (_process_state(pid) or ("Z",))[0] != "Z":
    time.sleep(0.05)
ended = (_process_state(pid) or ("Z",))[0] == "Z"
if not ended:
    os.kill(pid, 9)
print("ended" if ended else "alive")
"""


def test_a_kernel_whose_server_dies_as_it_starts_ends_even_under_a_subreaper(tmp_path):
    """Orphans go to the nearest subreaper (systemd --user on a desktop), not to init; ipykernel's parent watch,
    started after the server has gone, waits for init and never ends the kernel: a stray holding its ports."""
    seen = subprocess.run([sys.executable, "-c", ORPHANED, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert seen.stdout.strip() == "ended", seen.stderr


HANGS = """
import sys
from pathlib import Path
import nbformat
from mrt.executor import Step, run_notebooks
folder = Path(sys.argv[1])
nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), folder / "first.ipynb")
nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("import hangs_at_import")]), folder / "a.ipynb")
try:
    run_notebooks(out_dir=folder / "out", processed_dir=folder / "p", timeout=4, source_dir=folder,
                  steps=(Step("first.ipynb", (), ""), Step("a.ipynb", ("first.ipynb",), "")))
except Exception as error:
    print(f"{type(error).__name__}: {error}")
"""


def test_a_module_that_never_finishes_importing_fails_the_run_within_its_timeout(tmp_path):
    """The server imports the module too: its kernel must not wait for the server for ever (the usual start fails the
    notebook after the run's timeout; so must the forked one)."""
    (tmp_path / "hangs_at_import.py").write_text("import time\ntime.sleep(90)\n")  # strays of a failing run end too
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")]))
    seen = subprocess.run([sys.executable, "-c", HANGS, str(tmp_path)], env=env, capture_output=True, text=True, timeout=60)
    assert "NotebookFailed: a.ipynb: importing its modules did not finish within 4 s" in seen.stdout, seen.stderr[-2000:]
