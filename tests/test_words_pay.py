"""The pay notebook's sentences (src/mrt/words/salaries.py, notebook 02-salaries), tested directly: both sides of each threshold,
both directions of each change, and the house rule for a finding (a first sentence of at most 35 words with its point in
the first 20, at most one more sentence of at most 25 words)."""

import re

import pytest

from mrt import words

NAME = "dental hygienists"  # any occupation's name: the sentences take it from occupation.toml, never type it
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"])")


def sentences(text: str) -> list[str]:
    return SENTENCE_END.split(text.strip())


def assert_reads_as_a_finding(text: str, point: str) -> None:
    parts = sentences(text)
    assert 1 <= len(parts) <= 2, parts
    first = parts[0].split()
    assert len(first) <= 35, f"{len(first)} words: {parts[0]}"
    assert point in " ".join(first[:20]), f"the point {point!r} is not in the first 20 words: {parts[0]}"
    if len(parts) == 2:
        assert len(parts[1].split()) <= 25, parts[1]


# Generic pieces of the section --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [(24.7, "25%"), (-7.04, "7%"), (0.94, "0.9%"), (0.96, "1%"), (0.34, "0.3%"), (0, "0.0%")])
def test_reader_percent_whole_percents_and_a_decimal_under_one(value, expected):
    assert words.reader_percent(value) == expected


@pytest.mark.parametrize("low, high, expected", [(7.6, 9.3, "8% to 9%"), (7.6, 8.4, "about 8%"), (3.15, 4.34, "3% to 4%")])
def test_percent_span(low, high, expected):
    assert words.percent_span(low, high) == expected


@pytest.mark.parametrize("change, expected", [(8.3, "rose 8%"), (-7.0, "fell 7%"), (0, "did not change"), (-0.2, "fell 0.2%")])
def test_moved_takes_its_direction_from_the_sign(change, expected):
    assert words.moved(change) == expected


# Range ends and undated figures ----------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ((6, 6, 8, 8, [2017]), "All six pay-range ends the guides print are BLS's 10th and 90th percentiles, not the lowest and highest pay. "
                           "All eight undated national pay figures are BLS figures for May 2017."),
    ((5, 6, 8, 7, [2016, 2017]), "Five of the six pay-range ends the guides print are BLS's 10th and 90th percentiles, not the lowest and "
                                 "highest pay. Seven of the eight undated national pay figures match BLS figures for May 2016 and May 2017."),
    ((0, 6, 2, 0, []), "None of the six pay-range ends the guides print is a BLS 10th or 90th percentile. "
                       "None of the two undated national pay figures matches a BLS figure."),
    ((2, 2, 0, 0, []), "Both pay-range ends the guides print are BLS's 10th and 90th percentiles, not the lowest and highest pay."),
    ((1, 1, 1, 1, [2017]), "The one pay-range end the guides print is a BLS 10th or 90th percentile, not the lowest or highest pay. "
                           "The one undated national pay figure is a BLS figure for May 2017."),
    ((0, 1, 1, 0, []), "The one pay-range end the guides print is not a BLS 10th or 90th percentile. "
                       "The one undated national pay figure matches no BLS figure."),
    ((0, 0, 0, 0, []), "The guides print no pay range."),
])
def test_range_ends_sentence_counts_from_the_rows(args, expected):
    text = words.range_ends_sentence(*args)
    assert text == expected
    assert_reads_as_a_finding(text, "percentile" if args[1] else "pay range")


# Real pay ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("nominal, real, expected", [
    (24.7, 8.3, "Most of the 25% rise in the median pay of dental hygienists from 2010 to 2018 was inflation: after "
                "inflation it rose 8%."),
    (20.0, 9.9, "Most of the 20% rise in the median pay of dental hygienists from 2010 to 2018 was inflation: after "
                "inflation it rose 10%."),                                                     # just below half the rise
    (20.0, 10.0, "The median pay of dental hygienists rose 20% from 2010 to 2018, and rose 10% after inflation: most of "
                 "the rise beat inflation."),                                                  # exactly half: not "most was inflation"
    (24.7, -7.0, "Inflation outpaced the 25% rise in the median pay of dental hygienists from 2010 to 2018: after "
                 "inflation it fell 7%."),                                                     # a fall in real terms says "fell"
    (24.7, 0.0, "Most of the 25% rise in the median pay of dental hygienists from 2010 to 2018 was inflation: after "
                "inflation it did not change."),
    (-3.0, -9.0, "The median pay of dental hygienists fell 3% from 2010 to 2018, and fell 9% after inflation."),
    (0.0, -4.0, "The median pay of dental hygienists did not change from 2010 to 2018, and fell 4% after inflation."),
])
def test_real_rise_on_both_sides_of_half_the_rise_and_of_zero(nominal, real, expected):
    text = words.real_rise_sentence(nominal, real, 2010, 2018, NAME)
    assert text == expected + " BLS does not design these estimates for comparing years."
    assert_reads_as_a_finding(text, "inflation" if nominal > 0 and real < nominal / 2 else "pay")
    assert words.real_rise_sentence(nominal, real, 2010, 2018, NAME, caveat=False) == expected
    assert words.mostly_inflation(nominal, real) == (expected.startswith("Most") or expected.startswith("Inflation"))


