"""The education model: hand-worked cases at every threshold, parameters refused up front, and the data it is fed.

Most cases use a pay table instead of a fitted curve (``TablePay``: percentile -> pay), so every expected
total can be worked out by hand in the comment beside it.
"""

import math
from types import SimpleNamespace

import pandas as pd
import pytest

from mrt import education, paths
from mrt.education import ADVANCEMENT, ASSOCIATE, CERTIFICATE, HS, Assumptions, ModelData, ParameterError, Route
from mrt.wages import Lognormal

PAY = Lognormal(math.log(40000), 0.4)
FLAT = Assumptions(horizon_years=10, discount_rate_pct=0.0, annual_real_raise_pct=0.0)


class TablePay:
    """A pay 'distribution' that is a lookup table: percentile -> annual pay."""

    def __init__(self, table):
        self.table = table

    def quantile(self, q):
        return self.table[round(q * 100, 6)]


def by_route(summary):
    return summary.set_index("route")


# The month-by-month model ---------------------------------------------------------------------------

def test_zero_tuition_and_zero_study_equal_the_shortest_route():
    yearly, summary = education.compare_routes([Route("a", "A", 0, 0, 25), Route("b", "B", 0, 0, 25)], FLAT, PAY)
    a = yearly[yearly["route"] == "a"].reset_index(drop=True)
    b = yearly[yearly["route"] == "b"].reset_index(drop=True)
    pd.testing.assert_series_equal(a["cumulative_net_present_usd"], b["cumulative_net_present_usd"])
    row = by_route(summary).loc["b"]
    assert row["present_value_vs_shortest_usd"] == 0 and row["earnings_forgone_usd"] == 0
    assert row["break_even_year_vs_shortest"] == 1


def test_hand_computed_totals():
    pay = TablePay({50: 40000})
    _, summary = education.compare_routes([Route("hs", "HS", 0, 0, 50), Route("cert", "Certificate", 12, 3600, 50)], FLAT, pay)
    row = by_route(summary).loc["cert"]
    assert row["tuition_total_usd"] == pytest.approx(3600)
    assert row["cumulative_net_usd"] == pytest.approx(9 * 40000 - 3600)  # 9 working years of 10, minus one year of tuition
    assert row["net_present_value_usd"] == pytest.approx(9 * 40000 - 3600)  # no discounting: the same
    assert row["earnings_forgone_usd"] == pytest.approx(40000)  # the shortest route's first year
    assert row["start_pay_usd_per_year"] == 40000 and row["start_percentile"] == 50 and row["study_months"] == 12
    assert pd.isna(row["break_even_year_vs_shortest"])  # same pay after study: never catches up
    assert pd.isna(row["promotion_probability"]) and row["unemployment_rate_pct"] == 0


def test_a_fractional_month_of_study_is_part_study_part_work():
    pay = TablePay({50: 12000})  # 1,000 a month
    yearly, summary = education.compare_routes([Route("r", "R", 1.5, 1200, 50)], Assumptions(1, 0.0, 0.0), pay)
    # month 0 all study, month 1 half study: tuition 100 + 50, pay 500 + 10 months x 1,000
    assert yearly["tuition_usd"].sum() == pytest.approx(150)
    assert yearly["pay_usd"].sum() == pytest.approx(10500)


def test_a_fractional_month_of_work_is_paid_at_the_first_years_rate():
    pay = TablePay({50: 12000})  # 1,000 a month
    route = Route("r", "R", 1.5, 0, 50)
    monthly = education.monthly_path(route, Assumptions(2, 0.0, 10.0), pay, 12000)
    assert monthly["month"].tolist() == list(range(24)) and monthly["year"].tolist() == [1] * 12 + [2] * 12
    # month 1 is half work at the starting rate (no raise before a full year of work); the raise starts 12 months after study
    assert monthly["pay_usd"].iloc[1] == pytest.approx(500)
    assert monthly["pay_usd"].iloc[13] == pytest.approx(1000) and monthly["pay_usd"].iloc[14] == pytest.approx(1100)


def test_raise_and_discount_compound_yearly():
    assumptions = Assumptions(horizon_years=2, discount_rate_pct=10.0, annual_real_raise_pct=5.0)
    yearly, _ = education.compare_routes([Route("hs", "HS", 0, 0, 50)], assumptions, TablePay({50: 40000}))
    assert yearly["pay_usd"].tolist() == pytest.approx([40000, 42000])
    expected_pv = sum(40000 / 12 * 1.1 ** (-m / 12) for m in range(12)) + sum(42000 / 12 * 1.1 ** (-m / 12) for m in range(12, 24))
    assert yearly["net_present_usd"].sum() == pytest.approx(expected_pv)
    assert yearly["cumulative_net_present_usd"].iloc[-1] == pytest.approx(expected_pv)
    assert yearly["cumulative_net_usd"].tolist() == pytest.approx([40000, 82000])


def test_earnings_forgone_follow_the_shortest_routes_raises():
    assumptions = Assumptions(horizon_years=5, discount_rate_pct=0.0, annual_real_raise_pct=10.0, study_work_share=0.5)
    _, summary = education.compare_routes([Route("hs", "HS", 0, 0, 50), Route("deg", "Degree", 24, 0, 50)], assumptions, TablePay({50: 40000}))
    # the shortest route earns 40,000 then 44,000 during the two study years; half of its starting pay is earned part time
    assert by_route(summary).loc["deg", "earnings_forgone_usd"] == pytest.approx(40000 + 44000 - 0.5 * 40000 * 2)


def test_expected_pay_with_a_chance_of_promotion():
    pay = TablePay({50: 40000})
    assumptions = Assumptions(horizon_years=3, discount_rate_pct=0.0, annual_real_raise_pct=0.0, promoted_pay_usd_per_year=80000)
    route = Route("up", "Up", 12, 0, 50, promotion_after_years=1, promotion_probability=0.25)
    yearly, summary = education.compare_routes([route], assumptions, pay)
    # year 1 study; year 2 technician; year 3 promotion possible: 0.75 x 40,000 + 0.25 x 80,000 = 50,000
    assert yearly["pay_usd"].tolist() == pytest.approx([0, 40000, 50000])
    assert by_route(summary).loc["up", "promotion_probability"] == 0.25


@pytest.mark.parametrize("ramp, expected", [
    (0, [0, 40000, 80000, 80000, 80000]),  # full pay at once
    (1, [0, 40000, 80000, 80000, 80000]),  # reached in the first year: the same
    (2, [0, 40000, 60000, 80000, 80000]),  # half the way (40,000 to 80,000) in the first year, all of it in the second
    (4, [0, 40000, 50000, 60000, 70000]),  # a quarter of the way a year
])
def test_pay_after_promotion_rises_from_the_pay_one_had_to_the_full_pay(ramp, expected):
    pay = TablePay({50: 40000})
    assumptions = Assumptions(horizon_years=5, discount_rate_pct=0.0, annual_real_raise_pct=0.0, promoted_pay_usd_per_year=80000,
                              promoted_ramp_years=ramp)
    route = Route("up", "Up", 12, 0, 50, promotion_after_years=1, promotion_probability=1.0)
    assert education.compare_routes([route], assumptions, pay)[0]["pay_usd"].tolist() == pytest.approx(expected)


def test_the_rise_after_promotion_starts_from_the_pay_with_its_raises_and_is_weighted_by_the_chance():
    pay = TablePay({50: 40000})
    assumptions = Assumptions(horizon_years=3, discount_rate_pct=0.0, annual_real_raise_pct=10.0, promoted_pay_usd_per_year=84000,
                              promoted_ramp_years=2)
    route = Route("up", "Up", 0, 0, 50, promotion_after_years=1, promotion_probability=0.5)
    # year 1: 40,000; year 2: own 44,000, promoted 44,000 + (84,000 - 44,000) / 2 = 64,000, expected 54,000; year 3: own 48,400,
    # promoted 84,000, expected 66,200
    assert education.compare_routes([route], assumptions, pay)[0]["pay_usd"].tolist() == pytest.approx([40000, 54000, 66200])


@pytest.mark.parametrize("probability, certain", [(0.0, None), (1.0, 1)])
def test_probability_zero_and_one_reproduce_the_certain_cases(probability, certain):
    pay = TablePay({35: 45000})
    assumptions = Assumptions(horizon_years=12, discount_rate_pct=3.0, annual_real_raise_pct=1.0, promoted_pay_usd_per_year=100000)
    chance = Route("b", "B", 48, 10000, 35, promotion_after_years=5, promotion_probability=probability)
    fixed = Route("b", "B", 48, 10000, 35, promotion_after_years=None if certain is None else 5)
    a, _ = education.compare_routes([chance], assumptions, pay)
    b, _ = education.compare_routes([fixed], assumptions, pay)
    pd.testing.assert_frame_equal(a, b)
    # and by hand: 4 years of study, 5 of technician pay with 1% raises, then (if promoted) 3 years of 100,000
    after = [45000 * 1.01 ** k for k in range(5)] + ([100000] * 3 if certain else [45000 * 1.01 ** k for k in range(5, 8)])
    assert a["pay_usd"].tolist() == pytest.approx([0] * 4 + after)


def test_unemployment_risk_scales_pay_but_not_tuition():
    pay = TablePay({50: 40000})
    assumptions = Assumptions(horizon_years=2, discount_rate_pct=0.0, annual_real_raise_pct=0.0, study_work_share=0.5)
    yearly, summary = education.compare_routes([Route("hs", "HS", 0, 0, 50, 5.0), Route("d", "D", 12, 1000, 50, 10.0)], assumptions, pay)
    d = yearly[yearly["route"] == "d"]
    # year 1: part-time 0.5 x 40,000 x 0.9 = 18,000, tuition 1,000; year 2: 40,000 x 0.9 = 36,000
    assert d["pay_usd"].tolist() == pytest.approx([18000, 36000])
    assert d["tuition_usd"].tolist() == pytest.approx([1000, 0])
    assert yearly[yearly["route"] == "hs"]["pay_usd"].tolist() == pytest.approx([38000, 38000])
    # forgone: what the shortest route earned that year (38,000) less the part-time pay (18,000)
    assert by_route(summary).loc["d", "earnings_forgone_usd"] == pytest.approx(20000)
    assert by_route(summary).loc["d", "unemployment_rate_pct"] == 10.0


@pytest.mark.parametrize("later_pay, expected", [(80000, 2), (79999, 3)])
def test_break_even_year_is_the_first_year_at_or_above_the_shortest(later_pay, expected):
    pay = TablePay({10: 40000, 90: later_pay})
    _, summary = education.compare_routes([Route("hs", "HS", 0, 0, 10), Route("d", "D", 12, 0, 90)], Assumptions(3, 0.0, 0.0), pay)
    # cumulative: shortest 40k, 80k, 120k; the other 0, 80k, 160k: level in year 2 exactly (at or above counts)
    assert by_route(summary).loc["d", "break_even_year_vs_shortest"] == expected


def test_break_even_year_needs_the_route_to_stay_ahead():
    own = pd.Series([0.0, 5.0, 1.0, 6.0], index=[1, 2, 3, 4])
    base = pd.Series([1.0, 2.0, 3.0, 4.0], index=[1, 2, 3, 4])
    assert education.break_even_year(own, base) == 4  # ahead in year 2, behind again in 3
    assert education.break_even_year(own - 10, base) is None
    assert education.break_even_year(base - 1e-7, base) == 1  # a rounding hair behind counts as level
    assert education.break_even_year(base - 1e-6, base) == 1  # up to a millionth of a dollar
    assert education.break_even_year(base - 1e-5, base) is None


def test_ranks_and_margins():
    summary = pd.DataFrame({"route": ["a", "b", "c", "d"], "net_present_value_usd": [100.0, 300.0, 200.0, -50.0]})
    out = education.rank_with_margins(summary).set_index("route")
    assert out["rank_by_present_value"].to_dict() == {"a": 3, "b": 1, "c": 2, "d": 4}
    assert out.loc["b", "lead_over_next_usd"] == 100 and out.loc["b", "lead_over_next_pct"] == 50  # 300 over 200
    assert out.loc["c", "lead_over_next_usd"] == 100 and out.loc["c", "lead_over_next_pct"] == 100  # 200 over 100
    assert out.loc["a", "lead_over_next_usd"] == 150 and pd.isna(out.loc["a", "lead_over_next_pct"])  # over a negative value: no percent
    assert pd.isna(out.loc["d", "lead_over_next_usd"]) and pd.isna(out.loc["d", "lead_over_next_pct"])
    assert out["rank_by_present_value"].dtype == "int64"
    assert out["lead_over_next_usd"].dtype == "Float64" and out["lead_over_next_pct"].dtype == "Float64"


@pytest.mark.parametrize("below, percent", [(0.0, None), (0.5, 20.0), (-1.0, None)])
def test_a_lead_is_a_percentage_only_of_a_positive_value(below, percent):
    summary = pd.DataFrame({"route": ["a", "b"], "net_present_value_usd": [below + 0.1, below]})
    got = education.rank_with_margins(summary).set_index("route").loc["a", "lead_over_next_pct"]
    assert pd.isna(got) if percent is None else got == pytest.approx(percent)


def test_a_tie_shares_the_rank_with_no_lead():
    summary = pd.DataFrame({"route": ["a", "b"], "net_present_value_usd": [100.0, 100.0]})
    out = education.rank_with_margins(summary).set_index("route")
    assert out["rank_by_present_value"].tolist() == [1, 1]
    assert out.loc["a", "lead_over_next_usd"] == 0 and out.loc["a", "lead_over_next_pct"] == 0
    three = education.rank_with_margins(pd.DataFrame({"route": ["a", "b", "c", "d"], "net_present_value_usd": [5.0, 5.0, 5.0, 9.0]}))
    assert three["rank_by_present_value"].tolist() == [2, 2, 2, 1]  # ties share the best place they span


