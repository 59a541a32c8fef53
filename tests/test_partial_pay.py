"""Pay with partial data (issue 17): years without a survey, statistics BLS does not publish for a year, printed
ranges that name their percentiles, and the findings the data cannot give. Small synthetic cases, worked out by hand."""

import numpy as np
import pandas as pd
import pytest

from mrt import findings, wages
from mrt.occupation import COMPARABLE


def bls_long(rows):
    """rows: (year, soc, comparability, p10, median, mean, p90), None for a figure not published -> bls_wages layout."""
    out = []
    for year, soc, comparable, *values in rows:
        for statistic, value in zip(("p10", "median", "mean", "p90"), values):
            for unit, scale in (("usd_per_year", 1), ("usd_per_hour", 1 / 2080)):
                out.append({"year": year, "soc_code": soc, COMPARABLE: comparable, "statistic": statistic, "unit": unit,
                            "value": np.nan if value is None else value * scale, "source_key": f"bls_oews_national.csv#year={year}"})
    return pd.DataFrame(out)


PARTIAL = bls_long([(2014, "X", "yes", 25400.0, 37800.0, 40100.0, 60900.0),
                    (2016, "X", "yes", 25900.0, 38500.0, None, 61700.0),
                    (2019, "X", "yes", None, 39400.0, 41800.0, None),
                    (2021, "X", "yes", 26800.0, 40200.0, 42500.0, 63900.0)])


def guide(figure_id, statistic, value, year=None, part=None, unit="usd_per_year"):
    return {"figure_id": figure_id, "guide_file": "901_0000000000000000.txt", "line": 5, "source_key": f"901_0000000000000000.txt#L{figure_id}",
            "as_printed": f"${value:,.0f}", "area_type": "national", "area": "United States", "setting": "all", "statistic": statistic,
            "part": part, "unit": unit, "value": value, "qualifier": None, "year": year}


def test_a_figure_whose_year_lacks_the_statistic_cannot_be_compared_which_is_not_not_found():
    printed = pd.DataFrame([guide("a", "mean", 41500.0, 2016),                    # no mean published for 2016
                            guide("b", "range", 26000.0, 2019, "low"), guide("c", "range", 63000.0, 2019, "high"),  # no p10/p90 in 2019
                            guide("d", "range_p25_p75", 33000.0, 2021, "low"),   # no quartiles at all
                            guide("e", "mean", 41000.0, 2017),                   # 2017: no survey
                            guide("f", "mean", 99999.0, 2021),                   # 2021 has a mean: a real miss
                            guide("g", "median", 43750.0)])                      # undated, matches nothing
    out = wages.match_to_bls(printed, PARTIAL).set_index("figure_id")
    assert out.loc[["a", "b", "c", "d", "e"], "verdict"].tolist() == [wages.NOT_PUBLISHED] * 5
    assert out.loc[["f", "g"], "verdict"].tolist() == [wages.NOT_FOUND] * 2
    assert out.loc["d", "statistic_compared"] == "p25"
    assert wages.unpublished_figures(out.reset_index()) == [(2016, ["mean"], "mean"), (2017, ["mean"], "mean"),
                                                            (2019, ["p10", "p90"], "range"), (2021, ["p25"], "range_p25_p75")]


def test_a_middle_half_is_matched_with_the_published_quartiles():
    quartiles = pd.DataFrame([{"year": 2021, "soc_code": "X", COMPARABLE: "yes", "statistic": s, "unit": "usd_per_year", "value": v,
                               "source_key": "bls_oews_quartiles.csv#year=2021"} for s, v in (("p25", 33000.0), ("p75", 49000.0))])
    printed = pd.DataFrame([guide("d", "range_p25_p75", 33000.0, 2021, "low"), guide("e", "range_p25_p75", 49000.0, 2021, "high")])
    out = wages.match_to_bls(printed, pd.concat([PARTIAL, quartiles], ignore_index=True))
    assert out["statistic_compared"].tolist() == ["p25", "p75"]
    assert out["verdict"].tolist() == [wages.EXACT] * 2 and out["bls_statistic"].tolist() == ["p25", "p75"]
    counts = wages.provenance_counts(out)
    assert (counts["named_range_ends"], counts["named_range_ends_matched"], counts["range_ends"]) == (2, 2, 0)
    # an unnamed range with the same amounts is compared with the 10th and 90th percentiles, not the quartiles
    unnamed = wages.match_to_bls(printed.assign(statistic="range"), pd.concat([PARTIAL, quartiles], ignore_index=True))
    assert unnamed["statistic_compared"].tolist() == ["p10", "p90"] and unnamed["verdict"].tolist() == [wages.NOT_FOUND] * 2


