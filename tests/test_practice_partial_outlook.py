"""The outlook page on the partial practice occupation with its directions reversed (issue 17): a copy of
data/practice-partial where projected growth ROSE between two outlooks the guides quote, 9% (2014-2024, average 6.5%)
then 12% (2018-2028, average 5.2%), and the later one prints its new jobs ("about 6,700"). Worked out by hand:
12 - 9 = +3 points; the average fell 1.3 points; 9 / 6.5 = 1.38 and 12 / 5.2 = 2.31, so the lead over the average widened.
The rounding interval: 6,650-6,750 new jobs over 11.5%-12.5% gives bases from 53,200 to 58,695; BLS's 56,000 is inside.
The same folder with one quoted outlook and no printed jobs is checked too: the page says what it lacks and the
register records those findings as not available."""

import hashlib
import json
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from mrt import paths
from mrt.pipeline import STEPS, run_notebooks

PARTIAL = paths.DATA / "practice-partial"
GUIDE = "903_09409b674b1da7ef.txt"
PROJECTIONS = "reference/bls_employment_projections.csv"


def _rewrite(folder: Path, relative: str, change) -> None:
    path = folder / relative
    path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
    sources = pd.read_csv(folder / "sources.csv", dtype=str, keep_default_na=False)
    sources.loc[sources["path"].str.endswith(relative.rsplit("/", 1)[-1]), "sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    sources.to_csv(folder / "sources.csv", index=False, lineterminator="\n")


def reversed_folder(tmp_path: Path) -> Path:
    """The partial folder (its outlooks already reversed: 9% then 12%, quoted as percents only) with the later
    outlook's new jobs printed, so that the rounding interval can be computed."""
    folder = tmp_path / "reversed"
    shutil.copytree(PARTIAL, folder)
    _rewrite(folder, f"guides/{GUIDE}", lambda t: t.replace("grow 12% from 2018 to 2028, faster than average.",
                                                            "grow 12% from 2018 to 2028, about 6,700 new jobs."))
    _rewrite(folder, "guide_figures.csv", lambda t: t + (
        f'Q014,{GUIDE},5,1,"about 6,700",jobs,from 2018 to 2028,outlook,"practice sorters, United States",projected_change,'
        "New jobs over 2018-2028\n"))
    return folder


def one_outlook_folder(tmp_path: Path) -> Path:
    """The partial folder with its older quoted outlook (Q013, claim QC05) taken out: one outlook, no printed jobs."""
    folder = tmp_path / "one-outlook"
    shutil.copytree(PARTIAL, folder)
    drop = lambda prefix: lambda t: "".join(line for line in t.splitlines(keepends=True) if not line.startswith(prefix))  # noqa: E731
    _rewrite(folder, "guide_figures.csv", drop("Q013,"))
    _rewrite(folder, "guide_claims.csv", drop("QC05,"))
    return folder


def _run(folder: Path, out: Path, monkeypatch) -> Path:
    env = {paths.RAW_ENV: str(folder), paths.GUIDES_ENV: str(folder / "guides"), paths.PROCESSED_ENV: str(out / "processed")}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    steps = tuple(s for s in STEPS if s.notebook in ("01-clean.ipynb", "03-projections.ipynb"))
    run_notebooks(out_dir=out / "executed", processed_dir=out / "processed", steps=steps)  # raises if a cell fails
    return out


def _markdown(notebook: Path) -> str:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(o.get("data", {}).get("text/markdown", "")) for c in cells if c["cell_type"] == "code"
                     for o in c.get("outputs", []))


def _reported(out: Path) -> pd.DataFrame:
    found = pd.read_csv(out / "processed" / "findings" / "03-projections.csv")
    return found[found["method"] == "as reported"].set_index("finding_id")