def test_the_summary_keeps_the_routes_order_labels_and_types():
    routes = [Route("z", "Zed", 0, 0, 50), Route("a", "Ay", 12, 0, 50, promotion_after_years=1, promotion_probability=0.5)]
    assumptions = Assumptions(3, 0.0, 0.0, promoted_pay_usd_per_year=50000)
    yearly, summary = education.compare_routes(routes, assumptions, TablePay({50: 40000}))
    assert yearly["route"].drop_duplicates().tolist() == ["z", "a"] and summary["route"].tolist() == ["z", "a"]
    assert summary["label"].tolist() == ["Zed", "Ay"]
    assert summary["promotion_probability"].dtype == "Float64" and summary["break_even_year_vs_shortest"].dtype == "Int64"
    assert summary["promotion_probability"].isna().tolist() == [True, False]


def test_no_routes_is_refused():
    with pytest.raises(ParameterError, match="^parameter 'routes': expected at least one route, got none$"):
        education.compare_routes([], FLAT, PAY)


def test_shortest_route_breaks_ties_by_tuition():
    routes = [Route("x", "X", 12, 500, 50), Route("y", "Y", 12, 100, 50), Route("z", "Z", 24, 0, 50)]
    assert education.shortest_route(routes).key == "y"


def test_margin_winner_and_lead_percent():
    summary = pd.DataFrame({"route": list(education.MODEL_ROUTES), "net_present_value_usd": [100.0, 250.0, 200.0, 400.0]})
    assert education.winner(summary) == ADVANCEMENT
    assert education.winner(summary, education.ENTRY_ROUTES) == CERTIFICATE
    assert education.margin(summary, ADVANCEMENT) == 150
    assert education.margin(summary, HS) == -300
    assert education.margin(summary, CERTIFICATE, education.ENTRY_ROUTES) == 50
    assert education.lead_pct(summary, ADVANCEMENT) == 60  # 150 over 250
    assert education.lead_pct(summary, CERTIFICATE, education.ENTRY_ROUTES) == 25  # 50 over 200
    negative = summary.assign(net_present_value_usd=[-10.0, -20.0, -30.0, 5.0])
    assert education.lead_pct(negative, ADVANCEMENT) is None  # the best rival is not positive: no percent
    assert education.lead_pct(negative.assign(net_present_value_usd=[0.0, -1.0, -2.0, 3.0]), ADVANCEMENT) is None
    small = negative.assign(net_present_value_usd=[0.5, -1.0, -2.0, 1.0])  # rival worth half a dollar: 0.5 over 0.5
    assert education.lead_pct(small, ADVANCEMENT) == 100


# Parameters: refused up front with the parameter named -----------------------------------------------

DEFAULTS = dict(horizon_years=20, discount_rate_pct=3.0, annual_real_raise_pct=1.0, study_work_share=0.0, unemployment_risk=False,
                certificate_months=12, associate_months=24, bachelor_months=48, two_year_tuition_usd_per_year=None,
                four_year_tuition_usd_per_year=None, hs_start_percentile=10, certificate_start_percentile=25,
                associate_start_percentile=35, bachelor_start_percentile=35, promotion_probability=0.5, years_to_promotion=5,
                promoted_pay_usd_per_year=None, promoted_ramp_years=5, promotion_share=0.0, pay_through_median=True,
                base_year=None)


def test_defaults_pass_and_cover_every_parameter():
    assert list(DEFAULTS) == list(education.PARAMETERS)
    education.check_parameters(DEFAULTS)


@pytest.mark.parametrize("name, value, message", [
    ("horizon_years", float("inf"), "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got inf"),
    ("horizon_years", 61, "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got 61"),
    ("horizon_years", 0, "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got 0"),
    ("horizon_years", 20.5, "parameter 'horizon_years': expected a whole number from 1 to 60 (years), got 20.5"),
    ("discount_rate_pct", float("nan"), "parameter 'discount_rate_pct': expected a finite number from 0 to 30 (percent a year, above inflation), got nan"),
    ("discount_rate_pct", -0.1, "parameter 'discount_rate_pct': expected a finite number from 0 to 30 (percent a year, above inflation), got -0.1"),
    ("discount_rate_pct", 30.5, "parameter 'discount_rate_pct': expected a finite number from 0 to 30 (percent a year, above inflation), got 30.5"),
    ("certificate_months", -1, "parameter 'certificate_months': expected a finite number from 0 to 120 (months), got -1"),
    ("years_to_promotion", -2, "parameter 'years_to_promotion': expected a finite number from 0 to 60 (years), got -2"),
    ("promotion_probability", 1.01, "parameter 'promotion_probability': expected a finite number from 0 to 1 (probability, 0-1), got 1.01"),
    ("promotion_probability", -0.01, "parameter 'promotion_probability': expected a finite number from 0 to 1 (probability, 0-1), got -0.01"),
    ("study_work_share", 2, "parameter 'study_work_share': expected a finite number from 0 to 1 (share of the shortest route's starting pay, 0-1), got 2"),
    ("associate_start_percentile", 100, "parameter 'associate_start_percentile': expected a finite number from 1 to 99 (percentile of the occupation's pay), got 100"),
    ("hs_start_percentile", 0.5, "parameter 'hs_start_percentile': expected a finite number from 1 to 99 (percentile of the occupation's pay), got 0.5"),
    ("promotion_probability", "half", "parameter 'promotion_probability': expected a finite number from 0 to 1 (probability, 0-1), got 'half'"),
    ("promotion_probability", True, "parameter 'promotion_probability': expected a finite number from 0 to 1 (probability, 0-1), got True"),
    ("promotion_probability", None, "parameter 'promotion_probability': expected a finite number from 0 to 1 (probability, 0-1), got None"),
    ("unemployment_risk", 1, "parameter 'unemployment_risk': expected True or False, got 1"),
    ("unemployment_risk", "yes", "parameter 'unemployment_risk': expected True or False, got 'yes'"),
    ("two_year_tuition_usd_per_year", -5, "parameter 'two_year_tuition_usd_per_year': expected a finite number from 0 to 200000 (dollars a year, "
                                          "in the dollar year), or None for the published figure, got -5"),
    ("promoted_pay_usd_per_year", float("-inf"), "parameter 'promoted_pay_usd_per_year': expected a finite number from 0 to 1e+06 (dollars a year, "
                                                 "in the dollar year), or None for the published figure, got -inf"),
])
def test_bad_values_are_refused_with_the_parameter_and_what_was_expected(name, value, message):
    with pytest.raises(ParameterError) as error:
        education.check_parameters({**DEFAULTS, name: value})
    assert str(error.value) == message


@pytest.mark.parametrize("name, value", [
    ("horizon_years", 60), ("horizon_years", 5.0), ("discount_rate_pct", 0), ("discount_rate_pct", 30), ("promotion_probability", 0),
    ("promotion_probability", 1), ("hs_start_percentile", 1), ("associate_start_percentile", 99), ("certificate_months", 0),
    ("unemployment_risk", True), ("two_year_tuition_usd_per_year", 0), ("annual_real_raise_pct", -10), ("annual_real_raise_pct", 10),
])
def test_values_at_the_limits_are_accepted(name, value):
    education.check_parameters({**DEFAULTS, name: value})


def test_unknown_names_are_refused_with_a_suggestion():
    with pytest.raises(ParameterError) as error:
        education.check_parameters({"promotion_probabilty": 0.3, "zzz": 1})
    lines = str(error.value).splitlines()
    assert lines[0].startswith("unknown parameter 'promotion_probabilty' (did you mean 'promotion_probability'?); the parameters are: horizon_years, ")
    assert lines[1].startswith("unknown parameter 'zzz'; the parameters are: ")
    assert lines[1].endswith(", promoted_pay_usd_per_year, promoted_ramp_years, promotion_share, pay_through_median, base_year")


def test_every_problem_is_named_at_once():
    with pytest.raises(ParameterError) as error:
        education.check_parameters({"horizon_years": 0, "promotion_probability": 2})
    assert str(error.value).count("\n") == 1 and "'horizon_years'" in str(error.value) and "'promotion_probability'" in str(error.value)


@pytest.mark.parametrize("months, horizon, refused", [(60, 5, True), (59.5, 5, False), (12, 1, True), (11, 1, False)])
def test_study_must_end_within_the_horizon(months, horizon, refused):
    values = {**DEFAULTS, "horizon_years": horizon, "certificate_months": months, "associate_months": 0, "bachelor_months": 0}
    if not refused:
        education.check_parameters(values)
        return
    with pytest.raises(ParameterError) as error:
        education.check_parameters(values)
    assert str(error.value) == f"parameter 'certificate_months': expected fewer months of study than the horizon ({horizon * 12} months), got {months}"


def test_every_study_too_long_for_the_horizon_is_named():
    with pytest.raises(ParameterError) as error:
        education.check_parameters({**DEFAULTS, "horizon_years": 2})
    assert str(error.value) == ("parameter 'associate_months': expected fewer months of study than the horizon (24 months), got 24\n"
                                "parameter 'bachelor_months': expected fewer months of study than the horizon (24 months), got 48")


def test_the_horizon_check_waits_for_valid_values():
    # a bad horizon is reported once, not again as a months problem
    with pytest.raises(ParameterError) as error:
        education.check_parameters({**DEFAULTS, "horizon_years": 0})
    assert "months" not in str(error.value)


def test_resolve_fills_published_figures_and_needs_every_parameter():
    published = {"two_year_tuition_usd_per_year": 4556.0, "four_year_tuition_usd_per_year": 12759.0, "promoted_pay_usd_per_year": 126178.0,
                 "base_year": 2017}
    params = education.resolve({**DEFAULTS, "four_year_tuition_usd_per_year": 0}, published)
    assert params["base_year"] == 2017 and education.resolve({**DEFAULTS, "base_year": 2015}, published)["base_year"] == 2015
    assert params["two_year_tuition_usd_per_year"] == 4556.0 and params["four_year_tuition_usd_per_year"] == 0
    assert params["promoted_pay_usd_per_year"] == 126178.0 and params["horizon_years"] == 20
    with pytest.raises(ParameterError, match=r"^parameters missing: \['horizon_years'\]$"):
        education.resolve({k: v for k, v in DEFAULTS.items() if k != "horizon_years"}, published)
    with pytest.raises(ParameterError, match="'promotion_probability'"):
        education.resolve({**DEFAULTS, "promotion_probability": 3}, published)


@pytest.mark.parametrize("value, text", [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"), (11, "11th"), (12, "12th"), (13, "13th"),
                                         (21, "21st"), (22, "22nd"), (23, "23rd"), (111, "111th"), (10.0, "10th"), (32.76, "32.8th")])
def test_ordinal(value, text):
    assert education.ordinal(value) == text


@pytest.mark.parametrize("name, value, text", [
    ("horizon_years", 20, "20 years"), ("years_to_promotion", 10.083, "10.1 years"), ("certificate_months", 12, "12 months"),
    ("years_to_promotion", 10.04, "10 years"), ("promotion_probability", 0.5004, "50%"), ("hs_start_percentile", 20.04, "the 20th percentile"),
    ("discount_rate_pct", 3.0, "3%"), ("discount_rate_pct", 6.4057, "6.4%"), ("promotion_probability", 0.5, "50%"),
    ("promotion_probability", 0.24355, "24.4%"), ("study_work_share", 0, "0%"), ("unemployment_risk", True, "yes"),
    ("unemployment_risk", False, "no"), ("two_year_tuition_usd_per_year", 4556, "$4,556"), ("associate_start_percentile", 35, "the 35th percentile"),
    ("associate_start_percentile", 32.7614, "the 32.8th percentile"),
])
def test_value_text(name, value, text):
    assert education.value_text(name, value) == text


def test_expected_says_what_a_parameter_accepts():
    assert education.expected(education.PARAMETERS["unemployment_risk"]) == "True or False"
    assert education.expected(education.PARAMETERS["bachelor_months"]) == "a finite number from 0 to 120 (months)"


def test_every_parameter_is_documented_and_has_a_sweep_inside_its_range():
    for name, spec in education.PARAMETERS.items():
        assert spec.label and spec.unit and spec.why, name
        assert spec.kind in education.KINDS and spec.shown in education.SHOWN, name
        assert spec.published == (spec.kind == "published figure"), name
        if name in education.NOT_VARIED:  # chosen, never varied (the year of the inputs)
            assert spec.chosen and spec.sweep == (0.0, 0.0), name
            continue
        low, high = education.sweep_values(name, {name: 1.0 if spec.sweep_scales else 0.0})
        assert low < high, name
        if not spec.sweep_scales:
            assert spec.low <= low and high <= spec.high, name


# From parameters to routes, with a synthetic record ---------------------------------------------------

# percentile -> pay: every number below is chosen so the totals can be worked by hand
def both(curve):
    """The same pay curve for either value of pay_through_median."""
    return {True: curve, False: curve}


SYNTHETIC = ModelData(pay=both(TablePay({10: 30000, 20: 40000, 30: 40000, 40: 50000, 50: 40000})),
                      unemployment_rate_pct={HS: 5.0, CERTIFICATE: 4.0, ASSOCIATE: 2.0, ADVANCEMENT: 1.0},
                      published={"two_year_tuition_usd_per_year": 0.0, "four_year_tuition_usd_per_year": 0.0, "promoted_pay_usd_per_year": 60000.0},
                      advancement_label="Degree, then boss", dollar_year=2024, base_year=2017)
