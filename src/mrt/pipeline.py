"""The main job: check, execute the notebook graph, build the site and README, then swap the results in whole.

Cleaning runs first; the analyses run side by side once it is done (the fact-check as soon as the pay and
projection notebooks it reads are); the findings run last. The executor is :mod:`mrt.executor`.

:func:`run_main_job` is what ``python3 run.py`` runs: it checks everything it
can before writing anything (:func:`preflight`), says where it reads and
writes, builds the whole new set (tables, charts, executed notebooks, site,
README) in ``.mrt-staging/`` and only then swaps it into place
(:mod:`mrt.staging`). A run that fails or is interrupted leaves the previous
complete set.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mrt import paths
from mrt.clean import guide_lines_note, listed_guides
from mrt.executor import KERNEL_HOME_DIRS, Interrupted, kernel_home, run_notebooks
from mrt.io import write_text
from mrt.preflight import FINDINGS_PAGE, Plan, preflight, where_line
from mrt.readme import findings_page, rendered_readme
from mrt.site import build_site
from mrt.staging import Staging
from mrt.vocab import STEPS

# The notebook graph (mrt.vocab.STEPS): every notebook, always; a missing one is an error (see preflight), never a step dropped.
ALL_STEPS = STEPS


class ChangedDuringRun(RuntimeError):
    """A file the job would replace was changed by someone else while it ran; nothing was replaced."""


# -- the main job -------------------------------------------------------------------------------------------------

def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


@contextmanager
def _processed_env(folder: Path):
    """Point this process's readers of processed tables (site, README) at the staged tables for a while."""
    previous = os.environ.get(paths.PROCESSED_ENV)
    os.environ[paths.PROCESSED_ENV] = str(folder)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(paths.PROCESSED_ENV, None)
        else:
            os.environ[paths.PROCESSED_ENV] = previous


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except FileNotFoundError:
        return None
    return info.st_size, info.st_mtime_ns


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} if folder.is_dir() else set()


def run_main_job(notebooks: bool = True, site: bool = True, say=_say) -> Plan:
    """Check, build the whole new set in staging, swap it into place; the previous set stays if anything fails.

    ``notebooks=False`` rebuilds the site alone (from the notebooks and tables in place).
    """
    # this process reads chart metadata for the README: matplotlib gets the kernels' folder, not one under HOME
    os.environ["MPLCONFIGDIR"] = str(kernel_home() / KERNEL_HOME_DIRS["MPLCONFIGDIR"])
    out = paths.out_dir()  # a run for another raw folder writes everything there (run.py --raw DIR --out DIR)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    staging = Staging(out or paths.ROOT)
    staging.acquire()
    try:
        note = staging.recover()
        if note:
            say(note)
        plan = preflight()

        say(where_line(plan, with_site=site) if notebooks else f"reads {paths.relative(plan.notebooks)} and "
            f"{paths.relative(plan.processed)}; writes site/ (built in .mrt-staging/, moved into place when done)")
        if notebooks:
            unchecked = guide_lines_note(listed_guides(paths.SOURCES))
            if unchecked:
                say(unchecked)
        targets: dict[str, Path] = {}
        built_to = out / "notebooks" if out is not None else plan.notebooks
        if notebooks:
            targets["processed"] = plan.processed
            targets.update({f"notebooks/{s.notebook}": built_to / s.notebook for s in STEPS})
            targets["README.md"] = plan.readme if out is None else out / FINDINGS_PAGE
        if site:
            targets["site"] = plan.site if out is None else out / "site"
        aside = None
        watched = {path: _stamp(path) for key, path in targets.items() if key.startswith("notebooks/") or key == "README.md"}
        if out is not None:  # the sources of the notebooks, which the run reads
            watched = {plan.notebooks / s.notebook: _stamp(plan.notebooks / s.notebook) for s in STEPS}
        moves = staging.plan(targets)
        try:
            processed = Path(moves["processed"].new) if notebooks else plan.processed
            built_notebooks = Path(moves[f"notebooks/{STEPS[0].notebook}"].new).parent if notebooks else plan.notebooks
            if notebooks:
                run_notebooks(out_dir=built_notebooks, processed_dir=processed)
            with _processed_env(processed):
                if site:
                    build_site(Path(moves["site"].new), built_notebooks)
                if notebooks and out is not None:
                    old_readme = new_readme = findings_page()
                    write_text(new_readme, Path(moves["README.md"].new))
                elif notebooks:
                    old_readme = plan.readme.read_text(encoding="utf-8")
                    new_readme = rendered_readme(old_readme)
                    write_text(new_readme, Path(moves["README.md"].new))
            changed = [paths.relative(p) for p, before in watched.items() if _stamp(p) != before]
            if changed:
                raise ChangedDuringRun(f"{', '.join(changed)} changed while the job ran (saved from JupyterLab?); nothing "
                                       "was replaced, so that change is kept: run again to include it")
            aside = set_aside({key: (targets[key], Path(moves[key].new)) for key in ("processed", "site") if key in targets},
                              home=out)
            staging.swap(list(moves.values()))
        except BaseException as error:
            if aside is not None and not staging.swapped:
                shutil.rmtree(aside.folder, ignore_errors=True)  # the originals are still (or again) in place
            if staging.journal.is_file():
                staging.recover()  # a swap stopped by an error: put the previous set back
            else:
                staging.discard(list(moves.values()))
            if isinstance(error, Interrupted):
                error.outcome = ("the new outputs were already in place" if staging.swapped else
                                 "nothing was replaced: " + ", ".join(_shown_targets(targets)) + " are as before")
            raise
        if notebooks and new_readme != old_readme:
            say("README.md: findings and outputs refreshed from the tables")
        if aside is not None:
            say(aside.note())
        return plan
    finally:
        staging.release()


