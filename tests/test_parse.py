"""Parsers: every printed form they claim, every bad form refused with what was expected, thresholds, and round trips.

Expected values are worked out by hand in the comments; the property tests print a number in one of the
claimed forms with code written independently of the parser, parse it back, and compare.
"""

import math
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrt import parse
from mrt.parse import (MONEY_UNIT_PHRASES, NUMBER_WORD_PATTERN, Observation, ParseError, looks_like_percent, parse_count,
                       parse_duration, parse_item, parse_money, parse_number, parse_number_or_words, parse_number_words,
                       parse_percent, parse_period, parse_rank, split_qualifier)


def read(observations):
    return [(o.part, o.value, o.unit, o.qualifier) for o in observations]


# Money: the forms it claims -------------------------------------------------------------------

@pytest.mark.parametrize("text, hint, expected", [
    ("$27.92 / hr $58,080 / yr", None, [("hourly", 27.92, "usd_per_hour", None), ("annual", 58080, "usd_per_year", None)]),
    ("$32.06 / hr$66,690 / yr", None, [("hourly", 32.06, "usd_per_hour", None), ("annual", 66690, "usd_per_year", None)]),
    ("$20.59 an hour ($42,820 a year)", None, [("hourly", 20.59, "usd_per_hour", None), ("annual", 42820, "usd_per_year", None)]),
    ("$20.59 per hour, $42,820 per year", None, [("hourly", 20.59, "usd_per_hour", None), ("annual", 42820, "usd_per_year", None)]),
    ("$800 a week or $3,466 a month", None, [("weekly", 800, "usd_per_week", None), ("monthly", 3466, "usd_per_month", None)]),
    ("about $20 / hr; $41,600 / yr", None, [("hourly", 20, "usd_per_hour", "about"), ("annual", 41600, "usd_per_year", "about")]),
    ("$42,820 a year", None, [(None, 42820, "usd_per_year", None)]),
    ("$42,820", "usd_per_year", [(None, 42820, "usd_per_year", None)]),
    ("$42820 annually", None, [(None, 42820, "usd_per_year", None)]),
    ("$ 42,820 yearly", None, [(None, 42820, "usd_per_year", None)]),
    ("$42,820 per annum", None, [(None, 42820, "usd_per_year", None)]),
    ("$37,710 per week", None, [(None, 37710, "usd_per_week", None)]),      # the week, never dropped
    ("$700 weekly", None, [(None, 700, "usd_per_week", None)]),
    ("$700 a week", None, [(None, 700, "usd_per_week", None)]),
    ("$700/wk", None, [(None, 700, "usd_per_week", None)]),
    ("$3,000 per month", None, [(None, 3000, "usd_per_month", None)]),
    ("$3,000 monthly", None, [(None, 3000, "usd_per_month", None)]),
    ("$3,000 a month", None, [(None, 3000, "usd_per_month", None)]),
    ("$3,000 / mo", None, [(None, 3000, "usd_per_month", None)]),
    ("$20.59 hourly", None, [(None, 20.59, "usd_per_hour", None)]),
    ("$20.59/hour", None, [(None, 20.59, "usd_per_hour", None)]),
    ("$20.59 AN HOUR", None, [(None, 20.59, "usd_per_hour", None)]),
    ("$46K", "usd_per_year", [(None, 46000, "usd_per_year", None)]),          # 46 x 1,000
    ("$46k a year", None, [(None, 46000, "usd_per_year", None)]),
    ("$46 thousand a year", None, [(None, 46000, "usd_per_year", None)]),
    ("$1.2 million", "usd_per_year", [(None, 1200000, "usd_per_year", None)]),  # 1.2 x 1,000,000
    ("$20.5K a year", None, [(None, 20500, "usd_per_year", None)]),
    ("more than $40,000 a year", None, [(None, 40000, "usd_per_year", "more than")]),
    ("up to $64,610 a year", None, [(None, 64610, "usd_per_year", "up to")]),
    ("between $12.41 and $31.06 an hour", None, [("low", 12.41, "usd_per_hour", None), ("high", 31.06, "usd_per_hour", None)]),
    ("start at $24,000 a year and go up to $61,000 a year", None,
     [("low", 24000, "usd_per_year", None), ("high", 61000, "usd_per_year", "up to")]),
    ("starts at $24,000 and goes up to $61,000 a year", None,
     [("low", 24000, "usd_per_year", None), ("high", 61000, "usd_per_year", "up to")]),
    ("starting at $24,000 and going up to $61,000 a year", None,
     [("low", 24000, "usd_per_year", None), ("high", 61000, "usd_per_year", "up to")]),
    ("as low as $21,000 to as high as $55,000", "usd_per_year",
     [("low", 21000, "usd_per_year", "as low as"), ("high", 55000, "usd_per_year", "as high as")]),
    ("as low as $21,000 to $55,000", "usd_per_year",  # the printed 'as low as' belongs to the low end only
     [("low", 21000, "usd_per_year", "as low as"), ("high", 55000, "usd_per_year", None)]),
    ("about $40,000 to $50,000 a year", None,  # 'about' describes both ends
     [("low", 40000, "usd_per_year", "about"), ("high", 50000, "usd_per_year", "about")]),
    ("from $40K to $50K a year", None, [("low", 40000, "usd_per_year", None), ("high", 50000, "usd_per_year", None)]),
    ("$40,000-$50,000 a year", None, [("low", 40000, "usd_per_year", None), ("high", 50000, "usd_per_year", None)]),
    ("$40,000 – $50,000 a year", None, [("low", 40000, "usd_per_year", None), ("high", 50000, "usd_per_year", None)]),
    ("$40,000—$50,000 a year", None, [("low", 40000, "usd_per_year", None), ("high", 50000, "usd_per_year", None)]),
    ("$12.41 an hour to $31.06", None, [("low", 12.41, "usd_per_hour", None), ("high", 31.06, "usd_per_hour", None)]),
    ("$12.41 an hour to $31.06 an hour", None, [("low", 12.41, "usd_per_hour", None), ("high", 31.06, "usd_per_hour", None)]),
    ("$20 to $20 an hour", None, [("low", 20, "usd_per_hour", None), ("high", 20, "usd_per_hour", None)]),  # equal ends: allowed
])
def test_money_forms(text, hint, expected):
    assert read(parse_money(text, hint)) == expected


