"""The education notebook's charts: the routes' cumulative present value, and what it takes to change the leader.

Each function draws one chart and returns the figure with the frame of exactly the numbers it plots;
the notebook composes the alt text from the computed values and saves it with :func:`mrt.charts.save_chart`.
"""

from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib import patheffects
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from mrt import charts, report
from mrt.education import ADVANCEMENT, CERTIFICATE, MODEL_ROUTES, value_text

SHORT_LABELS = {"hs_diploma_on_the_job": "High school + training", "postsecondary_certificate": "Certificate",
                "associate_degree": "Associate's degree"}
# dark enough for text on white (the labels take the line's colour)
COLOURS = dict(zip(MODEL_ROUTES, ("#6b6b6b", "#B07800", charts.PALETTE["blue"], charts.PALETTE["vermillion"])))
TEXT = "#333333"
# The certificate's line is dashed and drawn on top: where it runs over another route's line (the associate's degree's,
# with the default assumptions) both stay visible.
LINE_STYLES = {CERTIFICATE: {"ls": (0, (3, 1.5)), "zorder": 4}}
# The sensitivity chart's bars: the word that names a colour in the chart's own text comes from here, beside the colour
# (a test checks that the word is the basic colour name nearest to it).
FLIP_COLOUR, FLIP_COLOUR_WORD = charts.PALETTE["vermillion"], "orange"
OTHER_COLOUR = charts.PALETTE["sky_blue"]
END_LABEL, BAR = "end label", "bar"  # gids of the value labels and the bars (tests find them by it)
LABEL_GAP_POINTS = 3
PHONE_KEY_CHARACTERS = 42  # a line of the phone key at 12 pt, with its line sample, fits 600 px
LAYOUT_RECT = (0, 0.05, 1, 1)  # the rect charts.save_chart lays a chart out in (room for the source line)


def money_axis(ax, axis: str = "y") -> None:
    """Dollars with separators and the sign before the dollar sign (-$50,000)."""
    (ax.yaxis if axis == "y" else ax.xaxis).set_major_formatter(FuncFormatter(lambda value, _: report.money(value)))


def short_label(route: str, advancement_label: str) -> str:
    return SHORT_LABELS.get(route, advancement_label)


