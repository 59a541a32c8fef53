"""Data-level faults: one fault at a time in a throwaway copy of the raw folder.

Each fault must stop the cleaning (``clean.write_all``) and the pre-flight check (``clean.check_raw_layer``)
with an error that names the file, the row (or the header, the key, the file line) and what was expected;
nothing may be written to the processed folder, and nothing in the raw folder may change.
Row numbers are data rows counted from 1 below the header (figure F0NN is data row NN).
"""

from __future__ import annotations

import csv
import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from mrt import clean, paths
from mrt.io import DataError
from mrt.occupation import ConfigError

FIGURES = "guide_figures.csv"
CLAIMS = "guide_claims.csv"
EDUCATION = "guide_education.csv"
EXCLUSIONS = "guide_line_exclusions.csv"
SOURCES = "sources.csv"
OCCUPATION = "occupation.toml"
OEWS = "reference/bls_oews_national.csv"
QUARTILES = "reference/bls_oews_quartiles.csv"
PROJECTIONS = "reference/bls_employment_projections.csv"
EDITIONS = "reference/bls_ooh_editions.csv"
PHRASES = "reference/bls_ooh_key_phrases.csv"
WORDING = "reference/bls_ooh_growth_wording.csv"
ALL_PAY = "reference/bls_all_occupations_pay.csv"
INDUSTRY = "reference/bls_industry_employment.csv"
CPI = "reference/cpi_u_annual.csv"
COSTS = "reference/education_costs_and_pay.csv"


# Editing a copy of the raw folder --------------------------------------------------------------

def read_table(folder: Path, name: str) -> tuple[list[str], list[list[str]]]:
    with (folder / name).open(encoding="utf-8", newline="") as handle:
        header, *rows = list(csv.reader(handle))
    return header, rows


def write_table(folder: Path, name: str, header: list[str], rows: list[list[str]]) -> None:
    with (folder / name).open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows([header, *rows])


def cell(name: str, row: int, column: str, value: str) -> Callable[[Path], None]:
    """Set one cell (data row ``row``, counted from 1)."""
    def apply(folder: Path) -> None:
        header, rows = read_table(folder, name)
        rows[row - 1][header.index(column)] = value
        write_table(folder, name, header, rows)
    return apply


