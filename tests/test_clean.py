"""Cleaning: every builder on small synthetic tables, with cases right at each threshold.

Expected values are worked out by hand in the comments. Bad input must name the file, the data row
(counted from 1 below the header), the column and what was expected.
"""

import csv
import re

import pandas as pd
import pytest

from mrt import clean, occupation, paths
from mrt.io import DataError, read_raw_csv, to_number, write_csv
from mrt.occupation import COMPARABLE

OCC = occupation.current()
COMPARE = OCC.comparability_column
GUIDE = "001_cb1680f8129abfb3.txt"
GUIDES = [GUIDE]

GOOD = {"figure_id": "F001", "guide_file": GUIDE, "line": "30", "occurrence": "1", "as_printed": "$27.92 / hr $58,080 / yr",
        "unit_if_unprinted": "", "period_as_printed": "", "topic": "pay", "subject": "New Jersey (state)",
        "statistic": "unspecified", "description": "pay in New Jersey"}


def write_rows(tmp_path, rows, name="guide_figures.csv"):
    path = tmp_path / name
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return path


def figures(tmp_path, *rows, guides=None):
    return clean.build_figures(write_rows(tmp_path, list(rows)), OCC, guides)


def figure(**change):
    return {**GOOD, **change}


# Figures ----------------------------------------------------------------------------------------

def test_good_row_gives_two_observations(tmp_path):
    table = figures(tmp_path, GOOD)
    assert list(table["part"]) == ["hourly", "annual"]
    assert list(table["value"]) == [27.92, 58080]
    assert list(table["source_key"]) == [f"{GUIDE}#L30"] * 2
    assert table["year_start"].isna().all()  # no year printed: missing, not zero
    assert not table["numbering"].any()


def test_list_markers_are_numbering_and_other_ranks_are_not(tmp_path):
    table = figures(tmp_path, figure(as_printed="1.", unit_if_unprinted="rank", topic="ranking", statistic="rank"),
                    figure(figure_id="F002", as_printed="top 12", topic="ranking", statistic="rank"),
                    figure(figure_id="F003", as_printed="No. 3", topic="ranking", statistic="rank"))
    assert list(table["numbering"]) == [True, False, False]
    assert list(table["qualifier"].fillna("")) == ["", "top", ""]


def test_a_range_and_a_period(tmp_path):
    table = figures(tmp_path, figure(as_printed="between $12.41 and $31.06 an hour", statistic="range", period_as_printed="in 2017"),
                    figure(figure_id="F002", as_printed="18 to 24 months", topic="education", statistic="duration", line="31"))
    assert list(zip(table["part"], table["value"], table["unit"])) == [("low", 12.41, "usd_per_hour"), ("high", 31.06, "usd_per_hour"),
                                                                      ("low", 18, "months"), ("high", 24, "months")]
    assert list(table["year_start"].iloc[:2]) == [2017, 2017] and table["year_start"].iloc[2:].isna().all()


def test_a_range_that_names_its_percentiles(tmp_path):
    """A middle half ("the middle half earn between ...") is transcribed as the range of the 25th to the 75th percentile."""
    table = figures(tmp_path, figure(as_printed="between $33,000 and $49,000 a year", statistic="range_p25_p75", period_as_printed="in 2018"),
                    guides=GUIDES)
    assert table[["part", "value", "statistic"]].values.tolist() == [["low", 33000.0, "range_p25_p75"], ["high", 49000.0, "range_p25_p75"]]


def test_the_same_text_twice_on_a_line_needs_occurrence_two(tmp_path):
    first = figure(as_printed="top 12", topic="ranking", statistic="rank", line="7")
    table = figures(tmp_path, first, {**first, "figure_id": "F002", "occurrence": "2"})
    assert len(table) == 2
    with pytest.raises(DataError) as error:
        figures(tmp_path, first, {**first, "figure_id": "F002"})
    assert "data rows 1 and 2 (F001 and F002)" in str(error.value) and "occurrence='1' twice" in str(error.value)


@pytest.mark.parametrize("change, column, message", [
    ({"as_printed": "$27.92 / hr $58.08 / hr"}, "as_printed", "two different printed units"),
    ({"as_printed": "$37,710xyz", "unit_if_unprinted": "usd_per_year", "statistic": "mean"}, "as_printed", "found 'xyz'"),
    ({"line": "thirty"}, "line", "1-based line number"),
    ({"line": "0"}, "line", "1-based line number"),
    ({"guide_file": "guide.txt"}, "guide_file", "guide file name"),
    ({"guide_file": "009_0123456789abcdef.txt"}, "guide_file", "a guide listed in sources.csv"),
    ({"topic": "salary"}, "topic", "expected one of"),
    ({"statistic": "average"}, "statistic", "expected one of"),
    ({"period_as_printed": "in 13"}, "period_as_printed", "expected a year"),
    ({"as_printed": "186,300"}, "as_printed", "cannot tell"),
    ({"occurrence": "0"}, "occurrence", "expected 1 for the first appearance"),
    ({"occurrence": "first"}, "occurrence", "expected 1 for the first appearance"),
    ({"occurrence": "2"}, "occurrence", "expected occurrence 1"),
    ({"statistic": "employment"}, "statistic", "can be in usd_per_hour"),
    ({"as_printed": "$20 to $30 an hour", "statistic": "median"}, "statistic", "expected 'range' for a pay range"),
    ({"as_printed": "$20 an hour", "statistic": "range"}, "statistic", "other than 'range'"),
    ({"as_printed": "$20 an hour", "statistic": "range_p25_p75"}, "statistic", "other than 'range' (or a range of named percentiles)"),
    ({"as_printed": "40%", "statistic": "employment_share", "subject": "schools"}, "subject", "work setting named in occupation.toml"),
])
def test_bad_rows_name_file_row_column_and_expectation(tmp_path, change, column, message):
    rows = [GOOD, figure(figure_id="F002", **{"line": "31", **change})]
    with pytest.raises(DataError) as error:
        figures(tmp_path, *rows, guides=GUIDES)
    text = str(error.value)
    assert "guide_figures.csv data row 2" in text, text
    assert f"column '{column}'" in text
    assert message in text