# One year, no study, no tuition, no discounting: present value = first-year pay.
# HS 30,000; certificate 40,000; associate 50,000; route up: 40,000 + p x 20,000 (promoted from the start).
ONE_YEAR = {**DEFAULTS, "horizon_years": 1, "discount_rate_pct": 0.0, "annual_real_raise_pct": 0.0, "certificate_months": 0,
            "associate_months": 0, "bachelor_months": 0, "two_year_tuition_usd_per_year": 0.0, "four_year_tuition_usd_per_year": 0.0,
            "promoted_pay_usd_per_year": 60000.0, "hs_start_percentile": 10, "certificate_start_percentile": 30,
            "associate_start_percentile": 40, "bachelor_start_percentile": 20, "promotion_probability": 0.5, "years_to_promotion": 0,
            "promoted_ramp_years": 0}


def present_values(params, data=SYNTHETIC):
    return by_route(education.evaluate(params, data)[1])["net_present_value_usd"].to_dict()


def test_build_routes_uses_the_parameters_and_the_configured_route_up():
    routes = {r.key: r for r in education.build_routes({**ONE_YEAR, "certificate_months": 9, "associate_months": 20, "bachelor_months": 40,
                                                         "two_year_tuition_usd_per_year": 100.0, "four_year_tuition_usd_per_year": 300.0,
                                                         "years_to_promotion": 4}, SYNTHETIC)}
    assert list(routes) == list(education.MODEL_ROUTES)
    assert routes[ADVANCEMENT].label == "Degree, then boss"
    assert [routes[k].label for k in education.ENTRY_ROUTES] == ["High school diploma, then training on the job", "Postsecondary certificate",
                                                                      "Associate's degree"]
    assert (routes[CERTIFICATE].study_months, routes[CERTIFICATE].tuition_usd_per_year, routes[CERTIFICATE].start_percentile) == (9, 100.0, 30)
    assert (routes[ASSOCIATE].study_months, routes[ASSOCIATE].tuition_usd_per_year, routes[ASSOCIATE].start_percentile) == (20, 100.0, 40)
    assert (routes[ADVANCEMENT].study_months, routes[ADVANCEMENT].tuition_usd_per_year, routes[ADVANCEMENT].start_percentile) == (40, 300.0, 20)
    assert routes[ADVANCEMENT].promotion_after_years == 4 and routes[ADVANCEMENT].promotion_probability == 0.5
    assert all(routes[k].promotion_after_years is None for k in education.ENTRY_ROUTES)  # a share of 0: never promoted
    shared = {r.key: r for r in education.build_routes({**ONE_YEAR, "years_to_promotion": 4, "promotion_share": 0.5}, SYNTHETIC)}
    assert all((shared[k].promotion_after_years, shared[k].promotion_probability) == (4, 0.25) for k in education.ENTRY_ROUTES)
    assert (shared[ADVANCEMENT].promotion_after_years, shared[ADVANCEMENT].promotion_probability) == (4, 0.5)
    assert (routes[HS].study_months, routes[HS].tuition_usd_per_year) == (0, 0)
    assert all(r.unemployment_rate_pct == 0 for r in routes.values())
    risky = {r.key: r.unemployment_rate_pct for r in education.build_routes({**ONE_YEAR, "unemployment_risk": True}, SYNTHETIC)}
    assert risky == {HS: 5.0, CERTIFICATE: 4.0, ASSOCIATE: 2.0, ADVANCEMENT: 1.0}


def test_assumptions_from_parameters():
    got = education.assumptions_from({**ONE_YEAR, "horizon_years": 7.0, "discount_rate_pct": 2.5, "annual_real_raise_pct": 1.5,
                                      "study_work_share": 0.2})
    assert got == Assumptions(horizon_years=7, discount_rate_pct=2.5, annual_real_raise_pct=1.5, study_work_share=0.2, promoted_pay_usd_per_year=60000.0,
                              promoted_ramp_years=0.0)
    assert isinstance(got.horizon_years, int)
    assert education.assumptions_from({**ONE_YEAR, "promoted_ramp_years": 3}).promoted_ramp_years == 3.0


def test_evaluate_by_hand():
    assert present_values(ONE_YEAR) == pytest.approx({HS: 30000, CERTIFICATE: 40000, ASSOCIATE: 50000, ADVANCEMENT: 50000})
    risky = present_values({**ONE_YEAR, "unemployment_risk": True})
    assert risky == pytest.approx({HS: 28500, CERTIFICATE: 38400, ASSOCIATE: 49000, ADVANCEMENT: 49500})
    with pytest.raises(ParameterError, match="'promotion_probability'"):
        education.evaluate({**ONE_YEAR, "promotion_probability": 1.5}, SYNTHETIC)


def test_with_value_turns_flags_into_true_or_false():
    assert education.with_value(ONE_YEAR, "unemployment_risk", 1.0)["unemployment_risk"] is True
    assert education.with_value(ONE_YEAR, "unemployment_risk", 0.0)["unemployment_risk"] is False
    assert education.with_value(ONE_YEAR, "horizon_years", 3)["horizon_years"] == 3
    assert ONE_YEAR["horizon_years"] == 1  # the original is left alone


@pytest.mark.parametrize("promoted_pay, expected", [(60000.0, 0.5), (70000.0, 1 / 3), (40000.0, None), (45000.0, 2.0), (30000.0, -1.0)])
def test_promotion_break_even_by_hand(promoted_pay, expected):
    # the route up is worth 40,000 + p x (promoted pay - 40,000); the best other route 50,000
    found = education.promotion_break_even({**ONE_YEAR, "promoted_pay_usd_per_year": promoted_pay}, SYNTHETIC)
    assert found == (None if expected is None else pytest.approx(expected))


def test_every_route_can_be_promoted_at_a_share_of_the_route_ups_chance():
    # share 1: every route promoted with chance 0.5 to 60,000 from the start: HS 45,000; certificate 50,000; associate 55,000;
    # route up 50,000
    assert present_values({**ONE_YEAR, "promotion_share": 1.0}) == pytest.approx(
        {HS: 45000, CERTIFICATE: 50000, ASSOCIATE: 55000, ADVANCEMENT: 50000})
    # share 0.5: the others with chance 0.25: associate 50,000 + 0.25 x 10,000 = 52,500
    assert present_values({**ONE_YEAR, "promotion_share": 0.5})[ASSOCIATE] == pytest.approx(52500)


def test_promotion_break_even_when_the_other_routes_move_up_too():
    # share 0.5: associate 50,000 + p/2 x 10,000 against the route up's 40,000 + p x 20,000: they tie at p = 10,000 / 15,000
    found = education.promotion_break_even({**ONE_YEAR, "promotion_share": 0.5}, SYNTHETIC)
    assert found == pytest.approx(2 / 3)
    # share 1: associate 50,000 + p x 10,000 stays ahead of 40,000 + p x 20,000 up to p = 1, where they tie
    assert education.promotion_break_even({**ONE_YEAR, "promotion_share": 1.0}, SYNTHETIC) == pytest.approx(1.0)
    # and never ahead: promoted pay 45,000 gives the route up 40,000 + p x 5,000, the associate's degree 50,000 - p/2 x 5,000
    assert education.promotion_break_even({**ONE_YEAR, "promotion_share": 0.5, "promoted_pay_usd_per_year": 45000.0},
                                          SYNTHETIC) is None


def test_promotion_break_even_below_zero_when_the_route_up_leads_anyway():
    # the route up starts at 50,000 against the others' 40,000 at best; promotion moves it by p x 10,000
    assert education.promotion_break_even({**ONE_YEAR, "bachelor_start_percentile": 40, "associate_start_percentile": 30}, SYNTHETIC) == pytest.approx(-1.0)


def test_at_the_break_even_chance_the_routes_tie_and_either_side_decides():
    at = present_values({**ONE_YEAR, "promotion_probability": 0.5})
    assert at[ADVANCEMENT] == pytest.approx(at[ASSOCIATE])
    assert education.margin(education.evaluate({**ONE_YEAR, "promotion_probability": 0.5001}, SYNTHETIC)[1], ADVANCEMENT) > 0
    assert education.margin(education.evaluate({**ONE_YEAR, "promotion_probability": 0.4999}, SYNTHETIC)[1], ADVANCEMENT) < 0


@pytest.mark.parametrize("changes, verdict, chance", [
    ({"promoted_pay_usd_per_year": 60000.0}, "at least", 0.5),  # 40,000 + p x 20,000 against 50,000
    ({"promoted_pay_usd_per_year": 45000.0}, "never", None),  # at most 45,000
    ({"bachelor_start_percentile": 40}, "always", None),  # 50,000 (a tie counts) up to 60,000
    ({"bachelor_start_percentile": 40, "associate_start_percentile": 30, "promoted_pay_usd_per_year": 30000.0}, "at most", 0.5),  # 50,000 - p x 20,000 against 40,000
])
def test_promotion_verdict(changes, verdict, chance):
    got = education.promotion_verdict({**ONE_YEAR, **changes}, SYNTHETIC)
    assert got[0] == verdict and (got[1] is None if chance is None else got[1] == pytest.approx(chance))


def test_promotion_band_runs_from_never_to_always_promoted():
    band = education.promotion_band({**ONE_YEAR, "horizon_years": 2}, SYNTHETIC)
    assert band["year"].tolist() == [1, 2]
    assert band["low"].tolist() == pytest.approx([40000, 80000]) and band["high"].tolist() == pytest.approx([60000, 120000])


@pytest.mark.parametrize("months, years, first", [(48, 5, 10), (42, 0, 4), (6, 0.5, 2), (0, 0, 1), (47.9, 0, 4), (11, 1, 2)])
def test_first_promotion_year(months, years, first):
    assert education.first_promotion_year({"bachelor_months": months, "years_to_promotion": years}) == first


