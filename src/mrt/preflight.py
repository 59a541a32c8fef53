"""Before the main job writes anything: where it reads and writes (:class:`Plan`), and every check that can be made
first (:func:`preflight`): the notebooks exist and are notebooks, the raw layer passes its checks, every folder it
writes to accepts files. :mod:`mrt.pipeline` runs the job once these pass."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from mrt import paths
from mrt.clean import check_raw_layer
from mrt.vocab import STEPS

FINDINGS_PAGE = "findings.md"  # a run for another raw folder writes its findings here, not into the checkout's README


class PreflightError(RuntimeError):
    """Something the run needs is missing or unusable; found before anything was written."""


# -- before anything is written ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Plan:
    """Where the main job reads and writes (what :func:`preflight` checked)."""

    raw: Path
    processed: Path
    notebooks: Path
    site: Path
    readme: Path
    redirected: tuple[str, ...]  # the environment variables that move the reading or writing elsewhere


def check_notebook(path: Path) -> None:
    """A notebook of the graph must exist and be a readable notebook (JSON with a list of cells)."""
    name = paths.relative(path)
    if not path.is_file():
        raise PreflightError(f"{name}: notebook not found (the graph needs it; restore it with 'git checkout -- {name}')")
    try:
        content = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise PreflightError(f"{name}: not a readable notebook (not UTF-8 text: {error.reason} at byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise PreflightError(f"{name}: not a readable notebook (invalid JSON at line {error.lineno}, column {error.colno}: "
                             f"{error.msg})") from None
    except OSError as error:
        raise PreflightError(f"{name}: cannot be read ({error.strerror or error})") from None
    if not isinstance(content, dict) or not isinstance(content.get("cells"), list) or content.get("nbformat") != 4:
        raise PreflightError(f"{name}: not a readable notebook (expected nbformat 4 JSON with a list of cells)")


def check_writable(folder: Path, purpose: str) -> None:
    """``folder`` (or, if it does not exist yet, the nearest folder above it) accepts new files."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise PreflightError(f"{folder} ({purpose}) is a file, not a folder")
    existing = folder
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        raise PreflightError(f"cannot create {folder} ({purpose}): {existing} is a file, not a folder")
    try:
        with tempfile.TemporaryFile(dir=existing, prefix=".mrt-write-test-"):
            pass
    except OSError as error:
        raise PreflightError(f"cannot write to {existing} ({purpose}): {error.strerror or error}") from None
    if existing == folder and hasattr(os, "geteuid") and os.geteuid() != 0 and not os.access(folder, os.W_OK | os.X_OK):
        raise PreflightError(f"cannot write to {folder} ({purpose}): permission denied")


def check_raw_dir(raw: Path, redirected: bool) -> None:
    origin = f" (set by {paths.RAW_ENV})" if redirected else ""
    if not raw.is_dir():
        raise PreflightError(f"raw data folder {raw}{origin} does not exist or is not a folder")
    missing = [p.relative_to(raw).as_posix() for p in paths.RAW_FILES if not p.is_file()]
    if len(missing) > 3:
        raise PreflightError(f"raw data folder {raw}{origin} lacks {len(missing)} of the {len(paths.RAW_FILES)} raw files "
                             f"({', '.join(missing[:3])}, ...): is it a copy of data/raw?")
    if missing:
        raise PreflightError(f"raw data folder {raw}{origin} lacks {', '.join(missing)}")


PROCESSED_MARKER = "data_dictionary.csv"  # every folder of processed tables holds it (notebook 01 writes it)


def check_processed_target(processed: Path, raw: Path, origin: str) -> None:
    """The folder of processed tables is replaced whole at the end of a run, so it must be one the project owns:
    not the repository, the raw data, the notebooks, the site, the code or the environment (nor a folder holding
    or inside one of them), and, if it already holds files, a folder of processed tables (with its data
    dictionary), never a folder of someone's own files."""
    if Path(processed).is_symlink():
        raise PreflightError(f"{processed} ({origin}) is a symbolic link to {Path(processed).resolve()}: a run replaces the "
                             f"folder whole and would replace the link, not what it points at; replace the link by a folder, "
                             f"or set {paths.PROCESSED_ENV}={Path(processed).resolve()}")
    target = Path(processed).resolve()
    root = paths.ROOT.resolve()
    if target == root or target in root.parents:
        raise PreflightError(f"{processed} ({origin}) holds the whole project: a run replaces that folder whole; "
                             "point it at a folder of its own (for example scratch/processed)")
    protected = {"the raw data": Path(raw), "the project's raw data": paths.DEFAULT_RAW, "the notebooks": paths.NOTEBOOKS,
                 "the site": paths.ROOT / "site", "the code": paths.ROOT / "src", "the tests": paths.ROOT / "tests",
                 "the environment": paths.ROOT / ".venv", "git's history": paths.ROOT / ".git"}
    guides = paths.guides_dir()
    if guides is not None:
        protected["the guide texts"] = guides
    for what, folder in protected.items():
        folder = folder.resolve()
        if target == folder or target in folder.parents or folder in target.parents:
            relation = "is" if target == folder else ("holds" if target in folder.parents else "is inside")
            raise PreflightError(f"{processed} ({origin}) {relation} {what} ({folder}): a run replaces that folder whole; "
                                 "point it at a folder of its own (for example scratch/processed)")
    if target.is_dir() and any(target.iterdir()) and not (target / PROCESSED_MARKER).is_file():
        raise PreflightError(f"{processed} ({origin}) already holds files but no {PROCESSED_MARKER}, so it is not a folder "
                             "of processed tables: a run replaces that folder whole; point it at a new or empty folder")


