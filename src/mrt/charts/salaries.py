"""Charts of the salary notebook (02-salaries).

Each function draws one chart from a processed table and returns ``(fig, data)``: the figure and
exactly the numbers it plots. The notebook saves it with ``charts.save_chart(fig, name, data,
source, alt)``, composing the source line and the alt text (the chart's finding) from its computed
values. Every chart follows the house list (CONTRIBUTING.md): the occupation in the title, units and
dollar year on the axis, direct labels instead of a colour-only legend, whole-number year ticks, no
line across an occupation-code break, shaded spans behind the data, dark text on light fills, and
modelled values labelled as modelled.

seaborn draws the two categorical comparisons (median errors by method, pay by place); it is
imported here only, where it draws.
"""

from __future__ import annotations

import pandas as pd
import seaborn as sns
from matplotlib.patches import Rectangle

from mrt import charts, wages
from mrt.occupation import COMPARABLE
from mrt.report import money

METHOD_LABELS = {
    wages.PRINTED_MEDIAN: "printed median,\nsplit lognormal",
    wages.BORROWED: "median placed as in\nother BLS years",
    wages.LEAST_SQUARES: "lognormal fitted to\np10, p90 and mean",
    wages.SYMMETRIC: "symmetric lognormal\nthrough p10 and p90",
}
SPAN_LABELS = {"no": "{soc}:\nbroader\ngroup", "partly": "{soc}:\nnarrower code,\npartly comparable"}
SPAN_ALPHA = {"no": 0.3, "partly": 0.12}
DARK = "#1a1a1a"
ROW_SPACING = 1.7  # distance between the years of the distribution chart, in rows
NOMINAL_GREY = "#5f5f5f"  # dark enough for text on white (contrast above 4.5:1)
LIGHT_FILL = "#cfe6f5"  # light blue: dark text stays readable on it


def _title(occupation_name: str, what: str) -> str:
    return f"{occupation_name[:1].upper()}{occupation_name[1:]}: {what}"


# Median errors by method ---------------------------------------------------------------------------

def median_errors(validation: pd.DataFrame, occupation_name: str):
    """Signed error of each method's median in the validation years (each estimated without its own
    median), one dot per year, methods named on the axis."""
    data = validation[validation["in_validation_set"].astype(bool)][["year", "method", "error_pct"]].copy()
    order = [m for m in wages.VALIDATED if m in set(data["method"])]
    data["method_label"] = data["method"].map(METHOD_LABELS)
    fig, ax = charts.new_figure(8, 1.2 * len(order) + 1.8)
    ax.axvline(0, color=DARK, lw=1, zorder=1)
    sns.swarmplot(data=data, x="error_pct", y="method_label", order=[METHOD_LABELS[m] for m in order], ax=ax,
                  color=charts.PALETTE["blue"], size=6, zorder=3)
    ax.set_ylim(len(order) - 0.4, -0.6)
    ax.text(0, len(order) - 0.45, " no error", fontsize=8, color=DARK, va="bottom", ha="left")
    for position, method in enumerate(order):
        errors = data.loc[data["method"] == method, "error_pct"]
        ax.text(errors.max() + 0.15, position, f"{errors.min():+.1f}% to {errors.max():+.1f}%", fontsize=8.5, color=DARK,
                va="center", ha="left")
    low, high = data["error_pct"].min(), data["error_pct"].max()
    ax.set_xlim(min(low, 0) - 0.5, high + 1.8)
    years = wages.describe_years(data["year"].unique().tolist())
    ax.set(title=_title(occupation_name, "a median estimated without it"),
           xlabel=f"signed error of the estimated median, % of the published median\n(one dot per BLS year {years}, each left out in turn)",
           ylabel="")
    ax.grid(axis="y", visible=False)
    charts.for_phone(fig, lambda f: _rows_for_phone(f, [ax], 0.95 * len(order) + 3.4))
    return fig, data[["year", "method", "error_pct"]].reset_index(drop=True)


def _rows_for_phone(fig, axes, height: float) -> None:
    """On a phone: the row labels above their rows (the plot keeps the width), in a figure ``height`` inches tall."""
    for ax in axes:
        charts.labels_above_rows(ax)
    fig.set_size_inches(charts.PHONE_WIDTH_IN, height)


# The distribution from the printed figures --------------------------------------------------------

BAND_COLOUR = charts.PALETTE["purple"]
BAND_WORD = "purple"  # the word for BAND_COLOUR in the axis label
MODELLED_STEP = 100  # modelled dollars are labelled to the nearest $100 (CONTRIBUTING.md: modelled money to $100)