def cumulative_chart(yearly: pd.DataFrame, results: pd.DataFrame, band: pd.DataFrame, *, occupation_name: str, dollar_year: int,
                     discount_rate_pct: float, promotion_year: float, promotion_probability: float):
    """Cumulative pay minus tuition, discounted (the basis of the ranking), one line per route.

    ``band`` holds the route up never promoted (``low``) and promoted for sure (``high``) by year: the line
    between is the expected value. The lead of the best route over the next is written on the chart. On a phone
    the lines' end labels become a key under the plot (:func:`_cumulative_for_phone`).
    """
    labels = dict(zip(results["route"], results["label"]))
    fig, ax = charts.new_figure(8, 5)
    ax.fill_between(band["year"], band["low"], band["high"], color=COLOURS[ADVANCEMENT], alpha=0.12, lw=0, zorder=0)
    for route in MODEL_ROUTES:
        own = yearly[yearly["route"] == route]
        ax.plot(own["year"], own["cumulative_net_present_usd"], **_line_style(route))
    horizon = int(yearly["year"].max())
    ax.axvline(promotion_year - 0.5, color=TEXT, lw=0.8, ls=":", zorder=1)
    ax.text(promotion_year - 0.4, 0.04, f"promotion possible\nfrom year {promotion_year:g}\n(chance {report.percent(100 * promotion_probability, 0)})",
            transform=ax.get_xaxis_transform(), fontsize=8, color=TEXT, va="bottom")
    ax.set_xlim(0.5, horizon + 0.5)
    charts.year_axis(ax)
    money_axis(ax)
    ax.axhline(0, color="#999999", lw=0.8, zorder=1)
    ends = results.set_index("route")["net_present_value_usd"]
    never, for_sure = band["low"].iloc[-1], band["high"].iloc[-1]
    line_labels = [(horizon + 0.3, ends[r], f"{short_label(r, labels[r])}: {report.money(ends[r], to=100)}", COLOURS[r]) for r in MODEL_ROUTES]
    line_labels += [(horizon + 0.3, for_sure, "if promoted for sure", TEXT), (horizon + 0.3, never, "if never promoted", TEXT)]
    low, high = ax.get_ylim()
    ax.set_ylim(low, high + 0.06 * (high - low))
    charts.label_line_ends(ax, line_labels, min_gap=0.045 * (high - low))
    end_labels = ax.texts[-len(line_labels):]
    best = results.sort_values("rank_by_present_value").iloc[0]
    runner_up = results.sort_values("rank_by_present_value").iloc[1]
    lead = ax.text(0.02, 0.97, f"After {horizon} years:\n{short_label(best['route'], best['label'])}\nleads {short_label(runner_up['route'], runner_up['label'])}\n"
                   f"by {report.money(best['lead_over_next_usd'], to=100)} ({report.percent(best['lead_over_next_pct'])})",
                   transform=ax.transAxes, va="top", fontsize=9, color=TEXT, bbox={"boxstyle": "round,pad=0.3", "fc": "white", "ec": "#cccccc"})
    fig.suptitle(f"{occupation_name.capitalize()}: what each route earns, modelled", x=0.01, ha="left", fontweight="bold", fontsize=12)
    ax.set_xlabel("years after leaving high school")
    what = f"pay minus tuition so far, present value\n({dollar_year} dollars, discounted {report.percent(discount_rate_pct, 0)} a year)"
    ax.set_ylabel(what)
    key = [(ends[r], _line_key(r), f"{short_label(r, labels[r])}: {report.money(ends[r], to=100)}") for r in MODEL_ROUTES]
    key = [(handle, text) for _, handle, text in sorted(key, key=lambda entry: -entry[0])]  # in the order the lines end, top first
    key.append((_band_key(), f"range of {short_label(ADVANCEMENT, labels[ADVANCEMENT])}:\n{report.money(for_sure, to=100)} if promoted "
                             f"for sure\n{report.money(never, to=100)} if never promoted"))
    charts.for_phone(fig, lambda f: _cumulative_for_phone(f, ax, end_labels + [lead], key, what))
    plotted = pd.concat([yearly[["route", "year", "cumulative_net_present_usd"]].assign(series="expected"),
                         band.rename(columns={"low": "cumulative_net_present_usd"})[["year", "cumulative_net_present_usd"]].assign(
                             route=ADVANCEMENT, series="never promoted"),
                         band.rename(columns={"high": "cumulative_net_present_usd"})[["year", "cumulative_net_present_usd"]].assign(
                             route=ADVANCEMENT, series="promoted for sure")], ignore_index=True)
    return fig, plotted[["route", "series", "year", "cumulative_net_present_usd"]]


def _line_style(route: str) -> dict:
    """How a route's line is drawn (colour, width, markers, dashes), in the chart and in its key."""
    return {"color": COLOURS[route], "marker": "o", "markersize": 3, "lw": 2, "zorder": 3, **LINE_STYLES.get(route, {})}


def _line_key(route: str):
    return Line2D([], [], **{k: v for k, v in _line_style(route).items() if k != "zorder"})


def _band_key():
    return Patch(color=COLOURS[ADVANCEMENT], alpha=0.12, lw=0)


def _cumulative_for_phone(fig, ax, texts: list, key: list, what: str) -> None:
    """On a phone the plot keeps the full width: the lines' end labels (too long for a margin at 12 pt) become a key
    under the plot, in the order the lines end, and the y axis's long label becomes the plot's subtitle. ``texts``: the end
    labels, then the box with the lead (wrapped to the figure)."""
    _phone_size(fig, 7.4)
    *end_labels, lead = texts
    lead.set_wrap(True)
    lead.set_in_layout(False)  # inside the plot: wrapped to the figure rather than narrowing the plot
    for label in end_labels:
        label.set_visible(False)
    ax.set_ylabel("")
    ax.set_title(" ".join(what.split()), loc="left", fontsize=charts.PHONE_MIN_FONT_PT, fontweight="normal", color=TEXT, wrap=True)
    ax.yaxis.set_major_locator(MaxNLocator(5))
    charts._layout(fig)
    handles, entries = zip(*key)
    _key_below(ax, list(handles), ["\n".join(textwrap.fill(line, PHONE_KEY_CHARACTERS) for line in entry.split("\n")) for entry in entries])