def test_missing_statistics_and_gaps_between_surveys_of_one_code():
    annual = wages.bls_annual(PARTIAL)
    assert wages.missing_statistics(annual) == {2016: ["mean"], 2019: ["p10", "p90"]}
    assert wages.gaps_by_code(annual) == {"X": [2015, 2017, 2018, 2020]}
    assert wages.longest_comparable_run(annual) == (2014, 2021)   # one run: gaps are not code changes
    assert wages.years_with(annual, "mean", 2014, 2021) == (2014, 2021)
    assert wages.years_with(annual, "mean", 2016, 2019) is None     # only 2019 publishes a mean from 2016 to 2019
    assert wages.years_with(annual, "p10", 2016, 2021) == (2016, 2021)


def test_the_mean_is_compared_with_the_median_only_in_years_with_both():
    gap = wages.mean_median_gap(PARTIAL)
    within = wages.mean_above_median(gap, 2014, 2021)
    # 40,100 / 37,800 - 1 = 6.08%; 41,800 / 39,400 - 1 = 6.09%; 42,500 / 40,200 - 1 = 5.72%
    assert (within["years"], within["years_above"], within["year_list"]) == (3, 3, [2014, 2019, 2021])
    assert within["low_pct"] == pytest.approx(100 * (42500 / 40200 - 1))
    assert within["high_pct"] == pytest.approx(100 * (41800 / 39400 - 1))
    with pytest.raises(ValueError, match="with a mean and a median"):
        wages.mean_above_median(gap, 2016, 2016)


def test_pay_in_constant_dollars_keeps_only_published_figures():
    cpi = pd.DataFrame({"year": [2014, 2016, 2019, 2021, 2024], "cpi_u_index_1982_84_100": [200.0, 210.0, 220.0, 250.0, 300.0]})
    real = wages.bls_pay_in_constant_dollars(PARTIAL, cpi, 2024)
    assert sorted(real.loc[real["statistic"] == "mean", "year"]) == [2014, 2019, 2021]
    change = wages.pay_change(real, "median", 2014, 2021, 2024)
    # 40,200 / 37,800 = +6.35% nominal; real: 40,200 x 300/250 = 48,240 against 37,800 x 300/200 = 56,700: -14.9%
    assert change["nominal_pct"] == pytest.approx(6.349, abs=0.001)
    assert change["real_pct"] == pytest.approx(100 * (48240 / 56700 - 1), abs=0.01)


def test_a_finding_the_data_cannot_give_is_recorded_as_not_available():
    missing = findings.not_available("pay.middle_half", "The pay of the middle half is not available: no quartile is published.",
                                     "no quartile is published")
    done = findings.Finding("pay.other", "A finding computed from the data, in a sentence.", 3.0, "count", "")
    part = findings.part_table("02-salaries", [missing, done])
    row = part.set_index("finding_id").loc["pay.middle_half"]
    assert pd.isna(row["value"]) and row["unit"] == "none" and row["depends_on"] == "not available: no quartile is published"
    register = findings.register([part]).set_index("finding_id")
    assert not findings.is_available(register.loc["pay.middle_half", "depends_on"])
    assert findings.is_available(register.loc["pay.other", "depends_on"])
    assert findings.format_value(register.loc["pay.middle_half", "value"], "none") == "no single number"
    with pytest.raises(findings.FindingError, match="say what is missing"):
        findings.not_available("pay.x", "A sentence that is long enough.", " ")
