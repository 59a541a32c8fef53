"""`run.py check --raw DIR`: every problem of a raw folder at once, one line each, before any notebook runs."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mrt import clean, paths
from mrt.io import DataError

PRACTICE = paths.DATA / "practice"


def _check(raw: Path, cwd: Path | None = None, typed: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, MRT_CALLER_CWD=str(cwd or raw.parent))
    env.pop(paths.RAW_ENV, None)
    return subprocess.run([sys.executable, "-m", "mrt.cli", "check", "--raw", typed or str(raw)], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True)


@pytest.fixture
def practice_copy(tmp_path) -> Path:
    target = tmp_path / "dental"
    shutil.copytree(PRACTICE, target)
    return target


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_sound_folder_can_be_analysed_and_a_relative_path_is_read_from_where_it_was_typed(practice_copy):
    done = _check(practice_copy, cwd=practice_copy.parent, typed="dental")
    assert done.returncode == 0, done.stdout + done.stderr
    *notes, last = done.stdout.strip().splitlines()
    assert last == f"check: {practice_copy} can be analysed"
    assert all(n.startswith("note: ") for n in notes), notes  # partial data the notebooks can do without (one quoted outlook)


def test_every_fault_of_a_broken_folder_is_reported_in_one_run(practice_copy):
    _replace(practice_copy / "guide_figures.csv", '"$41,200",usd_per_year', '"$41,200",usd_per_decade')
    _replace(practice_copy / "guide_education.csv", ",associate_degree,typical,", ",associate_degree,maybe,")
    _replace(practice_copy / "reference" / "cpi_u_annual.csv", "2015,237.017", "2015,abc")
    (practice_copy / "reference" / "bls_ooh_key_phrases.csv").unlink()
    done = _check(practice_copy)
    assert done.returncode == 1
    errors = [line for line in done.stdout.splitlines() if line.startswith("error: ")]
    notes = [line for line in done.stdout.splitlines() if line.startswith("note: ")]
    assert len(errors) + len(notes) == len(done.stdout.splitlines())
    assert any("guide_figures.csv data row 2" in e and "usd_per_decade" in e for e in errors)
    assert any("guide_education.csv data row 1" in e and "'stance'" in e and "'maybe'" in e for e in errors)
    assert any("cpi_u_annual.csv data row 2" in e and "'abc'" in e for e in errors)
    assert any("bls_ooh_key_phrases.csv: expected the file" in e for e in errors)
    assert any("guide_claims.csv not checked" in n and "guide_figures.csv" in n for n in notes)
    assert done.stderr.strip() == f"check: {len(errors)} problems in {practice_copy}; fix them and check again"


def test_without_occupation_toml_nothing_else_is_checked_and_it_says_why(practice_copy):
    (practice_copy / "occupation.toml").unlink()
    done = _check(practice_copy)
    assert done.returncode == 1
    assert done.stdout.splitlines() == [f"error: {practice_copy / 'occupation.toml'}: file not found (every raw data folder needs its "
                                        "occupation.toml)", "note: nothing else checked: every table needs occupation.toml"]


def test_a_missing_folder_is_one_error(tmp_path):
    done = _check(tmp_path / "nowhere")
    assert done.returncode == 1
    assert done.stdout.strip() == f"error: {tmp_path / 'nowhere'}: expected a raw data folder (laid out like data/raw), found no folder"


def test_problems_records_an_error_and_skips_what_needs_it():
    problems = clean.Problems()

    def fails():
        raise DataError("x.csv data row 3, column 'a': expected b, found c")

    assert problems.attempt(fails) is None
    assert problems.attempt(lambda: 5, {"x.csv": None}, "y.csv") is None
    assert problems.attempt(lambda: 5, {"x.csv": 1}, "z.csv") == 5
    assert problems == ["x.csv data row 3, column 'a': expected b, found c",
                        "note: y.csv not checked: it needs x.csv, which failed above"]


def test_the_main_job_still_stops_at_the_first_problem(practice_copy):
    _replace(practice_copy / "reference" / "cpi_u_annual.csv", "2015,237.017", "2015,abc")
    with pytest.raises(DataError, match="cpi_u_annual.csv data row 2"):
        clean.build_all(practice_copy)