def _label(ax, x: float, y: float, text: str, above: bool, short: str | None = None):
    label = ax.text(x, y + (0.26 if above else -0.26), text, ha="center", va="bottom" if above else "top", fontsize=8, color=DARK)
    label._mrt_short = short or text
    return label


def _usd_modelled(value: float) -> str:
    """A modelled dollar amount as labelled: to the nearest $100 ($31,384 -> $31,400)."""
    return money(value, to=MODELLED_STEP)


def pay_distribution(quantiles: pd.DataFrame, printed: dict[int, dict[str, float]], occupation_name: str,
                     published: dict[int, tuple[float, float]] | None = None):
    """For each year the guides print p10, p90 and the mean for, a panel of its own, in dollars of that year (one
    dollar year per axis): the printed range ends (the 10th and 90th percentiles), the modelled quartiles (headline
    method) with their error bands, the median (printed or modelled) and the printed mean; and, for a year in
    ``published`` (year -> BLS's published 25th and 75th percentiles), those as crosses, the check of the model. The
    panels share one scale; modelled values are labelled to the nearest $100."""
    published = published or {}
    headline = quantiles[quantiles["headline"].astype(bool)]
    years = sorted(headline["year"].unique(), reverse=True)
    charts.use_style()
    fig, axes = charts.plt.subplots(len(years), 1, figsize=(8, 2.1 * len(years) + 1.2), squeeze=False)
    rows, labels = [], []
    low = min(printed[y]["p10"] for y in years)
    high = max(printed[y]["p90"] for y in years)
    for ax, year in zip(axes[:, 0], years):
        y = 0.0
        q = headline[headline["year"] == year].set_index("quantile")
        figures = printed[year]
        median_printed = "median" in figures
        ax.hlines(y, figures["p10"], figures["p90"], color=DARK, lw=1.5, zorder=1)
        ax.add_patch(Rectangle((q.loc[0.25, "annual_usd"], y - 0.14), q.loc[0.75, "annual_usd"] - q.loc[0.25, "annual_usd"], 0.28,
                               facecolor=LIGHT_FILL, edgecolor=charts.PALETTE["blue"], lw=1.2, ls="--", zorder=2))
        modelled = [k for k in wages.QUARTILES if not (k == 0.5 and median_printed)]
        for quantile in modelled:  # error bands: a solid bar across the box's edge, drawn over it
            ax.add_patch(Rectangle((q.loc[quantile, "low_usd"], y - 0.2), q.loc[quantile, "high_usd"] - q.loc[quantile, "low_usd"], 0.4,
                                   facecolor=BAND_COLOUR, alpha=0.55, lw=0, zorder=2.5))
        median = figures["median"] if median_printed else q.loc[0.5, "annual_usd"]
        ax.vlines(median, y - 0.14, y + 0.14, color=charts.PALETTE["blue"], lw=2.2, ls="-" if median_printed else "--", zorder=3)
        ax.plot([figures["p10"], figures["p90"]], [y, y], "|", color=DARK, ms=14, mew=2, zorder=3)
        ax.plot([figures["mean"]], [y], "D", color=charts.PALETTE["vermillion"], ms=6, zorder=4)
        kind = "printed" if median_printed else "modelled"
        median_text = _usd(median) if median_printed else _usd_modelled(median)
        labels += [
            _label(ax, figures["p10"], y, f"{_usd(figures['p10'])}\n10th percentile\n(printed)", True, f"{_usd(figures['p10'])}\n10th"),
            _label(ax, figures["p90"], y, f"{_usd(figures['p90'])}\n90th percentile\n(printed)", True, f"{_usd(figures['p90'])}\n90th"),
            _label(ax, median, y, f"{median_text}\nmedian ({kind})", True, f"{median_text}\nmedian"),
            _label(ax, q.loc[0.25, "annual_usd"], y, f"{_usd_modelled(q.loc[0.25, 'annual_usd'])}\n25th (modelled)", False,
                   f"{_usd_modelled(q.loc[0.25, 'annual_usd'])}\n25th"),
            _label(ax, q.loc[0.75, "annual_usd"], y, f"{_usd_modelled(q.loc[0.75, 'annual_usd'])}\n75th (modelled)", False,
                   f"{_usd_modelled(q.loc[0.75, 'annual_usd'])}\n75th"),
            _label(ax, figures["mean"], y, f"{_usd(figures['mean'])}\nmean (printed)", False, f"{_usd(figures['mean'])}\nmean")]
        rows += [{"year": year, "series": f"p{int(100 * k)} (modelled)", "annual_usd": q.loc[k, "annual_usd"], "low_usd": q.loc[k, "low_usd"],
                  "high_usd": q.loc[k, "high_usd"]} for k in (0.25, 0.75)]
        rows += [{"year": year, "series": f"median ({kind})", "annual_usd": median, "low_usd": q.loc[0.5, "low_usd"], "high_usd": q.loc[0.5, "high_usd"]}]
        rows += [{"year": year, "series": f"{s} (printed)", "annual_usd": figures[s], "low_usd": None, "high_usd": None} for s in ("p10", "p90", "mean")]
        if year in published:
            ax.plot(list(published[year]), [y, y], "x", color=DARK, ms=9, mew=2, zorder=5)
            rows += [{"year": year, "series": f"{s} (published)", "annual_usd": v, "low_usd": None, "high_usd": None}
                     for s, v in zip(("p25", "p75"), published[year])]
        ax.set_yticks([])
        ax.set_ylim(-0.95, 0.95)
        ax.set_xlim(low - 0.08 * (high - low), high + 0.08 * (high - low))
        charts.dollar_axis(ax, "x")
        ax.grid(axis="y", visible=False)
        ax.set_title(f"{year}", loc="left", fontsize=10, fontweight="bold")
        ax.set_xlabel(f"annual pay, US dollars of {year} (nominal)" + ("; ×: the 25th and 75th percentiles BLS published"
                                                                        if year in published else ""))
    checked = any(year in published for year in years)
    fig.suptitle(_title(occupation_name, "the middle half, modelled and checked" if checked else "the middle half of pay, modelled"),
                 fontweight="bold", fontsize=12)
    axes[0, 0].set_title(f"{BAND_WORD}: error band of each modelled value", loc="right", fontsize=8, fontweight="normal", color=DARK)
    charts.for_phone(fig, lambda f: _distribution_for_phone(f, labels, len(years)))
    return fig, pd.DataFrame(rows).sort_values(["year"], kind="stable").reset_index(drop=True)