@pytest.mark.parametrize("text, hint, message", [
    ("$42.0.00", "usd_per_year", "expected a number such as 186,300 or 20.59, found '42.0.00'"),  # not 42
    ("-$37,710", "usd_per_year", "not negative"),                                                   # not +37,710
    ("$-37,710", "usd_per_year", "expected a dollar amount"),
    ("$37,710xyz", "usd_per_year", "found 'xyz'"),                                                  # not 37,710
    ("$37,710 per fortnight", None, "found 'per fortnight'"),                                       # unknown unit: never dropped
    ("$1.2 billion", "usd_per_year", "found 'billion'"),                                            # unknown scale: never dropped
    ("$1.2M", "usd_per_year", "found 'M'"),
    ("$46Kb", "usd_per_year", "found 'Kb'"),
    ("$1,23 / hr", None, "expected a number"),                                                      # broken thousands separator
    ("$37,71 a year", None, "expected a number"),                                                   # comma decimal
    ("$42,820 a year.", None, "found '.'"),
    ("$20.59", None, "expected a unit"),                                                            # no unit and no hint
    ("$27.92 / hr $58.08 / hr", None, "two different printed units"),
    ("$27.92 $58,080 / yr", None, "two different printed units"),
    ("$27.92 / hr ($58,080 / yr", None, "expected ')'"),
    ("as low as $57,320 to as high as $22,700 a year", None, "low end first"),
    ("$20.01 to $20.00 an hour", None, "found 20.01 > 20"),                                      # one cent the wrong way
    ("$12 an hour to $31 a year", None, "one unit"),
    ("between $12.41 to $31.06 an hour", None, "expected 'and'"),
    ("from $12.41 and $31.06 an hour", None, "expected 'to'"),
    ("between $12.41", "usd_per_hour", "expected a second amount"),
    ("start at $24,000 and rise to $61,000 a year", None, "expected 'and go up to'"),
    ("no money here", None, "expected a dollar amount"),
    ("$42,820 a year $5", None, "two different printed units"),
    ("$5 a year $6 an hour $7 a week", None, "found '$7 a week'"),
    ("$20.59 an hour", "usd_per_year", "agree with the unit printed"),
    ("$40,000 to $50,000 a year", "usd_per_hour", "agree with the unit printed"),
    ("$20 / hr $41,600 / yr", "usd_per_week", "one of the units printed"),
    ("$20.59", "persons", "expected a money unit"),
])
def test_money_bad_input(text, hint, message):
    with pytest.raises(ParseError, match=re.escape(message)):
        parse_money(text, hint)


def test_money_hint_fills_an_unprinted_unit_and_agrees_with_a_printed_one():
    assert read(parse_money("$20.59", "usd_per_hour")) == [(None, 20.59, "usd_per_hour", None)]
    assert read(parse_money("$42,820 a year", "usd_per_year")) == [(None, 42820, "usd_per_year", None)]
    assert read(parse_money("$20 / hr $41,600 / yr", "usd_per_hour"))[1] == ("annual", 41600, "usd_per_year", None)


