"""The fact-check notebook's chart: how many claims got each verdict.

The notebook passes the words for each verdict, the title and the alt text (composed from the computed
values); this module only draws. Bars are grouped (agrees with the record, partly, does not, cannot be
checked), each labelled with its count at its end; the not-checkable bar sits below a rule, apart from
the checkable ones, because it is left out of every share.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping

import pandas as pd
from matplotlib.ticker import MaxNLocator

from mrt import charts

# Each group's colour, and beside it the word a sentence uses for it: a key written with these words names what is drawn.
# "Does not hold" is a clear red (ColorBrewer's dark red), far darker than the orange of "partly", so the two stay apart
# for a reader who cannot tell red from green as well.
GROUP_COLOURS = {"agrees": charts.PALETTE["blue"], "partly": charts.PALETTE["orange"], "disagrees": "#B2182B",
                 "not_checkable": charts.PALETTE["grey"]}
GROUP_COLOUR_WORDS = {"agrees": "blue", "partly": "orange", "disagrees": "red", "not_checkable": "grey"}
GROUP_ORDER = tuple(GROUP_COLOURS)
COLOUR_NAMES = ("blue", "orange", "red", "grey", "gray", "green", "yellow", "purple", "pink", "vermillion", "black", "brown")


class ColourKeyError(ValueError):
    """A chart's text names a colour for a verdict that is not the colour it is drawn in."""


def colour_key(labels: Mapping[str, str]) -> str:
    """'Blue: agrees; orange: partly supported; ...' from the colour words beside the colours, for the groups in
    ``labels`` (group -> words for it), in group order."""
    parts = [f"{GROUP_COLOUR_WORDS[g]}: {labels[g]}" for g in GROUP_ORDER if g in labels]
    key = "; ".join(parts)
    return key[:1].upper() + key[1:]


def check_colour_words(text: str, plot: pd.DataFrame) -> None:
    """Refuse a subtitle that names a colour, as "<colour>: ...", other than the colour of a group drawn: each colour
    word followed by a colon or a comma must be the word of a group in ``plot``."""
    drawn = {GROUP_COLOUR_WORDS[g] for g in plot["group"]}
    named = {m.group(1).lower() for m in re.finditer(rf"\b({'|'.join(COLOUR_NAMES)})\b\s*[:,]", text, flags=re.I)}
    wrong = sorted(named - drawn)
    if wrong:
        raise ColourKeyError(f"the chart's text names {', '.join(wrong)} but draws only {', '.join(sorted(drawn))} "
                             f"(the colour words are GROUP_COLOUR_WORDS in {__name__})")


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
    not-checkable bar. The title runs across the figure, the subtitle (wrapped) above the bars. A subtitle that
    names a colour for a verdict must name the one drawn (:func:`check_colour_words`; :func:`colour_key` writes
    such a key). Returns (fig, ax)."""
    check_colour_words(subtitle, plot)
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
    charts.for_phone(fig, lambda f: _for_phone(f, ax, len(plot)))
    return fig, ax


def _for_phone(fig, ax, rows: int) -> None:
    """On a phone: verdicts written above their bars, the bars the full width, a row tall enough for both."""
    charts.labels_above_rows(ax, offset=0.38)
    fig.set_size_inches(charts.PHONE_WIDTH_IN, 0.75 * rows + 3.6)
