"""Salary rules pinned at their thresholds, on small synthetic tables with expected values worked out by hand;
then the key real-data results, computed by calling the code on data/raw (not read from committed CSVs)."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mrt import wages
from mrt.occupation import COMPARABLE

Z90 = 1.2815515655446004  # z of the 90th percentile
Z75 = 0.6744897501960817  # z of the 75th percentile


# Rounding ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, unit, step", [
    (39000, "usd_per_year", 1000), (58080, "usd_per_year", 10), (34165, "usd_per_year", 1), (40000, "usd_per_year", 10000),
    (100000, "usd_per_year", 100000), (22.5, "usd_per_year", 0.1), (0, "usd_per_year", 1), (20.5, "usd_per_hour", 0.01),
    (20.59, "usd_per_hour", 0.01), (3900, "usd_per_year", 100),
])
def test_rounding_step_is_read_from_the_trailing_zeros(value, unit, step):
    assert wages.rounding_step(value, unit) == step


@pytest.mark.parametrize("value, step, expected", [
    (39500, 1000, 40000),  # exactly half: up, unlike Python's round() which gives 40,000 here but 38,000 for 38,500
    (38500, 1000, 39000),
    (38499.99, 1000, 38000),
    (39180, 1000, 39000),
    (1.005, 0.01, 1.01),  # binary floating point would give 1.00
    (20.585, 0.01, 20.59),
    (-2.5, 1, -3),  # half away from zero
    (42820, 10, 42820),
])
def test_round_to_rounds_half_away_from_zero(value, step, expected):
    assert wages.round_to(value, step) == expected


@pytest.mark.parametrize("step", [0, -10])
def test_round_to_and_interval_refuse_a_step_that_is_not_positive(step):
    with pytest.raises(ValueError, match="positive rounding step"):
        wages.round_to(1.0, step)
    with pytest.raises(ValueError, match="positive rounding step"):
        wages.rounding_interval(1.0, step)


def test_rounding_interval():
    assert wages.rounding_interval(39000, 1000) == (38500, 39500)
    assert wages.rounding_interval(20.59, 0.01) == pytest.approx((20.585, 20.595))


# Hourly and annual ------------------------------------------------------------------------------

def test_tolerance_derivation():
    assert wages.hourly_annual_tolerance() == pytest.approx(10.4 + 5)  # half a cent x 2,080 + half of $10
    assert wages.hourly_annual_tolerance(0.01, 1) == pytest.approx(10.4 + 0.5)
    assert wages.hourly_annual_tolerance(0.02, 100) == pytest.approx(20.8 + 50)


@pytest.mark.parametrize("annual, consistent", [
    (41615.40, True), (41615.41, False),  # $20.00 x 2,080 = $41,600; tolerance $15.40, then a cent more
    (41584.60, True), (41584.59, False),  # the same below
    (41600.00, True),
])
def test_check_pair_at_the_tolerance_plus_or_minus_a_cent(annual, consistent):
    out = wages.check_pair(20.00, annual)
    assert out["consistent"] is consistent
    assert out["hourly_x_2080"] == 41600.0
    assert out["gap_usd"] == pytest.approx(annual - 41600)
    assert out["tolerance_usd"] == 15.4


def test_check_pair_hand_computed_and_steps():
    out = wages.check_pair(27.92, 58080)
    assert out["hourly_x_2080"] == pytest.approx(58073.6)
    assert out["gap_usd"] == pytest.approx(6.4)
    assert not wages.check_pair(27.92, 58120)["consistent"]  # $46.40 off: not rounding
    assert not wages.check_pair(24.17, 50260, annual_step=1)["consistent"]  # gap -$13.60 against $10.90
    assert wages.check_pair(24.17, 50260, annual_step=10)["consistent"]  # against $15.40
    assert wages.check_pair(24.17, 50260, annual_step=1, hourly_step=0.02)["consistent"]  # against $21.30
    assert wages.check_pair(24.17, 50260, annual_step=1, hourly_step=0.02)["tolerance_usd"] == 21.3


def wage_row(**kw):
    base = {"figure_id": "F1", "guide_file": "g.txt", "line": 1, "source_key": "g.txt#L1", "as_printed": "x", "area_type": "national",
            "area": "United States", "setting": "all", "statistic": "mean", "part": None, "unit": "usd_per_year", "value": 1.0,
            "qualifier": None, "year": pd.NA}
    return {**base, **kw}


def test_hourly_annual_pairs_groups_by_guide_area_statistic_and_end():
    rows = [
        wage_row(area_type="state", area="A", statistic="unspecified", part="hourly", unit="usd_per_hour", value=20.00, source_key="g.txt#L5"),
        wage_row(area_type="state", area="A", statistic="unspecified", part="annual", value=41610.0, source_key="g.txt#L5"),
        wage_row(statistic="range", part="low", unit="usd_per_hour", value=10.00, source_key="g.txt#L7"),
        wage_row(statistic="range", part="low", value=20800.0, source_key="g.txt#L8"),
        wage_row(statistic="range", part="high", unit="usd_per_hour", value=30.00, source_key="g.txt#L7"),  # no annual high end: no pair
        wage_row(statistic="mean", unit="usd_per_hour", value=15.00),  # two different hourly means: ambiguous, no pair
        wage_row(statistic="mean", unit="usd_per_hour", value=15.50),
        wage_row(statistic="mean", value=31200.0),
        wage_row(guide_file="h.txt", area_type="state", area="A", statistic="unspecified", part="annual", value=41600.0),  # other guide
    ]
    pairs = wages.hourly_annual_pairs(pd.DataFrame(rows))
    assert pairs[["area", "range_end", "hourly_usd", "annual_usd"]].values.tolist() == [["A", "point", 20.0, 41610.0], ["United States", "low", 10.0, 20800.0]]
    assert pairs["annual_rounding_step_usd"].tolist() == [10.0, 100.0]
    assert pairs["tolerance_usd"].tolist() == [15.4, 60.4]
    assert pairs["hourly_source_key"].tolist() == ["g.txt#L5", "g.txt#L7"] and pairs["annual_source_key"].tolist() == ["g.txt#L5", "g.txt#L8"]
    assert pairs["consistent"].tolist() == [True, True]
    assert pairs["statistic"].tolist() == ["unspecified", "range"] and pairs["area_type"].tolist() == ["state", "national"]
    tight = wages.hourly_annual_pairs(pd.DataFrame(rows), annual_step=1)
    assert tight["annual_rounding_step_usd"].tolist() == [1.0, 1.0]
    assert tight["consistent"].tolist() == [True, True]  # gaps $10 and $0 against $10.90


def test_hourly_annual_pairs_on_nothing_is_an_empty_table_with_the_columns():
    empty = wages.hourly_annual_pairs(pd.DataFrame([wage_row()]).iloc[0:0])
    assert empty.empty and "consistent" in empty.columns and "tolerance_usd" in empty.columns


# Where each printed figure came from ----------------------------------------------------------------

BLS = pd.DataFrame({"year": [2016, 2016, 2017, 2017, 2017, 2017, 2018, 2015],
                    "statistic": ["mean", "median", "mean", "median", "p10", "p90", "mean", "mean"],
                    "unit": ["usd_per_year"] * 8,
                    "value": [41460.0, 38040.0, 42820.0, 39180.0, 25810.0, 64610.0, 44010.0, np.nan],
                    "source_key": ["k16", "k16", "k17", "k17", "k17", "k17", "k18", "k15"]})


@pytest.mark.parametrize("row, verdict, year, statistic", [
    (wage_row(value=42820.0, year=2017), wages.EXACT, 2017, "mean"),
    (wage_row(value=39000.0, year=2017, statistic="median"), "rounded to nearest 1,000", 2017, "median"),
    (wage_row(value=42800.0, year=2017), "rounded to nearest 100", 2017, "mean"),  # 42,820 to the nearest 100
    (wage_row(value=42830.0, year=2017), wages.NOT_FOUND, None, None),  # step 10 is never "rounded"
    (wage_row(value=40000.0, year=2017, statistic="median"), "rounded to nearest 10,000", 2017, "median"),  # 39,180 to the nearest 10,000
    (wage_row(value=42820.0), wages.UNDATED_MATCH, 2017, "mean"),
    (wage_row(value=39180.0), wages.UNDATED_OTHER_STATISTIC, 2017, "median"),
    (wage_row(value=42820.0, year=2016), wages.YEAR_MISLABELLED, 2017, "mean"),
    (wage_row(value=39180.0, year=2017, statistic="mean"), wages.STATISTIC_MISLABELLED, 2017, "median"),
    (wage_row(value=25810.0, year=2017, statistic="range", part="low"), wages.EXACT, 2017, "p10"),
    (wage_row(value=64610.0, statistic="range", part="high"), wages.UNDATED_MATCH, 2017, "p90"),
    (wage_row(value=12345.0, year=2017), wages.NOT_FOUND, None, None),
    (wage_row(value=12345.0), wages.NOT_FOUND, None, None),
])
def test_match_to_bls_verdicts(row, verdict, year, statistic):
    out = wages.match_to_bls(pd.DataFrame([row]), BLS).iloc[0]
    assert out["verdict"] == verdict
    assert (pd.isna(out["bls_year"]) and year is None) or out["bls_year"] == year
    assert (pd.isna(out["bls_statistic"]) and statistic is None) or out["bls_statistic"] == statistic


@pytest.mark.parametrize("bls_median, verdict", [(35000.0, "rounded to nearest 10,000"), (34999.0, wages.NOT_FOUND)])
def test_a_bls_value_exactly_half_a_step_below_rounds_up_to_the_printed_figure(bls_median, verdict):
    bls = BLS.assign(value=BLS["value"].where(BLS["statistic"] != "median", bls_median))
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=40000.0, year=2017, statistic="median")]), bls).iloc[0]
    assert out["verdict"] == verdict and out["printed_rounding_step"] == 10000


def test_match_to_bls_ambiguous_matches_are_not_found():
    twice = pd.concat([BLS, BLS.assign(year=BLS["year"] + 10)], ignore_index=True)  # every value in two years
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=42820.0), wage_row(value=42820.0, year=2016)]), twice)
    assert out["verdict"].tolist() == [wages.NOT_FOUND, wages.NOT_FOUND]


def test_match_to_bls_keeps_the_columns_and_the_numbers():
    rows = pd.DataFrame([wage_row(value=39000.0, year=2017, statistic="median", figure_id="F9", source_key="g.txt#L9", as_printed="$39,000"),
                         wage_row(area_type="state", area="A", value=42820.0),  # not national: left out
                         wage_row(setting="hospitals", value=42820.0)])  # not all settings: left out
    out = wages.match_to_bls(rows, BLS)
    assert list(out.columns) == ["figure_id", "source_key", "as_printed", "part", "statistic_printed", "statistic_compared", "unit", "value",
                                 "year_printed", "printed_rounding_step", "bls_year", "bls_statistic", "bls_value", "difference", "verdict",
                                 "bls_source_key"]
    assert len(out) == 1
    row = out.iloc[0]
    assert (row["figure_id"], row["source_key"], row["as_printed"], row["bls_source_key"]) == ("F9", "g.txt#L9", "$39,000", "k17")
    assert row["difference"] == -180.0 and row["bls_value"] == 39180.0 and row["printed_rounding_step"] == 1000
    assert row["year_printed"] == 2017 and str(out["year_printed"].dtype) == "Int64" and str(out["bls_year"].dtype) == "Int64"


def test_match_to_bls_hourly_figures_are_compared_in_their_own_unit():
    bls = pd.concat([BLS, pd.DataFrame({"year": [2017], "statistic": ["mean"], "unit": ["usd_per_hour"], "value": [20.59], "source_key": ["k17"]})])
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=20.59, unit="usd_per_hour")]), bls).iloc[0]
    assert out["verdict"] == wages.UNDATED_MATCH and out["printed_rounding_step"] == 0.01 and out["bls_year"] == 2017


def test_compared_statistic():
    assert wages.compared_statistic("range", "low") == "p10"
    assert wages.compared_statistic("range", "high") == "p90"
    assert wages.compared_statistic("mean", "low") == "mean"
    assert wages.compared_statistic("range", None) == "range"
    # a range whose guide names its percentiles is compared with them (a middle half with the 25th and 75th)
    assert wages.compared_statistic("range_p25_p75", "low") == "p25"
    assert wages.compared_statistic("range_p25_p75", "high") == "p75"
    assert wages.compared_statistic("range_p10_p75", "high") == "p75"
    assert wages.compared_statistic("range_p25_p90", "low") == "p25"


def test_verdicts_are_a_closed_set():
    assert wages.VERDICTS == ("exact", "rounded to nearest 100", "rounded to nearest 1,000", "rounded to nearest 10,000", "rounded to nearest 100,000",
                              "year mislabelled", "statistic mislabelled", "no year printed; matches one BLS year exactly",
                              "no year printed; matches another statistic", "not found",
                              "BLS table has no such figure for the year printed")
    assert wages.rounded_verdict(1000.0) == "rounded to nearest 1,000"
    with pytest.raises(ValueError, match="expected a rounding step from"):
        wages.rounded_verdict(10)


PROVENANCE = pd.DataFrame({
    "source_key": ["a.txt#L1", "a.txt#L1", "a.txt#L1", "b.txt#L2", "b.txt#L3", "b.txt#L3", "b.txt#L3", "c.txt#L4", "b.txt#L9"],
    "part": [None, "low", "high", None, None, "low", "high", None, None],
    "statistic_printed": ["mean", "range", "range", "median", "mean", "range", "range", "mean", "mean"],
    "statistic_compared": ["mean", "p10", "p90", "median", "mean", "p10", "p90", "mean", "mean"],
    "unit": ["usd_per_year"] * 9,
    "value": [37710.0, 22700.0, 57320.0, 39000.0, 42820.0, 25810.0, 64610.0, 99999.0, 43000.0],
    "year_printed": pd.array([2013, 2013, 2013, 2017, None, None, None, None, 2017], dtype="Int64"),
    "printed_rounding_step": [10.0, 100.0, 10.0, 1000.0, 10.0, 10.0, 10.0, 1.0, 1000.0],
    "bls_year": pd.array([2013, 2013, 2013, 2017, 2017, 2017, 2017, None, 2017], dtype="Int64"),
    "bls_statistic": ["mean", "p10", "p90", "median", "mean", "p10", "p90", None, "mean"],
    "verdict": [wages.EXACT, wages.EXACT, wages.EXACT, "rounded to nearest 1,000", wages.UNDATED_MATCH, wages.UNDATED_MATCH,
                wages.UNDATED_MATCH, wages.NOT_FOUND, "rounded to nearest 1,000"],
})


def test_provenance_counts():
    assert wages.provenance_counts(PROVENANCE) == {
        "figures": 9, "exact": 3, "rounded": 2, "not_found": 1, "not_published": 0, "undated": 4, "undated_matched": 3,
        "undated_years": [2017], "range_ends": 4, "range_ends_checkable": 4, "range_ends_at_percentiles": 4, "named_range_ends": 0,
        "named_range_ends_matched": 0}
    odd = PROVENANCE.assign(bls_statistic=PROVENANCE["bls_statistic"].where(PROVENANCE["part"] != "low", "median"))
    assert wages.provenance_counts(odd)["range_ends_at_percentiles"] == 2


def test_provenance_counts_keep_unpublished_years_and_middle_halves_apart():
    """A range printed for a year whose 10th and 90th percentiles BLS does not publish cannot be checked (not 'not a
    percentile'); a range the guide calls a middle half is counted on its own, against the 25th and 75th."""
    partial = PROVENANCE.copy()
    unpublished = partial["source_key"].eq("a.txt#L1") & partial["part"].notna()
    partial.loc[unpublished, ["bls_statistic", "verdict"]] = [None, wages.NOT_PUBLISHED]
    partial.loc[unpublished, "bls_year"] = pd.NA
    middle = partial["source_key"].eq("b.txt#L3") & partial["part"].notna()
    partial.loc[middle, "statistic_printed"] = "range_p25_p75"
    partial.loc[middle, "statistic_compared"] = ["p25", "p75"]
    partial.loc[middle, "bls_statistic"] = ["p25", None]
    counts = wages.provenance_counts(partial)
    assert (counts["range_ends"], counts["range_ends_checkable"], counts["range_ends_at_percentiles"]) == (2, 0, 0)
    assert (counts["named_range_ends"], counts["named_range_ends_matched"], counts["not_published"]) == (2, 1, 2)


def test_matching_years_exact_and_within_a_rounding_step():
    bls = pd.DataFrame({"year": [2016, 2017, 2018], "statistic": ["mean"] * 3, "unit": ["usd_per_year"] * 3,
                        "value": [42750.0, 42820.0, 42850.0]})
    assert wages.matching_years(42820.0, "usd_per_year", "mean", bls) == [2017]
    assert wages.matching_years(42800.0, "usd_per_year", "mean", bls, step=100) == [2016, 2017]  # 42,750 rounds up to 42,800; 42,850 to 42,900
    assert wages.matching_years(42800.0, "usd_per_year", "median", bls, step=100) == []
    assert wages.matching_years(42820.0, "usd_per_hour", "mean", bls) == []


def test_undated_years_within_step():
    bls = pd.DataFrame({"year": [2016, 2017], "statistic": ["mean", "mean"], "unit": ["usd_per_year"] * 2, "value": [42815.0, 42820.0]})
    provenance = pd.DataFrame({"year_printed": pd.array([None, None, 2017], dtype="Int64"), "value": [42820.0, 42820.0, 1.0],
                               "unit": ["usd_per_year"] * 3, "statistic_compared": ["mean", "mean", "mean"],
                               "printed_rounding_step": [10.0, 1.0, 1.0]})
    assert wages.undated_years_within_step(provenance, bls) == [[2016, 2017], [2017]]  # 42,815 rounds to 42,820 at 10


# Distributions ----------------------------------------------------------------------------------

def test_lognormal_through_two_quantiles_returns_them():
    fit = wages.fit_two_quantiles(0.1, 20000, 0.9, 60000)
    assert fit.quantile(0.1) == pytest.approx(20000)
    assert fit.quantile(0.9) == pytest.approx(60000)
    assert fit.median == pytest.approx(math.sqrt(20000 * 60000))  # symmetric on the log scale
    assert fit.sigma == pytest.approx(math.log(3) / (2 * Z90))
    fit = wages.fit_two_quantiles(0.25, 30000, 0.9, 60000)  # asymmetric quantiles
    assert fit.quantile(0.25) == pytest.approx(30000) and fit.quantile(0.9) == pytest.approx(60000)


@pytest.mark.parametrize("args", [(0.9, 20000, 0.1, 60000), (0.1, 60000, 0.9, 20000), (0.0, 1, 0.9, 2), (0.1, 1, 1.0, 2), (0.1, 0, 0.9, 2)])
def test_fit_two_quantiles_refuses_impossible_input(args):
    with pytest.raises(ValueError, match="need 0 < q_low"):
        wages.fit_two_quantiles(*args)


@settings(deadline=None)  # the first call imports scipy
@given(st.floats(min_value=9, max_value=12), st.floats(min_value=0.1, max_value=1.0))
def test_least_squares_recovers_an_exact_lognormal(mu, sigma):
    true = wages.Lognormal(mu, sigma)
    fit = wages.fit_quantiles_and_mean({0.1: true.quantile(0.1), 0.9: true.quantile(0.9)}, true.mean)
    assert fit.mu == pytest.approx(mu, rel=1e-6)
    assert fit.sigma == pytest.approx(sigma, rel=1e-6)


def test_least_squares_balances_three_facts():
    # p10 and p90 say median sqrt(20,000 x 60,000) = 34,641; a mean far above pulls the fit's median up
    fit = wages.fit_quantiles_and_mean({0.1: 20000, 0.9: 60000}, 60000)
    assert 34641 < fit.median < 60000


def test_lognormal_hand_computed_values():
    fit = wages.Lognormal(math.log(40000), 0.5)
    assert fit.median == pytest.approx(40000)
    assert fit.mean == pytest.approx(40000 * math.exp(0.125))
    assert fit.quantile(0.75) == pytest.approx(40000 * math.exp(0.5 * Z75))
    assert fit.pdf(np.array([40000.0]))[0] == pytest.approx(1 / (40000 * 0.5 * math.sqrt(2 * math.pi)))
    assert fit.pdf(np.array([40000 * math.e ** 0.5]))[0] == pytest.approx(math.exp(-0.5) / (40000 * math.e ** 0.5 * 0.5 * math.sqrt(2 * math.pi)))


@pytest.mark.parametrize("q", [0.0, 1.0, -0.1, 1.5])
def test_quantile_outside_zero_one_is_refused(q):
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        wages.Lognormal(10, 0.5).quantile(q)
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        wages.SplitLognormal(30000, 0.3, 0.4).quantile(q)


def test_split_lognormal_passes_through_its_three_figures():
    dist = wages.SplitLognormal.through(20000, 30000, 60000)
    assert dist.sigma_below == pytest.approx(math.log(1.5) / Z90)
    assert dist.sigma_above == pytest.approx(math.log(2) / Z90)
    assert dist.quantile(0.1) == pytest.approx(20000)
    assert dist.quantile(0.5) == pytest.approx(30000)
    assert dist.quantile(0.9) == pytest.approx(60000)
    # quartiles by hand: 0.67449 / 1.28155 = 0.526307; 30,000 x 1.5 ** -0.526307 = 30,000 x e ** -0.213399 = 24,235.0;
    # above: 30,000 x 2 ** 0.526307 = 30,000 x e ** 0.364811 = 43,207.1
    assert dist.quantile(0.25) == pytest.approx(30000 * 1.5 ** -(Z75 / Z90))
    assert dist.quantile(0.25) == pytest.approx(24235.0, abs=0.1)
    assert dist.quantile(0.75) == pytest.approx(43207.1, abs=0.1)


def test_split_lognormal_with_equal_spreads_is_the_lognormal():
    split = wages.SplitLognormal(40000, 0.5, 0.5)
    plain = wages.Lognormal(math.log(40000), 0.5)
    for q in (0.05, 0.25, 0.5, 0.75, 0.95):
        assert split.quantile(q) == pytest.approx(plain.quantile(q))
    assert split.mean == pytest.approx(plain.mean)


def test_split_lognormal_mean_by_numerical_integration():
    dist = wages.SplitLognormal(30000, 0.3, 0.6)
    z = np.linspace(-9, 9, 200001)
    pay = 30000 * np.exp(np.where(z < 0, 0.3, 0.6) * z)
    density = np.exp(-z ** 2 / 2) / math.sqrt(2 * math.pi)
    assert dist.mean == pytest.approx(float(np.sum(pay * density) * (z[1] - z[0])), rel=1e-6)
    # and by the closed form: 30,000 x (e^0.045 Phi(-0.3) + e^0.18 Phi(0.6)) = 30,000 x (1.04603 x 0.38209 + 1.19722 x 0.72575)
    assert dist.mean == pytest.approx(30000 * (1.046028 * 0.382089 + 1.197217 * 0.725747), rel=1e-5)


@pytest.mark.parametrize("figures", [(30000, 20000, 60000), (20000, 60000, 60000), (0, 10, 20), (20000, 20000, 60000)])
def test_split_lognormal_needs_ordered_figures(figures):
    with pytest.raises(ValueError, match="need 0 < p10 < median < p90"):
        wages.SplitLognormal.through(*figures)


def test_median_position_and_back():
    assert wages.median_position(20000, 40000, 80000) == pytest.approx(0.5)  # ln 2 / ln 4
    assert wages.median_position(20000, 20000 * 4 ** 0.4, 80000) == pytest.approx(0.4)
    assert wages.median_at_position(20000, 80000, 0.5) == pytest.approx(40000)
    assert wages.median_at_position(20000, 80000, 0.4) == pytest.approx(34822.0, abs=0.5)  # 20,000 x 4 ** 0.4


# BLS years --------------------------------------------------------------------------------------

def bls_long(rows):
    """rows: (year, soc, comparability, p10, median, mean, p90) -> the long bls_wages layout, annual and an hourly decoy."""
    out = []
    for year, soc, comparable, *values in rows:
        for statistic, value in zip(("p10", "median", "mean", "p90"), values):
            out.append({"year": year, "soc_code": soc, COMPARABLE: comparable, "statistic": statistic, "unit": "usd_per_year", "value": value,
                        "source_key": f"k#{year}"})
            out.append({"year": year, "soc_code": soc, COMPARABLE: comparable, "statistic": statistic, "unit": "usd_per_hour",
                        "value": None if value is None else value / 2080, "source_key": f"k#{year}"})
    return pd.DataFrame(out)


def at(position, p10=20000.0, p90=80000.0):
    return wages.median_at_position(p10, p90, position)


# Three reference-code years with the median at position 0.4, 0.4, 0.46; a year of another group; a year of a split code.
BLS_YEARS = bls_long([
    (2010, "A", "yes", 20000.0, at(0.4), 36000.0, 80000.0),
    (2011, "A", "yes", 20000.0, at(0.4), 36000.0, 80000.0),
    (2012, "A", "yes", 20000.0, at(0.46), 36000.0, 80000.0),
    (2013, "B", "no", 20000.0, at(0.5), 36000.0, 80000.0),
    (2015, "C", "partly", 20000.0, at(0.4), 36000.0, 80000.0),
])


def test_bls_annual_is_wide_and_fills_missing_statistics():
    annual = wages.bls_annual(BLS_YEARS)
    assert annual["year"].tolist() == [2010, 2011, 2012, 2013, 2015]
    assert annual.loc[0, "median"] == pytest.approx(at(0.4))
    no_mean = wages.bls_annual(BLS_YEARS[BLS_YEARS["statistic"] != "mean"])
    assert no_mean["mean"].isna().all()


def test_calibration_years_are_reference_code_years_with_a_median():
    annual = wages.bls_annual(BLS_YEARS)
    assert wages.calibration_years(annual) == [2010, 2011, 2012]
    annual.loc[annual["year"] == 2011, "median"] = np.nan
    assert wages.calibration_years(annual) == [2010, 2012]


def test_borrowed_position_leaves_the_year_out():
    annual = wages.bls_annual(BLS_YEARS)
    position, years = wages.borrowed_position(annual)
    assert position == pytest.approx((0.4 + 0.4 + 0.46) / 3) and years == [2010, 2011, 2012]
    position, years = wages.borrowed_position(annual, leave_out=2012)
    assert position == pytest.approx(0.4) and years == [2010, 2011]
    with pytest.raises(wages.NoCalibrationYears, match="borrow the shape"):
        wages.borrowed_position(annual[annual["year"] == 2010], leave_out=2010)


@pytest.mark.parametrize("years, words", [([2010, 2011, 2012, 2014], "2010-2012, 2014"), ([2014, 2010, 2011], "2010-2011, 2014"),
                                           ([2015], "2015"), ([], ""), ([2010, 2012, 2014], "2010, 2012, 2014")])
def test_describe_years(years, words):
    assert wages.describe_years(years) == words


def test_year_runs_break_at_a_code_change_and_not_at_a_gap():
    runs = wages.year_runs(wages.bls_annual(BLS_YEARS))
    assert runs.values.tolist() == [["A", "yes", 2010, 2012, [2010, 2011, 2012]], ["B", "no", 2013, 2013, [2013]],
                                    ["C", "partly", 2015, 2015, [2015]]]
    same_code_gap = bls_long([(2010, "A", "yes", 1, 2, 3, 4), (2012, "A", "yes", 1, 2, 3, 4), (2015, "A", "yes", 1, 2, 3, 4)])
    annual = wages.bls_annual(same_code_gap)
    assert wages.year_runs(annual)[["first_year", "last_year", "years"]].values.tolist() == [[2010, 2015, [2010, 2012, 2015]]]
    assert wages.gap_years(annual) == [2011, 2013, 2014]
    assert wages.longest_comparable_run(annual) == (2010, 2015)
    # a year missing where the code changes is not a gap within a code
    changed = bls_long([(2013, "A", "yes", 1, 2, 3, 4), (2015, "B", "no", 1, 2, 3, 4)])
    assert wages.gap_years(wages.bls_annual(changed)) == []


def test_longest_comparable_run():
    assert wages.longest_comparable_run(wages.bls_annual(BLS_YEARS)) == (2010, 2012)
    tie = bls_long([(2010, "A", "yes", 1, 2, 3, 4), (2011, "A", "yes", 1, 2, 3, 4), (2012, "B", "no", 1, 2, 3, 4),
                    (2013, "A", "yes", 1, 2, 3, 4), (2014, "A", "yes", 1, 2, 3, 4), (2015, "A", "yes", 1, 2, 3, 4)])
    assert wages.longest_comparable_run(wages.bls_annual(tie)) == (2013, 2015)
    even = tie[tie["year"] != 2015]
    assert wages.longest_comparable_run(wages.bls_annual(even)) == (2010, 2011)  # the earliest of two equal runs
    assert wages.longest_comparable_run(wages.bls_annual(BLS_YEARS[BLS_YEARS[COMPARABLE] != "yes"])) is None


# Validation of the methods ------------------------------------------------------------------------

def test_estimate_median_by_method():
    annual = wages.bls_annual(BLS_YEARS)
    assert wages.estimate_median(wages.SYMMETRIC, 20000, 80000, 36000, annual, None) == (pytest.approx(40000), None)
    borrowed, years = wages.estimate_median(wages.BORROWED, 20000, 80000, 36000, annual, 2012)
    assert borrowed == pytest.approx(at(0.4)) and years == "2010-2011"
    lsq, years = wages.estimate_median(wages.LEAST_SQUARES, 20000, 80000, 36000, annual, None)
    assert years is None and lsq == pytest.approx(wages.fit_quantiles_and_mean({0.1: 20000, 0.9: 80000}, 36000).median)
    with pytest.raises(ValueError, match="expected a method"):
        wages.estimate_median(wages.PRINTED_MEDIAN, 20000, 80000, 36000, annual, None)


def test_validate_median_estimates_leaves_each_year_out():
    out = wages.validate_median_estimates(BLS_YEARS)
    assert list(out.columns) == ["year", "soc_code", COMPARABLE, "in_validation_set", "method", "calibrated_on", "published_median_usd",
                                 "estimated_median_usd", "error_usd", "error_pct"]
    borrowed = out[out["method"] == wages.BORROWED].set_index("year")
    # 2010 left out: the others are at 0.4 and 0.46, mean 0.43, against its own 0.4
    assert borrowed.loc[2010, "calibrated_on"] == "2011-2012"
    assert borrowed.loc[2010, "estimated_median_usd"] == round(at(0.43))
    assert borrowed.loc[2012, "estimated_median_usd"] == round(at(0.4))  # 2012 left out: 0.4 and 0.4
    assert borrowed.loc[2013, "calibrated_on"] == "2010-2012"  # not a validation year: calibrated on all of them
    assert borrowed["in_validation_set"].tolist() == [True, True, True, False, False]
    symmetric = out[out["method"] == wages.SYMMETRIC].set_index("year")
    # sqrt(20,000 x 80,000) = 40,000 against 20,000 x 4 ** 0.4 = 34,822.0: +5,178, +14.8698%
    assert symmetric.loc[2010, "error_usd"] == 5178.0
    assert symmetric.loc[2010, "error_pct"] == 14.8698  # kept to 4 decimals: a sentence rounds it once (3.1503 -> 3.2, not 3.15 -> 3.1)
    assert symmetric.loc[2013, "error_pct"] == 0.0  # a year exactly at 0.5

    assert symmetric["calibrated_on"].isna().all()


def test_validation_skips_years_without_every_statistic_and_methods_without_calibration():
    one_year = bls_long([(2010, "A", "yes", 20000.0, at(0.4), 36000.0, 80000.0), (2011, "A", "yes", 20000.0, at(0.4), None, 80000.0)])
    out = wages.validate_median_estimates(one_year)
    assert out["year"].unique().tolist() == [2010]  # 2011 has no mean
    assert set(out["method"]) == {wages.BORROWED, wages.LEAST_SQUARES, wages.SYMMETRIC}  # 2011 still lends its shape to 2010
    alone = wages.validate_median_estimates(one_year[one_year["year"] == 2010])
    assert set(alone["method"]) == {wages.LEAST_SQUARES, wages.SYMMETRIC}


VALIDATION = pd.DataFrame({"year": [2010, 2011, 2012, 2013, 2010], "method": ["m", "m", "m", "m", "other"],
                           "in_validation_set": [True, True, True, False, True], "error_pct": [-1.0, 2.0, 0.5, 9.0, 5.0],
                           "estimated_median_usd": [99.0, 102.0, 100.5, 109.0, 105.0], "published_median_usd": [100.0] * 5})


def test_error_range_leaves_the_year_out_and_skips_other_years():
    assert wages.error_range(VALIDATION, "m") == (-1.0, 2.0)  # 2013 is not a validation year
    assert wages.error_range(VALIDATION, "m", leave_out=2011) == (-1.0, 0.5)
    assert wages.error_range(VALIDATION, "other", leave_out=2010) is None
    assert wages.error_range(VALIDATION, "nothing") is None


def test_band_from_errors_by_hand():
    # an estimate of 103 from a method that errs -1% to +3%: true between 103 / 1.03 = 100 and 103 / 0.99 = 104.04
    low, high = wages.band_from_errors(103.0, (-1.0, 3.0))
    assert low == pytest.approx(100.0) and high == pytest.approx(104.0404, abs=1e-4)


def test_band_coverage():
    # 2010 (-1%): band from 2011-2012 is +0.5..+2%: 99 / 1.02 = 97.1 .. 99 / 1.005 = 98.5, misses 100
    # 2011 (+2%): band -1..+0.5%: 102 / 1.005 = 101.5 .. 102 / 0.99 = 103.0, misses 100
    # 2012 (+0.5%): band -1..+2%: 100.5 / 1.02 = 98.5 .. 100.5 / 0.99 = 101.5, holds 100
    assert wages.band_coverage(VALIDATION, "m") == (1, 3)
    assert wages.band_coverage(VALIDATION, "other") == (0, 1)


# Quartiles from printed figures -----------------------------------------------------------------------

def printed_row(year, statistic, value, step, key, year_printed=None):
    return {"source_key": key, "unit": "usd_per_year", "value": value, "printed_rounding_step": step,
            "bls_year": year, "bls_statistic": statistic, "year_printed": year_printed}


QUARTILE_PROVENANCE = pd.DataFrame([
    printed_row(2011, "p10", 20000.0, 10000.0, "a#L1", 2011), printed_row(2011, "p90", 80000.0, 10000.0, "a#L1", 2011),
    printed_row(2011, "mean", 36000.0, 1000.0, "a#L2", 2011),
    printed_row(2012, "p10", 20000.0, 10000.0, "b#L1"), printed_row(2012, "p90", 80000.0, 10000.0, "b#L1"),
    printed_row(2012, "mean", 36000.0, 1000.0, "b#L2"), printed_row(2012, "median", 35000.0, 1000.0, "b#L3"),
    printed_row(2012, "mean", 36010.0, 10.0, "b#L4"),  # the more precise printing of the same mean wins
    printed_row(2010, "p10", 20000.0, 10000.0, "c#L1"),  # a year without p90 and mean: no quartiles
]).astype({"bls_year": "Int64", "year_printed": "Int64"})


def test_printed_figures_and_distribution_years():
    figures = wages.printed_figures(QUARTILE_PROVENANCE, 2012)
    assert set(figures) == {"p10", "median", "mean", "p90"}
    assert figures["mean"]["value"] == 36010.0 and figures["mean"]["source_key"] == "b#L4"
    assert set(wages.printed_figures(QUARTILE_PROVENANCE, 2011)) == {"p10", "mean", "p90"}
    hourly = QUARTILE_PROVENANCE.assign(unit="usd_per_hour")
    assert wages.printed_figures(hourly, 2012) == {}
    assert wages.distribution_years(QUARTILE_PROVENANCE) == [2011, 2012]


def test_printed_figures_tie_goes_to_the_first_listed_however_many_printings():
    # 17 printings of the 2012 mean; the most precise step (10) is shared by rows 5, 7, 8, 11 and 12: row 5, listed first, is used
    steps = [100, 100, 100, 1000, 100, 10, 1000, 10, 10, 1000, 100, 10, 10, 100, 1000, 100, 1000]
    provenance = pd.DataFrame([printed_row(2012, "mean", 36000.0 + i, float(step), f"m#L{i}") for i, step in enumerate(steps)]).astype(
        {"bls_year": "Int64", "year_printed": "Int64"})
    assert wages.printed_figures(provenance, 2012)["mean"]["source_key"] == "m#L5"


def test_salary_quantiles_methods_bands_and_the_headline():
    out = wages.salary_quantiles(QUARTILE_PROVENANCE, BLS_YEARS)
    assert list(out.columns) == ["year", "quantile", "method", "headline", "annual_usd", "low_usd", "high_usd", "band_basis", "validated_on",
                                 "figures_used"]
    assert out.groupby(["year", "quantile"])["headline"].sum().tolist() == [1] * 6  # one reported method per year and quantile
    headline = out[out["headline"]].drop_duplicates("year").set_index("year")["method"]
    assert headline.to_dict() == {2011: wages.BORROWED, 2012: wages.PRINTED_MEDIAN}
    assert set(out.loc[out["year"] == 2011, "method"]) == {wages.BORROWED, wages.LEAST_SQUARES, wages.SYMMETRIC}

    printed = out[(out["year"] == 2012) & (out["method"] == wages.PRINTED_MEDIAN)].set_index("quantile")
    # the printed 35,000 (step 1,000) stands for 34,500..35,500; the quartiles follow the curve through each end
    assert printed.loc[0.5, ["annual_usd", "low_usd", "high_usd"]].tolist() == [35000, 34500, 35500]
    assert printed.loc[0.25, "annual_usd"] == round(wages.SplitLognormal.through(20000, 35000, 80000).quantile(0.25))
    assert printed.loc[0.25, "low_usd"] == round(wages.SplitLognormal.through(20000, 34500, 80000).quantile(0.25))
    assert printed.loc[0.75, "high_usd"] == round(wages.SplitLognormal.through(20000, 35500, 80000).quantile(0.75))
    assert printed["band_basis"].unique().tolist() == [wages.ROUNDING_BAND] and printed["validated_on"].isna().all()
    assert printed.loc[0.5, "figures_used"] == "p10 20,000 (b#L1); median 35,000 (b#L3); p90 80,000 (b#L1)"

    borrowed = out[(out["year"] == 2011) & (out["method"] == wages.BORROWED)].set_index("quantile")
    # 2011 left out: calibrated on 2010 (0.4) and 2012 (0.46): position 0.43
    assert borrowed.loc[0.5, "annual_usd"] == round(at(0.43))
    assert borrowed.loc[0.5, "figures_used"] == "p10 20,000 (a#L1); p90 80,000 (a#L1)"
    errors = wages.error_range(wages.validate_median_estimates(BLS_YEARS), wages.BORROWED, leave_out=2011)
    low, high = wages.band_from_errors(at(0.43), errors)
    assert borrowed.loc[0.5, ["low_usd", "high_usd"]].tolist() == [round(low), round(high)]
    assert borrowed.loc[0.5, "validated_on"] == "2010, 2012" and borrowed.loc[0.5, "band_basis"] == wages.VALIDATION_BAND
    lsq = out[(out["year"] == 2011) & (out["method"] == wages.LEAST_SQUARES)]
    assert lsq["figures_used"].iloc[0] == "p10 20,000 (a#L1); p90 80,000 (a#L1); mean 36,000 (a#L2)"


def test_salary_quantiles_without_validation_years_has_no_band_and_without_years_is_empty():
    no_validation = wages.validate_median_estimates(BLS_YEARS).iloc[0:0]
    out = wages.salary_quantiles(QUARTILE_PROVENANCE, BLS_YEARS, no_validation)
    validated = out[out["method"] != wages.PRINTED_MEDIAN]
    assert set(validated["band_basis"]) == {wages.NO_BAND} and validated["low_usd"].isna().all() and validated["high_usd"].isna().all()
    no_calibration = BLS_YEARS[BLS_YEARS[COMPARABLE] != "yes"]
    out = wages.salary_quantiles(QUARTILE_PROVENANCE, no_calibration)
    assert out[out["headline"]].drop_duplicates("year").set_index("year")["method"].to_dict() == {2011: wages.LEAST_SQUARES, 2012: wages.PRINTED_MEDIAN}
    assert wages.salary_quantiles(QUARTILE_PROVENANCE[QUARTILE_PROVENANCE["bls_year"] == 2010], BLS_YEARS).empty


def test_within_headline_band():
    quantiles = pd.DataFrame({"year": [1] * 9, "quantile": [0.25, 0.5, 0.75] * 3, "method": ["h"] * 3 + ["in"] * 3 + ["out"] * 3,
                              "headline": [True] * 3 + [False] * 6, "annual_usd": [10, 20, 30, 9, 21, 31, 10, 20, 32],
                              "low_usd": [9, 19, 29] + [None] * 6, "high_usd": [11, 21, 31] + [None] * 6})
    assert wages.within_headline_band(quantiles, 1, "in")  # 9, 21 and 31 sit on the band's edges
    assert not wages.within_headline_band(quantiles, 1, "out")  # 32 > 31


def test_mean_median_gap():
    out = wages.mean_median_gap(bls_long([(2010, "A", "yes", 20000.0, 30000.0, 33000.0, 60000.0)])).iloc[0]
    assert out["mean_minus_median_usd"] == 3000.0 and out["mean_to_median_ratio"] == 1.1 and out["p90_to_p10_ratio"] == 3.0
    assert out["source_key"] == "bls_oews_national.csv#year=2010" and out["median_annual_usd"] == 30000.0


# Real dollars -----------------------------------------------------------------------------------

CPI = pd.DataFrame({"year": [2012, 2018, 2024], "cpi_u_index_1982_84_100": [229.594, 251.107, 313.689]})


def test_constant_dollars():
    out = wages.to_constant_dollars(pd.Series([34160.0, 1.0]), pd.Series([2012, None]), CPI, 2024)
    assert out.iloc[0] == pytest.approx(34160 * 313.689 / 229.594)
    assert pd.isna(out.iloc[1])  # no year, no conversion
    with pytest.raises(ValueError, match=r"no CPI-U value for \[2030\]"):
        wages.to_constant_dollars(pd.Series([1.0]), pd.Series([2030]), CPI, 2024)
    with pytest.raises(ValueError, match="base year 2031"):
        wages.to_constant_dollars(pd.Series([1.0]), pd.Series([2012]), CPI, 2031)
    assert wages.real_column(2024) == "real_usd_2024"


def test_bls_pay_in_constant_dollars_and_pay_change():
    bls = bls_long([(2012, "A", "yes", 1.0, 34160.0, 36770.0, 2.0), (2018, "A", "yes", 1.0, 40350.0, 44010.0, 2.0)])
    pay = wages.bls_pay_in_constant_dollars(bls, CPI, 2024)
    assert list(pay.columns) == ["year", "soc_code", COMPARABLE, "statistic", "nominal_usd", "real_usd_2024", "source_key"]
    assert sorted(pay["statistic"].unique()) == ["mean", "median"] and len(pay) == 4
    median_2012 = pay[(pay["year"] == 2012) & (pay["statistic"] == "median")].iloc[0]
    assert median_2012["real_usd_2024"] == round(34160 * 313.689 / 229.594)  # 46,672
    change = wages.pay_change(pay, "median", 2012, 2018, 2024)
    # nominal 40,350 / 34,160 - 1 = +18.12%; real: 50,409 / 46,672 - 1 = +8.01% (the real amounts are rounded to the dollar first)
    assert change["nominal_pct"] == pytest.approx(100 * (40350 / 34160 - 1))
    assert change["real_pct"] == pytest.approx(100 * (round(40350 * 313.689 / 251.107) / round(34160 * 313.689 / 229.594) - 1))
    assert (change["start"], change["end"]) == (2012, 2018)
    with pytest.raises(ValueError, match="no BLS median for 2015"):
        wages.pay_change(pay, "median", 2015, 2018, 2024)


def test_guide_pay_in_constant_dollars_dates_each_figure():
    provenance = pd.DataFrame({"figure_id": ["a", "b", "c"], "source_key": ["k"] * 3, "as_printed": ["x"] * 3, "part": [None] * 3,
                               "statistic_compared": ["mean"] * 3, "unit": ["usd_per_year"] * 3, "value": [100.0, 100.0, 100.0],
                               "year_printed": pd.array([2012, None, None], dtype="Int64"), "bls_year": pd.array([2018, 2018, None], dtype="Int64")})
    out = wages.guide_pay_in_constant_dollars(provenance, CPI, 2024)
    assert out["dollar_year"].tolist()[:2] == [2012, 2018] and pd.isna(out["dollar_year"].iloc[2])
    assert out["dollar_year_basis"].tolist() == ["printed", "inferred from the BLS match", "unknown"]
    assert out["real_usd_2024"].iloc[0] == round(100 * 313.689 / 229.594, 2) and pd.isna(out["real_usd_2024"].iloc[2])
    assert "nominal_value" in out.columns and "statistic" in out.columns


# Places and settings --------------------------------------------------------------------------------

def test_pay_by_place_uses_one_denominator_per_comparison():
    guide = pd.DataFrame([
        wage_row(guide_file="g.txt", area_type="state", area="A", statistic="unspecified", part="annual", value=50000.0),
        wage_row(guide_file="h.txt", area_type="metro", area="B", statistic="unspecified", part="annual", value=50000.0),  # guide without undated figures
        wage_row(guide_file="g.txt", setting="hospitals", statistic="median", value=42000.0, year=2017),
        wage_row(guide_file="g.txt", setting="hospitals", statistic="unspecified", value=42000.0, year=2017),
        wage_row(guide_file="g.txt", setting="hospitals", statistic="median", value=42000.0),  # a setting figure without a year
        wage_row(guide_file="g.txt", value=42820.0),  # national, all settings: not a place
    ])
    provenance = pd.DataFrame({"source_key": ["g.txt#L3", "g.txt#L4", "k.txt#L1", "k.txt#L2"],
                               "year_printed": pd.array([None, None, None, None], dtype="Int64"),
                               "bls_year": pd.array([2017, 2017, 2016, 2018], dtype="Int64")})
    assert wages.undated_year_by_guide(provenance) == {"g.txt": 2017}  # k.txt's undated figures match two years
    out = wages.pay_by_place_vs_national(guide, provenance, BLS)
    assert out["area"].tolist() == ["A", "B", "United States", "United States", "United States"]
    assert out["year_basis"].tolist() == ["inferred from the guide's undated national figures", "unknown", "printed", "printed", "unknown"]
    assert out["national_statistic"].tolist() == ["mean", "mean", "median", "mean", "median"]
    assert out["national_value"].iloc[0] == 42820.0 and out["national_value"].iloc[2] == 39180.0 and out["national_value"].iloc[3] == 42820.0
    assert out["ratio_to_national"].iloc[0] == round(50000 / 42820, 3) and out["difference"].iloc[2] == 42000 - 39180
    assert pd.isna(out["national_value"].iloc[1]) and pd.isna(out["year"].iloc[1]) and pd.isna(out["national_source_key"].iloc[1])
    assert out["national_source_key"].iloc[0] == "bls_oews_national.csv#year=2017"
    assert str(out["year"].dtype) == "Int64"


# The real data, through the code ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def real():
    from mrt import clean

    guide_wages = clean.build_guide_wages(clean.build_figures())
    bls_wages = clean.build_bls_wages()
    provenance = wages.match_to_bls(guide_wages, bls_wages)
    return guide_wages, bls_wages, provenance


def test_real_range_ends_are_percentiles_and_undated_figures_match_one_year(real):
    guide_wages, bls_wages, provenance = real
    counts = wages.provenance_counts(provenance)
    assert counts["range_ends"] > 0 and counts["range_ends_at_percentiles"] == counts["range_ends"]
    assert counts["undated"] > 0 and counts["undated_matched"] == counts["undated"] and len(counts["undated_years"]) == 1
    assert counts["not_found"] == 0
    assert all(len(years) == 1 for years in wages.undated_years_within_step(provenance, bls_wages))


def test_real_symmetric_lognormal_overstates_every_validation_year_and_the_borrowed_shape_does_not(real):
    _, bls_wages, provenance = real
    validation = wages.validate_median_estimates(bls_wages)
    checked = validation[validation["in_validation_set"]]
    assert (checked.loc[checked["method"] == wages.SYMMETRIC, "error_pct"] > 0).all()
    assert (checked.loc[checked["method"] == wages.LEAST_SQUARES, "error_pct"] > 0).all()
    borrowed = checked.loc[checked["method"] == wages.BORROWED, "error_pct"]
    assert (borrowed < 0).any() and (borrowed > 0).any() and borrowed.abs().max() < 1


def test_real_quartiles_use_the_printed_median_where_one_is_printed(real):
    _, bls_wages, provenance = real
    quantiles = wages.salary_quantiles(provenance, bls_wages)
    years = wages.distribution_years(provenance)
    assert len(years) >= 1
    for year in years:
        expected = wages.PRINTED_MEDIAN if "median" in wages.printed_figures(provenance, year) else wages.BORROWED
        assert set(quantiles.loc[quantiles["headline"] & (quantiles["year"] == year), "method"]) == {expected}


def test_real_hourly_and_annual_agree_within_rounding(real):
    guide_wages, _, _ = real
    pairs = wages.hourly_annual_pairs(guide_wages)
    assert len(pairs) > 0 and pairs["consistent"].all()


# Further pins: each case below fails under a small change to the rule (found with mutation testing) ----------------

def test_amounts_are_rounded_to_the_cent():
    out = wages.check_pair(0.00123, 2.56)  # 0.00123 x 2,080 = 2.5584, shown as 2.56
    assert out["hourly_x_2080"] == 2.56
    assert wages.check_pair(1, 2080, annual_step=0.005, hourly_step=0.001)["tolerance_usd"] == 1.04  # 1.04 + 0.0025


def test_pairs_keep_all_their_columns_and_ignore_a_figure_printed_twice():
    rows = [wage_row(statistic="range", part="high", unit="usd_per_hour", value=30.00, source_key="g.txt#L7"),
            wage_row(statistic="range", part="high", unit="usd_per_hour", value=30.00, source_key="g.txt#L9"),  # the same amount, printed again
            wage_row(statistic="range", part="high", value=62400.0, source_key="g.txt#L8"),
            wage_row(statistic="range", part="high", value=62400.0, source_key="g.txt#L10")]
    pairs = wages.hourly_annual_pairs(pd.DataFrame(rows))
    assert list(pairs.columns) == ["area_type", "area", "statistic", "range_end", "hourly_source_key", "annual_source_key", "hourly_usd",
                                   "annual_usd", "annual_rounding_step_usd", "hourly_x_2080", "gap_usd", "tolerance_usd", "consistent"]
    assert pairs[["range_end", "hourly_x_2080", "gap_usd", "annual_rounding_step_usd"]].values.tolist() == [["high", 62400.0, 0.0, 100.0]]


def test_units_never_mix_and_an_hourly_figure_keeps_its_cent_step():
    bls = pd.concat([BLS, pd.DataFrame({"year": [2017], "statistic": ["p90"], "unit": ["usd_per_hour"], "value": [20.5], "source_key": ["k17"]})])
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=42820.0, unit="usd_per_hour"), wage_row(value=20.5, unit="usd_per_hour",
                                                                                                   statistic="range", part="high")]), bls)
    assert out["verdict"].tolist() == [wages.NOT_FOUND, wages.UNDATED_MATCH]  # no hourly 42,820: the annual one is not a match
    assert out["printed_rounding_step"].tolist() == [0.01, 0.01]  # $20.50 is printed to the cent, not to the dime
    assert out["statistic_printed"].tolist() == ["mean", "range"] and out["statistic_compared"].tolist() == ["mean", "p90"]


