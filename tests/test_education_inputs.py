"""The year of the education model's inputs is a parameter (issue 17), and a year the data cannot serve is named with
what it lacks instead of crashing. Synthetic tables; every expected value worked out by hand from them."""

from types import SimpleNamespace

import pandas as pd
import pytest

from mrt import education
from mrt.education import ParameterError

ADVANCE = SimpleNamespace(route_label="Degree, then boss", pay_measure="median_annual_wage", pay_group="bosses", occupation="bosses")
CPI = pd.DataFrame({"year": [2015, 2016, 2024], "cpi_u_index_1982_84_100": [200.0, 250.0, 300.0]})


def costs(*rows):
    return pd.DataFrame([(m, g, v, p, f"costs#row={i}") for i, (m, g, v, p) in enumerate(rows, 1)],
                        columns=["measure", "group", "value_min", "period", "source_key"])


TWO, FOUR = education.TUITION_GROUPS["two_year_tuition_usd_per_year"], education.TUITION_GROUPS["four_year_tuition_usd_per_year"]
FULL = costs(("tuition_and_fees", TWO, 3000.0, "2015-16"), ("tuition_and_fees", FOUR, 9000.0, "2015-16"),
             ("tuition_and_fees", TWO, 3100.0, "2016-17"), ("median_annual_wage", "bosses", 80000.0, "2015"))


def wages(*years, statistics=("p10", "median", "mean", "p90")):
    values = {"p10": 25000.0, "p90": 65000.0, "mean": 42000.0, "median": 39000.0}
    return pd.DataFrame([{"year": y, "statistic": s, "unit": "usd_per_year", "value": values[s], "comparable_to_reference_code": "yes"}
                         for y in years for s in statistics])


def none_given(**changes):
    return {"two_year_tuition_usd_per_year": None, "four_year_tuition_usd_per_year": None, "promoted_pay_usd_per_year": None,
            "base_year": None, **changes}


def test_the_year_is_the_latest_the_data_serve_whole():
    # 2016 has pay and two-year tuition but no four-year tuition for 2016-17: 2015 is the latest year with every input
    assert education.base_year(wages(2015, 2016), FULL, CPI, ADVANCE, 2024, none_given()) == (2015, [])
    # the four-year tuition given in the parameters cell: 2016 then has every input
    assert education.base_year(wages(2015, 2016), FULL, CPI, ADVANCE, 2024, none_given(four_year_tuition_usd_per_year=9500)) == (2016, [])


def test_a_year_asked_for_is_used_or_its_gaps_named():
    year, lacking = education.base_year(wages(2015, 2016), FULL, CPI, ADVANCE, 2024, none_given(base_year=2016))
    assert year == 2016
    assert lacking == ["the tuition of a public four-year college (in-state) in 2016-17 (education_costs_and_pay.csv, or "
                       "four_year_tuition_usd_per_year in the parameters cell)"]
    year, lacking = education.base_year(wages(2015, 2016), FULL, CPI, ADVANCE, 2024, none_given(base_year=2014))
    assert year == 2014 and len(lacking) == 5  # pay, both tuitions, the boss's pay (none up to 2014) and the CPI-U of 2014
    assert lacking[0] == "the yearly 10th percentile, 90th percentile and mean pay of the occupation in 2014 (bls_wages.csv)"
    assert lacking[-1] == "the CPI-U of 2014 (cpi_u.csv)"


def test_a_year_without_a_mean_cannot_carry_the_model():
    # no year has the mean the pay curve needs: the latest pay year is named with what it lacks
    year, lacking = education.base_year(wages(2015, statistics=("p10", "median", "p90")), FULL, CPI, ADVANCE, 2024, none_given())
    assert year is None and lacking == ["the yearly 10th percentile, 90th percentile and mean pay of the occupation in any year (bls_wages.csv)"]


