"""Salary helpers against hand-computed values."""

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrt import wages


def test_rounding_step_and_round_half_up():
    assert wages.rounding_step(39000, "usd_per_year") == 1000
    assert wages.rounding_step(58080, "usd_per_year") == 10
    assert wages.rounding_step(34165, "usd_per_year") == 1
    assert wages.rounding_step(20.59, "usd_per_hour") == 0.01
    assert wages.round_to(39500, 1000) == 40000  # half rounds up, unlike Python's round()
    assert wages.round_to(39180, 1000) == 39000


def test_tolerance_derivation():
    # half a cent times 2,080 hours plus half of $10
    assert wages.hourly_annual_tolerance(0.01, 10) == pytest.approx(10.4 + 5)


def test_check_pair_hand_computed():
    out = wages.check_pair(27.92, 58080)
    assert out["hourly_x_2080"] == pytest.approx(58073.6)
    assert out["gap_usd"] == pytest.approx(6.4)
    assert out["consistent"]
    assert not wages.check_pair(27.92, 58120)["consistent"]  # $46.40 off: not rounding


def guide_row(**kw):
    base = {"figure_id": "F1", "guide_file": "g.txt", "line": 1, "source_key": "g.txt#L1", "as_printed": "x", "area_type": "national",
            "area": "United States", "setting": "all", "statistic": "mean", "part": None, "unit": "usd_per_year", "value": 1.0,
            "qualifier": None, "year": pd.NA}
    return {**base, **kw}


BLS = pd.DataFrame({"year": [2016, 2017, 2017, 2017], "statistic": ["mean", "mean", "median", "p10"], "unit": ["usd_per_year"] * 4,
                    "value": [41460.0, 42820.0, 39180.0, 25810.0], "source_key": ["k16", "k17", "k17", "k17"]})


@pytest.mark.parametrize("row, verdict, year", [
    (guide_row(value=42820.0, year=2017), "exact", 2017),
    (guide_row(value=39000.0, year=2017, statistic="median"), "rounded to nearest 1,000", 2017),
    (guide_row(value=42820.0), "no year printed; matches one BLS year exactly", 2017),
    (guide_row(value=42820.0, year=2016), "year mislabelled", 2017),
    (guide_row(value=39180.0, year=2017, statistic="mean"), "statistic mislabelled", 2017),
    (guide_row(value=25810.0, year=2017, statistic="range", part="low"), "exact", 2017),
    (guide_row(value=12345.0, year=2017), "not found", None),
])
def test_match_to_bls_verdicts(row, verdict, year):
    out = wages.match_to_bls(pd.DataFrame([row]), BLS).iloc[0]
    assert out["verdict"] == verdict
    assert (pd.isna(out["bls_year"]) and year is None) or out["bls_year"] == year


def test_lognormal_through_two_quantiles_returns_them():
    fit = wages.fit_two_quantiles(0.1, 20000, 0.9, 60000)
    assert fit.quantile(0.1) == pytest.approx(20000)
    assert fit.quantile(0.9) == pytest.approx(60000)
    assert fit.median == pytest.approx(math.sqrt(20000 * 60000))  # symmetric on the log scale


@given(st.floats(min_value=9, max_value=12), st.floats(min_value=0.1, max_value=1.0))
def test_least_squares_recovers_an_exact_lognormal(mu, sigma):
    true = wages.Lognormal(mu, sigma)
    fit = wages.fit_quantiles_and_mean({0.1: true.quantile(0.1), 0.9: true.quantile(0.9)}, true.mean)
    assert fit.mu == pytest.approx(mu, rel=1e-6)
    assert fit.sigma == pytest.approx(sigma, rel=1e-6)


def test_lognormal_hand_computed_values():
    fit = wages.Lognormal(math.log(40000), 0.5)
    assert fit.median == pytest.approx(40000)
    assert fit.mean == pytest.approx(40000 * math.exp(0.125))
    assert fit.quantile(0.75) == pytest.approx(40000 * math.exp(0.5 * 0.6744897501960817))
    x = np.array([40000.0])
    assert fit.pdf(x)[0] == pytest.approx(1 / (40000 * 0.5 * math.sqrt(2 * math.pi)))
    with pytest.raises(ValueError):
        fit.quantile(1.0)


def test_constant_dollars():
    cpi = pd.DataFrame({"year": [2012, 2024], "cpi_u_index_1982_84_100": [229.594, 313.689]})
    out = wages.to_constant_dollars(pd.Series([34160.0]), pd.Series([2012]), cpi, 2024)
    assert out.iloc[0] == pytest.approx(34160 * 313.689 / 229.594)
    with pytest.raises(ValueError, match="2030"):
        wages.to_constant_dollars(pd.Series([1.0]), pd.Series([2030]), cpi, 2024)