def _key_below(ax, handles: list, texts: list) -> None:
    """A key in one column under the x axis's label, from the figure's left edge (the figure's layout makes room for it)."""
    fig = ax.figure
    charts.layout_draw(fig)
    below = ax.xaxis.label.get_window_extent() if ax.get_xlabel() else ax.xaxis.get_tightbbox()
    drop = (ax.get_window_extent().y0 - below.y0) / fig.dpi + 0.08
    anchor = blended_transform_factory(fig.transFigure, ax.transAxes) + ScaledTranslation(0, -drop, fig.dpi_scale_trans)
    ax.legend(handles, texts, loc="upper left", bbox_to_anchor=(0.01, 0), bbox_transform=anchor, borderaxespad=0, borderpad=0,
              handlelength=2.4, labelspacing=0.6, fontsize=charts.PHONE_MIN_FONT_PT)


def _phone_size(fig, height: float) -> None:
    """The phone rendition's size, laid out at the resolution it is saved at (text measured at another resolution
    wraps and rounds differently, and the layout would leave text overlapping), the title at the top whatever the
    height (matplotlib places it 2% of the height down)."""
    height = round(height * charts.PHONE_DPI) / charts.PHONE_DPI  # a whole number of pixels
    fig.set_dpi(charts.PHONE_DPI)
    fig.set_size_inches(charts.PHONE_WIDTH_IN, height)
    fig._suptitle.set_y(1 - 0.06 / height)


def compact(name: str, value: float) -> str:
    """A parameter value as short as a chart needs: ``25th``, ``50%``, ``$4,556``, ``20 years``."""
    return value_text(name, value).removeprefix("the ").removesuffix(" percentile")


def chart_rows(break_even: pd.DataFrame, ranking: str, most: int = 8) -> pd.DataFrame:
    """The parameters that move a ranking's lead: every one that changes the leader, then the widest others, up to ``most``."""
    rows = break_even[(break_even["ranking"] == ranking) & (break_even["lead_at_low_usd"] != break_even["lead_at_high_usd"])].copy()
    rows["span"] = (rows["lead_at_high_usd"] - rows["lead_at_low_usd"]).abs()
    rows["flips"] = rows["flips_below"].notna() | rows["flips_above"].notna()
    chosen = rows.sort_values(["flips", "span"], ascending=False).head(max(most, int(rows["flips"].sum())))
    return chosen.sort_values("span").drop(columns=["span"])


def _panel(ax, rows: pd.DataFrame, title: str) -> tuple[list[float], list]:
    """One ranking's bars, names and reference lines; returns the x of the reference lines (zero and the default lead)
    and their labels."""
    for y, row in enumerate(rows.itertuples(index=False)):
        low, high = sorted((row.lead_at_low_usd, row.lead_at_high_usd))
        ax.barh(y, high - low, left=low, height=0.6, color=FLIP_COLOUR if row.flips else OTHER_COLOUR, zorder=2, gid=BAR)
    names = []
    for row in rows.itertuples(index=False):
        flips = [value for value in (row.flips_below, row.flips_above) if pd.notna(value)]
        gap = "" if pd.isna(row.start_gap_at_flip) else f"; gap {report.number(row.start_gap_at_flip, 1)} points"
        names.append(row.label + (f"\n(leader changes at {compact(row.assumption, flips[0])}{gap})" if flips else ""))
    ax.set_yticks(range(len(rows)), names, fontsize=8)
    default = rows["lead_at_default_usd"].iloc[0]
    ax.axvline(default, color=TEXT, lw=1, ls="--", zorder=1)
    ax.axvline(0, color="black", lw=1.2, zorder=1)
    left, right = ax.get_xlim()
    span = max(right, 0) - min(left, 0)
    ax.set_xlim(min(left, 0) - 0.18 * span, max(right, 0) + 0.18 * span)
    marks = [ax.text(0, 1.01, " another route leads ←", transform=ax.get_xaxis_transform(), ha="right", va="bottom", fontsize=7.5, color=TEXT),
             ax.text(default, 1.01, f" default lead {report.money(default, to=100)}", transform=ax.get_xaxis_transform(), ha="left",
                     va="bottom", fontsize=7.5, color=TEXT)]
    ax.set_title(title, loc="left", fontsize=10, pad=16)
    ax.grid(axis="y", visible=False)
    money_axis(ax, "x")
    return [0.0, float(default)], marks


