"""The salary charts meet the chart list on small synthetic tables: the occupation in the title, units and dollar year,
direct labels (no colour-only legend), whole-number year ticks, no line across an occupation-code break, shaded spans
behind the data, modelled values labelled as modelled, and exactly the plotted numbers returned."""

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.colors import to_rgb

from mrt import wages
from mrt.charts import salaries as salary_charts
from mrt.occupation import COMPARABLE

NAME = "practice workers"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def texts(fig):
    return [t.get_text() for ax in fig.axes for t in ax.texts]


def pay_table():
    rows = []
    for year, soc, comparable, median in [(2010, "A", "yes", 30000), (2011, "A", "yes", 31000), (2012, "A", "yes", 32000),
                                          (2013, "B", "no", 40000), (2014, "B", "no", 41000), (2015, "C", "partly", 35000), (2016, "C", "partly", 36000)]:
        for statistic, factor in (("median", 1.0), ("mean", 1.1)):
            rows.append({"year": year, "soc_code": soc, COMPARABLE: comparable, "statistic": statistic, "nominal_usd": median * factor,
                         "real_usd_2016": median * factor * (1 + (2016 - year) / 100), "source_key": f"k#{year}"})
    return pd.DataFrame(rows)


def test_nominal_vs_real_breaks_lines_at_code_changes_and_labels_them_directly():
    fig, data = salary_charts.nominal_vs_real(pay_table(), 2016, NAME)
    ax = fig.axes[0]
    assert ax.get_title().startswith("Practice workers:") and "nominal and real" in ax.get_title()
    assert ax.get_legend() is None
    runs = [{2010, 2011, 2012}, {2013, 2014}, {2015, 2016}]
    lines = [line for line in ax.lines if len(line.get_xdata()) > 1]
    assert len(lines) == 6  # three runs, two series
    for line in lines:
        assert any(set(line.get_xdata()) <= run for run in runs), "a line crosses an occupation-code break"
    labels = [t.get_text() for t in ax.texts]
    assert "median, 2016 dollars" in labels and "median, dollars of each year" in labels
    assert any("B:" in t for t in labels) and any("C:" in t for t in labels)  # the other codes' spans are labelled
    spans = [p for p in ax.patches]
    assert len(spans) == 2 and all(p.get_zorder() < min(line.get_zorder() for line in lines) for p in spans)
    fig.canvas.draw()
    assert all(float(t.get_text().replace("−", "-")).is_integer() for t in ax.get_xticklabels() if t.get_text())
    assert set(data["dollars"]) == {"dollars of each year", "2016 dollars"} and len(data) == 14
    assert data.loc[data["dollars"] == "2016 dollars", "annual_usd"].tolist() == pay_table().query("statistic == 'median'")["real_usd_2016"].tolist()


def validation_table():
    rows = []
    for year, yes in ((2010, True), (2011, True), (2012, True), (2013, False)):
        for method, error in ((wages.BORROWED, 0.1 * (year - 2011)), (wages.LEAST_SQUARES, 2.5), (wages.SYMMETRIC, 3.0 + 0.1 * (year - 2010))):
            rows.append({"year": year, "method": method, "in_validation_set": yes, "error_pct": error})
    return pd.DataFrame(rows)


def test_median_errors_names_methods_on_the_axis_and_plots_validation_years_only():
    fig, data = salary_charts.median_errors(validation_table(), NAME)
    ax = fig.axes[0]
    assert ax.get_title() == "Practice workers: a median estimated without it"
    assert ax.get_legend() is None
    assert [t.get_text() for t in ax.get_yticklabels()] == [salary_charts.METHOD_LABELS[m] for m in wages.VALIDATED]
    assert len(data) == 9 and set(data["year"]) == {2010, 2011, 2012}
    assert "+3.0% to +3.2%" in texts(fig) and "-0.1% to +0.1%" in texts(fig)
    assert "2010-2012" in ax.get_xlabel() and "%" in ax.get_xlabel()


