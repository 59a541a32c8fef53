#!/usr/bin/env python3
"""Set up and run the project with nothing but Python 3 and pip.

    python3 run.py            # set up .venv (main packages), run every notebook, refresh the README, build the site
    python3 run.py test       # the same set-up plus the test packages, then every test (what CI runs)
    python3 run.py notebooks  # run every notebook and refresh the README, without the site
    python3 run.py site       # rebuild the HTML site from the executed notebooks
    python3 run.py student    # the student bundle (no solutions) in dist/student/ and dist/student.zip; dist/autograder/
    python3 run.py grade SUBMISSIONS_DIR   # grade a class's hand-ins: SUBMISSIONS_DIR/gradebook.csv and feedback/
    python3 run.py education -p promotion_probability 0.2 ...   # rerun the education model with other assumptions
    python3 run.py where      # the checks, and where the main job would read and write
    python3 run.py draft GUIDE_DIR --out DIR   # draft a ledger of printed figures from guide texts, for a person to check
    python3 run.py check --raw DIR   # check a whole raw folder and print every problem at once, before any notebook runs
    python3 run.py readability   # words per finding, longest finding, first sentence, grade (--check: exit 1 if a target is missed)
    python3 run.py lab        # JupyterLab (installed on first use), writing to scratch/processed, never data/processed
    python3 run.py mutation   # mutation testing (mutmut): the share of mutants killed per module
    python3 run.py benchmark  # time the main job against running each notebook in turn
    python3 run.py benchmark setup   # time a fresh clone to a built site, with uv and with pip
    python3 run.py lock       # regenerate constraints.txt (every package pinned) from the requirement files

Add --verbose to see tracebacks and the installer's output when something fails.

Packages: requirements.txt (the main job), requirements-test.txt (tests only), requirements-lab.txt
(JupyterLab) and requirements-teach.txt (otter-grader, for the student bundle), all installed under the full
pin list constraints.txt. The installer is uv when it can be
installed from the package index (into .venv), pip otherwise; MRT_INSTALLER=pip forces pip.

Standard library only: it must run before anything is installed. Up to the version check below it is written
for any Python 3 (no syntax newer than 3.6), so an old Python says what it needs instead of failing to parse.
"""

import sys

if sys.version_info < (3, 11):
    sys.stderr.write("error: run.py needs Python 3.11 or newer; this is Python %d.%d (%s): run it with a newer python3\n"
                     % (sys.version_info[0], sys.version_info[1], sys.executable))
    sys.exit(1)

import hashlib
import json
import os
import shutil
import signal
import subprocess
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP_NAME = ".mrt-installed"
CONSTRAINTS = ROOT / "constraints.txt"
GROUPS = {"main": "requirements.txt", "test": "requirements-test.txt", "lab": "requirements-lab.txt", "teach": "requirements-teach.txt"}
NEEDS = {"test": ("main", "test", "teach"), "mutation": ("main", "test", "teach"), "lab": ("main", "lab"), "student": ("main", "teach"), "grade": ("main", "teach"), "lock": ()}
INSTALLER_ENV = "MRT_INSTALLER"
VERBOSE = False


class SetupError(RuntimeError):
    """The environment could not be set up; the message says which step failed and why."""


class Interrupted(BaseException):
    def __init__(self, signum: int):
        super().__init__(signum)
        self.signum = signum


def say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def bin_dir(venv_dir: Path) -> Path:
    return venv_dir / ("Scripts" if os.name == "nt" else "bin")


def python_of(venv_dir: Path) -> Path:
    return bin_dir(venv_dir) / ("python.exe" if os.name == "nt" else "python")


PYTHON = python_of(VENV)


# -- what is installed ----------------------------------------------------------------------------------------

def fingerprint(group: str, root: Path = ROOT) -> str:
    """What a group's installation depends on: its requirement file, the pins, and (main) the project's metadata."""
    digest = hashlib.sha256()
    names = [GROUPS[group], "constraints.txt"] + (["pyproject.toml"] if group == "main" else [])
    for name in names:
        digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    return digest.hexdigest()


