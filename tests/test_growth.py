"""Projection arithmetic (src/mrt/growth.py) on small synthetic tables, each expected value worked out by hand
in a comment, with cases right at each threshold; then the key real-data results, computed by calling the code."""

import math

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrt import growth
from mrt.occupation import COMPARABLE

# Rates and levels -----------------------------------------------------------------------------------


def test_compound_annual_rate_hand_computed():
    # 21% over 2 years: 1.21 ** (1/2) = 1.1, so 10% a year
    assert growth.compound_annual_rate(21, 2) == pytest.approx(10)
    assert growth.compound_annual_rate(0, 10) == 0
    # a fall: -19% over 2 years, 0.81 ** 0.5 = 0.9, so -10% a year
    assert growth.compound_annual_rate(-19, 2) == pytest.approx(-10)


@pytest.mark.parametrize("total, years, message", [(10, 0, "years must be positive"), (10, -1, "years must be positive"),
                                                    (-100, 10, "above -100%"), (-150, 10, "above -100%")])
def test_compound_annual_rate_refuses_what_has_no_rate(total, years, message):
    with pytest.raises(ValueError, match=message):
        growth.compound_annual_rate(total, years)


def test_compound_annual_rate_just_above_the_limits():
    # years just above 0 and growth just above -100% still have a rate
    assert growth.compound_annual_rate(0, 0.5) == 0
    assert growth.compound_annual_rate(-99, 1) == pytest.approx(-99)


@given(st.floats(min_value=-50, max_value=300), st.integers(min_value=1, max_value=30))
def test_rate_compounds_back(total, years):
    rate = growth.compound_annual_rate(total, years)
    assert 100 * ((1 + rate / 100) ** years - 1) == pytest.approx(total, abs=1e-9)


def test_implied_level():
    assert growth.implied_level(186300, 22) == pytest.approx(227286)  # 186,300 x 1.22
    assert growth.implied_level(200, -10) == pytest.approx(180)


def test_path_level_at_the_endpoints_and_between():
    # base 100 in 2010, 121 in 2020: compound is 100 x 1.21 ** (t/10); linear adds 2.1 a year
    assert growth.path_level(100, 121, 2010, 2020, 2010) == pytest.approx(100)
    assert growth.path_level(100, 121, 2010, 2020, 2020) == pytest.approx(121)
    assert growth.path_level(100, 121, 2010, 2020, 2015) == pytest.approx(110)  # 1.21 ** 0.5 = 1.1
    assert growth.path_level(100, 121, 2010, 2020, 2015, "linear") == pytest.approx(110.5)
    assert growth.path_level(100, 121, 2010, 2020, 2010, "linear") == pytest.approx(100)
    assert growth.path_level(100, 121, 2010, 2020, 2020, "linear") == pytest.approx(121)
    # a two-year path read at 2011: 100 x 1.21 ** 0.5
    assert growth.path_level(100, 121, 2010, 2012, 2011) == pytest.approx(110)


def test_compound_path_lies_below_the_straight_line_for_growth():
    for year in range(2011, 2020):
        assert growth.path_level(100, 150, 2010, 2020, year) < growth.path_level(100, 150, 2010, 2020, year, "linear")


@pytest.mark.parametrize("base_year, target_year, year, interpolation, message", [
    (2010, 2020, 2009, "compound", "outside"), (2010, 2020, 2021, "compound", "outside"),
    (2010, 2010, 2010, "compound", "after base year"), (2020, 2010, 2015, "compound", "after base year"),
    (2010, 2020, 2015, "cubic", "interpolation"),
])
def test_path_level_refuses(base_year, target_year, year, interpolation, message):
    with pytest.raises(ValueError, match=message):
        growth.path_level(100, 121, base_year, target_year, year, interpolation)


# Rounded figures ------------------------------------------------------------------------------------


def test_interval_arithmetic_hand_computed():
    iv = growth.Interval(2, 4) / growth.Interval(1, 2)
    assert (iv.low, iv.high) == (1, 4)  # 2/2 and 4/1
    assert iv.width == 3
    assert 1 in iv and 4 in iv and 0.999 not in iv and 4.001 not in iv  # closed at both ends
    point = growth.Interval(3, 3)
    assert point.width == 0 and 3 in point


def test_interval_refuses_empty_and_non_positive_divisors():
    with pytest.raises(ValueError, match="empty"):
        growth.Interval(2, 1)
    with pytest.raises(ValueError, match="^divisor interval must be positive$"):
        growth.Interval(1, 2) / growth.Interval(0, 1)
    with pytest.raises(ValueError, match="positive"):
        growth.Interval(1, 2) / growth.Interval(-1, 1)
    growth.Interval(1, 2) / growth.Interval(0.001, 1)  # just above zero is fine


def test_rounded_interval_is_closed_at_the_halves():
    iv = growth.rounded_interval(13, 1)
    assert (iv.low, iv.high) == (12.5, 13.5)
    assert 12.5 in iv and 13.5 in iv  # exactly halfway: could have been rounded either way
    with pytest.raises(ValueError, match="rounding step must be positive"):
        growth.rounded_interval(13, 0)


@pytest.mark.parametrize("value, step", [(28000, 1000), (13, 1), (13.5, 0.1), (186300, 100), (0.25, 0.01), (5, 1), (10, 10), (-40, 10)])
def test_rounding_step_read_from_the_digits(value, step):
    assert growth.rounding_step(value) == pytest.approx(step)


@pytest.mark.parametrize("value", [0, math.nan, math.inf])
def test_rounding_step_refuses_numbers_without_digits(value):
    with pytest.raises(ValueError, match="cannot read a rounding step"):
        growth.rounding_step(value)


def test_base_from_rounded_change_and_percent_hand_computed():
    base = growth.base_from_change_and_percent(growth.rounded_interval(28000, 1000), growth.rounded_interval(13, 1))
    assert base.low == pytest.approx(27500 / 0.135)  # smallest change over largest percent = 203,703.7
    assert base.high == pytest.approx(28500 / 0.125)  # largest change over smallest percent = 228,000
    assert 206300 in base and 230000 not in base


@given(st.floats(min_value=1, max_value=1e6), st.floats(min_value=1, max_value=100), st.floats(min_value=0.5, max_value=1e5))
def test_interval_division_contains_every_quotient(change, pct, width):
    change_iv = growth.rounded_interval(change + width, width)
    pct_iv = growth.rounded_interval(pct + 0.5, 0.5)
    result = change_iv / pct_iv
    for c in (change_iv.low, change_iv.high):
        for p in (pct_iv.low, pct_iv.high):
            assert result.low - 1e-9 <= c / p <= result.high + 1e-9


def test_rounding_check_hand_computed():
    check = growth.rounding_check(28000, 1000, 13, 1, 206300)
    # change 27,500-28,500, percent 12.5-13.5: base 27,500/0.135 = 203,703.7 -> 203,704 whole jobs; 28,500/0.125 = 228,000
    assert (check["change_low"], check["change_high"], check["pct_low"], check["pct_high"]) == (27500, 28500, 12.5, 13.5)
    assert (check["base_low_persons"], check["base_high_persons"]) == (203704, 228000)
    assert check["bls_base_in_interval"] is True
    assert check["point_estimate_persons"] == 215385  # 28,000 / 0.13 = 215,384.6
    assert (check["printed_change"], check["change_step"], check["printed_pct"], check["pct_step"], check["bls_base_persons"]) == (28000, 1000, 13, 1, 206300)