def test_difference_is_rounded_to_the_cent_and_an_empty_input_keeps_the_columns():
    bls = BLS.assign(value=BLS["value"].where(BLS["statistic"] != "mean", 42820.123))
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=42820.0, year=2017)]), bls)
    assert out["verdict"].iloc[0] == wages.EXACT and out["difference"].iloc[0] == -0.12
    empty = wages.match_to_bls(pd.DataFrame([wage_row()]).iloc[0:0], BLS)
    assert empty.empty and list(empty.columns)[:3] == ["figure_id", "source_key", "as_printed"] and "verdict" in empty.columns


@pytest.mark.parametrize("args", [(0.5, 1, 0.5, 2), (0.1, 5, 0.9, 5)])
def test_equal_quantiles_or_amounts_are_refused(args):
    with pytest.raises(ValueError, match=r"^need 0 < q_low < q_high < 1 and 0 < x_low < x_high$"):
        wages.fit_two_quantiles(*args)


def test_small_amounts_are_allowed():
    assert wages.fit_two_quantiles(0.1, 0.5, 0.9, 2.0).median == pytest.approx(1.0)
    assert wages.SplitLognormal.through(0.5, 1.0, 2.0).quantile(0.5) == pytest.approx(1.0)


def test_least_squares_reaches_the_optimum_when_the_facts_disagree():
    from scipy.optimize import minimize_scalar

    # For a given sigma the best mu is the mean of the three targets; minimise the rest over sigma alone (another method).
    a, b, c = math.log(20000), math.log(60000), math.log(60000)

    def squares(sigma):
        mu = (a + b + c - sigma ** 2 / 2) / 3
        return (mu - Z90 * sigma - a) ** 2 + (mu + Z90 * sigma - b) ** 2 + (mu + sigma ** 2 / 2 - c) ** 2

    sigma = minimize_scalar(squares, bounds=(0.01, 3), method="bounded", options={"xatol": 1e-13}).x
    fit = wages.fit_quantiles_and_mean({0.1: 20000, 0.9: 60000}, 60000)
    assert fit.sigma == pytest.approx(sigma, rel=1e-6)
    assert fit.mu == pytest.approx((a + b + c - sigma ** 2 / 2) / 3, rel=1e-9)