@pytest.mark.slow
def test_reversed_outlooks_say_rose_and_a_wider_lead(tmp_path, monkeypatch):
    out = _run(reversed_folder(tmp_path), tmp_path / "out", monkeypatch)
    text = _markdown(out / "executed" / "03-projections.ipynb")
    assert "**The guides' percent rose from 9% (2014–2024) to 12% (2018–2028): 3 points, or a change of +33% in the percent itself.**" in text
    assert "In jobs: 4,680 new jobs over 2014–2024 (implied from the printed figures)" not in text  # 2014-2024 prints neither
    assert "No base-year employment or number of new jobs is printed for 2014–2024, so its new jobs cannot be implied." in text
    assert "fit any starting count from 53,200 to 58,695; BLS's 56,000 is inside." in text
    assert "*This exercise is skipped for these data: the guides' percent rose between the two outlooks they quote" in text
    reported = _reported(out)
    edge = reported.loc["projections.outlook_change", "statement"]
    assert edge == ("BLS's projected growth for practice sorters (PRACTICE DATA — invented figures, not a real occupation) rose from 9% "
                    "(2014–2024) to 12% (2018–2028), 3 points; the all-occupations average fell 1.3 points. It stayed above the average and "
                    "its lead widened, from about 1.4 times to about 2.3 times.")
    assert reported.loc["projections.outlook_change", "value"] == 2.3
    assert reported.loc["projections.rounding_interval", "statement"].startswith("The guide's 12% and about 6,700 new jobs fit any starting count")
    for word in ("growth for practice sorters (practice data — invented figures, not a real occupation) fell", "narrowed", "technician",
                 "four guides"):
        assert word not in " ".join(reported["statement"]).lower(), word


@pytest.mark.slow
def test_partial_outlooks_are_not_available_in_the_register(tmp_path, monkeypatch):
    out = _run(one_outlook_folder(tmp_path), tmp_path / "out", monkeypatch)
    text = _markdown(out / "executed" / "03-projections.ipynb")
    for note in ("The guides quote one outlook (2018–2028), so how their percent changed between two outlooks cannot be computed.",
                 "No number of new jobs is printed for 2018–2028, so the rounding interval cannot be computed.",
                 "No Handbook edition's own growth word is in our data, so the guides' growth words cannot be judged by it."):
        assert note in text, note
    reported = _reported(out)
    for finding_id in ("projections.outlook_change", "projections.rounding_interval"):
        assert reported.loc[finding_id, "depends_on"].startswith("not available: "), finding_id
        assert pd.isna(reported.loc[finding_id, "value"]) and "is not available" in reported.loc[finding_id, "statement"]
    assert reported.loc["projections.outlook_change", "key_rank"] == 3
    assert not reported.loc["projections.outcome_like_for_like", "depends_on"].startswith("not available")


@pytest.mark.slow
def test_no_quoted_outlook_at_all(tmp_path, monkeypatch):
    """data/practice with its only printed growth (P006, claim PC04) taken out: every section that needs a quoted outlook
    says so, the rest (every BLS outlook, the like-for-like check) still runs."""
    folder = tmp_path / "no-outlook"
    shutil.copytree(paths.DATA / "practice", folder)
    drop = lambda prefix: lambda t: "".join(line for line in t.splitlines(keepends=True) if not line.startswith(prefix))  # noqa: E731
    _rewrite(folder, "guide_figures.csv", drop("P006,"))
    _rewrite(folder, "guide_claims.csv", drop("PC04,"))
    out = _run(folder, tmp_path / "out", monkeypatch)
    text = _markdown(out / "executed" / "03-projections.ipynb")
    assert text.count("No guide prints a projected growth, so no outlook the guides quote can be set beside BLS's.") >= 3
    assert "Across the 2 outlooks that use the code this project follows (00-0001), projected growth of practice tabulators" in text
    reported = _reported(out)
    assert reported.loc["projections.outlook_change", "depends_on"] == "not available: no guide prints a projected growth"
    assert reported.loc["projections.rounding_interval", "depends_on"] == "not available: no guide prints a projected growth"