def read_stamp(venv_dir: Path) -> dict[str, str]:
    """The groups installed by a finished set-up: group -> fingerprint ({} when unreadable or from an older run.py)."""
    try:
        groups = json.loads((venv_dir / STAMP_NAME).read_text())["groups"]
        return {str(k): str(v) for k, v in groups.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}


PROBE = ("import importlib.util as u\n"
         "spec = u.find_spec('mrt')\n"
         "print('pip' if u.find_spec('pip') else '-')\n"
         "print(spec.origin if spec and spec.origin else '-')\n")


def environment_problem(venv_dir: Path, root: Path = ROOT) -> str | None:
    """Why an existing environment cannot be used as it is (it must be rebuilt), or None when it is sound.

    An interrupted first set-up can leave a .venv without pip or without the project; a moved or
    copied checkout can leave one that runs another checkout's code. The stamp is written last, so
    an environment without it never finished setting up.
    """
    python = python_of(venv_dir)
    if not python.exists():
        return "it has no Python"
    if not (venv_dir / STAMP_NAME).is_file():
        return "its last set-up did not finish"
    try:
        probe = subprocess.run([str(python), "-c", PROBE], capture_output=True, text=True, cwd=root, timeout=120,
                               stdin=subprocess.DEVNULL)
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"its Python does not start ({getattr(error, 'strerror', None) or error})"
    lines = probe.stdout.split("\n")
    if probe.returncode != 0 or len(lines) < 2:
        return f"its Python does not start (exit {probe.returncode})"
    if lines[0].strip() != "pip":
        return "pip is missing from it"
    origin = lines[1].strip()
    if origin == "-":
        return "the project (package mrt) is not installed in it"
    expected = (root / "src" / "mrt").resolve()
    if Path(origin).resolve().parent != expected:
        return f"it runs the project from {Path(origin).parent}, not from this checkout"
    return None


# -- installing -------------------------------------------------------------------------------------------------

def _run(args: list, what: str, env: dict[str, str] | None = None) -> None:
    """Run one set-up step quietly; on failure raise SetupError with the tool's last line (all of it under --verbose)."""
    try:
        done = subprocess.run([str(a) for a in args], cwd=ROOT, env=env, capture_output=True, text=True,
                              stdin=subprocess.DEVNULL)
    except OSError as error:
        raise SetupError(f"{what} failed: {error.strerror or error}") from None
    if done.returncode != 0:
        output = (done.stderr + done.stdout).strip()
        if VERBOSE:
            say(output)
        last = _last_line(done.stderr) or _last_line(done.stdout) or "no output"
        raise SetupError(f"{what} failed (exit {done.returncode}): {last}")


def _last_line(text: str) -> str:
    """The last line worth showing (pip's notes about this machine's ignored index folders are not)."""
    return next((line.strip() for line in reversed(text.splitlines())
                 if line.strip() and not line.lstrip().startswith("WARNING: Location")), "")


def installer_env() -> dict[str, str]:
    return dict(os.environ, UV_NO_PROGRESS="1")


def choose_installer(venv_dir: Path) -> str:
    """'uv' when it is in the environment or can be pip-installed into it (pinned by constraints.txt), else 'pip'."""
    wanted = os.environ.get(INSTALLER_ENV, "").strip().lower()
    if wanted not in ("", "uv", "pip"):
        raise SetupError(f"{INSTALLER_ENV}={wanted!r}: expected 'uv' or 'pip'")
    if wanted == "pip":
        return "pip"
    uv = bin_dir(venv_dir) / ("uv.exe" if os.name == "nt" else "uv")
    if uv.exists():
        return "uv"
    try:
        _run([python_of(venv_dir), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "uv", "-c", CONSTRAINTS],
             "installing uv")
    except SetupError as error:
        if wanted == "uv":
            raise
        say(f"uv could not be installed ({error}); installing with pip instead")
        return "pip"
    return "uv"