def test_rounding_check_at_the_interval_ends():
    # nearest 2,000: change 27,000-29,000, base 27,000/0.135 = 200,000 and 29,000/0.125 = 232,000, both exactly whole
    check = growth.rounding_check(28000, 2000, 13, 1, 200000)
    assert (check["base_low_persons"], check["base_high_persons"]) == (200000, 232000)
    assert check["bls_base_in_interval"] is True  # a base exactly at the end is consistent
    assert growth.rounding_check(28000, 2000, 13, 1, 199999)["bls_base_in_interval"] is False
    assert growth.rounding_check(28000, 2000, 13, 1, 232001)["bls_base_in_interval"] is False
    # float noise never costs a whole job: 28,000 / 0.14 = 199,999.99999999997 in floats (exactly 200,000)
    assert growth.rounding_check(27000, 2000, 15, 2, 0)["base_high_persons"] == 200000  # change up to 28,000, percent down to 14
    # and 10,500 / 0.175 = 60,000.00000000001 in floats (exactly 60,000)
    assert growth.rounding_check(11000, 1000, 17, 1, 0)["base_low_persons"] == 60000  # change down to 10,500, percent up to 17.5
    # a true fraction is still rounded inwards: 26,000 / 0.14 = 185,714.29 -> 185,715
    assert growth.rounding_check(27000, 2000, 13, 2, 0)["base_low_persons"] == 185715


# The vintages and the quoted outlooks --------------------------------------------------------------

def projections_table(rows):
    """A small projections table in the processed layout; rows: (vintage, code, comparable, base, projected or None, change or None, pct, all_pct or None)."""
    records = []
    for vintage, code, comparable, base, projected, change, pct, all_pct in rows:
        start, end = (int(y) for y in vintage.split("-"))
        records.append({"vintage": vintage, "soc_code": code, "occupation_title": "t", COMPARABLE: comparable, "base_year": start,
                        "target_year": end, "base_employment_thousands": base, "projected_employment_thousands": projected,
                        "change_thousands": change, "pct_change": pct, "all_occupations_pct_change": all_pct, "status": "s",
                        "source_key": f"p.csv#vintage={vintage}"})
    frame = pd.DataFrame(records)
    for column in ("projected_employment_thousands", "change_thousands", "all_occupations_pct_change"):
        frame[column] = frame[column].astype("Float64")
    return frame


SYNTHETIC = projections_table([
    ("2010-2020", "A", "yes", 100.0, 121.0, 21.0, 21.0, None),
    ("2012-2022", "A", "yes", 110.0, None, None, 10.0, 5.0),
    ("2016-2026", "A", "yes", 120.0, 132.0, 12.0, 10.0, 8.0),
    ("2019-2029", "B", "no", 300.0, 330.0, 30.0, 10.0, 4.0),
])


def test_vintage_table_hand_computed():
    v = growth.vintage_table(SYNTHETIC).set_index("vintage")
    # published level kept; missing level implied: 110 x 1.10 = 121.0; change = 121 - 110
    assert v.loc["2010-2020", "projected_thousands"] == 121.0 and v.loc["2010-2020", "projected_level_basis"] == "published"
    assert v.loc["2012-2022", "projected_thousands"] == pytest.approx(121.0)
    assert v.loc["2012-2022", "projected_level_basis"] == "implied from base and percent"
    assert v.loc["2012-2022", "change_thousands_used"] == pytest.approx(11.0)
    assert v.loc["2016-2026", "change_thousands_used"] == 12.0
    # 21% over 10 years: 1.21 ** 0.1 - 1 = 1.924%; ratio 10 / 5 = 2; no average, no ratio
    assert v.loc["2010-2020", "annual_growth_pct"] == pytest.approx(1.924, abs=0.0005)
    assert v.loc["2012-2022", "ratio_to_all_occupations"] == 2.0
    assert v.loc["2016-2026", "ratio_to_all_occupations"] == 1.25
    assert pd.isna(v.loc["2010-2020", "ratio_to_all_occupations"]) and pd.isna(v.loc["2010-2020", "all_occupations_annual_growth_pct"])
    assert v.loc["2012-2022", "all_occupations_annual_growth_pct"] == pytest.approx(100 * (1.05 ** 0.1 - 1), abs=0.0005)
    assert list(v.reset_index().columns[:3]) == ["vintage", "soc_code", COMPARABLE]


def figures_table(rows):
    """figures.csv rows: (statistic, value, start, end, source_key)."""
    frame = pd.DataFrame([{"figure_id": f"X{i}", "statistic": s, "value": v, "year_start": a, "year_end": b, "source_key": k,
                           "as_printed": str(v)} for i, (s, v, a, b, k) in enumerate(rows)])
    frame["year_start"] = frame["year_start"].astype("Int64")
    frame["year_end"] = frame["year_end"].astype("Int64")
    return frame


def test_printed_figure_selects_by_statistic_and_years():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("projected_growth", 10, 2012, 2022, "h#L2"),
                          ("projected_growth", 12, 2016, 2026, "g#L3"), ("employment", 110, 2012, 2012, "g#L4")])
    assert growth.printed_figure(figs, "projected_growth", 2016, 2026)["value"] == 12
    assert growth.printed_figure(figs, "employment", 2012)["value"] == 110  # no end year: any
    assert growth.printed_figure(figs, "projected_growth", 2016, 2027) is None
    assert growth.printed_figure(figs, "projected_change", 2012, 2022) is None
    disagree = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("projected_growth", 11, 2012, 2022, "h#L2")])
    with pytest.raises(ValueError, match="different values"):
        growth.printed_figure(disagree, "projected_growth", 2012, 2022)


def test_guide_outlooks_base_printed_or_implied():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("employment", 110000, 2012, 2012, "g#L2"),
                          ("projected_growth", 10, 2016, 2026, "h#L3"), ("projected_change", 12000, 2016, 2026, "h#L3")])
    out = growth.guide_outlooks(figs, SYNTHETIC).set_index("vintage")
    # printed base 110,000 -> change 11,000, end 121,000, 10% over 10 years = 0.958% a year
    assert out.loc["2012-2022", ["base_persons", "change_persons", "implied_end_persons"]].tolist() == [110000, 11000, 121000]
    assert out.loc["2012-2022", "base_basis"] == "printed (g#L2)" and out.loc["2012-2022", "change_basis"].startswith("implied")
    assert out.loc["2012-2022", "annual_growth_pct"] == pytest.approx(0.958, abs=0.0005)
    # printed change 12,000 at 10% -> base 120,000
    assert out.loc["2016-2026", ["base_persons", "change_persons", "implied_end_persons"]].tolist() == [120000, 12000, 132000]
    assert out.loc["2016-2026", "change_basis"] == "printed (h#L3)" and out.loc["2016-2026", "base_basis"].startswith("implied")
    assert out.loc["2016-2026", ["bls_base_persons", "bls_pct", "bls_all_occupations_pct"]].tolist() == [120000, 10.0, 8.0]
    assert out.loc["2012-2022", "guide_sources"] == "g#L1"
    assert growth.quoted_pair(out.reset_index()) == ("2012-2022", "2016-2026")


def test_guide_outlooks_say_how_each_implied_number_was_implied():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("employment", 110000, 2012, 2012, "g#L2"),
                          ("projected_growth", 10, 2016, 2026, "h#L3"), ("projected_change", 12000, 2016, 2026, "h#L3")])
    out = growth.guide_outlooks(figs, SYNTHETIC).set_index("vintage")
    assert out.loc["2012-2022", "change_basis"] == "implied: base x percent"
    assert out.loc["2016-2026", "base_basis"] == "implied: change / percent"