def test_a_share_of_a_known_setting_is_read(tmp_path):
    table = figures(tmp_path, figure(as_printed="more than one-quarter", topic="work_setting", statistic="employment_share", subject="Hospitals"))
    assert (table["value"].iloc[0], table["qualifier"].iloc[0]) == (25, "more than")


def test_missing_column_empty_cell_and_duplicate_ids(tmp_path):
    with pytest.raises(DataError, match=r"expected columns \['subject'\]"):
        figures(tmp_path, {k: v for k, v in GOOD.items() if k != "subject"})
    with pytest.raises(DataError, match="data row 1, column 'description': expected a value, found an empty cell"):
        figures(tmp_path, figure(description=" "))
    with pytest.raises(DataError, match=r"data rows 1 and 2: expected one row per \(figure_id\), found figure_id='F001' twice"):
        figures(tmp_path, GOOD, figure(line="31"))


# Guide pay, education, claims, exclusions -------------------------------------------------------

def test_guide_wages_area_and_setting(tmp_path):
    rows = [figure(),
            figure(figure_id="F002", as_printed="$26.04 / hr $54,170 / yr", subject="Salinas, CA (metro area)"),
            figure(figure_id="F003", as_printed="$42,000", unit_if_unprinted="usd_per_year", subject="hospitals", statistic="median"),
            figure(figure_id="F004", as_printed="$800 a week", subject="medical records technicians, United States", statistic="mean"),
            figure(figure_id="F005", as_printed="two", unit_if_unprinted="programs", topic="education", statistic="count", subject="x")]
    wages = clean.build_guide_wages(figures(tmp_path, *rows), OCC)
    assert list(wages["figure_id"]) == ["F001", "F001", "F002", "F002", "F003", "F004"]  # every money unit, the count left out
    assert list(zip(wages["area_type"], wages["area"], wages["setting"]))[::2][:2] == [("state", "New Jersey", "all"),
                                                                                      ("metro", "Salinas, CA", "all")]
    assert tuple(wages.iloc[4][["area_type", "area", "setting"]]) == ("national", "United States", "hospitals")
    assert tuple(wages.iloc[5][["area_type", "setting", "unit"]]) == ("national", "all", "usd_per_week")


EDUCATION = {"statement_id": "E001", "guide_file": GUIDE, "line": "46", "as_printed": "complete a certificate",
             "route": "postsecondary_certificate", "stance": "required", "description": "a certificate is the step"}


def test_guide_education(tmp_path):
    table = clean.build_guide_education(write_rows(tmp_path, [EDUCATION], "e.csv"), GUIDES)
    assert (table["route_label"].iloc[0], table["source_key"].iloc[0]) == ("Postsecondary certificate", f"{GUIDE}#L46")
    other = {**EDUCATION, "statement_id": "E002", "as_printed": "an associate's degree", "route": "associate_degree"}
    for change, message in [({"route": "phd"}, "data row 2 .*column 'route': expected one of"),
                            ({"stance": "maybe"}, "data row 2 .*column 'stance'"),
                            ({"statement_id": "E001"}, r"data rows 1 and 2: expected one row per \(statement_id\)"),
                            ({"as_printed": EDUCATION["as_printed"], "route": EDUCATION["route"]}, r"data rows 1 and 2 \(E001 and E002\)")]:
        with pytest.raises(DataError, match=message):
            clean.build_guide_education(write_rows(tmp_path, [EDUCATION, {**other, **change}], "e.csv"), GUIDES)
    assert len(clean.build_guide_education(write_rows(tmp_path, [EDUCATION, other], "e.csv"), GUIDES)) == 2


CLAIM = {"claim_id": "C001", "guide_file": GUIDE, "line": "30", "as_printed": "New Jersey", "topic": "pay", "check": "area_pay_list",
         "figure_ids": "F001", "claim": "New Jersey pays best"}


def test_guide_claims(tmp_path):
    known = figures(tmp_path, GOOD)
    table = clean.build_guide_claims(known, write_rows(tmp_path, [CLAIM, {**CLAIM, "claim_id": "C002", "check": "wage", "figure_ids": ""}], "c.csv"))
    assert table["figure_ids"].tolist()[0] == "F001" and pd.isna(table["figure_ids"].iloc[1])  # empty: none, not ""
    with pytest.raises(DataError, match="data row 1 .*column 'figure_ids': expected figure ids .* found 'F999'"):
        clean.build_guide_claims(known, write_rows(tmp_path, [{**CLAIM, "figure_ids": "F001;F999"}], "c.csv"))
    with pytest.raises(DataError, match=r"data rows 1 and 2 \(C001 and C002\)"):
        clean.build_guide_claims(known, write_rows(tmp_path, [CLAIM, {**CLAIM, "claim_id": "C002"}], "c.csv"))