def test_every_money_unit_has_a_part_and_phrases():
    assert set(parse.PART_BY_MONEY_UNIT) == set(parse.MONEY_UNITS) == set(MONEY_UNIT_PHRASES)
    assert set(parse.PARTS) == {"hourly", "annual", "weekly", "monthly", "low", "high"}
    assert set(parse.MONEY_UNITS) <= set(parse.UNITS) and {"usd_per_week", "usd_per_month"} <= set(parse.UNITS)


# Percentages and shares -------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier", [
    ("22%", 22, None), ("13 percent", 13, None), ("13 per cent", 13, None), ("13.5%", 13.5, None), ("Almost 20 percent", 20, "almost"),
    ("-3%", -3, None), ("−3%", -3, None), ("+3%", 3, None), ("1,200%", 1200, None),
    ("more than one-quarter", 25, "more than"), ("half", 50, None), ("a half", 50, None), ("one half", 50, None),
    ("three-quarters", 75, None), ("a third", 33.33, None), ("two-thirds", 66.67, None), ("a quarter", 25, None),
    ("two halves", 100, None),                                      # exactly 100: allowed
    ("more than half", 50, "more than"), ("about twenty percent", 20, "about"), ("nearly 40%", 40, "almost"),
    ("Twenty-Two Percent", 22, None),
    ("one in four", 25, None), ("1 in 4", 25, None), ("three in ten", 30, None), ("two out of three", 66.67, None),
    ("about one in five", 20, "about"), ("four in four", 100, None), ("zero in four", 0, None),
])
def test_percent_forms(text, value, qualifier):
    obs = parse_percent(text)
    assert (obs.part, obs.value, obs.unit, obs.qualifier) == (None, value, "percent", qualifier)


@pytest.mark.parametrize("text, message", [
    ("five quarters", "at most 100"),           # 125
    ("three halves", "at most 100"),            # 150
    ("five in four", "at most 100"),            # 125
    ("one in zero", "greater than zero"),
    ("one quarters", "agreement"), ("two quarter", "agreement"), ("three third", "agreement"),
    ("22%x", "expected a percentage"), ("22", "expected a percentage"), ("20.5.1%", "expected a number"),
    ("lots percent", "number in words"), ("one in many", "number in words"), ("most", "expected a percentage"),
    ("22,5%", "expected a number"),             # comma decimal
])
def test_percent_bad_input(text, message):
    with pytest.raises(ParseError, match=message):
        parse_percent(text)


@pytest.mark.parametrize("text, expected", [
    ("22%", True), ("13 percent", True), ("13 per cent", True), ("13 Percent", True), ("one-quarter", True), ("halves", True),
    ("one in four", True), ("two out of three", True), ("1 in 4", True),
    ("$20", False), ("top 12", False), ("less than a year", False), ("tens of thousands", False), ("a matter of months", False),
    ("quarterly", False), ("one in four states pay more", False),
])
def test_looks_like_percent(text, expected):
    assert looks_like_percent(text) is expected


# Counts ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, value, qualifier", [
    ("204,220", "persons", 204220, None), ("about 28,000", "jobs", 28000, "about"), ("two", "programs", 2, None),
    ("28K", "jobs", 28000, None), ("186.3 thousand", "persons", 186300, None), ("1.2 million", "persons", 1200000, None),
    ("five thousand", "jobs", 5000, None), ("0", "jobs", 0, None),
    ("tens of thousands", "visits_per_day", 10000, "tens of"), ("Tens of millions", "visits_per_day", 10_000_000, "tens of"),
])
def test_counts(text, unit, value, qualifier):
    assert parse_count(text, unit) == Observation(None, value, unit, qualifier)


@pytest.mark.parametrize("text, unit, message", [
    ("12", "percent", "count unit"), ("-5", "jobs", "never negative"), ("−5", "jobs", "never negative"),
    ("2.5", "persons", "whole number"), ("1.2345 thousand", "persons", "whole number"),
    ("204,220 jobs", "jobs", "expected a count"), ("28 K", "jobs", "expected a count"), ("1.2 billion", "jobs", "expected a count"),
    ("many", "jobs", "number in words"), ("hundreds of thousands", "jobs", "number in words"),
])
def test_count_bad_input(text, unit, message):
    with pytest.raises(ParseError, match=message):
        parse_count(text, unit)


