"""Command line for the project: ``python -m mrt.cli run`` and friends.

``run.py`` at the top of the repository sets up the environment and hands over
to this (the same process, so a signal sent to ``run.py`` reaches it); the
Makefile only wraps ``run.py``.

Every failing exit prints exactly one line saying why (``error: ...``) and exits
non-zero: 1 for a failure, 2 for a wrong command, 128 + the signal number when
interrupted (130 for Ctrl-C, 143 for SIGTERM). ``--verbose`` adds the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
from pathlib import Path

from mrt import bundle, draft, paths
from mrt.executor import KERNEL_NAME, KERNELSPEC, Interrupted, install_interrupt_handlers, kernel_argv
from mrt.pipeline import run_main_job
from mrt.preflight import preflight, where_line
from mrt.staging import checkout_lock
from mrt.vocab import COMMANDS

# Errors whose message already says what failed and what was expected: shown as they are, without the class name.
EXPECTED_ERRORS = ("ChangedDuringRun", "CommandFailed", "NotebookFailed", "PreflightError", "RunBusy", "StagingError",
                   "DataError", "ParseError", "SchemaError", "ParameterError", "RunNameError", "ConfigError", "FindingError", "ChartError",
                   "ExerciseError", "SiteError", "BundleError", "ReadmeError", "DraftError")


class CommandFailed(RuntimeError):
    """A tool this command runs failed or is missing; the message says which and what to do."""


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-v", "--verbose", action="store_true", help="on failure, print the traceback too")
    parser = argparse.ArgumentParser(prog="mrt", description=__doc__, parents=[common],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command")
    run = sub.add_parser("run", parents=[common], help=COMMANDS["run"])
    for parser_ in (parser, run):
        parser_.add_argument("--raw", help="another occupation's raw folder (laid out like data/raw); needs --out")
        parser_.add_argument("--out", help="with --raw: the folder that receives every output (processed tables, notebooks, site, "
                             "findings.md); nothing in the checkout is written")
    sub.add_parser("notebooks", parents=[common], help=COMMANDS["notebooks"])
    sub.add_parser("site", parents=[common], help=COMMANDS["site"])
    sub.add_parser("student", parents=[common], help=COMMANDS["student"])
    sub.add_parser("where", parents=[common], help=COMMANDS["where"])
    sub.add_parser("lab", parents=[common], help=COMMANDS["lab"])
    draft = sub.add_parser("draft", parents=[common], help=COMMANDS["draft"])
    draft.add_argument("guide_dir", help="folder of guide texts (*.txt)")
    draft.add_argument("--out", required=True, help="folder for the draft (must not hold a ledger already)")
    check = sub.add_parser("check", parents=[common], help=COMMANDS["check"])
    check.add_argument("--raw", required=True, help="the raw folder (laid out like data/raw)")
    sub.add_parser("mutation", parents=[common], help=COMMANDS["mutation"])
    return parser


PASSES_ARGUMENTS_ON = ("lab", "mutation")


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args, extra = parser.parse_known_args(argv)
    command = args.command or "run"
    if extra and command not in PASSES_ARGUMENTS_ON:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra

    install_interrupt_handlers()
    started = time.perf_counter()
    try:
        code = HANDLERS[command](args)
    except BaseException as error:  # noqa: BLE001 - every failure ends in one line (and the traceback under --verbose)
        return _report_failure(error, args.verbose)
    if code == 0 and command in ("run", "notebooks", "site", "student"):
        _say(f"{command}: done in {time.perf_counter() - started:.1f} s")
    return code


def _report_failure(error: BaseException, verbose: bool) -> int:
    if verbose:
        traceback.print_exception(error, file=sys.stderr)
        details = getattr(error, "details", "")
        if details:
            _say(_strip_ansi(details))
    if isinstance(error, Interrupted):
        _say(f"error: {error}")
        return 128 + error.signum
    if isinstance(error, KeyboardInterrupt):
        _say("error: interrupted")
        return 130
    if isinstance(error, SystemExit):
        raise error
    name = type(error).__name__
    message = " ".join(str(error).split()) or name
    if len(message) > 400:
        message = message[:400] + " [...]"
    if name not in EXPECTED_ERRORS:
        message = f"{name}: {message}"
    hint = "" if verbose or name in EXPECTED_ERRORS else " (rerun with --verbose for the traceback)"
    _say(f"error: {message}{hint}")
    return 1


def _strip_ansi(text: str) -> str:
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


# -- the commands ----------------------------------------------------------------------------------------------

def cmd_run(args) -> int:
    raw, out = getattr(args, "raw", None), getattr(args, "out", None)
    if raw or out:
        return run_elsewhere(raw, out, args)

    run_main_job(notebooks=True, site=args.command in (None, "run"))
    if args.command in (None, "run"):
        out = paths.out_dir()
        _say(f"site written: {out / 'site' / 'index.html' if out else 'site/index.html'}"
             + (f"; findings: {out / 'findings.md'}" if out else ""))
    return 0


def run_elsewhere(raw: str | None, out: str | None, args) -> int:
    """``run.py --raw DIR --out DIR``: the whole analysis of another raw folder, every output written under DIR, in a
    fresh interpreter whose MRT_RAW_DIR, MRT_PROCESSED_DIR and MRT_OUT_DIR name those folders (absolute, read from
    where the command was typed)."""
    if not (raw and out):
        raise CommandFailed("--raw and --out go together: the raw folder to analyse and the folder that receives the outputs")
    raw_dir, out_dir = typed_path(raw).resolve(), typed_path(out).resolve()
    env = dict(os.environ, **{paths.RAW_ENV: str(raw_dir), paths.PROCESSED_ENV: str(out_dir / "processed"), paths.OUT_ENV: str(out_dir)})
    command = [sys.executable, "-m", "mrt.cli", "run"] + ["--verbose"] * bool(args.verbose)
    return subprocess.run(command, cwd=paths.ROOT, env=env).returncode


def cmd_site(args) -> int:
    run_main_job(notebooks=False, site=True)
    _say("site written: site/index.html")
    return 0


def cmd_student(args) -> int:
    with checkout_lock(paths.ROOT, say=_say):  # never built from a half-swapped set of outputs
        out = bundle.build_bundle()
    _say(f"student edition written: {out}")
    return 0


def cmd_where(args) -> int:
    with checkout_lock(paths.ROOT, say=_say):
        print(where_line(preflight()))
    return 0


def lab_environment(base: dict[str, str] | None = None) -> tuple[dict[str, str], str]:
    """The environment for JupyterLab, and the line that says what it does.

    Tables and charts go to ``scratch/processed`` (a copy of ``data/processed`` made when absent),
    so interactive reruns and exercises never overwrite ``data/processed/``; kernels are the
    project's interpreter, whatever kernelspecs ``JUPYTER_PATH`` or the user's folders hold.
    """
    env = dict(os.environ if base is None else base)
    processed = paths.scratch() / "processed"
    seeded = not processed.exists()
    if seeded:  # a copy kept from earlier sessions is left as it is
        paths.seed_working_tables(processed)
    env[paths.PROCESSED_ENV] = str(processed)
    specs = paths.scratch() / "jupyter" / "kernels" / KERNEL_NAME
    specs.mkdir(parents=True, exist_ok=True)
    spec = {"argv": kernel_argv(), "display_name": KERNELSPEC["display_name"], "language": "python", "metadata": {}}
    (specs / "kernel.json").write_text(json.dumps(spec, indent=1) + "\n", encoding="utf-8")
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(specs.parent.parent), env.get("JUPYTER_PATH", "")]))
    origin = "a fresh copy of data/processed" if seeded else "kept from earlier sessions; delete it for a fresh copy"
    line = (f"JupyterLab: notebooks write tables and charts to {paths.relative(processed)} ({origin}), never to "
            f"data/processed/; kernels run {sys.executable}; 'python3 run.py' rebuilds data/processed/")
    return env, line


def cmd_lab(args) -> int:
    with checkout_lock(paths.ROOT, say=_say):  # the copy of data/processed is never taken half-swapped
        env, line = lab_environment()
    _say(line)
    root = ["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # Jupyter refuses root without it
    jupyter = Path(sys.executable).parent / "jupyter"
    argv = [str(jupyter), "lab", "--notebook-dir", str(paths.NOTEBOOKS), *root, *args.extra]
    if not jupyter.exists():
        raise CommandFailed(f"{jupyter} not found: JupyterLab is installed by 'python3 run.py lab'")
    if os.name == "posix":
        os.execve(argv[0], argv, env)  # JupyterLab takes this process over: Ctrl-C reaches it directly
    return subprocess.run(argv, env=env, cwd=paths.ROOT).returncode


MUTANT_LINE = re.compile(r"^\s*(?P<name>[\w.]+)__mutmut_\d+:\s*(?P<status>[\w ]+?)\s*$")
KILLED = ("killed", "timeout")  # mutmut counts a mutant that makes the tests time out as killed
UNCOUNTED = ("skipped", "not checked")  # not tested in this run (a pattern left them out, or the run stopped)


def mutation_shares(results: str) -> dict[str, tuple[int, int]]:
    """Per module: (mutants killed, mutants tested) from the text of ``mutmut results --all true``.

    A mutant's name is ``module.function__mutmut_N`` (``mrt.parse.x_parse_money__mutmut_3``, or
    ``mrt.parse.xǁClassǁmethod__mutmut_2`` for a method), so the module is everything before the last dot.
    Skipped and unchecked mutants are not counted; any other status (survived, no tests, suspicious) is not a kill.
    """
    counts: dict[str, list[int]] = {}
    for line in results.splitlines():
        match = MUTANT_LINE.match(line)
        if not match or match["status"] in UNCOUNTED:
            continue
        module = match["name"].rpartition(".")[0] or match["name"]
        tally = counts.setdefault(module, [0, 0])
        tally[0] += match["status"] in KILLED
        tally[1] += 1
    return {module: (killed, total) for module, (killed, total) in sorted(counts.items())}


def cmd_mutation(args) -> int:
    mutmut = str(Path(sys.executable).parent / "mutmut")
    shutil.rmtree(paths.ROOT / "mutants", ignore_errors=True)
    _say("mutation testing: mutmut run (mutants of the modules in pyproject.toml [tool.mutmut], fast tests only); this takes a while")
    run = subprocess.run([mutmut, "run", *args.extra], cwd=paths.ROOT)
    if run.returncode != 0:
        raise CommandFailed(f"mutmut run failed (exit {run.returncode}): its output above says why (often a test "
                            "failing in the unmutated copy, mutants/, or a mutant pattern that matches nothing)")
    results = subprocess.run([mutmut, "results", "--all", "true"], cwd=paths.ROOT, capture_output=True, text=True, check=True)
    shares = mutation_shares(results.stdout)
    if not shares:
        raise CommandFailed("mutmut tested no mutant")
    print(f"{'module':<24} {'killed':>7} {'tested':>7} {'share':>7}")
    for module, (killed, total) in shares.items():
        print(f"{module:<24} {killed:>7} {total:>7} {killed / total:>7.1%}")
    killed, total = (sum(v[i] for v in shares.values()) for i in (0, 1))
    print(f"{'all':<24} {killed:>7} {total:>7} {killed / total:>7.1%}")
    print("survivors: '.venv/bin/mutmut results' lists them, '.venv/bin/mutmut show NAME' shows one")
    return 0


def typed_path(text: str) -> Path:
    """A path as the user typed it: a relative one is read from the folder the command was typed in (run.py hands
    over from the checkout, and says where that was in MRT_CALLER_CWD)."""
    path = Path(text).expanduser()
    return path if path.is_absolute() else Path(os.environ.get("MRT_CALLER_CWD") or os.getcwd()) / path


def cmd_draft(args) -> int:
    result = draft.draft(typed_path(args.guide_dir), paths.ROOT)
    written = draft.write(result, typed_path(args.out))
    print(draft.summary(result))
    print("wrote " + ", ".join(str(p) for p in written))
    return 0


def cmd_check(args) -> int:
    """Check the raw folder in a fresh interpreter whose MRT_RAW_DIR is that folder, so its own occupation.toml
    decides the settings and names the data dictionary allows."""
    raw = typed_path(args.raw).resolve()
    env = dict(os.environ, **{paths.RAW_ENV: str(raw)})
    return subprocess.run([sys.executable, "-m", "mrt.rawcheck", str(raw)], cwd=paths.ROOT, env=env).returncode


HANDLERS = {"run": cmd_run, "notebooks": cmd_run, "site": cmd_site, "student": cmd_student, "where": cmd_where,
            "lab": cmd_lab, "mutation": cmd_mutation, "draft": cmd_draft,
            "check": cmd_check}


if __name__ == "__main__":
    sys.exit(main())
