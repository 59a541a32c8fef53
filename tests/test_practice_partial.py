"""The partial practice occupation (data/practice-partial/, invented figures): cleaning and the pay notebook degrade
instead of crash (issue 17). Each missing piece is said in plain words, the findings the data cannot give are recorded
as not available, and no word of the original occupation or its guides is left.

What is partial, worked out by hand from reference/bls_oews_national.csv and the five guides:
- no 2017 or 2020 row, the same code 00-0002 on both sides: gaps, not a code change;
- no mean in 2016 (guide 903 prints one for 2016) and no 10th or 90th percentile in 2019 (guide 902 prints a 2019 range);
- guide 902 prints a middle half for 2018 (25th to 75th percentile) and bls_oews_quartiles.csv holds the header only;
- guide 901's undated "$43,750 a year" matches no BLS figure; guide 905's undated "$39,000 a year" is the May 2018 median;
- the median rose from $37,800 (2014) to $40,200 (2021), 6.3%, while the CPI-U rose 14.5% (236.736 to 270.970): it fell after inflation;
- the mean is below the median in every year that publishes both (2014: $36,900 against $37,800), the original's direction reversed.
"""

import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from mrt import paths
from mrt.pipeline import STEPS, run_notebooks

PARTIAL = paths.DATA / "practice-partial"
MARK = "PRACTICE DATA — invented figures, not a real occupation"
ORIGINAL_WORDS = ("medical records", "technician", "four guides")


