"""The one module that names every path the project reads or writes.

Notebooks import these names instead of typing paths. Two environment
variables redirect things without touching code:

- ``MRT_PROCESSED_DIR``: write processed tables and charts somewhere else
  (the reproducibility test regenerates everything into a temporary folder).
- ``MRT_GUIDES_DIR``: where the four guide texts are, for the tests that
  check the transcription against them (CI points it at ``../shared/guides``).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
RAW = DATA / "raw"
RAW_REFERENCE = RAW / "reference"

PROCESSED_ENV = "MRT_PROCESSED_DIR"
GUIDES_ENV = "MRT_GUIDES_DIR"


def processed_dir() -> Path:
    """Folder for processed tables (``data/processed`` unless redirected)."""
    override = os.environ.get(PROCESSED_ENV)
    return Path(override).resolve() if override else DATA / "processed"


def charts_dir() -> Path:
    """Folder for charts: each PNG sits beside a CSV of the numbers it plots."""
    return processed_dir() / "charts"


def processed(name: str) -> Path:
    """Path of one processed table, e.g. ``processed("figures.csv")``."""
    return processed_dir() / name


def guides_dir() -> Path | None:
    """Folder holding the guide texts, or None when the variable is unset."""
    value = os.environ.get(GUIDES_ENV)
    return Path(value) if value else None


# Raw layer: never written by code.
GUIDE_FIGURES = RAW / "guide_figures.csv"
GUIDE_EXCLUSIONS = RAW / "guide_line_exclusions.csv"
GUIDE_EDUCATION = RAW / "guide_education.csv"
GUIDE_CLAIMS = RAW / "guide_claims.csv"
SOURCES = RAW / "sources.csv"
OEWS_NATIONAL = RAW_REFERENCE / "bls_oews_national.csv"
PROJECTIONS = RAW_REFERENCE / "bls_employment_projections.csv"
OOH_EDITIONS = RAW_REFERENCE / "bls_ooh_editions.csv"
INDUSTRY_EMPLOYMENT = RAW_REFERENCE / "bls_industry_employment.csv"
EDUCATION_COSTS = RAW_REFERENCE / "education_costs_and_pay.csv"
CPI_U = RAW_REFERENCE / "cpi_u_annual.csv"

RAW_FILES = (
    GUIDE_FIGURES, GUIDE_EXCLUSIONS, GUIDE_EDUCATION, GUIDE_CLAIMS, SOURCES, OEWS_NATIONAL,
    PROJECTIONS, OOH_EDITIONS, INDUSTRY_EMPLOYMENT, EDUCATION_COSTS, CPI_U,
)


def relative(path: Path) -> str:
    """A path as a reader of the repository sees it (relative to the root)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()