def quartile_table(median_printed, year=2017, shift=0.0):
    method = wages.PRINTED_MEDIAN if median_printed else wages.BORROWED
    return pd.DataFrame({"year": [year] * 3, "quantile": [0.25, 0.5, 0.75], "method": [method] * 3, "headline": [True] * 3,
                         "annual_usd": [31040.0 + shift, 38960.0 + shift, 50960.0 + shift],
                         "low_usd": [30800.0 + shift, 38500.0 + shift, 50600.0 + shift],
                         "high_usd": [31200.0 + shift, 39500.0 + shift, 51400.0 + shift]})


@pytest.mark.parametrize("median_printed", [True, False])
def test_pay_distribution_labels_printed_and_modelled_values(median_printed):
    printed = {"p10": 25810.0, "p90": 64610.0, "mean": 42820.0} | ({"median": 39000.0} if median_printed else {})
    fig, data = salary_charts.pay_distribution(quartile_table(median_printed), {2017: printed}, NAME)
    labels = texts(fig)
    assert "$25,810\n10th percentile\n(printed)" in labels and "$64,610\n90th percentile\n(printed)" in labels
    # modelled values to the nearest $100 ($31,040 -> $31,000, $50,960 -> $51,000); printed ones as printed
    assert "$31,000\n25th (modelled)" in labels and "$51,000\n75th (modelled)" in labels and "$42,820\nmean (printed)" in labels
    assert f"$39,000\nmedian ({'printed' if median_printed else 'modelled'})" in labels
    assert fig.axes[0].get_legend() is None
    assert fig.axes[0].get_xlabel() == "annual pay, US dollars of 2017 (nominal)" and fig.axes[0].get_title("left") == "2017"
    assert fig._suptitle.get_text().startswith("Practice workers:")
    assert sorted(data["series"]) == sorted(["p25 (modelled)", "p75 (modelled)", f"median ({'printed' if median_printed else 'modelled'})",
                                             "p10 (printed)", "p90 (printed)", "mean (printed)"])
    assert data.loc[data["series"] == "p25 (modelled)", "annual_usd"].item() == 31040.0, "the CSV keeps the value plotted, unrounded"
    bands = [p for p in fig.axes[0].patches if p.get_facecolor()[:3] == to_rgb(salary_charts.BAND_COLOUR)]
    assert len(bands) == (2 if median_printed else 3)  # a printed median has no error band
    box = [p for p in fig.axes[0].patches if p not in bands]
    assert all(b.get_alpha() >= 0.5 and b.get_zorder() > max(p.get_zorder() for p in box) for b in bands), "bands drawn over the box"
    assert salary_charts.BAND_WORD in fig.axes[0].get_title("right")


def test_pay_distribution_gives_each_dollar_year_its_own_axis_on_one_scale():
    printed = {2013: {"p10": 22700.0, "p90": 57320.0, "mean": 37710.0}, 2017: {"p10": 25810.0, "p90": 64610.0, "mean": 42820.0}}
    quantiles = pd.concat([quartile_table(False, 2013, -4000.0), quartile_table(False, 2017)], ignore_index=True)
    fig, data = salary_charts.pay_distribution(quantiles, printed, NAME)
    assert [ax.get_xlabel() for ax in fig.axes] == ["annual pay, US dollars of 2017 (nominal)", "annual pay, US dollars of 2013 (nominal)"]
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim()
    assert data["year"].tolist() == [2013] * 6 + [2017] * 6


@pytest.mark.parametrize(("value", "label"), [(31049.99, "$31,000"), (31051.0, "$31,100"), (38960.0, "$39,000"), (51.0, "$100")])
def test_modelled_dollars_are_labelled_to_the_nearest_hundred(value, label):
    assert salary_charts._usd_modelled(value) == label


def test_pay_distribution_rounds_modelled_labels_to_100():
    printed = {"p10": 25810.0, "p90": 64610.0, "mean": 42820.0}
    table = quartile_table(False).assign(annual_usd=[31384.0, 39359.0, 50869.0])
    labels = texts(salary_charts.pay_distribution(table, {2017: printed}, NAME)[0])
    assert "$31,400\n25th (modelled)" in labels and "$50,900\n75th (modelled)" in labels and "$39,400\nmedian (modelled)" in labels
    assert "$25,810\n10th percentile\n(printed)" in labels  # printed amounts stay as printed