def _end_labels(ax, rows: pd.DataFrame) -> list:
    """The value tried at each end of each bar, outside the bar: the lower lead's value on the left, the higher on the right."""
    labels = []
    for y, row in enumerate(rows.itertuples(index=False)):
        ends = sorted(((row.lead_at_low_usd, row.low_value), (row.lead_at_high_usd, row.high_value)), key=lambda end: end[0])
        for side, (lead, value) in zip((-1, 1), ends):
            text = ax.annotate(compact(row.assumption, value), (lead, y), xytext=(side * LABEL_GAP_POINTS, 0), textcoords="offset points",
                               ha="left" if side > 0 else "right", va="center", fontsize=7.5, color=TEXT, zorder=3, gid=END_LABEL)
            labels.append((text, float(lead), side))
    return labels


def _crosses(text, x: float, renderer) -> bool:
    """Whether ``text`` covers the vertical line at data ``x`` (one pixel of margin)."""
    box = text.get_window_extent(renderer)
    at = text.axes.transData.transform((x, 0))[0]
    return box.x0 - 1 <= at <= box.x1 + 1


def _settle(ax, labels: list, lines: list[float], tries: int = 6) -> None:
    """Move each end label past any reference line it would cover (to the far side of that line, same row), then widen
    the x axis until every label lies inside it."""
    renderer = ax.figure.canvas.get_renderer()
    for _ in range(tries):
        for text, lead, side in labels:
            x = lead
            text.xy = (x, text.xy[1])
            for line in sorted((line for line in lines if side * (line - x) >= 0), key=lambda line: side * line):
                if _crosses(text, line, renderer):
                    x = line
                    text.xy = (x, text.xy[1])
        inside = ax.get_window_extent(renderer)
        boxes = [text.get_window_extent(renderer) for text, _, _ in labels]
        over_left = max([inside.x0 - box.x0 for box in boxes] + [0])
        over_right = max([box.x1 - inside.x1 for box in boxes] + [0])
        if not over_left and not over_right:
            return
        left, right = ax.get_xlim()
        per_pixel = (right - left) / inside.width
        ax.set_xlim(left - 1.2 * over_left * per_pixel, right + 1.2 * over_right * per_pixel)