def test_bls_annual_columns_and_missing_statistics_as_numbers():
    annual = wages.bls_annual(BLS_YEARS[BLS_YEARS["statistic"] != "mean"])
    assert list(annual.columns) == ["year", "soc_code", COMPARABLE, "median", "p10", "p90", "mean"]
    assert annual["mean"].dtype == float and annual.columns.name is None


def test_no_calibration_message():
    annual = wages.bls_annual(BLS_YEARS)
    with pytest.raises(wages.NoCalibrationYears, match=r"^no BLS year of the reference occupation code \(other than the one estimated\) "
                                                       r"publishes a median to borrow the shape from$"):
        wages.borrowed_position(annual[annual[COMPARABLE] != "yes"])


def test_a_run_ends_when_either_the_code_or_its_comparability_changes():
    rows = bls_long([(2010, "A", "yes", 1, 2, 3, 4), (2011, "A", "partly", 1, 2, 3, 4), (2012, "B", "partly", 1, 2, 3, 4)])
    assert wages.year_runs(wages.bls_annual(rows))[["first_year", "last_year"]].values.tolist() == [[2010, 2010], [2011, 2011], [2012, 2012]]


def test_validation_rows_in_detail():
    out = wages.validate_median_estimates(BLS_YEARS)
    borrowed_2010 = out[(out["method"] == wages.BORROWED) & (out["year"] == 2010)].iloc[0]
    # estimate at position 0.43, published at 0.4: 20,000 x (4 ** 0.43 - 4 ** 0.4) = +1,478.8; 4 ** 0.03 - 1 = +4.2466%
    assert borrowed_2010["error_usd"] == 1479.0 and borrowed_2010["error_pct"] == 4.2466
    assert borrowed_2010["published_median_usd"] == pytest.approx(at(0.4)) and borrowed_2010["soc_code"] == "A"
    assert borrowed_2010[COMPARABLE] == "yes"
    empty = wages.validate_median_estimates(BLS_YEARS[BLS_YEARS["statistic"] != "mean"])
    assert empty.empty and "error_pct" in empty.columns


