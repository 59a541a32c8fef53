"""Sentences for partial data (issue 17), src/mrt/words/ (ledger.py and salaries.py, notebooks 01 and 02): counts from rows, notes
that say in plain words what is missing and what therefore cannot be compared, both sides of each threshold."""

import pytest

from mrt import words


# 01-clean ---------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("texts, expected", [([], "every one gives a number"),
                                             (["a matter of months"], "1 gives no number at all (*a matter of months*)"),
                                             (["a few", "many"], "2 give no number at all (*a few*, *many*)")])
def test_no_number_clause(texts, expected):
    assert words.no_number_clause(texts) == expected


@pytest.mark.parametrize("numbering, expected", [(0, "no printed item is list numbering"), (1, "the other 1 printed item is list numbering"),
                                                 (10, "the other 10 printed items are list numbering")])
def test_list_numbering_clause(numbering, expected):
    assert words.list_numbering_clause(numbering) == expected


def test_undated_statistics_sentence_leaves_out_list_numbering_when_there_is_none():
    assert words.undated_statistics_sentence(39, 10, 28) == ("The guides print 39 statistics (10 more items are list numbering); "
                                                             "28 of the 39 statistics carry no year.")
    assert words.undated_statistics_sentence(12, 1, 5) == "The guides print 12 statistics (1 more item is list numbering); 5 of the 12 statistics carry no year."
    assert words.undated_statistics_sentence(12, 0, 5) == "The guides print 12 statistics; 5 of the 12 statistics carry no year."


def test_most_note_says_not_most_only_below_half():
    assert words.most_note(5, 11, "items", False) == "5 of 11 items carry no year, not most"
    assert words.most_note(7, 11, "items", True) == "7 of 11 items carry no year"


def test_reference_code_years_sentence_from_the_rows():
    assert words.reference_code_years_sentence([2014, 2015, 2016, 2018], [2014, 2015, 2016, 2018], "00-0002") == (
        "The OEWS wage table covers 2014-2016, 2018. **Every one of its 4 years publishes the reference code 00-0002**, so the years "
        "can be compared under one code.")
    assert words.reference_code_years_sentence(list(range(2010, 2025)), list(range(2010, 2019)), "29-2071") == (
        "The OEWS wage table covers 2010-2024. **Only 9 of those 15 years publish the reference code 29-2071** (2010-2018); the other "
        "years use a broader group or a split of it, so a trend across them is not like for like.")
    assert words.reference_code_years_sentence([2019, 2020], [], "29-2071").startswith(
        "The OEWS wage table covers 2019-2020. **None of its 2 years publishes the reference code 29-2071**")


# 02-salaries --------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("statistic, expected", [("range", "pay range"), ("mean", "average (mean) pay"),
                                                 ("range_p25_p75", "range from the 25th to the 75th percentile"),
                                                 ("range_p10_p75", "range from the 10th to the 75th percentile")])
def test_printed_name(statistic, expected):
    assert words.printed_name(statistic) == expected


def test_printed_name_refuses_what_is_not_pay():
    with pytest.raises(ValueError, match="expected a pay statistic"):
        words.printed_name("employment")


def test_unpublished_note_names_the_missing_statistic_and_year():
    assert words.unpublished_note(2019, ["p10", "p90"], "range") == (
        "No 10th or 90th percentile is published for 2019, so the pay range printed for that year cannot be compared.")
    assert words.unpublished_note(2015, ["p10"], "range") == (
        "No 10th percentile is published for 2015, so the pay range printed for that year cannot be compared.")
    assert words.unpublished_note(2016, ["mean"], "mean") == (
        "No mean is published for 2016, so the average (mean) pay printed for that year cannot be compared.")


@pytest.mark.parametrize("count, expected", [
    (0, ""),
    (1, "One pay figure printed without a year matches no BLS figure, so its year cannot be told and it is not converted to today's dollars."),
    (2, "Two pay figures printed without a year match no BLS figure, so their years cannot be told and they are not converted to today's dollars.")])
def test_unmatched_undated_note(count, expected):
    assert words.unmatched_undated_note(count) == expected


def test_survey_gaps_note_says_a_gap_is_not_a_code_change():
    assert words.survey_gaps_note([], "00-0002") == ""
    assert words.survey_gaps_note([2017], "00-0002") == "Our BLS table has no survey for 2017: a gap between surveys of the same code 00-0002, not a code change."
    assert words.survey_gaps_note([2017, 2020], "00-0002") == (
        "Our BLS table has no survey for 2017 or 2020: gaps between surveys of the same code 00-0002, not a code change.")
    assert words.survey_gaps_note([2011, 2012, 2013], "X").startswith("Our BLS table has no survey for 2011-2013: gaps")