def test_the_model_runs_on_a_given_year_and_without_unemployment_rates():
    data, inputs = education.model_data(wages(2015), FULL, CPI, ADVANCE, 2024, 2015, none_given())
    assert data.base_year == 2015 and data.published["base_year"] == 2015 and data.unemployment_rate_pct == {}
    assert data.published["two_year_tuition_usd_per_year"] == 4500  # 3,000 x 300 / 200
    assert "unemployment_risk" not in education.tried_parameters(data)


def test_base_year_parameter_is_checked():
    education.check_parameters({"base_year": None})
    education.check_parameters({"base_year": 2017})
    for bad in (2017.5, 1989, "2017"):
        with pytest.raises(ParameterError, match=r"^parameter 'base_year': expected a whole number from 1990 to 2100 \(year\), or None for "
                                                 r"the latest year the data give every input, got"):
            education.check_parameters({"base_year": bad})
    assert education.value_text("base_year", 2017.0) == "2017"


def test_the_curve_through_the_median_needs_a_year_with_a_median():
    # 2016 has no median: with the curve through the median (the default) 2015 is used; with the other curve, 2016
    pay = pd.concat([wages(2015), wages(2016, statistics=("p10", "mean", "p90"))], ignore_index=True)
    tuition = pd.concat([FULL, costs(("tuition_and_fees", FOUR, 9100.0, "2016-17"))], ignore_index=True)
    assert education.base_year(pay, tuition, CPI, ADVANCE, 2024, none_given(pay_through_median=True)) == (2015, [])
    assert education.base_year(pay, tuition, CPI, ADVANCE, 2024, none_given(pay_through_median=False)) == (2016, [])
    year, lacking = education.base_year(pay, tuition, CPI, ADVANCE, 2024, none_given(pay_through_median=True, base_year=2016))
    assert lacking == ["the yearly median pay of the occupation in 2016 (bls_wages.csv, or pay_through_median = False in the parameters cell)"]


def test_a_tuition_set_in_the_parameters_cell_needs_no_published_figure():
    # 2016: the two-year tuition of 2016-17 is published, the four-year one is not (only 2015-16's is); the four-year tuition
    # set in the parameters cell leaves it out of the published inputs instead of failing
    inputs = education.published_inputs(FULL, CPI, "median_annual_wage", "bosses", 2016, 2024,
                                         none_given(four_year_tuition_usd_per_year=9500))
    assert list(inputs["parameter"]) == ["two_year_tuition_usd_per_year", "promoted_pay_usd_per_year"]
    assert list(inputs["published_value"]) == [3100.0, 80000.0]
    assert list(inputs["published_year"]) == [2016, 2015]  # the boss's pay: the latest published up to 2016
    assert list(inputs["value"]) == [3720, 120000]  # 3,100 x 300 / 250; 80,000 x 300 / 200
    # nothing set: the missing four-year tuition is an error naming it
    with pytest.raises(ValueError, match=r"expected one tuition_and_fees row for 'public four-year college \(in-state\)' in 2016-17, found 0"):
        education.published_inputs(FULL, CPI, "median_annual_wage", "bosses", 2016, 2024, none_given())


def test_a_tuition_set_in_the_parameters_cell_keeps_the_published_figure_beside_it():
    # 2015: both tuitions of 2015-16 are published; setting one keeps its published row (the table shows what it replaces)
    inputs = education.published_inputs(FULL, CPI, "median_annual_wage", "bosses", 2015, 2024,
                                        none_given(two_year_tuition_usd_per_year=1000, four_year_tuition_usd_per_year=2000))
    assert list(inputs["parameter"]) == ["two_year_tuition_usd_per_year", "four_year_tuition_usd_per_year", "promoted_pay_usd_per_year"]
    assert list(inputs["value"]) == [4500, 13500, 120000]  # 3,000, 9,000 and 80,000 x 300 / 200