def test_band_coverage_counts_a_median_on_the_edge_of_its_band():
    # two years 50% too high, two 50% too low: each year's own error is the edge of the others' range, so the published
    # median (100) sits exactly on its band's edge: 150 / 1.5 = 100 and 50 / 0.5 = 100
    validation = pd.DataFrame({"year": [2010, 2011, 2012, 2013], "method": ["m"] * 4, "in_validation_set": [True] * 4,
                               "error_pct": [50.0, 50.0, -50.0, -50.0], "estimated_median_usd": [150.0, 150.0, 50.0, 50.0],
                               "published_median_usd": [100.0] * 4})
    assert wages.band_coverage(validation, "m") == (4, 4)


def test_a_band_never_uses_the_error_of_the_year_it_is_for():
    validation = wages.validate_median_estimates(BLS_YEARS)
    extreme = validation.assign(error_pct=validation["error_pct"].where(validation["year"] != 2011, 40.0))  # 2011's own error, made extreme
    out = wages.salary_quantiles(QUARTILE_PROVENANCE, BLS_YEARS, extreme)
    borrowed = out[(out["year"] == 2011) & (out["method"] == wages.BORROWED)].set_index("quantile")
    low, high = wages.band_from_errors(at(0.43), wages.error_range(validation, wages.BORROWED, leave_out=2011))
    assert borrowed.loc[0.5, ["low_usd", "high_usd"]].tolist() == [round(low), round(high)]


