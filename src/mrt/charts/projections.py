"""Charts of the projection notebook (03-projections).

Each function draws one chart and returns ``(fig, data)``: the figure, and a long table of exactly
the numbers plotted. The notebook saves both with :func:`mrt.charts.save_chart`, with the alt text
it composes from the computed values (no finding is written here).
"""

from __future__ import annotations

import re

import pandas as pd

from mrt import charts, growth
from mrt.occupation import COMPARABLE

OCCUPATION_COLOUR = charts.PALETTE["blue"]
AVERAGE_COLOUR = charts.PALETTE["vermillion"]
MEASURED_COLOUR = charts.PALETTE["black"]
PATH_COLOURS = [charts.PALETTE[k] for k in ("blue", "orange", "green", "purple", "sky_blue", "vermillion")]


def _code_spans(ax, frame: pd.DataFrame, x: str, span_labels: dict[str, str]) -> list:
    """Shade, behind the data, each run of rows whose occupation code is not the reference code, labelled at the top;
    returns the labels."""
    labels = []
    for run in charts.break_lines(frame, COMPARABLE):
        comparable = run[COMPARABLE].iloc[0]
        if comparable == "yes":
            continue
        labels.append(charts.shade(ax, float(run[x].min()) - 0.45, float(run[x].max()) + 0.45, span_labels.get(comparable, ""),
                                   alpha=0.22 if comparable == "no" else 0.1))
    return labels


def _growth_for_phone(fig, spans, name) -> None:
    """On a phone: span labels upright and cut to their code, the occupation's name at the top left of the plot."""
    charts.span_labels_for_phone(spans)
    name.set_position((0.01, 0.98))
    name.set_anncoords("axes fraction")
    name.set_va("top")
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 7.0)


def growth_by_vintage(vintages: pd.DataFrame, occupation: str, span_labels: dict[str, str], quoted: tuple[str, ...] = (),
                      missing_label: str = "all-occupations\nfigure not found", quoted_label: str = "quoted by the guides"):
    """Two panels over the outlooks (x: the outlook's base year): projected ten-year growth of the occupation
    and of all occupations (top), and their ratio (bottom). Lines never cross a change of occupation code;
    spans for the other codes sit behind the data, labelled with ``span_labels`` (by comparability);
    a missing all-occupations figure is marked where it would be; the ``quoted`` outlooks are ringed."""
    frame = vintages.sort_values("base_year").reset_index(drop=True)
    charts.use_style()
    fig, (top, bottom) = charts.plt.subplots(2, 1, figsize=(8, 6.6), sharex=True, gridspec_kw={"height_ratios": [3, 2]})
    rows = []
    for run in charts.break_lines(frame, COMPARABLE):
        top.plot(run["base_year"], run["pct_change"], marker="o", color=OCCUPATION_COLOUR, zorder=3)
        top.plot(run["base_year"], run["all_occupations_pct_change"], marker="s", color=AVERAGE_COLOUR, zorder=3)
        bottom.plot(run["base_year"], run["ratio_to_all_occupations"], marker="o", color=charts.PALETTE["black"], zorder=3)
    for r in frame.itertuples(index=False):
        common = {"vintage": r.vintage, "base_year": r.base_year, COMPARABLE: getattr(r, COMPARABLE), "quoted_by_guides": r.vintage in quoted}
        rows += [{"panel": "projected growth", "series": occupation, **common, "value": r.pct_change, "unit": "percent over ten years"},
                 {"panel": "projected growth", "series": "all occupations", **common, "value": r.all_occupations_pct_change,
                  "unit": "percent over ten years"},
                 {"panel": "ratio", "series": f"{occupation} / all occupations", **common, "value": r.ratio_to_all_occupations, "unit": "ratio"}]
        if pd.isna(r.all_occupations_pct_change):
            top.text(r.base_year, 1.0, missing_label, fontsize=7.5, color="#333333", style="italic", ha="left", va="bottom")
            bottom.text(r.base_year, 0.15, "no ratio", fontsize=7.5, color="#333333", style="italic", ha="left", va="bottom")
    ringed = frame[frame["vintage"].isin(quoted)]
    top.plot(ringed["base_year"], ringed["pct_change"], ls="none", marker="o", ms=13, mfc="none", color=charts.PALETTE["black"], mew=1.2, zorder=4)
    if len(ringed):
        last = ringed.iloc[-1]
        top.annotate(quoted_label, xy=(last["base_year"], last["pct_change"]), xytext=(10, 10), textcoords="offset points",
                     fontsize=8, color="#333333")
    spans = []
    for ax in (top, bottom):
        spans += _code_spans(ax, frame, "base_year", span_labels if ax is top else {})
        charts.year_axis(ax)
    top.set_ylim(0, max(frame["pct_change"].max(), frame["all_occupations_pct_change"].max()) * 1.35)
    first = frame.dropna(subset=["all_occupations_pct_change"]).iloc[0]
    name = top.annotate(occupation, xy=(frame["base_year"].iloc[0], frame["pct_change"].iloc[0]), xytext=(0, 18), textcoords="offset points",
                        color=OCCUPATION_COLOUR, fontsize=9, weight="bold")
    charts.for_phone(fig, lambda f: _growth_for_phone(f, spans, name))
    # above and to the right of its first point, inside the plot: never over the y axis's tick labels
    top.annotate("all occupations", xy=(first["base_year"], first["all_occupations_pct_change"]), xytext=(6, 7),
                 textcoords="offset points", ha="left", va="bottom", color=AVERAGE_COLOUR, fontsize=9, weight="bold")
    top.set_ylabel("projected growth over\nten years, percent")
    top.set_title(f"Projected ten-year growth of {occupation}, by BLS outlook")
    bottom.axhline(1, color="#555555", lw=1, ls="--", zorder=2)
    bottom.text(frame["base_year"].iloc[0] + 1.8, 1.05, "1× = the same as the average", fontsize=7.5, color="#333333", va="bottom")
    bottom.set_ylim(0, frame["ratio_to_all_occupations"].max() * 1.2)
    bottom.set_ylabel("times the all-\noccupations percent")
    bottom.set_xlabel("first year of the outlook (each outlook runs ten years)")
    return fig, pd.DataFrame(rows)