def test_pay_distribution_marks_the_published_quartiles_it_is_checked_against():
    printed = {"p10": 25810.0, "p90": 64610.0, "mean": 42820.0, "median": 39000.0}
    fig, data = salary_charts.pay_distribution(quartile_table(True), {2017: printed}, NAME, {2017: (30990.0, 51350.0)})
    ax = fig.axes[0]
    crosses = [line for line in ax.lines if line.get_marker() == "x"]
    assert len(crosses) == 1 and list(crosses[0].get_xdata()) == [30990.0, 51350.0]
    assert data.loc[data["series"] == "p25 (published)", "annual_usd"].tolist() == [30990.0]
    assert fig._suptitle.get_text().endswith("modelled and checked") and "published" in ax.get_xlabel()
    fig, data = salary_charts.pay_distribution(quartile_table(True), {2017: printed}, NAME, {2018: (1.0, 2.0)})  # another year: no cross
    assert not [line for line in fig.axes[0].lines if line.get_marker() == "x"] and not data["series"].str.contains("published").any()


def places_table(settings=True, areas=True):
    rows = []
    if areas:
        rows += [{"area_type": "metro", "area": "Big City", "setting": "all", "unit": "usd_per_year", "value": 60000.0, "year": 2017,
                  "national_statistic": "mean", "national_value": 40000.0, "ratio_to_national": 1.5},
                 {"area_type": "state", "area": "A State", "setting": "all", "unit": "usd_per_year", "value": 44000.0, "year": 2017,
                  "national_statistic": "mean", "national_value": 40000.0, "ratio_to_national": 1.1},
                 {"area_type": "state", "area": "A State", "setting": "all", "unit": "usd_per_hour", "value": 21.15, "year": 2017,
                  "national_statistic": "mean", "national_value": 19.23, "ratio_to_national": 1.1},
                 {"area_type": "state", "area": "No Year", "setting": "all", "unit": "usd_per_year", "value": 50000.0, "year": None,
                  "national_statistic": "mean", "national_value": None, "ratio_to_national": None}]
    if settings:
        rows += [{"area_type": "national", "area": "United States", "setting": "clinics", "unit": "usd_per_year", "value": 36000.0, "year": 2017,
                  "national_statistic": "median", "national_value": 38000.0, "ratio_to_national": 0.947}]
    return pd.DataFrame(rows)


def test_place_pay_has_one_panel_per_denominator():
    fig, data = salary_charts.place_pay(places_table(), NAME, {"clinics": "clinics"})
    assert len(fig.axes) == 2
    assert fig.axes[0].get_title("left") == "places, against the national mean of 2017 (year not printed: inferred)"
    assert fig.axes[1].get_title("left") == "work settings, against the national median of 2017"
    assert fig.axes[0].get_xlabel() == "annual pay, dollars of 2017 (nominal)"
    assert fig._suptitle.get_text().startswith("Practice workers:")
    assert " national mean: $40,000" in texts(fig) and " national median: $38,000" in texts(fig)
    assert " $60,000 (1.50×)" in texts(fig) and " $36,000 (0.95×)" in texts(fig)
    assert data["label"].tolist() == ["Big City (metro)", "A State (state)", "clinics"]  # annual figures with a national value only
    assert all(ax.get_legend() is None for ax in fig.axes)


def test_place_pay_panels_share_one_dollar_scale():
    fig, _ = salary_charts.place_pay(places_table(), NAME, {"clinics": "clinics"})
    assert fig.axes[0].get_xlim() == fig.axes[1].get_xlim() == (0, 60000.0 * 1.3)


@pytest.mark.parametrize("settings, areas, panels", [(False, True, 1), (True, False, 1)])
def test_place_pay_draws_only_the_panels_it_has(settings, areas, panels):
    fig, data = salary_charts.place_pay(places_table(settings, areas), NAME, {"clinics": "clinics"})
    assert len(fig.axes) == panels