def sensitivity_chart(break_even: pd.DataFrame, labels: dict[str, str], *, occupation_name: str, dollar_year: int, most: int = 8,
                      ranking_labels: dict[str, str] | None = None):
    """For each ranking (all routes; routes that stay in the job), the default leader's lead as one parameter at a time
    moves from its low to its high value: a bar that crosses zero changes the leader. ``ranking_labels`` names the
    rankings in the panel titles (default: their keys)."""
    panels = {ranking: chart_rows(break_even, ranking, most) for ranking in dict.fromkeys(break_even["ranking"])}
    charts.use_style()
    heights = [len(rows) + 1.5 for rows in panels.values()]
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 0.5 * sum(heights) + 1.2), gridspec_kw={"height_ratios": heights})
    drawn = []
    for ax, (ranking, rows) in zip(axes, panels.items()):
        leader = short_label(rows["leader"].iloc[0], labels[rows["leader"].iloc[0]])
        title = (ranking_labels or {}).get(ranking, ranking)
        lines, marks = _panel(ax, rows, f"{title[:1].upper()}{title[1:]}: lead of {leader} over the next best")
        drawn.append({"ax": ax, "rows": len(rows), "lines": lines, "marks": marks})
    axes[-1].set_xlabel(f"lead in present value ({dollar_year} dollars)\n"
                        "Each bar moves one assumption from its low to its high value, the others at their defaults.\n"
                        f"{FLIP_COLOUR_WORD.capitalize()} bars cross zero: that assumption alone changes which route pays most.", fontsize=9)
    fig.suptitle(f"{occupation_name.capitalize()}: which assumptions decide the best route (modelled)", x=0.01, ha="left", fontweight="bold", fontsize=12)
    charts.tight_layout(fig, LAYOUT_RECT)  # the layout save_chart gives it, so that the labels are placed at their final scale
    for panel, rows in zip(drawn, panels.values()):
        panel["ends"] = _end_labels(panel["ax"], rows)
        _settle(panel["ax"], panel["ends"], panel["lines"])
        panel["shade"] = _shade_where_another_leads(panel["ax"])
    charts.for_phone(fig, lambda f: _sensitivity_for_phone(f, drawn))
    plotted = pd.concat(panels.values())[["ranking", "assumption", "label", "low_value", "high_value", "lead_at_low_usd", "lead_at_default_usd",
                                          "lead_at_high_usd", "flips_below", "flips_above", "start_gap_at_flip"]]
    return fig, plotted


def _shade_where_another_leads(ax):
    return ax.axvspan(ax.get_xlim()[0], 0, color=charts.PALETTE["grey"], alpha=0.12, lw=0, zorder=0)


# On a phone each row's name is written above its bar (so that the bars keep the width of the figure): a row holds up to
# two lines of name, the bar and the value labels beside it. Sizes in rows (data units) and inches at 12 pt.
PHONE_ROW_INCHES = {"sensitivity": 0.6, "joint": 0.46}
PHONE_NAME_OFFSET = {"sensitivity": 0.2, "joint": 0.26}  # from the bar's centre to the bottom of its name
PHONE_BAR_HEIGHT = {"sensitivity": 0.22, "joint": 0.34}
PHONE_TITLE_PAD = 22  # points between a panel's plot and its title: room for one line of 12-pt label (the reference line's)


def _sensitivity_for_phone(fig, panels: list[dict]) -> None:
    """On a phone: each assumption's name (two lines where the leader changes) above its bar; the zero line's label becomes a
    sentence of the caption and the default lead's label stays at its line, inside the plot; the value labels are placed
    again at their phone size."""
    for panel in panels:
        ax = panel["ax"]
        panel["shade"].remove()  # not a bar: labels_above_rows would thin it
        _names_above_rows(ax, "sensitivity")
        ax.set_ylim(-0.45, panel["rows"] - 0.05)
        panel["marks"][0].set_visible(False)
        ax.xaxis.set_major_locator(MaxNLocator(nbins=4))
    caption = fig.axes[-1].xaxis.label
    caption.set_text(f"{caption.get_text()} Shaded: another route leads.")
    _phone_rows(fig, [panel["rows"] + 0.4 for panel in panels], "sensitivity")
    for panel in panels:
        _settle(panel["ax"], panel["ends"], panel["lines"])
        panel["shade"] = _shade_where_another_leads(panel["ax"])
        _inside_plot(panel["marks"][1])


def _names_above_rows(ax, chart: str) -> None:
    """The row names above their rows (:func:`mrt.charts.labels_above_rows`), keeping their line breaks, and the panel's
    title lifted above the reference line's label."""
    names = [label.get_text() for label in ax.get_yticklabels() if label.get_text()]
    for text, name in zip(charts.labels_above_rows(ax, offset=PHONE_NAME_OFFSET[chart], bar_height=PHONE_BAR_HEIGHT[chart]), names):
        text.set_text(name)
        text.set_wrap(True)
        text.set_path_effects([patheffects.withStroke(linewidth=3, foreground="white")])  # a halo: legible over the reference lines
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=PHONE_TITLE_PAD, fontsize=charts.PHONE_MIN_FONT_PT, fontweight="bold", wrap=True)