def _short_outlook_label(text: str) -> str:
    """'2016–2026 outlook: measured +1.9%' -> '2016–26: +1.9%' (the phone rendition)."""
    match = re.match(r"(\d{4})[–-]\d{2}(\d{2}) outlook: measured (.*)", text)
    return f"{match.group(1)}–{match.group(2)}: {match.group(3)}" if match else text


def _paths_for_phone(fig, ax, ends, after) -> None:
    """On a phone: short end labels ('2016–26: +1.9%'), spaced for the larger text, and the note on later years under the plot."""
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 5.2)
    for text in ends:
        text.set_text(_short_outlook_label(text.get_text()))
    charts.spread_labels(ax, ends, 0.075)
    after.set_position((0.0, -0.16))
    after.set_ha("left")
    after.set_va("top")


def outcome_paths(vintages: pd.DataFrame, like_for_like: pd.DataFrame, occupation: str, after_label: str):
    """Each outlook's projected path (compound growth, read at whole years) from its base year to the last
    year measured like for like, ending in its difference from the measurement, with the measured base-year
    employment of every outlook of the same code up to that year as black dots."""
    last = int(like_for_like["year"].max())
    checked = vintages[vintages["vintage"].isin(like_for_like["vintage"])].sort_values("base_year")
    at_last = like_for_like[like_for_like["year"] == last].set_index("vintage")["difference_pct"]
    fig, ax = charts.new_figure(8, 5)
    rows, labels = [], []
    for i, v in enumerate(checked.itertuples(index=False)):
        years = list(range(int(v.base_year), last + 1))
        level = [growth.path_level(v.base_employment_thousands, v.projected_thousands, v.base_year, v.target_year, y) for y in years]
        colour = PATH_COLOURS[i % len(PATH_COLOURS)]
        ax.plot(years, level, color=colour, lw=1.8, zorder=3)
        ax.plot(years[-1:], level[-1:], marker="o", mfc="white", color=colour, zorder=4)
        labels.append((last + 0.15, level[-1], f"{v.vintage.replace('-', '–')} outlook: measured {at_last[v.vintage]:+.1f}%", colour))
        rows += [{"series": f"{v.vintage} outlook", "kind": "projected path (compound growth)", "year": y, "thousands_of_jobs": round(t, 1)}
                 for y, t in zip(years, level)]
    codes = set(like_for_like["soc_code"])
    measured = vintages[vintages["soc_code"].isin(codes) & (vintages["base_year"] <= last)].sort_values("base_year")
    ax.plot(measured["base_year"], measured["base_employment_thousands"], ls="none", marker="o", ms=7, color=MEASURED_COLOUR, zorder=5)
    for m in measured.itertuples(index=False):
        rows.append({"series": "measured", "kind": "base-year employment of an outlook", "year": int(m.base_year),
                     "thousands_of_jobs": float(m.base_employment_thousands)})
    top = measured.iloc[-1]
    ax.annotate("measured: base year\nof each outlook", xy=(top["base_year"], top["base_employment_thousands"]), xytext=(-10, 4),
                textcoords="offset points", ha="right", fontsize=8.5, color=MEASURED_COLOUR)
    values = [r["thousands_of_jobs"] for r in rows]
    ax.set_ylim(min(values) * 0.97, max(values) * 1.03)
    # the plot ends with the last year measured; the labels and the note on later years sit in the margin to its right
    ax.set_xlim(float(checked["base_year"].min()) - 0.5, last + 0.5)
    charts.label_line_ends(ax, labels)
    ends = ax.texts[-len(labels):] if labels else []
    after = ax.text(1.0, 0.0, " " + " ".join(after_label.split()), transform=ax.transAxes, ha="left", va="bottom", fontsize=8,
                    color="#333333", style="italic", wrap=True)
    charts.year_axis(ax)
    first_year = int(checked["base_year"].min())
    ax.set_xticks(range(first_year, last + 1, 2 if last - first_year > 6 else 1))
    charts.for_phone(fig, lambda f: _paths_for_phone(f, ax, ends, after))
    ax.set_title(f"Employment of {occupation}:\neach BLS outlook's path against what was measured")
    ax.set_ylabel("thousands of jobs (all jobs,\nself-employed included)")
    ax.set_xlabel("")
    return fig, pd.DataFrame(rows)