def test_exclusions(tmp_path):
    known = figures(tmp_path, GOOD)
    reason = "x" * clean.MIN_REASON_LENGTH  # exactly the shortest reason allowed
    ok = {"guide_file": GUIDE, "line": "44", "reason": reason}
    assert len(clean.check_exclusions(write_rows(tmp_path, [ok], "x.csv"), known, GUIDES)) == 1
    for rows, message in [([{**ok, "reason": reason[:-1]}], "data row 1 .*at least 20 characters"),
                          ([ok, ok], r"data rows 1 and 2: expected one row per \(guide_file, line\)"),
                          ([{**ok, "line": "30"}], "data row 1 .*not also transcribed")]:
        with pytest.raises(DataError, match=message):
            clean.check_exclusions(write_rows(tmp_path, rows, "x.csv"), known, GUIDES)


def test_unchecked_sentences(tmp_path):
    reason = "x" * clean.MIN_REASON_LENGTH  # exactly the shortest reason allowed
    ok = {"guide_file": GUIDE, "line": "12", "as_printed": "an office", "kind": "no_reference_data", "description": "Works in an office",
          "reason": reason}
    table = clean.build_unchecked_sentences(write_rows(tmp_path, [ok, {**ok, "as_printed": "a desk"}], "u.csv"), GUIDES)
    assert table["source_key"].tolist() == [f"{GUIDE}#L12"] * 2 and str(table["line"].dtype) == "Int64"
    for rows, message in [([{**ok, "reason": reason[:-1]}], "u.csv data row 1 .*column 'reason': expected a reason of at least 20"),
                          ([{**ok, "kind": "boring"}], "data row 1 .*column 'kind': expected one of .*found 'boring'"),
                          ([ok, ok], r"data rows 1 and 2: expected one row per \(guide_file, line, as_printed\)"),
                          ([{**ok, "description": ""}], "data row 1.*description"),
                          ([{**ok, "line": "0"}], "data row 1 .*column 'line': expected a 1-based line number"),
                          ([{**ok, "guide_file": "009_aaaaaaaaaaaaaaaa.txt"}], "data row 1, column .guide_file.: expected a guide listed")]:
        with pytest.raises(DataError, match=message):
            clean.build_unchecked_sentences(write_rows(tmp_path, rows, "u.csv"), GUIDES)


# OEWS --------------------------------------------------------------------------------------------

def oews_row(yr, mean=20.0, p10=12.0, median=19.0, p90=30.0, employment="200000", **change):
    row = {"year": str(yr), "soc_code": "29-2071", "occupation_title": "Technicians", COMPARE: "yes", "employment": employment}
    for name, hourly in (("mean", mean), ("p10", p10), ("median", median), ("p90", p90)):
        row[f"{name}_hourly"] = f"{hourly:.2f}"
        row[f"{name}_annual"] = str(round(hourly * 2080, -1))[:-2]  # published to the nearest $10
    return {**row, **change}


def oews(tmp_path, *rows):
    return write_rows(tmp_path, list(rows), "oews.csv")


def test_bls_wages_long_and_typed(tmp_path):
    wages = clean.build_bls_wages(oews(tmp_path, oews_row(2016), oews_row(2017, median_hourly="", median_annual="")), OCC)
    assert len(wages) == 16  # 2 years x 4 statistics x 2 units
    first = wages[(wages["year"] == 2016) & (wages["unit"] == "usd_per_year")]
    assert list(first["statistic"]) == ["mean", "p10", "median", "p90"] and list(first["value"]) == [41600, 24960, 39520, 62400]
    assert wages[(wages["year"] == 2017) & (wages["statistic"] == "median")]["value"].isna().all()  # empty: missing, not zero
    assert set(wages["source_key"]) == {"oews.csv#year=2016", "oews.csv#year=2017"}
    employment = clean.build_bls_employment(oews(tmp_path, oews_row(2016)), OCC)
    assert employment["employment_persons"].tolist() == [200000]


@pytest.mark.parametrize("row_change, message", [
    ({"median_hourly": "12.00", "median_annual": "24960", "p10_hourly": "12.00", "p10_annual": "24960"}, None),   # p10 = median: allowed
    ({"p10_hourly": "19.01", "p10_annual": "39540"}, "column 'median_hourly': expected p10_hourly <= median_hourly, found 19.01 > 19"),
    ({"p90_annual": "39510"}, "column 'p90_annual': expected median_annual <= p90_annual, found 39520 > 39510"),
    ({"mean_annual": str(41600 + 15)}, None),                       # 20.00 x 2,080 = 41,600; 15 within the $15.40 of rounding
    ({"mean_annual": str(41600 - 15)}, None),
    ({"mean_annual": str(41600 + 20)}, "column 'mean_annual': expected about mean_hourly x 2,080 = 41,600"),
    ({"mean_hourly": "0", "mean_annual": "0"}, "column 'mean_hourly': expected a number greater than 0, found 0"),
    ({"employment": "-1"}, "column 'employment': expected a number at least 0, found -1"),
    ({"employment": "0"}, None),                                    # zero jobs is possible; negative is not
    ({"employment": "1.5"}, "column 'employment': expected a number a whole number"),
    ({"employment": ""}, "column 'employment': expected a value"),
    ({"median_annual": "39,520"}, None),                            # thousands separator: fine
    ({"median_annual": "39,52"}, "column 'median_annual': expected a number such as"),
    ({"median_annual": "nan"}, "column 'median_annual': expected a number such as"),
    ({COMPARE: "maybe"}, f"column '{COMPARE}': expected one of ['no', 'partly', 'yes'], found 'maybe'"),
    ({"soc_code": "292071"}, "column 'soc_code': expected an occupation code like 29-2071"),
    ({"year": "17"}, "column 'year': expected a four-digit year from 1900 to 2100, found '17'"),
    ({"year": "1899"}, "column 'year': expected a four-digit year"),
])
def test_oews_thresholds(tmp_path, row_change, message):
    path = oews(tmp_path, oews_row(2016), oews_row(2017, **row_change))
    if message is None:
        clean.build_bls_wages(path, OCC)
        return
    with pytest.raises(DataError) as error:
        clean.build_bls_wages(path, OCC)
    assert "oews.csv data row 2" in str(error.value) and message in str(error.value)