# Durations ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("less than a year", [(None, 12, "months", "less than")]),      # 'a year' is read as 12 months
    ("as few as 12 months", [(None, 12, "months", "as few as")]),
    ("10 year", [(None, 10, "years", None)]), ("10 year period", [(None, 10, "years", None)]),
    ("a matter of months", [(None, None, "months", "a matter of")]), ("a matter of years", [(None, None, "years", "a matter of")]),
    ("two years", [(None, 2, "years", None)]), ("two-year", [(None, 2, "years", None)]), ("a month", [(None, 1, "months", None)]),
    ("an year", [(None, 12, "months", None)]), ("1.5 years", [(None, 1.5, "years", None)]), ("twenty-four months", [(None, 24, "months", None)]),
    ("18 to 24 months", [("low", 18, "months", None), ("high", 24, "months", None)]),
    ("18-24 months", [("low", 18, "months", None), ("high", 24, "months", None)]),
    ("18 – 24 months", [("low", 18, "months", None), ("high", 24, "months", None)]),
    ("between one and two years", [("low", 1, "years", None), ("high", 2, "years", None)]),
    ("from 9 to 12 months", [("low", 9, "months", None), ("high", 12, "months", None)]),
    ("about 18 to 24 months", [("low", 18, "months", "about"), ("high", 24, "months", "about")]),
    ("6 months to a year", [("low", 6, "months", None), ("high", 12, "months", None)]),    # a year = 12 months
    ("1 year to 18 months", [("low", 12, "months", None), ("high", 18, "months", None)]),  # 1 year = 12 months
    ("12 to 12 months", [("low", 12, "months", None), ("high", 12, "months", None)]),
])
def test_durations(text, expected):
    assert read(parse_duration(text)) == expected


@pytest.mark.parametrize("text, hint, message", [
    ("24 to 18 months", None, "shorter duration first"), ("2 years to 18 months", None, "24 > 18"),
    ("6 weeks", None, "months or years"), ("18 and 24 months", None, "months or years"),
    ("between 18 to 24 months", None, "months or years"), ("from 18 and 24 months", None, "months or years"),
    ("12 months", "years", "expected years from the unit hint"), ("a matter of months", "years", "expected years"),
    ("18 to 24 months", "years", "expected years"), ("12 months", "persons", "duration unit"),
    ("lots months", None, "number in words"), ("1.2.3 years", None, "expected a number"),
])
def test_duration_bad_input(text, hint, message):
    with pytest.raises(ParseError, match=message):
        parse_duration(text, hint)


# Ranks -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier, numbering", [
    ("1.", 1, None, True), ("12.", 12, None, True),                              # list markers: numbering
    ("3rd", 3, None, False), ("1st", 1, None, False), ("2nd", 2, None, False), ("4th", 4, None, False), ("11th", 11, None, False),
    ("12th", 12, None, False), ("13th", 13, None, False), ("21st", 21, None, False), ("22nd", 22, None, False),
    ("23rd", 23, None, False), ("111th", 111, None, False), ("101st", 101, None, False), ("3RD", 3, None, False),
    ("No. 3", 3, None, False), ("no 3", 3, None, False), ("#3", 3, None, False), ("# 3", 3, None, False), ("number 3", 3, None, False),
    ("top 12", 12, "top", False), ("top twelve", 12, "top", False), ("Top 1", 1, "top", False), ("3", 3, None, False),
])
def test_ranks(text, value, qualifier, numbering):
    assert parse_rank(text) == Observation(None, value, "rank", qualifier, numbering)


@pytest.mark.parametrize("text, message", [
    ("first place", "expected a rank"), ("3th", "expected 3rd"), ("11st", "expected 11th"), ("12nd", "expected 12th"),
    ("13rd", "expected 13th"), ("21th", "expected 21st"), ("2rd", "expected 2nd"), ("0.", "whole number from 1"), ("top 0", "whole number from 1"),
    ("#0", "whole number from 1"), ("top 12.5", "whole number from 1"), ("top", "expected a rank"), ("1.2.", "expected a rank"),
])
def test_rank_bad_input(text, message):
    with pytest.raises(ParseError, match=message):
        parse_rank(text)


# Periods -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("in 2013", (2013, 2013)), ("2013", (2013, 2013)), ("In 2013", (2013, 2013)), ("between 2012 and 2022", (2012, 2022)),
    ("from 2016 to 2026", (2016, 2026)), ("2016-2026", (2016, 2026)), ("2016–2026", (2016, 2026)), ("2016 to 2026", (2016, 2026)),
    ("", (None, None)), ("  ", (None, None)), ("2016-2016", (2016, 2016)),
    ("in 1900", (1900, 1900)), ("in 2100", (2100, 2100)),            # the ends of the plausible span
])
def test_periods(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text, message", [
    ("in 13", "expected a year"), ("from 2026 to 2016", "start before it ends"), ("sometime soon", "expected a year"),
    ("in 1899", "from 1900 to 2100"), ("in 2101", "from 1900 to 2100"), ("1850-2000", "from 1900 to 2100"),
    ("between 2012 to 2022", "expected a year"), ("from 2012 and 2022", "expected a year"), ("2012 and 2022", "expected a year"),
    ("in 2013.", "expected a year"), ("2016-26", "expected a year"),
])
def test_bad_periods(text, message):
    with pytest.raises(ParseError, match=message):
        parse_period(text)