def install_command(installer: str, venv_dir: Path, args: list, uv: Path | None = None) -> list:
    python = python_of(venv_dir)
    if installer == "uv":
        uv = uv or bin_dir(venv_dir) / ("uv.exe" if os.name == "nt" else "uv")
        # compiled at install time, as pip does: else five kernels starting at once would each compile the same modules
        return [uv, "pip", "install", "--python", python, "--quiet", "--compile-bytecode", *args]
    return [python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *args]


def install(installer: str, venv_dir: Path, args: list, what: str, uv: Path | None = None) -> str:
    """Install with the chosen installer; if uv fails, say so and try pip (it may know an index uv does not)."""
    try:
        _run(install_command(installer, venv_dir, args, uv), f"{what} with {installer}", env=installer_env())
        return installer
    except SetupError as error:
        if installer != "uv":
            raise
        say(f"{error}; trying pip")
        _run(install_command("pip", venv_dir, args), f"{what} with pip")
        return "pip"


def create_venv(venv_dir: Path) -> None:
    try:
        venv.EnvBuilder(with_pip=True, clear=True).create(venv_dir)
    except (OSError, subprocess.CalledProcessError) as error:
        shutil.rmtree(venv_dir, ignore_errors=True)
        raise SetupError(f"creating {venv_dir} failed ({error}); on Debian or Ubuntu, 'apt install python3-venv' "
                         "provides what Python needs for it") from None


def ensure_environment(groups: tuple[str, ...]) -> None:
    """Make .venv hold the requested package groups for the current pins, rebuilding it if it is broken."""
    if VENV.exists():
        problem = environment_problem(VENV)
        if problem:
            say(f"rebuilding .venv: {problem}")
            shutil.rmtree(VENV)
    installed = read_stamp(VENV)
    todo = [g for g in groups if installed.get(g) != fingerprint(g)]
    if not todo:
        return
    if not VENV.exists():
        say(f"setting up .venv ({', '.join(todo)} packages); the first time takes a minute or two")
        create_venv(VENV)
    else:
        say(f"updating .venv: {', '.join(todo)} packages")
    (VENV / STAMP_NAME).unlink(missing_ok=True)  # written again only when everything below has finished
    installer = choose_installer(VENV)
    args = [a for g in todo for a in ("-r", ROOT / GROUPS[g])] + ["-c", CONSTRAINTS]
    installer = install(installer, VENV, args, f"installing {', '.join(GROUPS[g] for g in todo)}")
    if "main" in todo:
        install(installer, VENV, ["--no-deps", "-e", ROOT], "installing the project (src/mrt)")
    kept = {g: fp for g, fp in installed.items() if g in GROUPS and g not in todo and fp == fingerprint(g)}
    stamp = {"groups": {**kept, **{g: fingerprint(g) for g in todo}}, "installer": installer}
    (VENV / STAMP_NAME).write_text(json.dumps(stamp, indent=1) + "\n")


def lock() -> int:
    """Regenerate constraints.txt: a fresh environment with every group (and uv), then its full pin list.

    Pins that still fit are kept; a direct pin changed in a requirement file wins over the old lock."""
    direct = {}
    for name in GROUPS.values():
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if "==" in line:
                direct[_canonical(line.split("==")[0])] = line
    kept = [line for line in CONSTRAINTS.read_text().splitlines()
            if line.strip() and not line.startswith("#") and _canonical(line.split("==")[0]) not in direct]
    with tempfile.TemporaryDirectory(prefix="mrt-lock-") as tmp:
        fresh = Path(tmp) / "venv"
        say("lock: installing every requirement file into a fresh environment")
        create_venv(fresh)
        uv = bin_dir(VENV) / ("uv.exe" if os.name == "nt" else "uv")  # the project's uv, if it has one, installs faster
        installer = "uv" if uv.exists() and os.environ.get(INSTALLER_ENV) != "pip" else "pip"
        (Path(tmp) / "kept.txt").write_text("\n".join(kept) + "\n")
        args = [a for name in GROUPS.values() for a in ("-r", ROOT / name)] + ["uv"]
        try:
            install(installer, fresh, [*args, "-c", Path(tmp) / "kept.txt"], "installing under the current pins", uv)
        except SetupError as error:
            say(f"{error}; resolving every package afresh")
            install(installer, fresh, args, "installing", uv)
        frozen = subprocess.run([str(python_of(fresh)), "-m", "pip", "freeze", "--exclude-editable", "--all"],
                                capture_output=True, text=True, check=True).stdout
    lines = [line for line in frozen.splitlines() if _canonical(line.split("==")[0]) not in ("pip", "setuptools", "wheel")]
    header = ("# Every package the environment holds, pinned: requirements.txt, requirements-test.txt, requirements-lab.txt\n"
              "# and uv, installed together into a fresh environment. run.py installs each requirement file under these\n"
              "# constraints, so a new machine gets the same versions; regenerate with 'python3 run.py lock'.\n")
    CONSTRAINTS.write_text(header + "\n".join(sorted(lines, key=_canonical)) + "\n")
    say(f"constraints.txt: {len(lines)} packages pinned")
    return 0