def test_distribution_refuses_an_unknown_method():
    with pytest.raises(ValueError, match="expected a method from"):
        wages._distribution("no such method", {"p10": 1.0, "p90": 2.0})


def test_mean_median_gap_ratios_keep_their_precision():
    out = wages.mean_median_gap(bls_long([(2010, "A", "yes", 30000.0, 30000.0, 33333.0, 70000.0)])).iloc[0]
    assert out["mean_to_median_ratio"] == 1.111 and out["p90_to_p10_ratio"] == 2.33


def test_dollar_years_are_whole_numbers():
    provenance = pd.DataFrame({"figure_id": ["a"], "source_key": ["k"], "as_printed": ["x"], "part": [None], "statistic_compared": ["mean"],
                               "unit": ["usd_per_year"], "value": [100.0], "year_printed": pd.array([None], dtype="Int64"),
                               "bls_year": pd.array([2018], dtype="Int64")})
    assert str(wages.guide_pay_in_constant_dollars(provenance, CPI, 2024)["dollar_year"].dtype) == "Int64"


def test_place_comparison_columns_years_and_statistics_in_detail():
    guide = pd.DataFrame([
        wage_row(figure_id="F1", guide_file="g.txt", source_key="g.txt#L5", area_type="metro", area="M", statistic="unspecified", part="annual",
                 value=50000.0),
        wage_row(figure_id="F2", guide_file="g.txt", source_key="g.txt#L6", setting="hospitals", statistic="range", part="low", value=26000.0, year=2017),
        wage_row(figure_id="F3", guide_file="g.txt", source_key="g.txt#L7", setting="hospitals", statistic="range", part="high", value=1.0, year=2016),
        wage_row(figure_id="F4", guide_file="j.txt", source_key="j.txt#L1", area_type="state", area="S", statistic="unspecified", value=45000.0),
    ])
    provenance = pd.DataFrame({"source_key": ["g.txt#L3", "g.txt#L4", "g.txt#L8", "j.txt#L2"],
                               "year_printed": pd.array([None, None, 2013, None], dtype="Int64"),
                               "bls_year": pd.array([2017, 2017, 2013, 2016], dtype="Int64")})
    assert wages.undated_year_by_guide(provenance) == {"g.txt": 2017, "j.txt": 2016}  # a dated figure does not count; one figure is enough
    bls = BLS.assign(value=BLS["value"].where(BLS["statistic"] != "mean", 42820.126))
    out = wages.pay_by_place_vs_national(guide, provenance, bls)
    assert list(out.columns) == ["figure_id", "source_key", "area_type", "area", "setting", "unit", "value", "year", "year_basis",
                                 "national_statistic", "national_value", "difference", "ratio_to_national", "national_source_key"]
    assert out[["figure_id", "source_key", "area_type", "setting", "unit", "value"]].values.tolist() == [
        ["F1", "g.txt#L5", "metro", "all", "usd_per_year", 50000.0], ["F2", "g.txt#L6", "national", "hospitals", "usd_per_year", 26000.0],
        ["F3", "g.txt#L7", "national", "hospitals", "usd_per_year", 1.0], ["F4", "j.txt#L1", "state", "all", "usd_per_year", 45000.0]]
    assert out["year"].tolist() == [2017, 2017, 2016, 2016]
    assert out["national_statistic"].tolist() == ["mean", "p10", "p90", "mean"]  # a range end is compared with its percentile
    assert out["national_value"].iloc[1] == 25810.0 and pd.isna(out["national_value"].iloc[2])  # BLS has no 2016 p90 here
    assert out["difference"].iloc[0] == 7179.87  # 50,000 - 42,820.126, to the cent
    empty = wages.pay_by_place_vs_national(guide.iloc[0:0], provenance, BLS)
    assert empty.empty and list(empty.columns)[:2] == ["figure_id", "source_key"]