def test_guide_outlooks_keep_whole_jobs_as_integers_beside_missing_ones():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("employment", 110000, 2012, 2012, "g#L2"),
                          ("projected_growth", 10, 2016, 2026, "h#L3")])  # 2016-2026: no base, no change
    projections = SYNTHETIC.assign(all_occupations_pct_change=SYNTHETIC["all_occupations_pct_change"].where(SYNTHETIC["vintage"] != "2016-2026"))
    out = growth.guide_outlooks(figs, projections)
    assert {c: str(out[c].dtype) for c in ("base_persons", "change_persons", "implied_end_persons", "bls_all_occupations_pct")} == {
        "base_persons": "Int64", "change_persons": "Int64", "implied_end_persons": "Int64", "bls_all_occupations_pct": "Float64"}
    assert out["base_persons"].tolist() == [110000, pd.NA] and out["bls_all_occupations_pct"].tolist() == [5.0, pd.NA]


def test_guide_outlooks_without_base_or_change_keep_the_outlook_with_missing_jobs():
    out = growth.guide_outlooks(figures_table([("projected_growth", 10, 2012, 2022, "g#L1")]), SYNTHETIC).set_index("vintage")
    assert out.loc["2012-2022", ["base_persons", "change_persons", "implied_end_persons"]].isna().all()
    assert out.loc["2012-2022", ["base_basis", "change_basis"]].tolist() == [growth.NOT_PRINTED, growth.NOT_PRINTED]
    assert out.loc["2012-2022", "printed_pct"] == 10.0 and out.loc["2012-2022", "bls_base_persons"] == 110000
    from mrt import schema

    schema.validate(out.reset_index(), "guide_outlooks.csv")


def test_guide_outlooks_refuse_what_cannot_be_built():
    with pytest.raises(ValueError, match="no such vintage"):
        growth.guide_outlooks(figures_table([("projected_growth", 10, 2013, 2023, "g#L1"), ("employment", 5, 2013, 2013, "g#L2")]), SYNTHETIC)
    with pytest.raises(ValueError, match="at least two"):
        growth.quoted_pair(pd.DataFrame({"vintage": ["2012-2022"]}))


def test_outlook_change_in_points_percent_and_per_year():
    outlooks = pd.DataFrame({"vintage": ["a", "b"], "printed_pct": [20.0, 15.0], "annual_growth_pct": [2.0, 1.5]})
    change = growth.outlook_change(outlooks, "a", "b")
    # 20% -> 15%: -5 points, -25% of the earlier percent, -0.5 points a year
    assert change == {"points": -5.0, "relative_pct": pytest.approx(-25.0), "annual_points": -0.5}


# The fall split on several scales ------------------------------------------------------------------

# Projections against outcomes ----------------------------------------------------------------------

def employment_table(rows):
    frame = pd.DataFrame([{"year": y, "soc_code": c, "occupation_title": "t", COMPARABLE: k, "employment_persons": e,
                           "source_key": f"o.csv#year={y}"} for y, c, k, e in rows])
    frame["employment_persons"] = frame["employment_persons"].astype("Int64")
    return frame


def test_outcome_pairs_like_for_like_hand_computed():
    vintages = growth.vintage_table(SYNTHETIC)
    oews = employment_table([(2016, "A", "yes", 115000), (2020, "B", "no", 280000)])
    pairs = growth.outcome_pairs(vintages, oews)
    like = pairs[pairs["like_for_like"]].set_index(["vintage", "year"])
    # 2010-2020 (100 -> 121) read at 2012: 100 x 1.21 ** 0.2 = 103.89; measured 110 (base of 2012-2022): +5.9%
    assert like.loc[("2010-2020", 2012), "projected_thousands"] == pytest.approx(103.9)
    assert like.loc[("2010-2020", 2012), "difference_pct"] == pytest.approx(5.9)
    assert like.loc[("2010-2020", 2012), "difference_thousands"] == pytest.approx(6.1)
    assert like.loc[("2010-2020", 2012), "measured_vintage"] == "2012-2022" and like.loc[("2010-2020", 2012), "years_ahead"] == 2
    # at 2016: 100 x 1.21 ** 0.6 = 112.12; measured 120: +7.0%
    assert like.loc[("2010-2020", 2016), "projected_thousands"] == pytest.approx(112.1)
    assert like.loc[("2010-2020", 2016), "difference_pct"] == pytest.approx(7.0)
    # 2012-2022 (110 -> 121, implied) at 2016: 110 x 1.1 ** 0.4 = 114.28; measured 120: +5.0%
    assert like.loc[("2012-2022", 2016), "difference_pct"] == pytest.approx(5.0)
    assert set(like.index) == {("2010-2020", 2012), ("2010-2020", 2016), ("2012-2022", 2016)}
    assert like["same_code"].all() and like["same_concept"].all() and (like["measured_by"] == "projections_base").all()


def test_outcome_pairs_keep_what_is_not_like_for_like_apart():
    vintages = growth.vintage_table(SYNTHETIC)
    oews = employment_table([(2016, "A", "yes", 115000), (2020, "B", "no", 280000)])
    unlike = growth.outcome_pairs(vintages, oews)
    unlike = unlike[~unlike["like_for_like"]].set_index(["vintage", "year", "measured_by"])
    # another code's base (2019, B) inside 2010-2020, 2012-2022 and 2016-2026: not like for like
    for vintage in ("2010-2020", "2012-2022", "2016-2026"):
        row = unlike.loc[(vintage, 2019, "projections_base")]
        assert not row["same_code"] and row["same_concept"] and row["measured_comparable_to_reference_code"] == "no"
    # OEWS in the target year (2020, another code) and in the last like-for-like year (2016, same code): another concept
    assert unlike.loc[("2010-2020", 2020, "oews_employment"), "measured_thousands"] == 280.0
    same_code_oews = unlike.loc[("2012-2022", 2016, "oews_employment")]
    assert same_code_oews["same_code"] and not same_code_oews["same_concept"] and pd.isna(same_code_oews["measured_vintage"])
    # 2016 is not after the 2016-2026 base, and the other code's own outlook is never checked
    assert ("2016-2026", 2016, "oews_employment") not in unlike.index
    assert "2019-2029" not in unlike.index.get_level_values("vintage")
    assert ("2012-2022", 2020, "oews_employment") not in unlike.index  # 2020 is neither its target nor the last like-for-like year


def test_outcome_pairs_linear_and_refusals():
    vintages = growth.vintage_table(SYNTHETIC)
    oews = employment_table([(2016, "A", "yes", 115000)])
    linear = growth.outcome_pairs(vintages, oews, "linear").set_index(["vintage", "year", "measured_by"])
    # 100 + 0.2 x 21 = 104.2
    assert linear.loc[("2010-2020", 2012, "projections_base"), "projected_thousands"] == pytest.approx(104.2)
    assert (linear["interpolation"] == "linear").all()
    with pytest.raises(ValueError, match="^no projection vintage has the reference occupation code$"):
        growth.outcome_pairs(vintages.assign(**{COMPARABLE: "no"}), oews)


# The guides' growth words --------------------------------------------------------------------------

@pytest.mark.parametrize("words, band", [
    ("much faster rate of growth", "much_faster"), ("Much  Faster than average", "much_faster"), ("faster than the average", "faster"),
    ("about as fast as average", "about_as_fast"), ("more slowly than average", "more_slowly"), ("slower than average", "more_slowly"),
    ("little or no growth", "little_or_no_change"), ("little or no change", "little_or_no_change"), ("decline rapidly", "decline"),
    ("decline", "decline"),
])
def test_band_of_words(words, band):
    assert growth.band_of_words(words) == band


