"""Kernels forked from one process that has imported the notebooks' modules once (Linux only).

Each notebook runs in a kernel of its own, and each kernel used to spend a second or more importing the same
modules (pandas, matplotlib, pandera, the project's own) before its first cell: most of a run's CPU time on a small
machine. Here one process, the fork server, imports them once; then, for each kernel jupyter_client asks for, it
forks a child that starts the kernel exactly as ``python -m ipykernel_launcher ARGS`` would (the same arguments,
environment, working folder and log), in a session of its own. Each kernel is still a new process with a fresh
IPython shell, namespace, history and execution count; what it inherits is the loaded modules, as if a cell had
imported them, which is what the executor's warm-up asks every waiting kernel to do anyway.

:class:`ForkServer` starts and stops the server; :class:`ForkingProvisioner` is the jupyter_client provisioner
that asks it for a kernel, and starts the kernel the usual way when the server cannot serve (it failed to start,
died, or the command is not ``-m ipykernel_launcher``). The server stops when the process that started it closes its
socket or dies; each kernel is killed when the server is gone (a parent-death signal, set before anything else, so
that an orphan never outlives a run, even where orphans go to a subreaper rather than to init). This module imports
only the standard library and jupyter_client (which every kernel loads), so the server loads nothing it was not asked
to.
"""

from __future__ import annotations

import asyncio
import atexit
import ctypes
import gc
import importlib
import importlib.util
import json
import os
import signal
import socket
import subprocess
import sys
import time
import traceback
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner

LAUNCHER = ["-m", "ipykernel_launcher"]
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"  # what ipykernel sets MPLBACKEND to before any cell
MAX_MESSAGE = 1 << 20
PR_SET_PDEATHSIG = 1  # prctl(2): the signal this process gets when its parent ends