def quartile_row(yr, p25=15.0, p75=24.0, **change):
    row = {"year": str(yr), "soc_code": "29-2071", "status": "re-read"}
    for name, hourly in (("p25", p25), ("p75", p75)):
        row[f"{name}_hourly"] = f"{hourly:.2f}"
        row[f"{name}_annual"] = str(round(hourly * 2080, -1))[:-2]
    return {**row, **change}


def test_published_quartiles_join_the_wage_table_as_p25_and_p75(tmp_path):
    national = oews(tmp_path, oews_row(2016), oews_row(2017))
    quartiles = write_rows(tmp_path, [quartile_row(2017)], "quartiles.csv")
    wages = clean.build_bls_wages(national, OCC, quartiles)
    assert len(wages) == 16 + 4  # one year of p25 and p75, hourly and annual; none invented for 2016
    year = wages[(wages["year"] == 2017) & (wages["unit"] == "usd_per_year")]
    assert list(year["statistic"]) == ["mean", "p10", "p25", "median", "p75", "p90"]
    assert list(year["value"]) == [41600, 24960, 31200, 39520, 49920, 62400]
    quartile = year[year["statistic"] == "p25"].iloc[0]
    assert quartile["source_key"] == "quartiles.csv#year=2017" and quartile["soc_code"] == "29-2071" and quartile[COMPARABLE] == "yes"
    assert quartile["occupation_title"] == "Technicians"
    assert len(clean.build_bls_wages(national, OCC)) == 16  # without the file, the four statistics alone


@pytest.mark.parametrize("row_change, message", [
    ({"p25_hourly": "19.00", "p25_annual": "39520"}, None),                       # p25 = median: allowed
    ({"p25_hourly": "19.01", "p25_annual": "39540"}, "column 'p25_hourly': expected p25_hourly <= median_hourly"),
    ({"p75_hourly": "18.99", "p75_annual": "39500"}, "column 'p75_hourly': expected median_hourly <= p75_hourly"),
    ({"p75_hourly": "30.01", "p75_annual": "62420"}, "column 'p75_hourly': expected p75_hourly <= p90_hourly"),
    ({"p25_hourly": "11.99", "p25_annual": "24940"}, "column 'p25_hourly': expected p10_hourly <= p25_hourly"),
    ({"p25_annual": str(31200 + 16)}, "column 'p25_annual': expected about p25_hourly x 2,080 = 31,200"),
    ({"p25_annual": str(31200 + 15)}, None),
    ({"year": "2018"}, "column 'soc_code': expected a year and code of oews.csv, found 2018 29-2071"),
    ({"soc_code": "29-2072"}, "column 'soc_code': expected a year and code of oews.csv, found 2017 29-2072"),
    ({"status": ""}, "column 'status': expected a value"),
    ({"p75_annual": "0"}, "column 'p75_annual': expected a number greater than 0"),
])
def test_published_quartile_thresholds(tmp_path, row_change, message):
    national = oews(tmp_path, oews_row(2016), oews_row(2017))
    quartiles = write_rows(tmp_path, [quartile_row(2016), quartile_row(2017, **row_change)], "quartiles.csv")
    if message is None:
        clean.build_bls_wages(national, OCC, quartiles)
        return
    with pytest.raises(DataError) as error:
        clean.build_bls_wages(national, OCC, quartiles)
    assert "quartiles.csv data row 2" in str(error.value) and message in str(error.value)


def test_oews_years_unique_and_in_order(tmp_path):
    with pytest.raises(DataError, match=r"data rows 1 and 2: expected one row per \(year\), found year=2016 twice"):
        clean.build_bls_wages(oews(tmp_path, oews_row(2016), oews_row(2016)), OCC)
    with pytest.raises(DataError, match="data row 2, column 'year': expected year to increase down the file .* found 2015 after 2016"):
        clean.build_bls_wages(oews(tmp_path, oews_row(2016), oews_row(2015)), OCC)


# Projections ------------------------------------------------------------------------------------

def projection(base_year, base, projected, change, pct, **extra):
    row = {"vintage": f"{base_year}-{base_year + 10}", "soc_code": "29-2071", "occupation_title": "T", COMPARE: "yes",
           "base_year": str(base_year), "target_year": str(base_year + 10), "base_employment_thousands": base,
           "projected_employment_thousands": projected, "change_thousands": change, "pct_change": pct,
           "all_occupations_pct_change": "7.4", "status": "s"}
    return {**row, **extra}