# Published quartiles: the method check --------------------------------------------------------------

Z75_OVER_Z90 = 0.6744897501960817 / 1.2815515655446004  # a split lognormal's quartile sits this far towards p10 (or p90)
P10, MEDIAN, MEAN, P90 = 20000.0, 40000.0, 42000.0, 80000.0
CURVE_P25 = MEDIAN * (P10 / MEDIAN) ** Z75_OVER_Z90  # worked out by hand: 40,000 x 0.5 ** 0.5263 = 27,773
CURVE_P75 = MEDIAN * (P90 / MEDIAN) ** Z75_OVER_Z90


def with_quartiles(rows, quartiles):
    """bls_long rows plus published annual p25/p75 rows: quartiles maps year -> (p25, p75)."""
    frame = bls_long(rows)
    extra = [{"year": y, "soc_code": frame.loc[frame["year"] == y, "soc_code"].iloc[0], COMPARABLE: frame.loc[frame["year"] == y, COMPARABLE].iloc[0],
              "statistic": s, "unit": "usd_per_year", "value": v, "source_key": f"q#{y}"}
             for y, pair in quartiles.items() for s, v in zip(("p25", "p75"), pair)]
    return pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)


# The curve through p10, median and p90 errs at the 25th percentile by +2%, +1%, +1.5% and at the 75th by -1%, 0%, -0.5%.
CHECKED = with_quartiles(
    [(2010, "A", "yes", P10, MEDIAN, MEAN, P90), (2011, "A", "yes", P10, MEDIAN, MEAN, P90), (2012, "A", "yes", P10, MEDIAN, MEAN, P90),
     (2013, "B", "no", P10, MEDIAN, MEAN, P90), (2014, "A", "yes", P10, MEDIAN, MEAN, P90)],
    {2010: (CURVE_P25 / 1.02, CURVE_P75 / 0.99), 2011: (CURVE_P25 / 1.01, CURVE_P75), 2012: (CURVE_P25 / 1.015, CURVE_P75 / 0.995),
     2013: (CURVE_P25 / 1.2, CURVE_P75 / 0.8)})  # 2013: another code, far off, never in a band; 2014: no quartiles published