def available() -> bool:
    """Whether kernels can be forked here: Linux with /proc (fork after loading numpy and matplotlib is safe there;
    macOS and Windows start kernels the usual way)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(socket, "send_fds")
            and Path("/proc/self/stat").exists())  # how a forked kernel is seen to have ended


# -- the server: runs in its own process ----------------------------------------------------------------------

def serve(fd: int, modules: list[str]) -> None:
    """The fork server's main loop: import ``modules`` (a module that fails to import is left to the cell that
    imports it), then fork a kernel for each request read from the socket ``fd``, until the socket closes."""
    if sys.path and sys.path[0] in ("", os.getcwd()):  # as ipykernel_launcher does; the kernel's shell adds it back
        del sys.path[0]
    os.environ.setdefault("MPLBACKEND", INLINE_BACKEND)
    import ipykernel.kernelapp  # noqa: F401  # deferred: the kernel itself, loaded by the server only (never its client)
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a name, not a module, or a module that fails: its cell will say so
            pass
    gc.freeze()  # the loaded modules stay shared with every kernel instead of being copied as the collector visits them
    server = socket.socket(fileno=fd)
    signal.signal(signal.SIGCHLD, _reap)
    while True:
        data, fds, _, _ = socket.recv_fds(server, MAX_MESSAGE, 2)
        if not data:
            break
        if len(fds) != 2:
            for fd in fds:
                os.close(fd)
            server.sendall(json.dumps({"error": f"a request needs the kernel's stdout and stderr, got {len(fds)} files"}).encode())
            continue
        try:
            answer = _fork(data, fds, server)
        except (OSError, ValueError) as error:  # no fork (out of processes or memory) or a request not understood: this
            answer = {"error": f"no kernel forked: {type(error).__name__}: {error}"}  # kernel starts the usual way
        server.sendall(json.dumps(answer).encode())


def _reap(signum=None, frame=None) -> None:
    """Collect every kernel that has ended, so that it disappears from the process table."""
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        print(f"kernel {pid} ended with status {os.waitstatus_to_exitcode(status)}", file=sys.stderr, flush=True)


def _fork(data: bytes, fds: list[int], server: socket.socket) -> dict:
    """Fork one kernel for the request ``data``; answer with its process id once it leads a session of its own (so
    signalling its process group never reaches the server). ``fds`` (its stdout and stderr) are closed here either way."""
    try:
        request = json.loads(data)
        if not (isinstance(request, dict) and {"argv", "env", "cwd", "launcher"} <= set(request)):
            raise ValueError("a request gives argv, env, cwd and launcher")
        ready, told = os.pipe()
        parent = os.getpid()
        try:
            pid = os.fork()
        except OSError:
            os.close(ready)
            os.close(told)
            raise
        if pid == 0:
            os.close(ready)
            _become_kernel(request, fds, told, server, parent)  # never returns
        os.close(told)
    finally:  # in the server only: the kernel never comes back here
        for fd in fds:
            os.close(fd)
    with os.fdopen(ready, "rb") as pipe:
        started = pipe.read(1)
    return {"pid": pid} if started else {"error": f"the forked kernel {pid} ended before it started"}


def _become_kernel(request: dict, fds: list[int], told: int, server: socket.socket, parent: int) -> None:
    """In the forked child: become the process ``python -m ipykernel_launcher ARGS`` would be, run the kernel
    until it is shut down, and exit. Never returns."""
    code = 1
    try:
        # killed when the server ends, even before ipykernel's parent watch starts (which, started after the server
        # has gone, only looks for init as its parent: a subreaper such as systemd --user would keep it forever)
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        if os.getppid() != parent:  # the server ended before that
            os._exit(1)
        server.close()
        os.setsid()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        for fd in {stdin, *fds} - {0, 1, 2}:
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        os.environ["JPY_PARENT_PID"] = str(os.getppid())  # the kernel stops when the server is gone
        if "numpy" in sys.modules:  # a new process draws fresh entropy; a fork would share the server's
            sys.modules["numpy"].random.seed()
        os.write(told, b"1")
        os.close(told)
        args = request["argv"][1 + len(LAUNCHER):]
        sys.argv = [request["launcher"], *args]
        from ipykernel import kernelapp  # deferred: loaded by the server already; its client never needs it

        # ipykernel read JPY_PARENT_PID when the server imported it (there was none): the parent watch is given here
        kernelapp.launch_new_instance(argv=args, parent_handle=os.getppid())
        code = 0
    except SystemExit as end:
        code = end.code if isinstance(end.code, int) else (0 if end.code is None else 1)
    except BaseException:  # noqa: BLE001 - whatever stops the kernel is written to its log
        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()  # what the interpreter runs as a kernel process ends
            for stream in (sys.stdout, sys.stderr):
                stream.flush()
        finally:
            os._exit(code)


# -- the client: in the process that runs the notebooks -------------------------------------------------------

class ForkServer:
    """A fork server started with ``env`` (the kernels' environment) in ``cwd``, importing ``modules``; its own
    output goes to ``log``. Close it (or use it as a context manager) when the kernels are done. A request not answered
    within ``timeout`` seconds (an import that never ends) stops it: the kernels start the usual way."""

    def __init__(self, env: dict[str, str], cwd: Path, modules: list[str], log: Path, timeout: float = 600):
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        code = f"from mrt.kernelfork import serve; serve({theirs.fileno()}, {list(modules)!r})"
        with open(log, "ab") as handle:
            self.process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()], env=env, cwd=cwd,
                                            stdin=subprocess.DEVNULL, stdout=handle, stderr=handle, start_new_session=True)
        theirs.close()
        ours.setblocking(False)
        self.socket: socket.socket | None = ours
        self.lock = asyncio.Lock()
        self.timeout = timeout

    async def fork(self, cmd: list[str], env: dict[str, str], cwd: str, stdout: int, stderr: int) -> int:
        """A new kernel for ``cmd`` (``python -m ipykernel_launcher ARGS``); its process id. OSError when the
        server cannot give one."""
        request = json.dumps({"argv": cmd, "env": env, "cwd": str(cwd), "launcher": _launcher_path()}).encode()
        async with self.lock:  # one request at a time, so each answer is read by the task that asked
            if self.socket is None:  # closed, perhaps while this request waited for the one before
                raise OSError("the fork server is closed")
            answered = False
            try:
                socket.send_fds(self.socket, [request], [stdout, stderr])
                reply = await asyncio.wait_for(asyncio.get_running_loop().sock_recv(self.socket, MAX_MESSAGE),
                                               self.timeout)  # TimeoutError is an OSError
                answered = True
            finally:
                if not answered:  # cancelled while waiting (or the socket failed): an answer left unread would reach
                    self.close(timeout=0)  # the next request, so the server is stopped; its kernels end with it
        if not reply:
            self.close()
            raise OSError("the fork server has stopped")
        answer = json.loads(reply)
        if "pid" not in answer:
            raise OSError(answer.get("error", "the fork server gave no kernel"))
        return int(answer["pid"])

    def close(self, timeout: float = 10) -> None:
        """Close the socket (the server ends its loop and exits); kill the server if it has not within ``timeout``
        (0: at once)."""
        if self.socket is not None:
            self.socket.close()
            self.socket = None
        if timeout:
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
        else:
            self.process.kill()
        self.process.wait()

    def __enter__(self) -> "ForkServer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _launcher_path() -> str:
    spec = importlib.util.find_spec("ipykernel_launcher")
    return spec.origin if spec and spec.origin else "ipykernel_launcher"


def _process_state(pid: int) -> tuple[str, str] | None:
    """Process ``pid``'s state letter and start time (clock ticks after boot) from /proc; None when there is none."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
    except OSError:
        return None
    return fields[0], fields[19]  # fields 3 and 22 of proc(5), counted after the command name


class ForkedKernel:
    """The part of ``subprocess.Popen`` that jupyter_client uses, for a kernel that is the fork server's child rather
    than ours. It is seen to have ended when its process is gone, ended (waiting for the server to collect it), or
    another process with its number (started at another time). Its exit status belongs to the server (which writes
    it to its log): ``returncode`` is 0 once it has ended."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None
        state = _process_state(pid)
        self.started = state[1] if state else None

    def poll(self) -> int | None:
        if self.returncode is None:
            state = _process_state(self.pid)
            if state is None or state[0] in ("Z", "X") or state[1] != self.started:
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.poll() is None:
            if deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return self.returncode

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            os.kill(self.pid, signum)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkingProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, launching the kernel by the fork server (``server``) when it can."""

    server: ForkServer | None = None

    async def launch_kernel(self, cmd: list[str], **kwargs):
        forked = await self._forked(cmd, kwargs) if self.server is not None else None
        if forked is None:
            return await super().launch_kernel(cmd, **kwargs)
        self.process = ForkedKernel(forked)
        self.pid = self.pgid = forked  # the kernel leads its own session and process group
        self.cwd = kwargs.get("cwd", Path.cwd())
        return self.connection_info

    async def _forked(self, cmd: list[str], kwargs: dict) -> int | None:
        if cmd[:1] != [sys.executable] or cmd[1:1 + len(LAUNCHER)] != LAUNCHER:
            return None
        outputs = [_fd(kwargs.get(name), default) for name, default in (("stdout", 1), ("stderr", 2))]
        if None in outputs or kwargs.get("stdin") not in (None, subprocess.DEVNULL):
            return None
        try:
            return await self.server.fork(cmd, dict(kwargs.get("env") or os.environ), kwargs.get("cwd") or os.getcwd(),
                                          *outputs)
        except OSError:
            return None


def _fd(stream, default: int) -> int | None:
    """The file descriptor a Popen ``stdout``/``stderr`` argument names (None: this process's own), or None for a pipe."""
    if stream is None:
        return default
    if isinstance(stream, int):
        return stream if stream >= 0 else None
    try:
        return stream.fileno()
    except (AttributeError, OSError, ValueError):
        return None
