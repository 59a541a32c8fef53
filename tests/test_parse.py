"""Parsers: the printed forms the guides use, awkward cases, bad input, and properties."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrt.parse import (Observation, ParseError, parse_count, parse_duration, parse_item, parse_money, parse_number,
                       parse_number_words, parse_percent, parse_period, parse_rank, split_qualifier)


@pytest.mark.parametrize("text, expected", [
    ("$27.92 / hr $58,080 / yr", [Observation("hourly", 27.92, "usd_per_hour", None), Observation("annual", 58080, "usd_per_year", None)]),
    ("$32.06 / hr$66,690 / yr", [Observation("hourly", 32.06, "usd_per_hour", None), Observation("annual", 66690, "usd_per_year", None)]),
    ("$42,820 a year", [Observation(None, 42820, "usd_per_year", None)]),
    ("between $12.41 and $31.06 an hour", [Observation("low", 12.41, "usd_per_hour", None), Observation("high", 31.06, "usd_per_hour", None)]),
    ("start at $24,000 a year and go up to $61,000 a year",
     [Observation("low", 24000, "usd_per_year", None), Observation("high", 61000, "usd_per_year", "up to")]),
])
def test_money_forms(text, expected):
    assert parse_money(text) == expected


def test_money_range_with_printed_qualifiers_and_hint():
    low, high = parse_money("as low as $21,000 to as high as $55,000", "usd_per_year")
    assert (low.value, low.qualifier, high.value, high.qualifier) == (21000, "as low as", 55000, "as high as")
    assert low.unit == high.unit == "usd_per_year"


def test_money_hint_used_only_when_no_unit_printed():
    assert parse_money("$20.59", "usd_per_hour") == [Observation(None, 20.59, "usd_per_hour", None)]
    # a printed unit wins over the hint
    assert parse_money("$42,820 a year", "usd_per_hour")[0].unit == "usd_per_year"


@pytest.mark.parametrize("text, message", [
    ("$20.59", "unit"),                                  # no unit and no hint
    ("$27.92 / hr $58.08 / hr", "one hourly and one annual"),
    ("$1,23 / hr", "number"),                            # broken thousands separator
    ("as low as $57,320 to as high as $22,700 a year", "low end first"),
    ("no money here", "dollar amount"),
])
def test_money_bad_input(text, message):
    with pytest.raises(ParseError, match=message):
        parse_money(text)


@pytest.mark.parametrize("text, value, qualifier", [
    ("22%", 22, None), ("13 percent", 13, None), ("Almost 20 percent", 20, "almost"),
    ("more than one-quarter", 25, "more than"), ("half", 50, None), ("three-quarters", 75, None),
    ("about twenty percent", 20, "about"), ("nearly 40%", 40, "almost"),
])
def test_percent_forms(text, value, qualifier):
    obs = parse_percent(text)
    assert (obs.value, obs.unit, obs.qualifier) == (value, "percent", qualifier)


def test_percent_over_100_in_words_is_rejected():
    with pytest.raises(ParseError, match="at most 100"):
        parse_percent("five quarters")


@pytest.mark.parametrize("text, unit, value, qualifier", [
    ("204,220", "persons", 204220, None), ("about 28,000", "jobs", 28000, "about"), ("two", "programs", 2, None),
    ("tens of thousands", "visits_per_day", 10000, "tens of"),
])
def test_counts(text, unit, value, qualifier):
    assert parse_count(text, unit) == Observation(None, value, unit, qualifier)


def test_count_needs_a_count_unit():
    with pytest.raises(ParseError, match="count unit"):
        parse_count("12", "percent")


@pytest.mark.parametrize("text, value, unit, qualifier", [
    ("less than a year", 12, "months", "less than"), ("as few as 12 months", 12, "months", "as few as"),
    ("10 year", 10, "years", None), ("a matter of months", None, "months", "a matter of"), ("two years", 2, "years", None),
])
def test_durations(text, value, unit, qualifier):
    assert parse_duration(text) == Observation(None, value, unit, qualifier)


def test_ranks():
    assert parse_rank("1.") == Observation(None, 1, "rank", None)
    assert parse_rank("top 12") == Observation(None, 12, "rank", "top")
    with pytest.raises(ParseError, match="rank"):
        parse_rank("first place")


@pytest.mark.parametrize("text, expected", [
    ("in 2013", (2013, 2013)), ("between 2012 and 2022", (2012, 2022)), ("from 2016 to 2026", (2016, 2026)),
    ("2016-2026", (2016, 2026)), ("", (None, None)),
])
def test_periods(text, expected):
    assert parse_period(text) == expected


@pytest.mark.parametrize("text", ["in 13", "from 2026 to 2016", "sometime soon", "in 1850"])
def test_bad_periods(text):
    with pytest.raises(ParseError):
        parse_period(text)


def test_parse_item_dispatch_and_unknown_kind():
    assert parse_item("1.", "rank")[0].unit == "rank"
    assert parse_item("40%")[0].unit == "percent"
    with pytest.raises(ParseError, match="cannot tell"):
        parse_item("186,300")
    with pytest.raises(ParseError, match="unit hint"):
        parse_item("186,300", "people")


def test_qualifier_is_never_dropped():
    assert split_qualifier("Approximately 5") == ("about", "5")
    assert split_qualifier("about") == (None, "about")  # a bare word is not a qualifier of anything


# Property-based tests ------------------------------------------------------------------------

def money_text(cents: int) -> str:
    return f"${cents // 100:,}.{cents % 100:02d}"


@given(st.integers(min_value=0, max_value=10**9))
def test_thousands_separators_round_trip(number):
    assert parse_number(f"{number:,}") == number


@given(st.integers(min_value=1, max_value=10**8), st.sampled_from([("/ hr", "usd_per_hour"), ("a year", "usd_per_year")]))
def test_money_round_trip(cents, unit):
    (obs,) = parse_money(f"{money_text(cents)} {unit[0]}")
    assert math.isclose(obs.value, cents / 100) and obs.unit == unit[1]


@given(st.integers(min_value=1, max_value=10**7), st.integers(min_value=1, max_value=10**7))
def test_pair_always_gives_hourly_then_annual(hourly_cents, annual):
    out = parse_money(f"{money_text(hourly_cents)} / hr${annual:,} / yr")
    assert [o.part for o in out] == ["hourly", "annual"]
    assert out[1].value == annual


UNITS_WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
               "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS_WORDS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def in_words(n: int) -> str:
    """Independent spelling of 0..99 for the property test."""
    if n < 20:
        return UNITS_WORDS[n]
    return TENS_WORDS[n // 10] + ("" if n % 10 == 0 else "-" + UNITS_WORDS[n % 10])


@given(st.integers(min_value=0, max_value=99))
def test_number_words_round_trip(n):
    assert parse_number_words(in_words(n)) == n
    assert parse_percent(f"{in_words(n)} percent").value == n


@given(st.integers(min_value=1, max_value=999), st.sampled_from(["thousand", "million"]))
def test_number_words_with_scale(n, scale):
    words = (in_words(n // 100) + " hundred " + in_words(n % 100)) if n >= 100 else in_words(n)
    assert parse_number_words(f"{words} {scale}") == n * {"thousand": 1000, "million": 1_000_000}[scale]
