"""The project's declared vocabulary: every closed list and constant that more than one module (or a module and a
notebook, the Makefile or run.py) needs, declared once, here.

This module is the bottom layer (see ARCHITECTURE.md): it imports nothing from mrt and nothing outside the
standard library, so every module can import it, and run.py can read it before the virtual environment exists.
A list that only one module uses stays in that module.
"""

from __future__ import annotations

from dataclasses import dataclass

# Notebooks: the dependency graph, what each is about, and the charts each declares it saves ----------------


@dataclass(frozen=True)
class Step:
    notebook: str  # file name in notebooks/
    needs: tuple[str, ...]  # notebooks whose tables it reads
    summary: str  # what it holds, in plain words (site index)
    has_exercises: bool = True
    records_findings: bool = True  # writes data/processed/findings/<stem>.csv (notebook 06 assembles them)
    charts: tuple[str, ...] = ()  # the charts it saves: data/processed/charts/<name>.png and .csv

    @property
    def stem(self) -> str:
        return self.notebook.removesuffix(".ipynb")


STEPS: tuple[Step, ...] = (
    Step("01-clean.ipynb", (), "Transcribed guide figures and BLS tables cleaned into tidy, validated tables"),
    Step("02-salaries.ipynb", ("01-clean.ipynb",), "Which pay figure came from which BLS release, and what means, medians, ranges and real dollars say",
         charts=("median_method_validation", "pay_distribution_from_printed_figures", "pay_nominal_vs_real", "pay_by_place_vs_national")),
    Step("03-projections.ipynb", ("01-clean.ipynb",), "How the BLS outlook changed from 2012-2022 to 2016-2026, and every vintage since",
         charts=("projected_growth_by_vintage", "projection_vs_outcome")),
    Step("04-education.ipynb", ("01-clean.ipynb",), "Time, money and pay on each route into the job, as a model with parameters you can change",
         charts=("education_cumulative_earnings", "education_sensitivity", "education_joint_sensitivity")),
    # the fact-check reads notebook 1's tables and what notebooks 2 and 3 write, nothing of notebook 4's: it runs beside it
    Step("05-fact-check.ipynb", ("01-clean.ipynb", "02-salaries.ipynb", "03-projections.ipynb"),
         "Every checkable claim in the guides with a verdict and its evidence", charts=("claim_verdicts",)),
    Step("06-findings.ipynb", ("01-clean.ipynb", "02-salaries.ipynb", "03-projections.ipynb", "04-education.ipynb", "05-fact-check.ipynb"),
         "Which headline findings hold under other reasonable methods, and which change", has_exercises=False, records_findings=False),
)
NOTEBOOKS = tuple(step.stem for step in STEPS)  # "01-clean", ..., "06-findings"
FINDING_NOTEBOOKS = tuple(step.stem for step in STEPS if step.records_findings)  # the notebooks that record findings
CHARTS = {chart: step.stem for step in STEPS for chart in step.charts}  # every chart -> the notebook that saves it
MAIN_CHARTS = ("pay_nominal_vs_real", "projected_growth_by_vintage", "claim_verdicts")  # the three on the front page

# Cell tags the runner, the site and the student bundle read ----------------------------------------------

SETUP_TAG = "setup"  # imports and set-up: run as soon as the kernel starts, before the notebooks it needs are done
SOLUTION_TAG = "solution"  # exercise keys: removed from the student edition and, unless asked, from the site
HINT_TAG = "hint"
WRITTEN_TAG = "written"
PARAMETERS_TAG = "parameters"  # the cell whose values `run.py education -p` replaces

# Commands: `python3 run.py COMMAND` (the Makefile's targets are some of them; tests/test_architecture.py checks) ---

COMMANDS = {
    "run": "execute every notebook (the dependency graph), refresh the README, build the site",
    "notebooks": "execute every notebook and refresh the README, without the site",
    "site": "build the static HTML site from the executed notebooks",
    "student": "build the student edition (solutions removed)",
    "grade": "grade a class's hand-ins",
    "where": "run the checks and say where the main job would read and write",
    "education": "rerun the education model with other assumptions",
    "readability": "words per finding, longest finding, first sentence, grade",
    "lab": "JupyterLab writing to scratch/processed, never data/processed (other arguments go to jupyter lab)",
    "mutation": "mutation testing (mutmut): share of mutants killed per module (other arguments go to 'mutmut run', e.g. mutant name patterns)",
    "test": "every test (what CI runs)",
    "benchmark": "time the main job against running each notebook in turn",
    "lock": "regenerate constraints.txt (every package pinned) from the requirement files",
    "draft": "draft a ledger of printed figures from guide texts (every row unconfirmed, for a person to check)",
    "check": "check a whole raw folder and print every problem at once",
}
CLI_COMMANDS = ("run", "notebooks", "site", "student", "where", "lab", "draft", "check", "mutation")  # handled by mrt.cli