def test_band_of_words_refuses_words_without_a_comparison():
    with pytest.raises(ValueError, match="no growth comparison word"):
        growth.band_of_words("strong growth")


RATIO = growth.Rule("ratio", "test", (("much_faster", 2.0), ("faster", 1.5), ("about_as_fast", 0.7)))


def test_rule_bands_at_each_edge():
    # a value exactly at a lower bound is in that band; just below it is in the next slower one
    assert RATIO.band(2.0) == "much_faster" and RATIO.band(1.999) == "faster"
    assert RATIO.band(1.5) == "faster" and RATIO.band(1.4999) == "about_as_fast"
    assert RATIO.band(0.7) == "about_as_fast"
    assert RATIO.band(0.6999) == "more_slowly"  # below every bound: the band under the last one listed
    assert RATIO.bound("faster") == 1.5 and RATIO.key == "ratio:test"


@pytest.mark.parametrize("kind, bounds, message", [
    ("odds", (("faster", 1.0),), "kind"),
    ("ratio", (), "expected bands"),
    ("ratio", (("quick", 1.0),), "expected bands from .*'little_or_no_change'"),
    ("ratio", (("faster", 1.0), ("decline", -1.0)), "expected bands"),  # decline would leave no band below
    ("ratio", (("faster", 1.0), ("much_faster", 2.0)), "fastest first"),
    ("ratio", (("much_faster", 1.0), ("faster", 1.0)), "fastest first"),  # equal bounds leave a band empty
    ("ratio", (("much_faster", 2.0), ("much_faster", 1.0)), "fastest first"),
])
def test_rule_refuses_bands_that_do_not_make_a_scale(kind, bounds, message):
    with pytest.raises(ValueError, match=message):
        growth.Rule(kind, "test", bounds)


def key_phrases_table(rows):
    """bls_ooh_key_phrases.csv rows: (edition, start, end, phrase, min, max)."""
    frame = pd.DataFrame([{"edition": e, "projection_start": s, "projection_end": t, "key_phrase": p, "min_pct_change": lo,
                           "max_pct_change": hi} for e, s, t, p, lo, hi in rows])
    frame["min_pct_change"] = frame["min_pct_change"].astype("Float64")
    frame["max_pct_change"] = frame["max_pct_change"].astype("Float64")
    return frame


PHRASES = key_phrases_table([
    ("A", 2006, 2016, "much faster than average", 21, None), ("A", 2006, 2016, "faster than average", 14, 20),
    ("A", 2006, 2016, "about as fast as average", 7, 13), ("A", 2006, 2016, "more slowly than average", 3, 6),
    ("A", 2006, 2016, "little or no change", -2, 2), ("A", 2006, 2016, "decline slowly or moderately", -9, -3),
    ("A", 2006, 2016, "decline rapidly", None, -10),
    ("B", 2008, 2018, "much faster than average", 20, None), ("B", 2008, 2018, "faster than average", 14, 19),
    ("B", 2008, 2018, "decline", None, -1),
    ("C", 2002, 2012, "much faster than average", 36, None), ("C", 2002, 2012, "faster than average", 21, 35),
])
AVERAGES = pd.DataFrame({"projection_start": [2006, 2002], "projection_end": [2016, 2012], "all_occupations_pct_change": [10.0, 16.0]})


def test_handbook_rule_reads_the_published_bands():
    rule = growth.handbook_rule(PHRASES, "A")
    # the open 'decline rapidly' leaves decline without a lower bound; the rest keep their lowest percent
    assert rule.lower_bounds == (("much_faster", 21.0), ("faster", 14.0), ("about_as_fast", 7.0), ("more_slowly", 3.0),
                                 ("little_or_no_change", -2.0))
    assert rule.key == "percent:A"
    assert rule.band(21) == "much_faster" and rule.band(20.99) == "faster" and rule.band(-2.01) == "decline"
    assert growth.handbook_rule(PHRASES, "B").lower_bounds == (("much_faster", 20.0), ("faster", 14.0))
    with pytest.raises(ValueError, match="no key phrases"):
        growth.handbook_rule(PHRASES, "Z")


def test_average_for_and_ratio_rule():
    assert growth.average_for(AVERAGES, 2006, 2016) == 10.0
    with pytest.raises(ValueError, match="2008-2018"):
        growth.average_for(AVERAGES, 2008, 2018)
    ratio = growth.ratio_rule(growth.handbook_rule(PHRASES, "B"), 10.0)
    assert ratio.lower_bounds == (("much_faster", 2.0), ("faster", 1.4)) and ratio.kind == "ratio" and ratio.basis == "B"
    with pytest.raises(ValueError, match="only a percent rule"):
        growth.ratio_rule(ratio, 10.0)
    with pytest.raises(ValueError, match="positive"):
        growth.ratio_rule(growth.handbook_rule(PHRASES, "B"), 0)


def test_derived_ratio_rule_uses_the_latest_edition_with_a_known_average():
    # B (2008-2018) is the latest but has no average; A (2006-2016, 10%) has: 21/10 = 2.1, 14/10 = 1.4, 7/10 = 0.7 ...
    rule = growth.derived_ratio_rule(PHRASES, AVERAGES)
    assert rule.basis == "A" and rule.kind == "ratio"
    assert [b for b, _ in rule.lower_bounds] == ["much_faster", "faster", "about_as_fast", "more_slowly", "little_or_no_change"]
    assert [v for _, v in rule.lower_bounds] == pytest.approx([2.1, 1.4, 0.7, 0.3, -0.2])
    # with an average for B as well, B wins (later): 20/8 = 2.5
    later = pd.concat([AVERAGES, pd.DataFrame({"projection_start": [2008], "projection_end": [2018], "all_occupations_pct_change": [8.0]})])
    assert growth.derived_ratio_rule(PHRASES, later).bound("much_faster") == pytest.approx(2.5)
    with pytest.raises(ValueError, match="^no Handbook edition has both"):
        growth.derived_ratio_rule(PHRASES, AVERAGES.iloc[0:0])


def test_with_thresholds_replaces_and_checks():
    derived = growth.derived_ratio_rule(PHRASES, AVERAGES)
    assert growth.with_thresholds(derived) is derived  # None keeps the rule
    two = growth.with_thresholds(derived, much_faster=2.0)
    assert two.bound("much_faster") == 2.0 and two.bound("faster") == pytest.approx(1.4) and two.basis == "A, much_faster=2"
    both = growth.with_thresholds(derived, much_faster=3, faster=1.2)
    assert (both.bound("much_faster"), both.bound("faster")) == (3.0, 1.2) and both.key == "ratio:A, much_faster=3, faster=1.2"
    assert both.bound("about_as_fast") == pytest.approx(0.7)  # the other bands stay
    assert growth.with_thresholds(growth.Rule("ratio", "x", (("much_faster", 2.0),)), faster=1.5).lower_bounds == (("much_faster", 2.0), ("faster", 1.5))


@pytest.mark.parametrize("changes, message", [
    ({"much_faster": 0}, "much faster"), ({"much_faster": -1}, "much faster"), ({"faster": math.nan}, "'faster'"),
    ({"much_faster": math.inf}, "much faster"), ({"much_faster": "2"}, "much faster"), ({"much_faster": True}, "much faster"),
    ({"much_faster": 1.3}, "fastest first"),  # below the derived 'faster' 1.4
])
def test_with_thresholds_refuses_bad_parameters(changes, message):
    with pytest.raises(ValueError, match=message):
        growth.with_thresholds(growth.derived_ratio_rule(PHRASES, AVERAGES), **changes)


