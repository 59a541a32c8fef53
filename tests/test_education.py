"""The education model: hand-checkable cases, bad parameters, and a rerun with other assumptions."""

import math

import pandas as pd
import pytest

from mrt import education, paths, schema
from mrt.education import Assumptions, ParameterError, Route
from mrt.wages import Lognormal

PAY = Lognormal(math.log(40000), 0.4)
NO_DISCOUNT = Assumptions(horizon_years=10, discount_rate_pct=0.0, annual_real_raise_pct=0.0)


def test_zero_tuition_and_zero_study_equal_the_shortest_route():
    shortest = Route("a", "A", 0, 0, 25)
    twin = Route("b", "B", 0, 0, 25)
    yearly, summary = education.compare_routes([shortest, twin], NO_DISCOUNT, PAY)
    a = yearly[yearly["route"] == "a"].reset_index(drop=True)
    b = yearly[yearly["route"] == "b"].reset_index(drop=True)
    pd.testing.assert_series_equal(a["cumulative_net_usd"], b["cumulative_net_usd"])
    assert summary.set_index("route").loc["b", "difference_vs_shortest_usd"] == 0
    assert summary.set_index("route").loc["b", "earnings_forgone_usd"] == 0


def test_hand_computed_totals():
    start = PAY.quantile(0.5)  # 40,000 a year
    route = Route("cert", "Certificate", 12, 3600, 50)
    _, summary = education.compare_routes([Route("hs", "HS", 0, 0, 50), route], NO_DISCOUNT, PAY)
    row = summary.set_index("route").loc["cert"]
    assert row["tuition_total_usd"] == pytest.approx(3600)
    assert row["cumulative_net_usd"] == pytest.approx(9 * start - 3600)  # 9 working years of 10, minus tuition
    assert row["earnings_forgone_usd"] == pytest.approx(start)
    assert pd.isna(row["break_even_year_vs_shortest"])  # same pay after study: never catches up


def test_earnings_forgone_follow_the_shortest_routes_raises():
    assumptions = Assumptions(horizon_years=5, discount_rate_pct=0.0, annual_real_raise_pct=10.0, study_work_share=0.5)
    _, summary = education.compare_routes([Route("hs", "HS", 0, 0, 50), Route("deg", "Degree", 24, 0, 50)], assumptions, PAY)
    # the shortest route earns 40,000 then 44,000 during the two study years; half of the starting pay is earned part time
    assert summary.set_index("route").loc["deg", "earnings_forgone_usd"] == pytest.approx(40000 + 44000 - 0.5 * 40000 * 2)


def test_raise_and_discount_compound_yearly():
    assumptions = Assumptions(horizon_years=2, discount_rate_pct=10.0, annual_real_raise_pct=5.0)
    yearly, _ = education.compare_routes([Route("hs", "HS", 0, 0, 50)], assumptions, PAY)
    assert yearly["pay_usd"].tolist() == pytest.approx([40000, 42000])
    expected_pv = sum(40000 / 12 * 1.1 ** (-m / 12) for m in range(12)) + sum(42000 / 12 * 1.1 ** (-m / 12) for m in range(12, 24))
    assert yearly["net_present_usd"].sum() == pytest.approx(expected_pv)


def test_break_even_year():
    low, high = Route("hs", "HS", 0, 0, 10), Route("assoc", "Associate", 24, 0, 90)
    _, summary = education.compare_routes([low, high], NO_DISCOUNT, PAY)
    lo, hi = PAY.quantile(0.1), PAY.quantile(0.9)
    expected = next(y for y in range(1, 11) if hi * max(0, y - 2) >= lo * y)
    assert summary.set_index("route").loc["assoc", "break_even_year_vs_shortest"] == expected


@pytest.mark.parametrize("route, message", [
    (Route("x", "X", -1, 0, 25), "'x_study_months' must not be negative"),
    (Route("x", "X", 12, -5, 25), "'x_tuition_usd_per_year' must not be negative"),
    (Route("x", "X", 12, 0, 100), "'x_start_percentile' must be a percentile"),
    (Route("x", "X", 12, 0, -3), "'x_start_percentile' must be a percentile"),
])
def test_bad_route_parameters_name_the_parameter(route, message):
    with pytest.raises(ParameterError, match=message):
        education.compare_routes([route], NO_DISCOUNT, PAY)