@pytest.mark.parametrize("row, message", [
    (projection(2016, "206.3", "234.1", "27.8", "13.5"), None),         # 27.8 / 206.3 = 13.48%
    (projection(2016, "206.3", "234.1", "27.8", "13"), None),           # printed to a whole percent: 12.5 to 13.5 includes 13.48
    (projection(2016, "206.3", "234.2", "27.8", "13.5"), None),         # 234.2 - 206.3 = 27.9: 0.1 off, within rounding
    (projection(2016, "206.3", "234.3", "27.8", "13.5"), "column 'change_thousands': expected projected - base = 28.0"),
    (projection(2016, "206.3", "", "27.8", "13.5"), None),
    (projection(2016, "206.3", "", "", "13.5"), None),                  # nothing to check the percent against
    (projection(2016, "206.3", "234.1", "27.8", "13.6"), "column 'pct_change': expected a percent that rounds from change / base"),
    # change / base can be 27.75 / 206.35 = 13.448% to 27.85 / 206.25 = 13.503%: a printed 14 (13.5 to 14.5) just fits, 15 does not
    (projection(2016, "206.3", "234.1", "27.8", "14"), None),
    (projection(2016, "206.3", "234.1", "27.8", "15"), "column 'pct_change'"),
    (projection(2016, "206.3", "234.1", "27.8", "13.5", vintage="2016-2027"), "column 'vintage': expected '2016-2026'"),
    (projection(2016, "206.3", "234.1", "27.8", "13.5", target_year="2016", vintage="2016-2016"), "column 'target_year'"),
    (projection(2016, "-1", "234.1", "27.8", "13.5"), "column 'base_employment_thousands': expected a number at least 0"),
])
def test_projection_thresholds(tmp_path, row, message):
    path = write_rows(tmp_path, [projection(2014, "188.6", "217.6", "29.0", "15.4"), row], "p.csv")
    if message is None:
        table = clean.build_bls_projections(path, OCC)
        assert list(table["source_key"]) == ["p.csv#vintage=2014-2024", f"p.csv#vintage={row['vintage']}"]
        return
    with pytest.raises(DataError) as error:
        clean.build_bls_projections(path, OCC)
    assert "p.csv data row 2" in str(error.value) and message in str(error.value)


def test_projection_vintages_unique_and_in_order(tmp_path):
    first = projection(2014, "188.6", "217.6", "29.0", "15.4")
    with pytest.raises(DataError, match=r"data rows 1 and 2: expected one row per \(vintage\)"):
        clean.build_bls_projections(write_rows(tmp_path, [first, first], "p.csv"), OCC)
    with pytest.raises(DataError, match="data row 2, column 'base_year': expected base_year to increase"):
        clean.build_bls_projections(write_rows(tmp_path, [first, projection(2012, "186.3", "", "", "22")], "p.csv"), OCC)


# Handbook editions and key phrases -------------------------------------------------------------

def edition(name, wage_year="2012", period="2012-2022", pct="22", **extra):
    row = {"edition": name, "wage_year": wage_year, "employment_year": wage_year, "typical_entry_education": "postsecondary nondegree award",
           "education_wording": "w", "median_annual_pay": "34160", "employment": "186300", "projection_period": period,
           "projection_pct": pct, "status": "s"}
    return {**row, **extra}


@pytest.mark.parametrize("row, message", [
    (edition("2016-17", wage_year="2016"), None),                    # data of the edition's first year: allowed
    (edition("2016-17", wage_year="2017"), "column 'wage_year': expected a year no later than the edition's first year 2016"),
    (edition("2016-18"), "column 'edition': expected a Handbook edition like 2014-15"),
    (edition("1999-00", wage_year="1998"), None),                    # 1999 + 1 = 2000: '00'
    (edition("2016-17", period="", pct=""), None),
    (edition("2016-17", pct=""), "column 'projection_pct': expected a projection period and a percent together"),
    (edition("2016-17", period="2026-2016"), "column 'projection_period': expected the period to start before it ends"),
    (edition("2016-17", median_annual_pay="0"), "column 'median_annual_pay': expected a number greater than 0"),
])
def test_ooh_edition_thresholds(tmp_path, row, message):
    rows = [edition("1998-99", wage_year="1996"), row] if row["edition"] == "1999-00" else [edition("2014-15"), row]
    path = write_rows(tmp_path, rows, "ooh.csv")
    if message is None:
        assert len(clean.build_bls_ooh_editions(path)) == 2
        return
    with pytest.raises(DataError) as error:
        clean.build_bls_ooh_editions(path)
    assert "ooh.csv data row 2" in str(error.value) and message in str(error.value)


def test_ooh_editions_unique_and_in_order(tmp_path):
    with pytest.raises(DataError, match=r"data rows 1 and 2: expected one row per \(edition\)"):
        clean.build_bls_ooh_editions(write_rows(tmp_path, [edition("2014-15"), edition("2014-15")], "ooh.csv"))
    with pytest.raises(DataError, match="data row 2, column 'edition': expected edition to increase"):
        clean.build_bls_ooh_editions(write_rows(tmp_path, [edition("2014-15"), edition("2012-13", wage_year="2010")], "ooh.csv"))