@pytest.mark.parametrize("claimed, actual, ratio, verdict", [
    ("faster", "faster", 1.8, "supported"),
    ("much_faster", "faster", 1.8, "overstated"),
    ("faster", "much_faster", 2.2, "understated"),
    ("faster", "about_as_fast", 1.2, "overstated"),  # above the average, but not by enough
    ("faster", "about_as_fast", 1.0, "contradicted"),  # exactly at the average is not faster
    ("much_faster", "more_slowly", 0.5, "contradicted"),
    ("more_slowly", "more_slowly", 0.5, "supported"),
    ("more_slowly", "about_as_fast", 1.0, "contradicted"),  # exactly at the average is not slower
    ("more_slowly", "about_as_fast", 0.99, "understated"),
    ("decline", "more_slowly", 0.5, "understated"),  # claims a slower band than the rule gives: the growth is understated
    ("about_as_fast", "faster", 1.6, "understated"),
    ("about_as_fast", "more_slowly", 0.5, "overstated"),
])
def test_compare_bands(claimed, actual, ratio, verdict):
    assert growth.compare_bands(claimed, actual, ratio) == verdict


def test_judge_words_at_the_threshold():
    rule = growth.with_thresholds(growth.derived_ratio_rule(PHRASES, AVERAGES), much_faster=2.0)
    # 20 / 10 = 2.0 exactly: much faster under a 2x rule
    judged = growth.judge_words("much faster rate of growth", 20, 10, rule)
    assert (judged.ratio, judged.claimed_band, judged.band, judged.verdict) == (2.0, "much_faster", "much_faster", "supported")
    assert growth.judge_words("much faster rate of growth", 19.99, 10, rule).verdict == "overstated"
    assert growth.judge_words("faster than the average", 20, 10, rule).verdict == "understated"
    # a percent rule reads the percent itself: 21% is much faster in edition A whatever the average
    assert growth.judge_words("faster than the average", 21, 20, growth.handbook_rule(PHRASES, "A")).band == "much_faster"
    assert growth.judge_words("faster than the average", 20.99, 20, growth.handbook_rule(PHRASES, "A")).verdict == "supported"
    with pytest.raises(ValueError, match="positive"):
        growth.judge_words("faster", 10, 0, rule)


def claims_and_figures():
    claims = pd.DataFrame({"claim_id": ["C1", "C2", "C3"], "source_key": ["g#L1", "h#L2", "h#L3"], "check": ["growth_wording", "growth_wording", "growth_pct"],
                           "figure_ids": ["X0", "X1", "X1"], "as_printed": ["faster than the average", "much faster rate", "10%"]})
    figures = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("projected_growth", 10, 2016, 2026, "h#L2")])
    return claims, figures


def test_rule_wording_table_judges_each_claim_by_the_rule_given():
    claims, figures = claims_and_figures()
    derived = growth.derived_ratio_rule(PHRASES, AVERAGES)
    table = growth.rule_wording_table(claims, figures, SYNTHETIC, derived).set_index("source_key")
    # 10 / 5 = 2.0 in 2012-2022: below 2.1, 'faster' -> supported; 10 / 8 = 1.25 in 2016-2026: about as fast, 'much faster' overstated
    assert table.loc["g#L1", ["vintage", "ratio", "band", "verdict"]].tolist() == ["2012-2022", 2.0, "faster", "supported"]
    assert table.loc["h#L2", ["ratio", "claimed_band", "band", "verdict"]].tolist() == [1.25, "much_faster", "about_as_fast", "overstated"]
    assert table.loc["h#L2", "bls_source_key"] == "p.csv#vintage=2016-2026" and table.loc["h#L2", "all_occupations_pct"] == 8.0
    assert (table["rule"] == "ratio:A").all() and len(table) == 2  # only growth_wording claims
    # a percent rule reads the percent itself: 10% is 'about as fast' in edition A's bands (7-13) whatever the average
    by_bands = growth.rule_wording_table(claims, figures, SYNTHETIC, growth.handbook_rule(PHRASES, "A")).set_index("source_key")
    assert by_bands["band"].tolist() == ["about_as_fast", "about_as_fast"] and by_bands.loc["g#L1", "verdict"] == "overstated"


# The guides' words against the Handbook's own word ----------------------------------------------------

def handbook_table(rows):
    """bls_ooh_growth_wording.csv in the processed layout; rows: (edition, start, end, pct, average, words)."""
    return pd.DataFrame([{"edition": e, "projection_start": s, "projection_end": t, "pct_change": float(p), "all_occupations_pct_change": float(a),
                          "handbook_wording": w, "source": "src", "status": "read", "source_key": f"w.csv#edition={e}"}
                         for e, s, t, p, a, w in rows])


HANDBOOK = handbook_table([("E1", 2006, 2016, 18, 10, "faster than the average"), ("E2", 2010, 2020, 21, 14, "faster than the average"),
                           ("E3", 2012, 2022, 22, 10.8, "much faster than the average"),
                           ("E4", 2014, 2024, 15, 6.5, "much faster than average")])


@pytest.mark.parametrize("value, step", [(22, 1.0), (22.0, 1.0), (10, 1.0), (10.8, 0.1), (3.7, 0.1), (13.48, 0.01)])
def test_percent_step(value, step):
    assert growth.percent_step(value) == pytest.approx(step)


def test_ratio_interval_reads_each_percent_with_its_own_step():
    # 22 (21.5-22.5) over 10.8 (10.75-10.85): 21.5 / 10.85 = 1.9816, 22.5 / 10.75 = 2.0930
    allowed = growth.ratio_interval(22, 10.8)
    assert (round(allowed.low, 4), round(allowed.high, 4)) == (1.9816, 2.093)
    # 18 over a whole 10 (9.5-10.5): 17.5 / 10.5 = 1.6667, 18.5 / 9.5 = 1.9474
    assert (round(growth.ratio_interval(18, 10).low, 4), round(growth.ratio_interval(18, 10).high, 4)) == (1.6667, 1.9474)
    with pytest.raises(ValueError, match="positive reference"):
        growth.ratio_interval(5, -1)  # -1.5 to -0.5: no ratio to speak of
    with pytest.raises(ValueError, match="positive reference above its rounding, found 0"):
        growth.ratio_interval(5, 0)


def test_handbook_words_and_what_each_word_was_given():
    words = growth.handbook_words(HANDBOOK).set_index("edition")
    assert words["band"].tolist() == ["faster", "faster", "much_faster", "much_faster"]
    assert words["ratio"].tolist() == [1.8, 1.5, 2.037, 2.308]  # 18/10, 21/14, 22/10.8, 15/6.5
    assert (words.loc["E3", "ratio_low"], words.loc["E3", "ratio_high"]) == (1.982, 2.093)
    brackets = growth.ratio_brackets(growth.handbook_words(HANDBOOK))
    assert brackets["faster"] == {"low": 1.5, "low_edition": "E2", "high": 1.8, "high_edition": "E1", "editions": 2}
    assert (brackets["much_faster"]["low"], brackets["much_faster"]["high"], brackets["much_faster"]["editions"]) == (2.037, 2.308, 2)
    assert set(brackets) == {"faster", "much_faster"}