# Hourly and yearly pairs --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("agree, pairs, expected", [
    (13, 13, "All 13 pairs of hourly and yearly pay the guides print agree, once rounding is allowed for."),
    (12, 13, "One of the 13 pairs of hourly and yearly pay the guides print disagrees by more than rounding allows."),
    (10, 13, "Three of the 13 pairs of hourly and yearly pay the guides print disagree by more than rounding allows."),
    (1, 1, "The one pair of hourly and yearly pay the guides print agrees, once rounding is allowed for."),
    (0, 1, "The one pair of hourly and yearly pay the guides print disagrees by more than rounding allows."),
    (0, 0, "No guide prints the same pay both by the hour and by the year."),
])
def test_pairs_sentence_on_both_sides_of_all_agreeing(agree, pairs, expected):
    text = words.hourly_annual_pairs_sentence(agree, pairs)
    assert text == expected
    assert_reads_as_a_finding(text, "hourly and yearly" if pairs else "hour")


# Mean and median ----------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    ((7.6, 9.3, 9, 0, 9, 2010, 2018), "In each year 2010–2018, the average pay of dental hygienists was 8% to 9% above the median "
                                      "pay. So a guide's \"average salary\" overstates typical pay."),
    ((-9.3, -7.6, 0, 9, 9, 2010, 2018), "In each year 2010–2018, the average pay of dental hygienists was 8% to 9% below the median "
                                        "pay. So a guide's \"average salary\" understates typical pay."),
    ((-1.0, 3.0, 8, 1, 9, 2010, 2018), "The average pay of dental hygienists was above the median pay in eight of the nine years "
                                       "from 2010 to 2018, and below it in one."),
    ((0.0, 3.0, 8, 0, 9, 2010, 2018), "The average pay of dental hygienists was above the median pay in eight of the nine years "
                                      "from 2010 to 2018."),                                   # a year of equal pay is neither
    ((7.6, 7.6, 1, 0, 1, 2017, 2017), "In 2017, the average pay of dental hygienists was about 8% above the median pay. "
                                      "So a guide's \"average salary\" overstates typical pay."),
])
def test_mean_above_median_in_both_directions(args, expected):
    text = words.mean_above_median_sentence(*args, NAME)
    assert text == expected
    assert_reads_as_a_finding(text, "average pay")


# The textbook curve and the modelled quartiles ------------------------------------------------------------------------

@pytest.mark.parametrize("low, high, expected", [
    (3.15, 4.34, "A textbook pay curve through the 10th and 90th percentiles puts the median 3% to 4% too high in each year "
                 "2010–2018. Real pay bunches lower, with a longer tail of high pay."),
    (-4.34, -3.15, "A textbook pay curve through the 10th and 90th percentiles puts the median 3% to 4% too low in each year "
                   "2010–2018."),
    (-2.0, 3.0, "A textbook pay curve through the 10th and 90th percentiles misses the median by up to 3% in each year "
                "2010–2018, in both directions."),
    (0.0, 3.0, "A textbook pay curve through the 10th and 90th percentiles misses the median by up to 3% in each year "
               "2010–2018, in both directions."),                                           # one year exact: not "too high" in every one
])
def test_curve_median_sentence_direction_from_the_signs(low, high, expected):
    text = words.curve_median_sentence(low, high, range(2010, 2019))
    assert text == expected
    assert_reads_as_a_finding(text, "median")


def test_middle_half_sentence_gives_the_published_dollars():
    text = words.middle_half_sentence(2018, 32070.0, 52730.0, NAME)
    assert text == ("The middle half of dental hygienists earned $32,070 to $52,730 a year in 2018, the latest year "
                    "our data hold.")
    assert_reads_as_a_finding(text, "$52,730")


@pytest.mark.parametrize("published, tail", [
    ((30990.0, 51350.0), " For 2017: about $31,400 to $50,900, against BLS's $30,990 to $51,350."),
    (None, " For 2017 it gives about $31,400 to $50,900."),
])
def test_quartile_model_sentence_rounds_modelled_money_to_100(published, tail):
    text = words.quartile_model_sentence(-2.02, [2018, 2010, 2011, 2012, 2013, 2014, 2015, 2016, 2017], 2017, (31384.0, 50869.0), published)
    assert text == ("A pay curve through the 10th, 50th and 90th percentiles comes within about 2% of BLS's published middle half in "
                    "each year 2010–2018." + tail)
    assert_reads_as_a_finding(text, "within about 2%")
    assert words.quartile_model_sentence(0.4, [2018], 2017, (1.0, 2.0), None).startswith(
        "A pay curve through the 10th, 50th and 90th percentiles comes within about 0.4% of BLS's published middle half in 2018.")


def test_years_with_a_gap_are_not_called_every_year():
    text = words.curve_median_sentence(3.15, 4.34, [2010, 2011, 2012, 2014])
    assert text.startswith("A textbook pay curve through the 10th and 90th percentiles puts the median 3% to 4% too high in each of the "
                           "years 2010-2012, 2014.")
    with pytest.raises(ValueError, match="at least one year"):
        words.curve_median_sentence(3.15, 4.34, [])


@pytest.mark.parametrize("recent, tail", [
    ((2021, 2024, -7.04), " Under the newer code, from 2021 to 2024, it fell 7% after inflation."),
    ((2021, 2024, 2.4), " Under the newer code, from 2021 to 2024, it rose 2% after inflation."),
    (None, " BLS does not design these estimates for comparing years."),
])
def test_real_rise_ends_with_the_newer_codes_change_when_there_is_one(recent, tail):
    text = words.real_rise_sentence(24.7, 8.3, 2010, 2018, NAME, recent=recent)
    assert text.endswith(tail) and text.startswith("Most of the 25% rise")
    assert words.real_rise_sentence(24.7, 8.3, 2010, 2018, NAME, caveat=False, recent=recent).endswith("it rose 8%.")