def _phone_rows(fig, units: list[float], chart: str) -> None:
    """Size the gridded panels so that a row (one data unit) is :data:`PHONE_ROW_INCHES` tall: lay out, measure and correct
    the figure's height (twice: the titles, ticks and captions keep their size, so the second correction is tiny), lay out."""
    axes = fig.axes
    axes[0].get_subplotspec().get_gridspec().set_height_ratios(units)
    _phone_size(fig, PHONE_ROW_INCHES[chart] * sum(units) + 3.0)
    for _ in range(2):
        charts._layout(fig)
        measured = sum(ax.get_window_extent().height for ax in axes) / fig.dpi / sum(units)
        _phone_size(fig, fig.get_size_inches()[1] + (PHONE_ROW_INCHES[chart] - measured) * sum(units))
    charts._layout(fig)


def _inside_plot(label) -> None:
    """A label above the plot at a vertical line: to the right of the line if it fits within the plot's width, else to its left."""
    ax = label.axes
    charts.layout_draw(ax.figure)
    box, plot = label.get_window_extent(), ax.get_window_extent()
    if box.x1 > plot.x1 and box.x0 - box.width >= plot.x0:
        label.set_text(f"{label.get_text().strip()} ")
        label.set_ha("right")


def joint_chart(shares: pd.DataFrame, *, occupation_name: str, needed: float, sets: int, ranking_labels: dict[str, str] | None = None):
    """For each ranking (all routes; routes that stay in the job), the share of assumption sets in which each route leads,
    with the share the model needs to rank a route first: a ranking with no bar reaching that line cannot be ranked.
    ``ranking_labels`` names the rankings in the panel titles (default: their keys)."""
    panels = {ranking: shares[shares["ranking"] == ranking].iloc[::-1] for ranking in dict.fromkeys(shares["ranking"])}
    charts.use_style()
    heights = [len(rows) + 1.5 for rows in panels.values()]
    fig, axes = plt.subplots(len(panels), 1, figsize=(9, 0.45 * sum(heights) + 1.4), gridspec_kw={"height_ratios": heights})
    for ax, (ranking, rows) in zip(axes, panels.items()):
        ys = range(len(rows))
        ax.barh(list(ys), 100 * rows["share_led"], height=0.6, color=[COLOURS[r] for r in rows["route"]], zorder=2, gid=BAR)
        for y, share in zip(ys, rows["share_led"]):
            ax.annotate(report.percent(100 * share, 0), (100 * share, y), xytext=(LABEL_GAP_POINTS, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=8, color=TEXT, gid=END_LABEL)
        ax.set_yticks(list(ys), [short_label(r, label) for r, label in zip(rows["route"], rows["label"])], fontsize=9)
        ax.axvline(100 * needed, color=TEXT, lw=1, ls="--", zorder=1)
        ax.text(100 * needed, 1.01, f"needed to rank first: {report.percent(100 * needed, 0)} ", transform=ax.get_xaxis_transform(),
                ha="right", va="bottom", fontsize=7.5, color=TEXT)
        ax.set_xlim(0, 100)
        title = (ranking_labels or {}).get(ranking, ranking)
        ax.set_title(f"{title[:1].upper()}{title[1:]}: share of assumption sets in which each leads", loc="left", fontsize=10, pad=16)
        ax.grid(axis="y", visible=False)
    axes[-1].set_xlabel(f"percent of {sets:,} assumption sets, every assumption drawn at once from its range", fontsize=9)
    fig.suptitle(f"{occupation_name.capitalize()}: how often each route pays best (modelled)", x=0.01, ha="left", fontweight="bold",
                 fontsize=12)
    charts.for_phone(fig, lambda f: _joint_for_phone(f, [len(rows) for rows in panels.values()]))
    return fig, shares[["ranking", "route", "label", "assumption_sets", "sets_led", "share_led"]]


def _joint_for_phone(fig, rows: list[int]) -> None:
    """On a phone: each route's name above its bar, the bars the full width."""
    for ax, count in zip(fig.axes, rows):
        _names_above_rows(ax, "joint")
        ax.set_ylim(-0.45, count - 0.25)
    _phone_rows(fig, [count + 0.2 for count in rows], "joint")