def phrase(edition_name, key, low, high):
    return {"edition": edition_name, "projection_period": "2008-2018", "key_phrase": key, "min_pct_change": low,
            "max_pct_change": high, "source": "Handbook", "status": "read"}


def test_key_phrases(tmp_path):
    rows = [phrase("2010-11", "much faster than average", "20", ""), phrase("2010-11", "about as fast", "7", "7"),  # min = max: allowed
            phrase("2010-11", "decline rapidly", "", "-10")]
    table = clean.build_ooh_key_phrases(write_rows(tmp_path, rows, "k.csv"))
    assert pd.isna(table["max_pct_change"].iloc[0]) and table["min_pct_change"].iloc[2] is pd.NA  # open bounds stay open
    assert table["projection_start"].tolist() == [2008] * 3
    for bad, message in [([*rows, phrase("2010-11", "slow", "3", "2.9")], "data row 4, column 'max_pct_change': expected 'min_pct_change' <= "),
                         ([*rows, phrase("2010-11", "slow", "", "")], "data row 4, column 'max_pct_change': expected at least one"),
                         ([*rows, rows[0]], r"data rows 1 and 4: expected one row per \(edition, key_phrase\)"),
                         ([*rows, phrase("2008-09", "slow", "3", "6")], "data row 4, column 'edition': expected edition to not decrease")]:
        with pytest.raises(DataError, match=message):
            clean.build_ooh_key_phrases(write_rows(tmp_path, bad, "k.csv"))


def wording_row(edition_name, period, pct, average, words):
    return {"edition": edition_name, "projection_period": period, "pct_change": pct, "all_occupations_pct_change": average,
            "handbook_wording": words, "source": "Handbook", "status": "read"}


def test_growth_wording(tmp_path):
    rows = [wording_row("2012-13", "2010-2020", "21", "14", "faster than the average"),
            wording_row("2014-15", "2012-2022", "22", "10.8", "much faster than the average"),
            wording_row("2016-17", "2014-2024", "6.6", "6.5", "Faster than average")]  # just above the average: allowed
    table = clean.build_ooh_growth_wording(write_rows(tmp_path, rows, "w.csv"))
    assert table.columns.tolist() == ["edition", "projection_start", "projection_end", "pct_change", "all_occupations_pct_change",
                                      "handbook_wording", "source", "status", "source_key"]
    assert table["projection_start"].tolist() == [2010, 2012, 2014] and table["pct_change"].tolist() == [21.0, 22.0, 6.6]
    assert table["source_key"].iloc[1] == "w.csv#edition=2014-15"
    for bad, message in [
        ([*rows[:2], wording_row("2016-17", "2014-2024", "6.5", "6.5", "faster than average")],  # at the average: not faster
         "data row 3, column 'handbook_wording': expected words that put 6.5% on its side of the all-occupations 6.5%"),
        ([*rows[:2], wording_row("2016-17", "2014-2024", "7", "6.5", "more slowly than average")],
         "data row 3, column 'handbook_wording': expected words that put 7% on its side"),
        ([*rows[:2], wording_row("2016-17", "2014-2024", "6", "6.5", "grows briskly")], "data row 3, column 'handbook_wording': no growth"),
        ([*rows[:2], wording_row("2016-17", "2014-2024", "8", "0", "faster")], "data row 3, column 'all_occupations_pct_change': expected a number greater than 0"),
        ([*rows[:2], wording_row("2016-17", "2024-2014", "8", "5", "faster")], "data row 3, column 'projection_period'"),
        ([*rows[:2], wording_row("2016-17", "2014", "8", "5", "faster")], "data row 3, column 'projection_period': expected a projection period"),
        ([rows[1], rows[0]], "data row 2, column 'edition': expected edition to increase"),
        ([*rows, rows[0]], r"data rows 1 and 4: expected one row per \(edition\)"),
        ([{**rows[0], "handbook_wording": ""}], "data row 1, column 'handbook_wording': expected a value")]:
        with pytest.raises(DataError, match=message):
            clean.build_ooh_growth_wording(write_rows(tmp_path, bad, "w.csv"))


# Industry shares, CPI, all-occupations pay, education costs -------------------------------------

def industry(year, setting, employment="", share="", hourly="", annual="", status="s"):
    return {"year": str(year), "source_kind": "OES", "setting": setting, "employment": employment, "share_of_occupation_pct": share,
            "mean_hourly": hourly, "mean_annual": annual, "status": status}


def test_employment_by_setting_computes_shares(tmp_path):
    rows = [industry(2011, "General medical and surgical hospitals", "67340", "", "18.25", "37960", "(occupation total that year: 180280)"),
            industry(2016, "Offices of physicians", "", "19"),
            industry(2016, "Hospitals; state local and private", "", "100")]             # 100%: the top of the range
    known = figures(tmp_path, figure(as_printed="40%", topic="work_setting", statistic="employment_share", subject="hospitals"))
    table = clean.build_employment_by_setting(known, write_rows(tmp_path, rows, "i.csv"), OCC)
    # 67,340 / 180,280 = 37.353...% -> 37.4
    assert table["share_pct"].tolist() == [37.4, 19, 100, 40]
    assert table["share_computed"].tolist() == [True, False, False, False]
    assert table["setting"].tolist() == ["hospitals", "offices_of_physicians", "hospitals", "hospitals"]
    assert table["source_kind"].tolist() == ["bls", "bls", "bls", "guide"]


