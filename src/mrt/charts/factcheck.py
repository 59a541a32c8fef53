"""The fact-check notebook's chart: how many claims got each verdict.

The notebook passes the words for each verdict, the title and the alt text (composed from the computed
values); this module only draws. Bars are grouped (agrees with the record, partly, does not, cannot be
checked), each labelled with its count at its end; the not-checkable bar sits below a rule, apart from
the checkable ones, because it is left out of every share.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import pandas as pd

from mrt import charts

GROUP_COLOURS = {"agrees": charts.PALETTE["blue"], "partly": charts.PALETTE["orange"], "disagrees": charts.PALETTE["vermillion"],
                 "not_checkable": charts.PALETTE["grey"]}
GROUP_ORDER = tuple(GROUP_COLOURS)


def verdict_table(counts: Mapping[str, int], labels: Mapping[str, str], groups: Mapping[str, str]) -> pd.DataFrame:
    """The numbers plotted: one row per verdict with at least one claim, in group order, then verdict order."""
    rows = [{"verdict": v, "label": labels[v], "group": groups[v], "claims": int(n)} for v, n in counts.items() if n]
    unknown = sorted({r["group"] for r in rows} - set(GROUP_ORDER))
    if unknown:
        raise ValueError(f"unknown verdict groups {unknown}; expected {GROUP_ORDER}")
    order = {g: i for i, g in enumerate(GROUP_ORDER)}
    return pd.DataFrame(sorted(rows, key=lambda r: order[r["group"]]), columns=["verdict", "label", "group", "claims"])


def verdict_bars(plot: pd.DataFrame, title: str, subtitle: str, xlabel: str = "number of claims"):
    """Horizontal bars, first verdict at the top, each bar labelled with its count; a rule above the
    not-checkable bar. The title runs across the figure, the subtitle (wrapped) above the bars. Returns (fig, ax)."""
    from matplotlib.ticker import MaxNLocator

    fig, ax = charts.new_figure(8, 0.42 * len(plot) + 2.4)
    positions = list(range(len(plot)))[::-1]
    ax.barh(positions, plot["claims"], color=[GROUP_COLOURS[g] for g in plot["group"]], height=0.65, zorder=2)
    ax.set_yticks(positions, plot["label"])
    top = float(plot["claims"].max()) if len(plot) else 1.0
    for y, n in zip(positions, plot["claims"]):
        ax.text(n + top * 0.01, y, f"{int(n)}", va="center", ha="left", fontsize=9, color="#222222")
    apart = [y for y, g in zip(positions, plot["group"]) if g == "not_checkable"]
    if apart and len(apart) < len(plot):
        ax.axhline(max(apart) + 0.5, color="#555555", lw=0.8, ls="--", zorder=1)
    ax.set_xlim(0, top * 1.12)
    ax.set_ylim(-0.6, len(plot) - 0.4)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    fig.suptitle(title, x=0.01, ha="left", fontsize=12, fontweight="bold")
    ax.set_title(textwrap.fill(subtitle, 78), loc="left", fontsize=9, fontweight="normal", color="#333333")
    return fig, ax