# Pay -----------------------------------------------------------------------------------------------------

# BLS's annual wage is the hourly wage x 2,080 hours. Hourly figures are published to the cent and annual
# ones to the nearest $10, so the two printed figures can differ by up to 2,080 x $0.005 + $5 = $15.40.
HOURS_PER_YEAR = 2080
HOURLY_STEP = 0.01  # hourly amounts are printed to the cent
ANNUAL_STEP = 10.0  # BLS rounds annual amounts to the nearest $10


def hourly_annual_tolerance(hourly_step: float = HOURLY_STEP, annual_step: float = ANNUAL_STEP) -> float:
    """Largest gap between hourly x 2,080 and the printed annual amount that rounding alone explains.

    The hourly figure is off by at most half its step, which 2,080 hours multiply;
    the annual figure is off by at most half its own step.
    """
    return hourly_step / 2 * HOURS_PER_YEAR + annual_step / 2


OEWS_STATISTICS = ("mean", "p10", "median", "p90")  # the four wage statistics of every OEWS year (bls_oews_national.csv)
QUARTILE_STATISTICS = ("p25", "p75")  # published separately (bls_oews_quartiles.csv), for the years it covers
BLS_WAGE_STATISTICS = ("mean", "p10", "p25", "median", "p75", "p90")  # every statistic of bls_wages.csv, in its order
OEWS_UNITS = {"hourly": "usd_per_hour", "annual": "usd_per_year"}
ALL_OCCUPATIONS_STATISTICS = ("mean", "median")
# A printed pay range and the BLS percentiles at its two ends. 'range' is a range whose guide names no percentile: the
# range BLS publishes, the 10th to the 90th percentile. A guide that says which range it prints ("the middle half earn
# between ...") is transcribed with the percentiles it names, e.g. 'range_p25_p75'.
RANGE_PERCENTILES = {"range": ("p10", "p90"), "range_p25_p75": ("p25", "p75"), "range_p10_p75": ("p10", "p75"),
                     "range_p25_p90": ("p25", "p90")}
PAY_STATISTICS = ("mean", "median", *RANGE_PERCENTILES, "unspecified")

# What a guide says, and of what -------------------------------------------------------------------------------

TOPICS = ("pay", "employment", "outlook", "work_setting", "education", "ranking", "workload", "job_title")
STANCES = ("required", "typical", "sufficient", "alternative", "preferred", "optional", "for_advancement")
ENTRY_STANCES = ("required", "typical")  # what a guide prescribes for entry: judged by the Handbook's typical entry education
AREA_TYPES = ("national", "state", "metro")
SOURCE_KINDS = ("guide", "bls")
EDUCATION_COST_UNITS = ("usd_per_year", "usd_per_week", "percent", "persons", "months")
UNCHECKED_KINDS = ("no_reference_data", "judgment", "repeats_checked", "not_about_the_occupation")  # why a sentence is no claim we check

# The fact-check: checks and verdicts ----------------------------------------------------------------------

CHECKS = ("wage", "employment_count", "growth_pct", "growth_change", "growth_wording", "setting_share", "setting_most",
          "setting_remainder", "setting_pay", "setting_pay_figure", "other_industries", "area_pay_list", "area_pay_pattern",
          "pay_vs_all_occupations", "education_entry", "education_advancement", "duration", "certification",
          "credential_issuer", "work_schedule", "third_party_ranking", "occupation_title", "growth_direction", "setting_named")
VERDICTS = ("matches_record", "rounded", "partly_supported", "outdated", "mislabelled", "overstated", "understated",
            "contradicted", "not_checkable")

# The findings register --------------------------------------------------------------------------------------

AS_REPORTED = "as reported"  # the method a finding is reported under
FINDING_UNITS = ("percent", "percentage points", "usd_per_year", "usd_per_hour", "usd", "count", "ratio", "share", "years", "months",
                 "rank", "none")


def findings_part(notebook: str) -> str:
    """The processed file a notebook's findings go to: ``findings/<notebook>.csv``."""
    return f"findings/{notebook}.csv"