@dataclass(frozen=True)
class SetAside:
    """Files in an output folder the run does not write (a user's own, or ones the notebooks no longer write),
    copied to ``folder`` before the swap: the swap replaces the output folders whole, and nothing is ever lost."""

    folder: Path
    files: dict[str, list[str]]  # output folder as shown -> its files set aside

    def note(self) -> str:
        count = sum(len(v) for v in self.files.values())
        listed = "; ".join(f"{where}: {', '.join(names)}" for where, names in self.files.items())
        return f"moved {count} file(s) this run does not write to {paths.relative(self.folder)}/ (nothing was deleted): {listed}"


SET_ASIDE = "set-aside"


def set_aside(outputs: dict[str, tuple[Path, Path]], stamp: str | None = None, home: Path | None = None) -> SetAside | None:
    """Copy every file of an output folder (key -> (folder in place, its new build)) that the new build lacks to
    ``scratch/set-aside/<UTC time>/<folder>/`` (under ``home`` instead of the checkout's scratch/ when given: a run
    for another raw folder writes nothing in the checkout); return what was copied, or None when there is nothing."""
    unknown = {key: sorted(_files(target) - _files(new)) for key, (target, new) in outputs.items()}
    unknown = {key: names for key, names in unknown.items() if names}
    if not unknown:
        return None
    stamp = stamp or time.strftime("%Y%m%dT%H%M%SZ", time.gmtime())
    base = (home / "scratch") if home is not None else paths.scratch()
    folder = base / SET_ASIDE / stamp
    n = 1
    while folder.exists():
        n += 1
        folder = base / SET_ASIDE / f"{stamp}-{n}"
    shown = {}
    for key, names in unknown.items():
        target = outputs[key][0]
        where = paths.relative(target)
        into = folder / (where if not Path(where).is_absolute() else Path(where).name)
        for name in names:
            (into / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(target / name, into / name)
        shown[where + "/"] = names
    return SetAside(folder, shown)


def _shown_targets(targets: dict[str, Path]) -> list[str]:
    """The outputs as a reader names them: data/processed/, notebooks/, site/, README.md."""
    shown = []
    for key, path in targets.items():
        name = "notebooks/" if key.startswith("notebooks/") else paths.relative(path) + ("/" if key in ("processed", "site") else "")
        if name not in shown:
            shown.append(name)
    return shown