def test_handbook_word_for_the_same_outlook_only():
    words = growth.handbook_words(HANDBOOK)
    assert growth.handbook_word_for(words, 2012, 2022)["edition"] == "E3"
    assert growth.handbook_word_for(words, 2016, 2026) is None
    assert growth.handbook_word_for(words, 2012, 2020) is None  # the same first year is not the same outlook
    with pytest.raises(ValueError, match="more than one Handbook edition describes 2012-2022"):
        growth.handbook_word_for(pd.concat([words, words.iloc[[2]].assign(edition="E3b")]), 2012, 2022)


@pytest.mark.parametrize("claimed, ratio, handbook, verdict", [
    ("faster", 2.04, "much_faster", "understated"), ("much_faster", 2.04, "much_faster", "supported"),
    ("much_faster", 1.5, "faster", "overstated"), ("faster", 1.5, "faster", "supported"),
    ("much_faster", 1.76, None, "cannot_tell"), ("faster", 1.01, None, "cannot_tell"),
    # the wrong side of the average needs no Handbook word: at or below 1x, 'faster' is contradicted
    ("faster", 1.0, None, "contradicted"), ("much_faster", 0.9, "faster", "contradicted"), ("more_slowly", 1.0, None, "contradicted"),
    ("more_slowly", 0.99, None, "cannot_tell"),
])
def test_judge_against_handbook(claimed, ratio, handbook, verdict):
    assert growth.judge_against_handbook(claimed, ratio, handbook) == verdict
    assert verdict in growth.WORDING_VERDICTS


def test_wording_table_judges_each_claim_against_the_handbook_of_the_same_outlook():
    claims, figures = claims_and_figures()
    handbook = handbook_table([("E1", 2006, 2016, 18, 10, "faster than the average"),
                               ("E3", 2012, 2022, 10, 5, "much faster than the average")])
    table = growth.wording_table(claims, figures, SYNTHETIC, handbook).set_index("source_key")
    # 2012-2022: the guide says 'faster', the Handbook 'much faster' -> understated
    found = table.loc["g#L1"]
    assert (found["handbook_edition"], found["handbook_band"], found["verdict"]) == ("E3", "much_faster", "understated")
    assert found["handbook_source_key"] == "w.csv#edition=E3" and found["ratio"] == 2.0
    # 10 (9.5-10.5) over 5 (4.5-5.5): 1.727-2.333
    assert (found["ratio_low"], found["ratio_high"]) == (1.727, 2.333)
    # 2016-2026: no edition found -> cannot tell, with the ratios the editions found gave each word
    missing = table.loc["h#L2"]
    assert missing["verdict"] == "cannot_tell" and pd.isna(missing["handbook_edition"]) and pd.isna(missing["handbook_source_key"])
    assert (missing["faster_ratio_low"], missing["faster_ratio_high"], missing["much_faster_ratio_low"]) == (1.8, 1.8, 2.0)
    assert len(table) == 2  # only growth_wording claims


def test_wording_table_refuses_an_outlook_bls_does_not_have():
    claims, figures = claims_and_figures()
    with pytest.raises(ValueError, match="h#L2: the guide's outlook 2016-2026 is not in the BLS projections table"):
        growth.wording_table(claims, figures, SYNTHETIC.iloc[:2], HANDBOOK)


# How close the outcomes came --------------------------------------------------------------------------

@pytest.mark.parametrize("difference, within", [(2.9, True), (3.0, True), (3.1, False), (-2.9, True), (-3.0, True), (-3.1, False),
                                                (0.0, True)])
def test_within_tolerance_at_three_percent(difference, within):
    assert growth.within_tolerance(difference, 3.0) is within


@pytest.mark.parametrize("bad", [0, -3, float("nan"), float("inf"), True, "3"])
def test_within_tolerance_refuses_a_tolerance_that_is_not_a_positive_number(bad):
    with pytest.raises(ValueError, match="positive number of percent"):
        growth.within_tolerance(1.0, bad)


def test_outcome_exceptions_largest_first():
    pairs = pd.DataFrame({"vintage": ["a", "a", "b", "b", "c"], "year": [1, 2, 1, 2, 1], "difference_pct": [2.9, 3.1, -3.0, -7.9, 6.3]})
    out = growth.outcome_exceptions(pairs, 3.0)
    assert out["difference_pct"].tolist() == [-7.9, 6.3, 3.1]
    assert growth.outcome_exceptions(pairs, 8.0).empty


# The key real-data results, computed by calling the code -------------------------------------------

@pytest.fixture(scope="module")
def real():
    from mrt import clean

    figures = clean.build_figures()
    return {"figures": figures, "claims": clean.build_guide_claims(figures), "projections": clean.build_bls_projections(),
            "employment": clean.build_bls_employment(), "phrases": clean.build_ooh_key_phrases(),
            "averages": clean.build_all_occupations_growth(), "wording": clean.build_ooh_growth_wording()}


def test_real_outlooks_against_the_average(real):
    outlooks = growth.guide_outlooks(real["figures"], real["projections"])
    earlier, later = growth.quoted_pair(outlooks)
    bls = growth.vintage_table(real["projections"]).set_index("vintage")
    x, y = bls.loc[earlier], bls.loc[later]
    assert (round(x["ratio_to_all_occupations"], 2), round(y["ratio_to_all_occupations"], 2)) == (2.04, 1.82)
    # the fall in points: 22 - 13.5 = 8.5 for the occupation, 10.8 - 7.4 = 3.4 for all occupations
    assert (round(x["pct_change"] - y["pct_change"], 1), round(x["all_occupations_pct_change"] - y["all_occupations_pct_change"], 1)) == (8.5, 3.4)


def test_real_rounding_interval(real):
    check = growth.rounding_check(28000, growth.rounding_step(28000), 13, growth.rounding_step(13), 206300)
    assert (check["base_low_persons"], check["base_high_persons"], check["bls_base_in_interval"]) == (203704, 228000, True)


def test_real_like_for_like_outcome(real):
    vintages = growth.vintage_table(real["projections"])
    pairs = growth.outcome_pairs(vintages, real["employment"])
    like = pairs[pairs["like_for_like"]]
    last = like[like["year"] == like["year"].max()]
    assert last["year"].iloc[0] == 2018 and len(last) == 4 and (last["difference_pct"] > 0).all()
    assert (like["measured_soc_code"] == like["soc_code"]).all() and not pairs.loc[~pairs["like_for_like"], "measured_by"].empty


def test_real_wording_verdicts_against_the_handbook(real):
    table = growth.wording_table(real["claims"], real["figures"], real["projections"], real["wording"]).set_index("vintage")
    # 2012-2022: the guide's 'faster' where the Handbook 2014-15 said 'much faster' -> understated
    assert table.loc["2012-2022", ["handbook_edition", "verdict"]].tolist() == ["2014-15", "understated"]
    # 2016-2026 (13% over 7.4%, 1.76x): the Handbook edition for it is not in the file -> cannot tell
    assert table.loc["2016-2026", "verdict"] == "cannot_tell" and pd.isna(table.loc["2016-2026", "handbook_edition"])
    # what the editions found gave each word: 'faster' 1.5x (21/14) to 1.8x (18/10); 'much faster' 2.04x (22/10.8) to 2.31x (15/6.5)
    assert table.loc["2016-2026", ["faster_ratio_low", "faster_ratio_high", "much_faster_ratio_low", "much_faster_ratio_high"]].tolist() == [
        1.5, 1.8, 2.037, 2.308]
    # the derived 2.1x rule would have called the 2012-2022 'faster' supported: BLS's own word says otherwise
    derived = growth.derived_ratio_rule(real["phrases"], real["averages"])
    assert (derived.basis, round(derived.bound("much_faster"), 2)) == ("2008-09", 2.1)
    old = growth.rule_wording_table(real["claims"], real["figures"], real["projections"], derived).set_index("vintage")
    assert old.loc["2012-2022", "verdict"] == "supported"


