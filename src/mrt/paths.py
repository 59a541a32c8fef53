"""The one module that names every path the project reads or writes.

Notebooks import these names instead of typing paths. Three environment
variables redirect things without touching code (the main job prints where it
reads and writes whenever one of them is set):

- ``MRT_PROCESSED_DIR``: write processed tables and charts somewhere else
  (the reproducibility test regenerates everything into a temporary folder).
- ``MRT_RAW_DIR``: read the raw layer (transcriptions, reference tables and
  ``occupation.toml``) from another folder, such as the practice occupation in
  ``data/practice/`` (see ADAPTING.md). Read once, when this module is imported.
- ``MRT_GUIDES_DIR``: where the guide texts are, for the checks of line numbers
  and the tests that check the transcription against them (CI points it at
  ``../shared/guides``). Unset, another raw folder's own ``guides/`` is used.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
PROCESSED_ENV = "MRT_PROCESSED_DIR"
RAW_ENV = "MRT_RAW_DIR"
GUIDES_ENV = "MRT_GUIDES_DIR"
OUT_ENV = "MRT_OUT_DIR"  # `run.py --raw DIR --out DIR`: the run writes every output under this folder, none in the checkout
CALLER_CWD_ENV = "MRT_CALLER_CWD"  # where the user typed the command (run.py hands over from the checkout)


def env_path(value: str) -> Path:
    """A folder named in an environment variable: a relative one is read from where the command was typed
    (``MRT_CALLER_CWD``), not from wherever a process or kernel happens to run (kernels run in notebooks/)."""
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = Path(os.environ.get(CALLER_CWD_ENV) or os.getcwd()) / path
    return path.resolve()


def out_dir() -> Path | None:
    """The folder of a run for another raw folder (``MRT_OUT_DIR``), or None for the checkout's own outputs."""
    value = os.environ.get(OUT_ENV)
    return env_path(value) if value else None

DEFAULT_RAW = DATA / "raw"
RAW = env_path(os.environ[RAW_ENV]) if os.environ.get(RAW_ENV) else DEFAULT_RAW
RAW_REFERENCE = RAW / "reference"


STUDENT_MARKER = ".mrt-student-bundle"  # written by the student bundle's build: this folder is a student's copy


def processed_dir() -> Path:
    """Folder for processed tables: ``MRT_PROCESSED_DIR`` if set; in a student bundle, the working copy
    ``scratch/processed`` (so nothing a student runs, in any editor or kernel, changes the shipped tables);
    otherwise ``data/processed``."""
    override = os.environ.get(PROCESSED_ENV)
    if override:
        return env_path(override)
    if (ROOT / STUDENT_MARKER).is_file():
        return student_working_tables()
    return DATA / "processed"


def student_working_tables() -> Path:
    """A student bundle's ``scratch/processed``, seeded (:func:`seed_working_tables`)."""
    return seed_working_tables(ROOT / "scratch" / "processed")


def seed_working_tables(working: Path) -> Path:
    """The one way a working copy of the tables is made (JupyterLab's and a student bundle's ``scratch/processed``):
    each shipped table of ``data/processed`` copied to ``working`` the first time it is missing there (a version
    already there, a student's own, is never replaced); each file copied whole or not at all."""
    shipped = DATA / "processed"
    for table in sorted(shipped.rglob("*")):
        target = working / table.relative_to(shipped)
        if table.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_name(f".{target.name}.copying")
            shutil.copy2(table, partial)
            partial.replace(target)
    return working


def charts_dir() -> Path:
    """Folder for charts: each PNG sits beside a CSV of the numbers it plots."""
    return processed_dir() / "charts"


def processed(name: str) -> Path:
    """Path of one processed table, e.g. ``processed("figures.csv")``."""
    return processed_dir() / name


SCRATCH_ENV = "MRT_SCRATCH_DIR"


def scratch() -> Path:
    """Folder for anything an exercise or an interactive session writes (``scratch/`` unless
    ``MRT_SCRATCH_DIR`` says otherwise); created on first use, never committed."""
    folder = Path(os.environ[SCRATCH_ENV]).resolve() if os.environ.get(SCRATCH_ENV) else ROOT / "scratch"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def guides_dir() -> Path | None:
    """Folder holding the guide texts: ``MRT_GUIDES_DIR`` if set; otherwise, for another raw folder (``MRT_RAW_DIR``),
    its own ``guides/`` when there is one (an occupation's folder keeps its guide texts there); otherwise None."""
    value = os.environ.get(GUIDES_ENV)
    if value:
        return Path(value)
    own = RAW / "guides"
    return own if RAW != DEFAULT_RAW and own.is_dir() else None


# Raw layer: never written by code.
GUIDE_FIGURES = RAW / "guide_figures.csv"
GUIDE_EXCLUSIONS = RAW / "guide_line_exclusions.csv"
GUIDE_EDUCATION = RAW / "guide_education.csv"
GUIDE_CLAIMS = RAW / "guide_claims.csv"
GUIDE_UNCHECKED = RAW / "guide_unchecked_sentences.csv"  # sentences with a number or a checkable statement that are no claim we check
GUIDES = RAW / "guides.csv"  # each guide's title, publisher and printed date, for readers (the site names guides by them)
SOURCES = RAW / "sources.csv"
OEWS_NATIONAL = RAW_REFERENCE / "bls_oews_national.csv"
OEWS_QUARTILES = RAW_REFERENCE / "bls_oews_quartiles.csv"  # the published 25th and 75th percentiles, for the years found
PROJECTIONS = RAW_REFERENCE / "bls_employment_projections.csv"
OOH_EDITIONS = RAW_REFERENCE / "bls_ooh_editions.csv"
INDUSTRY_EMPLOYMENT = RAW_REFERENCE / "bls_industry_employment.csv"
EDUCATION_COSTS = RAW_REFERENCE / "education_costs_and_pay.csv"
CPI_U = RAW_REFERENCE / "cpi_u_annual.csv"
OOH_KEY_PHRASES = RAW_REFERENCE / "bls_ooh_key_phrases.csv"
ALL_OCCUPATIONS_PAY = RAW_REFERENCE / "bls_all_occupations_pay.csv"
ALL_OCCUPATIONS_GROWTH = RAW_REFERENCE / "bls_all_occupations_growth.csv"  # written by the project from shared/README.md
OOH_GROWTH_WORDING = RAW_REFERENCE / "bls_ooh_growth_wording.csv"  # the Handbook's own growth word for the occupation, by edition
OCCUPATION = RAW / "occupation.toml"

RAW_FILES = (
    GUIDE_FIGURES, GUIDE_EXCLUSIONS, GUIDE_EDUCATION, GUIDE_CLAIMS, GUIDES, SOURCES, OCCUPATION, OEWS_NATIONAL,
    PROJECTIONS, OOH_EDITIONS, INDUSTRY_EMPLOYMENT, EDUCATION_COSTS, CPI_U, OOH_KEY_PHRASES, ALL_OCCUPATIONS_PAY,
    ALL_OCCUPATIONS_GROWTH, OEWS_QUARTILES, OOH_GROWTH_WORDING, GUIDE_UNCHECKED,
)


def relative(path: Path) -> str:
    """A path as a reader of the repository sees it (relative to the root)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()