def test_a_promoted_pay_set_in_the_parameters_cell_needs_no_published_figure():
    # the boss's pay is first published for 2015: for 2014 it must be set, and then only the tuitions are published inputs
    early = costs(("tuition_and_fees", TWO, 2900.0, "2014-15"), ("tuition_and_fees", FOUR, 8800.0, "2014-15"),
                  ("median_annual_wage", "bosses", 80000.0, "2015"))
    cpi = pd.concat([CPI, pd.DataFrame({"year": [2014], "cpi_u_index_1982_84_100": [150.0]})], ignore_index=True)
    inputs = education.published_inputs(early, cpi, "median_annual_wage", "bosses", 2014, 2024, none_given(promoted_pay_usd_per_year=70000))
    assert list(inputs["parameter"]) == ["two_year_tuition_usd_per_year", "four_year_tuition_usd_per_year"]
    assert list(inputs["value"]) == [5800, 17600]  # 2,900 and 8,800 x 300 / 150
    with pytest.raises(ValueError, match=r"expected a median_annual_wage row for 'bosses' in 2014 or before, found none"):
        education.published_inputs(early, cpi, "median_annual_wage", "bosses", 2014, 2024, none_given())


def test_the_model_data_of_a_year_take_the_parameters_cell_into_account():
    # 2016 lacks the four-year tuition of 2016-17; set in the parameters cell, the model still gets its data for 2016
    data, inputs = education.model_data(wages(2016), FULL, CPI, ADVANCE, 2024, 2016, none_given(four_year_tuition_usd_per_year=9500))
    assert data.published == {"two_year_tuition_usd_per_year": 3720, "promoted_pay_usd_per_year": 120000, "base_year": 2016}
    assert "four_year_tuition_usd_per_year" not in set(inputs["parameter"])


@pytest.mark.parametrize("change", [{"unit": "usd_per_hour"}, {"comparable_to_reference_code": "no"}, {"value": float("nan")}],
                         ids=["hourly", "another occupation code", "no value"])
def test_a_year_counts_only_with_annual_pay_of_the_reference_code_that_has_values(change):
    # 2016 has every other input (the four-year tuition set in the parameters cell); its pay rows changed, only 2015's
    # pay can carry the model
    pay = pd.concat([wages(2015), wages(2016).assign(**change)], ignore_index=True)
    given = none_given(four_year_tuition_usd_per_year=9500)
    assert education.base_year(pay, FULL, CPI, ADVANCE, 2024, given) == (2015, [])
    assert education.base_year(pd.concat([wages(2015), wages(2016)], ignore_index=True), FULL, CPI, ADVANCE, 2024, given) == (2016, [])


def test_a_year_without_a_median_serves_when_the_curve_through_the_median_is_not_asked_for():
    # the parameters cell names no pay curve: the lognormal fitted to the mean needs no median, so 2015 has every input
    pay = wages(2015, statistics=("p10", "mean", "p90"))
    assert education.base_year(pay, FULL, CPI, ADVANCE, 2024, none_given()) == (2015, [])
    assert education.missing_inputs(pay, FULL, CPI, ADVANCE, 2015, 2024, none_given()) == []


def test_a_year_before_any_promoted_pay_lacks_it_unless_it_is_set():
    # the boss's pay is first published for 2015: 2014 has pay, tuition and CPI-U but no pay after promotion
    early = costs(("tuition_and_fees", TWO, 2900.0, "2014-15"), ("tuition_and_fees", FOUR, 8800.0, "2014-15"),
                  ("median_annual_wage", "bosses", 80000.0, "2015"))
    cpi = pd.concat([CPI, pd.DataFrame({"year": [2014], "cpi_u_index_1982_84_100": [150.0]})], ignore_index=True)
    assert education.missing_inputs(wages(2014), early, cpi, ADVANCE, 2014, 2024, none_given()) == [
        "the pay of bosses in 2014 or before (education_costs_and_pay.csv, or promoted_pay_usd_per_year in the parameters cell)"]
    assert education.missing_inputs(wages(2014), early, cpi, ADVANCE, 2014, 2024, none_given(promoted_pay_usd_per_year=70000)) == []
