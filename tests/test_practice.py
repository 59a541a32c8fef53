"""The practice occupation (data/practice/, invented figures) runs through the same cleaning, raw-layer checks
and pay analysis as the real one: what ADAPTING.md promises for another career.

The practice guide is built so that the right answers are known by hand (reference/bls_oews_national.csv):
the 2015 mean $41,200 and range $25,100-$61,900 are OEWS May 2015 (mean, p10, p90, printed with their year);
the undated "$44,500 a year" is the May 2019 median; hourly figures are annual / 2,080 to the cent, as is the
printed clinic pair "$22.12 / hr $46,010 / yr" (46,010 / 2,080 = 22.12).
"""

import json
import os
from pathlib import Path
import subprocess
import sys

import pandas as pd
import pytest

from mrt import paths
from mrt.pipeline import STEPS, run_notebooks

PRACTICE = paths.DATA / "practice"
MARK = "PRACTICE DATA — invented figures, not a real occupation"


def practice_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MRT_")}
    # the subprocesses import the same mrt as this test (in a copy such as mutmut's mutants/, not the installed one)
    source = str(Path(paths.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join([source, *filter(None, [env.get("PYTHONPATH")])])
    return env | {paths.RAW_ENV: str(PRACTICE), paths.GUIDES_ENV: str(PRACTICE / "guides"), paths.PROCESSED_ENV: str(tmp_path / "processed")}


def test_practice_data_says_it_is_practice_everywhere():
    guide = next((PRACTICE / "guides").glob("*.txt"))
    assert guide.read_text(encoding="utf-8").splitlines()[0] == MARK + "."
    assert MARK in (PRACTICE / "README.md").read_text(encoding="utf-8")
    assert MARK in (PRACTICE / "occupation.toml").read_text(encoding="utf-8").split("name = ", 1)[1].splitlines()[0]
    for table in (PRACTICE / "reference").glob("*.csv"):
        if table.name != "cpi_u_annual.csv":     # the CPI-U rows are real, copied from data/raw/reference/
            assert MARK in table.read_text(encoding="utf-8"), table.name


def test_practice_folder_has_the_layout_and_columns_of_data_raw():
    for raw in paths.RAW_FILES:
        relative = raw.relative_to(paths.DEFAULT_RAW) if raw.is_relative_to(paths.DEFAULT_RAW) else raw.relative_to(paths.RAW)
        practice = PRACTICE / relative
        assert practice.is_file(), relative
        if raw.suffix == ".csv":
            header = lambda p: p.read_text(encoding="utf-8").splitlines()[0]
            expected = header(paths.DEFAULT_RAW / relative).replace("comparable_to_29_2071", "comparable_to_00_0001")
            assert header(practice) == expected, relative


def test_practice_raw_layer_passes_the_provenance_checks(tmp_path):
    """The project's own raw-layer tests, every one of them, pointed at the practice folder."""
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:nbval", "-p", "no:cacheprovider",
                             "tests/test_provenance.py"],
                            cwd=paths.ROOT, env=practice_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout and "skipped" not in result.stdout, result.stdout[-500:]


CLEAN_SCRIPT = """
import json
from mrt import clean, occupation
tables = clean.build_all()
figures, wages, bls = tables["figures.csv"], tables["guide_wages.csv"], tables["bls_wages.csv"]
print(json.dumps({
    "occupation": occupation.current().name,
    "numbers": len(figures), "items": int(figures["figure_id"].nunique()),
    "source_keys": sorted(set(figures["source_key"]))[:2],
    "settings": sorted(set(wages["setting"])),
    "bls_years": sorted(int(y) for y in set(bls["year"])),
    "range": figures.loc[figures["figure_id"] == "P003", ["part", "value"]].astype(str).values.tolist(),
    "shares": tables["employment_by_setting.csv"][["setting", "share_pct"]].astype(str).values.tolist(),
}))
"""


def test_practice_data_cleans_with_the_same_code(tmp_path):
    result = subprocess.run([sys.executable, "-c", CLEAN_SCRIPT], cwd=paths.ROOT, env=practice_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.splitlines()[-1])
    guide = next((PRACTICE / "guides").glob("*.txt")).name
    assert found["occupation"].endswith("(" + MARK + ")")
    assert (found["items"], found["numbers"]) == (7, 9)                 # the range P003 and the pay pair P005 give two numbers each
    assert found["source_keys"] == [f"{guide}#L10", f"{guide}#L12"]
    assert found["settings"] == ["all", "clinics"]
    assert found["bls_years"] == list(range(2014, 2021))
    assert found["range"] == [["low", "25100.0"], ["high", "61900.0"]]
    # the industry shares are computed from employment / occupation total: 19800 / 56100 = 35.3%, 14000 / 56100 = 25.0%
    assert ["clinics", "35.3"] in found["shares"] and ["insurance_carriers", "25.0"] in found["shares"]




@pytest.mark.slow
def test_practice_occupation_runs_through_cleaning_and_the_pay_notebook(tmp_path, monkeypatch):
    for name, value in practice_env(tmp_path).items():
        if name.startswith("MRT_"):
            monkeypatch.setenv(name, value)
    steps = tuple(s for s in STEPS if s.notebook in ("01-clean.ipynb", "02-salaries.ipynb"))
    run_notebooks(out_dir=tmp_path / "executed", processed_dir=tmp_path / "processed", steps=steps)
    provenance = pd.read_csv(tmp_path / "processed" / "wage_provenance.csv")
    national = provenance.assign(part=provenance["part"].fillna("point")).set_index(["figure_id", "part"])
    assert national.loc[("P002", "point"), "bls_statistic"] == "mean" and national.loc[("P002", "point"), "bls_year"] == 2015
    assert set(national.loc["P003", "bls_statistic"]) == {"p10", "p90"}
    assert national.loc[("P004", "point"), "bls_year"] == 2019 and national.loc[("P004", "point"), "bls_statistic"] == "median"
    assert (tmp_path / "processed" / "findings" / "02-salaries.csv").is_file()
    assert not (paths.DATA / "processed" / "wage_provenance.csv").read_text().count("900_")   # the project's tables untouched