def partial_env(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MRT_")}
    source = str(Path(paths.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join([source, *filter(None, [env.get("PYTHONPATH")])])
    return env | {paths.RAW_ENV: str(PARTIAL), paths.GUIDES_ENV: str(PARTIAL / "guides"), paths.PROCESSED_ENV: str(tmp_path / "processed")}


def test_partial_data_says_it_is_practice_everywhere():
    guides = sorted((PARTIAL / "guides").glob("*.txt"))
    assert len(guides) == 5
    for guide in guides:
        assert guide.read_text(encoding="utf-8").splitlines()[0] == MARK + "."
    assert MARK in (PARTIAL / "README.md").read_text(encoding="utf-8")
    assert MARK in (PARTIAL / "occupation.toml").read_text(encoding="utf-8").split("name = ", 1)[1].splitlines()[0]
    for table in (PARTIAL / "reference").glob("*.csv"):
        if table.name not in ("cpi_u_annual.csv", "bls_oews_quartiles.csv", "bls_ooh_growth_wording.csv"):  # real CPI-U rows; headers only
            assert MARK in table.read_text(encoding="utf-8"), table.name
    for header_only in ("bls_oews_quartiles.csv", "bls_ooh_growth_wording.csv"):  # no published quartiles, no Handbook word known
        assert len((PARTIAL / "reference" / header_only).read_text(encoding="utf-8").splitlines()) == 1


def test_partial_folder_has_the_layout_and_columns_of_data_raw():
    for raw in paths.RAW_FILES:
        relative = raw.relative_to(paths.RAW)
        assert (PARTIAL / relative).is_file(), relative
        if raw.suffix == ".csv":
            header = lambda p: p.read_text(encoding="utf-8").splitlines()[0]  # noqa: E731
            expected = header(paths.DEFAULT_RAW / relative).replace("comparable_to_29_2071", "comparable_to_00_0002")
            assert header(PARTIAL / relative) == expected, relative


def test_check_accepts_the_partial_folder(tmp_path):
    env = partial_env(tmp_path) | {"MRT_CALLER_CWD": str(paths.ROOT)}
    done = subprocess.run([sys.executable, "-m", "mrt.cli", "check", "--raw", "data/practice-partial"], cwd=paths.ROOT, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines() == [
        "note: bls_oews_national.csv: Our BLS table has no survey for 2017 or 2020: gaps between surveys of the same code 00-0002, "
        "not a code change.",
        "note: bls_oews_national.csv: No mean is published for 2016, so that year's mean cannot be compared with its median.",
        "note: bls_oews_national.csv: No 10th or 90th percentile is published for 2019, so that year's range cannot be compared.",
        "note: bls_oews_quartiles.csv: No 25th or 75th percentile is published in any year, so the middle half of pay can only be modelled.",
        "note: guide_figures.csv: No base-year employment or number of new jobs is printed for 2014–2024, so its new jobs cannot be implied.",
        "note: guide_figures.csv: No base-year employment or number of new jobs is printed for 2018–2028, so its new jobs cannot be implied.",
        "note: guide_figures.csv: No number of new jobs is printed for 2018–2028, so the rounding interval cannot be computed.",
        f"check: {PARTIAL} can be analysed"]


def test_partial_raw_layer_passes_the_provenance_checks(tmp_path):
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-o", "addopts=", "-p", "no:nbval", "-p", "no:cacheprovider",
                             "tests/test_provenance.py"], cwd=paths.ROOT, env=partial_env(tmp_path), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    assert " passed" in result.stdout and "failed" not in result.stdout and "skipped" not in result.stdout, result.stdout[-500:]


def _markdown(notebook: Path) -> str:
    import json

    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(o.get("data", {}).get("text/markdown", "")) for c in cells if c["cell_type"] == "code" for o in c.get("outputs", []))


@pytest.fixture(scope="module")
def partial_run(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("partial")
    saved = {k: os.environ.get(k) for k in (paths.RAW_ENV, paths.GUIDES_ENV, paths.PROCESSED_ENV)}
    os.environ.update({k: v for k, v in partial_env(tmp_path).items() if k.startswith("MRT_")})
    try:
        steps = tuple(s for s in STEPS if s.notebook in ("01-clean.ipynb", "02-salaries.ipynb"))
        run_notebooks(out_dir=tmp_path / "executed", processed_dir=tmp_path / "processed", steps=steps)  # raises if a cell fails
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)
    return tmp_path


@pytest.mark.slow
def test_cleaning_counts_come_from_the_rows(partial_run):
    text = _markdown(partial_run / "executed" / "01-clean.ipynb")
    assert "from five guides" in text
    assert "Every one of its 6 years publishes the reference code 00-0002" in text and "2014-2016, 2018-2019, 2021" in text
    assert "no printed item is list numbering" in text and "every one gives a number" in text


@pytest.mark.slow
def test_each_missing_piece_is_said_in_plain_words(partial_run):
    text = _markdown(partial_run / "executed" / "02-salaries.ipynb")
    for note in ("Our BLS table has no survey for 2017 or 2020: gaps between surveys of the same code 00-0002, not a code change.",
                 "No mean is published for 2016, so the average (mean) pay printed for that year cannot be compared.",
                 "No 25th or 75th percentile is published for 2018, so the range from the 25th to the 75th percentile printed for that year "
                 "cannot be compared.",
                 "No 10th or 90th percentile is published for 2019, so the pay range printed for that year cannot be compared.",
                 "One pay figure printed without a year matches no BLS figure",
                 "No mean is published for 2016, so that year's mean cannot be compared with its median.",
                 "No 10th or 90th percentile is published for 2019, so that year's range cannot be compared.",
                 "**Our BLS table publishes no 25th and 75th percentiles**"):
        assert note in text, note
    assert "code change of" not in text   # a gap is never read as a code change
    provenance = pd.read_csv(partial_run / "processed" / "wage_provenance.csv").set_index(["figure_id", "part"], drop=False)
    assert set(provenance.loc["Q005", "statistic_compared"]) == {"p25", "p75"}
    assert set(provenance.loc["Q004", "verdict"]) == {"BLS table has no such figure for the year printed"}


@pytest.mark.slow
def test_findings_follow_the_data_and_name_no_original_occupation(partial_run):
    found = pd.read_csv(partial_run / "processed" / "findings" / "02-salaries.csv")
    found = pd.concat([found, pd.read_csv(partial_run / "processed" / "findings" / "01-clean.csv")], ignore_index=True)
    statements = " ".join(found[["statement", "depends_on", "note"]].fillna("").astype(str).stack().unique()).lower()
    for word in ORIGINAL_WORDS:
        assert word not in statements, word
    reported = found[found["method"] == "as reported"].set_index("finding_id")
    real = reported.loc["pay.real_median_rise", "statement"]
    assert "after inflation it fell 7%" in real and "from 2014 to 2021" in real   # 40,200/37,800 x 236.736/270.970 - 1 = -7.1%
    for finding_id in ("pay.middle_half", "pay.quartile_model_check"):
        assert reported.loc[finding_id, "depends_on"].startswith("not available: "), finding_id
        assert pd.isna(reported.loc[finding_id, "value"]) and "is not available" in reported.loc[finding_id, "statement"]
    assert reported.loc["pay.ranges_are_percentiles", "statement"].startswith(
        "Both pay-range ends the guides print that BLS can check are BLS's 10th and 90th percentiles")
    mean = reported.loc["pay.mean_above_median", "statement"]
    # the mean is below the median in every year with both (36,900 < 37,800 in 2014 ... 39,300 < 40,200 in 2021): the original's is above
    assert mean.startswith("In each of the years 2014-2015, 2018-2019, 2021,") and " below " in mean and "understates" in mean, mean
    assert not (paths.DATA / "processed" / "wage_provenance.csv").read_text().count("901_")   # the project's tables untouched


@pytest.mark.slow
def test_without_two_medians_the_real_pay_change_is_not_available(tmp_path, monkeypatch):
    """The same folder with the median published in 2014 only: no change can be measured, so the notebook says so and
    the register records the finding as not available instead of failing. Only the analysis cells run here: the
    Exercises cells (tagged exercise, solution, hint) are another change's (issue 17: exercises that only make sense
    for the original data say so and are skipped)."""
    import hashlib
    import json
    import shutil

    folder = tmp_path / "one-median"
    shutil.copytree(PARTIAL, folder)
    national = folder / "reference" / "bls_oews_national.csv"
    table = pd.read_csv(national, dtype=str, keep_default_na=False)
    table.loc[table["year"] != "2014", ["median_hourly", "median_annual"]] = ""
    table.to_csv(national, index=False, lineterminator="\n")
    sources = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[sources["path"].str.endswith("bls_oews_national.csv"), "sha256"] = hashlib.sha256(national.read_bytes()).hexdigest()
    sources.to_csv(folder / "sources.csv", index=False, lineterminator="\n")
    env = partial_env(tmp_path) | {paths.RAW_ENV: str(folder), paths.GUIDES_ENV: str(folder / "guides")}
    for name, value in env.items():
        if name.startswith("MRT_"):
            monkeypatch.setenv(name, value)
    analysis = tmp_path / "analysis"
    analysis.mkdir()
    for name in ("01-clean.ipynb", "02-salaries.ipynb"):
        notebook = json.loads((paths.NOTEBOOKS / name).read_text(encoding="utf-8"))
        notebook["cells"] = [c for c in notebook["cells"] if not {"exercise", "solution", "hint"} & set(c["metadata"].get("tags", []))]
        (analysis / name).write_text(json.dumps(notebook), encoding="utf-8")
    steps = tuple(s for s in STEPS if s.notebook in ("01-clean.ipynb", "02-salaries.ipynb"))
    run_notebooks(out_dir=tmp_path / "executed", processed_dir=tmp_path / "processed", steps=steps, source_dir=analysis)
    reported = pd.read_csv(tmp_path / "processed" / "findings" / "02-salaries.csv").set_index("finding_id")
    assert reported.loc["pay.real_median_rise", "statement"] == (
        "The change in the median pay of practice sorters (PRACTICE DATA — invented figures, not a real occupation) after inflation "
        "is not available: fewer than two years of the reference code publish a median.")
    assert reported.loc["pay.real_median_rise", "depends_on"].startswith("not available: ")
    text = _markdown(tmp_path / "executed" / "02-salaries.ipynb")
    assert "after inflation is not available" in text and "The chart of the modelled middle half is not drawn" in text