def test_published_quartiles_are_the_years_with_both():
    out = wages.published_quartiles(CHECKED)
    assert out["year"].tolist() == [2010, 2011, 2012, 2013] and list(out.columns) == ["year", "soc_code", COMPARABLE, "p25", "median", "p75"]
    assert wages.published_quartiles(BLS_YEARS).empty  # no p25/p75 rows at all


def test_quartile_check_measures_the_shape_of_the_printed_median_curve():
    check = wages.validate_quartile_estimates(CHECKED)
    curve = check[check["method"] == wages.PRINTED_MEDIAN].set_index(["year", "quantile"])
    assert round(CURVE_P25) == 27773 and curve.loc[(2010, 0.25), "estimated_usd"] == 27773
    assert curve.loc[(2010, 0.25), "error_pct"] == 2.0 and curve.loc[(2010, 0.75), "error_pct"] == -1.0
    assert curve.loc[(2011, 0.5), "error_pct"] == 0.0  # through the median: no error there
    assert curve.loc[(2013, 0.25), "in_validation_set"] == False and curve.loc[(2010, 0.25), "in_validation_set"] == True  # noqa: E712
    assert set(check["year"]) == {2010, 2011, 2012, 2013} and set(check["method"]) == set(wages.METHODS)
    assert wages.quartile_errors(check, wages.PRINTED_MEDIAN, 0.25) == (1.0, 2.0)  # 2013 is another code: left out
    assert wages.quartile_errors(check, wages.PRINTED_MEDIAN, 0.75, leave_out=2011) == (-1.0, -0.5)
    symmetric = check[(check["method"] == wages.SYMMETRIC) & (check["year"] == 2010)].set_index("quantile")
    # the symmetric curve puts the median at sqrt(20,000 x 80,000) = 40,000: no error at the median here
    assert symmetric.loc[0.5, "estimated_usd"] == 40000 and symmetric.loc[0.5, "error_pct"] == 0.0


def test_quartile_band_coverage_counts_bands_from_the_other_years():
    check = wages.validate_quartile_estimates(CHECKED)
    # 2012 at the 25th (+1.5%) inside the others' +1..+2%, at the 75th (-0.5%) inside -1..0%; 2010 and 2011 at an edge outside
    assert wages.quartile_band_coverage(check, wages.PRINTED_MEDIAN) == (2, 6)
    assert wages.quartile_band_coverage(check.iloc[0:0], wages.PRINTED_MEDIAN) == (0, 0)


PRINTED_2011 = pd.DataFrame([
    printed_row(2011, "p10", P10, 10000.0, "a#L1"), printed_row(2011, "p90", P90, 10000.0, "a#L1"),
    printed_row(2011, "mean", MEAN, 1000.0, "a#L2"), printed_row(2011, "median", MEDIAN, 1000.0, "a#L3"),
]).astype({"bls_year": "Int64", "year_printed": "Int64"})


def test_printed_median_band_adds_the_shape_error_to_the_rounding():
    out = wages.salary_quantiles(PRINTED_2011, CHECKED)
    curve = out[out["method"] == wages.PRINTED_MEDIAN].set_index("quantile")
    assert set(curve["band_basis"]) == {wages.SHAPE_AND_ROUNDING_BAND} and set(curve["validated_on"]) == {"2010, 2012"}
    # the printed 40,000 stands for 39,500..40,500; without 2011 the curve was +1.5% to +2% too high at the 25th percentile,
    # so the truth is the curve's value / 1.02 (from 39,500) to / 1.015 (from 40,500)
    low_end, high_end = 39500 * (P10 / 39500) ** Z75_OVER_Z90, 40500 * (P10 / 40500) ** Z75_OVER_Z90
    assert curve.loc[0.25, ["low_usd", "high_usd"]].tolist() == [round(low_end / 1.02), round(high_end / 1.015)]
    assert curve.loc[0.5, ["low_usd", "high_usd"]].tolist() == [39500, 40500]  # the curve goes through the median: rounding alone
    assert curve.loc[0.25, "annual_usd"] == round(CURVE_P25)
    others = out[out["method"] != wages.PRINTED_MEDIAN]
    assert set(others["band_basis"]) == {wages.QUARTILE_BAND} and set(others["validated_on"]) == {"2010, 2012"}
    without = wages.salary_quantiles(PRINTED_2011, BLS_YEARS)  # no year publishes quartiles: the old bands
    assert set(without.loc[without["method"] == wages.PRINTED_MEDIAN, "band_basis"]) == {wages.ROUNDING_BAND}