def _distribution_for_phone(fig, labels, panels: int) -> None:
    """On a phone: short labels ("$25,810 / 10th"), and room for them."""
    for label in labels:
        label.set_text(label._mrt_short)
    key = fig.axes[0]._right_title
    last = fig.axes[-1].xaxis.label
    last.set_text(f"{last.get_text()}; {key.get_text()}")
    key.set_text("")
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 3.1 * panels + 2.0)
    fig.axes[0].title.set_fontsize(charts.PHONE_MIN_FONT_PT)


def _usd(value: float, to: int = 1) -> str:
    """A dollar label; ``to=100`` for a modelled amount (``31384`` -> ``$31,400``)."""
    return f"${round(value / to) * to:,.0f}"


# Nominal and real pay ------------------------------------------------------------------------------

def nominal_vs_real(pay: pd.DataFrame, dollar_year: int, occupation_name: str, statistic: str = "median"):
    """The BLS ``statistic`` by year in dollars of each year and in dollars of ``dollar_year``, one line
    per run of years under one occupation code (no line across a code break), with the years of other
    codes shaded behind and labelled."""
    real = wages.real_column(dollar_year)
    rows = pay[pay["statistic"] == statistic].sort_values("year")
    long = pd.concat([rows.assign(dollars="dollars of each year", annual_usd=rows["nominal_usd"]),
                      rows.assign(dollars=f"{dollar_year} dollars", annual_usd=rows[real])], ignore_index=True)
    fig, ax = charts.new_figure()
    runs = wages.year_runs(wages.bls_annual(rows.rename(columns={"nominal_usd": "value"}).assign(unit="usd_per_year")))
    spans = []
    for run in runs.itertuples():
        if run.comparability != "yes":
            spans.append(charts.shade(ax, run.first_year - 0.5, run.last_year + 0.5,
                         SPAN_LABELS.get(run.comparability, "{soc}").format(soc=run.soc_code), alpha=SPAN_ALPHA.get(run.comparability, 0.2)))
    colours = {"dollars of each year": NOMINAL_GREY, f"{dollar_year} dollars": charts.PALETTE["blue"]}
    ends = []
    for dollars, series in long.groupby("dollars", sort=False):
        series = series.assign(run=series["soc_code"] + series[COMPARABLE])
        for part in charts.break_lines(series, "run"):
            ax.plot(part["year"], part["annual_usd"], marker="o", color=colours[dollars], lw=2, zorder=3)
        last = series.iloc[-1]
        ends.append((last["year"] + 0.3, last["annual_usd"], f"{statistic}, {dollars}", colours[dollars]))
    first, last = int(long["year"].min()), int(long["year"].max())
    ax.set_ylim(long["annual_usd"].min() * 0.9, long["annual_usd"].max() * 1.12)
    ax.set_xlim(first - 0.5, last + 4.4)
    charts.label_line_ends(ax, ends)
    end_labels = ax.texts[-len(ends):]
    charts.year_axis(ax)
    ax.set_xticks([t for t in ax.get_xticks() if first <= t <= last])
    charts.for_phone(fig, lambda f: _real_for_phone(f, ax, spans, end_labels, statistic))
    charts.dollar_axis(ax, "y")
    ax.set(title=_title(occupation_name, f"{statistic} annual pay, nominal and real"),
           ylabel="annual pay, US dollars", xlabel="OEWS survey year (May)")
    return fig, long[["year", "dollars", "annual_usd", "soc_code", COMPARABLE]].reset_index(drop=True)


