"""Issue 18, unclear errors: faults that used to surface late (inside a notebook, after all six ran) or as a
traceback are caught before anything runs, each in one line naming the file, the row and what was expected."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from conftest import load_run_py
from mrt import clean, occupation, paths, rerun
from mrt.io import DataError


def cpi(years):
    return pd.DataFrame({"year": years, "cpi_u_index_1982_84_100": [200.0 + i for i in range(len(years))]})


def raw_copy(tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(paths.RAW, tmp_path / "raw")
    return tmp_path / "raw"


def at(raw: Path):
    return lambda default: clean.raw_path(default, raw)


# -- late failures caught in the preflight --------------------------------------------------------------------------

def test_a_gap_in_the_cpi_years_is_named():
    with pytest.raises(DataError, match=r"^data/raw/reference/cpi_u_annual\.csv data row 3, column 'year': expected 2010 after "
                                        r"2009 \(every year from the first to the last.*\), found 2011$"):
        clean.check_years(cpi([2008, 2009, 2011]), occupation.current())


def test_a_dollar_year_without_a_cpi_value_is_named():
    occ = occupation.current()
    import dataclasses

    with pytest.raises(occupation.ConfigError, match=r"^data/raw/occupation\.toml: expected 'dollar_year' to be a year with a "
                                                     r"CPI-U annual average in cpi_u_annual\.csv \(2008-2024\), found 2030$"):
        clean.check_years(cpi(list(range(2008, 2025))), dataclasses.replace(occ, dollar_year=2030))


def test_a_future_survey_year_is_named(tmp_path):
    raw = raw_copy(tmp_path)
    path = raw / "reference" / "bls_oews_national.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[2] = "2031" + lines[2][4:]
    path.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(DataError, match=r"bls_oews_national\.csv data row 2, column 'year': expected a year that has happened "
                                        r"\(up to 2030\), found 2031$"):
        clean.check_years(cpi(list(range(2008, 2025))), occupation.current(), at(raw), this_year=2030)
    with pytest.raises(DataError, match=r"bls_oews_national\.csv data row 2, column 'year': expected a year with a CPI-U annual "
                                        r"average in cpi_u_annual\.csv \(2008-2024\), to convert its pay to dollars of 2024, found 2031$"):
        clean.check_years(cpi(list(range(2008, 2025))), occupation.current(), at(raw), this_year=2040)


def test_the_real_years_pass():
    tables = clean.build_all()
    clean.check_years(tables["cpi_u.csv"], occupation.current())


# -- raw files named with the row -------------------------------------------------------------------------------------

def test_a_header_only_claims_file_is_named(tmp_path):
    path = tmp_path / "guide_claims.csv"
    path.write_text(paths.GUIDE_CLAIMS.read_text(encoding="utf-8").split("\n")[0] + "\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"guide_claims\.csv: expected at least one claim below the header, found none"):
        clean.build_guide_claims(clean.build_figures(), path)


@pytest.mark.parametrize("old, new, says", [
    (",40,1,\"as low as $22,700 to as high as $57,320\",usd_per_year,", ",40,1,\"as low as $22,700 to as high as $57,320\",usd_per_hour,",
     r"data row 4 \(guide 000_8f0a57b0245a47f7\.txt line 40\), column 'unit_if_unprinted': expected usd_per_hour amounts between "
     r"\$1 and \$1,000, found \$22,700 in 'as low as \$22,700 to as high as \$57,320': is the unit right\?$"),
])
def test_a_pay_figure_in_the_wrong_unit_is_named(tmp_path, old, new, says):
    text = paths.GUIDE_FIGURES.read_text(encoding="utf-8")
    assert old in text
    (tmp_path / "guide_figures.csv").write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataError, match=says):
        clean.build_figures(tmp_path / "guide_figures.csv")


@pytest.mark.parametrize("value, says", [("F002 ", "a trailing space"), (" F002", "a leading space")])
def test_a_space_around_a_figure_id_is_named(tmp_path, value, says):
    text = paths.GUIDE_CLAIMS.read_text(encoding="utf-8").replace(",setting_share,F002,", f",setting_share,{value},", 1)
    (tmp_path / "guide_claims.csv").write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=rf"column 'figure_ids': expected figure ids from guide_figures\.csv, separated by ';', "
                                        rf"found '{value}' \({says}: 'F002' is known; remove the space\)$"):
        clean.build_guide_claims(clean.build_figures(), tmp_path / "guide_claims.csv")


# -- data files stay byte-exact in any checkout ----------------------------------------------------------------------

def test_data_files_are_checked_out_byte_exact_even_with_autocrlf(tmp_path):
    """A Windows checkout (core.autocrlf=true) must not turn the data's line ends into CRLF: .gitattributes marks
    data/ and the notebooks binary-exact (-text), so the checksums in sources.csv hold."""
    if not (paths.ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "-c", "core.autocrlf=true", "clone", "-q", "--no-hardlinks", str(paths.ROOT), str(clone)], check=True)
    tracked = subprocess.run(["git", "ls-files", "data/raw"], cwd=clone, capture_output=True, text=True, check=True).stdout.split()
    committed = {name: subprocess.run(["git", "show", f"HEAD:{name}"], cwd=clone, capture_output=True, check=True).stdout
                 for name in tracked}
    changed = [name for name in tracked if (clone / name).read_bytes() != committed[name]]
    assert changed == []


# -- run.py on an old Python ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("version", [(3, 10, 12), (3, 6, 15), (2, 7, 18)])
def test_run_py_says_it_needs_python_3_11_first(version):
    """run.py is run with a Python that reports an old version (sys.version_info replaced before it is read)."""
    script = (f"import sys, runpy\nsys.version_info = {version!r}\nsys.argv = ['run.py', 'where']\n"
              f"runpy.run_path({str(paths.ROOT / 'run.py')!r}, run_name='__main__')\n")
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    assert done.stderr == (f"error: run.py needs Python 3.11 or newer; this is Python {version[0]}.{version[1]} "
                           f"({sys.executable}): run it with a newer python3\n")


def test_run_py_parses_as_python_3_6_up_to_its_version_check():
    """Python 3.6 must reach the check: the file uses no syntax newer than 3.6 (no walrus, no 'from __future__
    import annotations', no positional-only parameters)."""
    import ast

    ast.parse((paths.ROOT / "run.py").read_text(encoding="utf-8"), feature_version=(3, 6))
    assert "from __future__ import annotations" not in (paths.ROOT / "run.py").read_text(encoding="utf-8")


# -- the education command's failures: one error line each ------------------------------------------------------------

def education(tmp_path, *args, **env):
    environment = {**os.environ, **env}
    return subprocess.run([sys.executable, "-m", "mrt.rerun", *args], capture_output=True, text=True, env=environment, timeout=300,
                          cwd=tmp_path)


def test_education_with_an_impossible_runs_folder_says_so_in_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    done = education(tmp_path, "-p", "horizon_years", "30", MRT_RUNS_DIR=str(blocker / "runs"))
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert lines[0].startswith("error: ") and str(blocker) in lines[0], done.stderr
    assert len([line for line in lines if line.startswith("error:")]) == 1


def test_education_with_no_processed_tables_says_so_in_one_line(tmp_path):
    done = education(tmp_path, "-p", "horizon_years", "30", MRT_RUNS_DIR=str(tmp_path / "runs"),
                     MRT_PROCESSED_DIR=str(tmp_path / "missing"))
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.startswith(f"error: the rerun failed in {tmp_path / 'missing'}: no processed tables to start from")


def test_education_failures_show_the_traceback_under_verbose(tmp_path):
    done = education(tmp_path, "-v", "-p", "horizon_years", "30", MRT_RUNS_DIR=str(tmp_path / "runs"),
                     MRT_PROCESSED_DIR=str(tmp_path / "missing"))
    assert "Traceback" in done.stderr and done.returncode == 1


# -- the student bundle's start.py ------------------------------------------------------------------------------------

def load_start(tmp_path: Path):
    import importlib.util
    import shutil

    shutil.copy2(paths.ROOT / "teaching" / "student-bundle" / "start.py", tmp_path / "start.py")
    spec = importlib.util.spec_from_file_location("bundle_start", tmp_path / "start.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_start_py_setup_without_a_package_index_ends_in_one_error_line(tmp_path, monkeypatch, capsys):
    start = load_start(tmp_path)

    class Builder:
        def __init__(self, **kwargs):
            pass

        def create(self, folder):
            Path(folder).mkdir(parents=True, exist_ok=True)

    def no_index(*args):
        raise subprocess.CalledProcessError(1, [str(start.PYTHON), "-m", "pip", "install", "-r", "requirements.txt"])

    monkeypatch.setattr(start.venv, "EnvBuilder", Builder)
    monkeypatch.setattr(start, "pip", no_index)
    assert start.main(["setup"]) == 1
    errors = [line for line in capsys.readouterr().err.splitlines() if line.startswith("error:")]
    assert errors == ["error: installing the packages failed (pip install -r requirements.txt ..., exit 1): pip's message above "
                      "says why (no network or package index?); fix that, then run  python3 start.py setup  again"]


def test_start_py_keeps_matplotlib_and_ipython_folders_inside_the_bundle(tmp_path):
    start = load_start(tmp_path)
    env = start.working_env()
    for name in ("MPLCONFIGDIR", "IPYTHONDIR", "XDG_CACHE_HOME", "XDG_CONFIG_HOME"):
        assert Path(env[name]).is_relative_to(tmp_path), name
        assert Path(env[name]).is_dir()


def test_education_names_a_truncated_notebook_in_one_line(tmp_path, monkeypatch, capsys):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / rerun.NOTEBOOK).write_text((paths.NOTEBOOKS / rerun.NOTEBOOK).read_text(encoding="utf-8")[:500])
    monkeypatch.setattr(paths, "NOTEBOOKS", tmp_path / "notebooks")
    monkeypatch.setenv(rerun.RUNS_ENV, str(tmp_path / "runs"))
    assert rerun.main(["-p", "horizon_years", "30"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err
    lines = err.splitlines()
    assert re.fullmatch(rf"error: {re.escape(str(tmp_path / 'notebooks' / rerun.NOTEBOOK))}: not a readable notebook \(invalid JSON "
                        r"at line \d+, column \d+: [^)]*\)", lines[0]), err
    assert lines[1:] == [f"no {tmp_path / 'runs' / 'horizon_years=30'} was written"]
