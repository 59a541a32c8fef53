"""Rerun the education notebook with other assumptions, leaving the committed outputs alone.

    python3 run.py education -p tuition_multiplier ... (see below)
    python3 run.py education --name cheap-college -p two_year_tuition_usd_per_year 0 -p certificate_months 6

Each run gets its own folder ``runs/<name>/`` holding the executed notebook and
every table and chart it wrote (starting from a copy of ``data/processed``).
Parameter names are those of the notebook's parameters cell; a wrong name or
an out-of-range value stops with a message naming the parameter.
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import shutil
import sys
from pathlib import Path

from mrt import paths
from mrt.education import PARAMETER_NOTES, ParameterError, check_parameters

NOTEBOOK = "04-education.ipynb"


def parse_value(text: str):
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


RUN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._=+-]{0,99}")


class RunNameError(ValueError):
    """A run name that is not a plain folder name inside runs/."""


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


def rerun(parameters: dict, name: str, root: Path | None = None) -> Path:
    """Execute the education notebook with ``parameters`` into ``runs/<name>/``; return that folder.

    Only ``runs/<name>/`` itself is ever removed or written: the name is checked first (see :func:`run_folder`).
    """
    import papermill

    out = run_folder(name, root or paths.ROOT / "runs")
    unknown = sorted(set(parameters) - set(PARAMETER_NOTES))
    if unknown:
        raise ParameterError(f"unknown parameter(s) {unknown}; the notebook's parameters are {sorted(PARAMETER_NOTES)}")
    check_parameters(parameters)
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(paths.DATA / "processed", out / "processed")
    previous = os.environ.get(paths.PROCESSED_ENV)
    os.environ[paths.PROCESSED_ENV] = str((out / "processed").resolve())
    try:
        papermill.execute_notebook(str(paths.NOTEBOOKS / NOTEBOOK), str(out / NOTEBOOK), parameters=parameters,
                                   cwd=str(paths.NOTEBOOKS), kernel_name="python3", progress_bar=False, log_output=False,
                                   extra_arguments=["--IPKernelApp.log_level=ERROR"])
    finally:
        if previous is None:
            os.environ.pop(paths.PROCESSED_ENV, None)
        else:
            os.environ[paths.PROCESSED_ENV] = previous
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="run.py education", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-p", "--parameter", nargs=2, action="append", metavar=("NAME", "VALUE"), default=[],
                        help="a notebook parameter and its value (repeatable)")
    parser.add_argument("--name", help="folder name under runs/ (default: built from the parameters)")
    args = parser.parse_args(argv)
    parameters = {k: parse_value(v) for k, v in args.parameter}
    name = args.name or default_name(parameters)
    try:
        out = rerun(parameters, name)
    except (ParameterError, RunNameError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"wrote {out / NOTEBOOK} and its tables in {out / 'processed'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
