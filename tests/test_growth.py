"""Projection arithmetic against hand-computed values."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mrt import growth


def test_compound_annual_rate():
    assert growth.compound_annual_rate(22, 10) == pytest.approx(100 * (1.22 ** 0.1 - 1))
    assert growth.compound_annual_rate(0, 10) == 0
    with pytest.raises(ValueError):
        growth.compound_annual_rate(10, 0)


@given(st.floats(min_value=-50, max_value=300), st.integers(min_value=1, max_value=30))
def test_rate_compounds_back(total, years):
    rate = growth.compound_annual_rate(total, years)
    assert 100 * ((1 + rate / 100) ** years - 1) == pytest.approx(total, abs=1e-9)


def test_implied_level():
    assert growth.implied_level(186300, 22) == pytest.approx(227286)


def test_interval_from_rounded_figures_hand_computed():
    base = growth.base_from_change_and_percent(growth.rounded_interval(28000, 1000), growth.rounded_interval(13, 1))
    assert base.low == pytest.approx(27500 / 0.135)
    assert base.high == pytest.approx(28500 / 0.125)
    assert 206300 in base and 230000 not in base


@given(st.floats(min_value=1, max_value=1e6), st.floats(min_value=1, max_value=100), st.floats(min_value=0.5, max_value=1e5))
def test_interval_division_contains_every_quotient(change, pct, width):
    change_iv = growth.rounded_interval(change + width, width)
    pct_iv = growth.rounded_interval(pct + 0.5, 0.5)
    result = change_iv / pct_iv
    for c in (change_iv.low, change_iv.high):
        for p in (pct_iv.low, pct_iv.high):
            assert result.low - 1e-9 <= c / p <= result.high + 1e-9


def test_wording_rule():
    assert growth.wording_verdict(22, 10.8, "faster than the average")[1] == "supported"
    assert growth.wording_verdict(5, 10.8, "faster than the average")[1] == "contradicted"
    ratio, verdict = growth.wording_verdict(13, 7.4, "much faster rate")
    assert ratio == pytest.approx(13 / 7.4) and verdict.startswith("overstated")
    assert growth.wording_verdict(16, 7.4, "much faster")[1] == "supported"


def test_decomposition_is_exact_on_the_log_scale():
    share = growth.share_of_drop_from_all_occupations(22, 10.8, 13.5, 7.4)
    assert share == pytest.approx(math.log(10.8 / 7.4) / math.log(22 / 13.5))
    # if the ratio to the average did not move, the average explains all of the fall
    assert growth.share_of_drop_from_all_occupations(20, 10, 10, 5) == pytest.approx(1.0)