def test_missing_year_note_says_what_that_year_cannot_show():
    assert words.missing_year_note(2016, ["mean"]) == "No mean is published for 2016, so that year's mean cannot be compared with its median."
    assert words.missing_year_note(2019, ["p10", "p90"]) == "No 10th or 90th percentile is published for 2019, so that year's range cannot be compared."
    assert words.missing_year_note(2019, ["mean", "p10", "p90"]) == (
        "No mean, 10th percentile or 90th percentile is published for 2019, so that year's mean cannot be compared with its median "
        "and that year's range cannot be compared.")
    with pytest.raises(ValueError):
        words.missing_year_note(2019, ["p25"])


@pytest.mark.parametrize("args, expected", [
    ((0, 2, 2, 1, [2018], 0), "Neither of the two pay-range ends the guides print can be checked: BLS publishes no 10th or 90th percentile "
                              "for the year printed. One of the two undated national pay figures matches a BLS figure for May 2018."),
    ((0, 1, 0, 0, [], 0), "The one pay-range end the guides print cannot be checked: BLS publishes no 10th or 90th percentile for the year printed."),
    ((0, 3, 0, 0, [], 0), "None of the three pay-range ends the guides print can be checked: BLS publishes no 10th or 90th percentile for the year printed."),
    ((2, 4, 0, 0, [], 2), "Both pay-range ends the guides print that BLS can check are BLS's 10th and 90th percentiles, not the lowest and highest pay."),
    ((0, 4, 0, 0, [], 2), "None of the two pay-range ends the guides print that BLS can check is a BLS 10th or 90th percentile."),
    ((6, 6, 8, 8, [2017], 6), "All six pay-range ends the guides print are BLS's 10th and 90th percentiles, not the lowest and highest pay. "
                              "All eight undated national pay figures are BLS figures for May 2017."),
])
def test_range_ends_sentence_with_ends_bls_cannot_check(args, expected):
    assert words.range_ends_sentence(*args) == expected


def test_mean_above_median_sentence_names_the_years_compared_when_some_are_missing():
    with_gaps = words.mean_above_median_sentence(5.7, 6.1, 3, 0, 3, 2014, 2021, "practice sorters", [2014, 2019, 2021])
    assert with_gaps.startswith("In each of the years 2014, 2019, 2021, the average pay of practice sorters was about 6% above")
    whole = words.mean_above_median_sentence(7.6, 9.3, 9, 0, 9, 2010, 2018, "dental hygienists", list(range(2010, 2019)))
    assert whole == words.mean_above_median_sentence(7.6, 9.3, 9, 0, 9, 2010, 2018, "dental hygienists")
    assert whole.startswith("In each year 2010–2018, the average pay of dental hygienists was 8% to 9% above")
    below = words.mean_above_median_sentence(-4.0, -1.0, 0, 2, 2, 2014, 2021, "x", [2014, 2021])
    assert below.startswith("In each of the years 2014, 2021, the average pay of x was 1% to 4% below")


def test_pay_not_available_says_what_is_missing():
    statement, missing = words.pay_not_available("pay.middle_half", "dental hygienists")
    assert statement == ("The published pay of the middle half of dental hygienists is not available: our BLS table has no 25th or 75th "
                         "percentile.")
    assert missing == "our BLS table has no 25th or 75th percentile"
    assert words.pay_not_available("pay.quartile_model_check", "x", quartiles_published=True)[1] == words.NO_CURVE_YEAR
    assert words.pay_not_available("pay.quartile_model_check", "x")[1] == "our BLS table has no 25th or 75th percentile"
    for finding_id in words.PAY_FINDINGS_NOT_AVAILABLE:
        assert words.pay_not_available(finding_id, "x")[0].endswith(".")


def test_wage_table_notes_name_the_file_and_what_is_missing():
    import pandas as pd

    from mrt.occupation import COMPARABLE

    def rows(year, code, **values):
        return [{"year": year, "soc_code": code, COMPARABLE: "yes", "statistic": s, "unit": "usd_per_year", "value": v, "source_key": "k"}
                for s, v in values.items()]

    full = dict(p10=1.0, median=2.0, mean=2.5, p90=3.0)
    table = pd.DataFrame(rows(2014, "X", **full) + rows(2016, "X", **{**full, "mean": None}) + rows(2017, "X", **full, p25=1.5, p75=2.7))
    assert words.wage_table_notes(table) == [
        ("bls_oews_national.csv", "Our BLS table has no survey for 2015: a gap between surveys of the same code X, not a code change."),
        ("bls_oews_national.csv", "No mean is published for 2016, so that year's mean cannot be compared with its median.")]
    without_quartiles = table[~table["statistic"].isin(["p25", "p75"])]
    assert words.wage_table_notes(without_quartiles)[-1] == ("bls_oews_quartiles.csv", words.NO_QUARTILES_NOTE)