def _canonical(name: str) -> str:
    return name.strip().split("[")[0].lower().replace("_", "-").replace(".", "-")


# -- handing over -----------------------------------------------------------------------------------------------

def hand_over(argv: list[str]) -> int:
    """Replace this process by the command (so signals sent to run.py reach it directly); Windows: run and wait."""
    env = dict(os.environ, PYTHONHASHSEED="0", MRT_CALLER_CWD=os.getcwd())  # relative paths a user types are read from there
    env.pop("VIRTUAL_ENV", None)
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name == "posix":
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        os.chdir(ROOT)
        os.execve(argv[0], argv, env)
    return subprocess.run(argv, cwd=ROOT, env=env).returncode


def vocabulary():
    """src/mrt/vocab.py, the project's declared lists (the commands among them), read from its file: it imports only
    the standard library, so it can be read before .venv exists and without importing mrt."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("mrt_vocab_for_run_py", ROOT / "src" / "mrt" / "vocab.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


def _on_signal(signum, frame):
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise Interrupted(signum)


def main(argv: list[str]) -> int:
    global VERBOSE
    VERBOSE = any(a in ("-v", "--verbose") for a in argv)
    command, rest = (argv[0], argv[1:]) if argv and not argv[0].startswith("-") else ("run", argv)
    if command not in vocabulary().COMMANDS:
        print(__doc__, file=sys.stderr)
        say(f"error: unknown command {command!r}")
        return 2
    signal.signal(signal.SIGINT, _on_signal)
    signal.signal(signal.SIGTERM, _on_signal)
    try:
        if command == "lock":
            return lock()
        ensure_environment(NEEDS.get(command, ("main",)))
    except Interrupted as stop:
        say(f"error: interrupted by {signal.Signals(stop.signum).name} while setting up .venv; the next run rebuilds it")
        return 128 + stop.signum
    except SetupError as error:
        say(f"error: {error}" + ("" if VERBOSE else " (rerun with --verbose for the installer's output)"))
        return 1
    python = str(PYTHON)
    if command == "test":
        return hand_over([python, "-m", "pytest", *rest])
    if command == "benchmark":
        script = "fresh_clone.py" if rest[:1] == ["setup"] else "main_job.py"
        return hand_over([python, str(ROOT / "benchmarks" / script), *rest[rest[:1] == ["setup"]:]])
    if command == "education":
        return hand_over([python, "-m", "mrt.rerun", *rest])
    if command == "readability":
        return hand_over([python, "-m", "mrt.readability", *rest])
    if command == "grade":
        given = [a if a.startswith("-") or i and rest[i - 1] == "--jobs" else str(Path(a).resolve())  # hand_over moves to ROOT
                 for i, a in enumerate(rest) if a not in ("-v", "--verbose")]
        return hand_over([python, "-m", "mrt.gradebook", *given])
    return hand_over([python, "-m", "mrt.cli", command, *rest])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