def rows_edit(name: str, change: Callable[[list[str], list[list[str]]], tuple[list[str], list[list[str]]]]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        write_table(folder, name, *change(*read_table(folder, name)))
    return apply


def copy_row(name: str, row: int, **changes: str) -> Callable[[Path], None]:
    """Append a copy of data row ``row`` with some cells changed."""
    def change(header, rows):
        new = list(rows[row - 1])
        for column, value in changes.items():
            new[header.index(column)] = value
        return header, [*rows, new]
    return rows_edit(name, change)


def swap_rows(name: str, first: int, second: int) -> Callable[[Path], None]:
    def change(header, rows):
        rows[first - 1], rows[second - 1] = rows[second - 1], rows[first - 1]
        return header, rows
    return rows_edit(name, change)


def drop_column(name: str, column: str) -> Callable[[Path], None]:
    def change(header, rows):
        index = header.index(column)
        return [c for i, c in enumerate(header) if i != index], [[c for i, c in enumerate(r) if i != index] for r in rows]
    return rows_edit(name, change)


def raw_bytes(name: str, transform: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        (folder / name).write_bytes(transform((folder / name).read_bytes()))
    return apply


def source_row(name: str) -> int:
    """The data row of sources.csv that lists a raw file (so the expected message follows the table)."""
    import csv

    with open(paths.DEFAULT_RAW / SOURCES, newline="", encoding="utf-8") as handle:
        return next(i for i, row in enumerate(csv.DictReader(handle), start=1) if row["path"].endswith(name))


def text_edit(name: str, old: str, new: str) -> Callable[[Path], None]:
    def apply(folder: Path) -> None:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text, f"the fault needs {old!r} in {name}"
        (folder / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def add_file(name: str, text: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).write_text(text, encoding="utf-8")


def remove_file(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


@dataclass(frozen=True)
class Fault:
    name: str
    apply: Callable[[Path], None]
    file: str  # the file the error must name (relative to the raw folder)
    where: str  # the row (or header, key, file line) the error must name
    expected: str  # what the error must say was expected


FAULTS = [
    # guide_figures.csv
    Fault("missing column", drop_column(FIGURES, "subject"), FIGURES, "found ['figure_id'", "expected columns ['subject']"),
    Fault("empty required cell", cell(FIGURES, 9, "description", ""), FIGURES, "data row 9, column 'description'", "expected a value"),
    Fault("unknown unit hint", cell(FIGURES, 3, "unit_if_unprinted", "dollars"), FIGURES, "data row 3", "expected a unit hint from"),
    Fault("unknown topic", cell(FIGURES, 5, "topic", "salary"), FIGURES, "data row 5 (guide 000_8f0a57b0245a47f7.txt line 44), column 'topic'",
          "expected one of ['education', 'employment'"),
    Fault("unknown statistic", cell(FIGURES, 6, "statistic", "average"), FIGURES, "data row 6", "expected one of ['count', 'duration'"),
    Fault("duplicate figure id", cell(FIGURES, 12, "figure_id", "F011"), FIGURES, "data rows 11 and 12", "expected one row per (figure_id)"),
    Fault("figure transcribed twice under two ids", copy_row(FIGURES, 3, figure_id="F050"), FIGURES, "data rows 3 and 50 (F003 and F050)",
          "expected one row per (guide_file, line, as_printed, occurrence)"),
    Fault("second 'top 12' marked as the first", cell(FIGURES, 41, "occurrence", "1"), FIGURES, "data rows 40 and 41 (F040 and F041)",
          "expected one row per (guide_file, line, as_printed, occurrence)"),
    Fault("occurrence without the one before", cell(FIGURES, 41, "occurrence", "3"), FIGURES, "data row 41", "expected occurrence 2"),
    Fault("occurrence zero", cell(FIGURES, 1, "occurrence", "0"), FIGURES, "data row 1, column 'occurrence'", "expected 1 for the first appearance"),
    Fault("trailing junk after an amount", cell(FIGURES, 3, "as_printed", "$37,710xyz"), FIGURES, "data row 3", "found 'xyz'"),
    Fault("two decimal points", cell(FIGURES, 3, "as_printed", "$42.0.00"), FIGURES, "data row 3", "expected a number such as 186,300"),
    Fault("negative amount", cell(FIGURES, 3, "as_printed", "-$37,710"), FIGURES, "data row 3", "not negative"),
    Fault("unknown scale", cell(FIGURES, 3, "as_printed", "$1.2 billion"), FIGURES, "data row 3", "a scale ('K', 'thousand', 'million')"),
    Fault("unknown unit", cell(FIGURES, 10, "as_printed", "$42,820 a fortnight"), FIGURES, "data row 10", "expected a unit"),
    Fault("hint contradicts the printed unit", cell(FIGURES, 10, "unit_if_unprinted", "usd_per_hour"), FIGURES, "data row 10",
          "expected the unit hint (usd_per_hour) to agree with the unit printed (usd_per_year)"),
    Fault("share over 100 percent", cell(FIGURES, 43, "as_printed", "more than five-quarters"), FIGURES, "data row 43", "at most 100 percent"),
    Fault("line 0", cell(FIGURES, 2, "line", "0"), FIGURES, "data row 2", "expected a 1-based line number"),
    Fault("line in words", cell(FIGURES, 2, "line", "twelve"), FIGURES, "data row 2", "expected a 1-based line number"),
    Fault("guide file that does not exist", cell(FIGURES, 1, "guide_file", "004_0123456789abcdef.txt"), FIGURES, "data row 1, column 'guide_file'",
          "expected a guide listed in sources.csv"),
    Fault("malformed guide file name", cell(FIGURES, 1, "guide_file", "guide0.txt"), FIGURES, "data row 1, column 'guide_file'",
          "expected a guide file name like"),
    Fault("two-digit year", cell(FIGURES, 3, "period_as_printed", "in 13"), FIGURES, "data row 3", "expected a year ('in 2013')"),
    Fault("statistic in the wrong unit", cell(FIGURES, 15, "statistic", "mean"), FIGURES, "data row 15 (guide 001_cb1680f8129abfb3.txt line 28)",
          "column 'statistic': expected a statistic that can be in persons"),
    Fault("range labelled as a mean", cell(FIGURES, 4, "statistic", "mean"), FIGURES, "data row 4", "column 'statistic': expected 'range' for a pay range"),
    Fault("share of an unknown setting", cell(FIGURES, 2, "subject", "schools"), FIGURES, "data row 2",
          "column 'subject': expected a work setting named in occupation.toml"),
    Fault("BOM", raw_bytes(FIGURES, lambda data: b"\xef\xbb\xbf" + data), FIGURES, ":", "expected UTF-8 text without a byte-order mark"),
    Fault("row with an extra cell", raw_bytes(FIGURES, lambda data: data.replace(b"\nF005,", b"\nF005,extra,", 1)), FIGURES,
          "data row 5 (file line 6)", "expected 11 cells as in the header, found 12"),
    Fault("unclosed quote", raw_bytes(FIGURES, lambda data: data.rstrip(b"\n") + b'\nF050,"oops\n'), FIGURES, "file line", "expected well-formed CSV"),
    # claims, education, exclusions
    Fault("claim cites a figure that does not exist", cell(CLAIMS, 6, "figure_ids", "F999"), CLAIMS, "data row 6", "expected figure ids from guide_figures.csv"),
    Fault("duplicate claim id", cell(CLAIMS, 7, "claim_id", "C006"), CLAIMS, "data rows 6 and 7", "expected one row per (claim_id)"),
    Fault("unknown check", cell(CLAIMS, 7, "check", "vibes"), CLAIMS, "data row 7", "column 'check': expected one of"),
    Fault("unknown route", cell(EDUCATION, 2, "route", "phd"), EDUCATION, "data row 2", "column 'route': expected one of"),
    Fault("unknown stance", cell(EDUCATION, 3, "stance", "maybe"), EDUCATION, "data row 3", "column 'stance': expected one of"),
    Fault("Latin-1 bytes", raw_bytes(EDUCATION, lambda data: data.decode("utf-8").encode("cp1252")), EDUCATION, "file line 3",
          "expected UTF-8 text, found the byte 0x92"),
    Fault("line both transcribed and excluded", cell(EXCLUSIONS, 1, "line", "6"), EXCLUSIONS, "data row 1", "expected a line that is not also transcribed"),
    Fault("line excluded twice", copy_row(EXCLUSIONS, 2), EXCLUSIONS, "data rows 2 and 6", "expected one row per (guide_file, line)"),
    Fault("exclusion without a reason", cell(EXCLUSIONS, 3, "reason", "vague"), EXCLUSIONS, "data row 3", "column 'reason': expected a reason of at least 20"),
    Fault("empty file", add_file(EXCLUSIONS, ""), EXCLUSIONS, ":", "expected a header row"),
    # OEWS
    Fault("non-numeric wage", cell(OEWS, 4, "median_annual", "34,97O"), OEWS, "data row 4, column 'median_annual'", "expected a number such as"),
    Fault("comma decimal", cell(OEWS, 4, "mean_hourly", "18,13"), OEWS, "data row 4, column 'mean_hourly'", "a comma only between groups of three digits"),
    Fault("p10 above the median", cell(OEWS, 4, "p10_annual", "40000"), OEWS, "data row 4, column 'median_annual'", "expected p10_annual <= median_annual"),
    Fault("annual wage not hourly x 2,080", cell(OEWS, 8, "mean_annual", "42920"), OEWS, "data row 8, column 'mean_annual'",
          "expected about mean_hourly x 2,080 = 42,827"),
    Fault("negative employment", cell(OEWS, 2, "employment", "-180280"), OEWS, "data row 2, column 'employment'", "expected a number at least 0"),
    Fault("duplicate year", cell(OEWS, 5, "year", "2013"), OEWS, "data rows 4 and 5", "expected one row per (year)"),
    Fault("years out of order", swap_rows(OEWS, 4, 5), OEWS, "data row 5, column 'year'", "expected year to increase down the file"),
    Fault("comparability not yes/no/partly", cell(OEWS, 12, "comparable_to_29_2071", "maybe"), OEWS, "data row 12, column 'comparable_to_29_2071'",
          "expected one of ['no', 'partly', 'yes']"),
    Fault("published 25th percentile above the median", cell(QUARTILES, 9, "p25_annual", "40360"), QUARTILES,
          "data row 9, column 'p25_annual'", "expected p25_annual <= median_annual"),
    Fault("quartiles of a year the wage table lacks", cell(QUARTILES, 1, "year", "2009"), QUARTILES, "data row 1, column 'soc_code'",
          "expected a year and code of bls_oews_national.csv, found 2009 29-2071"),
    Fault("malformed occupation code", cell(OEWS, 1, "soc_code", "292071"), OEWS, "data row 1, column 'soc_code'", "expected an occupation code like 29-2071"),
    # projections, Handbook, key phrases, all-occupations pay, industries, CPI, education costs
    Fault("duplicate vintage", cell(PROJECTIONS, 2, "vintage", "2010-2020"), PROJECTIONS, "data rows 1 and 2", "expected one row per (vintage)"),
    Fault("vintage not its years", cell(PROJECTIONS, 3, "vintage", "2014-2025"), PROJECTIONS, "data row 3, column 'vintage'", "expected '2014-2024'"),
    Fault("change not projected minus base", cell(PROJECTIONS, 4, "change_thousands", "28.8"), PROJECTIONS, "data row 4, column 'change_thousands'",
          "expected projected - base = 27.8"),
    Fault("percent not change / base", cell(PROJECTIONS, 5, "pct_change", "12.7"), PROJECTIONS, "data row 5, column 'pct_change'",
          "expected a percent that rounds from change / base"),
    Fault("duplicate edition", cell(EDITIONS, 3, "edition", "2012-13"), EDITIONS, "data rows 2 and 3", "expected one row per (edition)"),
    Fault("pay year after the edition", cell(EDITIONS, 4, "wage_year", "2017"), EDITIONS, "data row 4, column 'wage_year'",
          "expected a year no later than the edition's first year 2016"),
    Fault("duplicate key phrase", cell(PHRASES, 2, "key_phrase", "much faster than average"), PHRASES, "data rows 1 and 2",
          "expected one row per (edition, key_phrase)"),
    Fault("band upside down", cell(PHRASES, 2, "min_pct_change", "40"), PHRASES, "data row 2, column 'max_pct_change'", "expected 'min_pct_change' <= 'max_pct_change'"),
    Fault("Handbook growth words with no band", cell(WORDING, 2, "handbook_wording", "brisk growth"), WORDING,
          "data row 2, column 'handbook_wording'", "no growth comparison word in 'brisk growth'"),
    Fault("'much faster' for growth below the average", cell(WORDING, 3, "pct_change", "9"), WORDING, "data row 3, column 'handbook_wording'",
          "expected words that put 9% on its side of the all-occupations 10.8%"),
    Fault("duplicate Handbook edition of a growth word", cell(WORDING, 2, "edition", "2008-09"), WORDING, "data rows 1 and 2",
          "expected one row per (edition)"),
    Fault("duplicate all-occupations statistic", cell(ALL_PAY, 2, "statistic", "median"), ALL_PAY, "data rows 1 and 2", "expected one row per (year, statistic)"),
    Fault("unknown all-occupations statistic", cell(ALL_PAY, 2, "statistic", "mode"), ALL_PAY, "data row 2, column 'statistic'", "expected one of ['mean', 'median']"),
    Fault("duplicate industry setting", cell(INDUSTRY, 4, "setting", "Hospitals; state local and private"), INDUSTRY, "data rows 3 and 4",
          "expected one row per (year, setting_key)"),
    Fault("share over 100", cell(INDUSTRY, 3, "share_of_occupation_pct", "136"), INDUSTRY, "data row 3, column 'share_of_occupation_pct'",
          "expected a number at most 100"),
    Fault("unknown industry setting", cell(INDUSTRY, 5, "setting", "Schools"), INDUSTRY, "data row 5, column 'setting'", "expected a setting named in occupation.toml"),
    Fault("duplicate CPI year", cell(CPI, 2, "year", "2008"), CPI, "data rows 1 and 2", "expected one row per (year)"),
    Fault("CPI of zero", cell(CPI, 5, "cpi_u", "0"), CPI, "data row 5, column 'cpi_u'", "expected a number greater than 0"),
    Fault("CPI 'nan'", cell(CPI, 5, "cpi_u", "nan"), CPI, "data row 5, column 'cpi_u'", "expected a number such as"),
    Fault("duplicate education cost", cell(COSTS, 3, "period", "2016-17"), COSTS, "data rows 2 and 3", "expected one row per (measure, group, period)"),
    Fault("unknown cost unit", cell(COSTS, 1, "unit", "dollars"), COSTS, "data row 1, column 'unit'", "expected one of"),
    Fault("range the wrong way round", cell(COSTS, 21, "value", "12-9"), COSTS, "data row 21, column 'value'", "expected the low end of the range first"),
    # the files themselves
    Fault("missing reference file", remove_file(CPI), CPI, ":", "expected the file, found none"),
    Fault("reference copy edited", text_edit(CPI, "2024,313.689", "2024,313.690"), CPI, f"{SOURCES} data row {source_row(CPI)}",
          "expected the SHA-256 recorded"),
    Fault("raw file not in sources.csv", add_file("reference/extra.csv", "a,b\n1,2\n"), SOURCES, ":",
          "expected a row (kind raw_file) for every raw file, found none for ['reference/extra.csv']"),
    Fault("guide without a checksum", cell(SOURCES, 1, "sha256", ""), SOURCES, "data row 1, column 'sha256'", "expected the SHA-256 of the guide text"),
    Fault("occupation.toml without the dollar year", text_edit(OCCUPATION, "dollar_year = 2024", ""), OCCUPATION, "'dollar_year'",
          "expected a value for"),
    Fault("occupation.toml not TOML", text_edit(OCCUPATION, 'name = "', 'name = '), OCCUPATION, ":", "not valid TOML"),
    Fault("line number too large for any guide", cell(FIGURES, 1, "line", "99999999999999999999999"), FIGURES, "data row 1",
          "expected a 1-based line number (1, 2, ... up to 100,000), found '99999999999999999999999'"),
    Fault("line number in other digits", cell(FIGURES, 1, "line", "²"), FIGURES, "data row 1",
          "expected a 1-based line number (1, 2, ... up to 100,000), found '²'"),
    Fault("partial setting not among the settings", text_edit(OCCUPATION, 'partial_settings = ["general medical', 'partial_settings = ["general surgical'),
          OCCUPATION, ":", "expected every partial_settings entry to be a setting named in [settings], found ['general surgical and surgical hospitals']"),
    Fault("certification key with a capital", text_edit(OCCUPATION, 'rhit = "', 'RHIT = "'), OCCUPATION, ":",
          "expected [certifications] to map lower-case keys to names"),
    Fault("route naming a certification the occupation lacks", cell(EDUCATION, 1, "route", "certification_rhia"), EDUCATION,
          "data row 1 (guide", "column 'route': expected one of ['associate_degree', 'bachelor_degree', 'certification_cpc', "),
]


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def raw(tmp_path, monkeypatch):
    folder = tmp_path / "raw"
    shutil.copytree(paths.DEFAULT_RAW, folder)
    monkeypatch.setenv(paths.PROCESSED_ENV, str(tmp_path / "processed"))
    return folder


def test_enough_distinct_faults():
    assert len({f.name for f in FAULTS}) == len(FAULTS) >= 30


def test_the_untouched_copy_passes_and_writes(raw, tmp_path):
    """The control: without a fault the same calls succeed, so each failure below is the fault's."""
    assert len(clean.check_raw_layer(raw)) == len(paths.RAW_FILES)  # every raw file, each checked
    written = clean.write_all(raw)
    assert sorted(p.name for p in (tmp_path / "processed").iterdir()) == sorted([*written, "data_dictionary.csv"])


@pytest.mark.parametrize("fault", FAULTS, ids=[f.name for f in FAULTS])
def test_fault_is_named_and_nothing_is_written(raw, tmp_path, fault):
    fault.apply(raw)
    before = snapshot(raw)
    messages = []
    for run in (clean.check_raw_layer, clean.write_all):
        with pytest.raises((DataError, ConfigError)) as error:
            run(raw)
        messages.append(str(error.value))
    message = messages[0]
    assert messages[1] == message, "the pre-flight check and the cleaning report the same fault"
    assert str(raw / fault.file) in message, message
    assert fault.where in message, message
    assert fault.expected in message, message
    assert not (tmp_path / "processed").exists(), "nothing is written when the raw layer is bad"
    assert snapshot(raw) == before, "the raw folder is never changed"


def test_the_raw_folder_can_be_named_by_the_environment(tmp_path):
    """MRT_RAW_DIR points the whole cleaning at another raw folder (as the practice occupation does)."""
    folder = tmp_path / "raw"
    shutil.copytree(paths.DEFAULT_RAW, folder)
    cell(OEWS, 4, "p10_annual", "40000")(folder)
    env = {**os.environ, paths.RAW_ENV: str(folder), paths.PROCESSED_ENV: str(tmp_path / "processed")}
    result = subprocess.run([sys.executable, "-c", "from mrt import clean; clean.write_all()"], env=env, capture_output=True, text=True)
    assert result.returncode != 0
    assert f"{folder / OEWS} data row 4, column 'median_annual': expected p10_annual <= median_annual" in result.stderr
    assert not (tmp_path / "processed").exists()


def test_the_readme_states_how_many_faults_this_suite_has():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert f"({len(FAULTS)} faults:" in readme, "README.md's Tests section states another count of raw-data faults"
