"""The education model's fast paths give what the plain computations give: the kept results of ``evaluate``, the
present values and leaders computed without pandas, and the break-even found on them (against Brent's method on the
full tables' margin), at the edges (ties, NaN, a root at the end of the range, none in it)."""

import math

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import brentq

from mrt import education
from mrt.education import ADVANCEMENT, ASSOCIATE, CERTIFICATE, HS, MODEL_ROUTES, ENTRY_ROUTES, ModelData, model
from mrt.wages import Lognormal

from test_education import ONE_YEAR, SYNTHETIC, both

CURVED = ModelData(both(Lognormal(math.log(40000), 0.4)), SYNTHETIC.unemployment_rate_pct, SYNTHETIC.published, "Up", 2024, 2017)
# a longer horizon with study, tuition, raises and discounting: present values summed over many months
LONG = {**ONE_YEAR, "horizon_years": 12, "discount_rate_pct": 3.0, "annual_real_raise_pct": 1.0, "certificate_months": 9,
        "associate_months": 20, "bachelor_months": 44, "two_year_tuition_usd_per_year": 4000.0, "four_year_tuition_usd_per_year": 11000.0,
        "promotion_probability": 0.6, "years_to_promotion": 3, "promoted_ramp_years": 2}


def uncached(params, data):
    return education.compare_routes(education.build_routes(params, data), education.assumptions_from(params),
                                    education.pay_curve(params, data))


@pytest.fixture(autouse=True)
def empty_cache():
    model._EVALUATED.clear()
    yield
    model._EVALUATED.clear()


def test_a_kept_result_is_the_computed_one_and_a_copy():
    first = education.evaluate(LONG, CURVED)
    again = education.evaluate(dict(LONG), CURVED)
    expected = uncached(LONG, CURVED)
    for got in (first, again):
        pd.testing.assert_frame_equal(got[0], expected[0])
        pd.testing.assert_frame_equal(got[1], expected[1])
    assert len(model._EVALUATED) == 1, "the same values are computed once"
    again[1].loc[:, "net_present_value_usd"] = 0.0  # a caller changing its copy changes nothing kept
    pd.testing.assert_frame_equal(education.evaluate(LONG, CURVED)[1], expected[1])


def test_the_same_values_on_the_same_data_are_computed_once(monkeypatch):
    computed = []
    real = model.compare_routes

    def counting(*args):
        computed.append(1)
        return real(*args)

    monkeypatch.setattr(model, "compare_routes", counting)
    education.evaluate(LONG, CURVED)
    education.evaluate(dict(LONG), CURVED)
    assert len(computed) == 1  # the second call hands out the kept result
    # the same figures in another object are computed for it, and each object keeps its own result
    other = ModelData(CURVED.pay, CURVED.unemployment_rate_pct, CURVED.published, "Up", 2024, 2017)
    for data in (other, CURVED, other, CURVED):
        education.evaluate(LONG, data)
    assert len(computed) == 2


def test_values_of_other_types_or_other_data_are_kept_apart():
    as_int, as_float = {**LONG, "certificate_months": 9}, {**LONG, "certificate_months": 9.0}
    pd.testing.assert_frame_equal(education.evaluate(as_int, CURVED)[0], uncached(as_int, CURVED)[0])
    pd.testing.assert_frame_equal(education.evaluate(as_float, CURVED)[0], uncached(as_float, CURVED)[0])
    assert len(model._EVALUATED) == 2
    other = ModelData(both(Lognormal(math.log(50000), 0.4)), CURVED.unemployment_rate_pct, CURVED.published, "Up", 2024, 2017)
    pd.testing.assert_frame_equal(education.evaluate(LONG, other)[1], uncached(LONG, other)[1])
    assert education.evaluate(LONG, other)[1]["net_present_value_usd"].iloc[0] != education.evaluate(LONG, CURVED)[1]["net_present_value_usd"].iloc[0]


def test_a_bad_value_is_refused_even_after_good_ones_were_kept():
    education.evaluate(ONE_YEAR, SYNTHETIC)
    with pytest.raises(education.ParameterError, match="'promotion_probability'"):
        education.evaluate({**ONE_YEAR, "promotion_probability": 1.5}, SYNTHETIC)


def test_a_full_cache_is_emptied_not_grown(monkeypatch):
    monkeypatch.setattr(model, "_EVALUATED_MOST", 2)
    for months in (1, 2, 3):
        education.evaluate({**LONG, "certificate_months": months}, CURVED)
    assert len(model._EVALUATED) == 1


@pytest.mark.parametrize("params", [ONE_YEAR, LONG, {**LONG, "unemployment_risk": True, "promotion_share": 0.5}])
def test_present_values_without_tables_match_the_tables(params):
    fast = model._present_values(params, CURVED)
    summary = uncached(params, CURVED)[1].set_index("route")["net_present_value_usd"]
    assert list(fast) == list(MODEL_ROUTES)
    assert fast == pytest.approx(summary.to_dict(), rel=1e-12, abs=1e-9)
    pd.testing.assert_series_equal(education.present_values(params, CURVED),
                                   pd.Series(fast, name="net_present_value_usd").rename_axis("route"))