def test_guide_figures_are_not_matched_with_published_quartiles():
    bls = pd.concat([BLS, pd.DataFrame({"year": [2017], "statistic": ["p25"], "unit": ["usd_per_year"], "value": [30990.0],
                                        "source_key": ["q17"]})], ignore_index=True)
    out = wages.match_to_bls(pd.DataFrame([wage_row(value=30990.0, year=2017), wage_row(value=30990.0)]), bls)
    assert out["verdict"].tolist() == [wages.NOT_FOUND, wages.NOT_FOUND]  # quartiles are for the pay analysis, not the provenance


def gap_rows(*rows):
    return pd.DataFrame(rows, columns=["year", "median_annual_usd", "mean_annual_usd"])


@pytest.mark.parametrize("rows, expected", [
    ([(2010, 100.0, 107.6), (2011, 100.0, 109.3), (2019, 100.0, 80.0)], (7.6, 9.3, 2, 0, 2)),   # the year of another code is left out
    ([(2010, 100.0, 100.0), (2011, 100.0, 101.0)], (0.0, 1.0, 1, 0, 2)),                        # equal is not above
    ([(2010, 100.0, 99.0), (2011, 100.0, 101.0)], (-1.0, 1.0, 1, 1, 2)),
])
def test_mean_above_median_within_one_run_of_years(rows, expected):
    out = wages.mean_above_median(gap_rows(*rows), 2010, 2018)
    assert (round(out["low_pct"], 6), round(out["high_pct"], 6), out["years_above"], out["years_below"], out["years"]) == expected
    assert (out["first"], out["last"]) == (2010, 2011)
    with pytest.raises(ValueError, match="expected years 2012-2018"):
        wages.mean_above_median(gap_rows(*rows), 2012, 2018)


# Method checks in detail -----------------------------------------------------------------------------

# One reference-code year that publishes quartiles: no other year lends the borrowed method its shape.
LONE_QUARTILE_YEAR = with_quartiles([(2010, "A", "yes", P10, MEDIAN, MEAN, P90)], {2010: (27000.0, 56000.0)})


def test_quartile_check_skips_only_the_borrowed_method_when_no_other_year_lends_a_shape():
    check = wages.validate_quartile_estimates(LONE_QUARTILE_YEAR)
    # the borrowed shape must leave 2010 out and nothing is left: that method alone is skipped, the ones after it still run
    assert check["method"].drop_duplicates().tolist() == [wages.PRINTED_MEDIAN, wages.LEAST_SQUARES, wages.SYMMETRIC]
    assert check["quantile"].tolist() == [0.25, 0.5, 0.75] * 3


def test_quartile_check_row_in_detail():
    check = wages.validate_quartile_estimates(LONE_QUARTILE_YEAR)
    assert list(check.columns) == ["year", "soc_code", COMPARABLE, "in_validation_set", "method", "quantile", "published_usd",
                                   "estimated_usd", "error_usd", "error_pct"]
    row = check[(check["method"] == wages.PRINTED_MEDIAN) & (check["quantile"] == 0.25)].iloc[0]
    # the curve's 25th percentile: 40,000 x 0.5 ** 0.52631 = 27,773.189; published 27,000: +773.189 dollars, +2.863664%
    assert row["soc_code"] == "A" and row[COMPARABLE] == "yes" and row["published_usd"] == 27000.0
    assert row["estimated_usd"] == 27773.0
    assert row["error_usd"] == 773.0  # whole dollars: 773.189 -> 773
    assert row["error_pct"] == 2.8637  # 4 decimals
    at_75 = check[(check["method"] == wages.PRINTED_MEDIAN) & (check["quantile"] == 0.75)].iloc[0]
    # 40,000 x 2 ** 0.52631 = 57,609.516 against 56,000: +1,609.516 -> 1,610; +2.874137% -> 2.8741
    assert (at_75["error_usd"], at_75["error_pct"]) == (1610.0, 2.8741)


def test_median_check_keeps_the_years_that_publish_no_quartiles():
    out = wages.validate_median_estimates(CHECKED)  # 2014 publishes p10, median, mean and p90 but no quartiles
    assert sorted(set(out["year"])) == [2010, 2011, 2012, 2013, 2014]


def test_years_with_a_statistic_the_table_lacks_is_none():
    annual = wages.bls_annual(BLS_YEARS)  # no p25 rows at all
    assert wages.years_with(annual, "p25", 2010, 2015) is None
    assert wages.years_with(annual, "mean", 2010, 2015) == (2010, 2015)


def test_years_used_are_the_methods_own_validation_years_other_than_the_year():
    # "m" has validation years 2010-2012 (2013 is not one); "other" only 2010
    from mrt.wages.fits import _years_used

    assert _years_used(VALIDATION, "m", 2011) == "2010, 2012"
    assert _years_used(VALIDATION, "other", 2011) == "2010"


def test_a_method_without_the_median_takes_its_quartile_band_from_the_other_years_errors():
    out = wages.salary_quantiles(PRINTED_2011, CHECKED)
    # Every year of CHECKED has the same p10, mean and p90, so a method's estimate E is the same each year, and its error in a
    # year whose published p25 is CURVE_P25 / f is E / (CURVE_P25 / f) - 1; the band E / (1 + error) then runs from
    # CURVE_P25 / (largest f) to CURVE_P25 / (smallest f) whatever E is. Leaving 2011 (f = 1.01) out: f is 1.02 (2010) or 1.015 (2012):
    # 27,773.189 / 1.02 = 27,228.6 and / 1.015 = 27,362.7. At the 75th the f are 0.99 and 0.995: 57,609.516 / 0.995 = 57,899.0 and / 0.99 = 58,191.4.
    for method in (wages.LEAST_SQUARES, wages.SYMMETRIC):
        rows = out[(out["method"] == method)].set_index("quantile")
        assert rows.loc[0.25, ["low_usd", "high_usd"]].tolist() == [27229, 27363]
        assert rows.loc[0.75, ["low_usd", "high_usd"]].tolist() == [57899, 58191]
        assert rows.loc[0.25, "band_basis"] == wages.QUARTILE_BAND


def test_the_quartile_check_given_is_the_one_used():
    check = wages.validate_quartile_estimates(CHECKED)
    exact = check.assign(error_pct=0.0)  # a check in which the curve never errs: the printed median's band is its rounding alone
    out = wages.salary_quantiles(PRINTED_2011, CHECKED, check=exact)
    curve = out[out["method"] == wages.PRINTED_MEDIAN].set_index("quantile")
    low_end, high_end = 39500 * (P10 / 39500) ** Z75_OVER_Z90, 40500 * (P10 / 40500) ** Z75_OVER_Z90
    assert curve.loc[0.25, ["low_usd", "high_usd"]].tolist() == [round(low_end), round(high_end)]
    one_year = wages.quartiles_for_year(PRINTED_2011, CHECKED, 2011, wages.validate_median_estimates(CHECKED), exact)
    assert [r["low_usd"] for r in one_year if r["method"] == wages.PRINTED_MEDIAN][0] == round(low_end)


def test_quartiles_for_year_works_out_the_check_when_none_is_given():
    validation = wages.validate_median_estimates(CHECKED)
    computed = wages.quartiles_for_year(PRINTED_2011, CHECKED, 2011, validation)
    assert computed == wages.quartiles_for_year(PRINTED_2011, CHECKED, 2011, validation, wages.validate_quartile_estimates(CHECKED))
    assert {r["band_basis"] for r in computed if r["method"] == wages.PRINTED_MEDIAN} == {wages.SHAPE_AND_ROUNDING_BAND}


def test_a_mean_half_a_percent_above_the_median_counts_as_above():
    out = wages.mean_above_median(gap_rows((2010, 100.0, 100.5), (2011, 100.0, 99.5)), 2010, 2018)
    assert (out["years_above"], out["years_below"]) == (1, 1)  # +0.5% and -0.5%


# BLS years in detail ------------------------------------------------------------------------------------

def test_gaps_of_one_code_are_collected_across_its_runs():
    # code A in 2010-2013 (no 2011), then B in 2014, then A again in 2015-2018 (no 2017): A's gaps are 2011 and 2017
    rows = bls_long([(2010, "A", "yes", 1, 2, 3, 4), (2012, "A", "yes", 1, 2, 3, 4), (2013, "A", "yes", 1, 2, 3, 4), (2014, "B", "no", 1, 2, 3, 4),
                     (2015, "A", "yes", 1, 2, 3, 4), (2016, "A", "yes", 1, 2, 3, 4), (2018, "A", "yes", 1, 2, 3, 4)])
    assert wages.gaps_by_code(wages.bls_annual(rows)) == {"A": [2011, 2017]}


def test_missing_statistics_counts_a_statistic_the_table_has_no_column_for():
    annual = wages.bls_annual(BLS_YEARS)  # no p25 column at all: every year lacks it
    assert wages.missing_statistics(annual, ("p25", "median")) == {y: ["p25"] for y in (2010, 2011, 2012, 2013, 2015)}


def test_published_quartiles_keep_a_year_without_a_mean():
    no_mean = CHECKED[~((CHECKED["year"] == 2011) & (CHECKED["statistic"] == "mean"))]  # 2011 publishes quartiles but no mean
    assert wages.published_quartiles(no_mean)["year"].tolist() == [2010, 2011, 2012, 2013]


def test_published_quartiles_are_numbered_from_zero():
    no_2010 = CHECKED[~((CHECKED["year"] == 2010) & CHECKED["statistic"].isin(["p25", "p75"]))]  # the first year publishes none
    out = wages.published_quartiles(no_2010)
    assert out["year"].tolist() == [2011, 2012, 2013] and list(out.index) == [0, 1, 2]


def test_year_runs_read_the_years_in_order_whatever_the_rows_order():
    annual = wages.bls_annual(BLS_YEARS).iloc[[2, 0, 4, 1, 3]]  # 2012, 2010, 2015, 2011, 2013
    assert wages.year_runs(annual)[["soc_code", "first_year", "last_year"]].values.tolist() == [["A", 2010, 2012], ["B", 2013, 2013],
                                                                                                ["C", 2015, 2015]]