def _real_for_phone(fig, ax, spans, end_labels, statistic: str) -> None:
    """On a phone: span labels upright and cut to their code; line labels without the statistic's name (it is in the
    title), each on two lines."""
    charts.span_labels_for_phone(spans)
    for label in end_labels:
        label.set_text(label.get_text().removeprefix(f"{statistic}, ").replace(" ", "\n", 1))
    charts.spread_labels(ax, end_labels, 0.14)
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 5.0)


# Places and work settings ----------------------------------------------------------------------------

def place_pay(places: pd.DataFrame, occupation_name: str, setting_labels: dict[str, str]):
    """The guides' annual pay for places (against the national mean) and for work settings (against the
    national median), each panel with its own national line: one denominator per comparison. Only
    figures with a national value of the same year are drawn."""
    annual = places[(places["unit"] == "usd_per_year") & places["national_value"].notna()].copy()
    annual["group"] = annual["setting"].map(lambda s: "place" if s == "all" else "setting")
    annual["label"] = (annual["area"] + " (" + annual["area_type"] + ")").where(annual["group"] == "place", annual["setting"].map(setting_labels))
    panels = [g for g in ("place", "setting") if (annual["group"] == g).any()]
    heights = [max(2, (annual["group"] == g).sum()) for g in panels]
    charts.use_style()
    fig, axes = charts.plt.subplots(len(panels), 1, figsize=(8, 0.42 * sum(heights) + 1.4 * len(panels) + 0.6),
                                    gridspec_kw={"height_ratios": heights}, squeeze=False)
    scale = annual["value"].max() * 1.3  # one x scale for both panels: a bar's length means the same dollars in each
    for ax, group in zip(axes[:, 0], panels):
        data = annual[annual["group"] == group].sort_values("value", ascending=False)
        national = data.iloc[0]
        sns.barplot(data=data, x="value", y="label", ax=ax, color=charts.PALETTE["sky_blue"], orient="h", zorder=2)
        ax.axvline(national["national_value"], color=DARK, lw=1.2, ls="--", zorder=3)
        ax.set_ylim(len(data) + 0.2, -0.6)
        ax.text(national["national_value"], len(data) - 0.45, f" national {national['national_statistic']}: {_usd(national['national_value'])}",
                fontsize=8, color=DARK, va="center")
        for position, row in enumerate(data.itertuples()):
            ax.text(row.value, position, f" {_usd(row.value)} ({row.ratio_to_national:.2f}×)", va="center", fontsize=8, color=DARK,
                    bbox={"boxstyle": "square,pad=0.1", "fc": "white", "ec": "none"}, zorder=4)
        ax.set_xlim(0, scale)
        charts.dollar_axis(ax, "x")
        ax.grid(axis="y", visible=False)
        year = int(national["year"])
        if group == "place":
            what = f"places, against the national {national['national_statistic']} of {year} (year not printed: inferred)"
        else:
            what = f"work settings, against the national {national['national_statistic']} of {year}"
        ax.set_title(what, fontsize=10, loc="left")
        ax.set(xlabel=f"annual pay, dollars of {year} (nominal)", ylabel="")
    fig.suptitle(_title(occupation_name, "pay the guides print for places and work settings"), fontweight="bold", fontsize=12)
    charts.for_phone(fig, lambda f: _rows_for_phone(f, list(axes[:, 0]), 0.45 * sum(heights) + 1.4 * len(panels) + 2.2))
    return fig, annual[["group", "label", "value", "year", "national_statistic", "national_value", "ratio_to_national"]].reset_index(drop=True)