# Dispatch ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, hint, unit, numbering", [
    ("1.", "rank", "rank", True), ("1.", None, "rank", True), ("3", "rank", "rank", False), ("No. 3", None, "rank", False),
    ("40%", None, "percent", False), ("40%", "percent", "percent", False), ("one in four", None, "percent", False),
    ("$20", "usd_per_hour", "usd_per_hour", False), ("$20 a week", "", "usd_per_week", False),
    ("10 year", None, "years", False), ("two", "programs", "programs", False), ("186,300", "persons", "persons", False),
    ("a matter of months", "months", "months", False), ("12", "months", "months", False),
])
def test_parse_item_dispatch(text, hint, unit, numbering):
    (obs, *_) = parse_item(text, hint)
    assert (obs.unit, obs.numbering) == (unit, numbering)


@pytest.mark.parametrize("text, hint, message", [
    ("186,300", None, "cannot tell"), ("186,300", "people", "unit hint from"), ("40%", "persons", "empty or 'percent'"),
    ("1.", "jobs", "empty or 'rank'"), ("$20", "persons", "expected a money unit"), ("12 months", "years", "expected years"),
    ("two", None, "cannot tell"), ("top 12", "percent", "empty or 'rank'"),
])
def test_parse_item_refuses_what_it_cannot_read(text, hint, message):
    with pytest.raises(ParseError, match=message):
        parse_item(text, hint)


def test_a_duration_range_gives_two_rows():
    assert [o.part for o in parse_item("18 to 24 months")] == ["low", "high"]


# Numbers and qualifiers --------------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [("186,300", 186300), ("20.59", 20.59), ("1,000,000.5", 1000000.5), ("0", 0), (" 7 ", 7), ("0123", 123)])
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["37,71", "1,2345", ",100", "100,", "1.2.3", "1e5", "nan", "", "-5", "12 000", "1,000.", ".5"])
def test_bad_numbers(text):
    with pytest.raises(ParseError, match="expected a number"):
        parse_number(text)


@pytest.mark.parametrize("text, value", [
    ("zero", 0), ("one", 1), ("nine", 9), ("ten", 10), ("nineteen", 19), ("twenty", 20), ("twenty-two", 22), ("ninety nine", 99),
    ("one hundred", 100), ("two hundred and five", 205), ("nine hundred ninety-nine", 999), ("five thousand", 5000),
    ("two million", 2_000_000), ("two hundred and five thousand three hundred", 205_300), ("one million one", 1_000_001),
    ("Twenty-Two", 22),
])
def test_number_words(text, value):
    assert parse_number_words(text) == value


@pytest.mark.parametrize("text, message", [
    ("", "number in words"), ("twenty twenty", "tens word and a unit"), ("five five", "tens word and a unit"),
    ("twenty zero", "tens word and a unit"), ("thousand five", "before 'thousand'"), ("hundred", "number in words"),
    ("twelve hundred", "one to nine before 'hundred'"), ("zero hundred", "one to nine before 'hundred'"),
    ("one hundred and", "after 'and'"), ("five thousand two million", "large to small"), ("two thousand thousand", "before 'thousand'"),
    ("one two three", "such as 'twenty-two'"), ("zero thousand", "number in words"), ("dozen", "number in words"),
    ("one hundred twenty thirty", "tens word and a unit"), ("and", "number in words"),
])
def test_bad_number_words(text, message):
    with pytest.raises(ParseError, match=message):
        parse_number_words(text)


def test_number_or_words():
    assert parse_number_or_words("12") == 12 and parse_number_or_words(" twelve ") == 12
    with pytest.raises(ParseError):
        parse_number_or_words("")


@pytest.mark.parametrize("text, expected", [
    ("Approximately 5", ("about", "5")), ("roughly 5", ("about", "5")), ("around 5", ("about", "5")), ("about 5", ("about", "5")),
    ("nearly 5", ("almost", "5")), ("almost 5", ("almost", "5")), ("over 5", ("more than", "5")), ("more than 5", ("more than", "5")),
    ("under 5", ("less than", "5")), ("less than 5", ("less than", "5")), ("at least 5", ("at least", "5")),
    ("as few as 5", ("as few as", "5")), ("as low as $5", ("as low as", "$5")), ("as high as $5", ("as high as", "$5")),
    ("up to 5", ("up to", "5")), ("about", (None, "about")), ("aboutface 5", (None, "aboutface 5")), ("  5 ", (None, "5")),
])
def test_qualifier_is_split_off_and_never_dropped(text, expected):
    assert split_qualifier(text) == expected


def test_every_qualifier_spelling_is_kept_in_the_closed_list():
    assert set(parse.QUALIFIER_SPELLINGS.values()) <= set(parse.QUALIFIERS)
    assert {"top", "a matter of", "tens of"} <= set(parse.QUALIFIERS)


