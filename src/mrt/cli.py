"""Command line for the project: ``python -m mrt.cli run`` and friends.

``run.py`` at the top of the repository creates the environment and calls this;
the Makefile only wraps ``run.py``.
"""

from __future__ import annotations

import argparse
import sys
import time


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="mrt", description=__doc__)
    sub = parser.add_subparsers(dest="command")
    sub.add_parser("run", help="execute every notebook (the dependency graph) and build the site")
    sub.add_parser("notebooks", help="execute every notebook only")
    sub.add_parser("site", help="build the static HTML site from the executed notebooks")
    sub.add_parser("student", help="build the student edition (solutions removed)")
    args = parser.parse_args(argv)
    command = args.command or "run"
    started = time.perf_counter()
    if command in ("run", "notebooks"):
        from mrt.pipeline import NotebookFailed, run_notebooks

        try:
            run_notebooks()
        except NotebookFailed as error:
            print(f"error: {error}", file=sys.stderr)
            return 1
    if command in ("run", "notebooks"):
        from mrt.readme import update_readme

        if update_readme():
            print("README.md: findings and outputs refreshed from the tables", file=sys.stderr)
    if command in ("run", "site"):
        from mrt.site import build_site

        index = build_site()
        print(f"site written: {index}", file=sys.stderr)
    if command == "student":
        from mrt.student import build_student_edition

        out = build_student_edition()
        print(f"student edition written: {out}", file=sys.stderr)
    print(f"{command}: done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