@pytest.mark.parametrize("pv", [
    {HS: 1.0, CERTIFICATE: 3.0, ASSOCIATE: 2.0, ADVANCEMENT: 0.5},
    {HS: 3.0, CERTIFICATE: 3.0, ASSOCIATE: 2.0, ADVANCEMENT: 3.0},      # a tie: the first listed
    {HS: -5.0, CERTIFICATE: -1.0, ASSOCIATE: -1.0, ADVANCEMENT: -9.0},  # all negative, a tie
    {HS: math.nan, CERTIFICATE: 1.0, ASSOCIATE: 2.0, ADVANCEMENT: 2.0},  # NaN skipped, as pandas does
    {HS: 0.0, CERTIFICATE: -0.0, ASSOCIATE: -1.0, ADVANCEMENT: -1.0},
])
@pytest.mark.parametrize("among", [MODEL_ROUTES, ENTRY_ROUTES, (ADVANCEMENT, HS)])
def test_the_leader_without_pandas_is_pandas_idxmax(pv, among):
    assert model._leader(pv, among) == str(pd.Series(pv)[list(among)].idxmax())


@pytest.mark.parametrize("pv", [
    {HS: 1.0, CERTIFICATE: 3.0, ASSOCIATE: 2.0, ADVANCEMENT: 0.5},
    {HS: 3.0, CERTIFICATE: 3.0, ASSOCIATE: 2.0, ADVANCEMENT: 3.0},
    {HS: math.nan, CERTIFICATE: 1.0, ASSOCIATE: 2.0, ADVANCEMENT: 2.5},
])
@pytest.mark.parametrize("route", [HS, CERTIFICATE, ADVANCEMENT])
def test_the_margin_from_present_values_is_the_margin_from_the_summary(pv, route):
    summary = pd.DataFrame({"route": list(pv), "net_present_value_usd": list(pv.values())})
    got, expected = model._margin(pv, route), education.margin(summary, route)
    assert (math.isnan(got) and math.isnan(expected)) or got == expected


def scalar_break_even(params, data, name, route, toward, among=MODEL_ROUTES):
    """The break-even as it was computed before: Brent's method on the margin of the full summary table."""
    def lead(value):
        return education.margin(uncached(education.with_value(params, name, value), data)[1], route, among)

    start = float(params[name])
    if lead(toward) >= 0:
        return None
    return brentq(lead, start, toward)


# 20 years, the route up promoted with chance 0.9: it leads all routes; the associate's degree leads the technician routes
LEADING = {**LONG, "horizon_years": 20, "associate_start_percentile": 40, "certificate_start_percentile": 30, "promotion_probability": 0.9}


@pytest.mark.parametrize("name, toward, among, leader, found", [
    ("associate_start_percentile", 20, ENTRY_ROUTES, ASSOCIATE, True),   # a tie inside the range
    ("associate_start_percentile", 45, ENTRY_ROUTES, ASSOCIATE, False),  # leads the whole way: none
    ("promotion_probability", 0.0, MODEL_ROUTES, ADVANCEMENT, True),
    ("promotion_probability", 1.0, MODEL_ROUTES, ADVANCEMENT, False),
    ("discount_rate_pct", 9.0, MODEL_ROUTES, ADVANCEMENT, True),
    ("two_year_tuition_usd_per_year", 60000.0, ENTRY_ROUTES, ASSOCIATE, True),
])
def test_the_break_even_on_present_values_is_the_break_even_on_the_tables(name, toward, among, leader, found):
    assert model._leader(model._present_values(LEADING, CURVED), among) == leader
    expected = scalar_break_even(LEADING, CURVED, name, leader, toward, among)
    got = education.break_even(LEADING, CURVED, name, leader, toward, among)
    assert (got is not None) == (expected is not None) == found
    if expected is not None:
        assert got == pytest.approx(expected, rel=1e-9, abs=1e-9)
        assert round(got, 6) == round(expected, 6), "the table keeps six decimals: the same there"


def test_the_break_even_at_the_end_of_the_range_itself():
    # certificate and associate identical but for the percentile: they tie at 30, the end of the range
    params = {**ONE_YEAR, "associate_start_percentile": 40}
    assert education.break_even(params, CURVED, "associate_start_percentile", ASSOCIATE, 30, ENTRY_ROUTES) is None
    assert education.break_even(params, CURVED, "associate_start_percentile", ASSOCIATE, 29.999, ENTRY_ROUTES) == pytest.approx(30, abs=1e-6)


def test_sensitivity_rows_carry_each_value_s_leads():
    names = ["discount_rate_pct", "associate_start_percentile", "unemployment_risk"]
    table = education.sensitivity(LONG, CURVED, names)
    for (name, value), rows in table.groupby(["assumption", "value"], sort=False):
        summary = uncached(education.with_value(LONG, name, value), CURVED)[1]
        best, staying = education.winner(summary), education.winner(summary, ENTRY_ROUTES)
        assert set(rows["best_route"]) == {best} and set(rows["best_entry_route"]) == {staying}
        # the table sums each route's months directly, the full model year by year: the same values to the last few bits
        assert rows["best_route_lead_usd"].tolist() == pytest.approx([education.margin(summary, best)] * len(rows), rel=1e-12, abs=1e-6)
        assert rows["best_entry_lead_usd"].tolist() == pytest.approx([education.margin(summary, staying, ENTRY_ROUTES)] * len(rows),
                                                                     rel=1e-12, abs=1e-6)
        assert rows["route"].tolist() == summary["route"].tolist()
        assert np.allclose(rows["net_present_value_usd"].to_numpy(), summary["net_present_value_usd"].to_numpy(), rtol=1e-12, atol=0)
