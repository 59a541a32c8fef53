"""Shared test set-up.

The notebooks write their tables when nbval re-executes them. So that a test
run never touches the committed ``data/processed/``, the whole session points
``MRT_PROCESSED_DIR`` at a temporary copy of it (kernels inherit the variable).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

from mrt import paths

_SESSION_COPY: Path | None = None


def pytest_configure(config):
    global _SESSION_COPY
    _SESSION_COPY = Path(tempfile.mkdtemp(prefix="mrt-processed-"))
    shutil.copytree(paths.DATA / "processed", _SESSION_COPY / "processed")
    os.environ[paths.PROCESSED_ENV] = str(_SESSION_COPY / "processed")


def pytest_unconfigure(config):
    if _SESSION_COPY is not None:
        shutil.rmtree(_SESSION_COPY, ignore_errors=True)


COMMITTED_PROCESSED = paths.DATA / "processed"


@pytest.fixture(scope="session")
def guides_dir() -> Path:
    """The four guide texts, found through MRT_GUIDES_DIR (CI sets it to ../shared/guides)."""
    found = paths.guides_dir()
    if found is None:
        pytest.skip(f"guide texts not available: set {paths.GUIDES_ENV} to the folder holding the four guides "
                    "(for example ../shared/guides) to check the transcription against them")
    if not found.is_dir():
        pytest.fail(f"{paths.GUIDES_ENV}={found} is not a folder")
    return found


def guide_lines(guides: Path, guide_file: str) -> list[str]:
    """A guide's lines exactly as stored (no stripping, no normalising)."""
    return (guides / guide_file).read_text(encoding="utf-8").split("\n")