def check_out_dir(out: Path) -> None:
    """The folder of a run for another raw folder holds only what such a run writes (or nothing yet), and is not a
    folder of the project's own: its outputs there are replaced whole."""
    target = Path(out).resolve()
    root = paths.ROOT.resolve()
    if target == root or target in root.parents or root in target.parents and not (target.parts[len(root.parts):][:1] in
                                                                                   (("scratch",), ("runs",))):
        raise PreflightError(f"{out} ({paths.OUT_ENV}, --out) is {'the project or a folder holding it' if target == root or target in root.parents else 'inside the project'}: "
                             "a run for another raw folder writes its outputs there whole; point --out at a folder outside "
                             "the checkout or under scratch/")
    ours = {"processed", "notebooks", "site", FINDINGS_PAGE, ".mrt-staging", "scratch"}
    foreign = sorted(p.name for p in target.iterdir() if p.name not in ours) if target.is_dir() else []
    if foreign:
        raise PreflightError(f"{out} (--out) already holds {', '.join(foreign[:3])}{', ...' if len(foreign) > 3 else ''}, which "
                             "such a run does not write: point --out at a new or empty folder")


def preflight() -> Plan:
    """Everything the main job can check before it writes anything; raises PreflightError naming the problem.

    Every notebook of the graph exists and is readable; the raw layer is where it should be and every raw
    table passes its checks (types, ranges, keys, sources); every folder the run writes to accepts files.
    Returns where the run reads and writes.
    """
    redirected = tuple(name for name in (paths.RAW_ENV, paths.PROCESSED_ENV) if os.environ.get(name))
    plan = Plan(raw=paths.RAW, processed=paths.processed_dir(), notebooks=paths.NOTEBOOKS, site=paths.ROOT / "site",
                readme=paths.ROOT / "README.md", redirected=redirected)
    for step in STEPS:
        check_notebook(plan.notebooks / step.notebook)
    check_raw_dir(plan.raw, paths.RAW_ENV in redirected)

    check_raw_layer(plan.raw)  # every raw table and occupation.toml validated (file, row, column) before anything is written
    processed_origin = f"set by {paths.PROCESSED_ENV}" if paths.PROCESSED_ENV in redirected else "processed tables"
    check_processed_target(plan.processed, plan.raw, processed_origin)
    check_writable(plan.processed, processed_origin)
    check_writable(plan.processed.parent, f"the folder holding {plan.processed.name}/, {processed_origin}")
    out = paths.out_dir()
    if out is not None:
        check_out_dir(out)
        check_writable(out, "the run's notebooks, site, findings page and staging folder")
    else:
        check_writable(plan.notebooks, "executed notebooks")
        check_writable(paths.ROOT, "README.md, site/ and the staging folder .mrt-staging/")
    return plan


def where_line(plan: Plan, with_site: bool = True) -> str:
    """One line: where the run reads and writes, loud when an environment variable moved either."""
    def shown(path: Path, default: Path, variable: str) -> str:
        if variable in plan.redirected:
            return f"{path} (set by {variable}, not {paths.relative(default)})"
        return paths.relative(path)

    out = paths.out_dir()
    if out is not None:
        outputs = [str(plan.processed), str(out / "notebooks")] + [str(out / "site")] * with_site + [str(out / FINDINGS_PAGE)]
        return (f"reads {plan.raw}; writes {', '.join(outputs)} (built in {out / '.mrt-staging'}, moved into place only when "
                "all of it is done; nothing in the checkout is written)")
    outputs = [shown(plan.processed, paths.DATA / "processed", paths.PROCESSED_ENV), "notebooks/"]
    outputs += ["site/"] * with_site + ["README.md"]
    text = (f"reads {shown(plan.raw, paths.DEFAULT_RAW, paths.RAW_ENV)}; writes {', '.join(outputs)} "
            "(built in .mrt-staging/, moved into place only when all of it is done)")
    return f"WARNING: redirected by {' and '.join(plan.redirected)}: {text}" if plan.redirected else text