def test_real_like_for_like_outcomes_within_three_percent(real):
    pairs = growth.outcome_pairs(growth.vintage_table(real["projections"]), real["employment"])
    like = pairs[pairs["like_for_like"]]
    out = growth.outcome_exceptions(like, 3.0)
    assert len(like) == 10 and list(zip(out["vintage"], out["year"], out["difference_pct"])) == [
        ("2014-2024", 2018, 7.9), ("2014-2024", 2016, 6.3), ("2010-2020", 2018, 3.1)]


# Details the tables rely on --------------------------------------------------------------------------

def test_every_table_matches_its_schema_entry():
    """Column names, order and types are those of the data dictionary (strict, ordered)."""
    from mrt import schema

    vintages = growth.vintage_table(SYNTHETIC)
    schema.validate(vintages, "projection_vintages.csv")
    figs = figures_table([("projected_growth", 10, 2012, 2022, "g#L1"), ("employment", 110000, 2012, 2012, "g#L2")])
    schema.validate(growth.guide_outlooks(figs, SYNTHETIC), "guide_outlooks.csv")
    oews = employment_table([(2016, "A", "yes", 115000), (2020, "B", "no", 280000)])
    pairs = growth.outcome_pairs(vintages, oews)
    schema.validate(pairs[pairs["like_for_like"]], "projection_vs_outcome.csv")
    schema.validate(pairs[~pairs["like_for_like"]], "projection_vs_outcome_not_comparable.csv")
    claims, figures = claims_and_figures()
    schema.validate(growth.wording_table(claims, figures, SYNTHETIC, HANDBOOK), "growth_wording.csv")
    schema.validate(growth.rule_wording_table(claims, figures, SYNTHETIC, growth.handbook_rule(PHRASES, "A")), "growth_wording_rules.csv")
    schema.validate(growth.rounding_table("2016-2026", 28000, 13, 206300, "g#L1"), "outlook_rounding.csv")


def test_vintage_table_rounds_implied_levels_to_a_tenth():
    table = projections_table([("2012-2022", "A", "yes", 186.3, None, None, 22.0, 10.8)])
    v = growth.vintage_table(table).iloc[0]
    # 186.3 x 1.22 = 227.286 -> 227.3 (thousands, as BLS prints); change 227.3 - 186.3 = 41.0
    assert v["projected_thousands"] == 227.3 and v["change_thousands_used"] == 41.0
    # 22 / 10.8 = 2.0370 -> 2.037; 10.8% over 10 years = 1.0309% a year -> 1.031; 22% -> 2.0083% -> 2.008
    assert v["ratio_to_all_occupations"] == 2.037
    # 13.5 / 7.4 = 1.82432 -> 1.824
    assert growth.vintage_table(projections_table([("2016-2026", "A", "yes", 206.3, 234.1, 27.8, 13.5, 7.4)]))["ratio_to_all_occupations"].iloc[0] == 1.824
    assert v["all_occupations_annual_growth_pct"] == 1.031 and v["annual_growth_pct"] == 2.008


def test_guide_outlooks_match_the_end_year_and_join_sources():
    figs = figures_table([("projected_growth", 10, 2012, 2022, "h#L9"), ("projected_growth", 10, 2012, 2022, "g#L1"),
                          ("projected_change", 11000, 2012, 2022, "g#L1"),
                          ("projected_growth", 40, 2012, 2030, "k#L1"), ("projected_change", 99, 2012, 2030, "k#L1")])
    out = growth.guide_outlooks(figs, projections_table([("2012-2022", "A", "yes", 110.0, None, None, 10.0, 5.0),
                                                         ("2012-2030", "A", "yes", 110.0, None, None, 40.0, 5.0)])).set_index("vintage")
    # another outlook from the same first year (2012-2030, 40%) is never mixed into 2012-2022
    assert out.loc["2012-2022", ["printed_pct", "change_persons", "base_persons"]].tolist() == [10.0, 11000, 110000]
    assert out.loc["2012-2022", "guide_sources"] == "g#L1; h#L9"  # sorted, '; '-separated
    assert out.loc["2012-2022", "annual_growth_pct"] == 0.958  # 1.1 ** 0.1 - 1 = 0.9577%


def test_quoted_pair_takes_the_first_and_last_of_several():
    assert growth.quoted_pair(pd.DataFrame({"vintage": ["2016-2026", "2012-2022", "2014-2024"]})) == ("2012-2022", "2016-2026")


def test_rounding_check_high_end_is_rounded_down_to_whole_jobs():
    # change up to 29,000, percent down to 14: 207,142.86 -> 207,142 whole jobs (never rounded to the nearest)
    assert growth.rounding_check(28000, 2000, 15, 2, 0)["base_high_persons"] == 207142


def test_outcome_pairs_measure_at_the_target_year_too_and_in_order():
    table = projections_table([("2010-2020", "A", "yes", 100.0, 121.0, 21.0, 21.0, None),
                               ("2015-2025", "A", "yes", 105.0, 115.5, 10.5, 10.0, 5.0),
                               ("2020-2030", "A", "yes", 130.0, 143.0, 13.0, 10.0, 5.0)])
    oews = employment_table([(2020, "A", "yes", 115432), (2025, "B", "no", 1)])
    mixed = growth.outcome_pairs(growth.vintage_table(table.assign(soc_code=["A", "A", "B"])), oews)
    # a later base with another code (B) in the same year as an OEWS count: both not like for like, OEWS first (by name)
    assert list(zip(mixed["like_for_like"], mixed["vintage"], mixed["year"], mixed["measured_by"])) == [
        (True, "2010-2020", 2015, "projections_base"),
        (False, "2010-2020", 2020, "oews_employment"), (False, "2010-2020", 2020, "projections_base"),
        (False, "2015-2025", 2020, "oews_employment"), (False, "2015-2025", 2020, "projections_base"),
        (False, "2015-2025", 2025, "oews_employment")]
    pairs = growth.outcome_pairs(growth.vintage_table(table), oews.iloc[:1])
    keys = list(zip(pairs["like_for_like"], pairs["vintage"], pairs["year"], pairs["measured_by"]))
    # like for like first, then by outlook and year; the base in the target year itself (2020) counts
    assert keys == [(True, "2010-2020", 2015, "projections_base"), (True, "2010-2020", 2020, "projections_base"),
                    (True, "2015-2025", 2020, "projections_base"),
                    (False, "2010-2020", 2020, "oews_employment"), (False, "2015-2025", 2020, "oews_employment")]
    assert pairs["measured_thousands"].tolist()[-1] == 115.4  # 115,432 persons -> 115.4 thousand
    assert list(pairs.index) == list(range(len(pairs)))
    assert pairs.loc[3, "measured_source_key"] == "o.csv#year=2020" and pairs.loc[0, "measured_source_key"] == "p.csv#vintage=2015-2025"
    assert pairs.loc[3, "measured_comparable_to_reference_code"] == "yes"