@pytest.mark.parametrize("text, found", [
    ("two of them", ["two"]), ("One-quarter", ["One", "quarter"]), ("Tens of thousands", ["Tens", "thousands"]),
    ("a dozen", ["dozen"]), ("someone", []), ("the tenth", []), ("hundreds", ["hundreds"]),
])
def test_number_word_pattern_finds_whole_words(text, found):
    assert NUMBER_WORD_PATTERN.findall(text) == found


# Round trips: print a number in a claimed form, parse it back ------------------------------------

def money_text(cents: int, separators: bool = True) -> str:
    dollars = f"{cents // 100:,}" if separators else str(cents // 100)
    return f"${dollars}.{cents % 100:02d}"


UNIT_PHRASES = [(phrase, unit) for unit, phrases in MONEY_UNIT_PHRASES.items() for phrase in phrases]


@given(st.integers(min_value=0, max_value=10**10), st.sampled_from(UNIT_PHRASES), st.booleans())
def test_money_round_trip(cents, phrase_unit, separators):
    phrase, unit = phrase_unit
    (obs,) = parse_money(f"{money_text(cents, separators)} {phrase}")
    assert math.isclose(obs.value, cents / 100, rel_tol=0, abs_tol=1e-6) and obs.unit == unit


@given(st.integers(min_value=0, max_value=99_999), st.integers(min_value=0, max_value=9),
       st.sampled_from([("K", 1_000), ("k", 1_000), (" thousand", 1_000), (" million", 1_000_000)]))
def test_scaled_money_round_trip(whole, tenth, suffix):
    text, factor = suffix
    (obs,) = parse_money(f"${whole}.{tenth}{text} a year")
    assert obs.value == (whole * 10 + tenth) * factor // 10 and obs.unit == "usd_per_year"  # exact: 46.5K = 46,500


RANGE_FORMS = [("{lo} to {hi}", None, None), ("{lo}-{hi}", None, None), ("{lo} - {hi}", None, None), ("{lo}–{hi}", None, None),
               ("{lo} — {hi}", None, None), ("between {lo} and {hi}", None, None), ("from {lo} to {hi}", None, None),
               ("start at {lo} and go up to {hi}", None, "up to"), ("as low as {lo} to as high as {hi}", "as low as", "as high as")]


@given(st.integers(min_value=0, max_value=10**8), st.integers(min_value=0, max_value=10**8), st.sampled_from(RANGE_FORMS),
       st.sampled_from(UNIT_PHRASES))
def test_money_range_round_trip(a, b, form, phrase_unit):
    low, high = sorted((a, b))
    template, q_low, q_high = form
    phrase, unit = phrase_unit
    out = parse_money(template.format(lo=money_text(low), hi=money_text(high)) + " " + phrase)
    assert read(out) == [("low", low / 100, unit, q_low), ("high", high / 100, unit, q_high)]


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=10**7),
       st.permutations(list(MONEY_UNIT_PHRASES)).map(lambda units: units[:2]), st.sampled_from(["", " ", ", ", "; ", " or ", "("]))
def test_pair_round_trip(first_cents, second_cents, units, join):
    first, second = (MONEY_UNIT_PHRASES[u][0] for u in units)
    closing = ")" if join == "(" else ""
    out = parse_money(f"{money_text(first_cents)} {first}{join}{money_text(second_cents)} {second}{closing}")
    assert [(o.part, o.unit) for o in out] == [(parse.PART_BY_MONEY_UNIT[u], u) for u in units]
    assert math.isclose(out[0].value, first_cents / 100) and math.isclose(out[1].value, second_cents / 100)


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_round_trip(number):
    assert parse_number(f"{number:,}") == number


@given(st.integers(min_value=-10**6, max_value=10**6), st.integers(min_value=0, max_value=2), st.sampled_from(["%", " percent", " per cent"]))
def test_percent_round_trip(tenths_or_hundredths, decimals, sign):
    value = tenths_or_hundredths / 10**decimals
    obs = parse_percent(f"{value:.{decimals}f}{sign}")
    assert math.isclose(obs.value, value, abs_tol=1e-9) and obs.unit == "percent"


@given(st.integers(min_value=1, max_value=99), st.data())
def test_share_round_trip(whole, data):
    part = data.draw(st.integers(min_value=0, max_value=whole))
    assert parse_percent(f"{in_words(part)} in {in_words(whole)}").value == round(100 * part / whole, 2)
    assert parse_percent(f"{part} out of {whole}").value == round(100 * part / whole, 2)