def test_tie_between_two_routes():
    data = ModelData(both(Lognormal(math.log(40000), 0.4)), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    params = {**ONE_YEAR, "associate_start_percentile": 40}
    assert education.tie(params, data, "associate_start_percentile", ASSOCIATE, CERTIFICATE, 1, 99) == pytest.approx(30, abs=1e-6)
    assert education.tie(params, data, "associate_start_percentile", ASSOCIATE, CERTIFICATE, 35, 45) is None
    assert education.tie(params, data, "associate_start_percentile", ASSOCIATE, CERTIFICATE, 30, 45) == pytest.approx(30)  # at the end itself
    assert education.tie(params, data, "associate_start_percentile", ASSOCIATE, CERTIFICATE, 20, 30) == pytest.approx(30)


def test_break_even_by_root_finding_matches_the_formula():
    params = {**ONE_YEAR, "promotion_probability": 0.9}
    found = education.break_even(params, SYNTHETIC, "promotion_probability", ADVANCEMENT, 0.0)
    assert found == pytest.approx(0.5, abs=1e-8)
    # it leads at every chance from 0.9 up to 1: no break-even that way
    assert education.break_even(params, SYNTHETIC, "promotion_probability", ADVANCEMENT, 1.0) is None
    # a tie at the far end still counts as leading
    assert education.break_even(params, SYNTHETIC, "promotion_probability", ADVANCEMENT, 0.5) is None


def test_break_even_of_a_continuous_percentile():
    pay = Lognormal(math.log(40000), 0.4)
    data = ModelData(both(pay), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    # certificate and associate identical but for the percentile: they tie where the percentiles are equal (30)
    found = education.break_even({**ONE_YEAR, "associate_start_percentile": 40}, data, "associate_start_percentile", ASSOCIATE, 20,
                                 education.ENTRY_ROUTES)
    assert found == pytest.approx(30, abs=1e-6)


def test_break_even_of_a_whole_number_is_the_first_whole_value_that_changes_the_leader():
    # the route up studies 11 months, then earns 100,000 a year (the 90th percentile); the others 30-50,000 from the start.
    # 1 year: it earns 1 month (8,333) and loses; 2 years: 13 months (108,333) against 100,000 (associate) and leads.
    data = ModelData(both(TablePay({10: 30000, 30: 40000, 40: 50000, 90: 100000})), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    params = {**ONE_YEAR, "horizon_years": 5, "bachelor_months": 11, "bachelor_start_percentile": 90, "promotion_probability": 0.0}
    assert education.break_even(params, data, "horizon_years", ADVANCEMENT, 1) == 1.0
    assert education.break_even(params, data, "horizon_years", ADVANCEMENT, 10) is None
    assert education.break_even({**params, "horizon_years": 2}, data, "horizon_years", ADVANCEMENT, 1) == 1.0


def test_break_even_of_a_whole_number_upward_counts_a_tie_as_leading():
    # associate's degree 90,000 a year from the start; the route up studies 6 months, then 120,000 (10,000 a month), never promoted.
    # 1 year: 90,000 against 60,000; 2 years: 180,000 each (a tie: still leading); 3 years: 270,000 against 300,000
    data = ModelData(both(TablePay({10: 30000, 30: 40000, 40: 90000, 90: 120000})), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    params = {**ONE_YEAR, "bachelor_months": 6, "bachelor_start_percentile": 90, "promotion_probability": 0.0}
    assert education.break_even(params, data, "horizon_years", ASSOCIATE, 5) == 3.0


def test_break_even_of_a_whole_number_steps_one_year_at_a_time():
    # associate's degree 84,000 a year (7,000 a month); the route up 6 months of study, then 120,000 (10,000 a month):
    # 1 year 84,000 against 60,000; 2 years 168,000 against 180,000: the associate's degree stops leading at 2
    data = ModelData(both(TablePay({10: 30000, 30: 40000, 40: 84000, 90: 120000})), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    params = {**ONE_YEAR, "bachelor_months": 6, "bachelor_start_percentile": 90, "promotion_probability": 0.0}
    assert education.break_even(params, data, "horizon_years", ASSOCIATE, 5) == 2.0


def test_break_even_of_a_flag_is_its_other_value_when_the_leader_changes_there():
    # never promoted: associate 50,000 x 0.98 = 49,000 against the route up's 40,000 x 0.99: still leads with the risk
    assert education.break_even({**ONE_YEAR, "promotion_probability": 0.0}, SYNTHETIC, "unemployment_risk", ASSOCIATE, 1.0) is None
    # with chance 0.5 the route up and the associate's degree tie at 50,000 (a tie counts as leading for both); with the
    # risk the route up earns 49,500 and the associate's degree 49,000: the route up keeps the lead
    assert education.break_even(ONE_YEAR, SYNTHETIC, "unemployment_risk", ADVANCEMENT, 1.0) is None
    # and the associate's degree loses it at the flag's other value, True
    assert education.break_even(ONE_YEAR, SYNTHETIC, "unemployment_risk", ASSOCIATE, 1.0) == 1.0
    # the pay curve: the curve fitted to the mean (False) puts the certificate's start (30th) at 60,000, above the associate's 50,000
    data = ModelData({True: TablePay({10: 30000, 30: 40000, 40: 50000, 20: 40000}), False: TablePay({10: 30000, 30: 60000, 40: 50000, 20: 40000})},
                     SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    assert education.break_even(ONE_YEAR, data, "pay_through_median", ASSOCIATE, 0.0, education.ENTRY_ROUTES) == 0.0
    assert education.break_even({**ONE_YEAR, "pay_through_median": False}, data, "pay_through_median", CERTIFICATE, 1.0,
                                education.ENTRY_ROUTES) == 1.0


def test_sweep_values_scale_published_figures():
    assert education.sweep_values("two_year_tuition_usd_per_year", {"two_year_tuition_usd_per_year": 4000.0}) == (0.0, 12000.0)
    assert education.sweep_values("promoted_pay_usd_per_year", {"promoted_pay_usd_per_year": 100000.0}) == (75000.0, 125000.0)
    assert education.sweep_values("horizon_years", {"horizon_years": 20}) == (10.0, 40.0)


def test_sweeps_stay_where_study_ends_within_the_horizon():
    months = {"certificate_months": 12, "associate_months": 24, "bachelor_months": 48}
    # a 5-year horizon (60 months): the bachelor's sweep (36-72) stops at 59 months; the others are untouched
    assert education.sweep_values("bachelor_months", {**months, "horizon_years": 5}) == (36.0, 59.0)
    assert education.sweep_values("associate_months", {**months, "horizon_years": 5}) == (18.0, 36.0)
    assert education.sweep_values("bachelor_months", {**months, "horizon_years": 20}) == (36.0, 72.0)
    # the shortest horizon tried must let 48 months of study end: 5 years (floor(48 / 12) + 1), not 10 when it is longer
    assert education.sweep_values("horizon_years", {**months, "bachelor_months": 130, "horizon_years": 20}) == (11.0, 40.0)
    assert education.sweep_values("horizon_years", {**months, "horizon_years": 20}) == (10.0, 40.0)
    for name in ("bachelor_months", "horizon_years"):
        params = {**DEFAULTS, "horizon_years": 7}
        for value in education.sweep_values(name, params):
            education.check_parameters(education.with_value(params, name, value))   # accepted together


def test_sensitivity_moves_one_parameter_at_a_time():
    params = {**ONE_YEAR, "horizon_years": 2}
    table = education.sensitivity(params, SYNTHETIC, ["promotion_probability", "unemployment_risk"])
    chance = table[table["assumption"] == "promotion_probability"]
    assert chance["value"].drop_duplicates().tolist() == [0.0, 0.5, 1.0]
    assert chance.groupby("value")["is_default"].first().to_dict() == {0.0: False, 0.5: True, 1.0: False}
    assert len(chance) == 3 * 4
    winners = chance.drop_duplicates("value").set_index("value")
    # at p = 0 the associate's degree leads (100,000 to 80,000 over two years); at 1 the route up (120,000)
    assert winners.loc[0.0, "best_route"] == ASSOCIATE and winners.loc[0.0, "best_route_lead_usd"] == pytest.approx(20000)
    assert winners.loc[1.0, "best_route"] == ADVANCEMENT and winners.loc[1.0, "best_route_lead_usd"] == pytest.approx(20000)
    assert (winners["best_entry_route"] == ASSOCIATE).all()
    assert winners.loc[1.0, "best_entry_lead_usd"] == pytest.approx(20000)  # among technicians only, though the route up leads
    assert winners.loc[0.0, "best_entry_lead_usd"] == pytest.approx(20000)  # 100,000 over the certificate's 80,000
    pv = chance[(chance["value"] == 1.0)].set_index("route")["net_present_value_usd"]
    assert pv[ADVANCEMENT] == pytest.approx(120000) and pv[HS] == pytest.approx(60000)
    tuition = education.sensitivity({**params, "two_year_tuition_usd_per_year": 1000.0}, SYNTHETIC, ["two_year_tuition_usd_per_year"])
    assert tuition["value"].drop_duplicates().tolist() == [0.0, 1000.0, 3000.0]  # 0 and 3 times the value used
    risk = table[table["assumption"] == "unemployment_risk"]
    assert risk["value"].drop_duplicates().tolist() == [0.0, 1.0]
    assert risk.set_index(["value", "route"]).loc[(1.0, HS), "net_present_value_usd"] == pytest.approx(57000)


def test_break_even_table_says_where_each_leader_stops_leading():
    params = {**ONE_YEAR, "horizon_years": 2, "promotion_probability": 0.75}
    table = education.break_even_table(params, SYNTHETIC, ["promotion_probability", "unemployment_risk"])
    row = table.set_index(["ranking", "assumption"])
    chance = row.loc[("all routes", "promotion_probability")]
    # two years: route up 80,000 + p x 40,000 against the associate's 100,000: ties at p = 0.5
    assert chance["leader"] == ADVANCEMENT and chance["default_value"] == 0.75
    assert (chance["low_value"], chance["high_value"]) == (0.0, 1.0)
    assert chance["flips_below"] == pytest.approx(0.5) and chance["leader_below"] == ASSOCIATE
    assert pd.isna(chance["flips_above"]) and pd.isna(chance["leader_above"])
    assert chance["lead_at_low_usd"] == pytest.approx(-20000) and chance["lead_at_default_usd"] == pytest.approx(10000)
    assert chance["lead_at_high_usd"] == pytest.approx(20000)
    assert chance["label"] == "Chance of promotion"
    technicians = row.loc[("routes that stay in the job", "promotion_probability")]
    assert technicians["leader"] == ASSOCIATE and pd.isna(technicians["flips_below"]) and pd.isna(technicians["flips_above"])
    # among technicians the associate's degree leads the certificate by 20,000 over two years, whatever the route up does
    leads = (technicians["lead_at_low_usd"], technicians["lead_at_default_usd"], technicians["lead_at_high_usd"])
    assert leads == pytest.approx((20000, 20000, 20000))
    assert table["flips_below"].dtype == "Float64" and table["start_gap_at_flip"].dtype == "Float64"


def test_break_even_table_finds_a_flip_above_and_the_leader_beyond_it():
    # four years; the route up earns 40,000 a year, and from y years on 0.75 x 60,000 more a year (3,750 a month):
    # 160,000 + 3,750 x promoted months against the associate's 200,000. With 11 promoted months (y = 37/12) it still
    # leads by 1,250; with 10 it does not. At the default (2.5 years, 18 months) it leads, and at 2 years too.
    params = {**ONE_YEAR, "horizon_years": 4, "promotion_probability": 0.75, "promoted_pay_usd_per_year": 100000.0,
              "years_to_promotion": 2.5, "two_year_tuition_usd_per_year": 100.0}
    table = education.break_even_table(params, SYNTHETIC, ["years_to_promotion", "two_year_tuition_usd_per_year"]).set_index(["ranking", "assumption"])
    row = table.loc[("all routes", "years_to_promotion")]
    assert row["flips_above"] == pytest.approx(37 / 12, abs=1e-6) and row["leader_above"] == ASSOCIATE
    assert pd.isna(row["flips_below"]) and pd.isna(row["leader_below"])
    assert row["lead_at_default_usd"] == pytest.approx(27500) and row["lead_at_low_usd"] == pytest.approx(50000)  # 24 promoted months
    tuition = table.loc[("routes that stay in the job", "two_year_tuition_usd_per_year")]
    assert (tuition["low_value"], tuition["high_value"]) == (0.0, 300.0)  # the sweep multiplies the value used
    technicians = table.loc[("routes that stay in the job", "years_to_promotion")]
    assert technicians["leader"] == ASSOCIATE and pd.isna(technicians["leader_above"])


def test_break_even_table_gives_the_break_even_gap_between_certificate_and_associate():
    data = ModelData(both(Lognormal(math.log(40000), 0.4)), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    params = {**ONE_YEAR, "certificate_start_percentile": 30, "associate_start_percentile": 40, "promotion_probability": 0.0}
    table = education.break_even_table(params, data, ["associate_start_percentile", "certificate_start_percentile", "hs_start_percentile"])
    row = table.set_index(["ranking", "assumption"])
    # identical routes but for the percentile: the associate's degree stops leading where it starts where the certificate does
    associate = row.loc[("routes that stay in the job", "associate_start_percentile")]
    assert associate["flips_below"] == pytest.approx(30, abs=1e-6) and associate["start_gap_at_flip"] == pytest.approx(0, abs=1e-6)
    assert associate["leader_below"] == CERTIFICATE and pd.isna(associate["flips_above"])
    certificate = row.loc[("routes that stay in the job", "certificate_start_percentile")]  # tried up to 35: still 5 points behind
    assert pd.isna(certificate["flips_above"]) and pd.isna(certificate["start_gap_at_flip"])
    closer = education.break_even_table({**params, "associate_start_percentile": 33}, data, ["certificate_start_percentile"])
    above = closer.set_index("ranking").loc["routes that stay in the job"]  # the certificate catches up at the 33rd percentile: no gap left
    assert above["flips_above"] == pytest.approx(33, abs=1e-6) and above["start_gap_at_flip"] == pytest.approx(0, abs=1e-6)
    assert pd.isna(row.loc[("routes that stay in the job", "hs_start_percentile"), "start_gap_at_flip"])
    # with the route up far ahead overall, the technician ranking still names the certificate beyond the break-even
    ahead = education.break_even_table({**params, "promotion_probability": 1.0, "promoted_pay_usd_per_year": 200000.0}, data,
                                       ["associate_start_percentile"]).set_index("ranking")
    assert ahead.loc["routes that stay in the job", "leader_below"] == CERTIFICATE and ahead.loc["all routes", "leader"] == ADVANCEMENT
    # overall the associate's degree also leads (the route up never promoted starts at the 20th percentile)
    assert row.loc[("all routes", "associate_start_percentile"), "start_gap_at_flip"] == pytest.approx(0, abs=1e-6)


# What a headline depends on: the rule, on a small break-even table ------------------------------------

def be_row(assumption, default, low, high, below=None, above=None, ranking="routes that stay in the job", lead_low=-5.0, lead_high=20.0):
    spec = education.PARAMETERS[assumption]
    return {"ranking": ranking, "assumption": assumption, "label": spec.label, "default_value": default, "low_value": low, "high_value": high,
            "leader": ASSOCIATE, "lead_at_low_usd": lead_low, "lead_at_default_usd": 10.0, "lead_at_high_usd": lead_high,
            "flips_below": below, "leader_below": None if below is None else CERTIFICATE,
            "flips_above": above, "leader_above": None if above is None else HS, "start_gap_at_flip": None}


BREAK_EVEN = pd.DataFrame([
    be_row("certificate_months", 12.0, 6.0, 18.0, below=6.01),  # just inside the range tried
    be_row("associate_months", 24.0, 18.0, 36.0, above=36.01),  # just outside it: not a flip of this range
    be_row("hs_start_percentile", 10.0, 5.0, 20.0, below=4.99),  # just outside, below
    be_row("horizon_years", 20.0, 10.0, 40.0, below=15.0),
    be_row("discount_rate_pct", 3.0, 0.0, 7.0, above=6.4, lead_low=30.0, lead_high=-2.0),
    be_row("bachelor_months", 48.0, 36.0, 72.0, above=72.0, lead_high=-3.0),  # at the end itself: inside
    be_row("unemployment_risk", 0.0, 0.0, 1.0, above=1.0, lead_high=-1.0),
    be_row("years_to_promotion", 5.0, 2.0, 15.0),  # no flip
    be_row("horizon_years", 20.0, 10.0, 40.0, below=13.0, ranking="all routes"),  # another ranking
]).astype({"flips_below": "Float64", "flips_above": "Float64"})


def test_flips_in_range_keeps_every_break_even_inside_the_range_tried_nearest_first():
    flips = education.flips_in_range(BREAK_EVEN, "routes that stay in the job")
    # nearness = distance from the default to the break-even over the distance to the end tried:
    # horizon (20 - 15) / (20 - 10) = 0.5; discount (6.4 - 3) / (7 - 3) = 0.85; certificate (12 - 6.01) / (12 - 6) = 0.998;
    # unemployment risk (a flag) 1; bachelor's degree (72 - 48) / (72 - 48) = 1, after the flag in the order of PARAMETERS
    assert flips["assumption"].tolist() == ["horizon_years", "discount_rate_pct", "certificate_months", "unemployment_risk", "bachelor_months"]
    assert flips["nearness"].tolist() == pytest.approx([0.5, 0.85, 5.99 / 6, 1.0, 1.0])
    assert flips["side"].tolist() == ["below", "above", "below", "above", "above"]
    assert flips["end_value"].tolist() == [10.0, 7.0, 6.0, 1.0, 72.0]
    assert flips["lead_at_end_usd"].tolist() == [-5.0, -2.0, -5.0, -1.0, -3.0]
    assert flips["leader_beyond"].tolist() == [CERTIFICATE, HS, CERTIFICATE, HS, HS]
    assert flips.loc[0, "label"] == "Horizon" and flips.loc[0, "flips_at"] == 15.0
    assert education.flips_in_range(BREAK_EVEN, "all routes")["flips_at"].tolist() == [13.0]
    kept = education.flips_in_range(BREAK_EVEN, "routes that stay in the job", exclude=("horizon_years", "unemployment_risk"))
    assert kept["assumption"].tolist() == ["discount_rate_pct", "certificate_months", "bachelor_months"]
    assert list(flips.columns) == education.FLIP_COLUMNS and flips["default_value"].tolist() == [20.0, 3.0, 12.0, 0.0, 48.0]
    none = education.flips_in_range(BREAK_EVEN[BREAK_EVEN["assumption"] == "years_to_promotion"], "routes that stay in the job")
    assert none.empty and list(none.columns) == education.FLIP_COLUMNS


def test_flips_in_range_includes_both_ends_and_a_break_even_at_the_default():
    table = pd.DataFrame([be_row("promotion_probability", 0.5, 0.0, 1.0, below=0.0),  # at the low end itself
                          be_row("unemployment_risk", 1.0, 0.0, 1.0, above=1.0)]  # at the default: no way to go, nearness 1
                         ).astype({"flips_below": "Float64", "flips_above": "Float64"})
    flips = education.flips_in_range(table, "routes that stay in the job")
    assert flips["assumption"].tolist() == ["unemployment_risk", "promotion_probability"]  # both 1: the order of PARAMETERS
    assert flips["nearness"].tolist() == [1.0, 1.0]
    assert education.flip_phrase(flips.iloc[1]) == "a chance of promotion of 0% or lower (tested 0–100%)"


def test_flips_in_range_reads_a_range_given_high_to_low():
    # a range written from its high end: the flip at 7 lies inside 9 ... 6
    table = pd.DataFrame([be_row("certificate_months", 8.0, 9.0, 6.0, above=7.0)]).astype({"flips_below": "Float64", "flips_above": "Float64"})
    assert education.flips_in_range(table, "routes that stay in the job")["flips_at"].tolist() == [7.0]
    table = pd.DataFrame([be_row("certificate_months", 8.0, 9.0, 6.0, above=5.9)]).astype({"flips_below": "Float64", "flips_above": "Float64"})
    assert education.flips_in_range(table, "routes that stay in the job").empty


def test_flip_phrases_and_the_listing_of_the_nearest():
    flips = education.flips_in_range(BREAK_EVEN, "routes that stay in the job")
    phrases = [education.flip_phrase(f) for f in flips.itertuples()]
    assert phrases == ["a horizon of 15 years or less (tested 10–40 years)", "a discount rate of 6.4% or higher (tested 0–7%)",
                       "a certificate of 6 months or less (tested 6–18 months)", "unemployment risk",
                       "a bachelor's degree of 72 months or more (tested 36–72 months)"]
    assert education.flip_listing(flips) == f"{phrases[0]}, {phrases[1]}, {phrases[2]} and 2 more (see education_break_even.csv)"
    assert education.flip_listing(flips, most=5) == f"{', '.join(phrases[:4])} or {phrases[4]}"
    assert education.flip_listing(flips.head(2), most=2) == f"{phrases[0]} or {phrases[1]}"
    assert education.flip_listing(flips.head(1)) == phrases[0]
    assert education.flip_listing(flips.head(0)) == ""
    assert education.flip_listing(flips, most=1, table="the table") == f"{phrases[0]} and 4 more (see the table)"


@pytest.mark.parametrize("name, value, text", [
    ("horizon_years", 10, "a horizon of 10 years"), ("unemployment_risk", True, "unemployment risk"),
    ("unemployment_risk", 0.0, "no unemployment risk"), ("pay_through_median", False, "a lognormal pay curve fitted to p10, p90 and the mean"),
    ("pay_through_median", 1.0, "the pay curve through the published median"), ("promotion_probability", 0.2436, "a chance of promotion of 24.4%"),
    ("associate_start_percentile", 32.76, "the associate's degree starting at the 32.8th percentile"),
    ("two_year_tuition_usd_per_year", 13668, "two-year college tuition of $13,668 a year"), ("years_to_promotion", 10.25, "promotion after 10.2 years of work"),
])
def test_phrase(name, value, text):
    assert education.phrase(name, value) == text


def test_every_parameter_has_a_phrase():
    for name, spec in education.PARAMETERS.items():
        assert spec.phrase and (spec.phrase_no if spec.flag else "{}" in spec.phrase), name


@pytest.mark.parametrize("name, low, high, text", [
    ("horizon_years", 10, 40, "10–40 years"), ("certificate_months", 6, 18, "6–18 months"), ("discount_rate_pct", 0, 7, "0–7%"),
    ("promotion_probability", 0, 1, "0–100%"), ("certificate_start_percentile", 15, 35, "the 15th–35th percentile"),
    ("two_year_tuition_usd_per_year", 0, 13668, "$0–$13,668"), ("unemployment_risk", 0, 1, "no and yes"),
])
def test_range_text(name, low, high, text):
    assert education.range_text(name, low, high) == text


def test_headline_alternatives_take_every_flip_then_the_scenarios_not_already_there():
    flips = education.flips_in_range(BREAK_EVEN, "routes that stay in the job").head(2)  # horizon below 15, discount above 6.4
    scenarios = pd.DataFrame({"scenario": ["a horizon of 10 years", "a discount rate of 0%", "no head start"],
                              "default_entry_leader_lead_usd": [-4.0, 30.0, -7.0],
                              "best_entry_route": [CERTIFICATE, ASSOCIATE, CERTIFICATE]})
    table = education.headline_alternatives(flips, scenarios, "default_entry_leader_lead_usd", "best_entry_route", ASSOCIATE)
    assert table["choice"].tolist() == ["a horizon of 10 years", "a discount rate of 7%", "a discount rate of 0%", "no head start"]
    assert table["value"].tolist() == [-5.0, -2.0, 30.0, -7.0]  # the flip's own lead at the end tried, not the scenario's copy
    assert table["holds"].tolist() == [False, False, True, False]
    assert table["leader"].tolist() == [CERTIFICATE, HS, ASSOCIATE, CERTIFICATE]
    assert table["flip"].tolist()[:2] == ["a horizon of 15 years or less (tested 10–40 years)", "a discount rate of 6.4% or higher (tested 0–7%)"]
    assert table["flip"].iloc[2:].isna().all()


def test_pay_curve_follows_the_parameter_and_refuses_one_the_record_cannot_give():
    median, mean = TablePay({50: 1.0}), TablePay({50: 2.0})
    data = ModelData({True: median, False: mean}, SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    assert education.pay_curve({"pay_through_median": True}, data) is median
    assert education.pay_curve({"pay_through_median": False}, data) is mean
    assert education.tried_parameters(data) == [n for n in education.PARAMETERS if n != "base_year"]  # a year is chosen, never varied
    no_rates = ModelData({True: median, False: mean}, {}, SYNTHETIC.published, "Up", 2024, 2017)
    assert education.tried_parameters(no_rates) == [n for n in education.PARAMETERS if n not in ("base_year", "unemployment_risk")]
    with pytest.raises(ParameterError, match=r"^parameter 'unemployment_risk': expected False, as education_costs_and_pay.csv gives no "
                                             r"unemployment rates for 2017, got True$"):
        education.build_routes({**DEFAULTS, "unemployment_risk": True}, no_rates)
    only_mean = ModelData({False: mean}, SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    with pytest.raises(ParameterError, match=r"^parameter 'pay_through_median': expected False, as bls_wages.csv publishes no median for 2017 "
                                             r"\(a split lognormal through the published 10th percentile, median and 90th percentile needs one\), got True$"):
        education.pay_curve({"pay_through_median": True}, only_mean)
    assert "pay_through_median" not in education.tried_parameters(only_mean)
    assert len(education.tried_parameters(only_mean)) == len(education.PARAMETERS) - 2


def test_evaluate_uses_the_chosen_pay_curve():
    # one year, no study: the high school route earns its 10th percentile
    data = ModelData({True: TablePay({10: 30000, 20: 40000, 30: 40000, 40: 50000}), False: TablePay({10: 33000, 20: 40000, 30: 40000, 40: 50000})},
                     SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
    assert present_values(ONE_YEAR, data)[HS] == pytest.approx(30000)
    assert present_values({**ONE_YEAR, "pay_through_median": False}, data)[HS] == pytest.approx(33000)


def test_start_gap():
    params = {"certificate_start_percentile": 25, "associate_start_percentile": 35}
    assert education.start_gap(params, "associate_start_percentile", 32.5) == 7.5
    assert education.start_gap(params, "certificate_start_percentile", 27) == 8


def test_scenarios_follow_the_default_entry_leader_when_the_route_up_leads():
    # defaults: chance 0.75, two years: the route up 110,000 leads; among technicians the associate's degree (100,000)
    frame = education.scenarios({**ONE_YEAR, "horizon_years": 2, "promotion_probability": 0.75}, SYNTHETIC,
                                {"certain": {"promotion_probability": 1}, "never": {"promotion_probability": 0}}).set_index("scenario")
    assert frame.loc["certain", "default_leader_lead_usd"] == pytest.approx(20000)  # 120,000 against 100,000
    assert frame.loc["never", "default_leader_lead_usd"] == pytest.approx(-20000)  # 80,000 against 100,000
    assert frame.loc["never", "default_entry_leader_lead_usd"] == pytest.approx(20000)  # the route up is not a technician route
    assert frame.loc["certain", "default_entry_leader_lead_usd"] == pytest.approx(20000)  # 100,000 against the certificate's 80,000


def test_scenarios_report_the_leader_its_lead_and_the_route_ups_rank():
    frame = education.scenarios({**ONE_YEAR, "horizon_years": 2}, SYNTHETIC,
                                {"no promotion": {"promotion_probability": 0}, "certain": {"promotion_probability": 1},
                                 "risky and certain": {"unemployment_risk": 1, "promotion_probability": 1}}).set_index("scenario")
    assert frame.loc["no promotion", "best_route"] == ASSOCIATE and frame.loc["no promotion", "advancement_rank"] == 2
    assert frame.loc["no promotion", "best_route_lead_usd"] == pytest.approx(20000)
    assert frame.loc["no promotion", "best_route_lead_pct"] == pytest.approx(25)  # 20,000 over 80,000
    assert frame.loc["certain", "best_route"] == ADVANCEMENT and frame.loc["certain", "advancement_present_value_usd"] == pytest.approx(120000)
    assert frame.loc["certain", "best_entry_route"] == ASSOCIATE
    assert frame.loc["certain", "best_entry_lead_usd"] == pytest.approx(20000)
    assert frame.loc["certain", "best_entry_lead_pct"] == pytest.approx(25)
    # under the defaults (chance 0.5: the route up 100,000, the associate's degree 100,000) the associate's degree leads on the tie
    assert frame.loc["certain", "default_leader_lead_usd"] == pytest.approx(-20000)
    assert frame.loc["no promotion", "default_entry_leader_lead_usd"] == pytest.approx(20000)
    assert frame["best_route_lead_pct"].dtype == "Float64" and frame["best_entry_lead_pct"].dtype == "Float64"
    # with unemployment risk: route up 120,000 x 0.99, associate 100,000 x 0.98
    assert frame.loc["risky and certain", "best_route_lead_usd"] == pytest.approx(118800 - 98000)


# What the record gives the model ---------------------------------------------------------------------

CPI = pd.DataFrame({"year": [2016, 2017, 2024], "cpi_u_index_1982_84_100": [200.0, 250.0, 300.0]})
COSTS = pd.DataFrame([
    ("tuition_and_fees", "public two-year college (in-district)", 3000.0, "2017-18", "costs#row=1"),
    ("tuition_and_fees", "public four-year college (in-state)", 9000.0, "2016-17", "costs#row=2"),
    ("tuition_and_fees", "public four-year college (in-state)", 10000.0, "2017-18", "costs#row=3"),
    ("unemployment_rate", "high school diploma", 4.6, "2017", "costs#row=4"),
    ("unemployment_rate", "some college, no degree", 4.0, "2017", "costs#row=5"),
    ("unemployment_rate", "associate's degree", 3.4, "2017", "costs#row=6"),
    ("unemployment_rate", "bachelor's degree", 2.5, "2017", "costs#row=7"),
    ("unemployment_rate", "bachelor's degree", 9.9, "2016", "costs#row=8"),
    ("median_annual_wage", "bosses", 80000.0, "2016", "costs#row=9"),
    ("median_annual_wage", "bosses", 99000.0, "2019", "costs#row=10"),
    ("median_annual_wage", "others", 50000.0, "2017", "costs#row=12"),
    ("median_annual_wage", "others", 45000.0, "2016", "costs#row=13"),
    ("program_length", "certificate", 9.0, None, "costs#row=11"),
], columns=["measure", "group", "value_min", "period", "source_key"])
ADVANCE = SimpleNamespace(route_label="Degree, then boss", pay_measure="median_annual_wage", pay_group="bosses", occupation="bosses")


def test_cpi_factor():
    assert education.cpi_factor(CPI, 2017, 2024) == pytest.approx(1.2)
    assert education.cpi_factor(CPI, 2024, 2024) == 1
    with pytest.raises(ValueError, match="^cpi_u.csv: expected a CPI-U annual average for 2010, found years 2016-2024$"):
        education.cpi_factor(CPI, 2010, 2024)
    with pytest.raises(ValueError, match="for 2030"):
        education.cpi_factor(CPI, 2017, 2030)


def test_base_year_is_the_latest_year_with_every_input_or_the_one_given():
    # COSTS: both tuitions for 2017-18 only (four-year also 2016-17, two-year not); the boss's pay in 2016; wages() in 2017
    assert education.base_year(wages(), COSTS, CPI, ADVANCE, 2024, DEFAULTS) == (2017, [])
    two_years = pd.concat([wages(2016), wages(2017)], ignore_index=True)
    assert education.base_year(two_years, COSTS, CPI, ADVANCE, 2024, DEFAULTS) == (2017, [])
    # 2016 asked for: no two-year tuition for 2016-17 is published, so the model says what it lacks
    year, lacking = education.base_year(two_years, COSTS, CPI, ADVANCE, 2024, {**DEFAULTS, "base_year": 2016})
    assert year == 2016 and lacking == ["the tuition of a public two-year college (in-district) in 2016-17 (education_costs_and_pay.csv, "
                                        "or two_year_tuition_usd_per_year in the parameters cell)"]
    # ... unless the parameters cell gives the tuition
    assert education.base_year(two_years, COSTS, CPI, ADVANCE, 2024, {**DEFAULTS, "base_year": 2016, "two_year_tuition_usd_per_year": 4000}) == (2016, [])
    # unemployment rates are not needed: without them 2017 is still the year
    no_rates = COSTS[COSTS["measure"] != "unemployment_rate"]
    assert education.base_year(wages(), no_rates, CPI, ADVANCE, 2024, DEFAULTS) == (2017, [])
    # no year with the pay of the occupation above: the latest pay year, with what it lacks
    year, lacking = education.base_year(wages(), COSTS, CPI, SimpleNamespace(**{**vars(ADVANCE), "pay_group": "nobody"}), 2024, DEFAULTS)
    assert year == 2017 and len(lacking) == 1 and lacking[0].startswith("the pay of ")
    assert education.base_year(wages()[lambda w: w["statistic"] != "mean"], COSTS, CPI, ADVANCE, 2024, DEFAULTS)[0] is None


def test_published_inputs_are_converted_to_the_dollar_year():
    inputs = education.published_inputs(COSTS, CPI, "median_annual_wage", "bosses", 2017, 2024).set_index("parameter")
    assert inputs.loc["two_year_tuition_usd_per_year", "value"] == 3600  # 3,000 x 300 / 250
    assert inputs.loc["four_year_tuition_usd_per_year", "value"] == 12000  # the 2017-18 figure, not 2016-17
    assert inputs.loc["four_year_tuition_usd_per_year", "source_key"] == "costs#row=3"
    boss = inputs.loc["promoted_pay_usd_per_year"]  # the latest figure up to 2017 (2016), not the later one
    assert (boss["published_value"], boss["published_year"], boss["cpi_factor"], boss["value"]) == (80000, 2016, 1.5, 120000)
    same_year = education.published_inputs(COSTS, CPI, "median_annual_wage", "others", 2017, 2024).set_index("parameter")
    assert same_year.loc["promoted_pay_usd_per_year", "published_value"] == 50000  # a figure of the year itself is the latest
    with pytest.raises(ValueError, match=r"expected a median_annual_wage row for 'nobody' in 2017 or before, found none"):
        education.published_inputs(COSTS, CPI, "median_annual_wage", "nobody", 2017, 2024)
    with pytest.raises(ValueError, match=r"expected one tuition_and_fees row for 'public two-year college \(in-district\)' in 2016-17, found 0"):
        education.published_inputs(COSTS, CPI, "median_annual_wage", "bosses", 2016, 2024)


def test_unemployment_rates_by_route():
    assert education.unemployment_rates(COSTS, 2017) == {HS: 4.6, CERTIFICATE: 4.0, ASSOCIATE: 3.4, ADVANCEMENT: 2.5}
    assert education.unemployment_rates(COSTS, 2016) == {}  # none published that year: the model runs without them


def wages(year=2017, comparable="yes"):
    values = {"p10": 25000.0, "p90": 65000.0, "mean": 42000.0, "median": 39000.0}
    return pd.DataFrame([{"year": year, "statistic": s, "unit": "usd_per_year", "value": v, "comparable_to_reference_code": comparable}
                         for s, v in values.items()])


def test_occupation_pay_is_fitted_then_converted():
    plain = education.occupation_pay(wages(), 2017, 1.0)[False]
    scaled = education.occupation_pay(wages(), 2017, 1.2)[False]
    assert scaled.quantile(0.1) == pytest.approx(1.2 * plain.quantile(0.1))
    assert scaled.sigma == pytest.approx(plain.sigma)
    assert 25000 < plain.quantile(0.1) * 1.1 and plain.quantile(0.9) == pytest.approx(65000, rel=0.05)
    assert plain.median > 39000  # the fit to the mean does not use the published median, and misses it upward here


def test_occupation_pay_through_the_median_passes_through_the_published_figures():
    curves = education.occupation_pay(wages(), 2017, 1.2)
    through = curves[True]
    # exact at the three published figures, times the CPI factor: 25,000, 39,000 and 65,000 x 1.2
    assert through.quantile(0.1) == pytest.approx(30000) and through.median == pytest.approx(46800)
    assert through.quantile(0.9) == pytest.approx(78000)
    assert through.quantile(0.25) < curves[False].quantile(0.25)  # below the median, the fit to the mean starts higher
    without_median = education.occupation_pay(wages()[lambda w: w["statistic"] != "median"], 2017, 1.0)
    assert list(without_median) == [False]
    with pytest.raises(ValueError, match=r"^bls_wages.csv: expected the annual mean of 2017, found none$"):
        education.occupation_pay(wages()[lambda w: w["statistic"] != "mean"], 2017, 1.0)
    with pytest.raises(ValueError, match=r"^bls_wages.csv: expected the annual p90, mean of 2017, found none$"):
        education.occupation_pay(wages()[lambda w: ~w["statistic"].isin(["mean", "p90"])], 2017, 1.0)
    with pytest.raises(ValueError, match="expected annual pay of the reference occupation code for 2017"):
        education.occupation_pay(wages(comparable="partly"), 2017, 1.0)
    with pytest.raises(ValueError, match="for 2018"):
        education.occupation_pay(wages(), 2018, 1.0)


def test_model_data_gathers_everything_in_one_dollar_year():
    data, inputs = education.model_data(wages(), COSTS, CPI, ADVANCE, 2024, 2017)
    assert (data.base_year, data.dollar_year, data.advancement_label) == (2017, 2024, "Degree, then boss")
    assert data.published == {"two_year_tuition_usd_per_year": 3600.0, "four_year_tuition_usd_per_year": 12000.0, "promoted_pay_usd_per_year": 120000.0,
                              "base_year": 2017}
    assert data.unemployment_rate_pct[ASSOCIATE] == 3.4
    assert sorted(data.pay) == [False, True]
    assert data.pay[True].median == pytest.approx(1.2 * 39000)  # the published median in 2024 dollars
    assert data.pay[False].quantile(0.5) == pytest.approx(1.2 * education.occupation_pay(wages(), 2017, 1.0)[False].quantile(0.5))
    assert len(inputs) == 3


def test_parameter_table_says_where_each_value_comes_from():
    _, inputs = education.model_data(wages(), COSTS, CPI, ADVANCE, 2024, 2017)
    given = {**DEFAULTS, "four_year_tuition_usd_per_year": 0}
    params = education.resolve(given, {**dict(zip(inputs["parameter"], inputs["value"])), "base_year": 2017})
    table = education.parameter_table(params, given, inputs).set_index("parameter")
    assert table.loc["base_year", "value"] == 2017 and table.loc["base_year", "value_from"] == "the latest year with every input"
    assert table.loc["base_year", "kind"] == "method"
    assert list(table.index) == list(education.PARAMETERS)
    assert table.loc["two_year_tuition_usd_per_year", "value_from"] == "published figure"
    assert table.loc["two_year_tuition_usd_per_year", "value"] == 3600 and table.loc["two_year_tuition_usd_per_year", "published_value"] == 3000
    assert table.loc["two_year_tuition_usd_per_year", "published_year"] == 2017
    assert table.loc["four_year_tuition_usd_per_year", "value_from"] == "set in the parameters cell (published figure replaced)"
    assert table.loc["promoted_pay_usd_per_year", "source_key"] == "costs#row=9"
    assert table.loc["horizon_years", "value_from"] == "set in the parameters cell" and pd.isna(table.loc["horizon_years", "published_value"])
    assert pd.isna(table.loc["horizon_years", "source_key"]) and pd.isna(table.loc["horizon_years", "published_year"])
    assert table.loc["unemployment_risk", "value"] == 0.0 and table.loc["promotion_probability", "label"] == "Chance of promotion"
    assert table.loc["certificate_months", "unit"] == "months"
    assert table["published_value"].dtype == "Float64" and table["published_year"].dtype == "Int64"
    assert table.loc["promotion_probability", "kind"] == "assumption" and "no source" in table.loc["promotion_probability", "why"]


# What the guides say ---------------------------------------------------------------------------------

GUIDE_EDUCATION = pd.DataFrame([
    ("000_a.txt", "000_a.txt#L18", "hs_diploma_on_the_job", "High school", "sufficient"),
    ("000_a.txt", "000_a.txt#L18", "associate_degree", "Associate's degree", "typical"),
    ("001_b.txt", "001_b.txt#L2", "postsecondary_certificate", "Certificate", "required"),
    ("001_b.txt", "001_b.txt#L2", "associate_degree", "Associate's degree", "alternative"),
    ("002_c.txt", "002_c.txt#L7", "postsecondary_certificate", "Certificate", "typical"),
    ("002_c.txt", "002_c.txt#L9", "postsecondary_certificate", "Certificate", "typical"),
    ("002_c.txt", "002_c.txt#L9", "bachelor_degree", "Bachelor's degree", "for_advancement"),
    ("003_d.txt", "003_d.txt#L3", "bachelor_degree", "Bachelor's degree", "for_advancement"),
], columns=["guide_file", "source_key", "route", "route_label", "stance"])
OOH = pd.DataFrame({"edition": ["2008-09", "2012-13", "2014-15"],
                    "typical_entry_education": ["associate's degree", "postsecondary nondegree award", "postsecondary nondegree award"],
                    "education_wording": ["an associate degree", "non-degree award", "postsecondary certificate, or a High School diploma"]})
FIGURES = pd.DataFrame({"topic": ["education", "education", "pay", "education"], "unit": ["months", "years", "months", "years"],
                        "subject": ["certificate program", "degree", "certificate", "certificate"], "qualifier": ["as few as", None, None, None],
                        "value": [12.0, None, 3.0, None], "source_key": ["001_b.txt#L46", "000_a.txt#L5", "x#L1", "002_c.txt#L8"]})


def test_guide_number():
    assert education.guide_number("001_cb1680f8129abfb3.txt") == "001"
    assert education.guide_number("guide.txt") == "guide"


def test_route_summary():
    table = education.route_summary(GUIDE_EDUCATION, FIGURES, OOH).set_index("route")
    assert list(table.index) == ["hs_diploma_on_the_job", "associate_degree", "postsecondary_certificate", "bachelor_degree"]
    certificate = table.loc["postsecondary_certificate"]
    assert certificate["guides"] == 2 and certificate["guide_stances"] == "required: 001; typical: 002"
    assert certificate["statements"] == "001_b.txt#L2 required; 002_c.txt#L7 typical; 002_c.txt#L9 typical"
    assert certificate["stances"] == "required|typical" and not certificate["guides_agree"]
    assert certificate["stated_duration"] == "as few as 12 months (001_b.txt#L46); years (002_c.txt#L8)"
    assert certificate["route_label"] == "Certificate"
    assert certificate["ooh_typical_entry_in"] == "2012-13, 2014-15" and certificate["ooh_wording_mentions_in"] == "2012-13, 2014-15"
    associate = table.loc["associate_degree"]
    assert associate["guide_stances"] == "alternative: 001; typical: 000" and associate["ooh_typical_entry_in"] == "2008-09"
    assert associate["ooh_wording_mentions_in"] == "2008-09" and pd.isna(associate["stated_duration"])
    hs = table.loc["hs_diploma_on_the_job"]
    assert hs["guides_agree"] and pd.isna(hs["ooh_typical_entry_in"]) and hs["ooh_wording_mentions_in"] == "2014-15"
    assert table.loc["bachelor_degree", "guide_stances"] == "for advancement: 002, 003"


def test_entry_routes_are_the_required_or_typical_routes_that_stay_in_the_job():
    entry = education.entry_routes(GUIDE_EDUCATION)
    assert entry[["guide_file", "route"]].values.tolist() == [["000_a.txt", "associate_degree"], ["001_b.txt", "postsecondary_certificate"],
                                                               ["002_c.txt", "postsecondary_certificate"]]
    assert entry["route_label"].tolist() == ["Associate's degree", "Certificate", "Certificate"]
    assert list(entry.columns) == ["guide_file", "route", "route_label"] and entry.index.tolist() == [0, 1, 2]


# The notebook ----------------------------------------------------------------------------------------

def notebook():
    import nbformat

    return nbformat.read(paths.NOTEBOOKS / "04-education.ipynb", as_version=4)


def test_notebook_parameter_names_match_the_documented_ones():
    cell = next(c for c in notebook().cells if "parameters" in c.metadata.get("tags", []))
    assigned = [line for line in cell.source.splitlines() if "=" in line and not line.startswith("#")]
    assert all("#" in line for line in assigned), "every parameter carries its unit and reason in a comment"
    assert [line.split("=")[0].strip() for line in assigned] == list(education.PARAMETERS)


def test_the_rerun_reads_every_parameter():
    from mrt import rerun

    assert list(rerun.notebook_defaults()) == list(education.PARAMETERS)


def test_notebook_checks_its_parameters_before_it_writes_anything():
    cells = [c.source for c in notebook().cells if c.cell_type == "code"]
    check = next(i for i, s in enumerate(cells) if "check_parameters(" in s)
    writes = [i for i, s in enumerate(cells) if any(w in s for w in ("write_processed", "save_chart", "findings.record", "write_csv"))]
    assert writes and check < min(writes)


def test_notebook_types_no_route_up():
    """The route up and its pay come from occupation.toml, never typed in the notebook or the model."""
    from mrt import occupation

    advancement = occupation.current().advancement
    source = "\n".join(c.source for c in notebook().cells if c.cell_type == "code")
    module = "\n".join(p.read_text(encoding="utf-8") for p in sorted((paths.ROOT / "src" / "mrt" / "education").glob("*.py")))
    for text in (source, module):
        assert advancement.route_label not in text and advancement.pay_group not in text and "supervisor" not in text


# Every assumption at once ----------------------------------------------------------------------------------

def test_present_values_are_what_evaluate_ranks():
    for params in (ONE_YEAR, {**ONE_YEAR, "horizon_years": 3, "bachelor_months": 14, "discount_rate_pct": 3.0, "promotion_share": 0.5,
                              "promoted_ramp_years": 3, "unemployment_risk": True}):
        fast = education.present_values(params, SYNTHETIC)
        assert fast.to_dict() == pytest.approx(present_values(params))
    with pytest.raises(ParameterError, match="'horizon_years'"):
        education.present_values({**ONE_YEAR, "horizon_years": 0}, SYNTHETIC)


def test_joint_ranges_are_the_ranges_tried_with_a_horizon_long_enough_for_the_longest_study():
    params = {**DEFAULTS, "two_year_tuition_usd_per_year": 1000.0}
    ranges = education.joint_ranges(params, ["two_year_tuition_usd_per_year", "bachelor_months", "horizon_years"])
    assert ranges["two_year_tuition_usd_per_year"] == (0.0, 3000.0) and ranges["bachelor_months"] == (36.0, 72.0)
    assert ranges["horizon_years"] == (10.0, 40.0)  # 72 months end within 10 years
    short = education.joint_ranges({**params, "horizon_years": 5, "bachelor_months": 48}, ["bachelor_months", "horizon_years"])
    # the bachelor's range is cut to end within the default horizon (59 months), so the horizon starts at 5 years
    assert short["bachelor_months"] == (36.0, 59.0) and short["horizon_years"] == (10.0, 40.0)
    # a study length not drawn counts at its value
    assert education.joint_ranges({**params, "bachelor_months": 120}, ["horizon_years"])["horizon_years"] == (11, 40.0)


def test_assumption_sets_are_drawn_within_their_ranges_the_same_on_every_run():
    names = ["horizon_years", "discount_rate_pct", "unemployment_risk", "promotion_probability"]
    sets = education.draw_assumption_sets(DEFAULTS, names, draws=400, seed=3)
    assert list(sets.columns) == ["assumption_set"] + names and sets["assumption_set"].tolist() == list(range(400))
    pd.testing.assert_frame_equal(sets, education.draw_assumption_sets(DEFAULTS, names, draws=400, seed=3))
    assert not sets.equals(education.draw_assumption_sets(DEFAULTS, names, draws=400, seed=4))
    assert sets["horizon_years"].between(10, 40).all() and (sets["horizon_years"] % 1 == 0).all()
    assert {10, 40} <= set(sets["horizon_years"])  # both ends can be drawn
    assert sets["discount_rate_pct"].between(0, 7).all() and sets["promotion_probability"].between(0, 1).all()
    assert sets["unemployment_risk"].dtype == bool and 0.4 < sets["unemployment_risk"].mean() < 0.6
    with pytest.raises(ParameterError, match="at least one assumption set"):
        education.draw_assumption_sets(DEFAULTS, names, draws=0)


def test_joint_leaders_find_the_leader_of_each_set_and_ranking():
    # associate at the 40th percentile: 50,000, tied with the route up (40,000 + 0.5 x 20,000): the first listed leads;
    # at the 20th: 40,000, tied with the certificate among the routes that stay, and the route up leads them all
    sets = pd.DataFrame({"assumption_set": [0, 1], "associate_start_percentile": [40.0, 20.0]})
    leaders = education.joint_leaders(ONE_YEAR, SYNTHETIC, sets)
    assert leaders.values.tolist() == [[0, "all routes", ASSOCIATE], [0, "routes that stay in the job", ASSOCIATE],
                                       [1, "all routes", ADVANCEMENT], [1, "routes that stay in the job", CERTIFICATE]]
    flags = education.joint_leaders({**ONE_YEAR, "promotion_probability": 0.0}, SYNTHETIC,
                                    pd.DataFrame({"assumption_set": [0], "unemployment_risk": [True], "horizon_years": [2]}))
    assert flags["leader"].tolist() == [ASSOCIATE, ASSOCIATE]


LEADERS = pd.DataFrame({"assumption_set": [0, 0, 1, 1, 2, 2, 3, 3, 4, 4],
                        "ranking": ["all routes", "routes that stay in the job"] * 5,
                        "leader": [ADVANCEMENT, ASSOCIATE, ADVANCEMENT, ASSOCIATE, ADVANCEMENT, CERTIFICATE, ADVANCEMENT, ASSOCIATE, HS, HS]})
ROUTE_NAMES = {HS: "High school", CERTIFICATE: "Certificate", ASSOCIATE: "Associate", ADVANCEMENT: "Up"}


def test_joint_shares_count_every_route_most_often_first():
    shares = education.joint_shares(LEADERS, ROUTE_NAMES)
    assert shares[["ranking", "route", "sets_led"]].values.tolist() == [
        ["all routes", ADVANCEMENT, 4], ["all routes", HS, 1], ["all routes", CERTIFICATE, 0], ["all routes", ASSOCIATE, 0],
        ["routes that stay in the job", ASSOCIATE, 3], ["routes that stay in the job", HS, 1], ["routes that stay in the job", CERTIFICATE, 1]]
    assert shares["assumption_sets"].eq(5).all() and shares["share_led"].tolist() == pytest.approx([0.8, 0.2, 0, 0, 0.6, 0.2, 0.2])
    assert shares.loc[0, "label"] == "Up"


@pytest.mark.parametrize("needed, all_routes, staying", [(0.8, ADVANCEMENT, None), (0.81, None, None), (0.6, ADVANCEMENT, ASSOCIATE),
                                                         (0.61, ADVANCEMENT, None)])
def test_a_route_ranks_first_only_from_the_share_needed(needed, all_routes, staying):
    shares = education.joint_shares(LEADERS, ROUTE_NAMES)
    assert education.ranked_first(shares, "all routes", needed) == all_routes
    assert education.ranked_first(shares, "routes that stay in the job", needed) == staying


def test_the_rule_needs_most_sets_to_agree():
    assert 0.5 < education.RANK_SHARE < 1 and all(0.5 < share < 1 for share in education.OTHER_RANK_SHARES)
    assert education.RANK_SHARE not in education.OTHER_RANK_SHARES and education.JOINT_DRAWS >= 1000


def test_joint_alternatives_say_what_each_other_method_puts_first():
    shares = education.joint_shares(LEADERS, ROUTE_NAMES)  # the route up leads 80% of all-routes sets: ranked first
    reseeded = shares.assign(share_led=[0.7, 0.3, 0, 0, 0.6, 0.2, 0.2])
    single = pd.DataFrame({"choice": ["a horizon of 10 years", "a discount rate of 0%", "no head start"], "value": [-5.0, 300.0, -7.0],
                           "holds": [False, True, False], "leader": [ASSOCIATE, ADVANCEMENT, CERTIFICATE],
                           "flip": ["a horizon of 12 years or less", None, None]})
    table = education.joint_alternatives(shares, reseeded, "all routes", single, ADVANCEMENT, 100.0)
    assert table["choice"].tolist() == ["a route ranked first from 67% of the sets", "a route ranked first from 90% of the sets",
                                        "another draw of the assumption sets (seed 17)", "one assumption set: the defaults",
                                        "one assumption set: the defaults with a horizon of 10 years",
                                        "one assumption set: the defaults with no head start"]  # not the set the defaults' leader leads
    assert table["first"].tolist() == [ADVANCEMENT, None, None, ADVANCEMENT, ASSOCIATE, CERTIFICATE]
    assert table["holds"].tolist() == [True, False, False, True, False, False]
    assert table["value"].tolist() == pytest.approx([0.8, 0.8, 0.7, 100.0, -5.0, -7.0])
    assert table["lead_usd"].tolist() == [None, None, None, 100.0, None, None]
    assert table["flip"].tolist() == [None, None, None, None, "a horizon of 12 years or less", None]
    # when the joint analysis cannot rank, a single set that ranks does not hold, and a rule that cannot rank does
    staying = education.joint_alternatives(shares, reseeded, "routes that stay in the job", single.iloc[:0], ASSOCIATE, 10.0)
    assert staying["holds"].tolist() == [True, True, True, False]


def test_time_and_cost_of_each_route():
    results = education.evaluate({**ONE_YEAR, "horizon_years": 6, "certificate_months": 9, "associate_months": 24, "bachelor_months": 48,
                                  "two_year_tuition_usd_per_year": 1200.0, "four_year_tuition_usd_per_year": 3000.0}, SYNTHETIC)[1]
    taken = education.time_and_cost(ONE_YEAR, results)
    assert taken["route"].tolist() == list(education.MODEL_ROUTES)
    assert taken["study_months"].tolist() == [0, 9, 24, 48] and taken["tuition_total_usd"].tolist() == pytest.approx([0, 900, 2400, 12000])


def test_the_handbooks_typical_entry_is_that_of_the_latest_edition():
    ooh = pd.DataFrame({"edition": ["2008-09", "2022-23", "2012-13"],
                        "typical_entry_education": ["associate's degree", "postsecondary nondegree award", "associate's degree"]})
    assert education.handbook_typical_entry(ooh) == ("2022-23", CERTIFICATE)
    assert education.handbook_typical_entry(ooh.iloc[[0, 2]]) == ("2012-13", ASSOCIATE)
    assert education.handbook_typical_entry(ooh.assign(typical_entry_education="doctoral degree")) == ("2022-23", None)


def own_cells():
    """The notebook's cells up to its exercises (the exercises are written separately)."""
    cells = notebook().cells
    end = next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and c.source.startswith("## Exercises"))
    return cells[:end]


def test_notebook_cells_are_short_and_type_no_names_or_counts():
    from mrt import occupation

    job = occupation.current()
    typed = [job.name, job.short_name, job.advancement.route_label, job.advancement.occupation, "four guides", *education.ROUTE_LABELS.values()]
    for index, cell in enumerate(own_cells()):
        if cell.cell_type == "code":
            # the parameters cell is a list of named values, one a line (one per model parameter), not logic
            if "parameters" not in cell.metadata.get("tags", []):
                assert len(cell.source.splitlines()) <= 20, f"cell {index}: more than 20 lines"
            assert not [t for t in typed if t in cell.source], f"cell {index} types a name or count"
        else:
            paragraphs = [p for p in cell.source.split("\n\n") if not p.lstrip().startswith("```")]
            assert all(len(p.split()) <= 120 for p in paragraphs), f"cell {index}: a paragraph over 120 words"
            assert job.short_name not in cell.source and "four guides" not in cell.source, f"cell {index} types a name or count"


@pytest.mark.parametrize("name, low, high, default, points, expected", [
    ("horizon_years", 10, 40, 20, 5, [10, 18, 25, 32, 40]),  # whole years, rounded half to even
    ("discount_rate_pct", 0, 7, 3, 5, [0, 1.75, 3.5, 5.25, 7]),
    ("discount_rate_pct", 0, 7, 3.5, 5, [0, 1.75, 5.25, 7]),  # the default is left out
    ("unemployment_risk", 0, 1, False, 5, [1.0]),
])
def test_grid_values(name, low, high, default, points, expected):
    assert education.grid_values(name, low, high, default, points) == pytest.approx(expected)


def test_pair_flips_find_a_pair_that_changes_the_leader_only_together(monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(education.PARAMETERS, "promotion_probability", replace(education.PARAMETERS["promotion_probability"], sweep=(0.6, 1.0)))
    monkeypatch.setitem(education.PARAMETERS, "promoted_pay_usd_per_year", replace(education.PARAMETERS["promoted_pay_usd_per_year"], sweep=(0.9, 1.5)))
    params = {**ONE_YEAR, "promotion_probability": 0.9}  # the route up: 40,000 + 0.9 x 20,000 = 58,000, the associate's degree 50,000
    # grids: chance 0.6 or 1; promoted pay 54,000 or 90,000. Alone each keeps the route up in front (52,000; 52,600); together
    # 40,000 + 0.6 x 14,000 = 48,400 puts the associate's degree first; the other three combinations do not.
    found = education.pair_flips(params, SYNTHETIC, ["promotion_probability", "promoted_pay_usd_per_year"], points=2)
    assert found.to_dict("records") == [{
        "ranking": "all routes", "assumption_a": "promotion_probability", "label_a": "Chance of promotion", "value_a": 0.6,
        "assumption_b": "promoted_pay_usd_per_year", "label_b": "Pay after promotion", "value_b": 54000.0, "leader": ASSOCIATE,
        "distance_from_defaults": pytest.approx(0.75 + 6000 / 36000), "combinations_tried": 4, "combinations_changed": 1}]
    # a pair where one value alone already changes the leader is not counted: a chance of 0.4 alone gives 48,000
    monkeypatch.setitem(education.PARAMETERS, "promotion_probability", replace(education.PARAMETERS["promotion_probability"], sweep=(0.4, 1.0)))
    assert education.pair_flips(params, SYNTHETIC, ["promotion_probability", "promoted_pay_usd_per_year"], points=2).empty


# Thresholds and empty cases of the model's steps -----------------------------------------------------------

def test_a_margin_from_present_values_has_no_value_when_no_other_route_counts():
    # alone in its ranking, or beside a route without a value, a route has no lead (NaN), as margin gives from the summary
    pv = {HS: 30000.0, CERTIFICATE: float("nan"), ASSOCIATE: 20000.0}
    summary = pd.DataFrame({"route": list(pv), "net_present_value_usd": list(pv.values())})
    for among in ((HS,), (HS, CERTIFICATE)):
        assert math.isnan(education.model._margin(pv, HS, among)) and math.isnan(education.margin(summary, HS, among))
    assert education.model._margin(pv, HS, (HS, CERTIFICATE, ASSOCIATE)) == 10000.0  # 30,000 - 20,000, the NaN skipped


def test_routes_half_a_dollar_apart_over_the_whole_range_never_tie():
    # the associate's degree (the 40th percentile, 40,000.50) stays 0.50 above the certificate (40,000) whatever the high
    # school route starts at: no tie between the 10th and 20th percentile (a gap product of 0.25 is still positive)
    data = ModelData(both(TablePay({10: 30000, 20: 40000, 30: 40000, 40: 40000.5})), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published,
                     "Up", 2024, 2017)
    assert education.tie(ONE_YEAR, data, "hs_start_percentile", ASSOCIATE, CERTIFICATE, 10, 20) is None


def test_a_route_up_half_a_dollar_behind_at_every_chance_has_no_break_even():
    # the others promoted at half the chance (promotion_share 0.5), promoted pay 39,999.50: the route up is worth
    # 40,000 - 0.5 p, the associate's degree 40,000.50 + 0.5 p x (39,999.50 - 40,000.50) = 40,000.50 - 0.5 p: 0.50 behind at
    # every chance (the certificate, 35,000 + 0.5 p x 4,999.50, and high school stay further back)
    data = ModelData(both(TablePay({10: 30000, 20: 40000, 30: 35000, 40: 40000.5})), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published,
                     "Up", 2024, 2017)
    params = {**ONE_YEAR, "promotion_share": 0.5, "promoted_pay_usd_per_year": 39999.5}
    assert education.margin(education.evaluate(params, data)[1], ADVANCEMENT) == pytest.approx(-0.5)
    assert education.promotion_break_even(params, data) is None


def test_a_study_of_exactly_ten_years_needs_a_horizon_of_eleven():
    # 120 months end in the 10th year: the shortest horizon tried is floor(120 / 12) + 1 = 11; 144 months: 13
    assert education.sweep_values("horizon_years", {"bachelor_months": 120, "horizon_years": 20}) == (11.0, 40.0)
    assert education.sweep_values("horizon_years", {"bachelor_months": 144, "horizon_years": 20}) == (13.0, 40.0)


def test_sensitivity_gives_the_lead_overall_and_among_the_routes_that_stay_apart():
    # one year, the route up certain to be promoted: 60,000 against the associate's degree's 50,000 (a lead of 10,000);
    # among the routes that stay, the associate's degree leads high school and the certificate (both 30,000) by 20,000
    params = {**ONE_YEAR, "certificate_start_percentile": 10}
    table = education.sensitivity(params, SYNTHETIC, ["promotion_probability"])
    certain = table[table["value"] == 1.0].iloc[0]
    assert certain["best_route"] == ADVANCEMENT and certain["best_route_lead_usd"] == pytest.approx(10000)
    assert certain["best_entry_route"] == ASSOCIATE and certain["best_entry_lead_usd"] == pytest.approx(20000)


def test_joint_ranges_lift_the_horizon_for_the_longest_study_drawn(monkeypatch):
    from dataclasses import replace

    # a bachelor's degree drawn up to 120 months (its value used, 48, alone would allow 10 years): the horizon is drawn
    # from floor(120 / 12) + 1 = 11 years
    monkeypatch.setitem(education.PARAMETERS, "bachelor_months", replace(education.PARAMETERS["bachelor_months"], sweep=(36, 120)))
    params = {**DEFAULTS, "two_year_tuition_usd_per_year": 1000.0}
    ranges = education.joint_ranges(params, ["bachelor_months", "horizon_years"])
    assert ranges == {"bachelor_months": (36.0, 120.0), "horizon_years": (11, 40.0)}


def test_one_assumption_set_can_be_drawn_and_a_continuous_value_spreads_over_its_range():
    one = education.draw_assumption_sets(DEFAULTS, ["discount_rate_pct"], draws=1, seed=3)
    assert one.columns.tolist() == ["assumption_set", "discount_rate_pct"] and one["assumption_set"].tolist() == [0]
    assert 0 <= one.loc[0, "discount_rate_pct"] <= 7
    spread = education.draw_assumption_sets(DEFAULTS, ["discount_rate_pct"], draws=400, seed=3)["discount_rate_pct"]
    # 400 uniform draws from 0-7%: each value its own, the lowest within 0.5 of 0 and the highest within 0.5 of 7
    # (the chance that one end is missed by 0.5: (6.5 / 7) ** 400, about 1e-13)
    assert spread.nunique() == 400 and spread.min() < 0.5 and spread.max() > 6.5


def test_a_flag_whose_default_is_true_is_tried_at_false_in_the_grid_of_pairs():
    assert education.grid_values("unemployment_risk", 0, 1, True) == [0.0]


def test_pair_flips_go_on_past_a_pair_that_changes_nothing_and_take_the_combination_nearest_the_defaults(monkeypatch):
    from dataclasses import replace

    monkeypatch.setitem(education.PARAMETERS, "promotion_probability", replace(education.PARAMETERS["promotion_probability"], sweep=(0.6, 1.0)))
    monkeypatch.setitem(education.PARAMETERS, "promoted_pay_usd_per_year", replace(education.PARAMETERS["promoted_pay_usd_per_year"], sweep=(0.9, 1.1)))
    params = {**ONE_YEAR, "promotion_probability": 0.9}  # the route up 40,000 + p x (promoted pay - 40,000) = 58,000; the associate's degree 50,000
    names = ["horizon_years", "promotion_probability", "promoted_pay_usd_per_year"]
    # grids (5 points, the default left out): horizon 10, 18, 25, 32, 40 years; chance 0.6, 0.7, 0.8, 1; promoted pay 54,000,
    # 57,000, 63,000, 66,000. Alone each keeps the route up in front (chance 0.6: 52,000; pay 54,000: 52,600). With no study
    # and no discounting the horizon multiplies every route's value: its pairs change nothing. Together, 54,000 with a
    # chance of 0.6 (48,400) or 0.7 (49,800) puts the associate's degree first; 0.8 (51,200) does not, nor 57,000 with 0.6 (50,200).
    # Distances from the defaults: 0.6: 0.3 / 0.4 + 6,000 / 12,000 = 1.25; 0.7: 0.2 / 0.4 + 0.5 = 1.0, the nearest
    found = education.pair_flips(params, SYNTHETIC, names)
    assert len(found) == 1
    row = found.iloc[0]
    assert (row["ranking"], row["assumption_a"], row["assumption_b"], row["leader"]) == ("all routes", "promotion_probability",
                                                                                         "promoted_pay_usd_per_year", ASSOCIATE)
    assert row["value_a"] == pytest.approx(0.7) and row["value_b"] == pytest.approx(54000)
    assert row["distance_from_defaults"] == pytest.approx(1.0)
    assert (row["combinations_tried"], row["combinations_changed"]) == (16, 2)
    # the horizon alone: no pair, and the table keeps its columns
    none = education.pair_flips(params, SYNTHETIC, ["horizon_years", "promotion_probability"])
    assert none.empty and list(none.columns) == education.PAIR_COLUMNS


def test_joint_leaders_take_each_drawn_value_as_drawn():
    # set 0: unemployment risk makes the route up (50,000 x 0.99 = 49,500) lead the associate's degree (50,000 x 0.98 = 49,000);
    # set 1: without it they tie at 50,000 and the associate's degree, listed first, leads; set 2: a chance of 0.75 gives the
    # route up 40,000 + 0.75 x 20,000 = 55,000
    sets = pd.DataFrame({"assumption_set": [0, 1, 2], "unemployment_risk": [True, False, False], "promotion_probability": [0.5, 0.5, 0.75]})
    leaders = education.joint_leaders(ONE_YEAR, SYNTHETIC, sets)
    assert leaders[leaders["ranking"] == "all routes"]["leader"].tolist() == [ADVANCEMENT, ASSOCIATE, ADVANCEMENT]


def test_no_assumption_sets_give_empty_tables_with_their_columns_and_no_shares():
    leaders = education.joint_leaders(ONE_YEAR, SYNTHETIC, pd.DataFrame({"assumption_set": [], "promotion_probability": []}))
    assert leaders.empty and list(leaders.columns) == ["assumption_set", "ranking", "leader"]
    shares = education.joint_shares(leaders, ROUTE_NAMES)
    assert list(shares.columns) == ["ranking", "route", "label", "assumption_sets", "sets_led", "share_led"]
    assert len(shares) == 7 and shares["assumption_sets"].eq(0).all() and shares["sets_led"].eq(0).all()
    assert shares["share_led"].isna().all()  # no share of no sets


def test_joint_shares_keep_their_columns():
    assert list(education.joint_shares(LEADERS, ROUTE_NAMES).columns) == ["ranking", "route", "label", "assumption_sets", "sets_led", "share_led"]


def test_joint_alternatives_mark_the_joint_rows_and_give_a_tied_lead_of_zero():
    shares = education.joint_shares(LEADERS, ROUTE_NAMES)  # the route up leads 80% of all-routes sets: ranked first
    # one choice named twice: listed once, the first
    single = pd.DataFrame({"choice": ["a horizon of 10 years", "a horizon of 10 years"], "value": [-5.0, -6.0], "holds": [False, False],
                           "leader": [ASSOCIATE, ASSOCIATE], "flip": [None, None]})
    # the defaults' leader ties (a lead of 0): it still leads, by 0
    table = education.joint_alternatives(shares, shares, "all routes", single, ADVANCEMENT, 0.0)
    assert list(table.columns) == ["choice", "value", "first", "joint", "flip", "holds", "lead_usd"]
    assert table["choice"].tolist() == ["a route ranked first from 67% of the sets", "a route ranked first from 90% of the sets",
                                        "another draw of the assumption sets (seed 17)", "one assumption set: the defaults",
                                        "one assumption set: the defaults with a horizon of 10 years"]
    assert table["joint"].tolist() == [True, True, True, False, False]
    assert table["first"].tolist() == [ADVANCEMENT, None, ADVANCEMENT, ADVANCEMENT, ASSOCIATE]
    assert table["value"].tolist() == [0.8, 0.8, 0.8, 0.0, -5.0]
    assert table["lead_usd"].tolist() == [None, None, None, 0.0, None]  # only a single set's lead, not a share of sets
    assert table["value"].dtype == "float64" and table["joint"].dtype == bool and table["holds"].dtype == bool


def test_headline_alternatives_keep_their_columns_even_when_there_are_none():
    flips = education.flips_in_range(BREAK_EVEN, "routes that stay in the job").head(1)  # the horizon below 15
    scenarios = pd.DataFrame({"scenario": ["a discount rate of 0%", "no head start"], "default_entry_leader_lead_usd": [30.0, -7.0],
                              "best_entry_route": [ASSOCIATE, CERTIFICATE]})
    table = education.headline_alternatives(flips, scenarios, "default_entry_leader_lead_usd", "best_entry_route", ASSOCIATE)
    assert list(table.columns) == ["choice", "value", "holds", "leader", "flip"]
    assert table["choice"].tolist() == ["a horizon of 10 years", "a discount rate of 0%", "no head start"]
    empty = education.headline_alternatives(flips.head(0), scenarios.head(0), "default_entry_leader_lead_usd", "best_entry_route", ASSOCIATE)
    assert empty.empty and list(empty.columns) == ["choice", "value", "holds", "leader", "flip"]


def test_time_and_cost_name_each_route():
    results = education.evaluate(ONE_YEAR, SYNTHETIC)[1]
    taken = education.time_and_cost(ONE_YEAR, results)
    assert list(taken.columns) == ["route", "label", "study_months", "tuition_total_usd"]
    assert taken["label"].tolist() == [education.ROUTE_LABELS[HS], education.ROUTE_LABELS[CERTIFICATE], education.ROUTE_LABELS[ASSOCIATE],
                                       "Degree, then boss"]