@pytest.mark.parametrize("row, message", [
    (industry(2016, "Offices of physicians", "", "100.1"), "data row 2, column 'share_of_occupation_pct': expected a number at most 100"),
    (industry(2016, "Schools", "", "5"), "data row 2, column 'setting': expected a setting named in occupation.toml"),
    (industry(2016, "General medical and surgical hospitals", "", "5"), r"data rows 1 and 2: expected one row per \(year, setting_key\)"),
    (industry(2015, "Offices of physicians", "", "5"), "data row 2, column 'year': expected year to not decrease"),
    (industry(2016, "Offices of physicians", "10", ""), "data row 2, column 'share_of_occupation_pct': expected either a share"),
    (industry(2016, "Offices of physicians", "200000", "", status="(occupation total that year: 180280)"),
     "data row 2, column 'employment': expected at most the occupation total 180,280"),
    (industry(2016, "Offices of physicians", "", "5", "14.48", "30140"), "data row 2, column 'mean_annual': expected about"),  # 30,118 + 22
])
def test_industry_thresholds(tmp_path, row, message):
    rows = [industry(2016, "Hospitals; state local and private", "", "36"), row]
    with pytest.raises(DataError, match=message):
        clean.build_employment_by_setting(figures(tmp_path, GOOD), write_rows(tmp_path, rows, "i.csv"), OCC)


def test_cpi(tmp_path):
    table = clean.build_cpi(write_rows(tmp_path, [{"year": "2016", "cpi_u": "240.007"}, {"year": "2017", "cpi_u": "0.001"}], "cpi.csv"))
    assert table["cpi_u_index_1982_84_100"].tolist() == [240.007, 0.001] and table["source_key"].iloc[1] == "cpi.csv#year=2017"
    for rows, message in [([{"year": "2016", "cpi_u": "0"}], "data row 1, column 'cpi_u': expected a number greater than 0"),
                          ([{"year": "2016", "cpi_u": "1"}, {"year": "2016", "cpi_u": "2"}], r"data rows 1 and 2: expected one row per \(year\)"),
                          ([{"year": "2016", "cpi_u": "1"}, {"year": "2015", "cpi_u": "2"}], "data row 2, column 'year': expected year to increase")]:
        with pytest.raises(DataError, match=message):
            clean.build_cpi(write_rows(tmp_path, rows, "cpi.csv"))


def test_all_occupations_pay(tmp_path):
    row = {"year": "2012", "statistic": "median", "annual_usd": "34750", "source": "OOH", "status": "read"}
    table = clean.build_all_occupations_pay(write_rows(tmp_path, [row, {**row, "statistic": "mean"}], "a.csv"))
    assert table["source_key"].tolist() == ["a.csv#year=2012&statistic=median", "a.csv#year=2012&statistic=mean"]
    for rows, message in [([row, row], r"data rows 1 and 2: expected one row per \(year, statistic\)"),
                          ([{**row, "statistic": "mode"}], "data row 1, column 'statistic': expected one of \\['mean', 'median'\\]"),
                          ([{**row, "annual_usd": "-5"}], "data row 1, column 'annual_usd': expected a number greater than 0")]:
        with pytest.raises(DataError, match=message):
            clean.build_all_occupations_pay(write_rows(tmp_path, rows, "a.csv"))


def cost(measure, value, unit="months", group="g", period=""):
    return {"measure": measure, "group": group, "value": value, "unit": unit, "period": period, "source": "s", "status": "s"}


def test_education_costs(tmp_path):
    rows = [cost("program_length", "9-12"), cost("program_length", "24", group="h"), cost("tuition", "3,560", "usd_per_year"),
            cost("training", "some words", "category"), cost("program_length", "12-12", group="i")]
    table = clean.build_education_costs(write_rows(tmp_path, rows, "c.csv"))
    assert list(zip(table["value_min"], table["value_max"])) == [(9, 12), (24, 24), (3560, 3560), (12, 12)]  # the words row stays raw
    assert table["source_key"].tolist() == ["c.csv#row=1", "c.csv#row=2", "c.csv#row=3", "c.csv#row=5"]
    for bad, message in [(cost("x", "12-9"), "data row 6, column 'value': expected the low end of the range first"),
                         (cost("x", "-3"), "data row 6, column 'value': expected a number at least 0"),
                         (cost("x", "9 to 12"), "data row 6, column 'value': expected a number"),
                         (cost("x", "9", "weeks"), "data row 6, column 'unit': expected one of"),
                         (rows[0], r"data rows 1 and 6: expected one row per \(measure, group, period\)")]:
        with pytest.raises(DataError, match=message):
            clean.build_education_costs(write_rows(tmp_path, [*rows, bad], "c.csv"))


# Sources and the whole layer --------------------------------------------------------------------

def test_listed_guides_are_read_from_sources(tmp_path):
    row = {"source_id": f"guide:{GUIDE}", "kind": "guide", "path": f"../shared/guides/{GUIDE}", "origin": "o", "covers": "c", "sha256": "a" * 64}
    assert clean.listed_guides(write_rows(tmp_path, [row], "sources.csv")) == [GUIDE]
    for change, message in [({"sha256": ""}, "column 'sha256': expected the SHA-256"), ({"sha256": "A" * 64}, "64 lower-case hex"),
                            ({"source_id": "guide:notes.txt"}, "column 'source_id'"), ({"kind": "book"}, "column 'kind'")]:
        with pytest.raises(DataError, match=message):
            clean.listed_guides(write_rows(tmp_path, [{**row, **change}], "sources.csv"))