ONES_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
              "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """Independent spelling of 0..999,999,999 for the property tests."""
    if n < 20:
        return ONES_WORDS[n]
    if n < 100:
        return TENS_WORDS[n // 10] + ("" if n % 10 == 0 else "-" + ONES_WORDS[n % 10])
    if n < 1000:
        return ONES_WORDS[n // 100] + " hundred" + ("" if n % 100 == 0 else " and " + in_words(n % 100))
    for size, name in ((1_000_000, "million"), (1_000, "thousand")):
        if n >= size:
            return in_words(n // size) + f" {name}" + ("" if n % size == 0 else " " + in_words(n % size))
    raise AssertionError(n)


@given(st.integers(min_value=0, max_value=999_999_999))
def test_number_words_round_trip(n):
    assert parse_number_words(in_words(n)) == n


@given(st.integers(min_value=0, max_value=100))
def test_percent_words_round_trip(n):
    assert parse_percent(f"{in_words(n)} percent").value == n


@given(st.integers(min_value=1, max_value=10**6), st.sampled_from(["persons", "jobs", "programs", "visits_per_day"]), st.booleans())
def test_count_round_trip(n, unit, words):
    assert parse_count(in_words(n) if words else f"{n:,}", unit) == Observation(None, n, unit, None)


@given(st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=120),
       st.sampled_from(["{a} to {b} {u}", "{a}-{b} {u}", "{a} – {b} {u}", "between {a} and {b} {u}", "from {a} to {b} {u}"]),
       st.sampled_from(["months", "years"]), st.booleans())
def test_duration_range_round_trip(x, y, template, unit, words):
    a, b = sorted((x, y))
    words = words and b < 100 and "{a}-" not in template  # durations in words are one word or hyphenated: "twenty-four"
    spell = in_words if words else str
    out = parse_duration(template.format(a=spell(a), b=spell(b), u=unit))
    assert read(out) == [("low", a, unit, None), ("high", b, unit, None)]


def ordinal(n: int) -> str:
    """Independent English ordinal: the last two digits 11-13 take 'th'; otherwise the last digit decides."""
    last_two, last = n % 100, n % 10
    if 11 <= last_two <= 13:
        return f"{n}th"
    return f"{n}" + {1: "st", 2: "nd", 3: "rd"}.get(last, "th")


@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(["{n}.", "ordinal", "No. {n}", "#{n}", "top {n}"]))
def test_rank_round_trip(n, form):
    text = ordinal(n) if form == "ordinal" else form.format(n=n)
    obs = parse_item(text)[0]
    assert (obs.value, obs.unit, obs.numbering, obs.qualifier) == (n, "rank", form == "{n}.", "top" if form.startswith("top") else None)


@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(["st", "nd", "rd", "th"]))
def test_wrong_ordinal_suffix_is_refused(n, suffix):
    if ordinal(n) == f"{n}{suffix}":
        assert parse_rank(f"{n}{suffix}").value == n
    else:
        with pytest.raises(ParseError, match=re.escape(ordinal(n))):
            parse_rank(f"{n}{suffix}")


@given(st.integers(min_value=1900, max_value=2100), st.integers(min_value=0, max_value=200),
       st.sampled_from(["{a}-{b}", "{a}–{b}", "from {a} to {b}", "between {a} and {b}", "{a} to {b}"]))
def test_period_round_trip(start, length, template):
    end = min(start + length, 2100)
    assert parse_period(template.format(a=start, b=end)) == (start, end)


def test_describe_and_attempt_show_what_was_read_or_why_not():
    assert parse.describe(parse_item("start at $24,000 and go up to $61,000 a year")) == \
        "low 24,000 usd_per_year; high 61,000 usd_per_year (up to)"
    assert parse.describe(parse_item("1.", "rank")) == "1 rank (list numbering)"
    assert parse.describe(parse_item("a matter of months")) == "no number months (a matter of)"
    assert parse.describe(parse_item("$1.2 million a year")) == "1,200,000 usd_per_year"
    assert parse.attempt("$20.59 an hour") == {"as_printed": "$20.59 an hour", "read": "20.59 usd_per_hour", "refused": None}
    refused = parse.attempt("$37,710xyz", "usd_per_year")
    assert refused["read"] is None and "found 'xyz'" in refused["refused"]


# Cases that pin details the tables above leave open ---------------------------------------------

@pytest.mark.parametrize("read, expected", [
    (lambda: parse_percent("22 Percent").value, 22), (lambda: parse_percent("13 PER CENT").value, 13),
    (lambda: parse_percent("One-Quarter").value, 25), (lambda: parse_percent("One In Four").value, 25),
    (lambda: parse_percent("Two Out Of Three").value, 66.67), (lambda: parse_count("1.2 Million", "persons").value, 1_200_000),
    (lambda: parse_period("From 2016 To 2026"), (2016, 2026)), (lambda: parse_period("Between 2012 And 2022"), (2012, 2022)),
    (lambda: parse_item("Two Years")[0].unit, "years"), (lambda: read(parse_money("Between $1 and $2 A Year")), [("low", 1, "usd_per_year", None), ("high", 2, "usd_per_year", None)]),
    (lambda: read(parse_money("$20 per  hour")), [(None, 20, "usd_per_hour", None)]),           # two spaces
    (lambda: read(parse_money("$20 /\thr")), [(None, 20, "usd_per_hour", None)]),
    (lambda: parse_duration("twelve", "months"), [Observation(None, 12, "months", None)]),       # a bare number with the hint
    (lambda: parse_duration("about 12", "months"), [Observation(None, 12, "months", "about")]),
    (lambda: read(parse_duration("6 months to 2 years")), [("low", 6, "months", None), ("high", 24, "months", None)]),  # 2 years = 24 months
    (lambda: parse_percent("100 in 100").value, 100), (lambda: parse_percent("200 out of 200").value, 100),
])
def test_case_and_spacing_and_conversions(read, expected):
    assert read() == expected


@pytest.mark.parametrize("call, message", [
    (lambda: parse_percent("101 in 100"), "at most 100"), (lambda: parse_percent("201 out of 200"), "at most 100"),  # 101%, 100.5%
    (lambda: parse_number_words("ten hundred"), "expected one to nine before 'hundred', found 'ten' in 'ten hundred'"),
    (lambda: parse_number_words("twelve hundred"), "found 'twelve' in 'twelve hundred'"),
    (lambda: parse_number_words("twenty ten"), "found 'twenty ten' in 'twenty ten'"),
    (lambda: parse_number_words("twenty twenty"), "expected a tens word and a unit ('twenty-two'), found 'twenty twenty'"),
    (lambda: parse_number_words("one hundred zero"), "found 'zero' in 'one hundred zero'"),
    (lambda: parse_number_words("five thousand twenty zero"), "found 'twenty zero' in 'five thousand twenty zero'"),
    (lambda: parse_number_words("two thousand three thousand"), "expected scales from large to small, found 'thousand' after 'thousand'"),
    (lambda: parse_number_words("thousand five"), "expected a number before 'thousand', found 'thousand five'"),
    (lambda: parse_money("−$37,710 a year"), "not negative"), (lambda: parse_money("$-37,710 a year"), "not negative"),
    (lambda: parse_money("no money here at all, sorry"), "at 'no money here at all', found 'no money here at all, sorry'"),
    (lambda: parse_money("starts at $1 and rises to $2 a year"), "expected 'and go up to' or 'and goes up to' after the first amount"),
    (lambda: parse_percent("one quarters"), "expected 'one quarter' or 'two quarters'-style agreement, found 'one quarters'"),
    (lambda: parse_percent("two third"), "expected 'one third' or 'two thirds'-style agreement"),
    (lambda: parse_duration("from 18-24 months"), "months or years"), (lambda: parse_period("from 2016-2026"), "expected a year"),
    (lambda: parse_period("between 2016-2026"), "expected a year"), (lambda: parse_period("2000-2101"), "from 1900 to 2100"),
])
def test_exact_messages_and_boundaries(call, message):
    with pytest.raises(ParseError, match=re.escape(message)):
        call()


@pytest.mark.parametrize("call, text", [
    (lambda t: parse_money(t), "$20.59"), (lambda t: parse_money(t), "$1 to $2 a yearxyz"), (lambda t: parse_money(t), "$1 / hr $2 / yr xyz"),
    (lambda t: parse_money(t), "$1 / hr $2 / hr"), (lambda t: parse_money(t), "$1 to $2"), (lambda t: parse_money(t, "usd_per_hour"), "$1 a year"),
    (lambda t: parse_percent(t), "five quarters"), (lambda t: parse_percent(t), "five in four"),
    (lambda t: parse_duration(t, "years"), "a matter of months"), (lambda t: parse_duration(t, "years"), "12 months"),
    (lambda t: parse_duration(t, "years"), "18 to 24 months"), (lambda t: parse_rank(t), "3th"), (lambda t: parse_count(t, "jobs"), "2.5"),
])
def test_every_refusal_quotes_the_printed_text(call, text):
    with pytest.raises(ParseError) as error:
        call(text)
    assert repr(text) in str(error.value)


def test_attempt_passes_the_hint_and_reports_refusals_whole():
    assert parse.attempt("$20.59", "usd_per_hour")["read"] == "20.59 usd_per_hour"
    assert parse.attempt("$20.59") == {"as_printed": "$20.59", "read": None,
                                       "refused": "expected a unit ('/ hr', 'an hour', 'a year', 'annually', 'per week', "
                                                  "'monthly', ...) or a unit hint for '$20.59'"}