@pytest.mark.parametrize("changes, message", [
    ({"horizon_years": 0}, "'horizon_years'"), ({"discount_rate_pct": -1}, "'discount_rate_pct'"),
    ({"study_work_share": 1.5}, "'study_work_share'"),
])
def test_bad_assumptions_name_the_parameter(changes, message):
    with pytest.raises(ParameterError, match=message):
        education.compare_routes([Route("hs", "HS", 0, 0, 10)], Assumptions(**changes), PAY)


def test_notebook_parameter_names_match_the_documented_ones():
    import nbformat

    nb = nbformat.read(paths.NOTEBOOKS / "04-education.ipynb", as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = [line.split("=")[0].strip() for line in cell.source.splitlines() if "=" in line and not line.startswith("#")]
    commented = [line for line in cell.source.splitlines() if "=" in line and not line.startswith("#")]
    assert all("#" in line for line in commented), "every parameter carries its unit and reason in a comment"
    assert names == list(education.PARAMETER_NOTES)


@pytest.mark.slow
def test_rerun_with_other_parameters_changes_outputs_as_the_model_says(tmp_path):
    from mrt.rerun import rerun

    out = rerun({"two_year_tuition_usd_per_year": 10000, "associate_months": 36}, "test", root=tmp_path)
    assert (out / "04-education.ipynb").is_file()
    new = pd.read_csv(out / "processed" / "education_model_results.csv").set_index("route")
    old = schema.read_processed("education_model_results.csv").set_index("route")
    params = pd.read_csv(out / "processed" / "education_model_parameters.csv").set_index("parameter")
    assert params.loc["two_year_tuition_usd_per_year", "value"] == 10000
    # tuition moves exactly as the model says: the certificate pays 12 months of the new fee
    assert new.loc["postsecondary_certificate", "tuition_total_usd"] == pytest.approx(10000)
    assert new.loc["associate_degree", "tuition_total_usd"] == pytest.approx(30000)
    drop = old.loc["postsecondary_certificate", "cumulative_net_usd"] - new.loc["postsecondary_certificate", "cumulative_net_usd"]
    assert drop == pytest.approx(10000 - old.loc["postsecondary_certificate", "tuition_total_usd"], abs=0.05)
    # routes the parameters do not touch are unchanged
    assert new.loc["bachelor_degree", "cumulative_net_usd"] == pytest.approx(old.loc["bachelor_degree", "cumulative_net_usd"])
    # and the committed outputs were left alone
    committed = pd.read_csv(paths.DATA / "processed" / "education_model_results.csv")
    assert committed.set_index("route").loc["postsecondary_certificate", "tuition_total_usd"] == old.loc["postsecondary_certificate", "tuition_total_usd"]


def test_rerun_rejects_unknown_and_bad_parameters(tmp_path):
    from mrt.rerun import rerun

    with pytest.raises(ParameterError, match="unknown parameter"):
        rerun({"tuition": 0}, "x", root=tmp_path)
    with pytest.raises(ParameterError, match="'certificate_start_percentile'"):
        rerun({"certificate_start_percentile": 150}, "x", root=tmp_path)


@pytest.mark.parametrize("name", ["..", ".", "../data", "../..", "/tmp", "a/b", "", ".hidden", "-rf", "x" * 101, "a\\b", "runs/../x"])
def test_a_run_name_that_leaves_runs_is_refused_and_nothing_is_removed(tmp_path, name):
    from mrt.rerun import RunNameError, rerun

    runs = tmp_path / "runs"
    runs.mkdir()
    keep = tmp_path / "data" / "raw.csv"
    keep.parent.mkdir()
    keep.write_text("precious")
    (runs / "other").mkdir()
    with pytest.raises(RunNameError, match="not a plain folder name"):
        rerun({}, name, root=runs)
    assert keep.read_text() == "precious" and (runs / "other").is_dir()


def test_default_run_names_are_plain_folder_names():
    from mrt.rerun import RUN_NAME, default_name

    for parameters in ({}, {"discount_rate_pct": -1.5}, {"a": "../x"}, {"b": "/etc"}):
        assert RUN_NAME.fullmatch(default_name(parameters)), default_name(parameters)