def test_the_real_raw_layer_passes_and_keeps_missing_values_missing():
    checked = clean.check_raw_layer()
    assert paths.relative(paths.GUIDE_FIGURES) in checked and paths.relative(paths.OCCUPATION) in checked
    tables = clean.build_all()
    for name, table in tables.items():
        assert table["source_key"].notna().all() and (table["source_key"].str.len() > 5).all(), name
    row = tables["bls_projections.csv"].set_index("vintage").loc["2012-2022"]
    assert pd.isna(row["projected_employment_thousands"])  # empty in the reference: not found, not zero
    assert not (tables["figures.csv"]["year_start"] == 0).any()


def test_real_data_verdicts_computed_by_the_code():
    """Counts from the real transcription, computed by calling the code (not read from committed CSVs)."""
    items = clean.build_all()["figures.csv"].drop_duplicates("figure_id")
    assert len(items) == 49
    assert int(items["numbering"].sum()) == 10       # the "1." to "5." markers of the two top-five lists
    statistics = items[~items["numbering"]]
    assert int(statistics["year_start"].isna().sum()) == 28   # 38 items print no year; 10 of them are numbering
    shares = clean.build_all()["employment_by_setting.csv"]
    assert shares[(shares["year"] == 2011) & (shares["setting"] == "hospitals")]["share_pct"].iloc[0] == round(100 * 67340 / 180280, 1)


# Reading raw files --------------------------------------------------------------------------------

def test_read_raw_csv_faults(tmp_path):
    path = tmp_path / "t.csv"
    for data, message in [(b"\xef\xbb\xbfa,b\n1,2\n", "byte-order mark"), (b"a,b\n1,caf\xe9\n", "file line 2: expected UTF-8 text, found the byte 0xe9"),
                          (b"a,b\n1,2,3\n", re.escape("data row 1 (file line 2): expected 2 cells as in the header, found 3")),
                          (b"a,b\n1\n", "expected 2 cells"), (b"a,a\n1,2\n", "each column once"), (b"", "empty file"),
                          (b'a,b\n"1,2\n', "well-formed CSV")]:
        path.write_bytes(data)
        with pytest.raises(DataError, match=message):
            read_raw_csv(path, ["a"])
    with pytest.raises(DataError, match="file not found"):
        read_raw_csv(tmp_path / "nope.csv", ["a"])
    path.write_bytes(b"a,b\n\n 1 ,\n")  # blank lines skipped, cells kept exactly as written
    assert read_raw_csv(path, ["a"]).to_dict("records") == [{"a": " 1 ", "b": ""}]
    path.write_bytes(b"a,b\n")
    assert list(read_raw_csv(path, ["a", "b"]).columns) == ["a", "b"]


@pytest.mark.parametrize("text, value", [("", None), (" ", None), ("34970", 34970), ("34,970", 34970), ("18.13", 18.13), ("-2", -2),
                                         ("1,234,567.5", 1234567.5)])
def test_to_number(text, value):
    assert to_number(text, paths.CPI_U, 1, "x") == value


@pytest.mark.parametrize("text", ["37,71", "nan", "inf", "1e5", "34,97O", ".5", "5.", "--5", "1 000"])
def test_to_number_refuses(text):
    with pytest.raises(DataError, match="data row 3, column 'x': expected a number such as"):
        to_number(text, paths.CPI_U, 3, "x")


def test_failed_write_leaves_no_partial_file(tmp_path):
    class Boom(pd.DataFrame):
        def to_csv(self, *args, **kwargs):
            with open(args[0], "w") as handle:
                handle.write("half")
            raise RuntimeError("disk full")

    target = tmp_path / "out.csv"
    target.write_text("old\n")
    with pytest.raises(RuntimeError):
        write_csv(Boom({"a": [1]}), target)
    assert target.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_printed_form_from_the_structured_columns(tmp_path):
    rows = [figure(as_printed="1.", unit_if_unprinted="rank", topic="ranking", statistic="rank"),           # list numbering
            figure(figure_id="F002", as_printed="a matter of months", topic="education", statistic="duration"),
            figure(figure_id="F003"),                                                                      # pay pair: two rows
            figure(figure_id="F004", as_printed="$20 to $30 an hour", statistic="range"),
            figure(figure_id="F005", as_printed="about 28,000", unit_if_unprinted="jobs", topic="outlook", statistic="projected_change"),
            figure(figure_id="F006", as_printed="two", unit_if_unprinted="programs", topic="education", statistic="count"),
            figure(figure_id="F007", as_printed="top 12", topic="ranking", statistic="rank"),               # a qualifier ("top")
            figure(figure_id="F008", as_printed="40%", topic="work_setting", statistic="employment_share", subject="hospitals")]
    table = figures(tmp_path, *[{**row, "line": str(30 + i)} for i, row in enumerate(rows)])
    assert clean.printed_form(table).tolist() == ["list numbering", "no number, only words", "pay in two units", "pay in two units",
                                                 "range", "range", "with a qualifier", "number in words", "with a qualifier", "plain number"]
    assert set(clean.printed_form(table)) == set(clean.PRINTED_FORMS)