def test_handbook_rule_open_band_wins_whatever_the_row_order():
    phrases = key_phrases_table([("D", 2006, 2016, "faster than average", 14, 20), ("D", 2006, 2016, "decline rapidly", None, -10),
                                 ("D", 2006, 2016, "decline slowly or moderately", -9, -3)])
    assert growth.handbook_rule(phrases, "D").lower_bounds == (("faster", 14.0),)


def test_averages_match_both_years():
    averages = pd.DataFrame({"projection_start": [2006, 2006], "projection_end": [2014, 2016], "all_occupations_pct_change": [50.0, 10.0]})
    assert growth.average_for(averages, 2006, 2016) == 10.0
    assert growth.derived_ratio_rule(PHRASES, averages).bound("much_faster") == pytest.approx(2.1)
    only_start = pd.DataFrame({"projection_start": [2006, 2008], "projection_end": [2014, 2020], "all_occupations_pct_change": [50.0, 10.0]})
    with pytest.raises(ValueError, match="2006-2016"):
        growth.average_for(only_start, 2006, 2016)
    with pytest.raises(ValueError, match="^no Handbook edition"):
        growth.derived_ratio_rule(PHRASES, only_start)


def test_derived_ratio_rule_if_known_is_the_rule_or_none():
    assert growth.derived_ratio_rule_if_known(PHRASES, AVERAGES) == growth.derived_ratio_rule(PHRASES, AVERAGES)
    only_start = pd.DataFrame({"projection_start": [2006, 2008], "projection_end": [2014, 2020], "all_occupations_pct_change": [50.0, 10.0]})
    assert growth.derived_ratio_rule_if_known(PHRASES, only_start) is None  # no edition has both its bands and its average


def test_averages_and_thresholds_below_one_are_fine():
    assert growth.ratio_rule(growth.handbook_rule(PHRASES, "B"), 0.5).bound("much_faster") == 40.0  # 20 / 0.5
    assert growth.judge_words("faster than the average", 0.8, 0.5, RATIO).ratio == pytest.approx(1.6)
    assert growth.with_thresholds(growth.derived_ratio_rule(PHRASES, AVERAGES), faster=0.9).bound("faster") == 0.9


def test_rounding_table_reads_the_change_at_three_steps():
    table = growth.rounding_table("2016-2026", 28000, 13, 206300, "g#L1; h#L2")
    # the digits of 28,000 say 1,000; "about" leaves room for half and five times that
    assert table["change_step"].tolist() == [500.0, 1000.0, 5000.0] and table["step_as_printed"].tolist() == [False, True, False]
    assert table.loc[1, ["base_low_persons", "base_high_persons"]].tolist() == [203704, 228000]  # as rounding_check gives
    assert (table["pct_step"] == 1.0).all() and (table["source_keys"] == "g#L1; h#L2").all()


def test_real_ratios_are_kept_to_three_decimals(real):
    table = growth.wording_table(real["claims"], real["figures"], real["projections"], real["wording"]).set_index("vintage")
    assert table.loc["2016-2026", "ratio"] == 1.757 and table.loc["2012-2022", "ratio"] == 2.037  # 13 / 7.4, 22 / 10.8


def test_wording_table_row_in_detail_and_a_word_the_handbook_never_used():
    claims, figures = claims_and_figures()
    figures = figures.assign(value=[4, 10])  # the guide's 'faster' outlook for 2012-2022 is 4%, below the average of 5%
    handbook = handbook_table([("E3", 2012, 2022, 10, 5, "faster than the average")])  # no edition found says 'much faster'
    table = growth.wording_table(claims, figures, SYNTHETIC, handbook).set_index("source_key")
    row = table.loc["g#L1"]
    # 4 / 5 = 0.8: 'faster' puts it on the wrong side of the average, whatever the Handbook says
    assert (row["ratio"], row["verdict"]) == (0.8, "contradicted")
    assert (row["handbook_edition"], row["handbook_wording"], row["handbook_band"]) == ("E3", "faster than the average", "faster")
    # the only word the Handbook used is 'faster' (10 / 5 = 2.0); 'much faster' has no ratios to show
    assert (row["faster_ratio_low"], row["faster_ratio_high"]) == (2.0, 2.0)
    assert pd.isna(row["much_faster_ratio_low"]) and pd.isna(row["much_faster_ratio_high"])
    assert pd.isna(table.loc["h#L2", "handbook_wording"])  # 2016-2026: no edition found


def test_rule_wording_table_keeps_the_ratio_to_three_decimals():
    claims, figures = claims_and_figures()
    projections = SYNTHETIC.assign(all_occupations_pct_change=SYNTHETIC["all_occupations_pct_change"].where(SYNTHETIC["vintage"] != "2012-2022", 6.0))
    table = growth.rule_wording_table(claims, figures, projections, growth.derived_ratio_rule(PHRASES, AVERAGES)).set_index("source_key")
    assert table.loc["g#L1", "ratio"] == 1.667  # 10 / 6 = 1.66667


def test_handbook_words_keep_the_ratio_interval_to_three_decimals():
    words = growth.handbook_words(HANDBOOK).set_index("edition")
    # E1: 18 (17.5-18.5) over 10 (9.5-10.5): 17.5 / 10.5 = 1.66667 -> 1.667, 18.5 / 9.5 = 1.947368 -> 1.947
    assert (words.loc["E1", "ratio_low"], words.loc["E1", "ratio_high"]) == (1.667, 1.947)


def test_percent_ratio_interval_takes_a_small_reference_above_its_rounding():
    # 1 (0.5-1.5) over 0.15 read to tenths (0.1-0.2): 0.5 / 0.2 = 2.5 to 1.5 / 0.1 = 15
    low, high = growth.percent_ratio_interval(1, 0.15, 1.0, 0.1)
    assert (round(low, 9), round(high, 9)) == (2.5, 15.0)
    # 2 over 1.0 read to tenths (0.95-1.05): 1.5 / 1.05 = 1.428571 to 2.5 / 0.95 = 2.631579
    low, high = growth.percent_ratio_interval(2, 1.0, 1.0, 0.1)
    assert (round(low, 6), round(high, 6)) == (1.428571, 2.631579)


@pytest.mark.parametrize("tolerance", [1, 0.5])
def test_a_tolerance_of_one_percent_or_less_is_allowed(tolerance):
    assert growth.within_tolerance(0.5, tolerance) is True
    assert growth.within_tolerance(1.1, tolerance) is False


def test_outcome_exceptions_keep_only_the_pairs_columns():
    pairs = pd.DataFrame({"vintage": ["a", "b"], "year": [1, 1], "difference_pct": [2.0, -5.0]})
    out = growth.outcome_exceptions(pairs, 3.0)
    assert list(out.columns) == ["vintage", "year", "difference_pct"] and list(out.index) == [0]


def test_vintage_table_rounds_an_implied_change_to_a_tenth():
    # a published level and no published change: 121.0 - 100.04 = 20.96 -> 21.0 thousand (a tenth, as BLS prints)
    v = growth.vintage_table(projections_table([("2010-2020", "A", "yes", 100.04, 121.0, None, 21.0, 10.0)])).iloc[0]
    assert v["change_thousands_used"] == 21.0


@pytest.mark.parametrize("reference", [0.05, 0.0, -3.0])
def test_a_reference_at_or_below_its_rounding_is_refused_in_words_not_by_a_division(reference):
    # 0.05 read to tenths runs from 0.0 to 0.1: its lower end is no divisor; a zero or negative reference neither
    with pytest.raises(ValueError, match=rf"needs a positive reference above its rounding, found {reference}"):
        growth.percent_ratio_interval(1, reference, 1.0, 0.1)
